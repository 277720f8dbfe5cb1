"""A document's catalog entries and the per-document rules' shortcuts give what the plain
readings give: entries grouped per number (also when a format's entries are not
contiguous), message keys told apart by their first letter, and rules that skip entries
without the characters their patterns need."""

from __future__ import annotations

import dataclasses
import functools
import re

import pytest

from translate_kit.engine.contribution import DocumentScope, Resources
from translate_kit.model import CatalogEntry, Document, Segment
from translate_kit.options import CheckOptions
from translate_kit.rules import get_rule
from translate_kit.rules.plurals import _next_entry_starts
from translate_kit.sources import load_text

HEADER = ('msgid ""\nmsgstr ""\n"Language: ja\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
          '"Plural-Forms: nplurals=1; plural=0;\\n"\n\n')

# CRLF lines, a BOM, escapes, plural entries (one with too many forms, one with an empty
# form), fuzzy and obsolete entries, message keys, several placeholder syntaxes, markup and
# invisible characters on either side
CATALOG = "\ufeff" + (HEADER + '''#, python-format
msgid "Hi %(name)s\\tthere"
msgstr "やあ\\t%(nmae)s"

#, fuzzy, c-format
msgid "Delete %s?"
msgstr "削除しますか？"

msgid "front-text"
msgstr "表紙"

msgid "save_button.label"
msgstr "保存 %s"

msgid "Save 100%"
msgstr "保存 100% {x}"

#, python-brace-format
msgid "{count} file"
msgid_plural "{count} files"
msgstr[0] "{count} 個"
msgstr[1] "{cnt} 個"

#, c-format
msgid "%d item"
msgid_plural "%d items"
msgstr[0] ""

msgid "Open <b>now</b>"
msgstr "今すぐ開く"

msgid "Plain"
msgstr "<i>平</i>"

msgid "Zero\u200bwidth"
msgstr "ゼロ\u200b幅\u00ad"

msgid "Dashboard"
msgstr "ダッシュ\u200b\u200bボード"

#, fuzzy
msgid "Fuzzy\u2060"
msgstr "ファジー\u2060"

#~ msgid "Old %s"
#~ msgstr "古い %d"

msgctxt "menu"
msgid "{{ user }} and `code`"
msgstr "{{ usr }} と `コード`"

msgid "Untranslated"
msgstr ""
''').replace("\n", "\r\n")

_MESSAGE_KEY = re.compile(r"[a-z][a-z0-9]*(?:[-_.][a-z0-9]+)+")


def _reference_entries(doc: Document) -> tuple[CatalogEntry, ...]:
    """The entries as read one segment at a time (the plain reading)."""
    grouped: dict[int, list[Segment]] = {}
    for s in doc.segments:
        if s.entry is not None:
            grouped.setdefault(s.entry, []).append(s)
    entries = []
    for number, segments in grouped.items():
        targets = tuple(s for s in segments if s.is_target)
        if targets:
            sources = tuple(s for s in segments if s.kind in ("msgid", "msgid_plural"))
            first = segments[0]
            entries.append(CatalogEntry(number, first.flags, sources, targets, first.msgctxt, first.comment))
    return tuple(entries)


def _reference_keyed(entry: CatalogEntry) -> bool:
    msgid = entry.source_text("msgid")
    return msgid is not None and _MESSAGE_KEY.fullmatch(msgid) is not None


def _catalog() -> Document:
    return load_text(CATALOG, path="m.po", format="po")


def _shuffled(doc: Document) -> Document:
    """The document with its segments' entries interleaved (as a format may list them)
    and a segment outside any entry among them."""
    segments = list(doc.segments)
    odd, even = segments[0::2], segments[1::2]
    prose = Segment(doc.path, "prose", 0, 5, 1, 1, "en")
    return dataclasses.replace(doc, segments=tuple(even + [prose] + odd))


@pytest.mark.parametrize("reorder", [False, True])
def test_entries_are_those_of_the_plain_reading(reorder):
    doc = _shuffled(_catalog()) if reorder else _catalog()
    expected = _reference_entries(doc)
    assert doc.catalog_entries(include_fuzzy=True) == expected
    assert doc.catalog_entries() == tuple(e for e in expected if "fuzzy" not in e.flags)
    assert [e.number for e in expected] == sorted({s.entry for s in doc.segments if s.entry is not None
                                                   and any(t.is_target and t.entry == s.entry for t in doc.segments)},
                                                  key=[s.entry for s in doc.segments].index)


@pytest.mark.parametrize("first", [False, True])
def test_compared_entries_leave_out_message_keys_whichever_is_asked_first(first):
    doc = _catalog()
    expected = {fuzzy: tuple(e for e in _reference_entries(doc) if (fuzzy or "fuzzy" not in e.flags) and not _reference_keyed(e))
                for fuzzy in (False, True)}
    for fuzzy in (first, not first):
        assert doc.compared_entries(fuzzy) == expected[fuzzy]
    assert len(expected[True]) > len(expected[False]) > 0


