"""Value types shared by every stage: segments, tokens, mentions, findings.

All are frozen dataclasses so they can be cached, hashed and sent between processes.
Offsets inside the tool are code-point offsets; lines and columns are 1-based and counted
in characters (the LSP layer converts to UTF-16 at its edge).
"""

from __future__ import annotations

import bisect
import enum
import re
from array import array
from dataclasses import dataclass, field, fields
from operator import attrgetter
from functools import cached_property
from typing import Any, Callable, Sequence, TypeVar

from translate_kit.messages import ENGLISH, Localizer, Message, english, template_of


class Severity(enum.IntEnum):
    """How bad a finding is; ordered so `>=` compares against `--fail-on`."""

    INFO = 1
    WARNING = 2
    ERROR = 3

    @classmethod
    def parse(cls, name: str) -> "Severity":
        try:
            return cls[name.strip().upper()]
        except KeyError:
            raise ValueError(f"unknown severity {name!r} (use info, warning or error)") from None

    def __str__(self) -> str:
        return self.name.lower()


class Script(str, enum.Enum):
    """The writing system a mention is written in."""

    KATAKANA = "katakana"
    HIRAGANA = "hiragana"
    KANJI = "kanji"
    LATIN = "latin"
    MIXED = "mixed"
    OTHER = "other"

    def __str__(self) -> str:
        return self.value


class EntityType(str, enum.Enum):
    """A guess at what kind of thing a mention names."""

    PERSON = "person"
    ORGANIZATION = "organization"
    PRODUCT = "product"
    PLACE = "place"  # also a facility (成田空港, 山手線)
    EVENT = "event"  # a festival, a championship, a fair (釜山国際映画祭)
    OTHER = "other"

    def __str__(self) -> str:
        return self.value


@dataclass(frozen=True)
class Position:
    """A 1-based line and column (in characters) in a file."""

    line: int
    column: int


class LineIndex:
    """Maps character offsets of a decoded file to 1-based (line, column)."""

    __slots__ = ("_starts",)

    def __init__(self, text: str) -> None:
        starts = array("q", [0])
        find = text.find
        i = find("\n")
        while i != -1:
            starts.append(i + 1)
            i = find("\n", i + 1)
        self._starts = starts  # a compact array: kept per file for the whole run

    def __reduce__(self) -> tuple:
        # the line starts as bytes: a cached contribution loads without rescanning its text
        return (_line_index, (self.to_bytes(),))

    def to_bytes(self) -> bytes:
        """The line starts as bytes (`from_bytes` reads them back without the text)."""
        return self._starts.tobytes()

    @classmethod
    def from_bytes(cls, starts: bytes) -> "LineIndex":
        """A LineIndex from `to_bytes`."""
        index = cls.__new__(cls)
        index._starts = array("q")
        index._starts.frombytes(starts)
        return index

    def position(self, offset: int) -> Position:
        line = bisect.bisect_right(self._starts, offset) - 1
        return Position(line + 1, offset - self._starts[line] + 1)

    def offset(self, line: int, column: int) -> int:
        return self._starts[line - 1] + column - 1

    @property
    def line_count(self) -> int:
        return len(self._starts)


def _line_index(starts: bytes) -> "LineIndex":
    """A LineIndex from its pickled line starts."""
    return LineIndex.from_bytes(starts)



def is_target_kind(kind: str) -> bool:
    """Whether a segment kind is a catalog entry's translation (msgstr, msgstr[n])."""
    return kind.startswith("msgstr")


