"""Plain-text loader: every non-blank line is one prose segment."""

from __future__ import annotations

from collections.abc import Iterator

from translate_kit.model import Document, Segment


def stripped_spans(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Yield the non-blank runs of `text[start:end]`, split at stray CRs, whitespace trimmed."""
    piece_start = start
    while piece_start < end:
        cr = text.find("\r", piece_start, end)
        piece_end = end if cr == -1 else cr
        piece = text[piece_start:piece_end]
        kept = piece.strip()
        if kept:
            lead = len(piece) - len(piece.lstrip())
            yield piece_start + lead, piece_start + lead + len(kept)
        piece_start = piece_end + 1


def parse(text: str, path: str, lang: str) -> Document:
    """Split decoded text into one segment per non-blank line (linear in the text size)."""
    segments: list[Segment] = []
    line_no = 1
    line_start = 0
    size = len(text)
    while line_start <= size:
        newline = text.find("\n", line_start)
        line_end = size if newline == -1 else newline
        for start, end in stripped_spans(text, line_start, line_end):
            segments.append(
                Segment(
                    path=path,
                    text=text[start:end],
                    start=start,
                    end=end,
                    line=line_no,
                    column=start - line_start + 1,
                    lang=lang,
                    kind="prose",
                )
            )
        if newline == -1:
            break
        line_start = newline + 1
        line_no += 1
    return Document(path=path, text=text, segments=tuple(segments), lang=lang, format="text")
