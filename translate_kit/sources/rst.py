"""reStructuredText loader: prose of paragraphs, section titles, list items, definition and
field lists, block quotes, footnotes, admonitions and table cells, read line by line.

Not docutils: its nodes carry a line but no column and its inline nodes no position at all
(every piece would have to be found again in the file), without Sphinx it reads :ref:,
:doc:, toctree or versionadded as errors and drops their text, and it took 1.9 s of CPU per
MB of a Sphinx project's Japanese documentation (this reader: 0.2). The block grammar is regular
(indentation, adornment lines, explicit markup), so the file is read directly and every
segment is a verbatim slice of it (pieces joined with `char_offsets` across emphasis marks
and escaped spaces, as `日本語\\ **強調**\\ です` is written). Literal blocks, comments,
directive options, code, raw and math directives, substitution definitions, targets and
doctest blocks give no segments; inline literals, roles, interpreted text, substitution
and footnote references, hyperlink URLs and bare URLs are cut out of the prose.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Any, Callable

from translate_kit.limits import MAX_NESTING
from translate_kit.messages import Message, msg
from translate_kit.model import Document, LineIndex, Segment
from translate_kit.sources.text import ignore_directive_flags, stripped_spans, without_urls

_IGNORE = re.compile(r"\.\.[ \t]+translate-kit:\s*ignore\s*(?:\[([^\]]*)\])?\s*")
_DIRECTIVE = re.compile(r"\.\.[ \t]+([A-Za-z0-9][\w.:+-]*?)[ \t]?::(?:[ \t]+|$)")
_TARGET = re.compile(r"\.\.[ \t]+(?:_|\|)")  # `.. _name:` and `.. |name| image::`
_FOOTNOTE = re.compile(r"\.\.[ \t]+\[[^\]\s]+\](?:[ \t]+|$)")
_BULLET = re.compile(r"[-+*\u2022\u2023\u2043](?:[ \t]+|$)")
_ORDINAL = r"(?:\d+|#|[A-Za-z]|[ivxlcdmIVXLCDM]+)"
_ENUMERATOR = re.compile(rf"(?:{_ORDINAL}[.)]|\({_ORDINAL}\))(?:[ \t]+|$)")
_FIELD = re.compile(r":(?![: ])(?:[^:\\\n`]|\\.|:(?![ \t]|$))+?(?<![ \t]):(?:[ \t]+|$)")
_OPTION_WORD = r"(?:--?[A-Za-z0-9][\w-]*|/[A-Za-z0-9]+)(?:[ =](?:<[^<>\n]+>|[A-Za-z][\w.-]*))?"
_OPTION = re.compile(rf"{_OPTION_WORD}(?:, {_OPTION_WORD})*(?:[ \t]{{2,}}|$)")
_LINE_BLOCK = re.compile(r"\|(?:[ \t]+|$)")
_ADORNMENT = re.compile(r"([!-/:-@\[-`{-~])\1*[ \t]*")
_GRID_TOP = re.compile(r"\+-[-+]+-\+[ \t]*")
_SIMPLE_BORDER = re.compile(r"=+(?:[ \t]+=+)+[ \t]*")
_BORDER_LINE = re.compile(r"=+[ =]*")
_SIMPLE_RULE = re.compile(r"[-=]+(?:[ \t]+[-=]+)*[ \t]*")
_CLASSIFIER = re.compile(r"[ \t]+:[ \t]+")
_QUOTED = re.compile(r"[!-/:-@\[-`{-~]")  # a quoted literal block's lines start with punctuation
_WORD = re.compile(r"\S+[ \t]*")
_EQUALS = re.compile(r"=+")
# Inline markup that is cut out of prose (code, references, roles) or whose marks join the
# words around them (emphasis, escapes). Recognized wherever it stands: docutils needs a
# space or punctuation before it, but cutting more code out of prose is the safe side. A
# role's name is bounded as the texts are (`a:b:c:…` unbounded was read to its end from
# every colon: 40,000 of them took 11 s).
_INLINE = re.compile(
    r"(?P<cut>``(?![ \t\n]).{0,2000}?(?<![ \t\n])``"  # inline literal
    r"|:[A-Za-z0-9][\w.:+-]{0,100}:`(?:[^`\\]|\\.){0,2000}`(?:__?)?"  # :role:`text`
    r"|`(?:[^`\\]|\\.){1,2000}`:[A-Za-z0-9][\w.:+-]{0,100}:"  # `text`:role:
    r"|\|(?![ \t\n])[^|\n]{1,200}(?<![ \t\n])\|(?:__?)?"  # |substitution|
    r"|\[(?:#[\w.-]*|\*|[\w.-]+)\]_)"  # [#]_ [1]_ [citation]_
    r"|(?P<ref>_`(?P<target>(?:[^`\\]|\\.){1,2000})`"  # _`inline target`
    r"|`(?P<label>(?:[^`\\<]|\\.){0,2000}?)(?:[ \t\n]*<[^`>]{0,2000}>)?`__?)"  # `text <url>`_, `text`_
    r"|(?P<interpreted>`(?:[^`\\]|\\.){1,2000}`)"  # `interpreted text` (the default role)
    r"|(?P<join>\*\*|\*(?=\S)|(?<=\S)\*|\\[ \t])"  # emphasis marks, an escaped space
    r"|\\(?P<escaped>[^ \t\n])",  # an escape: the backslash joins, the character is text
    re.DOTALL,
)
# Directives whose content is prose (docutils and Sphinx admonitions and containers, and
# the tab and card directives of the common extensions); any other is code or markup.
_PROSE_CONTENT = frozenset(
    "attention caution danger error hint important note tip warning admonition seealso todo "
    "versionadded versionchanged deprecated versionremoved topic sidebar rubric only container "
    "class rst-class compound epigraph highlights pull-quote glossary hlist list-table figure "
    "table centered tabs tab group-tab tab-set tab-item dropdown card grid grid-item grid-item-card "
    "csv-table".split()
)
# Directives whose first line after the `::` is prose too: a title, or (admonitions that
# take no argument) the first words of their body.
_TITLED = frozenset("admonition topic sidebar rubric table list-table csv-table centered tab group-tab tab-item dropdown card grid-item-card".split())
_HEADING_TITLES = frozenset({"topic", "sidebar", "rubric"})
# Sphinx's object descriptions (`.. py:function::`, `.. option::`, `.. envvar::`): a
# signature, then the object's description.
_DESCRIPTION = re.compile(
    r"(?:(?:py|js|c|cpp|rst|std|http):)?(?:function|class|method|attribute|data|exception|module|decorator|"
    r"staticmethod|classmethod|property|type|var|member|macro|struct|enum|enumerator|option|cmdoption|envvar|"
    r"directive|role|describe|object|program|get|post|put|patch|delete)"
)
# Directives that take no argument: text on the first line starts their body.
_NO_ARGUMENT = frozenset(
    "attention caution danger error hint important note tip warning seealso todo glossary hlist compound "
    "epigraph highlights pull-quote tabs tab-set".split()
)
_VERSIONED = frozenset({"versionadded", "versionchanged", "deprecated", "versionremoved"})
_HEADER_OPTION = re.compile(r":header:[ \t]*")


def parse(text: str, path: str, lang: str) -> Document:
    """Parse reStructuredText into heading and prose segments."""
    reader = _Reader(text, _Lines.of(text))
    reader.block(0, len(reader.lines.start), 0, None)
    index = LineIndex(text)
    segments: list[Segment] = []
    for pieces, kind, flags in reader.found:
        start, end = pieces[0][0], pieces[-1][1]
        offsets = None
        if len(pieces) > 1:  # the words around emphasis marks or escapes, without them
            offsets = tuple(i for a, b in pieces for i in range(a, b)) + (end,)
        pos = index.position(start)
        segments.append(Segment(
            path=path, text="".join(text[a:b] for a, b in pieces), start=start, end=end, line=pos.line,
            column=pos.column, lang=lang, kind=kind, char_offsets=offsets, flags=flags,
        ))
    return Document(path=path, text=text, segments=tuple(segments), lang=lang, format="rst", unchecked=tuple(reader.unchecked))


def ignore_flags(comment: str) -> tuple[str, ...] | None:
    """Flags from a `.. translate-kit: ignore[rule-a, rule-b]` comment line, else None."""
    return ignore_directive_flags(_IGNORE.fullmatch(comment.strip()))


@dataclass(frozen=True)
class _Lines:
    """Each line's start, end (before a CR LF or LF), first non-blank offset and indentation
    width (tabs to every eighth column, as docutils reads them)."""

    start: list[int]
    end: list[int]
    text_start: list[int]
    indent: list[int]

    @classmethod
    def of(cls, text: str) -> _Lines:
        start: list[int] = []
        end: list[int] = []
        text_start: list[int] = []
        indent: list[int] = []
        pos = 0
        size = len(text)
        while True:
            newline = text.find("\n", pos)
            stop = size if newline == -1 else newline
            line_end = stop - 1 if stop > pos and text[stop - 1] == "\r" else stop
            first = pos
            while first < line_end and text[first] in " \t\ufeff":
                first += 1
            start.append(pos)
            end.append(line_end)
            text_start.append(first)
            lead = text[pos:first].replace("\ufeff", "")  # a byte order mark takes no column
            indent.append(len(lead.expandtabs(8)))
            if newline == -1:
                break
            pos = newline + 1
        return cls(start, end, text_start, indent)


class _Reader:
    """Walks blocks of lines, recording (pieces, kind, flags) of prose in file order."""

    def __init__(self, text: str, lines: _Lines) -> None:
        self.text = text
        self.lines = lines
        self.found: list[tuple[list[tuple[int, int]], str, tuple[str, ...]]] = []
        self.unchecked: list[tuple[int, Message]] = []
        self.flags: tuple[str, ...] = ()
        self.pending: list[str] = []

    # ------------------------------------------------------------------ lines

    def line(self, i: int, at: int = -1) -> str:
        """Line i's text from its first non-blank character (or from `at`), without the line end."""
        return self.text[self.lines.text_start[i] if at < 0 else at : self.lines.end[i]]

    def _blank(self, i: int) -> bool:
        return self.lines.text_start[i] >= self.lines.end[i]

    def _end_of_indented(self, i: int, hi: int, indent: int) -> int:
        """The first line from i on that is not blank and indented `indent` or less (or hi)."""
        lines = self.lines
        while i < hi and (self._blank(i) or lines.indent[i] > indent):
            i += 1
        return i

    def _trim(self, lo: int, hi: int) -> int:
        """hi moved back over trailing blank lines."""
        while hi > lo and self._blank(hi - 1):
            hi -= 1
        return hi

    def _paragraph_end(self, i: int, hi: int) -> int:
        while i < hi and not self._blank(i):
            i += 1
        return i

    # ------------------------------------------------------------------ blocks

    def block(self, lo: int, hi: int, depth: int, first: int | None, known: bool = False) -> None:
        """Read lines lo..hi as a body of blocks; `first` is where the first line's text
        starts when a marker precedes it (`- `, `:field:`, `.. note::`). The body is indented
        as that text when `known` (a list item, as docutils reads one), else as its further
        lines (a field, a directive)."""
        if depth > MAX_NESTING:
            self.unchecked.append((lo + 1, msg("reStructuredText nested deeper than {levels} levels: this part is not checked", levels=MAX_NESTING)))
            return
        lines = self.lines
        base: int | None = None
        if first is not None:
            if first >= lines.end[lo]:
                lo, first = lo + 1, None  # nothing after the marker
            elif known:
                lead = self.text[lines.start[lo] : first]
                base = len(lead.expandtabs(8)) if "\t" in lead else first - lines.start[lo]
            else:
                # the body's indentation: that of its lines after the marker's line
                following = [lines.indent[k] for k in range(lo + 1, min(hi, lo + 64)) if not self._blank(k)]
                base = min(following) if following else 0
        list_marker: str | None = None  # the kind of list item last read, and its ignore flags
        list_flags: list[str] = []
        i = lo
        while i < hi:
            if self._blank(i) and not (i == lo and first is not None):
                i += 1
                continue
            at = first if i == lo and first is not None else lines.text_start[i]
            column = base if i == lo and first is not None and base is not None else lines.indent[i]
            if base is None:
                base = column
            if column > base:  # a block quote
                end = self._trim(i, self._end_of_indented(i, hi, base))
                self._scoped(self.block, i, end, depth + 1, None)
                i = end
                continue
            s = self.line(i, at)
            if s.startswith("..") and (len(s) == 2 or s[2] in " \t"):
                if not s[2:].strip() and (i + 1 >= hi or self._blank(i + 1)):
                    i += 1  # an empty comment: it ends the block before it and takes no indented text after it
                    continue
                end = self._trim(i, self._end_of_indented(i + 1, hi, column))
                flags = ignore_flags(s) if end == i + 1 else None
                if flags is not None:
                    self.pending.extend(flags)
                else:
                    self._scoped(self._explicit, i, end, s, at, depth)
                i = end
                continue
            end = self._construct_end(i, hi, column, s)
            item = _item_marker(s)
            if item is not None and item == list_marker:
                self.pending = [*list_flags, *self.pending]  # an ignore comment before a list holds for all its items
            list_marker = item
            list_flags = self.pending
            i = self._scoped(self._construct, i, end, hi, s, at, column, depth)

    def _scoped(self, read: Callable[..., object], *args: object) -> Any:
        """`read(*args)` with the flags of an ignore comment that stood before the block."""
        taken, self.pending = self.pending, []
        saved = self.flags
        self.flags = tuple(dict.fromkeys((*saved, *taken)))
        try:
            return read(*args)
        finally:
            self.flags = saved

    def _construct_end(self, i: int, hi: int, column: int, s: str) -> int:
        """Where the block that starts at line i (its text `s`) ends."""
        lines = self.lines
        if (_BULLET.match(s) or _FIELD.match(s) or _OPTION.match(s) or s.startswith("__ ")
                or (_ENUMERATOR.match(s) and self._enumerated(i, hi, column))):
            return self._trim(i, self._end_of_indented(i + 1, hi, column))
        if _SIMPLE_BORDER.fullmatch(s):
            return self._simple_table_end(i, hi)
        if _GRID_TOP.fullmatch(s):
            return self._paragraph_end(i, hi)
        if _is_adornment(s):
            after = self.line(i + 2) if i + 2 < hi else ""
            if i + 2 < hi and not self._blank(i + 1) and _is_adornment(after) and after[0] == s[0]:
                return i + 3  # a title with an overline
            return i + 1  # a transition
        if i + 1 < hi and self._underline(s, self.line(i + 1)):
            return i + 2
        if i + 1 < hi and not self._blank(i + 1) and lines.indent[i + 1] > column and not s.rstrip().endswith("::"):
            return self._trim(i, self._end_of_indented(i + 1, hi, column))  # a definition list item
        return self._paragraph_end(i, hi)

    def _enumerated(self, i: int, hi: int, column: int) -> bool:
        """Whether an enumerator at line i starts a list item: the next line is blank,
        indented, or another item (`A. Einstein was` followed by text is a paragraph)."""
        if i + 1 >= hi or self._blank(i + 1) or self.lines.indent[i + 1] > column:
            return True
        return bool(self.lines.indent[i + 1] == column and _ENUMERATOR.match(self.line(i + 1)))

    def _simple_table_end(self, i: int, hi: int) -> int:
        """The line after a simple table's bottom border, found as docutils does: the second
        border after the top one, or one followed by a blank line. Without one (or after a
        border of another length: malformed), only the top line is the table's: the lines
        after it are read as they stand, not swallowed as cells."""
        top = len(self.line(i).rstrip())
        found = 0
        for k in range(i + 1, hi):
            line = self.line(k).rstrip()
            if line and _BORDER_LINE.fullmatch(line):
                if len(line) != top:
                    break  # docutils: a malformed table
                found += 1
                if found == 2 or k + 1 >= hi or self._blank(k + 1):
                    return k + 1
        return i + 1

    def _construct(self, i: int, end: int, hi: int, s: str, at: int, column: int, depth: int) -> int:
        """Read the block at lines i..end whose first line's text is `s` (from offset
        `at`); return where the next block starts (after a literal block it introduces)."""
        lines = self.lines
        item = _BULLET.match(s)
        if item is None and _ENUMERATOR.match(s) and self._enumerated(i, hi, column):
            item = _ENUMERATOR.match(s)
        if item is not None:  # a list item: its body, indented as its text, the marker left out
            self.block(i, end, depth + 1, at + item.end(), known=True)
            return end
        marker = _FIELD.match(s) or _OPTION.match(s)
        if marker is not None:  # a field or option: its body, the name left out
            self.block(i, end, depth + 1, at + marker.end())
            return end
        if s.startswith("__ ") or s.startswith(">>>") or _is_adornment(s) and end == i + 1:
            return end  # an anonymous target, a doctest block, a transition
        if _LINE_BLOCK.match(s):
            for k in range(i, end):
                if not self._blank(k):
                    start = at if k == i else lines.text_start[k]
                    bar = _LINE_BLOCK.match(self.text, start, lines.end[k])
                    self.prose(bar.end() if bar else start, lines.end[k], "prose")
            return end
        if _GRID_TOP.fullmatch(s):
            self._grid_table(i, end)
            return end
        if _SIMPLE_BORDER.fullmatch(s):
            self._simple_table(i, end, at)
            return end
        if _is_adornment(s):  # overline, title, underline
            self.prose(lines.text_start[i + 1], lines.end[i + 1], "heading")
            return end
        if end == i + 2 and self._underline(s, self.line(i + 1)):
            self.prose(at, lines.end[i], "heading")
            return end
        if end > i + 1 and not self._blank(i + 1) and lines.indent[i + 1] > column and not s.rstrip().endswith("::"):
            classifier = _CLASSIFIER.search(s)  # a definition list item: the term, then its definition
            self.prose(at, at + (classifier.start() if classifier else len(s)), "prose")
            self.block(i + 1, end, depth + 1, None)
            return end
        return self._paragraph(i, end, hi, at, column)

    @staticmethod
    def _underline(title: str, line: str) -> bool:
        """Whether `line` underlines `title` as docutils reads it: one punctuation
        character repeated, four or more, or as wide as the title."""
        if not _is_adornment(line) or _is_adornment(title):
            return False
        mark = line.rstrip()
        return len(mark) >= 4 or len(mark) >= _width(title.rstrip())

    def _paragraph(self, i: int, end: int, hi: int, at: int, column: int) -> int:
        """A paragraph; one that ends with `::` introduces a literal block (the indented
        block after it, or lines quoted with a punctuation mark), which is not prose."""
        lines = self.lines
        stop = lines.end[end - 1]
        last = self.line(end - 1, at if end - 1 == i else -1).rstrip()
        literal = last.endswith("::")
        if literal:
            stop = stop - (len(self.line(end - 1, at if end - 1 == i else -1)) - len(last)) - 2
        k = i
        while k < end:  # a line of punctuation marks inside a paragraph (a short underline) is not prose
            run = k
            while run < end and not _is_adornment(self.line(run)):
                run += 1
            if run > k:
                self.prose(at if k == i else lines.text_start[k], stop if run == end else lines.end[run - 1], "prose")
            k = run + 1
        if not literal:
            return end
        k = end
        while k < hi and self._blank(k):
            k += 1
        if k < hi and lines.indent[k] > column:
            return self._trim(k, self._end_of_indented(k, hi, column))
        if k < hi and lines.indent[k] == column and _QUOTED.match(self.line(k)):
            return self._paragraph_end(k, hi)
        return end

    def _explicit(self, i: int, end: int, s: str, at: int, depth: int) -> None:
        """Explicit markup at lines i..end: a directive, footnote, target or comment."""
        lines = self.lines
        footnote = _FOOTNOTE.match(s)
        if footnote is not None:
            self.block(i, end, depth + 1, at + footnote.end())
            return
        directive = _DIRECTIVE.match(s)
        if directive is None or _TARGET.match(s):
            return  # a comment, a hyperlink target or a substitution definition
        name = directive.group(1).lower()
        if _DESCRIPTION.fullmatch(name):  # `.. py:function:: f(x)`: the signature is code, the description prose
            k = i + 1
            while k < end and not self._blank(k) and not _FIELD.match(self.line(k)):
                k += 1
            self.block(self._options_end(k, end), end, depth + 1, None)
            return
        if name not in _PROSE_CONTENT:
            return  # code, math, raw, toctree, an image, an unknown extension's directive
        arg = at + directive.end()
        k = i + 1
        if name in _NO_ARGUMENT:  # an admonition: the first line's text starts its body
            if k < end and not self._blank(k) and self.line(k).startswith(":"):
                self.prose(arg, lines.end[i], "prose")
                self.block(self._options_end(k, end), end, depth + 1, None)
            else:
                self.block(i, end, depth + 1, arg)
            return
        while k < end and not self._blank(k) and not _FIELD.match(self.line(k)):
            k += 1  # the argument's further lines
        if name in _TITLED:
            self.prose(arg, lines.end[k - 1], "heading" if name in _HEADING_TITLES else "prose")
        elif name in _VERSIONED:  # `.. versionadded:: 2.0 what changed`
            version = _WORD.match(self.text, arg, lines.end[i])
            self.prose(version.end() if version else arg, lines.end[k - 1], "prose")
        if name == "csv-table":
            self._csv_table(k, end)
        else:
            self.block(self._options_end(k, end), end, depth + 1, None)

    def _csv_table(self, k: int, end: int) -> None:
        """The cells of a CSV table: its `:header:` option's and its content's lines, cut at
        commas outside double quotes (a cell's quotes left out; `:file:` tables are not read)."""
        lines = self.lines
        options = self._options_end(k, end)
        for row in range(k, end):
            if self._blank(row):
                continue
            at = lines.text_start[row]
            if row < options:
                header = _HEADER_OPTION.match(self.text, at, lines.end[row])
                if header is None:
                    continue
                at = header.end()
            for a, b in _csv_cells(self.text, at, lines.end[row]):
                self.prose(a, b, "prose")

    def _options_end(self, k: int, end: int) -> int:
        """The line after a directive's options (`:name: value` lines up to a blank line)."""
        return self._paragraph_end(k, end)

    def _grid_table(self, i: int, end: int) -> None:
        """Each cell's text on each row line of a grid table (between `|` bars)."""
        text, lines = self.text, self.lines
        for k in range(i, end):
            a, b = lines.text_start[k], lines.end[k]
            if text.startswith("|", a):
                bar = a
                while bar < b:
                    nxt = text.find("|", bar + 1, b)
                    stop = b if nxt == -1 else nxt
                    self.prose(bar + 1, stop, "prose")
                    bar = stop

    def _simple_table(self, i: int, end: int, at: int) -> None:
        """Each cell's text of a simple table, its columns those of the top border (in
        display width: a wide character takes two columns, as docutils counts)."""
        text, lines = self.text, self.lines
        columns = [m.start() - lines.start[i] for m in _EQUALS.finditer(text, at, lines.end[i])]
        for k in range(i + 1, end):
            if self._blank(k) or _SIMPLE_RULE.fullmatch(self.line(k)):
                continue
            starts = _cuts(text, lines.start[k], lines.end[k], columns)
            for a, b in zip(starts, [*starts[1:], lines.end[k]]):
                self.prose(a, b, "prose")

    def prose(self, start: int, end: int, kind: str) -> None:
        """Record the prose of text[start:end] (one or more lines of one block)."""
        for pieces in _inline_prose(self.text, start, end):
            self.found.append((pieces, kind, self.flags))


