"""Gettext PO/POT loader: polib gives the meaning, a line scanner gives exact positions.

polib only knows where an entry starts, so a small scanner walks the keyword and
continuation lines itself, checks their order (which polib does not fully do) and records
for every unescaped character the file offset it came from.
"""

from __future__ import annotations

import codecs
from array import array
import re
import struct
import sys
from dataclasses import dataclass, field
from typing import Callable, NamedTuple

import polib

from translate_kit.messages import Message, msg
from translate_kit.model import Document, InputFileError, LineIndex, Segment
from translate_kit.sources.decode import decode, encode_as_read, encoding_problem, sniff_bom
from translate_kit.sources.language import detect_language, primary_language

# The escapes polib.unescape() understands; any other backslash stays a literal backslash.
_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "v": "\v", "b": "\b", "f": "\f", "\\": "\\", '"': '"'}
_KEYWORD = re.compile(r"(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)(?=[ \t\"])")
_CHARSET = re.compile(rb"charset\s*=\s*([A-Za-z0-9_.:+-]+)", re.IGNORECASE)
_POLIB_LINE = re.compile(r"\(line (\d+)\)(?::\s*(.*))?")
_SAMPLE_CHARS = 4096


@dataclass(slots=True)
class _Field:
    """One keyword's string while scanning: its lines' unescaped pieces, each with where
    its characters came from (the file offset of a verbatim piece's first character, or
    the offset of every character of a piece that had escapes)."""

    keyword: str
    line: int
    pieces: list[tuple[str, int | list[int]]] = field(default_factory=list)
    end: int = -1  # offset just after the source of the last character

    @property
    def text(self) -> str:
        """The unescaped string so far."""
        pieces = self.pieces
        if len(pieces) == 1:
            return pieces[0][0]
        return "".join(piece for piece, _ in pieces)

    @property
    def start(self) -> int:
        """File offset of the first character (the string must not be empty)."""
        _piece, where = self.pieces[0]
        return where if isinstance(where, int) else where[0]

    def offsets(self) -> "array[int] | None":
        """Per-character file offsets plus the end, or None when the string is one
        verbatim slice of the file (a compact array: a large catalog has millions)."""
        pieces = self.pieces
        if len(pieces) == 1 and isinstance(pieces[0][1], int):
            return None
        out = array("q")
        for piece, where in pieces:
            if isinstance(where, int):
                out.extend(range(where, where + len(piece)))
            else:
                out.extend(where)
        out.append(self.end)
        return out


@dataclass(slots=True)
class _Entry:
    """The keyword strings of one catalog entry, in file order."""

    fields: dict[str, _Field] = field(default_factory=dict)
    plurals: int = 0
    has_msgstr: bool = False


class _Lines(str):
    """Catalog text that polib splits at LF only, like the scanner and LineIndex.

    str.splitlines() also breaks at U+2028, form feed and the like, which may appear
    inside a translation and would make polib see broken lines.
    """

    def splitlines(self, keepends: bool = False) -> list[str]:  # type: ignore[override]
        """Split at LF only; polib strips the CR of CRLF itself."""
        return str.split(self, "\n")


def decode_catalog(data: bytes, path: str) -> str:
    """Decode PO bytes: a BOM wins, else the header's declared charset, else UTF-8."""
    if sniff_bom(data) is not None:
        return decode(data, path)
    declared = _declared_charset(data)
    if declared is None:
        return decode(data, path)
    name, line = declared
    if name.upper() == "CHARSET":  # the .pot placeholder
        return decode(data, path)
    try:
        codecs.lookup(name)
    except (LookupError, ValueError):
        raise InputFileError(path, msg("unknown charset '{name}' in the Content-Type header", name=name), line) from None
    if encoding_problem(name) is not None:  # base64, rot13, zlib: codecs, but not of text
        raise InputFileError(path, msg("charset '{name}' in the Content-Type header is not a text encoding", name=name), line)
    probe = b'msgid "#:\\n"\n'
    try:
        ascii_compatible = probe.decode(name) == probe.decode("ascii")
    except UnicodeError:
        ascii_compatible = False
    if not ascii_compatible:
        message = msg("charset '{name}' is not ASCII-compatible (save the file with a byte order mark)", name=name)
        raise InputFileError(path, message, line)
    return decode(data, path, encoding=name)


