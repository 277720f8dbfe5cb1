"""Code inside text: placeholders, URLs, e-mail addresses, paths, code spans and tags
blanked out (same length, so offsets stay valid), and words that belong to identifiers.
Names and terms are never looked for in code."""

from __future__ import annotations

import functools
import re
from typing import Iterable

from translate_kit.placeholder_syntax import BRACE, JINJA, PRINTF, PRINTF_STRICT, RUBY, entry_syntaxes, placeholder_spans

_CODE_SPAN = re.compile(r"(`+)(?:[^`\n]|\n(?![ \t]*\n))+?\1")  # a line break inside, as a catalog wraps it, but no blank line
_URL = re.compile(r"(?i)\b(?:[a-z][a-z0-9+.-]*://|www\.)[^\s<>\"'`]+|\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# a character of a path: a word character, but not kana or kanji ("/仲間/仲間の追加..." is a
# menu path a translator writes, prose, where "/Buddies/Add" may be code; a path's Japanese
# folder stays prose too), or . and -
_PATH_CHAR = r"(?:[^\W\u3005\u3006\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f]|[.-])"
_PATH = re.compile(rf"(?<![\w/])(?:~|\.{{1,2}})?/{_PATH_CHAR}+(?:/{_PATH_CHAR}*)*")
_TAG = re.compile(r"</?[A-Za-z][\w.:-]*(?:\s[^<>]*)?/?>")
_WWW = re.compile(r"(?i)www\.")
# What every mask needs (a character of these, or "www."): most strings have none. Two
# tests, as one alternation regex tries both branches at every character.
_MAYBE_CODE = re.compile(r"[%{`<>/@]")


def mask_code(text: str, flags: Iterable[str] = ()) -> str:
    """The text with placeholders, URLs, e-mail addresses, paths, code spans and tags
    blanked out (same length, so offsets stay valid): words in them are not prose."""
    if _MAYBE_CODE.search(text) is None and "www." not in text:
        return text
    # flags only choose how printf is read, which only a "%" can start: a text without
    # one is masked once whatever the flags of its entries and callers
    return _masked(text, "%" in text and _lenient_printf(tuple(flags)))


@functools.lru_cache(maxsize=1 << 12)
def _masked(text: str, lenient: bool) -> str:
    """mask_code for a text that may hold code, printf read leniently or not (a small
    cache: the catalog rules mask an entry's msgid and msgstr in turn; a large one would
    keep documents' text alive)."""
    spans = placeholder_spans(text, _LENIENT if lenient else _STRICT)
    # each mask only where a character its matches cannot do without is (most strings have
    # none); "www." only where a "w." is (only w and W match w case-insensitively)
    if "`" in text:
        spans += [m.span() for m in _CODE_SPAN.finditer(text)]
    if "://" in text or "@" in text or ("w." in text or "W." in text) and _WWW.search(text) is not None:
        spans += [m.span() for m in _URL.finditer(text)]
    if "<" in text and ">" in text:
        spans += [m.span() for m in _TAG.finditer(text)]
    if "/" in text:
        spans += [m.span() for m in _PATH.finditer(text)]
    if not spans:
        return text
    if len(spans) == 1:  # most: one placeholder
        start, end = spans[0]
        return text[:start] + " " * (end - start) + text[end:]
    chars = list(text)
    for start, end in spans:
        chars[start:end] = " " * (end - start)
    return "".join(chars)


# Every placeholder syntax, printf read leniently only when a flag asks for it (so "100%
# users" keeps its words).
_LENIENT = frozenset({JINJA, RUBY, BRACE, PRINTF})
_STRICT = frozenset({JINJA, RUBY, BRACE, PRINTF_STRICT})


@functools.lru_cache(maxsize=64)
def _lenient_printf(flags: tuple[str, ...]) -> bool:
    """Whether the flags ask for printf (c-format, python-format, ...)."""
    return PRINTF in entry_syntaxes(flags, ())


_WORD = re.compile(r"\w+")
# A word of a text: (start, end, word), for the runs of `\w` characters.
WordSpan = tuple[int, int, str]


def word_spans(text: str, pattern: re.Pattern[str] = _WORD) -> list[WordSpan]:
    """Every run of word characters (`\\w+`) of a text, with its offsets: the one pass over
    a masked source text that the glossary and transliteration rules share. Or the words
    of another `pattern` whose matches start with a word character and leave none outside
    them (`tokenize.WORD_PATTERN`)."""
    spans: list[WordSpan] = []
    at = 0
    words: list[str] = pattern.findall(text)  # the words, then their offsets: no match object per word
    for word in words:
        start = text.find(word, at)  # only non-word characters lie between `at` and the word
        at = start + len(word)
        spans.append((start, at, word))
    return spans


_CODE_DELIMITERS = frozenset({("*", "*"), (":", ":"), ('"', '"'), ("'", "'")})


def code_like(text: str, start: int, end: int) -> bool:
    """Whether the word text[start:end] is part of an identifier rather than prose:
    `config.user`, `user.name`, `$user`, `~user`, `@user`, `#user`, `module_name`, an RST
    role's name (:file:`...`), an argument name in RST emphasis (*module*), a literal
    value in straight quotes ("user"), or a word a sigil opens that does not join two
    words: a command-line option (--merge, -user), a name such as :merge, or a menu's
    access key (&Merge, (&merge)); re-merge, R&D and "Note: merge" are prose."""
    before = text[start - 1] if start > 0 else ""
    after = text[end : end + 1]
    if before and before in "@$#\\_~" or after == "_":
        return True
    if before and before in "-&:" and _opens_word(text, start - 1):
        return True
    if before == "." and start > 1 and text[start - 2].isalnum():
        return True
    if (before, after) in _CODE_DELIMITERS:
        return True
    return after == "." and text[end + 1 : end + 2].isalnum()


def _opens_word(text: str, at: int) -> bool:
    """Whether the sigil at text[at] stands before its word on its own: at the start, or
    after a space, a bracket or (for -, as in --merge) another hyphen."""
    if at == 0:
        return True
    prior = text[at - 1]
    return prior.isspace() or prior in "([{「『" or prior == "-" == text[at]
