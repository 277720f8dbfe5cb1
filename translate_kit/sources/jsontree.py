"""JSON with exact positions: `json` validates, a small scanner records offsets.

The standard decoder decides whether the text is JSON and names the line of an error;
once it is, a scanner walks the text again and returns objects as ordered (key, value)
pairs (duplicate keys kept: a file may have them) and strings as `Text` with the file
offset of every character, escapes (`\\n`, `\\u3042`, surrogate pairs) mapped to where
they are written.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Union

from translate_kit.limits import MAX_NESTING
from translate_kit.messages import msg
from translate_kit.model import InputFileError
from translate_kit.sources.registry import Escape
from translate_kit.sources.units import Text, lone_surrogate

_ESCAPES = {'"': '"', "\\": "\\", "/": "/", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t"}
_WHITESPACE = " \t\r\n"


@dataclass(frozen=True)
class JsonObject:
    """An object's members in file order, keys with their places."""

    members: tuple[tuple[Text, "JsonValue"], ...]
    start: int

    def get(self, key: str) -> "JsonValue | None":
        return next((v for k, v in self.members if k.text == key), None)


@dataclass(frozen=True)
class JsonArray:
    items: tuple["JsonValue", ...]
    start: int


@dataclass(frozen=True)
class JsonScalar:
    """A number, true, false or null, as written."""

    raw: str
    start: int


JsonValue = Union[JsonObject, JsonArray, Text, JsonScalar]


def parse_json(text: str, path: str) -> JsonValue:
    """The value of a JSON file; bad JSON raises a one-line InputFileError with its line."""
    try:
        json.loads(text, parse_int=str)  # only validates: int() refuses numbers past 4,300 digits, which are JSON
    except json.JSONDecodeError as exc:
        raise InputFileError(path, msg("malformed JSON: {reason} (column {column})", reason=exc.msg, column=exc.colno), exc.lineno) from None
    except RecursionError:
        raise InputFileError(path, msg("malformed JSON: nested too deeply"), None) from None
    value, _end = _Scanner(text, path).value(_skip(text, 0))
    return value


def _skip(text: str, pos: int) -> int:
    while pos < len(text) and text[pos] in _WHITESPACE:
        pos += 1
    return pos


class _Scanner:
    """Recursive descent over text `json` has already accepted."""

    def __init__(self, text: str, path: str) -> None:
        self.text = text
        self.path = path

    def value(self, pos: int, depth: int = 0) -> tuple[JsonValue, int]:
        text = self.text
        c = text[pos]
        if c in "{[" and depth >= MAX_NESTING:  # json accepts ~1,000 levels; recursing over them here (and in every walk after) does not
            raise InputFileError(self.path, msg("malformed JSON: nested deeper than {levels} levels", levels=MAX_NESTING),
                                 text.count("\n", 0, pos) + 1)
        if c == "{":
            return self._object(pos, depth)
        if c == "[":
            return self._array(pos, depth)
        if c == '"':
            return self.string(pos)
        end = pos
        while end < len(text) and text[end] not in ",]} \t\r\n":
            end += 1
        return JsonScalar(text[pos:end], pos), end

    def _object(self, start: int, depth: int) -> tuple[JsonObject, int]:
        text = self.text
        members: list[tuple[Text, JsonValue]] = []
        pos = _skip(text, start + 1)
        while text[pos] != "}":
            key, pos = self.string(pos)
            pos = _skip(text, _skip(text, pos) + 1)  # past the colon
            value, pos = self.value(pos, depth + 1)
            members.append((key, value))
            pos = _skip(text, pos)
            if text[pos] == ",":
                pos = _skip(text, pos + 1)
        return JsonObject(tuple(members), start), pos + 1

    def _array(self, start: int, depth: int) -> tuple[JsonArray, int]:
        text = self.text
        items: list[JsonValue] = []
        pos = _skip(text, start + 1)
        while text[pos] != "]":
            value, pos = self.value(pos, depth + 1)
            items.append(value)
            pos = _skip(text, pos)
            if text[pos] == ",":
                pos = _skip(text, pos + 1)
        return JsonArray(tuple(items), start), pos + 1

    def string(self, quote: int) -> tuple[Text, int]:
        """The string at `quote`, unescaped with offsets, and the offset after it."""
        text = self.text
        pos = quote + 1
        close = text.find('"', pos)
        if text.find("\\", pos, close) == -1:
            return Text.verbatim(text[pos:close], pos), close + 1
        chars: list[str] = []
        offsets: list[int] = []
        while text[pos] != '"':
            if text[pos] != "\\":
                chars.append(text[pos])
                offsets.append(pos)
                pos += 1
                continue
            kind = text[pos + 1]
            if kind != "u":
                chars.append(_ESCAPES[kind])
                offsets.append(pos)
                pos += 2
                continue
            code = int(text[pos + 2 : pos + 6], 16)
            width = 6
            if 0xD800 <= code < 0xDC00 and text.startswith("\\u", pos + 6):
                low = int(text[pos + 8 : pos + 12], 16)
                if 0xDC00 <= low < 0xE000:
                    code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                    width = 12
            if 0xD800 <= code < 0xE000:  # json.loads takes it; no text can hold it
                raise InputFileError(self.path, lone_surrogate(text[pos : pos + 6]), text.count("\n", 0, pos) + 1)
            chars.append(chr(code))
            offsets.append(pos)
            pos += width
        offsets.append(pos)
        return Text("".join(chars), tuple(offsets)), pos + 1


def json_escaper(text: str, path: str) -> Escape:
    """How a value is written inside a JSON string: `\\" \\\\ \\n \\uXXXX` escapes, other
    characters as they are unless the whole file is ASCII (written with \\u escapes)."""
    ascii_only = text.isascii()
    return lambda value, offset: json.dumps(value, ensure_ascii=ascii_only)[1:-1]
