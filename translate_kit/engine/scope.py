"""An entry's texts as its rules read them (`EntryTexts`): the masked texts, their words
and Japanese word boundaries, computed once per entry whichever rule asks first, and the
word boundaries of a translation the document repeats kept until its last use. Compiled
with the hot path (`DocumentScope` holds one; its rules ask it several times per entry)."""

from __future__ import annotations

from collections import Counter
from typing import Any, Callable, Sequence

from translate_kit.model import Segment
from translate_kit.textmask import WordSpan, mask_code, word_spans
from translate_kit.wordunits import JapaneseText

# Word boundaries of repeated translations kept at once.
REPEATED_KEPT = 1 << 14


class EntryTexts:
    """The masked texts, words and word boundaries of one entry at a time (`entry`,
    cleared when the entry is done), and those of translations seen again later."""

    def __init__(self, parse: Callable[[Segment, str], JapaneseText], ahead: "Counter[tuple[str, str | None]]") -> None:
        self.entry: dict[tuple, Any] = {}
        self._repeated: dict[tuple, JapaneseText] = {}
        self._parse = parse  # a segment's word boundaries, made from its masked text (contribution.py)
        self._ahead = ahead  # the uses of each (text, language) still to come

    def masked(self, text: str, flags: Sequence[str] = ()) -> str:
        """`mask_code(text, flags)`, once per entry."""
        key = ("masked", text, tuple(flags))
        found = self.entry.get(key)
        if found is None:
            found = self.entry[key] = mask_code(text, flags)
        return found

    def masked_words(self, text: str, flags: Sequence[str] = ()) -> tuple[str, list[WordSpan]]:
        """`masked(text, flags)` and its words with their offsets (`textmask.word_spans`),
        once per entry."""
        key = ("words", text, tuple(flags))
        found = self.entry.get(key)
        if found is None:
            masked = self.masked(text, flags)
            found = self.entry[key] = (masked, word_spans(masked))
        return found

    def japanese(self, segment: Segment) -> JapaneseText:
        """The word boundaries of a Japanese segment's masked text: one per entry, and one
        for every use of a text the document repeats (a pure function of the text, its
        language and flags), kept until the text's last use."""
        key = ("japanese", segment.text, segment.lang, segment.flags)
        found = self.entry.get(key)
        if found is None:
            repeated = self._repeated
            if self._ahead[(segment.text, segment.lang)]:
                found = repeated.get(key)
                if found is None:
                    found = self._parse(segment, self.masked(segment.text, segment.flags))
                    if len(repeated) < REPEATED_KEPT:
                        repeated[key] = found
            else:
                found = repeated.pop(key, None) or self._parse(segment, self.masked(segment.text, segment.flags))
            self.entry[key] = found
        return found
