"""The cache's entry format (engine/codec.py): a file's contribution as plain data that
loads without running code, every field back as it was; what is not plain falls back to a
pickle read by an unpickler that finds only translate_kit's value classes."""

from __future__ import annotations

import dataclasses
from dataclasses import replace
import functools
import io
import marshal
import os
import pickle
import sqlite3
import sys
from pathlib import Path

import pytest

from translate_kit import sources
from translate_kit.cache import INDEX, ContributionCache
from translate_kit.engine import codec
from translate_kit.engine.contribution import FileContribution
from translate_kit.model import LineIndex
from translate_kit.options import CheckOptions
from translate_kit.run import check_paths
from translate_kit.rules import all_rules

CATALOG = (
    'msgid ""\nmsgstr ""\n"Language: ja\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
    '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n\n'
    '#, python-format\nmsgid "Delete %(name)s from the server"\nmsgstr "サーバから%(nom)sを削除"\n\n'
    'msgid "Restart the server"\nmsgstr "サーバーを再起動"\n\n'
    'msgid "Remove the user"\nmsgstr "ユーザを削除"\n\n'
    'msgid "Add a user"\nmsgstr "ユーザーを追加"\n\n'
    '# translate-kit: ignore\nmsgid "Stop the server"\nmsgstr "サーバを停止"\n\n'
    'msgid "Open the <b>repository</b>"\nmsgstr "リポジトリを開く"\n\n'
)
MARKDOWN = (
    "# 報告\n\nマルグリット・デュランが講演した。デュランは方言について話した。\n\n"
    "<!-- translate-kit: ignore -->\nサーバを止めた。\n\nサーバーを再起動した。サーバを止めた。\n\n```\nunclosed fence\n"
)
GLOSSARY = "concept,lang,term,status,type,note\nuser,en,user,preferred,term,\nuser,ja,ユーザー,preferred,term,\nuser,ja,ユーザ,deprecated,term,\n"


def _inputs(tmp_path):
    files = {"app.ja.po": CATALOG, "notes.md": MARKDOWN, "plain.txt": "サーバーの設定を変えた。サーバを止めた。\n"}
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    glossary = tmp_path / "glossary.csv"
    glossary.write_text(GLOSSARY, encoding="utf-8")
    return [str(tmp_path / name) for name in files], (str(glossary),)


def _fields(contribution: FileContribution) -> dict:
    """Every field, compared by value: a line index by its line starts, messages too."""
    out = {}
    for f in dataclasses.fields(contribution):
        value = getattr(contribution, f.name)
        if isinstance(value, LineIndex):
            value = value.to_bytes()
        elif f.name in ("findings", "errors"):
            value = [(v, v.template) for v in value]
        out[f.name] = (type(value), value)
    return out


@pytest.fixture()
def contributions(tmp_path, engine):
    paths, glossary = _inputs(tmp_path)
    result = check_paths(paths, CheckOptions(glossary_paths=glossary), engine=engine)
    return list(result.corpus.contributions())


def test_every_field_comes_back_as_it_was(contributions):
    filled = {f.name for c in contributions for f in dataclasses.fields(c) if getattr(c, f.name)}
    # the inputs exercise every kind of field, so a lossy codec cannot pass by emptiness
    assert {"mentions", "words", "canonical", "term_hits", "findings", "suppressions", "errors", "scratch"} <= filled
    assert any(f.template is not None and f.template.args for c in contributions for f in c.findings)
    for contribution in contributions:
        data = codec.encode(contribution)
        assert data is not None
        assert _fields(codec.decode(data)) == _fields(contribution)


def test_prose_entries_hold_no_pickle(contributions):
    plain = [c for c in contributions if not c.scratch and not c.term_hits]
    assert plain
    for contribution in plain:
        _version, _values, pickled, _deferred = marshal.loads(codec.encode(contribution))
        assert pickled == ()


def test_a_field_of_unknown_type_falls_back_to_pickle_for_that_field_only(contributions):
    contribution = next(c for c in contributions if c.mentions)
    odd = dataclasses.replace(contribution, mentions=list(contribution.mentions), suppressions=[],
                              scratch={"x": frozenset({LineIndex("a\nb")})})
    _version, values, pickled, _deferred = marshal.loads(codec.encode(odd))
    names = [f.name for f in dataclasses.fields(FileContribution)]
    assert sorted(names[i] for i in pickled) == ["mentions", "scratch"]
    back = codec.decode(codec.encode(odd))
    assert back.mentions == odd.mentions and type(back.mentions) is list
    assert back.suppressions == [] and type(back.suppressions) is list  # an empty value is written as it is
    assert {k: v for k, v in _fields(back).items() if k not in ("mentions", "scratch")} == \
        {k: v for k, v in _fields(odd).items() if k not in ("mentions", "scratch")}
    (index,) = back.scratch["x"]
    assert index.to_bytes() == LineIndex("a\nb").to_bytes()


