"""Project configuration: `[tool.translate-kit]` in pyproject.toml or `translate-kit.toml`.

A config is found by walking up from the checked paths (their common parent) to the
filesystem root; the first directory with a `translate-kit.toml` or a pyproject.toml that
has our table wins, and `translate-kit.toml` beats pyproject.toml in the same directory.
Relative paths in a config (`glossary`, `include`, `exclude`) are relative to that file,
so a run behaves the same from any working directory. Options given on the command line
override the file (`apply_overrides`); everything else is validated strictly, because a
misspelt key silently doing nothing is worse than a failing CI job.
"""

from __future__ import annotations

import dataclasses
import difflib
import functools
import json
import os
import re
import sys
from dataclasses import dataclass
from typing import Any, Callable, Iterable, Mapping, Sequence

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

from translate_kit.model import InputError, Severity
from translate_kit.options import CheckOptions, RuleSettings
from translate_kit import sources
from translate_kit.rules import canonical_rule_id
from translate_kit.rules import all_rules
from translate_kit.sources.decode import encoding_problem
from translate_kit.fsutil import file_name_problem
from translate_kit.globs import Glob, compile_glob
from translate_kit.langtags import language_problem
from translate_kit.messages import ENGLISH, Localizer, Message, english, msg
from translate_kit.limits import MAX_CONFIG_BYTES, MAX_NESTING, LimitError, jobs_problem, os_reason, read_regular

__all__ = [
    "CONFIG_FILE",
    "PYPROJECT",
    "CatalogConfig",
    "Config",
    "ConfigError",
    "RuleConfig",
    "apply_overrides",
    "discover_config",
    "find_config",
    "load_config",
    "render_config",
]

CONFIG_FILE = "translate-kit.toml"
PYPROJECT = "pyproject.toml"
_TABLE = ("tool", "translate-kit")

SPLIT_MODES = ("A", "B", "C")
FAIL_ON = ("error", "warning", "info", "never")
SEVERITIES = ("error", "warning", "info")

# Config-file key -> Config field, in the order `render_config` prints them.
_KEYS: dict[str, str] = {
    "glossary": "glossary",
    "lang": "lang",
    "source-lang": "source_lang",
    "encoding": "encoding",
    "split-mode": "split_mode",
    "include": "include",
    "exclude": "exclude",
    "fail-on": "fail_on",
    "include-fuzzy": "include_fuzzy",
    "respect-gitignore": "respect_gitignore",
    "report-untranslated": "report_untranslated",
    "jobs": "jobs",
    "catalog": "catalog",
    "source-files": "source_files",
    "per-file-ignores": "per_file_ignores",
    "rules": "rules",
}
# `[catalog]`: defaults of `export` and `import` (key -> CatalogConfig field).
_CATALOG_KEYS = {"locales": "locales", "domain": "domain", "output-dir": "output_dir", "front-matter-keys": "front_matter_keys"}
_RULE_KEYS = ("enabled", "severity")

# What the command line may override (Config field names); CLI parameter spellings too.
# Not include/exclude: their patterns are relative to the config file's directory.
_OVERRIDABLE = frozenset(
    {"glossary", "lang", "source_lang", "encoding", "split_mode", "fail_on", "include_fuzzy", "respect_gitignore",
     "report_untranslated", "jobs", "select", "ignore"}
)
_CLI_ALIASES = {"glossaries": "glossary"}


class ConfigError(Exception):
    """A config file that cannot be used; `str()` is one line: `file:line: message`."""

    def __init__(self, path: str, message: str | Message, line: int | None = None, key: str | None = None) -> None:
        super().__init__(english(message))
        self.error = InputError.of(path, line, message)  # how it is worded and shown
        self.path, self.line, self.key = path, line, key
        self.message, self.template = self.error.message, self.error.template

    def text(self, localizer: Localizer = ENGLISH) -> str:
        """The message in the localizer's language (the CLI's UI language)."""
        return self.error.text(localizer)

    def shown(self, localizer: Localizer = ENGLISH) -> str:
        """`file:line: message` in the localizer's language."""
        return self.error.shown(localizer)

    def __str__(self) -> str:
        return self.shown()


