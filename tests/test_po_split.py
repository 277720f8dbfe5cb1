"""A large catalog's text cut into parts parsed apart (forked workers each parse their own):
every part reads as the same stretch of the whole file does, or says it cannot."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from test_po_scan import catalogs
from translate_kit.engine.parallel import split_document
from translate_kit.model import InputFileError
from translate_kit.sources import Unsplittable, load_in_parts, load_text, po_split
from translate_kit.sources.po_scan import Span, scan

HEADER = 'msgid ""\nmsgstr ""\n"Language: ja\\n"\n"Plural-Forms: nplurals=1; plural=0;\\n"\n'
ENTRIES = (
    '#: src/a.py:1\n#, python-format\nmsgid "Delete %(name)s"\nmsgstr "%(name)sを削除"\n',
    '# a note\nmsgctxt "menu"\nmsgid "Open"\nmsgstr ""\n"開く"\n',
    'msgid "One file"\nmsgid_plural "%d files"\nmsgstr[0] "%d 個の\\tファイル"\n',
    '#~ msgid "Old"\n#~ msgstr "古い"\n',
    'msgid ""\n"Save the "\n"file"\nmsgstr "ファイルを保存"\n',
)


def _catalog(entries: int, newline: str = "\n") -> str:
    # every msgid numbered: no entry defines the msgctxt and msgid of another
    body = "\n".join(ENTRIES[i % len(ENTRIES)].replace('msgid "', f'msgid "{i} ', 1) for i in range(entries))
    return (HEADER + "\n" + body).replace("\n", newline)


def _parsed(parts) -> list:
    return [parts[number] for number in range(len(parts))]


def _assert_reads_as_whole(text: str, docs: list, whole) -> None:
    assert [s for d in docs for s in d.segments] == list(whole.segments)
    # what gettext would refuse (a message defined twice in any two parts), said once
    assert [problem for d in docs for problem in d.unchecked] == list(whole.unchecked)
    assert all((d.metadata, d.lang, d.format, d.bilingual) == (whole.metadata, whole.lang, "po", True) for d in docs)
    # each part ends where the next one's first string starts, as `split_document` cuts
    assert [d.part for d in docs] == [(n, docs[n + 1].segments[0].start) for n in range(len(docs) - 1)] + [(len(docs) - 1, len(text))]


@pytest.mark.parametrize("parts", [2, 3, 5])
@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_a_catalog_in_parts_reads_as_the_whole(parts: int, newline: str) -> None:
    text = _catalog(200, newline)
    whole = load_text(text, path="x.po", format="po")
    cut = load_in_parts("x.po", text.encode("utf-8"), parts)
    assert cut is not None and len(cut) == parts
    docs = _parsed(cut)
    _assert_reads_as_whole(text, docs, whole)
    assert docs[1].segments[0].line > 1 and docs[1].segments[0].entry > 0  # lines and entries go on counting
    assert cut.whole() == replace(whole, segments=())
    # the same documents as the whole file cut by `split_document` at the same places
    sizes = [len(d.segments) for d in docs]
    assert [d.segments for d in docs] == [whole.segments[sum(sizes[:n]) : sum(sizes[: n + 1])] for n in range(parts)]
    assert split_document(whole, 1)[0].segments == whole.segments


@pytest.mark.parametrize("parts", [2, 3])
def test_a_message_defined_in_two_parts_is_reported_as_in_the_whole(parts: int) -> None:
    """The first part says what gettext refuses in the whole file: a msgid of the first
    part defined again in the last, an unknown escape in the middle one."""
    text = _catalog(200)
    middle = text.index("\n\n", len(text) // 2) + 2
    text = text[:middle] + 'msgid "odd"\nmsgstr "C:\\dir"\n\n' + text[middle:] + '\nmsgid "2 One file"\nmsgstr "again"\n'
    whole = load_text(text, path="x.po", format="po")
    docs = _parsed(load_in_parts("x.po", text.encode("utf-8"), parts))
    assert len(docs) == parts and [len(d.unchecked) for d in docs] == [2] + [0] * (parts - 1)
    _assert_reads_as_whole(text, docs, whole)

def test_a_second_header_makes_the_catalog_unsplittable() -> None:
    """An entry with an empty msgid in a later part may be polib's header: that part says
    it cannot be read apart (the caller reads the file whole)."""
    text = _catalog(200) + '\nmsgctxt "late"\nmsgid ""\nmsgstr "X-Late: 1\\n"\n'
    cut = load_in_parts("x.po", text.encode("utf-8"), 2)
    assert cut is not None
    with pytest.raises(Unsplittable):
        cut[1]


def test_a_span_ending_after_comments_alone_is_refused() -> None:
    """Comments before a blank line belong to the entry after it: a span ending there
    cannot close its last entry as the whole file would."""
    text = _catalog(20)
    cut = text.index("\n\n", len(text) // 2) + 2
    text = text[:cut] + "# stray translator comment\n\n" + text[cut:]
    stop = cut + len("# stray translator comment\n\n")
    assert scan(text, "x.po", Span(0, cut, 1, 0)).numbered > 0  # the blank line before the comment is a cut
    with pytest.raises(Unsplittable):
        scan(text, "x.po", Span(0, stop, 1, 0))


def test_a_syntax_error_in_a_later_part_is_raised_there() -> None:
    text = _catalog(200)
    text = text[: len(text) * 3 // 4] + '\nmsgid "broken\n' + text[len(text) * 3 // 4 :]
    with pytest.raises(InputFileError):
        load_text(text, path="x.po", format="po")
    cut = load_in_parts("x.po", text.encode("utf-8"), 2)
    assert cut is not None
    with pytest.raises((InputFileError, Unsplittable)):
        _parsed(cut)


def test_an_unsettled_language_or_a_text_without_cuts_is_not_split() -> None:
    """Without a Language header or option, the language is detected from the first
    entries' translations: too few of them in the first part, and the text stays whole."""
    text = _catalog(200).replace('"Language: ja\\n"\n', "")
    assert po_split.split(text, "x.po", None, "en", 2) is None
    assert po_split.split(text, "x.po", "ja", "en", 2) is not None
    assert po_split.split('msgid "a"\nmsgstr "b"\n', "x.po", "ja", "en", 2) is None


