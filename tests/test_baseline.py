"""Baselines: write/load/filter, multiset matching, and stability across unrelated edits."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from translate_kit import fingerprint
from translate_kit.baseline import (
    FORMAT_VERSION,
    Baseline,
    BaselineEntry,
    BaselineError,
    filter_new,
    load_baseline,
    write_baseline,
)
from translate_kit.model import Finding, Severity
from translate_kit.options import CheckOptions, RuleSettings
from translate_kit.run import check_paths

RULE = "orthographic-variant"
# ユーザー twice, ユーザ once: the variant on the last line is flagged.
DOC = "ユーザーの設定を保存します。\nユーザー名を入力してください。\nユーザが削除されました。\n"


def finding(path: str, line: int, found: str = "ユーザ", rule: str = RULE) -> Finding:
    return Finding(rule, Severity.WARNING, path, line, 1, line, 1 + len(found), f"{found} is a variant", found, "ユーザー")


def run(engine, *paths: str):
    """The real check over real files, with the snippets the CLI would read."""
    options = CheckOptions(rules=RuleSettings(select=frozenset({RULE})))
    result = check_paths(list(paths), options, engine=engine)
    assert not result.errors, result.errors
    snippets = result.source_lines()
    return result.findings, snippets


# --- file format -------------------------------------------------------------------------


def test_write_and_load_round_trip(tmp_path):
    doc = tmp_path / "docs" / "a.txt"
    findings = [finding(str(doc), 3), finding(str(doc), 7, "サーバ"), finding(str(doc), 9)]
    snippets = {(str(doc), 3): "ユーザが削除", (str(doc), 7): "サーバ", (str(doc), 9): "ユーザが削除"}
    target = tmp_path / "baseline.json"
    assert write_baseline(str(target), findings, snippets, tool_version="9.9") == 3
    data = json.loads(target.read_text(encoding="utf-8"))
    assert (data["version"], data["tool"], data["tool_version"]) == (FORMAT_VERSION, "translate-kit", "9.9")
    assert data["fingerprint_version"] == fingerprint.VERSION
    entries = data["entries"]
    assert [list(e) for e in entries] == [["fingerprint", "rule", "path", "found", "expected", "message"]] * 3
    assert {e["path"] for e in entries} == {"docs/a.txt"}  # relative to the baseline file
    assert "line" not in entries[0]  # lines churn; the file must not
    assert entries == sorted(entries, key=lambda e: (e["path"], e["rule"], e["found"], e["expected"], e["fingerprint"]))
    # The two identical findings on identical lines are numbered, not merged.
    hashes = sorted(e["fingerprint"] for e in entries if e["found"] == "ユーザ")
    assert [h.rsplit(":", 1)[1] for h in hashes] == ["1", "2"] and hashes[0][:-2] == hashes[1][:-2]
    assert "ユーザ" in target.read_text(encoding="utf-8")  # readable, not \u-escaped
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".translate-kit-")]  # no temp file left

    baseline = load_baseline(str(target))
    assert baseline.tool_version == "9.9" and len(baseline.entries) == 3
    assert filter_new(findings, baseline, snippets) == ((), 3)


def test_output_is_stable_whatever_the_input_order(tmp_path):
    doc = str(tmp_path / "a.txt")
    findings = [finding(doc, n, f"語{n}") for n in range(1, 6)]
    snippets = {(doc, n): f"line {n}" for n in range(1, 6)}
    one, two = tmp_path / "one.json", tmp_path / "two.json"
    write_baseline(str(one), findings, snippets, tool_version="1")
    write_baseline(str(two), list(reversed(findings)), snippets, tool_version="1")
    assert one.read_bytes() == two.read_bytes()


@pytest.mark.parametrize(
    "content, needle",
    [
        ('{"version": 1, "entries": [}', "baseline.json:1:28: baseline is not valid JSON: "),
        ("[]", 'baseline.json: not a translate-kit baseline (no "entries" list)'),
        ('{"version": 99, "entries": []}', "baseline.json: unsupported baseline version 99"),
        ('{"version": 1, "fingerprint_version": 0, "entries": []}', "regenerate it with --write-baseline"),
        ('{"version": 1, "entries": [{"rule": "x"}]}', 'baseline.json: entry 1 has no "fingerprint" string'),
        ("[" * 100_000 + "]" * 100_000, "baseline.json: baseline is not valid JSON: nested too deeply"),
        ('{"version": 1' + "0" * 5000 + ', "entries": []}', "baseline.json: baseline is not valid JSON: an integer with too many digits"),
    ],
)
def test_bad_baseline_is_a_clear_one_line_error(tmp_path, monkeypatch, content, needle):
    monkeypatch.chdir(tmp_path)
    Path("baseline.json").write_text(content, encoding="utf-8")
    with pytest.raises(BaselineError) as info:
        load_baseline("baseline.json")
    assert needle in str(info.value) and "\n" not in str(info.value)


def test_missing_baseline(tmp_path):
    with pytest.raises(BaselineError, match=r"nope\.json: cannot read baseline: no such file"):
        load_baseline(str(tmp_path / "nope.json"))


# --- matching ----------------------------------------------------------------------------


def test_multiset_semantics(tmp_path):
    doc = str(tmp_path / "a.txt")
    same_line = "ユーザが削除されました。"
    two = [finding(doc, 3), finding(doc, 8)]
    snippets = {(doc, n): same_line for n in (3, 8, 12)}
    target = str(tmp_path / "baseline.json")
    write_baseline(target, two, snippets, tool_version="1")
    baseline = load_baseline(target)
    three = [finding(doc, 3), finding(doc, 8), finding(doc, 12)]
    new, known = filter_new(three, baseline, snippets)
    assert known == 2 and len(new) == 1
    new, known = filter_new(three[:1], baseline, snippets)  # one fixed: nothing new
    assert (new, known) == ((), 1)


def test_counters_in_hand_edited_baselines_do_not_matter(tmp_path):
    doc = str(tmp_path / "a.txt")
    f = finding(doc, 3)
    snippets = {(doc, 3): "ユーザが削除"}
    target = str(tmp_path / "b.json")
    write_baseline(target, [f], snippets, tool_version="1")
    entry = load_baseline(target).entries[0]
    renumbered = Baseline(target, (BaselineEntry(entry.line_hash() + ":7", RULE, "a.txt", "ユーザ", None, ""),))
    assert filter_new([f], renumbered, snippets) == ((), 1)


def test_other_rule_or_text_is_new(tmp_path):
    doc = str(tmp_path / "a.txt")
    snippets = {(doc, 3): "ユーザが削除"}
    target = str(tmp_path / "b.json")
    write_baseline(target, [finding(doc, 3)], snippets, tool_version="1")
    baseline = load_baseline(target)
    other_rule = finding(doc, 3, rule="entity-inconsistent")
    other_line = finding(doc, 3)
    assert filter_new([other_rule], baseline, snippets) == ((other_rule,), 0)
    assert filter_new([other_line], baseline, {(doc, 3): "ユーザを削除"}) == ((other_line,), 0)


# --- end to end on real files ------------------------------------------------------------


def test_known_findings_survive_moves_and_unrelated_edits(engine, tmp_path, monkeypatch):
    docs = tmp_path / "docs"
    docs.mkdir()
    doc = docs / "guide.txt"
    doc.write_text(DOC, encoding="utf-8")
    target = str(tmp_path / ".translate-kit-baseline.json")

    findings, snippets = run(engine, str(doc))
    assert [(f.rule, f.found, f.line) for f in findings] == [(RULE, "ユーザ", 3)]
    write_baseline(target, findings, snippets)
    baseline = load_baseline(target)

    # Unrelated edits: lines added above, another line reworded, the flagged line moved
    # to the top and re-indented.
    doc.write_text(
        "　ユーザが削除されました。\n"
        "はじめに\n"
        "この文書は設定の手引きです。\n"
        "ユーザーの設定を保存します。\n"
        "ユーザー名を必ず入力してください。\n",
        encoding="utf-8",
    )
    findings, snippets = run(engine, str(doc))
    assert [(f.found, f.line) for f in findings] == [("ユーザ", 1)]
    assert filter_new(findings, baseline, snippets) == ((), 1)

    # The same check run another way: relative paths from another working directory.
    monkeypatch.chdir(docs)
    findings, snippets = run(engine, "guide.txt")
    assert findings[0].path == "guide.txt"
    assert filter_new(findings, baseline, snippets) == ((), 1)
    monkeypatch.chdir(tmp_path)
    findings, snippets = run(engine, "docs")
    assert filter_new(findings, baseline, snippets) == ((), 1)

    # A new variant on a new line is new; the old one is still known.
    with doc.open("a", encoding="utf-8") as fh:
        fh.write("ユーザーを招待しました。\nユーザーが参加しました。\nユーザを追加しました。\n")
    findings, snippets = run(engine, str(doc))
    assert [(f.found, f.line) for f in findings] == [("ユーザ", 1), ("ユーザ", 8)]
    new, known = filter_new(findings, baseline, snippets)
    assert known == 1 and [(f.found, f.line) for f in new] == [("ユーザ", 8)]

    # Editing the flagged line itself makes it a new finding (the baseline can go stale).
    doc.write_text(DOC.replace("ユーザが削除されました", "ユーザが削除済みです"), encoding="utf-8")
    findings, snippets = run(engine, str(doc))
    new, known = filter_new(findings, baseline, snippets)
    assert known == 0 and len(new) == 1


def test_identical_lines_count_as_a_multiset_end_to_end(engine, tmp_path):
    doc = tmp_path / "a.txt"
    doc.write_text("ユーザー\nユーザー\nユーザー\nユーザー\nユーザ\nユーザ\n", encoding="utf-8")
    target = str(tmp_path / "baseline.json")
    findings, snippets = run(engine, str(doc))
    assert len(findings) == 2
    write_baseline(target, findings, snippets)
    doc.write_text("ユーザ\nユーザー\nユーザー\nユーザー\nユーザー\nユーザー\nユーザ\nユーザ\n", encoding="utf-8")
    findings, snippets = run(engine, str(doc))
    new, known = filter_new(findings, load_baseline(target), snippets)
    assert (len(findings), known, len(new)) == (3, 2, 1)


def test_baseline_file_does_not_change_on_unrelated_edits(engine, tmp_path):
    doc = tmp_path / "a.txt"
    doc.write_text(DOC, encoding="utf-8")
    target = tmp_path / "baseline.json"
    write_baseline(str(target), *run(engine, str(doc)))
    before = target.read_bytes()
    doc.write_text("前書き。\n\n" + DOC, encoding="utf-8")
    write_baseline(str(target), *run(engine, str(doc)))
    assert target.read_bytes() == before
    assert os.path.basename(json.loads(before)["entries"][0]["path"]) == "a.txt"
