"""`translate-kit check` on real catalogs beside Translate Toolkit's pofilter, one process
and all cores, runs alternated.

The synthetic catalog of catalog_bench.py is one large file of short, repetitive strings;
real projects ship a dozen catalogs of longer ones, where other costs show (a rule that
reads every distinct source word, a second core with nothing to share). The inputs are
the ja catalogs of five projects' PyPI wheels, pinned below and downloaded once into the
corpus harness's cache (bench/corpus_regress.py: `pip download`, never the repository).
Prints each command's median wall time and peak RSS, and the ratios side by side: the
machines are shared, so only ratios of one run mean much.

    python bench/realcat_bench.py [--repeat 3] [--cache DIR]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from catalog_bench import run_timed  # noqa: E402
from corpus_regress import CATALOG, Pin, SetupError, Source, default_cache, prepare  # noqa: E402

SOURCE = Source("realcat", (
    Pin("pypi", "apache-superset", "6.1.0", CATALOG),
    Pin("pypi", "ckan", "2.12.0", CATALOG),
    Pin("pypi", "nbclassic", "1.3.3", CATALOG),
    Pin("pypi", "plone.app.locales", "7.0.4", CATALOG),
    Pin("pypi", "pretix", "2026.8.0", CATALOG),
))


def commands(directory: Path, out: str) -> dict[str, list[str]]:
    """The commands compared: check in one process and on every core, and pofilter when on PATH."""
    check = [sys.executable, "-m", "translate_kit", "check", "--no-cache", "--no-config", "-q", "--fail-on", "never",
             "-f", "json", "-o", os.devnull]
    found = {"check -j 1": [*check, "-j", "1", str(directory)], "check (all cores)": [*check, "-j", "0", str(directory)]}
    pofilter = shutil.which("pofilter")
    if pofilter:
        found["pofilter"] = [pofilter, "--progress=none", "--language=ja", "--nofuzzy", str(directory), out]
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs of each command, alternated (default 3)")
    parser.add_argument("--cache", type=Path, default=None, help="download cache (default: the corpus harness's)")
    args = parser.parse_args()
    try:
        directory, files = prepare(SOURCE, args.cache or default_cache())
    except SetupError as exc:
        sys.exit(f"realcat_bench: {exc}")
    size = sum((directory / f).stat().st_size for f in files)
    print(f"{len(files)} ja catalogs, {size / 1e6:.1f} MB ({', '.join(p.label for p in SOURCE.pins)})")
    with tempfile.TemporaryDirectory() as tmp:
        runs: dict[str, list[dict]] = {}
        for _ in range(args.repeat):
            for name, command in commands(directory, os.path.join(tmp, "pofilter-out")).items():
                shutil.rmtree(os.path.join(tmp, "pofilter-out"), ignore_errors=True)
                runs.setdefault(name, []).append(run_timed(command, str(ROOT)))
    seconds = {name: statistics.median(r["seconds"] for r in results) for name, results in runs.items()}
    for name, results in runs.items():
        peak = max(r["peak_rss_mb"] for r in results)
        print(f"{name:>18}  {seconds[name]:6.2f} s (median of {len(results)}; {min(r['seconds'] for r in results):.2f}–"
              f"{max(r['seconds'] for r in results):.2f})  peak {peak:.0f} MB")
    one, every = seconds["check -j 1"], seconds["check (all cores)"]
    print(f"all cores / one process = {every / one:.2f}x")
    if "pofilter" in seconds:
        print(f"pofilter / check = {seconds['pofilter'] / one:.2f}x one process, {seconds['pofilter'] / every:.2f}x all cores")


if __name__ == "__main__":
    main()
