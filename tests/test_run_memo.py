"""A run's findings kept in the cache (issue #12): a second run on unchanged inputs reads
the run rules' findings back instead of running them, and decodes no file's mentions or
word uses; any change to a file, the glossary, an option or the rules run checks again and
finds what a run without the cache finds."""

from __future__ import annotations

import dataclasses
import os

import pytest

from translate_kit import run as run_module
from translate_kit._version import __version__
from translate_kit.engine import codec
from translate_kit.engine.contribution import FileContribution
from translate_kit.model import LineIndex
from translate_kit.options import CheckOptions, RuleSettings
from translate_kit.report import ReportInput, finding_fingerprints, render
from translate_kit.rules import all_rules
from translate_kit.run import check_paths

CATALOG = (
    'msgid ""\nmsgstr ""\n"Language: ja\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
    '#, python-format\nmsgid "Delete %(name)s from the server"\nmsgstr "サーバから%(nom)sを削除"\n\n'
    'msgid "Restart the server"\nmsgstr "サーバーを再起動"\n\n'
    'msgid "Remove the user"\nmsgstr "ユーザを削除"\n\n'
    'msgid "Add a user"\nmsgstr "ユーザーを追加"\n\n'
    '# translate-kit: ignore\nmsgid "Stop the server"\nmsgstr "サーバを停止"\n\n'
    'msgid "Clone the repository"\nmsgstr "リポジトリをクローン"\n\n'
    'msgid "Delete the repository"\nmsgstr "リポジトリを削除"\n\n'
    'msgid "Repository settings"\nmsgstr "レポジトリの設定"\n'
)
MARKDOWN = "# 報告\n\nサーバーを再起動した。サーバを止めた。\n"
TEXT = ("基調講演は研究者のマルグリット・デュランが務めた。\nデュランは方言の聞き取りについて話した。\n"
        "閉会のあいさつで、主催者はデュランドに謝意を示した。\nサーバーの設定を変えた。\n")
GLOSSARY = "concept,lang,term,status,type,note\nuser,en,user,preferred,term,\nuser,ja,ユーザー,preferred,term,\nuser,ja,ユーザ,deprecated,term,\n"


class Counted:
    """How often the run rules ran and how many stored contributions were decoded whole."""

    def __init__(self, monkeypatch) -> None:
        self.runs = 0
        self.decoded = 0
        real_run, real_decode = run_module.run_rules, codec.Stored.contribution

        def run_rules(view, rules):
            self.runs += 1
            return real_run(view, rules)

        def contribution(stored):
            self.decoded += 1
            return real_decode(stored)

        monkeypatch.setattr(run_module, "run_rules", run_rules)
        monkeypatch.setattr(codec.Stored, "contribution", contribution)

    def reset(self) -> None:
        self.runs = self.decoded = 0


@pytest.fixture()
def inputs(tmp_path):
    files = {"app.ja.po": CATALOG, "notes.md": MARKDOWN, "plain.txt": TEXT}
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    (tmp_path / "glossary.csv").write_text(GLOSSARY, encoding="utf-8")
    paths = [str(tmp_path / name) for name in files]
    options = CheckOptions(glossary_paths=(str(tmp_path / "glossary.csv"),), cache_dir=str(tmp_path / "cache"))
    return paths, options


def _outcome(result):
    return result.findings, [(e, e.template) for e in result.errors], result.files, result.segments, result.untranslated


def _reports(result) -> list[str]:
    snippets = result.source_lines()
    report = ReportInput(findings=result.findings, errors=result.errors, rules=all_rules(), tool_version=__version__,
                         summary={"files": result.files}, snippets=snippets)
    return [render(name, report) for name in ("text", "json", "sarif")] + [repr(sorted(finding_fingerprints(report).values()))]


def _fresh(paths, options, engine, **kwargs):
    return check_paths(paths, dataclasses.replace(options, cache_dir=None), engine=engine, **kwargs)


def _fields(contribution: FileContribution) -> dict:
    out = {}
    for f in dataclasses.fields(contribution):
        value = getattr(contribution, f.name)
        out[f.name] = value.to_bytes() if isinstance(value, LineIndex) else value
    return out


