"""Sentence segmentation for Japanese and space-delimited languages.

Sentences are returned as (start, end) offsets into the given text, so callers keep exact
positions. Brackets are kept whole: a 。 inside 「…」 or (…) does not end the sentence.
"""

from __future__ import annotations

import re

from translate_kit import langtags
from translate_kit import lexicon

_JA_TERMINATORS = frozenset("。！？!?．")
_OPENERS = {"「": "」", "『": "』", "（": "）", "(": ")", "【": "】", "〔": "〕", "《": "》", "〈": "〉", "［": "］", "[": "]"}
_CLOSERS = frozenset(_OPENERS.values())
_TRAILING = frozenset("」』）)】〕》〉］]\"'”’。！？!?")
_MAX_BRACKET_SPAN = 400  # an unclosed bracket must not swallow a whole document

_EN_BOUNDARY = re.compile(r"[.!?]+[\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9])")
_EN_ABBREVIATIONS = lexicon.words("english-abbreviations")


# After these a sentence starts, in any language of a run (". " for English lines).
_SENTENCE_ENDS = (*_JA_TERMINATORS, "｡", ". ")
LINE_REACH = 2000  # characters searched for a line's ends: never back to the start of a file
# Brackets a gloss or a translated label stands in (not [ ], which Markdown links use).
_GLOSS_OPENERS = "（(「『【［〔"
_GLOSS_CLOSERS = "".join(_OPENERS[c] for c in _GLOSS_OPENERS)


def line_around(text: str, offset: int) -> tuple[int, int]:
    """The start and end of the line holding `offset` (LF, CRLF or CR line ends), looked
    for no further than LINE_REACH either way: per-name or per-segment searches to the
    ends of a file with no line break would be quadratic."""
    high = min(len(text), offset + LINE_REACH)
    ends = [i for i in (text.find("\n", offset, high), text.find("\r", offset, high)) if i != -1]
    return _line_start(text, offset), min(ends, default=high)


def _line_start(text: str, offset: int) -> int:
    low = max(0, offset - LINE_REACH)
    return max(text.rfind("\n", low, offset), text.rfind("\r", low, offset), low - 1) + 1


def sentence_start(text: str, offset: int) -> int:
    """Where the sentence around an offset starts: after the last 。．｡！？, full stop or
    line break before it, in the whole file text, so that a name and its gloss in one
    sentence share it across the pieces a Markdown paragraph is cut into (links, code)."""
    start = _line_start(text, offset)
    for end in _SENTENCE_ENDS:
        found = text.rfind(end, start, offset)
        if found != -1:
            start = found + len(end)
    return start


def in_brackets(text: str, start: int, offset: int) -> bool:
    """Whether an offset lies inside brackets or double quotes opened after `start` (its
    sentence's start): where a gloss or a translated label stands."""
    depth = curly = 0
    straight = False
    for c in text[start:offset]:
        if c in _GLOSS_OPENERS:
            depth += 1
        elif c in _GLOSS_CLOSERS:
            depth = max(0, depth - 1)  # a closer without an opener ("1) …") opens nothing
        elif c == '"':
            straight = not straight
        elif c == "“":
            curly += 1
        elif c == "”":
            curly = max(0, curly - 1)
    return depth > 0 or straight or curly > 0


def split_sentences(text: str, lang: str) -> list[tuple[int, int]]:
    """Split `text` into sentences; returns (start, end) offsets, whitespace trimmed."""
    if lang_is_japanese(lang):
        spans = _split_japanese(text)
    else:
        spans = _split_space_delimited(text)
    return [s for s in (_trim(text, a, b) for a, b in spans) if s[0] < s[1]]


