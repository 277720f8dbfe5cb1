"""The rule registry: every rule the tool knows, in one place.

Adding a rule touches three files: its module, the line below, and its cases in
`tests/rules/<rule-id>.yml`. Rule ids never die: a renamed rule keeps its old id in
`aliases`, because ids live in users' configs and suppression comments.
"""

from __future__ import annotations

from translate_kit.rules import (
    entity, glossary, invisible, markup, orthographic, placeholders, plurals, radicals, term_inconsistent, term_missing,
    translation_inconsistent, untranslated,
)
from translate_kit.rules.base import Rule, RuleDoc

RULES: tuple[Rule, ...] = (
    entity.RULE,
    glossary.NONPREFERRED,
    glossary.DEPRECATED,
    orthographic.RULE,
    placeholders.RULE,
    markup.RULE,
    invisible.RULE,
    radicals.RULE,
    plurals.RULE,
    term_missing.RULE,
    term_inconsistent.RULE,
    translation_inconsistent.RULE,
    untranslated.RULE,
)


def all_rules() -> tuple[Rule, ...]:
    """Every registered rule, in registry order."""
    return RULES


def get_rule(rule_id: str) -> Rule:
    """A rule by id or alias; KeyError names the unknown id."""
    for rule in RULES:
        if rule.id == rule_id or rule_id in rule.aliases:
            return rule
    raise KeyError(rule_id)


def canonical_rule_id(rule_id: str) -> str:
    """The current id for an id or an old alias."""
    return get_rule(rule_id).id


__all__ = ["RULES", "Rule", "RuleDoc", "all_rules", "get_rule", "canonical_rule_id"]