@dataclass(frozen=True)
class RuleConfig:
    """One `[rules.<id>]` table: None means "not set, keep the rule's default"."""

    enabled: bool | None = None
    severity: Severity | None = None


@dataclass(frozen=True)
class CatalogConfig:
    """The `[catalog]` table: locales, domain, output directory (relative to the config
    file) and translated front-matter keys of `export`; `import` reads the same keys."""

    locales: tuple[str, ...] = ()
    domain: str | None = None
    output_dir: str | None = None
    front_matter_keys: tuple[str, ...] = ()


@dataclass(frozen=True)
class Config:
    """The effective settings of a run, and where they came from.

    `source` is the config file (None when none was found); `root` is its directory, the
    base of `include`/`exclude` patterns. `set_by` maps field names to "file" or
    "command line" for the values that were not defaults, so `render_config` can say so.
    `select`/`ignore` only come from the command line; `rules` only from the file.
    """

    source: str | None = None
    root: str | None = None
    glossary: tuple[str, ...] = ()
    lang: str | None = None
    source_lang: str = "en"
    encoding: str | None = None
    split_mode: str = "C"
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    fail_on: str = "warning"
    include_fuzzy: bool = False
    respect_gitignore: bool = True
    report_untranslated: bool = False
    jobs: int | None = None
    source_files: tuple[tuple[str, str], ...] = ()  # (glob of translation files, source path with {lang})
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (glob, rule ids) silenced in those files
    rules: tuple[tuple[str, RuleConfig], ...] = ()
    catalog: CatalogConfig = CatalogConfig()
    select: frozenset[str] | None = None
    ignore: frozenset[str] = frozenset()
    set_by: tuple[tuple[str, str], ...] = ()
    shadowed: tuple[str, ...] = ()  # config files in the same directory that lost to `source`

    def rule_settings(self) -> RuleSettings:
        """Rules to run: the command line's --select wins, --ignore adds to rules the file disables."""
        disabled = {rule_id for rule_id, rc in self.rules if rc.enabled is False}
        ignore = (disabled - set(self.select or ())) | set(self.ignore)
        severities = tuple((rule_id, rc.severity) for rule_id, rc in self.rules if rc.severity is not None)
        enable = frozenset(rule_id for rule_id, rc in self.rules if rc.enabled is True)
        return RuleSettings(select=self.select, ignore=frozenset(ignore), severities=severities, enable=enable)

    def fail_on_severity(self) -> Severity | None:
        """The lowest severity that fails the run, None for `never`."""
        return None if self.fail_on == "never" else Severity.parse(self.fail_on)

    def to_check_options(self, **extra: Any) -> CheckOptions:
        """The pipeline options for this config; `extra` sets any further CheckOptions field."""
        values: dict[str, Any] = {
            "lang": self.lang,
            "source_lang": self.source_lang,
            "split_mode": self.split_mode,
            "include_fuzzy": self.include_fuzzy,
            "respect_gitignore": self.respect_gitignore,
            "rules": self.rule_settings(),
            "glossary_paths": self.glossary,
        }
        known = {f.name for f in dataclasses.fields(CheckOptions)}
        # Fields other parts of the tool may add to CheckOptions; passed on when they exist.
        for name in ("report_untranslated", "jobs", "encoding", "source_files"):
            if name in known and getattr(self, name) is not None:
                values[name] = getattr(self, name)
        if self.per_file_ignores and self.root is not None:
            values["per_file_ignores"] = tuple((self.root, g, frozenset(ids)) for g, ids in self.per_file_ignores)
        values.update(extra)
        return CheckOptions(**values)

    def wants(self, path: str) -> bool:
        """Whether `path` passes `include`/`exclude` (patterns never apply outside `root`)."""
        if not (self.include or self.exclude) or self.root is None:
            return True
        rel = _relative_to(path, self.root)
        if rel is None:
            return True
        if self.include and not any(_glob_match(p, rel) for p in self.include):
            return False
        return not any(_glob_match(p, rel) for p in self.exclude)

    def select_paths(self, paths: Sequence[str]) -> list[str]:
        """Expand `paths` into the files to check, dropping those `include`/`exclude` reject.

        Bad paths are passed through unchanged so the run reports them as input errors.
        Patterns apply to explicitly named files as well, so a pre-commit hook (which names
        files) and a directory run agree. Without patterns, `paths` come back untouched."""
        if not (self.include or self.exclude):
            return list(paths)
        files, errors = sources.discover(list(paths), respect_gitignore=self.respect_gitignore)
        return [f for f in files if self.wants(f)] + [e.path for e in errors]


