"""Group a run's mentions into entities, across scripts and spelling variants.

Mentions are first reduced to distinct written forms per language side (a catalog's
msgids and msgstrs are different languages: their names are translations of each other,
not inconsistencies). Candidate pairs come from blocking keys — the phonetic key of each
form and of its surname — never from all pairs. A pair is linked when `same_entity` says
so: the same phonetic name (ベナール/バーナード), a surname alone and its full name in the
same run (ピノ/Santiago Pino), or one normalized form (グーグル/Google). Links that
would put two different full names into one entity are refused, and a surname shared by
two different people links to neither (unless it clearly matches one of them better).
Kanji names link only through variant kanji (斎藤/齋藤), never by reading alone. In a
catalog, a form used only in translations answers to the msgids it translates: a katakana
word joins a Latin name only where one of those msgids has the name, and Latin words each
copied from their own msgid are copies, not renderings.

The result does not depend on the order files were given in: forms are processed in a
sorted order and canonical forms are chosen by (fullness, reading order).
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property
from typing import Iterable, Mapping, Sequence

from translate_kit import langtags
from translate_kit import names
from translate_kit.names import fold_spelling as _fold, fuzzy, latin_slip
from translate_kit.analysis import ALSO_COMMON
from translate_kit.entities import entity_type, slug
from translate_kit.heads import without_administrative_suffix
from translate_kit.kanji_variants import VARIANT_GROUP, kanji_variants
from translate_kit.mentions import PERSON_HONORIFICS, PERSON_TITLES, PERSON_TITLES_AFTER, prefixed_name
from translate_kit.model import EntityType, Mention, MentionUse, Script
from translate_kit.scripts import script_of, standard_width
from translate_kit.segment import lang_is_japanese, text_words, written_words

_DIGITS = re.compile(r"\d+(?:\.\d+)*")
# What `Mention.suffix` holds when it marks a person: an honorific after the name (氏), a
# title before it (ミスター), a katakana title after it (コーチ).
_PERSON_MARKS = PERSON_HONORIFICS | PERSON_TITLES | PERSON_TITLES_AFTER
# Blocks up to this size are compared pair by pair; larger ones are first narrowed by a
# batched edit-distance pass in rapidfuzz (C), so a run with tens of thousands of forms
# never scores all pairs in Python.
SMALL_BLOCK = 40
PREFILTER_CUTOFF = 0.65
PREFILTER_LIMIT = 8  # nearest keys kept per form in a large block


@dataclass(frozen=True)
class Form:
    """One distinct written form of a name on one language side of the run."""

    side: str
    surface: str
    normalized: str
    script: Script
    type: EntityType
    parts: tuple[str, ...]
    first: tuple[str, int]  # reading order of its first use
    # When every use is in a catalog's translations: the words of the sources they
    # translate (None otherwise), and whether each of those sources has the form itself.
    attested: frozenset[str] | None = None
    faithful: bool = False
    lexicon: str = ""  # see Mention.lexicon
    titled: bool = False  # some use carries a person's honorific or title (ピノ氏, ミスター・ピノ)
    firsts: tuple[tuple[str, int], ...] = ()  # (file, offset of its first use there); () when not known

    @cached_property
    def files(self) -> frozenset[str] | None:
        """The files it is used in (None: not known)."""
        return frozenset(path for path, _offset in self.firsts) if self.firsts else None

    @property
    def is_full(self) -> bool:
        return len(self.parts) >= 2

    @property
    def surname(self) -> str:
        """The family name: last in Latin and katakana names, first in kanji ones (斎藤健一)."""
        if not self.parts:
            return self.surface
        return self.parts[0] if self.script is Script.KANJI else self.parts[-1]


@dataclass
class Cluster:
    """An entity: the forms that name it and every use of them."""

    forms: list[Form] = field(default_factory=list)
    uses: list[MentionUse] = field(default_factory=list)
    canonical: Form | None = None
    id: str = ""

    @property
    def type(self) -> str:
        """The entity's type by its mentions' guesses; never a person when one of its
        Latin spellings is a common English word (Slug and スラッグ, which the dictionary
        happens to list as a given name)."""
        guessed = entity_type(u.mention.type for u in self.uses)
        if guessed == EntityType.PERSON.value and any(f.lexicon == "common" for f in self.forms):
            return EntityType.OTHER.value
        return guessed


def side_of(use: MentionUse) -> str:
    """Which language side a mention is on: Japanese text, or another language."""
    return "ja" if lang_is_japanese(use.lang) else (langtags.primary(use.lang) or "und")


# A capital letter closing a name after katakana or a space: a variant's designator.
_DESIGNATOR = re.compile(r"(?:(?<=[\u30a0-\u30ff])|(?<=[A-Za-z]{2} ))([A-Z])$")


def _designator(text: str) -> str:
    """The letter that tells variants of one thing apart (ログフォーマットA, Plan B), or ""."""
    m = _DESIGNATOR.search(text)
    return m.group(1) if m else ""


def _digits(text: str) -> tuple[str, ...]:
    return tuple(_DIGITS.findall(text))


def _types_compatible(a: EntityType, b: EntityType) -> bool:
    if a is EntityType.OTHER or b is EntityType.OTHER or a is b:
        return True
    # an organisation and a person can share a name (Galileo the man, ガリレオAI the company)
    return False


def _phonetic(form: Form) -> bool:
    """Forms that phonetic matching applies to: katakana and Latin script names."""
    return form.script in (Script.KATAKANA, Script.LATIN, Script.MIXED)


# A lone surname after a full name needs the ordinary same-name bar: on JMnedict's katakana
# names (bench/jmnedict_bench.py) a lower one (0.62) linked a third of the look-alike names
# (ヘドリー/ドリー) and five times as many random pairs, for 5 points of recall.
# Two single words with no structure to support the link need more: on real catalogs,
# compounds such as シークレットキー / セキュリティキー share every consonant.
SINGLE_LINK_THRESHOLD = 0.8
SHORT_LATIN = 3  # letters
SHORT_LATIN_LINK = 0.9
# A katakana word is a company's distinctive first word (ミストラル for Mistral AI) only as
# a near-exact transcription: a product named after it differs by a sound (ミクストラル 0.82).
ORGANIZATION_WORD_LINK = 0.9
# A lone word refers to the last word of a katakana name that nothing marks as a person's
# (セント・キルダ, a place) only as a near-exact rendering of it, the bar of a company's
# word: such a last word is no surname a text goes on to use alone, and a word merely
# sounding like it (クルド 0.74) is a word of its own. Renderings of one surname differ by
# a long vowel or a small kana (クルーガー/クリューガー 0.94, doc_consistency_bench).
NAME_WORD_LINK = ORGANIZATION_WORD_LINK
# A katakana word the dictionary also lists as a common noun renders a Latin name only as
# its exact transcription (Liszt/リスト 1.0; Rust/リスト 0.91 is another word).
EXACT_TRANSCRIPTION = 0.95
# A lone surname that two different full names could own goes with the one it matches
# best only when that one is ahead by this much; otherwise with neither.
SURNAME_MARGIN = 0.15
# A source word a katakana form renders sounds like it at least this much (a loose bar:
# the forms themselves must still link by sound).
SOURCE_WORD_LINK = 0.5


_NO_WORD_START = frozenset("ァィゥェォャュョッーヮ")
_KANA_PER_LETTER = 3


def _surname_and_a_word(surname: str, kana: str) -> bool:
    """Whether a katakana word is a Latin surname's exact transcription and then a word of
    two kana or more (メモリ|ビュー after Memory, スミス|ソン after Smith): a compound or
    another name, not the surname; a plural or a long vowel more (ミラーズ, ピノー) is not.
    A transcription has at most three kana per letter (x: クス, tch: ッチ): longer prefixes
    are not tried (each try reads the prefix, so a katakana run of 10,000 characters cost
    minutes)."""
    longest = min(len(kana) - 1, _KANA_PER_LETTER * len(surname) + 1)
    return any(kana[cut] not in _NO_WORD_START and names.name_similarity(surname, kana[:cut]) >= EXACT_TRANSCRIPTION
               for cut in range(2, longest))


def _japanese_place(form: Form) -> bool:
    """A place written in katakana, or in katakana with a kanji suffix (…州, …県): no Latin
    letter in it."""
    return form.script is Script.KATAKANA or form.script is Script.MIXED and not any(c.isascii() and c.isalpha() for c in form.surface)


def same_name(a: str, b: str) -> bool:
    """Two single names (no structure) written differently but sounding the same."""
    if _digits(a) != _digits(b):
        return False  # GPT-4 / GPT-5, Lumen-2 / Lumen-3: versions are different things
    if _latin_word(a) and _latin_word(b):
        # one script: a slip changes a letter or two of a long name (Benard/Bernard,
        # Gözükara/Gozukara); short words that sound alike are different words
        # (Add/App, Git/Zip), and a plural is the same word (Event/Events)
        return latin_slip(a, b) and names.is_same_name(a, b)
    latin = a if _latin_word(a) else b if _latin_word(b) else ""
    if latin and len(latin) <= SHORT_LATIN:
        # a word of two or three letters has too few sounds to tell by (Git/カート, Qt/カート);
        # only a near-exact transcription counts (Kim/キム, Wu/ウー)
        return names.name_similarity(a, b) >= SHORT_LATIN_LINK
    return names.is_same_name(a, b)


def _latin_word(text: str) -> bool:
    return script_of(text) is Script.LATIN


_SEPARATORS = re.compile(r"[\s\-_+/]+")
_CAMEL = re.compile(r"^.+[A-Z].*[a-z]|^.+[a-z].*[A-Z]")  # a capital past the first letter, and a small one


def _is_acronym(word: str) -> bool:
    letters = [c for c in word if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def identifier_like(text: str) -> bool:
    """A Latin form written like code or a product identifier: dotted or snake_case
    (http.client, Weekday.TUESDAY), small letters and a capital past the first letter
    (PyInit, namespaceURI, DBPickler; not McDonald, LeCun), capitals only (VALUES) or
    digits (Latin1)."""
    if re.search(r"\w[._]\w", text) or any(c.isdigit() for c in text):
        return True
    if _is_acronym(text):
        return True
    return any(_CAMEL.match(word) and not prefixed_name(word) for word in text.split())


def identifiers_match(a: str, b: str) -> bool:
    """Two Latin forms, one of them written like an identifier, are one name only when they
    differ in case, accents and separators (Latin-1/Latin1, XML-RPC/XMLRPC, Ctrl+C/Ctrl-C) or
    by two swapped letters (ChatGTP/ChatGPT): a letter more or less, or another letter, is
    another identifier (PyInit/PyUnit, DBPickler/DBUnpickler, VALUES/valueA)."""
    if not (identifier_like(a) or identifier_like(b)):
        return True
    fa, fb = _identifier_key(a), _identifier_key(b)
    return fa == fb or (sorted(fa) == sorted(fb) and fuzzy().distance.OSA.distance(fa, fb) == 1)


# React.js, Socket.io: the dot is spelling; a web address's ending is not (Sli.dev, the site)
_PRODUCT_SUFFIX = re.compile(r"\.(js|ts|io|py|rb|rs)$")


def _identifier_key(text: str) -> str:
    """An identifier folded for comparison: case, accents, spaces, - _ + / do not count; a
    dot does (turtle.Screen is not TurtleScreen), except before a short lower-case ending
    (React.js, ReactJS)."""
    return _SEPARATORS.sub("", _PRODUCT_SUFFIX.sub(r"\1", _fold(text)))


def same_entity(a: Mention, b: Mention, context: "object | None" = None) -> bool:
    """Whether two mentions name the same entity, from their strings and structure alone.

    Full names match when every part matches (given names may be missing on one side);
    a surname alone matches a full name with that surname; a company and its product
    (Mistral AI / Mixtral) and two versions (GPT-4 / GPT-5) do not match."""
    fa = Form("", a.surface, a.normalized, a.script, a.type, a.parts or (a.surface,), ("", 0), lexicon=a.lexicon)
    fb = Form("", b.surface, b.normalized, b.script, b.type, b.parts or (b.surface,), ("", 0), lexicon=b.lexicon)
    return _forms_match(fa, fb)


def _forms_match(a: Form, b: Form, across_files: bool = False) -> bool:
    """Whether two forms name one entity; `across_files` lifts the rule that a lone
    surname refers back only to a full name in its own file (see `_link_across_files`)."""
    if a.surface == b.surface:
        return True
    if not _types_compatible(a.type, b.type):
        return False
    if one_place(a, b):
        return True
    if _designator(a.surface) != _designator(b.surface):
        return False  # ログフォーマットA / ログフォーマットB / ログフォーマット, Plan A / Plan B: variants are things apart
    if a.normalized == b.normalized:
        return True
    if a.script is b.script is Script.KATAKANA and not (a.is_full or b.is_full) and (a.surface in b.surface or b.surface in a.surface):
        return False  # a compound and a word inside it are different words (ログエントリ, エラーログエントリ)
    if a.type is b.type is EntityType.PLACE and _japanese_place(a) and _japanese_place(b):
        # Sudachi spells each place one way (ヴェネツィア normalizes to ベネチア), so two
        # normalized forms are two places: ルーマニア/アルメニア, スロバキア/スロベニア, and
        # with a suffix スラウェシトゥンガ州/スラウェシトゥンガラ州 (Tengah, Tenggara)
        return False
    if a.script is b.script is Script.KANJI:
        return _kanji_names_match(a, b)
    if not (_phonetic(a) and _phonetic(b)):
        return False
    if a.script is b.script is Script.LATIN:
        if a.faithful and b.faithful:
            return False  # two translations each copying its own msgid (Swiss, Swish): the sources differ, not the renderings
        if not (a.is_full or b.is_full) and ("common" in (a.lexicon, b.lexicon) or (a.lexicon and b.lexicon)):
            return False  # English words, or two names the dictionary has (Close/Closed, German/Germany), not a slip
        if not (a.type is b.type is EntityType.PERSON) and not identifiers_match(a.surface, b.surface):
            return False  # PyInit/PyUnit, RShift/LShift, tk.Frame/ttk.Frame, DAEMON/Joan Daemen: another identifier
        if a.is_full and b.is_full and len(a.parts) != len(b.parts):
            extra = set(a.parts) ^ set(b.parts)
            if EntityType.PERSON not in (a.type, b.type) or any(_is_acronym(p) for p in extra) or abs(len(a.parts) - len(b.parts)) > 1:
                # labels differ by a word (SEPA Debit, SEPA Direct Debit; Basic Authentication,
                # Basic HTTP Authentication); only people drop a given name, and one at most
                # (React Conf is not React Native London Conf)
                return False
        if not (a.is_full or b.is_full) and EntityType.PERSON not in (a.type, b.type) and _fold(a.surface)[:1] != _fold(b.surface)[:1]:
            return False  # a word, not a person, with another first letter is another word (Cython/Jython)
    for kana, latin in ((a, b), (b, a)):
        if kana.script is Script.KATAKANA and latin.script in (Script.LATIN, Script.MIXED):
            if kana.lexicon == "common" or not _attests(kana, latin):
                return False  # a loanword used as a verb (リッスンする) renders no name (Alison)
            if kana.lexicon == ALSO_COMMON and not _names_it_in_its_file(kana, latin):
                return False  # リスト (a list, or Liszt) is no rendering of Rust
    if a.script is b.script is Script.KATAKANA and not _render_one_source_word(a, b):
        return False
    if a.script is b.script is Script.KATAKANA and not (a.is_full or b.is_full):
        rest = names.differing_parts(a.surface, b.surface)
        if rest is not None and names.name_similarity(*rest) < SINGLE_LINK_THRESHOLD:
            return False  # compounds one word apart (ハンドシェイク|メッセージ, ハンドシェイク|メソッド)
    if a.is_full and b.is_full:
        return _full_names_match(a.parts, b.parts)
    if a.is_full or b.is_full:
        full, short = (a, b) if a.is_full else (b, a)
        if full.type is EntityType.PERSON or full.script is not Script.LATIN:
            if not across_files and _in_no_common_file(full, short):
                return False  # a lone surname refers back to a full name in its own file (ピノ after Santiago Pino), not in another
            if full.script is Script.LATIN and short.script is Script.KATAKANA and not _person_evidence(full, short):
                return False  # ミニファイ is no surname of "Oxc Minifier", capitalised words that only look like a person
            if full.type is not EntityType.PERSON and not _marked_person(full, short):
                # セント・キルダ is no person's name, and クルド, sounding a little like its last word, no surname of it
                return same_name(full.surname, short.surface) and names.name_similarity(full.surname, short.surface) >= NAME_WORD_LINK
            if full.script is short.script is Script.LATIN and (short.lexicon == "common" or short.lexicon and full.lexicon):
                # a common word (Close, Handle) is not a slip for a surname (Klose, Hindle),
                # nor are two names the dictionary has (David, Davis)
                return _fold(short.surface) == _fold(full.surname)
            if full.script is Script.LATIN and short.script is Script.KATAKANA and _surname_and_a_word(full.surname, short.surface):
                return False  # メモリビュー is "Memory" and a word (view), no rendering of the surname Memory
            if full.script is Script.KATAKANA and short.script is Script.LATIN and short.lexicon == "common":
                # an English word (Windows) is a katakana name's surname only when it sounds
                # like it, not when it sounds somewhat like it (アンデルス)
                return names.name_similarity(full.surname, short.surface) >= SINGLE_LINK_THRESHOLD
            return same_name(full.surname, short.surface)
        # Latin multi-word non-person names: "Mistral" is short for the company "Mistral AI",
        # and so is ミストラル when it is that word exactly (ミクストラル, Mixtral, is not);
        # a product or a label is not its first word (Google is not Google Cloud, nor グーグル),
        # but katakana may write the whole name as one word (ハギングフェイス, Hugging Face)
        if full.type is EntityType.ORGANIZATION:
            # a company goes by its first word (Mistral of Mistral AI), never by its last
            # (リベース sounds like the Labs of Nuxt Labs)
            if short.surface == full.parts[0]:
                return True
            if short.script is Script.KATAKANA:  # its first word exactly, or the whole name (ハギングフェイス)
                return (names.name_similarity(full.parts[0], short.surface) >= ORGANIZATION_WORD_LINK
                        or names.name_similarity("".join(full.parts), short.surface) >= SINGLE_LINK_THRESHOLD)
            return same_name(full.parts[0], short.surface)
        if short.script is Script.KATAKANA:  # the whole name, every word sounded
            return names.name_similarity("".join(full.parts), short.surface) >= SINGLE_LINK_THRESHOLD
        return short.script is Script.LATIN and same_name(full.surface, short.surface)
    if not same_name(a.surface, b.surface):
        return False
    return names.name_similarity(a.surface, b.surface) >= (LISTED_LINK_THRESHOLD if _listed_across_scripts(a, b) else SINGLE_LINK_THRESHOLD)


# A company or product the dictionary lists in katakana (ネスレ) and a Latin word: the
# dictionary vouches for the katakana being a name, so its Latin spelling needs a lower bar.
LISTED_LINK_THRESHOLD = 0.7


def _listed_across_scripts(a: Form, b: Form) -> bool:
    """A katakana proper noun the dictionary lists (lexicon "proper") and one Latin word
    that is no common word."""
    for kana, latin in ((a, b), (b, a)):
        if kana.script is Script.KATAKANA and kana.lexicon == "proper" and latin.script is Script.LATIN and not latin.is_full:
            return latin.lexicon != "common"
    return False


def one_place(a: Form, b: Form) -> bool:
    """A place written with and without its administrative suffix (アーカンソー州 and
    アーカンソー): one place, and no inconsistency."""
    if EntityType.PLACE not in (a.type, b.type) or len(a.surface) == len(b.surface):
        return False
    short, long = sorted((a.surface, b.surface), key=len)
    return without_administrative_suffix(long) == short  # not 京都府/京都市: two suffixes, two places


def _in_no_common_file(a: Form, b: Form) -> bool:
    """Whether two forms are known to be used in no file together."""
    return a.files is not None and b.files is not None and not a.files & b.files


def _person_evidence(full: Form, short: Form) -> bool:
    """Whether a Latin full name and a lone katakana word have more than capitals to say
    they are a person and their surname: an honorific on either (ピノ氏, Santiago Pino氏),
    a surname the dictionary knows, a katakana word the dictionary has as a person's name,
    or a katakana word used only in files that have the full name, and only after it (a
    reference back). ミニファイ, written before "Oxc Minifier" in one file, and ミニファイア,
    written in files without it, are words of their own."""
    if full.lexicon == "proper" or _marked_person(full, short):
        return True
    full_first, short_first = dict(full.firsts), dict(short.firsts)
    return bool(short_first) and short_first.keys() <= full_first.keys() and all(short_first[f] > full_first[f] for f in short_first)


def _marked_person(full: Form, short: Form) -> bool:
    """Whether a full name and a lone word are marked as a person and their surname: an
    honorific or title on either (ピノ氏), or a lone word the dictionary has as a person's
    name (バーナード) and not as a common word."""
    return full.titled or short.titled or (short.type is EntityType.PERSON and short.lexicon != "common")


def _kanji_names_match(a: Form, b: Form) -> bool:
    """Two people's names in kanji: one person when they differ only by variant kanji
    (斎藤/齋藤, 渡辺/渡邊, 澤田/沢田; see kanji_variants.py), or when a surname alone is
    (a variant of) the family name of a full name (齋藤 after 斎藤健一)."""
    if a.type is not EntityType.PERSON or b.type is not EntityType.PERSON:
        return False
    if a.is_full and b.is_full:
        return len(a.parts) == len(b.parts) and all(x == y or kanji_variants(x, y) for x, y in zip(a.parts, b.parts))
    if a.is_full or b.is_full:
        full, short = (a, b) if a.is_full else (b, a)
        if _in_no_common_file(full, short):
            return False  # a lone name refers back to a full name in its own file (ピノ after Santiago Pino), not in another
        return short.surface == full.parts[0] or kanji_variants(short.surface, full.parts[0])
    return kanji_variants(a.surface, b.surface)


def _kanji_key(ch: str) -> str:
    group = VARIANT_GROUP.get(ch)
    return ch if group is None else f"#{group}"


def _full_names_match(a: Sequence[str], b: Sequence[str]) -> bool:
    """Full names: same surname, and given names that agree where both have them."""
    if not same_name(a[-1], b[-1]):
        return False
    given_a, given_b = a[:-1], b[:-1]
    return all(same_name(x, y) for x, y in zip(given_a, given_b))


class _UnionFind:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            if rb < ra:
                ra, rb = rb, ra
            self.parent[rb] = ra


def _distinct_forms(uses: Iterable[MentionUse]) -> tuple[list[Form], dict[tuple[str, str], list[MentionUse]]]:
    by_key: dict[tuple[str, str], list[MentionUse]] = defaultdict(list)
    for use in uses:
        by_key[(side_of(use), use.mention.surface)].append(use)
    forms = []
    for (side, surface), members in sorted(by_key.items()):
        members.sort(key=lambda u: u.order)
        m = members[0].mention
        attested, faithful = _attestation(surface, members)
        forms.append(Form(side, surface, m.normalized, m.script, _best_type(members), m.parts or (surface,), members[0].order,
                          attested, faithful, m.lexicon, any(u.mention.suffix in _PERSON_MARKS for u in members),
                          _first_per_file(members)))
    return forms, by_key


def _first_per_file(members: Sequence[MentionUse]) -> tuple[tuple[str, int], ...]:
    """Where a form is first used in each file (members are in reading order)."""
    firsts: dict[str, int] = {}
    for u in members:
        firsts.setdefault(u.order[0], u.order[1])
    return tuple(firsts.items())


def _attestation(surface: str, members: Sequence[MentionUse]) -> tuple[frozenset[str] | None, bool]:
    """The source words behind a form used only in catalog translations, and whether
    every one of those sources writes the form itself (a name copied from the msgid)."""
    if any(u.source_words is None for u in members):
        return None, False
    own = text_words(surface)
    attested = frozenset().union(*(u.source_words for u in members))  # type: ignore[arg-type]
    return attested, bool(own) and all(own <= u.source_words for u in members)  # type: ignore[operator]


def _render_one_source_word(a: Form, b: Form) -> bool:
    """Whether two katakana forms, when both are used only in catalog translations, render
    one source word: a word of msgids on both sides that sounds like one of them
    (ウイジェット and ウィジェット both render "widget"; チェク, a slip for "checking",
    and チェコ, "Czechia", share none)."""
    if a.attested is None or b.attested is None:
        return True
    shared = (w for w in a.attested & b.attested if len(w) >= 3 and w.isalpha() and w.isascii())
    return any(names.name_similarity(w, a.surface) >= SOURCE_WORD_LINK or names.name_similarity(w, b.surface) >= SOURCE_WORD_LINK
               for w in shared)


def _names_it_in_its_file(kana: Form, latin: Form) -> bool:
    """Whether a katakana word that is also a common noun (リスト: a list, and Liszt) is
    taken for a Latin name: in a file that has the name, and as its exact transcription
    (Liszt; not Rust, one vowel apart)."""
    if _in_no_common_file(kana, latin):
        return False
    return max(names.name_similarity(kana.surface, name) for name in (latin.surface, *latin.parts)) >= EXACT_TRANSCRIPTION


def _attests(kana: Form, latin: Form) -> bool:
    """Whether a katakana form used only in catalog translations translates, somewhere,
    a source that has the Latin name (or one of its words) as written: ウクライナ renders
    "Ukrainian", never "Klarna", so the two are not one name however alike they sound; and
    ブロブ rendering "blob" is not the class name Blob."""
    if kana.attested is None:
        return True
    if latin.type not in (EntityType.PERSON, EntityType.ORGANIZATION):
        # a label or product is rendered whole: タブバー renders "Tab Bar", and sharing
        # "Bar" does not make it "Top Bar"; a person is named by a surname, a company by a word
        words = written_words(latin.surface)
        return bool(words) and words <= kana.attested
    return any(words and words <= kana.attested for words in map(written_words, (latin.surface, *latin.parts)))


def _best_type(members: Sequence[MentionUse]) -> EntityType:
    """The type the strongest evidence gives: an honorific says person (Pino氏), an
    organisation word or a version or year says organisation or product (React Conf 2021)
    over capitalised words that only look like a person's name (React Conf)."""
    types = {u.mention.type for u in members}
    if any(u.mention.suffix in _PERSON_MARKS for u in members if u.mention.type is EntityType.PERSON):
        return EntityType.PERSON
    for t in (EntityType.ORGANIZATION, EntityType.PRODUCT, EntityType.PERSON, EntityType.PLACE):
        if t in types:
            return t
    return EntityType.OTHER


