"""The input formats: one `Format` value per loader module, registered in one table.

A format decodes a file's bytes to text (its own charset rules) and parses the text into a
`Document`: prose segments, or bilingual catalog entries. Adding a format is one loader
module and one line in `FORMATS`; nothing else asks which format a document came from.
"""

from __future__ import annotations

import importlib
import os
from bisect import bisect_right
from dataclasses import dataclass
from typing import Any, Callable, Protocol

from translate_kit.model import Document
from translate_kit.sources.decode import encode_as_read

# (data, path, encoding from the options) -> text
Decoder = Callable[[bytes, str, "str | None"], str]
# (text, path, language from the options, source language) -> document
Parser = Callable[[str, str, "str | None", str], Document]
# (value, file offset) -> the value as the file writes it at that offset; raises Unwritable
Escape = Callable[[str, int], str]
# (file text, path) -> the escape for that file (reads the file's layout once)
Escaper = Callable[[str, str], Escape]
# (text, the bytes it was decoded from, --encoding) -> bytes: the decoder's inverse
Encoder = Callable[[str, bytes, "str | None"], bytes]


def on_first_call(module: str, name: str) -> Callable[..., Any]:
    """Function `name` of `module`, the module imported the first time it is called: format
    tables name every format's functions, and a run imports only those of the formats it
    reads (with their parsers: markdown-it, PyYAML, defusedxml)."""

    def call(*args: Any, **kwargs: Any) -> Any:
        return getattr(importlib.import_module(module), name)(*args, **kwargs)

    call.__qualname__ = call.__name__ = f"{module}.{name}"
    return call


class Unsplittable(Exception):
    """A part of a file does not read as it would inside the whole file (a cut that is
    not between two entries, a second header): the file must be read whole."""


class Parts(Protocol):
    """A large file's text cut into parts that processes parse apart (the parent forks
    once the text is decoded): each part parses to the Document `split_document` would
    have made of the whole file's, or raises `Unsplittable`."""

    text: str

    def __len__(self) -> int: ...

    def __getitem__(self, number: int) -> Document: ...

    def whole(self) -> Document:
        """The file's document without its segments (what joining the parts needs)."""


# (text, path, language from the options, source language, parts wanted, the first
# part's size relative to the others') -> parts, or None when the text cannot be cut so
Splitter = Callable[[str, str, "str | None", str, int, float], "Parts | None"]


class Unwritable(ValueError):
    """A value cannot be written in place at that offset of the file; the message says why."""


SOURCE_TEXT = "it stands in a source text (msgid, <source>), which the translation follows: change it where it is written"


def sparing_sources(escaper: Escaper, sources: Callable[[str], "list[tuple[int, int]]"]) -> Escaper:
    """`escaper`, refusing to write inside the spans `sources` finds in the file (a
    catalog's msgids): a fix belongs in the translation, and a changed msgid no longer
    matches the program's string. The spans are found on the first write."""

    def make(text: str, path: str) -> Escape:
        inner = escaper(text, path)
        spans: list[tuple[int, int]] = []
        starts: list[int] | None = None

        def escape(value: str, offset: int) -> str:
            nonlocal starts
            if starts is None:
                spans.extend(sources(text))
                starts = [start for start, _end in spans]
            i = bisect_right(starts, offset) - 1
            if i >= 0 and offset < spans[i][1]:
                raise Unwritable(SOURCE_TEXT)
            return inner(value, offset)

        return escape

    return make


def verbatim(text: str, path: str) -> Escape:
    """The escaper of formats that write text as it is (plain text, Markdown)."""
    return lambda value, offset: value


@dataclass(frozen=True)
class Format:
    """One input format: its name, the file suffixes and names it is chosen by, its
    decoder and parser, and whether it pairs with a source-language file."""

    name: str
    suffixes: tuple[str, ...]
    decode: Decoder
    parse: Parser
    aliases: tuple[str, ...] = ()
    # the parser again, remembering what it parsed in a memo the caller keeps: an editor's
    # buffer is parsed again on every edit, and most of it did not change
    reparse: "Callable[[str, str, str | None, str, dict], Document] | None" = None
    # monolingual key files read their source-language file too: `parse` then takes a
    # `source_files` keyword (configured (glob, source path) pairs)
    paired: bool = False
    # how a value is written back into a file of this format (`fix`); None: not in place
    escaper: Escaper | None = None
    # how a fixed text is written back as bytes: the way the decoder read the file
    encode: Encoder = encode_as_read
    # how a large file's text is cut into parts parsed apart; None: parsed whole
    split: Splitter | None = None


class Registry:
    """Formats by suffix and by name; the first format registered for a suffix wins."""

    def __init__(self, formats: tuple[Format, ...]) -> None:
        self.formats = formats
        self._by_suffix: dict[str, Format] = {}
        self._by_name: dict[str, Format] = {}
        for fmt in formats:
            for suffix in fmt.suffixes:
                self._by_suffix.setdefault(suffix, fmt)
            for name in (fmt.name, *fmt.aliases, *(s.lstrip(".") for s in fmt.suffixes)):
                self._by_name.setdefault(name, fmt)

    @property
    def suffixes(self) -> tuple[str, ...]:
        return tuple(self._by_suffix)

    def for_path(self, path: str) -> Format | None:
        """The format a path's suffix selects, or None."""
        return self._by_suffix.get(os.path.splitext(path)[1].lower())

    def named(self, name: str) -> Format | None:
        """A format by name, alias or suffix (po, pot, md, markdown, text, txt)."""
        return self._by_name.get(name.lower().lstrip("."))
