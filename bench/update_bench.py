"""The catalog update on real documents that changed between versions, beside GNU msgmerge.

Input: a directory laid out PACKAGE/VERSION/…, each version an unpacked release (for
example `npm pack` tarballs under ~/.cache/translate-kit-bench/catalog32/tree, never the
repository). Every Markdown or text file present in two consecutive versions of a
package is a pair. For each pair:

  1. export version 1, then fill the catalog as a translator would: every msgstr a
     marked translation, every 7th entry fuzzy, every 5th with a translator comment, and
     one plural entry of our own; a third version continues from the second's catalog,
     so entries already fuzzy (with `#|`) are merged again, and a chain whose text
     changed ends with a step back to its first version (entries made obsolete revive);
  2. export version 2 over it (the update), and run `msgmerge --previous` on the same
     old catalog and the new template; compare msgids, translations kept, fuzzy entries
     and their `#| msgid`, translator comments, and obsolete entries, and the two files'
     text once `msgcat --no-wrap` has unwrapped both;
  3. import version 2 with the updated catalog: the Markdown structure must be kept
     (block tokens, code, link targets, HTML) and the front matter's keys, and an import
     with no translation must give version 2 back byte for byte;
  4. compile the catalog (ours, and msgfmt's .mo from the same file must hold the same
     messages) and run `msgfmt --check --check-format` on it.

    python bench/update_bench.py ~/.cache/translate-kit-bench/catalog32/tree [--download] [--changed-only] [-v]

--download first fetches the pinned npm releases below that the directory lacks (`npm
pack`, unpacked there): Apache Cordova plugins (English READMEs and release notes, their
doc/ja, doc/de, … translations), Japanese-source READMEs of textlint rules and prh,
learnyounode's Japanese exercises, javascripting's exercises in 15 languages (Japanese
among them), commander's and markdownlint's documentation.

Prints counts and every disagreement (-v: each one; else the first few of each kind).
"""

from __future__ import annotations

import argparse
import collections
import datetime
import gettext
import io
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

import polib
import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from roundtrip_bench import structure  # noqa: E402

from translate_kit.catalog.compile import mo_bytes  # noqa: E402
from translate_kit.catalog.export import ExportOptions, catalog_path, export, template_path  # noqa: E402
from translate_kit.catalog.extract import read_document  # noqa: E402
from translate_kit.catalog.files import read_po, render  # noqa: E402
from translate_kit.sources.markdown import front_matter_end  # noqa: E402
from translate_kit.catalog.inject import Translations, inject, translations  # noqa: E402
from translate_kit.model import InputFileError  # noqa: E402

DOCS = re.compile(r"\.(md|markdown|txt)$", re.IGNORECASE)
SKIP = re.compile(r"(^|/)node_modules/")
JAPANESE_NAME = re.compile(r"(^|[/_.-])ja([/_.-]|$)")  # doc/ja/…, problem_ja.md, README.ja.md
NOW = datetime.datetime(2026, 12, 7, tzinfo=datetime.timezone.utc)
PLURAL = ("One file was changed.", "{n} files were changed.")


PINS = {
    "cordova-plugin-camera": "1.2.0 2.1.1 2.2.0", "cordova-plugin-contacts": "2.0.1 2.1.0",
    "cordova-plugin-device": "1.1.0 1.1.2 1.1.3", "cordova-plugin-dialogs": "1.2.0 1.2.1",
    "cordova-plugin-file": "4.0.0 4.1.1 4.2.0", "cordova-plugin-geolocation": "2.0.0 2.1.0 2.2.0",
    "cordova-plugin-inappbrowser": "1.2.1 1.3.0 1.4.0", "cordova-plugin-media": "2.2.0 2.3.0",
    "cordova-plugin-splashscreen": "3.1.0 3.2.0", "cordova-plugin-statusbar": "2.1.3 2.2.0",
    "learnyounode": "4.1.0 4.2.1 4.2.2", "prh": "5.4.3 5.4.4", "textlint-rule-max-ten": "4.0.4 5.0.0",
    "textlint-rule-no-doubled-joshi": "4.1.0 5.1.0 5.1.1",
    "textlint-rule-preset-ja-technical-writing": "9.0.0 10.0.2 12.0.2",
    "textlint-rule-preset-jtf-style": "2.3.14 3.0.2 3.0.3", "commander": "12.1.0 13.1.0 14.0.0",
    "markdownlint": "0.35.0 0.36.1 0.37.4", "javascripting": "2.6.1 2.7.3 2.7.4",
}


