"""Input loaders: turn .txt, Markdown and gettext files into Documents of Segments.

`load` reads a file, `load_text` parses text already in memory (tests, the language
server) and `discover` expands command-line paths into the files to load. Bad input raises
`InputFileError` (or is returned as `InputError` by `discover`), never a traceback.
"""

from __future__ import annotations

import errno
import os
import re
from dataclasses import replace
from types import MappingProxyType

from translate_kit.fsutil import read_input_bytes
from translate_kit.limits import withheld
from translate_kit.model import Document, InputError, InputFileError
from translate_kit.segment import line_around
from translate_kit.sources import markdown, po
from translate_kit.sources import text as plain
from translate_kit.sources.decode import decode
from translate_kit.sources.language import detect_language, is_foreign_line, primary_language

__all__ = ["SUPPORTED_SUFFIXES", "discover", "format_for", "load", "load_text"]

SUPPORTED_SUFFIXES: tuple[str, ...] = (".txt", ".md", ".markdown", ".po", ".pot")

_SUFFIX_FORMATS = MappingProxyType(
    {".txt": "text", ".md": "markdown", ".markdown": "markdown", ".po": "po", ".pot": "po"}
)
_FORMAT_NAMES = MappingProxyType(
    {
        "text": "text",
        "txt": "text",
        "markdown": "markdown",
        "md": "markdown",
        "po": "po",
        "pot": "po",
    }
)
_SKIPPED_DIRS = frozenset({".venv", "node_modules", "__pycache__"})


def format_for(path: str) -> str | None:
    """The format ("text", "markdown" or "po") a path's suffix selects, or None."""
    return _SUFFIX_FORMATS.get(os.path.splitext(path)[1].lower())


def load(path: str, *, lang: str | None = None, source_lang: str = "en", encoding: str | None = None) -> Document:
    """Read and parse one file; the loader is chosen by extension. `encoding` applies to
    text and Markdown files (default UTF-8; a byte order mark wins); a catalog's own
    charset header decides for it."""
    fmt = format_for(path)
    if fmt is None:
        raise InputFileError(path, _unsupported_message(path))
    data = read_input_bytes(path)
    try:
        text = po.decode_catalog(data, path) if fmt == "po" else decode(data, path, encoding)
        return _parse(text, path, fmt, lang, source_lang)
    except InputFileError as exc:
        hidden = withheld(path, exc, f"{fmt} file")
        if hidden is None:
            raise
        raise InputFileError(path, hidden) from None


def load_text(
    text: str,
    *,
    path: str,
    format: str,
    lang: str | None = None,
    source_lang: str = "en",
) -> Document:
    """Parse text already in memory; `format` is text/txt, markdown/md or po/pot."""
    fmt = _FORMAT_NAMES.get(format.lower().lstrip("."))
    if fmt is None:
        raise ValueError(f"unknown format {format!r} (use text, markdown or po)")
    return _parse(text, path, fmt, lang, source_lang)


def _parse(text: str, path: str, fmt: str, lang: str | None, source_lang: str) -> Document:
    """Dispatch decoded text to its format's loader; txt/md take `lang` or a detected one."""
    if fmt == "po":
        return po.parse(text, path, lang, source_lang)
    doc_lang = primary_language(lang) or detect_language(text)
    doc = markdown.parse(text, path, doc_lang) if fmt == "markdown" else plain.parse(text, path, doc_lang)
    return _foreign_lines_apart(doc) if doc_lang == "ja" else doc


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


_TABLE_RULE = re.compile(r"[ \t]*\|?[ \t]*:?-{3,}")  # the |---|---| line under a table's header


def _reason(exc: OSError) -> str:
    """An OS error's reason in lower case, for one-line messages."""
    return (exc.strerror or str(exc)).lower()


def _unsupported_message(path: str) -> str:
    """The error text for a path whose suffix no loader handles."""
    suffix = os.path.splitext(path)[1] or "(none)"
    return f"unsupported file type {suffix} (supported: {', '.join(SUPPORTED_SUFFIXES)})"


def discover(paths: list[str]) -> tuple[list[str], list[InputError]]:
    """Expand files and directories into sorted supported files, plus errors for bad paths.

    Directories are searched recursively (hidden entries, .venv, node_modules and
    __pycache__ skipped); directory symlinks are followed once, so cycles end.
    """
    found: dict[str, str] = {}
    errors: list[InputError] = []
    visited: set[tuple[int, int]] = set()
    for path in paths:
        problem = _access_problem(path)
        if problem is not None:
            errors.append(InputError(path, None, problem))
        elif os.path.isdir(path):
            _walk(path, found, errors, visited)
        elif not os.path.isfile(path):
            errors.append(InputError(path, None, "not a regular file or directory"))
        elif format_for(path) is None:
            errors.append(InputError(path, None, _unsupported_message(path)))
        else:
            found.setdefault(os.path.normpath(path), path)
    return sorted(found.values()), errors


def _access_problem(path: str) -> str | None:
    """Why `path` cannot be opened (missing, dangling or looping symlink), or None."""
    try:
        os.stat(path)
    except FileNotFoundError:
        return "dangling symbolic link" if os.path.islink(path) else "no such file or directory"
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "symbolic link loop"
        return f"cannot access: {_reason(exc)}"
    return None


def _walk(
    root: str, found: dict[str, str], errors: list[InputError], visited: set[tuple[int, int]]
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
            errors.append(InputError(directory, None, f"cannot read directory: {_reason(exc)}"))
            continue
        subdirs: list[str] = []
        for entry in entries:
            if entry.name.startswith("."):
                continue
            path = entry.name if directory == "." else os.path.join(directory, entry.name)
            supported = format_for(entry.name) is not None
            if entry.is_symlink():
                problem = _access_problem(path)
                if problem is not None:
                    if supported:
                        errors.append(InputError(path, None, problem))
                    continue
            try:
                is_dir = entry.is_dir()
                is_file = not is_dir and entry.is_file()
            except OSError:
                continue
            if is_dir:
                if entry.name not in _SKIPPED_DIRS:
                    subdirs.append(path)
            elif is_file and supported:
                found.setdefault(os.path.normpath(path), path)
        stack.extend(reversed(subdirs))
