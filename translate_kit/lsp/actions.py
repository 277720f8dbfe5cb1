"""Code actions: "Replace with X" for a finding with one expected form, "Fix all in this
file", and "Ignore here" (the format's suppression comment before the entry or block).
Every edit is checked against the buffer as it is now (translate_kit/fix.py): a finding
whose text was edited meanwhile offers nothing rather than a wrong edit."""

from __future__ import annotations

import re

from lsprotocol import types

from translate_kit import fix
from translate_kit.lsp import convert
from translate_kit.lsp.documents import open_document, path_of
from translate_kit.lsp.positions import TextPositions
from translate_kit.lsp.server import TranslateKitServer

FIX_ALL = "source.fixAll.translate-kit"
_PO_DIRECTIVE = re.compile(r"^#\s+translate-kit:\s*ignore\s*(?:\[([^\]]*)\])?\s*$")


def _text_edit(positions: TextPositions, edit: fix.Edit) -> types.TextEdit:
    a = positions.index.position(edit.start)
    b = positions.index.position(edit.end)
    return types.TextEdit(range=positions.range(a.line, a.column, b.line, b.column), new_text=edit.new)


def _action(title: str, kind: str, uri: str, edits: list[types.TextEdit], diagnostics=None, preferred=None) -> types.CodeAction:
    return types.CodeAction(title=title, kind=kind, diagnostics=diagnostics, is_preferred=preferred,
                            edit=types.WorkspaceEdit(changes={uri: edits}))


def _wanted(kind: str, only: list[str] | None) -> bool:
    return not only or any(kind == k or kind.startswith(k + ".") for k in only)


def block_start(lines: list[str], line: int) -> int:
    """The 0-based first line of the block (catalog entry, Markdown block) holding 0-based
    `line`: the line after the nearest blank line above it."""
    while line > 0 and lines[line - 1].strip():
        line -= 1
    return line


def ignore_edit(text: str, fmt: str, line: int, rule: str, positions: TextPositions) -> types.TextEdit | None:
    """The edit that silences `rule` at 1-based `line`: a translator comment on a catalog
    entry (merged into one already there), an HTML comment before a Markdown block, an RST
    comment before a reStructuredText block."""
    lines = text.split("\n")
    first = block_start(lines, min(line, len(lines)) - 1)
    newline = "\r\n" if "\r\n" in text else "\n"
    if fmt == "po":
        last = first
        while last < len(lines) and lines[last].startswith("#"):
            m = _PO_DIRECTIVE.match(lines[last].rstrip("\r"))
            if m is not None:
                if m.group(1) is None:
                    return None  # the whole entry is silenced already
                rules = [r.strip() for r in m.group(1).split(",") if r.strip()]
                merged = ", ".join(dict.fromkeys([*rules, rule]))
                end = len(lines[last].rstrip("\r")) + 1
                return types.TextEdit(range=positions.range(last + 1, 1, last + 1, end),
                                      new_text=f"# translate-kit: ignore[{merged}]")
            last += 1
        comment = f"# translate-kit: ignore[{rule}]"
    elif fmt == "markdown":
        comment = f"<!-- translate-kit: ignore[{rule}] -->"
    elif fmt == "rst":  # indented as the block (inside a list or note), a blank line after it
        indent = lines[first][: len(lines[first]) - len(lines[first].lstrip(" \t"))] if first < len(lines) else ""
        comment = f"{indent}.. translate-kit: ignore[{rule}]{newline}"
    elif fmt in _LINE_COMMENTS:
        # a comment line right above the string's element or key, indented like it (the
        # loader reads it as the entry's note, where a suppression is honoured)
        opener, template = _LINE_COMMENTS[fmt]
        start = _line_above(lines, min(line, len(lines)) - 1, opener)
        if start is None:
            return None
        indent = lines[start][: len(lines[start]) - len(lines[start].lstrip())]
        at = positions.to_client(start + 1, 1)
        return types.TextEdit(range=types.Range(start=at, end=at), new_text=indent + template.format(rule=rule) + newline)
    elif fmt == "xliff" and 'version="1.2"' in text[:2000]:
        # XLIFF 1.2: a <note> after the unit's target (XLIFF 2 keeps notes before its segments)
        for end in range(min(line, len(lines)) - 1, min(len(lines), line + 50)):
            if "</target>" in lines[end] or ("<target" in lines[end] and lines[end].rstrip().endswith("/>")):
                target = next((i for i in range(end, -1, -1) if "<target" in lines[i]), end)
                indent = lines[target][: len(lines[target]) - len(lines[target].lstrip())]
                at = positions.to_client(end + 2, 1) if end + 1 < len(lines) else positions.to_client(end + 1, len(lines[end]) + 1)
                return types.TextEdit(range=types.Range(start=at, end=at),
                                      new_text=f"{indent}<note>translate-kit: ignore[{rule}]</note>{newline}")
        return None
    else:
        return None  # plain text, JSON, TMX: no comment form (use per-file-ignores)
    at = positions.to_client(first + 1, 1)
    return types.TextEdit(range=types.Range(start=at, end=at), new_text=comment + newline)


