"""The pure parts of bench/corpus_regress.py: report normalization and the before/after diff."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parent.parent / "bench" / "corpus_regress.py"


@pytest.fixture(scope="module")
def cr():
    spec = importlib.util.spec_from_file_location("corpus_regress", BENCH)
    module = importlib.util.module_from_spec(spec)
    sys.modules["corpus_regress"] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    yield module
    del sys.modules["corpus_regress"]


def finding(path: str, line: int, rule: str = "orthographic-variant", found: str = "サーバ", **extra) -> dict:
    return {"rule": rule, "severity": "warning", "path": path, "line": line, "column": 3, "end_line": line,
            "end_column": 6, "message": f"{found} differs", "found": found, "expected": None, "entity": None,
            "related": extra.pop("related", []), **extra}


def report(findings, errors=(), **summary) -> dict:
    return {"version": 1, "findings": list(findings), "errors": list(errors),
            "summary": {"findings": len(findings), "files": 2, "seconds": 1.25, **summary}}


def test_normalize_makes_paths_relative_sorts_and_drops_timing(cr, tmp_path):
    root = str(tmp_path)
    raw = report(
        [finding(f"{root}/b/x.po", 9, related=[{"path": f"{root}/a/y.po", "line": 2, "column": 1, "found": "サーバー"}]),
         finding("a/y.po", 4), finding(f"{root}/a/y.po", 2, rule="markup-mismatch")],
        [{"path": f"{root}/c.po", "line": 3, "message": "unterminated string"}],
    )
    out = cr.normalize(raw, root)
    assert [(f["path"], f["line"]) for f in out["findings"]] == [("a/y.po", 2), ("a/y.po", 4), ("b/x.po", 9)]
    assert out["findings"][2]["related"][0]["path"] == "a/y.po"
    assert out["errors"] == [{"path": "c.po", "line": 3, "message": "unterminated string"}]
    assert "seconds" not in out["summary"] and out["summary"]["files"] == 2


def test_normalize_keeps_paths_outside_the_root(cr, tmp_path):
    out = cr.normalize(report([finding("/elsewhere/z.md", 1)]), str(tmp_path / "corpus"))
    assert out["findings"][0]["path"] == "/elsewhere/z.md"


def test_same_findings_in_another_order_and_root_give_no_diff(cr, tmp_path):
    one = cr.normalize(report([finding(f"{tmp_path}/r1/a.po", 1), finding(f"{tmp_path}/r1/a.po", 5)]), f"{tmp_path}/r1")
    two = cr.normalize(report([finding(f"{tmp_path}/r2/a.po", 5), finding(f"{tmp_path}/r2/a.po", 1)], seconds=9.0),
                       f"{tmp_path}/r2")
    assert cr.diff_reports(one, two).empty


def test_diff_counts_duplicates_as_a_multiset(cr):
    same = finding("a.po", 1)
    before = cr.normalize(report([same, same]), "/r")
    after = cr.normalize(report([same]), "/r")
    diff = cr.diff_reports(before, after)
    assert (len(diff.added), len(diff.removed)) == (0, 1)
    assert ("findings", 2, 1) in diff.summary_changes


def test_diff_sees_a_changed_message_and_a_new_input_error(cr):
    before = cr.normalize(report([finding("a.po", 1)]), "/r")
    changed = finding("a.po", 1)
    changed["message"] = "worded differently"
    after = cr.normalize(report([changed], [{"path": "b.po", "line": None, "message": "not UTF-8"}]), "/r")
    diff = cr.diff_reports(before, after)
    assert [d.get("message") for d in diff.removed] == ["サーバ differs"]
    assert sorted(json.dumps(d, ensure_ascii=False) for d in diff.added) == sorted(
        json.dumps(d, ensure_ascii=False) for d in [changed, {"error": {"path": "b.po", "line": None, "message": "not UTF-8"}}])


def test_diff_lines_group_by_rule_and_stop_at_show(cr):
    added = [finding("a.po", n, rule="term-missing") for n in range(5)] + [finding("b.po", 1, rule="markup-mismatch")]
    diff = cr.Diff(tuple(added), (), ())
    lines = cr.diff_lines(diff, show=3)
    assert lines[0] == "    + markup-mismatch (1)"
    assert lines[2] == "    + term-missing (5)"
    assert sum(1 for line in lines if line.startswith("      + ")) == 3


def test_is_japanese_needs_a_share_of_kana_or_kanji(cr):
    assert cr.is_japanese("この文書はテスト用の説明です。 See also the README.")
    assert not cr.is_japanese("An English README that mentions 日本語 once.")
    assert not cr.is_japanese("")
