"""One pass over gettext PO text: the entries as polib reads them, with exact positions.

polib decides what a line means, which line may follow which (its state machine is
reproduced here as a table) and what an entry's flags, comments and header are; the
scanner is stricter about strings and entry structure, names the exact line of a problem
and records for every unescaped character the file offset it came from. A catalog passes
both or is an InputFileError. `segments_of` turns the scanned entries into segments (here,
so that the compiled build runs that loop too).
"""

from __future__ import annotations

import hashlib
import re
import sys
from array import array
from typing import Iterator, NamedTuple, Sequence

import polib

from translate_kit.messages import Message, msg
from translate_kit.model import InputFileError, Segment, new_segment
from translate_kit.sources.registry import Unsplittable

# The escapes polib.unescape() understands; any other backslash stays a literal backslash.
_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "v": "\v", "b": "\b", "f": "\f", "\\": "\\", '"': '"'}
_KEYWORD = re.compile(r"(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)(?=[ \t\"])")
_QUOTE_OR_BACKSLASH = re.compile(r'["\\]')

# polib's state machine. States and symbols: st start, he header comment, tc translator
# comment, gc extracted comment, oc reference, fl flags, pc/pm/pp previous msgctxt/msgid/
# msgid_plural (#|), ct msgctxt, mi msgid, mp msgid_plural, ms msgstr, mx msgstr[n], mc a
# continuation line (which leaves the state as it is). For each symbol: the states it may
# follow; the new state is the symbol, but a translator comment at the start is the header's.
_ALL_STATES = ("st", "he", "gc", "oc", "fl", "ct", "pc", "pm", "pp", "tc", "ms", "mp", "mx", "mi")
_FOLLOWS = {
    "tc": ("gc", "oc", "fl", "tc", "pc", "pm", "pp", "ms", "mp", "mx", "mi"),
    "gc": _ALL_STATES, "oc": _ALL_STATES, "fl": _ALL_STATES, "pc": _ALL_STATES, "pm": _ALL_STATES, "pp": _ALL_STATES,
    "ct": ("st", "he", "gc", "oc", "fl", "tc", "pc", "pm", "pp", "ms", "mx"),
    "mi": ("st", "he", "gc", "oc", "fl", "ct", "tc", "pc", "pm", "pp", "ms", "mx"),
    "mp": ("tc", "gc", "pc", "pm", "pp", "mi"),
    "ms": ("mi", "mp", "tc"),
    "mx": ("mi", "mx", "mp", "tc"),
    "mc": ("ct", "mi", "mp", "ms", "mx", "pm", "pp", "pc"),
}
_NEXT = {(symbol, state): symbol for symbol, states in _FOLLOWS.items() for state in states}
_NEXT.update({("tc", "st"): "he", ("tc", "he"): "he"})
# symbols after which polib starts a new entry when the current one has its msgstr
_STARTS_ENTRY = frozenset({"tc", "gc", "oc", "fl", "pc", "pm", "pp", "ct", "mi"})
_AFTER_MSGSTR = frozenset({"ms", "mx"})
_SYMBOLS = {"msgctxt": "ct", "msgid": "mi", "msgid_plural": "mp", "msgstr": "ms"}
_PREVIOUS = {"msgctxt": "pc", "msgid": "pm", "msgid_plural": "pp"}
# the strings polib alone may change (through #~ and #| lines) that matter here, by state
_TRACKED = {"ct": "msgctxt", "mi": "msgid", "ms": "msgstr"}
_UNESCAPED_QUOTE = re.compile(r'([^\\]|^)"')
# an entry's (msgctxt or None, msgid, where its msgid is: a line or a file offset)
Definition = tuple[str | None, str, int]

# Where the scanner is in an entry's live lines. `_ODD` is a msgid_plural without a msgid
# (polib allows one after a comment; the entry cannot end well).
_CLOSED, _CONTEXT, _MSGID, _PLURAL, _ODD, _MSGSTR, _MSGSTRS = range(7)
_PHASES = {"msgctxt": _CONTEXT, "msgid": _MSGID, "msgid_plural": _PLURAL, "msgstr": _MSGSTR}
# Keyword lines written the usual way (one space, then the quote): keyword -> (symbol, key
# in PoEntry.fields, plural index or -1)
_USUAL = {keyword: (symbol, keyword, -1) for keyword, symbol in _SYMBOLS.items()}
_USUAL.update({f"msgstr[{n}]": ("mx", f"msgstr[{n}]", n) for n in range(100)})


