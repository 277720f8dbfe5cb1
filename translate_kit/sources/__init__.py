"""Input loaders: turn .txt, Markdown, reStructuredText and gettext files into Documents of Segments.

`load` reads a file, `load_text` parses text already in memory (tests, the language
server) and `discover` expands command-line paths into the files to load. Bad input raises
`InputFileError` (or is returned as `InputError` by `discover`), never a traceback.
"""

from __future__ import annotations

import errno
import os
import re
from dataclasses import replace
from typing import Any, Callable

from translate_kit.fsutil import read_input_bytes
from translate_kit.limits import withheld
from translate_kit.messages import Message, msg
from translate_kit.model import Document, InputError, InputFileError
from translate_kit.segment import line_around
from translate_kit.sources import pairing, po, po_split
from translate_kit.sources import text as plain
from translate_kit.sources.decode import decode
from translate_kit.sources.gitignore import GitIgnored
from translate_kit.sources.language import detect_document_language, is_foreign_line, primary_language
from translate_kit.sources.units import lone_surrogate
from translate_kit.sources.registry import Format, Parser, Parts, Registry, Unsplittable, on_first_call, sparing_sources, verbatim

__all__ = ["REGISTRY", "SUPPORTED_SUFFIXES", "Parts", "Unsplittable", "companion_files", "decode_bytes", "discover", "format_for", "load", "load_bytes",
           "load_in_parts", "load_text"]


def _prose(parse: Callable[[str, str, str], Document]) -> Parser:
    """A monolingual prose parser that takes the given language or detects one; a
    Japanese document's English lines become English segments."""

    def parse_prose(text: str, path: str, lang: str | None, source_lang: str) -> Document:
        doc_lang = primary_language(lang) or detect_document_language(text, path)
        doc = parse(text, path, doc_lang)
        return _foreign_lines_apart(doc) if doc_lang == "ja" else doc

    return parse_prose


def _loaded(module: str, name: str) -> Callable[..., Any]:
    """A function of the loader module `translate_kit.sources.<module>`, imported when a
    file of its format is first read: a run imports the loaders of the formats it reads,
    and their parsers (markdown-it, PyYAML, defusedxml), not those of all thirteen (a .po
    run spent a fifth of its warm start-up importing the others)."""
    return on_first_call(f"translate_kit.sources.{module}", name)


def _markdown_again(text: str, path: str, lang: str | None, source_lang: str, memo: dict) -> Document:
    """Markdown parsed in pieces remembered in `memo` (an editor's buffer, edited)."""
    parse_in_pieces = _loaded("markdown", "parse_in_pieces")
    return _prose(lambda t, p, lg: parse_in_pieces(t, p, lg, memo))(text, path, lang, source_lang)


def _decode_catalog(data: bytes, path: str, encoding: str | None) -> str:
    return po.decode_catalog(data, path)  # a catalog's charset header decides


def _decode_mo(data: bytes, path: str, encoding: str | None) -> str:
    return po.text_of_mo(data, path)  # a compiled catalog is checked as the PO text it holds


