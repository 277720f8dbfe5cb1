"""`orthographic-variant`: one word written two ways in a run (表記ゆれ).

Words are grouped by Sudachi's normalized form, and the *dictionary forms* of content
words are compared, so inflections (する/し/さ) never count as variants. Sudachi also
normalises different words together (挙げる/上げる share 上げる), so two forms count as
variants of one word only when they are both katakana (ユーザ/ユーザー), or both use
kanji and one's kanji are a subset of the other's (引越し/引っ越し). Hiragana spellings
are compared only for adverbs, conjunctions and adjectival nouns read as the kanji spelling
(すでに/既に, ただし/但し, さまざま/様々); a verb's or a noun's (ください/下さい, こと/事,
わかる/分かる) are often kept apart on purpose, and left alone.

A katakana word written with and without its final ー is one word however the dictionary
lists the two (パーサ and パーサー are two entries, ヘルパ a name, カレンダ missing): such
nouns are grouped by the spelling without the mark when at least three kana are left
(カバ/カバー and エラ/エラー stay apart), as are its spellings with small and full-size
vowel kana (ウィジェット/ウイジェット), and a tie between two such words is not broken. A compound
of katakana common nouns written with ・ between its words (データベース・サーバー) is a
spelling of the compound written as one word, when only the dots differ; a name written
with ・ (its words are names or unknown to the dictionary) is no compound, nor, in a
catalog, two words its msgid lists (ユーザー・グループ for "user and group"). With a
glossary, a spelling it does not approve is never the one advised: where the run mostly
writes one (フォルダ, the glossary preferring フォルダー), the glossary's preferred spelling
is, as the glossary rules advise it.

A word written in full-width Latin letters or half-width kana (ＡＰＩ, ｻｰﾊﾞｰ), or a number
in full-width digits (第１章, even of one digit), is a spelling of the word in standard
widths, and a sentence that names a width (全角, 半角) shows the other width on purpose.
A Latin word's spellings in other letter case are one word only when each has capitals
and small letters and none is a lowerCamelCase identifier (GitHub/Github, JavaScript/
Javascript; not python/Python, API/Api or webView/WebView), and a tie between them is not
broken; right after a number such a word is a unit symbol, its case its meaning (Mbps/MBps).
"""

from __future__ import annotations

import os
import re
from typing import Callable, Iterator

from translate_kit.analysis import WORD_CLASS
from translate_kit.messages import msg
from translate_kit.model import Finding, Related, Severity
from translate_kit.engine.contribution import MAX_POSITIONS_PER_FORM, FileContribution
from translate_kit.engine.corpus import RunView
from translate_kit.rules.base import Rule, RuleDoc, counted, finding_at
from translate_kit.link import accepted_forms, lang_matches, term_key
from translate_kit.rules.glossary import reported_places
from translate_kit.scripts import (KATAKANA_WORD, LATIN_WORD, NAKAGURO, PROLONGED_SOUND_MARK, hiragana_to_katakana, is_hiragana,
                                   is_hiragana_char, is_katakana, kanji_set, latin_case_key, long_vowel_stem, standard_width)


