"""Reporters: golden outputs per format, plus the properties each format must keep.

Golden files live in tests/data/report/; regenerate them with
`UPDATE_GOLDEN=1 .venv/bin/python -m pytest -q tests/test_report.py` and review the diff.
"""

from __future__ import annotations

import dataclasses
import io
import json
import os
import unicodedata
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from translate_kit.fingerprint import fingerprint, fingerprints, normalize_line
from translate_kit.model import Finding, InputError, Related, Severity, Summary
from translate_kit.report import REPORTERS, ReportInput, render, span
from translate_kit.report.github import escape_data, escape_property
from translate_kit.report.text import cell_width, should_color, underline
from translate_kit.rules.base import Rule, RuleDoc

GOLDEN_DIR = Path(__file__).parent / "data" / "report"
SARIF_SCHEMA = Path("/work/shared/schemas/sarif-schema-2.1.0.json")
UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"

GOLDEN_FILES = {
    "text": "text.txt",
    "concise": "concise.txt",
    "json": "report.json",
    "sarif": "report.sarif",
    "github": "github.txt",
    "junit": "junit.xml",
    "codeclimate": "codeclimate.json",
}

WEIRD_PATH = "docs/q&a, 100%: 改訂 #1.md"


def _rule(rule_id: str, severity: Severity, summary: str) -> Rule:
    """A declared rule with placeholder docs; checks are irrelevant to reporters."""
    doc = RuleDoc(
        what=f"Flags {summary.lower()}.",
        why="Readers should see one spelling.",
        example_bad="ジョンスミス / ジョン・スミス",
        example_good="ジョン・スミス",
    )
    return Rule(id=rule_id, severity=severity, summary=summary, doc=doc, check=lambda ctx: ())


RULES = (
    _rule("name-inconsistent", Severity.ERROR, "Inconsistent name spellings"),
    _rule("kanji-variant", Severity.WARNING, "Variant kanji forms"),
    _rule("placeholder-mismatch", Severity.ERROR, "Placeholders differ from the msgid"),
    _rule("long-katakana", Severity.INFO, "Long katakana compounds"),
)

SNIPPETS = {
    ("docs/guide.md", 3): "本日はジョンスミス氏が来日しました。\n",
    ("locales/ja/LC_MESSAGES/app.po", 41): (
        'msgstr "%(count)d 件のファイル"\r\n'
    ),
    ("docs/food.md", 2): "昼は𠮷野家で食べた。",
    (WEIRD_PATH, 1): "コンピューターセキュリティーインシデントレスポンスチーム",
}

FINDINGS = (
    Finding(
        rule="name-inconsistent",
        severity=Severity.ERROR,
        path="docs/guide.md",
        line=3,
        column=4,
        end_line=3,
        end_column=10,
        message="「ジョンスミス」 is spelled 「ジョン・スミス」 elsewhere",
        found="ジョンスミス",
        expected="ジョン・スミス",
        entity="ジョン・スミス",
        related=(
            Related("docs/intro.md", 1, 5, "ジョン・スミス"),
            Related("docs/guide.md", 7, 2, "ジョン・スミス"),
        ),
    ),
    Finding(
        rule="kanji-variant",
        severity=Severity.WARNING,
        path="docs/food.md",
        line=2,
        column=3,
        end_line=2,
        end_column=6,
        message="variant form 𠮷 of 吉",
        found="𠮷野家",
        expected="吉野家",
    ),
    Finding(
        rule="placeholder-mismatch",
        severity=Severity.ERROR,
        path="locales/ja/LC_MESSAGES/app.po",
        line=41,
        column=9,
        end_line=42,
        end_column=3,
        message="placeholder %(count)d missing: expected 1, got 0\nin msgstr",
        found="%(count)d",
    ),
    Finding(
        rule="long-katakana",
        severity=Severity.INFO,
        path=WEIRD_PATH,
        line=1,
        column=1,
        end_line=1,
        end_column=29,
        message="katakana run of 28 characters; consider splitting with ・",
        found="コンピューターセキュリティーインシデントレスポンスチーム",
    ),
)

