"""The `json` format: a versioned, documented object for scripts and other tools.

Shape (keys in this order; `expected`/`entity` may be null; columns are 1-based
characters, `end_column` exclusive):

    {"version": 1,
     "findings": [{"rule", "severity", "path", "line", "column", "end_line", "end_column",
                   "message", "found", "expected", "entity",
                   "related": [{"path", "line", "column", "found"}]}],
     "errors": [{"path", "line", "message"}],
     "summary": {...}}
"""

from __future__ import annotations

import json

from translate_kit.model import Finding, InputError, Related
from translate_kit.report.base import (
    ReportInput,
    ordered_errors,
    ordered_findings,
    span,
    summary_dict,
)

__all__ = ["SCHEMA_VERSION", "document", "render"]

#: Bumped only on incompatible changes to the shape above.
SCHEMA_VERSION = 1


def _related(related: Related) -> dict[str, object]:
    """One related location."""
    return {
        "path": related.path,
        "line": related.line,
        "column": related.column,
        "found": related.found,
    }


def _finding(finding: Finding) -> dict[str, object]:
    """One finding, keys in documented order."""
    where = span(finding)
    return {
        "rule": finding.rule,
        "severity": str(finding.severity),
        "path": finding.path,
        "line": where.line,
        "column": where.column,
        "end_line": where.end_line,
        "end_column": where.end_column,
        "message": finding.message,
        "found": finding.found,
        "expected": finding.expected,
        "entity": finding.entity,
        "related": [_related(r) for r in finding.related],
    }


def _error(error: InputError) -> dict[str, object]:
    """One input error; `line` is null for whole-file errors."""
    return {"path": error.path, "line": error.line or None, "message": error.message}


def document(report: ReportInput) -> dict[str, object]:
    """The report as JSON-ready data, for callers that post-process instead of printing."""
    return {
        "version": SCHEMA_VERSION,
        "findings": [_finding(f) for f in ordered_findings(report)],
        "errors": [_error(e) for e in ordered_errors(report)],
        "summary": summary_dict(report),
    }


def render(report: ReportInput) -> str:
    """Indented UTF-8 JSON (not ASCII-escaped, so Japanese stays readable)."""
    return json.dumps(document(report), ensure_ascii=False, indent=2, default=str) + "\n"
