"""What every reporter reads (`ReportInput`) and the helpers they share: ordering,
spans, counts, fingerprints, artifact URIs."""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field
from typing import Callable, Iterable, Mapping
from urllib.parse import quote

from translate_kit.fingerprint import fingerprints as compute_fingerprints
from translate_kit.messages import ENGLISH, Localizer
from translate_kit.model import Finding, InputError, Severity, Summary
from translate_kit.rules.base import Rule

__all__ = [
    "ReportInput",
    "Span",
    "artifact_uri",
    "finding_fingerprints",
    "localized_message",
    "ordered_errors",
    "ordered_findings",
    "severity_counts",
    "span",
    "summary_dict",
]

TOOL_NAME = "translate-kit"


@dataclass(frozen=True)
class ReportInput:
    """Everything a reporter may look at; the caller gathers it, reporters only read it."""

    findings: tuple[Finding, ...]
    errors: tuple[InputError, ...]
    rules: tuple[Rule, ...]
    tool_version: str
    summary: Mapping[str, object] | Summary = field(default_factory=dict)
    snippets: Mapping[tuple[str, int], str] = field(default_factory=dict)
    fingerprints: Mapping[Finding, str] = field(default_factory=dict)
    color: bool = False
    source_root: str | None = None  # absolute file:// URI of the project root, for SARIF
    # the language of messages for people (text, concise, github, junit, codeclimate); JSON
    # and SARIF are read by machines and keep the English `Finding.message`
    localizer: Localizer = ENGLISH

    def __post_init__(self) -> None:
        """Accept any iterables for the sequences but store tuples, so inputs stay immutable."""
        for name in ("findings", "errors", "rules"):
            object.__setattr__(self, name, tuple(getattr(self, name)))


@dataclass(frozen=True)
class Span:
    """A finding's normalised range: 1-based, characters, end column exclusive."""

    line: int
    column: int
    end_line: int
    end_column: int


def span(finding: Finding) -> Span:
    """Repair missing or inverted ends (0 = unknown) so every format gets a usable range."""
    line, column = max(finding.line, 1), max(finding.column, 1)
    end_line = finding.end_line if finding.end_line >= line else line
    end_column = finding.end_column
    if end_line == line and end_column <= column:
        end_column = column + max(len(finding.found), 1) if finding.end_column == 0 else column
    return Span(line, column, end_line, max(end_column, 1))


def localized_message(finding: Finding, localizer: Localizer) -> str:
    """A finding's message in the localizer's language (its English text when the rule
    gave a plain string)."""
    return finding.message if finding.template is None else localizer.text(finding.template)


def ordered_findings(report: ReportInput) -> list[Finding]:
    """Findings in file/position order, with a full tie-break so output is deterministic."""
    return sorted(
        report.findings,
        key=lambda f: (*f.sort_key(), f.end_line, f.end_column, f.message, f.expected or ""),
    )


def ordered_errors(report: ReportInput) -> list[InputError]:
    """Input errors ordered by file, then line (file-level errors first)."""
    return sorted(report.errors, key=lambda e: (e.path, e.line or 0, e.message))


def severity_counts(findings: Iterable[Finding]) -> dict[Severity, int]:
    """How many findings there are of each severity, highest first, zeros included."""
    counts = {severity: 0 for severity in sorted(Severity, reverse=True)}
    for finding in findings:
        counts[finding.severity] += 1
    return counts


def summary_dict(report: ReportInput) -> dict[str, object]:
    """The run summary as JSON data: counts of what is reported, then the caller's other keys.

    Counts of findings and errors are always computed from the report itself, so they agree
    with what is shown (e.g. after baseline filtering); the caller adds files, segments...
    """
    counts = severity_counts(report.findings)
    base: dict[str, object] = {
        "findings": len(report.findings),
        "errors": len(report.errors),
        "by_severity": {str(severity): n for severity, n in counts.items()},
        "files_with_findings": len({f.path for f in report.findings}),
    }
    for key, value in _caller_summary(report.summary).items():
        base.setdefault(key, value)
    return base


def _caller_summary(summary: Mapping[str, object] | Summary) -> dict[str, object]:
    """Flatten a `Summary` (pairs become objects, `extra` merges in) or copy a mapping."""
    if not isinstance(summary, Summary):
        return dict(summary)
    data = {f.name: getattr(summary, f.name) for f in dataclasses.fields(summary)}
    extra = dict(data.pop("extra"))
    data["by_severity"] = dict(data["by_severity"])
    return {**data, **extra}


def finding_fingerprints(report: ReportInput) -> dict[Finding, str]:
    """The caller's fingerprints where given, computed ones (from snippets) for the rest."""
    given = dict(report.fingerprints)
    if all(f in given for f in report.findings):
        return given
    return {**compute_fingerprints(report.findings, report.snippets), **given}


# Characters of a source line shown around a finding: a line of megabytes is shown as a
# window, or a report would hold the whole line once per finding on it.
SNIPPET_CONTEXT = 80


def snippet_window(line: str, column: int, end_column: int) -> tuple[str, int]:
    """The part of `line` shown for a finding at `column`..`end_column` (1-based, end
    exclusive): the whole line when it is short, else the span with SNIPPET_CONTEXT
    characters on each side; and the 1-based column where that part starts."""
    line = line.rstrip("\r\n")
    if len(line) <= 2 * SNIPPET_CONTEXT + max(end_column - column, 0):
        return line, 1
    first = max(1, column - SNIPPET_CONTEXT)
    last = min(len(line) + 1, max(end_column, column + 1) + SNIPPET_CONTEXT)
    return line[first - 1 : last - 1], first


_WINDOWS_DRIVE = re.compile(r"^[A-Za-z]:/")


def artifact_uri(path: str) -> tuple[str, bool]:
    """A percent-encoded POSIX URI for `path`, and whether it is relative to the source root."""
    # a file name that is not valid UTF-8 comes as lone surrogates: quote its bytes (%FF)
    posix = path.replace("\\", "/").encode("utf-8", "surrogateescape")
    while posix.startswith(b"./"):
        posix = posix[2:]
    if _WINDOWS_DRIVE.match(posix.decode("latin-1")):
        return "file:///" + posix[:2].decode("ascii") + quote(posix[2:], safe="/"), False
    if posix.startswith(b"/"):
        return "file://" + quote(posix, safe="/"), False
    return quote(posix, safe="/"), True


Reporter = Callable[[ReportInput], str]