@dataclass(frozen=True, slots=True)
class Segment:
    """A run of prose to analyse, with its place in the file.

    `start`/`end` are character offsets into the decoded file text. When the text is a
    verbatim slice of the file, `char_offsets` is None; when the format escapes text (PO
    strings), `char_offsets[i]` is the file offset of `text[i]` and has one extra final
    entry for the end.
    """

    path: str
    text: str
    start: int
    end: int
    line: int
    column: int
    lang: str
    kind: str = "prose"  # prose | heading | msgid | msgid_plural | msgstr | msgctxt | ...
    entry: int | None = None  # index of the catalog entry, for PO segments
    char_offsets: "Sequence[int] | None" = None  # a tuple or a compact array of file offsets
    flags: tuple[str, ...] = ()
    msgctxt: str | None = None  # PO message context of the entry, if any
    comment: str = ""  # PO translator comment (`# ...` lines) of the entry

    @property
    def is_target(self) -> bool:
        """Whether this segment is a catalog entry's translation (msgstr, msgstr[n])."""
        return is_target_kind(self.kind)

    @property
    def plural_index(self) -> int | None:
        """n for the translation of plural form n (msgstr[n]), None otherwise."""
        return int(self.kind[7:-1]) if self.kind.startswith("msgstr[") else None

    def __reduce__(self) -> tuple:
        # the fields in order: a catalog pickles hundreds of thousands of segments
        return (Segment, _segment_fields(self))

    def file_offset(self, index: int) -> int:
        """File offset of character `index` of `text` (`index == len(text)` allowed)."""
        if self.char_offsets is None:
            return self.start + index
        return self.char_offsets[index]


_segment_fields = attrgetter(*(f.name for f in fields(Segment)))

_T = TypeVar("_T")


def slots_constructor(cls: type[_T]) -> Callable[..., _T]:
    """A constructor of a frozen slotted dataclass taking every field in order, which sets
    each slot through its descriptor (generated as dataclasses generates `__init__`): the
    frozen `__init__` goes through `object.__setattr__`, a lookup per field, which was a
    fourth of a large catalog's parse (hundreds of thousands of segments)."""
    names = [f.name for f in fields(cls)]  # type: ignore[arg-type]
    params = cls.__dataclass_params__  # type: ignore[attr-defined]
    assert params.frozen and "__slots__" in cls.__dict__ and not hasattr(cls, "__post_init__")
    assert not {"obj", "new_", "cls_"} & set(names) and not any(n.startswith("set_") for n in names)
    namespace: dict[str, Any] = {"new_": object.__new__, "cls_": cls}
    namespace.update({f"set_{n}": getattr(cls, n).__set__ for n in names})
    body = "".join(f"    set_{n}(obj, {n})\n" for n in names)
    exec(f"def new({', '.join(names)}):\n    obj = new_(cls_)\n{body}    return obj\n", namespace)  # noqa: S102 - our own field names
    constructor: Callable[..., _T] = namespace["new"]
    return constructor


# Segment(...) and CatalogEntry(...) for the loaders' and Document's hot loops (every field given)
new_segment = slots_constructor(Segment)


