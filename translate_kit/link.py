"""Align mentions and words with glossary concepts.

A name mention links to a concept by exact form, by normalized form (NFKC, case, name
separators; Sudachi's normalized form, so グーグル reaches Google), by surname (a person's
surname alone), or by `name_similarity` against the concept's terms in every language
(バーナード reaches the concept whose English term is Arnaud Benard). Each link carries a
confidence; rules lower the severity of weak links rather than dropping them.

Term concepts (type `term`) are matched on Sudachi token boundaries: a glossary term
メタ matches the token メタ, never the inside of メタデータ.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from collections import defaultdict
from dataclasses import dataclass
from typing import Iterable

from translate_kit import langtags
from translate_kit import names
from translate_kit.glossary.model import Concept, Glossary, Term
from translate_kit.model import EntityType, Mention, Script
from translate_kit.scripts import script_of

_SEPARATORS = re.compile(r"[\s・＝゠=･\-‐]+")
_DIGITS = re.compile(r"\d+(?:\.\d+)*")
NAME_TYPES = ("person", "organization", "product", "place")
# Below this a similarity link is too weak to report at the rule's default severity.
CONFIDENT = 0.9


@lru_cache(maxsize=262144)
def term_key(text: str) -> str:
    """A comparison key: NFKC, case-folded, spaces and name separators removed."""
    return _SEPARATORS.sub("", unicodedata.normalize("NFKC", text).casefold())


# ja matches ja-JP: primary subtags compared (langtags.py); asked for every term and mention
lang_matches = lru_cache(maxsize=4096)(langtags.same_language)


@dataclass(frozen=True)
class Link:
    """A mention's concept, the term it matched, how, and how sure we are."""

    concept: Concept
    term: Term
    how: str  # exact | normalized | surname | similar
    confidence: float


def _surname(term: Term) -> str:
    return names.surname(term.text)


def _type_compatible(mention_type: EntityType, concept_type: str) -> bool:
    if mention_type is EntityType.OTHER or concept_type not in NAME_TYPES:
        return True
    return mention_type.value == concept_type


class GlossaryIndex:
    """Lookup tables over a glossary, built once per run."""

    def __init__(self, glossary: Glossary) -> None:
        self.glossary = glossary
        self._by_key: dict[str, list[tuple[Concept, Term]]] = defaultdict(list)
        self._by_surname: dict[str, list[tuple[Concept, Term]]] = defaultdict(list)
        self._by_block: dict[str, list[tuple[Concept, Term, str]]] = defaultdict(list)
        self.term_concepts: list[Concept] = []
        for concept in glossary.concepts:
            if concept.type == "term":
                self.term_concepts.append(concept)
            for term in concept.terms:
                if not term.text.strip():
                    continue
                self._by_key[term_key(term.text)].append((concept, term))
                if concept.type == "term":
                    continue
                self._by_block[names.consonant_skeleton(term.text)].append((concept, term, term.text))
                if concept.type == "person" and term.status != "deprecated":
                    last = _surname(term)
                    if last and last != term.text:
                        self._by_surname[term_key(last)].append((concept, term))
                        self._by_block[names.consonant_skeleton(last)].append((concept, term, last))

    def link(self, mention: Mention) -> Link | None:
        """The concept a name mention refers to, or None."""
        for key, how in ((term_key(mention.surface), "exact"), (term_key(mention.normalized), "normalized")):
            hits = _unique_concepts(self._by_key.get(key, ()))
            if len(hits) == 1:
                concept, term = hits[0]
                if _type_compatible(mention.type, concept.type):
                    exact = term.text == mention.surface
                    return Link(concept, term, "exact" if exact else how, 1.0)
        if len(mention.parts) <= 1:
            hits = _unique_concepts(self._by_surname.get(term_key(mention.surface), ()))
            if len(hits) == 1 and _type_compatible(mention.type, hits[0][0].type):
                return Link(hits[0][0], hits[0][1], "surname", 1.0)
        return self._similar(mention)

    def _similar(self, mention: Mention) -> Link | None:
        if mention.script not in (Script.KATAKANA, Script.LATIN, Script.MIXED):
            return None
        keys = {names.consonant_skeleton(mention.surface)}
        if mention.parts:
            keys.add(names.consonant_skeleton(mention.parts[-1]))
        best: tuple[float, Concept, Term] | None = None
        digits = _DIGITS.findall(mention.surface)
        for key in keys:
            for concept, term, text in self._by_block.get(key, ()):
                if not _type_compatible(mention.type, concept.type) or _DIGITS.findall(text) != digits:
                    continue
                single = len(mention.parts) <= 1
                if text != term.text and not single:
                    continue  # a full name is compared with full terms only
                if text == term.text and single and len(names.split_name(term.text)) > 1 and concept.type == "person":
                    continue  # a surname alone is compared with surnames only
                if not _may_be_a_slip(mention, text, concept.type) or not names.is_same_name(mention.surface, text):
                    continue
                score = names.name_similarity(mention.surface, text)
                if best is None or score > best[0]:
                    best = (score, concept, term)
        if best is None:
            return None
        return Link(best[1], best[2], "similar", best[0])


