"""Markdown → units: one per paragraph, heading, list item paragraph, table cell, and
the alt text of images that stand alone; inline markup stays in the msgid as written.

markdown-it (the parser the Markdown loader uses, configured the same way) finds the
blocks; each block's lines are then located in the source, so a unit is a verbatim slice
of the document (soft line breaks joined) and its translation goes back to the same
offsets. Code blocks, HTML blocks and front matter (except chosen keys) give no unit.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Sequence

from markdown_it.token import Token

from translate_kit.catalog.front_matter import front_matter_units
from translate_kit.catalog.units import HEADING, IMAGE_ALT, PARAGRAPH, TABLE_CELL, Unit, line_join
from translate_kit.model import LineIndex
from translate_kit.sources.markdown import _blank_front_matter, _line_starts, _normalize_newlines, _parser
from translate_kit.sources.text import URL as _URL

# `<!-- translate-kit: msgctxt NAME -->` before a block: its units get that msgctxt, for
# the rare text that must be translated two ways (the same word as a verb and a noun).
_CONTEXT = re.compile(r"<!--\s*translate-kit:\s*msgctxt\s+(.+?)\s*-->")
_IMAGE_ONLY = frozenset({"image", "softbreak", "link_open", "link_close"})


def markdown_units(text: str, path: str, front_matter_keys: frozenset[str] = frozenset()) -> list[Unit]:
    """The units of a Markdown document, in document order."""
    norm, cuts = _normalize_newlines(text)

    def original(offset: int) -> int:
        return offset + bisect.bisect_left(cuts, offset)

    index = LineIndex(text)
    units = front_matter_units(norm, path, front_matter_keys, index, original)
    walker = _Walker(norm, _line_starts(norm), original, index, path)
    walker.walk(_parser().parse(_blank_front_matter(norm)))
    return units + walker.units


class _Walker:
    """Turns block tokens into units, tracking msgctxt directives and table rows."""

    def __init__(self, src: str, starts: list[int], original: Callable[[int], int], index: LineIndex, path: str) -> None:
        self.src, self.starts, self.original, self.index, self.path = src, starts, original, index, path
        self.units: list[Unit] = []
        self._row: tuple[int, list[tuple[int, int]]] = (-1, [])  # the last table row's line and cells

    def walk(self, tokens: Sequence[Token]) -> None:
        scopes: list[tuple[int, str]] = []  # (level, msgctxt) of blocks under a directive
        pending: str | None = None
        kind, row, cell = PARAGRAPH, None, 0
        for tok in tokens:
            if tok.type == "html_block":
                match = _CONTEXT.fullmatch(tok.content.strip())
                pending = match.group(1) if match else None
                continue
            if tok.nesting == 1:
                if pending is not None:
                    scopes.append((tok.level, pending))
                    pending = None
                if tok.type == "heading_open":
                    kind = HEADING
                elif tok.type == "paragraph_open":
                    kind = PARAGRAPH
                elif tok.type == "tr_open":
                    row, cell = tok.map, 0
                elif tok.type in ("th_open", "td_open"):
                    kind = TABLE_CELL
                continue
            if tok.nesting == -1:
                if scopes and scopes[-1][0] == tok.level:
                    scopes.pop()
                continue
            context = scopes[-1][1] if scopes else pending
            if tok.type != "inline" or tok.map is None:
                pending = None
                continue
            pending = None
            if kind == TABLE_CELL and row is not None:
                self._cell(tok, row[0], cell, context)
                cell += 1
            else:
                self._block(tok, kind, context)

    def _add(self, msgid: str, start: int, end: int, kind: str, context: str | None, **extra: str) -> None:
        a, b = self.original(start), self.original(end)
        self.units.append(Unit(msgid, self.path, self.index.position(a).line, a, b, kind, context, **extra))

    def _block(self, tok: Token, kind: str, context: str | None) -> None:
        """A paragraph or heading: its lines located, joined, or its images' alt texts."""
        spans = self._locate_lines(tok)
        if spans is None:
            return
        children = tok.children or []
        if _images_only(children):
            self._alts(spans[0][0], spans[-1][1], context)
            return
        if not _has_words(children):
            return
        src = self.src
        msgid, hard_break = src[spans[0][0] : spans[0][1]], "\\"
        for (a0, b0), (a1, b1) in zip(spans, spans[1:]):
            before, after = src[a0:b0], src[a1:b1]
            tail = src[b0 : src.find("\n", b0)]
            if before.endswith("\\"):
                msgid += "\n" + after
            elif len(tail) >= 2 and not tail.strip(" "):
                msgid, hard_break = msgid + "\n" + after, "  "
            else:
                msgid += line_join(before, after) + after
        prefix = src[self.starts[self._line_of(spans[1][0])] : spans[1][0]] if len(spans) > 1 else _continuation(
            src[self.starts[self._line_of(spans[0][0])] : spans[0][0]])
        self._add(msgid, spans[0][0], spans[-1][1], kind, context, prefix=prefix, hard_break=hard_break)

    def _line_of(self, offset: int) -> int:
        return bisect.bisect_right(self.starts, offset) - 1

    def _locate_lines(self, tok: Token) -> list[tuple[int, int]] | None:
        """The source span of each line of an inline token's content, or None when one
        cannot be found verbatim (then the block is left out rather than put back wrong)."""
        spans = []
        first = tok.map[0]
        for k, content in enumerate(tok.content.split("\n")):
            if first + k + 1 >= len(self.starts):
                return None
            s, e = self.starts[first + k], self.starts[first + k + 1]
            line = self.src[s:e].rstrip("\n")
            want = content.strip()
            kept = line.rstrip()
            if not want:
                return None
            if kept.endswith(want):
                at = len(kept) - len(want)
            else:
                at = line.find(want)
                if at == -1:
                    return None
            spans.append((s + at, s + at + len(want)))
        return spans

    def _cell(self, tok: Token, line_no: int, number: int, context: str | None) -> None:
        """A table cell: the row's source line cut at unescaped pipes."""
        children = tok.children or []
        if self._row[0] != line_no:  # a row is cut once, not once per cell
            self._row = (line_no, _cells(self.src, self.starts[line_no], self.starts[line_no + 1]))
        cells = self._row[1]
        if number >= len(cells):
            return
        a, b = cells[number]
        if not tok.content or self.src[a:b].replace("\\|", "|") != tok.content:
            return
        if _images_only(children):
            self._alts(a, b, context)
        elif _has_words(children):
            self._add(self.src[a:b], a, b, TABLE_CELL, context)

    def _alts(self, start: int, end: int, context: str | None) -> None:
        """The alt text of each `![alt](src)` between two offsets."""
        src, pos = self.src, start
        while True:
            pos = src.find("![", pos, end)
            if pos == -1:
                return
            close = _label_end(src, pos + 1, end)
            if close == -1:
                return
            a, b = pos + 2, close
            while a < b and src[a].isspace():
                a += 1
            while b > a and src[b - 1].isspace():
                b -= 1
            if a < b and any(c.isalpha() for c in src[a:b]):
                self._add(src[a:b], a, b, IMAGE_ALT, context)
            pos = close + 1


