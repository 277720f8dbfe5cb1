"""Name matching on real transcriptions: JMnedict's katakana names and their original spellings.

JMnedict (the EDRDG's dictionary of names, CC BY-SA 4.0) lists tens of thousands of foreign
names written in katakana with their spelling in the original language (コヴァーチ Kovacs,
カーノー Curnow, フレーリッヒ Frohlich), and often several katakana renderings of one
spelling (サヴェージ and サヴェッジ, both Savage). None of it was written for this project,
so it measures `translate_kit.names` on transcriptions it was not tuned on:

  latin-kana   recall of is_same_name(katakana, its own spelling)
  top-1        the own spelling scores above 20 random other spellings
  kana-kana    recall on two katakana renderings of one spelling (the ベナール/バーナード case)
  via spelling the same pairs linked through their spelling, as when the run also has the
               name in Latin letters: both renderings reach the bar a lone katakana word
               needs to join a Latin one (cluster.SINGLE_LINK_THRESHOLD; エクトル and
               ヘクター both reach Hector)
  look-alikes  false alarms on katakana pairs one or two kana apart whose spellings differ
               and are not themselves variants (サヴァル Saval / サヴァン Savin)
  random       false alarms on random katakana/spelling and katakana/katakana pairs

A second slice, `others` (built into others.tsv beside pairs.tsv), holds what none of the
measures above ever saw: the names of places, companies, products, organizations and works
(the same transcription habits: グライフスワルト/グライフスヴァルト, ツーレーヌ/トゥーレーヌ,
レイキャビク/レイキャヴィーク), and the forms of one entry written with and without ・
(アーサー・コナン・ドイル/アーサーコナンドイル, of any kind, people too). It measures
the same-name decision on two renderings of one spelling (a clipped form, スポニチ for
スポーツニッポン, is left out: it is no transcription), the latin-kana recall, and false
links on look-alikes (names one or two kana apart whose spellings differ and are no
variants of each other: オーストリア/オーストラリア) and on random pairs.

The data comes from the jamdict-data package on PyPI (`pip download`, about 54 MB), is
unpacked into a cache directory (default ~/.cache/translate_kit/jmnedict, never the
repository) and reduced to a TSV there. Entries split into dev and held-out test by a hash
of the spelling; tune on dev only (`--errors` lists dev mistakes).

    python bench/jmnedict_bench.py [--cache DIR] [--limit 4000] [--errors] [--slice people|others|all]
"""

from __future__ import annotations

import argparse
import itertools
import lzma
import os
import random
import re
import sqlite3
import subprocess
import sys
import tarfile
import time
import zlib
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from translate_kit import names  # noqa: E402
from translate_kit.cluster import SINGLE_LINK_THRESHOLD  # noqa: E402

PACKAGE = "jamdict-data==1.5"
TEST_PERCENT = 30
DISTRACTORS = 20
SEED = 20261125
PERSON_TYPES = frozenset("surname given masc fem person unclass".split())
OTHER_TYPES = frozenset("place company product organization work".split())
_KATAKANA = re.compile(r"[\u30a1-\u30fa\u30fc]+(?:[・＝][\u30a1-\u30fa\u30fc]+)*")
_LATIN = re.compile(r"[A-Za-z][A-Za-z'\-]*(?: [A-Za-z][A-Za-z'\-]*)*")
_PARENS = re.compile(r"\s*\([^)]*\)\s*")


