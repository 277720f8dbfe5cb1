"""gitignore-like path patterns (`include`, `exclude`) matched without backtracking.

A pattern is compiled to a small automaton that is run over the path once, keeping the
set of states it can be in: time is at most (path length × pattern length), whatever the
pattern, where a regular expression such as `*a*a*a*a*b` backtracks for minutes on a long
path. A malformed character class is a `ValueError` with a one-line reason.

`*` and `?` stay within one path part, `**` spans parts; a pattern without `/` matches a
name at any depth (`*.pot`), one with `/` is anchored at the config's directory; matching
a directory matches everything below it (`vendor`, `docs/old/`).
"""

from __future__ import annotations

from dataclasses import dataclass

# Token kinds: one character; `?`; a class; `*` (no slash); `**`; `**/` (optional: any
# characters ending with a slash).
_LIT, _ONE, _CLASS, _STAR, _ANY, _DIRS = range(6)


@dataclass(frozen=True)
class CharClass:
    """`[a-z]`, `[!0-9]`: single characters and ranges, maybe negated."""

    chars: frozenset[str]
    ranges: tuple[tuple[str, str], ...]
    negated: bool

    def __contains__(self, c: str) -> bool:
        hit = c in self.chars or any(lo <= c <= hi for lo, hi in self.ranges)
        return hit != self.negated


@dataclass(frozen=True)
class Glob:
    """A compiled pattern; `match(rel)` tests a POSIX path relative to the config."""

    pattern: str
    tokens: tuple[tuple[int, object], ...]

    def match(self, rel: str) -> bool:
        tokens = self.tokens
        end = len(tokens)
        states = self._closure({(0, False)})
        for c in rel:
            nxt: set[tuple[int, bool]] = set()
            for i, _inside in states:
                if i == end + 1:  # below a matched directory: anything goes
                    nxt.add((i, False))
                    continue
                if i == end:
                    if c == "/":
                        nxt.add((end + 1, False))
                    continue
                kind, arg = tokens[i]
                if kind == _LIT:
                    if c == arg:
                        nxt.add((i + 1, False))
                elif kind == _ONE:
                    if c != "/":
                        nxt.add((i + 1, False))
                elif kind == _CLASS:
                    if c in arg:  # type: ignore[operator]
                        nxt.add((i + 1, False))
                elif kind == _STAR:
                    if c != "/":
                        nxt.add((i, False))
                elif kind == _ANY:
                    nxt.add((i, False))
                else:  # _DIRS: inside its run of characters until a slash ends it
                    nxt.add((i, True))
                    if c == "/":
                        nxt.add((i + 1, False))
            if not nxt:
                return False
            states = self._closure(nxt)
        return any(i >= end and not inside for i, inside in states)

    def _closure(self, states: set[tuple[int, bool]]) -> set[tuple[int, bool]]:
        """Add the states reachable without reading: past a `*`, `**` or a skipped `**/`."""
        out = set(states)
        todo = [s for s in states if not s[1]]
        while todo:
            i, _ = todo.pop()
            if i < len(self.tokens) and self.tokens[i][0] in (_STAR, _ANY, _DIRS):
                state = (i + 1, False)
                if state not in out:
                    out.add(state)
                    todo.append(state)
        return out


def compile_glob(pattern: str) -> Glob:
    """Compile an include/exclude pattern; a bad character class raises ValueError."""
    pat = pattern.strip()
    while pat.startswith("./"):
        pat = pat[2:]
    anchored = "/" in pat.rstrip("/")
    pat = pat.strip("/")
    tokens: list[tuple[int, object]] = [] if anchored else [(_DIRS, None)]
    i = 0
    while i < len(pat):
        c = pat[i]
        if pat.startswith("**/", i):
            tokens.append((_DIRS, None))
            i += 3
        elif pat.startswith("**", i):
            tokens.append((_ANY, None))
            i += 2
        elif c == "*":
            if not tokens or tokens[-1][0] != _STAR:  # `***` is one star
                tokens.append((_STAR, None))
            i += 1
        elif c == "?":
            tokens.append((_ONE, None))
            i += 1
        elif c == "[" and pat.find("]", i + 2) != -1:
            end = pat.find("]", i + 2)
            tokens.append((_CLASS, _char_class(pat[i + 1:end], pattern)))
            i = end + 1
        else:
            tokens.append((_LIT, c))
            i += 1
    return Glob(pattern, tuple(tokens))


def _char_class(body: str, pattern: str) -> CharClass:
    negated = body.startswith(("!", "^"))
    if negated:
        body = body[1:]
    chars: set[str] = set()
    ranges: list[tuple[str, str]] = []
    i = 0
    while i < len(body):
        if i + 2 < len(body) and body[i + 1] == "-":
            lo, hi = body[i], body[i + 2]
            if lo > hi:
                raise ValueError(f"bad character range {lo}-{hi} in pattern {pattern!r}")
            ranges.append((lo, hi))
            i += 3
        else:
            chars.add(body[i])
            i += 1
    if not chars and not ranges:
        raise ValueError(f"empty character class in pattern {pattern!r}")
    return CharClass(frozenset(chars), tuple(ranges), negated)