def _close_pairs(forms: list[Form], members: list[int], by_surname: bool) -> set[tuple[int, int]]:
    """Pairs in a large block whose phonetic keys are within a loose edit distance."""
    process, similarity = fuzzy().process, fuzzy().distance.Levenshtein.normalized_similarity
    keys = [names.name_key(forms[i].surname if by_surname else forms[i].surface) for i in members]
    pairs: set[tuple[int, int]] = set()
    for x, key in enumerate(keys):
        for _match, _score, y in process.extract(
            key, keys, scorer=similarity, score_cutoff=PREFILTER_CUTOFF, limit=PREFILTER_LIMIT + 1
        ):
            if y > x:
                pairs.add((members[x], members[y]))
    return pairs


def _blocking_keys(form: Form) -> set[str]:
    """Keys under which a form is compared with others: its whole-name key, its
    surname key, and its normalized form."""
    keys = {"n:" + form.normalized}
    if form.script is Script.KANJI and form.type is EntityType.PERSON:
        # variants of a kanji name, and its family name alone, share the family name's
        # first character up to variant kanji
        keys.add("kf:" + _kanji_key(form.surname[:1]))
    if _phonetic(form):
        keys.update("k:" + k for k in names.blocking_keys(form.surface))
        keys.update("s:" + k for k in names.blocking_keys(form.surname))
        if not form.is_full:
            keys.update("s:" + k for k in names.blocking_keys(form.surface))
    return keys


