"""What a document gives a catalog: translatable units, each a msgid with the exact span
of the document it came from, so a translation can be put back in its place."""

from __future__ import annotations

import unicodedata

from translate_kit import langtags
from dataclasses import dataclass

# Unit kinds: a sentence of a text file; Markdown blocks; a YAML front-matter value.
SENTENCE, PARAGRAPH, HEADING, TABLE_CELL, IMAGE_ALT, FRONT_MATTER = (
    "sentence", "paragraph", "heading", "table-cell", "image-alt", "front-matter",
)
ONE_LINE_KINDS = frozenset({HEADING, TABLE_CELL, IMAGE_ALT, FRONT_MATTER})


@dataclass(frozen=True)
class Unit:
    """One msgid and the span `[start, end)` of the document text it replaces on import.

    `prefix` starts each further line of a multi-line translation (a Markdown block's
    container markers: `> `, list indentation); `hard_break` ends a line before a break the
    translator wrote (the source's own marker, `\\` or two spaces); `quote` is the YAML
    quoting of a front-matter value ('' for a plain scalar)."""

    msgid: str
    path: str
    line: int
    start: int
    end: int
    kind: str
    context: str | None = None
    prefix: str = ""
    hard_break: str = "\\"
    quote: str = ""

    @property
    def one_line(self) -> bool:
        """A heading, table cell, alt text or front-matter value cannot hold a line break."""
        return self.kind in ONE_LINE_KINDS

    @property
    def key(self) -> tuple[str | None, str]:
        """What identifies the unit's entry in a catalog: (msgctxt, msgid)."""
        return self.context, self.msgid


def is_wide(char: str) -> bool:
    """A full-width character (kana, kanji, full-width punctuation): text in these
    scripts has no spaces between words, so a line break inside it joins with nothing."""
    return unicodedata.east_asian_width(char) in ("W", "F")


def line_join(before: str, after: str) -> str:
    """What a soft line break between two pieces of prose becomes in a msgid: nothing
    between two wide characters (Japanese, Chinese), else one space."""
    if before and after and is_wide(before[-1]) and is_wide(after[0]):
        return ""
    return " "


def spaceless(lang: str | None) -> bool:
    """Languages written without spaces between sentences (Japanese, Chinese)."""
    return langtags.primary(lang) in ("ja", "zh")
