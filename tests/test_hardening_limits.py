"""Input limits (issue #17): YAML aliases and nesting, XML and TOML nesting, glob patterns
that would backtrack, glossaries with many duplicate rows — each bounded, each one line."""

from __future__ import annotations

import pytest

from translate_kit.config import ConfigError, load_config
from translate_kit.glossary import load_glossary, validate
from translate_kit.glossary.model import TakenIds, unique_id
from translate_kit.globs import compile_glob
from translate_kit.model import InputFileError


def test_a_rule_named_through_many_aliases_is_one_concept(tmp_path):
    f = tmp_path / "prh.yml"
    f.write_text("version: 1\nrules:\n  - &r {expected: ユーザー, patterns: [ユーザ]}\n" + "  - *r\n" * 5000, encoding="utf-8")
    glossary = load_glossary(str(f))
    assert len(glossary.concepts) == 1


def test_a_yaml_alias_bomb_is_loaded_without_expanding_it(tmp_path):
    lines = ["version: 1", 'a0: &a0 ["x","x","x","x","x","x","x","x","x"]']
    lines += [f"a{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 12)]
    lines += ["rules:", "  - expected: ユーザー", "    patterns: *a11"]
    f = tmp_path / "bomb.yml"
    f.write_text("\n".join(lines) + "\n", encoding="utf-8")
    glossary = load_glossary(str(f))  # 9**12 patterns if expanded
    assert [t.text for t in glossary.concepts[0].terms] == ["ユーザー"]


def test_too_many_yaml_nodes_is_one_error(tmp_path, monkeypatch):
    import translate_kit.glossary.prh as prh

    monkeypatch.setattr(prh, "MAX_YAML_NODES", 50)
    f = tmp_path / "big.yml"
    f.write_text("version: 1\nrules:\n" + "".join(f"  - expected: 語{i}\n" for i in range(40)), encoding="utf-8")
    with pytest.raises(InputFileError, match="more than 50 YAML nodes"):
        load_glossary(str(f))


@pytest.mark.parametrize("name, text", [
    ("deep.yml", "version: 1\nrules: " + "[" * 5000 + "]" * 5000 + "\n"),
    ("deep.tbx", '<?xml version="1.0"?><martif><text><body>' + "<a>" * 50000 + "</a>" * 50000 + "</body></text></martif>"),
])
def test_deep_nesting_in_a_glossary_is_one_error(tmp_path, name, text):
    f = tmp_path / name
    f.write_text(text, encoding="utf-8")
    with pytest.raises(InputFileError, match="deeper than 64 levels"):
        load_glossary(str(f))


def test_deep_nesting_in_a_config_is_one_error(tmp_path):
    f = tmp_path / "translate-kit.toml"
    f.write_text("x = " + "[" * 50000 + "]" * 50000 + "\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="nested deeper than 64"):
        load_config(str(f))


def test_a_prh_rule_with_many_patterns(tmp_path):
    f = tmp_path / "many.yml"
    f.write_text("version: 1\nrules:\n  - expected: ユーザー\n    patterns:\n" + "".join(f"      - ユーザ{i % 3000}\n" for i in range(6000)), encoding="utf-8")
    (concept,) = load_glossary(str(f)).concepts
    assert len(concept.terms) == 3001


def test_unique_ids_of_many_duplicates_take_linear_time():
    class Counting(TakenIds):
        probes = 0

        def __contains__(self, item):
            Counting.probes += 1
            return super().__contains__(item)

    taken = Counting()
    ids = [unique_id("user", taken) for _ in range(5000)]
    assert ids[:3] == ["user", "user-2", "user-3"] and len(set(ids)) == 5000
    assert Counting.probes < 3 * 5000


def test_twenty_thousand_duplicate_rows_validate(tmp_path):
    f = tmp_path / "dup.csv"
    f.write_text("en,ja\n" + "user,ユーザー\n" * 20000, encoding="utf-8")
    glossary = load_glossary(str(f), strict=False)
    assert len({c.id for c in glossary.concepts}) == 20000
    assert len(validate(glossary)) == 2 * 19999


@pytest.mark.parametrize("pattern", ["[z-a]*", "docs/[9-0].md"])
def test_a_bad_character_class_in_a_pattern_is_a_config_error(tmp_path, pattern):
    f = tmp_path / "translate-kit.toml"
    f.write_text(f'include = ["{pattern}"]\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="character"):
        load_config(str(f))


def test_patterns_match_like_gitignore_without_backtracking():
    cases = {
        ("*.po", "locales/ja/app.po"): True, ("*.po", "app.pot"): False,
        ("docs/**", "docs/a/b.md"): True, ("docs/**", "x/docs/a.md"): False,
        ("docs/**/*.md", "docs/x.md"): True, ("vendor", "a/vendor/x.md"): True,
        ("[!a]*.md", "b.md"): True, ("[!a]*.md", "a.md"): False, ("?.md", "ab.md"): False,
    }
    for (pattern, rel), expected in cases.items():
        assert compile_glob(pattern).match(rel) is expected, (pattern, rel)
    long_name = "a" * 5000
    assert not compile_glob("*a*a*a*a*a*a*a*a*a*a*a*a*b").match(long_name)
    assert compile_glob("*a*a*a*a*a*a*a*a*a*a*a*a").match(long_name)
