"""The PO loader reads a catalog in one pass: what it finds must be what polib finds (the
header, each entry's msgid, msgctxt, flags and comments, obsolete entries left out), with
every character placed where it is written; where the two cannot agree, it says where."""

from __future__ import annotations

import gc

import polib
import pytest
from hypothesis import given
from hypothesis import strategies as st

from test_fuzz import JA_TEXT
from translate_kit.model import InputFileError, LineIndex
from translate_kit.sources import load_text

_ESCAPES = {"\n": "\\n", "\t": "\\t", "\r": "\\r", '"': '\\"', "\\": "\\\\"}
_UNESCAPES = {"n": "\n", "t": "\t", "r": "\r", "v": "\v", "b": "\b", "f": "\f", "\\": "\\", '"': '"'}
_TEXT = st.one_of(JA_TEXT, st.sampled_from(["", "%s", "a\\qb", "  spaced  ", "\u2028", "Language: fr\n"]))
_WORDS = st.text(st.sampled_from("ab あ漢~|,.:#\" \t"), max_size=12)


class _LfLines(str):
    """Text polib splits at LF only, as the loader does (polib's own reading splits at
    U+2028 and other line breaks a translation may hold)."""

    def splitlines(self, keepends: bool = False) -> list[str]:  # type: ignore[override]
        return str.split(self, "\n")


def _quoted(text: str) -> str:
    return '"' + "".join(_ESCAPES.get(c, c) for c in text) + '"'


@st.composite
def _string(draw, keyword: str, text: str, prefix: str = "") -> list[str]:
    """A keyword's string, on one line or split over continuation lines."""
    if len(text) < 2 or draw(st.booleans()):
        return [f"{prefix}{keyword} {_quoted(text)}"]
    cuts = sorted(set(draw(st.lists(st.integers(1, len(text) - 1), min_size=1, max_size=3))))
    pieces = [text[a:b] for a, b in zip([0, *cuts], [*cuts, len(text)])]
    head = [f'{prefix}{keyword} ""'] if draw(st.booleans()) else [f"{prefix}{keyword} {_quoted(pieces.pop(0))}"]
    return head + [prefix + _quoted(piece) for piece in pieces]


@st.composite
def _comments(draw) -> list[str]:
    """Comment lines in gettext's order: translator, extracted, references, flags, previous."""
    lines = [draw(st.sampled_from(["# ", "#  ", "#\t"])) + draw(_WORDS) for _ in range(draw(st.integers(0, 2)))]
    lines += ["#. " + draw(st.sampled_from(["", "translate-kit: ignore[term-missing]", "x"])) + draw(_WORDS)
              for _ in range(draw(st.integers(0, 2)))]
    if draw(st.booleans()):
        lines.append("#: src/app.py:" + str(draw(st.integers(1, 99))))
    if draw(st.booleans()):
        lines.append("#, " + draw(st.sampled_from(["fuzzy", "c-format", "fuzzy, python-format", "no-wrap,, x", "fuzzy,"])))
    if draw(st.booleans()):
        lines += draw(_string("msgid", draw(_TEXT), "#| "))
    return lines


@st.composite
def _entry(draw, obsolete: bool, serial: int) -> list[str]:
    prefix = "#~ " if obsolete else ""
    lines = draw(_comments())
    if obsolete and draw(st.booleans()):
        lines.append('#~| msgid "older"')
    if draw(st.booleans()):
        lines += draw(_string("msgctxt", draw(_TEXT), prefix))
    msgid = draw(st.one_of(_TEXT, st.just("")))
    lines += draw(_string("msgid", msgid, prefix))
    if not msgid:  # it competes with the header; polib's choice is clear when no two are alike
        lines += draw(_string("msgstr", f"{draw(_TEXT)} {serial}", prefix))
    elif draw(st.booleans()):
        lines += draw(_string("msgid_plural", draw(_TEXT), prefix))
        for n in range(draw(st.integers(1, 3))):
            lines += draw(_string(f"msgstr[{n}]", draw(_TEXT), prefix))
    else:
        lines += draw(_string("msgstr", draw(_TEXT), prefix))
    return lines


@st.composite
def catalogs(draw) -> str:
    """Well-formed catalogs in all their variety: a header or none, comments of every kind,
    contexts, plurals, continuation lines, escapes, obsolete entries, CRLF, a BOM."""
    entries = []
    if draw(st.booleans()):
        header = [f'"{key}: {value}\\n"' for key, value in draw(st.lists(st.sampled_from([
            ("Language", "ja"), ("Language", "ja_JP"), ("Content-Type", "text/plain; charset=UTF-8"),
            ("Plural-Forms", "nplurals=1; plural=0;"), ("X-Note", "a: b")]), max_size=4))]
        comments = draw(st.sampled_from([[], ["# Japanese translation.", "#"], ["#, fuzzy"]]))
        entries.append([*comments, 'msgid ""', 'msgstr ""', *header])
    for serial in range(draw(st.integers(0, 5))):
        entries.append(draw(_entry(obsolete=draw(st.integers(0, 4)) == 0, serial=serial)))
    newline = draw(st.sampled_from(["\n", "\r\n"]))
    text = (newline * 2).join(newline.join(lines) for lines in entries) + newline
    return ("\ufeff" if draw(st.integers(0, 5)) == 0 else "") + text