ERRORS = (
    InputError("locales/broken.po", 12, "unterminated string"),
    InputError("docs/binary.md", None, "not valid UTF-8: byte 0xff at offset 10"),
)


def make_report(**changes: object) -> ReportInput:
    """The fixed report every golden file renders."""
    report = ReportInput(
        findings=FINDINGS,
        errors=ERRORS,
        rules=RULES,
        tool_version="0.1.0",
        summary=Summary(files=5, segments=20, findings=4, errors=2, by_severity=()),
        snippets=SNIPPETS,
    )
    return dataclasses.replace(report, **changes)


def check_golden(name: str, actual: str) -> None:
    """Compare with the golden file (or rewrite it under UPDATE_GOLDEN=1)."""
    path = GOLDEN_DIR / name
    if UPDATE:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(actual.encode("utf-8"))
    if not path.exists():
        pytest.fail(f"missing golden file {path}; create it with UPDATE_GOLDEN=1")
    assert actual == path.read_bytes().decode("utf-8")


# --- golden outputs --------------------------------------------------------------------


def test_every_format_has_a_golden_file() -> None:
    assert set(REPORTERS) == set(GOLDEN_FILES)


@pytest.mark.parametrize("fmt", sorted(GOLDEN_FILES))
def test_golden(fmt: str) -> None:
    check_golden(GOLDEN_FILES[fmt], render(fmt, make_report()))


def test_golden_text_color() -> None:
    check_golden("text-color.txt", render("text", make_report(color=True)))


@pytest.mark.parametrize("fmt", sorted(REPORTERS))
def test_render_is_deterministic_and_order_independent(fmt: str) -> None:
    shuffled = make_report(findings=tuple(reversed(FINDINGS)), errors=tuple(reversed(ERRORS)))
    assert render(fmt, shuffled) == render(fmt, make_report())


@pytest.mark.parametrize("fmt", sorted(REPORTERS))
def test_empty_report_renders(fmt: str) -> None:
    out = render(fmt, ReportInput(findings=(), errors=(), rules=RULES, tool_version="0.1.0"))
    assert out == "" or out.endswith("\n")


def test_unknown_format_names_known_ones() -> None:
    with pytest.raises(ValueError, match="sarif"):
        render("yaml", make_report())


# --- text ------------------------------------------------------------------------------


def _cells(text: str) -> int:
    return sum(cell_width(c) for c in text)


def test_carets_sit_under_wide_characters() -> None:
    line = SNIPPETS[("docs/guide.md", 3)]
    carets = underline(line, 4, 10)
    assert carets == " " * _cells("本日は") + "^" * _cells("ジョンスミス")
    assert carets == " " * 6 + "^" * 12


def test_carets_under_astral_character() -> None:
    assert unicodedata.east_asian_width("𠮷") == "W"
    assert underline("昼は𠮷野家で食べた。", 3, 6) == "    " + "^" * 6


def test_carets_after_tab_and_combining_mark() -> None:
    assert underline("\tか\u3099な", 4, 5) == " " * (4 + 2 + 0) + "^^"


def test_zero_width_span_still_gets_a_caret() -> None:
    assert underline("abc", 2, 2) == " ^"


def test_text_without_snippet_shows_header_only() -> None:
    out = render("text", make_report(snippets={}))
    assert "docs/guide.md:3:4: error name-inconsistent" in out
    assert "^" not in out


def test_text_summary_line() -> None:
    last = render("text", make_report()).splitlines()[-1]
    assert last == (
        "4 findings (2 errors, 1 warning, 1 info) in 4 of 5 files; 2 input errors"
    )


def test_text_has_no_ansi_unless_asked() -> None:
    assert "\x1b[" not in render("text", make_report())
    assert "\x1b[" in render("text", make_report(color=True))