decode_xml, encode_xml, xml_escaper = _loaded("xmltree", "decode_xml"), _loaded("xmltree", "encode_xml"), _loaded("xmltree", "xml_escaper")
REGISTRY = Registry((
    Format("text", (".txt",), decode, _prose(plain.parse), aliases=("txt",), escaper=verbatim),
    Format("markdown", (".md", ".markdown"), decode, _prose(_loaded("markdown", "parse")), aliases=("md",), escaper=verbatim, reparse=_markdown_again),
    Format("rst", (".rst", ".rest"), decode, _prose(_loaded("rst", "parse")), aliases=("restructuredtext",), escaper=verbatim),
    Format("po", (".po", ".pot"), _decode_catalog, po.parse, aliases=("pot",), escaper=po.escaper, encode=po.encode, split=po_split.split),
    Format("mo", (".mo",), _decode_mo, po.parse),  # compiled: fix the .po it came from
    Format("xliff", (".xlf", ".xliff"), decode_xml, _loaded("xliff", "parse"), aliases=("xlf",), escaper=sparing_sources(xml_escaper, _loaded("xliff", "source_spans")), encode=encode_xml),
    Format("json", (".json", ".arb"), decode, _loaded("json_i18n", "parse"), aliases=("arb",), paired=True, escaper=_loaded("json_i18n", "escaper")),
    Format("android", (".xml",), decode_xml, _loaded("android", "parse"), aliases=("strings.xml",), paired=True, escaper=_loaded("android", "escaper"), encode=encode_xml),
    Format("tmx", (".tmx",), decode_xml, _loaded("tmx", "parse"), escaper=xml_escaper, encode=encode_xml),
    Format("ts", (".ts",), decode_xml, _loaded("qt_ts", "parse"), aliases=("qt",), escaper=sparing_sources(xml_escaper, _loaded("qt_ts", "source_spans")), encode=encode_xml),
    Format("strings", (".strings",), decode, _loaded("apple", "parse_strings"), paired=True, escaper=_loaded("apple", "strings_escaper")),
    Format("stringsdict", (".stringsdict",), decode_xml, _loaded("apple", "parse_stringsdict"), paired=True, escaper=xml_escaper, encode=encode_xml),
    Format("xcstrings", (".xcstrings",), decode, _loaded("apple", "parse_xcstrings"), escaper=_loaded("jsontree", "json_escaper")),
    Format("yaml", (".yml", ".yaml"), decode, _loaded("rails_yaml", "parse"), aliases=("yml",), paired=True, escaper=_loaded("rails_yaml", "escaper")),
))
SUPPORTED_SUFFIXES: tuple[str, ...] = REGISTRY.suffixes
_SKIPPED_DIRS = frozenset({".venv", "node_modules", "__pycache__"})


def format_for(path: str) -> str | None:
    """The name of the format a path's suffix selects, or None."""
    fmt = REGISTRY.for_path(path)
    return fmt.name if fmt is not None else None


def load(
    path: str, *, lang: str | None = None, source_lang: str = "en", encoding: str | None = None,
    source_files: tuple[tuple[str, str], ...] = (),
) -> Document:
    """Read and parse one file; the format is chosen by suffix. `encoding` applies to
    formats without a charset of their own (default UTF-8; a byte order mark wins);
    `source_files` pairs key files with their source files where conventions do not."""
    _format(path)  # an unsupported file is said so before it is read
    return load_bytes(path, read_input_bytes(path), lang=lang, source_lang=source_lang, encoding=encoding,
                      source_files=source_files)


def decode_bytes(path: str, data: bytes, encoding: str | None = None) -> str:
    """A file's bytes as the text its loader parses (its format's charset rules, or
    `encoding`): what `load_bytes` decodes, and what a cached entry's text is when it was
    not stored (the same bytes and code decode to the same text)."""
    return _decoded(_format(path), path, data, encoding)


def load_bytes(
    path: str, data: bytes, *, lang: str | None = None, source_lang: str = "en", encoding: str | None = None,
    source_files: tuple[tuple[str, str], ...] = (), on_decoded: Callable[[str], None] | None = None,
) -> Document:
    """Parse a file's bytes already read (the run reads each file once: for its cache key
    and its text); `on_decoded` is given the decoded text before it is parsed."""
    fmt = _format(path)
    text = _decoded(fmt, path, data, encoding)
    if on_decoded is not None:
        on_decoded(text)
    try:
        if fmt.paired:
            return fmt.parse(text, path, lang, source_lang, source_files=source_files)  # type: ignore[call-arg]
        return fmt.parse(text, path, lang, source_lang)
    except InputFileError as exc:
        raise _withheld(exc, path, fmt.name) from None


def _format(path: str) -> Format:
    """The format a path's suffix selects; an InputFileError for any other file."""
    fmt = REGISTRY.for_path(path)
    if fmt is None:
        raise InputFileError(path, _unsupported_message(path))
    return fmt


def _decoded(fmt: Format, path: str, data: bytes, encoding: str | None) -> str:
    try:
        return fmt.decode(data, path, encoding)
    except InputFileError as exc:
        raise _withheld(exc, path, fmt.name) from None


def _withheld(error: InputFileError, path: str, format_name: str) -> InputFileError:
    """`error`, or one that does not quote a file outside the checked tree."""
    hidden = withheld(path, msg("{format} file", format=format_name))
    return error if hidden is None else InputFileError(path, hidden)


