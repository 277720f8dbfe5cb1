"""Monolingual key files (JSON, Android, Apple, YAML) as Documents.

A key file holds one language. A translation file whose source-language file is found
(see `pairing`) becomes bilingual entries: the source file is read too (once per
translation file that pairs with it) and each target string gets the source's text for
its key, placed at the target's key (the source text is not written in this file). The
source-language file itself yields no segments: it is checked through its translations,
so its names are not counted twice. A file without a pair is prose in its language:
glossary, spelling and name rules still read it.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Callable

from translate_kit.fsutil import read_input_bytes
from translate_kit.messages import Message, msg
from translate_kit.model import Document, InputFileError, LineIndex, Segment
from translate_kit.sources import pairing
from translate_kit.sources.language import detect_language, primary_language
from translate_kit.sources.units import Text, Unit, build_document, ignore_flags



@dataclass(frozen=True)
class Keyed:
    """One string of a key file: its key, value, where the key is written, its plural
    category (None for a plain string), comment and placeholder flags."""

    key: str
    value: Text
    key_place: Text
    category: str | None = None
    comment: str = ""
    flags: tuple[str, ...] = ()


_CATEGORIES = ("zero", "one", "two", "few", "many", "other")
Reader = Callable[[str, str], list[Keyed]]  # (text, path) -> strings
Decoder = Callable[[bytes, str, "str | None"], str]


def keyed_document(
    path: str, text: str, strings: list[Keyed], *, fmt: str, read: Reader, decode: Decoder,
    lang: str | None, source_lang: str, file_lang: str | None = None, source_files: tuple[tuple[str, str], ...] = (),
) -> Document:
    """The document of a key file: bilingual when its source file is found, empty when
    it is the source, prose otherwise."""
    file_lang = file_lang or pairing.target_language(path)
    if file_lang is not None and primary_language(file_lang) == primary_language(source_lang) or (
        file_lang is None and pairing.is_source(path, source_lang)
    ) or pairing.is_configured_source(path, source_lang, source_files):
        return Document(path=path, text=text, segments=(), lang=primary_language(source_lang), format=fmt)
    source_path = pairing.source_file(path, source_lang, source_files)
    if source_path is None:
        return _prose(path, text, strings, fmt, primary_language(file_lang) or primary_language(lang))
    unread: tuple[tuple[int, Message], ...] = ()
    try:
        source_text = decode(read_input_bytes(source_path), source_path, None)
        source = _grouped(read(source_text, source_path))
    except InputFileError as exc:
        # said here too: the source file may not be in the run, and without it every
        # string is checked as prose (no placeholder or term check), which must not pass silently
        source = {}
        error = exc.as_error()
        where = f"{error.path}:{error.line}" if error.line else error.path
        unread = ((1, msg("its source file was not read, so its strings were checked without their source ({where}: {reason})",
                          where=where, reason=error.template or error.message)),)
    units = []
    for key, group in _grouped(strings).items():
        theirs = source.get(key)
        if not theirs or not any(s.value.text for s in theirs):
            # a key the source does not have, or leaves empty (a slot for a locale's own date
            # format): prose, nothing to compare it with
            units.append(Unit((), tuple((s.value, s.category) for s in group), None, _comment(group), group[0].flags))
            continue
        place = group[0].key_place
        anchor = (place.offsets[0], place.offsets[-1])
        sources = _source_texts(theirs)
        flags = tuple(dict.fromkeys(group[0].flags + theirs[0].flags))
        units.append(Unit(
            tuple(Text.at(t, *anchor) for t in sources), tuple((s.value, s.category) for s in group),
            None, _comment(group) or _comment(theirs), flags,
        ))
    doc = build_document(path, text, units, fmt=fmt, target_lang=file_lang, source_lang=primary_language(source_lang) or "en", lang=lang)
    return dataclasses.replace(doc, unchecked=unread) if unread else doc


def _grouped(strings: list[Keyed]) -> dict[str, list[Keyed]]:
    """Strings by key in file order, a plural's forms in CLDR order."""
    out: dict[str, list[Keyed]] = {}
    for s in strings:
        out.setdefault(s.key, []).append(s)
    for group in out.values():
        if len(group) > 1:
            group.sort(key=lambda s: _CATEGORIES.index(s.category) if s.category in _CATEGORIES else len(_CATEGORIES))
    return out


def _comment(group: list[Keyed]) -> str:
    return next((s.comment for s in group if s.comment), "")


def _source_texts(group: list[Keyed]) -> list[str]:
    """The source's singular and plural texts (CLDR one and other) or its one text."""
    if len(group) == 1 and group[0].category is None:
        return [group[0].value.text]
    by_cat = {s.category: s.value.text for s in group}
    one = by_cat.get("one") or next(iter(by_cat.values()))
    other = by_cat.get("other") or list(by_cat.values())[-1]
    return [one, other]


def _prose(path: str, text: str, strings: list[Keyed], fmt: str, lang: str | None) -> Document:
    """Each string a prose segment in the file's language (detected when the path does
    not say); a `translate-kit: ignore` comment silences its string."""
    doc_lang = lang or detect_language("\n".join(s.value.text for s in strings[:200]))
    index = LineIndex(text)
    segments = []
    for s in strings:
        if not s.value.text.strip():
            continue
        start, end = s.value.offsets[0], s.value.offsets[-1]
        pos = index.position(start)
        verbatim = end - start == len(s.value.text) and s.value.offsets == tuple(range(start, end + 1))
        flags = ignore_flags(s.comment)
        segments.append(Segment(
            path=path, text=s.value.text, start=start, end=end, line=pos.line, column=pos.column,
            lang=doc_lang or "", kind="prose", char_offsets=None if verbatim else s.value.offsets, flags=flags,
        ))
    return Document(path=path, text=text, segments=tuple(segments), lang=doc_lang, format=fmt,
                    bilingual=any(s.entry is not None for s in segments))
