"""GitLab Code Quality (a Code Climate subset): a JSON array of issues for merge requests.

Severity mapping (GitLab knows info, minor, major, critical, blocker):
info → info, warning → minor, error → major. Input errors (files that could not be
read) are reported as `critical` issues with check_name `input-error`, so they are not
silently lost. Fingerprints are the stable ones from `translate_kit.fingerprint`, so
GitLab can tell new issues from fixed ones across commits.
"""

from __future__ import annotations

import hashlib
import json

from translate_kit.messages import Localizer
from translate_kit.model import Finding, InputError, Severity
from translate_kit.report.base import (
    ReportInput,
    localized_message,
    finding_fingerprints,
    ordered_errors,
    ordered_findings,
    span,
)

__all__ = ["INPUT_ERROR_CHECK", "SEVERITY", "render"]

SEVERITY = {Severity.INFO: "info", Severity.WARNING: "minor", Severity.ERROR: "major"}
INPUT_ERROR_SEVERITY = "critical"
INPUT_ERROR_CHECK = "input-error"
_CATEGORIES = ["Style"]


def _description(finding: Finding, localizer: Localizer) -> str:
    """The message, with the expected text appended when the rule knows it."""
    message = localized_message(finding, localizer)
    if finding.expected is None:
        return message
    return f"{message} (expected: {finding.expected})"


def _finding(finding: Finding, fingerprint: str, localizer: Localizer) -> dict[str, object]:
    """One issue."""
    where = span(finding)
    return {
        "type": "issue",
        "check_name": finding.rule,
        "description": _description(finding, localizer),
        "categories": _CATEGORIES,
        "severity": SEVERITY[finding.severity],
        "fingerprint": fingerprint,
        "location": {
            "path": finding.path,
            "lines": {"begin": where.line, "end": where.end_line},
        },
    }


def _error_fingerprint(error: InputError) -> str:
    """A fingerprint for an input error: its file, line and message."""
    data = "\x1f".join((INPUT_ERROR_CHECK, error.path, str(error.line or 0), error.message))
    return hashlib.sha256(data.encode("utf-8", "surrogatepass")).hexdigest()[:32]


def _error(error: InputError, localizer: Localizer) -> dict[str, object]:
    """One input error as an issue at its line (or line 1 for whole-file errors)."""
    return {
        "type": "issue",
        "check_name": INPUT_ERROR_CHECK,
        "description": error.text(localizer),
        "categories": ["Bug Risk"],
        "severity": INPUT_ERROR_SEVERITY,
        "fingerprint": _error_fingerprint(error),
        "location": {"path": error.path, "lines": {"begin": error.line or 1}},
    }


def render(report: ReportInput) -> str:
    """The issue array, findings in file order then input errors."""
    fingerprints = finding_fingerprints(report)
    issues = [_finding(f, fingerprints[f], report.localizer) for f in ordered_findings(report)]
    issues += [_error(e, report.localizer) for e in ordered_errors(report)]
    return json.dumps(issues, ensure_ascii=False, indent=2) + "\n"
