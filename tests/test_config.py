"""Project configuration: discovery, strict validation with located errors, CLI overrides."""

from __future__ import annotations

import dataclasses
import os
import re
import sys
from pathlib import Path

import pytest

from translate_kit import rules as registry
from translate_kit.config import (
    Config,
    ConfigError,
    RuleConfig,
    apply_overrides,
    discover_config,
    find_config,
    load_config,
    render_config,
)
from translate_kit.model import Severity
from translate_kit.options import CheckOptions

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

RULE = "orthographic-variant"


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture()
def project(tmp_path, monkeypatch) -> Path:
    """A project directory, also the working directory (so errors show relative paths)."""
    root = tmp_path / "project"
    root.mkdir()
    monkeypatch.chdir(root)
    return root


def error_of(path: Path) -> str:
    with pytest.raises(ConfigError) as info:
        load_config(str(path))
    message = str(info.value)
    assert "\n" not in message
    return message


# --- discovery ---------------------------------------------------------------------------


def test_discovery_walks_up_from_the_common_parent(project):
    cfg = write(project / "translate-kit.toml", 'lang = "ja"\n')
    a = write(project / "docs" / "guide" / "a.txt", "x")
    b = write(project / "docs" / "faq" / "b.md", "x")
    assert find_config([str(a), str(b)]) == (str(cfg), ())
    config = discover_config([str(a), str(b)])
    assert config.source == "translate-kit.toml"
    assert config.root == str(project)
    assert config.lang == "ja"


def test_discovery_from_a_directory_argument_and_a_missing_path(project):
    write(project / "translate-kit.toml", 'lang = "ja"\n')
    (project / "docs").mkdir()
    assert discover_config([str(project / "docs")]).lang == "ja"
    assert discover_config([str(project / "docs" / "not-yet" / "x.txt")]).lang == "ja"
    assert discover_config(["docs"]).lang == "ja"  # relative to the working directory


def test_nearest_config_wins_and_pyproject_without_our_table_is_skipped(project):
    write(project / "translate-kit.toml", 'lang = "ja"\n')
    write(project / "sub" / "pyproject.toml", '[tool.translate-kit]\nsource-lang = "fr"\n')
    write(project / "sub" / "inner" / "pyproject.toml", '[project]\nname = "other"\n')
    doc = write(project / "sub" / "inner" / "doc.txt", "x")
    config = discover_config([str(doc)])
    assert config.source == os.path.join("sub", "pyproject.toml")
    assert (config.lang, config.source_lang) == (None, "fr")  # the first found, never merged


def test_broken_pyproject_of_someone_else_is_skipped(project):
    write(project / "translate-kit.toml", 'lang = "ja"\n')
    doc = write(project / "sub" / "doc.txt", "x")
    write(project / "sub" / "pyproject.toml", "[project\nname = \n")
    assert discover_config([str(doc)]).lang == "ja"
    write(project / "sub" / "pyproject.toml", "[tool.translate-kit]\nlang = \n")
    with pytest.raises(ConfigError, match="^" + re.escape(os.path.join("sub", "pyproject.toml")) + ":2: invalid TOML"):
        discover_config([str(doc)])


@pytest.mark.parametrize("value", ["[" * 5000 + "]" * 5000, "1" + "0" * 5000], ids=["deep", "long-integer"])
def test_a_pyproject_tomllib_cannot_read_is_one_error(project, value):
    """tomllib's RecursionError and int()'s digit limit (a ValueError) while looking for
    our table, then while reading it, are a one-line config error like any bad TOML."""
    doc = write(project / "doc.txt", "x")
    write(project / "pyproject.toml", f"[tool.translate-kit]\njobs = {value}\n")
    with pytest.raises(ConfigError, match="^pyproject.toml: invalid TOML: "):
        discover_config([str(doc)])
    write(project / "pyproject.toml", f"[project]\nname = {value}\n")
    assert discover_config([str(doc)]).source is None  # someone else's: skipped


def test_translate_kit_toml_beats_pyproject_in_the_same_directory(project):
    write(project / "pyproject.toml", '[tool.translate-kit]\nlang = "en"\n')
    write(project / "translate-kit.toml", 'lang = "ja"\n')
    config = discover_config([str(project)])
    assert (config.source, config.lang) == ("translate-kit.toml", "ja")
    assert config.shadowed == ("pyproject.toml",)
    assert "# ignored: pyproject.toml" in render_config(config)


def test_pyproject_table(project):
    write(project / "pyproject.toml", '[project]\nname = "x"\n\n[tool.translate-kit]\nsplit-mode = "b"\nfail-on = "error"\n')
    config = discover_config([str(project)])
    assert (config.source, config.split_mode, config.fail_on) == ("pyproject.toml", "B", "error")
    assert config.fail_on_severity() is Severity.ERROR


