"""Commands that edit or read buffers: `translate-kit fix`, `translate-kit lsp`, and the
stdin input of `check -`.

`fix` checks its paths as one run, applies every finding with one expected form
(translate_kit/fix.py), checks again until nothing more applies, and writes each changed
file atomically in its own encoding; `--diff` prints what it would change instead.
"""

from __future__ import annotations

import difflib
import os
import sys
from collections import defaultdict
from typing import Sequence

import click

from translate_kit._version import __version__
from translate_kit.i18n import gettext as _
from translate_kit.i18n import localizer
from translate_kit.cli_common import FAIL_ON, _engine, _err, _jobs, common_options, config_for, config_options, encode_like, run_jobs
from translate_kit.limits import os_reason
from translate_kit.model import InputFileError

STDIN = "-"
STDIN_NAME = "<stdin>"
MAX_ROUNDS = 4  # a fix can settle a majority that another finding then follows


def stdin_buffers(paths: Sequence[str], stdin_filename: str | None, encoding: str | None) -> tuple[list[str], dict[str, str]]:
    """`paths` with `-` replaced by the name the buffer on stdin goes by, and that buffer,
    decoded as its name's format says (a catalog's charset, a BOM, else `encoding`)."""
    if STDIN not in paths:
        return list(paths), {}
    name = os.path.normpath(stdin_filename) if stdin_filename else STDIN_NAME
    try:
        text = decode_buffer(sys.stdin.buffer.read(), name, encoding)
    except InputFileError as exc:
        _err(exc.as_error().shown(localizer()))
        sys.exit(2)
    return [name if p == STDIN else p for p in paths], {name: text}


def decode_buffer(data: bytes, name: str, encoding: str | None) -> str:
    """Bytes of a buffer decoded as a file called `name` would be."""
    from translate_kit.sources import REGISTRY
    from translate_kit.sources.decode import decode

    fmt = REGISTRY.for_path(name)
    return fmt.decode(data, name, encoding) if fmt is not None else decode(data, name, encoding)