def _may_be_a_slip(mention: Mention, text: str, concept_type: str) -> bool:
    """Whether a mention may be a slip of a term's text, before their sound decides. A
    Latin spelling is fixed in its script: it is a slip only of a Latin term a letter or
    two away (`names.latin_slip`), never of a katakana term it sounds like (MIT/メタ,
    MySQL/マスク) nor of a name it adds words to (Windows Phone/Windows, Azure OpenAI/OpenAI).
    Neither is a katakana name that adds words to a company's or product's one word
    (ウィンドウズ・ビスタ/Windows): people drop given names, products do not."""
    if mention.script is Script.LATIN:
        return script_of(text) is Script.LATIN and names.latin_slip(mention.surface, text)
    if concept_type != "person" and len(names.split_name(text)) == 1:
        parts = names.split_name(mention.surface)
        return len(parts) == 1 or not any(names.is_same_name(part, text) for part in parts)
    return True


def _unique_concepts(hits: Iterable[tuple[Concept, Term]]) -> list[tuple[Concept, Term]]:
    seen: dict[str, tuple[Concept, Term]] = {}
    for concept, term in hits:
        seen.setdefault(concept.id, (concept, term))
    return list(seen.values())


@lru_cache(maxsize=65536)
def accepted_forms(concept: Concept, lang: str) -> frozenset[str]:
    """Forms that are fine for a concept in a language: preferred and admitted terms, and
    for a person the surname alone of each of those."""
    forms: set[str] = set()
    for term in concept.terms:
        if term.status == "deprecated" or not lang_matches(term.lang, lang):
            continue
        forms.add(term_key(term.text))
        if concept.type == "person":
            forms.add(term_key(_surname(term)))
    return frozenset(forms)


@lru_cache(maxsize=65536)
def deprecated_forms(concept: Concept, lang: str) -> frozenset[str]:
    return frozenset(term_key(t.text) for t in concept.terms if t.status == "deprecated" and lang_matches(t.lang, lang))


@lru_cache(maxsize=65536)
def expected_form(concept: Concept, lang: str, short: bool) -> str | None:
    """What to write instead: the preferred term in the language (its surname when the
    mention was a surname alone)."""
    preferred = concept.preferred(lang)
    if preferred is None:
        candidates = [t for t in concept.terms if lang_matches(t.lang, lang) and t.status == "admitted"]
        preferred = candidates[0] if candidates else None
    if preferred is None:
        return None
    if short and concept.type == "person":
        return _surname(preferred)
    return preferred.text


def original_spelling(concept: Concept, form: str) -> bool:
    """A Latin-script form that is a non-deprecated term of the concept in any language:
    Japanese text may keep a name in its original spelling."""
    if script_of(form) is not Script.LATIN:
        return False
    key = term_key(form)
    for term in concept.terms:
        if term.status == "deprecated":
            continue
        if term_key(term.text) == key or (concept.type == "person" and term_key(_surname(term)) == key):
            return True
    return False


def _folded_away(term: str, surface: str) -> bool:
    """Whether a term written in compatibility characters (the full-width ．, half-width
    ｶﾅ) matched `surface` only through their folding: the width is what such a term is
    about, so an ASCII . is not the deprecated ．."""
    return unicodedata.normalize("NFKC", term) != term and unicodedata.normalize("NFKC", surface) == surface


def judge_term_hit(concept: Concept, term: Term, surface: str, how: str, lang: str) -> tuple[str, str | None] | None:
    """What a term occurrence means for the glossary rules: ("deprecated", expected) for
    a deprecated term as written, ("nonpreferred", expected) for a form the concept does
    not accept in `lang` (a primary language subtag), None when it is fine."""
    expected = expected_form(concept, lang, short=False)
    if term.status == "deprecated" and how == "exact" and not _folded_away(term.text, surface):
        return "deprecated", expected
    key = term_key(surface)
    if key in accepted_forms(concept, lang) or expected is None or term_key(expected) == key:
        return None
    if key in deprecated_forms(concept, lang):
        return None  # judged through its exact hit
    return "nonpreferred", expected
