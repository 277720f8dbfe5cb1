"""The strings every match of a pattern consumes, and the readings that skip rules by them."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from translate_kit import names
from translate_kit.regex_literals import required_parts


@pytest.mark.parametrize(
    ("pattern", "parts"),
    [
        ("sch", (("sch",),)),
        ("tion|sion", (("sion", "tion"),)),  # a string of each branch
        ("ä|ae", (("ae", "ä"),)),
        ("(?<=s)wa|wa(?=tch)", (("wa",),)),  # lookarounds consume nothing
        ("c(?=[eiy])", (("c",),)),
        ("x+", (("x",),)),
        ("a*b", (("b",),)),  # a repeat that may be empty promises nothing
        ("(a)?b|c", (("b", "c"),)),
        ("a*|b", ()),  # nor an alternation with a branch that promises nothing
        ("(?:ab){2}", (("ab",),)),
        ("[éè]c", (("c",), ("è", "é"))),  # the most selective clause first
        ("[^ab]c", (("c",),)),  # a negated class promises no character
        ("[a-c]", (("a", "b", "c"),)),
        ("a.b", (("a",), ("b",))),  # a run ends where anything else stands
        ("(?:ee|ea)r", (("e",), ("r",))),  # (the parser takes out the common e)
        ("(?i)abc", ()),  # case-insensitive: A matches too
        ("", ()),
    ],
)
def test_required_parts(pattern: str, parts: tuple[str, ...]) -> None:
    assert required_parts(re.compile(pattern)) == parts


@given(st.text(alphabet="abcst", max_size=8))
def test_a_text_matching_a_pattern_holds_its_parts(text: str) -> None:
    for pattern in ("ab|cb", "(?:st|ts)+a", "s(?:a|ba)t", "a(?=b)b*c?", "(?:ab)?c", "[a-c]s|t[^a]", "(?:a|bc)(?:s|t)"):
        compiled = re.compile(pattern)
        if compiled.search(text):
            assert all(any(part in text for part in clause) for clause in required_parts(compiled))


_WORD = st.text(alphabet="abcdefghijklmnopqrstuvwxyzéçñüø'", min_size=1, max_size=12)


@settings(max_examples=300)
@given(_WORD)
def test_skipping_rules_by_their_parts_reads_every_word_as_running_them_all(word: str) -> None:
    for _name, rules, _kept in names._profiles():
        unguarded = tuple((pattern, repl, ()) for pattern, repl, _needed in rules)
        assert names._apply_profile(word, rules) == names._apply_profile(word, unguarded)
