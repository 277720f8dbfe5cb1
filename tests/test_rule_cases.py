"""Runs the named cases of every rule from tests/rules/<rule-id>.yml.

Each case gives files (or one `text`), optional options, and the exact findings expected
(line, column, found, expected); an empty list means the text must stay silent. Where the
expected text comes from a library whose wording changes between versions (Babel's plural
expressions), `expected_starts` gives the part that must not change.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from translate_kit.rules import all_rules

CASES_DIR = Path(__file__).parent / "rules"


def _cases():
    for path in sorted(CASES_DIR.glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for case in data["cases"]:
            yield pytest.param(data["rule"], case, id=f"{data['rule']}::{case['name']}")


def test_every_rule_has_cases():
    have = {p.stem for p in CASES_DIR.glob("*.yml")}
    missing = [r.id for r in all_rules() if r.id not in have]
    assert not missing, f"rules without a cases file in tests/rules/: {missing}"


@pytest.mark.parametrize("rule_id, case", list(_cases()))
def test_rule_case(rule_id, case, run_check, tmp_path):
    files = case.get("files") or {case.get("file", "doc.txt"): case["text"]}
    options = dict(case.get("options", {}))
    if "glossary" in case:
        glossary = tmp_path / "glossary.csv"
        glossary.write_text(case["glossary"], encoding="utf-8")
        options["glossary_paths"] = (str(glossary),)
    result = run_check(files, select=[rule_id, *case.get("also_enable", [])], **options)
    assert not result.errors, result.errors
    got = sorted(
        (Path(f.path).name, f.line, f.column, f.found, f.expected)
        for f in result.findings
        if f.rule == rule_id
    )
    default_file = next(iter(files))
    prefixes = {
        (e.get("file", default_file), e["line"], e["column"], e["found"]): e["expected_starts"]
        for e in case.get("findings", [])
        if "expected_starts" in e
    }
    got = sorted((*g[:4], _cut(g[4], prefixes.get(g[:4]))) for g in got)
    want = sorted(
        (e.get("file", default_file), e["line"], e["column"], e["found"], e.get("expected", e.get("expected_starts")))
        for e in case.get("findings", [])
    )
    assert got == want


def _cut(expected: str | None, prefix: str | None) -> str | None:
    """`expected` shortened to the length of the case's `expected_starts`, if it has one."""
    return expected[: len(prefix)] if expected is not None and prefix is not None else expected