@settings(max_examples=300)
@given(text=catalogs(), parts=st.integers(2, 4))
def test_any_catalog_in_parts_reads_as_the_whole_or_is_refused(text: str, parts: int) -> None:
    """Every generated catalog (comments, obsolete entries, plurals, continuation lines,
    CRLF, a BOM, several empty msgids): its parts read as the whole, or one of them raises;
    a catalog with an error never reads without one."""
    try:
        whole = load_text(text, path="x.po", format="po", lang="ja")
    except InputFileError:
        whole = None
    cut = po_split.split(text, "x.po", "ja", "en", parts)
    if cut is None:
        return
    try:
        docs = _parsed(cut)
    except (Unsplittable, InputFileError):
        return
    assert whole is not None
    _assert_reads_as_whole(text, docs, whole)


def test_parts_hold_about_the_same_strings_when_comments_cluster() -> None:
    """Long comments in the second half of a catalog (extracted comments, contexts) are not
    work: the cut follows the strings, not the characters."""
    plain = [f'msgid "Open file {i}"\nmsgstr "ファイル{i}を開く"\n' for i in range(400)]
    noted = [f'#. {"a long note for the translator " * 4}\n#: src/{i}.py:1\nmsgctxt "screen-{i}"\n'
             f'msgid "Save file {i}"\nmsgstr "ファイル{i}を保存"\n' for i in range(400)]
    text = HEADER + "\n" + "\n".join(plain + noted)
    cut = po_split.split(text, "x.po", None, "en", 2)
    assert cut is not None
    prose = [sum(len(s.text) for s in doc.segments) for doc in _parsed(cut)]
    assert abs(prose[0] - prose[1]) < 0.1 * sum(prose)


@pytest.mark.parametrize("first", [1.0, 1.5])
def test_the_first_part_can_be_larger(first: float) -> None:
    """The part a forking process checks itself is larger than a worker's when asked."""
    text = _catalog(3000)
    cut = load_in_parts("x.po", text.encode("utf-8"), 3, first_share=first)
    assert cut is not None
    prose = [sum(len(s.text) for s in doc.segments) for doc in _parsed(cut)]
    assert abs(prose[0] / prose[1] - first) < 0.1 and abs(prose[2] / prose[1] - 1) < 0.1
