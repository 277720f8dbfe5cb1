"""The command line: `translate-kit check`, `entities`, `rules`, `rule`.

Commands only parse options, call the library and write what reporters return; the work
lives in `translate_kit.run`, the output in `translate_kit.report`.
"""

from __future__ import annotations

import json
import os
import sys
from typing import Sequence

import click

from translate_kit import __version__
from translate_kit.fsutil import atomic_write, read_source_lines
from translate_kit.model import Severity
from translate_kit.pipeline import CheckOptions, RuleSettings

FAIL_ON = ("error", "warning", "info", "never")


def _err(message: str) -> None:
    click.echo(message, err=True)


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
                raise click.BadParameter(f"unknown rule {part!r} (see `translate-kit rules`)") from None
    return frozenset(ids)


_common_options = [
    click.option("--lang", default=None, metavar="LANG", help="Language of the documents (default: PO header, else detected by script)."),
    click.option("--source-lang", default="en", show_default=True, metavar="LANG", help="Language of msgids in catalogs."),
    click.option("--split-mode", type=click.Choice(["A", "B", "C"], case_sensitive=False), default="C", show_default=True, help="Sudachi split mode."),
    click.option("--include-fuzzy", is_flag=True, help="Also check fuzzy catalog entries."),
]


def common_options(func):
    for option in reversed(_common_options):
        func = option(func)
    return func


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="translate-kit")
def cli() -> None:
    """Keep Japanese translations consistent: names, glossary terms, spelling variants."""


def _report_formats() -> list[str]:
    from translate_kit.report import REPORTERS

    return list(REPORTERS)


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("-g", "--glossary", "glossaries", multiple=True, type=click.Path(), metavar="FILE", help="Glossary file (repeatable).")
@click.option("-f", "--format", "fmt", type=click.Choice(_report_formats()), default="text", show_default=True, help="Report format.")
@click.option("-o", "--output", type=click.Path(dir_okay=False), default=None, help="Write the report to FILE (atomically).")
@click.option("--fail-on", type=click.Choice(FAIL_ON), default="warning", show_default=True, help="Lowest severity that fails the run (exit 1).")
@click.option("--select", multiple=True, metavar="RULES", help="Only these rules (comma-separated, repeatable).")
@click.option("--ignore", multiple=True, metavar="RULES", help="Skip these rules (comma-separated, repeatable).")
@click.option("--color", type=click.Choice(["auto", "always", "never"]), default="auto", show_default=True, help="Colour in text output.")
@click.option("-q", "--quiet", is_flag=True, help="Print nothing but the report.")
@common_options
def check(paths, glossaries, fmt, output, fail_on, select, ignore, color, quiet, lang, source_lang, split_mode, include_fuzzy) -> None:
    """Check PATHS (files or directories) together as one run.

    Exit codes: 0 no finding at or above --fail-on, 1 findings, 2 usage or input errors.
    """
    from translate_kit.report import ReportInput, render
    from translate_kit.report.text import should_color
    from translate_kit.rules import all_rules
    from translate_kit.run import check_paths, exit_code

    settings = RuleSettings(select=_split_ids(select) if select else None, ignore=_split_ids(ignore))
    options = CheckOptions(
        lang=lang, source_lang=source_lang, split_mode=split_mode.upper(), include_fuzzy=include_fuzzy,
        rules=settings, glossary_paths=tuple(glossaries),
    )
    result = check_paths(list(paths), options, engine=_engine(split_mode))
    for error in result.errors:
        _err(f"{error}")
    snippets = read_source_lines({(f.path, f.line) for f in result.findings})
    to_file = output is not None
    stream = sys.stdout
    report = ReportInput(
        findings=result.findings,
        errors=result.errors if fmt not in ("text", "concise") else (),
        rules=all_rules(),
        tool_version=__version__,
        summary={"files": result.files, "segments": result.segments, "input_errors": len(result.errors)},
        snippets=snippets,
        color=False if to_file else should_color(stream, color, os.environ),
    )
    text = render(fmt, report)
    if to_file:
        atomic_write(output, text)
        if not quiet:
            _err(f"translate-kit: wrote {fmt} report with {len(result.findings)} finding(s) to {output}")
    else:
        stream.write(text)
    sys.exit(exit_code(result, None if fail_on == "never" else Severity.parse(fail_on)))


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("-f", "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@common_options
def entities(paths, fmt, lang, source_lang, split_mode, include_fuzzy) -> None:
    """List the named entities in PATHS, grouped, with counts and every location."""
    from translate_kit.entities import entities_json, entities_text, group_by_normalized
    from translate_kit.run import analyse

    options = CheckOptions(lang=lang, source_lang=source_lang, split_mode=split_mode.upper(), include_fuzzy=include_fuzzy)
    ctx = analyse(list(paths), options, engine=_engine(split_mode))
    for error in ctx.errors:
        _err(f"{error}")
    groups = group_by_normalized(ctx.mentions)
    if fmt == "json":
        payload = entities_json(groups)
        payload["errors"] = [{"path": e.path, "line": e.line, "message": e.message} for e in ctx.errors]
        click.echo(json.dumps(payload, ensure_ascii=False, indent=2))
    else:
        click.echo(entities_text(groups), nl=False)
    sys.exit(2 if ctx.errors else 0)


@cli.command("rules")
@click.option("-f", "--format", "fmt", type=click.Choice(["text", "json", "markdown"]), default="text", show_default=True)
def rules_command(fmt) -> None:
    """List every rule: id, default severity, summary."""
    from translate_kit.docs import rule_table
    from translate_kit.rules import all_rules

    rules = all_rules()
    if fmt == "json":
        click.echo(json.dumps([{"id": r.id, "severity": str(r.severity), "summary": r.summary, "aliases": list(r.aliases)} for r in rules], ensure_ascii=False, indent=2))
    elif fmt == "markdown":
        click.echo(rule_table(rules), nl=False)
    else:
        width = max(len(r.id) for r in rules)
        for r in rules:
            click.echo(f"{r.id:<{width}}  {str(r.severity):<7}  {r.summary}")


@cli.command("rule")
@click.argument("rule_id")
def rule_command(rule_id) -> None:
    """Explain one rule: what it does, why, and an example."""
    from translate_kit.rules import get_rule

    try:
        rule = get_rule(rule_id)
    except KeyError:
        _err(f"translate-kit: unknown rule {rule_id!r} (see `translate-kit rules`)")
        sys.exit(2)
    click.echo(f"{rule.id} ({rule.severity})")
    click.echo(rule.help_text())


def main(argv: Sequence[str] | None = None) -> None:
    """Entry point of the `translate-kit` console script."""
    try:
        cli.main(args=list(argv) if argv is not None else None, prog_name="translate-kit")
    except KeyboardInterrupt:  # pragma: no cover
        _err("translate-kit: interrupted")
        sys.exit(130)
