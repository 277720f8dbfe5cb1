"""`orthographic-variant`: one word written two ways in a run (表記ゆれ).

Words are grouped by Sudachi's normalized form, and the *dictionary forms* of content
words are compared, so inflections (する/し/さ) never count as variants. Sudachi also
normalises different words together (挙げる/上げる share 上げる), so two forms count as
variants of one word only when they are both katakana (ユーザ/ユーザー), or both use
kanji and one's kanji are a subset of the other's (引越し/引っ越し). Pure-hiragana forms
are left alone: わかる/分かる is often deliberate.
"""

from __future__ import annotations

import functools
import os
from typing import Callable, Iterator

from translate_kit.messages import msg
from translate_kit.model import Finding, Related, Severity
from translate_kit.engine.corpus import RunView
from translate_kit.rules.base import Rule, RuleDoc, counted, finding_at
from translate_kit.rules.glossary import reported_places
from translate_kit.scripts import is_hiragana_char, is_katakana, kanji_set


def are_spelling_variants(a: str, b: str, reading: Callable[[str], str] | None = None) -> bool:
    """True when two written forms are spellings of one word rather than two words.

    Forms with kanji must also read the same (引越し/引っ越し both ヒッコシ), because
    Sudachi normalises a potential verb to its base verb (戻せる → 戻す)."""
    if a == b or len(a) == 1 or len(b) == 1:
        return False  # a lone character (入 of 入退会) is part of a compound, not a spelling of 入り
    if is_katakana(a) and is_katakana(b):
        return True
    ka, kb = kanji_set(a), kanji_set(b)
    if not ka or not kb:
        return False
    if all(is_hiragana_char(c) or c in ka for c in a) and all(is_hiragana_char(c) or c in kb for c in b):
        if not (ka <= kb or kb <= ka):
            return False
        return reading is None or reading(a) == reading(b)
    return False


def _uses_of(ctx: RunView, normalized: str, forms: dict, canonical: int, form: str) -> list[tuple[int, int, int, str]]:
    """Where a form of a word is used: the places recorded for a non-canonical spelling,
    and for the canonical one also every use counted in that spelling."""
    recorded = forms[form].uses if form in forms else []
    return recorded + ctx.canonical_uses(normalized) if form == normalized and canonical else recorded


def majority_spelling(counts: dict[str, int], normalized: str) -> str:
    """The form written most often; ties go to Sudachi's normalized form, then by text."""
    return max(counts, key=lambda f: (counts[f], f == normalized, f))


def check(ctx: RunView) -> Iterator[Finding]:
    owned_by_glossary = reported_places(ctx)
    reading = ctx.wordunits.reading

    # Only words seen in a non-canonical spelling can have variants: a word written only
    # in Sudachi's canonical spelling has one form.
    plan = []
    for normalized, forms in ctx.words.items():
        counts = {form: stats.count for form, stats in forms.items()}
        canonical = ctx.canonical_count(normalized)
        if canonical:
            counts[normalized] = counts.get(normalized, 0) + canonical
        if len(counts) < 2:
            continue
        majority = majority_spelling(counts, normalized)
        minorities = [f for f in counts if f != majority and are_spelling_variants(f, majority, reading)]
        if minorities:
            plan.append((normalized, forms, counts, canonical, majority, minorities))
    for normalized, forms, counts, canonical, majority, minorities in plan:
        uses_of = functools.partial(_uses_of, ctx, normalized, forms, canonical)
        if majority == normalized and majority not in forms:
            # the majority is only counted: its first use was recorded while counting
            first = ctx.canonical_first(normalized)
            assert first is not None  # the majority is counted, so it has a first use
            first_doc, first_start, first_end, first_surface = first
        else:
            first_doc, first_start, first_end, first_surface = min(uses_of(majority))
        first_place = ctx.place(first_doc, first_start, first_end)
        related = (Related(first_place.path, first_place.line, first_place.column, first_surface),)
        for form in minorities:
            for document, start, end, surface in sorted(uses_of(form)):
                place = ctx.place(document, start, end)
                if (place.path, place.line, place.column) in owned_by_glossary:
                    continue
                expected = inflected_like(majority, form, surface)
                message = msg("{form} is a spelling variant of {majority}, which this run writes {counted}; write {expected}",
                              form=surface, majority=majority, counted=counted(counts[majority], counts[form]), expected=expected)
                yield finding_at(RULE, place, message, surface, expected, related=related)


def inflected_like(majority: str, form: str, surface: str) -> str:
    """The majority spelling in the inflection the surface has: 気づき (of 気づく) becomes
    気付き, not 気付く; 書きかえ (of 書きかえる) becomes 書き換え; a surface that is its
    dictionary form gives the majority itself."""
    if surface == form:
        return majority
    stem = len(os.path.commonprefix((form, surface)))
    ending, inflection = form[stem:], surface[stem:]
    if not majority.endswith(ending) or (not ending and not inflection):
        return majority
    return majority[: len(majority) - len(ending)] + inflection


RULE = Rule(
    id="orthographic-variant",
    severity=Severity.WARNING,
    summary="One word written two ways in a run (表記ゆれ: ユーザ/ユーザー, 引越し/引っ越し).",
    doc=RuleDoc(
        what=(
            "Groups content words by Sudachi's normalized form and reports the less frequent "
            "spelling, with the majority spelling as the expected form."
        ),
        why=(
            "Mixed spellings of one word (ユーザ and ユーザー, サーバ and サーバー) read as careless "
            "and break search; style guides pick one."
        ),
        example_bad="ユーザーの設定を保存します。ユーザ名を入力してください。ユーザーは…",
        example_good="ユーザーの設定を保存します。ユーザー名を入力してください。",
    ),
    check=check,
)