# format -> (what the line holding an entry starts with, the comment put above it)
_LINE_COMMENTS = {
    "android": (re.compile(r"\s*<(?:string|plurals|string-array)\b"), "<!-- translate-kit: ignore[{rule}] -->"),
    "yaml": (re.compile(r"\s*[^\s#-][^:]*:"), "# translate-kit: ignore[{rule}]"),
    "strings": (re.compile(r'\s*"'), "/* translate-kit: ignore[{rule}] */"),
}


def _line_above(lines: list[str], line: int, opener: re.Pattern[str]) -> int | None:
    """The 0-based line at or above `line` where the entry holding it starts."""
    for i in range(line, max(-1, line - 200), -1):
        if opener.match(lines[i]):
            return i
    return None


def code_actions(server: TranslateKitServer, params: types.CodeActionParams) -> list[types.CodeAction]:
    state = server.state
    uri = params.text_document.uri
    if state is None:
        return []
    doc = open_document(server, uri)
    if doc is None:
        return []
    path = path_of(uri)
    fmt = state.format_of(path, doc.language_id)
    if fmt is None:
        return []
    text = doc.source
    escape = fix.escape_for(text, path, fmt)
    positions = TextPositions(text, server.workspace.position_codec)
    index = positions.index
    only = list(params.context.only) if params.context.only else None
    actions: list[types.CodeAction] = []
    for diag in params.context.diagnostics:
        if diag.source != convert.SOURCE:
            continue
        finding = convert.finding_of(path, diag.data)
        if finding is None:
            continue
        edit = fix.edit_for(text, index, finding, escape)
        if edit is not None and _wanted(types.CodeActionKind.QuickFix, only):
            actions.append(_action(f"Replace with {finding.expected}", types.CodeActionKind.QuickFix, uri,
                                   [_text_edit(positions, edit)], [diag], True))
        ignore = ignore_edit(text, fmt, finding.line, finding.rule, positions)
        if ignore is not None and _wanted(types.CodeActionKind.QuickFix, only):
            actions.append(_action(f"Ignore {finding.rule} here", types.CodeActionKind.QuickFix, uri, [ignore], [diag]))
    if _wanted(FIX_ALL, only) or _wanted(types.CodeActionKind.QuickFix, only):
        edits, _skipped = fix.plan(text, state.findings_for(path), escape, index)
        if edits:
            actions.append(_action(f"Fix all in this file ({len(edits)})", FIX_ALL, uri,
                                   [_text_edit(positions, e) for e in edits]))
    return actions


def register(server: TranslateKitServer) -> None:
    @server.feature(
        types.TEXT_DOCUMENT_CODE_ACTION,
        types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix, FIX_ALL]),
    )
    def code_action(ls: TranslateKitServer, params: types.CodeActionParams) -> list[types.CodeAction]:
        return code_actions(ls, params)
