"""One line per finding, `path:line:col: severity rule message`, for editors' quickfix lists.

Vim's `errorformat`, Emacs' compilation mode and most IDE problem matchers read this
shape; a message's own line breaks are written as a literal `\\n` to keep one per line.
"""

from __future__ import annotations

from translate_kit.messages import ENGLISH, Localizer
from translate_kit.model import Finding, InputError
from translate_kit.report.base import ReportInput, localized_message, ordered_errors, ordered_findings, span

__all__ = ["error_line", "finding_line", "render"]


def _one_line(message: str) -> str:
    """The message with line breaks escaped, so a finding never spans two lines."""
    return "\\n".join(message.splitlines())


def finding_line(finding: Finding, localizer: Localizer = ENGLISH) -> str:
    """`path:line:col: severity rule message`."""
    where = span(finding)
    return (
        f"{finding.path}:{where.line}:{where.column}: "
        f"{finding.severity} {finding.rule} {_one_line(localized_message(finding, localizer))}"
    )


def error_line(error: InputError, localizer: Localizer = ENGLISH) -> str:
    """`path:line: error: message`, or `path: error: message` for a whole-file error."""
    where = f"{error.path}:{error.line}" if error.line else error.path
    return f"{where}: error: {_one_line(error.text(localizer))}"


def render(report: ReportInput) -> str:
    """All findings in file order, then input errors; empty output when there is nothing."""
    lines = [finding_line(f, report.localizer) for f in ordered_findings(report)]
    lines += [error_line(e, report.localizer) for e in ordered_errors(report)]
    return "".join(line + "\n" for line in lines)