lang_is_japanese = langtags.is_japanese  # the one reading of a language tag (langtags.py)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _split_japanese(text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    stack: list[tuple[str, int]] = []
    start = 0
    i = 0
    n = len(text)
    while i < n:
        ch = text[i]
        if ch in ("\n", "\r"):
            stack.clear()
            spans.append((start, i))
            start = i + 1
        elif ch in _OPENERS:
            stack.append((_OPENERS[ch], i))
        elif ch in _CLOSERS:
            if stack and stack[-1][0] == ch:
                stack.pop()
        elif ch in _JA_TERMINATORS:
            if stack and i - stack[-1][1] > _MAX_BRACKET_SPAN:
                stack.clear()
            if not stack:
                j = i + 1
                while j < n and text[j] in _TRAILING and not (text[j] in _CLOSERS and not stack):
                    j += 1
                # closing brackets right after the terminator belong to this sentence
                while j < n and text[j] in _CLOSERS:
                    j += 1
                spans.append((start, j))
                start = j
                i = j
                continue
        i += 1
    spans.append((start, n))
    return spans


def _split_space_delimited(text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    start = 0
    for line_start, line_end in _lines(text):
        cursor = line_start
        for match in _EN_BOUNDARY.finditer(text, line_start, line_end):
            word = _previous_word(text, cursor, match.start())
            if word.lower().rstrip(".") in _EN_ABBREVIATIONS or (len(word) == 1 and word.isupper()):
                continue
            spans.append((cursor, match.end()))
            cursor = match.end()
        spans.append((cursor, line_end))
        start = line_end
    del start
    return spans


def _previous_word(text: str, lower: int, end: int) -> str:
    i = end
    while i > lower and not text[i - 1].isspace():
        i -= 1
    return text[i:end]


def _lines(text: str) -> list[tuple[int, int]]:
    out = []
    start = 0
    for m in re.finditer(r"\r?\n", text):
        out.append((start, m.start()))
        start = m.end()
    out.append((start, len(text)))
    return out


def chunk_for_tokenizer(text: str, lang: str, max_bytes: int = 48_000) -> list[tuple[int, int]]:
    """Cut text into pieces under the tokenizer's byte limit, at sentence boundaries
    where possible and at character boundaries otherwise; returns (start, end) offsets."""
    if len(text) * 4 <= max_bytes or len(text.encode("utf-8")) <= max_bytes:
        return [(0, len(text))]
    chunks: list[tuple[int, int]] = []
    cur_start = 0
    cur_bytes = 0
    last_end = 0
    for _s, e in split_sentences(text, lang):
        size = len(text[last_end:e].encode("utf-8"))
        if cur_bytes + size > max_bytes and last_end > cur_start:
            chunks.append((cur_start, last_end))
            cur_start, cur_bytes = last_end, 0
            size = len(text[cur_start:e].encode("utf-8"))
        if size > max_bytes:
            chunks.extend(_cut_by_characters(text, cur_start, e, max_bytes))
            cur_start, cur_bytes = e, 0
        else:
            cur_bytes += size
        last_end = e
    if cur_start < len(text):
        chunks.append((cur_start, len(text)))
    return [c for c in chunks if c[0] < c[1]]


def _cut_by_characters(text: str, start: int, end: int, max_bytes: int) -> list[tuple[int, int]]:
    """Cut a sentence that alone is too long, preferring a space or punctuation."""
    out = []
    max_chars = max_bytes // 4
    while start < end:
        stop = min(end, start + max_chars)
        if stop < end:
            for k in range(stop, max(start + max_chars // 2, start + 1), -1):
                if text[k - 1].isspace() or text[k - 1] in "、，,;；・":
                    stop = k
                    break
            if "\udc00" <= text[stop] <= "\udfff":  # never split a surrogate pair
                stop -= 1
        out.append((start, stop))
        start = stop
    return out


_WORD_CHARS = re.compile(r"[^\W_]+")


def text_words(text: str) -> frozenset[str]:
    """The case-folded words (letters and digits) of a text."""
    return frozenset(_WORD_CHARS.findall(text.casefold()))


def written_words(text: str) -> frozenset[str]:
    """The words of a text as written (Blob stays Blob)."""
    return frozenset(_WORD_CHARS.findall(text))
