"""`term-inconsistent`: one source word transliterated two ways across the run's catalogs.

No word aligner is available, so the rule only looks where transliteration makes the
alignment visible: katakana. For each translated entry of an English (or other
space-delimited) → Japanese catalog, the msgid's content words (stopwords and words
under three letters dropped; placeholders, URLs and code masked as in `term-missing`;
English plurals and possessives folded: "repositories" → "repository") are compared
with the msgstr's katakana words: Sudachi mode-C tokens, the mode-A parts of compounds
(データベースサーバー gives サーバー) and the dictionary words of katakana compounds
Sudachi did not know (パスワードタグ). Single words only: a phrase written as one
katakana word (ログイン for "log in") is not aligned. A pair scoring at least `ALIGN`
by `names.name_similarity` aligns (a cheap comparison of readings rules most pairs out
first); pairs are taken greedily, best first, each word and each stretch of katakana
used once (so in "Add a note to the node" → "ノードにノートを追加", note/ノート and
node/ノード pair up, never node/ノート).

The document rule only stashes (msgctxt, word) → [rendering, where] in `ctx.scratch`
(not for words the glossary knows, which the reduction skips);
the run rule reduces over every catalog. Within one msgctxt (no msgctxt is one context
of its own) and one source word, renderings are grouped with the most frequent one when
they are spellings of one word: Sudachi normalizes them together (サーバ/サーバー,
インタフェース/インターフェース) or they are at least `VARIANT` alike as kana
(リポジトリ/レポジトリ). Different words that merely sound alike stay apart (ノード/ノート,
データ/デート score lower). Every occurrence of a minority spelling is reported, with the
majority as expected and its first use as related. A tie goes to the spelling Sudachi
normalizes the others to (サーバー over サーバ); a tie Sudachi cannot break is not reported.

Words the glossary knows (a source-language term, or a rendering that is a target term)
are left to `term-missing` and the glossary rules; a rendering in Sudachi's normalized
spelling family of the majority is left to `orthographic-variant` when that rule is
enabled and advises a spelling of the word (reporting it as a whole word here, or
advising another spelling than this rule's majority), so one spelling is never reported
twice, nor with opposite advice; a tie it leaves unbroken is judged here.
"""

from __future__ import annotations

import functools
import re
from bisect import bisect_left
from collections import Counter
from typing import TYPE_CHECKING, Iterator, NamedTuple

from translate_kit.scripts import KATAKANA_WORD
from translate_kit import lexicon
from translate_kit.glossary.model import Glossary
from translate_kit.link import lang_matches, term_key
from translate_kit.messages import msg
from translate_kit.model import CatalogEntry, Document, Finding, Related, Severity
from translate_kit.names import fuzzy, name_keys, name_similarity
from translate_kit.rules.base import Rule, RuleDoc, counted, finding_at
from translate_kit.rules.orthographic import advised_spelling, same_word
from translate_kit.wordunits import JapaneseText, Unit
from translate_kit.textmask import WordSpan, code_like
from translate_kit.segment import lang_is_japanese

if TYPE_CHECKING:  # pragma: no cover
    from translate_kit.engine.contribution import DocumentScope
    from translate_kit.engine.corpus import RunView

RULE_ID = "term-inconsistent"
# A source word and a katakana word at least this alike are taken as transliterations
# (view/ビュー 0.79, theme/テーマ 0.77; date/データ 0.81 is why alignment is greedy).
ALIGN = 0.75
# Two renderings at least this alike are spellings of one word (リポジトリ/レポジトリ 0.96,
# サーバー/サーバ 0.97) rather than two words (ノード/ノート 0.81, スキーマ/スキーム 0.86).
VARIANT = 0.9
# Readings less alike than this (rapidfuzz Indel) are not compared further; every true
# pair of the calibration list scores 0.67 or more, four random pairs in five less.
PREFILTER = 0.6
MIN_WORD = 3
_KATAKANA_RUN = re.compile(f"[{KATAKANA_WORD}]{{2,}}")
_WORD = re.compile(r"\w+")
# the words of _WORD that can be content words: plain ASCII letters, at least MIN_WORD
_CANDIDATE = re.compile(rf"(?<!\w)[A-Za-z]{{{MIN_WORD},}}(?!\w)")
STOPWORDS = lexicon.words("stopwords")
_KEPT = 1 << 16  # source words, and (source word, katakana word) scores, remembered per run


