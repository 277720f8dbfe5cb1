"""The one pass over a masked msgid that term-missing and term-inconsistent share
(`textmask.word_spans`): each rule must find with the shared words what it finds on
its own, and term-missing's one-word shortcut what the general matching finds."""

from __future__ import annotations

import pytest

from translate_kit.rules import term_inconsistent as ti
from translate_kit.rules.term_missing import WordMatcher
from translate_kit.textmask import mask_code, word_spans

TEXTS = [
    "The user's repositories and the users' boxes",
    "Delete `user_name`, config.user, $user, #user, ~user, @user and superuser",
    "Open-source open source Open  source open\u00a0source OPEN SOURCE",
    "API, APIs, api, Api; GitHub and github; C++ and c++",
    "naïve café 2fa x86 über_user ユーザーuser user2 _user user_",
    "%(user)s {user} {{ user }} %{user} https://user.example/ a@user.example ~/user <b>user</b>",
    '*user* :user: "user" \'user\' user. user.name',
    "straße STRASSE İstanbul ﬁle users",
    "a an the of it on",
    "",
]

TERMS = ["user", "repository", "box", "open source", "source", "API", "GitHub", "C++", "name", "file", "open"]


@pytest.mark.parametrize("english", [True, False])
@pytest.mark.parametrize("text", TEXTS)
def test_source_words_are_the_same_from_shared_word_spans(text, english):
    for t in (text, mask_code(text), mask_code(text, ("python-format",))):
        assert ti.source_words(t, english, None, word_spans(t)) == ti.source_words(t, english)


def _reference(matcher: WordMatcher, text: str) -> list[tuple[object, int, int]]:
    """Every match, through the general word matching only (no one-word shortcut)."""
    from translate_kit.rules import term_missing as tm

    found = []
    tokens = word_spans(text)
    for i in range(len(tokens)):
        for patterns in (*matcher._single.values(), *matcher._multi.values()):
            for pattern in patterns:
                end = tm._match_words(text, tokens, i, pattern)
                if end is not None and not any(tm.code_like(text, a, b) for a, b, _w in tokens[i : i + len(pattern.words)]):
                    found.append((pattern.payload, tokens[i][0], end))
    for payload, regex in matcher._literals:
        found += [(payload, m.start(), m.end()) for m in regex.finditer(text)]
    return sorted(set(found), key=lambda f: (f[1], f[2], str(f[0])))


@pytest.mark.parametrize("text", TEXTS)
def test_word_matcher_finds_the_same_from_shared_spans_and_as_the_general_matching(text):
    matcher = WordMatcher(inflect=True)
    for term in TERMS:
        matcher.add(term, term)
    for t in (text, mask_code(text)):
        found = matcher.find(t)
        assert matcher.find(t, word_spans(t)) == found
        assert sorted(set(found), key=lambda f: (f[1], f[2], str(f[0]))) == _reference(matcher, t)


def test_word_matcher_one_word_terms():
    matcher = WordMatcher(inflect=True)
    for term in ("user", "API", "repository"):
        matcher.add(term, term)
    text = "Users, user's APIs api Repositories user_name config.user $user superuser"
    assert [(p, text[a:b]) for p, a, b in matcher.find(text)] == [
        ("user", "Users"), ("user", "user"), ("API", "APIs"), ("repository", "Repositories"),
    ]
