"""JUnit XML, which Jenkins, GitLab and most CI servers show as test results.

One `<testsuite>` per file; one failing `<testcase classname=path name=rule>` per rule and
file with findings, whose `<failure>` lists them; an `<error>` testcase per unreadable
input. A clean run gets one passing testcase, since some CI servers reject an empty
report. Built with ElementTree, so everything is escaped; characters XML 1.0 cannot hold
at all (most C0 controls) are replaced by U+FFFD.
"""

from __future__ import annotations

import itertools
import re
import xml.etree.ElementTree as ET
from collections import defaultdict

from translate_kit.messages import Localizer
from translate_kit.model import Finding, InputError
from translate_kit.report.base import (
    TOOL_NAME,
    ReportInput,
    localized_message,
    ordered_errors,
    ordered_findings,
    span,
)

__all__ = ["render"]

_XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n'
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
INPUT_ERROR_NAME = "input error"


def _clean(text: str) -> str:
    """Replace characters XML 1.0 forbids, which ElementTree would write unescaped."""
    return _NOT_XML.sub("\ufffd", text)


def _finding_text(finding: Finding, localizer: Localizer) -> str:
    """One finding in the failure body: `path:line:col: severity rule message` (+ expected)."""
    where = span(finding)
    text = (
        f"{finding.path}:{where.line}:{where.column}: "
        f"{finding.severity} {finding.rule} {localized_message(finding, localizer)}"
    )
    if finding.expected is not None:
        text += f"\n  expected: {finding.expected}"
    return text


def _failure_message(findings: list[Finding], localizer: Localizer) -> str:
    """The short failure message: the finding itself, or a count when there are several."""
    if len(findings) == 1:
        where = span(findings[0])
        return f"{where.line}:{where.column}: {localized_message(findings[0], localizer)}"
    return f"{len(findings)} findings"


def _rule_case(path: str, rule: str, findings: list[Finding], localizer: Localizer) -> ET.Element:
    """A failing testcase for one rule in one file."""
    case = ET.Element("testcase", classname=_clean(path), name=_clean(rule), file=_clean(path))
    case.set("time", "0")
    failure = ET.SubElement(case, "failure", message=_clean(_failure_message(findings, localizer)))
    failure.set("type", _clean(rule))
    failure.text = _clean("\n".join(_finding_text(f, localizer) for f in findings))
    return case


def _error_case(error: InputError, localizer: Localizer) -> ET.Element:
    """An erroring testcase for a file (or line) that could not be read."""
    case = ET.Element("testcase", classname=_clean(error.path), name=INPUT_ERROR_NAME)
    case.set("file", _clean(error.path))
    case.set("time", "0")
    element = ET.SubElement(case, "error", message=_clean(error.text(localizer)), type="InputError")
    element.text = _clean(error.shown(localizer))
    return case


def _suite(name: str, cases: list[ET.Element]) -> ET.Element:
    """A testsuite with its counts in attributes."""
    suite = ET.Element("testsuite", name=_clean(name))
    _set_counts(suite, cases)
    suite.extend(cases)
    return suite


def _set_counts(element: ET.Element, cases: list[ET.Element]) -> None:
    """Set tests/failures/errors/skipped/time from the testcases below an element."""
    element.set("tests", str(len(cases)))
    element.set("failures", str(sum(c.find("failure") is not None for c in cases)))
    element.set("errors", str(sum(c.find("error") is not None for c in cases)))
    element.set("skipped", "0")
    element.set("time", "0")


def _cases_by_file(report: ReportInput) -> dict[str, list[ET.Element]]:
    """Testcases grouped by file: rule failures first (by rule), then input errors."""
    cases: dict[str, list[ET.Element]] = defaultdict(list)
    by_file_rule = sorted(ordered_findings(report), key=lambda f: (f.path, f.rule))
    for (path, rule), group in itertools.groupby(by_file_rule, key=lambda f: (f.path, f.rule)):
        cases[path].append(_rule_case(path, rule, list(group), report.localizer))
    for error in ordered_errors(report):
        cases[error.path].append(_error_case(error, report.localizer))
    return cases


def _passing_case() -> ET.Element:
    """The single passing testcase of a clean run."""
    return ET.Element("testcase", classname=TOOL_NAME, name="translation consistency", time="0")


def render(report: ReportInput) -> str:
    """The `<testsuites>` document, indented, with an XML declaration."""
    by_file = _cases_by_file(report) or {TOOL_NAME: [_passing_case()]}
    root = ET.Element("testsuites", name=TOOL_NAME)
    suites = [_suite(path, by_file[path]) for path in sorted(by_file)]
    _set_counts(root, [case for suite in suites for case in suite])
    root.extend(suites)
    ET.indent(root, space="  ")
    return _XML_DECLARATION + ET.tostring(root, encoding="unicode") + "\n"