class Use(NamedTuple):
    """One rendering of a source word: what and where (file offsets), stashed per file."""

    surface: str
    normalized: str
    whole: bool  # a whole Sudachi mode-C word (what orthographic-variant compares)
    path: str
    start: int
    end: int


class _Source(NamedTuple):
    """A source word as a comparison key, and its place in the text (its offset)."""

    key: str
    position: int


class RunMemo:
    """What the rule remembers for a run (kept in the run's memo, so every file of the
    run shares it): pure functions of a source word (its key) and of a source key and a
    katakana word (their transliteration score). A catalog repeats its words; bounded.
    Whole strings are not remembered: the tables kept alive cost the garbage collector
    more than the repeats save."""

    __slots__ = ("keys", "scores", "scored", "known")

    def __init__(self) -> None:
        self.keys: tuple[dict[str, str], dict[str, str]] = ({}, {})  # by english: word -> key or ""
        self.scores: dict[str, dict[str, float]] = {}  # source key -> katakana word -> score
        self.scored = 0
        self.known: set[str] | None = None  # the source words the glossary knows (`_glossary_cover`)

    def forget_when_full(self) -> None:
        """Forget every score once there are `_KEPT` (callers count what they add)."""
        if self.scored >= _KEPT:
            self.scores.clear()
            self.scored = 0


def run_memo(ctx: "DocumentScope") -> RunMemo:
    """The run's `RunMemo`, made on first use."""
    found = ctx.memo.get(RULE_ID)
    if found is None:
        found = ctx.memo[RULE_ID] = RunMemo()
    return found


# ---------------------------------------------------------------- source words


def lemma(word: str) -> str:
    """A light English lemma: lowercase, possessive and regular plural endings removed."""
    w = word.lower().replace("’", "'")
    if w.endswith("'s"):
        w = w[:-2]
    w = w.rstrip("'")
    if len(w) > 4 and w.endswith("ies"):
        return w[:-3] + "y"
    if len(w) > 4 and w.endswith(("sses", "xes", "zes", "ches", "shes")):
        return w[:-2]
    if len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")):
        return w[:-1]
    return w


def word_key(word: str, english: bool) -> str:
    """A source word's comparison key (its lemma for English), or "" when it is not a
    content word: short, not plain letters, or a stopword."""
    if len(word) < MIN_WORD or not (word.isascii() and word.isalpha()) or word.lower() in STOPWORDS:
        return ""
    key = lemma(word) if english else word.lower()
    return key if len(key) >= MIN_WORD and key not in STOPWORDS else ""


def source_words(masked: str, english: bool, keys: dict[str, str] | None = None,
                 spans: list[WordSpan] | None = None) -> list[_Source]:
    """Content words of a (code-masked) source text, as lemma keys. Single words only:
    name_similarity matches a name's part against the whole name, so "upload server"
    would score サーバー as high as "server" does. `keys` remembers `word_key` per word;
    `spans` are the text's `word_spans`, when already made (a content word is one of
    them: plain ASCII letters, at least MIN_WORD)."""
    out = []
    new = tuple.__new__
    if spans is None:
        spans = [(m.start(), m.end(), m.group()) for m in _CANDIDATE.finditer(masked)]
    for start, end, word in spans:
        if len(word) < MIN_WORD:
            continue
        key = keys.get(word) if keys is not None else None
        if key is None:
            key = word_key(word, english)
            if keys is not None:
                if len(keys) >= _KEPT:
                    keys.clear()
                keys[word] = key
        if key:
            if not code_like(masked, start, end):
                out.append(new(_Source, (key, start)))
    return out


# ---------------------------------------------------------------- alignment


@functools.lru_cache(maxsize=1 << 16)
def _keys(text: str) -> tuple[str, ...]:
    """The phonetic readings of a word (several for Latin spellings, one for katakana)."""
    return name_keys(text)