def text_of_mo(data: bytes, path: str) -> str:
    """The PO text of a compiled MO catalog (polib reads it); positions in findings are
    lines of that text, as `msgunfmt` would print it. A damaged file is an InputFileError."""
    if len(data) < 28 or data[:4] not in (b"\xde\x12\x04\x95", b"\x95\x04\x12\xde"):
        raise InputFileError(path, msg("not a gettext MO file (bad magic number)"))
    try:
        return str(polib.mofile(data))
    except (OSError, ValueError, KeyError, IndexError, UnicodeError, LookupError, struct.error) as exc:
        raise InputFileError(path, msg("damaged MO file: {reason}", reason=str(exc).splitlines()[0] if str(exc) else type(exc).__name__)) from None


def encode(text: str, original: bytes, encoding: str | None = None) -> bytes:
    """`text` as bytes the way a catalog was read: its BOM, else the header's declared
    charset, else UTF-8 (`encoding` does not apply to catalogs)."""
    if sniff_bom(original) is None:
        declared = _declared_charset(original)
        return text.encode(declared[0] if declared is not None and declared[0].upper() != "CHARSET" else "utf-8")
    return encode_as_read(text, original)


def _declared_charset(data: bytes) -> tuple[str, int] | None:
    """(charset, line) from the header entry's Content-Type, read from the raw bytes."""
    pos, line, state = 0, 0, "comments"
    while pos < len(data):
        newline = data.find(b"\n", pos)
        end = len(data) if newline == -1 else newline
        line += 1
        raw = data[pos:end].strip()
        pos = end + 1
        if not raw or raw.startswith(b"#"):
            if state == "msgstr":
                return None
            continue
        if state == "comments":
            if raw.split(None, 1) != [b"msgid", b'""']:
                return None  # the first entry is not a header
            state = "msgid"
        elif state == "msgid":
            if raw.startswith(b"msgstr"):
                state = "msgstr"
            elif raw != b'""':
                return None
        elif not raw.startswith(b'"'):
            return None
        if state == "msgstr":
            match = _CHARSET.search(raw)
            if match:
                return match.group(1).decode("ascii"), line
    return None


class _Facts(NamedTuple):
    """What a live polib entry tells that the scanner does not: kept instead of the
    POEntry, so polib's objects are freed before segments are built."""

    number: int
    msgid: str
    msgctxt: str | None
    flags: tuple[str, ...]
    comment: str


def parse(text: str, path: str, lang: str | None, source_lang: str) -> Document:
    """Parse catalog text into msgid/msgid_plural/msgstr segments with exact positions."""
    # polib first, kept only as the few facts needed, so its objects and the scanner's
    # are never all alive at once; on a syntax error the scanner's message (exact line,
    # plain words) wins over polib's
    try:
        catalog = _polib_parse(text, path)
    except InputFileError:
        _scan(text, path)
        raise
    metadata = tuple(catalog.metadata.items())
    facts = [
        _Facts(number, entry.msgid, entry.msgctxt, tuple(entry.flags), _comment(entry))
        for number, entry in enumerate(catalog)
        if not entry.obsolete
    ]
    del catalog
    scanned = _scan(text, path)
    pairs = _align(facts, scanned, path)
    del scanned
    target = primary_language(dict(metadata).get("Language")) or primary_language(lang) or _guess_target(pairs)
    index = LineIndex(text)
    segments: list[Segment] = []
    source_kinds = {"msgid": "msgid", "msgid_plural": "msgid_plural"}
    for i, (entry, found) in enumerate(pairs):
        pairs[i] = None  # type: ignore[call-overload]  # free the scanned strings as segments replace them
        for keyword, string in found.fields.items():
            if keyword == "msgctxt" or not string.pieces:
                continue
            start = string.start
            pos = index.position(start)
            source = source_kinds.get(keyword)
            segments.append(
                Segment(
                    path=path,
                    text=string.text,
                    start=start,
                    end=string.end,
                    line=pos.line,
                    column=pos.column,
                    lang=source_lang if source else (target or ""),
                    kind=source or sys.intern(keyword),
                    entry=entry.number,
                    char_offsets=string.offsets(),
                    flags=entry.flags,
                    msgctxt=entry.msgctxt,
                    comment=entry.comment,
                )
            )
    return Document(path=path, text=text, segments=tuple(segments), lang=target, format="po", metadata=metadata, bilingual=True)


