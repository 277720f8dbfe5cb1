"""The term rules' shortcuts must answer what the plain way answers: words found with
their offsets without match objects, the cheap test of whether a text may hold code,
a term found in Japanese with `str.find` instead of a regex, and the spans of the source
hits grouped without a dict of sets."""

from __future__ import annotations

import random
import re

import pytest

from translate_kit.glossary.model import Concept, Glossary, Term
from translate_kit.rules import term_missing as tm
from translate_kit.textmask import _MAYBE_CODE, mask_code, word_spans
from translate_kit.wordunits import JapaneseText, literal

_TRICKY = [
    "", "   ", "a", "user", "a_b c", "ab ab ab", "ab.ab,ab", "x1 1x", "über straße ÜBER", "日本語のテキスト",
    "%(user)s users", "a\u0301b", "user_name.user", "  lead and trail  ", "ユーザー名とユーザ", "tab\there\nnew line",
]


def _random_texts(n: int, alphabet: str, seed: int) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 30))) for _ in range(n)]


def test_word_spans_are_the_regex_matches():
    for text in _TRICKY + _random_texts(300, "ab _.-1é\u0301ユー名 %{}", 1):
        assert word_spans(text) == [(m.start(), m.end(), m.group()) for m in re.finditer(r"\w+", text)], text


_OLD_MAYBE_CODE = re.compile(r"[%{`<>/@]|www\.")


def test_the_code_test_is_the_one_regex():
    """A text is masked exactly when the former single regex said it may hold code
    ("www." only in lower case, as before)."""
    texts = ["Archive the branch", "See www.example.com", "WWW.EXAMPLE.COM", "Www.x", "ww.w.", "{user}", "100%", "a/b", "<b>",
             "`x`", "me@example.com", ""]
    for text in texts + _random_texts(300, "w.W%{`<>/@ ab", 2):
        assert (_MAYBE_CODE.search(text) is None and "www." not in text) == (_OLD_MAYBE_CODE.search(text) is None), text
        if _OLD_MAYBE_CODE.search(text) is None:
            assert mask_code(text) is text
    assert mask_code("See www.example.com") != "See www.example.com"


def _regex_contains(parsed: JapaneseText, form: str) -> bool:
    """The former way: every case-insensitive literal match, on boundaries."""
    return any(parsed.boundary(m.start()) and parsed.boundary(m.end()) for m in literal(form).finditer(parsed.text))


@pytest.mark.parametrize("text", [
    "メタデータとメタ", "メタデータ", "ユーザー名を削除", "ユーザーユーザー", "ーーーー", "サーバーのデータベースサーバー",
    "Userを削除", "ＡＰＩキーとapiキー", "写真証明書写真", "メタ", "", "{メタ}のメタ",
])
@pytest.mark.parametrize("form", ["メタ", "ユーザー", "ーー", "サーバー", "user", "API", "ａｐｉ", "写真", "証明書", "の", "メタデータ"])
def test_a_term_is_found_in_japanese_as_the_regex_finds_it(engine, text, form):
    """Overlapping and repeated occurrences, a first occurrence inside a word and a later
    one on boundaries, cased and caseless forms, the start and the end of the text."""
    masked = mask_code(text, ("python-brace-format",))
    units = engine.analyze(text, "ja", units=True).units if text else None
    fast = JapaneseText(engine.wordunits, masked, units)
    slow = JapaneseText(engine.wordunits, masked, units)
    assert fast.contains(form, "") == _regex_contains(slow, form)


def _old_spans(hits: list[tuple[str, int, int]]) -> list[tuple[int, int, frozenset[str]]]:
    """The former grouping: a dict of sets by span, sorted."""
    spans: dict[tuple[int, int], set[str]] = {}
    for cid, start, end in hits:
        spans.setdefault((start, end), set()).add(cid)
    return [(a, b, frozenset(ids)) for (a, b), ids in sorted(spans.items())]


def _index(ids: list[str]) -> tm.TermIndex:
    concepts = tuple(Concept(cid, terms=(Term(cid, "en", "preferred"), Term(cid.upper(), "ja", "preferred"))) for cid in ids)
    return tm.TermIndex(Glossary(concepts), "en", "ja", lambda text, lang: [])


def test_source_spans_group_as_the_dict_of_sets_did():
    ids = ["a", "b", "c", "d"]
    index = _index(ids)
    rng = random.Random(3)
    cases = [[], [("a", 0, 4)], [("a", 0, 4), ("a", 0, 4)], [("b", 5, 9), ("a", 0, 4), ("c", 5, 9)], [("a", 0, 9), ("b", 0, 4), ("c", 5, 9)]]
    cases += [[(rng.choice(ids), s, s + rng.randrange(1, 4)) for s in (rng.randrange(0, 6) for _ in range(rng.randrange(1, 7)))]
              for _ in range(300)]
    for hits in cases:
        assert tm._spans(index, list(hits)) == _old_spans(hits)


