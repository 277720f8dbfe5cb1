"""Fidelity and speed of the catalog round trip (export → fill → import) on real
Markdown and text documents, for example the downloaded benchmark corpus:

    python bench/roundtrip_bench.py ~/.cache/translate-kit-bench/corpus/files [--msgfmt]

For every document: units extracted; whether an import with no translation, and one
with every msgstr equal to its msgid, gives the file back byte for byte; whether an
import with every unit translated ("FR … FR") keeps the Markdown block structure, code,
link targets and inline markup; and (with --msgfmt) whether GNU msgfmt --check accepts
the catalog. Prints counts, the files that fail, and units/s of export and import.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import polib
from markdown_it import MarkdownIt

from translate_kit.catalog.build import entries
from translate_kit.catalog.extract import read_document
from translate_kit.catalog.files import render
from translate_kit.catalog.headers import header
from translate_kit.catalog.inject import Translations, inject
from translate_kit.model import InputFileError


def structure(text: str) -> list[tuple]:
    """Block tokens, code, and non-text inline tokens with their attributes."""
    shape: list[tuple] = []
    for tok in MarkdownIt("commonmark").enable("table").parse(text):
        shape.append((tok.type, tok.tag, tok.level, tok.info, tok.content if tok.type in ("fence", "code_block", "html_block") else ""))
        shape.extend((c.type, tuple(sorted((c.attrs or {}).items())) if c.type != "image" else c.attrs.get("src"))
                     for c in tok.children or [] if c.type not in ("text", "softbreak"))
    return shape


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("root", type=Path)
    parser.add_argument("--msgfmt", action="store_true", help="also run GNU msgfmt --check on each catalog")
    args = parser.parse_args()
    files = sorted(p for p in args.root.rglob("*") if p.suffix in (".md", ".markdown", ".txt") and p.is_file())
    msgfmt = shutil.which("msgfmt") if args.msgfmt else None
    counts = dict(files=0, units=0, unreadable=0, identical_empty=0, identical_same=0, structure_kept=0, msgfmt_ok=0)
    failures: list[str] = []
    t_export = t_import = 0.0
    with tempfile.TemporaryDirectory() as tmp:
        for path in files:
            started = time.perf_counter()
            try:
                doc = read_document(str(path), front_matter_keys=frozenset({"title", "description"}))
            except InputFileError:
                counts["unreadable"] += 1
                continue
            made = entries(doc.units)
            t_export += time.perf_counter() - started
            counts["files"] += 1
            counts["units"] += len(doc.units)
            original = doc.text
            started = time.perf_counter()
            empty = inject(doc, Translations({}), "fr").text
            same = inject(doc, Translations({u.key: u.msgid for u in doc.units}), "fr").text
            full = inject(doc, Translations({u.key: f"FR {u.msgid} FR" for u in doc.units}), "fr").text
            t_import += time.perf_counter() - started
            counts["identical_empty"] += empty == original
            counts["identical_same"] += same == original
            kept = path.suffix == ".txt" or structure(full) == structure(original)
            counts["structure_kept"] += kept
            if empty != original or same != original or not kept:
                failures.append(str(path))
            if msgfmt:
                catalog = polib.POFile()
                import datetime
                catalog.metadata = header("bench", datetime.datetime.now(datetime.timezone.utc), "fr")
                for entry in made:
                    entry.msgstr = f"FR {entry.msgid} FR"
                    catalog.append(entry)
                po = Path(tmp) / "bench.po"
                po.write_text(render(catalog), encoding="utf-8")
                done = subprocess.run([msgfmt, "--check", "--check-format", "-o", "/dev/null", str(po)], capture_output=True, text=True)
                ok = done.returncode == 0 and not done.stderr.strip()
                counts["msgfmt_ok"] += ok
                if not ok:
                    failures.append(f"{path}: msgfmt: {done.stderr.strip().splitlines()[:1]}")
    for key, value in counts.items():
        print(f"{key:>16}: {value}")
    units = max(counts["units"], 1)
    print(f"{'export':>16}: {units / max(t_export, 1e-9):,.0f} units/s (read + extract + entries)")
    print(f"{'import':>16}: {3 * units / max(t_import, 1e-9):,.0f} units/s (three imports per file)")
    for failure in failures[:20]:
        print("FAIL", failure)
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
