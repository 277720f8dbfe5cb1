"""Format placeholder syntaxes (printf with Java positions and Apple `%@`, braces, Jinja
and i18next `{{x}}`, Ruby, ICU MessageFormat, Chrome `$NAME$`): what a placeholder is and
where a string has them. Shared by the placeholder rule, code masking and the analysis.
Loaders choose syntaxes per entry with flags (`icu-format`, `objc-format`,
`i18next-format`, `chrome-format`, …), never by asking the rules for a format."""

from __future__ import annotations

import functools
import re
from collections import Counter
from dataclasses import dataclass
from types import MappingProxyType
from typing import Collection, Iterable

from translate_kit import icu

PRINTF, PRINTF_STRICT, BRACE, JINJA, RUBY = "printf", "printf-strict", "brace", "jinja", "ruby"
ICU, CHROME, QT = "icu", "chrome", "qt"

_PRINTF_FLAGS = frozenset({"c-format", "objc-format", "python-format", "php-format", "ruby-format", "java-format"})
# The flags that switch each syntax on and off.
_FLAGS = MappingProxyType({
    PRINTF: (_PRINTF_FLAGS, frozenset(f"no-{f}" for f in _PRINTF_FLAGS)),
    BRACE: (frozenset({"python-brace-format"}), frozenset({"no-python-brace-format"})),
    RUBY: (frozenset({"ruby-format"}), frozenset({"no-ruby-format"})),
    ICU: (frozenset({"icu-format"}), frozenset({"no-icu-format"})),
})
_JINJA_FLAGS = frozenset({"i18next-format"})  # i18next interpolation is `{{name}}`

_PRINTF_BODY = (
    r"%(?:(?P<p_pos>[1-9]\d*)\$)?(?:\((?P<p_name>{name})\))?(?P<p_flags>{flags})"
    r"(?P<p_width>\*(?:[1-9]\d*\$)?|[1-9]\d*)?(?:\.(?P<p_prec>\*(?:[1-9]\d*\$)?|\d*))?"
    r"(?P<p_len>hh|ll|I64|I32|[hlLqjztI])?(?P<p_conv>[diouxXeEfFgGaAcCsSpnr@]|<PRI\w+>)"
)
_PARTS = MappingProxyType({
    JINJA: r"(?P<jinja>\{\{\{\s*(?P<j_raw>[^{}]+?)\s*\}\}\}|\{\{-?\s*(?P<j_expr>[^{}]+?)\s*-?\}\})",
    RUBY: (
        r"(?P<ruby>%\{(?P<r_name>[^\W\d]\w*)\}"
        r"|%<(?P<r_fmt>[^\W\d]\w*)>[-+ #0]*\d*(?:\.\d+)?(?P<r_conv>[bBdiouxXeEfgGaAcps]))"
    ),
    PRINTF: r"(?P<percent>%%)|(?P<printf>" + _PRINTF_BODY.format(name=r"[^()]*", flags=r"[-+ #0']*") + ")",
    PRINTF_STRICT: r"(?P<percent>%%)|(?P<printf>" + _PRINTF_BODY.format(name=r"\w+", flags=r"[-+#0]*") + ")",
    QT: r"(?P<qt>%L?(?P<q_arg>[1-9][0-9]?(?![0-9])|n))",
    CHROME: r"(?P<chrome>\$(?P<c_name>[A-Za-z0-9_@]+)\$|\$(?P<c_pos>[1-9])(?!\d))",
    BRACE: (
        r"(?P<braces>\{\{|\}\})|(?P<brace>\{(?P<b_field>(?:[^\W\d]\w*|\d+)?(?:\.[^\W\d]\w*|\[[^\]{}]+\])*)"
        r"(?:!(?P<b_conv>[rsa]))?(?::(?P<b_spec>(?:[^{}]|\{[^{}]*\})*))?\})"
    ),
})
# earlier wins at one position: Qt's `%1` before printf, since QString::arg reads `%1d` as
# `%1` and a letter ("%1d %2h" for days and hours), never as a printf width
_ORDER = (JINJA, RUBY, QT, PRINTF, PRINTF_STRICT, CHROME, BRACE)
_NESTED_FIELD = re.compile(r"\{([^{}]*)\}")
_IDENTIFIER_START = re.compile(r"[^\W\d]")
_STRICT_PRINTF = frozenset({PRINTF_STRICT})
# the printf flags of languages with no `%<name>` of Ruby's: there `%<PRIuMAX> bytes` is C's
_NOT_RUBY_FLAGS = _PRINTF_FLAGS - {"ruby-format"}


