"""`entity-inconsistent` on Japanese documents with known inconsistencies, built from real names.

Each generated document introduces several people by full name (given・surname, katakana
renderings from JMnedict, see jmnedict_bench.py) and mentions them again by surname in
sentences written for this benchmark. In half of the documents one later surname mention
is swapped for another JMnedict rendering of the same original spelling (サヴェージ for
サヴェッジ, both Savage): the finding the rule should make. Everything else must stay
quiet, including two people whose names sound alike. Each document is checked on its own.

Prints recall (swapped mentions reported), precision (findings that are swapped mentions)
and the share of documents with a false alarm. Then, in documents of their own, two of the
people have surnames one or two kana apart whose spellings differ (サヴァル Saval and
サヴァン Savin): any finding there is a false alarm.

    python bench/doc_consistency_bench.py [--cache DIR] [--docs 300] [--people 6] [--seed 7] [--lookalike-docs 200]

`--real` puts the names into real running text instead of the templates: sentences of the
hironsan corpus (see entities_bench.py) that name a person, with that person's span
rewritten to one of the document's people (a full name the first time, given name and
surname joined by ・ or ＝; later mostly the surname, before the sentence's own 首相, 氏,
さん, 監督, コーチ …), run together into paragraphs between sentences that name nobody.
Other people the sentence names stay as written. Classes: `kana` (one later mention in
another JMnedict rendering of the same spelling), `script` (named in Latin letters, once in
katakana), and look-alike documents. Sentences (entities_bench's hash) and surname
spellings (jmnedict_bench's hash) are split into dev and held-out test; tune on dev:

    python bench/doc_consistency_bench.py --cache DIR --real --docs 800 --people 4 --lookalike-docs 400 [--split test]
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from jmnedict_bench import fetch  # noqa: E402

INTRODUCTIONS = (
    "研究チームを率いる{full}は、昨年から新しい測定方法を試している。",
    "会議の冒頭で{full}が今年の計画を説明した。",
    "今回の調査には{full}も加わった。",
    "報告書の第二章は{full}がまとめたものだ。",
)
LATER = (
    "{name}によると、結果は予想よりも安定していた。",
    "質疑応答では{name}が追加の資料を示した。",
    "{name}氏は、次の段階では対象を広げると述べた。",
    "その点について{name}は慎重な見方を崩さなかった。",
    "最後に{name}が全体の流れを振り返った。",
    "{name}の提案は、参加者の多くに支持された。",
)


def load_names(tsv: Path) -> tuple[dict[str, list[str]], list[tuple[str, str]], dict[str, str]]:
    """Surname renderings grouped by original spelling (case-folded), given names
    (katakana, Latin), and each spelling as written."""
    surnames: dict[str, set[str]] = defaultdict(set)
    spelled: dict[str, str] = {}
    given: set[tuple[str, str]] = set()
    for line in tsv.open(encoding="utf-8"):
        kana, latin, kind = line.rstrip("\n").split("\t")
        if "・" in kana or len(kana) < 3 or not latin.isalpha():
            continue
        if kind == "surname":
            surnames[latin.casefold()].add(kana)
            spelled.setdefault(latin.casefold(), latin)
        elif kind in ("given", "masc", "fem"):
            given.add((kana, latin))
    return {k: sorted(v) for k, v in surnames.items()}, sorted(given), spelled


def lookalike_pairs(surnames: dict[str, list[str]]) -> list[tuple[tuple[str, str], tuple[str, str]]]:
    """Pairs of (spelling, rendering) whose renderings are one kana apart (two from five
    kana) while the spellings differ by two letters or more (サヴァル Saval, サヴァン Savin)."""
    from rapidfuzz.distance import Levenshtein, OSA

    by_length: dict[int, list[tuple[str, str]]] = defaultdict(list)
    for spelling, renderings in surnames.items():
        for kana in renderings:
            by_length[len(kana)].append((kana, spelling))
    pairs = set()
    for length, items in by_length.items():
        near = [x for n in (length - 1, length, length + 1) for x in by_length.get(n, ())]
        for kana, spelling in items:
            for other, other_spelling in near:
                if other_spelling <= spelling or OSA.distance(spelling, other_spelling) < 2:
                    continue
                if Levenshtein.distance(kana, other, score_cutoff=2) <= (1 if min(length, len(other)) <= 4 else 2):
                    pairs.add(((spelling, kana), (other_spelling, other)))
    return sorted(pairs)


def build(rng: random.Random, surnames: dict[str, list[str]], given: list[tuple[str, str]], spelled: dict[str, str],
          people: int, swap: str, lookalike: tuple[tuple[str, str], tuple[str, str]] | None = None):
    """(text, the swapped surname's (line, surface) or None). `swap`: "" (none), "kana"
    (another katakana rendering of the surname), or "script" (the person introduced in
    Latin letters, then once written in katakana). `lookalike`: the spellings of the first
    two people, whose renderings are one or two kana apart."""
    spellings = rng.sample(sorted(surnames), people)
    if lookalike is not None:
        spellings[0], spellings[1] = lookalike[0][0], lookalike[1][0]
    if swap == "kana":
        with_variants = [s for s in sorted(surnames) if len(surnames[s]) >= 2]
        spellings[0] = rng.choice(with_variants)
    persons = []
    for spelling in spellings:
        renderings = surnames[spelling]
        surname = rng.choice(renderings)
        others = [r for r in renderings if r != surname]
        persons.append((rng.choice(given)[0], surname, others))
    if lookalike is not None:  # the two renderings that are one or two kana apart
        persons[0], persons[1] = (persons[0][0], lookalike[0][1], []), (persons[1][0], lookalike[1][1], [])
    if swap == "script":  # introduced and named in Latin letters; the swap writes it in katakana
        first, latin_given = rng.choice(given)
        persons[0] = (latin_given, spelled[spellings[0]], [persons[0][1]])
    lines = [rng.choice(INTRODUCTIONS).format(full=f"{g} {s}" if g.isascii() else f"{g}・{s}") for g, s, _ in persons]
    later = [(i, rng.choice(LATER)) for i in range(people) for _ in range(2)]
    rng.shuffle(later)
    swapped = None
    for i, template in later:
        g, s, others = persons[i]
        name = s
        if swap and i == 0 and swapped is None and others:
            name = rng.choice(others)
            swapped = (len(lines) + 1, name)
        lines.append(template.format(name=name))
    return "\n".join(lines) + "\n", swapped


# --- real sentences -----------------------------------------------------------------------

SEPARATORS = ("・", "・", "・", "・", "＝")  # between given name and surname: mostly ・, sometimes ＝


def real_sentences(cache: Path) -> dict[str, tuple[list[tuple[str, int, int]], list[str]]]:
    """Per split (entities_bench's hash of the sentence): the hironsan sentences that name a
    person, once per person span to rewrite (sentence, start, end), and the sentences that
    name nobody, as filler. Spans in hiragana (a reading in brackets) and of one character
    are not rewritten."""
    from entities_bench import fetch as fetch_hironsan, load as load_hironsan, split_of as sentence_split

    out: dict[str, tuple[list[tuple[str, int, int]], list[str]]] = {"dev": ([], []), "test": ([], [])}
    for sentence in load_hironsan(fetch_hironsan(cache)):
        frames, fillers = out[sentence_split(sentence.text)]
        spans = sorted((s, e) for s, e, t in sentence.gold if t == "person")
        if not spans:
            fillers.append(sentence.text)
        for s, e in spans:
            if e - s >= 2 and not any("ぁ" <= c <= "ゖ" for c in sentence.text[s:e]):
                frames.append((sentence.text, s, e))
    return out


def build_real(rng: random.Random, frames: list[tuple[str, int, int]], fillers: list[str],
               spellings: list[str], surnames: dict[str, list[str]], given: list[tuple[str, str]],
               spelled: dict[str, str], swap: str, lookalike: tuple[tuple[str, str], tuple[str, str]] | None = None):
    """A document of real sentences in which each of the people of `spellings` takes the place
    of a person the sentence named: introduced once by full name, then mentioned twice more
    (mostly by surname, the sentence's own title or honorific after it), between sentences that
    name nobody; sentences run together in paragraphs of one to three. Returns (text, the
    swapped mention's (line, surface, the person's full name) or None); `swap` and
    `lookalike` as in `build`."""
    persons = []
    for spelling in spellings:
        renderings = surnames[spelling]
        surname = rng.choice(renderings)
        kana_given, latin_given = rng.choice(given)
        persons.append([kana_given + rng.choice(SEPARATORS) + surname, surname, [r for r in renderings if r != surname]])
    if lookalike is not None:
        for person, (_spelling, kana) in zip(persons, lookalike):
            person[0] = person[0][: len(person[0]) - len(person[1])] + kana
            person[1], person[2] = kana, []
    if swap == "script":  # introduced and named in Latin letters; the swap writes it in katakana
        latin = spelled[spellings[0]]
        persons[0] = [f"{rng.choice(given)[1]} {latin}", latin, [persons[0][1]]]
    events = [(i, k) for i in range(len(persons)) for k in range(3)]
    rng.shuffle(events)
    for i in range(len(persons)):  # each person's first event is the introduction
        at = [n for n, e in enumerate(events) if e[0] == i]
        for rank, n in enumerate(at):
            events[n] = (i, rank)
    swap_at = None
    if swap:
        later = [n for n, e in enumerate(events) if e[0] == 0 and e[1] > 0]
        swap_at = rng.choice(later)
    sentences: list[tuple[str, tuple[str, str] | None]] = []
    by_sentence: dict[str, list[tuple[str, int, int]]] = defaultdict(list)
    for frame in frames:
        by_sentence[frame[0]].append(frame)
    chosen = [rng.choice(by_sentence[t]) for t in rng.sample(sorted(by_sentence), len(events))]  # a sentence once
    for n, ((i, rank), (text, s, e)) in enumerate(zip(events, chosen)):
        full, short, others = persons[i]
        name = full if rank == 0 or (n != swap_at and rng.random() < 0.2) else short
        if n == swap_at:
            name = rng.choice(others)
        before, after = text[:s], text[e:]
        if name.isascii():  # a Latin name keeps a space from Latin letters beside it (Angela Merkel CDU党首)
            before += " " if before[-1:].isascii() and before[-1:].isalnum() else ""
            after = (" " if after[:1].isascii() and after[:1].isalnum() else "") + after
        sentences.append((before + name + after, (name, full) if n == swap_at else None))
    for filler in rng.sample(fillers, len(sentences) // 2):
        sentences.insert(rng.randrange(len(sentences) + 1), (filler, None))
    lines: list[str] = []
    swapped = None
    while sentences:
        size = min(len(sentences), rng.randint(1, 3))
        take, sentences = sentences[:size], sentences[size:]
        for _text, names in take:
            if names is not None:
                swapped = (len(lines) + 1, *names)
        lines.append("".join(t for t, _ in take))
        lines.append("")
    return "\n".join(lines), swapped


class Tally:
    """Counts over a set of documents: swaps found per class, findings right and wrong."""

    def __init__(self) -> None:
        self.by_kind: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])  # swaps, found, found with another span
        self.true = self.false = self.docs = self.noisy = 0
        self.errors: list[str] = []

    def add(self, findings: list, text: str, kind: str, swapped: tuple | None, note: str = "") -> None:
        """One checked document; a swap counts as found when a finding on its line names it
        (exactly, or inside a longer mention: counted apart as a boundary slip)."""
        self.docs += 1
        exact = [f for f in findings if swapped is not None and (f.line, f.found) == swapped[:2]]
        near = [f for f in findings if swapped is not None and not exact and f.line == swapped[0] and swapped[1] in f.found]
        hit = (exact or near)[:1]
        if swapped is not None:
            counts = self.by_kind[kind]
            counts[0] += 1
            counts[1] += bool(hit)
            counts[2] += bool(near) and not exact
            if not hit:
                self.errors.append(f"missed {swapped[1]} (line {swapped[0]}, {kind}, for {swapped[-1]}) in:\n{text}")
        wrong = [f for f in findings if f not in hit]
        self.true += len(hit)
        self.false += len(wrong)
        self.noisy += bool(wrong)
        for f in wrong:
            self.errors.append(f"false{note}: line {f.line}: {f.message}\n{text}")

    def show(self, errors: bool, limit: int) -> None:
        if errors:
            for e in sorted(self.errors, key=lambda e: not e.startswith("false"))[:limit]:
                print("--", e)


def checker():
    """A function from a document's text to its `entity-inconsistent` findings."""
    from translate_kit.analysis import Engine
    from translate_kit.options import CheckOptions, RuleSettings
    from translate_kit.run import check_paths

    engine = Engine("C")
    options = CheckOptions(lang="ja", rules=RuleSettings(select=frozenset({"entity-inconsistent"})))
    tmp = Path(tempfile.mkdtemp(prefix="doc-consistency-"))

    def check(text: str) -> list:
        path = tmp / "doc.txt"
        path.write_text(text, encoding="utf-8")
        return [f for f in check_paths([str(path)], options, engine=engine).findings if f.rule == "entity-inconsistent"]

    return check


def apart(rng: random.Random, surnames: dict[str, list[str]], people: int, first: tuple[str, ...]) -> list[str]:
    """`people` surname spellings starting with `first`, the others drawn at random with
    every rendering three kana edits or more from the rest (ヴィーゲラン and ビーゲラン, two
    spellings, would be near names by chance: the look-alike documents test those)."""
    from rapidfuzz.distance import Levenshtein

    chosen = list(first)
    while len(chosen) < people:
        spelling = rng.choice(sorted(surnames))
        if spelling not in chosen and all(Levenshtein.distance(a, b, score_cutoff=3) >= 3
                                          for other in chosen for a in surnames[spelling] for b in surnames[other]):
            chosen.append(spelling)
    return chosen


def main_real(args: argparse.Namespace) -> None:
    """The real-sentence mode: documents of hironsan sentences, names and sentences of one split."""
    from jmnedict_bench import split_of as name_split

    all_surnames, all_given, spelled = load_names(fetch(args.cache))
    surnames = {k: v for k, v in all_surnames.items() if name_split(k) == args.split}
    given = [g for g in all_given if name_split(g[1]) == args.split]
    frames, fillers = real_sentences(args.hironsan)[args.split]
    pairs = lookalike_pairs(surnames)
    check = checker()
    rng = random.Random(f"{args.seed}-{args.split}")
    tally, look = Tally(), Tally()
    t0 = time.perf_counter()
    with_variants = [s for s in sorted(surnames) if len(surnames[s]) >= 2]
    for n in range(args.docs):
        swap = ("kana", "", "script", "")[n % 4]
        spellings = apart(rng, surnames, args.people, (rng.choice(with_variants),) if swap == "kana" else ())
        text, swapped = build_real(rng, frames, fillers, spellings, surnames, given, spelled, swap)
        tally.add(check(text), text, swap or "none", swapped)
    for _ in range(args.lookalike_docs):
        pair = rng.choice(pairs)
        spellings = apart(rng, surnames, args.people, (pair[0][0], pair[1][0]))
        text, _ = build_real(rng, frames, fillers, spellings, surnames, given, spelled, "", pair)
        look.add(check(text), text, "look-alike", None, f" (look-alike people {pair[0][1]} {pair[0][0]} / {pair[1][1]} {pair[1][0]})")
    seconds = time.perf_counter() - t0
    swaps = sum(v[0] for v in tally.by_kind.values())
    found = sum(v[1] for v in tally.by_kind.values())
    print(f"real sentences, {args.split} split: {len(frames)} sentence slots, {len(fillers)} fillers, {len(surnames)} surname spellings; "
          f"{args.docs} documents, {args.people} people each, {swaps} with a swapped rendering ({seconds:.1f} s)")
    print(f"  recall     {found / max(1, swaps):.3f}  (" + ", ".join(
        f"{kind} {v[1]}/{v[0]}" + (f" ({v[2]} inside a longer mention)" if v[2] else "") for kind, v in sorted(tally.by_kind.items())) + ")")
    print(f"  precision  {tally.true / max(1, tally.true + tally.false):.3f}  ({tally.false} false findings)")
    print(f"  documents with a false alarm: {tally.noisy}/{tally.docs}")
    print(f"  look-alike people ({len(pairs)} pairs of spellings, {look.docs} documents): "
          f"{look.false} false findings, documents with a false alarm {look.noisy}/{look.docs}")
    tally.show(args.errors, args.show)
    look.show(args.errors, args.show)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cache", type=Path, default=Path.home() / ".cache" / "translate_kit" / "jmnedict")
    parser.add_argument("--docs", type=int, default=300)
    parser.add_argument("--people", type=int, default=6)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--lookalike-docs", type=int, default=200, help="documents with two look-alike people")
    parser.add_argument("--errors", action="store_true", help="print false findings, then missed swaps")
    parser.add_argument("--show", type=int, default=40, help="how many of those to print")
    parser.add_argument("--real", action="store_true", help="real sentences (hironsan corpus) instead of templates")
    parser.add_argument("--split", choices=("dev", "test"), default="dev", help="--real: names and sentences of this split")
    parser.add_argument("--hironsan", type=Path, default=Path.home() / ".cache" / "translate-kit-bench" / "hironsan")
    args = parser.parse_args()
    if args.real:
        main_real(args)
        return

    from translate_kit.analysis import Engine
    from translate_kit.options import CheckOptions, RuleSettings
    from translate_kit.run import check_paths

    surnames, given, spelled = load_names(fetch(args.cache))
    rng = random.Random(args.seed)
    engine = Engine("C")
    options = CheckOptions(lang="ja", rules=RuleSettings(select=frozenset({"entity-inconsistent"})))
    found_swaps = swaps = true_findings = false_findings = noisy_docs = 0
    errors: list[str] = []
    by_kind = {"kana": [0, 0], "script": [0, 0]}
    t0 = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        for n in range(args.docs):
            swap = ("kana", "", "script", "")[n % 4]
            text, swapped = build(rng, surnames, given, spelled, args.people, swap)
            path = Path(tmp) / f"doc{n}.txt"
            path.write_text(text, encoding="utf-8")
            findings = [f for f in check_paths([str(path)], options, engine=engine).findings if f.rule == "entity-inconsistent"]
            hit = swapped is not None and any(f.line == swapped[0] and f.found == swapped[1] for f in findings)
            if swapped is not None:
                swaps += 1
                found_swaps += hit
                by_kind[swap][0] += 1
                by_kind[swap][1] += hit
                if not hit:
                    errors.append(f"missed {swapped[1]} (line {swapped[0]}) in:\n{text}")
            wrong = [f for f in findings if swapped is None or (f.line, f.found) != swapped]
            true_findings += len(findings) - len(wrong)
            false_findings += len(wrong)
            noisy_docs += bool(wrong)
            for f in wrong:
                errors.append(f"false: line {f.line}: {f.message}\n{text}")
        pairs = lookalike_pairs(surnames)
        look_rng = random.Random(args.seed + 1)
        look_false = look_docs = 0
        for n in range(args.lookalike_docs):
            pair = look_rng.choice(pairs)
            text, _swapped = build(look_rng, surnames, given, spelled, args.people, "", pair)
            path = Path(tmp) / f"look{n}.txt"
            path.write_text(text, encoding="utf-8")
            findings = [f for f in check_paths([str(path)], options, engine=engine).findings if f.rule == "entity-inconsistent"]
            look_false += len(findings)
            look_docs += bool(findings)
            for f in findings:
                errors.append(f"false (look-alike people {pair[0][1]} {pair[0][0]} / {pair[1][1]} {pair[1][0]}): line {f.line}: {f.message}\n{text}")
    seconds = time.perf_counter() - t0
    reported = true_findings + false_findings
    print(f"{args.docs} documents, {args.people} people each, {swaps} with a swapped rendering ({seconds:.1f} s)")
    print(f"  recall     {found_swaps / max(1, swaps):.3f}  (swapped renderings reported; katakana variant "
          f"{by_kind['kana'][1] / max(1, by_kind['kana'][0]):.3f}, Latin then katakana {by_kind['script'][1] / max(1, by_kind['script'][0]):.3f})")
    print(f"  precision  {true_findings / max(1, reported):.3f}  ({false_findings} false findings)")
    print(f"  documents with a false alarm: {noisy_docs / args.docs:.3f}")
    print(f"  look-alike people ({len(pairs)} pairs of spellings, {args.lookalike_docs} documents): "
          f"{look_false} false findings, documents with a false alarm {look_docs / max(1, args.lookalike_docs):.3f}")
    if args.errors:
        for e in sorted(errors, key=lambda e: not e.startswith("false"))[: args.show]:
            print("--", e)


if __name__ == "__main__":
    main()