def _usual_steps() -> dict[tuple[str, int, str], tuple[int, bool, bool]]:
    """(symbol, phase, polib state) -> (next phase, whether polib starts a new entry,
    whether the scanner does) for every keyword both readers accept there; anything else
    takes the careful path."""
    steps = {}
    for symbol, phase in (("ct", _CONTEXT), ("mi", _MSGID)):
        for state in _FOLLOWS[symbol]:
            for before in (_CLOSED, _MSGSTR, _MSGSTRS):
                steps[(symbol, before, state)] = (phase, state in _AFTER_MSGSTR, True)
    for state in _FOLLOWS["mi"]:
        steps[("mi", _CONTEXT, state)] = (_MSGID, False, False)
    for state in _FOLLOWS["mp"]:
        steps[("mp", _MSGID, state)] = (_PLURAL, False, False)
    for state in _FOLLOWS["ms"]:
        steps[("ms", _MSGID, state)] = (_MSGSTR, False, False)
    for state in _FOLLOWS["mx"]:
        steps[("mx", _PLURAL, state)] = steps[("mx", _MSGSTRS, state)] = (_MSGSTRS, False, False)
    return steps


_USUAL_STEPS = _usual_steps()


class PoString:
    """One keyword's string: its unescaped pieces, each with the file offset its source
    starts at (an escape's piece starts at its backslash), and where the string ends. A
    string is most often one piece, kept without a list. (A plain class: compiled, its
    constructor is native, where a dataclass's `__init__` stays Python.)"""

    __slots__ = ("line", "first", "start", "rest", "end", "escaped", "first_line", "first_column")

    def __init__(self, line: int) -> None:
        self.line = line  # the keyword's line
        self.first = ""  # the first piece
        self.start = -1  # its file offset; -1 while the string is empty
        self.rest: list[str | int] | None = None  # the other pieces and their offsets: [piece, offset, ...]
        self.end = -1  # offset just after the source of the last character
        self.escaped = False  # some piece came from a line with backslashes
        self.first_line = 0  # line and column of the first character
        self.first_column = 0

    @property
    def text(self) -> str:
        """The unescaped string."""
        rest = self.rest
        return self.first if rest is None else self.first + "".join(rest[0::2])  # type: ignore[arg-type]

    def add(self, piece: str, offset: int, number: int, line_start: int) -> None:
        """Append a piece read at `offset`, on line `number` starting at `line_start`."""
        if self.start < 0:
            self.first, self.start = piece, offset
            self.first_line, self.first_column = number, offset - line_start + 1
        elif self.rest is None:
            self.rest = [piece, offset]
        else:
            self.rest += (piece, offset)

    def offsets(self) -> "array[int] | None":
        """Per-character file offsets plus the end, or None when the string is one
        verbatim slice of the file (a compact array: a large catalog has millions)."""
        rest = self.rest
        if rest is None and not self.escaped:
            return None
        out = array("q", range(self.start, self.start + len(self.first)))
        for i in range(0, len(rest or ()), 2):
            where = rest[i + 1]  # type: ignore[index]
            out.extend(range(where, where + len(rest[i])))  # type: ignore[index, operator, arg-type]
        out.append(self.end)
        return out


class PoEntry:
    """One entry as polib reads it (flags, comments, whether obsolete), with the strings
    of its live keyword lines as the scanner reads them. (A plain class, as PoString.)"""

    __slots__ = ("line", "fields", "plurals", "flags", "tcomment", "comment", "obsolete", "polib_only")

    def __init__(self, line: int) -> None:
        self.line = line  # where it starts
        self.fields: dict[str, PoString] = {}  # msgctxt, msgid, msgid_plural, msgstr or msgstr[n]
        self.plurals = 0  # msgstr[n] lines read
        self.flags: tuple[str, ...] = ()
        self.tcomment = ""  # translator comment (# lines)
        self.comment = ""  # extracted comment (#. lines)
        self.obsolete = False
        # msgctxt, msgid or msgstr as polib alone reads them, when a #~ or #| line set or
        # extended one: (value it set, or None for the live string; text it added; its line)
        self.polib_only: dict[str, tuple[str | None, str, int]] | None = None

    def polib_text(self, name: str) -> str | None:
        """msgctxt, msgid or msgstr as polib reads it (None: no msgctxt)."""
        live = self.fields.get(name)
        value = live.text if live is not None else (None if name == "msgctxt" else "")
        if self.polib_only is not None and name in self.polib_only:
            base, added, _line = self.polib_only[name]
            return (base if base is not None else value or "") + added
        return value


class Catalog(NamedTuple):
    """A scanned catalog: its header fields and its live entries with polib's numbers."""

    metadata: tuple[tuple[str, str], ...]
    entries: list[tuple[int, PoEntry]]
    numbered: int = 0  # entries numbered (obsolete ones too): the next span's first number is this many on
    # (msgctxt, msgid, msgid line) of the live entries, the header too, in order
    definitions: tuple[Definition, ...] = ()


