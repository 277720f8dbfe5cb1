"""Units → catalog entries: one entry per distinct (msgctxt, msgid), with every place it
occurs (`#: path:line`) and, per locale, the glossary notes for translators."""

from __future__ import annotations

from collections.abc import Callable, Iterable

import polib

from translate_kit.catalog.units import Unit


def entries(units: Iterable[Unit], notes: Callable[[Unit], list[str]] | None = None) -> list[polib.POEntry]:
    """Entries in order of first occurrence; identical texts share one entry, whose
    extracted comments (`notes`) come from its first unit."""
    by_key: dict[tuple[str | None, str], polib.POEntry] = {}
    places: dict[tuple[str | None, str], set[tuple[str, str]]] = {}  # each entry's, to test in one step
    for unit in units:
        entry = by_key.get(unit.key)
        if entry is None:
            entry = by_key[unit.key] = polib.POEntry(msgid=unit.msgid, msgstr="", occurrences=[])
            places[unit.key] = set()
            if unit.context is not None:
                entry.msgctxt = unit.context
            if notes is not None:
                entry.comment = "\n".join(notes(unit))
        place = (_isolated(unit.path), str(unit.line))
        seen = places[unit.key]
        if place not in seen:  # the list's own `in` made a sentence repeated n times cost n² steps
            seen.add(place)
            entry.occurrences.append(place)
    return list(by_key.values())


def _isolated(path: str) -> str:
    """A path for a `#:` line: one with spaces is wrapped in Unicode isolates (U+2068 …
    U+2069), as xgettext 0.22 does, so readers do not split it."""
    return f"\u2068{path}\u2069" if any(c.isspace() for c in path) else path
