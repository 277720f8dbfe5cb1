"""Fixes: a file's text and its findings in, the edited text out.

Only findings with one unambiguous expected form are applied (`FIXABLE` rules), and only
where the file still holds exactly what the finding found; edits go bottom-up so earlier
offsets stay valid, and an edit that overlaps one already taken is skipped. Pure: the
command line (cli_edit.py) and the language server both build on it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Sequence

from translate_kit.model import Finding, LineIndex

# Rules whose `expected` is a single replacement for exactly the span found.
FIXABLE = frozenset({
    "glossary-nonpreferred",
    "glossary-deprecated",
    "entity-inconsistent",
    "orthographic-variant",
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
class FixResult:
    """The edited text, the edits applied, and the fixable findings left alone."""

    text: str
    applied: tuple[Edit, ...]
    skipped: tuple[Finding, ...]


def escape_po(text: str) -> str:
    """`text` as it is written inside a PO string's quotes."""
    return text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t")


def fixable(finding: Finding) -> bool:
    """Whether a finding names one replacement for what it found."""
    return finding.rule in FIXABLE and bool(finding.expected) and finding.expected != finding.found


def edit_for(text: str, index: LineIndex, finding: Finding, po: bool = False) -> Edit | None:
    """The edit that applies `finding` to `text`, or None when the text at its span is not
    exactly what it found (the file changed, or the span crosses a PO line break or escape)."""
    if not fixable(finding):
        return None
    lines = index.line_count
    if not (1 <= finding.line <= lines and 1 <= finding.end_line <= lines):
        return None
    start = index.offset(finding.line, finding.column)
    end = index.offset(finding.end_line, finding.end_column)
    found, new = finding.found, finding.expected or ""
    if po:
        found, new = escape_po(found), escape_po(new)
    if not 0 <= start <= end <= len(text) or text[start:end] != found:
        return None
    return Edit(start, end, new, finding)


def plan(text: str, findings: Iterable[Finding], po: bool = False) -> tuple[list[Edit], list[Finding]]:
    """The edits to apply (sorted, none overlapping) and the fixable findings left out."""
    index = LineIndex(text)
    edits: list[Edit] = []
    skipped: list[Finding] = []
    for f in findings:
        if not fixable(f):
            continue
        edit = edit_for(text, index, f, po)
        if edit is None:
            skipped.append(f)
        else:
            edits.append(edit)
    edits.sort(key=lambda e: (e.start, e.end))
    kept: list[Edit] = []
    for e in edits:
        if kept and e.start < kept[-1].end:
            skipped.append(e.finding)  # overlaps an edit already taken: never guess
            continue
        kept.append(e)
    return kept, skipped


def apply_edits(text: str, edits: Sequence[Edit]) -> str:
    """`text` with non-overlapping `edits` applied, last first so offsets stay valid."""
    for e in sorted(edits, key=lambda e: e.start, reverse=True):
        text = text[: e.start] + e.new + text[e.end :]
    return text


def fix_text(text: str, findings: Iterable[Finding], po: bool = False) -> FixResult:
    """Apply every fixable finding of one file to its text."""
    edits, skipped = plan(text, findings, po)
    return FixResult(apply_edits(text, edits), tuple(edits), tuple(skipped))


__all__ = ["FIXABLE", "Edit", "FixResult", "apply_edits", "edit_for", "escape_po", "fix_text", "fixable", "plan"]