def _comment(entry) -> str:
    """The translator's comment, with a `translate-kit: ignore` note extracted from the code
    (`#. …`), so a suppression can come from the source the string was extracted from."""
    note = entry.comment or ""
    return "\n".join(filter(None, (entry.tcomment, note if "translate-kit:" in note else "")))


def _guess_target(pairs: list[tuple[_Facts, _Entry]]) -> str | None:
    """Detect the translation language from a bounded sample of msgstr text."""
    sample: list[str] = []
    size = 0
    for _entry, found in pairs:
        for keyword, string in found.fields.items():
            if keyword.startswith("msgstr") and string.pieces:
                sample.append(string.text)
                size += len(sample[-1])
        if size >= _SAMPLE_CHARS:
            break
    return detect_language("\n".join(sample)) if sample else None


def _polib_parse(text: str, path: str) -> polib.POFile:
    """Run polib on the text, turning its syntax errors into InputFileError."""
    try:
        return polib.pofile(_Lines(text))
    except (OSError, ValueError, KeyError, IndexError) as exc:
        match = _POLIB_LINE.search(str(exc))
        line = int(match.group(1)) if match else None
        detail = match.group(2) if match and match.group(2) else ""
        raise InputFileError(path, msg("syntax error: {detail}", detail=detail) if detail else msg("syntax error"), line) from None


def _align(facts: list[_Facts], scanned: list[_Entry], path: str) -> list[tuple[_Facts, _Entry]]:
    """Pair each live polib entry with the scanned entry it came from.

    Both lists are in file order; the scanner also sees the header, which polib removes.
    """
    pairs: list[tuple[_Facts, _Entry]] = []
    j = 0
    for entry in facts:
        while j < len(scanned) and not _same(scanned[j], entry):
            j += 1
        if j == len(scanned):
            message = msg("cannot locate the entry for msgid {msgid}", msgid=repr(entry.msgid[:40]))
            raise InputFileError(path, message, None)
        pairs.append((entry, scanned[j]))
        j += 1
    return pairs


def _same(found: _Entry, entry: _Facts) -> bool:
    """Whether a scanned entry has the polib entry's msgctxt and msgid."""
    ctxt = found.fields.get("msgctxt")
    return found.fields["msgid"].text == entry.msgid and (
        (ctxt.text if ctxt else None) == entry.msgctxt
    )


