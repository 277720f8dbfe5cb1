"""`placeholder-mismatch`: a catalog translation's format placeholders differ from its source.

Four syntaxes are understood: printf (`%s`, `%5.2f`, `%(name)s`, `%1$s`; `%%` is a literal),
Python braces (`{0}`, `{name!r:>10}`; `{{`/`}}` are literals), `{{ var }}` templates
(Jinja, Django, Handlebars) and Ruby's `%{var}`/`%<var>d`. The entry's PO flags decide
printf (`c-format`, `python-format`, ...), braces (`python-brace-format`) and Ruby
(`ruby-format`); a `no-...-format` flag switches a syntax off. Without a flag a syntax is
checked only when the source shows it unambiguously, and unflagged printf is read
strictly (no space flag; an unnamed `%` directive must not touch a digit before it or an
ASCII letter or digit after it), so prose such as "50% off", "%-style formatting" or a
brace in text never raises an alarm. A translation's `%s` that its source writes glued
to a word ("for %s.\n%sAccept it?", a prefix the program fills) is that directive, not
an extra one.

Placeholders are compared as multisets, where a named or numbered one (`%(name)s`,
`{name}`, `{0}`, `%1$s`) counts once: it takes its value by name or position, so using it
twice, or once where the source has it twice, is correct (Django writes "%(field_name)s …
では %(field_name)s"). Unnamed printf (`%s %d`) and auto-numbered braces
(`{}`) must also keep the source's order, unless either side uses positions (`%1$s`,
`{0}`), which may be reordered. msgstr is compared with msgid; msgstr[0] with msgid or
msgid_plural (whichever fits: one-form languages such as ja use the plural's `%d`, and
many languages say "%d fichier" for n = 0 and 1); msgstr[n >= 1] with msgid_plural.

Findings: a wrong placeholder is reported on its span with the source's one as expected;
an extra one on its span with expected "" (delete it); a missing one at the start of the
msgstr as an empty span (the SARIF fix inserts it there) with found = the first non-blank
line (up to 30 characters) of the msgstr and expected = the missing placeholder.

The catalog helpers here (entries, source texts, multiset diff, positions) are shared
with `markup-mismatch`.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace
from difflib import SequenceMatcher
from typing import TYPE_CHECKING, Callable, Iterator, Protocol, Sequence, TypeVar

from translate_kit.messages import Message, english, msg, template_of
from translate_kit.model import Document, Finding, LineIndex, Segment, Severity
from translate_kit.placeholder_syntax import (PRINTF, PRINTF_STRICT, Placeholder, entry_syntaxes, extract_placeholders, glued_directives,
                                              placeholder_texts)
from translate_kit.rules.base import Rule, RuleDoc

if TYPE_CHECKING:  # pragma: no cover
    from translate_kit.engine.contribution import DocumentScope

class Piece(Protocol):
    """What `diff_pieces` compares: placeholders here, markup in `markup-mismatch`."""

    @property
    def text(self) -> str: ...
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def family(self) -> str: ...
    @property
    def key(self) -> tuple[str, ...]: ...
    @property
    def sequential(self) -> bool: ...


P = TypeVar("P", bound=Piece)
_PREFIX_CHARS = 30


@dataclass(frozen=True)
class Difference:
    """One difference between a source's pieces and a translation's.

    `found` only: extra in the translation. `expected` only: missing from it. Both: the
    translation has `found` where the source has `expected` (a typo, or a changed order
    when `reordered`).
    """

    found: Piece | None
    expected: Piece | None
    reordered: bool = False


# ---------------------------------------------------------------- extraction


# ---------------------------------------------------------------- comparison


def diff_pieces(source: Sequence[P], target: Sequence[P]) -> list[Difference]:
    """The differences between two strings' pieces, as multisets (order kept where needed)."""
    if len(source) == len(target) and all(a.key == b.key for a, b in zip(source, target)):
        return []  # the same pieces in the same order (numbering them would change both alike)
    source, target = _numbered(source, target, rewrite=True), _numbered(target, source)
    differences: list[Difference] = []
    pool_source = [p for p in source if not p.sequential]
    pool_target = [p for p in target if not p.sequential]
    for family in sorted({p.key[0] for p in (*source, *target) if p.sequential}):
        s = [p for p in source if p.sequential and p.key[0] == family]
        t = [p for p in target if p.sequential and p.key[0] == family]
        if Counter(p.key for p in s) == Counter(p.key for p in t):
            differences += [Difference(b, a, reordered=True) for a, b in zip(s, t) if a.key != b.key]
        else:
            pool_source += s
            pool_target += t
    return differences + _multiset_diff(pool_source, pool_target)


