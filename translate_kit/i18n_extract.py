"""Babel extractor for the CLI (babel.cfg): the help texts of click options and the
docstrings of click commands (as click shows them: `inspect.cleandoc`), besides the usual
`gettext("...")` calls, so help texts need no marking in the decorators."""

from __future__ import annotations

import ast
import inspect
from collections.abc import Iterator
from typing import IO, Any

from babel.messages.extract import extract_python

_DECORATORS = ("command", "group")


def extract_click(fileobj: IO[bytes], keywords: Any, comment_tags: Any, options: dict) -> Iterator[tuple]:
    """Yield (line, function, message, comments) as Babel's extractors do."""
    source = fileobj.read()
    yield from extract_python(_Bytes(source), keywords, comment_tags, options)
    tree = ast.parse(source)
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            for kw in node.keywords:
                if kw.arg in ("help", "short_help") and isinstance(kw.value, ast.Constant) and isinstance(kw.value.value, str):
                    yield kw.value.lineno, None, kw.value.value, []
        elif isinstance(node, ast.FunctionDef) and any(_is_command(d) for d in node.decorator_list):
            doc = ast.get_docstring(node, clean=False)
            if doc:
                text = inspect.cleandoc(doc).partition("\f")[0]
                yield node.body[0].lineno, None, text, []


def _is_command(decorator: ast.expr) -> bool:
    """`@click.command(...)`, `@cli.command()`, `@click.group(...)`, `@glossary.command(...)`."""
    func = decorator.func if isinstance(decorator, ast.Call) else decorator
    name = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
    return name in _DECORATORS


class _Bytes:
    """A fresh readable copy of the source for Babel's tokenizer."""

    def __init__(self, data: bytes) -> None:
        import io

        self._io = io.BytesIO(data)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._io, name)
