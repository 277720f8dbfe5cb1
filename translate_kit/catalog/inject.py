"""`translate-kit import`: a catalog's translations written back into its document.

The document is extracted again exactly as on export, and each unit's span is replaced
by its msgstr; everything between units (markup, code, blank lines, front matter) is
copied verbatim. A unit without a usable translation (untranslated, fuzzy, or not in the
catalog) keeps its source text and is counted."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import polib

from translate_kit.catalog.extract import SourceDocument
from translate_kit.catalog.front_matter import render_scalar
from translate_kit.catalog.units import FRONT_MATTER, SENTENCE, TABLE_CELL, Unit, spaceless

Key = tuple[str | None, str]


@dataclass(frozen=True)
class Injected:
    """The translated document and what it holds: units translated, and units left in
    the source language because their entry is untranslated, fuzzy, or missing."""

    text: str
    translated: int
    untranslated: int
    fuzzy: int
    missing: int

    @property
    def left(self) -> int:
        return self.untranslated + self.fuzzy + self.missing


@dataclass(frozen=True)
class Translations:
    """A catalog's usable translations by (msgctxt, msgid), and the keys of its fuzzy
    and untranslated entries (which are not used)."""

    usable: Mapping[Key, str]
    fuzzy: frozenset[Key] = frozenset()
    empty: frozenset[Key] = frozenset()


def translations(catalog: polib.POFile) -> Translations:
    """What of a catalog an import can use: translated, non-fuzzy, non-obsolete entries."""
    usable: dict[Key, str] = {}
    fuzzy: set[Key] = set()
    empty: set[Key] = set()
    for entry in catalog:
        if entry.obsolete or not entry.msgid:
            continue
        key = (entry.msgctxt, entry.msgid)
        if not entry.msgstr:
            empty.add(key)
        elif "fuzzy" in entry.flags:
            fuzzy.add(key)
        else:
            usable[key] = entry.msgstr
    return Translations(usable, frozenset(fuzzy), frozenset(empty))


def inject(document: SourceDocument, catalog: Translations, target_lang: str | None) -> Injected:
    """Replace each unit of `document` by its translation."""
    text = document.text
    newline = "\r\n" if "\r\n" in text else "\n"
    out: list[str] = []
    pos = 0
    counts = {"translated": 0, "untranslated": 0, "fuzzy": 0, "missing": 0}
    previous: tuple[Unit, bool] | None = None
    for unit in sorted(document.units, key=lambda u: u.start):
        if unit.start < pos:
            continue  # units never overlap; kept safe against a surprise in the source
        translation = catalog.usable.get(unit.key)
        done = translation is not None and translation != unit.msgid  # the text changes here
        if translation is None:
            piece = text[unit.start : unit.end]
            counts["fuzzy" if unit.key in catalog.fuzzy else "untranslated" if unit.key in catalog.empty else "missing"] += 1
        else:
            counts["translated"] += 1
            piece = text[unit.start : unit.end] if translation == unit.msgid else render(unit, translation, newline)
        gap = text[pos : unit.start]
        if previous is not None and unit.kind == previous[0].kind == SENTENCE and (done or previous[1]):
            gap = _sentence_gap(gap, target_lang, done and previous[1])
        out += [gap, piece]
        pos = unit.end
        previous = (unit, done)
    out.append(text[pos:])
    return Injected("".join(out), **counts)


def _sentence_gap(gap: str, target_lang: str | None, both: bool) -> str:
    """The space between two sentences of which at least one is translated: a space
    where the target language puts one, none between two sentences of Japanese or Chinese."""
    if "\n" in gap or "\r" in gap:
        return gap
    if spaceless(target_lang):
        return "" if both and not gap.strip() else gap
    return gap or " "


def render(unit: Unit, translation: str, newline: str) -> str:
    """A translation as it stands in the document at the unit's place."""
    if unit.kind == FRONT_MATTER:
        return render_scalar(translation, unit.quote)
    if unit.one_line:
        translation = " ".join(part.strip() for part in translation.splitlines() if part.strip())
        return _escape_pipes(translation) if unit.kind == TABLE_CELL else translation
    lines = translation.split("\n")
    if unit.kind == SENTENCE:
        return newline.join(lines)
    marked = [line if line.endswith(("\\", "  ")) else line + unit.hard_break for line in lines[:-1]] + lines[-1:]
    return (newline + unit.prefix).join(marked)


def _escape_pipes(text: str) -> str:
    """A `|` in a table cell's translation escaped, unless the translator did it."""
    out, i = [], 0
    while i < len(text):
        c = text[i]
        if c == "\\" and i + 1 < len(text):
            out.append(text[i : i + 2])
            i += 2
            continue
        out.append("\\|" if c == "|" else c)
        i += 1
    return "".join(out)