@dataclass(frozen=True)
class Document:
    """A loaded file: its decoded text and the segments found in it."""

    path: str
    text: str
    segments: tuple[Segment, ...]
    lang: str | None = None
    format: str = "text"
    metadata: tuple[tuple[str, str], ...] = ()
    # A piece of a larger document checked on its own (a worker's share of a big catalog):
    # (its number, the file offset where the next piece begins). None for a whole file.
    part: tuple[int, int] | None = None
    # made of catalog entries (source and translation side by side), whatever the format
    bilingual: bool = False
    # (line, reason) of text the loader could not turn into segments (an unclosed code
    # fence or comment, Markdown nested past the parser's limit): reported, never silent
    unchecked: tuple[tuple[int, str | Message], ...] = ()

    @property
    def first_part(self) -> bool:
        """Whether file-level facts (a catalog's header) belong to this piece."""
        return self.part is None or self.part[0] == 0

    @property
    def end_offset(self) -> int:
        """Where this document's share of the file text ends."""
        return len(self.text) if self.part is None else self.part[1]

    def line_index(self) -> LineIndex:
        """Lines of the document's text, built once per document (every rule asks)."""
        return self._lines

    @cached_property
    def _lines(self) -> LineIndex:
        return LineIndex(self.text)

    def untranslated_msgids(self) -> list[Segment]:
        """The source segments of catalog entries that have no translation segment (empty
        translation); empty for documents that are not catalogs."""
        if not self.bilingual:
            return []
        translated = {s.entry for s in self.segments if s.is_target}
        return [s for s in self.segments if s.kind == "msgid" and s.entry not in translated]

    @cached_property
    def _entries(self) -> tuple["CatalogEntry", ...]:
        # an entry's segments, in the order of its first one; a catalog's come one entry
        # after another, so the dictionary is asked once per entry rather than per segment
        grouped: dict[int, list[Segment]] = {}
        current: int | None = None
        group: list[Segment] = []
        for s in self.segments:
            number = s.entry
            if number is None:
                continue
            if number != current:
                current = number
                found = grouped.get(number)
                if found is None:
                    found = grouped[number] = []
                group = found
            group.append(s)
        entries = []
        for number, segments in grouped.items():
            sources: list[Segment] = []
            targets: list[Segment] = []
            for s in segments:
                kind = s.kind
                if kind.startswith("msgstr"):  # is_target_kind, inline: once per segment of a catalog
                    targets.append(s)
                elif kind == "msgid" or kind == "msgid_plural":
                    sources.append(s)
            if targets:
                first = segments[0]
                entries.append(new_catalog_entry(number, first.flags, tuple(sources), tuple(targets), first.msgctxt, first.comment))
        return tuple(entries)

    @cached_property
    def _reviewed(self) -> tuple["CatalogEntry", ...]:
        return tuple(e for e in self._entries if "fuzzy" not in e.flags)

    @cached_property
    def _compared_all(self) -> tuple["CatalogEntry", ...]:
        return tuple(e for e in self._entries if not e.keyed)

    @cached_property
    def _compared_reviewed(self) -> tuple["CatalogEntry", ...]:
        # from the compared ones when they are known: each entry's msgid is matched once
        if "_compared_all" in self.__dict__:
            return tuple(e for e in self._compared_all if "fuzzy" not in e.flags)
        return tuple(e for e in self._reviewed if not e.keyed)

    def catalog_entries(self, include_fuzzy: bool = False) -> tuple["CatalogEntry", ...]:
        """The translated entries of a bilingual document, fuzzy ones only when asked for."""
        return self._entries if include_fuzzy else self._reviewed

    def compared_entries(self, include_fuzzy: bool = False) -> tuple["CatalogEntry", ...]:
        """The translated entries whose source is text, for the rules that compare a
        translation with it (not those keyed by a message id: see `CatalogEntry.keyed`)."""
        return self._compared_all if include_fuzzy else self._compared_reviewed


# The flag of a key file's plural form that may write its number as a word or a digit, as
# the source's singular does ("1 project", "no projects"): a `zero` form, or a `one` form
# where the language's "one" is the number 1 alone (not Russian's 21, 31 …).
SINGULAR_FORM_FLAG = "plural-singular"

_MESSAGE_KEY = re.compile(r"[a-z][a-z0-9]*(?:[-_.][a-z0-9]+)+")


@dataclass(frozen=True, slots=True)
class CatalogEntry:
    """One bilingual entry, from whatever format: its source segments (msgid,
    msgid_plural), its translations (one, or one per plural form), context, flags
    (fuzzy, format flags) and translator comment. Each segment keeps its exact place."""

    number: int
    flags: tuple[str, ...]
    sources: tuple[Segment, ...]
    targets: tuple[Segment, ...]
    context: str | None = None
    comment: str = ""

    def __reduce__(self) -> tuple:
        # the fields in order (a frozen slotted dataclass pickles so on every Python)
        return (CatalogEntry, (self.number, self.flags, self.sources, self.targets, self.context, self.comment))

    def source_text(self, kind: str) -> str | None:
        """The text of the msgid or msgid_plural segment, None when there is none (the
        first such segment: an entry has one or two sources, so nothing is cached)."""
        for s in self.sources:
            if s.kind == kind:
                return s.text
        return None

    @property
    def keyed(self) -> bool:
        """Whether the msgid is a message key rather than source text (`front-text`,
        `label_save`: Zope/Plone and key-based catalogs keep the text elsewhere), so the
        rules that compare msgstr with msgid have nothing to compare it with."""
        for s in self.sources:
            if s.kind == "msgid":
                # a key starts with a-z: most source texts are told apart by that alone
                return "a" <= s.text[:1] <= "z" and _MESSAGE_KEY.fullmatch(s.text) is not None
        return False

    def source_texts(self, target: Segment) -> list[str]:
        """The source texts a translation may follow: msgid for msgstr, msgid_plural or
        msgid for msgstr[0] (the plural first: it wins a tie) and for a form that may say
        its number in words (SINGULAR_FORM_FLAG), msgid_plural for the other msgstr[n >= 1]."""
        sources = self.sources
        if len(sources) == 1 and sources[0].kind == "msgid":  # most entries: the msgid every translation follows
            return [sources[0].text]
        msgid = self.source_text("msgid") or ""
        plural = self.source_text("msgid_plural")
        n = target.plural_index
        if n is None or plural is None:
            return [msgid]
        return [plural, msgid] if n == 0 or SINGULAR_FORM_FLAG in target.flags else [plural]


