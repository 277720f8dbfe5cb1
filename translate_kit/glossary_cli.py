"""The `glossary` command group: `validate FILE...` and `convert IN OUT`.

Registered on the main CLI with `cli.add_command(glossary)`. Exit codes: 0 clean,
1 problems found (validate), 2 unreadable or unconvertible input.
"""

from __future__ import annotations

import click

from translate_kit.cli_common import language_option
from translate_kit.i18n import gettext as _
from translate_kit.i18n import localizer
from translate_kit.model import InputFileError

_lang_option = click.option(
    "--lang", default=None, metavar="LANG", callback=language_option, help="Language of prh.yml terms (default ja) or of PO msgstrs (default: Language header)."
)
_source_lang_option = click.option(
    "--source-lang", default=None, metavar="LANG", callback=language_option, help="Language of PO msgids (default: X-Source-Language header, else en)."
)


def _error_line(exc: InputFileError) -> str:
    """`path:line: message` for an input error, on one line."""
    error = exc.as_error()
    where = f"{error.path}:{error.line}" if error.line else error.path
    return f"{where}: {' '.join(error.text(localizer()).split())}"


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
def glossary() -> None:
    """Glossary files: check them and convert between CSV, TBX, PO and prh.yml."""


@glossary.command("validate")
@click.argument("files", nargs=-1, required=True, type=click.Path(readable=False))
@_lang_option
@_source_lang_option
@click.pass_context
def validate_command(ctx: click.Context, files: tuple[str, ...], lang: str | None, source_lang: str | None) -> None:
    """Report problems in glossary FILES as `path:line: message`.

    Exit codes: 0 no problem, 1 problems, 2 a file could not be read.
    """
    from translate_kit.glossary import load_glossary, validate

    unreadable = problems = 0
    for path in files:
        try:
            loaded = load_glossary(path, strict=False, lang=lang, source_lang=source_lang)
        except InputFileError as exc:
            click.echo(_error_line(exc), err=True)
            unreadable += 1
            continue
        for problem in validate(loaded):
            click.echo(problem.shown(localizer()))
            problems += 1
    if problems or unreadable:
        click.echo("translate-kit: " + _("{problems} problem(s), {unreadable} unreadable file(s)").format(problems=problems, unreadable=unreadable), err=True)
    ctx.exit(2 if unreadable else 1 if problems else 0)


@glossary.command("convert")
@click.argument("in_path", metavar="IN", type=click.Path(readable=False))
@click.argument("out_path", metavar="OUT", type=click.Path(readable=False))
@_lang_option
@_source_lang_option
@click.pass_context
def convert_command(ctx: click.Context, in_path: str, out_path: str, lang: str | None, source_lang: str | None) -> None:
    """Convert glossary IN to OUT, formats by file name (write .csv, .tbx or .po).

    Exit codes: 0 written, 2 IN unreadable or not representable in OUT's format.
    """
    from translate_kit.glossary import convert

    try:
        converted = convert(in_path, out_path, lang=lang, source_lang=source_lang)
    except InputFileError as exc:
        click.echo(_error_line(exc), err=True)
        ctx.exit(2)
    click.echo("translate-kit: " + _("wrote {count} concept(s) to {path}").format(count=len(converted.concepts), path=out_path), err=True)


@glossary.command("suggest")
@click.argument("paths", nargs=-1, required=True, type=click.Path(readable=False))
@click.option("-g", "--glossary", "glossaries", multiple=True, type=click.Path(readable=False), metavar="FILE", help="Existing glossary: its concepts are left out.")
@click.option("--min-count", type=int, default=1, show_default=True, help="Only entities mentioned at least this often.")
@click.option("--lang", default=None, metavar="LANG", callback=language_option, help="Language of the documents (default: detected).")
def suggest_command(paths: tuple[str, ...], glossaries: tuple[str, ...], min_count: int, lang: str | None) -> None:
    """Print a long-CSV glossary draft of the entities in PATHS that the glossary lacks."""
    import sys

    from translate_kit.analysis import Engine
    from translate_kit.cluster import cluster_mentions
    from translate_kit.link import GlossaryIndex
    from translate_kit.options import CheckOptions
    from translate_kit.run import analyse
    from translate_kit.suggest import suggest_csv

    ctx, errors = analyse(list(paths), CheckOptions(lang=lang, glossary_paths=tuple(glossaries), collect_words=False), engine=Engine())
    for error in errors:
        click.echo(error.shown(localizer()), err=True)
    index = GlossaryIndex(ctx.glossary) if ctx.glossary is not None else None  # type: ignore[arg-type]
    click.echo(suggest_csv(cluster_mentions(ctx.mentions), index, min_count), nl=False)
    sys.exit(2 if errors else 0)
