"""Find a glossary's term concepts in text, on token boundaries.

A cheap substring prefilter skips segments that cannot contain any term; the rest are
tokenized (Sudachi for Japanese, Unicode words elsewhere) and matched token by token, so
メタ never matches inside メタデータ and ユーザ never inside ユーザー. A token whose
Sudachi normalized form equals a single-token term's but whose surface differs is a
`normalized` hit (ユーザ for ユーザー).
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from typing import Iterator

from translate_kit.glossary.model import Concept, Glossary, Term
from translate_kit.link import lang_matches, term_key
from translate_kit.segment import lang_is_japanese


@dataclass(frozen=True)
class _Entry:
    concept: Concept
    term: Term
    tokens: tuple[str, ...]  # term_key of each token


class TermMatcher:
    """Token-boundary matching of term concepts; build once per run."""

    def __init__(self, entries: list[_Entry], normalized: dict[str, list[_Entry]], prefilters: dict[str, re.Pattern], engine) -> None:
        self._by_first: dict[str, list[_Entry]] = defaultdict(list)
        for e in entries:
            self._by_first[e.tokens[0]].append(e)
        self._normalized = normalized
        self._prefilters = prefilters  # per primary language: a segment is only searched for its own language's terms
        self._engine = engine

    @classmethod
    def for_glossary(cls, glossary: Glossary, engine) -> "TermMatcher | None":
        entries: list[_Entry] = []
        normalized: dict[str, list[_Entry]] = defaultdict(list)
        stems: dict[str, set[str]] = defaultdict(set)
        for concept in glossary.concepts:
            if concept.type != "term":
                continue
            for term in concept.terms:
                if not term.text.strip():
                    continue
                tokens = engine.tokenize(term.text, term.lang)
                if not tokens:
                    continue
                entry = _Entry(concept, term, tuple(term_key(t.surface) for t in tokens))
                entries.append(entry)
                if len(tokens) == 1 and lang_is_japanese(term.lang) and tokens[0].normalized:
                    normalized[tokens[0].normalized].append(entry)
                stems[_primary(term.lang)].add(term.text.rstrip("ー").casefold() or term.text.casefold())
        if not entries:
            return None
        prefilters = {
            lang: re.compile("|".join(re.escape(s) for s in sorted(group, key=len, reverse=True)), re.IGNORECASE)
            for lang, group in stems.items()
        }
        return cls(entries, normalized, prefilters, engine)

    def match(self, text: str, lang: str | None) -> Iterator[tuple[Concept, Term, int, int, str]]:
        """(concept, term, start, end, how) for each term occurrence; how is exact or normalized."""
        prefilter = self._prefilters.get(_primary(lang or "und"))
        if prefilter is None or not prefilter.search(text):
            return
        tokens = self._engine.tokenize(text, lang)
        keys = [term_key(t.surface) for t in tokens]
        for i, tok in enumerate(tokens):
            matched = False
            for entry in self._by_first.get(keys[i], ()):
                if not lang_matches(entry.term.lang, lang or "und"):
                    continue
                n = len(entry.tokens)
                if tuple(keys[i : i + n]) == entry.tokens and _contiguous(tokens, i, n):
                    yield entry.concept, entry.term, tok.start, tokens[i + n - 1].end, "exact"
                    matched = True
            if matched or not tok.normalized:
                continue
            for entry in self._normalized.get(tok.normalized, ()):
                if lang_matches(entry.term.lang, lang or "und"):
                    yield entry.concept, entry.term, tok.start, tok.end, "normalized"
                    break


def _primary(lang: str) -> str:
    return lang.lower().replace("_", "-").split("-")[0]


def _contiguous(tokens, i: int, n: int) -> bool:
    """Multi-token terms must be written as one run (spaces allowed between Latin words)."""
    return all(tokens[k + 1].start - tokens[k].end <= 1 for k in range(i, i + n - 1))
