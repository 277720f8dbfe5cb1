"""The default, human-readable report: findings grouped by file with the source underlined.

Columns are characters, but terminals draw East-Asian wide characters (kanji, kana,
full-width forms, astral ideographs such as 𠮷) two cells wide, so the caret line is laid
out in display cells, not characters.
"""

from __future__ import annotations

import itertools
import unicodedata
from typing import Mapping, TextIO

from translate_kit.messages import Localizer, Message, msg, msg_n
from translate_kit.model import Finding, InputError, Severity
from translate_kit.report.base import (
    ReportInput,
    Span,
    localized_message,
    ordered_errors,
    ordered_findings,
    severity_counts,
    snippet_window,
    span,
    summary_dict,
)

__all__ = ["cell_width", "render", "should_color", "underline"]

TAB_CELLS = 4

_RESET = "\x1b[0m"
_BOLD = "\x1b[1m"
_DIM = "\x1b[2m"
_UNDERLINE = "\x1b[4m"
_GREEN = "\x1b[32m"
_SEVERITY_STYLE = {
    Severity.ERROR: "\x1b[1;31m",
    Severity.WARNING: "\x1b[1;33m",
    Severity.INFO: "\x1b[1;36m",
}


def should_color(stream: TextIO, mode: str = "auto", env: Mapping[str, str] | None = None) -> bool:
    """Decide on ANSI colour: `--color always|never` wins, else NO_COLOR, FORCE_COLOR, a TTY."""
    mode = mode.lower()
    if mode in ("always", "never"):
        return mode == "always"
    if mode != "auto":
        raise ValueError(f"unknown color mode {mode!r} (use auto, always or never)")
    env = env or {}
    if env.get("NO_COLOR"):
        return False
    if env.get("FORCE_COLOR"):
        return True
    if env.get("TERM") == "dumb":
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def cell_width(char: str) -> int:
    """Terminal cells one character takes: 2 for wide/full-width, 0 for combining marks."""
    if char == "\t":
        return TAB_CELLS
    if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def _display(line: str) -> str:
    """The source line as drawn: tabs expanded to match `cell_width`, line break dropped."""
    return line.rstrip("\r\n").replace("\t", " " * TAB_CELLS)


def underline(line: str, start: int, end: int) -> str:
    """Spaces then carets under characters `start`..`end` (1-based, end exclusive) of `line`."""
    line = line.rstrip("\r\n")
    before = line[: start - 1]
    marked = line[start - 1 : end - 1]
    pad = sum(cell_width(c) for c in before) + max(start - 1 - len(line), 0)
    return " " * pad + "^" * max(sum(cell_width(c) for c in marked), 1)


def _paint(text: str, style: str, color: bool) -> str:
    """Wrap `text` in an ANSI style when colour is on."""
    return f"{style}{text}{_RESET}" if color and text else text


def _header(finding: Finding, where: Span, color: bool, text: str) -> str:
    """`path:line:col: severity rule message`, continuation lines of the message indented."""
    location = _paint(f"{finding.path}:{where.line}:{where.column}:", _BOLD, color)
    severity = _paint(str(finding.severity), _SEVERITY_STYLE[finding.severity], color)
    rule = _paint(finding.rule, _DIM, color)
    message = "\n    ".join(text.splitlines() or [""])
    return f"{location} {severity} {rule} {message}"


def _source(finding: Finding, where: Span, snippet: str | None, color: bool) -> list[str]:
    """The finding's source line with a gutter, and the caret line beneath it."""
    if snippet is None:
        return []
    end = where.end_column if where.end_line == where.line else len(snippet.rstrip("\r\n")) + 1
    shown, first = snippet_window(snippet, where.column, end)
    cut_before = "…" if first > 1 else ""
    cut_after = "…" if first - 1 + len(shown) < len(snippet.rstrip("\r\n")) else ""
    gutter = " " * len(str(where.line))
    style = _SEVERITY_STYLE[finding.severity]
    carets = _paint(underline(cut_before + shown, where.column - first + 1 + len(cut_before), end - first + 1 + len(cut_before)), style, color)
    return [
        f" {_paint(str(where.line), _DIM, color)} | {_display(cut_before + shown + cut_after)}".rstrip(),
        f" {gutter} | {carets}",
    ]