@pytest.mark.parametrize(
    ("mode", "env", "tty", "expected"),
    [
        ("always", {"NO_COLOR": "1"}, False, True),
        ("never", {"FORCE_COLOR": "1"}, True, False),
        ("auto", {}, True, True),
        ("auto", {}, False, False),
        ("auto", {"NO_COLOR": "1"}, True, False),
        ("auto", {"NO_COLOR": ""}, True, True),
        ("auto", {"FORCE_COLOR": "1"}, False, True),
        ("auto", {"TERM": "dumb"}, True, False),
    ],
)
def test_should_color(mode: str, env: dict[str, str], tty: bool, expected: bool) -> None:
    class Stream(io.StringIO):
        def isatty(self) -> bool:
            return tty

    assert should_color(Stream(), mode, env) is expected


# --- concise ---------------------------------------------------------------------------


def test_concise_is_one_line_per_item() -> None:
    lines = render("concise", make_report()).splitlines()
    assert len(lines) == len(FINDINGS) + len(ERRORS)
    assert "docs/binary.md: error: not valid UTF-8: byte 0xff at offset 10" in lines
    assert "locales/broken.po:12: error: unterminated string" in lines


# --- json ------------------------------------------------------------------------------


def test_json_shape_and_key_order() -> None:
    data = json.loads(render("json", make_report()))
    assert list(data) == ["version", "findings", "errors", "summary"]
    assert data["version"] == 1
    assert list(data["findings"][0]) == [
        "rule", "severity", "path", "line", "column", "end_line", "end_column",
        "message", "found", "expected", "entity", "related",
    ]  # fmt: skip
    related = next(f["related"] for f in data["findings"] if f["related"])
    assert list(related[0]) == ["path", "line", "column", "found"]
    assert list(data["errors"][0]) == ["path", "line", "message"]
    assert {f["severity"] for f in data["findings"]} == {"error", "warning", "info"}
    assert any(f["expected"] is None for f in data["findings"])
    assert "ジョン" in render("json", make_report())  # ensure_ascii=False


# --- sarif -----------------------------------------------------------------------------


def test_sarif_validates_against_schema() -> None:
    if not SARIF_SCHEMA.exists():
        pytest.skip(f"SARIF schema not found at {SARIF_SCHEMA}")
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    log = json.loads(render("sarif", make_report()))
    validator_cls = jsonschema.validators.validator_for(schema)
    validator = validator_cls(schema, format_checker=validator_cls.FORMAT_CHECKER)
    errors = sorted(validator.iter_errors(log), key=str)
    assert not errors, "\n".join(str(e) for e in errors[:3])