def are_spelling_variants(a: str, b: str, reading: Callable[[str], str] | None = None) -> bool:
    """True when two written forms are spellings of one word rather than two words.

    Forms with kanji must also read the same (引越し/引っ越し both ヒッコシ), because
    Sudachi normalises a potential verb to its base verb (戻せる → 戻す)."""
    if a == b:
        return False
    wide_a, wide_b = standard_width(a), standard_width(b)
    if wide_a == wide_b and wide_a.isascii() and wide_a.isdigit():
        return True  # a number in full-width digits, one digit too (第１章/第1章)
    if (len(a) == 1 or len(b) == 1) and not (is_hiragana(a) or is_hiragana(b)):
        return False  # a lone character (入 of 入退会) is part of a compound, not a spelling of 入り
    if wide_a is not a or wide_b is not b:  # ＡＰＩ, ｻｰﾊﾞ: judged in standard widths
        return wide_a == wide_b or are_spelling_variants(wide_a, wide_b, reading)
    if LATIN_WORD.fullmatch(a) and LATIN_WORD.fullmatch(b):  # GitHub/Github, not python/Python or webView/WebView
        return latin_case_key(a) == latin_case_key(b)
    if NAKAGURO in a or NAKAGURO in b:  # a compound with ・ between its words: only the dots may differ
        return a.replace(NAKAGURO, "") == b.replace(NAKAGURO, "")
    if is_katakana(a) and is_katakana(b):
        return not _with_english_s(a, b) and not _with_english_s(b, a)
    ka, kb = kanji_set(a), kanji_set(b)
    if bool(ka) != bool(kb) and is_hiragana(b if ka else a):
        # an adverb, a conjunction or an adjectival noun in kana (the only words collected
        # so): the same word when it reads as the kanji spelling (まだ is no 未だ read いまだ)
        kana, kanji = (b, a) if ka else (a, b)
        return reading is not None and reading(kanji) == hiragana_to_katakana(kana)
    if not ka or not kb:
        return False
    if all(is_hiragana_char(c) or c in ka for c in a) and all(is_hiragana_char(c) or c in kb for c in b):
        if not (ka <= kb or kb <= ka):
            return False
        return reading is None or reading(a) == reading(b)
    return False


def _with_english_s(longer: str, shorter: str) -> bool:
    """Whether a katakana word is another spelling of a word with an English -s after it
    (ユーザーズ, "users'", of ユーザー or ユーザ): a form of the word, as Sudachi groups it,
    not a way to spell it."""
    if longer[-1:] not in ("ズ", "ス") or len(longer) <= len(shorter):
        return False
    stem = longer[:-1]
    return stem == shorter or kana_key(stem) == kana_key(shorter) != ""


def _uses_of(ctx: RunView, normalized: str, forms: dict, canonical: int, form: str) -> list[tuple[int, int, int, str]]:
    """Where a form of a word is used: the places recorded for a non-canonical spelling,
    and for the canonical one also every use counted in that spelling."""
    recorded = forms[form].uses if form in forms else []
    return recorded + ctx.canonical_uses(normalized) if form == normalized and canonical else recorded


def majority_spelling(counts: dict[str, int], normalized: str) -> str:
    """The form written most often; ties go to Sudachi's normalized form, then by text."""
    return max(counts, key=lambda f: (counts[f], f == normalized, f))


# small vowel kana written full size: ウィ and ウイ, フィ and フイ spell one sound
_FULL_SIZE = str.maketrans("ァィゥェォヮ", "アイウエオワ")


# Kana a word keeps for its small vowels to be written full size in its key: short, ァ and
# ア may tell two words apart (ファン, a fan, and フアン, Juan).
MIN_FOLDED = 4


def kana_key(word: str) -> str:
    """What the katakana spellings of one word share: the word without its final ー
    (`long_vowel_stem`) and, from MIN_FOLDED kana, with small vowel kana written full size
    (ヘルパ/ヘルパー, ウィジェット/ウイジェット); "" for a word that is not katakana or too
    short."""
    stem = long_vowel_stem(standard_width(word))
    return stem.translate(_FULL_SIZE) if len(stem) >= MIN_FOLDED else stem