def test_no_config_gives_defaults(tmp_path):
    lonely = tmp_path / "lonely"
    lonely.mkdir()
    found = find_config([str(lonely)])
    if found is not None:  # pragma: no cover - a config above the temp dir
        pytest.skip(f"a config file above the temp directory: {found[0]}")
    assert discover_config([str(lonely)]) == Config()
    assert Config().to_check_options() == CheckOptions()


# --- validation --------------------------------------------------------------------------


def test_unknown_key_names_file_line_and_suggestion(project):
    cfg = write(project / "pyproject.toml", '[project]\nname = "x"\n\n[tool.translate-kit]\nlang = "ja"\nglosary = ["g.csv"]\n')
    message = error_of(cfg)
    assert message == "pyproject.toml:6: unknown key 'glosary' in [tool.translate-kit] (did you mean 'glossary'?)"
    with pytest.raises(ConfigError) as info:
        load_config(str(cfg))
    assert (info.value.path, info.value.line, info.value.key) == ("pyproject.toml", 6, "tool.translate-kit.glosary")


def test_unknown_top_level_key_in_translate_kit_toml(project):
    cfg = write(project / "translate-kit.toml", '# comment\n\nsplitmode = "A"\n')
    assert error_of(cfg) == "translate-kit.toml:3: unknown key 'splitmode' at the top level (did you mean 'split-mode'?)"


def test_unknown_key_without_a_close_match_has_no_suggestion(project):
    cfg = write(project / "translate-kit.toml", 'zzz = 1\n')
    assert error_of(cfg) == "translate-kit.toml:1: unknown key 'zzz' at the top level"


def test_unknown_rule_id_is_located_at_its_table(project):
    cfg = write(
        project / "pyproject.toml",
        '[tool.translate-kit]\nlang = "ja"\n\n[tool.translate-kit.rules.orthographic-varient]\nenabled = false\n',
    )
    assert error_of(cfg) == (
        "pyproject.toml:4: unknown rule 'orthographic-varient' in [tool.translate-kit.rules]"
        " (did you mean 'orthographic-variant'?)"
    )


def test_unknown_key_inside_a_rule_table(project):
    cfg = write(project / "translate-kit.toml", f'[rules.{RULE}]\nenabled = true\nseverty = "error"\n')
    assert error_of(cfg) == f"translate-kit.toml:3: unknown key 'severty' in [rules.{RULE}] (did you mean 'severity'?)"


@pytest.mark.parametrize(
    "text, line, needle",
    [
        ('lang = "ja"\njobs = "4"\n', 2, "'jobs' must be a non-negative integer (0 = one per CPU), not string \"4\""),
        ("jobs = true\n", 1, "'jobs' must be a non-negative integer (0 = one per CPU), not boolean true"),
        ('include-fuzzy = "yes"\n', 1, "'include-fuzzy' must be true or false, not string \"yes\""),
        ("glossary = 3\n", 1, "'glossary' must be a list of non-empty strings, not integer 3"),
        ('glossary = ["a.csv", 2]\n', 1, "'glossary' must be a list of non-empty strings"),
        ('split-mode = "D"\n', 1, "'split-mode' must be one of 'A', 'B', 'C', not 'D'"),
        ('fail-on = "warnings"\n', 1, "'fail-on' must be one of 'error', 'warning', 'info', 'never', not 'warnings' (did you mean 'warning'?)"),
        (f'\n[rules.{RULE}]\nseverity = "fatal"\n', 3, f"'rules.{RULE}.severity' must be one of 'error', 'warning', 'info', not 'fatal'"),
        (f'[rules]\n{RULE} = "off"\n', 2, f"'rules.{RULE}' must be a table with `enabled` and/or `severity`, not string \"off\""),
        (f'rules.{RULE}.enabled = "no"\n', 1, f"'rules.{RULE}.enabled' must be true or false"),
        ('lang = ""\n', 1, "'lang' must be a non-empty string"),
    ],
)
def test_wrong_types_name_the_dotted_key_and_line(project, text, line, needle):
    cfg = write(project / "translate-kit.toml", text)
    message = error_of(cfg)
    assert message.startswith(f"translate-kit.toml:{line}: "), message
    assert needle in message


def test_wrong_type_in_pyproject_uses_the_full_dotted_path(project):
    cfg = write(project / "pyproject.toml", '[tool.translate-kit]\ninclude-fuzzy = 1\n')
    assert error_of(cfg) == "pyproject.toml:2: 'tool.translate-kit.include-fuzzy' must be true or false, not integer 1"


def test_invalid_toml_is_one_line_with_its_line(project):
    cfg = write(project / "translate-kit.toml", 'lang = "ja"\nfail-on = \n')
    message = error_of(cfg)
    assert message.startswith("translate-kit.toml:2: invalid TOML: ")


