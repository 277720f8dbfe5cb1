"""Gettext PO/POT loader: one scan (`po_scan`) reads each entry as polib would, with the
exact file offset of every character of its strings (and `segments_of`, their segments);
this module reads the file and makes the Document.
"""

from __future__ import annotations

import codecs
import gc
import re
import struct
from contextlib import contextmanager
from typing import Callable, Iterator, Sequence

import polib

from translate_kit.messages import Message, msg
from translate_kit.model import Document, InputFileError
from translate_kit.sources.decode import decode, encode_as_read, encoding_problem, sniff_bom, written_in_utf8
from translate_kit.sources.language import detect_language, primary_language
from translate_kit.sources.po_scan import Definition, PoEntry, duplicate_message, duplicates, odd_escapes, scan, segments_of
from translate_kit.sources.registry import sparing_sources

_CHARSET = re.compile(rb"charset\s*=\s*([A-Za-z0-9_.:+-]+)", re.IGNORECASE)
_POLIB_LINE = re.compile(r"\(line (\d+)\)(?::\s*(.*))?")
_SAMPLE_CHARS = 4096


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
    if written_in_utf8(data, name):
        raise InputFileError(path, msg("the Content-Type header names charset '{name}', but the file is written in UTF-8 (declare charset=UTF-8)",
                                       name=name), line)
    return decode(data, path, encoding=name)


def text_of_mo(data: bytes, path: str) -> str:
    """The PO text of a compiled MO catalog (polib reads it); positions in findings are
    lines of that text, as `msgunfmt` would print it. A damaged file is an InputFileError."""
    if len(data) < 28 or data[:4] not in (b"\xde\x12\x04\x95", b"\x95\x04\x12\xde"):
        raise InputFileError(path, msg("not a gettext MO file (bad magic number)"))
    short = _past_the_end(data)
    if short:  # polib reads what is there: a cut file gave its first strings, cut short, silently
        raise InputFileError(path, msg("damaged MO file: {reason}", reason=short))
    try:
        return str(polib.mofile(data))
    except (OSError, ValueError, KeyError, IndexError, UnicodeError, LookupError, struct.error) as exc:
        raise InputFileError(path, msg("damaged MO file: {reason}", reason=str(exc).splitlines()[0] if str(exc) else type(exc).__name__)) from None


def _past_the_end(data: bytes) -> str:
    """What of an MO file's string tables lies past its end (a truncated file), or ''."""
    order = "<" if data[:4] == b"\xde\x12\x04\x95" else ">"
    count, originals, translations = struct.unpack(order + "3I", data[8:20])
    for table in (originals, translations):
        if table + 8 * count > len(data):
            return "its string table runs past the end of the file (truncated?)"
        for length, offset in struct.iter_unpack(order + "2I", data[table : table + 8 * count]):
            if offset + length > len(data):
                return "a string runs past the end of the file (truncated?)"
    return ""


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


def parse(text: str, path: str, lang: str | None, source_lang: str) -> Document:
    """Parse catalog text into msgid/msgid_plural/msgstr segments with exact positions."""
    with collector_paused():
        return _parse(text, path, lang, source_lang)


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cycle collector while a catalog is read: the parse makes no reference
    cycles (its garbage goes by reference counts), so the collector would only walk the
    growing heap again and again (half the parse of a 100k-entry catalog). It is running
    again afterwards if it was before, whatever happens."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _parse(text: str, path: str, lang: str | None, source_lang: str) -> Document:
    """`parse`, the collector paused."""
    catalog = scan(text, path)
    entries = catalog.entries
    target = target_language(catalog.metadata, lang, entries)
    return Document(path=path, text=text, segments=segments_of(entries, path, target, source_lang), lang=target,
                    format="po", metadata=catalog.metadata, bilingual=True, unchecked=problems(text, catalog.definitions))


