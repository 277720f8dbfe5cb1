"""Documents → units: reads a text or Markdown file and hands it to its format's
extractor. Catalogs are not documents and are refused with a one-line error."""

from __future__ import annotations

from dataclasses import dataclass

from translate_kit.catalog.markdown_units import markdown_units
from translate_kit.catalog.text_units import text_units
from translate_kit.catalog.units import Unit
from translate_kit.fsutil import read_input_bytes
from translate_kit.messages import msg
from translate_kit.model import InputFileError
from translate_kit.sources import format_for
from translate_kit.sources.decode import decode, sniff_bom
from translate_kit.sources.language import detect_language, primary_language


@dataclass(frozen=True)
class SourceDocument:
    """A document as the catalog workflow needs it: its text, language and units."""

    path: str
    text: str
    lang: str
    format: str  # "text" or "markdown"
    units: tuple[Unit, ...]
    bom: bytes = b""  # a byte order mark the file started with, written back on import


def read_document(
    path: str,
    *,
    source_lang: str | None = None,
    encoding: str | None = None,
    front_matter_keys: frozenset[str] = frozenset(),
) -> SourceDocument:
    """Read and extract one document; `source_lang` None means detected from its script."""
    fmt = format_for(path)
    if fmt == "po":
        raise InputFileError(path, msg("a catalog is not a document to export (give text or Markdown files)"))
    if fmt not in ("text", "markdown"):  # a format check reads (JSON, reStructuredText) is no document here
        raise InputFileError(path, msg("unsupported document type (use .txt, .md or .markdown)"))
    data = read_input_bytes(path)
    text = decode(data, path, encoding)
    found = sniff_bom(data)
    bom = data[:found[1]] if found is not None else b""
    return document_from_text(text, path, fmt, source_lang, front_matter_keys, bom)


def document_from_text(
    text: str,
    path: str,
    fmt: str,
    source_lang: str | None = None,
    front_matter_keys: frozenset[str] = frozenset(),
    bom: bytes = b"",
) -> SourceDocument:
    """Extract units from text already decoded; `fmt` is "text" or "markdown"."""
    lang = primary_language(source_lang) or detect_language(text)
    if fmt == "markdown":
        units = markdown_units(text, path, front_matter_keys)
    else:
        units = text_units(text, path, lang)
    return SourceDocument(path, text, lang, fmt, tuple(units), bom)