# ---------------------------------------------------------------------------------------
# Discovery and loading


def find_config(paths: Sequence[str]) -> tuple[str, tuple[str, ...]] | None:
    """The config file for a run over `paths`, and any same-directory file it shadows."""
    directory = _start_directory(paths)
    while True:
        candidates = []
        own = os.path.join(directory, CONFIG_FILE)
        if os.path.isfile(own):
            candidates.append(own)
        pyproject = os.path.join(directory, PYPROJECT)
        if os.path.isfile(pyproject) and _has_our_table(pyproject):
            candidates.append(pyproject)
        if candidates:
            return candidates[0], tuple(candidates[1:])
        parent = os.path.dirname(directory)
        if parent == directory:
            return None
        directory = parent


def discover_config(paths: Sequence[str]) -> Config:
    """The config for a run over `paths`: the first found walking up, else the defaults."""
    found = find_config(paths)
    if found is None:
        return Config()
    path, shadowed = found
    config = load_config(path)
    return dataclasses.replace(config, shadowed=tuple(_display_path(p) for p in shadowed))


def load_config(path: str) -> Config:
    """Read and validate one config file (pyproject.toml or translate-kit.toml)."""
    shown = _display_path(path)
    try:
        raw = read_regular(path, MAX_CONFIG_BYTES, "config")
    except LimitError as exc:
        raise ConfigError(shown, msg("cannot read config: {reason}", reason=exc.message)) from None
    except OSError as exc:
        raise ConfigError(shown, msg("cannot read config: {reason}", reason=os_reason(exc))) from None
    try:
        text = raw.decode("utf-8-sig")  # a byte order mark (Windows editors write one) is not TOML's: read past it
    except UnicodeDecodeError as exc:  # said on its line, as a TOML error is
        raise ConfigError(shown, msg("config is not valid UTF-8"), raw.count(b"\n", 0, exc.start) + 1) from None
    data = _parse_toml(text, shown)
    is_pyproject = os.path.basename(path) == PYPROJECT
    prefix: tuple[str, ...] = _TABLE if is_pyproject else ()
    table: Any = data
    for part in prefix:
        table = table.get(part, {}) if isinstance(table, dict) else {}
    checker = _Checker(shown, text, prefix)
    if not isinstance(table, dict):
        raise checker.error(prefix, "must be a table")
    root = os.path.dirname(os.path.abspath(path))
    values = checker.table(table, root)
    set_by = tuple((name, "file") for name in values)
    return Config(source=shown, root=root, set_by=set_by, **values)


def apply_overrides(config: Config, given: Mapping[str, Any]) -> Config:
    """A copy of `config` with the options the user actually gave on the command line.

    Keys are Config field names (or CLI parameter names such as `glossaries`); only pass
    options whose value came from the command line, e.g. those where click's
    `ctx.get_parameter_source(name)` is COMMANDLINE or ENVIRONMENT. Glossary paths are
    taken as given (relative to the working directory) and replace the file's list;
    `select` replaces, `ignore` adds to the rules the file disables."""
    changes: dict[str, Any] = {}
    for key, value in given.items():
        name = _CLI_ALIASES.get(key, key)
        if name not in _OVERRIDABLE:
            raise ValueError(f"{key!r} cannot be set from the command line")
        changes[name] = _cli_value(name, value)
    if not changes:
        return config
    set_by = dict(config.set_by)
    set_by.update((name, "command line") for name in changes)
    return dataclasses.replace(config, set_by=tuple(set_by.items()), **changes)


