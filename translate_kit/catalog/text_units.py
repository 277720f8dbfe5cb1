"""Plain text → sentence units: paragraphs (runs of non-blank lines) joined across their
line breaks, then cut into sentences by `segment.split_sentences`."""

from __future__ import annotations

from translate_kit.catalog.units import SENTENCE, Unit, line_join
from translate_kit.model import LineIndex
from translate_kit.segment import split_sentences
from translate_kit.sources import text as plain
from translate_kit.sources.language import detect_language


def text_units(text: str, path: str, lang: str) -> list[Unit]:
    """One unit per sentence; a sentence may run over line breaks, as wrapped prose does."""
    index = LineIndex(text)
    units: list[Unit] = []
    for paragraph in _paragraphs(text, path, lang):
        joined, offsets = _joined(text, paragraph)
        # a paragraph without kana or kanji in a Japanese file (the English original kept
        # beside the translation) is cut where English sentences end
        for a, b in split_sentences(joined, lang if detect_language(joined) == "ja" else "en"):
            start, end = offsets[a], offsets[b - 1] + 1
            units.append(Unit(joined[a:b], path, index.position(start).line, start, end, SENTENCE))
    return units


def _paragraphs(text: str, path: str, lang: str) -> list[list[tuple[int, int]]]:
    """The (start, end) of each non-blank line piece, grouped by paragraph (a blank line
    ends one)."""
    groups: list[list[tuple[int, int]]] = []
    last_line = -2
    for seg in plain.parse(text, path, lang).segments:
        if seg.line > last_line + 1 or not groups:
            groups.append([])
        groups[-1].append((seg.start, seg.end))
        last_line = seg.line
    return groups


def _joined(text: str, pieces: list[tuple[int, int]]) -> tuple[str, list[int]]:
    """The paragraph as one line (`line_join` at each break) and, for each of its
    characters, the document offset it came from (a joining space maps to the break)."""
    out: list[str] = []
    offsets: list[int] = []
    for start, end in pieces:
        piece = text[start:end]
        if out:
            sep = line_join(out[-1], piece)
            out.append(sep)
            offsets.extend([start - 1] * len(sep))
        out.append(piece)
        offsets.extend(range(start, end))
    return "".join(out), offsets
