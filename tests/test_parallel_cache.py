"""--jobs and the content-hash cache: same findings whatever the workers or the cache."""

from __future__ import annotations

import os
import time

import pytest

from translate_kit.engine import build, parallel
from translate_kit.options import CheckOptions
from translate_kit.run import check_paths

DOC = (
    "基調講演はマルグリット・デュランが務めた。デュランは方言について話した。\n"
    "サーバーの設定を変えた。サーバーを再起動した。\n"
    "閉会では主催者がデュランドに謝意を示した。サーバを止めた。\n"
)


def _write_corpus(tmp_path, files=3, repeat=40):
    paths = []
    for i in range(files):
        p = tmp_path / f"doc{i}.txt"
        p.write_text(DOC * repeat, encoding="utf-8")
        paths.append(str(p))
    return paths


def _key(findings):
    return [(f.rule, f.path, f.line, f.column, f.found, f.expected) for f in findings]


def test_results_do_not_depend_on_jobs(tmp_path, engine, monkeypatch):
    monkeypatch.setattr(parallel, "MIN_PARALLEL_CHARS", 0)  # send even this small input to workers
    paths = _write_corpus(tmp_path)
    serial = check_paths(paths, CheckOptions(jobs=1), engine=engine)
    pooled = check_paths(paths, CheckOptions(jobs=2), engine=engine)
    assert serial.findings and _key(serial.findings) == _key(pooled.findings)
    assert serial.segments == pooled.segments


def test_warm_cache_gives_the_same_findings_without_parsing(tmp_path, engine, monkeypatch):
    paths = _write_corpus(tmp_path / "docs" if (tmp_path / "docs").mkdir() is None else tmp_path)
    options = CheckOptions(jobs=1, cache_dir=str(tmp_path / "cache"))
    cold = check_paths(paths, options, engine=engine)
    loads = []
    from translate_kit import sources

    real_load = sources.load
    monkeypatch.setattr(sources, "load", lambda *a, **k: loads.append(a[0]) or real_load(*a, **k))
    warm = check_paths(paths, options, engine=engine)
    assert _key(cold.findings) == _key(warm.findings)
    assert loads == [], "an unchanged file was parsed again"


def test_changed_file_is_analysed_again(tmp_path, engine):
    paths = _write_corpus(tmp_path, files=2, repeat=2)
    options = CheckOptions(jobs=1, cache_dir=str(tmp_path / "cache"))
    first = check_paths(paths, options, engine=engine)
    assert any(f.found == "サーバ" for f in first.findings)
    with open(paths[0], "w", encoding="utf-8") as fh:
        fh.write(DOC.replace("サーバを止めた。", "サーバーを止めた。") * 2)
    with open(paths[1], "w", encoding="utf-8") as fh:
        fh.write(DOC.replace("サーバを止めた。", "サーバーを止めた。") * 2)
    second = check_paths(paths, options, engine=engine)
    assert not any(f.found == "サーバ" for f in second.findings)


def test_tampered_cache_entry_is_ignored(tmp_path, engine):
    paths = _write_corpus(tmp_path, files=1, repeat=2)
    cache = tmp_path / "cache"
    options = CheckOptions(jobs=1, cache_dir=str(cache))
    first = check_paths(paths, options, engine=engine)
    entries = [os.path.join(d, f) for d, _, fs in os.walk(cache) for f in fs]
    assert entries
    for entry in entries:
        data = bytearray(open(entry, "rb").read())
        data[-1] ^= 0xFF  # flip a bit of the pickle: the signature no longer matches
        open(entry, "wb").write(bytes(data))
    again = check_paths(paths, options, engine=engine)
    assert _key(first.findings) == _key(again.findings)


def test_glossary_change_invalidates(tmp_path, engine):
    paths = _write_corpus(tmp_path, files=1, repeat=1)
    glossary = tmp_path / "g.csv"
    glossary.write_text("concept,lang,term,status,type,note\nserver,ja,サーバー,preferred,term,\n", encoding="utf-8")
    options = CheckOptions(jobs=1, cache_dir=str(tmp_path / "cache"), glossary_paths=(str(glossary),))
    first = check_paths(paths, options, engine=engine)
    assert not any(f.rule == "glossary-deprecated" for f in first.findings)
    glossary.write_text(
        "concept,lang,term,status,type,note\nserver,ja,サーバー,preferred,term,\nserver,ja,サーバ,deprecated,term,\n", encoding="utf-8"
    )
    second = check_paths(paths, options, engine=engine)
    assert any(f.rule == "glossary-deprecated" and f.found == "サーバ" for f in second.findings)


