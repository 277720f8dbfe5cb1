"""ICU MessageFormat, read far enough to check translations: arguments (`{name}`,
`{n, number}`), plural/selectordinal/select constructs with their options, and the
plural categories a language needs (Babel's CLDR rules).

ARB files, i18next's ICU plugin, FormatJS and Angular write messages this way; the
placeholder rule compares arguments, the plural rule compares categories.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache


CATEGORIES = ("zero", "one", "two", "few", "many", "other")
_NAME = re.compile(r"\s*([^\s{},#'][^{},]*?)\s*(?=[,}])")
_SELECTOR = re.compile(r"\s*(=\d+|[A-Za-z_][\w-]*)\s*(?=\{)")
_OFFSET = re.compile(r"\s*offset:\s*\d+")
_TYPE = re.compile(r"\s*(\w+)\s*")  # the argument type after the comma: plural, select, number ...
_PLURAL_TYPES = ("plural", "selectordinal")


@dataclass(frozen=True)
class Argument:
    """One ICU argument: its name and type ("" for `{name}`), its span, and for plural
    and select constructs their option selectors with the selector spans."""

    name: str
    type: str
    start: int
    end: int
    options: tuple[tuple[str, int, int], ...] = ()


def arguments(text: str) -> list[Argument]:
    """Every argument of an ICU message, nested ones included, in order; [] when the text
    is not a well-formed message (then it is not checked as one)."""
    found: list[Argument] = []
    try:
        end = _message(text, 0, found, depth=0)
    except (ValueError, IndexError):
        return []
    return found if end == len(text) else []


def _message(text: str, pos: int, found: list[Argument], depth: int) -> int:
    """Read message text from `pos` to its closing brace (depth > 0) or the end."""
    n = len(text)
    while pos < n:
        c = text[pos]
        if c == "'":
            pos = _quoted(text, pos)
        elif c == "{":
            pos = _argument(text, pos, found, depth)
        elif c == "}":
            if depth == 0:
                raise ValueError("unbalanced }")
            return pos
        else:
            pos += 1
    if depth:
        raise ValueError("unclosed {")
    return pos


def _quoted(text: str, pos: int) -> int:
    """Past an apostrophe: `''` is one apostrophe, `'{…'` quotes syntax characters."""
    if text.startswith("''", pos):
        return pos + 2
    if pos + 1 < len(text) and text[pos + 1] in "{}#|":
        close = text.find("'", pos + 1)
        return len(text) if close == -1 else close + 1
    return pos + 1


def _argument(text: str, start: int, found: list[Argument], depth: int) -> int:
    m = _NAME.match(text, start + 1)
    if m is None:
        raise ValueError("not an argument")
    name, pos = m.group(1), m.end()
    if text[pos] == "}":
        found.append(Argument(name, "", start, pos + 1))
        return pos + 1
    comma = text.index(",", pos)
    close_type = _TYPE.match(text, comma + 1)
    if close_type is None:
        raise ValueError("no type")
    kind, pos = close_type.group(1), close_type.end()
    if kind not in (*_PLURAL_TYPES, "select"):
        depth_here = 0
        while True:  # a style such as `{d, date, ::yyyyMMdd}` or `{n, number, ::currency/EUR}`
            c = text[pos]
            if c == "{":
                depth_here += 1
            elif c == "}":
                if depth_here == 0:
                    break
                depth_here -= 1
            pos += 1
        found.append(Argument(name, kind, start, pos + 1))
        return pos + 1
    if text[pos] != ",":
        raise ValueError("no options")
    pos += 1
    if kind in _PLURAL_TYPES:
        offset = _OFFSET.match(text, pos)
        pos = offset.end() if offset else pos
    here = len(found)
    found.append(Argument(name, kind, start, start))  # filled in once its end is known
    options: list[tuple[str, int, int]] = []
    while True:
        while text[pos].isspace():
            pos += 1
        if text[pos] == "}":
            break
        sel = _SELECTOR.match(text, pos)
        if sel is None:
            raise ValueError("bad selector")
        options.append((sel.group(1), sel.start(1), sel.end(1)))
        pos = _message(text, sel.end() + 1, found, depth + 1) + 1
    found[here] = Argument(name, kind, start, pos + 1, tuple(options))
    return pos + 1


def looks_like_icu(text: str) -> bool:
    """Whether a text has a plural, selectordinal or select construct (unambiguous ICU)."""
    if "{" not in text or ("plural" not in text and "select" not in text):
        return False  # the construct's type is one of these words, as written
    return any(a.type in (*_PLURAL_TYPES, "select") for a in arguments(text))


def required_categories(tag: str) -> frozenset[str] | None:
    """The plural categories a language's translations must give for whole numbers
    (CLDR via Babel; "other" always), None for an unknown language."""
    return _categories(tag, "plural_form")


def ordinal_categories(tag: str) -> frozenset[str] | None:
    """The ordinal categories (selectordinal) a language needs, None when unknown."""
    return _categories(tag, "ordinal_form")


@lru_cache(maxsize=256)
def one_is_just_one(tag: str) -> bool:
    """Whether a language's CLDR category "one" holds no whole number but 1 (English,
    German; Japanese has no "one"), so a "one" form may write 1 for its count; False for
    Russian's 1, 21, 31 … and French's 0 and 1, and for an unknown language."""
    from babel import Locale  # imported here: see langtags
    from babel.core import UnknownLocaleError

    name = re.split(r"[.@]", tag.strip(), maxsplit=1)[0].replace("-", "_")
    try:
        rule = Locale.parse(name).plural_form
    except (ValueError, TypeError, UnknownLocaleError):
        return False
    return all(rule(n) != "one" for n in range(1000) if n != 1)


@lru_cache(maxsize=256)
def _categories(tag: str, form: str) -> frozenset[str] | None:
    """The categories a language's CLDR rule (`plural_form` or `ordinal_form`) reaches on
    0-999, plus "other"; one Locale.parse and 1,000 evaluations, so remembered."""
    from babel import Locale  # imported here: see langtags
    from babel.core import UnknownLocaleError

    name = re.split(r"[.@]", tag.strip(), maxsplit=1)[0].replace("-", "_")
    try:
        rule = getattr(Locale.parse(name), form)
    except (ValueError, TypeError, UnknownLocaleError):
        return None
    return frozenset({rule(n) for n in range(1000)} | {"other"})
