"""The placeholder and code-masking shortcuts must answer what the plain way answers:
a translation that writes its source's placeholder texts in order has the same keys
(so the rule need not build them), and the cheap tests of which masks a text may need
skip none that would blank something."""

from __future__ import annotations

import itertools
import random
import re

import pytest

from translate_kit.placeholder_syntax import (
    BRACE, CHROME, ICU, JINJA, PRINTF, PRINTF_STRICT, QT, RUBY, entry_syntaxes, extract_placeholders, placeholder_spans,
    placeholder_texts,
)
from translate_kit.rules import placeholders as rule
from translate_kit.textmask import _CODE_SPAN, _PATH, _TAG, _URL, mask_code
from tests.test_catalog_rules import HEADER, run_rule

# placeholders of every syntax, literals, prose percent signs, nested braces, and the
# same text read differently by its neighbours ("%s" before a letter, "% d" before one)
_PIECES = [
    "%s", "%d", "%i", "%5.2f", "%-3i", "%ld", "%(name)s", "%(name)d", "%(count)05d", "%1$s", "%2$s", "%2$*3$d", "%<PRId64>",
    "%%", "50%", "% d", "100%done", "%-style", "{0}", "{1}", "{}", "{name}", "{name!r:>10}", "{x:{width}}", "{x:{}}",
    "{user.id}", "{items[0]}", "{{", "}}", "{{ user.name }}", "{{{ raw }}}", "{{- trimmed -}}", "{{ 42 }}", "%{count}",
    "%<total>05.1f", "%1", "%L2", "%n", "$NAME$", "$1", "$12", "{n, plural, one {# file} other {# files}}", "x", "ユーザー",
    " ", "a", "9", "<b>", "`code`", "https://example.com/a", "www.Example.org", "WWW.x.y", "me@example.com", "/usr/bin",
    "./run", "~/.config", "Www.", "w.", "ww.w.",
]
_SYNTAXES = [
    frozenset(), frozenset({PRINTF}), frozenset({PRINTF_STRICT}), frozenset({BRACE}), frozenset({JINJA}), frozenset({RUBY}),
    frozenset({QT}), frozenset({CHROME}), frozenset({PRINTF, BRACE, JINJA, RUBY}), frozenset({PRINTF_STRICT, BRACE, JINJA, RUBY}),
    frozenset({ICU, PRINTF}), frozenset({QT, CHROME, PRINTF}),
]


def _texts(n: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(_PIECES) for _ in range(rng.randrange(0, 5))) for _ in range(n)]


def _keys(text: str, syntaxes: frozenset[str]) -> list[tuple[str, ...]]:
    return [p.key for p in extract_placeholders(text, syntaxes)]


@pytest.mark.parametrize("syntaxes", _SYNTAXES)
def test_the_same_placeholder_texts_have_the_same_keys(syntaxes):
    texts = _PIECES + [a + b for a, b in itertools.product(_PIECES, repeat=2)] + _texts(400, 1)
    by_written: dict[tuple[str, ...], tuple[str, list[tuple[str, ...]]]] = {}
    for text in texts:
        written = placeholder_texts(text, syntaxes)
        if ICU in syntaxes and ("{" in text or "%" in text or "$" in text):
            assert written is None  # ICU is read in full
            continue
        assert written is not None
        assert len(written) <= len(_keys(text, syntaxes))  # a brace field's nested fields are in its text
        first = by_written.setdefault(tuple(written), (text, _keys(text, syntaxes)))
        assert _keys(text, syntaxes) == first[1], (text, first[0])


@pytest.mark.parametrize("syntaxes", _SYNTAXES)
def test_placeholder_texts_are_what_spans_cover(syntaxes):
    for text in _PIECES + _texts(300, 2):
        written = placeholder_texts(text, syntaxes)
        if written is not None:
            assert written == [text[a:b] for a, b in placeholder_spans(text, syntaxes)]


_FLAGS = ["", "python-format", "c-format", "python-brace-format", "no-python-format", "no-c-format", "ruby-format",
          "i18next-format", "qt-format", "chrome-format", "icu-format", "python-format, python-brace-format"]


def _catalog(seed: int, n: int) -> str:
    """Entries whose translations mostly keep, and sometimes change, drop, reorder or
    rewrite their source's placeholders, under every kind of format flag."""
    rng = random.Random(seed)
    out = [HEADER]
    for i in range(n):
        source = "".join(rng.choice(_PIECES) for _ in range(rng.randrange(1, 5)))
        pieces = re.split(r"(\s)", source)
        choice = rng.randrange(4)
        if choice == 1:
            rng.shuffle(pieces)
        elif choice == 2:
            pieces.append(rng.choice(_PIECES))
        elif choice == 3 and pieces:
            pieces.pop(rng.randrange(len(pieces)))
        target = "訳" + "".join(pieces)
        flags = rng.choice(_FLAGS)
        escaped = [s.replace("\\", "\\\\").replace('"', '\\"') for s in (source, target)]
        out.append((f"#, {flags}\n" if flags else "") + f'msgctxt "{i}"\nmsgid "{escaped[0]}"\nmsgstr "{escaped[1]}"\n\n')
    return "".join(out)


def test_the_rule_finds_what_it_finds_building_every_placeholder(monkeypatch):
    text = _catalog(3, 600)
    fast = run_rule("placeholder-mismatch", text)
    monkeypatch.setattr(rule, "_keeps_placeholders", lambda *args: False)
    slow = run_rule("placeholder-mismatch", text)
    assert fast == slow
    assert len(fast) > 50  # the catalog has differences to find, not only kept placeholders


def _plain_mask(text: str, flags: tuple[str, ...]) -> str:
    """Every mask tried on every text, without the tests of which a text may need, and
    the placeholder syntaxes chosen by the flags whether the text has a "%" or not."""
    printf = PRINTF if PRINTF in entry_syntaxes(flags, ()) else PRINTF_STRICT
    spans = placeholder_spans(text, {JINJA, RUBY, BRACE, printf})
    for pattern in (_CODE_SPAN, _URL, _TAG, _PATH):
        spans += [m.span() for m in pattern.finditer(text)]
    chars = list(text)
    for start, end in spans:
        chars[start:end] = " " * (end - start)
    return "".join(chars)


_MASK_FLAGS = [(), ("python-format",), ("no-c-format",), ("c-format", "python-brace-format"), ("python-brace-format",),
               ("fuzzy", "php-format"), ("no-python-format", "python-format")]


def test_masking_skips_no_mask_a_text_needs():
    """Texts masked under each set of flags in turn (a text without "%" is masked once for
    all of them), and every mask tried on every text, agree."""
    for text in _PIECES + _texts(500, 4) + ["see www.example.com", "SEE WWW.EXAMPLE.COM {x}", "wWw.a.b/c", "x@y", "50% off"]:
        if re.search(r"[%{`<>/@]", text) or "www." in text:  # what mask_code looks at first, as before
            for flags in _MASK_FLAGS:
                assert mask_code(text, flags) == _plain_mask(text, flags), (text, flags)
