"""Apple .strings/.stringsdict/.xcstrings and Rails YAML: entries, positions, pairing,
plural categories, notes, rules."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from format_checks import assert_exact_positions
from translate_kit.model import InputFileError
from translate_kit.options import CheckOptions
from translate_kit.run import check_paths
from translate_kit.sources import load

DATA = Path(__file__).parent / "data" / "formats"
APPLE = DATA / "apple"
RAILS = DATA / "rails" / "config" / "locales"
SOURCES = ("msgid", "msgid_plural")  # a paired file's source text stands at the target's key


def test_strings_pairs_by_lproj_with_notes_and_escapes():
    doc = load(str(APPLE / "ja.lproj" / "Localizable.strings"))
    assert doc.format == "strings" and doc.lang == "ja"
    assert assert_exact_positions(doc, skip_kinds=SOURCES) > 30
    entries = doc.catalog_entries()
    assert [e.comment for e in entries] == ["Title of the sync screen", "", "A button"]
    done = entries[1].targets[0]
    assert done.text == "%1$lld 件のノートを「%2$@」に同期しました" and "objc-format" in entries[1].flags
    assert doc.text[done.file_offset(done.text.index("「")) :].startswith("\\U300C")
    assert load(str(APPLE / "en.lproj" / "Localizable.strings")).segments == ()


def test_utf16_strings_without_a_source_is_prose():
    doc = load(str(APPLE / "ja.lproj" / "InfoPlist.strings"))
    assert [(s.kind, s.text, s.line, s.column) for s in doc.segments] == [("prose", "ポケットノート", 1, 26)]


def test_strings_surrogate_escapes_pair_up_and_a_lone_one_is_an_input_error(tmp_path):
    """`\\UD83D\\UDE00` is one character (UTF-16 escapes, as NSString writes them); a half
    pair decodes to nothing the tokenizer can take, so it is refused at its line."""
    lproj = tmp_path / "ja.lproj"
    lproj.mkdir()
    good = lproj / "Pair.strings"
    good.write_text('"a" = "x\\UD83D\\UDE00y";\n', encoding="utf-8")
    (target,) = load(str(good)).segments
    assert target.text == "x\U0001F600y" and target.column == 8
    bad = lproj / "Lone.strings"
    bad.write_text('"a" = "ok";\n"b" = "x\\UD800y";\n', encoding="utf-8")
    with pytest.raises(InputFileError) as info:
        load(str(bad))
    assert info.value.line == 2 and "\\UD800 is half of a UTF-16 surrogate pair" in info.value.message


def test_stringsdict_plural_categories():
    doc = load(str(APPLE / "ja.lproj" / "Localizable.stringsdict"))
    assert assert_exact_positions(doc, skip_kinds=SOURCES) > 10
    plural = next(e for e in doc.catalog_entries() if e.source_text("msgid_plural"))
    assert plural.source_text("msgid") == "%lld note" and plural.targets[0].flags[-1] == "plural:other"


def test_xcstrings_source_key_plural_and_review_state():
    doc = load(str(APPLE / "Localizable.xcstrings"))
    assert doc.lang == "ja" and assert_exact_positions(doc) > 40
    entries = doc.catalog_entries(include_fuzzy=True)
    assert [e.source_text("msgid") for e in entries] == ["Delete %@?", "%lld file", "Open the repository"]
    assert entries[0].comment == "Confirmation title" and "fuzzy" in entries[2].flags
    assert len(doc.catalog_entries()) == 2


def test_rails_yaml_keys_plurals_folded_text_and_notes():
    doc = load(str(RAILS / "ja.yml"))
    assert doc.format == "yaml" and doc.lang == "ja"
    assert assert_exact_positions(doc, skip_kinds=SOURCES) > 50
    entries = {e.source_text("msgid"): e for e in doc.catalog_entries()}
    assert entries["%{count} note"].targets[0].flags == ("plural:other",)
    folded = entries["Open the repository to start.\n"]
    assert folded.targets[0].text == "リポジトリを開いて 始めます。\n" and (folded.targets[0].line, folded.targets[0].column) == (7, 5)
    assert folded.comment == "translate-kit: ignore[orthographic-variant]"
    assert load(str(RAILS / "en.yml")).segments == ()


def test_yaml_that_is_not_a_locale_file_is_not_read(tmp_path):
    ci = tmp_path / "workflow.yml"
    ci.write_text("on: [push]\njobs: {build: {runs-on: ubuntu-latest}}\n", encoding="utf-8")
    assert load(str(ci)).segments == ()


def test_rules_fire_on_seeded_problems_and_not_on_clean_files(tmp_path, engine):
    clean = check_paths([str(APPLE), str(RAILS)], CheckOptions(), engine=engine)
    assert not clean.findings and not clean.errors
    for d in ("en.lproj", "ja.lproj", "locales"):
        (tmp_path / d).mkdir()
    (tmp_path / "en.lproj" / "Localizable.strings").write_text((APPLE / "en.lproj" / "Localizable.strings").read_text(), encoding="utf-8")
    (tmp_path / "ja.lproj" / "Localizable.strings").write_text(
        (APPLE / "ja.lproj" / "Localizable.strings").read_text().replace("%@ と同期", "%s と同期"), encoding="utf-8")
    (tmp_path / "locales" / "en.yml").write_text((RAILS / "en.yml").read_text(), encoding="utf-8")
    (tmp_path / "locales" / "ja.yml").write_text((RAILS / "ja.yml").read_text().replace("%{name}さん", "%{nom}さん"), encoding="utf-8")
    result = check_paths([str(tmp_path)], CheckOptions(), engine=engine)
    got = sorted((f.rule, Path(f.path).name, f.line, f.column, f.expected) for f in result.findings)
    assert got == [
        ("placeholder-mismatch", "Localizable.strings", 2, 17, "%@"),
        ("placeholder-mismatch", "ja.yml", 2, 20, "%{name}"),
    ], got


def test_a_plural_form_for_one_or_zero_may_write_its_number(tmp_path, engine):
    """Rails' `one: 1 project` and `zero: no projects` say their number in words or a digit:
    a translation's `one` and `zero` forms may too, where the language's "one" is 1 alone
    (not Russian's 1, 21, 31 …); its `other` form must keep %{count}."""
    (tmp_path / "en.yml").write_text(
        "en:\n  projects:\n    zero: no projects\n    one: 1 project\n    other: \"%{count} projects\"\n", encoding="utf-8")
    (tmp_path / "ja.yml").write_text(
        "ja:\n  projects:\n    zero: プロジェクトはありません\n    one: 1プロジェクト\n    other: \"%{count}プロジェクト\"\n", encoding="utf-8")
    assert not check_paths([str(tmp_path)], CheckOptions(), engine=engine).findings
    (tmp_path / "ja.yml").write_text(
        "ja:\n  projects:\n    one: 1プロジェクト\n    other: 複数のプロジェクト\n", encoding="utf-8")
    found = sorted((f.rule, os.path.basename(f.path), f.line) for f in check_paths([str(tmp_path)], CheckOptions(), engine=engine).findings)
    assert found == [("placeholder-mismatch", "ja.yml", 4)]
