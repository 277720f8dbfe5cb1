"""What gettext's msgfmt refuses in a catalog that polib reads: a message defined twice
(the same msgctxt and msgid), an escape sequence gettext does not know. `check` reports
each on its line and still checks the rest of the file; commands that write or compile a
catalog refuse it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings

from test_po_scan import catalogs
from translate_kit.messages import english
from translate_kit.model import InputFileError
from translate_kit.sources import load_text
from translate_kit.sources.po import check_syntax
from translate_kit.sources.po_scan import read_definitions, scan

REPO = Path(__file__).resolve().parent.parent
HEADER = 'msgid ""\nmsgstr ""\n"Language: ja\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'


def _problems(body: str) -> list[tuple[int, str]]:
    doc = load_text(HEADER + body, path="x.po", format="po")
    return [(line, english(reason)) for line, reason in doc.unchecked]


def test_a_message_defined_twice_is_reported_on_the_second_msgid_line_naming_the_first() -> None:
    body = 'msgid "Open"\nmsgstr "開く"\n\n#, fuzzy\nmsgid "Open"\nmsgstr "オープン"\n'
    doc = load_text(HEADER + body, path="x.po", format="po")
    assert [(line, english(reason)) for line, reason in doc.unchecked] == [
        (10, "duplicate message definition: the same msgctxt and msgid as on line 6")]
    # nothing the translator wrote is dropped: both translations are still read and checked
    assert [s.text for s in doc.segments if s.is_target] == ["開く", "オープン"]


def test_a_context_and_a_msgid_spelt_otherwise_are_still_the_same_message() -> None:
    """Continuation lines and escapes do not make two definitions different."""
    body = ('msgctxt "menu"\nmsgid "Save\\tall"\nmsgstr "a"\n\n'
            'msgctxt ""\n"me"\n"nu"\n#. a note between\nmsgid ""\n"Save\tall"\nmsgstr "b"\n')
    assert _problems(body) == [(14, "duplicate message definition: the same msgctxt and msgid as on line 7")]


@pytest.mark.parametrize("body", [
    'msgctxt "menu"\nmsgid "Open"\nmsgstr "a"\n\nmsgid "Open"\nmsgstr "b"\n',  # another context
    'msgctxt ""\nmsgid "Open"\nmsgstr "a"\n\nmsgid "Open"\nmsgstr "b"\n',  # an empty context is one
    'msgid "Open"\nmsgstr "a"\n\n#~ msgid "Open"\n#~ msgstr "b"\n',  # an obsolete entry
    '#~ msgid "Open"\n#~ msgstr "a"\n\n#~ msgid "Open"\n#~ msgstr "b"\n',
    'msgid "Open"\nmsgstr "a"\n\nmsgid "Open "\nmsgstr "b"\n',
    'msgid "Open"\nmsgstr "a"\n\nmsgid "One"\nmsgid_plural "Open"\nmsgstr[0] "b"\n',  # a plural is not a msgid
    '#| msgid "Open"\nmsgid "Opened"\nmsgstr "a"\n\nmsgid "Open"\nmsgstr "b"\n',  # a previous msgid
])
def test_messages_that_only_look_alike_are_not_duplicates(body: str) -> None:
    assert _problems(body) == []


def test_a_second_header_is_a_duplicate_of_the_first() -> None:
    assert _problems('msgid ""\nmsgstr "X-Other: 1\\n"\n') == [
        (6, "duplicate message definition: the same msgctxt and msgid as on line 1")]


def test_an_escape_gettext_does_not_know_is_reported_on_its_line() -> None:
    body = ('msgid "C:\\\\Users"\nmsgstr ""\n"C:\\Users\\\\\\q"\n\n'
            '#~ msgid "old"\n#~ msgstr "\\x"\n\nmsgid "a"\nmsgstr "\\8 \\xg"\n')
    problems = _problems(body)
    assert [line for line, _message in problems] == [8, 11, 14]  # the first of a line's
    assert problems[0][1] == "invalid escape sequence '\\U' in a string (gettext refuses it; a backslash is written '\\\\')"
    assert [message.split("'")[1] for _line, message in problems] == ["\\U", "\\x", "\\8"]


def test_the_escapes_gettext_knows_and_backslashes_in_comments_are_not_reported() -> None:
    body = ('# C:\\Users\\me\n#. see \\q\nmsgid "\\n \\t \\r \\" \\\\ \\a \\b \\f \\v"\n'
            'msgstr "\\0 \\7 \\101 \\777 \\x41 \\xfF \\\\q \\\\\\\\x"\n')
    assert _problems(body) == []


def test_the_checked_text_of_a_string_with_an_unknown_escape_is_polibs() -> None:
    doc = load_text(HEADER + 'msgid "a"\nmsgstr "x\\qy"\n', path="x.po", format="po")
    assert [s.text for s in doc.segments if s.is_target] == ["x\\qy"]


def test_writing_and_compiling_refuse_such_a_catalog() -> None:
    """`compile`, `export`, `import` read catalogs through `check_syntax`: a catalog gettext
    refuses is an input error there, never written with one of two messages dropped."""
    check_syntax(HEADER + 'msgid "a"\nmsgstr "b"\n\nmsgid "b"\nmsgstr "b"\n', "x.po")
    for body, line in (('msgid "a"\nmsgstr "b"\n\nmsgid "a"\nmsgstr "c"\n', 9), ('msgid "a"\nmsgstr "\\q"\n', 7)):
        with pytest.raises(InputFileError) as info:
            check_syntax(HEADER + body, "x.po")
        assert info.value.line == line


def test_check_and_compile_report_it_on_one_line_exit_2_and_check_the_rest(tmp_path) -> None:
    bad = tmp_path / "bad.ja.po"
    bad.write_text(HEADER + 'msgid "Open"\nmsgstr "開く"\n\nmsgid "Open"\nmsgstr "ひらく"\n\n'
                   'msgid "Save the file"\nmsgstr "ファイルを保存\\q"\n\n'
                   '#, python-format\nmsgid "Delete %(name)s"\nmsgstr "%(nom)sを削除"\n', encoding="utf-8")
    good = tmp_path / "good.ja.po"
    good.write_text(HEADER + '#, python-format\nmsgid "Add %(name)s"\nmsgstr "%(nom)sを追加"\n', encoding="utf-8")
    env = {**os.environ, "NO_COLOR": "1"}
    proc = subprocess.run([sys.executable, "-m", "translate_kit", "check", "--no-config", "--no-cache", "-f", "concise", str(tmp_path)],
                          capture_output=True, text=True, cwd=REPO, env=env, timeout=120)
    assert proc.returncode == 2, proc.stderr
    assert "Traceback" not in proc.stderr
    errors = [line for line in proc.stderr.splitlines() if str(tmp_path) in line]
    assert errors == [f"{bad}:9: duplicate message definition: the same msgctxt and msgid as on line 6",
                      f"{bad}:13: invalid escape sequence '\\q' in a string (gettext refuses it; a backslash is written '\\\\')"]
    # the rest of the bad file, and the other file, are checked
    assert f"{bad}:17:" in proc.stdout and f"{good}:8:" in proc.stdout
    proc = subprocess.run([sys.executable, "-m", "translate_kit", "compile", str(bad), str(good)],
                          capture_output=True, text=True, cwd=REPO, env=env, timeout=120)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert f"{bad}:9: duplicate message definition" in proc.stderr
    assert not (tmp_path / "bad.ja.mo").exists() and (tmp_path / "good.ja.mo").exists()


@settings(max_examples=300, deadline=None)
@given(catalogs())
def test_the_definitions_read_without_the_scanner_are_the_scanners(text: str) -> None:
    """A catalog cut into parts finds its duplicates in the definitions read from the whole
    text by one expression (each part checks its own against them): they are the scanner's."""
    try:
        scanned = scan(text, "x.po").definitions
    except InputFileError:
        return
    assert [d[:2] for d in read_definitions(text)] == [d[:2] for d in scanned]
