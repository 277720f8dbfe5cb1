"""Rails-style YAML locale files (`config/locales/ja.yml`: `ja: {key: text}`).

PyYAML's safe composer gives each scalar's start and end in the file; a scalar's
characters are aligned with what is written there (quotes, escapes, indentation and
folded line breaks skipped), so every character keeps its offset. The top-level key is
the file's language; nested keys make the message key; a mapping of CLDR categories
(`one:`, `other:`) is one plural entry. Only files whose path names a language, or
under a `locales` directory, are read: other YAML (CI configs) is not a locale file.
A `# translate-kit: ignore` comment line right above a key silences its string.
"""

from __future__ import annotations

import os
import re
from bisect import bisect_right

import yaml

from translate_kit.limits import MAX_NESTING
from translate_kit.messages import msg
from translate_kit.model import Document, InputFileError
from translate_kit.sources import pairing
from translate_kit.sources.decode import decode
from translate_kit.sources.keyed import Keyed, keyed_document
from translate_kit.sources.registry import Escape, Unwritable
from translate_kit.sources.units import Text
from translate_kit.sources.yaml_errors import yaml_problem

# libyaml's safe loader when PyYAML has it (its marks count characters like the Python one)
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_CATEGORIES = frozenset({"zero", "one", "two", "few", "many", "other"})
_ESCAPE = re.compile(r"\\(?:x[0-9A-Fa-f]{2}|u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|.)", re.DOTALL)


def is_locale_path(path: str) -> bool:
    parts = os.path.normpath(path).split(os.sep)
    return pairing.language_of(path) not in (None, "__source__") or "locales" in parts[:-1]


def parse(
    text: str, path: str, lang: str | None, source_lang: str, *, source_files: tuple[tuple[str, str], ...] = ()
) -> Document:
    if not is_locale_path(path):
        return Document(path=path, text=text, segments=(), lang=None, format="yaml")
    strings, file_lang = _read(text, path)
    return keyed_document(path, text, strings, fmt="yaml", read=lambda t, p: _read(t, p)[0], decode=decode,
                          lang=lang, source_lang=source_lang, file_lang=file_lang, source_files=source_files)


def _read(text: str, path: str) -> tuple[list[Keyed], str | None]:
    try:
        root = yaml.compose(text, Loader=_LOADER)
    except yaml.YAMLError as exc:
        raise InputFileError(path, *yaml_problem(exc, text)) from None
    if not isinstance(root, yaml.MappingNode):
        return [], None
    file_lang = None
    top = root.value
    if len(top) == 1 and isinstance(top[0][0], yaml.ScalarNode) and pairing.is_language(str(top[0][0].value)):
        file_lang, root = str(top[0][0].value), top[0][1]
    out: list[Keyed] = []
    _walk(text, root, "", out, path)
    return out, file_lang


def _walk(text: str, node: yaml.Node, prefix: str, out: list[Keyed], path: str, depth: int = 0) -> None:
    if not isinstance(node, yaml.MappingNode):
        return
    if depth > MAX_NESTING:  # a key path of hundreds of levels is no locale file, and walking it recursed past Python's limit
        raise InputFileError(path, msg("malformed YAML: keys nested deeper than {levels} levels", levels=MAX_NESTING), node.start_mark.line + 1)
    for key_node, value in node.value:
        if not isinstance(key_node, yaml.ScalarNode):  # `? [a, b]`: YAML allows it, no message key is one
            mark = key_node.start_mark
            raise InputFileError(path, msg("malformed YAML: {problem} (column {column})", problem="a key that is a list or a mapping",
                                           column=mark.column + 1), mark.line + 1)
        key = f"{prefix}.{key_node.value}" if prefix else str(key_node.value)
        place = _scalar_text(text, key_node)
        note = _comment_above(text, key_node.start_mark.index)
        if isinstance(value, yaml.ScalarNode) and value.tag == "tag:yaml.org,2002:str" and value.value:
            out.append(Keyed(key, _scalar_text(text, value), place, None, note))
        elif isinstance(value, yaml.MappingNode) and _is_plural(value):
            for cat_node, form in value.value:
                if isinstance(form, yaml.ScalarNode) and form.value:
                    out.append(Keyed(key, _scalar_text(text, form), place, str(cat_node.value), note))
        else:
            _walk(text, value, key, out, path, depth + 1)


def _is_plural(node: yaml.MappingNode) -> bool:
    keys = {str(k.value) for k, _v in node.value}
    return "other" in keys and keys <= _CATEGORIES