def fetch(cache: Path) -> Path:
    """The TSV of (katakana, spelling) pairs, built once into the cache."""
    tsv = cache / "pairs.tsv"
    if tsv.exists():
        return tsv
    cache.mkdir(parents=True, exist_ok=True)
    archives = list(cache.glob("jamdict_data-*.tar.gz"))
    if not archives:
        subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "--no-binary", ":all:", PACKAGE,
                        "-d", str(cache)], check=True)
        archives = list(cache.glob("jamdict_data-*.tar.gz"))
    db = cache / "jamdict.db"
    if not db.exists():
        with tarfile.open(archives[0]) as tar:
            member = next(m for m in tar.getmembers() if m.name.endswith("jamdict.db.xz"))
            with tar.extractfile(member) as packed, lzma.open(packed) as raw, open(str(db) + ".part", "wb") as out:  # type: ignore[union-attr]
                while chunk := raw.read(1 << 20):
                    out.write(chunk)
        os.replace(str(db) + ".part", db)
    rows = extract(db)
    with open(str(tsv) + ".part", "w", encoding="utf-8") as fh:
        fh.writelines(f"{kana}\t{latin}\t{kind}\n" for kana, latin, kind in rows)
    os.replace(str(tsv) + ".part", tsv)
    return tsv


def extract(db: Path) -> list[tuple[str, str, str]]:
    """Katakana-only person-name entries whose English gloss is a Latin spelling with as
    many words as the katakana has ・-parts (parenthesised additions dropped)."""
    con = sqlite3.connect(str(db))
    query = """
        SELECT k.text, g.text, (SELECT group_concat(tt.text) FROM NETransType tt WHERE tt.tid = t.ID)
        FROM NEKana k JOIN NETranslation t ON t.idseq = k.idseq JOIN NETransGloss g ON g.tid = t.ID
        WHERE k.idseq NOT IN (SELECT idseq FROM NEKanji)"""
    out = set()
    for kana, gloss, kinds in con.execute(query):
        kinds = set((kinds or "").split(","))
        if not kinds & PERSON_TYPES or not _KATAKANA.fullmatch(kana):
            continue
        latin = _PARENS.sub(" ", gloss).strip()
        if not _LATIN.fullmatch(latin) or len(latin) < 2:
            continue
        if len(latin.split()) != len(re.split("[・＝]", kana)):
            continue
        out.add((kana, latin, sorted(kinds & PERSON_TYPES)[0]))
    return sorted(out)


def fetch_others(cache: Path) -> Path:
    """The TSV of the `others` slice (kana, spelling, kind, entry), built once into the cache
    from the database `fetch` unpacked."""
    tsv = cache / "others.tsv"
    if not tsv.exists():
        fetch(cache)
        rows = extract_others(cache / "jamdict.db")
        with open(str(tsv) + ".part", "w", encoding="utf-8") as fh:
            fh.writelines("\t".join(row) + "\n" for row in rows)
        os.replace(str(tsv) + ".part", tsv)
    return tsv


def extract_others(db: Path) -> list[tuple[str, str, str, str]]:
    """Katakana-only entries of places, companies, products, organizations and works with a
    Latin gloss (what parentheses add dropped), and every katakana-only entry of any kind
    whose forms are written both with and without ・ or ＝ (kind `joined`)."""
    con = sqlite3.connect(str(db))
    query = """
        SELECT k.idseq, k.text, g.text, (SELECT group_concat(tt.text) FROM NETransType tt WHERE tt.tid = t.ID)
        FROM NEKana k JOIN NETranslation t ON t.idseq = k.idseq JOIN NETransGloss g ON g.tid = t.ID
        WHERE k.idseq NOT IN (SELECT idseq FROM NEKanji)"""
    out = set()
    forms: dict[str, set[str]] = defaultdict(set)
    glosses: dict[str, str] = {}
    for idseq, kana, gloss, kinds in con.execute(query):
        kinds = set((kinds or "").split(","))
        latin = _PARENS.sub(" ", gloss).strip()
        if not _KATAKANA.fullmatch(kana) or not _LATIN.fullmatch(latin) or len(latin) < 2:
            continue
        if kinds & OTHER_TYPES and not kinds & PERSON_TYPES:
            out.add((kana, latin, sorted(kinds & OTHER_TYPES)[0], str(idseq)))
        forms[str(idseq)].add(kana)
        glosses.setdefault(str(idseq), latin)
    for idseq, kanas in forms.items():
        joined = {k for k in kanas if not re.search("[・＝]", k)}
        if joined and len(joined) < len(kanas):
            out.update((k, glosses[idseq], "joined", idseq) for k in kanas)
    return sorted(out)