def test_a_warm_run_reads_the_findings_back_without_running_rules_or_decoding(inputs, engine, monkeypatch):
    paths, options = inputs
    counted = Counted(monkeypatch)
    cold = check_paths(paths, options, engine=engine)
    assert counted.runs == 1
    # the inputs give run-rule findings with snippets, so an empty memo could not pass
    assert {"term-inconsistent", "entity-inconsistent"} <= {f.rule for f in cold.findings}
    assert cold.source_lines()
    counted.reset()
    warm = check_paths(paths, options, engine=engine)
    assert counted.runs == 0 and counted.decoded == 0
    assert _outcome(warm) == _outcome(cold) == _outcome(_fresh(paths, options, engine))
    assert warm.source_lines() == cold.source_lines()
    assert _reports(warm) == _reports(cold)
    assert counted.decoded == 0  # snippets and fingerprints need no mentions or word uses


def test_a_warm_run_s_snippets_come_from_its_run_entry_without_decoding_a_file(inputs, engine, monkeypatch):
    """The findings' lines are kept with the run's findings: a warm run reports its
    snippets and fingerprints without decoding any file's text again (14 MB for a large
    catalog), and they are the cold run's."""
    from translate_kit import sources

    paths, options = inputs
    cold = check_paths(paths, options, engine=engine)
    lines = cold.source_lines()
    assert lines and all(lines.values())
    decoded: list[str] = []
    real = sources.decode_bytes
    monkeypatch.setattr(sources, "decode_bytes", lambda path, *args: decoded.append(path) or real(path, *args))
    warm = check_paths(paths, options, engine=engine)
    assert warm.source_lines() == lines and _reports(warm) == _reports(cold)
    assert decoded == []
    # the corpus still gives each file's text, decoded from its bytes when asked
    assert [warm.corpus.get(p).text for p in paths] == [cold.corpus.get(p).text for p in paths]


def test_the_corpus_of_a_warm_run_decodes_a_file_whole_when_asked(inputs, engine, monkeypatch):
    paths, options = inputs
    counted = Counted(monkeypatch)
    cold = check_paths(paths, options, engine=engine)
    warm = check_paths(paths, options, engine=engine)
    assert counted.decoded == 0
    assert [_fields(c) for c in warm.corpus.contributions()] == [_fields(c) for c in cold.corpus.contributions()]
    assert counted.decoded == len(paths)
    assert warm.corpus.get(paths[0]) is warm.corpus.get(paths[0])  # decoded once
    assert counted.decoded == len(paths)


def _change_file(paths, options, tmp_path):
    (tmp_path / "plain.txt").write_text(TEXT.replace("デュランド", "デュラン") + "ユーザを追加した。\n", encoding="utf-8")
    return paths, options, {}


def _change_glossary(paths, options, tmp_path):
    (tmp_path / "glossary.csv").write_text(GLOSSARY.replace("ユーザ,deprecated", "サーバ,deprecated"), encoding="utf-8")
    return paths, options, {}


def _change_option(paths, options, tmp_path):
    return paths, dataclasses.replace(options, include_fuzzy=True, per_file_ignores=((str(tmp_path), "*.txt", frozenset({"entity-inconsistent"})),)), {}


def _select_rules(paths, options, tmp_path):
    return paths, dataclasses.replace(options, rules=RuleSettings(ignore=frozenset({"term-inconsistent"}))), {}


def _fewer_rules(paths, options, tmp_path):
    return paths, options, {"rules": tuple(r for r in all_rules() if r.id != "entity-inconsistent")}


def _fewer_files(paths, options, tmp_path):
    return paths[:2], options, {}


@pytest.mark.parametrize("change", [_change_file, _change_glossary, _change_option, _select_rules, _fewer_rules, _fewer_files])
def test_any_change_checks_again_and_finds_what_a_run_without_the_cache_finds(inputs, engine, monkeypatch, tmp_path, change):
    paths, options = inputs
    counted = Counted(monkeypatch)
    before = check_paths(paths, options, engine=engine)
    check_paths(paths, options, engine=engine)
    counted.reset()
    paths, options, kwargs = change(paths, options, tmp_path)
    after = check_paths(paths, options, engine=engine, **kwargs)
    assert counted.runs == 1
    fresh = _fresh(paths, options, engine, **kwargs)
    assert _outcome(after) == _outcome(fresh)
    assert _outcome(after) != _outcome(before)  # the change changes findings: a stale memo would show
    assert _reports(after) == _reports(fresh)
    counted.reset()
    assert _outcome(check_paths(paths, options, engine=engine, **kwargs)) == _outcome(fresh)  # and is kept in turn
    assert counted.runs == 0


