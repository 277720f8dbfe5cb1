"""Throughput of the `entities` pipeline next to raw Sudachi tokenization of the same text.

Builds a large input by repeating the bundled example article (default 10 MB), then runs,
each in a fresh process so peak memory is its own:
  raw       SudachiPy mode C tokenize() over the same lines (the floor we compare against)
  entities  translate_kit's load + segment analysis + grouping, as `translate-kit entities`,
            in one process, then with one worker per core (`--jobs 0`, the CLI default)
and prints chars/s, segments/s, the pipeline/raw time ratio and peak RSS. Run at two sizes
to see that memory does not grow with the input.

    python bench/pipeline_bench.py [--mb 10] [--mb 2]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "article.ja.md"


def build_input(megabytes: float, directory: str) -> str:
    """Repeat the example's prose lines until the file reaches the wanted size, each copy
    numbered ("…。（17）") so that no line repeats: the pipeline analyses a repeated text
    once, and a benchmark of repeats would measure that shortcut, not the analysis."""
    lines = [l for l in EXAMPLE.read_text(encoding="utf-8").splitlines() if l.strip() and not l.startswith("#")]
    target = int(megabytes * 1_000_000)
    path = os.path.join(directory, f"bench-{megabytes:g}mb.txt")
    with open(path, "w", encoding="utf-8") as fh:
        written, copy = 0, 0
        while written < target:
            copy += 1
            block = "".join(f"{line}（{copy}）\n" for line in lines)
            fh.write(block)
            written += len(block.encode("utf-8"))
    return path


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def stage_raw(path: str) -> dict:
    from sudachipy import Dictionary, SplitMode

    d = Dictionary(dict="core")
    tok = (getattr(d, "tokenizer", None) or d.create)(SplitMode.C)
    tok.tokenize("準備運転です。")
    chars = segments = 0
    t0 = time.perf_counter()
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            line = line.strip()
            if not line:
                continue
            for _ in tok.tokenize(line):
                pass
            chars += len(line)
            segments += 1
    return {"seconds": time.perf_counter() - t0, "chars": chars, "segments": segments, "peak_rss_mb": _peak_rss_mb()}


def stage_entities(path: str, jobs: int = 1) -> dict:
    from translate_kit.analysis import Engine
    from translate_kit.cluster import cluster_mentions
    from translate_kit.entities import from_clusters
    from translate_kit.options import CheckOptions, RuleSettings
    from translate_kit.run import analyse

    engine = Engine("C")
    engine.analyze("準備運転です。", "ja")
    t0 = time.perf_counter()
    options = CheckOptions(lang="ja", collect_words=False, rules=RuleSettings(select=frozenset()), jobs=jobs)
    ctx = analyse([path], options, engine=engine)
    groups = from_clusters(cluster_mentions(ctx.mentions))
    seconds = time.perf_counter() - t0
    return {
        "seconds": seconds,
        "segments": ctx.segments,
        "mentions": len(ctx.mentions),
        "entities": len(groups),
        "peak_rss_mb": _peak_rss_mb(),
    }


def run_stage(stage: str, path: str) -> dict:
    """Run one stage in a fresh interpreter and read its JSON result."""
    out = subprocess.run([sys.executable, __file__, "--stage", stage, path], check=True, capture_output=True, text=True)
    return json.loads(out.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--mb", type=float, action="append", help="input size in MB (repeatable; default 10 and 2)")
    parser.add_argument("--stage", choices=["raw", "entities", "entities-all-cores"], help=argparse.SUPPRESS)
    parser.add_argument("path", nargs="?", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.stage:
        if args.stage == "raw":
            result = stage_raw(args.path)
        else:
            result = stage_entities(args.path, jobs=0 if args.stage == "entities-all-cores" else 1)
        print(json.dumps(result))
        return
    sizes = args.mb or [10.0, 2.0]
    with tempfile.TemporaryDirectory() as tmp:
        print(f"{'size':>6} {'stage':>9} {'seconds':>8} {'Mchars/s':>9} {'segments/s':>11} {'peak MB':>8}")
        for mb in sizes:
            path = build_input(mb, tmp)
            raw = run_stage("raw", path)
            ent = run_stage("entities", path)
            cores = run_stage("entities-all-cores", path)
            for name, r in (("raw", raw), ("entities", ent), ("all cores", cores)):
                print(
                    f"{mb:>5g}M {name:>9} {r['seconds']:>8.2f} {raw['chars'] / r['seconds'] / 1e6:>9.3f} "
                    f"{raw['segments'] / r['seconds']:>11.0f} {r['peak_rss_mb']:>8.0f}"
                )
            print(
                f"{mb:>5g}M ratio entities/raw = {ent['seconds'] / raw['seconds']:.2f}x one process, "
                f"{cores['seconds'] / raw['seconds']:.2f}x all cores (peak MB: main process)  "
                f"({ent['mentions']} mentions, {ent['entities']} entities)"
            )


if __name__ == "__main__":
    main()