new_catalog_entry = slots_constructor(CatalogEntry)


@dataclass(frozen=True)
class Token:
    """One word from the tokenizer, with offsets relative to its segment."""

    surface: str
    start: int
    end: int
    pos: tuple[str, ...] = ()
    normalized: str = ""
    reading: str = ""
    dictionary: str = ""
    oov: bool = False


@dataclass(frozen=True, slots=True)
class Mention:
    """A named-entity mention: what was written, where, and what it may be.

    `start`/`end` are offsets in the segment's text of `surface` (suffix excluded);
    `suffix` records an honorific or company suffix that was stripped (氏, さん, 社, Inc.), or
    a title before a person's name (ミスター of ミスター・ボーン).
    """

    surface: str
    start: int
    end: int
    script: Script
    normalized: str
    reading: str
    type: EntityType
    parts: tuple[str, ...] = ()
    suffix: str = ""
    # for a one-word Latin mention, what Sudachi's dictionary lists it as: "common" (a
    # common noun, also in the plural: Close, Products), "proper" (German, Bernard) or "";
    # for a Latin person's full name, "proper" when the dictionary has its surname (Davis);
    # for a katakana word, "common" when it is used as a verb or adjective (リッスンする),
    # "proper" when the dictionary lists it whole as a company or product name (ネスレ),
    # "also-common" when the dictionary lists it as a common noun too (リスト: list, Liszt);
    # "compound" for a katakana run of dictionary words (シティ|バンク), a name only when a
    # Latin name elsewhere in the run anchors it (anchors.py), else no mention at all
    lexicon: str = ""

    def __reduce__(self) -> tuple:
        # as the constructor's arguments, enums as their values: pickled per mention, per file
        return (_mention, (self.surface, self.start, self.end, self.script.value, self.normalized, self.reading,
                           self.type.value, self.parts, self.suffix, self.lexicon))


def _mention(surface: str, start: int, end: int, script: str, normalized: str, reading: str, type: str,
             parts: tuple[str, ...], suffix: str, lexicon: str) -> "Mention":
    """A Mention from its pickled fields."""
    return Mention(surface, start, end, Script(script), normalized, reading, EntityType(type), parts, suffix, lexicon)


@dataclass(frozen=True, slots=True)
class Place:
    """A span in a file, 1-based lines and character columns (end exclusive)."""

    path: str
    line: int
    column: int
    end_line: int
    end_column: int

    def __reduce__(self) -> tuple:
        # as the constructor's arguments: several times faster to pickle than slots state
        return (Place, (self.path, self.line, self.column, self.end_line, self.end_column))