def download(root: Path) -> None:
    """`npm pack` each pinned release the directory lacks, unpacked as PACKAGE/VERSION."""
    for package, versions in PINS.items():
        for version in versions.split():
            target = root / package / version
            if target.is_dir():
                continue
            with tempfile.TemporaryDirectory() as tmp:
                subprocess.run(["npm", "pack", "--silent", f"{package}@{version}"], cwd=tmp, check=True, capture_output=True)
                tarball = next(Path(tmp).glob("*.tgz"))
                with tarfile.open(tarball) as archive:
                    archive.extractall(tmp, filter="data")
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.move(str(Path(tmp) / "package"), str(target))


def version_key(version: str) -> tuple:
    return tuple(int(p) if p.isdigit() else 0 for p in re.split(r"[.-]", version))


def pairs(root: Path) -> list[tuple[str, str, list[Path]]]:
    """(package, relative path, [file in each version]) for every file in two or more
    consecutive versions of a package; a file missing from a version breaks the chain."""
    found = []
    for package in sorted(p for p in root.iterdir() if p.is_dir()):
        versions = sorted((v for v in package.iterdir() if v.is_dir()), key=lambda v: version_key(v.name))
        names = sorted({str(f.relative_to(v)) for v in versions for f in v.rglob("*")
                        if f.is_file() and DOCS.search(f.name) and not SKIP.search(str(f.relative_to(v)))})
        for name in names:
            chain: list[Path] = []
            for version in versions:
                path = version / name
                if path.is_file():
                    chain.append(path)
                    continue
                if len(chain) > 1:
                    found.append((package.name, name, chain))
                chain = []
            if len(chain) > 1:
                found.append((package.name, name, chain))
    return found


def fill(po_path: Path) -> None:
    """A translator's pass: every empty msgstr translated (marked), some entries fuzzy,
    some commented, one plural entry that no document has."""
    po = polib.pofile(str(po_path), wrapwidth=79)
    for n, entry in enumerate(e for e in po if not e.obsolete):
        if not entry.msgstr:
            entry.msgstr = f"訳 {entry.msgid} 訳"
            if n % 7 == 3 and "fuzzy" not in entry.flags:
                entry.flags.append("fuzzy")
            if n % 5 == 1:
                entry.tcomment = f"checked, round {n}"
    if not any(e.msgid_plural for e in po):
        po.append(polib.POEntry(msgid=PLURAL[0], msgid_plural=PLURAL[1], msgstr_plural={0: "{n} 個のファイルが変わった。"}))
    po_path.write_text(render(po), encoding="utf-8")


def front_matter(text: str) -> dict | None:
    """A document's YAML front matter as data (None without one): after an import the
    same keys, and the same values for keys that are not translated."""
    text = text.replace("\r\n", "\n")
    end = front_matter_end(text)
    if not end:
        return None
    data = yaml.safe_load(text[text.find("\n") + 1:text.rfind("\n", 0, end)])
    return data if isinstance(data, dict) else {}


def summary(po: polib.POFile) -> tuple[dict, dict]:
    """What a merge decided, entry by entry: active (msgctxt, msgid) → (msgstr, fuzzy,
    previous msgid, translator comment, other flags); obsolete key → msgstr."""
    active, gone = {}, {}
    for e in po:
        key = (e.msgctxt, e.msgid)
        if e.obsolete:
            gone[key] = e.msgstr or dict(e.msgstr_plural)
        elif e.msgid:
            active[key] = (e.msgstr or dict(e.msgstr_plural), "fuzzy" in e.flags, e.previous_msgid if "fuzzy" in e.flags else None,
                           e.tcomment, tuple(sorted(f for f in e.flags if f != "fuzzy")))
    return active, gone


FIELDS = ("msgstr", "fuzzy", "previous", "tcomment", "flags")