def _finding_block(finding: Finding, report: ReportInput) -> list[str]:
    """All lines shown for one finding."""
    where = span(finding)
    lines = [_header(finding, where, report.color, localized_message(finding, report.localizer))]
    snippet = report.snippets.get((finding.path, finding.line))
    lines += _source(finding, where, snippet, report.color)
    if finding.expected is not None:
        label = report.localizer.text(msg("expected:"))
        lines.append(f"  {label} {_paint(finding.expected, _GREEN, report.color)}")
    return lines


def _error_line(error: InputError, color: bool, localizer: Localizer) -> str:
    """`path:line: error: message` (no line part for whole-file errors)."""
    where = f"{error.path}:{error.line}:" if error.line else f"{error.path}:"
    label = _paint(localizer.text(msg("error:")), _SEVERITY_STYLE[Severity.ERROR], color)
    return f"{_paint(where, _BOLD, color)} {label} {error.text(localizer)}"


def _severity_count(count: int, severity: Severity) -> Message:
    """`1 error`, `2 warnings`, `0 infos`."""
    if severity == Severity.ERROR:
        return msg_n("{n} error", "{n} errors", count)
    if severity == Severity.WARNING:
        return msg_n("{n} warning", "{n} warnings", count)
    return msg_n("{n} info", "{n} infos", count)


def _findings(count: int) -> Message:
    return msg_n("{n} finding", "{n} findings", count)


def _files(report: ReportInput) -> Message:
    """`F files` with findings, or `F of C files` when the caller says how many were checked."""
    with_findings = len({f.path for f in report.findings})
    checked = summary_dict(report).get("files")
    if isinstance(checked, int):
        return msg_n("{found} of {n} file", "{found} of {n} files", checked, found=with_findings)
    return msg_n("{n} file", "{n} files", with_findings)


def _summary_line(report: ReportInput) -> str:
    """`N findings (E errors, W warnings, I infos) in F [of C] files[; K input errors]`."""
    counts = severity_counts(report.findings)
    text = report.localizer.text
    by_severity = msg("{errors}, {warnings}, {infos}", errors=_severity_count(counts[Severity.ERROR], Severity.ERROR),
                      warnings=_severity_count(counts[Severity.WARNING], Severity.WARNING),
                      infos=_severity_count(counts[Severity.INFO], Severity.INFO))
    line = text(msg("{findings} ({by_severity}) in {files}", findings=_findings(len(report.findings)),
                    by_severity=by_severity, files=_files(report)))
    if report.errors:
        line = text(msg("{summary}; {errors}", summary=line,
                        errors=msg_n("{n} input error", "{n} input errors", len(report.errors))))
    style = _SEVERITY_STYLE[Severity.ERROR] if counts[Severity.ERROR] or report.errors else _BOLD
    return _paint(line, style, report.color)


def render(report: ReportInput) -> str:
    """Findings grouped under a title per file, then input errors, then the totals line."""
    blocks: list[str] = []
    for path, group in itertools.groupby(ordered_findings(report), key=lambda f: f.path):
        findings = list(group)
        title = f"{path} ({report.localizer.text(_findings(len(findings)))})"
        blocks.append(_paint(title, _BOLD + _UNDERLINE, report.color))
        blocks += ["\n".join(_finding_block(finding, report)) for finding in findings]
    errors = [_error_line(error, report.color, report.localizer) for error in ordered_errors(report)]
    if errors:
        blocks.append("\n".join(errors))
    blocks.append(_summary_line(report))
    return "\n\n".join(blocks) + "\n"
