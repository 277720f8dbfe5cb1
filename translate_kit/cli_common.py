"""What the command modules share: error output, the engine, rule-id and encoding
options, and loading the effective config (file, then command-line overrides)."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any, Sequence

import click
from click.core import ParameterSource

from translate_kit.fsutil import overwritten_input
from translate_kit.langtags import language_problem
from translate_kit.limits import jobs_problem
from translate_kit.i18n import gettext as _
from translate_kit.i18n import localizer

if TYPE_CHECKING:  # pragma: no cover
    from translate_kit.config import Config

FAIL_ON = ("error", "warning", "info", "never")


def _err(message: str) -> None:
    click.echo(message, err=True)


def refuse_to_overwrite_inputs(outputs: Sequence[str], inputs: Sequence[str]) -> None:
    """Exit 2 before anything is written when an output file is one the command read (`-o
    messages.po messages.po` replaced the catalog with its report)."""
    for output in filter(None, outputs):
        clash = overwritten_input(output, [p for p in inputs if p])
        if clash is not None:
            _err("translate-kit: " + _("refusing to write {output}: it is {input}, which this run reads").format(output=output, input=clash))
            sys.exit(2)


def _engine(split_mode: str):
    from translate_kit.analysis import Engine

    return Engine(split_mode)


def _split_ids(values: Sequence[str]) -> frozenset[str]:
    from translate_kit.rules import canonical_rule_id

    ids = set()
    for value in values:
        for part in value.split(","):
            part = part.strip()
            if not part:
                continue
            try:
                ids.add(canonical_rule_id(part))
            except KeyError:
                raise click.BadParameter(_("unknown rule {rule} (see `translate-kit rules`)").format(rule=repr(part))) from None
    return frozenset(ids)


def language_option(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """A click callback for --lang and --source-lang: the tag, or a usage error. The
    option's own default is not checked again (that imports Babel: 2 ms of a warm re-check)."""
    if param.name is not None and ctx.get_parameter_source(param.name) is ParameterSource.DEFAULT:
        return value
    problem = language_problem(value) if value is not None else None
    if problem is not None:
        raise click.BadParameter(localizer().text(problem))
    return value


_common_options = [
    click.option("--lang", default=None, metavar="LANG", callback=language_option,
                 help="Language of the documents (default: PO header, else detected by script)."),
    click.option("--source-lang", default="en", show_default=True, metavar="LANG", callback=language_option,
                 help="Language of msgids in catalogs."),
    click.option("--encoding", default=None, metavar="NAME", callback=lambda ctx, param, value: _encoding(value),
                 help="Encoding of text and Markdown files, e.g. cp932 or euc-jp (default: UTF-8; catalogs declare theirs)."),
    click.option("--split-mode", type=click.Choice(["A", "B", "C"], case_sensitive=False), default="C", show_default=True, help="Sudachi split mode."),
    click.option("--include-fuzzy", is_flag=True, help="Also check fuzzy catalog entries."),
    click.option("--respect-gitignore/--no-respect-gitignore", default=None,
                 help="In directories, leave out what git ignores (.gitignore, .git/info/exclude; the default)."),
]


def _jobs(value: int | None) -> int | None:
    """A worker count this machine takes, or a usage error."""
    problem = jobs_problem(value) if value is not None else None
    if problem is not None:
        raise click.BadParameter(localizer().text(problem))
    return value


def _encoding(value: str | None) -> str | None:
    """An encoding name Python knows, or a usage error."""
    from translate_kit.sources.decode import encoding_problem

    problem = encoding_problem(value) if value is not None else None
    if problem is not None:
        raise click.BadParameter(localizer().text(problem))
    return value


def common_options(func):
    for option in reversed(_common_options):
        func = option(func)
    return func


_config_options = [
    click.option("--config", "config_file", type=click.Path(dir_okay=False, readable=False), default=None, metavar="FILE",
                 help="Use this config file (pyproject.toml or translate-kit.toml) instead of looking for one."),
    click.option("--no-config", is_flag=True, help="Ignore config files: only command-line options and defaults."),
]


def config_options(func):
    for option in reversed(_config_options):
        func = option(func)
    return func


# Command-line parameters that override config values, by Config field name.
_OVERRIDES = {"glossaries": "glossary", "lang": "lang", "source_lang": "source_lang", "encoding": "encoding", "split_mode": "split_mode",
              "fail_on": "fail_on", "include_fuzzy": "include_fuzzy", "respect_gitignore": "respect_gitignore", "select": "select",
              "ignore": "ignore"}


def _given(ctx: click.Context, values: dict[str, Any]) -> dict[str, Any]:
    """The override-able options the user actually gave (command line or environment)."""
    given = {}
    for param, name in _OVERRIDES.items():
        if param in values and ctx.get_parameter_source(param) in (ParameterSource.COMMANDLINE, ParameterSource.ENVIRONMENT):
            given[name] = values[param]
    return given


def config_for(ctx: click.Context, paths: Sequence[str], config_file: str | None, no_config: bool) -> "Config":
    """The effective config of a command that checks (`check`, `fix`): the file, then the
    rule and input options the user gave on the command line or in the environment."""
    values = dict(ctx.params)
    values["select"] = _split_ids(values["select"]) if values.get("select") else None
    values["ignore"] = _split_ids(values.get("ignore") or ())
    return _load_config(paths, config_file, no_config, _given(ctx, values))


def run_jobs(config: "Config", jobs: int | None = None) -> int:
    """Processes for large files: the flag, else the config, else one per core (0)."""
    if jobs is not None:
        return jobs
    return config.jobs if config.jobs is not None else 0


def _load_config(paths: Sequence[str], config_file: str | None, no_config: bool, given: dict[str, Any]) -> "Config":
    """The effective config: the file (given or discovered), then command-line overrides; exit 2 on a bad file."""
    from translate_kit.config import Config, ConfigError, apply_overrides, discover_config, load_config

    try:
        if no_config:
            config = Config()
        elif config_file is not None:
            config = load_config(config_file)
        else:
            config = discover_config(list(paths))
    except ConfigError as exc:
        _err(exc.shown(localizer()))
        sys.exit(2)
    return apply_overrides(config, given)


def encode_like(path: str, original: bytes, text: str, encoding: str | None) -> bytes:
    """`text` encoded as the file `original` was, by its format's encoder: its byte order
    mark, a catalog's or XML file's declared encoding, else `encoding` (UTF-8 by default)."""
    from translate_kit.sources import REGISTRY
    from translate_kit.sources.decode import encode_as_read

    fmt = REGISTRY.for_path(path)
    return (fmt.encode if fmt is not None else encode_as_read)(text, original, encoding)
