"""Wide CSV glossaries (import only): one row per concept, one column per language.

Header: an optional `id` column, one column per language code (en, ja, fr, zh-Hans,
pt_BR, ...) and optional `type` and `note` columns, in any order; `id`, `type` and `note`
are reserved names (write Indonesian as `id-ID`). In a language cell the first
`|`-separated term is preferred and the others are admitted; there is no escape for a
literal `|`. A missing or empty id becomes a slug of the row's first term (made unique).
Rows are never merged: a repeated id gives two concepts, which `validate` reports.
"""

from __future__ import annotations

import csv
import re
from functools import lru_cache
from typing import IO, Sequence

from translate_kit.glossary.csv_format import read_header
from translate_kit.glossary.model import CONCEPT_TYPES, Concept, Glossary, TakenIds, Term, languages_of, slug, unique_id
from translate_kit.messages import msg
from translate_kit.model import InputFileError

RESERVED = ("id", "type", "note")
_TAG = re.compile(
    r"(?P<lang>[A-Za-z]{2,3})"
    r"([-_][A-Za-z]{4})?"  # script
    r"([-_](?:[A-Za-z]{2}|[0-9]{3}))?"  # region
    r"([-_](?:[A-Za-z0-9]{5,8}|[0-9][A-Za-z0-9]{3}))*"  # variants
)


@lru_cache(maxsize=1)
def _known_languages() -> frozenset[str]:
    """ISO 639 codes babel knows a name for (read once; immutable)."""
    from babel import Locale

    return frozenset(code.lower() for code in Locale("en").languages if "_" not in code)


def is_language_code(cell: str) -> bool:
    """True when `cell` looks like a BCP 47 tag whose language babel knows (ja, zh-Hans, pt_BR)."""
    match = _TAG.fullmatch(cell.strip())
    return bool(match) and match.group("lang").lower() in _known_languages()


def is_wide_header(cells: Sequence[str]) -> bool:
    """True when every header cell is a reserved name or a language code, with at least one language."""
    names = [c.strip() for c in cells]
    langs = [n for n in names if n.lower() not in RESERVED]
    return bool(langs) and all(is_language_code(n) for n in langs)


def load(stream: IO[str], *, path: str, strict: bool = True) -> Glossary:
    """Read a wide-CSV glossary; when strict, an unknown type is an input error."""
    header, reader = read_header(stream, path, "expected a header of language codes")
    columns = _columns(header, path)
    rows: list[tuple[int, list[str]]] = []
    previous_end = reader.line_num
    try:
        for row in reader:
            start, previous_end = previous_end + 1, reader.line_num
            if not row or all(not cell.strip() for cell in row):
                continue
            if len(row) > len(header):
                raise InputFileError(path, msg("long row: {count} fields, the header has {fields}", count=len(row), fields=len(header)), start)
            rows.append((start, [cell.strip() for cell in row] + [""] * (len(header) - len(row))))
    except csv.Error as exc:
        raise InputFileError(path, msg("malformed CSV: {reason}", reason=str(exc)), reader.line_num) from None
    return _glossary(rows, columns, path, strict)


def _columns(header: list[str], path: str) -> dict[str, int]:
    """Map reserved names and language codes to column indexes; an unusable header is an input error."""
    columns: dict[str, int] = {}
    seen: dict[str, int] = {}
    for index, cell in enumerate(header):
        name = cell.strip()
        key = name.lower() if name.lower() in RESERVED else name
        if not name:
            raise InputFileError(path, msg("empty header cell in column {column}", column=index + 1), 1)
        if key not in RESERVED and not is_language_code(name):
            raise InputFileError(path, msg("header cell {name} is neither id, type, note nor a language code", name=repr(name)), 1)
        folded = key.lower().replace("_", "-")
        if folded in seen:
            raise InputFileError(path, msg("column {name} appears twice in the header (columns {first} and {second})", name=repr(name), first=seen[folded] + 1, second=index + 1), 1)
        seen[folded] = index
        columns[key] = index
    if not any(k not in RESERVED for k in columns):
        raise InputFileError(path, msg("no language column in the header"), 1)
    return columns


def _glossary(rows: list[tuple[int, list[str]]], columns: dict[str, int], path: str, strict: bool) -> Glossary:
    """Build concepts from rows: explicit ids first, then slugs that avoid them."""
    langs = [k for k in columns if k not in RESERVED]
    taken = TakenIds(row[columns["id"]] for _line, row in rows if "id" in columns and row[columns["id"]])
    concepts = []
    for line, row in rows:
        ctype = row[columns["type"]] if "type" in columns else ""
        if strict and ctype and ctype not in CONCEPT_TYPES:
            raise InputFileError(path, msg("unknown type {type} (use {allowed})", type=repr(ctype), allowed=', '.join(CONCEPT_TYPES)), line)
        terms = []
        for lang in langs:
            cell = row[columns[lang]]
            if cell:
                parts = [part.strip() for part in cell.split("|")]
                terms += [Term(text, lang, "preferred" if i == 0 else "admitted", line) for i, text in enumerate(parts)]
        concept_id = row[columns["id"]] if "id" in columns else ""
        if not concept_id:
            first = next((t.text for t in terms if t.text), "")
            concept_id = unique_id(slug(first), taken)
        note = row[columns["note"]] if "note" in columns else ""
        concepts.append(Concept(concept_id, ctype or "term", note, tuple(terms), line, path))
    result = tuple(concepts)
    return Glossary(result, path, languages_of(result))
