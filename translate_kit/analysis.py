"""Per-segment analysis: tokens in, mentions and content-word uses out.

`Engine.analyze(text, lang)` is a pure function of (text, language, split mode): the
engine only carries the loaded dictionary and caches, so results can be cached by content
hash and computed in worker processes.
"""

from __future__ import annotations

import re
from sys import intern
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, NamedTuple, Sequence

from translate_kit import lexicon
from translate_kit.cues import CUE_WORDS
from translate_kit.heads import AGENCY_SUFFIXES, HEAD_WORDS, may_end_in_place_within
from translate_kit.mentions import (HONORIFIC_PREFIXES, HONORIFICS, ORGANIZATION_WORDS, PERSON_HONORIFICS, JapaneseMentionExtractor, _Tok,
                                    english_mentions, ends_in_organization_head, may_hold_english_name, with_sequel_numbers,
                                    with_shared_types)
from translate_kit.model import EntityType, Mention, Script, Token
from translate_kit.scripts import (LATIN_WORD, NAKAGURO, NAME_SEPARATORS, is_hiragana, is_katakana, is_katakana_char, is_kanji_char,
                                   is_latin_char, latin_case_key, long_vowel_stem, standard_width)
from translate_kit.segment import lang_is_japanese, split_sentences
from translate_kit.textmask import mask_code, word_spans
from translate_kit.sources.language import primary_language
from translate_kit.tokenize import WORD_PATTERN, SudachiTokenizer, WordTokenizer
from translate_kit.wordunits import ShapedUnits, Unit, WordShape, WordUnits

if TYPE_CHECKING:  # pragma: no cover
    from sudachipy import Morpheme
    from translate_kit.terms import TermHit, TermMatcher

# Languages whose capital letters mark names (and sentence starts) only: elsewhere (German
# capitalises every noun) only camel-case and versioned words are taken for names.
_CAPITALS_MARK_NAMES = frozenset({"en", "und"})

# Languages and nationalities: a capitalised phrase they open is a label, not a person.
DEMONYMS = lexicon.words("demonyms")

# Parts of speech whose written form can vary (表記ゆれ): content words only.
_CONTENT_POS = frozenset({"動詞", "形容詞", "形状詞", "副詞", "接続詞"})
# Words whose kana and kanji spellings say the same (すでに/既に, および/及び, さまざま/様々):
# adverbs, conjunctions and adjectival nouns; a verb's or a noun's are often kept apart on
# purpose (ください/下さい, こと/事), and are not collected in kana.
_KANA_SPELLED = frozenset({"副詞", "接続詞"})
# Between a normalized form and a word class in the key some words' spellings are grouped by
WORD_CLASS = "\x1f"
_CANDIDATE = 1  # may be part of a name
_CONTENT = 2  # a content word whose spelling may vary
_CANONICAL = 4  # ...already in Sudachi's normalized spelling: the run only counts these
_VERBAL = 8  # する/できる, or the な of an adjective: what follows a loanword used as a verb or adjective
_ALL = _CANDIDATE | _CONTENT | _CANONICAL | _VERBAL
_KANA = 16  # a katakana word (not ・ or ＝): what mention extraction joins into names
_BLANK = 32  # spaces only: no token for term matching
# an inflecting word not in its dictionary form (持っ of 持って): its normalized form names
# the word, not this spelling of it, so a glossary term is not matched through it
_INFLECTED = 64
_OOV = 128  # a word the dictionary lacks
# a Latin word grouped with its spellings in other letter case (`latin_case_key`): right
# after a number it is a unit symbol, whose case is meaning (Mbps/MBps, mHz/MHz), not spelling
_CASED = 256
_VERBAL_FORMS = frozenset({"する", "できる", "出来る"})
_NAME_KINDS = frozenset({"人名", "地名"})  # Sudachi's proper nouns of people and places


# `Mention.lexicon` of a lone katakana word Sudachi took for a name that its dictionary also
# lists as a common noun: a name only where its own file gives it one.
ALSO_COMMON = "also-common"


_BRACKET = re.compile(r"[（）()「」『』【】［］\[\]]")
_BETWEEN_BRACKETS = re.compile(r"[^（）()「」『』【】［］\[\]\s]+")


