"""The tool's own messages in Japanese: `--ui-lang ja` or a Japanese locale in the
environment; the catalog is complete, current, and passes our own checks and msgfmt."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import polib
import pytest

from catalog_util import REPO, msgfmt_check, needs_msgfmt, run
from translate_kit.i18n import ui_language

POT = REPO / "locales" / "translate_kit.pot"
JA = REPO / "locales" / "ja" / "LC_MESSAGES" / "translate_kit.po"


def _cli(*args, env=None):
    environ = {k: v for k, v in os.environ.items() if k not in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")}
    environ.update(env or {})
    return subprocess.run([sys.executable, "-m", "translate_kit", *map(str, args)], cwd=REPO, env=environ,
                          capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize(("argv", "env", "expected"), [
    ([], {}, None),
    ([], {"LANG": "ja_JP.UTF-8"}, "ja"),
    ([], {"LANG": "C"}, None),
    ([], {"LANG": "ja_JP.UTF-8", "LC_ALL": "en_US.UTF-8"}, None),
    ([], {"LANGUAGE": "ja:en", "LANG": "en_US.UTF-8"}, "ja"),
    (["--ui-lang", "ja", "check"], {"LANG": "en_US.UTF-8"}, "ja"),
    (["--ui-lang=en", "check"], {"LANG": "ja_JP.UTF-8"}, None),
    (["check", "--ui-lang", "ja"], {}, None),  # after the subcommand it is not ours
])
def test_ui_language(argv, env, expected):
    assert ui_language(argv, env) == expected


def test_japanese_environment_gives_japanese_help():
    done = _cli("--help", env={"LANG": "ja_JP.UTF-8"})
    assert done.returncode == 0
    assert "日本語の翻訳の一貫性を保つ: 固有名詞、用語集の用語、表記ゆれ。" in done.stdout
    assert "PATHS（ファイルまたはディレクトリ）をまとめて一度に検査する。" in done.stdout


def test_ui_lang_option_wins_over_the_environment():
    ja = _cli("--ui-lang", "ja", "export", "--help", env={"LANG": "en_US.UTF-8"})
    assert "文書（テキスト、Markdown）を gettext カタログにする。" in ja.stdout
    assert "値を翻訳する YAML フロントマターのキー" in ja.stdout
    en = _cli("--ui-lang", "en", "export", "--help", env={"LANG": "ja_JP.UTF-8"})
    assert "Turn documents (text, Markdown) into gettext catalogs" in en.stdout
    fr = _cli("export", "--help", env={"LANG": "fr_FR.UTF-8"})  # no French catalog: English
    assert "Turn documents (text, Markdown) into gettext catalogs" in fr.stdout


def test_messages_of_a_command_are_translated(tmp_path):
    doc = tmp_path / "a.md"
    doc.write_text("One paragraph.\n", encoding="utf-8")
    exported = _cli("export", doc, "-d", tmp_path / "out", "-l", "fr", "--no-config", env={"LANG": "ja_JP.UTF-8"})
    assert "1 エントリー（書き出し済み）" in exported.stderr
    done = _cli("import", tmp_path / "out" / "fr" / "LC_MESSAGES" / "messages.po", "--into", doc, "-o", tmp_path / "b.md",
                env={"LANG": "ja_JP.UTF-8"})
    assert done.stderr.strip() == ("translate-kit: 1 単位のうち 0 単位を翻訳しました。1 単位は原文の言語のままです"
                                   "（未翻訳 1、fuzzy 0、カタログにない 0）")


def test_reports_keep_english_rule_ids():
    done = _cli("--ui-lang", "ja", "check", "examples/", "-f", "json", "-q", "--no-cache")
    rules = {f["rule"] for f in json.loads(done.stdout)["findings"]}
    assert rules and rules <= {"entity-inconsistent", "glossary-deprecated", "glossary-nonpreferred", "orthographic-variant",
                               "term-missing", "placeholder-mismatch", "markup-mismatch", "plural-forms", "term-inconsistent"}


def test_the_japanese_catalog_is_complete_and_current(tmp_path):
    """Every message the code has is in the template, and translated (not fuzzy) in ja."""
    from babel.messages.extract import extract_from_dir
    from babel.messages.frontend import parse_mapping_cfg

    with open(REPO / "babel.cfg", encoding="utf-8") as handle:
        method_map, options_map = parse_mapping_cfg(handle)
    extracted = {message[0] if isinstance(message, tuple) else message  # (singular, plural) of msg_n
                 for _file, _line, message, _comments, _context in extract_from_dir(str(REPO), method_map, options_map)}
    template = {e.msgid for e in polib.pofile(str(POT)) if e.msgid}
    assert extracted == template, "run `make messages` and translate the new strings"
    ja = polib.pofile(str(JA))
    assert {e.msgid for e in ja if not e.obsolete} == template
    assert ja.percent_translated() == 100 and not ja.fuzzy_entries()
    assert ja.metadata["Language"] == "ja" and ja.metadata["Plural-Forms"].startswith("nplurals=1;")


def test_the_japanese_catalog_passes_our_own_checks(tmp_path):
    result = run("check", REPO / "locales", "-g", REPO / "glossary" / "ai-news.csv", "--no-config", "--no-cache", "-q")
    assert result.exit_code == 0, result.stdout
    copy = tmp_path / "locales"
    shutil.copytree(REPO / "locales", copy)
    assert run("compile", "--check", copy).exit_code == 0


@needs_msgfmt
def test_the_message_catalogs_pass_msgfmt():
    msgfmt_check(POT)
    msgfmt_check(JA)


def test_findings_read_in_japanese_while_json_and_sarif_stay_english():
    text = _cli("--ui-lang", "ja", "check", "examples/", "-q", "--no-cache", "--color", "never")
    assert "は用語集で非推奨（user）。ユーザー と書く" in text.stdout
    assert "12 行目で初出の人物 Tomás Herrera と同じと思われる。Herrera と書く" in text.stdout
    assert "(≈" not in text.stdout and "is deprecated in the glossary" not in text.stdout  # no romanized readings, no English
    english = _cli("check", "examples/", "-q", "--no-cache", "-f", "concise")
    assert "ヘレラ (≈ herera) looks like the same person as Tomás Herrera" in english.stdout
    for fmt in ("json", "sarif"):
        done = _cli("--ui-lang", "ja", "check", "examples/", "-q", "--no-cache", "-f", fmt)
        report = json.loads(done.stdout)
        messages = ([f["message"] for f in report["findings"]] if fmt == "json"
                    else [r["message"]["text"] for r in report["runs"][0]["results"]])
        assert any("ユーザ is deprecated in the glossary (user); write ユーザー" == m for m in messages)
        assert not any("用語集" in m for m in messages)


def test_rule_docs_in_japanese():
    done = _cli("--ui-lang", "ja", "rule", "placeholder-mismatch")
    assert "理由: プレースホルダーの名前の変更、欠落、余分は" in done.stdout
    listed = _cli("rules", env={"LANG": "ja_JP.UTF-8"})
    assert "カタログの訳文のマークアップが原文と異なる" in listed.stdout


def test_a_message_shows_readings_only_to_readers_of_latin_script():
    from translate_kit.messages import ENGLISH, Localizer, Reading, msg, msg_n
    from translate_kit.i18n import translation

    message = msg("{form} looks like the same {kind} as {canonical}, introduced at {where}; write {expected}",
                  form=Reading("ヘレラ", "herera"), kind=msg("person"), canonical="Herrera", where=msg("line {line}", line=3),
                  expected="Herrera")
    assert message.english() == "ヘレラ (≈ herera) looks like the same person as Herrera, introduced at line 3; write Herrera"
    ja = Localizer(translation("ja"), readings=False)
    assert ja.text(message) == "ヘレラ は 3 行目で初出の人物 Herrera と同じと思われる。Herrera と書く"
    assert ENGLISH.text(msg_n("{n} time (vs {m})", "{n} times (vs {m})", 1, m=0)) == "1 time (vs 0)"
    assert ENGLISH.text(msg_n("{n} time (vs {m})", "{n} times (vs {m})", 2, m=1)) == "2 times (vs 1)"


def test_input_errors_read_in_japanese_while_json_stays_english(tmp_path):
    bad = tmp_path / "bad.ja.po"
    bad.write_text('msgid "a"\nmsgstr "b"\n"oops\n', encoding="utf-8")
    ja = _cli("--ui-lang", "ja", "check", bad, "--no-config", "--no-cache", "-q")
    assert ja.returncode == 2
    assert ja.stderr.strip().splitlines() == [f"{bad}:3: 文字列が閉じていません"]
    english = _cli("check", bad, "--no-config", "--no-cache", "-q")
    assert english.stderr.strip() == f"{bad}:3: unterminated string"
    report = json.loads(_cli("--ui-lang", "ja", "check", bad, "--no-config", "--no-cache", "-q", "-f", "json").stdout)
    assert [e["message"] for e in report["errors"]] == ["unterminated string"]


def test_an_undecodable_file_names_the_encoding_to_pass_in_japanese(tmp_path):
    doc = tmp_path / "old.ja.txt"
    doc.write_bytes("最初の行です。\n二行目はシフトJISで書かれています。\n".encode("cp932"))
    done = _cli("--ui-lang", "ja", "check", doc, "--no-config", "--no-cache", "-q")
    assert done.returncode == 2
    assert done.stderr.strip().startswith(f"{doc}:1: 1 行目 1 桁目を UTF-8 としてデコードできません。")
    assert "--encoding cp932 を指定してください" in done.stderr


def test_config_errors_and_report_labels_in_japanese(tmp_path):
    (tmp_path / "translate-kit.toml").write_text('fail-on = "sometimes"\n', encoding="utf-8")
    doc = tmp_path / "a.ja.txt"
    doc.write_text("短い文です。\n", encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "translate_kit", "--ui-lang", "ja", "check", "a.ja.txt", "--no-cache"],
                          cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert done.returncode == 2
    assert done.stderr.strip() == ("translate-kit.toml:1: 'fail-on': 'error', 'warning', 'info', 'never' のいずれか"
                                   " でなければなりません（'sometimes' は使えません）")
    text = _cli("--ui-lang", "ja", "check", "examples/", "-q", "--no-cache", "--color", "never")
    assert "(指摘 1 件)" in text.stdout and "  期待値: ユーザー" in text.stdout
    assert text.stdout.rstrip().endswith("2 ファイル中 2 ファイルで指摘 4 件（エラー 2 件、警告 2 件、情報 0 件）")


def test_entities_listing_labels_in_japanese():
    ja = _cli("--ui-lang", "ja", "entities", "examples/")
    en = _cli("--ui-lang", "en", "entities", "examples/")
    assert "リスボン  [place]  2 回出現  （ID: リスボン）" in ja.stdout.splitlines()
    assert "リスボン  [place]  2 mentions  (id: リスボン)" in en.stdout.splitlines()


def test_unchecked_markdown_and_export_refusals_in_japanese(tmp_path):
    doc = tmp_path / "open.ja.md"
    doc.write_text("本文です。\n\n```\nコードが閉じない\n", encoding="utf-8")
    done = _cli("--ui-lang", "ja", "check", doc, "--no-config", "--no-cache", "-q")
    assert done.returncode == 2
    assert done.stderr.strip() == f"{doc}:3: コードフェンスが閉じていません: ファイルの残りはコードとみなし、検査しません"
    catalog = tmp_path / "a.po"
    catalog.write_text('msgid ""\nmsgstr ""\n', encoding="utf-8")
    refused = _cli("--ui-lang", "ja", "export", catalog, "-d", tmp_path / "out", "-l", "fr", "--no-config")
    assert f"{catalog}: カタログは書き出す文書ではありません（テキストか Markdown のファイルを指定してください）" in refused.stderr
