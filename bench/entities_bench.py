"""Entity extraction on annotated Japanese text: per-type precision and recall, and speed.

The corpus is the hironsancorpus package on PyPI (`pip download`, 0.7 MB): about 500
Japanese news and encyclopedia sentences tagged in IOB2 with the IREX classes. Its
PSN, ORG, ART and LOC spans are scored against `Engine.analyze` mentions typed person,
organization, product and place (dates, times, money and percentages are not names and
are left out). Nothing in it was written for this project.

A found mention is right when its span (with a company suffix such as 社, which
`Mention` keeps apart in `suffix`) is exactly a gold span: `typed` also needs the
type, `span` does not. Mentions typed `other` count against precision only in the
`any type` line, since `other` claims no type. Sentences split into dev and held-out
test by a hash of their text; tune on dev only (`--errors` lists dev mistakes).

The package is unpacked into a cache directory (default
~/.cache/translate-kit-bench/hironsan), never the repository.

    python bench/entities_bench.py [--cache DIR] [--errors N] [--ginza] [--split dev|test|both]

`--ginza` also scores GiNZA's own NER (the optional `ja-ginza` package, never needed by
translate_kit) on the same sentences, with its time beside ours.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tarfile
import time
import zlib
from collections import Counter
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from translate_kit.analysis import Engine  # noqa: E402
from translate_kit.mentions import ORGANIZATION_SUFFIXES  # noqa: E402
from translate_kit.model import EntityType  # noqa: E402

PACKAGE = "hironsancorpus==0.1.2"
TEST_PERCENT = 40
# IREX classes that are names, as translate_kit's types
GOLD_TYPES = {"PSN": "person", "ORG": "organization", "ART": "product", "LOC": "place"}
TYPES = ("person", "organization", "product", "place")
# GiNZA's labels (its ENE-based scheme) as translate_kit's types
GINZA_TYPES = {
    "Person": "person", "Company": "organization", "Organization": "organization", "Political_Organization": "organization",
    "Corporation_Other": "organization", "Government": "organization", "International_Organization": "organization",
    "School": "organization", "Product": "product", "Product_Other": "product", "Weapon": "product",
    "Award": "product", "Book": "product", "Facility": "place", "Facility_Other": "place", "Country": "place",
    "Province": "place", "City": "place", "GPE": "place", "GPE_Other": "place", "Location": "place",
    "Location_Other": "place", "Domestic_Region": "place", "Continental_Region": "place",
}


class Sentence(NamedTuple):
    text: str
    gold: frozenset[tuple[int, int, str]]  # (start, end, type)


def fetch(cache: Path) -> Path:
    """The IOB file, downloaded and unpacked once into the cache."""
    found = list(cache.glob("hironsancorpus-*/hironsan/corpus/iob_sents.txt"))
    if found:
        return found[0]
    cache.mkdir(parents=True, exist_ok=True)
    archives = list(cache.glob("hironsancorpus-*.tar.gz"))
    if not archives:
        subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", PACKAGE, "-d", str(cache)], check=True)
        archives = list(cache.glob("hironsancorpus-*.tar.gz"))
    with tarfile.open(archives[0]) as tar:
        tar.extractall(cache, filter="data")
    return next(cache.glob("hironsancorpus-*/hironsan/corpus/iob_sents.txt"))


def load(path: Path) -> list[Sentence]:
    """Sentences with their gold spans (IOB2 over MeCab tokens, one token a line)."""
    out: list[Sentence] = []
    tokens: list[tuple[str, str]] = []
    for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        if line.strip():
            cols = line.split("\t")
            tokens.append((cols[0], cols[-1]))
            continue
        if tokens:
            out.append(_sentence(tokens))
            tokens = []
    return out


def _sentence(tokens: list[tuple[str, str]]) -> Sentence:
    text, spans, at = "", [], 0
    current: list = []
    for surface, tag in tokens:
        if text and _latin_edge(text[-1]) and _latin_edge(surface[0]):
            text += " "  # the corpus dropped the spaces between Latin words (Mozilla Firefox)
            at += 1
        if current and not (tag.startswith("I-") and tag[2:] == current[2]):
            spans.append(tuple(current))
            current = []
        if tag.startswith("B-") or (tag.startswith("I-") and not current):
            current = [at, at + len(surface), tag[2:]]
        elif current:
            current[1] = at + len(surface)
        text += surface
        at += len(surface)
    if current:
        spans.append(tuple(current))
    gold = frozenset((s, e, GOLD_TYPES[t]) for s, e, t in spans if t in GOLD_TYPES)
    return Sentence(text, gold)


def _latin_edge(char: str) -> bool:
    return char.isascii() and char.isalnum()


def split_of(text: str) -> str:
    return "test" if zlib.crc32(text.encode()) % 100 < TEST_PERCENT else "dev"


def found_spans(engine: Engine, text: str) -> set[tuple[int, int, str]]:
    """translate_kit's mentions as (start, end, type); a company suffix is inside the span."""
    out = set()
    for m in engine.analyze(text, "ja", words=False).mentions:
        end = m.end + len(m.suffix) if m.suffix in ORGANIZATION_SUFFIXES else m.end
        out.add((m.start, end, str(m.type)))
    return out


