"""The engine's contract: one tokenization per segment, a corpus that re-checks one
changed file without reading the others, snippets as the run decoded the file."""

from __future__ import annotations

from collections import Counter

import pytest

from translate_kit.engine import Corpus, contribute
from translate_kit.options import CheckOptions
from translate_kit.rules import all_rules
from translate_kit.run import check_corpus, check_paths, prepare
from translate_kit.segment import lang_is_japanese
from translate_kit.sources import load, load_text

GLOSSARY = """concept,lang,term,status,type,note
user,en,user,preferred,term,
user,ja,ユーザー,preferred,term,
user,ja,ユーザ,deprecated,term,
server,en,server,preferred,term,
server,ja,サーバー,preferred,term,
"""

CATALOG = """msgid ""
msgstr ""
"Language: ja\\n"
"Content-Type: text/plain; charset=UTF-8\\n"

msgid "Delete the user"
msgstr "ユーザを削除"

msgid "Restart the server"
msgstr "サーバーを再起動する"

msgid "Server"
msgstr "サーバー"

msgid "The user %(name)s was added to the server"
msgstr "ユーザー %(name)s をサーバーに追加しました"

msgid "Ask Mr. Bernard"
msgstr "バーナード氏に聞く"

msgid "Ask Mr. Benard again"
msgstr "もう一度ベナール氏に聞く"

msgid "Cancel"
msgstr "キャンセル"

msgid "Cancel download"
msgstr "ダウンロードをキャンセル"
"""

ARTICLE = """# 記録

アルノー・ベナール氏はサーバーの設定を変えた。ユーザーの数は増えた。

その後、バーナード氏がもう一度サーバを再起動した。
"""


