"""Catalog files: reading PO with one-line errors, and writing PO atomically,
leaving a file untouched when only its POT-Creation-Date would change."""

from __future__ import annotations

import os
import re

import polib

from translate_kit.fsutil import atomic_write, read_input_bytes
from translate_kit.sources.po import _polib_parse, check_syntax, decode_catalog

_CREATION_DATE = re.compile(r'^"POT-Creation-Date: [^"]*"\n', re.MULTILINE)
WRAP_WIDTH = 79  # msgmerge's default width


def read_po(path: str) -> polib.POFile:
    """A PO/POT file; a syntax error is an InputFileError naming its line (the checker's
    scanner decides, as for `check`, so a catalog is read the same way everywhere)."""
    text = decode_catalog(read_input_bytes(path), path)
    check_syntax(text, path)  # stricter than polib, and its message names the exact line
    return _polib_parse(text, path)


def render(catalog: polib.POFile) -> str:
    """The PO text of a catalog."""
    catalog.wrapwidth = WRAP_WIDTH
    return str(catalog).rstrip("\n") + "\n"


def write_catalog(path: str, catalog: polib.POFile) -> bool:
    """Write a catalog atomically (the replaced file keeps its mode); False when the file
    already says the same but for its POT-Creation-Date, which then stays unchanged."""
    text = render(catalog)
    if os.path.isfile(path):
        try:
            with open(path, encoding="utf-8") as handle:
                old = handle.read()
        except (OSError, UnicodeError):
            old = None
        if old is not None and _CREATION_DATE.sub("", old) == _CREATION_DATE.sub("", text):
            return False
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    atomic_write(path, text)
    return True
