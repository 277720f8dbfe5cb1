"""Katakana compounds that a Latin name in the same run anchors as its rendering.

Sudachi cuts a company or a name it does not know into common words (シティ|バンク,
ベルン|ハイム), so the file that writes it yields no mention, and `entity-inconsistent`
never sees Citibank written in katakana. Each file records such compounds apart from its
mentions (`Mention.lexicon` "compound"); here, over the whole run, a compound becomes a
mention only when the run also writes, in the same language's text, one Latin name it
transcribes exactly, or writes it, as it is, as a person's name in katakana (マックウェイ
of オリエ・マックウェイ, where Sudachi reads マックウェイによると as マック|ウェイ).
Without that anchor it stays a pair of words: データ|ベース and サーバー|ログ are never
names on their own.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace
from typing import Iterable, Sequence

from translate_kit import names
from translate_kit.cluster import EXACT_TRANSCRIPTION, identifier_like, side_of
from translate_kit.mentions import COMPOUND
from translate_kit.model import EntityType, MentionUse, Script

# A Latin word of fewer letters has too few sounds to vouch for a compound (Bank, Box).
MIN_ANCHOR_LETTERS = 5
# An exact transcription keeps every consonant: compounds are compared only with Latin
# names of the same whole consonant skeleton (not the first two classes clustering uses).
_WHOLE = 0


def _anchor(use: MentionUse) -> str:
    """The word of a Latin mention that may anchor a compound, else "": a one-word name,
    or a person's surname (Millerland of Hanna Millerland); capitalised, written like a
    name rather than code, and no word the dictionary has as a common noun (Database)."""
    m = use.mention
    if m.script is not Script.LATIN or m.lexicon == "common":
        return ""
    if len(m.parts) <= 1:
        word = m.surface
    elif m.type is EntityType.PERSON:
        word = m.parts[-1]
    else:
        return ""
    ok = len(word) >= MIN_ANCHOR_LETTERS and word[:1].isupper() and word.isalpha() and not identifier_like(word)
    return word if ok else ""


def run_mentions(uses: Iterable[MentionUse]) -> list[MentionUse]:
    """The run's mentions: the files' own, and each compound a Latin name or a katakana
    person's name of the run anchors, in place of the mentions inside it (ベルン in
    ベルンハイム)."""
    mentions: list[MentionUse] = []
    compounds: list[MentionUse] = []
    for use in uses:
        (compounds if use.mention.lexicon == COMPOUND else mentions).append(use)
    if not compounds:
        return mentions
    words: dict[tuple[str, str], EntityType] = {}  # (side, Latin word): its type, first use's
    people: set[tuple[str, str]] = set()  # (side, a katakana person's name or surname)
    for use in mentions:
        word = _anchor(use)
        if word:
            words.setdefault((side_of(use), word), use.mention.type)
        elif use.mention.script is Script.KATAKANA and use.mention.type is EntityType.PERSON:
            people.add((side_of(use), use.mention.parts[-1] if use.mention.parts else use.mention.surface))
    index: dict[tuple[str, str], dict[str, EntityType]] = defaultdict(dict)
    for (side, word), etype in words.items():
        for key in names.blocking_keys(word, _WHOLE):
            index[(side, key)][word] = etype
    if not index and not people:
        return mentions
    verdicts: dict[tuple[str, str], EntityType | None] = {}
    anchored: list[MentionUse] = []
    for use in compounds:
        side, surface = side_of(use), use.mention.surface
        form = (side, surface)
        if form not in verdicts:
            verdicts[form] = EntityType.PERSON if form in people else \
                _anchored_type(surface, [index.get((side, k), {}) for k in names.blocking_keys(surface, _WHOLE)]) if index else None
        verdict = verdicts[form]
        if verdict is not None:
            anchored.append(replace(use, mention=replace(use.mention, type=verdict, lexicon="")))
    if not anchored:
        return mentions
    covered = _spans_by_file(anchored)
    kept = [u for u in mentions if not _inside_any(u, covered.get(u.order[0], ()))]
    return sorted(kept + anchored, key=lambda u: u.order)


def _anchored_type(surface: str, candidates: Sequence[dict[str, EntityType]]) -> EntityType | None:
    """The type of the one Latin name a compound transcribes exactly, else None (none,
    or two different names: nothing tells which)."""
    found = {latin: etype for block in candidates for latin, etype in block.items()
             if names.name_similarity(surface, latin) >= EXACT_TRANSCRIPTION}
    if len({latin.casefold() for latin in found}) != 1:
        return None
    etype = next(iter(found.values()))
    return etype if etype in (EntityType.PERSON, EntityType.ORGANIZATION, EntityType.PRODUCT) else EntityType.OTHER


def _span(use: MentionUse) -> tuple[int, int]:
    start = use.order[1]
    return start, start + use.mention.end - use.mention.start


def _spans_by_file(uses: Sequence[MentionUse]) -> dict[str, list[tuple[int, int]]]:
    spans: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for use in uses:
        spans[use.order[0]].append(_span(use))
    return spans


def _inside_any(use: MentionUse, spans: Sequence[tuple[int, int]]) -> bool:
    """Whether a mention lies within one of the anchored compounds' spans of its file."""
    start, end = _span(use)
    return any(a <= start and end <= b for a, b in spans)