def checked_setting(source: str, name: str, value: Any) -> Any:
    """`value` for the Config field `name` given outside a config file (an editor's
    settings), checked as the file's key is: a glossary of 5 or a language of ["x"] is a
    ConfigError naming `source` and the key, never a TypeError further on."""
    checker = _Checker(source, "", ())
    key = (name.replace("_", "-"),)
    if name in ("select", "ignore") and value == "":
        return ()  # as on the command line: no rule named
    if name in ("glossary", "select", "ignore"):
        return checker.strings(key, value)
    if name in ("lang", "source_lang"):
        return checker.language(key, value)
    if name in ("include_fuzzy", "report_untranslated", "respect_gitignore"):
        return checker.boolean(key, value)
    raise checker.unknown(key, sorted(_OVERRIDABLE))


def _cli_value(name: str, value: Any) -> Any:
    """A command-line value in the shape Config stores it."""
    if name == "glossary":
        return (value,) if isinstance(value, str) else tuple(value)
    if name == "split_mode":
        return str(value).upper()
    if name in ("select", "ignore"):
        return _rule_ids(name, value)
    return value


def _rule_ids(name: str, value: Any) -> frozenset[str] | None:
    """Rule ids from the command line (comma-separated allowed), canonicalised; an empty
    --select means "all rules" (None)."""
    ids = set()
    for item in [value] if isinstance(value, str) else list(value or ()):
        for part in str(item).split(","):
            if part.strip():
                try:
                    ids.add(canonical_rule_id(part.strip()))
                except KeyError:
                    raise ValueError(f"unknown rule {part.strip()!r} in {name}") from None
    if name == "select" and not ids:
        return None
    return frozenset(ids)


def _start_directory(paths: Sequence[str]) -> str:
    """The common parent directory of `paths` (the working directory when none are given)."""
    dirs = []
    for path in paths or ["."]:
        absolute = os.path.abspath(path)
        dirs.append(absolute if os.path.isdir(absolute) else os.path.dirname(absolute))
    try:
        common = os.path.commonpath(dirs)
    except ValueError:  # different drives on Windows: fall back to the working directory
        common = os.path.abspath(".")
    while not os.path.isdir(common):  # a path that does not exist yet: use what does
        common = os.path.dirname(common)
    return common


def _has_our_table(pyproject: str) -> bool:
    """Whether a pyproject.toml has `[tool.translate-kit]`. A broken pyproject.toml only
    counts (and later fails loudly) when its text mentions our table; other broken ones
    belong to someone else and are skipped."""
    try:
        raw = read_regular(pyproject, MAX_CONFIG_BYTES, "config")
    except (OSError, LimitError):
        return False
    try:
        data = tomllib.loads(raw.decode("utf-8-sig"))
    except (ValueError, RecursionError):  # TOMLDecodeError, UnicodeDecodeError, an integer past int()'s digit limit
        return re.search(rb"^(?:\xef\xbb\xbf)?\s*\[\s*tool\s*\.\s*[\"']?translate-kit", raw, re.MULTILINE) is not None
    tool = data.get("tool")
    return isinstance(tool, dict) and "translate-kit" in tool


def _parse_toml(text: str, shown: str) -> dict[str, Any]:
    """Parse TOML, turning a syntax error into a one-line ConfigError with its line."""
    depth = _nesting(text)
    if depth > MAX_NESTING:
        raise ConfigError(shown, msg("invalid TOML: arrays or tables nested deeper than {levels} levels", levels=MAX_NESTING))
    try:
        return tomllib.loads(text)
    except RecursionError:
        raise ConfigError(shown, msg("invalid TOML: nested too deeply")) from None
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        match = re.search(r"\(at line (\d+), column \d+\)", message)
        line = int(match.group(1)) if match else None
        reason = re.sub(r"\s*\(at line \d+, column \d+\)|\s*\(at end of document\)", "", message)
        raise ConfigError(shown, msg("invalid TOML: {reason}", reason=reason), line) from None
    except ValueError:  # tomllib passes int()'s refusal of an integer past its digit limit through
        raise ConfigError(shown, msg("invalid TOML: {reason}", reason="an integer with too many digits")) from None


def _nesting(text: str) -> int:
    """An upper bound of how deep a TOML text's arrays and inline tables nest (brackets
    in strings and comments count too: it only guards the recursive parser)."""
    depth = deepest = 0
    for match in _BRACKETS.finditer(text):
        if match.group() in "[{":
            depth += 1
            deepest = max(deepest, depth)
        else:
            depth = max(0, depth - 1)
    return deepest


