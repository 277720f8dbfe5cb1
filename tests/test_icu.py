"""ICU MessageFormat reading: arguments, nesting, quoting, and the CLDR categories a
translation's plural constructs must give."""

from __future__ import annotations

import pytest

from translate_kit.icu import arguments, looks_like_icu, ordinal_categories, required_categories
from translate_kit.placeholder_syntax import ICU, entry_syntaxes, extract_placeholders


def test_arguments_nested_and_quoted():
    text = "{count, plural, =0 {none} one {# item in {place}} other {# items}} '{literal}' it''s {d, date, ::yyyyMMdd}"
    found = [(a.name, a.type, text[a.start : a.end]) for a in arguments(text)]
    assert found == [
        ("count", "plural", "{count, plural, =0 {none} one {# item in {place}} other {# items}}"),
        ("place", "", "{place}"),
        ("d", "date", "{d, date, ::yyyyMMdd}"),
    ]
    assert [s for s, _a, _b in arguments(text)[0].options] == ["=0", "one", "other"]


@pytest.mark.parametrize("text", ["broken {x", "a } b", "{n, plural, one}", "{}"])
def test_malformed_messages_are_not_icu(text):
    assert arguments(text) == [] and not looks_like_icu(text)


def test_categories_from_cldr():
    assert required_categories("ja") == {"other"}
    assert required_categories("ru_RU") == {"one", "few", "many", "other"}
    assert required_categories("fr") == {"one", "other"}  # "many" is for millions and decimals only
    assert required_categories("xx-unknown") is None
    assert ordinal_categories("en") == {"one", "two", "few", "other"}


def test_icu_placeholders_compare_by_name_and_type():
    syntaxes = entry_syntaxes(("icu-format",), ["Hello {name}"])
    assert syntaxes == {ICU}
    assert [p.key for p in extract_placeholders("{name}さん {n, number}", syntaxes)] == [("icu", "name", ""), ("icu", "n", "number")]
    # without a flag, ICU is used only when the source has a plural or select construct
    assert ICU in entry_syntaxes((), ["{n, plural, other {# x}}"]) and ICU not in entry_syntaxes((), ["{name}"])


def test_plural_rule_checks_icu_categories(run_check):
    arb_en = '{"@@locale": "en", "n": "{count, plural, one {# file} other {# files}}", "o": "{pos, selectordinal, one {#st} two {#nd} few {#rd} other {#th}}"}'
    ok = run_check({"l10n/app_en.arb": arb_en, "l10n/app_ja.arb": '{"n": "{count, plural, other {# 個}}", "o": "{pos, selectordinal, other {#番目}}"}'})
    assert not ok.findings
    bad = run_check({
        "l10n/app_en.arb": arb_en,
        "l10n/app_ru.arb": '{"n": "{count, plural, one {# файл} other {# файлов}}", "o": "{pos, selectordinal, other {#-й}}"}',
        "l10n/app_uk.arb": '{"n": "{count, plural, one {# файл} few {# файли} many {# файлів} othr {# файлу}}"}',
    })
    got = sorted((f.path.rsplit("/", 1)[-1], f.column, f.found, f.expected) for f in bad.findings)
    assert got == [
        ("app_ru.arb", 8, "{count", "few, many"),
        ("app_uk.arb", 8, "{count", "other"),
        ("app_uk.arb", 67, "othr", None),
    ], got