class Span(NamedTuple):
    """A stretch of a catalog's text read apart from the rest (a worker's share): it
    starts at offset `start`, on line `line`, with entry number `entry`, and ends at
    `stop`, where a line starts an entry. The first span holds the header; the last ends
    at the end of the text."""

    start: int
    stop: int
    line: int
    entry: int

    def first(self) -> bool:
        return self.start == 0

    def last(self, text: str) -> bool:
        return self.stop >= len(text)


def scan(text: str, path: str, span: Span | None = None) -> Catalog:
    """Read catalog text (or a span of it) in one pass; a syntax error is an
    InputFileError naming its line, a span that cannot be read apart `Unsplittable`."""
    return _Scanner(text, path, span or Span(0, len(text), 1, 0)).run()


class _Scanner:
    """The line loop: polib's symbols and states, the scanner's strings and structure.

    The scanner's errors are raised at once; polib's (and any place where the two read an
    entry differently) wait for the end, as the scanner's clearer message wins if there
    is one, and polib's reading stops at its first.
    """

    def __init__(self, text: str, path: str, span: Span) -> None:
        self.text = text
        self.path = path
        self.span = span
        self.entries: list[PoEntry] = []  # as polib closes them, obsolete ones included
        self.entry = PoEntry(0)  # polib's current entry
        self.state = "st"  # polib's
        self.polib_error: InputFileError | None = None  # polib's first complaint; it stops reading
        # the first line where polib goes on to read a live entry otherwise than the scanner
        # (an error at the end, unless either of them has one of its own)
        self.divergence: InputFileError | None = None
        self.live: PoEntry | None = None  # the entry whose live lines the scanner is reading
        self.phase = _CLOSED  # where the scanner is in them
        self.field: PoString | None = None  # the string continuation lines extend
        # whether the last non-blank line's first word starts with '#' (None: no such line):
        # polib keeps its last entry only when it does not
        self.last_hash: bool | None = None

    def error(self, message: Message, line: int) -> InputFileError:
        """An input error for this file at `line`."""
        return InputFileError(self.path, message, line)

    def polib_failed(self, line: int, detail: str = "") -> None:
        """polib's complaint about a line (a syntax error): kept for the end, and polib
        reads no further."""
        if self.polib_error is None:
            self.polib_error = self.error(msg("syntax error: {detail}", detail=detail) if detail else msg("syntax error"), line)
            self.state = "--"  # in no transition: every line takes the careful path

    def run(self) -> Catalog:
        """Scan every line (LF-separated, a CR before LF ignored), then pick the header.

        Keyword and string lines written the usual way are read here; anything else goes
        through the careful methods, which decide the same for these and also name errors.
        """
        # lines one at a time: a list of every line of a large catalog was the parse's
        # largest transient (40 MB at 100k entries)
        span = self.span
        lines = _lines(self.text, span.start, span.stop)
        bom = span.start == 0 and self.text.startswith("\ufeff")
        usual, usual_steps = _USUAL, _USUAL_STEPS
        start = span.start
        for number, line in enumerate(lines, span.line):
            line_start = base = start  # where the line starts; where `line` starts
            start += len(line) + 1
            if bom and number == 1:
                line, base = line[1:], 1
            if line and line[-1] == "\r":
                line = line[:-1]
            if not line:
                self._finish()
                continue
            first = line[0]
            if first == "m":
                space = line.find(" ")
                known = usual.get(line[:space]) if space > 0 else None
                if known is not None and line[space + 1 : space + 2] == '"':
                    symbol, key, index = known
                    step = usual_steps.get((symbol, self.phase, self.state))
                    if step is not None and (index < 0 or index == self.entry.plurals) and (step[2] or self.live is self.entry):
                        phase, starts, opens = step
                        if starts:
                            self.entries.append(self.entry)
                            self.entry = PoEntry(number)
                        entry = self.entry
                        if opens:
                            self.live = entry
                            if entry.line == 0:
                                entry.line = number
                        self.phase, self.state, self.last_hash = phase, symbol, False
                        string = self.field = entry.fields[key] = PoString(number)
                        if symbol == "mi":
                            entry.obsolete = False
                        elif index >= 0:
                            entry.plurals += 1
                        if entry.polib_only is not None:
                            entry.polib_only.pop(key, None)
                        quote = space + 1
                        close = line.find('"', quote + 1)
                        if close == len(line) - 1 and line.find("\\", quote + 1, close) == -1:
                            if close > quote + 1:
                                string.first, string.start, string.end = line[quote + 1 : close], base + quote + 1, base + close
                                string.first_line, string.first_column = number, base + quote - line_start + 2
                        else:
                            self._read_string(line, quote, base, line_start, number, string)
                        continue
                self._keyword(line, base, line_start, number, 0)
            elif first == '"':
                extended = self.field
                close = line.find('"', 1)
                if extended is not None and close == len(line) - 1 and line.find("\\", 1, close) == -1:
                    if close > 1:
                        extended.add(line[1:close], base + 1, number, line_start)
                        extended.end = base + close
                    continue
                self._continuation(line, base, line_start, number, 0)
            elif first == "#":
                self._comment(line, number)
            else:
                self._other(line, base, line_start, number)
        self._finish()
        if self.polib_error is not None:
            raise self.polib_error
        if self.divergence is not None:
            raise self.divergence
        if not span.last(self.text):
            # the next span's first line starts an entry, and polib closes this one there
            # only when it has its msgstr
            if self.state not in _AFTER_MSGSTR:
                raise Unsplittable(f"line {number}: a span must end after an entry's msgstr")
            self.entries.append(self.entry)
        elif self.last_hash is False:
            self.entries.append(self.entry)
        return self._catalog()

    def _other(self, line: str, base: int, line_start: int, number: int) -> None:
        """A line that starts with a space or tab, or with anything unexpected."""
        stripped = line.lstrip(" \t")
        if not stripped:
            self._finish()
            return
        indent = len(line) - len(stripped)
        first = stripped[0]
        if first == '"':
            self._continuation(line, base, line_start, number, indent)
        elif first == "#":
            self._comment(stripped, number)
        elif _KEYWORD.match(line, indent):
            self._keyword(line, base, line_start, number, indent)
        else:
            raise self.error(msg("unexpected line: expected a keyword, a comment or a quoted string"), number)

    # --- live lines -----------------------------------------------------------------------

    def _continuation(self, line: str, base: int, line_start: int, number: int, quote: int) -> None:
        """A string line continuing the last keyword's string (polib agrees: its state is
        still that keyword's)."""
        string = self.field
        if string is None:
            raise self.error(msg("string line without a keyword before it"), number)
        self._read_string(line, quote, base, line_start, number, string)

    def _keyword(self, line: str, base: int, line_start: int, number: int, indent: int) -> None:
        """A keyword line: check that it may come here, then read its string."""
        match = _KEYWORD.match(line, indent)
        if match is None:
            raise self.error(msg("unexpected line: expected a keyword, a comment or a quoted string"), number)
        keyword, index = match.group(1), match.group(2)
        key = self._check_structure(keyword, index, number)
        pos = match.end()
        separated = pos < len(line) and line[pos] in " \t"
        while pos < len(line) and line[pos] in " \t":
            pos += 1
        if pos == len(line) or line[pos] != '"':
            raise self.error(msg("expected a quoted string after {keyword}", keyword=keyword), number)
        symbol = "mx" if index is not None else _SYMBOLS[keyword]
        if index is None and not separated:  # polib wants a space after msgid, msgstr, ...
            self.polib_failed(number)
        entry = self._polib_step(symbol, number)
        live = self.live
        if live is None:  # the scanner's new entry is polib's current one (once polib has
            # failed, one of its own: they are no longer compared)
            live = self.live = entry if entry is not None else PoEntry(number)
        if index is not None:
            live.plurals += 1
            self.phase = _MSGSTRS
        elif symbol == "mp" and "msgid" not in live.fields:
            self.phase = _ODD
        else:
            self.phase = _PHASES[keyword]
        if symbol == "mi":
            live.obsolete = False
        if live.polib_only is not None:
            live.polib_only.pop(key, None)
        string = self.field = live.fields[key] = PoString(number)
        self.last_hash = False
        self._read_string(line, pos, base, line_start, number, string)

    def _check_structure(self, keyword: str, index: str | None, number: int) -> str:
        """The scanner's rules for a keyword here (closing the entry a new one follows);
        returns its key in the entry's fields (msgstr[n] with n as counted)."""
        if keyword in ("msgctxt", "msgid") and self.phase >= _MSGSTR:
            self._finish()
        live = self.live
        if self.phase == _CLOSED or live is None:
            if keyword not in ("msgctxt", "msgid"):
                raise self.error(msg("{keyword} without msgid", keyword=keyword), number)
            return keyword
        fields = live.fields
        has_msgstr = self.phase >= _MSGSTR
        if keyword == "msgctxt":
            raise self.error(msg("duplicate msgctxt") if "msgctxt" in fields else msg("msgctxt must come before msgid"), number)
        if keyword == "msgid" and "msgid" in fields:
            raise self.error(msg("msgid without msgstr"), fields["msgid"].line)
        if keyword == "msgid_plural" and ("msgid_plural" in fields or has_msgstr):
            raise self.error(msg("msgid_plural must follow msgid"), number)
        if keyword.startswith("msgstr"):
            if "msgid" not in fields:
                raise self.error(msg("{keyword} without msgid", keyword=keyword), number)
            plural = "msgid_plural" in fields
            if index is None:
                if plural:
                    raise self.error(msg("msgid_plural needs msgstr[0], msgstr[1], ..., not msgstr"), number)
                if has_msgstr:
                    raise self.error(msg("duplicate msgstr"), number)
            else:
                if not plural:
                    raise self.error(msg("{keyword} without msgid_plural", keyword=keyword), number)
                if (index.lstrip("0") or "0") != str(live.plurals):  # compared as digits: int() refuses 4,300 of them
                    message = msg("plural index gap: expected msgstr[{index}], found {keyword}", index=live.plurals, keyword=keyword)
                    raise self.error(message, number)
                return f"msgstr[{live.plurals}]"
        return keyword

    def _finish(self) -> None:
        """A blank line or a comment after a msgstr: the live lines must make an entry."""
        self.field = None
        phase, live = self.phase, self.live
        if phase == _CLOSED or live is None:
            return
        self.phase, self.live = _CLOSED, None
        if phase >= _MSGSTR:
            return
        fields = live.fields
        if "msgid" not in fields:
            raise self.error(msg("msgctxt without msgid"), fields["msgctxt"].line)
        if "msgid_plural" in fields:
            raise self.error(msg("msgid_plural without msgstr[n]"), fields["msgid_plural"].line)
        raise self.error(msg("msgid without msgstr"), fields["msgid"].line)

    def _read_string(self, line: str, quote: int, base: int, line_start: int, number: int, string: PoString) -> None:
        """Unescape the quoted string at `quote`, recording where its characters came from."""
        pos = quote + 1
        close = line.find('"', pos)
        if close != -1 and line.find("\\", pos, close) == -1:  # no escapes: a verbatim slice
            if close > pos:
                string.add(line[pos:close], base + pos, number, line_start)
                string.end = base + close
        else:
            close = self._read_escaped(line, pos, base, line_start, number, string)
        if close + 1 < len(line) and line[close + 1 :].strip(" \t"):
            raise self.error(msg("unexpected text after the closing quote"), number)

    def _read_escaped(self, line: str, pos: int, base: int, line_start: int, number: int, string: PoString) -> int:
        """Read a string with backslashes from `pos`; returns its closing quote's index."""
        run = pos  # start of the verbatim run being read
        while True:
            found = _QUOTE_OR_BACKSLASH.search(line, pos)
            if found is None:
                raise self.error(msg("unterminated string"), number)
            at = found.start()
            if line[at] == "\\":
                if at + 1 == len(line):
                    raise self.error(msg("unterminated string"), number)
                unescaped = _ESCAPES.get(line[at + 1])
                if unescaped is None:  # a literal backslash: part of the run
                    pos = at + 1
                    continue
                if at > run:
                    _add(string, line[run:at], base + run, number, line_start)
                _add(string, unescaped, base + at, number, line_start)
                string.end = base + at + 2
                pos = run = at + 2
                continue
            if at > run:
                _add(string, line[run:at], base + run, number, line_start)
                string.end = base + at
            return at

    # --- comment lines and polib's reading of them ----------------------------------------

    def _comment(self, line: str, number: int) -> None:
        """A line starting with '#': the scanner ends a complete entry; polib reads it."""
        if self.phase >= _MSGSTR:
            self._finish()
        self.field = None
        if self.polib_error is not None:
            return
        mark = line[1:3]
        if (mark == ": " or mark == ", ") and line[3:].strip():  # the usual: references, flags
            self.last_hash = True
            entry: PoEntry | None
            if self.state in _AFTER_MSGSTR and self.phase == _CLOSED:  # the next entry's first line
                self.entries.append(self.entry)
                entry = self.entry = PoEntry(number)
                self.state = "oc" if mark == ": " else "fl"
            else:
                entry = self._polib_step("oc" if mark == ": " else "fl", number)
            if mark == ", " and entry is not None:
                entry.flags += tuple(flag.strip() for flag in line[3:].split(","))
            return
        stripped = line.strip()
        tokens = stripped.split(None, 2)
        head = tokens[0]
        if head == "#~|":  # a previous string of an obsolete entry: polib skips it
            self.last_hash = True
            return
        obsolete = head == "#~" and len(tokens) > 1
        if obsolete:
            stripped = stripped[3:].strip()
            tokens = tokens[1:]
            head = tokens[0]
        self.last_hash = head.startswith("#")
        count = len(tokens)
        if head in _SYMBOLS and count > 1:  # an obsolete entry's keyword
            token = stripped[len(head):].lstrip()
            if _UNESCAPED_QUOTE.search(token[1:-1]):
                self.polib_failed(number, "unescaped double quote found")
            else:
                self._polib_line(_SYMBOLS[head], token, number, obsolete)
        elif head == "#:":
            if count > 1:
                self._polib_line("oc", stripped, number, obsolete)
        elif stripped[:1] == '"':
            if _UNESCAPED_QUOTE.search(stripped[1:-1]):
                self.polib_failed(number, "unescaped double quote found")
            else:
                self._polib_line("mc", stripped, number, obsolete)
        elif stripped[:7] == "msgstr[":
            self._polib_line("mx", stripped, number, obsolete)
        elif head == "#,":
            if count > 1:
                self._polib_line("fl", stripped, number, obsolete)
        elif head == "#" or head.startswith("##"):
            self._polib_line("tc", stripped if stripped != "#" else "# ", number, obsolete)
        elif head == "#.":
            if count > 1:
                self._polib_line("gc", stripped, number, obsolete)
        elif head == "#|":
            self._previous(stripped, tokens, number, obsolete)
        else:
            self.polib_failed(number)

    def _previous(self, stripped: str, tokens: list[str], number: int, obsolete: bool) -> None:
        """A `#|` line: a previous msgctxt, msgid or msgid_plural, or its continuation."""
        if len(tokens) <= 1:
            self.polib_failed(number)
            return
        token = stripped[2:].lstrip()
        if tokens[1].startswith('"'):
            self._polib_line("mc", token, number, obsolete)
        elif len(tokens) == 2:
            self.polib_failed(number, "invalid continuation line")
        elif tokens[1] not in _PREVIOUS:
            self.polib_failed(number, f"unknown keyword {tokens[1]}")
        else:
            self._polib_line(_PREVIOUS[tokens[1]], token[len(tokens[1]):].lstrip(), number, obsolete)

    def _polib_step(self, symbol: str, number: int) -> PoEntry | None:
        """polib's transition on `symbol` (None where it may not come, which is its syntax
        error); a new entry where it starts one. Returns the current entry."""
        state = self.state
        following = _NEXT.get((symbol, state))
        if following is None:
            self.polib_failed(number)
            return None
        if symbol in _STARTS_ENTRY and state in _AFTER_MSGSTR:
            if _CONTEXT <= self.phase < _MSGSTR and self.divergence is None:  # it took an obsolete msgstr for the entry's
                message = msg("an obsolete (#~) msgstr inside the entry above ends it before its own msgstr")
                self.divergence = self.error(message, number)
            self.entries.append(self.entry)
            self.entry = PoEntry(number)
        if symbol != "mc":
            self.state = following
        entry = self.entry
        if entry.line == 0:
            entry.line = number
        return entry

    def _polib_line(self, symbol: str, token: str, number: int, obsolete: bool) -> None:
        """What polib does with a line the scanner does not read (comments, #~ and #|)."""
        state = self.state
        entry = self._polib_step(symbol, number)
        if entry is None:
            return
        if symbol == "tc" and self.state == "tc":  # not the file's header comment
            text = token.lstrip("#")
            text = text[1:] if text.startswith(" ") else text
            entry.tcomment = f"{entry.tcomment}\n{text}" if entry.tcomment != "" else text
        elif symbol == "gc":
            entry.comment = f"{entry.comment}\n{token[3:]}" if entry.comment != "" else token[3:]
        elif symbol == "fl":
            entry.flags += tuple(flag.strip() for flag in token[3:].split(","))
        elif symbol == "mx":
            try:
                int(token[7])
            except (ValueError, IndexError):
                self.polib_failed(number)
        if symbol in _TRACKED:  # #~ msgctxt, msgid, msgstr: polib sets the string
            if symbol == "mi":
                entry.obsolete = obsolete
            self._polib_only(entry, _TRACKED[symbol], polib.unescape(token[1:-1]), number, replace=True)
        elif symbol == "mc" and state in _TRACKED:  # a #~ or #| continuation extends it
            self._polib_only(entry, _TRACKED[state], polib.unescape(token[1:-1]), number, replace=False)

    @staticmethod
    def _polib_only(entry: PoEntry, name: str, value: str, number: int, replace: bool) -> None:
        """Record a string polib reads differently from the scanner."""
        only = entry.polib_only
        if only is None:
            only = entry.polib_only = {}
        if replace:
            only[name] = (value, "", number)
        else:
            base, added, line = only.get(name, (None, "", number))
            only[name] = (base, added + value, line)

    # --- the catalog ----------------------------------------------------------------------

    def _catalog(self) -> Catalog:
        """polib's header (the entry it takes for metadata) and the live entries, numbered
        as polib numbers them; each must be the entry the scanner read."""
        entries = self.entries
        candidates = [e for e in entries if not e.obsolete and _empty_msgid(e)]
        if candidates and not (self.span.first() and (len(candidates) == 1 or self.span.last(self.text))):
            # which one is the header depends on the entries of other spans
            raise Unsplittable(f"line {candidates[-1].line}: an entry with an empty msgid")
        header = _header_entry(candidates)
        definitions = tuple((_context(e), e.fields["msgid"].text, e.fields["msgid"].line)
                            for e in entries if not e.obsolete and "msgid" in e.fields)
        metadata: dict[str, str] = {}
        if header is not None:
            entries.remove(header)
            _read_metadata(header.polib_text("msgstr") or "", metadata)
        live = []
        for number, entry in enumerate(entries, self.span.entry):
            if entry.obsolete:
                continue
            if "msgid" not in entry.fields:
                raise self.error(msg("obsolete entry without msgid"), entry.line)
            if entry.polib_only is not None:
                for name in ("msgctxt", "msgid"):
                    if name in entry.polib_only and entry.polib_text(name) != _live_text(entry, name):
                        line = entry.polib_only[name][2]
                        raise self.error(msg("an obsolete (#~) or previous (#|) line inside an entry changes its {keyword}", keyword=name), line)
            live.append((number, entry))
        return Catalog(tuple(metadata.items()), live, len(entries), definitions)