CATALOG_HEADER = (
    'msgid ""\nmsgstr ""\n"Language: ja\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
    '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n\n'
)
CATALOG_ENTRIES = (
    '#, python-format\nmsgid "Delete %(name)s from the server"\nmsgstr "サーバから%(nom)sを削除"\n\n',
    'msgid "Restart the server"\nmsgstr "サーバーを再起動"\n\n',
    'msgid "One user"\nmsgid_plural "%d users"\nmsgstr[0] "%d 人のユーザー"\nmsgstr[1] "%d 人のユーザー"\n\n',
    '# translate-kit: ignore\nmsgid "Stop the server"\nmsgstr "サーバを停止"\n\n',
    'msgid "Open the <b>repository</b>"\nmsgstr "リポジトリを開く"\n\n',
    'msgid "Remove the user"\nmsgstr "利用者を削除"\n\n',
)


def _catalog_entry(number: int) -> str:
    """Entry `number` of a test catalog: the entries above in turn, each with a msgctxt of
    its own (no entry defines the msgctxt and msgid of another)."""
    return CATALOG_ENTRIES[number % len(CATALOG_ENTRIES)].replace('msgid "', f'msgctxt "{number}"\nmsgid "', 1)


GLOSSARY = "concept,lang,term,status,type,note\nuser,en,user,preferred,term,\nuser,ja,ユーザー,preferred,term,\nuser,ja,ユーザ,deprecated,term,\n"


@pytest.mark.parametrize("start_method", ["fork", "spawn"])
def test_split_catalog_gives_the_findings_of_the_whole(tmp_path, engine, monkeypatch, start_method):
    """A catalog cut into parts for workers (plural entries, header, suppressions, every
    catalog rule) reports exactly what one process reports, whether the workers are
    forked (Linux: they share the loaded dictionary) or spawned (elsewhere)."""
    import multiprocessing

    if start_method not in multiprocessing.get_all_start_methods():
        pytest.skip(f"{start_method} is not available on this platform")
    monkeypatch.setattr(parallel, "MIN_PARALLEL_CHARS", 0)
    monkeypatch.setattr(parallel, "_start_method", lambda: start_method)
    catalog = tmp_path / "app.ja.po"
    catalog.write_text(CATALOG_HEADER + "".join(_catalog_entry(i) for i in range(60)), encoding="utf-8")
    glossary = tmp_path / "glossary.csv"
    glossary.write_text(GLOSSARY, encoding="utf-8")
    results = [check_paths([str(catalog)], CheckOptions(jobs=jobs, glossary_paths=(str(glossary),)), engine=engine) for jobs in (1, 3)]
    serial, pooled = (_key(r.findings) for r in results)
    rules = {f[0] for f in serial}
    assert {"plural-forms", "placeholder-mismatch", "markup-mismatch", "orthographic-variant", "term-missing"} <= rules
    assert sum(1 for f in serial if f[0] == "plural-forms" and f[2] <= 6) == 1  # the header, reported once
    assert serial == pooled
    assert results[0].segments == results[1].segments


def test_split_document_keeps_entries_whole(engine):
    from translate_kit.sources import load_text

    text = CATALOG_HEADER + "".join(CATALOG_ENTRIES) * 5
    doc = load_text(text, path="m.po", format="po")
    parts = parallel.split_document(doc, 4)
    assert len(parts) > 1
    assert [s for p in parts for s in p.segments] == list(doc.segments)
    for before, after in zip(parts, parts[1:]):
        assert before.segments[-1].entry != after.segments[0].entry
        assert before.part[1] == after.segments[0].start
    assert [p.part[0] for p in parts] == list(range(len(parts)))
    assert parts[-1].part[1] == len(doc.text)