def split_of(key: str) -> str:
    return "test" if zlib.crc32(key.casefold().encode("utf-8")) % 100 < TEST_PERCENT else "dev"


def load(tsv: Path) -> list[tuple[str, str]]:
    rows = [line.rstrip("\n").split("\t") for line in tsv.open(encoding="utf-8")]
    return [(r[0], r[1]) for r in rows]


def _kana_distance(a: str, b: str) -> int:
    from rapidfuzz.distance import Levenshtein

    return Levenshtein.distance(a, b)


def print_errors(errors: dict[str, list[str]], most: int) -> None:
    """The dev split's mistakes, the first `most` of each kind."""
    for kind, lines in errors.items():
        print(f"-- {kind} ({len(lines)})")
        for line in lines[:most]:
            print("   " + line)


def lookalike_pairs(kanas: list[str], spellings_of: dict[str, set[str]], rng: random.Random, limit: int) -> list[tuple[str, str]]:
    """Up to `limit` pairs of one-word katakana names one kana apart (two from five kana)
    whose spellings differ and are not variants of each other (Savage/Savage, Smith/Smyth)."""
    by_length: dict[int, list[str]] = defaultdict(list)
    for kana in kanas:
        if "・" not in kana:
            by_length[len(kana)].append(kana)
    lookalikes: list[tuple[str, str]] = []
    keys = [k for k in kanas if "・" not in k and len(k) >= 3]
    rng.shuffle(keys)
    for kana in keys:
        if len(lookalikes) >= limit:
            break
        near = [k for n in (len(kana) - 1, len(kana), len(kana) + 1) for k in by_length[n]
                if k != kana and _kana_distance(k, kana) <= (1 if len(kana) <= 4 else 2)]
        for other in near[:1]:
            sa, sb = spellings_of[kana], spellings_of[other]
            if sa & sb or any(names.name_similarity(x, y) >= 0.85 for x in sa for y in sb):
                continue
            lookalikes.append((kana, other))
    return lookalikes