def _numbered(items: Sequence[P], other: Sequence[P], rewrite: bool = False) -> list[P]:
    """Give sequential placeholders their position when either side numbers explicitly
    (`%1$s` or `{0}`): then the order is free and positions are what must match. With
    `rewrite` (the source side) the text is numbered too, as the translation must write it."""
    explicit_printf = any(p.key[0] == "printf-pos" for p in (*items, *other))
    explicit_brace = any(p.key[0] == "brace" and p.key[1][:1].isdigit() for p in (*items, *other))
    result: list[P] = []
    printf_count = brace_count = 0
    for p in items:
        if p.sequential and p.key[0] == "printf-seq" and explicit_printf:
            printf_count += 1
            text = f"%{printf_count}${p.text[1:]}" if rewrite else p.text
            p = replace(p, text=text, key=("printf-pos", str(printf_count), p.key[1]), sequential=False)  # type: ignore[type-var]  # every Piece is a dataclass; a Protocol cannot say so
        elif p.sequential and p.key[0] == "brace-seq" and explicit_brace:
            text = f"{{{brace_count}{p.text[1:]}" if rewrite else p.text
            p = replace(p, text=text, key=("brace", str(brace_count)), sequential=False)  # type: ignore[type-var]  # every Piece is a dataclass; a Protocol cannot say so
            brace_count += 1
        result.append(p)
    return result


def _unmatched(pieces: Sequence[Piece], other: Sequence[Piece]) -> list[Piece]:
    """The pieces left over once each is paired with an equal-keyed one of `other`."""
    available = Counter(p.key for p in other)
    left: list[Piece] = []
    for p in pieces:
        if available[p.key] > 0:
            available[p.key] -= 1
        else:
            left.append(p)
    return left


def _multiset_diff(source: Sequence[Piece], target: Sequence[Piece]) -> list[Difference]:
    """Extra and missing pieces; an extra one is paired with the most similar missing one
    of its family, as a wrong piece rather than two findings."""
    extras, missing = _unmatched(target, source), _unmatched(source, target)
    place = {id(p): i / max(1, len(pieces)) for pieces in (source, target) for i, p in enumerate(pieces)}
    differences: list[Difference] = []
    for extra in extras:
        partner = _most_similar(extra, [m for m in missing if m.family == extra.family], place)
        if partner is not None:
            missing.remove(partner)
        differences.append(Difference(extra, partner))
    return differences + [Difference(None, m) for m in missing]


_DELIMITERS = re.compile(r"^\W+|\W+$")
_ALIKE = 0.5  # below this the texts share too little: the piece in the same place is the partner


def _most_similar(piece: Piece, candidates: Sequence[Piece], place: dict[int, float]) -> Piece | None:
    """The candidate whose text is closest to the piece's (first one on a tie), or, when
    none is alike at all (a translated ``承認待ち`` among ``True`` and ``waiting to be
    approved``), the one in the same relative place in its string."""
    best, best_ratio = None, -1.0
    inner = _DELIMITERS.sub("", piece.text)
    for c in candidates:
        ratio = SequenceMatcher(None, inner, _DELIMITERS.sub("", c.text)).ratio()
        if ratio > best_ratio:
            best, best_ratio = c, ratio
    if best is not None and best_ratio < _ALIKE:
        here = place.get(id(piece), 0.0)
        best = min(candidates, key=lambda c: abs(place.get(id(c), 0.0) - here))
    return best


# ---------------------------------------------------------------- catalog helpers


def closest_diff(sources: Sequence[Sequence[P]], target: Sequence[P]) -> list[Difference]:
    """The differences from the source the translation follows best (fewest differences;
    the first source on a tie)."""
    best: list[Difference] | None = None
    for source in sources:
        differences = diff_pieces(source, target)
        if not differences:
            return differences  # none can do better
        if best is None or len(differences) < len(best):
            best = differences
    assert best is not None, "a translation has at least one source"
    return best


def text_prefix(text: str) -> str:
    """The first non-blank line of a text, at most 30 characters: what a missing-piece
    finding shows as found."""
    line = next((part for part in text.split("\n") if part.strip()), text)
    return line[:_PREFIX_CHARS]


