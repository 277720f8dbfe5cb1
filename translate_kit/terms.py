"""Find a glossary's term concepts in text, on token boundaries.

Matching runs over the tokens the segment analysis already made (Sudachi morphemes for
Japanese, Unicode words elsewhere), by dictionary lookup of each token's key, so a
segment is tokenized once and no regex over all terms is ever run. メタ never matches
inside メタデータ and ユーザ never inside ユーザー. A token whose Sudachi normalized form
equals a single-token term's but whose surface differs is a `normalized` hit (ユーザ for
ユーザー); an inflected verb or adjective is not (持っ of 持って names 持つ, the word, but
is no spelling of a term もつ).
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from typing import Sequence

from translate_kit.glossary.model import Concept, Glossary, Term
from translate_kit.link import judge_term_hit, lang_matches, term_key
from translate_kit.segment import lang_is_japanese
from translate_kit.sources.language import primary_language

# A token as matching needs it: (start, end, surface, normalized form or "": none, or an
# inflected word's).
MatchToken = tuple[int, int, str, str]
# A hit: (index of the matched term in `TermMatcher.entries`, start, end, "exact" | "normalized").
TermHit = tuple[int, int, int, str]


@dataclass(frozen=True)
class _Entry:
    concept: Concept
    term: Term
    tokens: tuple[str, ...]  # term_key of each token
    primary: str  # primary language subtag of the term


class TermMatcher:
    """Token-boundary matching of term concepts; build once per run. Holds no engine,
    so it pickles to worker processes."""

    def __init__(self, entries: list[_Entry], normalized: dict[str, list[int]]) -> None:
        self.entries = tuple(entries)
        by_first: dict[str, list[int]] = defaultdict(list)
        for number, e in enumerate(entries):
            by_first[e.tokens[0]].append(number)
        self._by_first = dict(by_first)
        self._normalized = normalized
        self._languages = frozenset(e.primary for e in entries)
        # per language: token surface -> the terms it may start, by their length in tokens
        # and then by their tokens' keys (a common word starts dozens of longer terms)
        self._starts: dict[str, dict[str, _Starts]] = {}
        self._keys: dict[str, str] = {}  # token surface -> its term_key
        self._written = tuple([e.term.text for e in entries])  # each term as the glossary writes it
        # terms fine wherever written as the glossary writes them (not deprecated): such a
        # hit is not kept (see `match_tokens`)
        self._quiet = tuple([_fine_as_glossary_writes(e) for e in entries])
        self._verdicts: dict[tuple[int, str, str, str | None], tuple[str, str | None] | None] = {}
        # space-delimited languages whose every term is fine wherever its words are found
        # as the term writes them (see `worth_matching`)
        with_normalized = {entries[n].primary for numbers in normalized.values() for n in numbers}
        self._fine_as_written = frozenset(
            p for p in self._languages
            if p != "ja" and p not in with_normalized and all(_fine_as_written(e) for e in entries if e.primary == p)
        )

    @classmethod
    def for_glossary(cls, glossary: Glossary, engine) -> "TermMatcher | None":
        entries: list[_Entry] = []
        normalized: dict[str, list[int]] = defaultdict(list)
        for concept in glossary.concepts:
            if concept.type != "term":
                continue
            for term in concept.terms:
                if not term.text.strip():
                    continue
                tokens = engine.tokenize(term.text, term.lang)
                if not tokens:
                    continue
                if len(tokens) == 1 and lang_is_japanese(term.lang) and tokens[0].normalized:
                    normalized[tokens[0].normalized].append(len(entries))
                entries.append(_Entry(concept, term, tuple(term_key(t.surface) for t in tokens), _primary(term.lang)))
        if not entries:
            return None
        return cls(entries, dict(normalized))

    def wants(self, lang: str | None) -> bool:
        """Whether any term is in this language (else its segments need no matching)."""
        return _primary(lang) in self._languages

    def worth_matching(self, lang: str | None) -> bool:
        """Whether a segment may hold a hit a run keeps (a `verdict`): not in a
        space-delimited language whose every term is fine as written, where a hit's key
        could differ from its term's only by a character joining two of its words, and
        words so joined are not the term (`verdict`). Such text is not matched at all (a
        catalog's msgids are mostly that)."""
        return _primary(lang) not in self._fine_as_written

    def verdict(self, hit: TermHit, surface: str, lang: str | None) -> tuple[str, str | None] | None:
        """`link.judge_term_hit` of a hit, judged once per (term, form, language): only
        the hits that break the glossary are kept by a run."""
        key = (hit[0], surface, hit[3], lang)
        if key in self._verdicts:
            return self._verdicts[key]
        entry = self.entries[hit[0]]
        if len(entry.tokens) > 1 and _joined_otherwise(surface, entry.term.text):
            verdict = None  # printer,cache or printer/cache: two words listed or a path, not "printer cache"
        else:
            verdict = judge_term_hit(entry.concept, entry.term, surface, hit[3], _primary(lang))
        if len(self._verdicts) < _MEMO_LIMIT:
            self._verdicts[key] = verdict
        return verdict

    def verdict_in(self, hit: TermHit, text: str, lang: str | None) -> tuple[str, str | None] | None:
        """`verdict` of a hit in the text it was found in. Most hits are written as their
        term: judged on the glossary's string, not on a new slice of the text to hash."""
        start, end = hit[1], hit[2]
        written = self._written[hit[0]]
        if end - start == len(written) and text.startswith(written, start):
            return self.verdict(hit, written, lang)
        return self.verdict(hit, text[start:end], lang)

    def resolve(self, hit: TermHit) -> tuple[Concept, Term, int, int, str]:
        entry = self.entries[hit[0]]
        return entry.concept, entry.term, hit[1], hit[2], hit[3]

    def match_tokens(self, tokens: Sequence[MatchToken], lang: str | None, text: str = "") -> list[TermHit]:
        """Hits among tokens of one segment (whitespace tokens already left out). Given the
        segment's `text`, a hit written exactly as a term that is not deprecated is left
        out: it can only be fine (`verdict` None), and most hits are that."""
        primary = _primary(lang)
        starts = self._starts.get(primary)
        if starts is None:
            if primary not in self._languages:
                return []
            starts = self._starts[primary] = {}
        entries, normalized, quiet = self.entries, self._normalized, self._quiet
        keys: list[str] | None = None
        hits: list[TermHit] = []
        for i, token in enumerate(tokens):
            candidates = starts.get(token[2])
            if candidates is None:
                surface = token[2]
                if len(starts) > _MEMO_LIMIT:
                    starts.clear()
                candidates = starts[surface] = self._starting(term_key(surface), primary)
            if candidates:  # most tokens start no term: nothing else is done for them
                if keys is None:
                    known = self._keys
                    keys = [known.get(t[2]) or self._key(t[2]) for t in tokens]
                matched: list[tuple[int, int]] = []
                for n, by_keys in candidates:
                    if n == 1:
                        numbers = by_keys.get((keys[i],), ())
                    elif i + n > len(tokens):
                        continue
                    else:  # the words first: they rule out most longer terms, cheaper than their spacing
                        numbers = by_keys.get(tuple(keys[i : i + n]), ())
                        if numbers and not _contiguous(tokens, i, n):
                            continue
                    for number in numbers:
                        matched.append((number, tokens[i + n - 1][1]))
                if matched:
                    if len(matched) > 1:
                        matched.sort()  # in glossary order, as the terms were indexed
                    for number, end in matched:
                        if text and quiet[number]:
                            written = self._written[number]
                            if end - token[0] == len(written) and text.startswith(written, token[0]):
                                continue  # as the glossary writes it: nothing a run keeps
                        hits.append((number, token[0], end, "exact"))
                    continue
            if token[3]:
                for number in normalized.get(token[3], ()):
                    if entries[number].primary == primary:
                        hits.append((number, token[0], token[1], "normalized"))
                        break
        return hits

    def _key(self, surface: str) -> str:
        """`term_key` of a token's surface, remembered (a catalog repeats its words)."""
        key = term_key(surface)
        if len(self._keys) < _MEMO_LIMIT:
            self._keys[surface] = key
        return key

    def _starting(self, key: str, primary: str) -> "_Starts":
        """The terms of a language whose first token's key is `key`, grouped by length
        and by their tokens' keys."""
        grouped: dict[int, dict[tuple[str, ...], list[int]]] = {}
        for number in self._by_first.get(key, ()):
            entry = self.entries[number]
            if entry.primary == primary:
                grouped.setdefault(len(entry.tokens), {}).setdefault(entry.tokens, []).append(number)
        return tuple((n, {k: tuple(v) for k, v in by_keys.items()}) for n, by_keys in sorted(grouped.items()))


# Terms a token may start: (length in tokens, {the terms' token keys: their numbers}).
_Starts = tuple[tuple[int, dict[tuple[str, ...], tuple[int, ...]]], ...]
_MEMO_LIMIT = 500_000  # distinct token surfaces remembered per language


# A character between two words (of `tokenize.WORD_PATTERN`, which keeps ' . - inside a
# word) that is not a space: a comma, a slash, a plus, a name separator.
_JOINER = re.compile(r"(?<=\w)[^\w\s'’.\-](?=\w)")


def _joined_otherwise(surface: str, written: str) -> bool:
    """Whether a hit of a term of several words joins two of them by a character the term
    does not write (printer,cache or printer/cache for "printer cache"): a list of two
    words or a path, not the term."""
    return any(m.group() not in written for m in _JOINER.finditer(surface))


def _fine_as_glossary_writes(entry: _Entry) -> bool:
    """Whether a hit written exactly as the term is fine (`verdict` None): the term is not
    deprecated, and its language's accepted forms (`link.accepted_forms`) hold its key."""
    return entry.term.status != "deprecated" and lang_matches(entry.term.lang, entry.primary)


def _fine_as_written(entry: _Entry) -> bool:
    """Whether every hit of a term whose words are joined by spaces is fine: it is fine
    as the glossary writes it, and its key is its words' keys, so such a hit's key is its
    own."""
    return _fine_as_glossary_writes(entry) and term_key(entry.term.text) == "".join(entry.tokens)


def _primary(lang: str | None) -> str:
    return primary_language(lang) or "und"


def _contiguous(tokens: Sequence[MatchToken], i: int, n: int) -> bool:
    """Multi-token terms must be written as one run (spaces allowed between Latin words)."""
    return all(tokens[k + 1][0] - tokens[k][1] <= 1 for k in range(i, i + n - 1))
