"""`plural-forms`: plural translations that do not fit the target language's plural rules.

The number of plural forms a language needs comes from Babel's CLDR plural rules. The
gettext count is the number of categories whole numbers below 1000 fall into (ja 1, fr 2,
ru 3, ar 6): gettext catalogs choose a form for a count of things, so categories only
decimals or millions reach (CLDR's "many" of fr, es, it, pt since CLDR 42) are not forms
translators write. Also accepted: Babel's own gettext table (`babel.messages.plurals`,
which from Babel 2.19 follows CLDR: fr 3) and CLDR's count of all categories (fr 3, ru 4),
which Transifex and other tools write in headers. The target language is the header's `Language`, else
`--lang`, else Japanese when the catalog's text was detected as Japanese (detection
cannot tell other languages apart). A language missing from Babel's gettext table is not
checked (get_plural would only guess English rules).

Two things are checked. The header's `Plural-Forms: nplurals=N; plural=…;` must give one
of those counts; it is reported on the header value with Babel's gettext
`nplurals=…; plural=…;` as expected. Only N is compared: plural expressions are written in
many equivalent ways. An unparsable value is a finding too; a template's (.pot) header is
not checked. And each translated plural entry must have exactly N `msgstr[n]` (the
header's N when it is acceptable, else gettext's), empty forms included; an entry with
every form empty is untranslated and skipped. It is reported at the first surplus
`msgstr[n]` keyword, or at the last one when forms are missing.
"""

from __future__ import annotations

import re
from gettext import c2py
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Iterator

from translate_kit.messages import msg, msg_n
from translate_kit.model import Document, Finding, Severity
from translate_kit.rules.base import Rule, RuleDoc
from translate_kit.model import CatalogEntry
from translate_kit import icu
from translate_kit.icu import CATEGORIES, required_categories
from translate_kit.model import Segment
from translate_kit.rules.placeholders import make_finding, segment_span, text_prefix
from translate_kit.sources.units import PLURAL_FLAG

if TYPE_CHECKING:  # pragma: no cover
    from babel.plural import PluralRule

    from translate_kit.engine.contribution import DocumentScope

_PLURAL_KEYWORD = re.compile(r"^[ \t]*(msgstr\[(\d+)\])", re.MULTILINE)
_PLURAL_FORMS = re.compile(r"^\s*nplurals\s*=\s*(\d+)\s*;\s*plural\s*=\s*([n\d\s()?:<>=!&|%+*/-]+?)\s*;?\s*$")
_HEADER_FIELD = re.compile(r"(?:(?<=\")|(?<=\\n))[ \t]*(Plural-Forms)[ \t]*:[ \t]*")


@dataclass(frozen=True)
class PluralRules:
    """What Babel knows about a language's plurals: gettext's count and expression, and
    the count CLDR gives (its categories plus "other"), which tools such as Transifex
    write in headers (ru: gettext 3, CLDR 4)."""

    nplurals: int
    plural_forms: str
    cldr_nplurals: int
    table_nplurals: int = 0

    def accepts(self, n: int) -> bool:
        """Whether a catalog may declare `n` plural forms."""
        return n in (self.nplurals, self.cldr_nplurals, self.table_nplurals)


@lru_cache(maxsize=256)
def babel_plural_forms(tag: str) -> PluralRules | None:
    """Babel's plural rules for a locale tag such as "ja_JP.UTF-8", or None when Babel
    does not know the language's gettext plural rules."""
    from babel import Locale  # imported here: see langtags
    from babel.core import UnknownLocaleError
    from babel.messages.plurals import PLURALS, get_plural

    name = re.split(r"[.@]", tag.strip(), maxsplit=1)[0].replace("-", "_")
    if not _LANGUAGE_TAG.match(name):
        return None  # "C", "POSIX" and paths are not languages (Babel 2.19 reads C as en_US_POSIX)
    try:
        locale = Locale.parse(name)
    except (ValueError, TypeError, UnknownLocaleError):
        return None
    if str(locale) not in PLURALS and locale.language not in PLURALS:
        return None  # get_plural would answer with its English default
    table = get_plural(locale)
    cldr = locale.plural_form
    counted = _whole_number_rule(cldr)
    if counted is None or table.num_plurals <= counted[0]:
        # the table's count when it is not more (vi: 1, where Babel's CLDR data reaches two
        # categories), and its expression, the one tools write
        nplurals, forms = table.num_plurals, table.plural_forms
    else:
        nplurals, forms = counted  # fr, es, it, pt under Babel 2.19: 2, not the table's 3
    return PluralRules(nplurals, forms, len(cldr.tags) + 1, table.num_plurals)


