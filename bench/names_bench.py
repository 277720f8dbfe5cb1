"""Benchmark of translate_kit.names on the hand-written dev set in tests/data/names/.

Prints, for the dev split and the held-out test split separately: top-1 accuracy of picking the
right Latin name for each katakana among it and 20 seeded random Latin distractors; precision,
recall and F1 of `is_same_name` at SAME_NAME_THRESHOLD on positives (pairs.tsv, variants.tsv)
against negatives (negatives.tsv plus random non-matching pairs); and the time per 1000
comparisons. `--errors` lists the dev-split mistakes (never tune on the test split).
"""

from __future__ import annotations

import argparse
import itertools
import random
import sys
import time
import zlib
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from translate_kit import names  # noqa: E402

DATA = ROOT / "tests" / "data" / "names"
DISTRACTORS = 20
SEED = 20240601
TEST_PERCENT = 30


def split_of(key: str) -> str:
    """'test' for the ~30% of items whose CRC32 falls in the held-out bucket, else 'dev'."""
    return "test" if zlib.crc32(key.encode("utf-8")) % 100 < TEST_PERCENT else "dev"


def _rows(path: Path) -> list[list[str]]:
    """Tab-separated rows of a data file, comments and blank lines skipped."""
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            out.append(line.split("\t"))
    return out


@dataclass(frozen=True)
class Pair:
    """One labelled comparison."""

    a: str
    b: str
    kind: str
    split: str


def load_pairs() -> list[Pair]:
    """Latin/katakana positives from pairs.tsv; split keyed on the Latin form."""
    return [Pair(r[0], r[1], r[2], split_of(r[0])) for r in _rows(DATA / "pairs.tsv")]


def load_variants() -> list[tuple[tuple[str, ...], str]]:
    """Groups of katakana variants with their split (keyed on the whole line)."""
    return [(tuple(r), split_of("\t".join(r))) for r in _rows(DATA / "variants.tsv")]


def load_negatives() -> list[Pair]:
    """Look-alike pairs naming different things; split keyed on 'a<TAB>b'."""
    return [Pair(r[0], r[1], r[2], split_of(r[0] + "\t" + r[1])) for r in _rows(DATA / "negatives.tsv")]


def top1(pairs: list[Pair], pool: list[Pair], rng: random.Random) -> tuple[float, list[str]]:
    """Share of katakana forms whose own Latin form beats every distractor."""
    kana_of: dict[str, set[str]] = {}
    for p in pool:
        kana_of.setdefault(p.a, set()).add(p.b)
    latin = sorted(kana_of)
    hits = 0
    errors = []
    for p in pairs:
        choices = [x for x in latin if x != p.a and p.b not in kana_of[x]]
        distractors = rng.sample(choices, DISTRACTORS)
        right = names.name_similarity(p.b, p.a)
        scored = [(names.name_similarity(p.b, d), d) for d in distractors]
        best, who = max(scored)
        if right > best:
            hits += 1
        else:
            errors.append(f"{p.b} -> {who} ({best:.2f}) over {p.a} ({right:.2f})")
    return hits / max(1, len(pairs)), errors


def labelled(split: str, rng: random.Random) -> list[tuple[str, str, bool, str]]:
    """(a, b, same?, kind) comparisons for one split, random negatives included."""
    pairs = [p for p in load_pairs() if p.split == split]
    out: list[tuple[str, str, bool, str]] = [(p.a, p.b, True, "latin-kana") for p in pairs]
    for group, s in load_variants():
        if s == split:
            out += [(x, y, True, "kana-kana") for x, y in itertools.combinations(group, 2)]
    out += [(n.a, n.b, False, "neg:" + n.kind) for n in load_negatives() if n.split == split]
    same_kana = {(p.a, p.b) for p in load_pairs()}
    kana_of = {p.a: p.b for p in load_pairs()}
    for p in pairs:  # one random non-matching Latin/katakana pair and one katakana/katakana pair each
        other = rng.choice(pairs)
        if other.a != p.a and (p.a, other.b) not in same_kana and kana_of[p.a] != other.b:
            out.append((p.a, other.b, False, "random:latin-kana"))
        other = rng.choice(pairs)
        if other.b != p.b:
            out.append((p.b, other.b, False, "random:kana-kana"))
    return out


def prf(items: list[tuple[str, str, bool, str]], threshold: float) -> tuple[float, float, float]:
    """Precision, recall and F1 of `score >= threshold` on labelled comparisons."""
    tp = fp = fn = 0
    for a, b, same, _ in items:
        pred = names.name_similarity(a, b) >= threshold
        tp += pred and same
        fp += pred and not same
        fn += (not pred) and same
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def clear_caches() -> None:
    """Empty every lru_cache in the names module so timings are cold."""
    for obj in vars(names).values():
        if hasattr(obj, "cache_clear"):
            obj.cache_clear()


