"""Language tags, read one way everywhere: ja, ja-JP, ja_JP.UTF-8 and JA_jp@euro all name
Japanese. Loaders, glossaries, rules and the catalog workflow compare tags through these."""

from __future__ import annotations

import functools
import re

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
