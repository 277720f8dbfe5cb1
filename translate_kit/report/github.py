"""GitHub Actions workflow commands, which show findings as annotations on the PR diff.

`::error file=…,line=…,col=…,endLine=…,endColumn=…,title=…::message`; warnings become
`::warning`, infos `::notice`. GitHub reads `%`, CR and LF as escapes in the message, and
additionally `:` and `,` in property values, so those are percent-encoded.
"""

from __future__ import annotations

from translate_kit.messages import Localizer
from translate_kit.model import Finding, InputError, Severity
from translate_kit.report.base import ReportInput, localized_message, ordered_errors, ordered_findings, span

__all__ = ["command", "escape_data", "escape_property", "render"]

_COMMAND = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(text: str) -> str:
    """Escape a command's message: `%`, CR and LF (the `%` first, so escapes stay intact)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a property value: as messages, plus `:` and `,` which delimit properties."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(name: str, properties: dict[str, object], message: str) -> str:
    """One `::name k=v,…::message` line with every part escaped."""
    props = ",".join(f"{key}={escape_property(str(value))}" for key, value in properties.items())
    return f"::{name} {props}::{escape_data(message)}"


def _finding(finding: Finding, localizer: Localizer) -> str:
    """An annotation; columns only for single-line spans, since GitHub ignores them otherwise."""
    where = span(finding)
    properties: dict[str, object] = {"file": finding.path, "line": where.line}
    if where.end_line == where.line:
        properties["col"] = where.column
    properties["endLine"] = where.end_line
    if where.end_line == where.line:
        properties["endColumn"] = where.end_column
    properties["title"] = f"translate-kit {finding.rule}"
    message = localized_message(finding, localizer)
    if finding.expected is not None:
        message += f"\nexpected: {finding.expected}"
    return command(_COMMAND[finding.severity], properties, message)


def _error(error: InputError, localizer: Localizer) -> str:
    """An input error as an error annotation on the file (and line, when known)."""
    properties: dict[str, object] = {"file": error.path}
    if error.line:
        properties["line"] = error.line
    properties["title"] = "translate-kit input error"
    return command("error", properties, error.text(localizer))


def render(report: ReportInput) -> str:
    """One command per finding, then per input error; nothing at all for a clean run."""
    lines = [_finding(f, report.localizer) for f in ordered_findings(report)]
    lines += [_error(e, report.localizer) for e in ordered_errors(report)]
    return "".join(line + "\n" for line in lines)