@dataclass(frozen=True)
class Placeholder:
    """One placeholder in a string: its text, span, syntax and comparison key."""

    text: str
    start: int
    end: int
    family: str  # the syntax: printf | brace | jinja | ruby | icu | chrome
    key: tuple[str, ...]
    sequential: bool = False  # unnamed printf or `{}`: identified by its place in order



def extract_placeholders(text: str, syntaxes: Collection[str]) -> list[Placeholder]:
    """Every placeholder of the given syntaxes in `text`, in order; literals skipped."""
    if not syntaxes or ("%" not in text and "{" not in text and "$" not in text):
        return []  # every syntax starts with %, { or $
    if ICU in syntaxes:
        others = frozenset(syntaxes) - {ICU, BRACE}  # ICU arguments are the braces
        arguments = [_icu(a, text) for a in icu.arguments(text)] + (extract_placeholders(text, others) if others else [])
        return sorted(arguments, key=lambda p: p.start)
    pattern = _pattern(syntaxes if isinstance(syntaxes, frozenset) else frozenset(syntaxes))
    strict = PRINTF_STRICT in syntaxes
    found: list[Placeholder] = []
    for m in pattern.finditer(text):
        kind = m.lastgroup
        if kind == "printf":
            found.extend(_printf(m, text, strict))
        elif kind == "brace":
            found.extend(_brace(m))
        elif kind == "jinja":
            found.append(_jinja(m))
        elif kind == "ruby":
            found.append(_ruby(m))
        elif kind == "qt":
            found.append(Placeholder(m.group(), m.start(), m.end(), QT, ("qt", m.group("q_arg"))))
        elif kind == "chrome":
            key = ("chrome", m.group("c_name").lower()) if m.group("c_name") else ("chrome-pos", m.group("c_pos"))
            found.append(Placeholder(m.group(), m.start(), m.end(), CHROME, key))
    return found


def placeholder_spans(text: str, syntaxes: Collection[str]) -> list[tuple[int, int]]:
    """The spans covering every placeholder `extract_placeholders` finds (a brace field's
    nested fields lie inside it), without building them: what code masking needs."""
    if not syntaxes or ("%" not in text and "{" not in text and "$" not in text):
        return []
    if ICU in syntaxes:
        return [(p.start, p.end) for p in extract_placeholders(text, syntaxes)]
    return [m.span() for m in _matches(text, syntaxes)]


def placeholder_texts(text: str, syntaxes: Collection[str]) -> list[str] | None:
    """The text of each placeholder match `extract_placeholders` builds on, in order (a
    brace field with its nested fields is one), or None for ICU, read otherwise. Two
    strings with the same list have the same placeholder keys in the same order (a
    match's groups, so its key, depend only on its text): the placeholder rule's test
    for a translation that keeps its source's placeholders, without building them."""
    if not syntaxes or ("%" not in text and "{" not in text and "$" not in text):
        return []
    if ICU in syntaxes:
        return None
    return [m.group() for m in _matches(text, syntaxes)]


def _matches(text: str, syntaxes: Collection[str]) -> list[re.Match[str]]:
    """The matches of the syntaxes (not ICU) that are placeholders: not literals (`%%`,
    `{{`), not a percent sign in prose."""
    pattern = _pattern(syntaxes if isinstance(syntaxes, frozenset) else frozenset(syntaxes))
    strict = PRINTF_STRICT in syntaxes
    found = []
    for m in pattern.finditer(text):
        kind = m.lastgroup
        if kind == "percent" or kind == "braces":
            continue  # `%%`, `{{`: literals
        if kind == "printf" and m.group("p_pos") is None and m.group("p_name") is None and _prose_percent(m, text, strict):
            continue
        found.append(m)
    return found


def _icu(arg: "icu.Argument", text: str) -> Placeholder:
    """An ICU argument keyed by name and type; a plural or select construct is one
    placeholder (its options hold translated text, compared by the plural rule)."""
    return Placeholder(text[arg.start : arg.end], arg.start, arg.end, ICU, ("icu", arg.name, arg.type))


# What every part above starts with: a lookahead the engine checks before trying each
# alternative, so most positions of a text cost one test (half the time of a search).
_STARTS = "(?=[%{}$])"


