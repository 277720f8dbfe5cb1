"""`translate-kit compile`: PO → MO with Babel's `write_mo` (fuzzy entries left out
unless asked for), written atomically beside each .po file."""

from __future__ import annotations

import io
import os
import re

import polib
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo

from translate_kit.fsutil import read_input_bytes
from translate_kit.messages import msg
from translate_kit.model import InputError, InputFileError


def mo_bytes(catalog: polib.POFile, use_fuzzy: bool = False, path: str = "") -> bytes:
    """The MO file of a catalog: its header, and every translated entry (fuzzy ones
    only with `use_fuzzy`); obsolete and untranslated entries are never included. A
    header field Babel cannot read is an InputFileError for `path`."""
    babel = Catalog(fuzzy=False)
    try:
        babel.mime_headers = list(catalog.metadata.items())
    except ValueError:  # Babel parses Language, Plural-Forms and the dates to write the header again
        raise _header_error(catalog, path) from None
    for entry in catalog:
        if entry.obsolete or not entry.msgid:
            continue
        if entry.msgid_plural:
            msgid: str | tuple[str, ...] = (entry.msgid, entry.msgid_plural)
            string: str | tuple[str, ...] = tuple(entry.msgstr_plural.get(i, "") for i in range(max(entry.msgstr_plural, default=-1) + 1))
        else:
            msgid, string = entry.msgid, entry.msgstr
        babel.add(msgid, string, flags=[f for f in entry.flags if f == "fuzzy"], context=entry.msgctxt)
    buffer = io.BytesIO()
    write_mo(buffer, babel, use_fuzzy=use_fuzzy)
    return buffer.getvalue()


def _header_error(catalog: polib.POFile, path: str) -> InputFileError:
    """The error naming the first header field Babel refuses, tried one at a time."""
    for name, value in catalog.metadata.items():
        try:
            Catalog(fuzzy=False).mime_headers = [(name, value)]
        except ValueError:
            return InputFileError(path, msg("cannot compile: the header's {field} value {value} does not parse", field=name, value=repr(value)),
                                  _field_line(path, name))
    return InputFileError(path, msg("cannot compile: the header does not parse"))  # pragma: no cover - fields refused together only


def _field_line(path: str, name: str) -> int | None:
    """The line of the file that starts the header field `name` (the header is the first
    entry, so the first such line), or None."""
    try:
        data = read_input_bytes(path)
    except InputFileError:
        return None
    field = re.compile(rb'^[ \t]*(?:msgstr[ \t]+)?"(?:[^"\n]*\\n)?[ \t]*' + re.escape(name.encode("ascii", "replace")) + rb"[ \t]*:", re.MULTILINE)
    found = field.search(data)
    return data.count(b"\n", 0, found.start()) + 1 if found else None


def mo_path(po_path: str) -> str:
    """Where a catalog's MO file goes: beside it, same name."""
    return os.path.splitext(po_path)[0] + ".mo"


def find_catalogs(paths: list[str]) -> tuple[list[str], list[InputError]]:
    """The .po files named or under the given directories (sorted; templates skipped)."""
    found: list[str] = []
    errors: list[InputError] = []
    for path in paths:
        if os.path.isdir(path):
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                found.extend(os.path.join(root, f) for f in sorted(files) if f.endswith(".po"))
        elif os.path.isfile(path) and path.endswith(".po"):
            found.append(path)
        elif os.path.exists(path):
            errors.append(InputError.of(path, None, msg("not a .po file or a directory")))
        else:
            errors.append(InputError.of(path, None, msg("no such file or directory")))
    return found, errors
