"""The command line: `translate-kit check`, `config`, `entities`, `rules`, `rule`.

Commands only parse options, call the library and write what reporters return; the work
lives in `translate_kit.run`, the output in `translate_kit.report`.
"""

from __future__ import annotations

import dataclasses
import gc
import json
import os
import sys
from typing import Sequence

import click
from click.core import ParameterSource

from translate_kit import cli_edit
from translate_kit._version import __version__
from translate_kit.cli_catalog import COMMANDS as CATALOG_COMMANDS
from translate_kit.fsutil import atomic_write
from translate_kit.glossary_cli import glossary
from translate_kit.cli_common import (
    FAIL_ON,
    _engine,
    _given,
    _jobs,
    _err,
    _load_config,
    common_options,
    config_for,
    config_options,
    refuse_to_overwrite_inputs,
    run_jobs,
)
from translate_kit.cache import default_cache_dir
from translate_kit.i18n import gettext as _
from translate_kit.i18n import localized, localizer, ui_lang_option
from translate_kit.limits import os_reason
from translate_kit.tokenize import DictionaryMissing
from translate_kit.options import RuleSettings


def _report_targets(specs: Sequence[str], fmt: str, output: str | None, fmt_given: bool) -> list[tuple[str, str | None]]:
    """(format, file or None for stdout) for each report: every --report FORMAT[:FILE], plus
    --format/--output when given or when no --report was; at most one goes to stdout."""
    from translate_kit.report import REPORTERS

    targets: list[tuple[str, str | None]] = []
    for spec in specs:
        name, _sep, path = spec.partition(":")
        if name not in REPORTERS:
            raise click.BadParameter(_("unknown format {name} in {spec} (use one of: {known})").format(
                name=repr(name), spec=repr(spec), known=", ".join(REPORTERS)), param_hint="--report")
        targets.append((name, path if path not in ("", "-") else None))
    if fmt_given or output is not None or not targets:
        targets.insert(0, (fmt, output))
    if sum(path is None for _, path in targets) > 1:
        raise click.BadParameter(_("only one report can go to stdout; give the others a FILE"), param_hint="--report")
    files = [os.path.abspath(path) for _, path in targets if path is not None]
    if len(files) != len(set(files)):
        raise click.BadParameter(_("two reports would be written to the same file"), param_hint="--report")
    return targets


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="translate-kit")
@ui_lang_option
def cli() -> None:
    """Keep Japanese translations consistent: names, glossary terms, spelling variants."""


def _cache_dir(config, given: str | None) -> str:
    """--cache-dir, else $TRANSLATE_KIT_CACHE_DIR, else `.translate_kit_cache/` beside
    the config file, else in the working directory."""
    if given:
        return given
    root = getattr(config, "root", None)
    return default_cache_dir(str(root) if root else None)


def _write_or_exit(path: str, text: str, what: str) -> None:
    """Write a report atomically, or say in one line why it cannot be written and exit 2
    (a missing folder, a read-only or full disk, a FIFO nobody reads)."""
    try:
        atomic_write(path, text)
    except OSError as exc:
        _err("translate-kit: " + _("cannot write {what} to {path}: {reason}").format(what=what, path=path, reason=os_reason(exc)))
        sys.exit(2)


