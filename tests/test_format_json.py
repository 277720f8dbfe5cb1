"""JSON message files: i18next nested/flat with plurals, ARB with ICU, Chrome
messages.json; pairing with the source-language file; positions; rules."""

from __future__ import annotations

from pathlib import Path

import pytest

from format_checks import assert_exact_positions
from translate_kit.model import InputFileError
from translate_kit.sources import load

DATA = Path(__file__).parent / "data" / "formats"
I18N = DATA / "i18next" / "locales"


def test_i18next_pairs_with_the_source_file_and_groups_plurals():
    doc = load(str(I18N / "ja" / "common.json"))
    assert doc.format == "json" and doc.lang == "ja" and doc.bilingual
    assert assert_exact_positions(doc, skip_kinds=("msgid", "msgid_plural")) > 60
    entries = {e.source_text("msgid"): e for e in doc.catalog_entries()}
    items = entries["{{count}} item in the cart"]
    assert items.source_text("msgid_plural") == "{{count}} items in the cart"
    assert [(t.kind, t.text) for t in items.targets] == [("msgstr[0]", "カートに {{count}} 個の商品")]
    assert "plural:other" in items.targets[0].flags and "i18next-format" in items.flags
    path = entries['Saved to "{{dir}}"\nDone'].targets[0]
    assert path.text == "「{{dir}}」に保存しました\n完了"
    assert doc.text[path.file_offset(0) : path.file_offset(1)] == "\\u300c"
    # the source text is placed at the target's key
    open_ = entries["Open the repository"]
    assert (open_.sources[0].line, open_.sources[0].column) == (3, 6)


def test_source_language_file_yields_nothing_and_unpaired_file_is_prose(tmp_path):
    assert load(str(I18N / "en" / "common.json")).segments == ()
    lone = tmp_path / "ja.json"
    lone.write_text('{"a": {"b": "ユーザーを削除"}, "c": ["一つ目", "二つ目"]}', encoding="utf-8")
    doc = load(str(lone))
    assert not doc.bilingual and doc.lang == "ja"
    assert [(s.kind, s.text, s.column) for s in doc.segments] == [
        ("prose", "ユーザーを削除", 14), ("prose", "一つ目", 32), ("prose", "二つ目", 39)
    ]


def test_json_without_a_language_in_its_path_is_not_read(tmp_path):
    config = tmp_path / "package.json"
    config.write_text('{"name": "x", // comments as tsconfig allows\n}', encoding="utf-8")
    assert load(str(config)).segments == ()


def test_json_whose_strings_are_mostly_japanese_is_read_whatever_its_name(tmp_path):
    pack = tmp_path / "vscode.git.i18n.json"
    pack.write_text('{"version": "1.0.0", "contents": {"bundle": {"Commit": "コミット", "Pull": "プル", '
                    '"Push": "プッシュ", "Sync": "同期"}}}', encoding="utf-8")
    doc = load(str(pack))
    assert doc.lang == "ja" and [s.text for s in doc.segments] == ["1.0.0", "コミット", "プル", "プッシュ", "同期"]
    manifest = tmp_path / "package.json"  # a Japanese description among its fields is no message file
    manifest.write_text('{"name": "x", "version": "1.0.0", "description": "日本語の説明", "main": "index.js", '
                        '"license": "MIT", "author": "someone"}', encoding="utf-8")
    assert load(str(manifest)).segments == ()
    broken = tmp_path / "tsconfig.json"
    broken.write_text('{"a": "一つ目", // 注釈\n "b": "二つ目", "c": "三つ目"}', encoding="utf-8")
    assert load(str(broken)).segments == ()


def test_arb_icu_notes_and_locale():
    doc = load(str(DATA / "arb" / "app_ja.arb"))
    assert doc.lang == "ja" and doc.bilingual
    entries = doc.catalog_entries()
    assert [e.comment for e in entries] == ["Title of the mail list", "Unread counter", ""]
    assert all("icu-format" in e.flags for e in entries)
    assert load(str(DATA / "arb" / "app_en.arb")).segments == ()