def timing(items: list[tuple[str, str, bool, str]]) -> tuple[float, float, float]:
    """Milliseconds per 1000 comparisons: cold caches; readings cached (new pairs); all cached."""
    pairs = [(a, b) for a, b, _, _ in items][:1000]
    clear_caches()
    t0 = time.perf_counter()
    for a, b in pairs:
        names.name_similarity(a, b)
    cold = time.perf_counter() - t0
    names._name_similarity.cache_clear()
    names._phoneme_similarity.cache_clear()
    t0 = time.perf_counter()
    for a, b in pairs:
        names.name_similarity(a, b)
    new_pairs = time.perf_counter() - t0
    t0 = time.perf_counter()
    for a, b in pairs:
        names.name_similarity(a, b)
    warm = time.perf_counter() - t0
    scale = 1000 * 1000 / len(pairs)
    return cold * scale, new_pairs * scale, warm * scale


def blocking(items: list[tuple[str, str, bool, str]]) -> str:
    """Recall of the blocking keys on same-name pairs and the share of other pairs they keep."""
    pos = [(a, b) for a, b, same, _ in items if same]
    neg = [(a, b) for a, b, same, kind in items if not same and kind.startswith("random")]
    skel = sum(names.consonant_skeleton(a) == names.consonant_skeleton(b) for a, b in pos) / len(pos)
    keys = sum(bool(names.blocking_keys(a) & names.blocking_keys(b)) for a, b in pos) / len(pos)
    kept_skel = sum(names.consonant_skeleton(a) == names.consonant_skeleton(b) for a, b in neg) / len(neg)
    kept_keys = sum(bool(names.blocking_keys(a) & names.blocking_keys(b)) for a, b in neg) / len(neg)
    return (
        f"blocking: consonant_skeleton shared by {skel:.3f} of same-name pairs ({kept_skel:.3f} of random pairs); "
        f"blocking_keys overlap {keys:.3f} ({kept_keys:.3f})"
    )


def report(split: str, show_errors: bool) -> None:
    """Print every figure for one split."""
    rng = random.Random(f"{SEED}-{split}")
    all_pairs = load_pairs()
    pairs = [p for p in all_pairs if p.split == split]
    acc, top_errors = top1(pairs, all_pairs, rng)
    items = labelled(split, rng)
    pos = sum(1 for i in items if i[2])
    print(f"== {split} split: {len(pairs)} pairs, {pos} positives, {len(items) - pos} negatives")
    print(f"top-1 of 1+{DISTRACTORS} Latin candidates: {acc:.3f}")
    p, r, f = prf(items, names.SAME_NAME_THRESHOLD)
    print(f"same-name at {names.SAME_NAME_THRESHOLD:.2f}: precision {p:.3f} recall {r:.3f} F1 {f:.3f}")
    kinds = sorted({i[3] for i in items})
    for kind in kinds:
        sub = [i for i in items if i[3] == kind]
        ok = sum(1 for a, b, same, _ in sub if (names.name_similarity(a, b) >= names.SAME_NAME_THRESHOLD) == same)
        print(f"  {kind:<22} {ok}/{len(sub)} correct")
    if split == "dev":
        sweep = [(prf(items, t / 100)[2], t / 100) for t in range(50, 91, 2)]
        best_f, best_t = max(sweep)
        print(f"best dev F1 {best_f:.3f} at threshold {best_t:.2f}")
    print(blocking(items))
    cold, new_pairs, warm = timing(items)
    print(
        f"time per 1000 comparisons: {cold:.0f} ms cold (new strings), "
        f"{new_pairs:.0f} ms with readings cached (new pairs), {warm:.1f} ms fully cached"
    )
    if show_errors and split == "dev":
        print("-- top-1 errors")
        for e in top_errors:
            print("  " + e)
        print("-- same-name errors")
        for a, b, same, kind in items:
            s = names.name_similarity(a, b)
            if (s >= names.SAME_NAME_THRESHOLD) != same:
                print(f"  {'FN' if same else 'FP'} {kind:<20} {a} / {b}  {s:.3f}")


def main() -> None:
    """Run the benchmark on both splits."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--errors", action="store_true", help="list dev-split errors")
    args = parser.parse_args()
    report("dev", args.errors)
    report("test", False)


if __name__ == "__main__":
    main()