def test_rules_that_are_not_the_registry_s_are_always_run(inputs, engine, monkeypatch):
    paths, options = inputs
    counted = Counted(monkeypatch)
    entity = next(r for r in all_rules() if r.id == "entity-inconsistent")
    mine = (dataclasses.replace(entity, check=lambda view: iter(())),)  # same id, other behaviour
    check_paths(paths, options, engine=engine, rules=(entity,))
    counted.reset()
    assert not check_paths(paths, options, engine=engine, rules=mine).findings
    assert counted.runs == 1


def test_a_run_whose_run_rule_crashed_is_not_kept(inputs, engine, monkeypatch):
    """A crash may not happen again (a MemoryError, a bug fixed in a plug-in's data): the
    next run runs the rules again instead of replaying the error."""
    paths, options = inputs
    registry = all_rules()
    entity = next(r for r in registry if r.id == "entity-inconsistent")
    calls = []

    def once_crashing(view):
        calls.append(1)
        if len(calls) == 1:
            raise MemoryError("passing")
        return entity.check(view)

    flaky = dataclasses.replace(entity, check=once_crashing)
    rules = tuple(flaky if r is entity else r for r in registry)
    monkeypatch.setattr(run_module, "all_rules", lambda: rules)  # the registry's own rule, as far as the run can tell
    first = check_paths(paths, options, engine=engine, rules=rules)
    assert any("crashed" in str(e) for e in first.errors)
    second = check_paths(paths, options, engine=engine, rules=rules)
    assert len(calls) == 2 and not second.errors
    assert _outcome(second) == _outcome(_fresh(paths, options, engine, rules=rules))


def test_a_buffer_read_from_elsewhere_is_never_memoized(inputs, engine, monkeypatch):
    paths, options = inputs
    counted = Counted(monkeypatch)
    check_paths(paths, options, engine=engine)
    counted.reset()
    buffers = {paths[2]: TEXT}  # the same text as the file, but not read from it
    result = check_paths(paths, options, engine=engine, buffers=buffers)
    assert counted.runs == 1
    assert _outcome(result) == _outcome(_fresh(paths, options, engine))


def test_a_warm_run_loads_no_dictionary_and_tokenizes_no_glossary_term(inputs, engine, monkeypatch):
    from types import SimpleNamespace

    from translate_kit.analysis import Engine
    from translate_kit.engine import contribution
    from translate_kit.terms import TermMatcher

    paths, options = inputs
    check_paths(paths, options, engine=engine)
    built = []
    # counted where the run makes its matcher (terms.py may be compiled: accel)
    monkeypatch.setattr(contribution, "TermMatcher", SimpleNamespace(
        for_glossary=lambda *args: built.append(args) or TermMatcher.for_glossary(*args)))
    fresh = Engine("C")
    warm = check_paths(paths, options, engine=fresh)
    assert "_dictionary" not in vars(fresh.sudachi) and built == []
    assert _outcome(warm) == _outcome(_fresh(paths, options, engine))
    more = os.path.join(os.path.dirname(paths[0]), "more.txt")
    with open(more, "w", encoding="utf-8") as fh:
        fh.write("ユーザを追加した。\n")
    built.clear()
    check_paths([*paths, more], options, engine=fresh)  # a file not in the cache: both are made when it is analysed
    assert "_dictionary" in vars(fresh.sudachi) and len(built) == 1


def test_a_catalog_run_imports_no_other_format_s_parser(inputs):
    import subprocess
    import sys

    paths, _options = inputs
    code = ("import sys\nfrom translate_kit.cli import main\n"
            "try:\n    main(['check', '--no-config', '--no-cache', '-q', '--fail-on', 'never', sys.argv[1]])\n"
            "except SystemExit:\n    pass\n"
            "print(sorted({m.split('.')[0] for m in sys.modules} & {'markdown_it', 'yaml', 'defusedxml'}))")
    out = subprocess.run([sys.executable, "-c", code, paths[0]], capture_output=True, text=True, check=True).stdout
    assert out.splitlines()[-1] == "[]"
    out = subprocess.run([sys.executable, "-c", code, paths[1]], capture_output=True, text=True, check=True).stdout
    assert out.splitlines()[-1] == "['markdown_it']"  # the Markdown file's parser, when there is one