def _with_pickled_field(contribution: FileContribution, name: str, payload: bytes) -> bytes:
    version, values, _pickled, deferred = marshal.loads(codec.encode(contribution))
    names = [f.name for f in dataclasses.fields(FileContribution)]
    values, deferred = list(values), marshal.loads(deferred)
    if name in codec.DEFERRED:
        deferred[names.index(name)] = payload
    else:
        values[names.index(name)] = payload
    return marshal.dumps((version, tuple(values), (names.index(name),), marshal.dumps(deferred)))


class _Call:
    def __init__(self, function, *args):
        self.function, self.args = function, args

    def __reduce__(self):
        return (self.function, self.args)


@pytest.mark.parametrize("planted", [
    _Call(os.system, "touch {marker}"),            # a function outside the package
    _Call(open, "{marker}", "w"),                  # a builtin
    _Call(ContributionCache, "{marker}", b"", b""),  # a class of ours that acts (creates a folder)
])
@pytest.mark.parametrize("field", ["scratch", "findings"])  # one decoded when asked, one read first
def test_a_pickled_field_cannot_call_anything_but_value_classes(contributions, tmp_path, planted, field):
    marker = str(tmp_path / "marker")
    planted.args = tuple(a.format(marker=marker) if isinstance(a, str) else a for a in planted.args)
    data = _with_pickled_field(contributions[0], field, pickle.dumps(planted))
    assert codec.decode(data) is None
    assert not os.path.lexists(marker)


def test_a_pickled_field_never_imports_a_module():
    name = "translate_kit._never_loaded_by_the_codec"
    payload = b"\x80\x04\x8c" + bytes([len(name)]) + name.encode() + b"\x94\x8c\x01X\x94\x93\x94."
    with pytest.raises(pickle.UnpicklingError):
        codec._ValueUnpickler(io.BytesIO(payload)).load()
    assert name not in sys.modules


def test_damaged_or_foreign_data_is_a_miss(contributions):
    data = codec.encode(contributions[0])
    assert codec.decode(data[:-3]) is None
    assert codec.decode(marshal.dumps((codec.VERSION + 1, (), (), b""))) is None
    assert codec.decode(pickle.dumps(contributions[0])) is None


def _rows(folder, runs=False):
    """The index's contribution entries (with `runs`, every entry: its runs' findings too)."""
    db = sqlite3.connect(os.path.join(folder, INDEX))
    try:
        return dict(((k, (m, v)) for k, m, v in db.execute("SELECT key, mac, value FROM entries")
                     if runs or marshal.loads(v)[0] != "run"))
    finally:
        db.close()


@pytest.mark.parametrize("damage", ["value", "signature", "foreign"])
def test_a_tampered_or_foreign_entry_is_ignored_and_rewritten(tmp_path, engine, monkeypatch, damage):
    paths, glossary = _inputs(tmp_path)
    folder = str(tmp_path / "cache")
    options = CheckOptions(cache_dir=folder, glossary_paths=glossary)
    first = check_paths(paths, options, engine=engine)
    good = _rows(folder)
    assert len(good) == len(paths)
    key, (mac, value) = sorted(good.items())[0]
    if damage == "value":  # a contribution edited in place: its signature no longer matches
        stored = marshal.loads(value)
        changed = marshal.dumps((stored[0], (stored[1][0] + "x", *stored[1][1:]), stored[2]))
        row = (mac, changed)
    elif damage == "signature":
        row = (bytes(32), value)
    else:  # signed by someone else: another user's secret
        stranger = ContributionCache(folder, b"", b"s" * 32)
        row = (stranger._mac(key, value), value)
        stranger.close()
    db = sqlite3.connect(os.path.join(folder, INDEX))
    db.execute("UPDATE entries SET mac = ?, value = ? WHERE key = ?", (*row, key))
    # without the run's findings, the run reads every file's entry (with them it reads none)
    db.executemany("DELETE FROM entries WHERE key = ?", [(k,) for k in _rows(folder, runs=True).keys() - good.keys()])
    db.commit()
    db.close()
    parsed = []
    from translate_kit.engine import build

    real = build.contribute
    monkeypatch.setattr(build, "contribute", lambda doc, resources: parsed.append(doc.path) or real(doc, resources))
    again = check_paths(paths, options, engine=engine)
    assert again.findings == first.findings
    assert len(parsed) == 1  # only the tampered file was checked again
    rows = _rows(folder)
    assert rows.keys() == good.keys() and rows[key] != row  # and its entry written again
    assert len(_rows(folder, runs=True)) == len(paths) + 1  # and the run's findings kept once
    cache = ContributionCache.open(options, None, ())
    try:
        path = marshal.loads(good[key][1])[1][0]  # the entry's path, its first field
        text = functools.partial(sources.decode_bytes, path, Path(path).read_bytes())
        assert codec.decode(cache.get(key)) is None  # stored without its text: not readable without the file's bytes
        assert _fields(codec.decode(cache.get(key), text)) == _fields(codec.decode(good[key][1], text))
    finally:
        cache.close()