def _report_formats() -> list[str]:
    from translate_kit.report import REPORTERS

    return list(REPORTERS)


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(readable=False))
@click.option("-g", "--glossary", "glossaries", multiple=True, type=click.Path(readable=False), metavar="FILE", help="Glossary file (repeatable; replaces the config's list).")
@click.option("-f", "--format", "fmt", type=click.Choice(_report_formats()), default="text", show_default=True, help="Report format.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, readable=False), default=None, help="Write the report to FILE (atomically).")
@click.option("-r", "--report", "reports", multiple=True, metavar="FORMAT[:FILE]", help="Also write a FORMAT report to FILE (stdout without FILE); repeatable, e.g. -r sarif:out.sarif -r text.")
@click.option("--fail-on", type=click.Choice(FAIL_ON), default="warning", show_default=True, help="Lowest severity that fails the run (exit 1).")
@click.option("--select", multiple=True, metavar="RULES", help="Only these rules (comma-separated, repeatable).")
@click.option("--ignore", multiple=True, metavar="RULES", help="Skip these rules (comma-separated, repeatable).")
@click.option("--baseline", "baseline_file", type=click.Path(dir_okay=False, readable=False), default=None, metavar="FILE", help="Report only findings not recorded in FILE.")
@click.option("--write-baseline", "write_baseline_file", type=click.Path(dir_okay=False, readable=False), default=None, metavar="FILE", help="Record every current finding in FILE, then exit 0.")
@click.option("--color", type=click.Choice(["auto", "always", "never"]), default="auto", show_default=True, help="Colour in text output.")
@click.option("-q", "--quiet", is_flag=True, help="Print nothing but the report.")
@click.option("-j", "--jobs", type=click.IntRange(min=0), default=None, callback=lambda ctx, param, value: _jobs(value), help="Worker processes for many or large files (0: one per core, the default unless the config sets jobs).")
@click.option("--no-cache", is_flag=True, help="Do not read or write the cache.")
@click.option("--cache-dir", type=click.Path(file_okay=False, readable=False), default=None, metavar="DIR",
              help="Keep the cache in DIR (default: $TRANSLATE_KIT_CACHE_DIR, else .translate_kit_cache/ beside the config).")
@click.option("--report-untranslated", is_flag=True, default=None, help="Report untranslated catalog entries as findings (else only counted).")
@click.option("--stdin-filename", default=None, metavar="NAME", help="With PATH `-`: the name (and format) of the text read from stdin.")
@config_options
@common_options
@click.pass_context
def check(ctx, paths, glossaries, fmt, output, reports, fail_on, select, ignore, baseline_file, write_baseline_file,
          color, quiet, jobs, no_cache, cache_dir, report_untranslated, stdin_filename, config_file, no_config, lang, source_lang, encoding, split_mode,
          include_fuzzy, respect_gitignore) -> None:
    """Check PATHS (files or directories) together as one run.

    Settings come from `[tool.translate-kit]` in pyproject.toml or from translate-kit.toml
    (found by walking up from PATHS); options given here override them.

    Exit codes: 0 no finding at or above --fail-on, 1 findings, 2 usage or input errors.
    """
    from translate_kit.baseline import BaselineError, filter_new, load_baseline, write_baseline
    from translate_kit.progress import progress
    from translate_kit.report import ReportInput, render
    from translate_kit.report.text import should_color
    from translate_kit.rules import all_rules
    from translate_kit.run import check_paths, exit_code

    if baseline_file and write_baseline_file:
        raise click.UsageError(_("--baseline and --write-baseline cannot be used together"))
    targets = _report_targets(reports, fmt, output, ctx.get_parameter_source("fmt") is ParameterSource.COMMANDLINE)
    paths, buffers = cli_edit.stdin_buffers(paths, stdin_filename, encoding)
    config = config_for(ctx, paths, config_file, no_config)
    baseline = None
    if baseline_file:
        try:
            baseline = load_baseline(baseline_file)
        except BaselineError as exc:
            _err(f"translate-kit: {localizer().text(exc.message)}")
            sys.exit(2)

    with progress(quiet=quiet) as advance:
        extra: dict = {"cache_dir": None if no_cache else _cache_dir(config, cache_dir)}
        extra["jobs"] = run_jobs(config, jobs)
        if report_untranslated:
            extra["report_untranslated"] = True
        options = config.to_check_options(**extra)
        result = check_paths(config.select_paths(paths), options, engine=_engine(config.split_mode), progress=advance, buffers=buffers)
    # the run's corpus lives until the process ends: keep the collector from walking it
    # again while the reports are written (a full pass over a large run found nothing)
    gc.freeze()
    for error in result.errors:
        _err(error.shown(localizer()))
    snippets = result.source_lines()
    findings, known = result.findings, 0
    if baseline is not None:
        new, known = filter_new(result.findings, baseline, snippets)
        findings = tuple(new)
        if not quiet and known:
            _err("translate-kit: " + _("{count} finding(s) recorded in {path} not shown").format(count=known, path=baseline_file))
        if not quiet and known < len(baseline.entries):
            _err("translate-kit: " + _("{count} baseline entr(ies) no longer found; refresh with --write-baseline {path}").format(
                count=len(baseline.entries) - known, path=baseline_file))
    refuse_to_overwrite_inputs([path for _name, path in targets if path is not None] + [write_baseline_file or ""],
                                [*result.corpus.paths(), *(e.path for e in result.errors), *config.glossary, baseline_file or ""])
    summary = {"files": result.files, "segments": result.segments, "input_errors": len(result.errors),
               "untranslated": result.untranslated}
    if baseline is not None:
        summary["baseline_known"] = known
    for name, path in targets:
        to_file = path is not None
        report = ReportInput(
            findings=findings,
            errors=result.errors if name not in ("text", "concise") else (),
            rules=all_rules(),
            tool_version=__version__,
            summary=summary,
            snippets=snippets,
            color=False if to_file else should_color(sys.stdout, color, os.environ),
            localizer=localizer(),
        )
        text = render(name, report)
        if to_file:
            _write_or_exit(path, text, _("{format} report").format(format=name))
            if not quiet:
                _err("translate-kit: " + _("wrote {format} report with {count} finding(s) to {path}").format(format=name, count=len(findings), path=path))
        else:
            sys.stdout.write(text)
    if write_baseline_file:
        if result.errors:
            _err("translate-kit: " + _("not writing {path}: {count} input error(s)").format(path=write_baseline_file, count=len(result.errors)))
            sys.exit(2)
        try:
            count = write_baseline(write_baseline_file, result.findings, snippets)
        except OSError as exc:
            _err("translate-kit: " + _("cannot write baseline {path}: {reason}").format(path=write_baseline_file, reason=os_reason(exc)))
            sys.exit(2)
        if not quiet:
            _err("translate-kit: " + _("recorded {count} finding(s) in {path}").format(count=count, path=write_baseline_file))
        sys.exit(0)
    sys.exit(exit_code(dataclasses.replace(result, findings=findings), config.fail_on_severity()))


@cli.command("config")
@click.argument("paths", nargs=-1, type=click.Path(readable=False))
@config_options
def config_command(paths, config_file, no_config) -> None:
    """Show the effective configuration for a run over PATHS (default: the current directory)."""
    from translate_kit.config import render_config

    config = _load_config(paths or (".",), config_file, no_config, {})
    click.echo(render_config(config), nl=False)


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(readable=False))
@click.option("-f", "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("-j", "--jobs", type=click.IntRange(min=0), default=None, callback=lambda ctx, param, value: _jobs(value), help="Worker processes for many or large files (0: one per core; default: the config's, else 0).")
@common_options
@config_options
@click.pass_context
def entities(ctx, paths, fmt, jobs, lang, source_lang, encoding, split_mode, include_fuzzy, respect_gitignore, config_file, no_config) -> None:
    """List the named entities in PATHS, grouped, with counts and every location."""
    from translate_kit.cluster import cluster_mentions
    from translate_kit.entities import entities_json, entities_text, from_clusters
    from translate_kit.run import analyse

    # the config's languages, encoding, split mode, fuzzy entries and include/exclude, as check reads them
    config = _load_config(paths, config_file, no_config, _given(ctx, dict(ctx.params)))
    options = config.to_check_options(
        collect_words=False, glossary_paths=(), jobs=run_jobs(config, jobs),
        rules=RuleSettings(select=frozenset()), per_file_ignores=(),  # names only: no rule runs
    )
    run, errors = analyse(config.select_paths(paths), options, engine=_engine(config.split_mode))
    for error in errors:
        _err(error.shown(localizer()))
    groups = from_clusters(cluster_mentions(run.mentions))
    if fmt == "json":
        payload = entities_json(groups)
        payload["errors"] = [{"path": e.path, "line": e.line, "message": e.message} for e in errors]
        click.echo(json.dumps(payload, ensure_ascii=False, indent=2))
    else:
        click.echo(entities_text(groups, localizer()), nl=False)
    sys.exit(2 if errors else 0)


@cli.command("rules")
@click.option("-f", "--format", "fmt", type=click.Choice(["text", "json", "markdown"]), default="text", show_default=True)
def rules_command(fmt) -> None:
    """List every rule: id, default severity, summary."""
    from translate_kit.docs import rule_table
    from translate_kit.rules import all_rules

    rules = all_rules()
    if fmt == "json":
        click.echo(json.dumps([{"id": r.id, "severity": str(r.severity), "summary": r.summary, "aliases": list(r.aliases),
                                "default_enabled": r.default_enabled} for r in rules], ensure_ascii=False, indent=2))
    elif fmt == "markdown":
        click.echo(rule_table(rules), nl=False)
    else:
        width = max(len(r.id) for r in rules)
        for r in rules:
            severity = str(r.severity) if r.default_enabled else f"{r.severity}*"
            click.echo(f"{r.id:<{width}}  {severity:<8}  {_(r.summary)}")
        if not all(r.default_enabled for r in rules):
            click.echo(_("* opt-in: runs only when selected (--select, or enabled = true in the config)"))


@cli.command("rule")
@click.argument("rule_id")
def rule_command(rule_id) -> None:
    """Explain one rule: what it does, why, and an example."""
    from translate_kit.rules import get_rule

    try:
        rule = get_rule(rule_id)
    except KeyError:
        _err("translate-kit: " + _("unknown rule {rule} (see `translate-kit rules`)").format(rule=repr(rule_id)))
        sys.exit(2)
    click.echo(f"{rule.id} ({rule.severity})")
    click.echo(rule.help_text(_))


cli.add_command(glossary)
for _command in CATALOG_COMMANDS:
    cli.add_command(_command)
cli_edit.register(cli)


class Terminated(BaseException):
    """SIGTERM or SIGHUP, raised where the process is so that `finally` blocks (temp
    files, worker pools) run before it exits."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def _on_signal(signum: int, _frame: object) -> None:
    raise Terminated(signum)


def _install_signal_handlers() -> None:
    """Termination signals unwind the stack like Ctrl-C; a file size limit (`ulimit -f`)
    makes writes fail with EFBIG instead of killing the process mid-write."""
    import signal

    for name in ("SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), _on_signal)
    if hasattr(signal, "SIGXFSZ"):
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)


def _tolerant_streams() -> None:
    """A character stdout or stderr cannot encode (≈ on a cp932 console) is replaced,
    never a UnicodeEncodeError after the work is done."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None and getattr(stream, "errors", "strict") == "strict":
            try:
                reconfigure(errors="replace")
            except (ValueError, OSError):  # pragma: no cover - a stream that cannot change
                pass


def main(argv: Sequence[str] | None = None) -> None:
    """Entry point of the `translate-kit` console script: Ctrl-C exits 130 and a
    termination signal 128 + its number, each with one line; a closed or full stdout
    exits 2 with one line."""
    _install_signal_handlers()
    _tolerant_streams()
    args = list(argv) if argv is not None else sys.argv[1:]
    try:
        code = localized(cli, args).main(args=args, prog_name="translate-kit", standalone_mode=False)
    except click.ClickException as exc:
        exc.show()
        _exit(exc.exit_code)
    except click.exceptions.Abort:
        _err("translate-kit: " + _("interrupted"))
        _exit(130)
    except KeyboardInterrupt:
        _err("translate-kit: " + _("interrupted"))
        _exit(130)
    except Terminated as exc:
        _err("translate-kit: " + _("terminated by signal {number}").format(number=exc.signum))
        _exit(128 + exc.signum)
    except DictionaryMissing as exc:  # a broken install: nothing can be checked
        _err("translate-kit: " + _("cannot load the Sudachi dictionary (pip install sudachidict_core): {reason}").format(reason=exc))
        _exit(2)
    except OSError as exc:  # writing to stdout failed: a full disk, a closed pipe
        _err("translate-kit: " + _("cannot write output: {reason}").format(reason=os_reason(exc)))
        _exit(2)
    else:
        _exit(code if isinstance(code, int) else 0)


def _exit(code: int | None) -> None:
    """Flush stdout (reporting a failure to) and exit with `code`."""
    try:
        sys.stdout.flush()
    except ValueError:  # stdout is closed: the language server closes its transport on `exit`
        pass
    except OSError as exc:
        try:
            _err("translate-kit: " + _("cannot write output: {reason}").format(reason=os_reason(exc)))
        except OSError:
            pass
        code = 2
    sys.exit(code or 0)