_BRACKETS = re.compile(r"[\[\]{}]")


def _display_path(path: str) -> str:
    """`path` relative to the working directory when it lies below it, else absolute."""
    absolute = os.path.abspath(path)
    try:
        rel = os.path.relpath(absolute)
    except ValueError:
        return absolute
    return absolute if rel == ".." or rel.startswith(".." + os.sep) else rel


# ---------------------------------------------------------------------------------------
# Validation


class _Checker:
    """Validates the table of one config file, raising ConfigError with the key's line."""

    def __init__(self, path: str, text: str, prefix: tuple[str, ...]) -> None:
        self.path = path
        self.lines = _key_lines(text)
        self.prefix = prefix

    def table(self, table: dict[str, Any], root: str) -> dict[str, Any]:
        """Validate the top table and return the Config fields it sets."""
        values: dict[str, Any] = {}
        for key, value in table.items():
            path = self.prefix + (key,)
            if key not in _KEYS:
                raise self.unknown(path, list(_KEYS))
            name = _KEYS[key]
            if name in ("glossary", "include", "exclude"):
                items = self.strings(path, value)
                values[name] = tuple(os.path.normpath(os.path.join(root, p)) for p in items) if name == "glossary" else items
                if name != "glossary":
                    for item in items:
                        try:
                            _compiled(item)
                        except ValueError as exc:
                            raise self.error(path, str(exc)) from None
            elif name in ("lang", "source_lang"):
                values[name] = self.language(path, value)
            elif name == "encoding":
                values[name] = self.encoding(path, value)
            elif name == "split_mode":
                values[name] = self.choice(path, value, SPLIT_MODES, upper=True)
            elif name == "fail_on":
                values[name] = self.choice(path, value, FAIL_ON)
            elif name in ("include_fuzzy", "report_untranslated", "respect_gitignore"):
                values[name] = self.boolean(path, value)
            elif name == "jobs":
                values[name] = self.jobs(path, value)
            elif name == "catalog":
                values[name] = self.catalog(path, value, root)
            elif name == "source_files":
                values[name] = self.source_files(path, value, root)
            elif name == "per_file_ignores":
                values[name] = self.per_file_ignores(path, value)
            else:
                values[name] = self.rules(path, value)
        return values

    def rules(self, path: tuple[str, ...], value: Any) -> tuple[tuple[str, RuleConfig], ...]:
        """`[rules.<id>]` tables, keyed by canonical rule id."""
        if not isinstance(value, dict):
            raise self.wrong_type(path, msg("a table of rule tables"), value)
        known = sorted({r.id for r in all_rules()} | {a for r in all_rules() for a in r.aliases})
        out: dict[str, RuleConfig] = {}
        spelled: dict[str, str] = {}
        for rule_id, settings in value.items():
            where = path + (rule_id,)
            try:
                canonical = canonical_rule_id(rule_id)
            except KeyError:
                raise self.unknown(where, known, kind="rule") from None
            if canonical in out:
                raise self.error(where, msg("configures rule {rule} again (already set as {spelled})", rule=repr(canonical), spelled=repr(spelled[canonical])))
            if not isinstance(settings, dict):
                raise self.wrong_type(where, msg("a table with `enabled` and/or `severity`"), settings)
            enabled: bool | None = None
            severity: Severity | None = None
            for key, item in settings.items():
                if key == "enabled":
                    enabled = self.boolean(where + (key,), item)
                elif key == "severity":
                    severity = Severity.parse(self.choice(where + (key,), item, SEVERITIES))
                else:
                    raise self.unknown(where + (key,), list(_RULE_KEYS))
            out[canonical] = RuleConfig(enabled, severity)
            spelled[canonical] = rule_id
        return tuple(sorted(out.items()))

    def catalog(self, path: tuple[str, ...], value: Any, root: str) -> CatalogConfig:
        """The `[catalog]` table."""
        if not isinstance(value, dict):
            raise self.wrong_type(path, msg("a table"), value)
        fields: dict[str, Any] = {}
        for key, item in value.items():
            if key not in _CATALOG_KEYS:
                raise self.unknown(path + (key,), list(_CATALOG_KEYS))
            name = _CATALOG_KEYS[key]
            if name in ("locales", "front_matter_keys"):
                fields[name] = self.strings(path + (key,), item)
            elif name == "domain":  # NAME.pot and LOC/LC_MESSAGES/NAME.po: never a path
                fields[name] = self._named(path + (key,), item, file_name_problem)
            else:
                fields[name] = self.string(path + (key,), item)
        if "output_dir" in fields:
            fields["output_dir"] = os.path.normpath(os.path.join(root, fields["output_dir"]))
        return CatalogConfig(**fields)

    def source_files(self, path: tuple[str, ...], value: Any, root: str) -> tuple[tuple[str, str], ...]:
        """`{"glob of translation files" = "their source file, {lang} for the language"}`,
        both relative to the config file."""
        if not isinstance(value, dict) or not all(isinstance(v, str) and v for v in value.values()):
            raise self.wrong_type(path, msg('a table of "glob" = "source path" strings'), value)
        return tuple((os.path.normpath(os.path.join(root, g)), os.path.normpath(os.path.join(root, t))) for g, t in value.items())

    def per_file_ignores(self, path: tuple[str, ...], value: Any) -> tuple[tuple[str, tuple[str, ...]], ...]:
        """`{"glob" = ["rule-id", ...]}`: rules silenced in the files a glob matches (for
        formats without a comment to carry a suppression)."""
        if not isinstance(value, dict):
            raise self.wrong_type(path, msg('a table of "glob" = ["rule-id", ...]'), value)
        known = sorted({r.id for r in all_rules()} | {a for r in all_rules() for a in r.aliases})
        out = []
        for glob, ids in value.items():
            names = self.strings(path + (glob,), ids)
            unknown = [i for i in names if i not in known]
            if unknown:
                raise self.unknown(path + (glob, unknown[0]), known, kind="rule")
            out.append((glob, tuple(canonical_rule_id(i) for i in names)))
        return tuple(out)

    def strings(self, path: tuple[str, ...], value: Any) -> tuple[str, ...]:
        """A list of non-empty strings (a single string is taken as a one-item list)."""
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
            raise self.wrong_type(path, msg("a list of non-empty strings"), value)
        return tuple(value)

    def string(self, path: tuple[str, ...], value: Any) -> str:
        """A non-empty string."""
        if not isinstance(value, str) or not value.strip():
            raise self.wrong_type(path, msg("a non-empty string"), value)
        return value.strip()

    def language(self, path: tuple[str, ...], value: Any) -> str:
        """A language tag Babel can parse (ja, ja-JP); jp gets "did you mean ja?"."""
        return self._named(path, value, language_problem)

    def encoding(self, path: tuple[str, ...], value: Any) -> str:
        """A text encoding Python knows (cp932, euc-jp, utf-8 ...)."""
        return self._named(path, value, encoding_problem)

    def _named(self, path: tuple[str, ...], value: Any, problem_of: Callable[[str], Any]) -> str:
        """A string `problem_of` finds nothing wrong with; else its problem, at the key."""
        name = self.string(path, value)
        problem = problem_of(name)
        if problem is not None:
            raise self.error(path, problem)
        return name

    def boolean(self, path: tuple[str, ...], value: Any) -> bool:
        """`true` or `false` (not the strings)."""
        if not isinstance(value, bool):
            raise self.wrong_type(path, msg("true or false"), value)
        return value

    def jobs(self, path: tuple[str, ...], value: Any) -> int:
        """A worker count: a positive integer, or 0 for one per CPU."""
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise self.wrong_type(path, msg("a non-negative integer (0 = one per CPU)"), value)
        problem = jobs_problem(value)
        if problem is not None:
            raise self.error(path, problem)
        return value

    def choice(self, path: tuple[str, ...], value: Any, choices: Sequence[str], upper: bool = False) -> str:
        """One of `choices` (case-insensitive), with a suggestion when it is close."""
        wanted = msg("one of {choices}", choices=", ".join(repr(c) for c in choices))
        if not isinstance(value, str):
            raise self.wrong_type(path, wanted, value)
        normal = value.strip().upper() if upper else value.strip().lower()
        if normal not in choices:
            hint = _suggest(normal, choices)
            raise self.error(path, msg("must be {wanted}, not {value} (did you mean {hint}?)", wanted=wanted, value=repr(value), hint=repr(hint))
                             if hint else msg("must be {wanted}, not {value}", wanted=wanted, value=repr(value)))
        return normal

    def unknown(self, path: tuple[str, ...], known: Iterable[str], kind: str = "key") -> ConfigError:
        """An error for an unknown key (or rule id), suggesting the closest known one."""
        parent = path[:-1]
        where = msg("in [{table}]", table=_dotted(parent)) if parent else msg("at the top level")
        hint = _suggest(path[-1], known)
        args: dict = {"name": repr(path[-1]), "where": where, "hint": repr(hint)}
        if kind == "rule":
            message = (msg("unknown rule {name} {where} (did you mean {hint}?)", **args) if hint
                       else msg("unknown rule {name} {where}", **args))
        else:
            message = (msg("unknown key {name} {where} (did you mean {hint}?)", **args) if hint
                       else msg("unknown key {name} {where}", **args))
        return ConfigError(self.path, message, self.line_of(path), _dotted(path))

    def wrong_type(self, path: tuple[str, ...], wanted: Message, value: Any) -> ConfigError:
        """An error for a value of the wrong type, showing what was given."""
        return self.error(path, msg("must be {wanted}, not {type} {value}", wanted=wanted, type=_toml_type(value), value=_short(value)))

    def error(self, path: tuple[str, ...], message: str | Message) -> ConfigError:
        """An error about the value at `path`, located at its line."""
        if path:
            message = msg("{key} {problem}", key=repr(_dotted(path)), problem=message)
        return ConfigError(self.path, message, self.line_of(path), _dotted(path))

    def line_of(self, path: tuple[str, ...]) -> int | None:
        """The line defining `path`, else the line of its closest defined parent."""
        for length in range(len(path), 0, -1):
            line = self.lines.get(path[:length])
            if line is not None:
                return line
        return None


