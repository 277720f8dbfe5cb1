"""Time entity clustering on many distinct generated name forms (target: 20,000 in < 10 s).

Forms are made from random katakana syllables (single names and ・-joined full names),
random Latin names, and spelling variants of some of them (long vowels, ヴ/ブ, small kana),
so blocking keys see realistic collisions.

    python bench/cluster_bench.py [--forms 20000] [--seed 7]
"""

from __future__ import annotations

import argparse
import random
import time

from translate_kit.cluster import cluster_mentions
from translate_kit.model import EntityType, Mention, Script
from translate_kit.model import MentionUse, Place

KANA = list("アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワンガギグゲゴザジズゼゾダデドバビブベボパピプペポ")
LATIN_SYLLABLES = ["ka", "lo", "mi", "ren", "sto", "val", "der", "mon", "tri", "ber", "nard", "pi", "no", "san", "ti", "go", "zu", "ra", "fel", "dan"]


def katakana_name(rng: random.Random) -> str:
    name = "".join(rng.choice(KANA) for _ in range(rng.randint(2, 5)))
    if rng.random() < 0.3:
        i = rng.randint(1, len(name))
        name = name[:i] + "ー" + name[i:]
    return name


def latin_name(rng: random.Random) -> str:
    return "".join(rng.choice(LATIN_SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()


def variant(name: str, rng: random.Random) -> str:
    if "ー" in name:
        return name.replace("ー", "", 1)
    return name[:-1] + "ー" + name[-1] if len(name) > 2 else name + "ー"


def generate(n: int, seed: int) -> list[MentionUse]:
    rng = random.Random(seed)
    seen: set[str] = set()
    uses: list[MentionUse] = []
    while len(seen) < n:
        kind = rng.random()
        if kind < 0.45:
            parts = (katakana_name(rng),) if rng.random() < 0.5 else (katakana_name(rng), katakana_name(rng))
            surface, script = "・".join(parts), Script.KATAKANA
        elif kind < 0.8:
            parts = (latin_name(rng), latin_name(rng)) if rng.random() < 0.5 else (latin_name(rng),)
            surface, script = " ".join(parts), Script.LATIN
        else:
            base = katakana_name(rng)
            parts, surface, script = (variant(base, rng),), variant(base, rng), Script.KATAKANA
        if surface in seen:
            continue
        seen.add(surface)
        m = Mention(surface, 0, len(surface), script, surface, "", EntityType.PERSON if len(parts) > 1 else EntityType.OTHER, tuple(parts))
        i = len(uses)
        uses.append(MentionUse(m, Place("bench.txt", i + 1, 1, i + 1, len(surface) + 1), ("bench.txt", i * 100), "ja", "prose"))
    return uses


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--forms", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    uses = generate(args.forms, args.seed)
    start = time.perf_counter()
    clusters = cluster_mentions(uses)
    elapsed = time.perf_counter() - start
    multi = sum(1 for c in clusters if len(c.forms) > 1)
    print(f"{len(uses)} distinct forms -> {len(clusters)} clusters ({multi} with several forms) in {elapsed:.2f} s")


if __name__ == "__main__":
    main()
