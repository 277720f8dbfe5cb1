"""The word lists the analysis and the rules use (function words, particles, honorifics,
company words, demonyms, ...), read once from lexicon.txt beside this module: data, not
code, so a list is reviewed and changed without touching a rule."""

from __future__ import annotations

from importlib import resources
from types import MappingProxyType
from typing import Mapping


def parse_lexicon(text: str) -> Mapping[str, frozenset[str]]:
    """Sections of white-space separated words; `# ...` lines are comments."""
    lists: dict[str, set[str]] = {}
    current: set[str] | None = None
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            current = lists.setdefault(line[1:-1].strip(), set())
        elif current is None:
            raise ValueError(f"lexicon.txt:{number}: words before the first [section]")
        else:
            current.update(line.split())
    return MappingProxyType({name: frozenset(words) for name, words in lists.items()})


LISTS = parse_lexicon(resources.files("translate_kit").joinpath("lexicon.txt").read_text(encoding="utf-8"))


def words(name: str) -> frozenset[str]:
    """One list by its section name; KeyError names an unknown list."""
    return LISTS[name]