def _holds_bracket(surface: str) -> bool:
    """A token with a bracket and something else in it (画像（テキスト）), not a bracket alone
    (which stays, so a term is never matched across it)."""
    return len(surface) > 1 and _BRACKET.search(surface) is not None and _BRACKET.sub("", surface) != ""


def _dotted_compound(parts: list[tuple[int, int, str]], text: str, b: int, e: int, normalized: str,
                     words: list[WordUse]) -> list[tuple[int, int, str]]:
    """One step over a segment's words, for katakana compounds written with ・ between
    their words (ユーザー・インターフェース): `parts` are the (start, end, normalized form)
    of the words the dot has joined so far, and are returned updated for the word at
    text[b:e], given its normalized form when it may be a word of a compound
    (`Engine._compound_word`), else "" (also at the segment's end). A compound of two or
    more is added to `words` as one word normalized as written without the dots, where
    orthographic-variant finds it beside the compound written as one word."""
    if parts and b == parts[-1][1] and text[b:e] == NAKAGURO:
        return parts  # the dot after the last word: the next may continue the compound
    if normalized and parts and b == parts[-1][1] + 1 and text[parts[-1][1]] == NAKAGURO:
        parts.append((b, e, normalized))
        return parts
    if len(parts) >= 2:
        start, end = parts[0][0], parts[-1][1]
        surface = text[start:end]
        words.append(WordUse("".join(p[2] for p in parts), surface, surface, start, end))
    return [(b, e, normalized)] if normalized else []


def _after_number(text: str, start: int) -> bool:
    """Whether a word follows a number, with one space or none between (100 Mbps, 5mHz)."""
    before = start - 1
    if before >= 0 and text[before] in " \u00a0\u3000":
        before -= 1
    return before >= 0 and text[before].isdigit()


_SENTENCE_MARKS = re.compile("[。．！？!?\n]")
_WIDTH_WORDS = lexicon.words("width-words")


def _about_width(words: list[WordUse], text: str) -> list[WordUse]:
    """`words` without the uses of a word written in the other width (ＡＢＣ, ｻｰﾊﾞｰ) in a
    sentence that names a width (全角のＡＢＣを半角に): the sentence shows the width on
    purpose, it is no slip."""
    odd = [w for w in words if standard_width(w.form) is not w.form]
    if not odd:
        return words
    dropped = []
    for w in odd:
        before = [m.end() for m in _SENTENCE_MARKS.finditer(text, 0, w.start)]
        after = _SENTENCE_MARKS.search(text, w.end)
        sentence = text[before[-1] if before else 0 : after.start() if after else len(text)]
        if any(word in sentence for word in _WIDTH_WORDS):
            dropped.append(w)
    return [w for w in words if w not in dropped] if dropped else words


# What the analysis remembers of a word per word id and spelling: its part of speech,
# flags, normalized and dictionary forms, its units (once a segment asks for them), and
# the form its spellings are grouped by (Sudachi's normalized form but for Latin words).
_Record = tuple[tuple[str, ...], int, str, str, WordShape | None, str]


class WordUse(NamedTuple):
    """A content word as written: Sudachi's normalized form, its dictionary form, the
    surface, and offsets in the segment. A tuple, because a large run has millions."""

    normalized: str
    form: str
    surface: str
    start: int
    end: int


def may_vary_in_spelling(form: str) -> bool:
    """Only katakana words (with ・ between their words too: the dictionary has ファイル・システム)
    and words written with kanji can be spelling variants (see rules/orthographic.py);
    pure-hiragana words are not collected at all."""
    return is_katakana(form) or any(is_kanji_char(c) for c in form) or (NAKAGURO in form and is_katakana(form.replace(NAKAGURO, "")))


