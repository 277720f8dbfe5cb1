"""The word lists the analysis and the rules use (function words, particles, honorifics,
company words, demonyms, ...), read once from lexicon.txt beside this module: data, not
code, so a list is reviewed and changed without touching a rule."""

from __future__ import annotations

import re
from importlib import resources
from types import MappingProxyType
from typing import Mapping, Sequence


_SECTION = re.compile(r"\[[a-z][a-z-]*\]")


def sections(text: str, source: str) -> dict[str, list[str]]:
    """The stripped lines of each `[section]` of one of the package's data files, in
    order; blank lines and `# ...` lines are left out. A line before the first section is
    an error naming `source` and the line."""
    found: dict[str, list[str]] = {}
    current: list[str] | None = None
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if _SECTION.fullmatch(line):
            current = found.setdefault(line[1:-1], [])
        elif current is None:
            raise ValueError(f"{source}:{number}: a line before the first [section]")
        else:
            current.append(line)
    return found


def parse_lexicon(text: str) -> Mapping[str, frozenset[str]]:
    """Sections of white-space separated words; `# ...` lines are comments."""
    return _word_sets(sections(text, "lexicon.txt"))


def _word_sets(found: Mapping[str, Sequence[str]]) -> Mapping[str, frozenset[str]]:
    """Each section's lines as one set of their white-space separated words."""
    return MappingProxyType({name: frozenset(w for line in lines for w in line.split()) for name, lines in found.items()})


LINES = MappingProxyType({name: tuple(lines) for name, lines in sections(
    resources.files("translate_kit").joinpath("lexicon.txt").read_text(encoding="utf-8"), "lexicon.txt").items()})
LISTS = _word_sets(LINES)


def words(name: str) -> frozenset[str]:
    """One list by its section name; KeyError names an unknown list."""
    return LISTS[name]


def phrases(name: str) -> tuple[str, ...]:
    """A list of phrases, one a line, by its section name; KeyError names an unknown list."""
    return LINES[name]