def compare(ours: polib.POFile, theirs: polib.POFile) -> list[tuple[str, tuple, str]]:
    """The disagreements: (kind, the entry's key, detail)."""
    (a, ga), (b, gb) = summary(ours), summary(theirs)
    out = []
    if set(a) == set(b) and list(a) != list(b):
        out.append(("order", ("order",), ""))
    out += [("msgid only ours", k, repr(k[1][:80])) for k in a.keys() - b.keys()]
    out += [("msgid only msgmerge", k, repr(k[1][:80])) for k in b.keys() - a.keys()]
    for key in a.keys() & b.keys():
        for name, x, y in zip(FIELDS, a[key], b[key]):
            if x != y:
                out.append((name, key, f"{key[1][:70]!r}: ours {str(x)[:70]!r} / msgmerge {str(y)[:70]!r}"))
    out += [("obsolete only ours", ("~",) + k, repr(k[1][:80])) for k in ga.keys() - gb.keys()]
    out += [("obsolete only msgmerge", ("~",) + k, repr(k[1][:80])) for k in gb.keys() - ga.keys()]
    out += [("obsolete msgstr", ("~",) + k, repr(k[1][:80])) for k in ga.keys() & gb.keys() if ga[k] != gb[k]]
    return out


def mo_messages(data: bytes) -> dict:
    """A .mo file's messages, its header left out (Babel writes the header its own way)."""
    catalog = gettext.GNUTranslations(io.BytesIO(data))
    return {k: v for k, v in catalog._catalog.items() if k != ""}  # type: ignore[attr-defined]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("root", type=Path)
    parser.add_argument("-v", "--verbose", action="store_true")
    parser.add_argument("--changed-only", action="store_true", help="count only pairs whose text changed")
    parser.add_argument("--download", action="store_true", help="fetch the pinned npm releases first (npm pack)")
    args = parser.parse_args()
    if args.download:
        download(args.root)
    msgmerge, msgfmt = shutil.which("msgmerge"), shutil.which("msgfmt")
    if not (msgmerge and msgfmt):
        sys.exit("needs GNU msgmerge and msgfmt (the gettext package)")
    counts: collections.Counter = collections.Counter()
    outcome: collections.Counter = collections.Counter()
    disagreements: dict[str, list[str]] = collections.defaultdict(list)
    failures: list[str] = []
    keys = frozenset({"title", "description"})
    with tempfile.TemporaryDirectory() as tmp:
        for package, name, chain in pairs(args.root):
            work = Path(tmp) / f"{package}-{name.replace('/', '_')}"
            work.mkdir()
            doc = work / Path(name).name.replace(".markdown", ".md")
            doc.write_bytes(chain[0].read_bytes())
            try:
                first = read_document(str(doc), front_matter_keys=keys)
            except InputFileError as exc:
                counts["unreadable"] += 1
                failures.append(f"{package}/{name}: {exc}")
                continue
            locale = "en" if first.lang == "ja" else "ja"
            options = ExportOptions(str(work / "out"), (locale,), "doc")
            export([first], options, now=NOW)
            po_path, pot_path = Path(catalog_path(options, locale)), Path(template_path(options))
            counts["chains"] += 1
            # Japanese by name, or a document of a package written in Japanese (textlint rules,
            # prh): detection by script alone also takes Chinese for Japanese
            japanese = bool(JAPANESE_NAME.search(name)) or (first.lang == "ja" and not re.search(r"zh|ko", name))
            counts["Japanese chains"] += japanese
            steps = list(zip(chain, chain[1:]))
            if chain[0].read_bytes() != chain[-1].read_bytes():
                steps.append((chain[-1], chain[0]))  # and back, as after a revert: obsolete entries revive
            for step, (v1, v2) in enumerate(steps):
                label = f"{package}/{name} {v1.relative_to(args.root).parts[1]}→{v2.relative_to(args.root).parts[1]}"
                if args.changed_only and v1.read_bytes() == v2.read_bytes():
                    continue
                counts["pairs"] += 1
                counts["changed pairs"] += v1.read_bytes() != v2.read_bytes()
                counts["changed pairs, Japanese"] += japanese and v1.read_bytes() != v2.read_bytes()
                counts["chained pairs (old catalog already merged once)"] += step > 0
                counts["pairs back to the first version"] += step == len(chain) - 1
                fill(po_path)
                old = work / "old.po"
                shutil.copy(po_path, old)
                doc.write_bytes(v2.read_bytes())
                try:
                    second = read_document(str(doc), front_matter_keys=keys)
                except InputFileError as exc:
                    failures.append(f"{label}: {exc}")
                    break
                written, errors = export([second], options, now=NOW)
                if errors:
                    failures.append(f"{label}: export: {errors[0]}")
                    break
                stats = next(w.stats for w in written if w.locale == locale)
                if stats is not None:
                    for field in ("kept", "fuzzy", "new", "obsolete", "revived"):
                        outcome[field] += getattr(stats, field)
                theirs = work / "theirs.po"
                done = subprocess.run([msgmerge, "--quiet", "--previous", "-o", str(theirs), str(old), str(pot_path)],
                                      capture_output=True, text=True)
                if done.returncode != 0:
                    failures.append(f"{label}: msgmerge: {done.stderr.strip()[:200]}")
                    continue
                unwrapped = [subprocess.run(["msgcat", "--no-wrap", str(f)], capture_output=True).stdout for f in (po_path, theirs)]
                counts["same text as msgmerge's but for wrapping"] += unwrapped[0] == unwrapped[1]
                ours_po = read_po(str(po_path))
                found = compare(ours_po, polib.pofile(str(theirs)))
                entries = len([e for e in ours_po if not e.obsolete]) + len([e for e in ours_po if e.obsolete])
                counts["entries after update"] += entries
                counts["entries that agree with msgmerge"] += entries - len({key for _kind, key, _d in found})
                counts["pairs agreeing with msgmerge"] += not found
                for kind, _key, detail in found:
                    disagreements[kind].append(f"{label}: {detail}")
                # import
                empty = inject(second, Translations({}), locale).text
                counts["untranslated import byte-identical"] += empty == second.text
                translated = inject(second, translations(ours_po), locale)
                kept = second.format == "text" or structure(translated.text) == structure(second.text)
                source_fm, fm = front_matter(second.text), front_matter(translated.text)
                if source_fm is not None:
                    counts["pairs with front matter"] += 1
                    same = fm is not None and fm.keys() == source_fm.keys() and all(
                        fm[k] == v for k, v in source_fm.items() if k not in keys)
                    counts["front matter kept (keys, untranslated values)"] += same
                    kept = kept and same
                counts["translated import keeps structure"] += kept
                counts["units imported"] += translated.translated
                counts["units left (fuzzy/untranslated)"] += translated.left
                if empty != second.text or not kept:
                    failures.append(f"{label}: import {'differs untranslated' if empty != second.text else 'structure changed'}")
                # compile + msgfmt
                try:
                    ours_mo = mo_bytes(ours_po, False, str(po_path))
                except InputFileError as exc:
                    failures.append(f"{label}: compile: {exc}")
                    continue
                mo = work / "msgfmt.mo"
                check = subprocess.run([msgfmt, "--check", "--check-format", "-o", str(mo), str(po_path)], capture_output=True, text=True)
                ok = check.returncode == 0 and not check.stderr.strip()
                counts["msgfmt --check clean"] += ok
                if not ok:
                    failures.append(f"{label}: msgfmt: {check.stderr.strip().splitlines()[:1]}")
                elif mo_messages(ours_mo) != mo_messages(mo.read_bytes()):
                    failures.append(f"{label}: compile: .mo differs from msgfmt's")
                else:
                    counts["compiled .mo same as msgfmt's"] += 1
    for key, value in counts.items():
        print(f"{key:>50}: {value}")
    print(f"{'update (ours)':>50}: " + ", ".join(f"{v} {k}" for k, v in outcome.items()))
    for kind, items in sorted(disagreements.items()):
        print(f"DISAGREE {kind}: {len(items)}")
        for item in items if args.verbose else items[:3]:
            print("   ", item)
    for failure in failures[:30]:
        print("FAIL", failure)
    sys.exit(1 if failures or disagreements else 0)


if __name__ == "__main__":
    main()
