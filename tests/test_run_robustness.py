"""A crashing rule is an error, never a silent pass; untranslated entries are counted."""

from __future__ import annotations

from translate_kit.model import Severity
from translate_kit.options import CheckOptions
from translate_kit.rules import all_rules
from translate_kit.rules.base import Rule, RuleDoc
from translate_kit.run import check_paths, exit_code


def _boom(ctx):
    raise RuntimeError("rule bug")
    yield  # pragma: no cover


def test_crashing_rule_is_reported_and_fails_the_run(tmp_path, engine):
    f = tmp_path / "doc.txt"
    f.write_text("今日は晴れです。\n", encoding="utf-8")
    crashing = Rule(id="crashy", severity=Severity.WARNING, summary="s", doc=RuleDoc("w", "y", "b", "g"), check=_boom)
    result = check_paths([str(f)], CheckOptions(), engine=engine, rules=[*all_rules(), crashing])
    assert any("crashy" in e.message and "rule bug" in e.message for e in result.errors)
    assert exit_code(result, Severity.WARNING) == 2


def test_untranslated_entries_are_counted(tmp_path, engine):
    po = tmp_path / "app.po"
    po.write_text('msgid ""\nmsgstr ""\n"Language: ja\\n"\n\nmsgid "Save"\nmsgstr ""\n\nmsgid "Open"\nmsgstr "開く"\n', encoding="utf-8")
    result = check_paths([str(po)], CheckOptions(), engine=engine)
    assert result.untranslated == 1
    assert not result.findings
