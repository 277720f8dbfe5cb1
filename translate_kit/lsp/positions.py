"""Positions at the protocol's edge: the client counts columns in the negotiated unit
(UTF-16 code units by default), the engine in code points; lines are 0-based out there,
1-based in here."""

from __future__ import annotations

from lsprotocol import types
from pygls.workspace.position_codec import PositionCodec

from translate_kit.model import LineIndex


class TextPositions:
    """Converts between a text's 1-based code-point positions and client positions."""

    def __init__(self, text: str, codec: PositionCodec, index: LineIndex | None = None) -> None:
        self.text = text
        self.codec = codec
        self.index = index or LineIndex(text)

    def line_text(self, line: int) -> str:
        """The 1-based line `line` without its terminator ('' past the end)."""
        if not 1 <= line <= self.index.line_count:
            return ""
        start = self.index.offset(line, 1)
        end = self.text.find("\n", start)
        return self.text[start:] if end < 0 else self.text[start:end]

    def to_client(self, line: int, column: int) -> types.Position:
        """A client position for 1-based (line, column in code points)."""
        units = self.codec.impl.column_from_utf32(self.line_text(line), column - 1)
        return types.Position(line=max(line - 1, 0), character=units)

    def range(self, line: int, column: int, end_line: int, end_column: int) -> types.Range:
        return types.Range(start=self.to_client(line, column), end=self.to_client(end_line, end_column))

    def from_client(self, position: types.Position) -> tuple[int, int]:
        """1-based (line, column in code points) of a client position, clamped to the text."""
        line = min(max(position.line, 0) + 1, self.index.line_count)
        text = self.line_text(line)
        units = self.codec.impl
        column, counted = 0, 0
        while column < len(text) and counted < position.character:
            counted += units.code_units_for_char(text[column])
            column += 1
        return line, column + 1

    def offset(self, position: types.Position) -> int:
        """The code-point offset of a client position."""
        return self.index.offset(*self.from_client(position))