def test_the_cli_prints_the_same_report_and_baseline_warm_as_cold(inputs, tmp_path, monkeypatch):
    from click.testing import CliRunner

    from translate_kit.cli import cli

    paths, options = inputs
    counted = Counted(monkeypatch)
    glossary = options.glossary_paths[0]

    def check(*extra):
        args = ["check", "--no-config", "--fail-on", "never", "-q", "-g", glossary, *extra, *paths]
        result = CliRunner().invoke(cli, args, catch_exceptions=False)
        return result.output

    plain = check("--no-cache", "-f", "text", "--color", "never", "--write-baseline", str(tmp_path / "plain.json"))
    cold = check("--cache-dir", options.cache_dir, "-f", "text", "--color", "never", "--write-baseline", str(tmp_path / "cold.json"))
    counted.reset()
    warm = check("--cache-dir", options.cache_dir, "-f", "text", "--color", "never", "--write-baseline", str(tmp_path / "warm.json"))
    assert counted.runs == 0 and counted.decoded == 0
    assert "閉会のあいさつで" in warm and warm == cold == plain  # findings with their snippets (the source line)
    baselines = [(tmp_path / f"{name}.json").read_text(encoding="utf-8") for name in ("plain", "cold", "warm")]
    assert baselines[0] == baselines[1] == baselines[2]


class Reads:
    """The keys the run's cache is asked for (`ContributionCache.get`), in order."""

    def __init__(self, monkeypatch) -> None:
        from translate_kit.cache import ContributionCache

        self.keys: list[bytes] = []
        real = ContributionCache.get

        def get(cache, key):
            self.keys.append(key)
            return real(cache, key)

        monkeypatch.setattr(ContributionCache, "get", get)


def _forget(options, keys) -> None:
    """Delete the entries under `keys` from the cache's index, as another run's eviction would."""
    import sqlite3

    from translate_kit.cache import INDEX

    db = sqlite3.connect(os.path.join(options.cache_dir, INDEX))
    try:
        db.executemany("DELETE FROM entries WHERE key = ?", [(k,) for k in keys])
        db.commit()
    finally:
        db.close()


def _forget_runs(options) -> None:
    """Delete the runs' entries (their findings), so that the next run checks again."""
    import marshal
    import sqlite3

    from translate_kit.cache import INDEX

    db = sqlite3.connect(os.path.join(options.cache_dir, INDEX))
    try:
        runs = [k for k, v in db.execute("SELECT key, value FROM entries") if marshal.loads(v)[0] == "run"]
    finally:
        db.close()
    assert runs
    _forget(options, runs)


def _file_keys(result) -> list[bytes]:
    return [key for _path, key in result.corpus.cache_keys()]


def test_a_warm_run_whose_findings_come_from_the_cache_reads_no_file_s_entry(inputs, engine, monkeypatch):
    """The run's key needs only the files' keys: a large catalog's 16 MB entry is not read,
    verified or decoded when the run's findings come from the cache."""
    paths, options = inputs
    cold = check_paths(paths, options, engine=engine)
    reads = Reads(monkeypatch)
    warm = check_paths(paths, options, engine=engine)
    files = set(_file_keys(warm))
    assert len(files) == len(paths) and len(reads.keys) == 1 and reads.keys[0] not in files  # the run's entry only
    assert _outcome(warm) == _outcome(cold) and _reports(warm) == _reports(cold)
    # asked for a file, the corpus reads its entry then; one gone by then is checked again
    assert _fields(warm.corpus.get(paths[0])) == _fields(cold.corpus.get(paths[0]))
    assert reads.keys[1:] == _file_keys(warm)[:1]
    _forget(options, _file_keys(warm)[1:])
    assert [_fields(c) for c in warm.corpus.contributions()] == [_fields(c) for c in cold.corpus.contributions()]
    assert reads.keys[2:] == _file_keys(warm)[1:]


def _forgetting_after_the_run_key(monkeypatch, options, which=None):
    """Each run's file entries (those of paths ending in `which`, else all) deleted just after the run's key is
    taken: what a run finds when another run evicted them meanwhile."""
    real = run_module._run_key

    def run_key(corpus, rules, cache):
        key = real(corpus, rules, cache)
        _forget(options, [k for p, k in corpus.cache_keys() or () if which is None or p.endswith(which)])
        return key

    monkeypatch.setattr(run_module, "_run_key", run_key)