def _add(string: PoString, piece: str, offset: int, number: int, line_start: int) -> None:
    """Append a piece of a string line that has backslashes (its characters are mapped one
    by one, even when the backslashes stayed as they are)."""
    string.add(piece, offset, number, line_start)
    string.escaped = True


def _live_text(entry: PoEntry, name: str) -> str | None:
    """A live string's text, None when the entry has no such line."""
    string = entry.fields.get(name)
    return string.text if string is not None else None


def _header_entry(empty: list[PoEntry]) -> PoEntry | None:
    """The entry polib takes as the header of the live ones with an empty msgid: the only
    one, or of several the last without msgctxt, else the first."""
    if len(empty) <= 1:
        return empty[0] if empty else None
    without_context = [e for e in empty if not e.polib_text("msgctxt")]
    return without_context[-1] if without_context else empty[0]


def _empty_msgid(entry: PoEntry) -> bool:
    """Whether polib reads the entry's msgid as empty (the live string, unless a #~ or #|
    line changed it)."""
    if entry.polib_only is not None:
        return entry.polib_text("msgid") == ""
    msgid = entry.fields.get("msgid")
    return msgid is None or msgid.start < 0


def _read_metadata(msgstr: str, metadata: dict[str, str]) -> None:
    """The header's `Name: value` lines, as polib reads them (a line without a colon
    continues the previous value)."""
    key = None
    for line in msgstr.splitlines():
        name, colon, value = line.partition(":")
        if colon:
            key = name
            metadata[key] = value.strip()
        elif key is not None:
            metadata[key] += "\n" + line.strip()


