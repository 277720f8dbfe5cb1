"""The glossary model: concepts, each with terms per language and a status per term.

Status follows TBX termStatus: preferred, admitted, deprecated. Type is one of person,
organization, product, place, term.
"""

from __future__ import annotations

import re
import unicodedata

from translate_kit import langtags
from dataclasses import dataclass, field

STATUSES = ("preferred", "admitted", "deprecated")
CONCEPT_TYPES = ("person", "organization", "product", "place", "term")


@dataclass(frozen=True)
class Term:
    """One rendering of a concept in one language."""

    text: str
    lang: str
    status: str = "admitted"
    line: int | None = None  # where it was read from, for messages


@dataclass(frozen=True)
class Concept:
    """A thing the glossary talks about, with its terms in every language."""

    id: str
    type: str = "term"
    note: str = ""
    terms: tuple[Term, ...] = ()
    line: int | None = None
    path: str = ""  # the file it was read from, when known (merged or imported glossaries)

    def terms_in(self, lang: str) -> tuple[Term, ...]:
        return tuple(t for t in self.terms if langtags.normalize(t.lang) == langtags.normalize(lang) or langtags.same_language(t.lang, lang))

    def preferred(self, lang: str) -> Term | None:
        for t in self.terms_in(lang):
            if t.status == "preferred":
                return t
        return None


@dataclass(frozen=True)
class Glossary:
    """A set of concepts, with the file it came from."""

    concepts: tuple[Concept, ...] = ()
    path: str = ""
    languages: tuple[str, ...] = field(default=())

    def concept(self, concept_id: str) -> Concept | None:
        for c in self.concepts:
            if c.id == concept_id:
                return c
        return None

    def merged(self, other: "Glossary") -> "Glossary":
        return Glossary(self.concepts + other.concepts, self.path or other.path, tuple(dict.fromkeys(self.languages + other.languages)))


norm_lang = langtags.normalize  # the one reading of a language tag (langtags.py)


def slug(text: str) -> str:
    """A concept id made from a term: NFKC, case-folded, runs of non-word characters as one hyphen."""
    return re.sub(r"[\W_]+", "-", unicodedata.normalize("NFKC", text).casefold()).strip("-")


class TakenIds(set):
    """The concept ids a glossary has given out, with the next suffix to try per base, so
    that 20,000 rows of one term get their ids in linear time, not quadratic."""

    def __init__(self, ids=()) -> None:
        super().__init__(ids)
        self.next_suffix: dict[str, int] = {}


def unique_id(base: str, taken: set[str], fallback: str = "concept") -> str:
    """`base` (or `fallback`) made unique against `taken` with -2, -3, ...; the result is added to `taken`."""
    base = base or fallback
    hints = taken.next_suffix if isinstance(taken, TakenIds) else {}
    candidate, n = base, hints.get(base, 1)
    if n > 1:
        candidate = f"{base}-{n}"
    while candidate in taken:
        n += 1
        candidate = f"{base}-{n}"
    hints[base] = n
    taken.add(candidate)
    return candidate


def languages_of(concepts: tuple[Concept, ...]) -> tuple[str, ...]:
    """The languages of the terms, in order of first appearance."""
    return tuple(dict.fromkeys(t.lang for c in concepts for t in c.terms))