@pytest.mark.parametrize("parts", [2, 3, 5, 8, 13])
def test_document_rules_on_parts_equal_the_whole(tmp_path, engine, parts):
    """Every document rule, run on each part of a split catalog, finds exactly what it
    finds on the whole file: file-level findings once, entries next to a cut unchanged."""
    from translate_kit.glossary import load_glossary
    from translate_kit.engine.build import resources_for
    from translate_kit.engine.contribution import DocumentScope
    from translate_kit.rules import all_rules
    from translate_kit.sources import load_text

    glossary_file = tmp_path / "glossary.csv"
    glossary_file.write_text(GLOSSARY, encoding="utf-8")
    glossary = load_glossary(str(glossary_file))
    options = CheckOptions(glossary_paths=(str(glossary_file),))
    doc = load_text(CATALOG_HEADER + "".join(CATALOG_ENTRIES) * 3, path="app.po", format="po")

    def findings(document):
        resources = resources_for(engine, options, glossary, all_rules())
        ctx = DocumentScope(resources)
        return [(r.id, f.line, f.column, f.message) for r in resources.rules for f in r.check_document(document, ctx)]

    whole = sorted(findings(doc))
    assert {"plural-forms", "placeholder-mismatch", "markup-mismatch", "term-missing"} <= {f[0] for f in whole}
    pieces = parallel.split_document(doc, parts)
    assert sorted(f for piece in pieces for f in findings(piece)) == whole


def test_packed_parts_round_trip():
    """Parts travel to workers as plain tuples; every Segment field must survive."""
    import dataclasses
    import pickle

    from translate_kit.model import Segment
    from translate_kit.sources import load_text

    assert tuple(f.name for f in dataclasses.fields(Segment)) == parallel._SEGMENT_FIELDS
    doc = load_text(CATALOG_HEADER + "".join(CATALOG_ENTRIES), path="m.po", format="po")
    part = parallel.split_document(doc, 2)[1]
    assert parallel._unpack(pickle.loads(pickle.dumps(parallel._pack(part)))) == part


def _die(*_args):
    import os

    os._exit(3)  # what the kernel's OOM killer looks like from the pool


def test_a_worker_dying_while_parts_are_sent_does_not_lose_the_file(tmp_path, engine, monkeypatch):
    """A pool that breaks between two submissions (a worker killed meanwhile) makes the
    file be checked in this process: same findings, no error."""
    import concurrent.futures
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    class BreaksOnSecondPart(ProcessPoolExecutor):
        sent = 0

        def submit(self, fn, /, *args, **kwargs):
            if fn is parallel._check_part:
                type(self).sent += 1
                if type(self).sent == 2:
                    raise BrokenProcessPool("a child process terminated abruptly")
            return super().submit(fn, *args, **kwargs)

    monkeypatch.setattr(parallel, "MIN_PARALLEL_CHARS", 0)
    paths = _write_corpus(tmp_path, files=2)
    serial = check_paths(paths, CheckOptions(jobs=1), engine=engine)
    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", BreaksOnSecondPart)  # what the pool imports when it starts
    pooled = check_paths(paths, CheckOptions(jobs=3), engine=engine)  # two parts sent (forked: the first stays here)
    assert BreaksOnSecondPart.sent >= 2
    assert serial.findings and _key(serial.findings) == _key(pooled.findings)
    assert not pooled.errors


def _forked_run(tmp_path, engine, monkeypatch) -> tuple[list[str], object]:
    """Two small catalogs that every run shares out to forked workers, and their findings
    from one process (skips where fork is not available)."""
    import multiprocessing

    if "fork" not in multiprocessing.get_all_start_methods():
        pytest.skip("needs fork: patched functions must reach the workers")
    monkeypatch.setattr(parallel, "MIN_PARALLEL_CHARS", 0)
    monkeypatch.setattr(parallel, "_start_method", lambda: "fork")
    paths = _write_corpus(tmp_path, files=2)
    return paths, check_paths(paths, CheckOptions(jobs=1), engine=engine)


def test_a_dead_worker_does_not_lose_the_file(tmp_path, engine, monkeypatch):
    """When a worker dies, the file is checked in this process instead: same findings,
    no traceback, and the next large file gets a fresh pool."""
    paths, serial = _forked_run(tmp_path, engine, monkeypatch)
    monkeypatch.setattr(parallel, "_check_part", _die)
    pooled = check_paths(paths, CheckOptions(jobs=2), engine=engine)
    assert serial.findings and _key(serial.findings) == _key(pooled.findings)
    assert not pooled.errors