class Families:
    """The normalized forms whose spellings are judged together: Sudachi's normalized
    form groups spellings, and katakana forms sharing a `kana_key` join their groups,
    since the dictionary lists some spellings as two words or not at all (パーサ/パーサー,
    ビューワ beside ビューワー, which it normalizes to ビューアー). Once per view."""

    def __init__(self, ctx: RunView) -> None:
        self._ctx = ctx
        self._parent: dict[str, str] = {}
        self._spellings: dict[tuple[str, ...], _Family] = {}  # `spellings`, once per group
        # a normalized form whose final ー no spelling of the run writes keeps it in its key:
        # ウィンドウ (normalized ウインドー, a window) is no spelling of ウィンド (wind)
        self._own = {normalized: normalized for normalized, forms in ctx.words.items()
                     if normalized.endswith(PROLONGED_SOUND_MARK) and not ctx.canonical_count(normalized)
                     and not any(standard_width(f).endswith(PROLONGED_SOUND_MARK) for f in forms)}
        for normalized, forms in ctx.words.items():  # words seen in a non-canonical spelling
            key = self._key(normalized)
            for form in forms:
                other = kana_key(form)
                if other and other != key:
                    self._join(key, other)
        # katakana words written only as the dictionary (or nobody) spells them join by key
        katakana = dict.fromkeys(n for f in ctx.files for n in f.canonical if kana_key(n))
        members: dict[str, set[str]] = {}
        for normalized in (*ctx.words, *katakana):
            members.setdefault(self.of(normalized), set()).add(normalized)
        # a word written one way only has nothing to compare
        self.groups = [tuple(sorted(m)) for m in members.values() if len(m) > 1 or m & ctx.words.keys()]
        self._members = {self.of(m[0]): m for m in self.groups}

    def _key(self, normalized: str) -> str:
        """A normalized form's own key: its `kana_key`, or itself (kanji, short words, and
        a final ー the run never writes)."""
        return self._own.get(normalized) or kana_key(normalized) or normalized

    def _find(self, key: str) -> str:
        parent = self._parent
        root = parent.setdefault(key, key)
        while root != parent[root]:
            root = parent[root]
        while key != root:  # path compression
            parent[key], key = root, parent[key]
        return root

    def _join(self, a: str, b: str) -> None:
        ra, rb = self._find(a), self._find(b)
        if ra != rb:
            self._parent[max(ra, rb)] = min(ra, rb)

    def of(self, normalized: str) -> str:
        """The family a normalized form belongs to (its own key when the run has no other)."""
        key = self._key(normalized)
        return self._find(key) if key in self._parent else key

    def members(self, normalized: str) -> tuple[str, ...] | None:
        """The normalized forms judged with this one (None: the run writes it one way)."""
        return self._members.get(self.of(normalized))

    def spellings(self, members: tuple[str, ...]) -> "_Family":
        """A group's spellings across the run, counted once for the rule and for
        term-inconsistent, which asks per use."""
        found = self._spellings.get(members)
        if found is None:
            found = self._spellings[members] = _Family(self._ctx, members)
        return found


def families(ctx: RunView) -> Families:
    """The run's `Families`, made on first use."""
    found = ctx.spelling_families
    if not isinstance(found, Families):
        found = ctx.spelling_families = Families(ctx)
    return found


def same_word(ctx: RunView, a: str, b: str) -> bool:
    """Whether two normalized forms are spellings this rule judges together."""
    family = families(ctx)
    return family.of(a) == family.of(b)