def _lines(text: str, start: int, stop: int) -> Iterator[str]:
    """The lines of `text[start:stop]` split at "\n" only (as `str.split("\n")`: a final
    empty line after a last newline included), one at a time."""
    find = text.find
    while True:
        end = find("\n", start, stop)
        if end < 0:
            yield text[start:stop]
            return
        yield text[start:end]
        start = end + 1


# ---------------------------------------------------------------- whole-file problems

# A live entry's msgctxt (its continuation lines, and comment lines it may have before its
# msgid) and msgid (and its continuation lines), laid out as the scanner accepts them.
_DEFINITION = re.compile(r'^\ufeff?[ \t]*(?:msgctxt[ \t]*"(.*)"[ \t]*\r?\n((?:[ \t]*["#].*\n)*?)[ \t]*)?'
                         r'msgid[ \t]*"(.*)"[ \t]*\r?$((?:\n[ \t]*".*)*)', re.MULTILINE)
# A backslash that may start an escape gettext refuses (checked against the backslashes before it)
_ODD_ESCAPE = re.compile(r'\\(?:[^ntrbfva"\\0-7x]|x(?![0-9A-Fa-f])|$)', re.MULTILINE)
_PAIR = re.compile(r"\\(.)")


def odd_escapes(text: str) -> list[tuple[int, Message]]:
    """(line, message) for the first backslash on a string line (live, obsolete or
    previous) that starts no escape gettext knows (\\n \\t \\r \\b \\f \\v \\a \\\\ \\"
    octal \\NNN, hex \\xHH): msgfmt refuses it, polib keeps it as written. Lines are
    counted on from one hit to the next (a file may have many)."""
    found: list[tuple[int, Message]] = []
    number, counted, start = 1, 0, 0  # the line of offset `counted`, and where it starts
    string_line: bool | None = None  # whether that line is a string line (None: not yet asked)
    for match in _ODD_ESCAPE.finditer(text):
        at = match.start()
        newlines = text.count("\n", counted, at)
        counted = at
        if newlines:
            number, start, string_line = number + newlines, text.rfind("\n", 0, at) + 1, None
        elif string_line is False or found and found[-1][0] == number:
            continue  # a comment; one per line
        run = at
        while run > start and text[run - 1] == "\\":
            run -= 1
        if (at - run) % 2:
            continue  # the second of an escaped backslash
        if string_line is None:
            string_line = _string_line(text[start:at])
        if not string_line:
            continue
        sequence = text[at : at + 2].rstrip("\r\n")
        found.append((number, msg("invalid escape sequence '{sequence}' in a string (gettext refuses it; "
                                  "a backslash is written '\\\\')", sequence=sequence)))
    return found