_LANGUAGE_TAG = re.compile(r"^[A-Za-z]{2,3}(?:_[A-Za-z0-9]{2,8})*$")
_WHOLE_NUMBERS = range(1000)


def _whole_number_rule(rule: PluralRule) -> tuple[int, str] | None:
    """gettext's count and `nplurals=…; plural=…;` for the categories whole numbers below
    1000 reach; when "other" is not among them (ru: only decimals), the last category
    reached stands for it. None when Babel cannot write the expression."""
    from babel.plural import PluralRule, to_gettext  # imported here: see langtags

    reached = {rule(n) for n in _WHOLE_NUMBERS}
    kept = {tag: text for tag, text in rule.rules.items() if tag in reached}
    if "other" not in reached and kept:
        kept.pop(next(tag for tag in reversed(_CLDR_ORDER) if tag in kept))
    try:
        forms = to_gettext(PluralRule(kept))
        choose = c2py(forms.split("plural=", 1)[1].rstrip(";"))
    except (ValueError, RuntimeError, KeyError):  # pragma: no cover - Babel's own rules parse
        return None
    indices = [choose(n) for n in _WHOLE_NUMBERS]
    for usual in _USUAL_EXPRESSIONS.get(len(reached), ()):
        usual_choice = c2py(usual)
        if [usual_choice(n) for n in _WHOLE_NUMBERS] == indices:
            return len(reached), f"nplurals={len(reached)}; plural={usual};"
    return len(reached), forms


# How catalogs usually write the simple rules; used when one picks the same forms.
_USUAL_EXPRESSIONS = {2: ("(n != 1)", "(n > 1)")}
_CLDR_ORDER = ("zero", "one", "two", "few", "many", "other")


def parse_plural_forms(value: str) -> int | None:
    """N from `nplurals=N; plural=EXPR;`, or None when the value does not parse (a count
    of thousands of digits too: int() refuses it, and no language has that many forms)."""
    m = _PLURAL_FORMS.match(value)
    return int(m.group(1)) if m and len(m.group(1)) <= 9 else None


def target_language(doc: Document, ctx: "DocumentScope") -> str | None:
    """The catalog's language tag: header, else --lang, else detected Japanese."""
    declared = dict(doc.metadata).get("Language", "").strip()
    if declared:
        return declared
    if ctx.options.lang:
        return ctx.options.lang
    return "ja" if doc.lang == "ja" else None


def check_document(doc: Document, ctx: "DocumentScope") -> Iterator[Finding]:
    """Check the header's nplurals and every plural entry's number of forms."""
    if not doc.bilingual:
        return
    tag = target_language(doc, ctx)
    rules = babel_plural_forms(tag) if tag else None
    if tag is None or rules is None:
        return
    yield from category_findings(doc, tag, ctx.options.include_fuzzy)
    if doc.format != "po":
        return  # the rest reads gettext's header and msgstr[n] keywords
    header = _header_finding(doc, tag, rules) if doc.first_part else None
    if header is not None:
        yield header
    nplurals = _entry_plurals(doc, rules)
    limits: dict[int, int] | None = None  # where each entry's keywords end, once a plural entry needs it
    for entry in doc.catalog_entries(ctx.options.include_fuzzy):
        if len(entry.sources) < 2:
            continue  # a msgid alone (most entries)
        plural = _plural_source(entry)
        if plural is None:
            continue
        if limits is None:
            limits = _next_entry_starts(doc)
        finding = _entry_finding(doc, entry, plural, limits[entry.number], tag, nplurals)
        if finding is not None:
            yield finding


