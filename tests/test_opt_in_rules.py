"""A rule still proving its precision (`Rule.default_enabled` false) runs only when asked
for by name: --select, or `enabled = true` in the config."""

from __future__ import annotations

import yaml

from translate_kit.config import Config, RuleConfig
from translate_kit.options import CheckOptions, RuleSettings
from translate_kit.rules import get_rule
from translate_kit.run import check_paths

RULE = "translation-inconsistent"


def _catalog(tmp_path) -> str:
    cases = yaml.safe_load(open("tests/rules/translation-inconsistent.yml", encoding="utf-8"))["cases"]
    flagged = next(c for c in cases if c.get("findings"))
    path = tmp_path / flagged["file"]
    path.write_text(flagged["text"], encoding="utf-8")
    return str(path)


def test_an_opt_in_rule_is_off_by_default_and_on_when_selected(tmp_path, engine):
    assert not get_rule(RULE).default_enabled
    path = _catalog(tmp_path)
    default = check_paths([path], CheckOptions(), engine=engine)
    assert RULE not in {f.rule for f in default.findings}
    selected = check_paths([path], CheckOptions(rules=RuleSettings(select=frozenset({RULE}))), engine=engine)
    assert RULE in {f.rule for f in selected.findings}


def test_the_config_enables_an_opt_in_rule_beside_the_default_ones(tmp_path, engine):
    path = _catalog(tmp_path)
    config = Config(rules=((RULE, RuleConfig(enabled=True)),))
    result = check_paths([path], config.to_check_options(), engine=engine)
    assert RULE in {f.rule for f in result.findings}
    ignored = Config(rules=((RULE, RuleConfig(enabled=True)),), ignore=frozenset({RULE}))
    assert RULE not in {f.rule for f in check_paths([path], ignored.to_check_options(), engine=engine).findings}
