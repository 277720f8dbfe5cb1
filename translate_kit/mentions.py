"""Named-entity mentions: the names a text contains, found from tokens and script.

Japanese: Sudachi proper nouns, unknown (OOV) katakana words, katakana name runs joined by
・ or ＝ (one mention, with its parts; a name Sudachi cuts into dictionary words, ソーン|ダース,
is one part), common-noun katakana made a name by an honorific
(ピノ氏), and Latin-script names inside Japanese text (Nous Research, GPT-4.5ターボ).
English: capitalised multi-word names, mid-sentence capitalised words, camel-case and
versioned names. Ordinary loanwords (モデル, データ) are not entities.
"""

from __future__ import annotations

import bisect

import re
from dataclasses import replace
from typing import TYPE_CHECKING, Callable, Iterable, NamedTuple, Protocol, Sequence

from translate_kit import lexicon
from translate_kit.cues import CUE_WORDS, STATEMENT_VERBS, class_before, class_type, role_after, statement_after, title_after
from translate_kit.heads import (ADMINISTRATIVE_SUFFIXES, AGENCY_SUFFIXES, DIRECTION_PREFIXES, HEAD_MODIFIERS, HEAD_TYPES, HEAD_WORDS,
                                 PLACE_GLUED_WORDS, PLACE_ORGANIZATION_SUFFIXES, PLACE_WITHIN_WORDS, head_type, may_end_in_place_within,
                                 may_name_agency)
from translate_kit.model import EntityType, Mention, Script
from translate_kit.scripts import NAME_SEPARATORS, is_katakana, is_kanji_char, nfkc, script_of

if TYPE_CHECKING:  # pragma: no cover
    from sudachipy import Morpheme

# Prefixes of an honorific for an office once held (元首相, 前監督): with one, it is an honorific.
HONORIFIC_PREFIXES = lexicon.words("honorific-prefixes")


def _with_prefixes(words: frozenset[str]) -> frozenset[str]:
    """Honorifics, and each written after a prefix of `HONORIFIC_PREFIXES` (元首相)."""
    return words | frozenset(p + w for p in HONORIFIC_PREFIXES for w in words)


PERSON_HONORIFICS = _with_prefixes(lexicon.words("person-honorifics"))
# Titles before a person's name (ミスター・ボーン): kept in `Mention.suffix` like an honorific.
PERSON_TITLES = lexicon.words("person-titles")
# Katakana titles after a person's name (ベナールコーチ): kept in `Mention.suffix` too, but
# only after a word that may be a name (`_title_after_name`).
PERSON_TITLES_AFTER = lexicon.words("person-titles-after")
ORGANIZATION_SUFFIXES = lexicon.words("organization-suffixes")
# Honorifics that are also an office held for a place (イギリス首相): see `_office_of_place`.
OFFICE_TITLES = _with_prefixes(lexicon.words("office-titles"))
PLACE_OPENING_WORDS = lexicon.words("place-opening-words")
_SEPARATOR = re.compile("[" + "".join(NAME_SEPARATORS) + "]")
HONORIFICS = PERSON_HONORIFICS | ORGANIZATION_SUFFIXES

# Words that make a Latin name an organization (Nous Research, Sciumo Inc., Mistral AI).
ORGANIZATION_WORDS = lexicon.words("organization-words")
# Edition words that belong to a versioned product name written without a space (GPT-4.5ターボ).
EDITION_WORDS = lexicon.words("edition-words")
LATIN_CONNECTORS = lexicon.words("latin-connectors")
# endings of a place's name that make it the larger place of one glued after it (神奈川県|横浜市)
ENCLOSING_PLACE_ENDINGS = lexicon.words("enclosing-place-endings")
ABBREVIATIONS_WITH_DOT = lexicon.words("abbreviations-with-dot")
# particles inside a katakana name (アル, デル, ビン): the dictionary lists some as given
# names (Al, Del), but after a name's first word they are particles, found in places'
# names as in people's (ワジ・アル＝ヒタン)
_KANA_NAME_PARTICLES = lexicon.words("kana-name-particles")

_LATIN_LETTER = "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u1e00-\u1eff"
_LATIN_WORD = re.compile(
    rf"(?<![{_LATIN_LETTER}0-9])[{_LATIN_LETTER}0-9]+(?:[-.'’+&][{_LATIN_LETTER}0-9]+)*\.?"
)
_HAS_LETTER = re.compile(rf"[{_LATIN_LETTER}]")
_RUN_GAP = frozenset(" \u00a0")
_DIGIT = re.compile(r"\d")
_POSSESSIVE = frozenset({"'s", "’s", "'S", "’S"})


class LatinWord(NamedTuple):
    """A Latin-script word and its offsets (a tuple: every word of every msgid is one)."""

    text: str
    start: int
    end: int


def latin_words(text: str) -> list[LatinWord]:
    """Latin-script words (letters, digits, inner - . ' + &), with a trailing dot only for
    abbreviations such as Inc."""
    out = []
    for m in _LATIN_WORD.finditer(text):
        word, start, end = m.group(), m.start(), m.end()
        if word.endswith(".") and word[:-1].lower() not in ABBREVIATIONS_WITH_DOT:
            word, end = word[:-1], end - 1
        if len(word) > 3 and word[-2:] in _POSSESSIVE:
            word, end = word[:-2], end - 2  # Python's: the name is Python
        if _HAS_LETTER.search(word):
            out.append(LatinWord(word, start, end))
    return out


# Prefixes and endings that make an adjective of a name (non-Python, pure-Python,
# Perl-style, UTF-8-encoded, POSIX-compliant): the name is what they are attached to.
_ADJECTIVE_PREFIXES = frozenset(
    "non pre post pure anti semi multi sub un re co self cross pseudo quasi half all full inter intra over under".split()
)
_ADJECTIVE_ENDINGS = frozenset(
    "style like only compatible compliant aware specific friendly safe free wide level side based oriented "
    "powered driven related enabled ready native centric agnostic independent dependent sensitive insensitive "
    "bound capable".split()
)


def name_core(word: LatinWord) -> LatinWord:
    """The name inside a hyphenated adjective (non-Python → Python, Perl-style → Perl,
    NUL-terminated → NUL); any other word as it is (GPT-4-turbo, e-mail, Coca-Cola)."""
    text, start, end = word
    head, sep, rest = text.partition("-")
    if sep and head.isalpha() and head.lower() in _ADJECTIVE_PREFIXES and (head.islower() or head[1:].islower()) and rest[:1].isupper():
        text, start = rest, start + len(head) + 1
    body, sep, tail = text.rpartition("-")
    if sep and tail.isalpha() and tail.islower() and (tail in _ADJECTIVE_ENDINGS or (len(tail) > 4 and tail.endswith("ed"))):
        if _HAS_LETTER.search(body):
            text, end = body, start + len(body)
    return word if text == word.text else LatinWord(text, start, end)


def latin_runs(text: str, words: Sequence[LatinWord] | None = None) -> list[list[LatinWord]]:
    """Group Latin words into runs of a name: capitalised words one space apart, with
    lower-case connectors (van, de, of) allowed between capitalised words. Hyphenated
    adjectives count as the name inside them (`name_core`)."""
    words = [name_core(w) for w in (latin_words(text) if words is None else words)]
    runs: list[list[LatinWord]] = []
    current: list[LatinWord] = []
    for w in words:
        if format_mask(w.text) or _CLOCK_OFFSET.fullmatch(w.text):
            if current:
                runs.append(current)
            current = []
            continue
        if current:
            prev = current[-1]
            gap = text[prev.end : w.start]
            joinable = len(gap) == 1 and gap in _RUN_GAP and (_is_capitalised(w.text) or w.text.lower() in LATIN_CONNECTORS)
            if joinable and (_is_capitalised(prev.text) or prev.text.lower() in LATIN_CONNECTORS):
                current.append(w)
                continue
            runs.append(current)
        current = [w]
    if current:
        runs.append(current)
    trimmed = (_trim_connectors(r) for r in runs)
    return [r for r in trimmed if r]


_TRIPLE_LETTER = re.compile(r"([A-Za-z])\1\1")
_ROMAN_NUMERAL = re.compile(r"M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})")


# a time written as its offset from a time standard (UTC+9, GMT+10:00): a time, no name nor
# version; only with +, since a hyphen writes versions too (GPT-4)
_CLOCK_OFFSET = re.compile(r"[A-Z]{2,4}\+[0-9]{1,2}")


def format_mask(word: str) -> bool:
    """Whether a Latin word is a pattern of placeholder letters (XXX-XX-XXXX, YYYY-MM-DD,
    XXXXXXXX-XYYX), not a name: no name writes a letter three times running, but a Roman
    numeral may (Henry III, Super Bowl XXX)."""
    return _TRIPLE_LETTER.search(word) is not None and _ROMAN_NUMERAL.fullmatch(word) is None


def _trim_connectors(run: list[LatinWord]) -> list[LatinWord]:
    start, end = 0, len(run)
    while start < end and run[start].text.lower() in LATIN_CONNECTORS and not _is_capitalised(run[start].text):
        start += 1
    while end > start and run[end - 1].text.lower() in LATIN_CONNECTORS and not _is_capitalised(run[end - 1].text):
        end -= 1
    return run[start:end]


def _is_capitalised(word: str) -> bool:
    return word[:1].isupper() or word[:1].isdigit()


def _may_name(word: str) -> bool:
    """Whether a Latin word can be or begin a name: one with a capital, or starting with a
    digit (what `_is_capitalised` counts); an all-lower-case word never is."""
    return not word.islower() or word[:1].isdigit()


def _is_acronym_plural(word: str) -> bool:
    """URLs, APIs, URIs: the plural of an acronym, a term rather than a name."""
    letters = [c for c in word if c.isalpha()]
    return len(letters) >= 3 and letters[-1] == "s" and all(c.isupper() for c in letters[:-1])


