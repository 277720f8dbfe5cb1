"""Bilingual units to a Document: what every non-PO catalog loader produces.

A loader reads its format into `Unit` values (source text, translations or plural forms,
context, note, flags), each string a `Text` that knows the file offset of every
character; `build_document` turns them into the same msgid/msgstr segments the PO loader
makes, so every rule works on every format.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass

from translate_kit.messages import Message, msg
from translate_kit.icu import one_is_just_one
from translate_kit.model import SINGULAR_FORM_FLAG, Document, LineIndex, Segment
from translate_kit.sources.language import detect_language, primary_language
from translate_kit.suppress import rules_from_comment

PLURAL_FLAG = "plural:"  # a plural translation's CLDR category, e.g. "plural:one"


def lone_surrogate(escape: str) -> Message:
    """The error for an escape such as `\\ud800` that writes half of a surrogate pair: it
    decodes to no character (the tokenizer cannot take it), so the file is refused."""
    return msg("{escape} is half of a UTF-16 surrogate pair, not a character", escape=escape)


@dataclass(frozen=True)
class Text:
    """A decoded string and the file offset of each character, plus one for its end."""

    text: str
    offsets: tuple[int, ...]

    @classmethod
    def verbatim(cls, text: str, start: int) -> "Text":
        """A string that is a slice of the file starting at `start`."""
        return cls(text, tuple(range(start, start + len(text) + 1)))

    @classmethod
    def at(cls, text: str, start: int, end: int) -> "Text":
        """A string that stands for the file span [start, end) without being written there
        (a paired source file's text, placed at the target's key)."""
        return cls(text, (start,) * len(text) + (end,))

    def strip(self) -> "Text":
        """Without leading and trailing whitespace (the offsets follow)."""
        s = self.text
        a, b = len(s) - len(s.lstrip()), len(s.rstrip())
        if a == 0 and b == len(s):
            return self
        return Text(s[a:b], self.offsets[a:b] + (self.offsets[b] if b < len(s) else self.offsets[-1],))


@dataclass(frozen=True)
class Unit:
    """One bilingual entry: source (and its plural), translations, context and note.

    `targets` holds (text, CLDR category or None); one target with no category is a
    plain translation, several are plural forms in the order the file gives them.
    """

    sources: tuple[Text, ...]
    targets: tuple[tuple[Text, str | None], ...]
    context: str | None = None
    comment: str = ""
    flags: tuple[str, ...] = ()


def build_document(
    path: str,
    text: str,
    units: list[Unit],
    *,
    fmt: str,
    target_lang: str | None,
    source_lang: str,
    lang: str | None = None,
    metadata: tuple[tuple[str, str], ...] = (),
) -> Document:
    """Segments for the units: msgid/msgid_plural for sources, msgstr or msgstr[n] for
    translations; the target language is the file's, else `lang`, else detected."""
    target = primary_language(target_lang) or primary_language(lang) or _guess(units)
    if target and not any(k == "Language" for k, _ in metadata):
        metadata = (("Language", target_lang or target),) + metadata
    index = LineIndex(text)
    segments: list[Segment] = []
    for number, unit in enumerate(units):
        plural = len(unit.targets) > 1 or any(cat for _t, cat in unit.targets)
        for i, source in enumerate(unit.sources[:2]):
            kind = "msgid" if i == 0 else "msgid_plural"
            _add(segments, index, path, source, source_lang, kind, number, unit, unit.flags)
        for n, (target_text, category) in enumerate(unit.targets):
            if not unit.sources:  # nothing to translate from: the text is prose in its language
                _add(segments, index, path, target_text, target or "", "prose", None, unit, ignore_flags(unit.comment))
                continue
            kind = f"msgstr[{n}]" if plural else "msgstr"
            flags = unit.flags + ((PLURAL_FLAG + category,) if category else ())
            if category == "zero" or category == "one" and target and one_is_just_one(target):
                flags += (SINGULAR_FORM_FLAG,)
            _add(segments, index, path, target_text, target or "", sys.intern(kind), number, unit, flags)
    return Document(path=path, text=text, segments=tuple(segments), lang=target, format=fmt, metadata=metadata, bilingual=True)


def ignore_flags(comment: str) -> tuple[str, ...]:
    """A prose segment's suppression flags from a `translate-kit: ignore[…]` note (an
    entry's note is read from its comment instead)."""
    rules = rules_from_comment(comment)
    return () if rules is False else ("ignore",) if rules is None else tuple(f"ignore:{r}" for r in sorted(rules))


def _add(
    segments: list[Segment], index: LineIndex, path: str, t: Text, lang: str, kind: str,
    number: int | None, unit: Unit, flags: tuple[str, ...],
) -> None:
    """Append the segment of one non-empty string."""
    if not t.text:
        return
    start, end = t.offsets[0], t.offsets[-1]
    verbatim = end - start == len(t.text) and t.offsets == tuple(range(start, end + 1))
    pos = index.position(start)
    segments.append(Segment(
        path=path, text=t.text, start=start, end=end, line=pos.line, column=pos.column, lang=lang,
        kind=kind, entry=number, char_offsets=None if verbatim else t.offsets, flags=flags,
        msgctxt=unit.context if number is not None else None, comment=unit.comment if number is not None else "",
    ))


def _guess(units: list[Unit]) -> str | None:
    """The translations' language detected from a sample of their text."""
    sample: list[str] = []
    for unit in units:
        sample.extend(t.text for t, _c in unit.targets)
        if sum(map(len, sample)) > 4096:
            break
    return detect_language("\n".join(sample)) if sample else None