def test_chrome_messages():
    doc = load(str(DATA / "chrome" / "_locales" / "ja" / "messages.json"))
    (name, sorted_) = doc.catalog_entries()
    assert name.comment == "Name of the extension" and "chrome-format" in sorted_.flags
    assert sorted_.targets[0].text == "$COUNT$ 個のタブを並べ替えました"
    assert (sorted_.targets[0].line, sorted_.targets[0].column) == (3, 26)


def test_malformed_json_names_the_line(tmp_path):
    bad = tmp_path / "ja.json"
    bad.write_text('{\n  "a": "x",\n  "b": "y"\n  "c": 1\n}\n', encoding="utf-8")
    with pytest.raises(InputFileError) as info:
        load(str(bad))
    assert info.value.line == 4 and "malformed JSON" in info.value.message


def test_a_number_past_int_digit_limit_is_still_json(tmp_path):
    """JSON numbers have no length limit, Python's int() has one (a ValueError that is no
    JSONDecodeError): the file is read, its strings checked."""
    lone = tmp_path / "ja.json"
    lone.write_text('{"n": 1' + "0" * 5000 + ', "a": "ユーザーを削除"}', encoding="utf-8")
    assert [s.text for s in load(str(lone)).segments] == ["ユーザーを削除"]


def test_a_lone_surrogate_escape_is_an_input_error_and_a_pair_one_character(tmp_path):
    """json.loads decodes `\\ud800` to half a character, which no text can hold (the
    tokenizer failed with a traceback): the file is refused at the escape's line."""
    lone = tmp_path / "ja.json"
    lone.write_text('{"a": "x\\ud83d\\ude00y",\n "b": "x\\uDC00y"}', encoding="utf-8")
    with pytest.raises(InputFileError) as info:
        load(str(lone))
    assert info.value.line == 2 and "\\uDC00 is half of a UTF-16 surrogate pair" in info.value.message
    lone.write_text('{"a": "x\\ud83d\\ude00y"}', encoding="utf-8")
    assert [s.text for s in load(str(lone)).segments] == ["x\U0001F600y"]


def _tree(tmp_path: Path, files: dict[str, str]) -> list[str]:
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    return [str(tmp_path)]


def test_rules_fire_on_seeded_problems_and_not_on_clean_files(tmp_path, engine):
    from translate_kit.options import CheckOptions
    from translate_kit.run import check_paths

    clean = check_paths([str(DATA / "i18next"), str(DATA / "arb"), str(DATA / "chrome")], CheckOptions(), engine=engine)
    assert not clean.findings and not clean.errors
    ja = (I18N / "ja" / "common.json").read_text()
    files = {
        "locales/en/common.json": (I18N / "en" / "common.json").read_text(),
        "locales/ja/common.json": ja.replace("{{name}}さん", "{{nmae}}さん"),
        "locales/ru/common.json": '{"items_one": "{{count}} товар", "items_other": "{{count}} товаров"}',
        "l10n/app_en.arb": (DATA / "arb" / "app_en.arb").read_text(),
        "l10n/app_ru.arb": '{"unread": "{count, plural, one {{count} письмо} other {{count} писем}}", "hello": "Привет"}',
    }
    result = check_paths(_tree(tmp_path, files), CheckOptions(), engine=engine)
    got = sorted((f.rule, Path(f.path).name, f.line, f.column, f.expected) for f in result.findings)
    assert got == [
        ("placeholder-mismatch", "app_ru.arb", 1, 85, "{userName}"),
        ("placeholder-mismatch", "common.json", 5, 24, "{{name}}"),
        ("plural-forms", "app_ru.arb", 1, 13, "few, many"),
        ("plural-forms", "common.json", 1, 50, "few, many"),
    ], got