def test_a_repeated_text_is_analysed_once_and_found_at_each_place(tmp_path, engine, monkeypatch):
    """A msgstr repeated under several msgids gives its mentions at each of its own places,
    from one analysis (the analysis of a text is reused within a document)."""
    from translate_kit.run import check_paths
    from translate_kit.options import CheckOptions

    header = 'msgid ""\nmsgstr ""\n"Language: ja\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
    entries = "".join(f'\nmsgid "Ask Mr. Bernard {i}"\nmsgstr "バーナード氏に聞く{i % 2}"\n' for i in range(6))
    path = tmp_path / "m.po"
    path.write_text(header + entries, encoding="utf-8")
    calls: list[str] = []
    # counted where each analysis of a Japanese text tokenizes it (the engine may be compiled: accel)
    morphemes = engine.sudachi.morphemes
    monkeypatch.setattr(engine.sudachi, "morphemes", lambda text: calls.append(text) or morphemes(text))
    result = check_paths([str(path)], CheckOptions(), engine=engine)
    assert not result.errors
    kana = sorted(u.place.line for c in result.corpus.contributions() for u in c.mentions if u.mention.surface == "バーナード")
    assert kana == [7 + 3 * i for i in range(6)]
    assert sum(text.startswith("バーナード") for text in calls) == 2


def test_forked_workers_inherit_the_parts_and_this_process_checks_one(tmp_path, engine, monkeypatch):
    """With fork, nothing of the document is pickled to the workers (they inherit the
    parsed parts) and the first part is checked in this process: same findings."""
    paths, serial = _forked_run(tmp_path, engine, monkeypatch)
    here: list[int] = []
    real = parallel._part_contribution
    monkeypatch.setattr(parallel, "_part_contribution", lambda part, resources: here.append(part.part[0]) or real(part, resources))

    def no_packing(_doc):
        raise AssertionError("a part was pickled for a forked worker")

    monkeypatch.setattr(parallel, "_pack", no_packing)
    pooled = check_paths(paths, CheckOptions(jobs=2), engine=engine)
    assert serial.findings and _key(serial.findings) == _key(pooled.findings)
    assert not pooled.errors
    assert here and set(here) == {0}  # this process checked the first part of each file; workers the rest


def test_a_refused_fork_checks_the_file_here(tmp_path, engine, monkeypatch):
    """When the system refuses a new process (EAGAIN under a process limit, ENOMEM), the
    large file is checked in this process: same findings, no error (it was reported as
    "cannot write output" and exit 2)."""
    import errno
    from multiprocessing import popen_fork

    paths, serial = _forked_run(tmp_path, engine, monkeypatch)

    def refused(self, process_obj):
        raise OSError(errno.EAGAIN, "Resource temporarily unavailable")

    monkeypatch.setattr(popen_fork.Popen, "_launch", refused)
    pooled = check_paths(paths, CheckOptions(jobs=2), engine=engine)
    assert serial.findings and _key(serial.findings) == _key(pooled.findings)
    assert not pooled.errors


def _catalog_in_parts(tmp_path, engine, monkeypatch, extra: str = "", start_method: str = "fork") -> tuple[str, object]:
    """A catalog large enough (thresholds lowered) to be cut as text and parsed by the
    workers (forked by default), and its findings from one process."""
    import multiprocessing

    from translate_kit.engine import build

    if start_method not in multiprocessing.get_all_start_methods():
        pytest.skip(f"needs {start_method}")
    monkeypatch.setattr(parallel, "MIN_PARALLEL_CHARS", 0)
    monkeypatch.setattr(build, "MIN_PARALLEL_CHARS", 0)
    monkeypatch.setattr(parallel, "_start_method", lambda: start_method)
    catalog = tmp_path / "app.ja.po"
    entries = [_catalog_entry(i) for i in range(60)]
    catalog.write_text(CATALOG_HEADER + "".join(entries[:45]) + extra + "".join(entries[45:]), encoding="utf-8")
    glossary = tmp_path / "glossary.csv"
    glossary.write_text(GLOSSARY, encoding="utf-8")
    serial = check_paths([str(catalog)], CheckOptions(jobs=1, glossary_paths=(str(glossary),)), engine=engine)
    return str(catalog), serial


def _parts_outcomes(monkeypatch) -> list[bool]:
    """Whether each catalog cut into parts was checked so (False: read whole instead)."""
    from translate_kit.engine import build

    outcomes: list[bool] = []
    real = build._in_parts
    monkeypatch.setattr(build, "_in_parts", lambda *a: (lambda r: outcomes.append(r is not None) or r)(real(*a)))
    return outcomes


