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