def category_findings(doc: Document, tag: str, include_fuzzy: bool) -> Iterator[Finding]:
    """Plural forms named by CLDR category (i18next `_one`/`_other`, Android `quantity`,
    Apple `.stringsdict`, ICU `{n, plural, …}`) that lack a category the language needs
    for whole numbers, or name one CLDR does not have; `=0`-style selectors are extra."""
    needed = required_categories(tag)
    if needed is None:
        return
    categories: dict[tuple[str, ...], frozenset[str]] = {}  # of each distinct tuple of flags (a catalog has few)
    for entry in doc.catalog_entries(include_fuzzy):
        named: set[str] = set()
        for t in entry.targets:
            if t.flags:
                named_here = categories.get(t.flags)
                if named_here is None:
                    named_here = categories[t.flags] = frozenset(f[len(PLURAL_FLAG):] for f in t.flags if f.startswith(PLURAL_FLAG))
                named |= named_here
        if named:
            missing = sorted(needed - named, key=CATEGORIES.index)
            if missing:
                target = entry.targets[-1]
                span = segment_span(target, doc.text, 0, 0)
                message = msg("{tag} needs the plural categories {needed}; this entry lacks {missing}",
                              tag=tag, needed=", ".join(sorted(needed, key=CATEGORIES.index)), missing=", ".join(missing))
                yield make_finding(RULE, doc.path, doc.line_index(), span, text_prefix(target.text), ", ".join(missing), message)
        for target in entry.targets:
            text = target.text
            if "{" in text and ("plural" in text or "selectordinal" in text):  # what an ICU plural needs
                yield from _icu_findings(doc, target, tag, needed)


def _icu_findings(doc: Document, target: Segment, tag: str, needed: frozenset[str]) -> Iterator[Finding]:
    """ICU plural constructs of a translation that lack a needed category or name an
    unknown one."""
    for arg in icu.arguments(target.text):
        if arg.type not in ("plural", "selectordinal"):
            continue
        wanted = needed if arg.type == "plural" else icu.ordinal_categories(tag) or frozenset({"other"})
        given = {sel for sel, _a, _b in arg.options}
        for sel, a, b in arg.options:
            if not sel.startswith("=") and sel not in CATEGORIES:
                message = msg("{selector} is not a CLDR plural category (zero, one, two, few, many, other)", selector=sel)
                yield make_finding(RULE, doc.path, doc.line_index(), segment_span(target, doc.text, a, b), sel, None, message)
        missing = sorted(wanted - given, key=CATEGORIES.index)
        if missing:
            span = segment_span(target, doc.text, arg.start, arg.start + 1 + len(arg.name))
            message = msg("the {type} of {{{name}}} lacks {missing}, which {tag} needs ({wanted})", type=arg.type, name=arg.name,
                          missing=", ".join(missing), tag=tag, wanted=", ".join(sorted(wanted, key=CATEGORIES.index)))
            found = target.text[arg.start : arg.start + 1 + len(arg.name)]
            yield make_finding(RULE, doc.path, doc.line_index(), span, found, ", ".join(missing), message)


def _declared_plurals(doc: Document) -> int | None:
    """N of the header's `Plural-Forms: nplurals=N; …`, None when absent or unparsable."""
    value = dict(doc.metadata).get("Plural-Forms")
    return parse_plural_forms(value) if value is not None else None


def _entry_plurals(doc: Document, rules: PluralRules) -> int:
    """How many forms each entry must have: the header's count when it is one the
    language allows (gettext or CLDR), else gettext's."""
    declared = _declared_plurals(doc)
    return declared if declared is not None and rules.accepts(declared) else rules.nplurals