@pytest.mark.parametrize("jobs, start_method", [(2, "fork"), (3, "fork"), (2, "spawn")])
def test_workers_parse_their_own_parts_of_a_catalog(tmp_path, engine, monkeypatch, jobs, start_method):
    """This process only reads and cuts the catalog's text; each process parses and checks
    its part (none is parsed here but the first when the workers are forked; spawned ones
    get the text): the findings, lines and columns of one process, the header's
    plural-forms finding reported once."""
    from translate_kit.sources import po_split

    path, serial = _catalog_in_parts(tmp_path, engine, monkeypatch, start_method=start_method)
    parsed_here: list[int] = []
    real = po_split.CatalogParts.__getitem__
    monkeypatch.setattr(po_split.CatalogParts, "__getitem__", lambda self, n: parsed_here.append(n) or real(self, n))
    monkeypatch.setattr(parallel, "split_document", lambda *a: pytest.fail("the catalog was parsed whole"))
    outcomes = _parts_outcomes(monkeypatch)
    glossary = str(tmp_path / "glossary.csv")
    pooled = check_paths([path], CheckOptions(jobs=jobs, glossary_paths=(glossary,)), engine=engine)
    assert serial.findings and _key(serial.findings) == _key(pooled.findings)
    assert sum(1 for f in serial.findings if f.rule == "plural-forms" and f.line <= 6) == 1
    assert pooled.segments == serial.segments and not pooled.errors
    assert set(parsed_here) == ({0} if start_method == "fork" else set())  # the workers parsed the other parts
    assert outcomes == [True]


def test_a_catalog_that_does_not_parse_in_parts_is_read_whole(tmp_path, engine, monkeypatch):
    """A second entry with an empty msgid late in the catalog (which one is the header
    depends on the whole file): the parts are given up and the file read whole, with the
    findings of one process."""
    from translate_kit.sources import Unsplittable, load_in_parts

    path, serial = _catalog_in_parts(tmp_path, engine, monkeypatch, extra='msgctxt "late"\nmsgid ""\nmsgstr "X-Late: 1\\n"\n\n')
    outcomes = _parts_outcomes(monkeypatch)
    pooled = check_paths([path], CheckOptions(jobs=2, glossary_paths=(str(tmp_path / "glossary.csv"),)), engine=engine)
    assert serial.findings and _key(serial.findings) == _key(pooled.findings)
    assert not pooled.errors and not serial.errors
    assert outcomes == [False]  # cut, then read whole
    cut = load_in_parts(path, open(path, "rb").read(), 2)
    with pytest.raises(Unsplittable):
        [cut[n] for n in range(len(cut))]


def test_a_syntax_error_in_a_later_part_is_the_whole_files_error(tmp_path, engine, monkeypatch):
    """A catalog broken in the part a worker parses reports the error one process
    reports: one line, with its file and line; this process does not check its own part
    first (it waits for the workers to have parsed theirs)."""
    path, serial = _catalog_in_parts(tmp_path, engine, monkeypatch, extra='msgid "broken\nmsgstr "x"\n\n')
    outcomes = _parts_outcomes(monkeypatch)
    here: list[int] = []
    real = parallel._part_contribution
    monkeypatch.setattr(parallel, "_part_contribution", lambda part, resources: here.append(part.part[0]) or real(part, resources))
    pooled = check_paths([path], CheckOptions(jobs=2), engine=engine)
    assert outcomes == [False]  # the worker's part failed: the file was read whole for its error
    assert here == []
    assert serial.errors and [(e.path, e.line, e.message) for e in pooled.errors] == [(e.path, e.line, e.message) for e in serial.errors]
    assert not pooled.findings



