"""How time and memory grow with the input: one long line, many lines, many catalog
entries, many files (with and without the cache). Each run is `translate-kit check` in its
own process; the table gives seconds, peak RSS and time per unit next to the smallest
size, so a curve that is not flat (superlinear) shows at a glance.

    python bench/scale_bench.py                 # the full curve (takes a while)
    python bench/scale_bench.py --quick         # small sizes only
    python bench/scale_bench.py --case files --profile   # plus a cProfile table per run
    python bench/scale_bench.py --case files --size 20000 --repeat 5   # modes alternated, medians

Inputs are generated into a temporary folder from the bundled example article (each copy
numbered so no line repeats) and deleted afterwards.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "article.ja.md"
SIZES = {
    "line": [1, 2, 5, 10, 50],      # MB in one line
    "lines": [1, 2, 5, 10, 50],     # MB in lines
    "entries": [10_000, 100_000, 1_000_000],
    "files": [1_000, 10_000, 20_000],
}
QUICK = {"line": [0.25, 0.5, 1], "lines": [1, 2, 5], "entries": [10_000, 50_000], "files": [500, 1_000, 2_000]}


def _prose() -> list[str]:
    return [l for l in EXAMPLE.read_text(encoding="utf-8").splitlines() if l.strip() and not l.startswith("#")]


def _text(megabytes: float, sep: str) -> str:
    lines, out, size, copy = _prose(), [], 0, 0
    target = int(megabytes * 1_000_000)
    while size < target:
        copy += 1
        for line in lines:
            piece = f"{line}（{copy}）{sep}"
            out.append(piece)
            size += len(piece.encode("utf-8"))
    return "".join(out)


def build(case: str, n: float, directory: str) -> list[str]:
    """The input of one run: the paths to check."""
    if case in ("line", "lines"):
        path = os.path.join(directory, f"{case}-{n:g}.txt")
        with open(path, "w", encoding="utf-8") as fh:
            fh.write(_text(n, "" if case == "line" else "\n"))
            fh.write("\n")
        return [path]
    if case == "entries":
        path = os.path.join(directory, f"entries-{n}.po")
        with open(path, "w", encoding="utf-8") as fh:
            fh.write('msgid ""\nmsgstr ""\n"Language: ja\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n')
            for i in range(int(n)):
                fh.write(f'msgid "Item {i}"\nmsgstr "項目{i}"\n\n')
        return [path]
    folder = os.path.join(directory, f"files-{n}")
    lines = _prose()
    for i in range(int(n)):
        sub = os.path.join(folder, f"d{i // 500:03d}")
        os.makedirs(sub, exist_ok=True)
        with open(os.path.join(sub, f"f{i:05d}.txt"), "w", encoding="utf-8") as fh:
            fh.write(f"{lines[i % len(lines)]}（{i}）\n")
    return [folder]


def run(paths: list[str], extra: list[str], profile: str | None) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds (user + system) and peak RSS (MB) of one `translate-kit check`."""
    command = [sys.executable]
    if profile:
        command += ["-m", "cProfile", "-o", profile]
    command += ["-m", "translate_kit", "check", *paths, "-q", "-f", "concise", "-o", os.devnull, "--fail-on", "never", *extra]
    start = time.perf_counter()
    proc = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode not in (0, 1):
        sys.stderr.write(proc.stderr.read().decode(errors="replace")[-2000:])
    return elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def repeat(paths: list[str], tmp: str, times: int) -> None:
    """The three file modes alternated `times` times (a fresh cache folder for each cold
    run), then the median wall and CPU seconds of each and the cold/no-cache ratios."""
    results: dict[str, list[tuple[float, float]]] = {"no cache": [], "cold cache": [], "warm cache": []}
    for i in range(times):
        cache = ["--cache-dir", os.path.join(tmp, f"cache{i}")]
        for mode, extra in (("no cache", ["--no-cache"]), ("cold cache", cache), ("warm cache", cache)):
            wall, cpu, _peak = run(paths, [*extra, "-j", "1"], None)
            results[mode].append((wall, cpu))
            print(f"  {i + 1}/{times} {mode:<12} wall {wall:6.2f} s  cpu {cpu:6.2f} s", flush=True)
    medians = {mode: (statistics.median(w for w, _ in r), statistics.median(c for _, c in r)) for mode, r in results.items()}
    for mode, (wall, cpu) in medians.items():
        print(f"{mode:<12} median wall {wall:6.2f} s  cpu {cpu:6.2f} s")
    (nw, nc), (cw, cc) = medians["no cache"], medians["cold cache"]
    print(f"cold / no cache: wall {cw / nw:.3f}x  cpu {cc / nc:.3f}x")


def _print_profile(path: str, top: int = 25) -> None:
    import pstats

    stats = pstats.Stats(path)
    stats.sort_stats("cumulative").print_stats("translate_kit", top)
    stats.sort_stats("tottime").print_stats(12)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--case", action="append", choices=list(SIZES), help="only these cases (repeatable)")
    parser.add_argument("--quick", action="store_true", help="small sizes only")
    parser.add_argument("--size", action="append", type=float, help="only these sizes")
    parser.add_argument("--profile", action="store_true", help="print a cProfile table of each run")
    parser.add_argument("--repeat", type=int, help="files case: alternate the modes this many times, print medians")
    args = parser.parse_args()
    sizes = QUICK if args.quick else SIZES
    unit = {"line": "MB", "lines": "MB", "entries": "entries", "files": "files"}
    print(f"{'case':<8} {'size':>10} {'mode':<12} {'seconds':>8} {'peak MB':>8} {'s per unit':>11} {'vs first':>8}")
    for case in args.case or list(SIZES):
        first: dict[str, float] = {}
        for n in args.size or sizes[case]:
            with tempfile.TemporaryDirectory(prefix="tk-scale-") as tmp:
                paths = build(case, n, tmp)
                if args.repeat and case == "files":
                    print(f"{case} {n:g}:")
                    repeat(paths, tmp, args.repeat)
                    continue
                modes = [("no cache", ["--no-cache"])]
                if case == "files":
                    cache = ["--cache-dir", os.path.join(tmp, "cache")]
                    modes += [("cold cache", cache), ("warm cache", cache)]
                for mode, extra in modes:
                    profile = os.path.join(tmp, "profile.out") if args.profile else None
                    seconds, _cpu, peak = run(paths, [*extra, "-j", "1"], profile)
                    per = seconds / n
                    ratio = per / first.setdefault(mode, per)
                    print(f"{case:<8} {n:>10g} {mode:<12} {seconds:>8.2f} {peak:>8.0f} {per:>11.2e} {ratio:>7.2f}x  ({unit[case]})", flush=True)
                    if profile:
                        _print_profile(profile)


if __name__ == "__main__":
    main()
