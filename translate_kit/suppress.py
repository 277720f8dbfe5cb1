"""Suppression comments: findings the author has looked at and silenced in the file.

Catalogs: a translator comment `# translate-kit: ignore` (every rule) or
`# translate-kit: ignore[rule-a, rule-b]` on an entry. Markdown: an HTML comment
`<!-- translate-kit: ignore -->` (or with `[rules]`) before a block; the loader turns it
into segment flags. A suppression covers the lines of the entry or block. Formats without
a comment form are silenced by the config's `per-file-ignores` (glob -> rule ids).
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from typing import Iterable

from translate_kit.globs import compile_glob
from translate_kit.model import Document, Finding, LineIndex

_COMMENT = re.compile(r"translate-kit:\s*ignore\s*(?:\[([^\]]*)\])?")


@dataclass(frozen=True)
class Suppression:
    """Lines [first_line, last_line] of `path` where `rules` (None = all) are silenced."""

    path: str
    first_line: int
    last_line: int
    rules: frozenset[str] | None


def rules_from_comment(comment: str) -> frozenset[str] | None | bool:
    """The rules a translator comment silences: None for all, False when there is no
    directive."""
    m = _COMMENT.search(comment or "")
    if m is None:
        return False
    if m.group(1) is None:
        return None
    return frozenset(r.strip() for r in m.group(1).split(",") if r.strip())


def _rules_from_flags(flags: tuple[str, ...]) -> frozenset[str] | None | bool:
    if "ignore" in flags:
        return None
    named = frozenset(f.split(":", 1)[1] for f in flags if f.startswith("ignore:"))
    return named if named else False


def suppressions(doc: Document, index: LineIndex) -> list[Suppression]:
    """Every suppression a document declares, from PO comments or Markdown flags."""
    by_entry: dict[int, list] = {}
    out: list[Suppression] = []
    for seg in doc.segments:
        rules = rules_from_comment(seg.comment) if seg.entry is not None else _rules_from_flags(seg.flags)
        if rules is False:
            continue
        first = index.position(seg.file_offset(0)).line
        last = index.position(seg.file_offset(len(seg.text))).line
        if seg.entry is not None:
            span = by_entry.setdefault(seg.entry, [first, last, rules])
            span[0], span[1] = min(span[0], first), max(span[1], last)
        else:
            out.append(Suppression(doc.path, first, last, rules))
    for first, last, rules in by_entry.values():
        # the entry's msgctxt/msgid keyword lines come just before its first string
        out.append(Suppression(doc.path, max(1, first - 1), last, rules))
    return out


def apply(findings: Iterable[Finding], rules_suppressed: Iterable[Suppression], aliases: dict[str, str] | None = None) -> list[Finding]:
    """Drop the findings a suppression covers."""
    by_path: dict[str, list[Suppression]] = {}
    for s in rules_suppressed:
        by_path.setdefault(s.path, []).append(s)
    aliases = aliases or {}
    kept = []
    for f in findings:
        silenced = False
        for s in by_path.get(f.path, ()):
            if s.first_line <= f.line <= s.last_line and (
                s.rules is None or f.rule in s.rules or any(aliases.get(r) == f.rule for r in s.rules)
            ):
                silenced = True
                break
        if not silenced:
            kept.append(f)
    return kept


def apply_per_file(findings: Iterable[Finding], ignores: Iterable[tuple[str, str, frozenset[str]]],
                   aliases: dict[str, str] | None = None) -> list[Finding]:
    """Drop findings of the rules the config's `per-file-ignores` silences in their file:
    each entry is (config directory, a glob over the POSIX path relative to it, rule ids)."""
    compiled = [(root, compile_glob(pattern), {(aliases or {}).get(r, r) for r in rules}) for root, pattern, rules in ignores]
    if not compiled:
        return list(findings)
    silenced: dict[str, set[str]] = {}
    kept = []
    for f in findings:
        rules = silenced.get(f.path)
        if rules is None:
            rules = silenced[f.path] = set()
            for root, rx, ids in compiled:
                rel = os.path.relpath(os.path.abspath(f.path), root).replace(os.sep, "/")
                if not rel.startswith("../") and rx.match(rel):
                    rules |= ids
        if f.rule not in rules:
            kept.append(f)
    return kept
