"""The catalog commands: `export` (documents → .pot/.po), `compile` (.po → .mo) and
`import` (a .po back into its document). The work lives in `translate_kit.catalog`."""

from __future__ import annotations

import sys
from typing import Sequence

import click

from translate_kit.cli_common import _err, _given, _load_config, config_options, encode_like, refuse_to_overwrite_inputs
from translate_kit.fsutil import atomic_write_bytes, file_name_problem
from translate_kit.i18n import gettext as _
from translate_kit.i18n import localizer
from translate_kit.model import InputError, InputFileError

CHECKED_RULES = frozenset({"placeholder-mismatch", "plural-forms"})


def _errors(errors: Sequence[InputError]) -> None:
    for error in errors:
        _err(error.shown(localizer()))


def _tokenizer(split_mode: str):
    """Word tokens for glossary matching: Sudachi for Japanese, loaded only when needed."""
    from translate_kit.segment import lang_is_japanese
    from translate_kit.tokenize import SudachiTokenizer, WordTokenizer

    loaded: list[SudachiTokenizer] = []
    words = WordTokenizer()

    def tokenize(text: str, lang: str):
        if not lang_is_japanese(lang):
            return words.tokenize(text)
        if not loaded:
            loaded.append(SudachiTokenizer(split_mode))
        return loaded[0].tokenize(text)

    return tokenize


def _source_lang(config) -> str | None:
    """The documents' language when the command line or the config says it, else None
    (detected per document: the config's default `en` is about catalogs' msgids)."""
    return config.source_lang if "source_lang" in dict(config.set_by) else None


def _documents(paths: Sequence[str], source_lang: str | None, encoding: str | None, keys: frozenset[str], errors: list[InputError],
               respect_gitignore: bool = True):
    """The text and Markdown documents named or under directories (catalogs found in a
    directory are skipped; one named on the command line is an error)."""
    from translate_kit.catalog.extract import read_document
    from translate_kit.sources import discover, format_for

    files, problems = discover(list(paths), respect_gitignore=respect_gitignore)
    errors.extend(problems)
    named = set(paths)
    documents = []
    for path in files:
        if format_for(path) not in ("text", "markdown") and path not in named:
            continue
        try:
            documents.append(read_document(path, source_lang=source_lang, encoding=encoding, front_matter_keys=keys))
        except InputFileError as exc:
            errors.append(exc.as_error())
    return documents


def _domain(value: str | None) -> str | None:
    """A catalog name that is a file name (NAME.pot), or a usage error."""
    problem = file_name_problem(value) if value is not None else None
    if problem is not None:
        raise click.BadParameter(localizer().text(problem))
    return value


@click.command("export")
@click.argument("paths", nargs=-1, required=True, type=click.Path(readable=False))
@click.option("-d", "--output-dir", type=click.Path(file_okay=False, readable=False), default=None, help="Directory for NAME.pot and LOC/LC_MESSAGES/NAME.po (default: the config's output-dir).")
@click.option("-l", "--locale", "locales", multiple=True, metavar="LOC", help="A locale to write a catalog for (repeatable; replaces the config's locales): ja, fr, pt_BR, zh_Hans.")
@click.option("--domain", default=None, metavar="NAME", callback=lambda ctx, param, value: _domain(value), help="Catalog name: NAME.pot, NAME.po (default: the config's, else messages).")
@click.option("--source-lang", default=None, metavar="LANG", help="Language of the documents (default: the config's, else detected by script).")
@click.option("-g", "--glossary", "glossaries", multiple=True, type=click.Path(readable=False), metavar="FILE", help="Glossary for translator notes (repeatable; replaces the config's list).")
@click.option("--front-matter-key", "front_matter_keys", multiple=True, metavar="KEY", help="A YAML front-matter key whose value is translated (repeatable), e.g. title.")
@click.option("--encoding", default=None, metavar="NAME", help="Encoding of the documents (default UTF-8).")
@config_options
@click.pass_context
def export_command(ctx, paths, output_dir, locales, domain, source_lang, glossaries, front_matter_keys, encoding, config_file, no_config) -> None:
    """Turn documents (text, Markdown) into gettext catalogs, keeping translations.

    Writes OUTPUT_DIR/NAME.pot and OUTPUT_DIR/LOC/LC_MESSAGES/NAME.po for each --locale;
    an existing .po is updated as msgmerge does (fuzzy, obsolete, never deleted).
    Exit codes: 0 written, 2 usage or input errors.
    """
    from translate_kit.catalog.export import ExportOptions, export
    from translate_kit.catalog.headers import LocaleError, parse_locale
    from translate_kit.run import load_glossaries

    values = {"glossaries": glossaries, "source_lang": source_lang, "encoding": encoding}
    config = _load_config(paths, config_file, no_config, _given(ctx, values))
    settings = config.catalog
    output_dir = output_dir or settings.output_dir
    if not output_dir:
        raise click.UsageError(_("give --output-dir, or output-dir in the config's [catalog] table"))
    if not (locales or settings.locales):
        raise click.UsageError(_("give --locale (repeatable), or locales in the config's [catalog] table"))
    try:
        parsed = tuple(dict.fromkeys(parse_locale(loc) for loc in locales or settings.locales))
    except LocaleError as exc:
        _err(f"translate-kit: {exc}")
        sys.exit(2)
    errors: list[InputError] = []
    glossary = load_glossaries(config.glossary, errors)
    keys = frozenset(front_matter_keys or settings.front_matter_keys)
    documents = _documents(paths, _source_lang(config), config.encoding, keys, errors, config.respect_gitignore)
    if not documents:
        _errors(errors)
        _err("translate-kit: " + _("no document to export"))
        sys.exit(2)
    options = ExportOptions(output_dir, parsed, domain or settings.domain or "messages")
    written, more = export(documents, options, glossary, _tokenizer(config.split_mode))
    errors.extend(more)
    _errors(errors)
    for item in written:
        state = _("written") if item.changed else _("unchanged")
        detail = ""
        if item.stats is not None:
            s = item.stats
            detail = _("; {kept} kept, {fuzzy} fuzzy, {new} new, {revived} revived, {obsolete} obsolete").format(
                kept=s.kept, fuzzy=s.fuzzy, new=s.new, revived=s.revived, obsolete=s.obsolete)
        _err(f"translate-kit: {item.path}: " + _("{count} entries ({state}{detail})").format(count=item.entries, state=state, detail=detail))
    sys.exit(2 if errors else 0)


