"""`glossary-nonpreferred` and `glossary-deprecated`: hold names and terms to the glossary.

Name mentions are linked to concepts by `translate_kit.link`; term concepts are matched on
token boundaries while documents are analysed (`RunView.term_hits`). A mention whose
form is neither preferred nor admitted for its concept in the text's language is
non-preferred; one that is a deprecated term is deprecated. Links found only by
similarity and below `link.CONFIDENT` are reported at `info`, never dropped.
"""

from __future__ import annotations

from typing import Iterator

from translate_kit import names
from translate_kit.glossary.model import Concept
from translate_kit.link import (
    CONFIDENT,
    GlossaryIndex,
    Link,
    accepted_forms,
    deprecated_forms,
    expected_form,
    original_spelling,
    term_key,
)
from translate_kit.messages import Message, msg
from translate_kit.model import Finding, Severity
from translate_kit.engine.corpus import RunView
from translate_kit.model import MentionUse, Script
from translate_kit.rules.base import Rule, RuleDoc, finding_at
from translate_kit.segment import written_words
from translate_kit.sources.language import primary_language


def glossary_index(ctx: RunView) -> GlossaryIndex | None:
    """The run's glossary index, built once."""
    if ctx.glossary is None:
        return None
    if ctx.glossary_index is None:
        ctx.glossary_index = GlossaryIndex(ctx.glossary)
    return ctx.glossary_index


def mention_links(ctx: RunView) -> list[tuple[MentionUse, Link]]:
    """Every mention of the run that links to a concept, computed once."""
    if ctx.mention_links is None:
        index = glossary_index(ctx)
        out = []
        if index is not None:
            for use in ctx.mentions:
                link = index.link(use.mention)
                if link is not None and link.concept.type != "term":
                    out.append((use, link))
        ctx.mention_links = out
    return ctx.mention_links


def _lang(use_lang: str | None) -> str:
    return primary_language(use_lang) or "und"


def _finding(rule: Rule, place, found: str, expected: str | None, message: Message, entity: str, severity: Severity) -> Finding:
    return finding_at(rule, place, message, found, expected, entity, severity=severity)


def _mention_verdicts(ctx: RunView) -> Iterator[tuple[str, Finding]]:
    """(rule id, finding) for every linked mention that breaks the glossary."""
    for use, link in mention_links(ctx):
        lang = _lang(use.lang)
        form = use.mention.surface
        key = term_key(form)
        concept = link.concept
        if key in deprecated_forms(concept, lang):
            expected = expected_form(concept, lang, short=len(use.mention.parts) <= 1 and concept.type == "person")
            yield DEPRECATED.id, _finding(
                DEPRECATED, use.place, form, expected,
                msg("{form} is a deprecated rendering of {concept} in the glossary; write {expected}", form=form, concept=concept.id, expected=expected)
                if expected else msg("{form} is a deprecated rendering of {concept} in the glossary", form=form, concept=concept.id),
                concept.id, DEPRECATED.severity,
            )
            continue
        accepted = accepted_forms(concept, lang)
        if not accepted or key in accepted or original_spelling(concept, form):
            continue
        if _inside_a_term(ctx, use, concept):
            continue  # "Tom" of "Tom's Cafe": the mention is cut from a term the text writes whole
        if link.how == "similar" and _renders_its_own_source(use, link, concept):
            continue  # グーゴル renders its msgid's "googol", not Google
        short = len(use.mention.parts) <= 1 and concept.type == "person" and len(link.term.text.split()) + link.term.text.count("・") > 1
        expected = expected_form(concept, lang, short)
        if expected is None or term_key(expected) == key:
            continue
        why = {
            "similar": msg("{form} sounds like {term} ({lang})", form=form, term=link.term.text, lang=link.term.lang),
            "surname": msg("{form} is the surname of {term}", form=form, term=link.term.text),
            "normalized": msg("{form} is a variant of {term}", form=form, term=link.term.text),
            "exact": msg("{form} is listed as {term}", form=form, term=link.term.text),
        }[link.how]
        severity = NONPREFERRED.severity if link.confidence >= CONFIDENT else Severity.INFO
        yield NONPREFERRED.id, _finding(
            NONPREFERRED, use.place, form, expected,
            msg("{why}, glossary concept {concept}, which the glossary writes {expected} in {lang}; write {expected}",
                why=why, concept=concept.id, expected=expected, lang=lang),
            concept.id, severity,
        )


def _inside_a_term(ctx: RunView, use: MentionUse, concept: Concept) -> bool:
    """Whether the text at a mention continues into one of its concept's approved terms,
    written whole (a possessive or punctuation cut the name short of it)."""
    text = ctx.text_of(use.order[0])
    if not text:
        return False
    at = use.order[1]
    return any(len(t.text) > len(use.mention.surface) and text.startswith(t.text, at)
               for t in concept.terms if t.status != "deprecated" and t.text)


