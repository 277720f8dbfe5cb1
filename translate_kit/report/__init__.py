"""Reporters: pure functions that turn a run's findings into one output format.

Every reporter takes a `ReportInput` and returns the whole output as a string (ending in a
newline when not empty); none reads files, the clock or globals, so outputs are golden-
testable. The CLI picks one by name from `REPORTERS` (or calls `render`) and writes it.
"""

from __future__ import annotations

from translate_kit.report import codeclimate, concise, github, json_report, junit, sarif, text
from translate_kit.report.base import (
    Reporter,
    ReportInput,
    Span,
    artifact_uri,
    finding_fingerprints,
    ordered_errors,
    ordered_findings,
    severity_counts,
    span,
    summary_dict,
)

__all__ = [
    "REPORTERS",
    "ReportInput",
    "Span",
    "artifact_uri",
    "finding_fingerprints",
    "ordered_errors",
    "ordered_findings",
    "render",
    "severity_counts",
    "span",
    "summary_dict",
]

#: Output formats by the name `--format` accepts; the first is the default.
REPORTERS: dict[str, Reporter] = {
    "text": text.render,
    "concise": concise.render,
    "json": json_report.render,
    "sarif": sarif.render,
    "github": github.render,
    "junit": junit.render,
    "codeclimate": codeclimate.render,
}


def render(format: str, report: ReportInput) -> str:
    """Render `report` in the named format; unknown names list the known ones."""
    try:
        reporter = REPORTERS[format]
    except KeyError:
        known = ", ".join(REPORTERS)
        raise ValueError(f"unknown report format {format!r} (use one of: {known})") from None
    return reporter(report)