def _write(tmp_path, name: str, text: str, encoding: str = "utf-8"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return str(path)


@pytest.fixture()
def tree(tmp_path):
    return {
        "catalog": _write(tmp_path, "app.ja.po", CATALOG),
        "article": _write(tmp_path, "article.ja.md", ARTICLE),
        "glossary": _write(tmp_path, "glossary.csv", GLOSSARY),
    }


@pytest.mark.parametrize("with_glossary", [False, True])
def test_each_segment_is_tokenized_once(tree, engine, monkeypatch, with_glossary):
    """Sudachi is called once per distinct Japanese segment text of the run, whatever the
    rules need (term-missing's and term-inconsistent's word boundaries, orthographic
    readings): no rule tokenizes a segment again."""
    calls: Counter[str] = Counter()
    tokenizer = engine.sudachi._tokenizer
    real = tokenizer.tokenize

    class Counting:
        def tokenize(self, text, *args, **kwargs):
            calls[text] += 1
            return real(text, *args, **kwargs)

    monkeypatch.setattr(engine.sudachi, "_tokenizer", Counting())
    options = CheckOptions(glossary_paths=(tree["glossary"],) if with_glossary else (), jobs=1)
    result = check_paths([tree["catalog"], tree["article"]], options, engine=engine)
    assert not result.errors, result.errors
    assert result.findings, "the inputs have deliberate mistakes"
    segments = {
        s.text
        for path in (tree["catalog"], tree["article"])
        for s in load(path).segments
        if lang_is_japanese(s.lang)
    }
    # a glossary term is tokenized once as a term when the run starts, whatever it coincides with
    terms = {line.split(",")[2] for line in GLOSSARY.splitlines()[1:]} if with_glossary else set()
    assert all(calls[t] <= 1 + (t in segments) for t in terms), calls
    tokenized_segments = {text: n - (text in terms) for text, n in calls.items() if text in segments}
    assert set(tokenized_segments) == segments  # every Japanese segment was analysed...
    assert max(tokenized_segments.values()) == 1, {t: n for t, n in tokenized_segments.items() if n > 1}  # ...once


def test_corpus_rechecks_one_changed_file_without_loading_the_others(tree, engine):
    """An edited document replaces only its own contribution: findings across files
    change, and no other file is loaded again."""
    loads: Counter[str] = Counter()
    resources, errors = prepare(CheckOptions(), engine)
    assert not errors
    corpus = Corpus()
    for path in (tree["catalog"], tree["article"]):
        loads[path] += 1
        corpus.put(path, contribute(load(path), resources))
    before = check_corpus(corpus, resources, all_rules())
    assert any(f.path == tree["article"] and f.found == "バーナード" for f in before.findings)

    # the article is edited in memory (as an editor would send it): バーナード becomes ベナール
    edited = ARTICLE.replace("バーナード", "ベナール")
    corpus.put(tree["article"], contribute(load_text(edited, path=tree["article"], format="markdown"), resources))
    after = check_corpus(corpus, resources, all_rules())
    assert not any(f.path == tree["article"] and f.found == "バーナード" for f in after.findings)
    assert loads == Counter({tree["catalog"]: 1, tree["article"]: 1})  # nothing was read again

    corpus.drop(tree["article"])
    dropped = check_corpus(corpus, resources, all_rules())
    assert {f.path for f in dropped.findings} <= {tree["catalog"]}


def test_snippets_come_from_the_decoded_document(tmp_path, engine):
    """With --encoding cp932 the snippet of a finding is the line as the run decoded it
    (re-reading the file as UTF-8 lost it)."""
    path = _write(tmp_path, "notes.txt", "ユーザーの設定を保存します。\nユーザの名前を入力してください。\nユーザーは削除できます。\n", "cp932")
    options = CheckOptions(encoding="cp932", jobs=1)
    result = check_paths([path], options, engine=engine)
    assert not result.errors, result.errors
    finding = next(f for f in result.findings if f.found == "ユーザ")
    assert result.source_lines()[(path, finding.line)] == "ユーザの名前を入力してください。"


def test_contributions_are_values(tree, engine):
    """A contribution survives pickling unchanged (the cache and workers rely on it) and
    computing it twice gives the same value."""
    import pickle

    resources, _ = prepare(CheckOptions(), engine)
    doc = load(tree["catalog"])
    first = contribute(doc, resources)
    again = pickle.loads(pickle.dumps(first))
    assert again.mentions == first.mentions
    assert again.findings == first.findings
    assert {k: {f: (s.count, s.uses) for f, s in v.items()} for k, v in again.words.items()} == \
        {k: {f: (s.count, s.uses) for f, s in v.items()} for k, v in contribute(doc, resources).words.items()}


def _entry_rules():
    return [r for r in all_rules() if r.check_entry is not None]


@pytest.fixture()
def paraphrased(tmp_path):
    """The catalog plus an entry that renders a glossary term by another word."""
    return _write(tmp_path, "more.ja.po", CATALOG + '\nmsgid "Remove the user"\nmsgstr "利用者を削除"\n')


def test_entry_rules_run_per_entry_as_they_would_per_document(tree, paraphrased, engine):
    """Entry rules run on each catalog entry right after its analysis; their findings and
    scratch equal those of the same rules run over the whole document afterwards."""
    from dataclasses import replace

    from translate_kit.engine.contribution import DocumentScope

    assert {r.id for r in _entry_rules()} >= {"term-missing", "term-inconsistent"}
    options = CheckOptions(glossary_paths=(tree["glossary"],), jobs=1)
    resources, _ = prepare(options, engine)
    doc = load(paraphrased)
    streamed = contribute(doc, resources)
    # the same rules as plain document rules (check_entry unset: the builder runs them
    # after the whole file, with every segment's words kept)
    as_document = replace(resources, rules=tuple(replace(r, check_entry=None) for r in resources.rules), memo={})
    whole = contribute(doc, as_document)
    assert any(f.rule == "term-missing" for f in streamed.findings)
    assert sorted(streamed.findings, key=lambda f: f.sort_key()) == sorted(whole.findings, key=lambda f: f.sort_key())
    assert streamed.scratch == whole.scratch
    # and a scope's per-entry memo is empty once an entry is done
    scope = DocumentScope(resources)
    list(next(r for r in _entry_rules() if r.id == "term-missing").check_document(doc, scope))
    assert not scope._entry


def test_a_repeated_translation_is_parsed_once_for_all_its_entries(tmp_path, tree, engine, monkeypatch):
    """The word boundaries of a translation the catalog repeats are computed once for
    every entry with it (once per set of flags, which change what is masked), and the
    findings are those of entries parsed one by one."""
    from dataclasses import replace

    import translate_kit.engine.contribution as contribution

    parsed: Counter[str] = Counter()
    real = contribution.JapaneseText
    # counted where the scope makes one (wordunits may be compiled, its class not subclassable: accel)
    monkeypatch.setattr(contribution, "JapaneseText", lambda words, text, full=None: parsed.update([text]) or real(words, text, full))
    repeated = "".join(f'\n{flags}msgid "{source}"\nmsgstr "利用者を削除"\n' for flags, source in
                       (("", "Remove the user"), ("", "Remove a user"), ("#, python-format\n", "Remove user %(name)s")))
    doc = load(_write(tmp_path, "repeated.ja.po", CATALOG + repeated))
    resources, _ = prepare(CheckOptions(glossary_paths=(tree["glossary"],), jobs=1), engine)
    streamed = contribute(doc, resources)
    assert parsed["利用者を削除"] == 2
    as_document = replace(resources, rules=tuple(replace(r, check_entry=None) for r in resources.rules), memo={})
    whole = contribute(doc, as_document)
    assert sum(f.rule == "term-missing" and f.found == "user" for f in streamed.findings) == 3
    assert sorted(streamed.findings, key=lambda f: f.sort_key()) == sorted(whole.findings, key=lambda f: f.sort_key())


def _msgids_asked(monkeypatch, rule_id: str) -> list[str]:
    """The msgid of each entry a rule works out its answer for (`DocumentScope.entry_once`
    calls the answer only for an entry not seen before; counted there, not in the rule's
    module, which may be compiled: accel)."""
    from translate_kit.engine.contribution import DocumentScope

    asked: list[str] = []
    real = DocumentScope.entry_once

    def counting(self, rule, entry, answer):
        if rule != rule_id:
            return real(self, rule, entry, answer)
        return real(self, rule, entry, lambda: asked.append(entry.sources[0].text) or answer())

    monkeypatch.setattr(DocumentScope, "entry_once", counting)
    return asked


def test_an_entry_the_catalog_repeats_is_judged_once_and_reported_at_each_place(tmp_path, tree, engine, monkeypatch):
    """term-missing judges the entries of a catalog with the same texts once (the same
    msgid and msgstr under another msgctxt), and reports each where it is; an entry whose
    msgid differs is judged on its own."""
    judged = _msgids_asked(monkeypatch, "term-missing")
    entries = "".join(f'\n{context}msgid "{source}"\nmsgstr "利用者を削除"\n' for context, source in
                      (("", "Remove the user"), ('msgctxt "menu"\n', "Remove the user"), ("", "Remove a user")))
    path = _write(tmp_path, "repeated.ja.po", CATALOG + entries)
    result = check_paths([path], CheckOptions(glossary_paths=(tree["glossary"],), jobs=1), engine=engine)
    assert sorted(judged).count("Remove the user") == 1 and "Remove a user" in judged
    lines = sorted(f.line for f in result.findings if f.rule == "term-missing" and f.found == "user")
    assert len(set(lines)) == 3


def test_repeated_entries_are_aligned_once_and_stashed_at_each_place(tmp_path, tree, engine, monkeypatch):
    """term-inconsistent aligns the entries of a catalog with the same texts once, and
    stashes each one's renderings under its own msgctxt and offsets, as when every entry
    is aligned on its own (the rules run as document rules)."""
    from dataclasses import replace

    aligned = _msgids_asked(monkeypatch, "term-inconsistent")
    # words the glossary does not know (its words are not stashed: the run rule leaves them to the glossary rules)
    entries = "".join(f'\n{context}msgid "Start the {word}"\nmsgstr "{kana}を開始"\n' for context, word, kana in
                      (("", "download", "ダウンロード"), ('msgctxt "menu"\n', "download", "ダウンロード"),
                       ("", "upload", "ダウンロード")))
    doc = load(_write(tmp_path, "repeated.ja.po", CATALOG + entries))
    resources, _ = prepare(CheckOptions(glossary_paths=(tree["glossary"],), jobs=1), engine)
    streamed = contribute(doc, resources)
    assert aligned.count("Start the download") == 1 and "Start the upload" in aligned
    as_document = replace(resources, rules=tuple(replace(r, check_entry=None) for r in resources.rules), memo={})
    whole = contribute(doc, as_document)
    stashed = streamed.scratch["term-inconsistent"]
    assert len(stashed[("menu", "download")]) == 1 and len(stashed[(None, "download")]) >= 2
    assert streamed.scratch == whole.scratch


def test_a_crashing_entry_rule_is_one_error_and_the_others_still_run(tree, paraphrased, engine):
    """A bug in an entry rule is reported once per file, never as a clean pass, and does
    not stop the other rules."""
    from dataclasses import replace

    def broken(doc, entry, ctx):
        raise ValueError("boom")

    rules = tuple(replace(r, check_entry=broken) if r.id == "term-inconsistent" else r for r in all_rules())
    options = CheckOptions(glossary_paths=(tree["glossary"],), jobs=1)
    result = check_paths([paraphrased], options, engine=engine, rules=rules)
    crashes = [e for e in result.errors if "term-inconsistent crashed" in e.message]
    assert len(crashes) == 1 and "boom" in crashes[0].message
    assert any(f.rule == "term-missing" for f in result.findings)


def test_an_analysis_does_not_depend_on_what_the_engine_read_before():
    """Sudachi gives one word id to every spelling it normalizes to one entry (社 and ㊓,
    Deep and ＤＥＥＰ): what the engine remembers per word is per id and spelling, so a
    segment's analysis is the same whatever was analysed first (else a cached contribution
    or a test run in another order could differ)."""
    from translate_kit.analysis import Engine

    texts = ["メタ社が発表した。", "Deep Harbor社のアルノー・ベナール氏が来日した。", "プレイリストアカウントを削除しました。"]
    others = ["㊓の㊟", "ＤＥＥＰ ＨＡＲＢＯＲ社", "deep harbor", "ﾌﾟﾚｲﾘｽﾄｱｶｳﾝﾄ", "プレイリストアカウント"]
    fresh = Engine("C")
    expected = [fresh.analyze(t, "ja", units=True) for t in texts]
    assert expected[0].mentions, "メタ社 names a company"
    primed = Engine("C")
    for text in others:
        primed.analyze(text, "ja", units=True)
    assert [primed.analyze(t, "ja", units=True) for t in texts] == expected


def test_run_rules_run_with_fewer_collections_and_leave_the_collector_as_it_was(tree, engine):
    """The run rules allocate much while the whole corpus is in memory: the collector's
    youngest generation is collected less often meanwhile (each collection that reaches
    the oldest walks the corpus), and its thresholds are back afterwards."""
    import gc
    from dataclasses import replace

    seen: list[int] = []
    rules = tuple(replace(r, check=lambda view, check=r.check: seen.append(gc.get_threshold()[0]) or check(view))
                  if r.check is not None else r for r in all_rules())
    before = gc.get_threshold()
    result = check_paths([tree["catalog"]], CheckOptions(glossary_paths=(tree["glossary"],), jobs=1), engine=engine, rules=rules)
    assert result.findings and seen and min(seen) >= 50_000
    assert gc.get_threshold() == before


def test_run_rules_and_cache_writes_leave_the_corpus_frozen_then_collectable(tree, engine, tmp_path):
    """While the run rules run and the files' entries are encoded, the objects alive before
    (the corpus) are out of the collector's scans; afterwards nothing stays frozen, and a
    caller that froze its own objects (a language server's index) finds them still frozen."""
    import gc
    from dataclasses import replace

    from translate_kit.run import check_corpus, prepare

    from translate_kit.engine import codec

    frozen: list[int] = []
    rules = tuple(replace(r, check=lambda view, check=r.check: frozen.append(gc.get_freeze_count()) or check(view))
                  if r.check is not None else r for r in all_rules())
    encode = codec.encode
    try:
        codec.encode = lambda contribution, **kw: frozen.append(-gc.get_freeze_count()) or encode(contribution, **kw)
        options = CheckOptions(glossary_paths=(tree["glossary"],), jobs=1, cache_dir=str(tmp_path / "cache"))
        assert gc.get_freeze_count() == 0
        result = check_paths([tree["catalog"]], options, engine=engine, rules=rules)
    finally:
        codec.encode = encode
    assert result.findings and frozen and all(n != 0 for n in frozen)
    assert any(n < 0 for n in frozen), "the file's entry was encoded with the corpus frozen"
    assert gc.get_freeze_count() == 0
    gc.freeze()
    try:
        held = gc.get_freeze_count()
        again = check_corpus(result.corpus, prepare(replace(options, cache_dir=None), engine)[0], all_rules())
        assert again.findings == result.findings and gc.get_freeze_count() >= held
    finally:
        gc.unfreeze()


def test_files_are_analysed_with_the_collector_off_and_it_is_back_afterwards(tree, engine):
    """A file's analysis makes almost no reference cycles: the collector is off while it
    runs (its scans of what the file keeps found nothing) and as it was afterwards, also
    when it was off before; what a file left is collectable again (nothing stays frozen)."""
    import gc
    from dataclasses import replace

    seen: list[bool] = []
    rules = tuple(replace(r, check_document=lambda doc, scope, check=r.check_document: seen.append(gc.isenabled()) or check(doc, scope))
                  if r.check_document is not None else r for r in all_rules())
    options = CheckOptions(glossary_paths=(tree["glossary"],), jobs=1)
    assert gc.isenabled()
    result = check_paths([tree["catalog"]], options, engine=engine, rules=rules)
    assert result.findings and seen and not any(seen)
    assert gc.isenabled() and gc.get_freeze_count() == 0
    gc.disable()
    try:
        check_paths([tree["catalog"]], options, engine=engine, rules=rules)
        assert not gc.isenabled()
    finally:
        gc.enable()


@pytest.mark.parametrize("stop", [KeyboardInterrupt, RuntimeError])
def test_files_analysed_before_a_run_stops_are_cached(tree, engine, tmp_path, monkeypatch, stop):
    """A run stopped midway (Ctrl-C, a parser's bug in a later file) keeps what the files
    before it contribute in the cache: the next run analyses only the rest."""
    from translate_kit.engine import build

    analysed: list[str] = []
    real = build._contribution

    def contribution(path, *args, **kwargs):
        analysed.append(path)
        if failing and path == tree["article"]:
            raise stop("stopped")
        return real(path, *args, **kwargs)

    monkeypatch.setattr(build, "_contribution", contribution)
    options = CheckOptions(jobs=1, cache_dir=str(tmp_path / "cache"))
    failing = True
    with pytest.raises(stop):  # the catalog comes first (sorted paths), then the article stops the run
        check_paths([tree["catalog"], tree["article"]], options, engine=engine)
    assert analysed == [tree["catalog"], tree["article"]]
    failing = False
    analysed.clear()
    result = check_paths([tree["catalog"], tree["article"]], options, engine=engine)
    assert analysed == [tree["article"]] and result.files == 2


def test_a_weak_glossary_link_stays_info_unless_the_configuration_sets_the_rules_severity(tmp_path, engine):
    """glossary-nonpreferred reports a link found only by similarity below link.CONFIDENT
    at info (a likely slip, not a certain one): the run keeps the finding's own severity,
    and only a severity configured for the rule replaces it."""
    from translate_kit.model import Severity
    from translate_kit.options import RuleSettings

    glossary = tmp_path / "people.csv"
    glossary.write_text("concept,lang,term,status,type,note\nbernardi,ja,ソフィア・ベルナルディ,preferred,person,\n", encoding="utf-8")
    doc = tmp_path / "talk.ja.md"
    doc.write_text("# 講演\n\nソフィア・ベルナルデは新しい索引の仕組みを説明した。\n\nソフィア・ブルナルディも質問に答えた。\n", encoding="utf-8")

    def severities(settings: RuleSettings) -> dict[str, Severity]:
        options = CheckOptions(glossary_paths=(str(glossary),), jobs=1, rules=settings)
        found = check_paths([str(doc)], options, engine=engine).findings
        return {f.found: f.severity for f in found if f.rule == "glossary-nonpreferred"}

    # ベルナルデ sounds like the term at 0.85 (weak), ブルナルディ at 0.95 (confident)
    assert severities(RuleSettings()) == {"ソフィア・ベルナルデ": Severity.INFO, "ソフィア・ブルナルディ": Severity.WARNING}
    configured = RuleSettings(severities=(("glossary-nonpreferred", Severity.ERROR),))
    assert set(severities(configured).values()) == {Severity.ERROR}
