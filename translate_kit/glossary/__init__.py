"""Glossaries: the model and one module per file format, chosen by file name.

| suffix                 | format                           | read | write |
|------------------------|----------------------------------|------|-------|
| .csv                   | long CSV, or wide CSV (sniffed)  | yes  | long  |
| .tbx, .tbx.xml, .xml   | TBX (v2 martif, v3 tbx)          | yes  | v3    |
| .yml, .yaml            | prh.yml                          | yes  | no    |
| .po                    | gettext PO (two languages)       | yes  | yes   |

A .csv whose header is exactly the long header is long CSV; one whose header cells are
language codes (plus id, type, note) is wide CSV; anything else gets the long-CSV
"wrong header" error.
"""

from __future__ import annotations

import csv
import io
import os
import re
from dataclasses import dataclass
from typing import IO, Callable

from translate_kit.fsutil import read_input_bytes
from translate_kit.limits import MAX_GLOSSARY_BYTES, os_reason, withheld
from translate_kit.sources.decode import decode, encoding_problem, sniff_bom, written_in_utf8
from translate_kit.sources.po import decode_catalog
from translate_kit.sources.registry import on_first_call

from translate_kit.fsutil import atomic_write
from translate_kit.glossary import csv_format, po_format, wide_csv
from translate_kit.glossary.model import Concept, Glossary, Term
from translate_kit.glossary.validate import Problem, validate
from translate_kit.messages import msg
from translate_kit.model import InputFileError

Loader = Callable[..., Glossary]
Dumper = Callable[..., None]
# TBX and prh.yml are read by modules imported when such a file is first read (they import
# an XML parser and PyYAML: a fifth of a CSV-glossary run's start-up)
_tbx_load, _tbx_dump = on_first_call("translate_kit.glossary.tbx", "load"), on_first_call("translate_kit.glossary.tbx", "dump")
_prh_load = on_first_call("translate_kit.glossary.prh", "load")


@dataclass(frozen=True)
class Format:
    """A glossary file format: its name, how to read it and (if it can be written) how to write it."""

    name: str
    load: Loader
    dump: Dumper | None = None


def _load_csv(stream: IO[str], *, path: str, strict: bool = True, **_options: str | None) -> Glossary:
    """Read a .csv as long or wide CSV, sniffed from its header row."""
    text = stream.read()
    if text.startswith("\ufeff"):
        text = text[1:]
    try:
        header = next(csv.reader(io.StringIO(text, newline="")), [])
    except csv.Error:
        header = []
    module = csv_format
    if tuple(h.strip() for h in header) != csv_format.HEADER and wide_csv.is_wide_header(header):
        module = wide_csv
    return module.load(io.StringIO(text), path=path, strict=strict)


def _load_tbx(stream: IO[str], *, path: str, strict: bool = True, **_options: str | None) -> Glossary:
    """Read TBX."""
    return _tbx_load(stream, path=path, strict=strict)


def _load_prh(stream: IO[str], *, path: str, strict: bool = True, lang: str | None = None, **_options: str | None) -> Glossary:
    """Read prh.yml; `lang` is the language of its terms (default ja)."""
    return _prh_load(stream, path=path, strict=strict, lang=lang or "ja")


def _load_po(
    stream: IO[str], *, path: str, strict: bool = True, lang: str | None = None, source_lang: str | None = None, **_options: str | None
) -> Glossary:
    """Read PO; `lang` overrides the Language header, `source_lang` the source language."""
    return po_format.load(stream, path=path, strict=strict, source_lang=source_lang, target_lang=lang)


def _dump_csv(glossary: Glossary, stream: IO[str], **_options: str | None) -> None:
    """Write long CSV."""
    csv_format.dump(glossary, stream)


def _dump_tbx(glossary: Glossary, stream: IO[str], **_options: str | None) -> None:
    """Write TBX v3."""
    _tbx_dump(glossary, stream)


def _dump_po(glossary: Glossary, stream: IO[str], *, source_lang: str | None = None, **_options: str | None) -> None:
    """Write PO (two-language glossaries only)."""
    po_format.dump(glossary, stream, source_lang=source_lang)


