"""A cache that cannot give a wrong answer (issue #17): the key covers every option that
changes findings, each entry is signed with its own key, entries that are not ours (moved,
foreign, damaged, not a regular file) are ignored and rewritten, and the folder says it
is a cache to backup tools and to git."""

from __future__ import annotations

import dataclasses
import marshal
import os
import sqlite3
import subprocess

import pytest

from translate_kit import cache as cache_module
from translate_kit.cache import INDEX, NOT_IN_KEY, ContributionCache
from translate_kit.options import CheckOptions, RuleSettings
from translate_kit.run import check_paths

DOC = "サーバーの設定を変えた。サーバーを再起動した。\nサーバを止めた。ベナールさんが来た。\n"
CATALOG = 'msgid ""\nmsgstr ""\n"Language: ja\\n"\n\nmsgid "Save"\nmsgstr ""\n\nmsgid "Open"\nmsgstr "開く"\n'


def _key(result):
    return [(f.rule, f.path, f.line, f.column, f.found, f.expected) for f in result.findings]


def _other(value):
    """A value of the same kind as `value` that differs from it."""
    if isinstance(value, bool):
        return not value
    if isinstance(value, int):
        return value + 1
    if isinstance(value, str) or value is None:
        return (value or "") + "x"
    if isinstance(value, tuple):
        return (*value, "x")
    if isinstance(value, RuleSettings):
        return dataclasses.replace(value, ignore=frozenset({"untranslated"}))
    raise AssertionError(f"no other value for {value!r}: teach this test the new option's type")


