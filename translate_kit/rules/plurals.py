"""`plural-forms`: plural translations that do not fit the target language's plural rules.

The number of plural forms a language needs comes from Babel's gettext table
(`babel.messages.plurals.get_plural`: ja 1, fr 2, ru 3, ar 6). The target language is the
header's `Language`, else `--lang`, else Japanese when the catalog's text was detected as
Japanese (detection cannot tell other languages apart). A language Babel does not know, or
knows only by the English fallback, is not checked.

Two things are checked: each translated plural entry has exactly that many `msgstr[n]`
(empty forms count; an entry with every form empty is untranslated and skipped), reported
at the first surplus `msgstr[n]` keyword or at the last one when forms are missing; and the
header's `Plural-Forms: nplurals=N; plural=…;` says N, reported on the header value with
Babel's `nplurals=…; plural=…;` as expected. Only N is compared: plural expressions are
written in many equivalent ways. An unparsable Plural-Forms value is a finding too; a
template's (.pot) header is not checked.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Iterator

from babel import Locale
from babel.core import UnknownLocaleError
from babel.messages.plurals import PLURALS, get_plural

from translate_kit.model import Document, Finding, LineIndex, Severity
from translate_kit.rules.base import Rule, RuleDoc
from translate_kit.rules.placeholders import CatalogEntry, catalog_entries, make_finding

if TYPE_CHECKING:  # pragma: no cover
    from translate_kit.pipeline import RunContext

_PLURAL_KEYWORD = re.compile(r"^[ \t]*(msgstr\[(\d+)\])", re.MULTILINE)
_PLURAL_FORMS = re.compile(r"^\s*nplurals\s*=\s*(\d+)\s*;\s*plural\s*=\s*([n\d\s()?:<>=!&|%+*/-]+?)\s*;?\s*$")
_HEADER_FIELD = re.compile(r"(?:(?<=\")|(?<=\\n))[ \t]*(Plural-Forms)[ \t]*:[ \t]*")


def babel_plural_forms(tag: str) -> tuple[int, str] | None:
    """(nplurals, `nplurals=N; plural=EXPR;`) for a locale tag such as "ja_JP.UTF-8",
    or None when Babel does not know the language's plural rules."""
    name = re.split(r"[.@]", tag.strip(), maxsplit=1)[0].replace("-", "_")
    if not name:
        return None
    try:
        locale = Locale.parse(name)
    except (ValueError, TypeError, UnknownLocaleError):
        return None
    if str(locale) not in PLURALS and locale.language not in PLURALS:
        return None  # get_plural would answer with its English default
    plural = get_plural(locale)
    return plural.num_plurals, plural.plural_forms


def parse_plural_forms(value: str) -> int | None:
    """N from `nplurals=N; plural=EXPR;`, or None when the value does not parse."""
    m = _PLURAL_FORMS.match(value)
    return int(m.group(1)) if m else None


def target_language(doc: Document, ctx: "RunContext") -> str | None:
    """The catalog's language tag: header, else --lang, else detected Japanese."""
    declared = dict(doc.metadata).get("Language", "").strip()
    if declared:
        return declared
    if ctx.options.lang:
        return ctx.options.lang
    return "ja" if doc.lang == "ja" else None


def check_document(doc: Document, ctx: "RunContext") -> Iterator[Finding]:
    """Check the header's nplurals and every plural entry's number of forms."""
    if doc.format != "po":
        return
    tag = target_language(doc, ctx)
    known = babel_plural_forms(tag) if tag else None
    if known is None:
        return
    nplurals, expected = known
    index = LineIndex(doc.text)
    header = _header_finding(doc, index, tag or "", nplurals, expected)
    if header is not None:
        yield header
    limits = _next_entry_starts(doc)
    for entry in catalog_entries(doc, ctx.options.include_fuzzy):
        finding = _entry_finding(doc, index, entry, limits[entry.number], tag or "", nplurals)
        if finding is not None:
            yield finding