def _header_finding(doc: Document, tag: str, rules: PluralRules) -> Finding | None:
    """A finding when the header's Plural-Forms disagrees with Babel or does not parse."""
    value = dict(doc.metadata).get("Plural-Forms")
    if value is None or doc.path.endswith(".pot"):
        return None  # a template's header is filled in by msginit
    declared = parse_plural_forms(value)
    if declared is not None and rules.accepts(declared):
        return None
    expected = rules.plural_forms
    if declared is None:
        message = msg("the header's Plural-Forms cannot be parsed; {tag} needs {expected}", tag=tag, expected=expected)
    elif rules.cldr_nplurals != rules.nplurals:
        message = msg_n("the header says nplurals={declared}, but {tag} has {n} plural form (CLDR: {cldr}): {expected}",
                        "the header says nplurals={declared}, but {tag} has {n} plural forms (CLDR: {cldr}): {expected}",
                        rules.nplurals, declared=declared, tag=tag, cldr=rules.cldr_nplurals, expected=expected)
    else:
        message = msg_n("the header says nplurals={declared}, but {tag} has {n} plural form: {expected}",
                        "the header says nplurals={declared}, but {tag} has {n} plural forms: {expected}",
                        rules.nplurals, declared=declared, tag=tag, expected=expected)
    span = _header_value_span(doc, value.strip())
    return make_finding(RULE, doc.path, doc.line_index(), span, value.strip(), expected, message)


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
    ends: dict[int, int] = {}
    previous: int | None = None
    for s in doc.segments:
        number = s.entry
        if number is not None and number != previous:
            if previous is not None:
                ends[previous] = s.start
            previous = number
    if previous is not None:
        ends[previous] = doc.end_offset
    return ends


def _plural_source(entry: CatalogEntry) -> Segment | None:
    """The msgid_plural of an entry translated in plural forms, else None."""
    if len(entry.sources) < 2:
        return None  # a msgid alone (a msgid_plural comes with one)
    plural = next((s for s in entry.sources if s.kind == "msgid_plural"), None)
    if plural is None or not any(t.plural_index is not None for t in entry.targets):
        return None
    return plural


def _entry_finding(doc: Document, entry: CatalogEntry, plural: Segment, limit: int, tag: str, nplurals: int) -> Finding | None:
    """A finding when a translated plural entry has more or fewer forms than needed."""
    keywords = list(_PLURAL_KEYWORD.finditer(doc.text, plural.end, limit))
    count = len(keywords)
    if count == nplurals or count == 0:
        return None
    keyword = keywords[nplurals] if count > nplurals else keywords[-1]
    span = (keyword.start(1), keyword.end(1))
    forms = msg("msgstr[0] only") if nplurals == 1 else f"msgstr[0]..msgstr[{nplurals - 1}]"
    message = msg_n("{tag} plural entries of this catalog need {n} form ({forms}); this entry has {count}",
                    "{tag} plural entries of this catalog need {n} forms ({forms}); this entry has {count}",
                    nplurals, tag=tag, forms=forms, count=count)
    return make_finding(RULE, doc.path, doc.line_index(), span, keyword.group(1), None, message)


RULE = Rule(
    id="plural-forms",
    severity=Severity.ERROR,
    summary="A plural translation or the Plural-Forms header does not match the language's number of plural forms.",
    doc=RuleDoc(
        what=(
            "Checks that the header's Plural-Forms declares as many plural forms as the "
            "target language has (Babel's gettext count: ja 1, fr 2, ru 3, ar 6; CLDR's count, "
            "as Transifex writes it, is accepted too), and that every translated plural "
            "entry has that many msgstr[n]. Formats that name plural forms by CLDR category "
            "(i18next _one/_other, Android quantity, .stringsdict, .xcstrings, Rails one:/other:) "
            "and ICU {n, plural, …} messages must give every category the language reaches "
            "with whole numbers (ja: other; ru: one, few, many, other)."
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