@functools.lru_cache(maxsize=64)
def _pattern(syntaxes: frozenset[str]) -> re.Pattern[str]:
    return re.compile(_STARTS + "(?:" + "|".join(_PARTS[s] for s in _ORDER if s in syntaxes) + ")")


def _printf(m: re.Match[str], text: str, strict: bool) -> list[Placeholder]:
    """A printf directive; in strict mode an unnamed one inside a word is prose."""
    pos, name, width, prec, length, conv = m.group("p_pos", "p_name", "p_width", "p_prec", "p_len", "p_conv")
    if pos is None and name is None and _prose_percent(m, text, strict):
        return []
    kind = (length or "") + ("d" if conv == "i" else conv)
    stars = ("*" if (width or "").startswith("*") else "") + (".*" if (prec or "").startswith("*") else "")
    if name is not None:
        key: tuple[str, ...] = ("printf-named", name, kind)
    elif pos is not None:
        key = ("printf-pos", pos, stars + kind)
    else:
        key = ("printf-seq", stars + kind)
    return [Placeholder(m.group(), m.start(), m.end(), PRINTF, key, sequential=key[0] == "printf-seq")]


def _prose_percent(m: re.Match[str], text: str, strict: bool) -> bool:
    """Whether an unnamed printf match is a percent sign in prose: inside a word when read
    strictly, or `% ` before a word ("% of total", "% calculation", flagged python-format
    by a guess)."""
    if strict and _inside_word(text, m.start(), m.end()):
        return True
    return " " in m.group("p_flags") and _letter_at(text, m.end())


def glued_directives(text: str) -> Counter[str]:
    """The bare unnamed directives (`%s`, `%d`) that a strict reading of `text` takes for
    prose only because a letter follows them ("%sAccept it?"), by text: a program may fill
    one with a prefix, and a translation writes it before Japanese, where it is read."""
    found: Counter[str] = Counter()
    if "%" in text:
        for m in _pattern(_STRICT_PRINTF).finditer(text):
            if m.lastgroup == "printf" and len(m.group()) == 2 and _letter_at(text, m.end()):
                if not (m.start() > 0 and text[m.start() - 1].isdigit()):  # "100%done" is prose
                    found[m.group()] += 1
    return found


def _letter_at(text: str, i: int) -> bool:
    """Whether an ASCII letter stands at offset i."""
    return i < len(text) and text[i].isascii() and text[i].isalpha()


def _inside_word(text: str, start: int, end: int) -> bool:
    """Whether a `%` directive touches a digit before it or an ASCII letter or digit after
    it: "100%done", "%-style", "%char" are prose, while "%sさん" is a placeholder."""
    before = text[start - 1] if start > 0 else ""
    after = text[end] if end < len(text) else ""
    return before.isdigit() or (after.isascii() and after.isalnum())


def _brace(m: re.Match[str]) -> list[Placeholder]:
    """A brace field, plus the fields nested in its format spec (`{x:{width}}`)."""
    found = [_brace_field(m.group(), m.start(), m.group("b_field"))]
    spec = m.group("b_spec")
    if spec:
        base = m.start("b_spec")
        for inner in _NESTED_FIELD.finditer(spec):
            found.append(_brace_field(inner.group(), base + inner.start(), inner.group(1)))
    return found


def _brace_field(text: str, start: int, field: str) -> Placeholder:
    """A brace placeholder keyed by its field name; `{}` is numbered by its place."""
    if field:
        return Placeholder(text, start, start + len(text), BRACE, ("brace", field))
    return Placeholder(text, start, start + len(text), BRACE, ("brace-seq",), sequential=True)


def _jinja(m: re.Match[str]) -> Placeholder:
    """A `{{ expression }}`, keyed by its expression with whitespace collapsed."""
    raw = m.group("j_raw")
    expr = " ".join((raw if raw is not None else m.group("j_expr")).split())
    return Placeholder(m.group(), m.start(), m.end(), JINJA, ("jinja", "{" if raw is not None else "", expr))


def _ruby(m: re.Match[str]) -> Placeholder:
    """A Ruby `%{name}` or `%<name>d` reference."""
    if m.group("r_name") is not None:
        key: tuple[str, ...] = ("ruby", m.group("r_name"), "")
    else:
        key = ("ruby", m.group("r_fmt"), m.group("r_conv"))
    return Placeholder(m.group(), m.start(), m.end(), RUBY, key)