def _string_line(head: str) -> bool:
    """Whether a line that starts with `head` (up to a backslash) is a string line: a
    keyword's or a continuation, possibly obsolete (#~) or previous (#|)."""
    head = head.lstrip(" \t\ufeff")
    if head[:2] in ("#~", "#|"):
        head = head[2:].lstrip("|").lstrip(" \t")
    elif head[:1] == "#":
        return False
    return head[:1] == '"' or head[:3] == "msg" and '"' in head


def duplicates(definitions: Sequence[Definition]) -> list[tuple[int, int]]:
    """(where, where first) for each live definition with the msgctxt and msgid of an
    earlier one: gettext's "duplicate message definition" (polib keeps both)."""
    first: dict[tuple[str | None, str], int] = {}
    found: list[tuple[int, int]] = []
    for context, msgid, where in definitions:
        earlier = first.setdefault((context, msgid), where)
        if earlier != where:
            found.append((where, earlier))
    return found


def duplicate_message(first_line: int) -> Message:
    return msg("duplicate message definition: the same msgctxt and msgid as on line {line}", line=first_line)


def read_definitions(text: str) -> list[Definition]:
    """The (msgctxt, msgid, offset of the msgid's text) of every live entry, the header
    too, read from the text without the scanner (in one regular-expression pass, for a
    catalog whose parts are scanned apart: each part checks that its entries are these)."""
    found: list[Definition] = []
    for match in _DEFINITION.finditer(text):
        context, between, msgid, more = match.groups()
        if between:
            context += "".join(_quoted(line) for line in between.split("\n")[:-1] if line.lstrip(" \t")[:1] == '"')
        if more:
            msgid += "".join(_quoted(line) for line in more.split("\n")[1:])
        found.append((_unescaped(context) if context is not None and "\\" in context else context,
                      _unescaped(msgid) if "\\" in msgid else msgid, match.start(3)))
    return found


