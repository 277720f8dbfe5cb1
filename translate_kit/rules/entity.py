"""`entity-inconsistent`: one entity rendered more than one way in a run.

Clusters come from `translate_kit.cluster`; inside a cluster, the canonical rendering (the
fullest, earliest) and its same-script parts are fine (アルノー・ベナール, then ベナール).
Every other rendering is reported once per mention: a different katakana spelling
(バーナード), a switch of script (ピノ after Santiago Pino), a different full name
(ヤン・ルクン after ヤン・ルカン). A Latin name glossed in brackets right after its
katakana form (ヤン・ルカン（Yann LeCun）) is a gloss, not an inconsistency, and so is a
name written in two scripts within one sentence with one of them in brackets or quotes
("Add Amir"（アミールを追加）): the writer put them side by side on purpose, and either may
follow from there on in that file ("Generics（ジェネリクス）", then ジェネリクス). So are
two renderings in two cells of one Markdown table row (| UTF16 | UTF-16 |, a key and its
value). Two scripts in one sentence without brackets are a slip like any other.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Callable, Iterable, Iterator, Sequence

from translate_kit.messages import Reading, msg
from translate_kit import names
from translate_kit.cluster import ORGANIZATION_WORD_LINK, Cluster, Form, cluster_mentions, is_shortening, same_rendering, side_of
from translate_kit.model import EntityType, Finding, Related, Script, Severity
from translate_kit.engine.corpus import RunView
from translate_kit.model import MentionUse
from translate_kit.rules.base import Rule, RuleDoc, finding_at
from translate_kit.link import expected_form, term_key
from translate_kit.rules.glossary import mention_links
from translate_kit.rules.glossary import confident_places

_GLOSS_OPENERS = ("(", "（", " (", " （")


def clusters_of(ctx: RunView) -> list[Cluster]:
    """The run's entity clusters, computed once and shared by the rules that need them."""
    if ctx.clusters is None:
        ctx.clusters = cluster_mentions(ctx.mentions)
        if ctx.glossary is not None:
            _prefer_glossary_forms(ctx, ctx.clusters)
    return ctx.clusters


def _prefer_glossary_forms(ctx: RunView, clusters: list[Cluster]) -> None:
    """A cluster linked to a glossary concept takes the glossary's preferred term as its
    canonical rendering when the run uses that term."""
    concept_of = {id(use): link.concept for use, link in mention_links(ctx)}
    for cluster in clusters:
        concepts = {concept_of[id(u)].id: concept_of[id(u)] for u in cluster.uses if id(u) in concept_of}
        if len(concepts) != 1 or cluster.canonical is None:
            continue
        concept = next(iter(concepts.values()))
        preferred = expected_form(concept, cluster.canonical.side, short=False)
        if preferred is None:
            continue
        for form in cluster.forms:
            if term_key(form.surface) == term_key(preferred) and form.side == cluster.canonical.side:
                cluster.canonical = form
                break


def _accepted(form: Form, canonical: Form, accepted_full: list[Form]) -> bool:
    if same_rendering(form, canonical):
        return True
    return any(is_shortening(form, full) for full in accepted_full)


def _is_gloss(use: MentionUse, same_line: list[MentionUse]) -> bool:
    """A rendering of the same entity set right after another as its gloss, or the
    rendering right before one (`same_line`: the cluster's uses on this line): a Latin
    name in brackets, or another spelling in the same script standing in brackets
    (フランツ・ミュンテフェリング（ミュンテフェーリング）: the writer gives both on purpose)."""
    p = use.place
    for o in same_line:
        if o is use:
            continue
        q = o.place
        if 1 <= p.column - q.end_column <= 2 and _glosses_before(use):
            return True
        if 1 <= q.column - p.end_column <= 2 and _glosses_before(o):
            return True
    return False


def _glosses_before(use: MentionUse) -> bool:
    """Whether a use right after another rendering glosses it: a Latin name (in brackets
    or after a space), or any rendering inside brackets or quotes."""
    return use.mention.script is Script.LATIN or use.bracketed


def _by_edge(uses: Sequence[MentionUse]) -> dict[tuple[str, int, str, int], list[MentionUse]]:
    """Uses by (path, line, "start" or "end", column): a gloss's neighbours are found by
    lookup, so a line with thousands of names costs no more per name than a short one."""
    index: dict[tuple[str, int, str, int], list[MentionUse]] = {}
    for use in uses:
        p = use.place
        index.setdefault((p.path, p.line, "end", p.end_column), []).append(use)
        index.setdefault((p.path, p.line, "start", p.column), []).append(use)
    return index