def problems(text: str, definitions: Sequence[Definition], by_offset: bool = False) -> tuple[tuple[int, Message], ...]:
    """What gettext's msgfmt refuses in a catalog that polib (and the scanner) reads: an
    escape it does not know, a msgctxt and msgid defined twice; (line, message) in order
    of lines. The definitions say where their msgid is by line, or by file offset."""
    twice = duplicates(definitions)
    line = _lines_at(text, [where for pair in twice for where in pair]) if by_offset else {}
    found = [*odd_escapes(text), *((line.get(second, second), duplicate_message(line.get(first, first))) for second, first in twice)]
    return tuple(sorted(found, key=lambda problem: problem[0]))


def _lines_at(text: str, offsets: list[int]) -> dict[int, int]:
    """The line of each offset, counted in one pass."""
    lines, number, last = {}, 1, 0
    for offset in sorted(set(offsets)):
        number += text.count("\n", last, offset)
        lines[offset], last = number, offset
    return lines


def target_language(metadata: tuple[tuple[str, str], ...], lang: str | None, entries: list[tuple[int, PoEntry]]) -> str | None:
    """The translation language: the header's, else the configured one, else detected
    from the first entries' translations."""
    return primary_language(dict(metadata).get("Language")) or primary_language(lang) or _guess_target(entries)


def check_syntax(text: str, path: str) -> None:
    """Raise the InputFileError `parse` would raise for this catalog text, if any, or
    for the first of its `problems` (which `parse` reports and reads past): a catalog
    written or compiled from it must be one gettext reads."""
    found = problems(text, scan(text, path).definitions)
    if found:
        line, message = found[0]
        raise InputFileError(path, message, line)


def _guess_target(entries: list[tuple[int, PoEntry]]) -> str | None:
    """Detect the translation language from a bounded sample of msgstr text."""
    sample, _complete = _sample(entries)
    return detect_language("\n".join(sample)) if sample else None


def guess_is_settled(metadata: tuple[tuple[str, str], ...], lang: str | None, entries: list[tuple[int, PoEntry]]) -> bool:
    """Whether the first entries of a catalog decide its language as the whole would: the
    header or the options name it, or their translations fill the detector's sample."""
    return bool(primary_language(dict(metadata).get("Language")) or primary_language(lang)) or _sample(entries)[1]


def _sample(entries: list[tuple[int, PoEntry]]) -> tuple[list[str], bool]:
    """The first msgstr texts up to the sample size, and whether they reach it."""
    sample: list[str] = []
    size = 0
    for _number, entry in entries:
        for keyword, string in entry.fields.items():
            if keyword.startswith("msgstr") and string.start >= 0:
                sample.append(string.text)
                size += len(sample[-1])
        if size >= _SAMPLE_CHARS:
            return sample, True
    return sample, False


def _polib_parse(text: str, path: str) -> polib.POFile:
    """Run polib on the text, turning its syntax errors into InputFileError."""
    try:
        return polib.pofile(_Lines(text))
    except (OSError, ValueError, KeyError, IndexError) as exc:
        match = _POLIB_LINE.search(str(exc))
        line = int(match.group(1)) if match else None
        detail = match.group(2) if match and match.group(2) else ""
        raise InputFileError(path, msg("syntax error: {detail}", detail=detail) if detail else msg("syntax error"), line) from None


def escape_po(text: str) -> str:
    """`text` as it is written inside a PO string's quotes."""
    return text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t")


def _quoted(text: str, path: str) -> Callable[[str, int], str]:
    """How a value is written inside a catalog's quoted strings."""
    return lambda value, offset: escape_po(value)


# A msgctxt, msgid or msgid_plural keyword with its string and the string's continuation lines.
_SOURCE_STRING = re.compile(r'^[ \t]*(?:msgctxt|msgid|msgid_plural)[ \t]+"[^\n]*(?:\n[ \t]*"[^\n]*)*', re.MULTILINE)


def source_spans(text: str) -> list[tuple[int, int]]:
    """The spans of a catalog's source strings (msgctxt, msgid, msgid_plural), in order."""
    return [m.span() for m in _SOURCE_STRING.finditer(text)]


escaper = sparing_sources(_quoted, source_spans)