def cluster_mentions(uses: Sequence[MentionUse]) -> list[Cluster]:
    """All mentions of a run grouped into entities, ordered by first appearance."""
    forms, by_key = _distinct_forms(uses)
    blocks: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, f in enumerate(forms):
        for key in _blocking_keys(f):
            blocks[(f.side, key)].append(i)
    candidate_pairs: set[tuple[int, int]] = set()
    for (_side, key), members in blocks.items():
        if len(members) < 2:
            continue
        if len(members) <= SMALL_BLOCK or key.startswith("n:"):
            candidate_pairs.update((members[x], members[y]) for x in range(len(members)) for y in range(x + 1, len(members)))
        else:
            candidate_pairs.update(_close_pairs(forms, members, key.startswith("s:")))
    links = [(i, j) for i, j in sorted(candidate_pairs) if _forms_match(forms[i], forms[j])]
    links = _drop_ambiguous_surnames(forms, links)
    links += _link_across_files(forms, links, candidate_pairs)
    # strongest links first: when a chain guard below must refuse one of two links, it
    # refuses the weaker (スラッグ joins Slug, not Slack)
    links.sort(key=lambda ij: (-_link_strength(forms[ij[0]], forms[ij[1]]), ij))
    uf = _UnionFind(len(forms))
    # forms a chain must not join unless they match each other: full names, and Latin
    # spellings (one katakana word sounding like two Latin words does not make them one);
    # a lone surname brings the full names it refers back to (テレサ・スティーヴンス's
    # スティーヴンス never joins グレアム・スティーヴンズ through his スティーヴンズ)
    owners: dict[int, list[int]] = defaultdict(list)
    for i, j in links:
        if forms[i].is_full != forms[j].is_full:
            owners[j if forms[i].is_full else i].append(i if forms[i].is_full else j)
    anchors: dict[int, list[int]] = {i: [i] if forms[i].is_full or forms[i].script is Script.LATIN else owners.get(i, [])
                                     for i in range(len(forms))}
    for i, j in links:
        ri, rj = uf.find(i), uf.find(j)
        if ri == rj:
            continue
        # never join two different full names (ジョン・ハウエルズ and ジョン・スミス), nor
        # TestPlan and TestRun through テストラン, nor Slack and Slug through スラッグ
        latin = [k for k in anchors[ri] + anchors[rj] if forms[k].script is Script.LATIN]
        if any(not _forms_match(forms[x], forms[y]) and not _one_reading_apart(forms, x, y, latin)
               for x in anchors[ri] for y in anchors[rj]):
            continue
        uf.union(ri, rj)
        root = uf.find(ri)
        anchors[root] = anchors[ri] + anchors[rj] if root == ri else anchors[rj] + anchors[ri]
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(forms)):
        groups[uf.find(i)].append(i)
    clusters = []
    for members in groups.values():
        c = Cluster()
        c.forms = sorted((forms[i] for i in members), key=lambda f: f.first)
        for f in c.forms:
            c.uses.extend(by_key[(f.side, f.surface)])
        c.uses.sort(key=lambda u: u.order)
        c.canonical = choose_canonical(c.forms, {f.surface: len(by_key[(f.side, f.surface)]) for f in c.forms})
        clusters.append(c)
    clusters.sort(key=lambda c: c.uses[0].order)
    _assign_ids(clusters)
    return clusters


