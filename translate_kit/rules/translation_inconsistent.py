"""`translation-inconsistent`: one source term translated by two different words.

No word aligner is available, so alignment comes from association statistics over the
run's catalog entries. Each translated entry of a space-delimited → Japanese catalog gives
its source words (content words as lemma keys, exactly as `term-inconsistent` reads them)
and its target words: the nouns of the msgstr's one Sudachi analysis, compounds and their
parts (terms are nouns; verbs are left out, so 読み込む/読み込み or 許可/許さ are never
two translations; so are numbers, counters, proper nouns, dependent nouns such as こと,
and Latin), keyed by Sudachi's normalized form, so that spelling variants are one word
and an inflected サ変 verb (削除し/削除する) is its noun.

Over all entries, a source word s and a target word t are linked in an entry when t is
specific to s (most entries that contain t also contain s: `SPECIFIC`, at least twice) or
t is a katakana transliteration of s; an entry's candidate links are taken best first
(Dice coefficient), each word and each stretch of text used once. A source word's
majority rendering needs `MAJORITY` links, must itself be specific to it (or
transliterate it) and be a single word, not a compound (各行 for "each line" renders more
than "line"). Another target word is a minority rendering of s when it is linked to s
where the majority is absent, is not specific to another source word of that entry (日時
for "date/time", 秘密 for "secret key"), and is an alternative to the majority: never written beside it in one entry, not another term's
usual translation, and either a transliteration of s or in a Sudachi synonym group with
the majority (ユーザー/利用者); co-occurrence alone is not evidence enough. A target word
tied to two source words of one entry renders them as one multi-word term ("table of
contents" → 目次), tracked as that term rather than as either word.

Two senses stay quiet (account → 口座 in banking strings, アカウント in login strings):
the other source words of an entry and its msgctxt are its context; a minority rendering
is taken as another sense when its entries carry a msgctxt the majority's never do, or a
context word the majority's entries never show recurs in at least half (and two or more)
of them. A single use with neither is reported: nothing marks it as another sense. Also
quiet: a source word used as a verb where the majority's is a noun ("lists all" → 一覧),
a word inside a longer loanword that needs it (タイム in タイムゾーン), the whole
translation of a longer label ("Full Name" → 氏名), a rendering written in `CONVENTION`
or more translations (a word the translators chose), and a majority that mostly renders a
collocation ("component list"): only its other uses count against the minority.

Spellings of one katakana word (サーバ/サーバー) are left to `term-inconsistent`; one word
read alike in kana and kanji (かわり/代わり) is a spelling, not a translation; any word
the glossary knows (the source word, or either rendering as a term) is left to the
glossary rules.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from typing import TYPE_CHECKING, Iterator, NamedTuple, Sequence

from translate_kit import lexicon
from translate_kit.link import lang_matches
from translate_kit.messages import msg
from translate_kit.model import CatalogEntry, Document, Finding, Related, Severity
from translate_kit.rules.base import Rule, RuleDoc, counted, finding_at
from translate_kit.rules.term_inconsistent import _WORD, _glossary_cover, are_variants, lemma, source_words, transliteration_score
from translate_kit.scripts import is_katakana
from translate_kit.segment import lang_is_japanese
from translate_kit.wordunits import Unit

if TYPE_CHECKING:  # pragma: no cover
    from translate_kit.engine.contribution import DocumentScope
    from translate_kit.engine.corpus import RunView

RULE_ID = "translation-inconsistent"
# A target word is specific to a source word when at least this share of the entries
# that contain it also contain the source word.
SPECIFIC = 0.75
MAJORITY = 3  # links a source word's main rendering needs
# The main rendering must be used at least this many times as often as another for the
# other to be a slip: a rendering used a third as often or more is a second convention or
# a second sense (最終/最後 for "last": 24/19), not an inconsistency to fix.
DOMINANCE = 3
# A rendering written in this many translations is a word the translators chose (名称
# beside 名前 for "name" in ten entries), not a slip to fix, however common the main one is.
CONVENTION = 5
ALIGN = 0.75  # a katakana word at least this alike transliterates the source word
MIN_CHARS = 2  # single-character target words are too often parts of compounds (ユーザー名)
_NOT_TERM = frozenset({"数詞", "非自立可能", "固有名詞", "助数詞可能"})
_LATIN = re.compile(r"[A-Za-z0-9]")
_LETTERS = re.compile(r"[\W_]+")  # what is not a letter or digit: punctuation, spaces


class Word(NamedTuple):
    """A target content word of one entry: its key and where it is written (file offsets)."""

    key: str
    surface: str
    start: int
    end: int
    compound: bool  # a Sudachi word made of parts (利用者, 入力フォーム)


class Entry(NamedTuple):
    """What one translated entry brings: its source words, context and target words."""

    path: str
    context: str | None
    sources: tuple[str, ...]
    targets: tuple[Word, ...]
    source_text: str
    line_start: int  # file offset of the translation (for the example)
    target_text: str


# ---------------------------------------------------------------- the document rule: observe


def content_words(ctx: "DocumentScope", units: Sequence[Unit] | None, text: str) -> list[Unit]:
    """The content words of a translation outside code spans: Sudachi's words and the
    parts of its compounds (利用者 and 利用, so either can be a term's translation)."""
    out = []
    for u in units or ():
        if len(u.surface) < MIN_CHARS or text[u.start : u.end] != u.surface:
            continue
        pos = ctx.wordunits.pos(u.pos)
        if not pos or pos[0] != "名詞" or pos[1] in _NOT_TERM or pos[2] in _NOT_TERM or _LATIN.search(u.surface):
            continue
        out.append(u)
    return out


def observe(doc: Document, entry: CatalogEntry, ctx: "DocumentScope") -> tuple[Finding, ...]:
    """Stash a translated entry's source words and target content words in ctx.scratch."""
    for target in entry.targets[:1]:
        source_lang = entry.sources[0].lang if entry.sources else ctx.options.source_lang
        if not lang_is_japanese(target.lang) or lang_is_japanese(source_lang):
            continue
        source = entry.source_texts(target)[0]
        english = lang_matches(source_lang or "en", "en")
        masked_source, spans = ctx.texts.masked_words(source, entry.flags)
        sources = tuple(dict.fromkeys(s.key for s in source_words(masked_source, english, spans=spans)))
        if not sources:
            continue
        masked = ctx.masked(target.text, target.flags)
        words = tuple(
            Word(u.normalized, u.surface, target.file_offset(u.start), target.file_offset(u.end), u.compound)
            for u in content_words(ctx, ctx.units(target), masked)
        )
        if words:
            ctx.scratch.setdefault(RULE_ID, []).append(
                Entry(doc.path, target.msgctxt, sources, words, source, target.file_offset(0), target.text)
            )
    return ()


# ---------------------------------------------------------------- the run rule: reduce


class _Stats:
    """Entry counts of source words, target words, their pairs and target pairs."""

    def __init__(self, entries: list[Entry]) -> None:
        self.source: Counter[str] = Counter()
        self.target: Counter[str] = Counter()
        self.pair: Counter[tuple[str, str]] = Counter()
        self.keys: list[frozenset[str]] = []
        self.with_source: dict[str, list[int]] = defaultdict(list)  # entries containing a source word
        self.with_target: dict[str, set[int]] = defaultdict(set)  # entries containing a target word
        for i, e in enumerate(entries):
            keys = frozenset(w.key for w in e.targets)
            self.keys.append(keys)
            for s in e.sources:
                self.with_source[s].append(i)
            for t in keys:
                self.with_target[t].add(i)
            self.source.update(e.sources)
            self.target.update(keys)
            self.pair.update((s, t) for s in e.sources for t in keys)

    def specific(self, s: str, t: str) -> bool:
        """Whether t occurs (at least twice) almost only where s does."""
        n = self.pair[(s, t)]
        return n >= 2 and n >= SPECIFIC * self.target[t]

    def dice(self, s: str, t: str) -> float:
        return 2 * self.pair[(s, t)] / (self.source[s] + self.target[t])


def _compound(entries: list[Entry], stats: "_Stats", key: str) -> bool:
    """Whether a target word is a compound where first written: a term's usual
    translation is a word, and a compound (各行, 入力フォーム) often renders more."""
    return next(w.compound for w in entries[min(stats.with_target[key])].targets if w.key == key)


def _transliterates(s: str, t: str) -> bool:
    return is_katakana(t) and transliteration_score(s, t) >= ALIGN


def _links(entry: Entry, stats: _Stats) -> dict[str, Word]:
    """One entry's source terms linked to target words, best first, each used once. A
    target word tied to two or more source words of the entry renders them together, as
    one multi-word term ("table of contents" → 目次, never "table" → 目次)."""
    candidates = []
    for w in entry.targets:
        tied = [s for s in entry.sources if stats.specific(s, w.key) or _transliterates(s, w.key)]
        if len(tied) == 1:
            candidates.append((-stats.dice(tied[0], w.key), tied[0], w.start, w.start - w.end, w))
        elif tied:
            candidates.append((-min(stats.dice(s, w.key) for s in tied), " ".join(tied), w.start, w.start - w.end, w))
    candidates.sort(key=lambda c: c[:4])
    links: dict[str, Word] = {}
    used: set[str] = set()
    for _score, s, _start, _longer, w in candidates:
        if s not in links and w.key not in used and not any(w.start < u.end and u.start < w.end for u in links.values()):
            links[s] = w
            used.add(w.key)
    return links


def check(ctx: "RunView") -> Iterator[Finding]:
    """Report minority renderings of each source word, with the majority's counts."""
    entries: list[Entry] = list(ctx.scratch.get(RULE_ID) or ())
    if not entries:
        return
    entries.sort(key=lambda e: (e.path, e.line_start))
    stats = _Stats(entries)
    links = [_links(e, stats) for e in entries]
    rendered: dict[str, Counter[str]] = defaultdict(Counter)
    for found in links:
        for s, w in found.items():
            rendered[s][w.key] += 1
    known_words, known_renderings = _glossary_cover(ctx.glossary, ctx.options.source_lang)
    majorities: dict[str, tuple[str, int]] = {}
    for s, counts in rendered.items():
        majority, top = counts.most_common(1)[0]
        if top >= MAJORITY and (stats.specific(s, majority) or _transliterates(s, majority)) and not _compound(entries, stats, majority):
            majorities[s] = (majority, top)
    owned = {majority for majority, _top in majorities.values()}
    for s in sorted(majorities):
        majority, top = majorities[s]
        if s in known_words or majority in known_renderings:
            continue
        known = known_renderings | (owned - {majority})  # another term's usual translation is not this one's
        yield from _minorities(ctx, entries, links, stats, s, majority, top, known)


def _minorities(
    ctx: "RunView", entries: list[Entry], links: list[dict[str, Word]], stats: _Stats,
    s: str, majority: str, top: int, known: set[str],
) -> Iterator[Finding]:
    """The findings for source word s whose main rendering is `majority`."""
    with_major = [i for i in stats.with_source[s.split(" ")[0]] if s in links[i] and links[i][s].key == majority]
    groups: dict[str, list[tuple[int, Word]]] = defaultdict(list)
    words = s.split(" ")
    for i in stats.with_source[words[0]]:
        e = entries[i]
        if any(w not in e.sources for w in words) or majority in stats.keys[i]:
            continue
        word = links[i].get(s)
        if word is None:
            word = _synonym(ctx, e, links[i], majority)
        if word is not None and not any(o not in words and stats.specific(o, word.key) for o in e.sources):
            groups[word.key].append((i, word))
    if not groups:
        return
    major_context = _context(entries, with_major, s)
    example = entries[with_major[0]]
    shown = Counter(w.surface for i in with_major for w in entries[i].targets if w.key == majority).most_common(1)[0][0]
    for key, uses in sorted(groups.items()):
        standing = _standing(stats, words, majority, key, len(uses))
        minor_context = _context(entries, [i for i, _w in uses], s)
        apart = _apart([_neighbours(entries[i], words) for i in with_major], minor_context)
        if key in known or apart < DOMINANCE * standing or not _alternative(ctx, stats, s, majority, key):
            continue
        if _established(entries, uses[0][1].surface):
            continue
        uses = [(i, w) for i, w in uses if not _part_of_term(ctx, entries[i], w, shown) and not _renders_phrase(ctx, entries[i], w, words)]
        if not uses or _verb_sense([entries[i] for i, _w in uses], [entries[i] for i in with_major], words):
            continue
        if is_katakana(key) and is_katakana(majority) and are_variants(key, majority, {}):
            continue  # a spelling of one katakana word: term-inconsistent's
        if ctx.wordunits.reading(key) == ctx.wordunits.reading(majority):
            continue  # one word written in kana or kanji (かわり/代わり): a spelling, not a translation
        if not _same_sense(minor_context, major_context):
            continue
        for i, word in uses:
            yield _finding(ctx, entries[i], word, s, shown, top, len(uses), example)


def _standing(stats: _Stats, words: list[str], majority: str, key: str, linked: int) -> int:
    """How many entries use `key` for the source term: those linked to it, or more if
    more entries hold the term and `key` without the majority (基礎 in 16 entries with
    "base", where the alignment gave it to "base file" as a whole)."""
    holding = set(stats.with_source[words[0]]).intersection(*(stats.with_source[w] for w in words[1:]))
    return max(linked, len(holding & stats.with_target[key] - stats.with_target[majority]))


def _established(entries: list[Entry], surface: str) -> bool:
    """Whether a rendering is written in `CONVENTION` or more translations of the run, as
    this word or inside others: a word of the translators' working vocabulary (一覧 beside
    リスト, 要求 beside リクエスト) is a nuance they chose, where a slip is a rare word."""
    return sum(surface in e.target_text for e in entries) >= CONVENTION


def _part_of_term(ctx: "RunView", entry: Entry, word: Word, majority: str) -> bool:
    """Whether `word` is part of a longer word of the entry that stays a word only with
    it: the longer word is a term of its own (タイム in タイムゾーン, never 時刻ゾーン; but
    サーチ in サーチエンジン, where 検索エンジン is a word too)."""
    for w in entry.targets:
        if w.start <= word.start and word.end <= w.end and w.end - w.start >= word.end - word.start + MIN_CHARS:
            replaced = w.surface.replace(word.surface, majority, 1)
            if replaced != w.surface and ctx.wordunits.lookup(replaced) is None:
                return True
    return False


def _renders_phrase(ctx: "RunView", entry: Entry, word: Word, words: list[str]) -> bool:
    """Whether `word` is all an entry's translation says for a source of more content
    words: it renders the phrase ("Full Name" → 氏名), not the one word."""
    if len(entry.sources) <= len(words):
        return False
    return _LETTERS.sub("", entry.target_text) == word.surface


_VERB_BEFORE = lexicon.words("verb-before")
_VERB_AFTER = lexicon.words("verb-after")


def _verbal(text: str, words: list[str]) -> bool:
    """Whether a source word of `words` is used as a verb in `text`: after "to", a modal
    or "not", or followed by a determiner or pronoun ("lists all sections")."""
    tokens = _tokens(text)
    for k, token in enumerate(tokens):
        if _WORD.fullmatch(token) and lemma(token) in words:
            if (k and tokens[k - 1] in _VERB_BEFORE) or (k + 1 < len(tokens) and tokens[k + 1] in _VERB_AFTER):
                return True
    return False


def _verb_sense(minor: list[Entry], major: list[Entry], words: list[str]) -> bool:
    """Whether the minority renders the source word as a verb where the majority renders
    the noun ("lists all sections" → 一覧 against "a list of" → リスト): another sense."""
    if not all(_verbal(e.source_text, words) for e in minor):
        return False
    return 3 * sum(_verbal(e.source_text, words) for e in major) <= len(major)


def _synonym(ctx: "RunView", entry: Entry, found: dict[str, Word], majority: str) -> Word | None:
    """A target word left unlinked in the entry that shares a synonym group with the
    majority rendering (ユーザー/利用者)."""
    groups = ctx.wordunits.synonyms(majority)
    if not groups:
        return None
    taken = list(found.values())
    hits = [
        w for w in entry.targets
        if not any(w.start < u.end and u.start < w.end for u in taken) and ctx.wordunits.synonyms(w.key) & groups
    ]
    return hits[0] if len({w.key for w in hits}) == 1 else None


def _alternative(ctx: "RunView", stats: _Stats, s: str, majority: str, key: str) -> bool:
    """Whether `key` is an alternative to the majority: never beside it in one entry, and
    a transliteration of s or a Sudachi synonym of the majority (co-occurrence alone is
    not evidence enough: 関係者 for "CC list", 原因 for "due to")."""
    if stats.with_target[majority] & stats.with_target[key]:
        return False
    return all(_transliterates(w, key) for w in s.split(" ")) or bool(
        ctx.wordunits.synonyms(key) & ctx.wordunits.synonyms(majority)
    )


def _context(entries: list[Entry], indices: list[int], s: str) -> list[set[str]]:
    """The context of each of some entries: its other source words and its msgctxt."""
    out = []
    for i in indices:
        e = entries[i]
        out.append({w for w in e.sources if w not in s.split(" ")} | ({"\x00" + e.context} if e.context else set()))
    return out


def _apart(major: list[set[str]], minor: list[set[str]]) -> int:
    """The majority's uses outside its own collocation: when one word stands next to the
    source word in half or more of them (and `MAJORITY` or more) and in none of the
    minority's entries, they render that multi-word term ("component list" → コンポーネント
    リスト), and only the others show how the word alone is translated (the list above →
    上記の一覧). `major` holds each majority entry's neighbour words."""
    seen = set().union(*minor) if minor else set()
    counts = Counter(w for words in major for w in words if w not in seen)
    if counts:
        _word, n = counts.most_common(1)[0]
        if n >= MAJORITY and 2 * n >= len(major):
            return len(major) - n
    return len(major)


def _tokens(text: str) -> list[str]:
    return [m.group().lower() for m in re.finditer(r"[\w']+", text)]


def _neighbours(entry: Entry, words: list[str]) -> set[str]:
    """The entry's source words (content words, lemma keys) right before or after the
    source term in its text."""
    tokens = [lemma(t) for t in _tokens(entry.source_text)]
    out: set[str] = set()
    for k, token in enumerate(tokens):
        if token in words:
            out.update(t for t in (tokens[k - 1] if k else "", tokens[k + 1] if k + 1 < len(tokens) else ""))
    return {t for t in out if t in entry.sources and t not in words}


def _same_sense(minor: list[set[str]], major: list[set[str]]) -> bool:
    """Whether the minority's entries fit the majority's sense. Another sense shows as a
    msgctxt the majority's entries never have, or as a context word that recurs in at
    least half (and two or more) of the minority's entries and never in the majority's
    ("bank" in "Open a bank account", "Bank account number" against login strings)."""
    seen = set().union(*major) if major else set()
    counts = Counter(w for words in minor for w in words if w not in seen)
    return not any(w.startswith("\x00") or (n >= 2 and 2 * n >= len(minor)) for w, n in counts.items())


def _finding(
    ctx: "RunView", entry: Entry, word: Word, s: str, majority: str, n: int, m: int, example: Entry
) -> Finding:
    """The finding for one minority rendering, with the majority's first entry as related."""
    place = ctx.place_in(entry.path, word.start, word.end)
    where = ctx.place_in(example.path, example.line_start, example.line_start)
    assert place is not None and where is not None
    shown = example.source_text if len(example.source_text) <= 60 else example.source_text[:57] + "..."
    message = msg('{found} translates "{source}" here, but the catalogs translate it {majority} {counted}, e.g. "{example}"; '
                  "write {majority} unless the sense differs", found=word.surface, source=s, majority=majority, counted=counted(n, m), example=shown)
    return finding_at(RULE, place, message, word.surface, majority, related=(Related(where.path, where.line, where.column, majority),))


RULE = Rule(
    id=RULE_ID,
    severity=Severity.WARNING,
    summary="One source term translated by two different words across the catalogs (permission: 権限 / パーミッション).",
    doc=RuleDoc(
        what=(
            "Links each msgid word with the msgstr word that translates it, by how often the two "
            "occur together across all catalogs of the run (a word found almost only beside one "
            "source word, a katakana transliteration, or a Sudachi synonym of the usual "
            "translation), and reports a less frequent translation of one source word with the "
            "majority's count and an example entry. A translation used in contexts of its own "
            "(other source words, msgctxt) is taken as another sense and left alone."
        ),
        why=(
            "Reviewers most often fix one term translated by two words (document: ドキュメント / "
            "文書); readers take two words for two things, and no glossary lists every term."
        ),
        example_bad=(
            'msgid "Edit permissions"   msgstr "権限を編集"\n'
            'msgid "Permission denied"  msgstr "権限がありません"\n'
            'msgid "Group permissions"  msgstr "グループの権限"\n'
            'msgid "Reset permissions"  msgstr "パーミッションをリセット"'
        ),
        example_good='msgid "Reset permissions"  msgstr "権限をリセット"',
    ),
    check=check,
    check_entry=observe,
    needs=frozenset({"word-units"}),
    # 58-70 % of its findings on real catalogs were right when it was written: it runs
    # when asked for until its precision matches the other rules'
    default_enabled=False,
)
