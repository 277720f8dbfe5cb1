"""An engine that remembers segment analyses, for a process that checks the same texts
again and again (the language server re-checks a document on every edit, and most of its
paragraphs did not change)."""

from __future__ import annotations

from collections import OrderedDict
from typing import TYPE_CHECKING

from translate_kit.analysis import Engine, SegmentAnalysis

if TYPE_CHECKING:  # pragma: no cover
    from translate_kit.terms import TermMatcher


class MemoEngine:
    """`Engine` with `analyze` remembered by (text, language, words, matcher, units): an analysis
    is a pure function of those, with offsets relative to the text. Least recently used
    analyses go first once `size` are kept; everything else is the wrapped engine's."""

    def __init__(self, engine: Engine, size: int = 100_000) -> None:
        self.engine = engine
        self.size = size
        self._memo: OrderedDict[tuple, SegmentAnalysis] = OrderedDict()

    def analyze(self, text: str, lang: str | None, words: bool = True, terms: "TermMatcher | None" = None,
                units: bool = False) -> SegmentAnalysis:
        key = (text, lang, words, id(terms), units)
        found = self._memo.get(key)
        if found is not None:
            self._memo.move_to_end(key)
            return found
        found = self._memo[key] = self.engine.analyze(text, lang, words, terms, units)
        if len(self._memo) > self.size:
            self._memo.popitem(last=False)
        return found

    def forget(self) -> None:
        """Drop every remembered analysis (the glossary or options changed)."""
        self._memo.clear()

    def __getattr__(self, name: str):
        return getattr(self.engine, name)