def test_buffered_entries_are_written_when_they_reach_the_batch_size(tmp_path, monkeypatch):
    from translate_kit import cache as cache_module

    monkeypatch.setattr(cache_module, "FLUSH_BYTES", 1000)
    cache = ContributionCache(str(tmp_path / "cache"), b"salt", b"k" * 32)
    try:
        keys = [bytes([i]) * 32 for i in range(5)]
        for key in keys[:3]:
            cache.put(key, b"x" * 400)
        assert len(_rows(str(tmp_path / "cache"), runs=True)) == 3  # 1,200 bytes buffered: written in one transaction
        for key in keys[3:]:
            cache.put(key, b"y" * 10)
        assert len(_rows(str(tmp_path / "cache"), runs=True)) == 3
        assert cache.get(keys[4]) == b"y" * 10  # read from the buffer
    finally:
        cache.close()
    assert len(_rows(str(tmp_path / "cache"), runs=True)) == 5
    again = ContributionCache(str(tmp_path / "cache"), b"salt", b"k" * 32)
    try:
        assert [again.get(k) for k in keys] == [b"x" * 400] * 3 + [b"y" * 10] * 2
    finally:
        again.close()


def test_the_cache_key_holds_the_dictionary_file_and_sudachipy_version():
    """An update of sudachidict_core (another system.dic) or of SudachiPy is another
    key; read from the file and the module, not from importlib.metadata."""
    import importlib.util

    import sudachipy

    from translate_kit import cache

    origin = importlib.util.find_spec("sudachidict_core").origin
    st = os.stat(os.path.join(os.path.dirname(origin), "resources", "system.dic"))
    versions = cache._versions()
    assert f"dictionary={st.st_size}:{st.st_mtime_ns}" in versions
    assert f"sudachipy={sudachipy.__version__}" in versions


def test_an_entry_leaves_out_a_text_its_key_holds_and_a_hit_decodes_it_again(tmp_path, engine):
    """A file's text is its bytes decoded, and the entry's key holds those bytes: the entry
    leaves the text out, and a warm run decodes the bytes again, as the cold run did
    (cp932 under --encoding, a BOM, CRLF): the same findings and the same snippets."""
    from translate_kit.run import check_corpus, prepare

    paths, glossary = _inputs(tmp_path)
    cp932 = tmp_path / "legacy.txt"
    cp932.write_bytes("サーバーの設定を変えた。\r\nサーバを止めた。\r\n".encode("cp932"))
    bom = tmp_path / "bom.md"
    bom.write_bytes("\ufeff# 見出し\r\n\r\nサーバーの設定。サーバを止めた。\r\n".encode("utf-8"))
    folder = str(tmp_path / "cache")
    for encoding, files in ((None, [*paths, str(bom)]), ("cp932", [str(cp932)])):
        options = CheckOptions(cache_dir=folder, glossary_paths=glossary, encoding=encoding)
        cold = check_paths(files, options, engine=engine)
        assert cold.findings
        heads = [marshal.loads(v)[1] for _m, v in _rows(folder).values()]
        assert heads and all(head[1] is None for head in heads), "no entry holds its text"
        warm = check_paths(files, options, engine=engine)
        assert (warm.findings, warm.errors, warm.source_lines()) == (cold.findings, cold.errors, cold.source_lines())
        assert all(line for line in warm.source_lines().values())
        # the whole contributions too (a run rule over a partly changed corpus reads them)
        again = check_corpus(warm.corpus, prepare(replace(options, cache_dir=None), engine)[0], all_rules())
        assert again.findings == cold.findings
        assert {p: warm.corpus.get(p).text for p in files} == {p: cold.corpus.get(p).text for p in files}
        for name in os.listdir(folder):
            if name.startswith(INDEX):
                os.remove(os.path.join(folder, name))


def test_the_files_entries_are_written_while_the_run_rules_run(tmp_path, engine, monkeypatch):
    """The cold run's file entries are written by a second thread (SQLite lets go of the
    interpreter while it writes) while the run rules run; every later use of the index
    waits for it, and the next run reads every entry back."""
    import gc
    import threading

    from translate_kit import cache as cache_module
    from translate_kit.engine import build

    paths, glossary = _inputs(tmp_path)
    folder = str(tmp_path / "cache")
    options = CheckOptions(cache_dir=folder, glossary_paths=glossary)
    writes: list[tuple[bool, int]] = []
    real_write = cache_module._write_batch
    monkeypatch.setattr(cache_module, "_write_batch", lambda db, rows, state: writes.append(
        (threading.current_thread() is threading.main_thread(), len(rows))) or real_write(db, rows, state))
    cold = check_paths(paths, options, engine=engine)
    gc.collect()  # the run's cache is closed when collected: the run's own entry is written then
    assert writes[0] == (False, len(paths)), "the files' entries, off the main thread"
    assert len(_rows(folder)) == len(paths) and len(_rows(folder, runs=True)) == len(paths) + 1
    parsed: list[str] = []
    real_contribute = build.contribute
    monkeypatch.setattr(build, "contribute", lambda doc, resources: parsed.append(doc.path) or real_contribute(doc, resources))
    warm = check_paths(paths, options, engine=engine)
    assert parsed == [] and warm.findings == cold.findings