@dataclass(frozen=True, init=False)
class SegmentAnalysis:
    """What one segment contributes to a run."""

    mentions: tuple[Mention, ...]
    words: tuple[WordUse, ...]  # content words written in a non-canonical spelling
    canonical: tuple[WordUse, ...] = ()  # content words in Sudachi's canonical spelling (the run mostly counts them)
    terms: tuple["TermHit", ...] = ()  # glossary term occurrences that may break the glossary, when a matcher was given
    units: Sequence[Unit] | None = None  # every word (mode C and mode-A parts), when asked for
    compounds: tuple[Mention, ...] = ()  # katakana runs of dictionary words: names only where the run anchors them

    def __init__(self, mentions: tuple[Mention, ...], words: tuple[WordUse, ...], canonical: tuple[WordUse, ...] = (),
                 terms: tuple["TermHit", ...] = (), units: Sequence[Unit] | None = None,
                 compounds: tuple[Mention, ...] = ()) -> None:
        """The fields in order, each set once (it is frozen). Written out because compiled
        (accel) these stores are native, where the generated `__init__` stays Python and
        sets each field through `object.__setattr__` (a run makes one per segment)."""
        object.__setattr__(self, "mentions", mentions)
        object.__setattr__(self, "words", words)
        object.__setattr__(self, "canonical", canonical)
        object.__setattr__(self, "terms", terms)
        object.__setattr__(self, "units", units)
        object.__setattr__(self, "compounds", compounds)

    def __reduce__(self) -> tuple:
        """Pickled by its fields: compiled (accel), a frozen class cannot be rebuilt
        attribute by attribute."""
        return (SegmentAnalysis, (self.mentions, self.words, self.canonical, self.terms, self.units, self.compounds))


