"""term-inconsistent's per-run memo and the katakana words it reads: what is remembered
(source-word keys, transliteration scores) and the shortcut of `JapaneseText` that reads
a katakana run's words without the text's other words must not change what is found."""

from __future__ import annotations

import pytest

from translate_kit.rules import term_inconsistent as ti
from translate_kit.textmask import mask_code
from translate_kit.wordunits import JapaneseText

HEADER = 'msgid ""\nmsgstr ""\n"Language: ja\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n'

# two renderings of several words, in several catalogs, so that a small bound is hit
_CATALOG = HEADER + "".join(
    f'\nmsgid "{src}"\nmsgstr "{dst}"\n'
    for src, dst in [
        ("Clone the repository", "リポジトリをクローン"),
        ("Delete the repository", "リポジトリを削除"),
        ("Repository settings", "レポジトリの設定"),
        ("Restart the server", "サーバーを再起動"),
        ("Server settings", "サーバーの設定"),
        ("The server's name", "サーバの名前"),
        ("Open the database server", "データベースサーバーを開く"),
        ("Interface language", "インターフェースの言語"),
        ("Interface colors", "インターフェースの色"),
        ("The interface", "インタフェース"),
    ]
)


@pytest.mark.parametrize("english", [True, False])
def test_source_words_are_the_same_with_a_key_memo(english):
    keys: dict[str, str] = {}
    texts = ["The server's repositories", "Delete `user_name` and the servers", "a an the of", "Users, users and USERS"]
    for _ in range(2):  # the second round reads every key from the memo
        for text in texts:
            masked = mask_code(text)
            assert ti.source_words(masked, english, keys) == ti.source_words(masked, english)
    assert keys["the"] == "" and keys["servers"] == ("server" if english else "servers")


def test_findings_do_not_move_when_the_memo_starts_over(run_check, monkeypatch):
    """With a bound of two, the key and score tables are forgotten again and again."""
    files = {"a.po": _CATALOG, "b.po": _CATALOG.replace("レポジトリの設定", "リポジトリの設定")}
    expected = [(f.path, f.line, f.found, f.expected) for f in run_check(files, select=["term-inconsistent"]).findings]
    assert expected  # the catalog has minority spellings to report
    monkeypatch.setattr(ti, "_KEPT", 2)
    got = [(f.path, f.line, f.found, f.expected) for f in run_check(files, select=["term-inconsistent"]).findings]
    assert got == expected


def test_align_remembers_each_pair_once_and_forgets_when_full(monkeypatch):
    memo = ti.RunMemo()
    sources = [ti._Source("server", 0), ti._Source("database", 1)]
    units = [ti.Unit(0, 6, "データベース", "データベース", False), ti.Unit(6, 10, "サーバー", "サーバー", False)]
    first = ti.align(sources, units, memo)
    assert [(s.key, u.surface) for s, u in first] == [("server", "サーバー"), ("database", "データベース")]
    assert memo.scored == 4 and ti.align(sources, units, memo) == first and memo.scored == 4
    monkeypatch.setattr(ti, "_KEPT", 4)
    assert ti.align(sources[:1], units, memo) == first[:1]
    assert memo.scored == 2 and list(memo.scores) == ["server"]  # forgotten, then the new pairs


@pytest.mark.parametrize("text", [
    "データベースサーバーの `サーバー` を再起動",
    "{name} のパスワードタグとアカウント",
    "プレイリストアカウントを削除してフォルダーを開く",
    "ユーザー<b>グループ</b>の%sメンバー",
])
def test_katakana_words_are_the_same_whether_or_not_the_texts_words_were_read_first(engine, text):
    """`katakana_units` reads a run's words from the analysis directly when `full_units`
    was not asked for; it must give what it gives after."""
    words = engine.wordunits
    units = engine.analyze(text, "ja", units=True).units
    assert units
    masked = mask_code(text, ("python-brace-format", "c-format"))
    direct = JapaneseText(words, masked, units).katakana_units()
    after = JapaneseText(words, masked, units)
    after.full_units()
    assert direct == after.katakana_units()
    assert all(masked[u.start : u.end] == u.surface for u in direct)


def test_align_uses_each_stretch_of_katakana_once_whatever_the_order_of_spans():
    """A compound and its parts overlap: once a span is paired, a unit reaching into it
    from either side, or holding it, is not (the chosen spans are kept in order)."""
    sources = [ti._Source("server", 0), ti._Source("database", 1), ti._Source("database server", 2), ti._Source("server", 3)]
    units = [ti.Unit(10, 16, "データベース", "データベース", False), ti.Unit(16, 20, "サーバー", "サーバー", False),
             ti.Unit(10, 20, "データベースサーバー", "データベースサーバー", False), ti.Unit(0, 4, "サーバー", "サーバー", False),
             ti.Unit(30, 34, "サーバー", "サーバー", False)]
    pairs = ti.align(sources, units)
    spans = sorted((u.start, u.end) for _s, u in pairs)
    assert all(b <= c for (_a, b), (c, _d) in zip(spans, spans[1:]))  # no two overlap
    assert len({s.position for s, _u in pairs}) == len(pairs)
    assert sorted((s.position, u.start) for s, u in pairs) == sorted(_brute_force(sources, units))