class _Family:
    """A word's spellings across the run: each form's count and the normalized forms it was
    counted under."""

    def __init__(self, ctx: RunView, members: tuple[str, ...]) -> None:
        self.ctx = ctx
        self.members = members
        self.counts: dict[str, int] = {}
        self.under: dict[str, list[str]] = {}
        self.written: dict[str, list[tuple[int, int, int, str]]] = {}  # forms found in the texts only
        for normalized in members:
            for form, stats in ctx.words.get(normalized, {}).items():
                self._count(form, normalized, stats.count)
            canonical = ctx.canonical_count(normalized)
            if canonical:
                self._count(normalized, normalized, canonical)
        for form in [f for f in self.counts if NAKAGURO in f]:
            joined = form.replace(NAKAGURO, "")
            if joined not in self.counts:
                # Sudachi reads many compounds as two words (コール|バック): the compound
                # written as one word is then looked for in the run's texts
                found = _written(ctx, joined)
                if found:
                    self.counts[joined] = len(found)
                    self.written[joined] = found

    def _count(self, form: str, normalized: str, count: int) -> None:
        self.counts[form] = self.counts.get(form, 0) + count
        self.under.setdefault(form, []).append(normalized)

    def majority(self) -> str | None:
        """The spelling written most often. A tie goes to Sudachi's normalized form within
        one dictionary word; across the words a katakana key joins, between a compound with
        ・ and without, or between kana and kanji (すでに/既に), a tie is not broken."""
        top = max(self.counts.values())
        tied = [f for f, n in self.counts.items() if n == top]
        if len(tied) > 1 and len({standard_width(f) for f in tied}) > 1 and all(LATIN_WORD.fullmatch(standard_width(f)) for f in tied):
            return None  # GitHub/Github once each: the run says nothing of which case is right
        if len(self.members) == 1 and not any(NAKAGURO in f for f in self.counts) and (len(tied) == 1 or not any(map(is_hiragana, tied))):
            return majority_spelling(self.counts, self.members[0].partition(WORD_CLASS)[0])
        return tied[0] if len(tied) == 1 else None

    def uses(self, form: str) -> list[tuple[int, int, int, str]]:
        """Where the run writes a form: (document number, start, end, surface), in no order."""
        ctx = self.ctx
        if form in self.written:
            return self.written[form]
        return [use for normalized in self.under[form]
                for use in _uses_of(ctx, normalized, ctx.words.get(normalized, {}), ctx.canonical_count(normalized), form)]

    def first(self, form: str) -> tuple[int, int, int, str]:
        """The run's first use of a form (for the canonical one of a word, without listing
        every use)."""
        ctx = self.ctx
        if form in self.under and len(self.under[form]) == 1 and form == self.under[form][0] and form not in ctx.words.get(form, {}):
            first = ctx.canonical_first(form)
            assert first is not None  # the form is counted, so it has a first use
            return first
        return min(self.uses(form))


def _written(ctx: RunView, word: str) -> list[tuple[int, int, int, str]]:
    """Where the run's texts write a katakana word whole (no katakana or ・ beside it),
    up to MAX_POSITIONS_PER_FORM places; only where the analysis read a word at its start
    (`_read_at`), so not in code, a comment, or a catalog's obsolete or fuzzy entry."""
    pattern = re.compile(f"(?<![{KATAKANA_WORD}{NAKAGURO}]){re.escape(word)}(?![{KATAKANA_WORD}{NAKAGURO}])")
    found: list[tuple[int, int, int, str]] = []
    for number, f in enumerate(ctx.files):
        if word not in f.text:
            continue
        read = _read_at(f, word)
        for m in pattern.finditer(f.text):
            if m.start() not in read:
                continue
            found.append((number, m.start(), m.end(), word))
            if len(found) >= MAX_POSITIONS_PER_FORM:
                return found
    return found


def _read_at(f: FileContribution, word: str) -> set[int]:
    """Where the analysis of a file read a word that begins `word` (テンプレート or クエリ
    of テンプレートファイル, クエリパラメータ, or the whole word, one the dictionary lacks):
    in the file's texts, not the rest of the file."""
    heads = {word[:length] for length in range(2, len(word) + 1)}
    starts = {a for head in heads for a, _end, surface in f.canonical.get(head, ()) if surface == head}
    for forms in f.words.values():  # a head in another spelling than the dictionary's
        for form, stats in forms.items():
            if form in heads:
                starts.update(use[1] for use in stats.uses)
    return starts


def advised_spelling(ctx: RunView, normalized: str) -> str | None:
    """The spelling this rule advises for the word a normalized form belongs to, when the
    run writes it two ways (else None)."""
    run = families(ctx)
    members = run.members(normalized)
    if members is None:
        return None
    family = run.spellings(members)
    return family.majority() if len(family.counts) >= 2 else None


