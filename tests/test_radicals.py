"""radical-character beyond its YAML cases: a key file's value its source leaves empty, and
`fix` writing the kanji back."""

from __future__ import annotations

from pathlib import Path

from translate_kit.fix import fix_text
from translate_kit.options import CheckOptions, RuleSettings
from translate_kit.rules.radicals import kanji_for
from translate_kit.run import check_paths


def test_a_value_its_source_leaves_empty_is_checked(tmp_path: Path, engine) -> None:
    (tmp_path / "en.lproj").mkdir()
    (tmp_path / "ja.lproj").mkdir()
    (tmp_path / "en.lproj" / "Localizable.strings").write_text('"date" = "";\n"title" = "Calendar";\n', encoding="utf-8")
    ja = tmp_path / "ja.lproj" / "Localizable.strings"
    ja.write_text('"date" = "%Y年%m月%d⽇";\n"title" = "カレンダー";\n', encoding="utf-8")
    options = CheckOptions(rules=RuleSettings(select=frozenset({"radical-character"})))
    result = check_paths([str(tmp_path)], options, engine=engine)
    assert [(f.line, f.found, f.expected) for f in result.findings] == [(1, "⽇", "日")]


def test_fix_writes_the_kanji(tmp_path: Path, engine) -> None:
    doc = tmp_path / "a.md"
    doc.write_text("⽇本語の⼊⼒です。\n", encoding="utf-8")
    options = CheckOptions(rules=RuleSettings(select=frozenset({"radical-character"})))
    findings = check_paths([str(doc)], options, engine=engine).findings
    result = fix_text(doc.read_text(encoding="utf-8"), list(findings), str(doc))
    assert result.text == "日本語の入力です。\n" and len(result.applied) == 3


def test_kanji_for_maps_only_to_unified_ideographs() -> None:
    assert kanji_for("⽇") == "日" and kanji_for("⺟") == "母"
    assert kanji_for("⺅") == ""  # a variant shape with no kanji of its own


def test_a_radical_without_a_kanji_offers_no_replacement(tmp_path: Path, engine) -> None:
    """No expected form, so no SARIF fix that would delete the character, no empty 'expected:'."""
    from translate_kit.report.base import ReportInput
    from translate_kit.report.sarif import render
    from translate_kit.rules import all_rules

    doc = tmp_path / "a.md"
    doc.write_text("⺅の形です。\n", encoding="utf-8")
    options = CheckOptions(rules=RuleSettings(select=frozenset({"radical-character"})))
    result = check_paths([str(doc)], options, engine=engine)
    assert [(f.found, f.expected) for f in result.findings] == [("⺅", None)]
    report = ReportInput(findings=result.findings, errors=(), rules=all_rules(), tool_version="0")
    assert '"fixes"' not in render(report)
