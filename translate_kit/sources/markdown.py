"""Markdown loader: prose of paragraphs, headings, lists, quotes and tables via markdown-it.

Block tokens carry line ranges but inline tokens do not, so each inline text child is
located in the source by scanning forward from a cursor. Every segment is a verbatim slice
of the file: where markdown-it decoded an escape or entity the text is split around it.
Code, raw HTML, URLs and front matter produce no segments.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence

from markdown_it import MarkdownIt
from markdown_it.helpers import parseLinkDestination, parseLinkTitle
from markdown_it.token import Token

from translate_kit.messages import Message, msg
from translate_kit.model import Document, LineIndex, Segment
from translate_kit.sources.text import ignore_directive_flags, stripped_spans, without_urls as _without_urls

_DIRECTIVE = re.compile(r"<!--\s*translate-kit:\s*ignore\s*(?:\[([^\]]*)\])?\s*-->")
_SPACE = " \t\n"


def parse(text: str, path: str, lang: str) -> Document:
    """Parse Markdown text into heading and prose segments."""
    norm, cuts = _normalize_newlines(text)
    tokens = _parser().parse(_blank_front_matter(norm))
    line_starts = _line_starts(norm)
    index = LineIndex(text)
    segments: list[Segment] = []
    for pieces, kind, flags in _across_emphasis(_prose_spans(tokens, norm, line_starts), norm):
        original = [(a + bisect.bisect_left(cuts, a), b + bisect.bisect_left(cuts, b)) for a, b in pieces]
        orig_start, orig_end = original[0][0], original[-1][1]
        offsets = None
        if len(original) > 1:  # the words around emphasis marks, without the marks
            offsets = tuple(i for a, b in original for i in range(a, b)) + (orig_end,)
        pos = index.position(orig_start)
        segments.append(
            Segment(
                path=path,
                text="".join(text[a:b] for a, b in original),
                start=orig_start,
                end=orig_end,
                line=pos.line,
                column=pos.column,
                lang=lang,
                kind=kind,
                char_offsets=offsets,
                flags=flags,
            )
        )
    return Document(path=path, text=text, segments=tuple(segments), lang=lang, format="markdown",
                    unchecked=_unchecked(tokens, norm))


# markdown-it stops reading blocks nested this deep and drops what follows them; a token
# this close to its limit means some text may have been dropped.
_NESTING_MARGIN = 2
_MAX_NESTING = MarkdownIt("commonmark").options["maxNesting"]


def _unchecked(tokens: Sequence[Token], src: str) -> tuple[tuple[int, Message], ...]:
    """(line, reason) of text markdown-it turns into no prose although it may hold some:
    a code fence or an HTML comment never closed (they run to the end of the file), and
    blocks nested past the parser's depth limit."""
    lines = src.split("\n")
    total = len(lines) - (1 if src.endswith("\n") else 0)
    out: list[tuple[int, Message]] = []
    limit = _MAX_NESTING - _NESTING_MARGIN
    for tok in tokens:
        if tok.level >= limit and tok.map:
            out.append((tok.map[0] + 1, msg("Markdown nested deeper than {levels} levels: the text from here on may not be checked", levels=limit)))
            break
    for tok in tokens:
        if not tok.map or tok.map[1] < total:
            continue
        start = tok.map[0] + 1
        if tok.type == "fence" and not _closes_fence(lines[tok.map[1] - 1] if tok.map[1] - 1 > tok.map[0] else "", tok.markup):
            out.append((start, msg("code fence never closed: the rest of the file is code and is not checked")))
        elif tok.type == "html_block" and tok.content.lstrip().startswith("<!--") and "-->" not in tok.content:
            out.append((start, msg("HTML comment never closed (no -->): the rest of the file is not checked")))
    return tuple(out)


def _closes_fence(line: str, markup: str) -> bool:
    """Whether `line` is a closing fence for an opening `markup` (``` or ~~~, as long or longer)."""
    stripped = line.strip()
    return bool(markup) and len(stripped) >= len(markup) and set(stripped) == {markup[0]} and line[: len(line) - len(line.lstrip())].count(" ") < 4


_EMPHASIS_MARKS = frozenset("*_")


def _across_emphasis(
    spans: list[tuple[int, int, str, tuple[str, ...]]], src: str
) -> list[tuple[list[tuple[int, int]], str, tuple[str, ...]]]:
    """Spans of one block that only emphasis marks separate (`*大い*に`, `**ユーザー**名`)
    joined into one piece of prose: the tokenizer must see the words whole, or 大い alone
    reads as 大きい. Marks of emphasis are never prose themselves."""
    joined: list[tuple[list[tuple[int, int]], str, tuple[str, ...]]] = []
    for start, end, kind, flags in spans:
        if joined:
            pieces, last_kind, last_flags = joined[-1]
            gap = src[pieces[-1][1] : start]
            if gap and (last_kind, last_flags) == (kind, flags) and set(gap) <= _EMPHASIS_MARKS:
                pieces.append((start, end))
                continue
        joined.append(([(start, end)], kind, flags))
    return joined