_BARE = r"[A-Za-z0-9_-]+"
_KEY_PART = rf"(?:{_BARE}|\"(?:[^\"\\]|\\.)*\"|'[^']*')"
_DOTTED = rf"{_KEY_PART}(?:\s*\.\s*{_KEY_PART})*"
_HEADER_RE = re.compile(rf"^\s*\[\[?\s*({_DOTTED})\s*\]\]?")
_ASSIGN_RE = re.compile(rf"^\s*({_DOTTED})\s*=")
_PART_RE = re.compile(_KEY_PART)


def _key_lines(text: str) -> dict[tuple[str, ...], int]:
    """First line (1-based) on which each key path is defined, by a header or an assignment.

    A scan of the text, not a parser: good enough to point at a line for an error, and it
    only runs on text tomllib already accepted. Lines inside multi-line strings are skipped."""
    found: dict[tuple[str, ...], int] = {}
    table: tuple[str, ...] = ()
    in_string: str | None = None
    for number, line in enumerate(text.splitlines(), start=1):
        if in_string is not None:
            if line.count(in_string) % 2 == 1:
                in_string = None
            continue
        header = _HEADER_RE.match(line)
        if header:
            table = _split_key(header.group(1))
            found.setdefault(table, number)
            continue
        assign = _ASSIGN_RE.match(line)
        if assign:
            key = table + _split_key(assign.group(1))
            for length in range(len(table) + 1, len(key) + 1):
                found.setdefault(key[:length], number)
            rest = line[assign.end():]
            for quote in ('"""', "'''"):
                if rest.count(quote) % 2 == 1:
                    in_string = quote
                    break
    return found