def _neighbours(use: MentionUse, by_edge: dict[tuple[str, int, str, int], list[MentionUse]]) -> list[MentionUse]:
    """The uses on the line of `use` that end one or two columns before it or start one
    or two after it: the only ones `_is_gloss` can accept."""
    p = use.place
    out: list[MentionUse] = []
    for d in (1, 2):
        out += by_edge.get((p.path, p.line, "end", p.column - d), ())
        out += by_edge.get((p.path, p.line, "start", p.end_column + d), ())
    return out


def _glosses(uses: Sequence[MentionUse], by_edge: dict[tuple[str, int, str, int], list[MentionUse]],
             forms: dict[tuple[str, str], Form], text_of: Callable[[str], str | None]) -> dict[str, dict[tuple[str, str], tuple[int, Form]]]:
    """Per file, the renderings the writer set side by side and where: a Latin name in
    brackets right after another rendering, two scripts in one sentence with one of
    them in brackets or quotes ("**Generics**（ジェネリクス）", "Add Amir"（アミールを追加）),
    or two cells of one table row (| UTF16 | UTF-16 |: a value and its standard name).
    Two scripts in one sentence without brackets are a slip like any other."""
    sentences: dict[tuple[str, int], list[MentionUse]] = {}
    lines: dict[tuple[str, int], list[MentionUse]] = {}
    for use in uses:
        if use.sentence >= 0:
            sentences.setdefault((use.place.path, use.sentence), []).append(use)
        lines.setdefault((use.place.path, use.place.line), []).append(use)
    glossed: dict[str, dict[tuple[str, str], tuple[int, Form]]] = {}  # per file, per form: its first gloss
    mixed: dict[tuple[str, int], bool] = {}  # per sentence, computed once
    for use in uses:
        sentence = (use.place.path, use.sentence)
        side_by_side = mixed.get(sentence)
        if side_by_side is None:
            together = sentences.get(sentence, ())
            side_by_side = mixed[sentence] = len({u.mention.script for u in together}) > 1 and any(u.bracketed for u in together)
        if side_by_side or _is_gloss(use, _neighbours(use, by_edge)) or _in_a_row_with(use, lines[(use.place.path, use.place.line)], text_of):
            start = use.sentence if use.sentence >= 0 else use.order[1]
            key = (side_of(use), use.mention.surface)
            known = glossed.setdefault(use.place.path, {}).get(key)
            if known is None or start < known[0]:
                glossed[use.place.path][key] = (start, forms[key])
    return glossed


def _in_a_row_with(use: MentionUse, same_line: list[MentionUse], text_of: Callable[[str], str | None]) -> bool:
    """Whether another rendering stands in another cell of the table row a use is in: a
    table sets a key beside its value (| userAgent | the User-Agent header |), on purpose."""
    others = [o for o in same_line if o.mention.surface != use.mention.surface and o.order[0] == use.order[0]]
    if not others:
        return False  # most uses: nothing else of the entity on their line
    text = text_of(use.order[0])
    if not text:
        return False
    at = use.order[1]
    start = text.rfind("\n", 0, at) + 1
    if not text[start:at].lstrip().startswith("|"):
        return False
    return any("|" in text[min(at, o.order[1]) : max(at, o.order[1])] for o in others)


def _accepted_by_gloss(form: Form, use: MentionUse, glossed: Iterable[tuple[int, Form]]) -> bool:
    """Whether a use follows a place in its file where its form, or a name it is a part
    of, was set beside another rendering ("Generics（ジェネリクス）", ヤン・ルカン（Yann LeCun）):
    the writer declared the renderings one, so either may follow (ジェネリクス, LeCun)."""
    return any(use.order[1] >= at and (same_rendering(form, g) or is_shortening(form, g)) for at, g in glossed)


def _romanized(text: str) -> str:
    try:
        return names.romanize(text)
    except Exception:  # noqa: BLE001 - a hint in a message must never break a rule
        return ""


@lru_cache(maxsize=4096)
def _describe(text: str) -> Reading:
    roman = _romanized(text) if not text.isascii() else ""
    return Reading(text, roman if roman and roman.lower() != text.lower() else "")


_KINDS = {"person": msg("person"), "organization": msg("organization"), "product": msg("product"), "place": msg("place"),
          "event": msg("event"), "other": msg("entity")}


def _expected(form: Form, canonical: Form) -> str:
    """What to write instead of a form: a person's surname alone stays a surname, a
    company's short name its first word (Mistral for Mistral AI); otherwise the whole name."""
    if form.is_full or not canonical.is_full:
        return canonical.surface
    if canonical.type is EntityType.PERSON or canonical.script is not Script.LATIN:
        return canonical.surname
    if canonical.type is EntityType.ORGANIZATION and names.name_similarity(canonical.parts[0], form.surface) >= ORGANIZATION_WORD_LINK:
        return canonical.parts[0]
    return canonical.surface


