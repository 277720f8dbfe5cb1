"""Glossaries: the model and one module per file format."""

from __future__ import annotations

import io
import os

from translate_kit.glossary import csv_format
from translate_kit.glossary.model import Concept, Glossary, Term
from translate_kit.model import InputFileError

FORMATS = {".csv": csv_format}


def load_glossary(path: str) -> Glossary:
    """Load a glossary file, choosing the format by extension."""
    ext = os.path.splitext(path)[1].lower()
    fmt = FORMATS.get(ext)
    if fmt is None:
        raise InputFileError(path, f"unsupported glossary format {ext or '(none)'} (use {', '.join(sorted(FORMATS))})")
    try:
        with open(path, "rb") as fh:
            data = fh.read()
    except FileNotFoundError:
        raise InputFileError(path, "no such file") from None
    except IsADirectoryError:
        raise InputFileError(path, "is a directory, not a glossary file") from None
    except OSError as exc:
        raise InputFileError(path, exc.strerror or str(exc)) from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputFileError(path, "cannot decode as UTF-8", line) from None
    return fmt.load(io.StringIO(text), path=path)


__all__ = ["Concept", "Glossary", "Term", "load_glossary"]
