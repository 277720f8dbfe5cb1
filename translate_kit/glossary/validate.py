"""Glossary checks that loading does not make: problems a person should fix in the file.

Load leniently (`strict=False`) first so that unknown statuses and types reach here.
Reported, each at the line of the later or offending item:

- a concept id used twice (possible in TBX, wide CSV, PO and prh; a long CSV merges the
  rows of one id wherever they are, so it cannot have duplicates);
- a concept with no terms; an unknown type; an empty term; a term without a language or
  with one Babel does not know (jp for ja); an unknown status;
- two preferred terms for one language in one concept;
- one term listed twice in one concept and language (exact text);
- one term in two concepts in the same language (compared after NFKC and case folding),
  reported once per pair of concepts and term.
Languages are compared as tags (ja-JP and ja differ; pt_BR and pt-BR do not).
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from translate_kit.messages import msg
from translate_kit.glossary.model import CONCEPT_TYPES, STATUSES, Concept, Glossary, Term, norm_lang
from translate_kit.langtags import language_problem
from translate_kit.model import InputError


# A glossary problem is a located one-line message, exactly like an input error.
Problem = InputError


def term_key(text: str) -> str:
    """How terms are compared across concepts: NFKC, case-folded, stripped."""
    return unicodedata.normalize("NFKC", text).casefold().strip()


def validate(glossary: Glossary) -> list[Problem]:
    """Every problem in the glossary, in file order (by path, then line)."""
    problems: list[Problem] = []
    first_by_id: dict[str, Concept] = {}
    owners: dict[tuple[str, str], tuple[Concept, Term]] = {}
    for concept in glossary.concepts:
        path = concept.path or glossary.path
        earlier = first_by_id.setdefault(concept.id, concept)
        if earlier is not concept:
            first = _where(earlier.path or glossary.path, earlier.line, path)
            problems.append(Problem.of(path, concept.line, msg("duplicate concept id {id} (first at {first})", id=repr(concept.id), first=first)
                                       if first else msg("duplicate concept id {id}", id=repr(concept.id))))
        problems += _concept_problems(concept, path)
        problems += _clashes(concept, path, owners)
    return sorted(problems, key=lambda p: (p.path, p.line or 0))


def _where(path: str, line: int | None, here: str) -> str:
    """'line N', or 'path:N' when the item is in another file than `here`; '' when unknown."""
    if path != here:
        return f"{path}:{line}" if line else path
    return f"line {line}" if line else ""


def _concept_problems(concept: Concept, path: str) -> list[Problem]:
    """Problems inside one concept: type, terms, statuses, preferred terms, repeats."""
    out: list[Problem] = []
    name = repr(concept.id)
    if concept.type not in CONCEPT_TYPES:
        out.append(Problem.of(path, concept.line, msg("concept {name}: unknown type {type} (use {choices})",
                                                      name=name, type=repr(concept.type), choices=", ".join(CONCEPT_TYPES))))
    if not concept.terms:
        out.append(Problem.of(path, concept.line, msg("concept {name} has no terms", name=name)))
    preferred: dict[str, Term] = {}
    listed: dict[tuple[str, str], Term] = {}
    for term in concept.terms:
        line = term.line or concept.line
        lang = norm_lang(term.lang)
        if not term.text.strip():
            out.append(Problem.of(path, line, msg("concept {name}: empty term ({lang})", name=name, lang=term.lang)
                                  if term.lang else msg("concept {name}: empty term", name=name)))
            continue
        if not lang:
            out.append(Problem.of(path, line, msg("concept {name}: term {term} has no language", name=name, term=repr(term.text))))
        elif not _known_language(term.lang):  # a typo (jp) leaves the term matching nothing, silently
            out.append(Problem.of(path, line, msg("concept {name}: unknown language {lang} for {term} (a language tag such as ja, ja-JP or en)",
                                                  name=name, lang=repr(term.lang), term=repr(term.text))))
        if term.status not in STATUSES:
            out.append(Problem.of(path, line, msg("concept {name}: unknown status {status} for {term} (use {choices})", name=name,
                                                  status=repr(term.status), term=repr(term.text), choices=", ".join(STATUSES))))
        if term.status == "preferred":
            first = preferred.setdefault(lang, term)
            if first is not term:
                out.append(Problem.of(path, line, msg("concept {name} has two preferred {lang} terms: {first} (line {line}) and {term}",
                                                      name=name, lang=term.lang, first=repr(first.text), line=first.line, term=repr(term.text))
                                      if first.line else msg("concept {name} has two preferred {lang} terms: {first} and {term}",
                                                             name=name, lang=term.lang, first=repr(first.text), term=repr(term.text))))
        seen = listed.setdefault((lang, term.text.strip()), term)
        if seen is not term:
            out.append(Problem.of(path, line, msg("concept {name} lists the {lang} term {term} twice (first at line {line})",
                                                  name=name, lang=term.lang, term=repr(term.text), line=seen.line)
                                  if seen.line else msg("concept {name} lists the {lang} term {term} twice",
                                                        name=name, lang=term.lang, term=repr(term.text))))
    return out


@lru_cache(maxsize=256)
def _known_language(tag: str) -> bool:
    """Whether Babel knows the language tag (asked once per distinct tag)."""
    return language_problem(tag) is None


def _clashes(concept: Concept, path: str, owners: dict[tuple[str, str], tuple[Concept, Term]]) -> list[Problem]:
    """Terms this concept shares with an earlier concept of another id, in the same language."""
    out: list[Problem] = []
    reported: set[tuple[str, str]] = set()
    for term in concept.terms:
        key = (norm_lang(term.lang), term_key(term.text))
        if not key[1]:
            continue
        owner = owners.setdefault(key, (concept, term))
        other, other_term = owner
        if other.id == concept.id or key in reported:
            continue
        reported.add(key)
        where = _where(other.path or path, other_term.line or other.line, path)
        out.append(
            Problem.of(path, term.line or concept.line,
                       msg("{lang} term {term} is also in concept {other} ({where})", lang=term.lang, term=repr(term.text), other=repr(other.id), where=where)
                       if where else msg("{lang} term {term} is also in concept {other}", lang=term.lang, term=repr(term.text), other=repr(other.id)))
        )
    return out