@click.command("compile")
@click.argument("paths", nargs=-1, required=True, type=click.Path(readable=False))
@click.option("--use-fuzzy", is_flag=True, help="Include fuzzy translations in the .mo files.")
@click.option("--check", "run_check", is_flag=True, help="Refuse a catalog with placeholder-mismatch or plural-forms findings.")
def compile_command(paths, use_fuzzy, run_check) -> None:
    """Compile every .po file in PATHS (files or directories) to a .mo beside it.

    Exit codes: 0 compiled, 1 a catalog refused by --check, 2 input errors.
    """
    from translate_kit.catalog.compile import find_catalogs, mo_bytes, mo_path
    from translate_kit.catalog.export import write_error
    from translate_kit.catalog.files import read_po

    files, errors = find_catalogs(list(paths))
    catalogs = {}
    for path in files:
        try:
            catalogs[path] = read_po(path)
        except InputFileError as exc:
            errors.append(exc.as_error())
    refused = _refused(list(catalogs), use_fuzzy) if run_check and catalogs else set()
    for path, catalog in catalogs.items():
        if path in refused:
            _err(f"translate-kit: {path}: " + _("not compiled (placeholder or plural problems above)"))
            continue
        try:
            atomic_write_bytes(mo_path(path), mo_bytes(catalog, use_fuzzy, path))
        except InputFileError as exc:
            errors.append(exc.as_error())
            continue
        except OSError as exc:
            errors.append(write_error(mo_path(path), exc))
            continue
        _err("translate-kit: " + _("wrote {path}").format(path=mo_path(path)))
    _errors(errors)
    if not files and not errors:
        _err("translate-kit: " + _("no .po file found"))
        sys.exit(2)
    sys.exit(2 if errors else 1 if refused else 0)


def _refused(paths: list[str], use_fuzzy: bool) -> set[str]:
    """Catalogs with placeholder-mismatch or plural-forms findings (printed to stdout)."""
    from translate_kit.options import CheckOptions, RuleSettings
    from translate_kit.report.concise import finding_line
    from translate_kit.run import check_paths

    options = CheckOptions(include_fuzzy=use_fuzzy, rules=RuleSettings(select=CHECKED_RULES))
    result = check_paths(paths, options)
    for finding in result.findings:
        click.echo(finding_line(finding, localizer()))
    return {f.path for f in result.findings} | {e.path for e in result.errors}


@click.command("import")
@click.argument("catalog", type=click.Path(dir_okay=False, readable=False))
@click.option("--into", "document", required=True, type=click.Path(dir_okay=False, readable=False), help="The document the catalog was exported from.")
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False, allow_dash=True, readable=False), help="Where the translated document goes ('-': stdout).")
@click.option("--source-lang", default=None, metavar="LANG", help="Language of the document (as given to export).")
@click.option("--front-matter-key", "front_matter_keys", multiple=True, metavar="KEY", help="Front-matter keys that were exported (repeatable).")
@click.option("--encoding", default=None, metavar="NAME", help="Encoding of the document and the output (default UTF-8).")
@config_options
@click.pass_context
def import_command(ctx, catalog, document, output, source_lang, front_matter_keys, encoding, config_file, no_config) -> None:
    """Write DOCUMENT translated with CATALOG's translations to OUTPUT.

    Structure and markup are kept; a sentence without a translation (untranslated, fuzzy
    or not in the catalog) stays in the source language and is counted on stderr.
    """
    from translate_kit.catalog.export import write_error
    from translate_kit.catalog.extract import read_document
    from translate_kit.catalog.files import read_po
    from translate_kit.catalog.inject import inject, translations

    config = _load_config([document], config_file, no_config, _given(ctx, {"source_lang": source_lang, "encoding": encoding}))
    keys = frozenset(front_matter_keys or config.catalog.front_matter_keys)
    encoding = config.encoding
    try:
        po = read_po(catalog)
        doc = read_document(document, source_lang=_source_lang(config), encoding=encoding, front_matter_keys=keys)
    except InputFileError as exc:
        _err(exc.as_error().shown(localizer()))
        sys.exit(2)
    refuse_to_overwrite_inputs([output] if output != "-" else [], [catalog, document])  # the translation over its sources
    result = inject(doc, translations(po), po.metadata.get("Language"))
    data = encode_like(document, doc.bom, result.text, encoding)  # a UTF-16 document stays UTF-16
    if output == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    else:
        try:
            atomic_write_bytes(output, data)
        except OSError as exc:
            _err(write_error(output, exc).shown(localizer()))
            sys.exit(2)
    total = result.translated + result.left
    message = _("{translated} of {total} units translated").format(translated=result.translated, total=total)
    if result.left:
        message += _("; {left} left in the source language ({untranslated} untranslated, {fuzzy} fuzzy,"
                     " {missing} not in the catalog)").format(left=result.left, untranslated=result.untranslated,
                                                              fuzzy=result.fuzzy, missing=result.missing)
    _err("translate-kit: " + message)


COMMANDS = (export_command, compile_command, import_command)