@click.command("fix")
@click.argument("paths", nargs=-1, required=True, type=click.Path(readable=False))
@click.option("-g", "--glossary", "glossaries", multiple=True, type=click.Path(readable=False), metavar="FILE", help="Glossary file (repeatable; replaces the config's list).")
@click.option("--select", multiple=True, metavar="RULES", help="Only these rules (comma-separated, repeatable).")
@click.option("--ignore", multiple=True, metavar="RULES", help="Skip these rules (comma-separated, repeatable).")
@click.option("--diff", "show_diff", is_flag=True, help="Print a unified diff of the fixes and change nothing.")
@click.option("--fail-on", type=click.Choice(FAIL_ON), default="warning", show_default=True, help="Lowest severity that fails the run (exit 1).")
@click.option("-q", "--quiet", is_flag=True, help="Print nothing but the diff or the findings left.")
@click.option("-j", "--jobs", type=click.IntRange(min=0), default=None, callback=lambda ctx, param, value: _jobs(value), help="Worker processes for many or large files (0: one per core, the default unless the config sets jobs).")
@config_options
@common_options
@click.pass_context
def fix(ctx, paths, glossaries, select, ignore, show_diff, fail_on, quiet, jobs, config_file, no_config, lang, source_lang,
        encoding, split_mode, include_fuzzy, respect_gitignore) -> None:
    """Apply every finding in PATHS that has one expected form, then list what is left.

    Fixes entity-inconsistent, glossary-nonpreferred, glossary-deprecated,
    orthographic-variant and term-inconsistent findings where the text still reads what
    was found. Exit codes as `check`: 1 when findings remain (with --diff: when there are
    findings), 2 on input errors.
    """
    from translate_kit.fix import fix_text
    from translate_kit.report import ReportInput, render
    from translate_kit.rules import all_rules
    from translate_kit.run import check_paths, exit_code

    config = config_for(ctx, paths, config_file, no_config)
    options = config.to_check_options(cache_dir=None, jobs=run_jobs(config, jobs))
    engine = _engine(config.split_mode)
    files = config.select_paths(paths)
    texts: dict[str, str] = {}  # fixed so far, by path
    originals: dict[str, str] = {}
    counts: dict[str, int] = defaultdict(int)
    why: dict[tuple, str] = {}  # why a fixable finding was left alone, by its place
    first = result = check_paths(files, options, engine=engine)
    for _round in range(MAX_ROUNDS):
        by_path = defaultdict(list)
        for f in result.findings:
            by_path[f.path].append(f)
        changed = False
        for path, found in by_path.items():
            contribution = result.corpus.get(path)
            if contribution is None:
                continue
            fixed = fix_text(contribution.text, found, path)
            why.update(((s.finding.path, s.finding.line, s.finding.column, s.finding.rule), s.reason) for s in fixed.skipped)
            if fixed.applied:
                originals.setdefault(path, contribution.text)
                texts[path] = fixed.text
                counts[path] += len(fixed.applied)
                changed = True
        if not changed:
            break
        result = check_paths(files, options, engine=engine, buffers=texts)
    for error in result.errors:
        _err(error.shown(localizer()))
    for f in result.findings if not quiet else ():
        if (f.path, f.line, f.column, f.rule) in why:
            _err(f"{f.path}:{f.line}:{f.column}: {f.rule} not fixed: {why[f.path, f.line, f.column, f.rule]}")
    changed_paths = [p for p in sorted(texts) if texts[p] != originals[p]]
    total = sum(counts[p] for p in changed_paths)
    if show_diff:
        for path in changed_paths:
            sys.stdout.writelines(difflib.unified_diff(
                originals[path].splitlines(keepends=True), texts[path].splitlines(keepends=True),
                fromfile=f"a/{path}", tofile=f"b/{path}"))
        if not quiet:
            _err("translate-kit: " + _("{count} fix(es) available in {files} file(s); nothing written").format(count=total, files=len(changed_paths)))
        sys.exit(exit_code(first, config.fail_on_severity()))
    failed = _write_all(changed_paths, originals, texts, config.encoding)
    report = ReportInput(findings=result.findings, errors=(), rules=all_rules(), tool_version=__version__, localizer=localizer())
    sys.stdout.write(render("concise", report))
    if not quiet:
        _err("translate-kit: " + _("fixed {count} finding(s) in {files} file(s); {left} finding(s) left").format(
            count=total - sum(counts[p] for p in failed), files=len(changed_paths) - len(failed), left=len(result.findings)))
    sys.exit(2 if failed else exit_code(result, config.fail_on_severity()))


def _write_all(paths: Sequence[str], originals: dict[str, str], texts: dict[str, str], encoding: str | None) -> list[str]:
    """Write each fixed file atomically in its own encoding, unless it changed on disk since
    it was read; the paths that could not be written (each reported on stderr)."""
    from translate_kit.fsutil import atomic_write_bytes

    failed = []
    for path in paths:
        try:
            with open(path, "rb") as fh:
                data = fh.read()
            if decode_buffer(data, path, encoding) != originals[path]:
                _err(_("{path}: changed on disk while fixing; not written").format(path=path))
                failed.append(path)
                continue
            atomic_write_bytes(path, encode_like(path, data, texts[path], encoding))
        except InputFileError as exc:
            _err(exc.as_error().shown(localizer()))
            failed.append(path)
        except OSError as exc:
            _err(_("{path}: not written: {reason}").format(path=path, reason=os_reason(exc)))
            failed.append(path)
        except UnicodeError as exc:
            _err(_("{path}: not written: {reason}").format(path=path, reason=exc))
            failed.append(path)
    return failed


@click.command("lsp")
@click.option("--tcp", is_flag=True, help="Listen on TCP instead of stdio.")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address for --tcp.")
@click.option("--port", type=int, default=2087, show_default=True, help="Port for --tcp.")
def lsp(tcp, host, port) -> None:
    """Run the language server (stdio by default) for editors."""
    try:
        from translate_kit.lsp.main import serve
    except ImportError as exc:
        _err("translate-kit: " + _("the language server needs pygls and lsprotocol: pip install 'translate-kit[lsp]' ({reason})").format(reason=exc))
        sys.exit(2)
    serve(tcp=(host, port) if tcp else None)


def register(cli: click.Group) -> None:
    """Add this module's commands to the command group."""
    cli.add_command(fix)
    cli.add_command(lsp)
