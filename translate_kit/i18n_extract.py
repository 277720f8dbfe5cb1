"""Babel extractor for the CLI and the rules (babel.cfg): the help texts of click options,
the docstrings of click commands (as click shows them: `inspect.cleandoc`), rules'
`summary=`, `what=` and `why=` texts, and findings' `msg(...)`/`msg_n(...)` messages,
besides the usual `gettext("...")` calls, so none of these needs marking twice."""

from __future__ import annotations

import ast
import inspect
from collections.abc import Iterator
from typing import IO, Any

from babel.messages.extract import extract_python

_DECORATORS = ("command", "group")
_TEXT_KEYWORDS = ("help", "short_help", "summary", "what", "why")
# translate_kit.messages' functions, reported to Babel as the gettext calls they stand for
# A rule's docs show the very problems the rules find (ユーザ, Benard/Bernard): the catalogs
# carry this note so that `translate-kit check locales/` leaves those examples alone.
_DOC_KEYWORDS = ("summary", "what", "why")
_DOC_NOTE = ("translate-kit: ignore[entity-inconsistent, glossary-nonpreferred, glossary-deprecated, orthographic-variant, "
             "term-missing, term-inconsistent, translation-inconsistent]")
_MESSAGE_KEYWORDS = {"msg": "gettext", "msg_n": "ngettext"}


def extract_click(fileobj: IO[bytes], keywords: Any, comment_tags: Any, options: dict) -> Iterator[tuple]:
    """Yield (line, function, message, comments) as Babel's extractors do."""
    source = fileobj.read()
    for lineno, funcname, messages, comments in extract_python(_Bytes(source), [*keywords, *_MESSAGE_KEYWORDS], comment_tags, options):
        yield lineno, _MESSAGE_KEYWORDS.get(funcname, funcname), messages, comments
    tree = ast.parse(source)
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            for kw in node.keywords:
                if kw.arg in _TEXT_KEYWORDS and isinstance(kw.value, ast.Constant) and isinstance(kw.value.value, str):
                    yield kw.value.lineno, None, kw.value.value, [_DOC_NOTE] if kw.arg in _DOC_KEYWORDS else []
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
