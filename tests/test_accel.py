"""The optional compiled build (translate_kit/accel.py): a stale compiled module never
loads, TRANSLATE_KIT_PURE=1 runs the sources, and compiled and pure give the same findings."""

from __future__ import annotations

import importlib.machinery
import json
import os
import subprocess
import sys

import pytest

from translate_kit import accel

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SUFFIX = importlib.machinery.EXTENSION_SUFFIXES[0]


def _run(code: str, pure: bool) -> str:
    env = {**os.environ, "PYTHONPATH": ROOT}
    env.pop(accel.PURE_VARIABLE, None)
    if pure:
        env[accel.PURE_VARIABLE] = "1"
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env, cwd=ROOT).stdout


def _touch(path: str, mtime: float) -> None:
    with open(path, "w", encoding="utf-8") as fh:
        fh.write("")
    os.utime(path, (mtime, mtime))


def test_a_compiled_module_not_built_from_its_source_as_it_is_is_stale(tmp_path):
    pkg = tmp_path / "translate_kit" / "sub"
    pkg.mkdir(parents=True)
    (pkg / "mod.py").write_text("x = 1\n", encoding="utf-8")
    (pkg / f"model{SUFFIX}").write_text("")  # another module's
    (tmp_path / "setup.py").write_text("")  # a source checkout
    assert accel.stale(["translate_kit.sub.mod"], str(tmp_path)) == []  # nothing compiled: nothing stale
    (pkg / f"mod__mypyc{SUFFIX}").write_text("")
    (pkg / f"mod{SUFFIX}").write_text("")
    assert accel.stale(["translate_kit.sub.mod"], str(tmp_path)) == ["translate_kit.sub.mod"]  # no record: built by hand
    accel.record(["translate_kit.sub.mod"], str(tmp_path))
    assert accel.stale(["translate_kit.sub.mod"], str(tmp_path)) == []
    os.utime(pkg / f"mod__mypyc{SUFFIX}", (1_000_000, 1_000_000))  # dates do not matter (an unchanged rebuild keeps old ones)
    assert accel.stale(["translate_kit.sub.mod"], str(tmp_path)) == []
    (pkg / "mod.py").write_text("x = 2\n", encoding="utf-8")  # edited, or checked out, since
    assert accel.stale(["translate_kit.sub.mod"], str(tmp_path)) == ["translate_kit.sub.mod"]
    os.remove(tmp_path / "setup.py")  # installed: the package's files came together
    assert accel.stale(["translate_kit.sub.mod"], str(tmp_path)) == []


def test_a_partial_build_is_stale_as_a_whole(tmp_path):
    """Compiled callers reach into another module's mypyc library directly: with one
    module's extension or library missing, the compiled modules crash (a segfault)."""
    pkg = tmp_path / "translate_kit"
    pkg.mkdir()
    (tmp_path / "setup.py").write_text("")
    modules = ["translate_kit.a", "translate_kit.b", "translate_kit.c"]
    for name in "abc":
        (pkg / f"{name}.py").write_text("x = 1\n", encoding="utf-8")
        (pkg / f"{name}{SUFFIX}").write_text("")
        (pkg / f"{name}__mypyc{SUFFIX}").write_text("")
    accel.record(modules, str(tmp_path))
    assert accel.stale(modules, str(tmp_path)) == []
    os.remove(pkg / f"b{SUFFIX}")  # the extension gone, its library left
    os.remove(pkg / f"c__mypyc{SUFFIX}")
    os.remove(pkg / f"c{SUFFIX}")  # none of c left
    assert accel.stale(modules, str(tmp_path)) == ["translate_kit.b", "translate_kit.c"]


def test_a_compiled_module_no_longer_listed_is_stale(tmp_path):
    """A module dropped from the list (or renamed) keeps its old extension, which loads
    ahead of its source however edited: it counts as stale, and the guard loads it from
    source with the others."""
    pkg = tmp_path / "translate_kit" / "rules"
    pkg.mkdir(parents=True)
    (tmp_path / "setup.py").write_text("")
    for name in ("a", "b"):
        (pkg / f"{name}.py").write_text("x = 1\n", encoding="utf-8")
        (pkg / f"{name}{SUFFIX}").write_text("")
        (pkg / f"{name}__mypyc{SUFFIX}").write_text("")
    (pkg / f"gone{SUFFIX}").write_text("")  # renamed away: nothing can load it by its old name from source
    accel.record(["translate_kit.rules.a", "translate_kit.rules.b"], str(tmp_path))
    assert accel.stale(["translate_kit.rules.a", "translate_kit.rules.b"], str(tmp_path)) == []
    assert accel.stale(["translate_kit.rules.a"], str(tmp_path)) == ["translate_kit.rules.b"]
    assert accel.strays(["translate_kit.rules.a"], str(tmp_path)) == ["translate_kit.rules.b"]