class _Scanner:
    """Line-by-line PO scanner: entry structure, string positions and syntax errors."""

    def __init__(self, text: str, path: str) -> None:
        self.text = text
        self.path = path
        self.entries: list[_Entry] = []
        self.entry: _Entry | None = None
        self.field: _Field | None = None  # the string that continuation lines extend

    def error(self, message: Message, line: int) -> InputFileError:
        """An input error for this file at `line`."""
        return InputFileError(self.path, message, line)

    def run(self) -> list[_Entry]:
        """Scan every line (LF-separated, a CR before LF ignored) and return the entries."""
        text = self.text
        pos, line = 0, 0
        while pos <= len(text):
            newline = text.find("\n", pos)
            end = len(text) if newline == -1 else newline
            if end > pos and text[end - 1] == "\r":
                end -= 1
            line += 1
            start = pos + 1 if line == 1 and text.startswith("\ufeff") else pos
            self._line(start, end, line)
            if newline == -1:
                break
            pos = newline + 1
        self._finish()
        return self.entries

    def _line(self, start: int, end: int, line: int) -> None:
        """Handle one line: blank, comment, continuation string or keyword with string."""
        text = self.text
        while start < end and text[start] in " \t":
            start += 1
        if start == end:
            self._finish()
            return
        first = text[start]
        if first == "#":
            if self.entry is not None and self.entry.has_msgstr:
                self._finish()
            self.field = None
            return
        if first == '"':
            if self.field is None:
                raise self.error(msg("string line without a keyword before it"), line)
            self._read_string(start, end, line, self.field)
            return
        match = _KEYWORD.match(text, start, end)
        if match is None:
            raise self.error(
                msg("unexpected line: expected a keyword, a comment or a quoted string"), line
            )
        keyword = match.group(1)
        string = self._keyword(keyword, match.group(2), line)
        pos = match.end()
        while pos < end and text[pos] in " \t":
            pos += 1
        if pos == end or text[pos] != '"':
            raise self.error(msg("expected a quoted string after {keyword}", keyword=keyword), line)
        self._read_string(pos, end, line, string)
        self.field = string

    def _keyword(self, keyword: str, index: str | None, line: int) -> _Field:
        """Check that `keyword` may come here and add its field to the current entry."""
        entry = self.entry
        if keyword in ("msgctxt", "msgid") and entry is not None and entry.has_msgstr:
            self._finish()
            entry = None
        if entry is None:
            if keyword not in ("msgctxt", "msgid"):
                raise self.error(msg("{keyword} without msgid", keyword=keyword), line)
            entry = self.entry = _Entry()
        fields = entry.fields
        if keyword == "msgctxt" and "msgctxt" in fields:
            raise self.error(msg("duplicate msgctxt"), line)
        if keyword == "msgctxt" and fields:
            raise self.error(msg("msgctxt must come before msgid"), line)
        if keyword == "msgid" and "msgid" in fields:
            raise self.error(msg("msgid without msgstr"), fields["msgid"].line)
        if keyword == "msgid_plural" and ("msgid_plural" in fields or entry.has_msgstr):
            raise self.error(msg("msgid_plural must follow msgid"), line)
        if keyword.startswith("msgstr"):
            if "msgid" not in fields:
                raise self.error(msg("{keyword} without msgid", keyword=keyword), line)
            plural = "msgid_plural" in fields
            if index is None:
                if plural:
                    raise self.error(
                        msg("msgid_plural needs msgstr[0], msgstr[1], ..., not msgstr"), line
                    )
                if entry.has_msgstr:
                    raise self.error(msg("duplicate msgstr"), line)
            else:
                if not plural:
                    raise self.error(msg("{keyword} without msgid_plural", keyword=keyword), line)
                if int(index) != entry.plurals:
                    raise self.error(
                        msg("plural index gap: expected msgstr[{index}], found {keyword}", index=entry.plurals, keyword=keyword), line
                    )
                keyword = f"msgstr[{entry.plurals}]"
                entry.plurals += 1
            entry.has_msgstr = True
        string = _Field(keyword, line)
        fields[keyword] = string
        return string

    def _finish(self) -> None:
        """Close the current entry, checking that it is complete."""
        entry, self.entry, self.field = self.entry, None, None
        if entry is None:
            return
        fields = entry.fields
        if "msgid" not in fields:
            raise self.error(msg("msgctxt without msgid"), fields["msgctxt"].line)
        if not entry.has_msgstr:
            if "msgid_plural" in fields:
                raise self.error(msg("msgid_plural without msgstr[n]"), fields["msgid_plural"].line)
            raise self.error(msg("msgid without msgstr"), fields["msgid"].line)
        self.entries.append(entry)

    def _read_string(self, quote: int, end: int, line: int, string: _Field) -> None:
        """Unescape the quoted string at `quote`, recording where its characters came from."""
        text = self.text
        pos = quote + 1
        close = text.find('"', pos, end)
        if close != -1 and text.find("\\", pos, close) == -1:  # no escapes: a verbatim slice
            if close > pos:
                string.pieces.append((text[pos:close], pos))
                string.end = close
            pos = close
        else:
            chars: list[str] = []
            offsets: list[int] = []
            while pos < end:
                char = text[pos]
                if char == '"':
                    break
                if char == "\\":
                    if pos + 1 >= end:
                        break
                    unescaped = _ESCAPES.get(text[pos + 1])
                    if unescaped is not None:
                        chars.append(unescaped)
                        offsets.append(pos)
                        pos += 2
                        string.end = pos
                        continue
                chars.append(char)
                offsets.append(pos)
                pos += 1
                string.end = pos
            if chars:
                string.pieces.append(("".join(chars), offsets))
        if pos >= end or text[pos] != '"':
            raise self.error(msg("unterminated string"), line)
        if text[pos + 1 : end].strip(" \t"):
            raise self.error(msg("unexpected text after the closing quote"), line)


def _scan(text: str, path: str) -> list[_Entry]:
    """Scan catalog text into entries (obsolete `#~` entries are comments here)."""
    return _Scanner(text, path).run()


def escape_po(text: str) -> str:
    """`text` as it is written inside a PO string's quotes."""
    return text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t")


def escaper(text: str, path: str) -> Callable[[str, int], str]:
    """How a value is written inside a catalog's quoted strings."""
    return lambda value, offset: escape_po(value)
