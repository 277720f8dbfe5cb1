"""The `glossary` command group: `validate FILE...` and `convert IN OUT`.

Registered on the main CLI with `cli.add_command(glossary)`. Exit codes: 0 clean,
1 problems found (validate), 2 unreadable or unconvertible input.
"""

from __future__ import annotations

import click

from translate_kit.model import InputFileError

_lang_option = click.option(
    "--lang", default=None, metavar="LANG", help="Language of prh.yml terms (default ja) or of PO msgstrs (default: Language header)."
)
_source_lang_option = click.option(
    "--source-lang", default=None, metavar="LANG", help="Language of PO msgids (default: X-Source-Language header, else en)."
)


def _error_line(exc: InputFileError) -> str:
    """`path:line: message` for an input error, on one line."""
    where = f"{exc.path}:{exc.line}" if exc.line else exc.path
    return f"{where}: {' '.join(exc.message.split())}"


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
def glossary() -> None:
    """Glossary files: check them and convert between CSV, TBX, PO and prh.yml."""


@glossary.command("validate")
@click.argument("files", nargs=-1, required=True, type=click.Path())
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
            click.echo(str(problem))
            problems += 1
    if problems or unreadable:
        click.echo(f"translate-kit: {problems} problem(s), {unreadable} unreadable file(s)", err=True)
    ctx.exit(2 if unreadable else 1 if problems else 0)


@glossary.command("convert")
@click.argument("in_path", metavar="IN", type=click.Path())
@click.argument("out_path", metavar="OUT", type=click.Path())
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
    click.echo(f"translate-kit: wrote {len(converted.concepts)} concept(s) to {out_path}", err=True)