def test_rule_tables_and_aliases_are_canonicalised(project, monkeypatch):
    renamed = dataclasses.replace(registry.get_rule(RULE), aliases=("kana-variant",))
    monkeypatch.setattr(registry, "RULES", tuple(renamed if r.id == RULE else r for r in registry.RULES))
    cfg = write(project / "translate-kit.toml", '[rules.kana-variant]\nenabled = false\nseverity = "error"\n')
    config = load_config(str(cfg))
    assert config.rules == ((RULE, RuleConfig(enabled=False, severity=Severity.ERROR)),)
    settings = config.rule_settings()
    assert not settings.enabled(RULE)
    assert settings.severity_of(RULE, Severity.WARNING) is Severity.ERROR

    write(cfg, f'[rules.kana-variant]\nenabled = false\n\n[rules.{RULE}]\nenabled = true\n')
    assert error_of(cfg) == (
        f"translate-kit.toml:4: 'rules.{RULE}' configures rule '{RULE}' again (already set as 'kana-variant')"
    )


def test_dotted_and_inline_rule_settings(project):
    cfg = write(project / "translate-kit.toml", f'rules = {{ {RULE} = {{ severity = "info" }} }}\n')
    assert dict(load_config(str(cfg)).rules)[RULE] == RuleConfig(severity=Severity.INFO)


# --- paths -------------------------------------------------------------------------------


def test_glossary_paths_are_relative_to_the_config_file(project, monkeypatch):
    write(project / "translate-kit.toml", 'glossary = ["glossary/terms.csv", "../shared/names.csv"]\n')
    doc = write(project / "docs" / "a.txt", "x")
    monkeypatch.chdir(project / "docs")
    config = discover_config([str(doc)])
    assert config.glossary == (
        str(project / "glossary" / "terms.csv"),
        str(project.parent / "shared" / "names.csv"),
    )
    assert config.to_check_options().glossary_paths == config.glossary


def test_a_single_glossary_string_is_accepted(project):
    cfg = write(project / "translate-kit.toml", 'glossary = "terms.csv"\n')
    assert load_config(str(cfg)).glossary == (str(project / "terms.csv"),)


def test_include_and_exclude_filter_discovered_and_named_files(project, monkeypatch):
    write(project / "translate-kit.toml", 'include = ["docs/**", "*.po"]\nexclude = ["docs/vendor", "**/draft-*.md"]\n')
    files = {
        "docs/a.txt": True,
        "docs/sub/b.md": True,
        "docs/sub/draft-c.md": False,
        "docs/vendor/d.txt": False,
        "locales/ja/messages.po": True,
        "notes.txt": False,
    }
    for name in files:
        write(project / name, "x")
    monkeypatch.chdir(project / "docs")  # patterns are relative to the config, not the cwd
    config = discover_config([str(project)])
    selected = {os.path.relpath(p, project).replace(os.sep, "/") for p in config.select_paths([str(project)])}
    assert selected == {name for name, wanted in files.items() if wanted}
    # Named files (as pre-commit passes them) are filtered too; bad paths pass through.
    named = [str(project / "notes.txt"), str(project / "docs" / "a.txt"), str(project / "missing.txt")]
    assert config.select_paths(named) == [str(project / "docs" / "a.txt"), str(project / "missing.txt")]
    # Files outside the config's directory are not judged by its patterns.
    outside = write(project.parent / "elsewhere.txt", "x")
    assert config.wants(str(outside))


def test_without_patterns_paths_are_untouched(project):
    assert Config().select_paths(["a", "b/"]) == ["a", "b/"]


# --- command-line overrides --------------------------------------------------------------


def test_only_given_cli_options_override(project):
    write(project / "translate-kit.toml", 'lang = "ja"\nsplit-mode = "A"\nfail-on = "error"\nglossary = ["g.csv"]\n')
    config = discover_config([str(project)])
    merged = apply_overrides(config, {"split_mode": "b", "glossaries": ("cli.csv",)})
    assert (merged.lang, merged.fail_on) == ("ja", "error")  # not given: the file's values
    assert (merged.split_mode, merged.glossary) == ("B", ("cli.csv",))
    assert apply_overrides(config, {}) is config
    origin = dict(merged.set_by)
    assert origin["split_mode"] == origin["glossary"] == "command line" and origin["lang"] == "file"
    options = merged.to_check_options()
    assert (options.lang, options.split_mode, options.glossary_paths) == ("ja", "B", ("cli.csv",))
    for key in ("source", "include", "exclude"):
        with pytest.raises(ValueError):
            apply_overrides(config, {key: "x"})