@functools.lru_cache(maxsize=1 << 18)
def transliteration_score(word: str, katakana: str) -> float:
    """How well a katakana word transliterates a source word; 0 when a cheap comparison
    of their readings already rules it out."""
    kana = _keys(katakana)[0]
    rapidfuzz = fuzzy()
    if rapidfuzz.process.extractOne(kana, _keys(word), scorer=rapidfuzz.distance.Indel.normalized_similarity, score_cutoff=PREFILTER) is None:
        return 0.0
    return name_similarity(word, katakana)


def katakana_units(text: JapaneseText) -> list[Unit]:
    """The katakana words of a text: mode-C tokens and the parts of compounds."""
    return [u for u in text.katakana_units() if len(u.surface) >= 2]


def align(sources: list[_Source], units: list[Unit], memo: RunMemo | None = None) -> list[tuple[_Source, Unit]]:
    """Greedy best-first pairing of source words with katakana words they transliterate;
    each source word and each stretch of katakana is used once: pairs are taken by score,
    then source offset, then katakana offset. `memo` remembers the scores of the pairs
    compared.

    Scores are read once per distinct source word and katakana spelling, and each
    spelling's uses are passed over once they are covered: a segment of a million
    characters (a whole document in one msgstr) repeats a few hundred words, and pairing
    every use of one with every use of the other took hours."""
    memo = memo if memo is not None else RunMemo()
    memo.forget_when_full()
    rows = memo.scores
    spellings: dict[str, list[int]] = {}  # katakana spelling -> its units, by (offset, place in `units`)
    for i, u in enumerate(units):
        spellings.setdefault(u[2], []).append(i)
    for uses in spellings.values():
        uses.sort(key=lambda i: (units[i][0], i))
    matches: dict[str, list[tuple[float, str]]] = {}  # source key -> (score, spelling) at least ALIGN
    levels: dict[float, list[_Source]] = {}  # score -> the source words with a spelling at that score
    for s in sources:
        key = s[0]
        found = matches.get(key)
        if found is None:
            row = rows.get(key)
            if row is None:
                row = rows[key] = {}
            found = matches[key] = []
            for surface in spellings:
                score = row.get(surface)
                if score is None:
                    score = row[surface] = transliteration_score(key, surface)
                    memo.scored += 1
                if score >= ALIGN:
                    found.append((score, surface))
        for score, _surface in found:
            at = levels.get(score)
            if at is None:
                levels[score] = [s]
            elif at[-1] is not s:
                at.append(s)
    used_words: set[int] = set()
    # the katakana used, as disjoint spans in order (their ends in order too): of those
    # starting before a unit ends, only the last can reach into it. Scanning every span
    # for every pair took minutes for one long segment (a thousand words aligned).
    starts: list[int] = []
    ends: list[int] = []
    skipped = dict.fromkeys(spellings, 0)  # per spelling, its first use not known to be covered
    chosen = []
    for score in sorted(levels, reverse=True):
        for s in sorted(levels[score], key=lambda s: s[1]):
            if s[1] in used_words:
                continue
            best = -1
            for level, surface in matches[s[0]]:
                if level != score:
                    continue
                uses = spellings[surface]
                n = skipped[surface]
                while n < len(uses):
                    u = units[uses[n]]
                    i = bisect_left(starts, u[1])
                    if not (i and ends[i - 1] > u[0]):
                        break
                    n += 1  # covered: stays covered, as spans are only added
                skipped[surface] = n
                if n < len(uses) and (best < 0 or (units[uses[n]][0], uses[n]) < (units[best][0], best)):
                    best = uses[n]
            if best < 0:
                continue
            u = units[best]
            i = bisect_left(starts, u[1])
            used_words.add(s[1])
            starts.insert(i, u[0])
            ends.insert(i, u[1])
            chosen.append((s, u))
    return chosen


# ---------------------------------------------------------------- the document rule: observe


def observe(doc: Document, entry: CatalogEntry, ctx: "DocumentScope") -> tuple[Finding, ...]:
    """Stash the katakana renderings of a catalog entry's source words in ctx.scratch
    (aligned once for the entries of a document with the same texts)."""
    aligned = ctx.entry_once(RULE_ID, entry, lambda: _aligned(ctx, entry))
    if aligned is not None:
        _record(ctx, entry, aligned)
    return ()