def _comment_above(text: str, index: int) -> str:
    """The `#` comment on the line above a key, if any."""
    line_start = text.rfind("\n", 0, index) + 1
    if line_start == 0:
        return ""
    prev_start = text.rfind("\n", 0, line_start - 1) + 1
    line = text[prev_start : line_start - 1].strip()
    return line[1:].strip() if line.startswith("#") else ""


def _scalar_text(text: str, node: yaml.Node) -> Text:
    """A scalar's value with each character aligned to where it is written."""
    value = str(node.value)
    start, end = node.start_mark.index, node.end_mark.index
    raw = text[start:end]
    if raw == value:
        return Text.verbatim(value, start)
    if node.style in ("'", '"') and raw[1:-1] == value:
        return Text.verbatim(value, start + 1)
    return _align(value, text, start, end, escapes=node.style == '"')


def _align(value: str, text: str, start: int, end: int, *, escapes: bool) -> Text:
    """Map each character of `value` to the file: the same character, the escape that
    wrote it, or for a folded line break the break or space it came from."""
    offsets: list[int] = []
    pos = start
    for ch in value:
        while pos < end:
            here = text[pos]
            if escapes and here == "\\":
                m = _ESCAPE.match(text, pos, end)
                width = m.end() - pos if m else 1
                if text[pos + 1 : pos + 2] in ("\n", "\r"):
                    pos += width  # an escaped line break joins lines
                    continue
                offsets.append(pos)
                pos += width
                break
            if here == ch or (ch in " \n" and here in " \r\n"):
                offsets.append(pos)
                pos += 1
                following = value[len(offsets)] if len(offsets) < len(value) else ""
                if here in "\r\n" and following not in (" ", "\t"):
                    while pos < end and text[pos] in " \t\r\n" and text[pos] != following:
                        pos += 1  # the next line's indentation
                break
            pos += 1
        else:
            offsets.append(min(pos, end))
    offsets.append(end)
    return Text(value, tuple(offsets))


_PLAIN_BREAKS = re.compile(r"[\t{}\[\],]|: | #|:$|^\s|\s$")  # a mapping, a comment, flow syntax, blank edges
_INDICATORS = "-?:,[]{}#&*!|>'\"%@`"


def _plain_safe(value: str, text: str, offset: int, *, at_start: bool) -> bool:
    """Whether `value` written at `offset` inside a plain scalar keeps it one plain string."""
    if _PLAIN_BREAKS.search(value) or (value[:1] == "#" and text[offset - 1 : offset] in (" ", "\t")):
        return False
    return not (at_start and value[:1] in _INDICATORS)


_DOUBLE_WRITTEN = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r"}


def escaper(text: str, path: str) -> Escape:
    """How a value is written at an offset inside a YAML scalar, by the scalar's style:
    double-quoted escapes, single-quoted `''`, plain and block scalars as they are when
    that keeps the scalar's meaning (no line breaks, no indicators in a plain scalar)."""
    try:
        root = yaml.compose(text, Loader=_LOADER)
    except yaml.YAMLError:
        root = None
    scalars = sorted((n.start_mark.index, n.end_mark.index, n.style or None) for n in _scalars(root))
    starts = [s for s, _e, _style in scalars]

    def escape(value: str, offset: int) -> str:
        i = bisect_right(starts, offset) - 1
        if i < 0 or offset > scalars[i][1]:
            raise Unwritable("not inside a YAML string")
        style = scalars[i][2]
        if style == '"':
            return "".join(_DOUBLE_WRITTEN.get(c) or (f"\\x{ord(c):02x}" if ord(c) < 0x20 else c) for c in value)
        if "\n" in value or "\r" in value:
            raise Unwritable(f"a line break cannot be written in place in a {_STYLES[style]} scalar")
        if style == "'":
            return value.replace("'", "''")
        if style is None and not _plain_safe(value, text, offset, at_start=offset == scalars[i][0]):
            raise Unwritable("the text would change the meaning of a plain YAML scalar (quote the string first)")
        if style in ("|", ">") and value[:1] in (" ", "\t") and text[offset - 1 : offset] in (" ", "\n"):
            raise Unwritable("leading blanks would change a block scalar's indentation")
        return value

    return escape


_STYLES = {None: "plain", "'": "single-quoted", "|": "literal block", ">": "folded block"}


def _scalars(node: yaml.Node | None) -> list[yaml.ScalarNode]:
    """Every scalar under `node`, keys and values."""
    out: list[yaml.ScalarNode] = []
    stack = [node] if node is not None else []
    while stack:
        n = stack.pop()
        if isinstance(n, yaml.ScalarNode):
            out.append(n)
        elif isinstance(n, yaml.MappingNode):
            stack.extend(x for pair in n.value for x in pair)
        elif isinstance(n, yaml.SequenceNode):
            stack.extend(n.value)
    return out