@pytest.mark.parametrize("start_method", ["fork", "spawn"])
def test_what_gettext_refuses_in_a_catalog_cut_into_parts_is_what_one_process_reports(tmp_path, engine, monkeypatch, start_method):
    """A message defined in the first part and again in the last, and an unknown escape in
    the last: `-j 2` reads the catalog in parts (the parts are not given up) and reports
    the errors `-j 1` reports, once each, with the same findings."""
    again = _catalog_entry(3).replace("サーバを停止", "サーバーを停止")  # entry 3's msgctxt and msgid
    path, serial = _catalog_in_parts(tmp_path, engine, monkeypatch, extra=again + 'msgid "Odd"\nmsgstr "\\q"\n\n',
                                     start_method=start_method)
    outcomes = _parts_outcomes(monkeypatch)
    pooled = check_paths([path], CheckOptions(jobs=2, glossary_paths=(str(tmp_path / "glossary.csv"),)), engine=engine)
    assert outcomes == [True]
    shown = [(e.line, e.message) for e in serial.errors]
    assert [(e.line, e.message) for e in pooled.errors] == shown
    first = next(n for n, line in enumerate(open(path, encoding="utf-8"), 1) if line == 'msgctxt "3"\n') + 1
    assert [message.split(":")[0] for _line, message in shown] == ["duplicate message definition", "invalid escape sequence '\\q' in a string (gettext refuses it; a backslash is written '\\\\')"]
    assert shown[0][1].endswith(f"as on line {first}")
    assert serial.findings and _key(serial.findings) == _key(pooled.findings)


def test_a_part_whose_messages_are_not_the_ones_read_from_the_whole_text_is_read_whole(tmp_path, engine, monkeypatch):
    """The duplicates of a catalog cut into parts are found in the msgctxts and msgids one
    expression reads from the whole text; a part whose own reading differs gives the
    parts up (the file is read whole), so the errors never depend on `-j`."""
    from translate_kit.sources import po_split

    path, serial = _catalog_in_parts(tmp_path, engine, monkeypatch, extra=_catalog_entry(3))
    real = po_split.read_definitions
    monkeypatch.setattr(po_split, "read_definitions", lambda text: real(text)[:-1])  # one entry not seen
    outcomes = _parts_outcomes(monkeypatch)
    pooled = check_paths([path], CheckOptions(jobs=2, glossary_paths=(str(tmp_path / "glossary.csv"),)), engine=engine)
    assert outcomes == [False]
    assert serial.errors and [(e.line, e.message) for e in pooled.errors] == [(e.line, e.message) for e in serial.errors]

def _frozen(doc) -> bool:
    """Whether a document's segments are out of the collector's scans: the collector is
    off, or they are out of its generations (frozen)."""
    import gc

    first = doc.segments[0]
    return not gc.isenabled() or not any(o is first for o in gc.get_objects())


def test_the_document_checked_here_is_out_of_collections(tmp_path, engine, monkeypatch):
    """The parsed document (one process) or part (the one this process checks of a
    catalog cut for forked workers) lives to the end of its file: the collector must not
    rescan it while the file is analysed (it is off, or the document frozen) (a second of a 100k-entry catalog's part)."""
    from translate_kit.engine import build

    path, _serial = _catalog_in_parts(tmp_path, engine, monkeypatch)
    seen: list[tuple[int | None, bool]] = []
    real_contribute, real_part = build.contribute, parallel._part_contribution
    monkeypatch.setattr(build, "contribute", lambda doc, resources: seen.append((None, _frozen(doc))) or real_contribute(doc, resources))
    monkeypatch.setattr(parallel, "_part_contribution",
                        lambda part, resources: seen.append((part.part[0], _frozen(part))) or real_part(part, resources))
    check_paths([path], CheckOptions(jobs=1), engine=engine)
    check_paths([path], CheckOptions(jobs=2), engine=engine)
    assert seen == [(None, True), (0, True)]


def test_the_joined_catalog_reuses_the_line_index_of_the_part_checked_here(tmp_path, engine, monkeypatch):
    """Joining the parts does not index the file's lines again (the part checked here was
    checked with the whole text's index): same lines, no second pass over the text."""
    from translate_kit.engine import contribution
    from translate_kit.model import LineIndex

    path, serial = _catalog_in_parts(tmp_path, engine, monkeypatch)
    built: list[int] = []

    class Counted(LineIndex):
        def __init__(self, text):
            built.append(len(text))
            super().__init__(text)

    monkeypatch.setattr(contribution, "LineIndex", Counted)
    pooled = check_paths([path], CheckOptions(jobs=2), engine=engine)
    text = open(path, encoding="utf-8").read()
    joined = pooled.corpus.get(path)
    assert not [n for n in built if n == len(text)]
    assert [joined.lines.position(i) for i in range(0, len(text), 97)] == [LineIndex(text).position(i) for i in range(0, len(text), 97)]
    assert joined.source_line(7) == serial.corpus.get(path).source_line(7)