def _header_finding(doc: Document, index: LineIndex, tag: str, nplurals: int, expected: str) -> Finding | None:
    """A finding when the header's Plural-Forms disagrees with Babel or does not parse."""
    value = dict(doc.metadata).get("Plural-Forms")
    if value is None or doc.path.endswith(".pot"):
        return None  # a template's header is filled in by msginit
    declared = parse_plural_forms(value)
    if declared == nplurals:
        return None
    span = _header_value_span(doc, value.strip())
    if declared is None:
        message = f"the header's Plural-Forms cannot be parsed; {tag} needs {expected}"
    else:
        message = f"the header says nplurals={declared}, but {tag} has {nplurals} plural form{_s(nplurals)} ({expected})"
    a, b = index.position(span[0]), index.position(span[1])
    return Finding(
        rule=RULE.id,
        severity=RULE.severity,
        path=doc.path,
        line=a.line,
        column=a.column,
        end_line=b.line,
        end_column=b.column,
        message=message,
        found=value.strip(),
        expected=expected,
    )


def _header_value_span(doc: Document, value: str) -> tuple[int, int]:
    """File offsets of the Plural-Forms value in the header (of the field name when the
    value is split over string lines), searched before the first entry."""
    limit = min((s.start for s in doc.segments), default=len(doc.text))
    m = _HEADER_FIELD.search(doc.text, 0, limit)
    if m is None:
        return 0, 0
    start = m.end()
    if doc.text.startswith(value, start):
        return start, start + len(value)
    return m.start(1), m.end(1)


def _next_entry_starts(doc: Document) -> dict[int, int]:
    """For each entry, where the next entry's first segment starts (the end of the file
    for the last): an entry's keywords lie before it. Segments are in file order."""
    firsts: list[tuple[int, int]] = []
    for s in doc.segments:
        if s.entry is not None and (not firsts or firsts[-1][0] != s.entry):
            firsts.append((s.entry, s.start))
    ends = [start for _entry, start in firsts[1:]] + [len(doc.text)]
    return {entry: end for (entry, _start), end in zip(firsts, ends)}


def _entry_finding(
    doc: Document, index: LineIndex, entry: CatalogEntry, limit: int, tag: str, nplurals: int
) -> Finding | None:
    """A finding when a translated plural entry has more or fewer forms than needed."""
    plural = next((s for s in entry.sources if s.kind == "msgid_plural"), None)
    if plural is None or not any(t.kind.startswith("msgstr[") for t in entry.targets):
        return None
    keywords = list(_PLURAL_KEYWORD.finditer(doc.text, plural.end, limit))
    count = len(keywords)
    if count == nplurals or count == 0:
        return None
    keyword = keywords[nplurals] if count > nplurals else keywords[-1]
    span = (keyword.start(1), keyword.end(1))
    message = (
        f"{tag} has {nplurals} plural form{_s(nplurals)} (msgstr[0]..msgstr[{nplurals - 1}]), "
        f"this entry has {count}"
    )
    return make_finding(RULE, doc.path, index, span, keyword.group(1), None, message)


def _s(n: int) -> str:
    """A plural ending for English messages."""
    return "" if n == 1 else "s"


RULE = Rule(
    id="plural-forms",
    severity=Severity.ERROR,
    summary="A plural translation or the Plural-Forms header does not match the language's number of plural forms.",
    doc=RuleDoc(
        what=(
            "Checks that every translated plural entry has as many msgstr[n] as the target "
            "language has plural forms (from Babel: ja 1, fr 2, ru 3, ar 6), and that the "
            "header's Plural-Forms declares that nplurals."
        ),
        why=(
            "gettext picks msgstr[n] by the header's plural expression: a wrong nplurals "
            "or a missing form shows the wrong or the untranslated text, and msgfmt "
            "rejects the catalog."
        ),
        example_bad='"Plural-Forms: nplurals=2; plural=(n != 1);\\n"  (ja)\nmsgstr[0] "%d 個のファイル"\nmsgstr[1] "%d 個のファイル"',
        example_good='"Plural-Forms: nplurals=1; plural=0;\\n"  (ja)\nmsgstr[0] "%d 個のファイル"',
    ),
    check_document=check_document,
)
