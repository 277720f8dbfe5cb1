"""The placeholder pattern's leading lookahead (`_STARTS`) only makes searches faster:
with it every syntax mix finds exactly what the plain alternation finds."""

from __future__ import annotations

import itertools
import re

from translate_kit import placeholder_syntax as ps

TEXTS = [
    "%s %d %(name)s %1$s %.2f %-5d %% 100% done %lld %<PRIu64> %@ %L1 %n %1 %10",
    "{} {0} {name} {name!r:>{width}} {{literal}} }} {user.name[0]} {0:%Y-%m-%d}",
    "{{ user }} {{- x -}} {{{ raw }}} %{count} %<total>05.1f $NAME$ $1 $12 $",
    "Plain prose, no placeholders at all; 50 % off, a}b{c, $ and %",
    "日本語の%sと{name}と{{ x }}", "",
]
SYNTAXES = [s for s in ps._ORDER]


def test_the_lookahead_finds_what_the_plain_alternation_finds():
    for n in range(1, len(SYNTAXES) + 1):
        for chosen in itertools.combinations(SYNTAXES, n):
            if ps.PRINTF in chosen and ps.PRINTF_STRICT in chosen:
                continue  # one printf reading at a time (they share group names)
            syntaxes = frozenset(chosen)
            plain = re.compile("|".join(ps._PARTS[s] for s in ps._ORDER if s in syntaxes))
            fast = ps._pattern(syntaxes)
            for text in TEXTS:
                got = [(m.span(), m.lastgroup, m.groupdict()) for m in fast.finditer(text)]
                assert got == [(m.span(), m.lastgroup, m.groupdict()) for m in plain.finditer(text)], (chosen, text)


def test_qt_argument_before_a_letter_is_not_a_printf_width():
    """QString::arg reads "%1d %2h" as %1 and %2 followed by unit letters: a translation
    writing "%1日%2時間" keeps both."""
    from translate_kit.placeholder_syntax import QT, entry_syntaxes, extract_placeholders

    syntaxes = entry_syntaxes(("qt-format",), ["%1d %2h"])
    assert QT in syntaxes
    assert [p.text for p in extract_placeholders("%1d %2h", syntaxes)] == ["%1", "%2"]
    assert [p.text for p in extract_placeholders("%1日%2時間", syntaxes)] == ["%1", "%2"]
    assert [p.text for p in extract_placeholders("%s and %n", {QT, "printf"})] == ["%s", "%n"]


def test_a_strftime_format_shows_no_printf():
    """A date format's directives are the locale's to choose ("%B %d, %Y" → "%Y年%m月%d日(%a)"),
    flagged printf or not, while a source with printf conversions only is still read as printf."""
    from translate_kit.placeholder_syntax import PRINTF_STRICT, entry_syntaxes

    for date in ("%B %d, %Y", "%I:%M %p", "%m/%d/%Y %I:%M %p", "%-d %b"):
        assert PRINTF_STRICT not in entry_syntaxes((), [date]), date
    for printf in ("%d files", "%s of %s", "%%Y is %d", "%d%% at %Mbps"):
        assert PRINTF_STRICT in entry_syntaxes((), [printf]), printf
    assert "printf" not in entry_syntaxes(("objc-format",), ["%A, %B %d, %Y"])  # a loader's guess
    assert "printf" in entry_syntaxes(("objc-format",), ["%d of %@"])


def test_a_qt_source_without_arguments_takes_no_arg():
    """A source with no `%1` is not passed through QString::arg: Turkish "%10 oranında"
    (10%) in its translation is a percent sign, while a source with one is read as Qt."""
    from translate_kit.placeholder_syntax import QT, entry_syntaxes

    assert QT not in entry_syntaxes(("qt-format",), ["More than 10% of passwords are reused."])
    assert QT in entry_syntaxes(("qt-format",), ["Reason: %1"])
    assert QT in entry_syntaxes(("qt-format",), ["%n file(s)"])