def test_a_file_entry_gone_before_it_is_read_is_checked_again_from_the_file_s_bytes(inputs, engine, monkeypatch):
    from translate_kit.engine import build

    paths, options = inputs
    cold = check_paths(paths, options, engine=engine)
    _forget_runs(options)
    parsed: list[str] = []
    real = build.contribute
    monkeypatch.setattr(build, "contribute", lambda doc, resources: parsed.append(doc.path) or real(doc, resources))
    with monkeypatch.context() as m:
        _forgetting_after_the_run_key(m, options)
        again = check_paths(paths, options, engine=engine)
    assert sorted(parsed) == sorted(paths)  # every entry was gone: every file checked again
    assert _outcome(again) == _outcome(cold) == _outcome(_fresh(paths, options, engine))
    assert _reports(again) == _reports(cold)
    assert [_fields(c) for c in again.corpus.contributions()] == [_fields(c) for c in cold.corpus.contributions()]
    del again
    # and their entries were written again: the next run checks nothing
    parsed.clear()
    counted = Counted(monkeypatch)
    warm = check_paths(paths, options, engine=engine)
    assert counted.runs == 0 and _outcome(warm) == _outcome(cold)
    assert [_fields(c) for c in warm.corpus.contributions()] == [_fields(c) for c in cold.corpus.contributions()]
    assert parsed == []


def test_a_file_that_cannot_be_checked_again_leaves_the_run_and_its_key(inputs, engine, monkeypatch):
    """A file whose entry is gone and whose bytes no longer load (here a loader made to
    fail) is an input error and is not in the run, nor in the key its findings are kept
    under: the next run, which can load it, finds what a run without the cache finds."""
    from translate_kit import sources
    from translate_kit.model import InputFileError

    paths, options = inputs
    check_paths(paths, options, engine=engine)
    _forget_runs(options)
    broken = paths[2]  # plain.txt
    real = sources.load_bytes

    def load_bytes(path, *args, **kwargs):
        if path == broken:
            raise InputFileError(path, "cannot be read")
        return real(path, *args, **kwargs)

    with monkeypatch.context() as m:
        m.setattr(sources, "load_bytes", load_bytes)
        _forgetting_after_the_run_key(m, options, which="plain.txt")
        again = check_paths(paths, options, engine=engine)
    without = _fresh(paths[:2], options, engine)
    assert again.findings == without.findings and again.files == without.files == 2
    assert [(e.path, e.message) for e in again.errors] == [(broken, "cannot be read")]
    assert broken not in again.corpus
    del again
    after = check_paths(paths, options, engine=engine)
    assert _outcome(after) == _outcome(_fresh(paths, options, engine))


def test_a_file_found_unreadable_when_asked_for_is_reported_by_the_next_settle(inputs, engine, monkeypatch):
    """A warm result's corpus asked for a file whose entry is gone and whose bytes no
    longer load drops the file; its error is not lost: the next `settle` returns it, once."""
    from translate_kit import sources
    from translate_kit.model import InputFileError

    paths, options = inputs
    check_paths(paths, options, engine=engine)
    warm = check_paths(paths, options, engine=engine)  # findings from the cache: no file entry read
    broken = paths[2]
    key = dict(warm.corpus.cache_keys() or ())[broken]
    _forget(options, [key])
    real = sources.load_bytes

    def load_bytes(path, *args, **kwargs):
        if path == broken:
            raise InputFileError(path, "cannot be read")
        return real(path, *args, **kwargs)

    monkeypatch.setattr(sources, "load_bytes", load_bytes)
    assert warm.corpus.get(broken) is None and broken not in warm.corpus
    assert [(e.path, e.message) for e in warm.corpus.settle()] == [(broken, "cannot be read")]
    assert warm.corpus.settle() == []


# runs the CLI in a fresh interpreter and prints which of the modules that only a run that
# computes something uses were imported
_CHECK_AND_LIST = (
    "import sys\n"
    "from translate_kit.cli import main\n"
    "try:\n    main(sys.argv[1:])\nexcept SystemExit:\n    pass\n"
    "print(' '.join(m for m in ('babel', 'rapidfuzz', 'multiprocessing', 'concurrent.futures') if m in sys.modules))\n"
)


def test_a_warm_check_from_the_command_line_imports_no_babel_rapidfuzz_or_process_pool(inputs, tmp_path):
    """Babel, rapidfuzz and the process pool are imported where they are used: a warm
    re-check, whose findings come from the cache, uses none of them (the cold run does,
    so the list is not empty by accident)."""
    import subprocess
    import sys

    paths, options = inputs
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    args = ["check", "--no-config", "-q", "--fail-on", "never", "-g", options.glossary_paths[0], "--cache-dir", options.cache_dir,
            "-f", "json", "-o", os.devnull, *paths]

    def imported() -> list[str]:
        done = subprocess.run([sys.executable, "-c", _CHECK_AND_LIST, *args], capture_output=True, text=True, cwd=tmp_path,
                              env={**os.environ, "PYTHONPATH": root}, check=True)
        return done.stdout.split()

    assert "babel" in imported()  # cold: the catalog's plural rules
    assert imported() == []