def load_in_parts(
    path: str, data: bytes, parts: int, *, lang: str | None = None, source_lang: str = "en", encoding: str | None = None,
    first_share: float = 1.0, on_decoded: Callable[[str], None] | None = None,
) -> Parts | None:
    """A file's bytes decoded and cut into about `parts` parts to parse apart (each part
    is parsed when it is asked for), or None: the format parses files whole, the text
    cannot be cut, or the file does not decode (`load_bytes` then says why). The first
    part is `first_share` times the size of the others."""
    fmt = REGISTRY.for_path(path)
    if fmt is None or fmt.split is None or parts < 2:
        return None
    try:
        text = fmt.decode(data, path, encoding)
    except InputFileError:
        return None
    if on_decoded is not None:
        on_decoded(text)
    return fmt.split(text, path, lang, source_lang, parts, first_share)


def companion_files(path: str, source_lang: str = "en", source_files: tuple[tuple[str, str], ...] = ()) -> tuple[str, ...]:
    """Other files a file's check reads (a key file's source-language file): a cache of
    the file's results must change when they do."""
    fmt = REGISTRY.for_path(path)
    if fmt is None or not fmt.paired:
        return ()
    found = pairing.source_file(path, source_lang, source_files)
    return (found,) if found else ()


def load_text(
    text: str,
    *,
    path: str,
    format: str,
    lang: str | None = None,
    source_lang: str = "en",
    memo: dict | None = None,
    source_files: tuple[tuple[str, str], ...] = (),
) -> Document:
    """Parse text already in memory; `format` is a format name, alias or suffix. With a
    `memo` (kept by the caller between edits of one buffer), formats that can parse an
    edited text in pieces parse only the pieces that changed; a key file pairs with its
    source file as `load` pairs it (`source_files` from the config)."""
    fmt = REGISTRY.named(format)
    if fmt is None:
        raise ValueError(f"unknown format {format!r} (use {', '.join(f.name for f in REGISTRY.formats)})")
    half = _SURROGATE.search(text)
    if half is not None:  # text from memory (an editor's JSON) can hold what no file decodes to, and the tokenizer cannot take
        raise InputFileError(path, lone_surrogate(f"U+{ord(half.group()):04X}"), text.count("\n", 0, half.start()) + 1)
    if memo is not None and fmt.reparse is not None:
        return fmt.reparse(text, path, lang, source_lang, memo)
    if fmt.paired:
        return fmt.parse(text, path, lang, source_lang, source_files=source_files)  # type: ignore[call-arg]
    return fmt.parse(text, path, lang, source_lang)


def _foreign_lines_apart(doc: Document) -> Document:
    """A Japanese document's lines of English prose (the source kept above each translated
    paragraph, as many translation projects do) as English segments: their names are the
    source's, compared with each other, never with the Japanese text's."""
    text = doc.text
    verdicts: dict[int, bool] = {}
    segments = []
    changed = False
    for seg in doc.segments:
        start, end = line_around(text, seg.start)
        foreign = verdicts.get(start)
        if foreign is None:
            line = text[start:end]
            after = end + (2 if text.startswith("\r\n", end) else 1)
            header = line.lstrip().startswith("|") and bool(_TABLE_RULE.match(text, *line_around(text, after)))
            foreign = verdicts[start] = is_foreign_line(line, table_header=header)
        if foreign:
            seg = replace(seg, lang="en")
            changed = True
        segments.append(seg)
    return replace(doc, segments=tuple(segments)) if changed else doc


_SURROGATE = re.compile("[\ud800-\udfff]")
_TABLE_RULE = re.compile(r"[ \t]*\|?[ \t]*:?-{3,}")  # the |---|---| line under a table's header


def _reason(exc: OSError) -> str:
    """An OS error's reason in lower case, for one-line messages."""
    return (exc.strerror or str(exc)).lower()


def _unsupported_message(path: str) -> Message:
    """The error text for a path whose suffix no loader handles."""
    suffix = os.path.splitext(path)[1] or msg("(none)")
    return msg("unsupported file type {suffix} (supported: {supported})", suffix=suffix, supported=", ".join(SUPPORTED_SUFFIXES))