def test_sarif_contents() -> None:
    log = json.loads(render("sarif", make_report(source_root="file:///repo")))
    run = log["runs"][0]
    assert run["columnKind"] == "unicodeCodePoints"
    assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"] == "file:///repo/"
    rules = run["tool"]["driver"]["rules"]
    for result in run["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
        assert set(result["partialFingerprints"]) == {"translateKit/v1"}
    by_rule = {r["ruleId"]: r for r in run["results"]}
    astral = by_rule["kanji-variant"]["locations"][0]["physicalLocation"]["region"]
    assert (astral["startColumn"], astral["endColumn"]) == (3, 6)  # code points, not UTF-16
    weird = by_rule["long-katakana"]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert weird == {
        "uri": "docs/q%26a%2C%20100%25%3A%20%E6%94%B9%E8%A8%82%20%231.md",
        "uriBaseId": "%SRCROOT%",
    }
    assert "fixes" not in by_rule["long-katakana"]
    fix = by_rule["kanji-variant"]["fixes"][0]["artifactChanges"][0]["replacements"][0]
    assert fix["insertedContent"]["text"] == "吉野家"
    assert len(by_rule["name-inconsistent"]["relatedLocations"]) == 2
    invocation = run["invocations"][0]
    assert invocation["executionSuccessful"] is False
    assert len(invocation["toolExecutionNotifications"]) == 2
    levels = {rule["id"]: rule["defaultConfiguration"]["level"] for rule in rules}
    assert levels["long-katakana"] == "note"


def test_sarif_without_errors_is_successful() -> None:
    log = json.loads(render("sarif", make_report(errors=())))
    assert log["runs"][0]["invocations"][0]["executionSuccessful"] is True


# --- junit -----------------------------------------------------------------------------


def test_junit_parses_with_counts() -> None:
    out = render("junit", make_report())
    root = ET.fromstring(out.encode("utf-8"))
    assert root.tag == "testsuites"
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == sorted(s.get("name") for s in suites)
    assert int(root.get("tests")) == sum(int(s.get("tests")) for s in suites) == 6
    assert int(root.get("failures")) == 4
    assert int(root.get("errors")) == 2
    for suite in suites:
        cases = suite.findall("testcase")
        assert int(suite.get("tests")) == len(cases)
        assert int(suite.get("failures")) == sum(c.find("failure") is not None for c in cases)
    case = root.find("testsuite[@name='locales/ja/LC_MESSAGES/app.po']/testcase")
    assert case is not None and case.get("name") == "placeholder-mismatch"
    failure = case.find("failure")
    assert failure.get("type") == "placeholder-mismatch"
    assert "%(count)d missing: expected 1, got 0\nin msgstr" in failure.get("message")


def test_junit_with_lxml_if_available() -> None:
    etree = pytest.importorskip("lxml.etree")
    root = etree.fromstring(render("junit", make_report()).encode("utf-8"))
    assert root.xpath("count(//testcase)") == 6


def test_junit_clean_run_has_one_passing_case() -> None:
    out = render("junit", make_report(findings=(), errors=()))
    root = ET.fromstring(out.encode("utf-8"))
    assert (root.get("tests"), root.get("failures"), root.get("errors")) == ("1", "0", "0")


def test_junit_strips_characters_xml_cannot_hold() -> None:
    bad = dataclasses.replace(FINDINGS[1], message="bell\x07 and nul\x00")
    root = ET.fromstring(render("junit", make_report(findings=(bad,))).encode("utf-8"))
    assert "\ufffd" in root.find(".//failure").get("message")


# --- github ----------------------------------------------------------------------------


def test_github_escaping() -> None:
    assert escape_data("100% done\r\nnext: a, b") == "100%25 done%0D%0Anext: a, b"
    assert escape_property("100% done\r\nnext: a, b") == "100%25 done%0D%0Anext%3A a%2C b"
    assert escape_property("%3A") == "%253A"  # no double meaning after escaping


def test_github_commands() -> None:
    lines = render("github", make_report()).splitlines()
    assert len(lines) == len(FINDINGS) + len(ERRORS)
    po = next(line for line in lines if "app.po" in line)
    assert po.startswith("::error file=locales/ja/LC_MESSAGES/app.po,line=41,endLine=42,")
    assert po.endswith("::placeholder %25(count)d missing: expected 1, got 0%0Ain msgstr")
    weird = next(line for line in lines if line.startswith("::notice"))
    assert "file=docs/q&a%2C 100%25%3A 改訂 #1.md,line=1,col=1,endLine=1,endColumn=29," in weird
    assert any(line.startswith("::warning file=docs/food.md,") for line in lines)


# --- codeclimate -----------------------------------------------------------------------


def test_codeclimate_issues() -> None:
    issues = json.loads(render("codeclimate", make_report()))
    assert len(issues) == len(FINDINGS) + len(ERRORS)
    assert len({i["fingerprint"] for i in issues}) == len(issues)
    severities = {i["check_name"]: i["severity"] for i in issues}
    assert severities["long-katakana"] == "info"
    assert severities["kanji-variant"] == "minor"
    assert severities["name-inconsistent"] == "major"
    assert all(i["location"]["lines"]["begin"] >= 1 for i in issues)


# --- fingerprints ----------------------------------------------------------------------


def _moved(finding: Finding, lines: int) -> Finding:
    return dataclasses.replace(
        finding, line=finding.line + lines, end_line=finding.end_line + lines
    )


def test_fingerprint_ignores_line_number() -> None:
    finding = FINDINGS[0]
    snippet = SNIPPETS[("docs/guide.md", 3)]
    assert fingerprint(finding, snippet) == fingerprint(_moved(finding, 20), snippet)


def test_fingerprint_ignores_whitespace_changes_on_the_line() -> None:
    finding = FINDINGS[0]
    snippet = SNIPPETS[("docs/guide.md", 3)]
    assert fingerprint(finding, snippet) == fingerprint(finding, "  " + snippet + "\t")
    assert normalize_line("\tA　 B\n") == "A B"


def test_fingerprint_changes_with_found_text_or_line_text() -> None:
    finding = FINDINGS[0]
    snippet = SNIPPETS[("docs/guide.md", 3)]
    base = fingerprint(finding, snippet)
    assert fingerprint(dataclasses.replace(finding, found="ジョン・スミズ"), snippet) != base
    assert fingerprint(dataclasses.replace(finding, expected="J・スミス"), snippet) != base
    assert fingerprint(dataclasses.replace(finding, rule="other"), snippet) != base
    assert fingerprint(finding, snippet.replace("本日", "昨日")) != base


def test_fingerprints_number_identical_findings() -> None:
    line = "ジョンスミスとジョンスミス"
    first = dataclasses.replace(FINDINGS[0], column=1, end_column=7)
    second = dataclasses.replace(FINDINGS[0], column=8, end_column=14)
    other = _moved(first, 10)
    snippets = {("docs/guide.md", 3): line, ("docs/guide.md", 13): line}
    result = fingerprints([second, other, first], snippets)
    assert sorted(result.values()) == sorted(
        fingerprint(first, line, n) for n in (1, 2, 3)
    )
    assert result[first].endswith(":1") and result[other].endswith(":3")


def test_report_fingerprints_survive_moving_a_block() -> None:
    moved = tuple(_moved(f, 5) if f.path == "docs/guide.md" else f for f in FINDINGS)
    moved_snippets = {
        (path, line + 5 if path == "docs/guide.md" else line): text
        for (path, line), text in SNIPPETS.items()
    }
    before = json.loads(render("codeclimate", make_report()))
    after = json.loads(render("codeclimate", make_report(findings=moved, snippets=moved_snippets)))
    assert [i["fingerprint"] for i in before] == [i["fingerprint"] for i in after]


def test_caller_fingerprints_are_used() -> None:
    given = {f: f"fp-{i}" for i, f in enumerate(FINDINGS)}
    log = json.loads(render("sarif", make_report(fingerprints=given)))
    values = {r["partialFingerprints"]["translateKit/v1"] for r in log["runs"][0]["results"]}
    assert values == set(given.values())


# --- spans -----------------------------------------------------------------------------


def test_span_repairs_unknown_end() -> None:
    finding = dataclasses.replace(FINDINGS[1], end_line=0, end_column=0)
    where = span(finding)
    assert (where.end_line, where.end_column) == (2, 6)


# --- summary ---------------------------------------------------------------------------


def test_summary_counts_come_from_the_report() -> None:
    stale = {"files": 9, "findings": 99, "by_severity": {}, "cache_hits": 3}
    summary = json.loads(render("json", make_report(summary=stale)))["summary"]
    assert summary["findings"] == 4 and summary["files"] == 9 and summary["cache_hits"] == 3
    assert summary["by_severity"] == {"error": 2, "warning": 1, "info": 1}


def test_summary_dataclass_extra_is_flattened() -> None:
    summary = Summary(files=2, extra=(("glossary_terms", 7),))
    data = json.loads(render("json", make_report(summary=summary)))["summary"]
    assert data["glossary_terms"] == 7 and "extra" not in data
