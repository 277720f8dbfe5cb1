"""Catalog files: reading PO and MO with one-line errors, and writing PO atomically,
leaving a file untouched when only its POT-Creation-Date would change."""

from __future__ import annotations

import os
import re

import polib

from translate_kit.fsutil import atomic_write, read_input_bytes
from translate_kit.model import InputFileError
from translate_kit.sources.po import _polib_parse, _scan, decode_catalog

_CREATION_DATE = re.compile(r'^"POT-Creation-Date: [^"]*"\n', re.MULTILINE)
WRAP_WIDTH = 79  # msgmerge's default width


def read_po(path: str) -> polib.POFile:
    """A PO/POT file; a syntax error is an InputFileError naming its line."""
    text = decode_catalog(read_input_bytes(path), path)
    try:
        return _polib_parse(text, path)
    except InputFileError:
        _scan(text, path)  # the scanner's message names the exact line
        raise


def read_mo(path: str) -> polib.MOFile:
    """A compiled MO file; a damaged one is an InputFileError."""
    return mo_from_bytes(read_input_bytes(path), path)


def mo_from_bytes(data: bytes, path: str) -> polib.MOFile:
    """Parse MO bytes (polib) or raise a one-line InputFileError."""
    if len(data) < 28:
        raise InputFileError(path, "not a gettext MO file (too short)")
    try:
        return polib.mofile(data)
    except (OSError, ValueError, KeyError, IndexError, UnicodeError, LookupError) as exc:
        raise InputFileError(path, f"not a readable gettext MO file ({str(exc).splitlines()[0] if str(exc) else type(exc).__name__})") from None


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
