"""`radical-character`: a Kangxi radical where the kanji it looks like belongs (⽇ for 日).

The Kangxi Radicals and CJK Radicals Supplement blocks hold characters drawn like kanji
but meant for dictionaries' radical indexes. Text copied out of a PDF often carries them
in place of the kanji (the PDF's font maps the glyph to the radical): the page reads the
same, but search, sorting, the tokenizer and every term check see another character.
Lines that talk about radicals (部首, 康熙) show them on purpose and are left alone; in a
catalog, a translation is reported only for a radical its source does not have.
"""

from __future__ import annotations

import re
import unicodedata
from typing import TYPE_CHECKING, Iterator

from translate_kit import lexicon
from translate_kit.messages import msg
from translate_kit.model import Document, Finding, LineIndex, Segment, Severity
from translate_kit.rules.base import Rule, RuleDoc
from translate_kit.rules.placeholders import make_finding, segment_span
from translate_kit.segment import line_around

if TYPE_CHECKING:  # pragma: no cover
    from translate_kit.engine.contribution import DocumentScope

_RADICAL = re.compile("[\u2e80-\u2eff\u2f00-\u2fdf]")
_ABOUT_RADICALS = lexicon.words("radical-words")


def kanji_for(radical: str) -> str:
    """The kanji a radical stands for (Unicode's compatibility mapping: ⽇ → 日), or ""
    for a radical that has none (most of the supplement's variant shapes)."""
    mapped = unicodedata.normalize("NFKC", radical)
    return mapped if mapped != radical and unicodedata.name(mapped, "").startswith("CJK UNIFIED IDEOGRAPH") else ""


def _radicals(segment: Segment, allowed: frozenset[str] = frozenset()) -> Iterator[tuple[int, str]]:
    """(offset, radical) for each radical of a segment that is not about radicals."""
    text = segment.text
    for m in _RADICAL.finditer(text):
        char = m.group()
        if char in allowed:
            continue
        start, end = line_around(text, m.start())
        if any(word in text[start:end] for word in _ABOUT_RADICALS):
            continue
        yield m.start(), char


def check_document(doc: Document, ctx: "DocumentScope") -> Iterator[Finding]:
    """Report each radical character in a document's prose or a catalog's translations."""
    if not any(_RADICAL.search(s.text) for s in doc.segments):
        return  # nearly every file
    index: LineIndex | None = None
    if doc.bilingual:
        places = [(target, frozenset(c for s in entry.sources for c in _RADICAL.findall(s.text)))
                  for entry in doc.catalog_entries(ctx.options.include_fuzzy) for target in entry.targets]
        places += [(segment, frozenset()) for segment in doc.segments if segment.entry is None]  # a key file's prose (no source)
    else:
        places = [(segment, frozenset()) for segment in doc.segments]
    for segment, allowed in places:
        for at, char in _radicals(segment, allowed):
            index = index or doc.line_index()
            span = segment_span(segment, doc.text, at, at + 1)
            kanji = kanji_for(char)
            code = f"U+{ord(char):04X}"
            if kanji:
                message = msg("{found} is the radical {code}, not the kanji {kanji}; write {kanji}", found=char, code=code, kanji=kanji)
            else:
                message = msg("{found} is the radical {code}, not a kanji; write the kanji it stands for", found=char, code=code)
            yield make_finding(RULE, doc.path, index, span, char, kanji or None, message)  # none: no fix deletes it


RULE = Rule(
    id="radical-character",
    severity=Severity.WARNING,
    summary="A Kangxi radical where the kanji it looks like belongs (⽇ for 日), as text copied from a PDF has.",
    doc=RuleDoc(
        what=(
            "Reports each character of the Kangxi Radicals and CJK Radicals Supplement blocks "
            "in a document, or in a catalog translation whose source lacks it, with the kanji "
            "Unicode maps it to as the expected form. A line that talks about radicals (部首, "
            "康熙) is left alone."
        ),
        why=(
            "Copied from a PDF, 日本 can arrive as ⽇本: it looks the same, but search, sorting, "
            "tokenization and glossary checks see a different character, and no reviewer "
            "notices."
        ),
        example_bad="⽇本語の設定を開きます。",
        example_good="日本語の設定を開きます。",
    ),
    check_document=check_document,
)
