"""`invisible-character`: a catalog translation carries characters nobody can see.

Zero-width spaces, word joiners, soft hyphens, byte order marks and direction marks slip
into translations pasted from web pages and machine-translation tools. Inside a Japanese
word they break search, sorting and term checks (ダッシュ<ZWSP><ZWSP>ボード is no longer
ダッシュボード), and no reviewer sees them. Only translations are checked, and only for
characters their msgid does not also have (a zero-width non-joiner in a Persian or
Hindi word, a zero-width space between Khmer or Thai words, direction marks in Arabic or
Hebrew text are spelling); documents are left alone, because Markdown
writers put a zero-width space after `**` on purpose to let emphasis close next to
Japanese text, and the zero-width joiner is part of emoji sequences.
"""

from __future__ import annotations

import re
import unicodedata
from typing import TYPE_CHECKING, Iterator

from translate_kit.messages import msg
from translate_kit.model import Document, Finding, LineIndex, Severity
from translate_kit.rules.base import Rule, RuleDoc
from translate_kit.rules.placeholders import make_finding, segment_span

if TYPE_CHECKING:  # pragma: no cover
    from translate_kit.engine.contribution import DocumentScope

# U+200D (zero-width joiner) is left out: it joins emoji sequences.
INVISIBLE = "\u200b\u200c\u2060\ufeff\u00ad\u200e\u200f\u2061\u2062\u2063\u2064\u180e"
_RUN = re.compile(f"[{INVISIBLE}]+")


def _names(run: str) -> str:
    """U+200B ZERO WIDTH SPACE, … for the distinct characters of a run."""
    return ", ".join(f"U+{ord(c):04X} {unicodedata.name(c, 'UNNAMED')}" for c in dict.fromkeys(run))


# Scripts whose spelling uses the zero-width non-joiner inside words (Persian, Urdu and
# Kurdish in Arabic script, the Indic scripts) and right-to-left scripts, where direction
# marks keep numbers and Latin words in place.
_JOINING_SCRIPTS = ("ARABIC", "SYRIAC", "DEVANAGARI", "BENGALI", "GURMUKHI", "GUJARATI", "ORIYA", "TAMIL",
                    "TELUGU", "KANNADA", "MALAYALAM", "SINHALA", "KHMER", "MYANMAR")
_RTL_SCRIPTS = ("ARABIC", "HEBREW", "SYRIAC", "THAANA")
# Scripts written without spaces, where a zero-width space marks the word breaks.
_UNSPACED_SCRIPTS = ("KHMER", "LAO", "THAI", "MYANMAR", "TIBETAN")


def _script_of(char: str) -> str:
    return unicodedata.name(char, "").split(" ", 1)[0]


def _orthographic(text: str, start: int, end: int) -> bool:
    """Whether an invisible run is part of the language's writing: a non-joiner after a
    letter of a script that spells with it, a zero-width space between two letters of a
    script written without spaces (Khmer, Thai), or direction marks in right-to-left text."""
    run = set(text[start:end])
    if run <= {"\u200c"} and 0 < start:
        return _script_of(text[start - 1]) in _JOINING_SCRIPTS  # also a word's last letter (Malayalam chillu + ZWNJ)
    if run <= {"\u200b"} and 0 < start and end < len(text):
        return _script_of(text[start - 1]) in _UNSPACED_SCRIPTS and _script_of(text[end]) in _UNSPACED_SCRIPTS
    if run <= {"\u200e", "\u200f", "\u200c"}:
        return any(_script_of(c) in _RTL_SCRIPTS for c in text if ord(c) > 0x58F)
    return False


def check_document(doc: Document, ctx: "DocumentScope") -> Iterator[Finding]:
    """Report each run of invisible characters in a translation that its msgid lacks."""
    if not doc.bilingual:
        return
    index: LineIndex | None = None
    run = _RUN.search
    for entry in doc.compared_entries(ctx.options.include_fuzzy):
        in_source: set[str] | None = None  # read from the sources once a translation has a run
        for target in entry.targets:
            if run(target.text) is None:
                continue  # most translations
            if in_source is None:
                in_source = {c for s in entry.sources for c in s.text if c in INVISIBLE}
            for m in _RUN.finditer(target.text):
                if set(m.group()) <= in_source or _orthographic(target.text, m.start(), m.end()):
                    continue
                index = index or doc.line_index()
                span = segment_span(target, doc.text, m.start(), m.end())
                names = _names(m.group())
                message = msg("invisible character {names} in the translation (the source has none); delete it", names=names)
                yield make_finding(RULE, doc.path, index, span, names, "", message)


RULE = Rule(
    id="invisible-character",
    severity=Severity.WARNING,
    summary="A catalog translation contains invisible characters its source lacks (zero-width space, soft hyphen, BOM).",
    doc=RuleDoc(
        what=(
            "Reports each run of zero-width spaces, word joiners, soft hyphens, byte order "
            "marks, direction marks and other invisible format characters in a msgstr, unless "
            "its msgid has them too. The zero-width joiner is allowed (emoji sequences), and "
            "documents are not checked (a zero-width space after ** is a Markdown idiom)."
        ),
        why=(
            "Pasted from web pages and translation tools, these characters split words no "
            "reader can see apart: search, sorting and terminology checks stop matching, and "
            "nothing on the screen shows why."
        ),
        example_bad='msgid "Open the dashboard"\nmsgstr "ダッシュ\\u200bボードを開く"  (a zero-width space inside the word)',
        example_good='msgid "Open the dashboard"\nmsgstr "ダッシュボードを開く"',
    ),
    check_document=check_document,
)