class Engine:
    """Loaded resources for a run: the Sudachi dictionary (once per process) and caches."""

    def __init__(self, split_mode: str = "C") -> None:
        self.split_mode = split_mode.upper()
        self.sudachi = SudachiTokenizer(self.split_mode)
        self._words = WordTokenizer()
        self.wordunits = WordUnits(self.sudachi)  # word-level look-ups, remembered for the run
        self._extractor = JapaneseMentionExtractor(self.sudachi)
        self._records: dict[tuple[int, str], _Record] = {}
        self._listed: dict[str, frozenset[tuple[str, str]]] = {}  # Latin word -> its dictionary entries' (POS, kind)

    def load(self) -> None:
        """Load the dictionary now, not when first used (before forking workers, which
        then share it)."""
        self.sudachi.load()

    def tokenize(self, text: str, lang: str | None) -> list[Token]:
        """Tokens of a short text that is not a segment (a glossary term), with offsets
        into it, by the language's tokenizer; a segment's words come from `analyze`."""
        if lang_is_japanese(lang):
            return self.wordunits.tokens(text)
        return self._words.tokenize(text)

    def analyze(self, text: str, lang: str | None, words: bool = True, terms: "TermMatcher | None" = None,
                units: bool = False) -> SegmentAnalysis:
        """Mentions, (unless `words` is false, as for `entities`) content-word uses,
        (given a matcher) glossary term occurrences and (with `units`, for Japanese) every
        word with its mode-A parts, of one segment, from one tokenization."""
        if terms is not None and not terms.wants(lang):
            terms = None
        # names are never inside placeholders, URLs, tags or code: those are blanked
        # (same length) in what mention extraction sees, or their mentions dropped
        if lang_is_japanese(lang):
            analysis = self._analyze_japanese(text, _ALL if words else _CANDIDATE | _VERBAL, terms, ShapedUnits() if units else None)
            mentions, compounds = analysis.mentions, analysis.compounds
            if mentions or compounds:
                prose = mask_code(text)
                if prose is not text:
                    mentions = tuple(m for m in mentions if prose[m.start : m.end] == text[m.start : m.end])
                    compounds = tuple(m for m in compounds if prose[m.start : m.end] == text[m.start : m.end])
                mentions = self._typed(mentions, japanese=True)
                if " I" in text or " V" in text or " X" in text:
                    mentions = with_sequel_numbers(text, mentions, self._person_word)
                if len(mentions) > 1:
                    mentions = with_shared_types(text, mentions)
                if mentions is not analysis.mentions or compounds is not analysis.compounds:
                    analysis = replace(analysis, mentions=mentions, compounds=compounds)
            return analysis
        hits: tuple = ()
        if terms is not None and terms.worth_matching(lang):
            # no normalized forms: those are Sudachi's
            tokens = [(start, end, word, "") for start, end, word in word_spans(text, WORD_PATTERN)]
            hits = tuple(terms.match_tokens(tokens, lang, text))
        if not may_hold_english_name(text):  # blanking only removes characters: nothing to find either way
            return SegmentAnalysis((), (), terms=hits)
        starts = [s for s, _ in split_sentences(text, lang or "en")]
        unmistakable_only = bool(lang) and primary_language(lang) not in _CAPITALS_MARK_NAMES
        return SegmentAnalysis(self._typed(tuple(english_mentions(mask_code(text), starts, unmistakable_only))), (), terms=hits)

    def _typed(self, mentions: tuple[Mention, ...], japanese: bool = False) -> tuple[Mention, ...]:
        """Latin names guessed to be a person (capitalised words) whose last word the
        dictionary knows as a common word (Open Graph, Google Cloud Storage, Sample App)
        are not people: products and UI labels; in Japanese text, where a label is
        translated, products when a word is a name or unknown (Windows Vista, Mozilla
        Firefox: `_names_a_product`) or a company's branch when a country's name ends
        them (Mozilla Japan: `_names_a_branch`); not after a person's honorific (Ilyichev
        Fortune氏: a surname may be a common word). A one-word Latin mention records what
        the dictionary lists it as, and a person's full name whether its surname is a
        name the dictionary has (`Mention.lexicon`). A lone katakana word the dictionary
        also lists as a common noun (リスト: a list, and Liszt) is marked "also-common"."""
        if not any(m.script is Script.LATIN or (m.script is Script.KATAKANA and m.lexicon in ("", "proper"))
                   or m.script is Script.MIXED and m.type is EntityType.ORGANIZATION for m in mentions):
            return mentions
        out = []
        changed = False
        for m in mentions:
            if m.script is Script.MIXED and m.type is EntityType.ORGANIZATION and self._common_word_glued(m):
                # ウィジェットURL, セッションID: a common word and an acronym that names no
                # organization (as AI of オープンAI does) are two words, not a company's name
                word = m.parts[0]
                m = replace(m, surface=word, end=m.start + len(word), normalized=word, script=Script.KATAKANA,
                            type=EntityType.OTHER, lexicon=ALSO_COMMON)
                changed = True
            if m.script is Script.KATAKANA:
                if m.lexicon in ("", "proper") and not m.suffix and len(m.parts) <= 1 and self._common_word(m.surface):
                    m = replace(m, lexicon=ALSO_COMMON)
                    changed = True
            elif m.script is Script.LATIN:
                if m.type is EntityType.PERSON and m.parts and m.suffix not in PERSON_HONORIFICS and self._not_a_person(m.parts):
                    etype = EntityType.OTHER
                    if japanese and self._names_a_product(m.parts):
                        etype = EntityType.PRODUCT
                    elif japanese and self._names_a_branch(m.parts):
                        etype = EntityType.ORGANIZATION
                    m = replace(m, type=etype)
                    changed = True
                if len(m.parts) <= 1:
                    lexicon = self._lexicon(m.surface)
                    if lexicon:
                        m = replace(m, lexicon=lexicon)
                        changed = True
                    if m.type is EntityType.OTHER and self._only_a_place(m.surface):
                        m = replace(m, type=EntityType.PLACE)  # Karlsruhe is no person's rendering
                        changed = True
                elif m.type is EntityType.PERSON and self._person_word(m.parts[-1]):
                    m = replace(m, lexicon="proper")  # a surname the dictionary has (Davis)
                    changed = True
            out.append(m)
        return tuple(out) if changed else mentions

    def _lexicon(self, word: str) -> str:
        """"common" when the dictionary lists a Latin word (or, for a plural, its
        singular) as a common word, "proper" when only as a proper noun, else ""."""
        if word.lower() in DEMONYMS or self._common_or_plural(word):
            return "common"
        return "proper" if any(pos == "固有名詞" for pos, _kind in self._entries(word)) else ""

    def _not_a_person(self, parts: tuple[str, ...]) -> bool:
        """A capitalised phrase that is a label, not a person: its last word is a common
        word, singular or plural (Open Graph, Bar Charts), a thing's name (Mozilla
        Firefox) or, after no given name, a place's name only (Mozilla Japan), or its first
        is a language or nationality (Japanese Tokenizers, English Docs)."""
        first, last = parts[0], parts[-1]
        if len(parts) > 1 and first.lower() in DEMONYMS:
            return True
        if len(parts) > 1 and self._person_word(first):
            return False  # a given name the dictionary knows (John Baker, Mary Rose)
        if len(parts) > 1 and self._only_a_place(last):
            return True  # Mozilla Japan, Acme Deutschland: a name and a country, no surname
        if self._common_or_plural(last):
            return True
        if len(parts) > 1 and self._names_a_thing(last) and self._common_word(first) and not self._person_word(first):
            return True  # Mozilla Firefox: a common word, then a thing's name (Doroppu Ansett stays a person)
        # Google Analytics, Microsoft Teams: a company's product (Laurie Cuvier stays a person)
        return len(parts) > 1 and self._names_a_thing(first) and not self._person_word(last)

    def _names_a_product(self, parts: tuple[str, ...]) -> bool:
        """Capitalised words that are no person's name, written in Japanese text, with a
        word the dictionary lists as a thing's name or not at all: a product's name (Windows
        Vista, Xbox Live), not a label kept in English (Top Bar: common words alone), a
        company's branch in a country (Mozilla Japan) nor a language's label (English Docs)."""
        return (len(parts) > 1 and parts[0].lower() not in DEMONYMS and not self._only_a_place(parts[-1])
                and any(self._names_a_thing(p) or not self._entries(p) for p in parts))

    def _names_a_branch(self, parts: tuple[str, ...]) -> bool:
        """Capitalised words that are no person's name, written in Japanese text, ending in
        a word the dictionary lists only as a country (Mozilla Japan, Google Japan): a
        company's branch there; not a smaller place (New York), places alone (Tokyo Japan)
        nor a language's label (English Japan)."""
        return (len(parts) > 1 and parts[0].lower() not in DEMONYMS and self._only_a_place(parts[-1])
                and all(pos[2:4] == ("地名", "国") for pos in self.sudachi.lookup(parts[-1].lower()))
                and not all(self._only_a_place(p) for p in parts[:-1]))

    def _compound_word(self, rec: _Record, surface: str) -> bool:
        """Whether a word may be a word of a katakana compound: a katakana common noun the
        dictionary has, or one Sudachi read as a name here (before a ・ it often does:
        コール of コール・バック) that the dictionary also lists as a common noun. A name
        (ジョン of ジョン・ソン) is none."""
        if rec[1] & (_KANA | _OOV) != _KANA or len(surface) < 2:
            return False
        kind = rec[0][1]
        return kind == "普通名詞" or (kind == "固有名詞" and any(pos == "普通名詞" for pos, _kind in self._entries(surface)))

    def _entries(self, word: str) -> frozenset[tuple[str, str]]:
        """(POS, kind) of each dictionary entry written as the Latin word, lower-cased
        (empty for a word the dictionary does not list); one look-up per word and run."""
        key = word.lower()
        listed = self._listed.get(key)
        if listed is None:
            listed = self._listed[key] = frozenset((pos[1], pos[2]) for pos in self.sudachi.lookup(key))
        return listed

    def _common_word_glued(self, m: Mention) -> bool:
        """Whether an organization mention is one katakana word the dictionary lists as a
        common noun glued to a Latin acronym that is no organization word."""
        if m.suffix or len(m.parts) != 1 or not m.surface.startswith(m.parts[0]) or not is_katakana(m.parts[0]):
            return False
        rest = m.surface[len(m.parts[0]):]
        return rest.isascii() and rest.isalpha() and rest.isupper() and rest.lower() not in ORGANIZATION_WORDS \
            and self._common_word(m.parts[0])

    def _common_word(self, word: str) -> bool:
        """Whether Sudachi's dictionary lists a Latin word as a common (not proper) word."""
        return any(pos != "固有名詞" for pos, _kind in self._entries(word))

    def _common_or_plural(self, word: str) -> bool:
        """A common word, or the plural of one (Charts, Posts)."""
        if self._common_word(word):
            return True
        return len(word) > 3 and word.endswith("s") and not word.endswith("ss") and self._common_word(word[:-1])

    def _person_word(self, word: str) -> bool:
        """Whether the dictionary lists a Latin word as a person's name."""
        return ("固有名詞", "人名") in self._entries(word)

    def _only_a_place(self, word: str) -> bool:
        """Whether the dictionary lists a Latin word, and only, as a place name."""
        entries = self._entries(word)
        return bool(entries) and all(pos == "固有名詞" and kind == "地名" for pos, kind in entries)

    def _names_a_thing(self, word: str) -> bool:
        """Whether the dictionary lists a Latin word only as a proper noun of a thing (a
        company, a product: 固有名詞・一般), never as a person's or a place's name (places
        are also given names: Santiago)."""
        return {kind for pos, kind in self._entries(word) if pos == "固有名詞"} == {"一般"}

    def _analyze_japanese(self, text: str, wanted: int, terms: "TermMatcher | None" = None,
                          units: ShapedUnits | None = None) -> SegmentAnalysis:
        toks: list[_Tok] = []
        words: list[WordUse] = []
        canonical: list[WordUse] = []
        records = self._records
        all_tokens: list[tuple[int, int, str, str]] | None = [] if terms is not None else None
        verbal: list[int] = []
        dotted: list[tuple[int, int, str]] | None = [] if wanted & _CONTENT and NAKAGURO in text else None  # see _dotted_compound
        for offset, morphemes in self.sudachi.morphemes(text):
            for m in morphemes:
                b, e = offset + m.begin(), offset + m.end()
                surface = text[b:e]
                # a word id stands for every spelling Sudachi normalizes to one entry (社
                # and ㊓, ABC and ａｂｃ): what is remembered is per id and spelling
                key = (m.word_id(), surface)
                rec = records.get(key)
                if rec is None:
                    rec = self._record(m, key)
                if dotted is not None:
                    dotted = _dotted_compound(dotted, text, b, e, rec[2] if self._compound_word(rec, surface) else "", words)
                if units is not None:
                    shape = rec[4]
                    if shape is None:
                        shape = self.wordunits.word(m, key)
                        if key in records:  # a dictionary word: its units are remembered with it
                            records[key] = rec[:4] + (shape, rec[5])
                    units.add(b, shape)
                flags = rec[1] & wanted
                if all_tokens is not None and not rec[1] & _BLANK:
                    all_tokens.append((b, e, surface, "" if rec[1] & _INFLECTED else rec[2]))
                if not flags:
                    continue
                if flags == _CONTENT | _CANONICAL:
                    # a word's surfaces are kept for the whole run: one string per spelling
                    canonical.append(tuple.__new__(WordUse, (rec[5], rec[3], intern(surface), b, e)))
                    continue
                if flags & _VERBAL:
                    verbal.append(b)
                    continue
                if flags & _CANDIDATE:
                    toks.append(_Tok(b, e, surface, rec[0], m, rec[1] & _KANA != 0))
                if flags & _CANONICAL:
                    canonical.append(tuple.__new__(WordUse, (rec[5], rec[3], intern(surface), b, e)))
                elif flags & _CONTENT and not (len(rec[2]) > e - b and text.startswith(rec[2], b)):
                    # (a word the text spells as normalized, which Sudachi cut short, 見出|し---- ,
                    # is no other spelling)
                    if rec[1] & _CASED and _after_number(text, b):
                        surface = intern(surface)  # a unit symbol: a word of its own, as written
                        canonical.append(tuple.__new__(WordUse, (surface, surface, surface, b, e)))
                    else:
                        words.append(tuple.__new__(WordUse, (rec[5], rec[3], intern(surface), b, e)))
        if dotted:
            _dotted_compound(dotted, text, len(text), len(text), "", words)
        if words:
            words = _about_width(words, text)
        bracketed: list[tuple[int, int]] = []
        if _BRACKET.search(text):
            # Sudachi can read a word and a bracketed note as one token (画像（テキスト）,
            # normalized to 画像): its words are analysed piece by piece instead
            bracketed = sorted({(t[0], t[1]) for t in all_tokens or () if _holds_bracket(t[2])}
                               | {(w.start, w.end) for w in (*words, *canonical) if _holds_bracket(w.surface)}
                               | {(t.start, t.end) for t in toks if _holds_bracket(t.surface)})
            if bracketed:
                toks = [t for t in toks if not _holds_bracket(t.surface)]
                words = [w for w in words if not _holds_bracket(w.surface)]
                canonical = [w for w in canonical if not _holds_bracket(w.surface)]
                if all_tokens is not None:
                    all_tokens = [t for t in all_tokens if not _holds_bracket(t[2])]
        mentions = self._extractor.extract(text, toks, verbal)
        compounds = self._extractor.compounds(text, toks, mentions, verbal)
        hits = tuple(terms.match_tokens(all_tokens, "ja", text)) if terms is not None and all_tokens else ()
        analysis = SegmentAnalysis(tuple(mentions), tuple(words), tuple(canonical), hits, units, tuple(compounds))
        return self._with_pieces(analysis, text, bracketed, wanted, terms) if bracketed else analysis

    def _with_pieces(self, analysis: SegmentAnalysis, text: str, spans: list[tuple[int, int]], wanted: int,
                     terms: "TermMatcher | None") -> SegmentAnalysis:
        """`analysis` completed with the words of tokens that held brackets, each piece
        between the brackets analysed on its own, offsets shifted into `text`."""
        mentions, words, canonical, hits = list(analysis.mentions), list(analysis.words), list(analysis.canonical), list(analysis.terms)
        compounds = list(analysis.compounds)
        for start, end in spans:
            for piece in _BETWEEN_BRACKETS.finditer(text, start, end):
                at = piece.start()
                part = self._analyze_japanese(piece.group(), wanted, terms)
                mentions.extend(replace(m, start=m.start + at, end=m.end + at) for m in part.mentions)
                compounds.extend(replace(m, start=m.start + at, end=m.end + at) for m in part.compounds)
                words.extend(w._replace(start=w.start + at, end=w.end + at) for w in part.words)
                canonical.extend(w._replace(start=w.start + at, end=w.end + at) for w in part.canonical)
                hits.extend((h[0], h[1] + at, h[2] + at, *h[3:]) for h in part.terms)
        return SegmentAnalysis(
            tuple(sorted(mentions, key=lambda m: (m.start, m.end))), tuple(sorted(words, key=lambda w: w.start)),
            tuple(sorted(canonical, key=lambda w: w.start)), tuple(sorted(hits, key=lambda h: (h[1], h[2]))),
            analysis.units, tuple(sorted(compounds, key=lambda m: (m.start, m.end))),
        )

    def _record(self, m: "Morpheme", key: tuple[int, str]) -> "_Record":
        """What the analysis needs of a word, cached by word id and spelling (not for
        unknown words, whose ids are shared by every unknown word of a part of speech)."""
        pos = self.sudachi.pos(m.part_of_speech_id())
        surface = key[1]
        oov = m.is_oov()
        first = surface[:1]
        flags = 0
        if (
            pos[1] == "固有名詞"
            or oov
            or is_katakana_char(first)
            or is_latin_char(first)
            or surface in NAME_SEPARATORS
            or surface in HONORIFICS
            or surface in HONORIFIC_PREFIXES
            or surface in HEAD_WORDS
            or (pos[1] == "普通名詞" and ends_in_organization_head(surface))
            or surface in CUE_WORDS
            or (pos[0] == "名詞" and may_end_in_place_within(surface))  # 東京|都内
            or (surface[-1:] in AGENCY_SUFFIXES and pos[0] in ("名詞", "接尾辞"))
        ):
            flags |= _CANDIDATE
        dictionary_form = m.dictionary_form()
        written = standard_width(surface)
        spelled = ""
        normalized = m.normalized_form()
        # an adverb, a conjunction, an adjectival noun or a noun used as an adverb that the
        # dictionary writes in kanji (but nouns of one kanji: とき/時, ところ/所 and なか/中
        # are the nouns whose kana spelling is kept apart on purpose): spelt in kana too
        kana_spelled = (
            (pos[0] in _KANA_SPELLED or pos[:2] == ("形状詞", "一般") or (pos[1:3] == ("普通名詞", "副詞可能") and len(normalized) >= 2))
            and any(is_kanji_char(c) for c in normalized)
        )
        if (
            not oov
            and (pos[0] in _CONTENT_POS or pos[1] == "普通名詞")
            and pos[1] != "非自立可能"
            and may_vary_in_spelling(dictionary_form)
        ):
            flags |= _CONTENT
        elif pos[0] == "名詞" and pos[2] not in _NAME_KINDS and long_vowel_stem(surface):
            # a katakana noun the dictionary lacks or lists as a thing's name (カレンダ, ヘルパ):
            # only its katakana spellings can vary (see rules/orthographic.py); a person's or
            # place's name is entity-inconsistent's (ローラ, Laura, is no spelling of ローラー)
            flags |= _CONTENT
        elif not oov and kana_spelled and len(dictionary_form) >= 2 and is_hiragana(dictionary_form):
            # such a word written in kana: a spelling of its kanji one (すでに/既に, すべて/全て;
            # see rules/orthographic.py)
            flags |= _CONTENT
        elif pos[0] == "名詞" and LATIN_WORD.fullmatch(written):
            # a Latin word: its width can vary (ＡＰＩ/API), and the case of a word with
            # capitals and small letters (GitHub/Github); its spellings are grouped by the word
            # in standard widths and `latin_case_key` (Sudachi lowercases unknown words)
            flags |= _CONTENT
            spelled = latin_case_key(written)
            if spelled != written:
                flags |= _CASED
        elif pos[1] == "数詞" and written.isascii() and written.isdigit():
            # a number in Arabic digits: only its width can vary (第１章/第1章), grouped by
            # the number in half-width digits (Sudachi gives that as its dictionary form)
            flags |= _CONTENT
            spelled = written
        if spelled or (written is not surface and pos[4] == "*"):
            # a Latin word, or a word in the other width (ｻｰﾊﾞｰ), where Sudachi gives its
            # dictionary form lowercased or in the standard width: kept as written
            dictionary_form = surface
        if flags & _CONTENT and kana_spelled:
            # its spellings are grouped by the word and whether it is a noun, apart from other
            # words of that normalized form (余り, the noun, is no spelling of the adverb あまり;
            # また is one word as an adverb and as a conjunction), and none is canonical: each
            # form is counted as written
            spelled = normalized + WORD_CLASS + ("名詞" if pos[0] == "名詞" else "副詞")
        spelled = spelled or normalized
        if flags & _CONTENT and spelled == dictionary_form:
            flags |= _CANONICAL
        if (pos[0] == "動詞" and dictionary_form in _VERBAL_FORMS) or (pos[0] == "助動詞" and surface == "な"):
            flags |= _VERBAL
        if surface not in NAME_SEPARATORS and (is_katakana(surface) or (pos[1] == "固有名詞" and _dotted_katakana(surface))):
            flags |= _KANA
        if not surface.strip():
            flags |= _BLANK
        if pos[4] != "*" and surface != dictionary_form:
            flags |= _INFLECTED
        if oov:
            flags |= _OOV
        rec = (pos, flags, normalized, dictionary_form, None, spelled)
        if flags & _CONTENT and surface == dictionary_form:
            self.wordunits.remember_reading(surface, m.reading_form())
        if not oov:
            self._records[key] = rec
        return rec


_SEPARATOR_RUN = re.compile("[" + "".join(NAME_SEPARATORS) + "]")


def _dotted_katakana(surface: str) -> bool:
    """Whether a word is katakana words joined by ・ or ＝, as the dictionary lists some names
    whole (セント・ヘレナ, シャーロック・ホームズ): such a name is a katakana word for mention
    extraction, as its words are when written apart."""
    return (len(surface) > 2 and surface[0] not in NAME_SEPARATORS and surface[-1] not in NAME_SEPARATORS
            and _SEPARATOR_RUN.search(surface) is not None and is_katakana(_SEPARATOR_RUN.sub("", surface)))