def test_cli_select_beats_file_disable_and_ignore_adds(project):
    write(project / "translate-kit.toml", f'[rules.{RULE}]\nenabled = false\nseverity = "error"\n')
    config = discover_config([str(project)])
    assert not config.rule_settings().enabled(RULE)
    selected = apply_overrides(config, {"select": [RULE]}).rule_settings()
    assert selected.enabled(RULE) and selected.severity_of(RULE, Severity.WARNING) is Severity.ERROR
    ignored = apply_overrides(Config(), {"ignore": (RULE,)}).rule_settings()
    assert not ignored.enabled(RULE)
    assert apply_overrides(config, {"select": ()}).select is None  # an empty --select: all rules
    with pytest.raises(ValueError, match="unknown rule 'nope'"):
        apply_overrides(config, {"ignore": ["nope"]})


def test_cli_can_pass_click_parameters(project):
    """The shape the CLI uses: only parameters whose source is the command line."""
    import click
    from click.core import ParameterSource

    seen: dict[str, object] = {}

    @click.command()
    @click.option("--lang")
    @click.option("--split-mode", default="C")
    @click.option("--include-fuzzy", is_flag=True)
    def cmd(**kwargs):
        ctx = click.get_current_context()
        given = {k: v for k, v in kwargs.items() if ctx.get_parameter_source(k) is ParameterSource.COMMANDLINE}
        seen["config"] = apply_overrides(Config(lang="ja", split_mode="A", include_fuzzy=True), given)

    cmd.main(["--split-mode", "b"], standalone_mode=False)
    config = seen["config"]
    assert (config.lang, config.split_mode, config.include_fuzzy) == ("ja", "B", True)


# --- rendering ---------------------------------------------------------------------------


def test_render_config_round_trips_as_translate_kit_toml(project):
    write(
        project / "pyproject.toml",
        f'[tool.translate-kit]\nlang = "ja"\ninclude = ["docs/**"]\njobs = 4\ninclude-fuzzy = true\n'
        f'[tool.translate-kit.rules.{RULE}]\nseverity = "error"\n',
    )
    config = apply_overrides(discover_config([str(project)]), {"fail_on": "info"})
    text = render_config(config)
    assert "# config file: pyproject.toml [tool.translate-kit]" in text
    assert 'lang = "ja"  # from file' in text
    assert 'fail-on = "info"  # from command line' in text
    assert 'source-lang = "en"\n' in text
    assert f"[rules.{RULE}]  # from file\nenabled = true\nseverity = \"error\"" in text
    data = tomllib.loads(text)
    assert data["jobs"] == 4 and data["include-fuzzy"] is True
    write(project / "again" / "translate-kit.toml", text)
    again = load_config(str(project / "again" / "translate-kit.toml"))
    for name in ("lang", "source_lang", "split_mode", "include", "fail_on", "include_fuzzy", "jobs", "rules"):
        if name == "rules":
            assert dict(again.rules)[RULE].severity is Severity.ERROR
        else:
            assert getattr(again, name) == getattr(config, name), name


def test_render_defaults_lists_every_rule():
    text = render_config(Config())
    assert "# config file: none found (defaults)" in text
    assert "# lang = (per file: PO header, else detected)" in text
    for rule in registry.all_rules():
        assert f"[rules.{rule.id}]" in text
    tomllib.loads(text)


def test_encoding_is_read_checked_and_passed_on(project):
    cfg = write(project / "translate-kit.toml", 'encoding = "cp932"\n')
    config = load_config(str(cfg))
    assert config.encoding == "cp932" and config.to_check_options().encoding == "cp932"
    assert apply_overrides(config, {"encoding": "euc_jp"}).to_check_options().encoding == "euc_jp"
    bad = write(project / "bad" / "translate-kit.toml", 'encoding = "klingon"\n')
    assert "unknown encoding 'klingon'" in error_of(bad)


@pytest.mark.parametrize("name, table", [("translate-kit.toml", ""), ("pyproject.toml", "[tool.translate-kit]\n")])
def test_a_config_saved_with_a_byte_order_mark_is_read(project, name, table):
    """Windows editors save UTF-8 with a BOM: tomllib called it an 'Invalid statement' at line
    1, and a pyproject.toml opening with our table was not even found; it is read as without,
    and an error in it still names its line."""
    cfg = project / name
    cfg.write_bytes(b"\xef\xbb\xbf" + f'{table}lang = "en"\n'.encode())
    assert find_config([str(project)]) == (str(cfg), ())
    assert load_config(str(cfg)).lang == "en"
    cfg.write_bytes(b"\xef\xbb\xbf" + f'{table}lang = "en"\nfail-on = 3\n'.encode())
    assert error_of(cfg).startswith(f"{name}:{2 + bool(table)}: ")
