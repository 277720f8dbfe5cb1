"""--jobs and the content-hash cache: same findings whatever the workers or the cache."""

from __future__ import annotations

import os
import time

import pytest

from translate_kit import parallel
from translate_kit.pipeline import CheckOptions
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