def _one_reading_apart(forms: list[Form], x: int, y: int, latin: list[int]) -> bool:
    """Two katakana renderings of one Latin name read in two languages (エクトル and ヘクター
    for Hector, フリアン and ジュリアン for Julian): one entity when a Latin form in the chain
    is matched by both; without a Latin form they stay apart (アンリ and ヘンリー may be
    Henri and Henry)."""
    a, b = forms[x], forms[y]
    if not (a.script is b.script is Script.KATAKANA):
        return False
    return any(_forms_match(a, forms[k]) and _forms_match(b, forms[k]) for k in latin)


def _link_across_files(forms: list[Form], links: list[tuple[int, int]], pairs: set[tuple[int, int]]) -> list[tuple[int, int]]:
    """A lone surname used only in files without its full name (バーナード in chapter 5,
    アルノー・ベナール in chapter 1) links to the full name when nothing else in the run
    competes for it: it is a person's name (typed person, or titled), it matches exactly one
    full name of a person in the run (on its side), and is linked to no full name already."""
    linked_to_full = {i for pair in links for i, j in (pair, pair[::-1]) if forms[j].is_full}
    partners: dict[int, list[int]] = defaultdict(list)
    for i, j in pairs:
        a, b = forms[i], forms[j]
        if a.is_full == b.is_full or a.side != b.side:
            continue
        full, short = (i, j) if a.is_full else (j, i)
        if short in linked_to_full or not _in_no_common_file(forms[full], forms[short]):
            continue
        if forms[full].type is EntityType.PERSON and (forms[short].type is EntityType.PERSON or forms[short].titled) \
                and forms[short].lexicon not in ("common", ALSO_COMMON):
            partners[short].append(full)
    people = [k for k, f in enumerate(forms) if f.is_full and f.type is EntityType.PERSON]
    out = []
    for short, fulls in partners.items():
        side = forms[short].side
        competing = [k for k in people if forms[k].side == side and same_name(forms[k].surname, forms[short].surface)]
        if len(competing) != 1 or competing[0] not in fulls:
            continue  # two people it could be, or none: no link
        full = competing[0]
        if _forms_match(forms[full], forms[short], across_files=True):
            out.append((min(full, short), max(full, short)))
    return out