def _split_key(dotted: str) -> tuple[str, ...]:
    """`a."b.c".d` -> ("a", "b.c", "d")."""
    parts = []
    for match in _PART_RE.finditer(dotted):
        part = match.group(0)
        if part.startswith('"'):
            part = json.loads(part)
        elif part.startswith("'"):
            part = part[1:-1]
        parts.append(part)
    return tuple(parts)


def _dotted(path: Sequence[str]) -> str:
    """A key path as TOML spells it, quoting parts that are not bare keys."""
    return ".".join(p if re.fullmatch(_BARE, p) else json.dumps(p, ensure_ascii=False) for p in path)


def _suggest(word: str, known: Iterable[str]) -> str | None:
    """The closest known spelling of `word`, if one is close enough."""
    matches = difflib.get_close_matches(word, list(known), n=1, cutoff=0.6)
    return matches[0] if matches else None


def _toml_type(value: Any) -> str:
    """The TOML name of a parsed value's type."""
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "float"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    if isinstance(value, dict):
        return "table"
    return "date/time"


def _short(value: Any) -> str:
    """A value as TOML-ish text, cut short for messages."""
    text = _toml_value(value) if isinstance(value, (bool, int, float, str, list)) else str(value)
    return text if len(text) <= 40 else text[:37] + "..."


