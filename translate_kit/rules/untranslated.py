"""`untranslated`: catalog entries without a translation — only with --report-untranslated.

By default untranslated entries are counted in the summary, not reported: most projects
translate incrementally, and a checker that fails on every untranslated string is turned
off. Teams that require complete catalogs opt in.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterator

from translate_kit.messages import msg
from translate_kit.model import Document, Finding, LineIndex, Severity
from translate_kit.rules.base import Rule, RuleDoc
from translate_kit.rules.placeholders import make_finding

if TYPE_CHECKING:  # pragma: no cover
    from translate_kit.engine.contribution import DocumentScope


def check_document(doc: Document, ctx: "DocumentScope") -> Iterator[Finding]:
    if not ctx.options.report_untranslated or not doc.lang:
        return
    index: LineIndex | None = None
    for seg in doc.untranslated_msgids():
        if "fuzzy" in seg.flags and not ctx.options.include_fuzzy:
            continue
        index = index or doc.line_index()
        span = (seg.file_offset(0), seg.file_offset(len(seg.text)))
        yield make_finding(RULE, doc.path, index, span, seg.text[:60], None, msg("no translation for {text}", text=repr(seg.text[:60])))


RULE = Rule(
    id="untranslated",
    severity=Severity.INFO,
    summary="A catalog entry without a translation (reported only with --report-untranslated).",
    doc=RuleDoc(
        what="Reports each msgid whose msgstr is empty, when the run asks for it.",
        why="Some releases must ship complete catalogs; by default the count appears in the summary only.",
        example_bad='msgid "Save"\nmsgstr ""',
        example_good='msgid "Save"\nmsgstr "保存"',
    ),
    check_document=check_document,
)