def ignore_flags(html: str) -> tuple[str, ...] | None:
    """Flags from a `<!-- translate-kit: ignore[rule-a, rule-b] -->` comment, else None."""
    return ignore_directive_flags(_DIRECTIVE.fullmatch(html.strip()))


def _parser() -> MarkdownIt:
    """A fresh CommonMark parser with tables; text_join off keeps escapes as separate tokens."""
    md = MarkdownIt("commonmark").enable("table")
    md.disable("text_join", ignoreInvalid=True)
    return md


def _normalize_newlines(text: str) -> tuple[str, list[int]]:
    """Replace CRLF and lone CR by LF as markdown-it does; return where CRs were removed.

    The returned list holds, for each removed CR, the normalized offset of its LF, so a
    normalized offset `p` of a non-newline character maps back to `p + bisect_left(cuts, p)`.
    """
    if "\r" not in text:
        return text, []
    cuts: list[int] = []
    removed = 0
    pos = text.find("\r\n")
    while pos != -1:
        cuts.append(pos - removed)
        removed += 1
        pos = text.find("\r\n", pos + 2)
    return text.replace("\r\n", "\n").replace("\r", "\n"), cuts


def _line_starts(text: str) -> list[int]:
    """Offsets where each line of normalized text starts, plus a final end-of-text entry."""
    starts = [0]
    pos = text.find("\n")
    while pos != -1:
        starts.append(pos + 1)
        pos = text.find("\n", pos + 1)
    starts.append(len(text))
    return starts


def _blank_front_matter(text: str) -> str:
    """Turn a leading front-matter block (`front_matter_end`) into spaces, keeping every offset."""
    end = front_matter_end(text)
    if not end:
        return text
    return "".join(c if c == "\n" else " " for c in text[:end]) + text[end:]


# a YAML key, the first line of front matter that does not parse (a title with a colon)
_YAML_KEY = re.compile(r"[A-Za-z0-9_][\w-]*[ \t]*:(?:[ \t]|$)")


def front_matter_end(text: str) -> int:
    """The offset just after a leading `---` … `---` (or `...`) block's closing line when
    the block is YAML front matter, else 0. Line ends are LF. A block that is blank or reads
    as a YAML mapping is front matter; one that does not parse is when its first line that
    is not blank or a comment is a `key:`. A document that opens and closes with a thematic
    break (`---`) has Markdown between them, which reads as a string, or as nothing but
    comments when it holds only headings."""
    first_end = text.find("\n")
    if first_end == -1 or text[:first_end].rstrip() != "---":
        return 0
    pos = first_end + 1
    while pos < len(text):
        nl = text.find("\n", pos)
        line_end = len(text) if nl == -1 else nl
        if text[pos:line_end].rstrip() in ("---", "..."):
            return line_end if _is_yaml_mapping(text[first_end + 1:pos]) else 0
        if nl == -1:
            break
        pos = nl + 1
    return 0


def _is_yaml_mapping(block: str) -> bool:
    import yaml  # only for documents that open with `---`

    try:
        data = yaml.safe_load(block)
    except (yaml.YAMLError, RecursionError):  # flow collections nested thousands deep: PyYAML's parser recurses
        meaningful = [line for line in block.split("\n") if line.strip() and not line.lstrip().startswith("#")]
        return bool(meaningful) and _YAML_KEY.match(meaningful[0]) is not None
    return isinstance(data, dict) or not block.strip()


def _prose_spans(
    tokens: Sequence[Token], src: str, line_starts: list[int]
) -> list[tuple[int, int, str, tuple[str, ...]]]:
    """Walk block tokens; return (start, end, kind, flags) spans of prose in `src`."""
    spans: list[tuple[int, int, str, tuple[str, ...]]] = []
    scopes: list[tuple[int, tuple[str, ...]]] = []  # (block level, flags) of ignored blocks
    pending: list[str] = []
    kind = "prose"
    cursor = 0
    for tok in tokens:
        if tok.type == "html_block":
            directive = ignore_flags(tok.content)
            if directive is not None:
                pending.extend(directive)
            else:
                pending = []
            continue
        if tok.nesting == 1:
            if pending:
                scopes.append((tok.level, tuple(dict.fromkeys(pending))))
                pending = []
            if tok.type == "heading_open":
                kind = "heading"
            elif tok.type in ("paragraph_open", "th_open", "td_open"):
                kind = "prose"
            continue
        if tok.nesting == -1:
            if scopes and scopes[-1][0] == tok.level:
                scopes.pop()
            continue
        if tok.type != "inline" or tok.map is None:
            pending = []  # a code block, rule or other leaf block takes the directive
            continue
        first, last = tok.map
        locator = _InlineLocator(src, max(cursor, line_starts[first]), line_starts[last])
        locator.walk(tok.children or [])
        cursor = locator.cursor
        flags = tuple(dict.fromkeys(f for _level, fs in scopes for f in fs))
        for start, end in _merge(locator.pieces):
            for a, b in _without_urls(src, start, end):
                for s, e in stripped_spans(src, a, b):
                    spans.append((s, e, kind, flags))
    return spans


