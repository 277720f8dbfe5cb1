"""Pairing key files with their source-language files: conventions, the config's
`source-files`, keys the source lacks, and a cache that follows the source file."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from translate_kit.sources import load
from translate_kit.sources.pairing import language_of, source_file

REPO = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(
    "target, source",
    [
        ("res/values-ja/strings.xml", "res/values/strings.xml"),
        ("res/values-ja-rJP/strings.xml", "res/values/strings.xml"),
        ("ja.lproj/Localizable.strings", "en.lproj/Localizable.strings"),
        ("public/locales/ja/common.json", "public/locales/en/common.json"),
        ("i18n/ja.json", "i18n/en.json"),
        ("lib/l10n/app_ja.arb", "lib/l10n/app_en.arb"),
        ("_locales/ja/messages.json", "_locales/en/messages.json"),
        ("config/locales/ja.yml", "config/locales/en.yml"),
        ("i18n/ja-JP.json", "i18n/en-US.json"),
        ("Resources/Japanese.lproj/Localizable.strings", "Resources/English.lproj/Localizable.strings"),
    ],
)
def test_conventions(tmp_path, target, source):
    for name in (target, source):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("{}", encoding="utf-8")
    assert source_file(str(tmp_path / target), "en") == str(tmp_path / source)


@pytest.mark.parametrize("path", ["src/app/main.json", "web/api.json", "values-v21/strings.xml", "docs/index.json",
                                  "Resources/Main.lproj/Localizable.strings"])
def test_words_are_not_languages(path):
    assert language_of(path) is None


def test_configured_source_file_and_keys_the_source_lacks(tmp_path):
    (tmp_path / "translations").mkdir()
    (tmp_path / "translations" / "main.json").write_text('{"open": "Open the repository"}', encoding="utf-8")
    (tmp_path / "translations" / "ja.json").write_text('{"open": "リポジトリを開く", "extra": "余分な文"}', encoding="utf-8")
    pairs = ((str(tmp_path / "translations" / "*.json"), str(tmp_path / "translations" / "main.json")),)
    unpaired = load(str(tmp_path / "translations" / "ja.json"))
    assert not unpaired.bilingual
    doc = load(str(tmp_path / "translations" / "ja.json"), source_files=pairs)
    (entry,) = doc.catalog_entries()
    assert entry.source_text("msgid") == "Open the repository"
    assert [(s.kind, s.text) for s in doc.segments if s.entry is None] == [("prose", "余分な文")]
    assert load(str(tmp_path / "translations" / "main.json"), source_files=pairs).segments == ()


def test_config_key_and_cache_that_follows_the_source_file(tmp_path):
    (tmp_path / "translate-kit.toml").write_text('source-files = {"tr/*.json" = "tr/main.json"}\n', encoding="utf-8")
    (tmp_path / "tr").mkdir()
    (tmp_path / "tr" / "main.json").write_text('{"greet": "Hello, {{name}}"}', encoding="utf-8")
    (tmp_path / "tr" / "ja.json").write_text('{"greet": "こんにちは、{{name}}さん"}', encoding="utf-8")

    def check() -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "-m", "translate_kit", "check", "--format", "concise", "tr"],
            capture_output=True, text=True, cwd=tmp_path, env={**os.environ, "NO_COLOR": "1"}, timeout=120,
        )

    first = check()
    assert first.returncode == 0, first.stdout + first.stderr
    # only the source changes: the cached result of ja.json must not be reused
    (tmp_path / "tr" / "main.json").write_text('{"greet": "Hello, {{user}}"}', encoding="utf-8")
    second = check()
    assert second.returncode == 1 and "tr/ja.json:1:18: error placeholder-mismatch" in second.stdout, second.stdout + second.stderr
    shown = subprocess.run([sys.executable, "-m", "translate_kit", "config"], capture_output=True, text=True, cwd=tmp_path)
    assert "source-files = {" in shown.stdout and "main.json" in shown.stdout


def test_an_lproj_named_by_the_language_in_english_is_that_language(tmp_path):
    """Older bundles (GNUstep, early Mac OS X) name `Japanese.lproj` and `English.lproj`:
    the translation pairs with its source, so its placeholders are compared."""
    for lang, text in (("English", '"Sent %@" = "Sent %@";'), ("Japanese", '"Sent %@" = "送信済み";')):
        (tmp_path / f"{lang}.lproj").mkdir()
        (tmp_path / f"{lang}.lproj" / "Localizable.strings").write_text(text, encoding="utf-8")
    assert language_of(str(tmp_path / "Japanese.lproj" / "Localizable.strings")) == "ja"
    assert load(str(tmp_path / "English.lproj" / "Localizable.strings")).segments == ()
    entries = load(str(tmp_path / "Japanese.lproj" / "Localizable.strings")).catalog_entries()
    assert [(e.source_text("msgid"), e.targets[0].text) for e in entries] == [("Sent %@", "送信済み")]


def test_a_key_the_source_leaves_empty_is_prose(tmp_path, engine):
    """SOGo's English `"longDateFmt_4" = "";` is a slot for a locale's own date format: the
    Japanese "%Y年%B%e日 %A" follows no source, so no placeholder is missing from one."""
    for lang, text in (("en", '"fmt" = "";\n"sent" = "Sent %@";'), ("ja", '"fmt" = "%Y年%B%e日 %A";\n"sent" = "送信済み %@";')):
        (tmp_path / f"{lang}.lproj").mkdir()
        (tmp_path / f"{lang}.lproj" / "Localizable.strings").write_text(text, encoding="utf-8")
    doc = load(str(tmp_path / "ja.lproj" / "Localizable.strings"))
    assert [e.source_text("msgid") for e in doc.catalog_entries()] == ["Sent %@"]
    assert [(s.kind, s.text) for s in doc.segments if s.entry is None] == [("prose", "%Y年%B%e日 %A")]
    from translate_kit.options import CheckOptions
    from translate_kit.run import check_paths

    assert not check_paths([str(tmp_path)], CheckOptions(), engine=engine).findings
