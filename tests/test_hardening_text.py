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