def evaluate(pairs: list[tuple[str, str]], split: str, limit: int, show_errors: bool) -> None:
    rng = random.Random(f"{SEED}-{split}")
    mine = [p for p in pairs if split_of(p[1]) == split]
    spellings_of: dict[str, set[str]] = defaultdict(set)
    for kana, latin in pairs:
        spellings_of[kana].add(latin.casefold())
    sample = rng.sample(mine, min(limit, len(mine)))
    t0 = time.perf_counter()
    errors: dict[str, list[str]] = defaultdict(list)

    # latin-kana recall and top-1
    hits = top = 0
    latin_pool = sorted({latin for _, latin in mine})
    for kana, latin in sample:
        score = names.name_similarity(kana, latin)
        if score >= names.SAME_NAME_THRESHOLD:
            hits += 1
        else:
            errors["latin-kana missed"].append(f"{kana} {latin} {score:.2f}")
        others = [d for d in rng.sample(latin_pool, DISTRACTORS + 5) if d.casefold() not in spellings_of[kana]][:DISTRACTORS]
        best = max(others, key=lambda d: names.name_similarity(kana, d))
        if score > names.name_similarity(kana, best):
            top += 1
        else:
            errors["top-1"].append(f"{kana}: {best} ({names.name_similarity(kana, best):.2f}) over {latin} ({score:.2f})")

    # kana-kana: renderings of one spelling
    by_spelling: dict[str, list[str]] = defaultdict(list)
    written: dict[str, str] = {}
    for kana, latin in mine:
        by_spelling[latin.casefold()].append(kana)
        written.setdefault(latin.casefold(), latin)
    variant_pairs = [(a, b, s) for s, ks in by_spelling.items() for a, b in itertools.combinations(sorted(set(ks)), 2)]
    variant_pairs = rng.sample(variant_pairs, min(limit, len(variant_pairs)))
    variant_hits = 0
    for a, b, s in variant_pairs:
        if names.is_same_name(a, b):
            variant_hits += 1
        else:
            errors["kana-kana missed"].append(f"{a} / {b} ({s}) {names.name_similarity(a, b):.2f}")
    anchored = 0
    for a, b, s in variant_pairs:
        sa, sb = names.name_similarity(a, written[s]), names.name_similarity(b, written[s])
        if min(sa, sb) >= SINGLE_LINK_THRESHOLD:
            anchored += 1
        else:
            errors["via spelling missed"].append(f"{a} {sa:.2f} / {b} {sb:.2f} ({written[s]})")

    # look-alikes: katakana one or two kana apart, spellings different and not variants of each other
    lookalikes = lookalike_pairs(sorted({k for k, _ in mine}), spellings_of, rng, limit)
    false_lookalike = 0
    for a, b in lookalikes:
        if names.is_same_name(a, b):
            false_lookalike += 1
            errors["look-alike linked"].append(f"{a} ({'/'.join(sorted(spellings_of[a]))}) ~ {b} ({'/'.join(sorted(spellings_of[b]))}) {names.name_similarity(a, b):.2f}")

    # random pairs
    false_random_lk = false_random_kk = 0
    for kana, latin in sample:
        other_kana, other_latin = rng.choice(mine)
        if other_latin.casefold() not in spellings_of[kana] and names.is_same_name(kana, other_latin):
            false_random_lk += 1
            errors["random linked"].append(f"{kana} ~ {other_latin}")
        if not spellings_of[kana] & spellings_of[other_kana] and names.is_same_name(kana, other_kana):
            false_random_kk += 1
            errors["random linked"].append(f"{kana} ~ {other_kana}")
    seconds = time.perf_counter() - t0

    n = len(sample)
    print(f"== {split}: {len(mine)} pairs ({n} sampled), {len(variant_pairs)} katakana variant pairs, {len(lookalikes)} look-alike pairs")
    print(f"  latin-kana recall   {hits / n:.3f}")
    print(f"  top-1 of 1+{DISTRACTORS}      {top / n:.3f}")
    print(f"  kana-kana recall    {variant_hits / max(1, len(variant_pairs)):.3f}")
    print(f"  via spelling        {anchored / max(1, len(variant_pairs)):.3f}  (both renderings join the spelling)")
    print(f"  look-alikes linked  {false_lookalike / max(1, len(lookalikes)):.3f}  (false alarms; lower is better)")
    print(f"  random linked       {false_random_lk / n:.4f} latin-kana, {false_random_kk / n:.4f} kana-kana")
    print(f"  {seconds:.1f} s")
    if show_errors and split == "dev":
        print_errors(errors, 60)


_NOT_SOUNDED = re.compile("[ー・＝ッァィゥェォャュョヮ]")


def clipped(a: str, b: str) -> bool:
    """Whether one katakana form is a clipped one of the other (スポニチ, マイクラ):
    under 0.7 of its kana once long marks, ・, ッ and small kana are dropped."""
    la, lb = len(_NOT_SOUNDED.sub("", a)), len(_NOT_SOUNDED.sub("", b))
    return min(la, lb) < 0.7 * max(la, lb)