def _merge(pieces: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Join pieces that touch in the source (still a verbatim slice)."""
    merged: list[tuple[int, int]] = []
    for start, end in pieces:
        if merged and merged[-1][1] == start:
            merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


class _InlineLocator:
    """Finds inline text children of one block in the source, moving a cursor forward."""

    def __init__(self, src: str, cursor: int, limit: int) -> None:
        self.src = src
        self.cursor = cursor
        self.limit = limit
        self.pieces: list[tuple[int, int]] = []

    def walk(self, children: Sequence[Token]) -> None:
        """Record verbatim text of `children`; step over code, HTML, autolinks and URLs."""
        in_autolink = False
        for child in children:
            kind = child.type
            if kind == "link_open" and child.markup == "autolink":
                in_autolink = True
                self._skip_delimited("<", ">")
            elif kind == "link_close" and in_autolink:
                in_autolink = False
            elif in_autolink:
                continue
            elif kind == "text":
                self._text(child.content)
            elif kind == "text_special":
                if child.content == child.markup:  # a backslash that escapes nothing
                    self._text(child.content)
                else:
                    self._skip_literal(child.markup)
            elif kind == "code_inline":
                self._skip_code(len(child.markup))
            elif kind == "html_inline":
                self._skip_literal(child.content)
            elif kind == "image":
                self.walk(child.children or [])
                self._skip_link_tail()
            elif kind == "link_close":
                self._skip_link_tail()

    def _text(self, content: str) -> None:
        """Locate a text child; if the table rule unescaped `\\|`, locate the parts between."""
        if not content:
            return
        found = self.src.find(content, self.cursor, self.limit)
        if found != -1:
            self._add(found, found + len(content))
            return
        parts = content.split("|")
        if len(parts) == 1:
            return
        for i, part in enumerate(parts):
            if part:
                found = self.src.find(part, self.cursor, self.limit)
                if found == -1:
                    return
                self._add(found, found + len(part))
            if i < len(parts) - 1:
                pipe = self.src.find("\\|", self.cursor, self.limit)
                if pipe == -1:
                    return
                self.cursor = pipe + 2

    def _add(self, start: int, end: int) -> None:
        """Record a verbatim piece and move the cursor past it."""
        if start < end:
            self.pieces.append((start, end))
        self.cursor = end

    def _skip_literal(self, literal: str) -> None:
        """Move past the next occurrence of source text that is not prose (HTML, escapes)."""
        found = self.src.find(literal, self.cursor, self.limit) if literal else -1
        if found != -1:
            self.cursor = found + len(literal)

    def _skip_delimited(self, open_: str, close: str) -> None:
        """Move past the next `open_ ... close` run, such as an autolink's `<...>`."""
        start = self.src.find(open_, self.cursor, self.limit)
        if start != -1:
            end = self.src.find(close, start + 1, self.limit)
            if end != -1:
                self.cursor = end + 1

    def _skip_code(self, ticks: int) -> None:
        """Move past a code span delimited by backtick runs of exactly `ticks`."""
        opener = self._backtick_run(self.cursor, ticks)
        if opener != -1:
            closer = self._backtick_run(opener, ticks)
            if closer != -1:
                self.cursor = closer

    def _backtick_run(self, pos: int, ticks: int) -> int:
        """End offset of the first run of exactly `ticks` backticks at or after `pos`, or -1."""
        src, limit = self.src, self.limit
        start = src.find("`", pos, limit)
        while start != -1:
            end = start
            while end < limit and src[end] == "`":
                end += 1
            if end - start == ticks:
                return end
            start = src.find("`", end, limit)
        return -1

    def _skip_link_tail(self) -> None:
        """Move past `]` and an inline `(url "title")` or reference `[label]` after link text."""
        src, limit = self.src, self.limit
        close = src.find("]", self.cursor, limit)
        if close == -1:
            return
        pos = close + 1
        self.cursor = pos
        if pos < limit and src[pos] == "[":
            end = src.find("]", pos + 1, limit)
            if end != -1:
                self.cursor = end + 1
            return
        if pos >= limit or src[pos] != "(":
            return
        pos = self._skip_space(pos + 1)
        dest = parseLinkDestination(src, pos, limit)
        if dest.ok:
            pos = after_dest = dest.pos
            pos = self._skip_space(pos)
            title = parseLinkTitle(src, pos, limit)
            if pos != after_dest and title.ok:
                pos = self._skip_space(title.pos)
        if pos < limit and src[pos] == ")":
            self.cursor = pos + 1

    def _skip_space(self, pos: int) -> int:
        """First offset at or after `pos` that is not a space, tab or newline."""
        while pos < self.limit and self.src[pos] in _SPACE:
            pos += 1
        return pos


# ---------------------------------------------------------------- parsing an edited document again

_FENCE = re.compile(r" {0,3}(`{3,}|~{3,})(.*)")
_CLOSING_FENCE = re.compile(r" {0,3}(`{3,}|~{3,})[ \t]*")
# a link reference definition anywhere (in a list or a quote too): it is used document-wide
_REFERENCE_DEFINITION = re.compile(r"\[[^\]\n]+\]:")
# HTML blocks that may span blank lines (CommonMark types 1-5): chunks are not cut there
_LONG_HTML = re.compile(r"^ {0,3}(?:<!--|<\?|<![A-Za-z\[]|<(?:script|pre|style|textarea)\b)", re.IGNORECASE | re.MULTILINE)
_PARAGRAPH_START = re.compile(r"[^\s\-*+>|<`~#\d=_]|#{1,6} |\d+[^\d.)]")


def chunks(text: str) -> list[int]:
    """Offsets where `text` may be cut into pieces that parse exactly as the whole: at a
    blank line outside front matter and fences, after a block that is not HTML (an ignore
    directive belongs to the next block), before a line at column 0 that starts a
    paragraph or an ATX heading (never a list item, quote, table, indented code or HTML).
    No cut at all when the document defines link references (used across pieces) or has
    an HTML block that may span blank lines. Always starts with 0."""
    cuts = [0]
    if _REFERENCE_DEFINITION.search(text) or _LONG_HTML.search(text):
        return cuts
    if text.startswith("---"):
        return cuts  # front matter (which may hold blank lines): parsed whole
    fence: str | None = None
    previous = ""  # the last non-blank line
    blank_before = False
    pos = 0
    length = len(text)
    while pos < length:
        end = text.find("\n", pos)
        line_end = length if end == -1 else end
        line = text[pos:line_end].rstrip("\r")
        if fence is not None:
            closing = _CLOSING_FENCE.fullmatch(line)
            if closing and closing.group(1)[0] == fence[0] and len(closing.group(1)) >= len(fence):
                fence = None
        elif not line.strip(" \t"):
            blank_before = True
        else:
            if blank_before and previous and not previous.lstrip().startswith("<") and _PARAGRAPH_START.match(line):
                cuts.append(pos)
            opened = _FENCE.match(line)
            if opened and not (opened.group(1)[0] == "`" and "`" in opened.group(2)):  # a backtick fence's info has no backtick
                fence = opened.group(1)
            previous = line
            blank_before = False
        if end == -1:
            break
        pos = end + 1
    return cuts


def parse_in_pieces(text: str, path: str, lang: str, memo: dict) -> Document:
    """`parse`, with each piece between `chunks` cuts parsed once and remembered in `memo`
    by its text (offsets relative to the piece): an edited document parses only the piece
    that changed. Gives exactly what `parse` gives (tests compare them on real documents)."""
    cuts = chunks(text)
    if len(cuts) == 1:
        return parse(text, path, lang)
    index = LineIndex(text)
    segments: list[Segment] = []
    unchecked: list = []
    for start, end in zip(cuts, [*cuts[1:], len(text)]):
        piece = text[start:end]
        remembered = memo.get(piece)
        if remembered is None:
            parsed = parse(piece, path, lang)
            remembered = memo[piece] = (parsed.segments, parsed.unchecked)
        found, notes = remembered
        line = index.position(start).line - 1
        unchecked.extend((at + line, reason) for at, reason in notes)
        for s in found:
            offsets = None if s.char_offsets is None else tuple(o + start for o in s.char_offsets)
            segments.append(Segment(
                path=path, text=s.text, start=s.start + start, end=s.end + start, line=s.line + line, column=s.column,
                lang=lang, kind=s.kind, char_offsets=offsets, flags=s.flags,
            ))
    return Document(path=path, text=text, segments=tuple(segments), lang=lang, format="markdown", unchecked=tuple(unchecked))
