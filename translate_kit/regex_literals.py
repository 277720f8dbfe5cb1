"""What every match of a regular expression consumes, read from its parse: clauses of
strings, one string of each clause at least.

A text that lacks every string of one clause holds no match, so a caller applying many
rewrite rules (names.py's readings) can skip a rule with substring tests instead of a
regex call.
"""

from __future__ import annotations

import importlib
import re
import sys
from typing import Any

# the parser of the `re` module (its sre_parse), which has no public name
_SRE: Any = importlib.import_module("re._parser" if sys.version_info >= (3, 11) else "sre_parse")
_REPEATS = tuple(getattr(_SRE, name) for name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT") if hasattr(_SRE, name))
_ATOMIC = getattr(_SRE, "ATOMIC_GROUP", None)  # Python 3.11
_WIDEST_RANGE = 32  # a class range of more characters than this promises none

Clause = frozenset[str]  # a match consumes one of these strings, as one stretch of text


def required_parts(pattern: "re.Pattern[str]") -> tuple[tuple[str, ...], ...]:
    """Clauses that every match of `pattern` satisfies, each the strings (sorted) of
    which a match consumes one (lookarounds and anchors not counted; no clause implied
    by another; the most selective first); () when nothing is certain (a
    case-insensitive pattern)."""
    if pattern.flags & re.IGNORECASE:
        return ()
    clauses = _consumed(_SRE.parse(pattern.pattern, pattern.flags))
    kept = [c for c in clauses if not any(d != c and _implies(d, c) for d in clauses)]
    return tuple(tuple(sorted(c)) for c in sorted(kept, key=_selectivity))


def _implies(a: Clause, b: Clause) -> bool:
    """Whether a text holding one string of `a` holds one of `b` (each of a's contains one of b's)."""
    return all(any(y in x for y in b) for x in a)


def _consumed(items: Any) -> set[Clause]:
    """The clauses every match of a parsed sequence satisfies: runs of literal characters,
    the characters of a class, and a string from each branch of an alternation."""
    out: set[Clause] = set()
    run = ""
    for op, av in items:
        if op is _SRE.LITERAL:
            run += chr(av)
            continue
        if run:  # anything else ends a run of literals, even where it consumes nothing
            out.add(frozenset((run,)))
            run = ""
        if op is _SRE.SUBPATTERN:
            _group, add_flags, _del_flags, sub = av
            if not add_flags & re.IGNORECASE:
                out |= _consumed(sub)
        elif op is _SRE.BRANCH:
            picked = [_most_selective(_consumed(b)) for b in av[1]]
            if picked and all(c is not None for c in picked):
                out.add(frozenset(s for c in picked if c is not None for s in c))
        elif op in _REPEATS:
            low, _high, sub = av
            if low >= 1:
                out |= _consumed(sub)
        elif _ATOMIC is not None and op is _ATOMIC:
            out |= _consumed(av)
        elif op is _SRE.IN:
            chars = _class_chars(av)
            if chars:
                out.add(chars)
        # anything else (any character, an anchor, a lookaround, a backreference, a
        # conditional group) promises nothing
    if run:
        out.add(frozenset((run,)))
    return out


def _most_selective(clauses: set[Clause]) -> Clause | None:
    """The clause whose shortest string is longest (fewest strings on a tie); None for none."""
    if not clauses:
        return None
    return min(clauses, key=_selectivity)


def _selectivity(clause: Clause) -> tuple[int, int, list[str]]:
    """Sort key, most selective first: the longest shortest string, then the fewest strings."""
    return -min(map(len, clause)), len(clause), sorted(clause)


def _class_chars(items: Any) -> Clause | None:
    """The characters a class matches, when it lists them (literals and short ranges);
    None for a negated class or one with a category."""
    chars: set[str] = set()
    for op, av in items:
        if op is _SRE.LITERAL:
            chars.add(chr(av))
        elif op is _SRE.RANGE and av[1] - av[0] < _WIDEST_RANGE:
            chars.update(chr(c) for c in range(av[0], av[1] + 1))
        else:
            return None
    return frozenset(chars)