def evaluate_others(rows: list[list[str]], split: str, limit: int, show_errors: bool) -> None:
    """The `others` slice of one split (see the module docstring)."""
    rng = random.Random(f"{SEED}-others-{split}")
    mine = [r for r in rows if split_of(r[1]) == split]
    named = [(kana, latin) for kana, latin, kind, _entry in mine if kind != "joined"]
    spellings_of: dict[str, set[str]] = defaultdict(set)
    by_spelling: dict[str, set[str]] = defaultdict(set)
    for kana, latin in named:
        spellings_of[kana].add(latin.casefold())
        by_spelling[latin.casefold()].add(kana)
    same = [(a, b, s) for s, ks in sorted(by_spelling.items()) for a, b in itertools.combinations(sorted(ks), 2) if not clipped(a, b)]
    same = rng.sample(same, min(limit, len(same)))
    entries: dict[str, set[str]] = defaultdict(set)
    for kana, latin, kind, entry in mine:
        if kind == "joined":
            entries[entry + "\t" + latin].add(kana)
    joined = [(a, b, key.split("\t")[1]) for key, ks in sorted(entries.items()) for a, b in itertools.combinations(sorted(ks), 2)
              if bool(re.search("[・＝]", a)) != bool(re.search("[・＝]", b))]
    joined = rng.sample(joined, min(limit, len(joined)))
    errors: dict[str, list[str]] = defaultdict(list)
    t0 = time.perf_counter()
    counts: dict[str, int] = defaultdict(int)
    for label, pool in (("same spelling", same), ("with/without ・", joined)):
        for a, b, spelling in pool:
            if names.is_same_name(a, b):
                counts[label] += 1
            else:
                errors[label + " missed"].append(f"{a} / {b} ({spelling}) {names.name_similarity(a, b):.2f}")
    sample = rng.sample(named, min(limit, len(named)))
    for kana, latin in sample:
        if names.is_same_name(kana, latin):
            counts["latin-kana"] += 1
        else:
            errors["latin-kana missed"].append(f"{kana} {latin} {names.name_similarity(kana, latin):.2f}")
    lookalikes = lookalike_pairs(sorted(spellings_of), spellings_of, rng, limit)
    for a, b in lookalikes:
        if names.is_same_name(a, b):
            counts["look-alike"] += 1
            errors["look-alike linked"].append(f"{a} ({'/'.join(sorted(spellings_of[a]))}) ~ {b} ({'/'.join(sorted(spellings_of[b]))}) {names.name_similarity(a, b):.2f}")
    for kana, _latin in sample:
        other = rng.choice(named)[0]
        if not spellings_of[kana] & spellings_of[other] and names.is_same_name(kana, other):
            counts["random"] += 1
            errors["random linked"].append(f"{kana} ~ {other}")
    seconds = time.perf_counter() - t0
    n = max(1, len(sample))
    print(f"== others, {split}: {len(named)} names, {len(same)} pairs of one spelling, {len(joined)} with/without ・, {len(lookalikes)} look-alike pairs")
    print(f"  same spelling       {counts['same spelling'] / max(1, len(same)):.3f}  (recall)")
    print(f"  with/without ・     {counts['with/without ・'] / max(1, len(joined)):.3f}  (recall)")
    print(f"  latin-kana recall   {counts['latin-kana'] / n:.3f}")
    print(f"  look-alikes linked  {counts['look-alike'] / max(1, len(lookalikes)):.3f}  ({counts['look-alike']}; false links, lower is better)")
    print(f"  random linked       {counts['random'] / n:.4f} kana-kana")
    print(f"  {seconds:.1f} s")
    if show_errors and split == "dev":
        print_errors(errors, 80)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cache", type=Path, default=Path.home() / ".cache" / "translate_kit" / "jmnedict")
    parser.add_argument("--limit", type=int, default=4000, help="comparisons sampled per measure and split")
    parser.add_argument("--errors", action="store_true", help="list the dev split's mistakes")
    parser.add_argument("--slice", choices=("people", "others", "all"), default="all",
                        help="people: the measures above; others: places, companies, works and names with and without ・")
    parser.add_argument("--split", choices=("dev", "test", "both"), default="both")
    args = parser.parse_args()
    splits = ("dev", "test") if args.split == "both" else (args.split,)
    if args.slice in ("people", "all"):
        pairs = load(fetch(args.cache))
        for split in splits:
            evaluate(pairs, split, args.limit, args.errors)
    if args.slice in ("others", "all"):
        rows = [line.rstrip("\n").split("\t") for line in fetch_others(args.cache).open(encoding="utf-8")]
        for split in splits:
            evaluate_others(rows, split, args.limit, args.errors)


if __name__ == "__main__":
    main()
