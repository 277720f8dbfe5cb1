"""Checks shared by the format tests: every character of every segment points at the
place in the file it was written (itself, or the start of the escape that wrote it)."""

from __future__ import annotations

import re

from translate_kit.model import Document

# what may stand in a file for a character of decoded text: an XML reference, a JSON or
# .strings backslash escape, an Android \uXXXX, a YAML escape
_ESCAPE = re.compile(r"&(?:#\d+|#x[0-9A-Fa-f]+|\w+);|\\u[0-9A-Fa-f]{4}|\\U[0-9A-Fa-f]{8}|\\x[0-9A-Fa-f]{2}|\\.")


def assert_exact_positions(doc: Document, *, skip_kinds: tuple[str, ...] = ()) -> int:
    """Assert that each character maps to itself or to an escape in the file; returns how
    many characters were checked (so a test can tell it checked something)."""
    text = doc.text
    lines = text.split("\n")
    checked = 0
    for seg in doc.segments:
        if seg.kind in skip_kinds:
            continue
        assert lines[seg.line - 1][seg.column - 1 :].startswith(text[seg.start : seg.start + 1]), seg
        for i, ch in enumerate(seg.text):
            at = seg.file_offset(i)
            if text[at] == ch or (ch.isspace() and text[at].isspace()):  # YAML folds breaks into spaces
                checked += 1
                continue
            m = _ESCAPE.match(text, at)
            assert m is not None, (seg.path, seg.kind, seg.text, i, ch, text[at : at + 10])
            checked += 1
        assert seg.file_offset(len(seg.text)) >= seg.file_offset(len(seg.text) - 1) if seg.text else True
    return checked