def test_the_last_build_recorded_every_compiled_module(compiled):
    assert accel.stale() == []


def test_the_pure_variable_loads_every_listed_module_from_its_source():
    code = ("import translate_kit.run, translate_kit.accel as a, sys\n"
            "print(a.compiled(), all(sys.modules[m].__file__.endswith('.py') for m in a.COMPILED))")
    assert _run(code, pure=True).split() == ["[]", "True"]


@pytest.fixture(scope="module")
def compiled() -> list[str]:
    found = _run("import translate_kit.run, translate_kit.accel as a\nprint(' '.join(a.compiled()))", pure=False).split()
    if not found:
        pytest.skip("no compiled modules: `make` compiles them when a C compiler is at hand (the sources run, slower)")
    return found


def test_every_listed_module_is_compiled_when_any_is(compiled):
    assert sorted(compiled) == sorted(accel.COMPILED)


def _findings(paths: list[str], glossary: str, pure: bool, jobs: int) -> list[dict]:
    code = ("from translate_kit.cli import main\n"
            f"main(['check', '--no-config', '--no-cache', '-q', '--fail-on', 'never', '-j', '{jobs}', '-f', 'json', "
            f"'-g', {glossary!r}, *{paths!r}])")
    env = {k: v for k, v in os.environ.items() if k != accel.PURE_VARIABLE}
    env.update({"PYTHONPATH": ROOT, **({accel.PURE_VARIABLE: "1"} if pure else {})})
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, env=env)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)["findings"]


@pytest.fixture(scope="module")
def catalog(tmp_path_factory) -> tuple[str, str]:
    sys.path.insert(0, os.path.join(ROOT, "bench"))
    try:
        import catalog_bench
    finally:
        sys.path.pop(0)
    folder = tmp_path_factory.mktemp("accel")
    path, glossary = str(folder / "app.ja.po"), str(folder / "glossary.csv")
    catalog_bench.write_catalog(path, 8000, 11)  # large enough to be checked in parts with -j 2
    catalog_bench.write_glossary(glossary, 300, 11)
    return path, glossary


def test_compiled_and_pure_give_the_same_findings(compiled, catalog):
    path, glossary = catalog
    paths = [path, os.path.join(ROOT, "examples")]
    pure = _findings(paths, glossary, pure=True, jobs=1)
    assert pure  # the catalog has deliberate slips
    assert _findings(paths, glossary, pure=False, jobs=1) == pure
    assert _findings(paths, glossary, pure=False, jobs=2) == pure


def test_compiled_values_pickle(compiled, catalog):
    """Worker results and spawned workers' resources are pickled: a compiled frozen class
    (SegmentAnalysis) must rebuild from its fields. (A line index compares by identity:
    its text is the file's, left out.)"""
    path, glossary = catalog
    code = ("import pickle\nfrom dataclasses import fields\n"
            "from translate_kit.analysis import Engine\nfrom translate_kit.options import CheckOptions\n"
            "from translate_kit.run import check_paths\n"
            "a = Engine('C').analyze('ヤン・ルカンはメタのユーザーです。', 'ja', units=True)\n"
            "print(bool(a.mentions) and pickle.loads(pickle.dumps(a)) == a)\n"
            f"run = check_paths([{path!r}], CheckOptions(glossary_paths=({glossary!r},)))\n"
            "same = lambda a, b: all(getattr(a, f.name) == getattr(b, f.name) for f in fields(a) if f.name != 'lines')\n"
            "values = list(run.corpus.contributions())\n"
            "print(len(values), all(same(pickle.loads(pickle.dumps(v)), v) for v in values))")
    assert _run(code, pure=False).split() == ["True", "1", "True"]


def test_compiled_workers_check_the_parts(compiled, catalog):
    """With -j 2 the catalog's parts come back from the workers (a part that fails to come
    back would make the file be checked whole here, silently slower)."""
    path, glossary = catalog
    code = ("import translate_kit.engine.parallel as P\nfrom translate_kit.options import CheckOptions\n"
            "from translate_kit.run import check_paths\n"
            "dropped = []\nreal = P.DocumentPool.discard\n"
            "P.DocumentPool.discard = lambda self: dropped.append(1) or real(self)\n"
            "here = []\npart = P._part_contribution\n"
            "P._part_contribution = lambda *a: here.append(1) or part(*a)\n"
            f"run = check_paths([{path!r}], CheckOptions(glossary_paths=({glossary!r},), jobs=2))\n"
            "print(len(run.findings) > 0, dropped, here)")
    assert _run(code, pure=False).split() == ["True", "[]", "[1]"]  # this process checked one part, a worker the other