def _brute_force(sources, units):
    """align's greedy choice, checking every chosen span (the reference)."""
    pairs = sorted(((-ti.transliteration_score(s.key, u.surface), s.position, u.start, s, u)
                    for s in sources for u in units if ti.transliteration_score(s.key, u.surface) >= ti.ALIGN), key=lambda p: p[:3])
    used, spans, out = set(), [], []
    for _score, index, _start, s, u in pairs:
        if index in used or any(a < u.end and u.start < b for a, b in spans):
            continue
        used.add(index)
        spans.append((u.start, u.end))
        out.append((s.position, u.start))
    return out


_SHAPED_TEXTS = [
    "データベースサーバーの `サーバー` を再起動", "{name} のパスワードタグとアカウント", "ユーザー<b>グループ</b>の%sメンバー",
    "プレイリストアカウントを削除してフォルダーを開く", "アメリカ人のドル箱スター", "ﾌﾟﾚｲﾘｽﾄとプレイリスト", "メタ・データ", "ーーカタカナー",
]


@pytest.mark.parametrize("text", _SHAPED_TEXTS)
def test_shaped_units_are_the_units_the_text_tokenizes_to(engine, text):
    """An analysis keeps its units as words' shapes (ShapedUnits): read, they are every
    mode-C token and mode-A part of the text, as `WordUnits.units` reads a text on its
    own; they pickle, and compare equal to the same units."""
    import pickle

    from translate_kit.wordunits import ShapedUnits

    units = engine.analyze(text, "ja", units=True).units
    assert isinstance(units, ShapedUnits)
    expected = engine.wordunits.units(text)
    assert list(units) == expected and len(units) == len(expected) and units[len(expected) - 1] == expected[-1]
    assert units == expected and pickle.loads(pickle.dumps(units)) == units


@pytest.mark.parametrize("text", _SHAPED_TEXTS)
def test_a_runs_words_come_from_its_shapes_as_from_every_unit(engine, text):
    """The katakana words read from the shapes of the words inside each run (`within`)
    are those read by filtering every unit of the text, a word crossing a run's edge
    included (then Sudachi's words do not tile the run, which is read alone)."""
    words = engine.wordunits
    units = engine.analyze(text, "ja", units=True).units
    masked = mask_code(text, ("python-brace-format", "c-format"))
    assert JapaneseText(words, masked, units).katakana_units() == JapaneseText(words, masked, list(units)).katakana_units()


def test_words_the_glossary_knows_are_aligned_but_not_stashed(run_check, tmp_path):
    """The run rule leaves a source word the glossary knows to the glossary rules, so its
    document rule does not stash its renderings; the word is still aligned, so it keeps
    taking its katakana word from the others (データベース stays "database"'s)."""
    glossary = tmp_path / "glossary.csv"
    glossary.write_text("concept,lang,term,status,type,note\nserver,en,server,preferred,term,\nserver,ja,サーバー,preferred,term,\n",
                        encoding="utf-8")
    result = run_check({"a.po": _CATALOG}, select=["term-inconsistent"], glossary_paths=(str(glossary),))
    stashed = {word for contribution in result.corpus.contributions()
               for (_context, word) in contribution.scratch.get(ti.RULE_ID, {})}
    assert "server" not in stashed and {"repository", "database", "interface"} <= stashed
    found = {(f.found, f.expected) for f in result.findings}
    assert ("レポジトリ", "リポジトリ") in found and not any("サーバ" in x for x, _y in found)
    without = run_check({"b.po": _CATALOG}, select=["term-inconsistent"])
    assert {w for c in without.corpus.contributions() for (_c, w) in c.scratch.get(ti.RULE_ID, {})} >= stashed | {"server"}


def test_a_translation_whose_source_words_the_glossary_all_knows_is_not_read(run_check, tmp_path, monkeypatch):
    """Nothing of such an entry would be kept, so its translation's words are not read
    (counted where a translation's word boundaries are made, in uncompiled code)."""
    from translate_kit.engine import contribution

    glossary = tmp_path / "glossary.csv"
    glossary.write_text("concept,lang,term,status,type,note\nserver,en,server,preferred,term,\nserver,ja,サーバー,preferred,term,\n",
                        encoding="utf-8")
    parsed: list[str] = []
    real = contribution.JapaneseText
    monkeypatch.setattr(contribution, "JapaneseText", lambda words, text, full=None: parsed.append(text) or real(words, text, full))
    files = {"a.po": HEADER + '\nmsgid "Servers"\nmsgstr "サーバー"\n\nmsgid "Server settings"\nmsgstr "サーバーの設定"\n'}
    run_check(files, select=["term-inconsistent"], glossary_paths=(str(glossary),))
    assert parsed == ["サーバーの設定"]
    parsed.clear()
    run_check(files, select=["term-inconsistent"])  # without the glossary, both are read
    assert sorted(parsed) == ["サーバー", "サーバーの設定"]