@dataclass(frozen=True, slots=True)
class MentionUse:
    """A mention placed in its file, with what the rules need to know about where."""

    mention: Mention
    place: Place
    order: tuple[str, int]  # (path, file offset): the run's reading order
    lang: str
    kind: str
    entry: int | None = None
    flags: tuple[str, ...] = ()
    # for a name in a catalog's translation: the words of what it translates (its entry's
    # msgid), so a rendering can be checked against its source; None elsewhere
    source_words: frozenset[str] | None = None
    # file offset where the mention's sentence starts (-1: not known), and whether it stands
    # inside brackets or quotes there: a name set beside its other script in brackets is a gloss
    sentence: int = -1
    bracketed: bool = False

    def __reduce__(self) -> tuple:
        return (MentionUse, (self.mention, self.place, self.order, self.lang, self.kind, self.entry, self.flags,
                             self.source_words, self.sentence, self.bracketed))

    @property
    def in_source_text(self) -> bool:
        """Whether the mention stands in a catalog entry's source text (msgid), which the
        translation follows, not in a text the translator writes."""
        return self.entry is not None and not is_target_kind(self.kind)


@dataclass(frozen=True)
class Related:
    """Another place a finding refers to, such as the canonical mention."""

    path: str
    line: int
    column: int
    found: str


@dataclass(frozen=True)
class Finding:
    """One problem a rule reports; reporters render these and nothing else."""

    rule: str
    severity: Severity
    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    message: str
    found: str
    expected: str | None = None
    entity: str | None = None
    related: tuple[Related, ...] = ()
    # `message` as a msgid and arguments, for reports in the user's language (None: English only)
    template: Message | None = field(default=None, compare=False)

    def sort_key(self) -> tuple:
        return (self.path, self.line, self.column, self.rule, self.found)


# C0 controls but tab, DEL, and the other characters str.splitlines breaks at -> escapes
_UNPRINTABLE = {c: ascii(chr(c))[1:-1] for c in (*range(0x09), *range(0x0A, 0x20), 0x7F, 0x85, 0x2028, 0x2029)}
# Longest message text an error line shows (the path is never cut).
_LONGEST_MESSAGE = 400


@dataclass(frozen=True)
class InputError:
    """A file (or line of it) that could not be read; reported, never raised to the user."""

    path: str
    line: int | None
    message: str
    # `message` as a msgid and arguments, for people reading another language (None: English only)
    template: Message | None = field(default=None, compare=False)

    @classmethod
    def of(cls, path: str, line: int | None, message: str | Message) -> InputError:
        """An error from an English string or a `msg(...)` value."""
        return cls(path, line, english(message), template_of(message))

    def text(self, localizer: Localizer = ENGLISH) -> str:
        """The message in the localizer's language (English when it has no template)."""
        return self.message if self.template is None else localizer.text(self.template)

    def shown(self, localizer: Localizer = ENGLISH) -> str:
        """`path:line: message` in the localizer's language, on one line: a line break or
        terminal escape in a file name (or in file text a message quotes) is written escaped."""
        where = f"{self.path}:{self.line}" if self.line else self.path
        text = self.text(localizer)
        if len(text) > _LONGEST_MESSAGE:  # it quotes the file (a header value of 5,000 digits): its head and tail say enough
            text = f"{text[:_LONGEST_MESSAGE * 3 // 4]} … {text[-_LONGEST_MESSAGE // 4:]}"
        return f"{where}: {text}".translate(_UNPRINTABLE)

    def __str__(self) -> str:
        return self.shown()


class InputFileError(Exception):
    """Raised by loaders for bad input; the CLI turns it into an `InputError`. The
    message is an English string or a `msg(...)` value the CLI shows in the UI language."""

    def __init__(self, path: str, message: str | Message, line: int | None = None) -> None:
        super().__init__(english(message))
        self.path = path
        self.line = line
        self.message = english(message)
        self.template = template_of(message)

    def as_error(self) -> InputError:
        return InputError(self.path, self.line, self.message, self.template)


@dataclass(frozen=True)
class Summary:
    """Counts shown at the end of a run."""

    files: int = 0
    segments: int = 0
    findings: int = 0
    errors: int = 0
    by_severity: tuple[tuple[str, int], ...] = ()
    untranslated: int = 0
    extra: tuple[tuple[str, int], ...] = field(default_factory=tuple)