def discover(paths: list[str], *, respect_gitignore: bool = True) -> tuple[list[str], list[InputError]]:
    """Expand files and directories into sorted supported files, plus errors for bad paths.

    Directories are searched recursively (hidden entries, .venv, node_modules and
    __pycache__ skipped, and, with `respect_gitignore`, what git ignores there); directory
    symlinks are followed once, so cycles end. A path named is always taken, even one git
    ignores: the user asked for it.
    """
    found: dict[str, str] = {}
    errors: list[InputError] = []
    visited: set[tuple[int, int]] = set()
    gitignored = GitIgnored() if respect_gitignore else None
    for path in paths:
        problem = _access_problem(path)
        if problem is not None:
            errors.append(InputError.of(path, None, problem))
        elif os.path.isdir(path):
            named_ignored = gitignored is not None and _named_ignored(gitignored, path)
            _walk(path, found, errors, visited, None if named_ignored else gitignored)
        elif not os.path.isfile(path):
            errors.append(InputError.of(path, None, msg("not a regular file or directory")))
        elif format_for(path) is None:
            errors.append(InputError.of(path, None, _unsupported_message(path)))
        else:
            found.setdefault(os.path.normpath(path), path)
    return sorted(found.values()), errors


def _access_problem(path: str) -> Message | None:
    """Why `path` cannot be opened (missing, dangling or looping symlink), or None."""
    try:
        os.stat(path)
    except FileNotFoundError:
        return msg("dangling symbolic link") if os.path.islink(path) else msg("no such file or directory")
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return msg("symbolic link loop")
        return msg("cannot access: {reason}", reason=_reason(exc))
    return None


def walked(root: str, path: str, *, respect_gitignore: bool = True, directory: bool = False) -> bool:
    """Whether `discover([root])` would find `path` (a supported file under `root`), or,
    with `directory`, would enter the folder `path`: what a language server asks of a file
    created or changed in its workspace folder, or of a changed .gitignore's folder."""
    if not directory and format_for(path) in (None, "mo"):
        return False
    try:
        rel = os.path.relpath(os.path.abspath(path), os.path.abspath(root))
    except ValueError:  # on another drive (Windows): outside the folder
        return False
    parts = [] if rel == os.curdir else rel.split(os.sep)
    folders = parts if directory else parts[:-1]
    if rel.startswith(os.pardir) or any(p.startswith(".") for p in parts) or any(p in _SKIPPED_DIRS for p in folders):
        return False
    if not respect_gitignore:
        return True
    gitignored = GitIgnored()
    if _named_ignored(gitignored, root):
        return True
    directory = root
    folder = root
    for n, part in enumerate(parts):
        if gitignored.ignored(folder, part, directory or n < len(parts) - 1):
            return False
        folder = os.path.join(folder, part)
    return True


def _named_ignored(gitignored: GitIgnored, path: str) -> bool:
    """Whether git ignores a directory the user named (then nothing inside is left out).
    The top of a working tree is its own repository's, which never ignores it, even where
    an enclosing one does (a worktree or clone in its ignored .worktrees/)."""
    absolute = os.path.realpath(path)  # a symlink's target, whose tree git answers for
    parent, name = os.path.split(absolute)
    return bool(name) and not os.path.lexists(os.path.join(absolute, ".git")) and gitignored.ignored(parent, name, True)


def _walk(
    root: str, found: dict[str, str], errors: list[InputError], visited: set[tuple[int, int]],
    gitignored: GitIgnored | None = None,
) -> None:
    """Add supported files under `root`; each real directory is entered at most once."""
    stack = [root]
    while stack:
        directory = stack.pop()
        try:
            info = os.stat(directory)
            key = (info.st_dev, info.st_ino)
            if key in visited:
                continue
            visited.add(key)
            with os.scandir(directory) as scan:
                entries = sorted(scan, key=lambda e: e.name)
        except OSError as exc:
            errors.append(InputError.of(directory, None, msg("cannot read directory: {reason}", reason=_reason(exc))))
            continue
        subdirs: list[str] = []
        for entry in entries:
            if entry.name.startswith("."):
                continue
            path = entry.name if directory == "." else os.path.join(directory, entry.name)
            # .mo files are checked when named: in a directory they sit beside their .po
            supported = format_for(entry.name) not in (None, "mo")
            if entry.is_symlink():
                problem = _access_problem(path)
                if problem is not None:
                    if supported:
                        errors.append(InputError.of(path, None, problem))
                    continue
            try:
                is_dir = entry.is_dir()
                is_file = not is_dir and entry.is_file()
            except OSError:
                continue
            if is_dir:
                if entry.name not in _SKIPPED_DIRS and not (gitignored is not None and gitignored.ignored(directory, entry.name, True)):
                    subdirs.append(path)
            elif is_file and supported and not (gitignored is not None and gitignored.ignored(directory, entry.name, False)):
                found.setdefault(os.path.normpath(path), path)
        stack.extend(reversed(subdirs))