def check(ctx: RunView) -> Iterator[Finding]:
    owned_by_glossary = confident_places(ctx)
    for cluster in clusters_of(ctx):
        canonical = cluster.canonical
        if canonical is None or len(cluster.forms) < 2:
            continue
        accepted_full = [canonical] + [f for f in cluster.forms if f.is_full and same_rendering(f, canonical)]
        first = next(u for u in cluster.uses if u.mention.surface == canonical.surface and side_of(u) == canonical.side)
        kind = _KINDS.get(str(cluster.type), str(cluster.type))
        forms = {(f.side, f.surface): f for f in cluster.forms}
        glossed = _glosses(cluster.uses, _by_edge(cluster.uses), forms, ctx.text_of)
        for use in cluster.uses:
            form = forms[(side_of(use), use.mention.surface)]
            if _accepted(form, canonical, accepted_full) or _accepted_by_gloss(form, use, glossed.get(use.place.path, {}).values()):
                continue
            if (use.place.path, use.place.line, use.place.column) in owned_by_glossary:
                continue
            expected = _expected(form, canonical)
            where = msg("line {line}", line=first.place.line) if first.place.path == use.place.path else f"{first.place.path}:{first.place.line}"
            message = msg("{form} looks like the same {kind} as {canonical}, introduced at {where}; write {expected}",
                          form=_describe(form.surface), kind=kind, canonical=_describe(canonical.surface), where=where, expected=expected)
            related = (Related(first.place.path, first.place.line, first.place.column, canonical.surface),)
            # a slip between msgids is for the source's authors: shown, not failing a translation's build
            severity = Severity.INFO if use.in_source_text else None
            yield finding_at(RULE, use.place, message, form.surface, expected, cluster.id, related, severity)


RULE = Rule(
    id="entity-inconsistent",
    severity=Severity.WARNING,
    summary="One entity rendered more than one way in a run (ベナール/バーナード, Santiago Pino/ピノ, Benard/Bernard).",
    doc=RuleDoc(
        what=(
            "Groups the run's name mentions into entities by cross-script phonetic matching and "
            "name structure, and reports every mention that differs from the entity's canonical "
            "rendering (the fullest, earliest one) other than a same-script short form of it. "
            "Names in kanji are one person only when they differ by variant kanji (斎藤/齋藤, "
            "渡辺/渡邊), a family name alone joining its full name (the family name comes first). "
            "In catalogs msgids and translations are each compared among themselves (a slip "
            "between two msgids is reported at info: it is for the source's authors), and a "
            "translation's rendering must render its own msgid: a katakana word links to a Latin "
            "name only if a msgid it translates has that name, two katakana words only if they "
            "render one source word, and Latin words each copied from their own msgid are not "
            "compared, nor are the names of a translation that copies its msgid whole (a "
            "keyword list kept as is) unless the file translates that msgid otherwise, or "
            "of a msgid list (\"Text;Editor;\") it copies before adding its own items. English words the dictionary knows (Close/Closed, German/Germany) are "
            "never taken for a misspelt name. Not linked either: a word and one derived from it "
            "(イテレート/イテレータ, Deprecate/Deprecated, Robert/Roberta), identifiers a letter "
            "apart (PyInit/PyUnit), katakana compounds one word apart (サブクラス/サブタイプ), a "
            "katakana loanword used as a verb or adjective (リッスンする) and a Latin name, and "
            "a lone surname and a full name in another file unless it is a person's name and "
            "that full name is the only one in the run it can be, a lone word and the last word "
            "of a katakana name nothing marks as a person's (クルド and セント・キルダ) unless it "
            "writes that word nearly as it is, and a place with and without "
            "its administrative suffix (アーカンソー州/アーカンソー). A katakana compound the "
            "dictionary reads as common words (シティ|バンク) is a name only when the run writes "
            "a Latin name it transcribes exactly (Citibank)."
        ),
        why=(
            "Katakana has no fixed spelling for foreign names, so one person drifts between "
            "renderings, or between Latin and katakana, and readers think they are two people."
        ),
        example_bad="共同創業者のアルノー・ベナールは…。その後バーナードは…",
        example_good="共同創業者のアルノー・ベナールは…。その後ベナールは…",
    ),
    check=check,
    defers_to=("term-inconsistent", "orthographic-variant"),  # a loanword spelt two ways is a word, not a name
)