def _aligned(ctx: "DocumentScope", entry: CatalogEntry) -> tuple[tuple[int, _Source, Unit], ...] | None:
    """(number of the translation, source word, katakana word) of each pair an entry's
    translations align, a function of the entry's texts and flags; None when no
    translation had source words to align."""
    source_lang = entry.sources[0].lang if entry.sources else ctx.options.source_lang
    if lang_is_japanese(source_lang):
        return None
    english = lang_matches(source_lang or "en", "en")
    memo: RunMemo | None = None
    out: list[tuple[int, _Source, Unit]] | None = None
    for n, target in enumerate(entry.targets):
        if not lang_is_japanese(target.lang) or not _KATAKANA_RUN.search(target.text):
            continue
        memo = memo or run_memo(ctx)
        source = entry.source_texts(target)[0]
        masked, words = ctx.texts.masked_words(source, entry.flags)
        sources = source_words(masked, english, memo.keys[english], words)
        known = _known(ctx, memo)
        if any(s[0] not in known for s in sources):  # else nothing to keep: no word needs aligning
            out = out if out is not None else []
            # the glossary's words are aligned too (they take their katakana words from the
            # others) but not kept: the run rule leaves them to the glossary rules
            out += [(n, source, unit) for source, unit in align(sources, katakana_units(ctx.texts.japanese(target)), memo)
                    if source[0] not in known]
    return tuple(out) if out is not None else None


def _known(ctx: "DocumentScope", memo: RunMemo) -> set[str]:
    """The source words the glossary knows (`_glossary_cover`), once per run."""
    known = memo.known
    if known is None:
        known = memo.known = _glossary_cover(ctx.glossary, ctx.options.source_lang)[0]
    return known


def _record(ctx: "DocumentScope", entry: CatalogEntry, aligned: tuple[tuple[int, _Source, Unit], ...]) -> None:
    """Record each aligned pair of an entry where its translation is."""
    found: dict[tuple[str | None, str], list[Use]] = ctx.scratch.setdefault(RULE_ID, {})
    new = tuple.__new__
    for n, source, unit in aligned:
        target = entry.targets[n]
        offset = target.file_offset
        use = new(Use, (unit[2], unit[3], unit[4], target.path, offset(unit[0]), offset(unit[1])))
        uses = found.get((target.msgctxt, source[0]))
        if uses is None:
            found[(target.msgctxt, source[0])] = [use]
        else:
            uses.append(use)


# ---------------------------------------------------------------- the run rule: reduce


def check(ctx: "RunView") -> Iterator[Finding]:
    """Report minority spellings of each source word's katakana rendering."""
    observed: dict[tuple[str | None, str], list[Use]] = ctx.scratch.get(RULE_ID) or {}
    if not observed:
        return
    known_words, known_renderings = _glossary_cover(ctx.glossary, ctx.options.source_lang)
    defer = ctx.options.rules.enabled("orthographic-variant")
    # most words are rendered one way: those are passed over before sorting and counting
    varied = [(key, uses) for key, uses in observed.items() if _two_spellings(uses)]
    for (_context, word), uses in sorted(varied, key=lambda kv: (kv[0][0] or "", kv[0][0] is not None, kv[0][1])):
        if word in known_words:
            continue
        counts = Counter(u.surface for u in uses)
        if any(term_key(r) in known_renderings for r in counts):
            continue
        norms = {u.surface: u.normalized for u in reversed(uses)}
        for majority, minorities in clusters(counts, norms):
            first = min((u for u in uses if u.surface == majority), key=lambda u: (u.path, u.start))
            related = _related(ctx, first)
            for use in sorted((u for u in uses if u.surface in minorities), key=lambda u: (u.path, u.start)):
                if defer and same_word(ctx, use.normalized, norms[majority]):
                    spelled = advised_spelling(ctx, use.normalized)
                    if spelled is not None and use.whole:
                        continue  # orthographic-variant reports this word (not in a tie it leaves unbroken)
                    if spelled is not None and spelled != majority:
                        continue  # never advise against orthographic-variant, which counts every use of the word
                yield _finding(ctx, use, word, majority, counts, related)