def _item_marker(s: str) -> str | None:
    """The kind of list a line's marker opens (`-`, `*`, `1.`, a field), else None."""
    if _FIELD.match(s):
        return ":"
    bullet = _BULLET.match(s)
    if bullet is not None:
        return s[0]
    return "1." if _ENUMERATOR.match(s) else None


def _csv_cells(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The cells of one CSV line text[start:end], each without its quotes."""
    cells: list[tuple[int, int]] = []
    pos = start
    while pos <= end:
        while pos < end and text[pos] in " \t":
            pos += 1
        if pos < end and text[pos] == '"':
            close = pos + 1
            while True:
                close = text.find('"', close, end)
                if close == -1 or not text.startswith('""', close):
                    break
                close += 2
            stop = end if close == -1 else close
            cells.append((pos + 1, stop))
            comma = text.find(",", stop, end)
        else:
            comma = text.find(",", pos, end)
            cells.append((pos, end if comma == -1 else comma))
        if comma == -1:
            break
        pos = comma + 1
    return cells


def _is_adornment(line: str) -> bool:
    """One punctuation character repeated (a title's over- or underline, a transition);
    `::` is a literal block's marker."""
    stripped = line.rstrip()
    return len(stripped) >= 2 and stripped != "::" and _ADORNMENT.fullmatch(stripped) is not None


def _width(text: str) -> int:
    """Display width as docutils counts it: wide and full-width characters take two columns."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _cuts(text: str, start: int, end: int, columns: list[int]) -> list[int]:
    """The offsets in the line text[start:end] where each column after the first begins
    (`columns`: display columns from the line's start)."""
    cuts = [start]
    col = 0
    wanted = columns[1:]
    pos = start
    while pos < end and wanted:
        if col >= wanted[0]:
            cuts.append(pos)
            wanted.pop(0)
            continue
        col += 2 if unicodedata.east_asian_width(text[pos]) in "WF" else 1
        pos += 1
    return cuts


def _inline_prose(src: str, start: int, end: int) -> list[list[tuple[int, int]]]:
    """The prose of src[start:end] as groups of pieces: one group per stretch of a line
    that code, references and line ends do not cut, its pieces the text around emphasis
    marks and escapes."""
    groups: list[list[tuple[int, int]]] = []
    cursor = -1  # where the last piece ended, moved over joining marks right after it

    def text_run(a: int, b: int) -> None:
        nonlocal cursor
        for line_a, line_b in _lines_of(src, a, b):
            for url_a, url_b in without_urls(src, line_a, line_b):
                for s, e in stripped_spans(src, url_a, url_b):
                    if s == cursor and groups:
                        groups[-1].append((s, e))
                    else:
                        groups.append([(s, e)])
                    cursor = e

    pos = start
    for match in _INLINE.finditer(src, start, end):
        if match.start() > pos:
            text_run(pos, match.start())
        if match.lastgroup == "join":
            if match.start() == cursor:
                cursor = match.end()
        elif match.lastgroup == "escaped":  # the backslash joins, the character is text
            if match.start() == cursor:
                cursor = match.start() + 1
            text_run(match.start() + 1, match.end())
        elif match.lastgroup == "ref":
            label_a, label_b = match.span("label") if match.group("label") is not None else match.span("target")
            text_run(label_a, label_b)
            cursor = -1
        else:
            cursor = -1
        pos = match.end()
    if pos < end:
        text_run(pos, end)
    return groups


def _lines_of(src: str, start: int, end: int) -> list[tuple[int, int]]:
    """src[start:end] cut at line ends."""
    out: list[tuple[int, int]] = []
    while start < end:
        newline = src.find("\n", start, end)
        stop = end if newline == -1 else newline
        out.append((start, stop))
        start = stop + 1
    return out