def test_a_group_expects_a_rendering_exactly_when_a_concept_has_one():
    """`Group.expects` reads the approved forms: a concept has some exactly when it has
    expected terms (a name's allowances come only with them)."""
    concepts = (
        Concept("user", terms=(Term("user", "en", "preferred"), Term("ユーザー", "ja", "preferred"))),
        Concept("kyoto", "place", terms=(Term("Kyoto", "en", "preferred"),)),  # a name, nothing in Japanese
        Concept("old", terms=(Term("old", "en", "preferred"), Term("古い", "ja", "deprecated"))),
        Concept("ada", "person", terms=(Term("Ada Lovelace", "en", "preferred"), Term("エイダ・ラブレス", "ja", "admitted"))),
    )
    index = tm.TermIndex(Glossary(concepts), "en", "ja", lambda text, lang: [])
    for cid, targets in index.targets.items():
        group = tm._group(index, cid, frozenset({cid}))
        assert group.expects == any(t.expected for t in group.concepts) == bool(targets.expected)
    assert [c for c in index.targets if tm._group(index, c, frozenset({c})).expects] == ["user", "ada"]


def _matcher(engine, *terms: tuple[str, str, str]):
    from translate_kit.terms import TermMatcher

    concepts = tuple(Concept(f"c{n}", terms=(Term(text, lang, status), Term(f"訳{n}", "ja", "preferred")))
                     for n, (text, lang, status) in enumerate(terms))
    matcher = TermMatcher.for_glossary(Glossary(concepts), engine)
    assert matcher is not None
    return matcher


_FINE = (("printer cache", "en", "preferred"), ("e-mail", "en", "preferred"), ("cache", "en", "admitted"), ("Go", "en", "preferred"))


def _kept_verdicts(engine, matcher, text: str, lang: str | None = "en") -> list:
    """The verdicts of every hit full matching finds, those a run keeps (not None)."""
    tokens = [(t.start, t.end, t.surface, "") for t in engine.tokenize(text, lang)]
    verdicts = [matcher.verdict_in(hit, text, lang) for hit in matcher.match_tokens(tokens, lang)]
    return sorted(v for v in verdicts if v is not None)


def _analysed_verdicts(engine, matcher, text: str, lang: str | None = "en") -> list:
    """The same through the analysis, with its shortcuts."""
    verdicts = [matcher.verdict_in(hit, text, lang) for hit in engine.analyze(text, lang, True, matcher).terms]
    return sorted(v for v in verdicts if v is not None)


def test_a_segment_left_unmatched_holds_no_hit_a_run_would_keep(engine):
    """Where every term of a language is fine as written, a text is matched only when a
    character the comparison key keeps joins two words: what full matching would keep
    from any other text is nothing."""
    matcher = _matcher(engine, *_FINE, ("straße", "de", "preferred"), ("ﬁle", "fr", "preferred"))
    words = ["printer", "Printer", "PRINTER", "cache", "e-mail", "email", "e", "mail", "go", "Go", "x", "ＣＡＣＨＥ",
             "STRASSE", "straße", "Straße", "file", "ﬁle", "cafe\u0301", "İ", "ﾌﾟﾘﾝﾀ"]
    joiners = [" ", "  ", "/", ",", "-", "'", ".", "\u3000", "\u00a0", "＝", "+", "\t", ", ", "\u2028", "\u202f", "\u200b", "・"]
    rng = random.Random(7)
    skipped = 0
    for _ in range(3000):
        parts = [rng.choice(words)]
        for _k in range(rng.randrange(0, 5)):
            parts += [rng.choice(joiners), rng.choice(words)]
        text = "".join(parts)
        for lang in ("en", "de", "fr"):
            if not matcher.worth_matching(lang):
                skipped += 1
                assert _kept_verdicts(engine, matcher, text, lang) == [], (text, lang)
            assert _analysed_verdicts(engine, matcher, text, lang) == _kept_verdicts(engine, matcher, text, lang), (text, lang)
    assert skipped > 1500  # the shortcut is taken


def test_words_of_a_term_joined_by_a_comma_or_slash_are_not_the_term(engine):
    """printer,cache and printer/cache list two words or name a path: no variant of
    "printer cache", so a text of a language whose terms are fine as written is not
    matched at all. A deprecated term written as the glossary writes it is still
    reported, and its words joined otherwise are not it either."""
    matcher = _matcher(engine, *_FINE, ("e mail", "en", "deprecated"))
    for text in ("Clear the printer/cache now", "Clear the printer,cache now", "Clear printer, cache, spooler",
                 "Send an e/mail", "Send an e+mail"):
        assert _kept_verdicts(engine, matcher, text) == [], text
        assert _analysed_verdicts(engine, matcher, text) == [], text
    assert [v[0] for v in _kept_verdicts(engine, matcher, "Send an e mail now")] == ["deprecated"]
    fine = _matcher(engine, *_FINE)
    for text in ("Clear the printer/cache now", "Clear the printer cache now"):
        assert not fine.worth_matching("en")
        assert engine.analyze(text, "en", True, fine).terms == ()