@pytest.mark.parametrize("msgid, keyed", [
    ("front-text", True), ("label_save", True), ("a.b", True), ("Front-text", False), ("front", False),
    ("", False), ("é-x", False), ("z9-1", True), ("{x}-y", False), ("`a-b`", False),
])
def test_message_keys(msgid, keyed):
    source = Segment("m.po", msgid, 0, len(msgid), 1, 1, "en", "msgid", 1)
    target = Segment("m.po", "訳", 0, 1, 1, 1, "ja", "msgstr", 1)
    entry = CatalogEntry(1, (), (source,), (target,))
    assert entry.keyed is keyed is _reference_keyed(entry)


def test_next_entry_starts_read_interleaved_entries_as_before():
    doc = _shuffled(_catalog())
    firsts: list[tuple[int, int]] = []
    for s in doc.segments:
        if s.entry is not None and (not firsts or firsts[-1][0] != s.entry):
            firsts.append((s.entry, s.start))
    ends = [start for _entry, start in firsts[1:]] + [doc.end_offset]
    assert _next_entry_starts(doc) == {entry: end for (entry, _start), end in zip(firsts, ends)}


@functools.lru_cache(maxsize=1)
def _engine():
    from translate_kit.analysis import Engine

    return Engine("C")


def _findings(rule_id: str, text: str, **options) -> list[tuple]:
    doc = load_text(text, path="m.po", format="po")
    ctx = DocumentScope(Resources(engine=_engine(), options=CheckOptions(**options)))
    return [(f.line, f.column, f.end_column, f.found, f.expected) for f in get_rule(rule_id).check_document(doc, ctx)]


@pytest.mark.parametrize("fuzzy", [False, True])
def test_document_rules_on_tricky_entries(fuzzy):
    """What each rule reports on the catalog above (skipping an entry must not lose one)."""
    placeholders = _findings("placeholder-mismatch", CATALOG, include_fuzzy=fuzzy)
    assert ("%(nmae)s", "%(name)s") in [f[3:] for f in placeholders]
    assert ("{cnt}", "{count}") in [f[3:] for f in placeholders]
    assert ("{{ usr }}", "{{ user }}") in [f[3:] for f in placeholders]
    assert (("削除しますか？", "%s") in [f[3:] for f in placeholders]) is fuzzy
    assert not [f for f in placeholders if f[3] in ("%s", "{x}")]  # a message key's, and flagless prose
    markup = _findings("markup-mismatch", CATALOG, include_fuzzy=fuzzy)
    assert [f[3:] for f in markup] == [("今すぐ開く", "<b>"), ("今すぐ開く", "</b>"), ("<i>", None), ("</i>", None),
                                       ("`コード`", "`code`")]
    invisible = _findings("invisible-character", CATALOG, include_fuzzy=fuzzy)
    assert [f[3] for f in invisible] == ["U+00AD SOFT HYPHEN", "U+200B ZERO WIDTH SPACE"]
    plurals = _findings("plural-forms", CATALOG, include_fuzzy=fuzzy)
    assert [f[3] for f in plurals] == ["msgstr[1]"]


def test_slots_constructors_make_what_the_dataclasses_make():
    """new_segment and new_catalog_entry take every field in order, as the classes do."""
    from array import array
    from dataclasses import fields

    from translate_kit.model import new_catalog_entry, new_segment, slots_constructor

    values = ("m.po", "訳\n", 3, 9, 2, 4, "ja", "msgstr[1]", 7, array("q", [3, 4, 9]), ("fuzzy",), "ctx", "note")
    assert [f.name for f in fields(Segment)] == ["path", "text", "start", "end", "line", "column", "lang", "kind", "entry",
                                                  "char_offsets", "flags", "msgctxt", "comment"]
    made, expected = new_segment(*values), Segment(*values)
    assert type(made) is Segment and made == expected and hash(made.flags) == hash(expected.flags)
    assert [getattr(made, f.name) for f in fields(Segment)] == list(values)
    with pytest.raises(dataclasses.FrozenInstanceError):
        made.text = "x"  # type: ignore[misc]
    with pytest.raises(TypeError):
        new_segment(*values[:-1])  # every field is given, defaults included
    entry = (5, ("c-format",), (made,), (made,), None, "")
    assert new_catalog_entry(*entry) == CatalogEntry(*entry)

    @dataclasses.dataclass(frozen=True)
    class Unslotted:
        a: int

    with pytest.raises(AssertionError):
        slots_constructor(Unslotted)