def _has_inner_capital(word: str) -> bool:
    """OpenAI, ChatGPT, LeCun, iPhone: a capital after the first letter, not all caps
    (and not an acronym's plural: URLs, APIs)."""
    if _is_acronym_plural(word):
        return False
    letters = [c for c in word if c.isalpha()]
    return any(c.isupper() for c in letters[1:]) and any(c.islower() for c in letters)


def _is_all_caps(word: str) -> bool:
    letters = [c for c in word if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


def _has_digit(word: str) -> bool:
    return any(c.isdigit() for c in word)


NAME_PREFIXES = ("Mc", "Mac", "Le", "La", "De", "Di", "Du", "Van", "Von", "O'")


def _name_word(word: str) -> bool:
    """A word that can be part of a person's name: capitalised, letters only, no capital
    inside (DevTools, GitHub) unless after a name prefix (McDonald, LeCun)."""
    if not (word[:1].isupper() and word[1:2].islower() and word.isalpha()):
        return False
    return not any(c.isupper() for c in word[1:]) or prefixed_name(word)


def prefixed_name(word: str) -> bool:
    """A surname with a capital after a name prefix and nowhere else (McDonald, LeCun,
    DiCaprio; not DevTools)."""
    for prefix in NAME_PREFIXES:
        rest = word[len(prefix) :]
        if word.startswith(prefix) and rest[:1].isupper():
            return not any(c.isupper() for c in rest[1:])
    return False


def latin_entity_type(words: Sequence[str]) -> EntityType:
    """Guess what a Latin-script name is from its words alone."""
    lowered = [w.lower() for w in words]
    if any(w in ORGANIZATION_WORDS for w in lowered[1:]) or (len(words) == 1 and lowered[0] in ORGANIZATION_WORDS):
        return EntityType.ORGANIZATION
    if any(_has_digit(w) for w in words) or any(w in EDITION_WORDS for w in lowered):
        return EntityType.PRODUCT
    if 2 <= len(words) <= 4 and all(_name_word(w) for w in words if w.lower() not in LATIN_CONNECTORS):
        if not any(w in ("the", "a", "an", "of", "and", "for") for w in lowered):  # titles, not people
            return EntityType.PERSON
    return EntityType.OTHER


def latin_mention(text: str, run: Sequence[LatinWord], end: int | None = None, reading: str = "") -> Mention:
    """Build a mention for a run of Latin words (optionally extended to `end`)."""
    start = run[0].start
    stop = run[-1].end if end is None else end
    surface = text[start:stop]
    etype = latin_entity_type([w.text for w in run])
    if etype is EntityType.PERSON and _YEAR_AFTER.match(text, stop):
        etype = EntityType.PRODUCT  # React Conf 2021, Summer Games 2024: an event or an edition, not a person
    return Mention(
        surface=surface,
        start=start,
        end=stop,
        script=script_of(surface),
        normalized=" ".join(nfkc(surface).split()),
        reading=reading,
        type=etype,
        parts=tuple(w.text for w in run if w.text.lower() not in LATIN_CONNECTORS),
    )


_YEAR_AFTER = re.compile(r"[ \u00a0]?(?:19|20)\d\d(?!\d)")


def english_mentions(text: str, sentence_starts: Iterable[int], unmistakable_only: bool = False) -> list[Mention]:
    """Names in space-delimited text: capitalised runs of two or more words, and single
    words that are camel-case, versioned, or capitalised away from a sentence start.
    With `unmistakable_only` (languages whose capitals say nothing about names: German
    capitalises every noun, French UI strings are in sentence case), only camel-case and
    versioned words count (OpenAI, GPT-4)."""
    if not may_hold_english_name(text):
        return []
    starts = set(sentence_starts)
    out: list[Mention] = []
    label = not unmistakable_only and _is_title_case_label(text)
    for run in latin_runs(text):
        if all(w.text.islower() for w in run):
            continue  # no capital anywhere: not a name in English
        while len(run) >= 2 and _is_all_caps(run[-1].text) and len(run[-1].text) <= 4 and run[-1].text.lower() not in ORGANIZATION_WORDS:
            run = run[:-1]  # "Allow URI", "Save API": a trailing common acronym is not part of a name
        words = [w.text for w in run]
        if unmistakable_only:
            out.extend(latin_mention(text, [part]) for w in run for part in _hyphen_parts(w) if _unmistakable(part.text))
            continue
        if len(run) >= 2 and label:
            # a Title Case UI label ("Sign In", "Save Changes"): only unmistakable names count
            out.extend(latin_mention(text, [w]) for w in run if _unmistakable(w.text))
            continue
        if len(run) >= 2:
            if sum(1 for w in words if _is_capitalised(w)) >= 2:
                first = run[0]
                # a sentence-initial function word or command is not part of the name
                # ("The Mistral team", "Generate ReStructuredText", "Open GitHub")
                if first.start in starts and first.text.lower() in _SENTENCE_INITIAL_NON_NAMES:
                    run = _trim_connectors(run[1:])
                if len(run) >= 2 or (run and _single_english_word_is_name(run[0], starts, text)):
                    out.append(latin_mention(text, run))
            continue
        if _single_english_word_is_name(run[0], starts, text):
            out.append(latin_mention(text, run))
    return out


def _unmistakable(word: str) -> bool:
    """Camel-case or versioned: a name in any language (OpenAI, iPhone, GPT-4)."""
    return _has_inner_capital(word) or (_has_digit(word) and any(c.isupper() for c in word))


def _hyphen_parts(word: LatinWord) -> list[LatinWord]:
    """The hyphen-joined parts of a word (GitHub-Sterne: GitHub, Sterne), with offsets;
    a versioned name stays whole (GPT-4)."""
    if "-" not in word.text or _has_digit(word.text):
        return [word]
    parts, at = [], word.start
    for piece in word.text.split("-"):
        if piece:
            parts.append(LatinWord(piece, at, at + len(piece)))
        at += len(piece) + 1
    return parts


def may_hold_english_name(text: str) -> bool:
    """False when `english_mentions` cannot find anything: no capital past the first
    character, and no digit for a versioned first word (Win32 ...) to have."""
    rest = text[1:]
    if rest.islower() or not any(c.isupper() for c in rest):
        return bool(text[:1].isupper() and _DIGIT.search(text))
    return True


def _is_title_case_label(text: str) -> bool:
    """A short text whose words are (nearly) all capitalised: a UI label or a title, where
    capitals say nothing about names."""
    words = [w for w in re.findall(r"[^\W\d_]+", text) if len(w) > 1 or w.isupper()]
    if len(words) < 2 or len(words) > 12:
        return False
    lowered = [w for w in words if w.lower() not in LATIN_CONNECTORS and w.lower() not in _SENTENCE_FUNCTION_WORDS]
    if len(lowered) < 2:
        return False
    return sum(1 for w in lowered if w[0].isupper()) / len(lowered) >= 0.8


_SENTENCE_FUNCTION_WORDS = lexicon.words("sentence-function-words")
# Imperatives that open UI strings and documentation sentences ("Generate ReStructuredText").
_COMMAND_VERBS = lexicon.words("command-verbs")
_PRONOUNS_AND_DAYS = lexicon.words("pronouns-and-days")


def _single_english_word_is_name(word: LatinWord, sentence_starts: set[int], text: str) -> bool:
    w = word.text
    if _unmistakable(w):
        return True
    if not w[:1].isupper() or w.lower() in _PRONOUNS_AND_DAYS:
        return False
    if (_is_all_caps(w) and len(w) <= 4) or _is_acronym_plural(w):
        return False  # acronyms (AI, API, LLM, URLs) are terms, not names
    if word.start in sentence_starts or _follows_quote_or_colon(text, word.start):
        return False
    return True


_NEXT_WORD = re.compile(r" ([a-z]+)\b")
# Words that open a Latin phrase without being part of the name after them.
_LEADING_NON_NAMES = _SENTENCE_FUNCTION_WORDS | lexicon.words("leading-non-names")


_SENTENCE_INITIAL_NON_NAMES = _LEADING_NON_NAMES | _COMMAND_VERBS


def _quoted(text: str, word: LatinWord) -> bool:
    """Whether a word stands alone in straight or curly quotes ("Muted", ‘Submit’)."""
    before, after = text[word.start - 1 : word.start], text[word.end : word.end + 1]
    return bool(before) and before in "\"“'‘" and bool(after) and after in "\"”'’"


def _opens_english_phrase(text: str, word: LatinWord) -> bool:
    """Whether a capitalised word starts an English phrase inside other text: nothing
    Latin just before it, and a lower-case word other than a connector right after
    ("(Contributed by", "Returns the"), where its capital is the phrase's, not a name's."""
    before = text[: word.start].rstrip(" ")
    if before and _HAS_LETTER.match(before[-1]):
        return False
    after = _NEXT_WORD.match(text, word.end)
    return after is not None and after.group(1) not in LATIN_CONNECTORS and after.group(1) not in ("and", "or", "vs")


def _follows_quote_or_colon(text: str, start: int) -> bool:
    i = start - 1
    while i >= 0 and text[i] in " \t":
        i -= 1
    return i >= 0 and text[i] in "\"“'‘:(["


# ---------------------------------------------------------------- Japanese

class _Tok:
    """A morpheme flattened for extraction (offsets into the segment text)."""

    __slots__ = ("start", "end", "surface", "pos", "morpheme", "kana")

    def __init__(self, start: int, end: int, surface: str, pos: tuple[str, ...], morpheme: "Morpheme", kana: bool) -> None:
        self.start = start
        self.end = end
        self.surface = surface
        self.pos = pos
        self.morpheme = morpheme
        self.kana = kana  # a katakana word, not ・ or ＝ (the analysis knows it per word)

    @property
    def is_proper(self) -> bool:
        return len(self.pos) > 1 and self.pos[1] == "固有名詞"

    @property
    def oov(self) -> bool:
        return self.morpheme.is_oov()


class JapaneseMentionExtractor:
    """Finds mentions in Japanese text from Sudachi morphemes; stateless apart from the
    tokenizer it is given."""

    def __init__(self, tokenizer: "SudachiLike") -> None:
        self._tok = tokenizer
        # memos of dictionary facts per word id and spelling (one id covers every spelling
        # Sudachi normalizes to its entry: 社 and ㊓), so an analysis never depends on
        # what was analysed before
        self._name_like_by_word: dict[tuple[int, str], bool] = {}
        self._type_by_word: dict[tuple[int, str], EntityType] = {}
        self._agency_by_word: dict[tuple[int, str], bool] = {}
        self._latin_place_by_word: dict[tuple[int, str], bool] = {}
        self._listed_by_surface: dict[str, frozenset[tuple[str, str]]] = {}

    def extract(self, text: str, toks: list[_Tok], verbal: Sequence[int] = ()) -> list[Mention]:
        """Mentions of a segment from its candidate tokens; `verbal` holds the offsets of
        する/できる and adjectival な: a katakana word right before one is a loanword used
        as a verb or an adjective (リッスンする, ローレベルな), a common word
        (`Mention.lexicon`), which may be misspelt but is no rendering of a name."""
        if not toks:
            return []
        words = latin_words(text) if _HAS_LETTER.search(text) else []
        # lower-case words only (a placeholder's {count}): no Latin name, nothing to look at
        latin = [self._with_suffix(self._whole_listed_name(text, _with_model_number(text, m), toks), toks)
                 for m in self._latin_mentions(text, words, toks)] if any(_may_name(w.text) for w in words) else []
        taken = [(m.start, m.end) for m in latin]
        kana = self._katakana_and_kanji_mentions(text, toks, taken, words)
        if kana and _DIGIT.search(text):
            # プレイステーション2; not a place's (ロンドン2012, a year) nor a person's, nor a
            # word that is also a common noun (リスト2, a code listing, and Liszt)
            kana = [_with_model_number(text, m) if m.script is Script.KATAKANA and m.type is EntityType.OTHER and not m.suffix
                    and not self._also_common(m) else m for m in kana]
        if any(t.surface[-1:] in AGENCY_SUFFIXES for t in toks):
            kana += self._agency_mentions(text, toks)
        if verbal and kana:
            after = frozenset(verbal)
            kana = [replace(m, lexicon="common") if m.end in after and m.script is Script.KATAKANA and not m.suffix and len(m.parts) <= 1 else m
                    for m in kana]
        mentions = latin + kana
        mentions.sort(key=lambda m: (m.start, m.end))
        if any(t.surface in HEAD_WORDS or ends_in_organization_head(t.surface) for t in toks):
            by_start = {t.start: t for t in toks}
            mentions = [_with_head(text, m, by_start) for m in mentions]
        if "世" in text:
            mentions = [_with_regnal_number(text, m) for m in mentions]
        mentions = _drop_overlaps(mentions)
        if mentions and "内" in text:
            by_end = {t.end: t for t in toks}
            mentions = [self._before_within(text, m, by_end) for m in mentions]
        if mentions and any(d in text for d in DIRECTION_PREFIXES):
            mentions = [_with_direction(text, m) for m in mentions]
        if "『" in text and mentions:
            mentions = _with_titles(text, mentions)
        cues = [t for t in toks if t.surface in CUE_WORDS]
        if cues:
            mentions = _with_cues(text, mentions, cues, toks, words, self._also_common)
        if mentions and _STATEMENT_HINT.search(text):
            mentions = _statement_typed(text, mentions)
        return _glued_to_place(mentions) if len(mentions) > 1 else mentions

    def compounds(self, text: str, toks: list[_Tok], mentions: Sequence[Mention], verbal: Sequence[int] = ()) -> list[Mention]:
        """Katakana runs of two or more dictionary words that no mention covers whole
        (シティ|バンク, ベルン|ハイム): not names on their own, but a name when the run
        writes a Latin name they transcribe (see `anchors.py`). Marked "compound"
        (`Mention.lexicon`); a run before する or な is a loanword used as a verb."""
        out: list[Mention] = []
        spans = _SpanIndex([(m.start, m.end) for m in mentions])
        after = frozenset(verbal)
        n, i = len(toks), 0
        while i < n:
            if not toks[i].kana:
                i += 1
                continue
            j = i + 1
            while j < n and toks[j].start == toks[j - 1].end and toks[j].kana:
                j += 1
            pieces = toks[i:j]
            start, end = pieces[0].start, pieces[-1].end
            if (len(pieces) >= 2 and end - start >= _MIN_COMPOUND and not any(p.oov for p in pieces)
                    and not spans.covers(start, end) and end not in after):
                surface = text[start:end]
                out.append(Mention(surface=surface, start=start, end=end, script=Script.KATAKANA, normalized=surface,
                                   reading="".join(p.morpheme.reading_form() for p in pieces), type=EntityType.OTHER,
                                   parts=(surface,), lexicon=COMPOUND))
            i = j
        return out

    def _office_of_place(self, parts: Sequence[_Tok], suffix: str) -> bool:
        """Whether an honorific after one word is the title of an office held for a place
        (イギリス首相, 日本選手): the word is a name the dictionary lists only as a place,
        never as a person's (not 長野選手, ワシントン大統領), or one read here as a country's
        name (イスラエル首相, though Israel is a given name too), so the title is another
        person's and the place stays a place."""
        if suffix not in OFFICE_TITLES or len(parts) != 1 or not parts[0].is_proper or parts[0].oov:
            return False
        return parts[0].pos[2:4] == ("地名", "国") or {kind for pos, kind in self._listed(parts[0].surface) if pos == "固有名詞"} == {"地名"}

    def _listed(self, surface: str) -> frozenset[tuple[str, str]]:
        """(part of speech, its kind) of each dictionary entry written `surface`: one
        look-up per word and run, whichever question asks."""
        found = self._listed_by_surface.get(surface)
        if found is None:
            found = self._listed_by_surface[surface] = frozenset((pos[1], pos[2]) for pos in self._tok.lookup(surface))
        return found

    def _also_common(self, mention: Mention) -> bool:
        """A one-word katakana name the dictionary also lists as a common noun (ウィジェット):
        a class noun before it may own it (ブラウザのウィジェット) rather than name it."""
        if mention.script is not Script.KATAKANA or len(mention.parts) > 1:
            return False
        return any(pos != "固有名詞" for pos, _kind in self._listed(mention.surface))

    # Latin names inside Japanese text ------------------------------------
    def _latin_mentions(self, text: str, words: list[LatinWord], toks: list[_Tok]) -> list[Mention]:
        out: list[Mention] = []
        for run in latin_runs(text, words):
            while len(run) >= 2 and _is_all_caps(run[-1].text) and run[-1].text.lower() not in ORGANIZATION_WORDS:
                run = run[:-1]  # Mixtral LLM, Windows OS: a trailing common acronym is not part of the name
            while len(run) >= 2 and run[0].text.lower() in _LEADING_NON_NAMES:
                run = _trim_connectors(run[1:])  # "On POSIX", "Most of Python", "Writing PyUnit": the name is after
            if len(run) >= 2 and run[0].text.lower() in _COMMAND_VERBS and (run[0].start == 0 or _follows_quote_or_colon(text, run[0].start)):
                run = _trim_connectors(run[1:])  # a quoted English command ("Add Sally to Sales"): the name is after
            if not run:
                continue
            capitalised = sum(1 for w in run if _is_capitalised(w.text) and any(c.isalpha() for c in w.text))
            if len(run) >= 2 and capitalised >= 2:
                out.append(self._with_edition(text, run, latin_mention(text, run)))
                continue
            if len(run) >= 2:
                run = [w for w in run if _is_capitalised(w.text)][:1] or run[:1]
            word = run[0]
            if self._single_latin_is_name(word, toks, text):
                reading = self._reading_of_span(toks, word.start, word.end)
                out.append(self._with_edition(text, [word], latin_mention(text, [word], reading=reading)))
        return out

    def _whole_listed_name(self, text: str, mention: Mention, toks: list[_Tok]) -> Mention:
        """A Latin name that begins a proper noun the dictionary lists with a head noun
        (AP通信) as that whole name, typed by its head; one that the dictionary lists with a
        place before or after it (日本|IBM, 横浜|FC, JR|西|日本) as that whole name, an
        organization: the place's branch, team or company of that name."""
        for tok in _covering(toks, mention.start, mention.end):
            if tok.start == mention.start and tok.end > mention.end and not is_katakana(text[mention.end : tok.end]):
                etype = self._listed_type(tok)
                if etype is not EntityType.OTHER:
                    surface = tok.surface
                    return replace(mention, surface=surface, end=tok.end, script=script_of(surface),
                                   normalized=nfkc(surface), type=etype, parts=(surface,), lexicon="")
            if tok.start <= mention.start and mention.end <= tok.end and tok.end - tok.start > mention.end - mention.start \
                    and self._latin_with_place(tok, mention.surface):
                surface = tok.surface
                return replace(mention, surface=surface, start=tok.start, end=tok.end, script=script_of(surface),
                               normalized=nfkc(surface), type=EntityType.ORGANIZATION, parts=(surface,), lexicon="")
        return mention

    def _latin_with_place(self, tok: _Tok, latin: str) -> bool:
        """Whether a proper noun the dictionary lists whole is a Latin word and a place
        (日本|IBM, 横浜|FC, JR|西|日本): its other words all places' names or directions."""
        if not tok.is_proper or tok.oov or tok.pos[2:3] != ("一般",):
            return False
        word_id = (tok.morpheme.word_id(), tok.surface)
        known = self._latin_place_by_word.get(word_id)
        if known is None:
            parts = [(p.surface(), self._tok.pos(p.part_of_speech_id())) for p in self._tok.split_a(tok.morpheme)]
            others = [(surface, pos) for surface, pos in parts if surface != latin]
            known = (len(others) == len(parts) - 1 and any(pos[2:3] == ("地名",) for _, pos in others)
                     and all(pos[2:3] == ("地名",) or surface in DIRECTION_PREFIXES for surface, pos in others))
            self._latin_place_by_word[word_id] = known
        return known

    @staticmethod
    def _with_suffix(mention: Mention, toks: list[_Tok]) -> Mention:
        """Record an honorific or company suffix written right after a Latin name."""
        suffix, _ = _suffix_after_offset(toks, mention.end)
        if not suffix:
            return mention
        etype = EntityType.PERSON if suffix in PERSON_HONORIFICS else EntityType.ORGANIZATION
        if mention.type is EntityType.PRODUCT:
            etype = mention.type
        return replace(mention, suffix=suffix, type=etype)

    def _single_latin_is_name(self, word: LatinWord, toks: list[_Tok], text: str) -> bool:
        w = word.text
        if not any(c.isupper() for c in w) or _is_acronym_plural(w):
            return False
        if _has_inner_capital(w) or _has_digit(w):
            return True
        covering = _covering(toks, word.start, word.end)
        if _is_all_caps(w) or _opens_english_phrase(text, word) or _quoted(text, word):
            # capitals, the capital of an English phrase quoted in Japanese ("(Contributed
            # by ...)"), or a quoted word ("Submit" ボタン, a UI label): a name only if
            # the dictionary has it as one
            return any(t.is_proper for t in covering)
        return any(t.is_proper or t.oov for t in covering)

    @staticmethod
    def _reading_of_span(toks: list[_Tok], start: int, end: int) -> str:
        covering = [t for t in _covering(toks, start, end) if t.start == start and t.end == end and not t.oov]
        return covering[0].morpheme.reading_form() if covering else ""

    @staticmethod
    def _with_edition(text: str, run: Sequence[LatinWord], mention: Mention) -> Mention:
        """GPT-4.5ターボ: a versioned product name glued to an edition word."""
        if not _has_digit(run[-1].text):
            return mention
        for word in EDITION_WORDS:
            if text.startswith(word, mention.end) and not word.isascii():
                end = mention.end + len(word)
                if end < len(text) and is_katakana(text[end]):
                    continue  # ターボチャージャー: not the edition word
                surface = text[mention.start : end]
                return Mention(
                    surface=surface, start=mention.start, end=end, script=script_of(surface),
                    normalized=nfkc(surface), reading=mention.reading, type=EntityType.PRODUCT,
                    parts=mention.parts + (word,),
                )
        return mention

    # Government bodies -----------------------------------------------------
    def _agency_mentions(self, text: str, toks: list[_Tok]) -> list[Mention]:
        """Government bodies the dictionary writes as a common noun and a suffix: one word
        it splits so (気象|庁, 外務|省, 最高|裁), with a lone word before it for the level
        it serves (州|最高裁), or kanji before a suffix of its own (防衛|庁, 連邦憲法|裁);
        官庁, 省庁 and 同庁 are no names."""
        out = []
        for tok in toks:
            start = -1
            if tok.pos[0] == "接尾辞" and tok.surface in AGENCY_SUFFIXES:
                start = tok.start
                while start > 0 and tok.start - start < _MAX_AGENCY_STEM and is_kanji_char(text[start - 1]):
                    start -= 1
                if not may_name_agency(text[start : tok.end]):
                    continue
            elif tok.pos[1:2] == ("普通名詞",) and self._names_agency(tok):
                start = tok.start
                if start and text[start - 1] in ADMINISTRATIVE_SUFFIXES and (start == 1 or not is_kanji_char(text[start - 2])):
                    start -= 1  # 州|最高裁: the level of government it serves, a word of its own
            else:
                continue
            surface = text[start : tok.end]
            out.append(Mention(surface=surface, start=start, end=tok.end, script=script_of(surface), normalized=surface,
                               reading="", type=EntityType.ORGANIZATION, parts=(surface,)))
        return out

    def _names_agency(self, tok: _Tok) -> bool:
        """A common noun the dictionary splits into a word and an agency suffix (気象|庁)."""
        if not may_name_agency(tok.surface) or not all(is_kanji_char(c) for c in tok.surface):
            return False
        word_id = (tok.morpheme.word_id(), tok.surface)
        known = self._agency_by_word.get(word_id)
        if known is None:
            parts = self._tok.split_a(tok.morpheme)
            last = parts[-1] if len(parts) > 1 else None
            known = last is not None and last.surface() in AGENCY_SUFFIXES and self._tok.pos(last.part_of_speech_id())[0] == "接尾辞"
            self._agency_by_word[word_id] = known
        return known

    # Katakana and kanji names ----------------------------------------------
    def _katakana_and_kanji_mentions(
        self, text: str, toks: list[_Tok], taken: list[tuple[int, int]], words: list[LatinWord]
    ) -> list[Mention]:
        out: list[Mention] = []
        latin_starts = {w.start: w for w in words}
        taken_index = _SpanIndex(taken)
        n = len(toks)
        i = 0
        while i < n:
            tok = toks[i]
            if taken and taken_index.overlaps(tok.start, tok.end):
                i += 1
                continue
            if tok.kana:
                end = _name_run_end(toks, i, _kana_word_end(toks, i))
                if not self._may_start_name(toks, i, end):
                    i = end
                    continue
                group = [(i, end)]
                j = end
                while j + 1 < n and toks[j].surface in NAME_SEPARATORS and toks[j].start == toks[j - 1].end:
                    if _is_initial(toks, j + 1):
                        group.append((j + 1, j + 2))  # ジョン・F・ケネディ: an initial between two names
                        j += 2
                        continue
                    if not (toks[j + 1].kana and toks[j + 1].start == toks[j].end):
                        break
                    k = _name_run_end(toks, j + 1, _kana_word_end(toks, j + 1))
                    group.append((j + 1, k))
                    j = k
                for part in _places_listed(toks, group) or (group,):
                    mention = self._katakana_mention(text, toks, part, latin_starts)
                    if mention is not None:
                        out.append(mention)
                i = j
                continue
            if not tok.oov and may_end_in_place_within(tok.surface):
                place = self._place_within(text, tok)
                if place is not None:
                    out.append(place)
                    i += 1
                    continue
            if tok.is_proper and any(is_kanji_char(c) for c in tok.surface) and tok.surface not in PERSON_HONORIFICS:
                j = i + 1
                while (j < n and toks[j].is_proper and toks[j].pos[2:3] == ("人名",) and tok.pos[2:3] == ("人名",)
                       and toks[j].start == toks[j - 1].end and toks[j].surface not in PERSON_HONORIFICS):  # 佐藤|三段: a rank
                    j += 1
                mention = self._kanji_mention(text, toks, i, j)
                if mention is not None:
                    out.append(mention)
                i = j
                continue
            i += 1
        return out

    def _place_within(self, text: str, tok: _Tok) -> Mention | None:
        """The place a word the dictionary lists whole begins with, when the rest is a word
        for "within" or for its people (東京|都内, 日本|国内, 北海道|内, フランス|人); None for
        any other word."""
        split = self._tok.split_a(tok.morpheme)
        if len(split) < 2 or "".join(p.surface() for p in split[1:]) not in PLACE_GLUED_WORDS:
            return None
        first = split[0]
        if self._tok.pos(first.part_of_speech_id())[1:3] != ("固有名詞", "地名"):
            return None
        start = tok.start
        end = start + len(first.surface())
        surface = text[start:end]
        return Mention(surface=surface, start=start, end=end, script=script_of(surface), normalized=first.normalized_form(),
                       reading=first.reading_form(), type=EntityType.PLACE, parts=(surface,))

    def _before_within(self, text: str, mention: Mention, by_end: dict[int, _Tok]) -> Mention:
        """A place whose administrative suffix begins a word for within with the 内 after
        it (ロンドン|市|内, 高崎市|内 read 市内) named without it, as the dictionary cuts
        東京|都内: the place is the one word before; any other mention as it is."""
        end = mention.end
        if (mention.type is not EntityType.PLACE or mention.suffix or not text.startswith("内", end)
                or text[end - 1 : end + 1] not in PLACE_WITHIN_WORDS or text[end - 1] not in ADMINISTRATIVE_SUFFIXES):
            return mention
        last = by_end.get(end)
        if last is None:
            return mention
        if last.surface == text[end - 1]:  # ロンドン|市
            before = by_end.get(last.start)
            if before is None or before.start != mention.start or before.pos[1:3] != ("固有名詞", "地名"):
                return mention
            suffix_reading = last.morpheme.reading_form()
        else:  # 高崎市, one word of the dictionary's: 高崎|市
            split = self._tok.split_a(last.morpheme)
            if (last.start != mention.start or len(split) != 2 or split[1].surface() != text[end - 1]
                    or self._tok.pos(split[0].part_of_speech_id())[1:3] != ("固有名詞", "地名")):
                return mention
            suffix_reading = split[1].reading_form()
        surface = mention.surface[:-1]
        return replace(mention, surface=surface, end=end - 1, script=script_of(surface), parts=(surface,),
                       normalized=mention.normalized[:-1] if mention.normalized.endswith(text[end - 1]) else mention.normalized,
                       reading=mention.reading[: -len(suffix_reading)] if mention.reading.endswith(suffix_reading) else mention.reading)

    def _may_start_name(self, toks: list[_Tok], i: int, end: int) -> bool:
        """Cheap test that lets ordinary loanwords (モデル, データ) skip the full check: a
        katakana word (tokens i..end) with a name-like piece, or one joined to the next by
        ・/＝ or followed by an honorific."""
        if self._name_like(toks[i]) or (end > i + 1 and any(self._name_like(toks[k]) for k in range(i + 1, end))):
            return True
        if end < len(toks):
            nxt = toks[end]
            if nxt.start == toks[end - 1].end and (nxt.surface in NAME_SEPARATORS or _suffix_after(toks, end - 1)[0]):
                return True
        return False

    def _name_like(self, tok: _Tok) -> bool:
        """A proper noun that is not a compound of common nouns (オープンソース is tagged
        proper but is オープン+ソース), or an unknown katakana word."""
        if tok.oov:
            return len(tok.surface) >= 2
        if not tok.is_proper:
            return False
        word_id = (tok.morpheme.word_id(), tok.surface)
        known = self._name_like_by_word.get(word_id)
        if known is None:
            known = self._name_like_by_word[word_id] = self._proper_noun_is_name(tok)
        return known

    def _proper_noun_is_name(self, tok: _Tok) -> bool:
        """A proper noun that is not a compound of common nouns (オープン|ソース); one that
        ends in an organization's head (朝日|新聞) or mixes kanji and katakana
        (読売|ジャイアンツ) is a name all the same."""
        if tok.pos[2:3] in (("人名",), ("地名",)):
            return True
        parts = self._tok.split_a(tok.morpheme)
        if len(parts) > 1 and all(self._tok.pos(p.part_of_speech_id())[1] == "普通名詞" for p in parts):
            return head_type(parts[-1].surface()) is EntityType.ORGANIZATION or script_of(tok.surface) is Script.MIXED
        return True

    def _katakana_mention(self, text: str, toks: list[_Tok], group: list[tuple[int, int]], latin_starts: dict) -> Mention | None:
        """The mention for katakana words (token ranges) joined by ・/＝; a word Sudachi
        cut into pieces (ソーン|ダース, ルイン|スキー) is one part."""
        title = _title_before(text, toks, group)
        if title:
            group = group[1:]  # ミスター・ボーン: the title is no part of the name, and says it is a person's
        words = [toks[a:b] for a, b in group]
        pieces = [t for word in words for t in word]
        suffix, suffix_end = _suffix_after(toks, group[-1][1] - 1)
        if self._office_of_place(pieces, suffix):
            suffix = ""  # イギリス首相: the place of the office, not a person
        name_like = any(self._name_like(p) for p in pieces)
        if not name_like and not ((suffix or title) and all(_word_length(w) >= 2 for w in words)):
            return None
        start, end = pieces[0].start, pieces[-1].end
        glued_title = "" if suffix or title else _glued_title(words)
        after = group[-1][1]
        if glued_title:
            end -= len(glued_title)  # ピノマネージャー: the name is ピノ
        elif not (suffix or title) and after < len(toks) and toks[after].start == end and _title_after_name(toks, group[-1][0], after):
            glued_title = toks[after].surface  # ゴールドバーグ|オーナー
        suffix = suffix or glued_title
        surface = text[start:end]
        etype = self._katakana_type(words, suffix or title)
        # ガリレオAI: a katakana name glued to a Latin acronym is one organization name
        glued = latin_starts.get(end)
        if glued is not None and not suffix and etype is not EntityType.PERSON and _is_all_caps(glued.text) and len(glued.text) <= 4:
            end = glued.end
            surface = text[start:end]
            etype = EntityType.ORGANIZATION
            suffix, suffix_end = _suffix_after_offset(toks, end)
        # a word the dictionary lists with its ・ (シャーロック・ホームズ) has its names as parts
        word_surfaces = tuple(part for w in words for part in _SEPARATOR.split(text[w[0].start : min(w[-1].end, end)]) if part)
        if len(words) == 1:
            normalized = _word_normalized(words[0])
            if surface != word_surfaces[0]:
                normalized = surface
        else:
            normalized = "・".join(_word_normalized(w) for w in words)
        reading = "".join(p.morpheme.reading_form() for p in pieces)
        if glued_title and end < pieces[-1].end:  # the title's kana off the unknown word's end
            normalized = normalized[: -len(glued_title)] if normalized.endswith(glued_title) else normalized
            reading = reading[: -len(glued_title)] if reading.endswith(glued_title) else reading
        # a company's or a product's name the dictionary lists whole (ネスレ)
        listed = len(pieces) == 1 and surface == pieces[0].surface and not pieces[0].oov and pieces[0].pos[1:3] == ("固有名詞", "一般")
        return Mention(
            surface=surface, start=start, end=end, script=script_of(surface), normalized=normalized,
            reading=reading, type=etype, parts=word_surfaces, suffix=suffix or title, lexicon="proper" if listed else "",
        )

    def _listed_type(self, tok: _Tok) -> EntityType:
        """The type of a proper noun the dictionary lists whole, by the head noun it ends
        with (三菱|電機, 航空|自衛隊, 山手|線); one of words in kanji and in katakana with no
        such head is an organization (清水|エスパルス, 読売|ジャイアンツ, テレビ|東京: a team,
        a broadcaster, a company), unless its words are all places (西|アフリカ); else `other`."""
        if not tok.is_proper or tok.oov or tok.pos[2:3] != ("一般",):
            return EntityType.OTHER
        word_id = (tok.morpheme.word_id(), tok.surface)
        known = self._type_by_word.get(word_id)
        if known is None:
            split = self._tok.split_a(tok.morpheme)
            parts = [p.surface() for p in split]
            # its last word, or its last two (日立|製作|所, 航空|自衛|隊)
            head = (head_type(parts[-1]) or (head_type(parts[-2] + parts[-1]) if len(parts) > 2 else None)) if len(parts) > 1 else None
            if head is None and len(parts) > 1 and _kanji_and_katakana_word(tok.surface) and not all(
                    surface in DIRECTION_PREFIXES or self._tok.pos(p.part_of_speech_id())[2:3] == ("地名",)
                    for surface, p in zip(parts, split)):
                head = EntityType.ORGANIZATION
            known = self._type_by_word[word_id] = head or EntityType.OTHER
        return known

    def _katakana_type(self, words: list[list[_Tok]], suffix: str) -> EntityType:
        if suffix in PERSON_HONORIFICS or suffix in PERSON_TITLES or suffix in PERSON_TITLES_AFTER:
            return EntityType.PERSON
        if suffix in ORGANIZATION_SUFFIXES:
            return EntityType.ORGANIZATION
        parts = [p for w in words for p in w]
        kinds = {p.pos[2] for p in parts if p.is_proper and len(p.pos) > 2 and not _inner_particle(p, words)}
        # ブルガリア・ベリコタロノボ: a country, then words the dictionary lacks, is a place in it
        in_country = len(words[0]) == 1 and words[0][0].pos[2:4] == ("地名", "国")
        if len(words) >= 2 and _word_normalized(words[0]) in PLACE_OPENING_WORDS:
            last = words[-1]
            head = head_type(last[0].surface) if len(last) == 1 else None
            return head or EntityType.PLACE  # セント・ジョンズ; セント・アンドリュース・カレッジ by its head
        if "人名" in kinds or (len(words) >= 2 and not in_country and all(p.is_proper or p.oov for p in parts)):
            return EntityType.PERSON
        last = words[-1]
        if len(words) >= 2 and len(last) == 1 and not last[0].is_proper and not last[0].oov:
            head = head_type(last[0].surface)  # ガイランゲル・フィヨルド, トヨタ・グループ: no person's name in it
            if head is not None:
                return head
        if "地名" in kinds:
            return EntityType.PLACE
        return self._listed_type(parts[-1]) if len(parts) == 1 else EntityType.OTHER

    def _kanji_mention(self, text: str, toks: list[_Tok], i: int, j: int) -> Mention | None:
        parts = toks[i:j]
        if len(parts) == 1 and not self._name_like(parts[0]):
            return None
        suffix, _ = _suffix_after(toks, j - 1)
        if self._office_of_place(parts, suffix):
            suffix = ""  # 日本選手: the place of the office, not a person
        if parts[-1].end - parts[0].start < 2 and not suffix:
            return None  # a lone kanji tagged as a name (行, 東) is too ambiguous to be one
        start, end = parts[0].start, parts[-1].end
        surface = text[start:end]
        kind = parts[0].pos[2] if len(parts[0].pos) > 2 else ""
        etype = {"人名": EntityType.PERSON, "地名": EntityType.PLACE}.get(kind) or self._listed_type(parts[-1])
        if suffix in PERSON_HONORIFICS:
            etype = EntityType.PERSON
        elif suffix in ORGANIZATION_SUFFIXES:
            etype = EntityType.ORGANIZATION
        return Mention(
            surface=surface, start=start, end=end, script=script_of(surface),
            normalized="".join(p.morpheme.normalized_form() for p in parts),
            reading="".join(p.morpheme.reading_form() for p in parts),
            type=etype, parts=tuple(p.surface for p in parts), suffix=suffix,
        )


_MAX_AGENCY_STEM = 6
_KATAKANA_WORD = re.compile("[\u30a1-\u30fa\u30fc]{2,}")


def _kanji_and_katakana_word(surface: str) -> bool:
    """Kanji and a katakana word of two or more kana (清水エスパルス; not the lone ヶ or ノ
    of a place's name, 霞ヶ浦, 江ノ島)."""
    return any(is_kanji_char(c) for c in surface) and _KATAKANA_WORD.search(surface) is not None
# `Mention.lexicon` of a katakana compound that is a name only where the run anchors it
COMPOUND = "compound"
_MIN_COMPOUND = 4  # characters: two short words (データ|ベース) at the least


def _glued_to_place(mentions: list[Mention]) -> list[Mention]:
    """A place written right before an organization, or before a name the dictionary
    lists as a thing, is one organization of that place (ロンドン警視庁, 日本マイクロソフト,
    東京ヴェルディ); an organization written right before another is one organization,
    the first one's branch (金融庁|近畿財務局); a place written with its administrative
    suffix or 国 right before another is one place, an address (神奈川県|横浜市, 米国|
    ニューヨーク; not 東京|大阪, a pair, nor 中国|韓国, a list)."""
    out: list[Mention] = []
    for m in mentions:
        prev = out[-1] if out else None
        if prev is None or prev.end != m.start or prev.suffix or prev.script is Script.LATIN:
            out.append(m)
            continue
        if prev.type is m.type is EntityType.PLACE and _encloses(prev, m):
            surface = prev.surface + m.surface
            out[-1] = replace(m, surface=surface, start=prev.start, script=script_of(surface), normalized=prev.normalized + m.normalized,
                              reading=prev.reading + m.reading, parts=(surface,), lexicon="")
            continue
        if ((prev.type is EntityType.PLACE
             and (m.type is EntityType.ORGANIZATION or (m.type is EntityType.OTHER and m.lexicon == "proper")))
                or (prev.type is EntityType.ORGANIZATION and m.type is EntityType.ORGANIZATION and m.script is not Script.LATIN)):
            surface = prev.surface + m.surface
            out[-1] = replace(m, surface=surface, start=prev.start, script=script_of(surface),
                              normalized=prev.normalized + m.normalized, reading=prev.reading + m.reading,
                              type=EntityType.ORGANIZATION, parts=(surface,), lexicon="")
            continue
        out.append(m)
    return out


def _encloses(larger: Mention, place: Mention) -> bool:
    """Whether a place ends in a word that makes it the larger place of the place written
    right after it (県, 市, 共和国), one not in Latin letters nor of the same rank (中国|韓国,
    千葉県|埼玉県: a list)."""
    end = larger.surface[-1]
    return (len(larger.surface) >= 2 and end in ENCLOSING_PLACE_ENDINGS and place.script is not Script.LATIN and not place.suffix
            and place.surface[-1] != end)


def _with_cues(text: str, mentions: list[Mention], cues: list[_Tok], toks: list[_Tok], words: list[LatinWord],
               also_common: Callable[[Mention], bool]) -> list[Mention]:
    """Mentions typed by the words around them (`cues`): a title in brackets after a class
    noun is one name of its type (映画「渾身」); an untyped name takes the type its
    class noun or its role word gives it (組織ハマス, ハマスの民兵; across の only for a
    name the dictionary lists, メーカーのヤンマー, and never for a word that is also a
    common noun, ブラウザのウィジェット), and so do its other mentions
    in the segment; an unknown Latin word a cue marks as an organization (TV局ARD,
    CDU党首) becomes one."""
    ending = {t.end: t.surface for t in cues}
    starting = {t.start: t.surface for t in cues}
    titles = []
    for t in cues:
        etype = class_type(t.surface)
        # a title in brackets names a work or a body (映画「渾身」), never a place
        span = title_after(text, t.end) if etype is not None and etype is not EntityType.PLACE else None
        if etype is not None and span is not None:
            surface = text[span[0] : span[1]]
            titles.append(Mention(surface=surface, start=span[0], end=span[1], script=script_of(surface),
                                  normalized=nfkc(surface), reading="", type=etype, parts=(surface,)))
    if titles:
        mentions = [m for m in mentions if not any(t.start <= m.start and m.end <= t.end for t in titles)] + titles
    out = []
    for m in mentions:
        if m.type is EntityType.OTHER:
            end = m.end + len(m.suffix)
            listed = _listed_thing(m)
            etype = (None if also_common(m) else class_before(text, m.start, ending, across=listed)) \
                or role_after(text, end, starting, glued=listed)
            if etype is not None:
                m = replace(m, type=etype)
        elif m.type is EntityType.PERSON and m.script is Script.LATIN:
            etype = class_before(text, m.start, ending, across=False)  # ウェブブラウザMozilla Firefox: capitals made no person
            if etype is not None:
                m = replace(m, type=etype)
        out.append(m)
    typed = {m.surface: m.type for m in out if m.type is not EntityType.OTHER}
    if typed:
        out = [replace(m, type=typed[m.surface]) if m.type is EntityType.OTHER and m.surface in typed else m for m in out]
    if words:
        out.extend(_cued_latin_words(text, out, words, toks, ending, starting))
    out.sort(key=lambda m: (m.start, m.end))
    return out


def _with_titles(text: str, mentions: list[Mention]) -> list[Mention]:
    """A name that fills a title in 『』 names a work, typed product (『ハリー・ポッター』,
    『群山』, a magazine named after a place). A title holding no name stays no name
    (『ファイル』 may mark a menu), a longer title keeps the names inside it as they are,
    and 『』 nested in 「」 is a quotation inside a quotation, not a title."""
    out = mentions
    at = text.find("『")
    while at >= 0:
        span = title_after(text, at)
        if span is not None and text.count("「", 0, at) <= text.count("」", 0, at):
            out = [replace(m, type=EntityType.PRODUCT) if (m.start, m.end) == span and not m.suffix else m for m in out]
        at = text.find("『", at + 1)
    return out


_STATEMENT_HINT = re.compile("|".join(sorted(STATEMENT_VERBS)))


def _statement_typed(text: str, mentions: list[Mention]) -> list[Mention]:
    """An untyped name the dictionary lists as a thing that makes a statement (Xは…と
    発表した, Xが報じた: `statement_after`) is an organization's, and so are its other
    mentions in the segment; a person's name or an unknown word is left alone."""
    subjects = frozenset(m.end + len(m.suffix) for m in mentions)
    found = {m.surface for m in mentions
             if m.type is EntityType.OTHER and not m.suffix and _listed_thing(m) and statement_after(text, m.end, subjects)}
    if not found:
        return mentions
    return [replace(m, type=EntityType.ORGANIZATION) if m.type is EntityType.OTHER and m.surface in found else m for m in mentions]


def _listed_thing(mention: Mention) -> bool:
    """A name that can take a role word right after it (フジテレビ社員, SPD党首): one the
    dictionary lists as a thing (a kanji or mixed proper noun, a listed katakana word) or
    an acronym; an unknown katakana word glued to 社長 is a person with a title (ピノ社長)."""
    if mention.script is Script.LATIN:
        return _is_all_caps(mention.surface)
    return mention.script in (Script.KANJI, Script.MIXED) or mention.lexicon == "proper"


def _cued_latin_words(text: str, mentions: list[Mention], words: list[LatinWord], toks: list[_Tok],
                      ending: dict[int, str], starting: dict[int, str]) -> list[Mention]:
    """Latin words the dictionary does not know, found by no rule as names, that a class
    noun or a role word marks as an organization (TV局ARD, CDU党首)."""
    taken = _SpanIndex([(m.start, m.end) for m in mentions])
    out = []
    for w in words:
        if not _is_capitalised(w.text) or not any(c.isalpha() for c in w.text) or taken.overlaps(w.start, w.end) or format_mask(w.text):
            continue
        etype = class_before(text, w.start, ending, across=False) or role_after(text, w.end, starting, glued=_is_all_caps(w.text))
        if etype is not EntityType.ORGANIZATION:
            continue
        if all(t.oov for t in _covering(toks, w.start, w.end)):
            out.append(replace(latin_mention(text, [w]), type=etype))
    return out


def _title_before(text: str, toks: list[_Tok], group: list[tuple[int, int]]) -> str:
    """The title a group of katakana words opens with (ミスター of ミスター・ボーン), when a
    name follows it, else ""."""
    if len(group) < 2:
        return ""
    first = text[toks[group[0][0]].start : toks[group[0][1] - 1].end]
    return first if first in PERSON_TITLES else ""


def _places_listed(toks: list[_Tok], group: list[tuple[int, int]]) -> list[list[tuple[int, int]]]:
    """The words of a katakana run joined by ・ or ＝, one group each, when every word is
    one word the dictionary reads as a place there and no honorific follows: a list of
    places (イスラエル・パレスチナ, エジプト・シナイ半島), not one person's name; else []."""
    if len(group) < 2 or any(b - a != 1 or toks[a].pos[2:3] != ("地名",) for a, b in group):
        return []
    if _suffix_after(toks, group[-1][1] - 1)[0]:
        return []
    return [[word] for word in group]


def _is_initial(toks: list[_Tok], i: int) -> bool:
    """A one-letter Latin initial at token i, glued to a separator on both sides and
    followed by a katakana word (the F of ジョン・F・ケネディ)."""
    if i + 2 >= len(toks):
        return False
    tok, sep, nxt = toks[i], toks[i + 1], toks[i + 2]
    return (len(tok.surface) == 1 and "A" <= nfkc(tok.surface) <= "Z" and tok.start == toks[i - 1].end
            and sep.surface in NAME_SEPARATORS and sep.start == tok.end and nxt.start == sep.end and nxt.kana)


_MODEL_NUMBER = re.compile(r" ?[0-9]{1,4}(?:\.[0-9]+)?(?![0-9A-Za-z.,:/%\-])")
_NOT_A_MEASURE = re.compile("[\u3040-\u30ff\u4e00-\u9fff]")


def _with_model_number(text: str, mention: Mention) -> Mention:
    """A Latin or katakana name followed by a bare number (Itanium 2, Windows 11,
    プレイステーション2) as one product; not before a unit or counter word (Python 3つ,
    iPhone 2台, ハマス2人: a count, not a model)."""
    if mention.type in (EntityType.PERSON, EntityType.ORGANIZATION) or _has_digit(mention.surface):
        return mention
    m = _MODEL_NUMBER.match(text, mention.end)
    if m is None or (m.end() < len(text) and _NOT_A_MEASURE.match(text, m.end()) and text[m.end()] not in "のはがをにでとも、。"):
        return mention
    surface = text[mention.start : m.end()]
    return replace(mention, surface=surface, end=m.end(), normalized=" ".join(nfkc(surface).split()), type=EntityType.PRODUCT,
                   parts=mention.parts + (m.group().strip(),), lexicon="")


# a Roman numeral of two letters or more, II to XXXIX, after a space (Grand Theft Auto III,
# Final Fantasy VII); not a lone I, V or X, nor one with L, C, D or M, which spell acronyms (CD, DC)
_SEQUEL_NUMBER = re.compile(r" (?=[IVX]{2})(X{0,3}(?:IX|IV|V?I{0,3}))(?![0-9A-Za-z.\-])")


def with_sequel_numbers(text: str, mentions: tuple[Mention, ...], person_word: Callable[[str], bool]) -> tuple[Mention, ...]:
    """A Latin name that is no person's or organization's, followed by a Roman numeral
    (Grand Theft Auto III), as one product: a work's number in its series. A name with a
    word `person_word` says may be a person's (Henry VIII, a king) is left as it is."""
    out = list(mentions)
    changed = False
    for i, m in enumerate(out):
        if m.script is not Script.LATIN or m.suffix or m.type not in (EntityType.PRODUCT, EntityType.OTHER):
            continue
        if any(person_word(p) for p in m.parts):
            continue
        number = _SEQUEL_NUMBER.match(text, m.end)
        if number is None:
            continue
        surface = text[m.start : number.end()]
        out[i] = replace(m, surface=surface, end=number.end(), normalized=" ".join(nfkc(surface).split()),
                         type=EntityType.PRODUCT, parts=m.parts + (number.group(1),), lexicon="")
        changed = True
    return tuple(out) if changed else mentions


# what joins two names in a list (マイクロソフトとソニー, XやY, XおよびY); not 、, which also sets a
# class noun before a name (プロサッカーチーム、東京ヴェルディ)
_LIST_GAPS = frozenset({"と", "や", "および", "及び", "ならびに", "並びに"})
# what opens a name's other spelling in parentheses after it (「Longhorn」（ロングホーン）)
_GLOSS_OPENINGS = frozenset({"（", "(", "」（", "」(", "』（", "』("})
_GLOSS_CLOSINGS = frozenset("）)")
# one-word mentions the dictionary also lists as common words: their type may not be a name's
_COMMON_LEXICONS = frozenset({"common", "also-common", COMPOUND})


def with_shared_types(text: str, mentions: tuple[Mention, ...]) -> tuple[Mention, ...]:
    """An untyped name listed right beside an organization or a product (出雲ピクチャーズと
    松竹, Mozilla FirefoxとMozilla Thunderbird) is one of the same kind, and so is its
    spelling in the other script in parentheses after it (Windows Vista（ウィンドウズ・ビスタ）);
    its other mentions in the segment take that type too. A person's or a place's name
    gives its type to nothing (山田氏とトヨタ), nor does a word the dictionary also has as a
    common word take one."""
    typed: dict[str, EntityType] = {}
    for a, b in zip(mentions, mentions[1:]):
        if (a.type is EntityType.OTHER) == (b.type is EntityType.OTHER):
            continue
        known, other = (b, a) if a.type is EntityType.OTHER else (a, b)
        if known.type not in (EntityType.ORGANIZATION, EntityType.PRODUCT) or other.suffix or other.lexicon in _COMMON_LEXICONS:
            continue
        gap = text[a.end + len(a.suffix) : b.start]
        if gap in _LIST_GAPS or (gap in _GLOSS_OPENINGS and text[b.end + len(b.suffix) : b.end + len(b.suffix) + 1] in _GLOSS_CLOSINGS
                                 and Script.LATIN in (a.script, b.script) and Script.KATAKANA in (a.script, b.script)):
            typed.setdefault(other.surface, known.type)
    if not typed:
        return mentions
    return tuple(replace(m, type=typed[m.surface]) if m.type is EntityType.OTHER and m.surface in typed else m for m in mentions)


def _with_head(text: str, mention: Mention, by_start: dict[int, _Tok]) -> Mention:
    """A name followed by a head noun, maybe after modifiers (釜山|国際|映画祭, イギリス|海軍,
    出雲|ピクチャーズ), as one name of the head's type, and a company's name with its 社
    before an organization's head (新華|社|通信) as one organization; any other mention
    as it is."""
    at, tok = mention.end, by_start.get(mention.end)
    if mention.suffix:
        tok = by_start.get(at + len(mention.suffix)) if mention.suffix in ORGANIZATION_SUFFIXES else None
        if tok is None or head_type(tok.surface) is not EntityType.ORGANIZATION:
            return mention
        etype: EntityType | None = EntityType.ORGANIZATION
    else:
        while tok is not None and tok.surface in HEAD_MODIFIERS:
            tok = by_start.get(tok.end)
        etype = head_type(tok.surface) if tok is not None else None
        if etype is EntityType.PLACE and tok is not None and tok.pos[0] == "接尾辞" and _surname_alone(mention, by_start):
            return mention  # 加藤|洋: a given name Sudachi cut as a suffix, no ocean
        if tok is not None and etype is None and _long_organization_head(tok):
            etype = EntityType.ORGANIZATION
    if tok is None or etype is None:
        tok = _organization_head_across(text, mention, by_start)
        if tok is None:
            return mention
        etype = EntityType.ORGANIZATION
    end = tok.end
    after = by_start.get(end)
    suffix = after.surface if after is not None and after.surface in ORGANIZATION_SUFFIXES else ""
    surface = text[mention.start : end]
    added = text[at:end]
    return replace(mention, surface=surface, end=end, script=script_of(surface), normalized=mention.normalized + added,
                   type=etype, parts=(surface,), suffix=suffix, lexicon="")


def _surname_alone(mention: Mention, by_start: dict[int, _Tok]) -> bool:
    """Whether a person's mention is one word the dictionary tags as a surname (加藤), so a
    one-kanji suffix after it is more likely the given name than a place's head."""
    first = by_start.get(mention.start)
    return mention.type is EntityType.PERSON and first is not None and first.end == mention.end and first.pos[2:4] == ("人名", "姓")


_MAX_HEAD_GAP = 4  # kanji between a place and its organization's head (ドイツ|連邦|議会)
# organization heads of two or more kanji, which a longer common noun may end with (地方|裁判所)
_LONG_ORGANIZATION_HEADS = tuple(sorted(w for w, t in HEAD_TYPES.items() if t is EntityType.ORGANIZATION and len(w) >= 2
                                        and all(is_kanji_char(c) for c in w)))
_LONG_HEAD_LAST_CHARS = frozenset(w[-1] for w in _LONG_ORGANIZATION_HEADS)


def ends_in_organization_head(word: str) -> bool:
    """Whether a word ends in an organization's head of two or more kanji after kanji of
    its own (地方|裁判所, 女子|大学): the dictionary's one word for a kind of organization,
    which a place before it makes one organization (東京地方裁判所)."""
    if word[-1:] not in _LONG_HEAD_LAST_CHARS or not all(is_kanji_char(c) for c in word):
        return False
    return any(word.endswith(h) and len(word) > len(h) for h in _LONG_ORGANIZATION_HEADS)


def _long_organization_head(tok: _Tok) -> bool:
    return tok.pos[1:2] == ("普通名詞",) and ends_in_organization_head(tok.surface)


def _place_organization_suffix(tok: _Tok | None) -> bool:
    """A suffix that makes an organization of the place before it (三重|大, 大阪府|警)."""
    return tok is not None and tok.surface in PLACE_ORGANIZATION_SUFFIXES and tok.pos[0] == "接尾辞"


def _organization_head_across(text: str, mention: Mention, by_start: dict[int, _Tok]) -> _Tok | None:
    """An organization's head a few kanji of common nouns after a place (ドイツ|連邦|議会,
    日本|将棋|連盟, イギリス|交通|警察), or a suffix that makes one of it (三重|大,
    大阪|府|警): the organization is that place's, named by what it does; None when a
    name, a cue word or anything but kanji comes first, or when more kanji follow the head
    (イギリス|民間|航空|省 is a ministry, found as one; 東京|大|空襲 is no university).
    After an organization or a name the dictionary lists as a thing, its body of that
    kind (ユネスコ|世界|遺産|委員会)."""
    place = mention.type is EntityType.PLACE
    if mention.script is Script.LATIN or not (place or mention.type is EntityType.ORGANIZATION
                                              or (mention.type is EntityType.OTHER and mention.lexicon == "proper")):
        return None
    at, limit = mention.end, min(mention.end + _MAX_HEAD_GAP + 1, len(text))
    while at <= limit:
        tok = by_start.get(at)
        if tok is not None and tok.surface in PLACE_ORGANIZATION_SUFFIXES:
            if place and _place_organization_suffix(tok) and _ends_kanji_run(text, tok):
                return tok
            tok = None  # 日本|大|規模|連盟: a suffix inside the run is one more kanji of it
        if tok is not None:
            if at == mention.end or not _ends_kanji_run(text, tok):
                return None
            return tok if head_type(tok.surface) is EntityType.ORGANIZATION or _long_organization_head(tok) else None
        if at == len(text) or not is_kanji_char(text[at]):
            return None
        at += 1
    return None


def _ends_kanji_run(text: str, tok: _Tok) -> bool:
    return tok.end == len(text) or not is_kanji_char(text[tok.end])


def _with_direction(text: str, mention: Mention) -> Mention:
    """A place with a one-kanji direction written before it (西|ノルウェー, 東|ベイルート) as
    one place; not when the direction ends a longer word (中東|イラン), nor for a mention
    of any other type or with a suffix."""
    start = mention.start
    if (mention.type is not EntityType.PLACE or mention.suffix or mention.script is Script.LATIN or start < 1
            or text[start - 1] not in DIRECTION_PREFIXES or (start > 1 and is_kanji_char(text[start - 2]))):
        return mention
    surface = text[start - 1 : mention.end]
    return replace(mention, surface=surface, start=start - 1, script=script_of(surface),
                   normalized=text[start - 1] + mention.normalized, parts=(surface,))


_REGNAL = re.compile(r"(?:[0-9０-９]{1,2}|[一二三四五六七八九十]{1,3})世(?![紀代界帯])")


def _with_regnal_number(text: str, mention: Mention) -> Mention:
    """A ruler's name with the number after it (ジョージ6世) as one name."""
    if mention.suffix or mention.script is Script.LATIN:
        return mention
    m = _REGNAL.match(text, mention.end)
    if m is None:
        return mention
    surface = text[mention.start : m.end()]
    number = m.group()
    parts = mention.parts[:-1] + (mention.parts[-1] + number,) if mention.parts else (surface,)
    return replace(mention, surface=surface, end=m.end(), script=script_of(surface), normalized=mention.normalized + number,
                   type=EntityType.PERSON, parts=parts)


def _kana_word_end(toks: list[_Tok], i: int) -> int:
    """The end (exclusive) of the katakana word starting at token i: Sudachi cuts a name
    it does not know into dictionary words (ソーン|ダース, マック|ダニエル), written with no
    space between them."""
    j = i + 1
    while (j < len(toks) and toks[j].start == toks[j - 1].end and toks[j].kana and not _compound_head(toks[j - 1], toks[j])
           and not _head_after_name(toks[j]) and not _title_after_name(toks, i, j)):
        j += 1
    return j


# Pieces of an unknown name Sudachi reads as dictionary words are short (ベルン|ハイム,
# シナイ|スキー, マック|グリン); a longer piece is a word of its own (グーグル|マップ is
# not cut from one name).
_NAME_PIECE = 4


def _name_run_end(toks: list[_Tok], i: int, end: int) -> int:
    """The end of the katakana word at token i when it sits in a name position: a name
    Sudachi does not know, read as short dictionary words (ベルン|ハイム, a place and a
    noun), is one name when a person's honorific follows it or ・ joins it to a person's
    name (エリサ・ベルンハイム, ベルンハイム氏); elsewhere the word ends at `end`."""
    j = end
    while (j < len(toks) and toks[j].start == toks[j - 1].end and toks[j].kana and not _head_after_name(toks[j])
           and not _title_after_name(toks, i, j)):
        j += 1
    if j == end or any(len(t.surface) > _NAME_PIECE for t in toks[i:j]):
        return end
    if j < len(toks) and toks[j].start == toks[j - 1].end:
        if toks[j].surface in PERSON_HONORIFICS or toks[j].surface in PERSON_TITLES_AFTER or (toks[j].surface in NAME_SEPARATORS and _person_piece(toks, j + 1, toks[j].end)):
            return j
    if i > 1 and toks[i - 1].surface in NAME_SEPARATORS and toks[i - 1].end == toks[i].start and _person_piece(toks, i - 2, toks[i - 1].start):
        return j
    return end


def _person_piece(toks: list[_Tok], k: int, touching: int) -> bool:
    """Token k, touching offset `touching`, is a person's name or an unknown katakana word:
    a given name across ・ (エリサ・ベルンハイム), not a list of things (エクセル|ファイル・ワード)."""
    if not 0 <= k < len(toks) or not toks[k].kana or touching not in (toks[k].start, toks[k].end):
        return False
    return toks[k].oov or toks[k].pos[2:3] == ("人名",) or toks[k].surface in PERSON_TITLES


def _inner_particle(tok: _Tok, words: list[list[_Tok]]) -> bool:
    """A name particle after a katakana name's first word (the アル of ワジ・アル＝ヒタン):
    no evidence of a person's name, though the dictionary lists it as a given name."""
    return tok.surface in _KANA_NAME_PARTICLES and tok not in words[0]


def _head_after_name(nxt: _Tok) -> bool:
    """A head noun after a katakana word (ボンド|シリーズ): a name ends before it, and the
    head joins it as a whole (`_with_head`)."""
    return not nxt.is_proper and not nxt.oov and head_type(nxt.surface) is not None


def _title_after_name(toks: list[_Tok], i: int, j: int) -> bool:
    """Token j is a katakana title (コーチ, オーナー) after tokens i..j-1 that may be a
    person's name, one of them unknown to the dictionary or listed as a person's name
    (ゴールドバーグ|オーナー); after common nouns it is a compound's word (チーム|オーナー)."""
    return toks[j].surface in PERSON_TITLES_AFTER and any(t.oov or t.pos[2:3] == ("人名",) for t in toks[i:j])


def _glued_title(words: list[list[_Tok]]) -> str:
    """A katakana title read as the end of a name's last word: the end of one unknown token
    (ピノマネージャー), when two kana or more are left, or the last of its tokens after a
    given name and ・ (ソノエ・フェザー|ストーン|オーナー: a surname the dictionary reads as
    common nouns, which `_title_after_name` alone does not end)."""
    word = words[-1]
    last = word[-1]
    if not last.oov:
        return last.surface if len(words) >= 2 and len(word) >= 2 and last.surface in PERSON_TITLES_AFTER else ""
    for title in PERSON_TITLES_AFTER:
        if last.surface.endswith(title) and word[-1].end - word[0].start - len(title) >= 2:
            return title
    return ""


def _compound_head(prev: _Tok, nxt: _Tok) -> bool:
    """A product, company or place the dictionary knows, then a common noun: a compound
    (エクセル|ファイル, グーグル|マップ, トヨタ|グループ), whose name stays a word of its own."""
    return prev.is_proper and prev.pos[2:3] != ("人名",) and nxt.pos[1:2] == ("普通名詞",)


def _word_length(word: list[_Tok]) -> int:
    return word[-1].end - word[0].start


def _word_normalized(word: list[_Tok]) -> str:
    """Sudachi's normalized form of a katakana word (its pieces' forms joined; an unknown
    piece as written)."""
    return "".join(t.surface if t.oov else t.morpheme.normalized_form() for t in word)


def _suffix_after(toks: list[_Tok], index: int) -> tuple[str, int]:
    """An honorific or company suffix right after token `index` (氏, さん, 社), an
    honorific after a prefix in a token of its own included (元|監督)."""
    if index + 1 < len(toks):
        nxt = toks[index + 1]
        if nxt.start == toks[index].end:
            if nxt.surface in HONORIFICS:
                return nxt.surface, nxt.end
            if nxt.surface in HONORIFIC_PREFIXES and index + 2 < len(toks):
                after = toks[index + 2]
                if after.start == nxt.end and nxt.surface + after.surface in PERSON_HONORIFICS:
                    return nxt.surface + after.surface, after.end
    return "", -1


def _suffix_after_offset(toks: list[_Tok], offset: int) -> tuple[str, int]:
    for t in _covering(toks, offset, offset + 1):
        if t.start == offset:
            if t.surface in HONORIFICS:
                return t.surface, t.end
            after = _covering(toks, t.end, t.end + 1) if t.surface in HONORIFIC_PREFIXES else []
            if after and after[0].start == t.end and t.surface + after[0].surface in PERSON_HONORIFICS:
                return t.surface + after[0].surface, after[0].end
            return "", -1
    return "", -1


def _covering(toks: list[_Tok], start: int, end: int) -> list[_Tok]:
    """Tokens overlapping [start, end); `toks` is sorted by offset."""
    lo, hi = 0, len(toks)
    while lo < hi:  # first token whose end is after `start`
        mid = (lo + hi) // 2
        if toks[mid].end <= start:
            lo = mid + 1
        else:
            hi = mid
    out = []
    for k in range(lo, len(toks)):  # not toks[lo:]: a slice copies the rest of a long line
        t = toks[k]
        if t.start >= end:
            break
        out.append(t)
    return out


class _SpanIndex:
    """Spans sorted by start with the running maximum of their ends, so whether any span
    overlaps [start, end) is one binary search (a line with thousands of Latin names was
    quadratic)."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        ordered = sorted(spans)
        self._starts = [s for s, _ in ordered]
        self._max_end: list[int] = []
        top = -1
        for _, e in ordered:
            top = max(top, e)
            self._max_end.append(top)

    def overlaps(self, start: int, end: int) -> bool:
        k = bisect.bisect_left(self._starts, end)  # spans starting before `end`
        return k > 0 and self._max_end[k - 1] > start

    def covers(self, start: int, end: int) -> bool:
        """Whether one span holds all of [start, end)."""
        k = bisect.bisect_right(self._starts, start)  # spans starting at or before `start`
        return k > 0 and self._max_end[k - 1] >= end


def _drop_overlaps(mentions: list[Mention]) -> list[Mention]:
    out: list[Mention] = []
    for m in mentions:
        if out and m.start < out[-1].end:
            if (m.end - m.start) > (out[-1].end - out[-1].start):
                out[-1] = m
            continue
        out.append(m)
    return out


class SudachiLike(Protocol):  # pragma: no cover - what the extractor needs
    """The part of `SudachiTokenizer` the extractor uses."""

    def pos(self, pos_id: int) -> tuple[str, ...]: ...

    def lookup(self, surface: str) -> list[tuple[str, ...]]: ...

    def split_a(self, morpheme: "Morpheme") -> list: ...