_CSV = Format("csv", _load_csv, _dump_csv)
_TBX = Format("tbx", _load_tbx, _dump_tbx)
_PRH = Format("prh", _load_prh)
_PO = Format("po", _load_po, _dump_po)
FORMATS: dict[str, Format] = {
    ".csv": _CSV,
    ".tbx": _TBX,
    ".tbx.xml": _TBX,
    ".xml": _TBX,
    ".yml": _PRH,
    ".yaml": _PRH,
    ".po": _PO,
}
_XML_ENCODING = re.compile(rb"""^<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9._-]+)["']""")


def format_for(path: str) -> Format:
    """The format of `path` by its longest known suffix; an unknown one is an input error."""
    name = os.path.basename(path).lower()
    for suffix in sorted(FORMATS, key=len, reverse=True):
        if name.endswith(suffix) and len(name) > len(suffix):
            return FORMATS[suffix]
    ext = os.path.splitext(name)[1]
    raise InputFileError(path, msg("unsupported glossary format {format} (use {formats})", format=ext or '(none)', formats=', '.join(FORMATS)))


def _read_text(path: str, fmt: Format, data: bytes) -> str:
    """The file's text: a BOM wins, then (PO) the charset header or (XML) the declared encoding, then UTF-8."""
    if fmt is _PO:
        return decode_catalog(data, path)
    encoding = None
    if fmt is _TBX and sniff_bom(data) is None:
        match = _XML_ENCODING.match(data)
        if match and match.group(1).lower().replace(b"_", b"-") not in (b"utf-8", b"utf8"):
            encoding = match.group(1).decode("ascii")
            if encoding_problem(encoding) is not None:
                raise InputFileError(path, msg("unknown encoding {encoding} in the XML declaration", encoding=repr(encoding)), 1) from None
            if written_in_utf8(data, encoding):
                raise InputFileError(path, msg("the declaration names {name}, but the file is written in UTF-8 (declare UTF-8)", name=repr(encoding)), 1)
    return decode(data, path, encoding)


def load_glossary(path: str, *, strict: bool = True, lang: str | None = None, source_lang: str | None = None) -> Glossary:
    """Load a glossary file, choosing the format by file name.

    strict=False keeps unknown statuses and types for `validate` to report. `lang` is the
    language of single-language files (prh; default ja) or a PO target language;
    `source_lang` the PO source language (default: X-Source-Language header, else en).
    """
    fmt = format_for(path)
    data = read_input_bytes(path, MAX_GLOSSARY_BYTES, "glossary")
    try:
        text = _read_text(path, fmt, data)
        return fmt.load(io.StringIO(text), path=path, strict=strict, lang=lang, source_lang=source_lang)
    except InputFileError:
        hidden = withheld(path, msg("{format} glossary", format=fmt.name))  # never quote a file outside the checked tree
        if hidden is None:
            raise
        raise InputFileError(path, hidden) from None


def save_glossary(glossary: Glossary, path: str, *, source_lang: str | None = None) -> None:
    """Write a glossary atomically in the format its file name asks for (.csv long, .tbx, .po)."""
    fmt = format_for(path)
    if fmt.dump is None:
        writable = ", ".join(s for s, f in FORMATS.items() if f.dump is not None)
        raise InputFileError(path, msg("cannot write {name} glossaries (import only); write one of {writable}", name=fmt.name, writable=writable))
    buffer = io.StringIO()
    fmt.dump(glossary, buffer, source_lang=source_lang)
    try:
        atomic_write(path, buffer.getvalue())
    except OSError as exc:
        raise InputFileError(path, msg("cannot write: {reason}", reason=os_reason(exc))) from None


def convert(
    in_path: str, out_path: str, *, strict: bool = True, lang: str | None = None, source_lang: str | None = None
) -> Glossary:
    """Read `in_path` and write it to `out_path`, formats by file name; returns what was converted."""
    out_format = format_for(out_path)
    if out_format.dump is None:
        raise InputFileError(out_path, msg("cannot write {name} glossaries (import only)", name=out_format.name))
    glossary = load_glossary(in_path, strict=strict, lang=lang, source_lang=source_lang)
    save_glossary(glossary, out_path, source_lang=source_lang)
    return glossary


__all__ = [
    "Concept",
    "FORMATS",
    "Format",
    "Glossary",
    "Problem",
    "Term",
    "convert",
    "format_for",
    "load_glossary",
    "save_glossary",
    "validate",
]