# an escaped character in a file: PO/JSON backslash escapes, JSON \uXXXX, XML references
_ESCAPE = re.compile(r"\\u[0-9A-Fa-f]{4}|\\[^u]|&(?:#\d+|#x[0-9A-Fa-f]+|\w+);")


def segment_span(segment: Segment, doc_text: str, start: int, end: int) -> tuple[int, int]:
    """File offsets of `segment.text[start:end]` (end exclusive, never past a line break
    that lies between two PO string lines)."""
    first = segment.file_offset(start)
    if end <= start:
        return first, first
    last = segment.file_offset(end - 1)
    after = segment.file_offset(end)
    if after - last <= 2:  # the next character follows on the same string line
        return first, after
    escape = _ESCAPE.match(doc_text, last, after)  # the last character was written escaped
    return first, escape.end() if escape else last + 1


def make_finding(
    rule: Rule, path: str, index: LineIndex, span: tuple[int, int], found: str, expected: str | None, message: str | Message
) -> Finding:
    """A finding of `rule` over the file offsets `span`."""
    a, b = index.position(span[0]), index.position(span[1])
    return Finding(
        rule=rule.id,
        severity=rule.severity,
        path=path,
        line=a.line,
        column=a.column,
        end_line=b.line,
        end_column=b.column,
        message=english(message),
        found=found,
        expected=expected,
        template=template_of(message),
    )


# ---------------------------------------------------------------- the rule


def distinct_named(pieces: list[Placeholder]) -> list[Placeholder]:
    """The placeholders with each named or numbered one kept once: `%(name)s`, `{name}`,
    `{0}` and `%1$s` take their value by name or position, so a translation may use one
    twice or once where the source has it twice; only unnamed ones (`%s`, `{}`) count."""
    return once_per_key(pieces, counted=lambda p: p.sequential)


def once_per_key(pieces: Sequence[P], counted: Callable[[P], bool]) -> list[P]:
    """The pieces in order, each key kept once unless `counted` says every occurrence of
    such a piece counts (unnamed placeholders, HTML tags that must balance)."""
    if len(pieces) < 2:
        return list(pieces)
    seen: set[tuple[str, ...]] = set()
    out = []
    for p in pieces:
        if not counted(p):
            if p.key in seen:
                continue
            seen.add(p.key)
        out.append(p)
    return out


def check_document(doc: Document, ctx: "DocumentScope") -> Iterator[Finding]:
    """Compare each translation's placeholders with its source's."""
    if not doc.bilingual:
        return
    problems: list[tuple[Segment, Difference]] = []
    for entry in doc.compared_entries(ctx.options.include_fuzzy):
        texts = [s.text for s in entry.sources]
        if not entry.flags:
            for text in texts:
                if "%" in text or "{" in text:
                    break
            else:
                continue  # no syntax to choose (entry_syntaxes would say so, having looked)
        syntaxes = entry_syntaxes(entry.flags, texts)
        if not syntaxes:
            continue
        placeholders: dict[str, list[Placeholder]] = {}  # of each source text, read once per entry
        written: dict[str, list[str] | None] = {}  # the texts of a source's placeholders, likewise
        for target in entry.targets:
            source_texts = entry.source_texts(target)
            if _keeps_placeholders(target.text, source_texts, syntaxes, written):
                continue  # most translations: nothing to compare, no placeholder to build
            sources = []
            for text in source_texts:
                if text not in placeholders:
                    placeholders[text] = distinct_named(extract_placeholders(text, syntaxes))
                sources.append(placeholders[text])
            diffs = closest_diff(sources, distinct_named(extract_placeholders(target.text, syntaxes)))
            if PRINTF_STRICT in syntaxes and any(d.expected is None for d in diffs):
                diffs = _without_glued(diffs, source_texts)
            problems += [(target, d) for d in diffs]
    if problems:
        index = doc.line_index()
        for segment, difference in problems:
            yield _finding(doc, index, segment, difference)


