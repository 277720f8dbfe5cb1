"""Plain-text loader: every non-blank line is one prose segment; and the line and URL
helpers the document loaders (Markdown, reStructuredText) share."""

from __future__ import annotations

import re
from collections.abc import Iterator

from translate_kit.model import Document, Segment

# A line longer than this is cut into several segments at sentence ends, so analysing it
# holds one piece's tokens at a time: memory stays that of the same text in lines.
MAX_SEGMENT_CHARS = 20_000
_SENTENCE_END = re.compile(r"[。！？!?．｡]+[」』）)]*|\.(?=\s)")
# Bare URLs in prose; ASCII only so a URL ends where Japanese text resumes.
URL = re.compile(
    r"(?<![A-Za-z0-9@._-])(?:https?://|www\.)[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]+",
    re.IGNORECASE,
)
_URL_TRAILING = ".,:;!?'\""


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
        for start, end in _pieces(text, line_start, line_end):
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


def _pieces(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """The stripped spans of a line, a very long one cut after the last sentence end before
    MAX_SEGMENT_CHARS (or, with none, at the last space, else at the limit)."""
    for a, b in stripped_spans(text, start, end):
        while b - a > MAX_SEGMENT_CHARS:
            limit = a + MAX_SEGMENT_CHARS
            cut = -1
            for match in _SENTENCE_END.finditer(text, limit - MAX_SEGMENT_CHARS // 4, limit):
                cut = match.end()
            if cut <= a:
                space = max(text.rfind(" ", a, limit), text.rfind("\u3000", a, limit))
                cut = space + 1 if space > a else limit
            piece = text[a:cut]
            kept = piece.rstrip()
            if kept:
                yield a, a + len(kept)
            a = cut
            while a < b and text[a] in " \t\u3000":
                a += 1
        if b > a:
            yield a, b


def ignore_directive_flags(match: "re.Match[str] | None") -> tuple[str, ...] | None:
    """The flags of an ignore comment whose pattern matched (`ignore` alone, or `ignore:rule`
    for each rule its group 1 lists), or None when nothing matched."""
    if match is None:
        return None
    rules = [r.strip() for r in (match.group(1) or "").split(",") if r.strip()]
    return tuple(f"ignore:{r}" for r in rules) if rules else ("ignore",)


def without_urls(src: str, start: int, end: int) -> list[tuple[int, int]]:
    """Split `src[start:end]` around bare URLs (http://, https://, www.)."""
    parts: list[tuple[int, int]] = []
    pos = start
    for match in URL.finditer(src, start, end):
        url_end = _trim_url(src, match.start(), match.end())
        scheme = match.group().lower()
        prefix = 4 if scheme.startswith("www.") else 8 if scheme.startswith("https") else 7
        if url_end - match.start() <= prefix:
            continue
        parts.append((pos, match.start()))
        pos = url_end
    parts.append((pos, end))
    return [(a, b) for a, b in parts if a < b]


def _trim_url(src: str, start: int, end: int) -> int:
    """Drop sentence punctuation and an unbalanced closing parenthesis from a URL's end."""
    while end > start:
        last = src[end - 1]
        if last in _URL_TRAILING:
            end -= 1
        elif last == ")" and src.count("(", start, end) < src.count(")", start, end):
            end -= 1
        else:
            break
    return end
