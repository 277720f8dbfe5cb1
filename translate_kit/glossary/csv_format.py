"""The canonical glossary format: long CSV, one term per row.

Header, exactly: concept,lang,term,status,type,note. Empty status means admitted; type
may be given on any row of a concept (the first non-empty one wins), and so may notes (the
concept's note is every row's distinct note in file order, joined with line breaks as TBX
joins its notes: a conversion keeps them all); rows with the same concept id are merged
into one concept wherever they are, so a long CSV cannot hold duplicate concept ids.
UTF-8 with or without BOM.

`strict=False` keeps unknown status and type values instead of raising, so that
`validate` can report every one of them with its line.
"""

from __future__ import annotations

import csv
import io
from typing import IO

from translate_kit.glossary.model import CONCEPT_TYPES, STATUSES, Concept, Glossary, Term, languages_of
from translate_kit.messages import msg
from translate_kit.model import InputFileError

HEADER = ("concept", "lang", "term", "status", "type", "note")


def read_header(stream: IO[str], path: str, expectation: str) -> tuple[list[str], "csv._reader"]:
    """The header row and a reader positioned after it (BOM dropped); an empty or
    malformed file is an input error saying what was expected."""
    text = stream.read()
    if text.startswith("\ufeff"):
        text = text[1:]
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)  # strict: a quote left open at the end is an error
    try:
        return next(reader), reader
    except StopIteration:
        raise InputFileError(path, msg("empty glossary: {expectation}", expectation=expectation), 1) from None
    except csv.Error as exc:
        raise InputFileError(path, msg("malformed CSV: {reason}", reason=str(exc)), 1) from None


def load(stream: IO[str], *, path: str, strict: bool = True) -> Glossary:
    """Read a long-CSV glossary; a wrong header or a short row is an input error (and,
    when strict, an unknown status or type)."""
    header, reader = read_header(stream, path, "expected the header " + ",".join(HEADER))
    if tuple(h.strip() for h in header) != HEADER:
        raise InputFileError(path, msg("wrong header {header}: expected {expected}", header=repr(','.join(header)), expected=','.join(HEADER)), 1)
    order: list[str] = []
    rows: dict[str, dict] = {}
    try:
        for row in reader:
            line = reader.line_num
            if not row or all(not cell.strip() for cell in row):
                continue
            if len(row) < 3:
                raise InputFileError(path, msg("short row: {count} field(s), need at least concept,lang,term", count=len(row)), line)
            if len(row) > len(HEADER):
                raise InputFileError(path, msg("long row: {count} fields, the header has {fields}", count=len(row), fields=len(HEADER)), line)
            row = [cell.strip() for cell in row] + [""] * (len(HEADER) - len(row))
            concept_id, lang, term, status, ctype, note = row
            status = status or "admitted"
            if not concept_id:
                raise InputFileError(path, msg("empty concept id"), line)
            if strict and status not in STATUSES:
                raise InputFileError(path, msg("unknown status {status} (use {allowed})", status=repr(status), allowed=', '.join(STATUSES)), line)
            if strict and ctype and ctype not in CONCEPT_TYPES:
                raise InputFileError(path, msg("unknown type {type} (use {allowed})", type=repr(ctype), allowed=', '.join(CONCEPT_TYPES)), line)
            entry = rows.get(concept_id)
            if entry is None:
                entry = rows[concept_id] = {"type": "", "notes": [], "terms": [], "line": line}
                order.append(concept_id)
            entry["type"] = entry["type"] or ctype
            if note and note not in entry["notes"]:  # every row's note is the concept's (joined as TBX joins its notes)
                entry["notes"].append(note)
            entry["terms"].append(Term(term, lang, status, line))
    except csv.Error as exc:
        raise InputFileError(path, msg("malformed CSV: {reason}", reason=str(exc)), reader.line_num) from None
    concepts = tuple(
        Concept(cid, rows[cid]["type"] or "term", "\n".join(rows[cid]["notes"]), tuple(rows[cid]["terms"]), rows[cid]["line"], path)
        for cid in order
    )
    return Glossary(concepts, path, languages_of(concepts))


def dump(glossary: Glossary, stream: IO[str]) -> None:
    """Write a long-CSV glossary (type and note on each concept's first row)."""
    writer = csv.writer(stream, lineterminator="\n")
    writer.writerow(HEADER)
    for c in glossary.concepts:
        for i, t in enumerate(c.terms):
            writer.writerow([c.id, t.lang, t.text, t.status, c.type, c.note if i == 0 else ""])