def _comment(entry: polib.POEntry) -> str:
    """The segment comment: the translator's, and an extracted one that is a translate-kit note."""
    note = entry.comment if "translate-kit:" in entry.comment else ""
    return "\n".join(filter(None, (entry.tcomment, note)))


def _polib_segments(catalog: polib.POFile) -> list[tuple]:
    """(entry number, kind, text, flags, msgctxt, comment) of each non-empty string, as polib reads it."""
    found = []
    for number, entry in enumerate(catalog):
        if entry.obsolete:
            continue
        strings = [("msgid", entry.msgid), ("msgid_plural", entry.msgid_plural)]
        if entry.msgstr_plural:
            strings += [(f"msgstr[{n}]", entry.msgstr_plural[n]) for n in sorted(entry.msgstr_plural)]
        else:
            strings.append(("msgstr", entry.msgstr))
        found += [(number, kind, text, tuple(entry.flags), entry.msgctxt, _comment(entry)) for kind, text in strings if text]
    return found


@given(text=catalogs())
def test_a_catalog_reads_as_polib_reads_it(text: str) -> None:
    doc = load_text(text, path="x.po", format="po")
    catalog = polib.pofile(_LfLines(text.removeprefix("\ufeff")))
    assert doc.metadata == tuple(catalog.metadata.items())
    assert [(s.entry, s.kind, s.text, s.flags, s.msgctxt, s.comment) for s in doc.segments] == _polib_segments(catalog)
    lines = LineIndex(text)
    for segment in doc.segments:
        assert (segment.line, segment.column) == (lines.position(segment.start).line, lines.position(segment.start).column)
        for i, char in enumerate(segment.text):  # each character is written there, as itself or escaped
            at = segment.file_offset(i)
            assert text[at] == char or (text[at] == "\\" and _UNESCAPES[text[at + 1]] == char)
        assert segment.file_offset(len(segment.text)) == segment.end
        assert text[segment.end - 1] in (segment.text[-1], _ESCAPES.get(segment.text[-1], "")[-1:])


@pytest.mark.parametrize("text, line, message", [
    # polib's rules, which the scanner alone would let through
    ('#foo\nmsgid "a"\nmsgstr "b"\n', 1, "syntax error"),
    ('msgid"a"\nmsgstr "b"\n', 1, "syntax error"),
    ('msgid "a"\n#, fuzzy\nmsgstr "b"\n', 3, "syntax error"),
    ('msgctxt "c"\n# note\nmsgid "a"\nmsgstr "b"\n', 2, "syntax error"),
    ('msgid "a"\nmsgstr "b"\n\n#| msgid\n', 4, "syntax error: invalid continuation line"),
    ('msgid "a"\nmsgstr "b"\n\n#| msgstr "x"\n', 4, "syntax error: unknown keyword msgstr"),
    ('msgid "a"\nmsgstr "b"\n\n#~ msgid "a"b"\n#~ msgstr "c"\n', 4, "syntax error: unescaped double quote found"),
    # the scanner's message wins over polib's, even on a later line
    ('#foo\nmsgid "a"\nmsgstr "b\n', 3, "unterminated string"),
    # polib adds an obsolete or previous string to the live msgid: it reads another entry
    ('msgid "a"\n#| "x"\nmsgstr "b"\n', 2, "an obsolete (#~) or previous (#|) line inside an entry changes its msgid"),
    ('msgid "a"\nmsgstr "b"\n#~ msgctxt "c"\nmsgid "d"\nmsgstr "e"\n', 3,
     "an obsolete (#~) or previous (#|) line inside an entry changes its msgctxt"),
    # polib keeps an entry that has nothing but an obsolete msgctxt
    ('msgid ""\nmsgstr ""\n\nmsgid "a"\nmsgstr "b"\n\n#~ msgctxt "x"\n', 7, "obsolete entry without msgid"),
    # polib takes the obsolete msgstr for the entry's and gives the live one to the next entry
    ('msgid "a"\n#~ msgstr "x"\n# note\nmsgstr "b"\n', 3, "an obsolete (#~) msgstr inside the entry above ends it before its own msgstr"),
    # ... unless polib goes on to reject a later line: its syntax error is the one
    ('msgid "a"\n#~ msgstr[0] "x"\n#| msgid_plural "p"\nmsgstr "b"\n', 4, "syntax error"),
])
def test_a_catalog_polib_rejects_or_reads_otherwise_is_an_error_on_its_line(text: str, line: int, message: str) -> None:
    with pytest.raises(InputFileError) as info:
        load_text(text, path="x.po", format="po")
    assert (info.value.line, info.value.message) == (line, message)



def test_the_cycle_collector_runs_again_after_a_catalog_is_read() -> None:
    """The loader pauses it while it reads (a parse makes no cycles), never for longer."""
    load_text('msgid "a"\nmsgstr "b"\n', path="x.po", format="po")
    assert gc.isenabled()
    with pytest.raises(InputFileError):
        load_text('msgid "a"\nmsgstr "b\n', path="x.po", format="po")
    assert gc.isenabled()
    gc.disable()
    try:
        load_text('msgid "a"\nmsgstr "b"\n', path="x.po", format="po")
        assert not gc.isenabled()  # left as the caller had it
    finally:
        gc.enable()
