"""Precision of `translation-inconsistent` on real catalogs, one project at a time.

Runs the rule as a user would on each package of the regression corpus (the .po files of
one package together: `python -m translate_kit check --no-cache --no-config --select
translation-inconsistent -f json FILES`) and scores its findings against the hand-made
judgments in bench/translation_choices.tsv (project, source word, found, expected, msgid,
verdict, why; verdict `right` when a reviewer would write the majority rendering there,
`wrong` when the two renderings are both fine or mean different things).

    python bench/translation_choices.py            # precision per project, and recall of the judged-right findings
    python bench/translation_choices.py --dump     # every finding with its msgid/msgstr (unjudged ones first marked ?)

The corpus is the one bench/corpus_regress.py downloads (run it once first).
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import NamedTuple

import polib

ROOT = Path(__file__).resolve().parent.parent
JUDGED = ROOT / "bench" / "translation_choices.tsv"
RULE = "translation-inconsistent"
_SOURCE = re.compile(r'translates "([^"]+)" here')


class Finding(NamedTuple):
    project: str
    source: str
    found: str
    expected: str
    msgid: str
    msgstr: str
    file: str
    line: int


def corpus_dir(given: str | None) -> Path:
    if given:
        return Path(given)
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "translate-kit-bench" / "corpus" / "files"


def projects(files: Path) -> dict[str, list[Path]]:
    """Each package directory (files/<source>/<package>) with its .po files."""
    out: dict[str, list[Path]] = {}
    for source in sorted(p for p in files.iterdir() if p.is_dir()):
        for package in sorted(p for p in source.iterdir() if p.is_dir()):
            pos = sorted(package.rglob("*.po"))
            if pos:
                out[package.name] = pos
    return out


def _entry_at(path: Path, line: int, cache: dict[Path, list[polib.POEntry]]) -> polib.POEntry | None:
    if path not in cache:
        cache[path] = sorted(polib.pofile(str(path)), key=lambda e: e.linenum)
    before = [e for e in cache[path] if e.linenum <= line]
    return before[-1] if before else None


def run(project: str, pos: list[Path]) -> list[Finding]:
    """The rule's findings on one project's catalogs."""
    cmd = [sys.executable, "-m", "translate_kit", "check", "--no-cache", "--no-config", "--select", RULE,
           "-f", "json", "--fail-on", "never", "--jobs", "1", *map(str, pos)]
    report = json.loads(subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, check=True).stdout)
    cache: dict[Path, list[polib.POEntry]] = {}
    out = []
    for f in report["findings"]:
        m = _SOURCE.search(f["message"])
        entry = _entry_at(Path(f["path"]), f["line"], cache)
        msgid = entry.msgid if entry else ""
        msgstr = (entry.msgstr or (entry.msgstr_plural or {}).get(0, "")) if entry else ""
        rel = Path(f["path"]).name
        out.append(Finding(project, m.group(1) if m else "", f["found"], f["expected"], msgid, msgstr, rel, f["line"]))
    return out


def _key(project: str, source: str, found: str, expected: str, msgid: str) -> tuple[str, ...]:
    return (project, source, found, expected, " ".join(msgid.split()))


def judged() -> dict[tuple[str, ...], tuple[str, str]]:
    if not JUDGED.exists():
        return {}
    with JUDGED.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t"))
    return {_key(r["project"], r["source"], r["found"], r["expected"], r["msgid"]): (r["verdict"], r["why"]) for r in rows}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", help="the corpus's files/ directory")
    ap.add_argument("--dump", action="store_true", help="print every finding with its entry")
    ap.add_argument("--only", help="one project")
    args = ap.parse_args()
    files = corpus_dir(args.corpus)
    if not files.is_dir():
        print(f"no corpus at {files}: run bench/corpus_regress.py once", file=sys.stderr)
        return 2
    verdicts = judged()
    found_keys: set[tuple[str, ...]] = set()
    rows = []
    unjudged = 0
    for project, pos in projects(files).items():
        if args.only and project != args.only:
            continue
        findings = run(project, pos)
        tally: Counter[str] = Counter()
        for f in findings:
            key = _key(f.project, f.source, f.found, f.expected, f.msgid)
            found_keys.add(key)
            verdict, why = verdicts.get(key, ("?", ""))
            tally[verdict] += 1
            unjudged += verdict == "?"
            if args.dump:
                print("\t".join((f.project, f.source, f.found, f.expected, " ".join(f.msgid.split()),
                                 verdict, why, " ".join(f.msgstr.split()), f"{f.file}:{f.line}")))
        rows.append((project, len(findings), tally["right"], tally["wrong"], tally["?"]))
    if args.dump:
        return 0
    print(f"{'project':42} {'findings':>8} {'right':>6} {'wrong':>6} {'unjudged':>8} {'precision':>9}")
    total: Counter[str] = Counter()
    for project, n, right, wrong, unknown in rows:
        if n:
            p = f"{right / (right + wrong):.0%}" if right + wrong else "-"
            print(f"{project:42} {n:8} {right:8} {wrong:6} {unknown:8} {p:>9}")
        total.update(n=n, right=right, wrong=wrong, unknown=unknown)
    p = f"{total['right'] / (total['right'] + total['wrong']):.1%}" if total["right"] + total["wrong"] else "-"
    print(f"{'all projects':42} {total['n']:8} {total['right']:8} {total['wrong']:6} {total['unknown']:8} {p:>9}")
    right_keys = [k for k, (v, _w) in verdicts.items() if v == "right" and (not args.only or k[0] == args.only)]
    kept = sum(k in found_keys for k in right_keys)
    print(f"judged-right findings still found: {kept}/{len(right_keys)}")
    if unjudged:
        print(f"{unjudged} findings not judged yet (--dump lists them)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