def test_every_option_but_the_listed_ones_is_in_the_key(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # a changed cache_dir ("x") opens a cache there, not in the checkout
    base = CheckOptions()
    salt = ContributionCache.open(base, None, ()).salt
    for field in dataclasses.fields(CheckOptions):
        changed = dataclasses.replace(base, **{field.name: _other(getattr(base, field.name))})
        differs = ContributionCache.open(changed, None, ()).salt != salt
        assert differs == (field.name not in NOT_IN_KEY), field.name


def test_report_untranslated_does_not_leak_through_the_cache(tmp_path, engine):
    po = tmp_path / "app.po"
    po.write_text(CATALOG, encoding="utf-8")
    cache = str(tmp_path / "cache")
    plain = CheckOptions(cache_dir=cache)
    wanted = CheckOptions(cache_dir=cache, report_untranslated=True)
    assert not check_paths([str(po)], plain, engine=engine).findings
    assert [f.rule for f in check_paths([str(po)], wanted, engine=engine).findings] == ["untranslated"]
    assert not check_paths([str(po)], plain, engine=engine).findings


def _warm(tmp_path, engine):
    paths = []
    for i, text in enumerate((DOC, DOC.replace("サーバを", "サーバーを"))):
        p = tmp_path / f"doc{i}.txt"
        p.write_text(text, encoding="utf-8")
        paths.append(str(p))
    options = CheckOptions(cache_dir=str(tmp_path / "cache"))
    return paths, options, check_paths(paths, options, engine=engine)


def test_swapped_entries_are_not_trusted(tmp_path, engine):
    paths, options, first = _warm(tmp_path, engine)
    db = sqlite3.connect(tmp_path / "cache" / INDEX)
    rows = db.execute("SELECT key, mac, value FROM entries ORDER BY key").fetchall()
    rows = [row for row in rows if marshal.loads(row[2])[0] != "run"]  # the two files' entries
    assert len(rows) == 2
    (k1, m1, v1), (k2, m2, v2) = rows
    db.execute("UPDATE entries SET mac = ?, value = ? WHERE key = ?", (m2, v2, k1))
    db.execute("UPDATE entries SET mac = ?, value = ? WHERE key = ?", (m1, v1, k2))
    db.commit()
    db.close()
    again = check_paths(paths, options, engine=engine)
    assert _key(again) == _key(first)
    assert _key(check_paths(paths, options, engine=engine)) == _key(first)  # rewritten


def test_an_entry_signed_by_someone_else_is_ignored(tmp_path, engine):
    paths, options, first = _warm(tmp_path, engine)
    cache = ContributionCache.open(options, None, ())
    key = cache.key(paths[0])
    stranger = ContributionCache(cache.directory, cache.salt, b"s" * 32)
    assert stranger.get(key) is None


@pytest.mark.parametrize("planted", ["/dev/zero", "garbage"])
def test_an_index_that_is_not_ours_is_replaced(tmp_path, engine, planted):
    paths, options, first = _warm(tmp_path, engine)
    index = tmp_path / "cache" / INDEX
    for suffix in ("", "-wal", "-shm"):
        if os.path.lexists(str(index) + suffix):
            os.unlink(str(index) + suffix)
    if planted.startswith("/"):
        index.symlink_to(planted)
    else:
        index.write_bytes(b"not a database " * 100)
    again = check_paths(paths, options, engine=engine)
    assert _key(again) == _key(first)
    assert index.is_file() and not index.is_symlink()
    assert _key(check_paths(paths, options, engine=engine)) == _key(first)


def test_the_folder_is_tagged_and_ignored_by_git(tmp_path, engine):
    paths, options, first = _warm(tmp_path, engine)
    folder = tmp_path / "cache"
    assert (folder / "CACHEDIR.TAG").read_text().startswith("Signature: 8a477f597d28d172789f06886806bc55")
    assert "*" in (folder / ".gitignore").read_text().split()
    if subprocess.run(["git", "--version"], capture_output=True).returncode == 0:
        subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
        subprocess.run(["git", "-C", str(tmp_path), "add", "-A"], check=True)
        listed = subprocess.run(["git", "-C", str(tmp_path), "status", "--porcelain"], capture_output=True, text=True).stdout
        assert "cache" not in listed and "doc0.txt" in listed


def test_an_unwritable_folder_runs_without_cache(tmp_path, engine):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    options = CheckOptions(cache_dir=str(blocker / "cache"))
    p = tmp_path / "doc.txt"
    p.write_text(DOC, encoding="utf-8")
    assert check_paths([str(p)], options, engine=engine).findings


def _stored_keys(folder) -> set[bytes]:
    db = sqlite3.connect(folder / INDEX)
    try:
        return {row[0] for row in db.execute("SELECT key FROM entries")}
    finally:
        db.close()


def test_the_oldest_entries_go_past_the_size_limit_never_the_batch_being_written(tmp_path, engine, monkeypatch):
    first, second = tmp_path / "first.md", tmp_path / "second.md"
    first.write_text(DOC, encoding="utf-8")
    second.write_text(DOC.replace("ベナール", "バーナード"), encoding="utf-8")
    options = CheckOptions(cache_dir=str(tmp_path / "cache"))
    expected = _key(check_paths([str(first)], dataclasses.replace(options, cache_dir=None), engine=engine))
    check_paths([str(first)], options, engine=engine)
    older = _stored_keys(tmp_path / "cache")
    assert older  # the file's entry and its run's
    check_paths([str(second)], options, engine=engine)
    under_limit = _stored_keys(tmp_path / "cache")
    assert older < under_limit  # nothing goes while the cache is small
    monkeypatch.setattr(cache_module, "MAX_BYTES", 1)
    third = tmp_path / "third.md"
    third.write_text(DOC + "ユーザを追加した。\n", encoding="utf-8")
    check_paths([str(third)], options, engine=engine)
    newest = _stored_keys(tmp_path / "cache")
    assert not newest & under_limit  # everything older went
    assert len(newest) == 2  # what this run wrote stayed: the file's entry and the run's, written apart
    assert _key(check_paths([str(first)], options, engine=engine)) == expected  # an evicted file is checked again


def test_the_key_is_the_same_in_every_process(tmp_path):
    """A file's key must not depend on the process that computes it (hash seeds, which
    strings happen to be shared): two processes with different seeds give the same salt
    for the same options and glossary, and a changed glossary term gives another."""
    import subprocess
    import sys

    glossary = tmp_path / "g.csv"
    glossary.write_text("concept,lang,term,status,type,note\nuser,en,user,preferred,term,\nuser,ja,ユーザー,preferred,term,\n"
                        "user,ja,ユーザ,deprecated,term,\nserver,en,server,preferred,term,\nserver,ja,サーバー,preferred,term,\n", encoding="utf-8")
    code = ("from translate_kit.cache import ContributionCache\nfrom translate_kit.glossary import load_glossary\n"
            "from translate_kit.options import CheckOptions\nfrom translate_kit.rules import all_rules\nimport sys\n"
            "print(ContributionCache.open(CheckOptions(), load_glossary(sys.argv[1]), tuple(all_rules())).salt.hex())")

    def salt(seed: str) -> str:
        env = {**os.environ, "PYTHONHASHSEED": seed}
        return subprocess.run([sys.executable, "-c", code, str(glossary)], capture_output=True, text=True, check=True, env=env).stdout

    first = salt("1")
    assert first and salt("2") == first == salt("12345")
    glossary.write_text(glossary.read_text(encoding="utf-8").replace("サーバー", "サーバ"), encoding="utf-8")
    assert salt("1") != first