# ---------------------------------------------------------------- which syntaxes


def entry_syntaxes(flags: Iterable[str], sources: Iterable[str]) -> frozenset[str]:
    """The syntaxes to check for an entry: from its PO flags, else from its source text."""
    flags = frozenset(flags)
    shown = _shown_syntaxes(sources)
    if not flags and not shown:
        return _NONE  # most entries: nothing to choose from
    return _chosen(flags, frozenset(shown))


@functools.lru_cache(maxsize=256)
def _chosen(flags: frozenset[str], shown: frozenset[str]) -> frozenset[str]:
    """`entry_syntaxes` for the flags and the syntaxes the sources show (a catalog has
    few combinations of them: each is worked out once)."""
    chosen: set[str] = set()
    for syntax, (on, off) in _FLAGS.items():
        if flags & on:
            chosen.add(syntax)
        elif not flags & off and syntax in shown and not (syntax == RUBY and flags & _NOT_RUBY_FLAGS):
            chosen.add(PRINTF_STRICT if syntax == PRINTF else syntax)
    if (not flags & _FLAGS[BRACE][0] and JINJA in shown) or flags & _JINJA_FLAGS:
        chosen.add(JINJA)  # with python-brace-format, `{{` is a literal brace
    if "chrome-format" in flags:
        chosen.add(CHROME)
    if "qt-format" in flags and QT in shown:
        chosen.add(QT)  # a source without `%1` takes no arg(): Turkish writes 10% as "%10"
    if ICU in chosen:
        chosen.discard(BRACE)
    if _DATES in shown:  # whatever a flag says: Apple's loader flags every string objc-format
        chosen -= {PRINTF, PRINTF_STRICT}
    return frozenset(chosen)


_NONE: frozenset[str] = frozenset()


def _shown_syntaxes(sources: Iterable[str]) -> set[str]:
    """The syntaxes the source texts use unambiguously, each read as strictly as a
    flagless entry is (all at once, so `%{x}` is Ruby and `{{ x }}` a template only). A
    source with a strftime directive that no printf has (`%Y`, `%H:%M`) is a date format,
    whose directives a translation may reorder, add or drop: it shows _DATES, and the
    entry is no printf."""
    shown: set[str] = set()
    dates = False
    for text in sources:
        if "%" in text or "{" in text:  # where any of them (and ICU) can start
            shown.update(_unambiguous_families(text))
            if ICU not in shown and icu.looks_like_icu(text):
                shown.add(ICU)
            dates = dates or ("%" in text and _STRFTIME_ONLY.search(text) is not None)
            if "%" in text and _QT_ARGUMENT.search(text):
                shown.add(QT)
    if dates:
        shown.add(_DATES)
    return shown


_QT_ARGUMENT = re.compile(_PARTS[QT])
_DATES = "strftime"  # what `_shown_syntaxes` says of a date format (no syntax of its own)
# A strftime directive no printf conversion spells (year, month, hour, minute, month name,
# time zone …), not after a `%` that makes it a literal (`%%Y`) nor touching a letter
# or digit after it (`%Mbps` is prose).
_STRFTIME_ONLY = re.compile(r"(?<!%)(?:%%)*%[-_0^#]?[YmHMBbyZIjzUWVklPTDRh](?![A-Za-z0-9])")


_PROBE = frozenset({JINJA, RUBY, PRINTF_STRICT, BRACE})


def _unambiguous_families(text: str) -> set[str]:
    """The syntaxes of a text's placeholders that cannot be ordinary prose (not `{}`, not
    `{{ 1 }}`, not a percent sign in a word): what `extract_placeholders` would find with
    the flagless syntaxes, without building them."""
    found: set[str] = set()
    for m in _pattern(_PROBE).finditer(text):
        kind = m.lastgroup
        if kind == "printf":
            if m.group("p_pos") is not None or m.group("p_name") is not None or not _prose_percent(m, text, strict=True):
                found.add(PRINTF)
        elif kind == "brace":
            if m.group("b_field") or any(inner.group(1) for inner in _NESTED_FIELD.finditer(m.group("b_spec") or "")):
                found.add(BRACE)
        elif kind == "jinja":
            if _IDENTIFIER_START.match(_jinja(m).key[2]):
                found.add(JINJA)
        elif kind == "ruby":
            found.add(RUBY)
    return found