def _two_spellings(uses: list[Use]) -> bool:
    """Whether the uses have more than one surface."""
    first = uses[0][0]
    for use in uses:
        if use[0] != first:
            return True
    return False


def clusters(counts: Counter[str], norms: dict[str, str]) -> list[tuple[str, set[str]]]:
    """(majority, minority spellings) for each group of renderings that spell one word;
    groups whose top count is a tie Sudachi cannot break are left out."""
    remaining = sorted(counts, key=lambda r: (-counts[r], r))
    out = []
    while remaining:
        head = remaining[0]
        group = [r for r in remaining if r == head or are_variants(head, r, norms)]
        remaining = [r for r in remaining if r not in group]
        majority = _majority(group, counts, norms) if len(group) > 1 else None
        if majority is not None:
            out.append((majority, set(group) - {majority}))
    return out


def are_variants(a: str, b: str, norms: dict[str, str]) -> bool:
    """Two katakana renderings that spell one word: normalized together by Sudachi, or
    near-identical as kana."""
    return norms.get(a) == norms.get(b) or name_similarity(a, b) >= VARIANT


def _majority(group: list[str], counts: Counter[str], norms: dict[str, str]) -> str | None:
    """The most frequent spelling; a tie goes to the one Sudachi normalizes the others to."""
    top = max(counts[r] for r in group)
    tied = [r for r in group if counts[r] == top]
    if len(tied) == 1:
        return tied[0]
    chosen = [r for r in tied if all(norms.get(x) == r for x in tied if x != r)]
    return chosen[0] if len(chosen) == 1 else None


def _glossary_cover(glossary: object, source_lang: str) -> tuple[set[str], set[str]]:
    """Source words (as lemma keys) and renderings (as term keys) the glossary knows."""
    if not isinstance(glossary, Glossary):
        return set(), set()
    words: set[str] = set()
    renderings: set[str] = set()
    for concept in glossary.concepts:
        for term in concept.terms:
            if lang_matches(term.lang, source_lang):
                parts = [p for p in re.split(r"[\s\-]+", term.text.strip()) if p]
                if parts:
                    words.add(" ".join([p.lower() for p in parts[:-1]] + [lemma(parts[-1])]))
            elif lang_is_japanese(term.lang):
                renderings.add(term_key(term.text))
    return words, renderings


def _related(ctx: "RunView", use: Use) -> tuple[Related, ...]:
    """Where the majority spelling is first used."""
    place = ctx.place_in(use.path, use.start, use.end)
    return (Related(place.path, place.line, place.column, use.surface),) if place else ()


def _finding(
    ctx: "RunView", use: Use, word: str, majority: str, counts: Counter[str], related: tuple
) -> Finding:
    """The finding for one minority rendering."""
    place = ctx.place_in(use.path, use.start, use.end)
    assert place is not None
    n, m = counts[majority], counts[use.surface]
    message = msg('{found} renders "{word}" here, but the catalogs render it {majority} {counted}; write {majority}',
                  found=use.surface, word=word, majority=majority, counted=counted(n, m))
    return finding_at(RULE, place, message, use.surface, majority, related=related)


RULE = Rule(
    id=RULE_ID,
    severity=Severity.WARNING,
    summary="One source word transliterated two ways across the catalogs (repository: リポジトリ / レポジトリ).",
    doc=RuleDoc(
        what=(
            "Pairs each msgid word with the katakana word in its msgstr that transliterates it, "
            "collects the renderings of every source word across all catalogs (per msgctxt), and "
            "reports the less frequent spelling of one word (サーバ/サーバー, レポジトリ/リポジトリ) "
            "with the majority as expected. Words in the glossary are left to the glossary rules."
        ),
        why=(
            "Catalogs translated by many hands drift: the same English term ends up spelled two "
            "ways, which looks careless and breaks search, and no glossary lists every word."
        ),
        example_bad=(
            'msgid "Clone the repository"  msgstr "リポジトリをクローン"\n'
            'msgid "Delete the repository" msgstr "リポジトリを削除"\n'
            'msgid "Repository settings"   msgstr "レポジトリの設定"'
        ),
        example_good='msgid "Repository settings"   msgstr "リポジトリの設定"',
    ),
    check=check,
    check_entry=observe,
    needs=frozenset({"word-units"}),
)