def score(sentences: list[Sentence], predictions: list[set[tuple[int, int, str]]]) -> dict[str, tuple[int, int, int]]:
    """(true positives, predicted, gold) per type, for the span alone and for any type."""
    counts: dict[str, list[int]] = {t: [0, 0, 0] for t in (*TYPES, "span", "any type")}
    for sentence, found in zip(sentences, predictions):
        gold_spans = {(s, e) for s, e, _ in sentence.gold}
        typed = {(s, e, t) for s, e, t in found if t in TYPES}
        for t in TYPES:
            mine = {x for x in typed if x[2] == t}
            theirs = {x for x in sentence.gold if x[2] == t}
            counts[t][0] += len(mine & theirs)
            counts[t][1] += len(mine)
            counts[t][2] += len(theirs)
        spans = {(s, e) for s, e, _ in found}
        counts["span"][0] += len(spans & gold_spans)
        counts["span"][1] += len(spans)
        counts["span"][2] += len(gold_spans)
        counts["any type"][0] += len(typed & sentence.gold)
        counts["any type"][1] += len(found)
        counts["any type"][2] += len(sentence.gold)
    return {k: (v[0], v[1], v[2]) for k, v in counts.items()}


def report(label: str, counts: dict[str, tuple[int, int, int]]) -> None:
    print(f"  {label}")
    for name, (tp, predicted, gold) in counts.items():
        p = tp / predicted if predicted else 0.0
        r = tp / gold if gold else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        print(f"    {name:13} P {p:5.2f}  R {r:5.2f}  F {f:5.2f}   ({tp} right of {predicted} found, {gold} gold)")


def ginza_spans(nlp, text: str) -> set[tuple[int, int, str]]:
    doc = nlp(text)
    return {(e.start_char, e.end_char, GINZA_TYPES.get(e.label_, "other")) for e in doc.ents}


def show_errors(sentences: list[Sentence], predictions: list[set[tuple[int, int, str]]], limit: int) -> None:
    misses: Counter[str] = Counter()
    wrong: Counter[str] = Counter()
    for sentence, found in zip(sentences, predictions):
        for s, e, t in sentence.gold - found:
            misses[f"{t:12} {sentence.text[s:e]}  got: " + ", ".join(
                f"{sentence.text[a:b]}/{u}" for a, b, u in sorted(found) if a < e and s < b)] += 1
        for s, e, t in found - sentence.gold:
            if t in TYPES and not any(a < e and s < b for a, b, _ in sentence.gold):
                wrong[f"{t:12} {sentence.text[s:e]}"] += 1
    print(f"\n  dev misses and mistyped ({sum(misses.values())}):")
    for line, n in misses.most_common(limit):
        print(f"    {n:3} {line}")
    print(f"\n  dev false names ({sum(wrong.values())}):")
    for line, n in wrong.most_common(limit):
        print(f"    {n:3} {line}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cache", type=Path, default=Path.home() / ".cache" / "translate-kit-bench" / "hironsan")
    parser.add_argument("--errors", type=int, default=0, help="list this many dev mistakes of each kind")
    parser.add_argument("--ginza", action="store_true", help="also score GiNZA's NER (needs ja-ginza)")
    parser.add_argument("--split", choices=("dev", "test", "both"), default="both",
                        help="score only this split (tuning runs read dev alone)")
    args = parser.parse_args()
    sentences = load(fetch(args.cache))
    engine = Engine()
    engine.analyze("準備", "ja")  # load the dictionary outside the timing
    print(f"entities bench: {len(sentences)} sentences, {sum(len(s.text) for s in sentences)} characters")
    for split in ("dev", "test") if args.split == "both" else (args.split,):
        part = [s for s in sentences if split_of(s.text) == split]
        began = time.perf_counter()
        predictions = [found_spans(engine, s.text) for s in part]
        took = time.perf_counter() - began
        chars = sum(len(s.text) for s in part)
        report(f"{split} ({len(part)} sentences) translate_kit: {took:.2f} s, {chars / took / 1000:.0f}k chars/s", score(part, predictions))
        if args.ginza:
            import spacy  # optional: only for the comparison

            nlp = spacy.load("ja_ginza")
            began = time.perf_counter()
            theirs = [ginza_spans(nlp, s.text) for s in part]
            took_g = time.perf_counter() - began
            report(f"{split} GiNZA: {took_g:.2f} s ({took_g / took:.1f}x translate_kit's time)", score(part, theirs))
        if split == "dev" and args.errors:
            show_errors(part, predictions, args.errors)


if __name__ == "__main__":
    main()
