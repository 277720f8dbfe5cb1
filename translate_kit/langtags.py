"""Language tags, read one way everywhere: ja, ja-JP, ja_JP.UTF-8 and JA_jp@euro all name
Japanese. Loaders, glossaries, rules and the catalog workflow compare tags through these;
tags given by the user are checked against Babel, so a typo (jp is Japan, not Japanese)
never silently disables a check."""

from __future__ import annotations

import functools
import re

from translate_kit.messages import Message, msg

# Babel (7 ms of imports) is imported where a tag is first checked against it: a warm re-check checks none

_SEPARATORS = re.compile(r"[_\-.@]")


def normalize(tag: str) -> str:
    """A tag in the form tags are compared in: trimmed, lower case, hyphens (ja_JP -> ja-jp)."""
    return tag.strip().lower().replace("_", "-")


@functools.lru_cache(maxsize=1024)  # a run has a handful of tags, asked about millions of times
def primary(tag: str | None) -> str | None:
    """The primary language subtag: "ja" for "ja_JP.UTF-8" or "ja-JP"; None when empty."""
    if not tag:
        return None
    found = _SEPARATORS.split(tag.strip(), maxsplit=1)[0].lower()
    return found or None


def same_language(a: str | None, b: str | None) -> bool:
    """Whether two tags name one language (zh-Hans and zh-CN do; ja and en do not; two
    empty tags are the same unknown language)."""
    return (primary(a) or "") == (primary(b) or "")


@functools.lru_cache(maxsize=1024)
def is_japanese(tag: str | None) -> bool:
    """True for ja, ja-JP, ja_JP ..."""
    return primary(tag) == "ja"


_ENCODING_OR_MODIFIER = re.compile(r"[.@].*$")


def language_problem(tag: str) -> Message | None:
    """Why `tag` is not a language tag (one line, with a suggestion when a country code was
    given for its language: "did you mean ja?"), or None when Babel knows it."""
    from babel import Locale, UnknownLocaleError

    cleaned = _ENCODING_OR_MODIFIER.sub("", tag.strip()).replace("-", "_")
    try:
        Locale.parse(cleaned)
        return None
    except (UnknownLocaleError, ValueError, TypeError):
        pass
    suggestion = _language_of_territory(cleaned.split("_")[0])
    if suggestion is not None:
        return msg("unknown language {tag} (a language tag such as ja, ja-JP or en); did you mean {suggestion}?",
                   tag=repr(tag), suggestion=suggestion)
    return msg("unknown language {tag} (a language tag such as ja, ja-JP or en)", tag=repr(tag))


def _language_of_territory(code: str) -> str | None:
    """The most likely language of a region given as a language (jp → ja, cn → zh, kr → ko),
    from CLDR's likely subtags."""
    from babel import Locale, UnknownLocaleError

    if not code.isalpha() or len(code) != 2:
        return None
    try:
        return Locale.parse(f"und_{code.upper()}").language
    except (UnknownLocaleError, ValueError):
        return None