def digest(definitions: Sequence[Definition]) -> bytes:
    """A digest of the definitions' msgctxts and msgids in order (not where they are)."""
    joined = "\x00".join(f"\x01{context}\x02{msgid}" if context is not None else msgid for context, msgid, _where in definitions)
    return hashlib.blake2b(joined.encode("utf-8", "surrogatepass"), digest_size=16).digest()


def _quoted(line: str) -> str:
    """The text between the quotes of a string line."""
    return line.strip(" \t\r")[1:-1]


def _unescaped(text: str) -> str:
    """A string's text unescaped as the scanner does (an unknown escape kept as written)."""
    return _PAIR.sub(lambda pair: _ESCAPES.get(pair.group(1), pair.group(0)), text)


# ---------------------------------------------------------------- segments

_SOURCE_KINDS = {"msgid": "msgid", "msgid_plural": "msgid_plural"}


def segments_of(entries: list[tuple[int, PoEntry]], path: str, target: str | None, source_lang: str) -> tuple[Segment, ...]:
    """The msgid/msgid_plural/msgstr segments of scanned entries (emptied on the way)."""
    segments: list[Segment] = []
    entries.reverse()  # taken from the end: the scanned strings are freed as segments replace them
    while entries:
        number, entry = entries.pop()
        flags, msgctxt, comment = entry.flags, _context(entry), _comment(entry)
        for keyword, string in entry.fields.items():
            if keyword == "msgctxt" or string.start < 0:
                continue
            source = _SOURCE_KINDS.get(keyword)
            segments.append(
                new_segment(
                    path,
                    string.text,
                    string.start,
                    string.end,
                    string.first_line,
                    string.first_column,
                    source_lang if source else (target or ""),
                    source or sys.intern(keyword),
                    number,
                    string.offsets(),
                    flags,
                    msgctxt,
                    comment,
                )
            )
    return tuple(segments)


def _context(entry: PoEntry) -> str | None:
    """The entry's msgctxt, None when it has none."""
    string = entry.fields.get("msgctxt")
    return string.text if string is not None else None


def _comment(entry: PoEntry) -> str:
    """The translator's comment, with a `translate-kit: ignore` note extracted from the code
    (`#. …`), so a suppression can come from the source the string was extracted from."""
    note = entry.comment
    if "translate-kit:" not in note:
        return entry.tcomment  # most entries
    return "\n".join(filter(None, (entry.tcomment, note)))
