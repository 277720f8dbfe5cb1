"""Glossary notes for translators: `#. glossary: ヤン・ルカン = Yann LeCun` on each entry
whose source text holds a glossary term, with the approved rendering in the catalog's
locale. Terms are matched on token boundaries (Sudachi for Japanese), so a term never
matches inside a longer word (メタ is not in メタデータ)."""

from __future__ import annotations

from collections import defaultdict
from typing import Callable

from translate_kit.glossary.model import Concept, Glossary, Term
from translate_kit.link import term_key
from translate_kit.model import Token
from translate_kit.sources.language import primary_language

Tokenize = Callable[[str, str], list[Token]]


class GlossaryNotes:
    """Finds a glossary's source-language terms in msgids; build once per export."""

    def __init__(self, glossary: Glossary, source_lang: str, tokenize: Tokenize) -> None:
        self._source = primary_language(source_lang) or source_lang
        self._tokenize = tokenize
        self._by_first: dict[str, list[tuple[tuple[str, ...], Concept]]] = defaultdict(list)
        for concept in glossary.concepts:
            for term in concept.terms_in(self._source):
                keys = self._keys(term.text)
                if keys:
                    self._by_first[keys[0]].append((keys, concept))
        self._found: dict[str, tuple[tuple[str, Concept], ...]] = {}

    def _keys(self, text: str) -> tuple[str, ...]:
        return tuple(k for k in (term_key(t.surface) for t in self._tokenize(text, self._source)) if k)

    def found(self, msgid: str) -> tuple[tuple[str, Concept], ...]:
        """(text as written, concept) for each concept whose term the msgid holds, first
        occurrence only, in text order."""
        cached = self._found.get(msgid)
        if cached is not None:
            return cached
        tokens = [t for t in self._tokenize(msgid, self._source) if term_key(t.surface)]
        keys = [term_key(t.surface) for t in tokens]
        hits: dict[str, tuple[str, Concept]] = {}
        for i, key in enumerate(keys):
            for term_keys, concept in self._by_first.get(key, ()):
                n = len(term_keys)
                if concept.id in hits or tuple(keys[i : i + n]) != term_keys:
                    continue
                if all(not term_key(msgid[tokens[k].end : tokens[k + 1].start]) and
                       tokens[k + 1].start - tokens[k].end <= 1 for k in range(i, i + n - 1)):
                    hits[concept.id] = (msgid[tokens[i].start : tokens[i + n - 1].end], concept)
        result = self._found[msgid] = tuple(hits.values())
        return result

    def notes(self, msgid: str, locale: str | None) -> list[str]:
        """Extracted comments for one entry: per locale the approved rendering; for the
        template (locale None) the term alone."""
        out = []
        for written, concept in self.found(msgid):
            if locale is None:
                out.append(f"glossary: {written}")
                continue
            rendering = approved(concept, locale)
            if rendering is not None and primary_language(locale) != self._source:
                out.append(f"glossary: {written} = {rendering.text}")
        return out


def approved(concept: Concept, locale: str) -> Term | None:
    """The concept's preferred term in a locale, else its first admitted one."""
    lang = locale.replace("_", "-")
    preferred = concept.preferred(lang)
    if preferred is not None:
        return preferred
    return next((t for t in concept.terms_in(lang) if t.status == "admitted"), None)