def _without_glued(diffs: list[Difference], sources: list[str]) -> list[Difference]:
    """The differences less the extra `%s` of a translation that a source writes glued to a
    word ("%sAccept it?" → "%s受け付けますか？"): read strictly, the source's was prose, but
    it is the same directive, so the translation keeps it rather than adds one."""
    glued = Counter[str]()
    for text in sources:
        glued |= glued_directives(text)
    kept = []
    for d in diffs:
        if d.expected is None and d.found is not None and glued[d.found.text] > 0:
            glued[d.found.text] -= 1
            continue
        kept.append(d)
    return kept


def _keeps_placeholders(target: str, sources: list[str], syntaxes: frozenset[str], written: dict[str, list[str] | None]) -> bool:
    """Whether a translation writes the placeholders of one of its sources, in the same
    order and written alike (`placeholder_texts`): then their keys are the same, so
    `closest_diff` finds no difference. False for ICU, which is compared in full."""
    found = placeholder_texts(target, syntaxes)
    if found is None:
        return False
    for text in sources:
        if text not in written:
            written[text] = placeholder_texts(text, syntaxes)
        if written[text] == found:
            return True
    return False


def _finding(doc: Document, index: LineIndex, segment: Segment, d: Difference) -> Finding:
    """The finding for one placeholder difference in a translation segment."""
    found, expected = d.found, d.expected
    if found is None:
        assert expected is not None
        broken = _without_conversion(expected, segment.text) if isinstance(expected, Placeholder) else None
        if broken is not None:  # %(count) 件: Python's % raises on it, so say where
            span = segment_span(segment, doc.text, broken.start(), broken.end())
            message = msg("the translation lacks the placeholder {placeholder} of the source (it has {broken} "
                          "without its conversion)", placeholder=expected.text, broken=broken.group())
            return make_finding(RULE, doc.path, index, span, broken.group(), expected.text, message)
        span = segment_span(segment, doc.text, 0, 0)
        message = msg("the translation lacks the placeholder {placeholder} of the source", placeholder=expected.text)
        return make_finding(RULE, doc.path, index, span, text_prefix(segment.text), expected.text, message)
    span = segment_span(segment, doc.text, found.start, found.end)
    if expected is None:
        message = msg("placeholder {placeholder} is not in the source text", placeholder=found.text)
        return make_finding(RULE, doc.path, index, span, found.text, "", message)
    if d.reordered:
        message = msg("unnamed placeholders must keep the source's order: {found} stands where the source has {expected} "
                      "(number them, e.g. %1$s, to reorder)", found=found.text, expected=expected.text)
    else:
        message = msg("placeholder {found} does not match the source's {expected}", found=found.text, expected=expected.text)
    return make_finding(RULE, doc.path, index, span, found.text, expected.text, message)


def _without_conversion(expected: Placeholder, text: str) -> re.Match[str] | None:
    """Where a translation writes a named printf placeholder of the source with its
    conversion lost (`%(count) 件` for `%(count)d`): the name in parentheses where no
    placeholder of the translation starts."""
    if expected.family != PRINTF or not expected.text.startswith("%("):
        return None
    name = expected.text[: expected.text.index(")") + 1]
    starts = {p.start for p in extract_placeholders(text, (PRINTF,))}
    for m in re.finditer(re.escape(name), text):
        if m.start() not in starts and text[m.start() - 1 : m.start()] != "%":  # %%(count) is a literal
            return m
    return None


RULE = Rule(
    id="placeholder-mismatch",
    severity=Severity.ERROR,
    summary="A catalog translation's format placeholders differ from its source (%s, %(name)s, {0}, {{ var }}, %{var}).",
    doc=RuleDoc(
        what=(
            "Compares the printf, Python-brace, {{ template }} and Ruby %{var} placeholders of "
            "each msgstr with its msgid (msgid_plural for plural forms) as a multiset (a named "
            "or numbered placeholder counts once: it may be repeated), honouring "
            "c-format/python-format/python-brace-format flags; unnamed printf placeholders "
            "must also keep their order. A named printf placeholder whose conversion letter "
            "was lost is reported where it stands. An entry whose "
            "msgid is a message key (front-text, label_save) has no source to compare."
        ),
        why=(
            "A renamed, missing or extra placeholder makes the program crash or print the "
            "wrong value at run time, in a language the developers may not read."
        ),
        example_bad='#, python-format\nmsgid "Hello %(name)s"\nmsgstr "こんにちは、%(nmae)sさん"',
        example_good='#, python-format\nmsgid "Hello %(name)s"\nmsgstr "こんにちは、%(name)sさん"',
    ),
    check_document=check_document,
)