def test_a_failed_spawned_part_is_raised_before_the_parts_ahead_of_it_are_done():
    """Spawned workers check every part: one that fails (its text does not parse) is
    raised at once, not after the part before it, still being checked, is done."""
    import threading
    from concurrent.futures import Future

    ahead, failed = Future(), Future()
    failed.set_exception(ValueError("does not parse"))
    finish = threading.Timer(2.0, ahead.set_result, ("the first part",))  # still being checked meanwhile
    finish.start()
    try:
        with pytest.raises(ValueError, match="does not parse"):
            parallel.results([ahead, failed])
        assert not ahead.done()
    finally:
        finish.cancel()
    done = Future()
    done.set_result("a contribution")
    assert parallel.results([done, done]) == ["a contribution", "a contribution"]


def _mixed_tree(tmp_path) -> list[str]:
    """Files of several sizes and formats, one of them broken, for sharing whole files out."""
    paths = _write_corpus(tmp_path, files=4, repeat=10)
    (tmp_path / "big.txt").write_text(DOC * 60, encoding="utf-8")
    (tmp_path / "broken.po").write_text('msgid "a"\nmsgstr "b"\nmsgid\n', encoding="utf-8")
    (tmp_path / "ui.ja.po").write_text(
        'msgid ""\nmsgstr ""\n"Language: ja\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        '#, python-format\nmsgid "Delete %(name)s?"\nmsgstr "削除しますか？"\n\n'
        'msgid "Server settings"\nmsgstr "サーバの設定"\n', encoding="utf-8")
    return [*paths, str(tmp_path / "big.txt"), str(tmp_path / "broken.po"), str(tmp_path / "ui.ja.po")]


def _sharing(monkeypatch) -> list:
    """Share whole files out however small the run, and keep what each run shared."""
    import multiprocessing

    if "fork" not in multiprocessing.get_all_start_methods():
        pytest.skip("whole files are shared out only to forked workers")
    monkeypatch.setattr(build, "MIN_PARALLEL_CHARS", 0)
    monkeypatch.setattr(parallel, "_start_method", lambda: "fork")
    seen: list = []
    original = build._share_out

    def spy(*args):
        shared = original(*args)
        seen.append(shared)
        return shared

    monkeypatch.setattr(build, "_share_out", spy)
    return seen


def test_whole_files_shared_out_give_the_findings_and_errors_of_one_process(tmp_path, engine, monkeypatch):
    """Many files and two processes: a forked worker checks a share of the files whole while
    this one checks the rest; findings, input errors (in file order) and counts are those
    of one process, and so is what the cache keeps."""
    paths = _mixed_tree(tmp_path)
    serial = check_paths(paths, CheckOptions(jobs=1), engine=engine)
    seen = _sharing(monkeypatch)
    pooled = check_paths(paths, CheckOptions(jobs=2, cache_dir=str(tmp_path / "cache")), engine=engine)
    assert seen and seen[-1] is not None and seen[-1].elsewhere  # some files were checked by the worker
    assert serial.findings and _key(serial.findings) == _key(pooled.findings)
    assert [str(e) for e in serial.errors] == [str(e) for e in pooled.errors] and serial.errors
    assert (serial.files, serial.segments) == (pooled.files, pooled.segments)
    warm = check_paths(paths, CheckOptions(jobs=1, cache_dir=str(tmp_path / "cache")), engine=engine)
    assert _key(warm.findings) == _key(serial.findings)


def test_a_dead_file_worker_does_not_lose_its_files(tmp_path, engine, monkeypatch):
    paths = _mixed_tree(tmp_path)
    serial = check_paths(paths, CheckOptions(jobs=1), engine=engine)
    seen = _sharing(monkeypatch)
    monkeypatch.setattr(build, "_check_files", _die)
    pooled = check_paths(paths, CheckOptions(jobs=2), engine=engine)
    assert seen[-1] is not None and seen[-1].elsewhere
    assert _key(serial.findings) == _key(pooled.findings)
    assert [str(e) for e in serial.errors] == [str(e) for e in pooled.errors]


def test_one_file_too_large_to_balance_is_cut_into_parts_instead(tmp_path, engine, monkeypatch):
    paths = _mixed_tree(tmp_path)
    (tmp_path / "big.txt").write_text(DOC * 2000, encoding="utf-8")
    seen = _sharing(monkeypatch)
    check_paths(paths, CheckOptions(jobs=2), engine=engine)
    assert len(seen) == 1 and not seen[0].futures and not seen[0].elsewhere