# ---------------------------------------------------------------------------------------
# include / exclude patterns


def _relative_to(path: str, root: str) -> str | None:
    """`path` as a POSIX path relative to `root`, or None when it lies outside."""
    try:
        rel = os.path.relpath(os.path.abspath(path), root)
    except ValueError:
        return None
    rel = rel.replace(os.sep, "/")
    if rel == ".." or rel.startswith("../"):
        return None
    return rel


def _glob_match(pattern: str, rel: str) -> bool:
    """gitignore-like matching of a POSIX relative path (see translate_kit.globs)."""
    return _compiled(pattern).match(rel)


@functools.lru_cache(maxsize=256)
def _compiled(pattern: str) -> Glob:
    return compile_glob(pattern)


# ---------------------------------------------------------------------------------------
# Rendering


def render_config(config: Config) -> str:
    """The effective configuration as TOML (unset values as comments), for `translate-kit config`."""
    origin = dict(config.set_by)
    lines = ["# translate-kit: effective configuration"]
    if config.source:
        table = " [tool.translate-kit]" if os.path.basename(config.source) == PYPROJECT else ""
        lines.append(f"# config file: {config.source}{table}")
    else:
        lines.append("# config file: none found (defaults)")
    for other in config.shadowed:
        lines.append(f"# ignored: {other} ({CONFIG_FILE} takes precedence)")
    lines.append("")
    for key, name in _KEYS.items():
        if name in ("rules", "catalog"):
            continue
        value = getattr(config, name)
        note = f"  # from {origin[name]}" if name in origin else ""
        if name in ("source_files", "per_file_ignores"):
            pairs = ", ".join(f"{_toml_value(g)} = {_toml_value(t)}" for g, t in value)
            if name == "per_file_ignores":
                lines.append(f"{key} = {{{pairs}}}{note}" if value else f"# {key} = {{}}")
                continue
            lines.append(f"{key} = {{{pairs}}}{note}" if value else f"# {key} = {{}}  (conventions: values/ vs values-ja/, en.json vs ja.json, …)")
        elif value is None:
            unset = "(per file: PO header, else detected)" if name == "lang" else "(tool default)"
            lines.append(f"# {key} = {unset}{note}")
        else:
            lines.append(f"{key} = {_toml_value(value)}{note}")
    if "catalog" in origin:
        lines += ["", "[catalog]  # from file"]
        lines += [f"{key} = {_toml_value(getattr(config.catalog, name))}" for key, name in _CATALOG_KEYS.items()
                  if getattr(config.catalog, name) not in (None, ())]
    settings = config.rule_settings()
    if config.select is not None:
        lines.append(f"# select = {_toml_value(sorted(config.select))}  # from command line")
    if config.ignore:
        lines.append(f"# ignore = {_toml_value(sorted(config.ignore))}  # from command line")
    configured = dict(config.rules)
    for rule in all_rules():
        rc = configured.get(rule.id)
        note = "  # from file" if rc is not None else ""
        lines.append("")
        lines.append(f"[rules.{_dotted([rule.id])}]{note}")
        lines.append(f"enabled = {_toml_value(settings.enabled(rule.id))}")
        lines.append(f"severity = {_toml_value(str(settings.severity_of(rule.id, rule.severity)))}")
    return "\n".join(lines) + "\n"


def _toml_value(value: Any) -> str:
    """A Python value as a TOML literal (strings as basic strings)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, (list, tuple, frozenset, set)):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    return json.dumps(str(value), ensure_ascii=False)
