"""The strings every match of a regular expression consumes, read from its parse.

A text holding not all of them holds no match, so a caller applying many rewrite rules
(names.py's readings) can skip a rule with substring tests instead of a regex call.
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


def required_parts(pattern: "re.Pattern[str]") -> tuple[str, ...]:
    """Strings that every match of `pattern` consumes, each as one stretch of text
    (lookarounds and anchors not counted; none implied by another); () when none is
    certain (a case-insensitive pattern)."""
    if pattern.flags & re.IGNORECASE:
        return ()
    parts = _consumed(_SRE.parse(pattern.pattern, pattern.flags))
    return tuple(sorted(p for p in parts if not any(p != q and p in q for q in parts)))


def _consumed(items: Any) -> set[str]:
    """The strings every match of a parsed sequence consumes: runs of literal characters,
    and what every branch of an alternation or a repeat's body consumes."""
    out: set[str] = set()
    run = ""
    for op, av in items:
        if op is _SRE.LITERAL:
            run += chr(av)
            continue
        if run:  # anything else ends a run of literals, even where it consumes nothing
            out.add(run)
            run = ""
        if op is _SRE.SUBPATTERN:
            _group, add_flags, _del_flags, sub = av
            if not add_flags & re.IGNORECASE:
                out |= _consumed(sub)
        elif op is _SRE.BRANCH:
            branches = [_with_chars(_consumed(b)) for b in av[1]]
            out |= set.intersection(*branches) if branches else set()
        elif op in _REPEATS:
            low, _high, sub = av
            if low >= 1:
                out |= _consumed(sub)
        elif _ATOMIC is not None and op is _ATOMIC:
            out |= _consumed(av)
        # anything else (a class, any character, an anchor, a lookaround, a backreference,
        # a conditional group) promises no one string
    if run:
        out.add(run)
    return out


def _with_chars(parts: set[str]) -> set[str]:
    """Strings and each of their characters (what two branches may share: ts|tz need t)."""
    return parts | {c for p in parts for c in p}