def check(ctx: RunView) -> Iterator[Finding]:
    owned_by_glossary = reported_places(ctx)
    reading = ctx.wordunits.reading

    plan: list[tuple[_Family, str, list[str]]] = []
    run = families(ctx)
    approved, preferred = _glossary_spellings(ctx)
    for members in run.groups:
        family = run.spellings(members)
        if len(family.counts) < 2:
            continue
        majority = family.majority()
        if preferred and (majority is None or term_key(majority) not in approved):
            # a spelling the glossary does not approve is no spelling to advise: its
            # preferred one is, where the run writes it (the glossary rules advise it too)
            majority = next((f for f in family.counts if term_key(f) in preferred), majority)
        if majority is None:
            continue
        minorities = [f for f in family.counts if f != majority and are_spelling_variants(f, majority, reading)]
        if minorities:
            plan.append((family, majority, minorities))
    spans = _reported_spans(plan)
    for family, majority, minorities in plan:
        first_doc, first_start, first_end, first_surface = family.first(majority)
        first_place = ctx.place(first_doc, first_start, first_end)
        related = (Related(first_place.path, first_place.line, first_place.column, first_surface),)
        counts = family.counts
        for form in minorities:
            for document, start, end, surface in sorted(family.uses(form)):
                if start in ctx.files[document].kept:
                    continue  # the entry's source writes it so: the translation keeps it
                place = ctx.place(document, start, end)
                if (place.path, place.line, place.column) in owned_by_glossary:
                    continue
                if any(a <= start and end <= b and b - a > end - start for a, b in spans[document]):
                    continue  # サーバ of サーバ・ログ: the compound's finding speaks for the place
                expected = inflected_like(majority, form, surface)
                message = msg("{form} is a spelling variant of {majority}, which this run writes {counted}; write {expected}",
                              form=surface, majority=majority, counted=counted(counts[majority], counts[form]), expected=expected)
                yield finding_at(RULE, place, message, surface, expected, related=related)


def _glossary_spellings(ctx: RunView) -> tuple[frozenset[str], frozenset[str]]:
    """The Japanese spellings the run's glossary approves (preferred or admitted) and those
    it prefers, as `term_key`s: where the run mostly writes a spelling the glossary does
    not approve (フォルダ 21 times, the glossary preferring フォルダー), this rule and the
    glossary's would otherwise advise each other's spelling."""
    if ctx.glossary is None:
        return frozenset(), frozenset()
    concepts = ctx.glossary.concepts
    preferred = frozenset(term_key(t.text) for c in concepts for t in c.terms
                          if t.status == "preferred" and lang_matches(t.lang, "ja"))
    return frozenset(form for c in concepts for form in accepted_forms(c, "ja")), preferred


def _reported_spans(plan: list[tuple[_Family, str, list[str]]]) -> dict[int, list[tuple[int, int]]]:
    """The spans of the minority spellings to report, per document: a word (サーバ) and a
    dotted compound holding it (サーバ・ログ) are one place, reported once, for the compound."""
    spans: dict[int, list[tuple[int, int]]] = {}
    for family, _majority, minorities in plan:
        for form in minorities:
            for document, start, end, _surface in family.uses(form):
                spans.setdefault(document, []).append((start, end))
    return spans


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
    summary="One word written two ways in a run (表記ゆれ: ユーザ/ユーザー, 引越し/引っ越し, ＡＰＩ/API, GitHub/Github).",
    doc=RuleDoc(
        what=(
            "Groups content words by Sudachi's normalized form (a katakana word also with its "
            "spellings with and without a final ー or with small vowel kana written full size, "
            "and a katakana compound with and without ・ between its words; a word in full-width "
            "Latin letters, full-width digits or half-width kana also with its standard-width "
            "spelling; a Latin word "
            "with capital and small letters also with its spellings in other letter case, when "
            "none is a lowerCamelCase identifier (GitHub/Github); an adverb, a conjunction or an "
            "adjectival noun also with its spelling in kana) and reports the less frequent "
            "spelling, with the majority spelling as the expected form. A translation that "
            "writes a word as its own source does is never reported for it."
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
