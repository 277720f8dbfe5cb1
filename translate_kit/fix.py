"""Fixes: a file's text and its findings in, the edited text out.

Only findings with one unambiguous expected form are applied (`FIXABLE` rules), and only
where the file still holds exactly what the finding found, written the way its format
writes it (each format's escaper, asked of the registry by path: XML references, JSON,
Android and .strings backslashes, YAML by scalar style); edits go bottom-up so earlier
offsets stay valid, and an edit that overlaps one already taken is skipped. Pure: the
command line (cli_edit.py) and the language server both build on it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Sequence

from translate_kit.model import Finding, LineIndex
from translate_kit.sources import REGISTRY
from translate_kit.sources.po import escape_po
from translate_kit.sources.registry import Escape, Unwritable

# Rules whose `expected` is a single replacement for exactly the span found.
FIXABLE = frozenset({
    "glossary-nonpreferred",
    "glossary-deprecated",
    "entity-inconsistent",
    "orthographic-variant",
    "radical-character",
    "term-inconsistent",
})


@dataclass(frozen=True)
class Edit:
    """Replace text[start:end] (code-point offsets) with `new`, for `finding`."""

    start: int
    end: int
    new: str
    finding: Finding


@dataclass(frozen=True)
class Skip:
    """A fixable finding left alone, and why."""

    finding: Finding
    reason: str


@dataclass(frozen=True)
class FixResult:
    """The edited text, the edits applied, and the fixable findings left alone."""

    text: str
    applied: tuple[Edit, ...]
    skipped: tuple[Skip, ...]


NOT_IN_PLACE = "this format is not written in place"


def escape_for(text: str, path: str, format: str | None = None) -> Escape | None:
    """How the file at `path` (its format by name, else by suffix) writes a value at an
    offset; None for formats that are not written in place (a compiled catalog)."""
    fmt = REGISTRY.named(format) if format else REGISTRY.for_path(path)
    return fmt.escaper(text, path) if fmt is not None and fmt.escaper is not None else None


def fixable(finding: Finding) -> bool:
    """Whether a finding names one replacement for what it found."""
    return finding.rule in FIXABLE and bool(finding.expected) and finding.expected != finding.found


def attempt(text: str, index: LineIndex, finding: Finding, escape: Escape | None) -> Edit | Skip:
    """The edit that applies a fixable `finding` to `text`, or why there is none: the text
    at its span is not what it found written the format's way (the file changed, or the
    span crosses a line break or an escape written otherwise), or the replacement cannot
    be written there."""
    lines = index.line_count
    if not (1 <= finding.line <= lines and 1 <= finding.end_line <= lines):
        return Skip(finding, "the file has no such place any more")
    if escape is None:
        return Skip(finding, NOT_IN_PLACE)
    start = index.offset(finding.line, finding.column)
    end = index.offset(finding.end_line, finding.end_column)
    if not 0 <= start <= end <= len(text):
        return Skip(finding, "the file has no such place any more")
    try:
        found, new = escape(finding.found, start), escape(finding.expected or "", start)
    except Unwritable as exc:
        return Skip(finding, str(exc))
    here = text[start:end]
    if new.startswith(found) and text.startswith(new, start):
        return Skip(finding, "the file already reads the expected form there")
    if here != found:
        if "\n" in here or "\r" in here:
            return Skip(finding, "the text found spans a line break in the file (a folded or wrapped string)")
        return Skip(finding, "the file does not read what was found there, written this format's way")
    return Edit(start, end, new, finding)


def edit_for(text: str, index: LineIndex, finding: Finding, escape: Escape | None) -> Edit | None:
    """The edit that applies `finding` to `text`, or None (see `attempt`)."""
    if not fixable(finding):
        return None
    edit = attempt(text, index, finding, escape)
    return edit if isinstance(edit, Edit) else None


def plan(text: str, findings: Iterable[Finding], escape: Escape | None,
         index: LineIndex | None = None) -> tuple[list[Edit], list[Skip]]:
    """The edits to apply (sorted, none overlapping) and the fixable findings left out;
    `index` is the text's line index when the caller has one."""
    index = index or LineIndex(text)
    edits: list[Edit] = []
    skipped: list[Skip] = []
    for f in findings:
        if not fixable(f):
            continue
        edit = attempt(text, index, f, escape)
        if isinstance(edit, Skip):
            skipped.append(edit)
        else:
            edits.append(edit)
    edits.sort(key=lambda e: (e.start, e.end))
    kept: list[Edit] = []
    for e in edits:
        if kept and e.start < kept[-1].end:
            skipped.append(Skip(e.finding, "overlaps another fix"))  # never guess
            continue
        kept.append(e)
    return kept, skipped


def apply_edits(text: str, edits: Sequence[Edit]) -> str:
    """`text` with non-overlapping `edits` applied, joined in one pass: rebuilding the text
    for each edit was quadratic (100k fixes in a 14 MB catalog would never end)."""
    pieces: list[str] = []
    done = 0
    for e in sorted(edits, key=lambda e: e.start):
        pieces += (text[done : e.start], e.new)
        done = e.end
    pieces.append(text[done:])
    return "".join(pieces)


def fix_text(text: str, findings: Iterable[Finding], path: str) -> FixResult:
    """Apply every fixable finding of the file at `path` (its format by suffix) to its text."""
    edits, skipped = plan(text, findings, escape_for(text, path))
    return FixResult(apply_edits(text, edits), tuple(edits), tuple(skipped))


__all__ = ["FIXABLE", "Edit", "FixResult", "Skip", "apply_edits", "attempt", "edit_for", "escape_for", "escape_po",
           "fix_text", "fixable", "plan"]