def _renders_its_own_source(use: MentionUse, link: Link, concept: Concept) -> bool:
    """Whether a katakana name of a catalog translation, linked to a concept by sound
    alone, sounds at least as much like another word of its own msgid: it renders that
    word (グーゴル for "googol"), not the glossary's name it also sounds like (グーグル)."""
    if use.source_words is None or use.mention.script is not Script.KATAKANA:
        return False
    own = {w.casefold() for term in concept.terms for w in written_words(term.text)}
    return any(names.name_similarity(use.mention.surface, word) >= link.confidence
               for word in use.source_words if word.isascii() and word.isalpha() and word.casefold() not in own)


def _term_verdicts(ctx: RunView) -> Iterator[tuple[str, Finding]]:
    """Findings for term concepts matched on token boundaries during analysis, judged
    there (`TermMatcher.verdict`): the run keeps only the hits that break the glossary."""
    for concept, _term, surface, place, (kind, expected) in ctx.term_hits:
        if kind == "deprecated":
            rule = DEPRECATED
            message = (msg("{form} is deprecated in the glossary ({concept}); write {expected}", form=surface, concept=concept.id, expected=expected)
                       if expected else msg("{form} is deprecated in the glossary ({concept})", form=surface, concept=concept.id))
        else:
            rule = NONPREFERRED
            message = msg("{form} is a variant of the glossary term {expected} ({concept}); write {expected}",
                          form=surface, expected=expected, concept=concept.id)
        yield rule.id, _finding(rule, place, surface, expected, message, concept.id, rule.severity)


def _verdicts(ctx: RunView) -> list[tuple[str, Finding]]:
    """Every glossary verdict of the run, computed once for both rules and for
    `reported_places`."""
    if ctx.glossary_verdicts is None:
        ctx.glossary_verdicts = list(_mention_verdicts(ctx)) + list(_term_verdicts(ctx))
    return ctx.glossary_verdicts


def reported_places(ctx: RunView) -> set[tuple[str, int, int]]:
    """Places the enabled glossary rules report, so that `entity-inconsistent` and
    `orthographic-variant` do not report the same mention or word a second time."""
    if ctx.glossary_places is None:
        ctx.glossary_places = {(f.path, f.line, f.column) for f in _reported(ctx)}
    return ctx.glossary_places


def confident_places(ctx: RunView) -> set[tuple[str, int, int]]:
    """`reported_places` but for the weak links reported at `info`: where a name sounds
    only somewhat like a glossary name, `entity-inconsistent` still says what the run's own
    renderings show (ベナール earlier, バーナード later), and this rule defers to it."""
    return {(f.path, f.line, f.column) for f in _reported(ctx) if f.severity is not Severity.INFO}


def _reported(ctx: RunView) -> Iterator[Finding]:
    """The findings of the enabled glossary rules (none without a glossary)."""
    if ctx.glossary is None:
        return
    settings = ctx.options.rules
    for rid, finding in _verdicts(ctx):
        if settings.enabled(rid):
            yield finding


def _check(rule_id: str):
    def check(ctx: RunView) -> Iterator[Finding]:
        if ctx.glossary is None:
            return
        for rid, finding in _verdicts(ctx):
            if rid == rule_id:
                yield finding

    return check


NONPREFERRED = Rule(
    id="glossary-nonpreferred",
    severity=Severity.WARNING,
    summary="A glossary concept rendered by a form the glossary does not list (ヤン・ルクン for Yann LeCun → ヤン・ルカン).",
    doc=RuleDoc(
        what=(
            "Links every name mention to a glossary concept (exact, normalized, surname, or by "
            "cross-script name similarity) and every term on token boundaries, and reports forms "
            "that are neither preferred nor admitted in the text's language; expected is the preferred term."
        ),
        why="A glossary is only useful if it is followed; unlisted renderings of a known name are the most common slip.",
        example_bad="ヤン・ルクンは反論した。 (glossary: Yann LeCun → ヤン・ルカン)",
        example_good="ヤン・ルカンは反論した。",
    ),
    check=_check("glossary-nonpreferred"),
    defers_to=("entity-inconsistent",),  # which reports only the weak links' places (`confident_places`)
)

DEPRECATED = Rule(
    id="glossary-deprecated",
    severity=Severity.ERROR,
    summary="A form the glossary marks deprecated (ユーザ where the glossary says ユーザー).",
    doc=RuleDoc(
        what="Reports every occurrence, on token boundaries, of a term the glossary marks deprecated.",
        why="Deprecated terms are the ones a team decided against; they should not come back.",
        example_bad="ユーザを追加します。 (glossary: ユーザ deprecated, ユーザー preferred)",
        example_good="ユーザーを追加します。",
    ),
    check=_check("glossary-deprecated"),
)