def _link_strength(a: Form, b: Form) -> float:
    """How alike two linked forms are: 1 for one normalized form, else their sound."""
    if a.surface == b.surface or a.normalized == b.normalized:
        return 1.0
    return names.name_similarity(a.surface, b.surface)


def _drop_ambiguous_surnames(forms: list[Form], links: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """A lone surname that matches two full names that are different people links to
    neither (two people called ベナール: we cannot tell which one is meant)."""
    fulls_of_short: dict[int, list[int]] = defaultdict(list)
    for i, j in links:
        a, b = forms[i], forms[j]
        if a.is_full != b.is_full:
            short, full = (j, i) if a.is_full else (i, j)
            fulls_of_short[short].append(full)
    dropped: set[tuple[int, int]] = set()  # (short, full) links to drop
    for short, fulls in fulls_of_short.items():
        if not any(not _forms_match(forms[x], forms[y]) for k, x in enumerate(fulls) for y in fulls[k + 1 :]):
            continue
        # two different people: the lone surname goes with one only when it is clearly
        # theirs (マグーハン is アリサ・マグーハン's, not アンダーソン・マクシャン's), or
        # written exactly as one of their surnames and no other (ガリクソン is エミー・
        # ガリクソン's, however alike サツヨ・グリグソン's surname sounds)
        exact = [f for f in fulls if forms[f].surname == forms[short].surface]
        scored = sorted(((f in exact, names.name_similarity(forms[f].surname, forms[short].surface), f) for f in fulls), reverse=True)
        clear = len(exact) == 1 or (not exact and scored[0][1] - scored[1][1] >= SURNAME_MARGIN)
        dropped.update((short, f) for _exact, _score, f in (scored[1:] if clear else scored))
    return [(i, j) for i, j in links if (i, j) not in dropped and (j, i) not in dropped]


def choose_canonical(forms: Sequence[Form], uses: Mapping[str, int] | None = None) -> Form:
    """The fullest form, earliest in reading order on ties (アルノー・ベナール introduces ベナール);
    a Latin spelling that differs from the msgids it translates (Micromanba for Micromamba)
    never wins over the others. A label or product named only in catalog translations is
    written as most of them write it: a copy of one msgid ("Top Bar") against トップバー
    elsewhere is the odd one, and words counted across scripts say nothing of fullness."""
    if uses and _catalog_label(forms):
        return min(forms, key=lambda f: (_misspelt_copy(f), _other_width(f), -uses.get(f.surface, 0), -len(f.parts), f.first))
    return min(forms, key=lambda f: (_misspelt_copy(f), _other_width(f), -len(f.parts), f.first))


def _other_width(form: Form) -> bool:
    """A form written in full-width Latin letters or half-width kana (ＩＢＭ, ﾂｰﾙﾊﾞｰ): never
    the one to advise while another form is written in the standard width."""
    return standard_width(form.surface) is not form.surface


def _catalog_label(forms: Sequence[Form]) -> bool:
    """Forms used only in catalog translations, none of them a person's name."""
    return all(f.attested is not None and f.type is not EntityType.PERSON for f in forms)


def _misspelt_copy(form: Form) -> bool:
    """A Latin form used only in catalog translations whose msgids do not have it."""
    return form.script is Script.LATIN and form.attested is not None and not form.faithful


def _assign_ids(clusters: list[Cluster]) -> None:
    taken: set[str] = set()
    for c in clusters:
        latin = [f for f in c.forms if f.script is Script.LATIN and f.is_full] or [f for f in c.forms if f.script is Script.LATIN]
        base = slug((latin[0] if latin else c.canonical).surface)  # type: ignore[union-attr]
        eid, n = base, 2
        while eid in taken:
            eid, n = f"{base}-{n}", n + 1
        taken.add(eid)
        c.id = eid


def is_shortening(form: Form, canonical: Form) -> bool:
    """A legitimate short form of the canonical name in the same script: one of its parts
    (ベナール for アルノー・ベナール, Gözükara for Furkan Gözükara, Mistral for Mistral AI)."""
    if form.script is not canonical.script and not (form.script is Script.MIXED or canonical.script is Script.MIXED):
        return False
    surface, parts, full = form.surface.casefold(), [p.casefold() for p in canonical.parts], canonical.surface.casefold()
    if surface in parts:
        return True
    return full.startswith(surface + " ") or full.endswith(" " + surface)


def same_rendering(form: Form, canonical: Form) -> bool:
    """Written the same way, up to name separators, spacing (＝ vs ・), letter case and
    apostrophes (SPHINX in a banner, a sentence-initial ReStructuredText, O’Brien:
    typography, not a rendering)."""
    return _typographic(form.surface) == _typographic(canonical.surface) or one_place(form, canonical)


def _typographic(text: str) -> str:
    """A rendering without what is typography: separators, spacing, letter case and the
    shape of apostrophes (l'URL, l’URL)."""
    return re.sub(r"[\s・＝゠=･]", "", text).replace("’", "'").casefold()