def _continuation(first_prefix: str) -> str:
    """The prefix of a further line of a block that had one line: its container
    markers with list markers turned to spaces (`> - ` → `>   `)."""
    return "".join(c if c in "> \t" else " " for c in first_prefix)


def _cells(src: str, start: int, end: int) -> list[tuple[int, int]]:
    """Trimmed (start, end) of each cell of a table row line, cut at unescaped `|`."""
    bounds, i = [start - 1], start
    line_end = src.find("\n", start, end)
    line_end = end if line_end == -1 else line_end
    while i < line_end:
        if src[i] == "\\":
            i += 2
            continue
        if src[i] == "|":
            bounds.append(i)
        i += 1
    bounds.append(line_end)
    cells = []
    for a, b in zip(bounds, bounds[1:]):
        a += 1
        while a < b and src[a] in " \t":
            a += 1
        while b > a and src[b - 1] in " \t":
            b -= 1
        cells.append((a, b))
    if cells and cells[0][0] == cells[0][1] and src[start:line_end].lstrip().startswith("|"):
        cells = cells[1:]
    if cells and cells[-1][0] == cells[-1][1] and src[start:line_end].rstrip().endswith("|"):
        cells = cells[:-1]
    return cells


def _label_end(src: str, open_bracket: int, end: int) -> int:
    """The offset of the `]` closing the `[` at `open_bracket` (escapes and nesting
    respected), or -1."""
    depth, i = 0, open_bracket
    while i < end:
        c = src[i]
        if c == "\\":
            i += 2
            continue
        if c == "[":
            depth += 1
        elif c == "]":
            depth -= 1
            if depth == 0:
                return i
        i += 1
    return -1


def _images_only(children: Sequence[Token]) -> bool:
    """A block made of images alone (badges, figures): its alt texts are the units."""
    kinds = {c.type for c in children if not (c.type == "text" and not c.content.strip())}
    return "image" in kinds and kinds <= _IMAGE_ONLY


def _has_words(children: Sequence[Token]) -> bool:
    """Whether any text outside code, URLs and autolinks has a letter: a block of code
    spans or bare links has nothing to translate."""
    in_autolink = False
    for child in children:
        if child.type == "link_open":
            in_autolink = child.markup == "autolink"
        elif child.type == "link_close":
            in_autolink = False
        elif child.type == "text" and not in_autolink:
            if any(c.isalpha() for c in _URL.sub("", child.content)):
                return True
        elif child.type == "image" and _has_words(child.children or []):
            return True
    return False
