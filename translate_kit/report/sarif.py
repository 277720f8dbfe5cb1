"""SARIF 2.1.0, for GitHub code scanning and other static-analysis dashboards.

Rules come from the `Rule` declarations; results point at `%SRCROOT%`-relative, percent-
encoded URIs with 1-based character regions (`columnKind: unicodeCodePoints`, end column
exclusive, as the spec defines). Each result carries a stable `partialFingerprints`
entry and, when the expected text is known, a fix replacing the span with it. Input errors
become tool execution notifications.
"""

from __future__ import annotations

import json
from typing import Mapping

from translate_kit.model import Finding, InputError, Related, Severity
from translate_kit.report.base import (
    TOOL_NAME,
    ReportInput,
    Span,
    artifact_uri,
    finding_fingerprints,
    ordered_errors,
    ordered_findings,
    snippet_window,
    span,
)
from translate_kit.rules.base import Rule

__all__ = ["FINGERPRINT_KEY", "INFORMATION_URI", "LEVEL", "SCHEMA_URI", "document", "render"]

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://github.com/translate-kit/translate-kit"
SRCROOT = "%SRCROOT%"
FINGERPRINT_KEY = "translateKit/v1"
LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}

Json = dict[str, object]


def _text(text: str) -> Json:
    """A SARIF message object."""
    return {"text": text}


def _help_markdown(rule: Rule) -> str:
    """The rule's help as Markdown, for viewers that render it."""
    d = rule.doc
    return (
        f"**{rule.summary}**\n\n**What it does:** {d.what}\n\n**Why:** {d.why}\n\n"
        f"Flagged:\n\n```\n{d.example_bad}\n```\n\nFine:\n\n```\n{d.example_good}\n```"
    )


def _descriptor(rule: Rule) -> Json:
    """A `reportingDescriptor` built from a rule declaration."""
    descriptor: Json = {
        "id": rule.id,
        "name": rule.name,
        "shortDescription": _text(rule.summary),
        "fullDescription": _text(rule.doc.what),
        "help": {"text": rule.help_text(), "markdown": _help_markdown(rule)},
        "defaultConfiguration": {"level": LEVEL[rule.severity]},
    }
    if rule.aliases:
        descriptor["deprecatedIds"] = list(rule.aliases)
    return descriptor


def _descriptors(report: ReportInput) -> list[Json]:
    """Declared rules by id, plus bare entries for any rule a finding names but none declares."""
    declared = {rule.id: rule for rule in report.rules}
    descriptors = [_descriptor(declared[rule_id]) for rule_id in sorted(declared)]
    for rule_id in sorted({f.rule for f in report.findings} - set(declared)):
        descriptors.append({"id": rule_id})
    return descriptors


def _artifact(path: str) -> Json:
    """An `artifactLocation`, relative to `%SRCROOT%` unless the path is absolute."""
    uri, relative = artifact_uri(path)
    return {"uri": uri, "uriBaseId": SRCROOT} if relative else {"uri": uri}


def _region(where: Span) -> Json:
    """A region from a span (end column exclusive, as SARIF's `endColumn` is)."""
    return {
        "startLine": where.line,
        "startColumn": where.column,
        "endLine": where.end_line,
        "endColumn": where.end_column,
    }


def _location(finding: Finding, where: Span, snippet: str | None) -> Json:
    """The primary location; with the whole source line as context when the caller gave it."""
    physical: Json = {"artifactLocation": _artifact(finding.path), "region": _region(where)}
    if snippet is not None:
        end = where.end_column if where.end_line == where.line else len(snippet.rstrip("\r\n")) + 1
        shown, first = snippet_window(snippet, where.column, end)
        context: Json = {"startLine": where.line}
        if len(shown) < len(snippet.rstrip("\r\n")):  # a window of a long line
            context.update(startColumn=first, endLine=where.line, endColumn=first + len(shown))
        context["snippet"] = _text(shown)
        physical["contextRegion"] = context
    return {"physicalLocation": physical}


def _related(index: int, related: Related) -> Json:
    """A related location, such as where the canonical spelling was seen."""
    end = related.column + max(len(related.found), 1)
    region = Span(related.line, related.column, related.line, end)
    return {
        "id": index,
        "physicalLocation": {
            "artifactLocation": _artifact(related.path),
            "region": _region(region),
        },
        "message": _text(related.found),
    }


def _fix(finding: Finding, where: Span) -> Json:
    """Replace the finding's span with the expected text."""
    return {
        "description": _text(f"Replace with {finding.expected}"),
        "artifactChanges": [
            {
                "artifactLocation": _artifact(finding.path),
                "replacements": [
                    {
                        "deletedRegion": _region(where),
                        "insertedContent": _text(str(finding.expected)),
                    }
                ],
            }
        ],
    }


def _result(
    finding: Finding, report: ReportInput, index: Mapping[str, int], fingerprint: str
) -> Json:
    """One `result`."""
    where = span(finding)
    result: Json = {"ruleId": finding.rule, "ruleIndex": index[finding.rule]}
    result["level"] = LEVEL[finding.severity]
    result["message"] = _text(finding.message)
    snippet = report.snippets.get((finding.path, finding.line))
    result["locations"] = [_location(finding, where, snippet)]
    if finding.related:
        result["relatedLocations"] = [_related(i, r) for i, r in enumerate(finding.related, 1)]
    result["partialFingerprints"] = {FINGERPRINT_KEY: fingerprint}
    if finding.expected is not None:
        result["fixes"] = [_fix(finding, where)]
    properties: Json = {"found": finding.found}
    if finding.expected is not None:
        properties["expected"] = finding.expected
    if finding.entity is not None:
        properties["entity"] = finding.entity
    result["properties"] = properties
    return result


def _notification(error: InputError) -> Json:
    """An input error as an error-level tool execution notification."""
    region: Json = {"startLine": error.line} if error.line else {}
    physical: Json = {"artifactLocation": _artifact(error.path)}
    if region:
        physical["region"] = region
    return {
        "level": "error",
        "message": _text(error.message),
        "locations": [{"physicalLocation": physical}],
    }


def _invocation(report: ReportInput) -> Json:
    """The run's invocation; unsuccessful when some input could not be read."""
    return {
        "executionSuccessful": not report.errors,
        "toolExecutionNotifications": [_notification(e) for e in ordered_errors(report)],
    }


def _original_uri_base_ids(report: ReportInput) -> Json:
    """Where `%SRCROOT%` points: the caller's root URI when given, else only described."""
    base: Json = {"description": _text("The directory translate-kit was run from.")}
    if report.source_root:
        root = report.source_root
        base = {"uri": root if root.endswith("/") else root + "/", **base}
    return {SRCROOT: base}


def document(report: ReportInput) -> Json:
    """The SARIF log as JSON-ready data."""
    descriptors = _descriptors(report)
    index = {str(d["id"]): i for i, d in enumerate(descriptors)}
    fingerprints = finding_fingerprints(report)
    driver: Json = {
        "name": TOOL_NAME,
        "version": report.tool_version,
        "informationUri": INFORMATION_URI,
        "rules": descriptors,
    }
    run: Json = {
        "tool": {"driver": driver},
        "invocations": [_invocation(report)],
        "originalUriBaseIds": _original_uri_base_ids(report),
        "columnKind": "unicodeCodePoints",
        "results": [_result(f, report, index, fingerprints[f]) for f in ordered_findings(report)],
    }
    return {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}


def render(report: ReportInput) -> str:
    """The SARIF log, indented UTF-8 JSON."""
    return json.dumps(document(report), ensure_ascii=False, indent=2) + "\n"