def test_a_term_written_with_its_own_joiner_is_still_judged(engine):
    """A joiner the glossary's term writes itself (TCP/IP stack) is the term's spelling:
    its hits are judged as before."""
    matcher = _matcher(engine, ("TCP/IP stack", "en", "deprecated"))
    assert [v[0] for v in _kept_verdicts(engine, matcher, "Reset the TCP/IP stack")] == ["deprecated"]


def test_a_term_whose_tag_is_not_the_segments_language_keeps_it_matched(engine):
    """A term tagged "" in a segment of unknown language ("und") is not among the forms that
    language accepts, so its hit is a variant of the concept's "und" term: reported, as
    full matching reports it."""
    from translate_kit.terms import TermMatcher

    glossary = Glossary((Concept("c", terms=(Term("printer cache", "", "preferred"), Term("print cache", "und", "preferred"))),))
    matcher = TermMatcher.for_glossary(glossary, engine)
    assert matcher is not None
    for text in ("the printer cache", "printer cache"):
        full = _kept_verdicts(engine, matcher, text, None)
        assert full and _analysed_verdicts(engine, matcher, text, None) == full


def test_a_hit_shorter_than_the_term_it_matches_is_judged(engine):
    """C++ is the word C to the tokenizer: a hit on "C" (even right before "++") is not
    written as the term, so it is judged as full matching judges it."""
    matcher = _matcher(engine, ("C++", "en", "preferred"))
    for text in ("Learn C++ now", "C++", "Learn C now"):
        full = _kept_verdicts(engine, matcher, text)
        assert full and _analysed_verdicts(engine, matcher, text) == full, text


@pytest.mark.parametrize("term", [("e mail", "en", "deprecated"), ("C++", "en", "preferred")])
def test_a_language_with_a_term_not_fine_as_written_is_always_matched(engine, term):
    """A deprecated term is reported wherever it is found, and one whose key is not its
    words' keys (C++ is the word C) may be written otherwise with spaces alone."""
    matcher = _matcher(engine, *_FINE, term)
    assert matcher.worth_matching("en")
    full = _kept_verdicts(engine, matcher, "Send an e mail to the C dev")
    assert full and _analysed_verdicts(engine, matcher, "Send an e mail to the C dev") == full


def test_hits_written_as_a_fine_term_are_left_out_and_no_other(engine):
    """Given the text, matching leaves out exactly hits written as a term that is not
    deprecated: each has no verdict, and every hit with one (a deprecated term, a
    spelling Sudachi normalizes, a width or case variant) is kept."""
    from translate_kit.terms import TermMatcher

    concepts = (
        Concept("user", terms=(Term("user", "en", "preferred"), Term("ユーザー", "ja", "preferred"), Term("ユーザ", "ja", "deprecated"))),
        Concept("server", terms=(Term("server", "en", "preferred"), Term("サーバー", "ja", "preferred"), Term("サーバ", "ja", "admitted"))),
        Concept("api", terms=(Term("API key", "en", "preferred"), Term("APIキー", "ja", "preferred"))),
        Concept("db", terms=(Term("database", "en", "preferred"), Term("データベース", "ja", "preferred"), Term("DB", "ja", "admitted"))),
    )
    matcher = TermMatcher.for_glossary(Glossary(concepts), engine)
    assert matcher is not None
    texts = ["ユーザーとユーザとサーバーとサーバ", "ｻｰﾊﾞｰのＡＰＩキーとapiキー", "データベースサーバーのDBとｄｂ", "APIキーのユーザー名",
             "User and user and USERS on the server", "An API key, an api key, an API-key", "ユーザー・データベース"]
    dropped = 0
    for text in texts:
        lang = "en" if text.isascii() else "ja"
        tokens = [(t.start, t.end, t.surface, t.normalized if lang == "ja" else "") for t in engine.tokenize(text, lang)]
        every, kept = matcher.match_tokens(tokens, lang), matcher.match_tokens(tokens, lang, text)
        assert set(kept) <= set(every)
        for hit in every:
            verdict = matcher.verdict_in(hit, text, lang)
            if hit not in kept:
                dropped += 1
                assert verdict is None and text[hit[1]:hit[2]] == matcher.entries[hit[0]].term.text, (text, hit)
            else:
                assert verdict is not None or text[hit[1]:hit[2]] != matcher.entries[hit[0]].term.text, (text, hit)
    assert dropped >= 8
