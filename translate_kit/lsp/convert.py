"""Findings as LSP diagnostics, and back: the only place that knows both shapes."""

from __future__ import annotations

from typing import Callable, Iterable

from lsprotocol import types
from pygls.uris import from_fs_path
from pygls.workspace.position_codec import PositionCodec

from translate_kit.lsp.positions import TextPositions
from translate_kit.messages import ENGLISH, Localizer, msg
from translate_kit.model import Finding, InputError, Severity
from translate_kit.report.base import localized_message
from translate_kit.report.sarif import INFORMATION_URI

SOURCE = "translate-kit"
SEVERITIES = {
    Severity.ERROR: types.DiagnosticSeverity.Error,
    Severity.WARNING: types.DiagnosticSeverity.Warning,
    Severity.INFO: types.DiagnosticSeverity.Information,
}


def rule_docs(rule: str) -> str:
    """Where a rule is explained: the README's rules table (`translate-kit rule ID` says more)."""
    return f"{INFORMATION_URI}#rules"


def uri_of(path: str) -> str:
    """The URI of a corpus path (paths that came from other URI schemes are URIs already)."""
    if "://" in path or path.startswith("untitled:"):
        return path
    return from_fs_path(path) or path


def diagnostic(f: Finding, positions: TextPositions, related_text: Callable[[str], str | None],
               localizer: Localizer = ENGLISH) -> types.Diagnostic:
    """One finding as a diagnostic; `related_text(path)` gives the text of another file of
    the run, so a related place's column is counted in that file's own units."""
    related = []
    for r in f.related:
        text = related_text(r.path)
        if text is None:
            continue
        there = TextPositions(text, positions.codec) if r.path != f.path else positions
        start = there.to_client(r.line, r.column)
        end = there.to_client(r.line, r.column + len(r.found))
        related.append(types.DiagnosticRelatedInformation(
            location=types.Location(uri=uri_of(r.path), range=types.Range(start=start, end=end)),
            message=localizer.text(msg("{found} here", found=r.found)),
        ))
    return types.Diagnostic(
        range=positions.range(f.line, f.column, f.end_line, f.end_column),
        message=localized_message(f, localizer),
        severity=SEVERITIES[f.severity],
        code=f.rule,
        code_description=types.CodeDescription(href=rule_docs(f.rule)),
        source=SOURCE,
        related_information=related or None,
        data={"rule": f.rule, "found": f.found, "expected": f.expected, "entity": f.entity,
              "span": [f.line, f.column, f.end_line, f.end_column]},
    )


def error_diagnostic(error: InputError, positions: TextPositions, localizer: Localizer = ENGLISH) -> types.Diagnostic:
    """A file that cannot be parsed, as one diagnostic on the line it names."""
    line = error.line or 1
    text = positions.line_text(line)
    return types.Diagnostic(
        range=positions.range(line, 1, line, len(text) + 1),
        message=error.text(localizer), severity=types.DiagnosticSeverity.Error, code="input-error", source=SOURCE,
    )


def diagnostics(findings: Iterable[Finding], errors: Iterable[InputError], text: str, codec: PositionCodec,
                related_text: Callable[[str], str | None], localizer: Localizer = ENGLISH) -> list[types.Diagnostic]:
    """The diagnostics of one document, messages in the localizer's language."""
    positions = TextPositions(text, codec)
    out = [error_diagnostic(e, positions, localizer) for e in errors]
    out.extend(diagnostic(f, positions, related_text, localizer) for f in findings)
    return out


def finding_of(path: str, data: object) -> Finding | None:
    """The finding a diagnostic's `data` describes (what a quick fix needs), or None."""
    if not isinstance(data, dict):
        return None
    try:
        line, column, end_line, end_column = (int(v) for v in data["span"])
        return Finding(str(data["rule"]), Severity.WARNING, path, line, column, end_line, end_column, "",
                       str(data["found"]), data.get("expected"), data.get("entity"))
    except (KeyError, TypeError, ValueError):
        return None
