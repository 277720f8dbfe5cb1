"""Characters that once stopped a whole run: enclosed and compatibility characters that
Sudachi expands into several morphemes, some with an empty surface (issue #17)."""

from __future__ import annotations

import pytest

from translate_kit.pipeline import CheckOptions
from translate_kit.run import check_paths
from translate_kit.scripts import is_hiragana_char, is_kanji_char, is_katakana_char, is_latin_char

ENCLOSED = ["⑴", "⒇", "⒈", "⒛", "⒜", "㍘", "㍰", "㏠", "㏾"]


def test_an_empty_string_belongs_to_no_script():
    for test in (is_katakana_char, is_hiragana_char, is_kanji_char, is_latin_char):
        assert test("") is False


@pytest.mark.parametrize("char", ENCLOSED)
@pytest.mark.parametrize("name", ["doc.txt", "doc.md"])
def test_enclosed_characters_before_japanese_are_checked(tmp_path, engine, char, name):
    f = tmp_path / name
    f.write_text(f"{char}はじめに\n{char}ベナールさんが来た。\n", encoding="utf-8")
    result = check_paths([str(f)], CheckOptions(), engine=engine)
    assert result.errors == ()
    assert result.files == 1
    assert any(u.mention.surface == "ベナール" for u in result.context.mentions)


def test_enclosed_characters_in_a_catalog(tmp_path, engine):
    po = tmp_path / "app.po"
    po.write_text('msgid ""\nmsgstr ""\n"Language: ja\\n"\n\nmsgid "(1) Intro"\nmsgstr "⑴はじめに"\n', encoding="utf-8")
    result = check_paths([str(po)], CheckOptions(), engine=engine)
    assert result.errors == ()
    assert result.segments >= 1


@pytest.mark.parametrize("text, line, reason", [
    ("ユーザーが来た。\n\n```\ncode\n\nユーザが来た。\n", 3, "code fence never closed"),
    ("ユーザーが来た。\n\n<!-- a note\n\nユーザが来た。\n", 3, "HTML comment never closed"),
    ("ユーザーが来た。\n\n" + "".join(">" * i + " ユーザが来た。\n" for i in range(1, 30)), 19, "nested deeper"),
])
def test_markdown_that_is_not_checked_says_so(tmp_path, engine, text, line, reason):
    f = tmp_path / "doc.md"
    f.write_text(text, encoding="utf-8")
    result = check_paths([str(f)], CheckOptions(), engine=engine)
    assert [(e.line, reason in e.message) for e in result.errors] == [(line, True)]
    assert result.segments >= 1  # what comes before is still checked


@pytest.mark.parametrize("text", [
    "前。\n\n```\ncode\n```\n", "前。\n\n~~~~\ncode\n~~~~~", "前。\n\n<!-- note -->\n\n後ろ。\n",
    "# 見出し\n\n- a\n  - b\n    - c\n      > d\n      > > e\n",
])
def test_closed_fences_comments_and_usual_nesting_are_fine(tmp_path, engine, text):
    f = tmp_path / "doc.md"
    f.write_text(text, encoding="utf-8")
    assert check_paths([str(f)], CheckOptions(), engine=engine).errors == ()
