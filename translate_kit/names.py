"""Cross-script name matching: phonetic keys and similarity for katakana, hiragana and Latin names.

Japanese text writes foreign names in katakana with no fixed spelling and mixes Latin script,
so one person can appear as アルノー・ベナール, ベナール, バーナード and "Benard". This module maps
every rendering into one romanised phoneme alphabet and compares phoneme strings with a weighted
edit distance whose costs encode how Japanese transcription varies (vowels, long marks, the
vowels katakana adds after consonants, r-colouring, voicing, v/b, th/s...), while a different
consonant or a different real final vowel stays expensive (ピノ/ピザ, ジョン/ジョージ, Paul/Paula).

Phoneme alphabet (one character per phoneme): vowels ``a e i o u``, ``:`` for a long vowel,
consonants ``k g s z t d n m h b p r w y f j`` plus ``c`` (ch), ``x`` (sh) and ``q`` (ts).
Katakana goes through a hand-written kana table; Latin goes through several spelling "readings"
(literal/romaji, English short and long vowels, French, German, Spanish, Portuguese, Italian,
Slavic, Turkish, pinyin, Korean, letter-by-letter), each an ordered list of rewrite rules kept as
data in readings.txt, and a Latin name scores as its best reading. Latin against Latin is held to a stricter bar because a
spelling is fixed in its own script (Mistral/Mixtral); differing digits never match (GPT-4/GPT-5).
Everything is computed from the strings: no list of known names is consulted.
"""

from __future__ import annotations

import functools
import itertools
import os
import re
import unicodedata
from collections.abc import Iterable, Sequence
from importlib import resources
from typing import Any

from translate_kit.lexicon import sections, words
from translate_kit.regex_literals import required_parts
from translate_kit.scripts import hiragana_to_katakana, is_kana_char

__all__ = [
    "SAME_NAME_THRESHOLD",
    "blocking_keys",
    "consonant_skeleton",
    "fold_spelling",
    "is_same_name",
    "latin_slip",
    "name_key",
    "name_keys",
    "name_similarity",
    "readings",
    "romanize",
    "similarity_matrix",
    "split_name",
    "surname",
]


@functools.cache
def fuzzy() -> Any:
    """rapidfuzz (its `distance` and `process`), imported when names are first compared:
    5 ms of imports that a warm re-check, which compares none, does not pay."""
    import rapidfuzz

    return rapidfuzz

# Scores at or above this mean "probably the same name"; chosen on the dev split (bench/names_bench.py).
SAME_NAME_THRESHOLD = 0.70

VOWELS = frozenset("aeiou")

# ---------------------------------------------------------------------------------------------
# Katakana -> phonemes
# ---------------------------------------------------------------------------------------------

# Folds applied to katakana before romanisation (ヴ/ブ, ヂ/ジ, ヅ/ズ, ヲ/オ, old kana, small ヵヶ).
_KANA_PREFOLD: tuple[tuple[str, str], ...] = (
    ("ヴァ", "バ"), ("ヴィ", "ビ"), ("ヴェ", "ベ"), ("ヴォ", "ボ"), ("ヴュ", "ビュ"), ("ヴ", "ブ"),
    ("ヂ", "ジ"), ("ヅ", "ズ"), ("ヲ", "オ"), ("ヰ", "イ"), ("ヱ", "エ"), ("ヵ", "カ"), ("ヶ", "ケ"),
    ("ヮ", "ワ"),
)

_KANA_DIGRAPHS: dict[str, str] = {
    "キャ": "kya", "キュ": "kyu", "キョ": "kyo", "キェ": "kye",
    "ギャ": "gya", "ギュ": "gyu", "ギョ": "gyo", "ギェ": "gye",
    "シャ": "xa", "シュ": "xu", "ショ": "xo", "シェ": "xe",
    "ジャ": "ja", "ジュ": "ju", "ジョ": "jo", "ジェ": "je",
    "チャ": "ca", "チュ": "cu", "チョ": "co", "チェ": "ce",
    "ニャ": "nya", "ニュ": "nyu", "ニョ": "nyo", "ニェ": "nye",
    "ヒャ": "hya", "ヒュ": "hyu", "ヒョ": "hyo", "ヒェ": "hye",
    "ビャ": "bya", "ビュ": "byu", "ビョ": "byo", "ビェ": "bye",
    "ピャ": "pya", "ピュ": "pyu", "ピョ": "pyo", "ピェ": "pye",
    "ミャ": "mya", "ミュ": "myu", "ミョ": "myo", "ミェ": "mye",
    "リャ": "rya", "リュ": "ryu", "リョ": "ryo", "リェ": "rye",
    "ファ": "fa", "フィ": "fi", "フェ": "fe", "フォ": "fo", "フュ": "fyu",
    "ティ": "ti", "トゥ": "tu", "テュ": "tyu", "ディ": "di", "ドゥ": "du", "デュ": "dyu",
    "ウィ": "wi", "ウェ": "we", "ウォ": "wo", "イェ": "ye",
    "クァ": "kwa", "クィ": "kwi", "クェ": "kwe", "クォ": "kwo", "グァ": "gwa", "グォ": "gwo",
    "ツァ": "qa", "ツィ": "qi", "ツェ": "qe", "ツォ": "qo",
    "スィ": "si", "ズィ": "zi", "ホゥ": "ho",
}

_KANA_SINGLE: dict[str, str] = {
    "ア": "a", "イ": "i", "ウ": "u", "エ": "e", "オ": "o",
    "カ": "ka", "キ": "ki", "ク": "ku", "ケ": "ke", "コ": "ko",
    "ガ": "ga", "ギ": "gi", "グ": "gu", "ゲ": "ge", "ゴ": "go",
    "サ": "sa", "シ": "xi", "ス": "su", "セ": "se", "ソ": "so",
    "ザ": "za", "ジ": "ji", "ズ": "zu", "ゼ": "ze", "ゾ": "zo",
    "タ": "ta", "チ": "ci", "ツ": "qu", "テ": "te", "ト": "to",
    "ダ": "da", "デ": "de", "ド": "do",
    "ナ": "na", "ニ": "ni", "ヌ": "nu", "ネ": "ne", "ノ": "no",
    "ハ": "ha", "ヒ": "hi", "フ": "fu", "ヘ": "he", "ホ": "ho",
    "バ": "ba", "ビ": "bi", "ブ": "bu", "ベ": "be", "ボ": "bo",
    "パ": "pa", "ピ": "pi", "プ": "pu", "ペ": "pe", "ポ": "po",
    "マ": "ma", "ミ": "mi", "ム": "mu", "メ": "me", "モ": "mo",
    "ヤ": "ya", "ユ": "yu", "ヨ": "yo", "ャ": "ya", "ュ": "yu", "ョ": "yo",
    "ラ": "ra", "リ": "ri", "ル": "ru", "レ": "re", "ロ": "ro",
    "ワ": "wa", "ン": "n", "ー": ":", "ッ": "",
    "ァ": "a", "ィ": "i", "ゥ": "u", "ェ": "e", "ォ": "o",
}

# ---------------------------------------------------------------------------------------------
# Latin -> phonemes: readings
# ---------------------------------------------------------------------------------------------
# Each reading is a list of rewrite rules in readings.txt (data): lowercase letters become
# UPPERCASE phonemes (and ':'), and later rules only match what is still lowercase.

_V = "aeiouyàáâãäåèéêëìíîïòóôõöùúûüýÿæœıAEIOU:"  # any vowel, raw or emitted
_VR = "aeiouàáâãäåèéêëìíîïòóôõöùúûüýÿæœı"  # raw vowels (y excluded)

# a rule: its pattern, its replacement, and what every match consumes (`required_parts`: a
# word without it is passed over without running the pattern: most rules, most words)
_Rule = tuple["re.Pattern[str]", str, tuple[tuple[str, ...], ...]]


def parse_readings(text: str) -> dict[str, tuple[_Rule, ...]]:
    """Sections of readings.txt compiled: `pattern  REPLACEMENT` lines ({V} and {VR}
    expanded to the vowel classes; ` # ` starts a comment), `@section` lines spliced in
    from another section. Each rule keeps its pattern's `required_parts`."""
    raw = sections(text, "readings.txt")

    def expand(name: str, seen: tuple[str, ...]) -> list[tuple[str, str]]:
        if name in seen or name not in raw:
            raise ValueError(f"readings.txt: section {name!r} is {'circular' if name in seen else 'missing'}")
        out: list[tuple[str, str]] = []
        for line in raw[name]:
            if line.startswith("@"):
                out += expand(line[1:].strip(), (*seen, name))
            else:
                fields = line.split(" #", 1)[0].split()
                if len(fields) > 2:
                    raise ValueError(f"readings.txt: [{name}] {line!r}: one pattern and one replacement")
                out.append((fields[0], fields[1] if len(fields) > 1 else ""))
        return out

    parts: dict[str, tuple[tuple[str, ...], ...]] = {}  # by pattern: sections splice the same rules

    def rule(p: str, r: str) -> _Rule:
        pattern = re.compile(p.replace("{V}", _V).replace("{VR}", _VR))
        if p not in parts:
            parts[p] = required_parts(pattern)
        return pattern, r, parts[p]

    return {name: tuple(rule(p, r) for p, r in expand(name, ())) for name in raw}


# The readings a Latin spelling gets, in this order (sections of readings.txt): literal/romaji,
# English short and long vowels, French, German, Spanish, Portuguese, Italian, Slavic, Turkish,
# pinyin, Korean.
_PROFILE_NAMES = ("lit", "en", "en-long", "fr", "de", "es", "pt", "it", "slavic", "tr", "zh", "ko")
_N_READINGS = len(_PROFILE_NAMES) + 1  # every profile plus the letter-by-letter spelling

# Pinyin and Korean romanisation have closed syllable inventories: their readings apply only to
# words that split into such syllables (Xiaomi, Jinping, Hyundai; not Mixtral, Tencent).
_PINYIN_WORD = re.compile(
    r"(?:(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?"
    r"(?:iang|iong|uang|ueng|iao|ian|ing|uai|uan|ang|eng|ong|ai|ei|ao|ou|an|en|er"
    r"|ia|ie|iu|in|ua|uo|ui|un|ve|ue|üe|a|o|e|i|u|v|ü))+"
)
_KOREAN_WORD = re.compile(
    r"(?:(?:kk|tt|pp|ss|jj|ch|sh|[gkndrlmbsjtph])?(?:w|y)?"
    r"(?:yeo|eo|ae|eu|oe|ui|oo|ee|oi|a|e|i|o|u)(?:ng|[kntlmp](?![aeiouwy]))?)+"
)
_GATED: dict[str, "re.Pattern[str]"] = {"zh": _PINYIN_WORD, "ko": _KOREAN_WORD}

_BASE_LETTERS: dict[str, str] = {
    "a": "A", "b": "B", "c": "K", "d": "D", "e": "E", "f": "F", "g": "G", "h": "H", "i": "I",
    "j": "J", "k": "K", "l": "R", "m": "M", "n": "N", "o": "O", "p": "P", "q": "K", "r": "R",
    "s": "S", "t": "T", "u": "U", "v": "B", "w": "W", "x": "KS", "y": "I", "z": "Z",
}

_BASE_TABLE = str.maketrans(_BASE_LETTERS)

# Letters NFD does not decompose.
_LATIN_EXTRA: dict[str, str] = {
    "ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "ı": "i",
}

# How Japanese says letter names, in the phoneme alphabet (acronyms, the i of iPhone).
_LETTER_NAMES: dict[str, str] = {
    "a": "e:", "b": "bi:", "c": "xi:", "d": "di:", "e": "i:", "f": "efu", "g": "ji:", "h": "eici",
    "i": "ai", "j": "je:", "k": "ke:", "l": "eru", "m": "emu", "n": "enu", "o": "o:", "p": "pi:",
    "q": "kyu:", "r": "a:ru", "s": "esu", "t": "ti:", "u": "yu:", "v": "bui", "w": "daburyu:",
    "x": "ekkusu", "y": "wai", "z": "zeto",
}

# Epenthetic vowel Japanese adds after a bare consonant (default u).
_EPENTHESIS: dict[str, str] = {"t": "o", "d": "o", "c": "i", "j": "i"}

# Folds in phoneme space, applied to both scripts (ティ/チ, ディ/ジ, ウィ/ウイ, エイ/エー ...).
_DIGRAPH_FOLDS: dict[str, str] = {
    "ti": "ci", "di": "ji", "si": "xi", "zi": "ji", "tu": "qu", "du": "zu", "hu": "fu",
    "sy": "x", "zy": "j", "ty": "c", "dy": "j", "cy": "c", "jy": "j", "xy": "x",
    "wi": "ui", "we": "ue", "wo": "uo", "wu": "u", "yi": "i", "ye": "ie",
}
_DIGRAPH_FOLD_RE = re.compile("|".join(_DIGRAPH_FOLDS))
_PHONEME_FOLDS: tuple[_Rule, ...] = tuple(
    (re.compile(p), r, required_parts(re.compile(p)))
    for p, r in (
        (r"ei", "e:"), (r"ou", "o:"), (r"([aeiou])\1+", r"\1:"), (r"([aeiou]):([aeiou])", r"\1\2"),
        (r":+", ":"), (r"^:", ""), (r"([^aeiou:])\1+", r"\1"),
    )
)

_SEPARATORS = re.compile(r"[\s・･＝゠=‐‑‒–—―_/\-]+")
_LATIN_SPLIT = re.compile(r"\s+")
_KANA_SPLIT = re.compile(r"[\s・･＝゠=]+")
_DIGITS = re.compile(r"\d+")


# ---------------------------------------------------------------------------------------------
# Script helpers
# ---------------------------------------------------------------------------------------------


def _is_kana(ch: str) -> bool:
    """True for katakana, hiragana and the long-vowel mark."""
    return is_kana_char(ch)


def _is_latin(ch: str) -> bool:
    """True for Latin letters, with or without diacritics."""
    if ch.isascii():
        return ch.isalpha()
    return ch.isalpha() and "LATIN" in unicodedata.name(ch, "")


def _script(text: str) -> str:
    """'kana', 'latin', 'mixed' or 'other' for a name, ignoring separators and digits."""
    kinds = {"kana" if _is_kana(c) else "latin" if _is_latin(c) else "other"
             for c in text if c.isalpha() or c == "ー"}
    if not kinds:
        return "other"
    return kinds.pop() if len(kinds) == 1 else "mixed"


def strip_marks(text: str) -> str:
    """Drop Latin diacritics (Gözükara -> Gozukara) and spell out letters NFD cannot split."""
    if text.isascii():
        return text  # nothing to drop (most words)
    text = "".join(_LATIN_EXTRA.get(c, c) for c in text)
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))


def fold_spelling(text: str) -> str:
    """Case and accents folded: Gözükara and GOZUKARA are one spelling."""
    return strip_marks(text.replace("’", "'")).casefold()


# Endings that make another word of a Latin one, not a slip: plurals and possessives
# (Event/Events), inflections (Deprecate/Deprecated, Terminate/Terminated), agent nouns
# (Decorate/Decorator: -r), demonyms (America/American), and feminine or familiar given
# names (Robert/Roberta, Louis/Louise, Pete/Peter, Bill/Billy).
WORD_ENDINGS = frozenset({"s", "es", "'s", "d", "ed", "r", "er", "ing", "a", "e", "y", "n", "an", "ian"})


def latin_slip(a: str, b: str) -> bool:
    """Whether two different Latin spellings are one name misspelt: equal without accents
    and case, or at most one edit (a swap of two letters is one) apart in names of five
    letters or more (two from eight),
    and not a word and another made from it by an ending (`WORD_ENDINGS`)."""
    fa, fb = fold_spelling(a), fold_spelling(b)
    if fa == fb:
        return True
    short, long_ = sorted((fa, fb), key=len)
    ending = long_[len(short):]
    if long_.startswith(short) and ending in WORD_ENDINGS and not short.endswith(ending[0]):
        return False  # (a doubled last letter is a slip: Zelensky/Zelenskyy)
    size = len(short)
    allowed = 2 if size >= 8 else 1 if size >= 5 else 0
    return allowed > 0 and fuzzy().distance.OSA.distance(fa, fb, score_cutoff=allowed) <= allowed  # two swapped letters are one edit


# ---------------------------------------------------------------------------------------------
# Phoneme post-processing shared by both scripts
# ---------------------------------------------------------------------------------------------


def _epenthesize(ph: str) -> str:
    """Add the vowel Japanese inserts after a bare consonant (Smith -> sumisu, Kant -> kanto)."""
    out: list[str] = []
    n = len(ph)
    for i, c in enumerate(ph):
        out.append(c)
        if c in VOWELS or c in ":ny" or not c.isalpha():
            continue
        nxt = ph[i + 1] if i + 1 < n else ""
        if nxt in VOWELS or nxt == c:
            continue
        if nxt == "y" and i + 2 < n and ph[i + 2] in VOWELS:
            continue  # palatalised consonant: kya, pyo
        if c == "h":
            prev = ph[i - 1] if i else ""
            out.append(prev if prev in VOWELS else "u")  # German/Arabic h echoes its vowel: Bach
        elif c == "w":
            out.append("u")
        else:
            out.append(_EPENTHESIS.get(c, "u"))
    return "".join(out)


def _fold_phonemes(ph: str) -> str:
    """Apply the script-independent folds (ティ/チ, long vowels, doubled consonants...)."""
    ph = _DIGRAPH_FOLD_RE.sub(lambda m: _DIGRAPH_FOLDS[m.group()], ph)
    for pattern, repl, needed in _PHONEME_FOLDS:
        if _holds_all(ph, needed) and pattern.search(ph) is not None:  # a search is cheaper than a template
            ph = pattern.sub(repl, ph)
    return ph


def _kana_raw(text: str) -> str:
    """Kana word to phonemes before folding; ッ is kept as 'Q' for `romanize`."""
    text = hiragana_to_katakana(unicodedata.normalize("NFKC", text))
    for src, dst in _KANA_PREFOLD:
        text = text.replace(src, dst)
    out: list[str] = []
    i = 0
    while i < len(text):
        pair = text[i : i + 2]
        if pair in _KANA_DIGRAPHS:
            out.append(_KANA_DIGRAPHS[pair])
            i += 2
            continue
        ch = text[i]
        if ch == "ッ":
            out.append("Q")
        else:
            out.append(_KANA_SINGLE.get(ch, ch.lower() if ch.isalnum() else ""))
        i += 1
    return "".join(out)


def _apply_profile(word: str, rules: tuple[_Rule, ...]) -> str:
    """Run one reading's rules over a lowercase word and emit raw phonemes (no epenthesis)."""
    s = word
    for pattern, repl, needed in rules:
        if _holds_all(s, needed):
            s = pattern.sub(repl, s)
    return strip_marks(s).translate(_BASE_TABLE).lower()


def _holds_all(text: str, clauses: tuple[tuple[str, ...], ...]) -> bool:
    """Whether `text` holds a string of every clause."""
    for clause in clauses:
        held = False
        for part in clause:
            if part in text:
                held = True
                break
        if not held:
            return False
    return True


_DOUBLED_CONSONANT = re.compile(r"([b-df-hj-np-tv-z])\1+")


def _collapse_doubles(word: str, keep: frozenset[str] = frozenset()) -> str:
    """Collapse doubled consonant letters (Russell -> Rusel) but keep doubled vowels (Reed)
    and the doubled letters in `keep` (a reading's rules spell them: Spanish ll)."""
    if _DOUBLED_CONSONANT.search(word) is None:
        return word  # (most words: a regex search is cheaper than a substitution's template)
    if not keep:
        return _DOUBLED_CONSONANT.sub(r"\1", word)
    return _DOUBLED_CONSONANT.sub(lambda m: m.group() if m.group(1) in keep else m.group(1), word)


def _doubled_letters(rules: tuple[_Rule, ...]) -> frozenset[str]:
    """Consonant letters some rule of a reading matches doubled (ll in Spanish)."""
    return frozenset(m.group(1) for pattern, _r, _needed in rules for m in re.finditer(r"([b-df-hj-np-tv-z])\1", pattern.pattern))


@functools.cache
def _profiles() -> tuple[tuple[str, tuple[_Rule, ...], frozenset[str]], ...]:
    """Each profile's name, rules (readings.txt) and doubled letters its rules keep, read
    when a name is first compared: a run that compares none (a warm re-check) never
    parses the table."""
    rules = parse_readings(resources.files("translate_kit").joinpath("readings.txt").read_text(encoding="utf-8"))
    return tuple((name, rules[name], _doubled_letters(rules[name])) for name in _PROFILE_NAMES)


_CAMEL_SPLIT = re.compile(r"(?<=[a-zà-ÿ])(?=[A-ZÀ-Þ])")


def _latin_subwords(word: str) -> list[str]:
    """Split camelCase (YouTube, iPhone, McDonald) so each piece is read on its own."""
    return [w for w in _CAMEL_SPLIT.split(word) if w]


def _spell(word: str) -> str:
    """Letter-by-letter reading of an acronym (BYD -> bi:waidi:)."""
    return "".join(_LETTER_NAMES.get(c, "") for c in strip_marks(word.lower()))


@functools.lru_cache(maxsize=65536)
def _latin_word_readings(word: str) -> tuple[str, ...]:
    """Phoneme reading of one Latin word under each profile, in `_PROFILE_NAMES` order, + spelling."""
    subs = _latin_subwords(word)
    gaelic = len(subs) > 1 and subs[0] in ("Mc", "Mac") and not subs[1].isupper()  # not macOS, MacBook's "Mac" alone
    if gaelic:  # McKuen, MacArthur: the prefix is read apart, the rest by each profile
        subs = subs[1:]
    lowered = [(sub, sub.lower()) for sub in subs]
    doubled = [_DOUBLED_CONSONANT.search(low) is not None for _sub, low in lowered]
    per_profile: list[str] = []
    for name, rules, kept_doubles in _profiles():
        parts: list[str] = [_gaelic_prefix(subs[0])] if gaelic else []
        for i, (sub, low) in enumerate(lowered):
            if len(sub) == 1:
                parts.append(_spell(sub))
                continue
            gate = _GATED.get(name)
            if gate is not None and not gate.fullmatch(low):
                parts = []
                break
            english = name.startswith("en")
            if not english and doubled[i]:
                low = _collapse_doubles(low, kept_doubles)
            raw = _apply_profile(low, rules)
            if english:  # English rules look at doubled letters (Russell), so collapse after
                raw = _collapse_doubles(raw)
            parts.append(_epenthesize(raw))
        per_profile.append("".join(parts) if parts else "")
    letters = strip_marks(word)
    spelled = ""
    if 2 <= len(letters) <= 5 and letters.isalpha() and (
        letters.isupper() or not re.search(r"[aeiouyAEIOUY]", letters)
    ):
        spelled = _spell(word)
    per_profile.append(spelled)
    return tuple(r or per_profile[0] for r in per_profile)


def _gaelic_prefix(rest: str) -> str:
    """How Japanese writes Mc/Mac before the rest of a name: its k joins a following k
    sound (McKuen マキューン, McCartney マッカートニー, MacArthur マッカーサー), else it is
    マク (McDonald マクドナルド)."""
    first = rest[:1].lower()
    if first in "ckq":
        return "ma"
    return "mak" if first in "aeiou" else "maku"


def _word_readings(word: str) -> tuple[str, ...]:
    """Per-profile readings of one separator-free token (kana and Latin runs concatenated)."""
    runs: list[tuple[str, ...]] = []
    for kind, group in itertools.groupby(
        word, key=lambda c: "k" if _is_kana(c) else "l" if _is_latin(c) else "o"
    ):
        chunk = "".join(group)
        if kind == "k":
            runs.append((_kana_raw(chunk).replace("Q", ""),) * _N_READINGS)
        elif kind == "l":
            runs.append(_latin_word_readings(chunk))
        else:
            kept = "".join(c for c in chunk if c.isalpha())
            if kept:
                runs.append((kept,) * _N_READINGS)
    if not runs:
        return ("",) * _N_READINGS
    return tuple("".join(r[k] for r in runs) for k in range(_N_READINGS))


@functools.lru_cache(maxsize=65536)
def _profile_readings(text: str) -> tuple[str, ...]:
    """One reading per profile (aligned across names), separators and digits removed."""
    text = unicodedata.normalize("NFKC", text).strip().replace("'", "").replace("’", "")
    words = [_DIGITS.sub("", w) for w in _SEPARATORS.split(text)]
    per_word = [_word_readings(w) for w in words if w]
    if not per_word:
        return ("",) * _N_READINGS
    raw = ["".join(r[k] for r in per_word) for k in range(_N_READINGS)]
    folded = {r: _fold_phonemes(r) for r in dict.fromkeys(raw)}
    return tuple(folded[r] for r in raw)


@functools.lru_cache(maxsize=65536)
def _readings(text: str) -> tuple[str, ...]:
    """Distinct phoneme readings of a whole name; the first is the literal/kana reading,
    and a kana name that may be in the older spelling is read in the modern one too."""
    found = tuple(dict.fromkeys(r for r in _profile_readings(text) if r)) or ("",)
    if _OLD_SPELLING_HINT.search(text) is None or _script(text) != "kana":
        return found
    modern = _kana_spellings(text)[1][1:]
    return tuple(dict.fromkeys((*found, *(_profile_readings(m)[0] for m in modern)))) if modern else found


# ---------------------------------------------------------------------------------------------
# Public keys
# ---------------------------------------------------------------------------------------------


def readings(text: str) -> tuple[str, ...]:
    """All phoneme readings of a name (with ':' long marks): one for kana, several for Latin."""
    return _readings(text)


def name_keys(text: str) -> tuple[str, ...]:
    """Every phonetic key of a name (long marks dropped); the first is `name_key`."""
    return tuple(dict.fromkeys(_key_of(r) for r in _readings(text)))


def _key_of(reading: str) -> str:
    """A reading as a key: long marks dropped, a run of one vowel written once."""
    key = reading.replace(":", "")
    return _LONG_ROMAJI.sub(r"\1", key) if _LONG_ROMAJI.search(key) is not None else key


def name_key(text: str) -> str:
    """Script-independent phonetic key: ベナール -> 'benaru', Benard -> 'benarudo' (literal reading)."""
    return name_keys(text)[0]


_SKELETON_CLASS: dict[str, str] = {
    "k": "K", "g": "K", "t": "T", "d": "T", "p": "P", "b": "P", "f": "P",
    "s": "S", "z": "S", "x": "S", "c": "S", "j": "S", "q": "S", "n": "N", "m": "N",
}


def _skeleton_of(reading: str, classes: dict[str, str] = _SKELETON_CLASS) -> str:
    """Consonant classes of one reading: vowels, r/l, h, w, y and long marks dropped."""
    out = "".join(classes.get(c, "" if c.isascii() else c) for c in reading)
    return re.sub(r"(.)\1+", r"\1", out)


def consonant_skeleton(text: str, width: int = 2) -> str:
    """Blocking key: the first `width` voicing-folded consonant classes of the primary reading.

    Vowels, r/l, h, w, y are dropped and b/p/f, k/g, t/d, s/z/sh/ch/j/ts, m/n merged, so
    ベナール, バーナード and Benard all give 'PN'; pass width=0 for the whole skeleton.
    """
    full = _skeleton_of(_readings(text)[0])
    return full[:width] if width else full


# Looser classes for a second key per reading: v/w, which the skeleton keeps apart (ヴ is
# folded to b, w is dropped: イヴァノフ/イワノフ). On JMnedict's katakana variants this lifts
# the share of same-name pairs that are compared at all from 0.925 to 0.950 (random pairs
# compared: 4.5% -> 5.9%; cluster_bench 7.6 s -> 8.3 s). Also folding t/d into s (th:
# アンソニー/アントニー) reached 0.976, but doubled the comparisons (11.5 s). The loose key
# also drops f and j: フ/ホ render one h or f (カルフーン/カルホーン, レフトネン/レヒトネン) and
# ジェ/ヤ an English or a German j (ジェイコブソン/ヤコブソン). JMnedict dev katakana
# renderings of one spelling compared 0.922 -> 0.944, random pairs 6.4% -> 7.9%
# (cluster_bench CPU about +6%).
_LOOSE_CLASS: dict[str, str] = {**_SKELETON_CLASS, "b": "", "f": "", "j": ""}


# A doubled consonant before h (ブロッホ, バッハ) writes German or Dutch ch, which other
# renderings of the same name write as k (ブロック for Bloch): the h also counts as a k.
_GEMINATE_H = re.compile("ッ[ハヒフヘホ]")


def blocking_keys(text: str, width: int = 2) -> frozenset[str]:
    """Consonant skeletons of every reading (strict and loose classes): forms sharing any
    key are worth comparing."""
    keys = set()
    texts = (text, _GEMINATE_H.sub("ック", text)) if "ッ" in text and _GEMINATE_H.search(text) else (text,)
    for variant in texts:
        for reading in _readings(variant):
            for skeleton in (_skeleton_of(reading), _skeleton_of(reading, _LOOSE_CLASS)):
                keys.add(skeleton[:width] if width else skeleton)
    return frozenset(keys)


def romanize(text: str) -> str:
    """Readable Hepburn-style romanisation of kana (ベナール -> benaaru); Latin folded to lowercase."""
    text = unicodedata.normalize("NFKC", text)
    if _script(text) == "latin":
        return strip_marks(text).lower()
    out: list[str] = []
    for word in _KANA_SPLIT.split(text):
        raw = _kana_raw(word)
        raw = re.sub(r"Q+([a-z])", r"\1\1", raw).replace("Q", "")
        raw = re.sub(r"([aeiou]):", r"\1\1", raw).replace(":", "")
        raw = raw.replace("x", "sh").replace("c", "ch").replace("q", "ts")
        raw = re.sub(r"chch", "tch", raw)
        out.append(raw)
    return " ".join(w for w in out if w)


# ---------------------------------------------------------------------------------------------
# Weighted phoneme edit distance
# ---------------------------------------------------------------------------------------------

_SUB: dict[tuple[str, str], float] = {}

for _a, _b, _c in (
    # vowels: Japanese renders English vowels loosely (Bernard バーナード/ベルナール, LeCun ルカン)
    ("a", "e", 0.35), ("a", "o", 0.35), ("a", "u", 0.3), ("a", "i", 0.45), ("e", "i", 0.3),
    ("e", "o", 0.4), ("e", "u", 0.35), ("i", "o", 0.45), ("i", "u", 0.3), ("o", "u", 0.25),
    # voicing, place and transcription-convention neighbours
    ("b", "p", 0.5), ("d", "t", 0.5), ("g", "k", 0.5), ("z", "s", 0.4), ("j", "c", 0.5),
    ("q", "z", 0.5), ("j", "z", 0.4), ("j", "x", 0.45), ("c", "x", 0.4), ("s", "x", 0.35),
    ("s", "q", 0.45), ("c", "q", 0.4), ("c", "t", 0.5), ("q", "t", 0.5), ("j", "d", 0.5),
    ("j", "g", 0.5), ("j", "y", 0.4), ("f", "h", 0.35), ("f", "p", 0.6), ("b", "w", 0.35),
    ("b", "m", 0.7), ("m", "n", 0.5), ("r", "d", 0.7), ("h", "k", 0.6), ("h", "g", 0.6),
    ("s", "t", 0.7), ("z", "d", 0.5), ("k", "c", 0.7), ("r", "y", 0.6), ("r", "n", 0.8),
    ("w", "u", 0.3), ("y", "i", 0.3), (":", "r", 0.3), ("h", "x", 0.5), ("f", "b", 0.5),
    ("b", "u", 0.4),  # ヴィ/ウィ, ヴァ/ウァ: v and w, once ヴ is folded to ブ and ウィ to ui
):
    _SUB[(_a, _b)] = _c
    _SUB[(_b, _a)] = _c

_NORM_OFFSET = 0.3

_FINAL_VOWEL = 0.8  # insert/delete cost of a real (non-epenthetic) word-final vowel
_FINAL_VOWEL_SUB = 0.6  # least cost of changing it: Paul/Paula, Mario/Maria


def _bare(rest: str) -> bool:
    """True when a consonant has no real vowel after it (end, or only an epenthetic vowel)."""
    if not rest:
        return True
    if rest[0] in "uo" and (len(rest) == 1 or rest[1] not in VOWELS and rest[1] != ":"):
        return True
    return rest[0] not in VOWELS and rest[0] != ":"


@functools.lru_cache(maxsize=131072)
def _indel_costs(ph: str) -> tuple[float, ...]:
    """Cost of inserting/deleting each phoneme of `ph`, from its context."""
    n = len(ph)
    costs: list[float] = []
    for i, c in enumerate(ph):
        prev = ph[i - 1] if i else ""
        nxt = ph[i + 1] if i + 1 < n else ""
        rest = ph[i + 1 :]
        if c == ":":
            cost = 0.1
        elif c in VOWELS:
            if prev and prev not in VOWELS and prev not in ":ny" and (
                c == "u" or (c == "o" and prev in "td") or (c == "i" and prev in "cj")
                or (prev == "h" and i >= 2 and ph[i - 2] == c)
            ) and (not nxt or (nxt not in VOWELS and nxt != ":")):
                cost = 0.15  # probably epenthetic
            elif not nxt or rest == ":":
                cost = _FINAL_VOWEL
            else:
                cost = 0.5
        elif c == "y":
            cost = 0.25
        elif c == "w":
            cost = 0.3
        elif c == "h":
            cost = 0.4
        elif c == "r" and (prev in VOWELS or prev == ":") and _bare(rest):
            cost = 0.35  # r-colouring: English non-rhotic r, French final r
        elif c == "n" and _bare(rest) and rest[:1] not in VOWELS:
            cost = 0.6  # moraic ン
        elif c in "td" and prev in "rn:" and rest in ("", "o", "u"):
            # silent French final d/t; English -ard/-ord is ード where French has ール
            cost = 0.35 if prev != "n" else 0.5
        elif c == "r":
            cost = 0.9
        else:
            cost = 1.0
        costs.append(cost)
    return tuple(costs)


def _distance(a: str, b: str, marked: bool = False) -> tuple[float, float]:
    """Weighted edit distance between two phoneme strings and the larger build cost;
    `marked` adds `_MARK` to each difference no transcription habit explains (see
    `_unexplained`)."""
    da = _marked_indel_costs(a) if marked else _indel_costs(a)
    db = _marked_indel_costs(b) if marked else _indel_costs(b)
    m = len(b)
    rows = _MARKED_SUB_ROWS if marked else _SUB_ROWS
    prev = [0.0] * (m + 1)
    for j in range(m):
        prev[j + 1] = prev[j] + db[j]
    for i, ca in enumerate(a):
        dai = da[i]
        row = rows.get(ca, _NO_ROW)
        cur = [prev[0] + dai]
        for j, cb in enumerate(b):
            if ca == cb:
                s = 0.0
            else:
                dbj = db[j]
                s = row.get(cb, 9.0)
                if dai < 1.0 and dbj < 1.0:
                    if s > dai and s > dbj and (dai < 0.5 and dbj < 0.5 or ca not in VOWELS or cb not in VOWELS):
                        s = dai if dai > dbj else dbj
                    if (dai == _FINAL_VOWEL or dbj == _FINAL_VOWEL) and s < _FINAL_VOWEL_SUB:
                        s = _FINAL_VOWEL_SUB
            best = prev[j] + s
            x = prev[j + 1] + dai
            if x < best:
                best = x
            x = cur[j] + db[j]
            if x < best:
                best = x
            cur.append(best)
        prev = cur
    return prev[m], max(sum(_indel_costs(a)), sum(_indel_costs(b))) if marked else max(sum(da), sum(db))


# Differences between two katakana renderings that no transcription habit or reading of a
# Latin letter explains, so they mark two names (measured on JMnedict's dev split,
# bench/jmnedict_bench.py: linked look-alike names / linked renderings of one spelling):
# a vowel i for o (ジョナール/シナール, 26/2), and a moraic ン one has and the other lacks
# unless it doubles the m, b or p after it (ナンス/ナス, キント/キット; ゾンマー/ソマー is
# German mm: 60/1).
_MARK = 1.0
_MARKED_SUB: dict[tuple[str, str], float] = {**_SUB, ("i", "o"): _SUB[("i", "o")] + _MARK, ("o", "i"): _SUB[("o", "i")] + _MARK}


def _by_first(costs: dict[tuple[str, str], float]) -> dict[str, dict[str, float]]:
    """Substitution costs as a row per first phoneme: `_distance` looks a cell up
    without making a pair."""
    rows: dict[str, dict[str, float]] = {}
    for (x, y), cost in costs.items():
        rows.setdefault(x, {})[y] = cost
    return rows


_SUB_ROWS = _by_first(_SUB)
_MARKED_SUB_ROWS = _by_first(_MARKED_SUB)
_NO_ROW: dict[str, float] = {}


@functools.lru_cache(maxsize=131072)
def _marked_indel_costs(ph: str) -> tuple[float, ...]:
    """`_indel_costs` with `_MARK` added where inserting or deleting a phoneme is no habit:
    a moraic ン not before m/b/p."""
    costs = list(_indel_costs(ph))
    for i, c in enumerate(ph):
        rest = ph[i + 1 :]
        if c == "n" and costs[i] == 0.6 and rest[:1] not in ("m", "b", "p"):
            costs[i] += _MARK
    return tuple(costs)


_MORAIC_N = re.compile(r"n(?![aeiou:mbp])")  # as `_marked_indel_costs` marks it


@functools.lru_cache(maxsize=65536)
def _unexplained(a: str, b: str) -> bool:
    """Whether every cheap alignment of two kana readings needs a difference that marks
    two names (`_MARKED_SUB`, `_marked_indel_costs`)."""
    io = ("i" in a and "o" in b) or ("o" in a and "i" in b)
    if not io and not (_MORAIC_N.search(a) or _MORAIC_N.search(b)):
        return False  # no marked difference can be in any alignment
    return _distance(a, b, marked=True)[0] - _distance(a, b)[0] >= _MARK / 2


@functools.lru_cache(maxsize=262144)
def _phoneme_similarity(a: str, b: str) -> float:
    """Similarity in [0, 1] of two phoneme strings from the weighted edit distance."""
    if a == b:
        return 1.0 if a else 0.0
    if not a or not b:
        return 0.0
    dist, norm = _distance(a, b)
    # Same-name pairs differ by about as much in short names as in long ones, different names by
    # more in long ones: an offset makes one vowel change weigh more in a two-mora name (モネ/マネ).
    return max(0.0, 1.0 - dist / max(norm - _NORM_OFFSET, 1.0)) if norm else 0.0


# ---------------------------------------------------------------------------------------------
# Name-level similarity
# ---------------------------------------------------------------------------------------------

# Latin-Latin pairs: a spelling is fixed in its own script, so each difference weighs more.
_LATIN_STRICTNESS = 2.5
# Reading pairs compared with the weighted DP after a rapidfuzz Indel ranking.
_DP_PAIRS = 4


def _digit_runs(text: str) -> tuple[str, ...]:
    """Digit runs of a name (model numbers)."""
    return tuple(_DIGITS.findall(text))


def _code_tokens(text: str) -> frozenset[str]:
    """Alphanumeric tokens that contain a digit (GPT-4o -> 4o, A100), lowercased and unhyphenated."""
    joined = re.sub(r"[\s\-_.]+", "", text.lower())
    return frozenset(re.findall(r"\d+[a-z]*", joined))


def _reading_similarity(a: str, b: str) -> float:
    """Best similarity over the readings of two names (same profile when both are Latin)."""
    if _script(a) == "latin" and _script(b) == "latin":
        profiles = set(zip(_profile_readings(a), _profile_readings(b)))
        best = max(_phoneme_similarity(x, y) for x, y in profiles)
        return max(0.0, 1.0 - _LATIN_STRICTNESS * (1.0 - best))
    if _script(a) == "kana" and _script(b) == "kana":
        return max(_kana_similarity(x, y) for x in _spellings_against(a, b) for y in _spellings_against(b, a))
    pairs = [(x, y) for x in _readings(a) for y in _readings(b)]
    if len(pairs) > _DP_PAIRS:  # rank reading pairs cheaply, run the weighted DP on the best few
        similarity = fuzzy().distance.Indel.normalized_similarity
        pairs.sort(key=lambda p: similarity(p[0], p[1]), reverse=True)
        pairs = pairs[:_DP_PAIRS]
    return max(_phoneme_similarity(x, y) for x, y in pairs)


def _spellings_against(text: str, other: str) -> tuple[str, ...]:
    """The spellings of a kana name to compare with `other`: itself and its modern
    spelling (`_kana_spellings`; a ツ read as ッ only against a name with ッ), each with
    a sounded er or a z written as `other` writes it (`_long_a_spelling`, `_Z_AS_TS`)."""
    found = _kana_spellings(text)[1 if "ッ" in other or "っ" in other else 0]
    if "ル" in text and "ー" in other:
        found = (*found, *{_long_a_spelling(x, other) for x in found} - set(found))
    if "ツィ" in text and "ジ" in other:
        found = (*found, *(x.replace(*_Z_AS_TS) for x in found))
    return found


# Italian z and zz and German z sound ts, written ツィ; an English reading writes ジ
# (ゴッツィ/ゴッジ, ツィンメルマン/ジマーマン): ツィ is read as ジ against a name with ジ.
_Z_AS_TS = ("ツィ", "ジ")


def _kana_similarity(a: str, b: str) -> float:
    """Similarity of two kana spellings: their readings' distance, capped when a
    difference no habit explains sets them apart, scored down when they begin apart."""
    if distinct_kana_words(a, b):
        return DISTINCT_KANA_WORDS
    ra, rb = _readings(a)[0], _readings(b)[0]
    score = _phoneme_similarity(ra, rb)
    if score > UNEXPLAINED_CAP and (_unexplained(ra, rb) or _final_sound(a, b) or _added_sound(a, b)):
        score = UNEXPLAINED_CAP
    return score * ONSET_CLASH_FACTOR if _onset_clash(a, b, ra, rb) or _syllable_clash(a, b) else score


# Older katakana (dictionaries and books before the 1950s, and names they fixed) writes the
# small kana full size: シユミツト for シュミット, エツフエル for エッフェル, ジユデイ for
# ジュディ. In a word with no small kana, a full-size kana that would be small in a modern
# spelling is read both ways: ヤユヨ after an i-row kana, ァィェォ after フ or ヴ, ェ after
# シ ジ チ, ィ/ゥ after テ デ; and a ツ inside the word before a consonant it could double
# reads as ッ too, but only against a spelling that has ッ (リツコ is no old spelling of リコ).
_OLD_SPELLING: tuple[tuple["re.Pattern[str]", str], ...] = tuple(
    (re.compile(p), r) for p, r in (
        (r"(?<=[キギシジチヂニヒビピミリ])ヤ", "ャ"), (r"(?<=[キギシジチヂニヒビピミリ])ユ", "ュ"),
        (r"(?<=[キギシジチヂニヒビピミリ])ヨ", "ョ"),
        (r"(?<=[フヴ])ア", "ァ"), (r"(?<=[フヴ])イ", "ィ"), (r"(?<=[フヴシジチ])エ", "ェ"), (r"(?<=[フヴ])オ", "ォ"),
        (r"(?<=[トド])ウ", "ゥ"),
    )
)
# テイ and デイ for ティ and ディ outlived the rest of the older spelling (ジュデイ, デイビッド):
# read both ways in any word.
_OLD_TI = re.compile(r"(?<=[テデ])イ")
_OLD_GEMINATE = re.compile(r"(?<=[\u30a1-\u30fa\u30fc])ツ(?=[カ-ヂテ-ドハ-ポ])")
_MODERN_MARK = re.compile(r"[ッァィゥェォャュョヮ]")  # a word written with small kana is in the modern spelling
_OLD_SPELLING_HINT = re.compile(r"[ヤユヨアイエオウツやゆよあいえおうつ]")  # a kana every rule above needs


# German, Dutch and Latin er sounds its r: ミレル, リッテル, ベルンシュタイン; English
# writes the same syllable as a long a: ミラー, リッター, バーンステイン. An e-row kana and
# ル before a consonant or at the end is read as that long a too, where the other name
# has that very syllable (ラー, ター, バー).
_E_TO_A = str.maketrans("ケゲセゼテデネヘベペメレエェ", "カガサザタダナハバパマラアァ")
_SOUNDED_R = re.compile(r"[ケゲセゼテデネヘベペメレエェ]ル(?![ーァィゥェォャュョ])")


def _long_a_spelling(text: str, other: str) -> str:
    """A kana name with each sounded er that `other` writes as a long a written so
    (ミレル against ミラー -> ミラー); the name itself when there is none."""
    other = _v_folded(other)

    def english(m: "re.Match[str]") -> str:
        long_a = m.group()[0].translate(_E_TO_A) + "ー"
        return long_a if long_a in other else m.group()

    folded = _v_folded(text)
    written = _SOUNDED_R.sub(english, folded)
    return text if written == folded else written


@functools.lru_cache(maxsize=65536)
def _v_folded(text: str) -> str:
    """Katakana with ヴ and the old kana folded as readings fold them (ヴェ -> ベ)."""
    text = hiragana_to_katakana(text)
    for src, dst in _KANA_PREFOLD:
        text = text.replace(src, dst)
    return text


@functools.lru_cache(maxsize=65536)
def _kana_spellings(text: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """A kana name's spellings against a name without ッ, and against one with ッ: the
    name itself, then its modern spelling when it may be written in the older one
    (`_OLD_SPELLING`, `_OLD_GEMINATE`)."""
    kata = hiragana_to_katakana(text)
    if _OLD_SPELLING_HINT.search(kata) is None:
        return (text,), (text,)
    modern = _OLD_TI.sub("ィ", kata) if "イ" in kata else kata
    doubled = modern
    if _MODERN_MARK.search(kata) is None:
        for pattern, small in _OLD_SPELLING:
            modern = pattern.sub(small, modern)
        doubled = _OLD_GEMINATE.sub("ッ", modern)
    plain = (text,) if modern == kata else (text, modern)
    return plain, plain if doubled == modern else (*plain, doubled)


# Two katakana renderings of one name almost always begin alike: a different first
# consonant (ティベリウス/シベリウス, キトー/カトー) or a first syllable more or less
# (ルロワ/ロワ, イリア/リア) marks a different name. Measured on JMnedict's katakana names
# (bench/jmnedict_bench.py): such pairs are a third of the look-alike names linked, and
# under a tenth of the renderings of one spelling.
ONSET_CLASH_FACTOR = 0.85
_ONSET_CHEAP = 0.5  # a first-consonant change at most this costly is a transcription habit (b/p, ジ/ヂ, シ/ス)
# A name of three kana or more that begins with k against g, or t against d, is another
# name (Latin c, k or q against g, t against d); not a one- or two-kana syllable, whose
# Chinese or Korean unaspirated stop katakana writes either way (トン/ドン, キム/ギム).
_ONSET_STOPS = frozenset({"kg", "gk", "td", "dt"})
_SILENT_ONSETS = frozenset("wyhbj")  # consonants a rendering may drop or add before the first vowel (ウ/ワ, イェ/ジェ, h)
# Of those, the ones that explain only themselves: a name beginning with a vowel against
# one beginning with h, w, v or j and another vowel is another name (ハフマン/オフマン,
# ワルカー/エルカー, ベニカ/アニカ), unless that vowel starts a diphthong or a glide
# (ウィテカー/ホイテカー). Not y, a glide that writes the vowel (ヨアキム/エホヤキム,
# ユーロッパ/エウロッパ). JMnedict dev split: 47 of 2,154 linked look-alike names no longer
# linked, 4 of 5,698 linked renderings of one spelling (the French silent h: アンリ/ヘンリー).
_ONSET_KEEPS_VOWEL = frozenset("whbj")
# And the glides w, v and y are dropped only into a vowel that writes them (ウ/ワ, ウィ/ヴィ,
# イェ/ye, ウーゴ/ユゴー): before the same vowel too, ワ, ヴァ or ヤ against a name beginning
# with ア is another name (ワッハ/アッハ, バフラ/アフラ, ヤウレック/アレック). JMnedict dev
# split: 18 linked look-alike names no longer linked, 1 rendering of one spelling lost (in
# the old kana ヰ for wi, ヰクトリア/ヴィクトーリア).
_GLIDE_VOWEL = {"w": "u", "b": "u", "y": "iu"}
_SMALL_KANA = str.maketrans("ァィゥェォャュョヮ", "アイウエオヤユヨワ")


# Katakana words that are two words however alike they sound score no more than this.
DISTINCT_KANA_WORDS = 0.5
# Katakana names apart by a difference no habit explains (`_unexplained`) score no more than this.
UNEXPLAINED_CAP = 0.65
_LONG_ROMAJI = re.compile(r"([aeiou])\1+")
_GEMINATE = re.compile(r"([^aeiou])\1+")  # ッ: プロセス/プロセッサ differ in the ending, not in the ッ
_DERIVED_ENDINGS = frozenset({("u", "a"), ("o", "a"), ("i", "a")})


def distinct_kana_words(a: str, b: str) -> bool:
    """Whether two katakana words are two words, not two spellings of one: a word and one
    derived from it, alike but for the last syllable's vowel turning to a (イテレート/
    イテレータ, デコード/デコーダー, アンパック/アンパッカー, プログラム/プログラマ,
    ディスパッチ/ディスパッチャ, スキャン/スキャナ: English -ate/-ator, -er, -or; and
    given names: ロバート/ロバータ, マリオ/マリア; プロセス/プロセッサ), or a Slavic surname's
    masculine and feminine forms (ボルコンスキー/ボルコンスカヤ: `_GENDERED_ENDINGS`). Long
    vowels and ッ are spelling here (サーバ/サーバー, ヨハン/ヨーハン)."""
    if _gendered_forms(a, b):
        return True
    ra = _GEMINATE.sub(r"\1", _LONG_ROMAJI.sub(r"\1", romanize(a)))
    rb = _GEMINATE.sub(r"\1", _LONG_ROMAJI.sub(r"\1", romanize(b)))
    if ra == rb:
        return False
    common = len(os.path.commonprefix((ra, rb)))
    if common < 2:
        return False
    tails = tuple(sorted((ra[common:], rb[common:]), key=lambda t: t != "a"))
    tail_a, tail_other = tails
    if tail_a != "a":
        return False
    return (tail_other, tail_a) in _DERIVED_ENDINGS or (tail_other == "" and ra[common - 1] == "n")


# A Slavic surname's masculine and feminine endings (lexicon.txt): on JMnedict's dev split,
# two look-alike pairs linked (ボルコーンスキー/ボルコーンスカヤ) and no rendering of one spelling.
_GENDERED_ENDINGS = tuple(sorted(tuple(w.split(":", 1)) for w in words("gendered-surname-endings")))


def _gendered_forms(a: str, b: str) -> bool:
    """Whether two katakana names are one stem of two kana or more with a masculine and a
    feminine ending (`_GENDERED_ENDINGS`)."""
    for masculine, feminine in _GENDERED_ENDINGS:
        for x, y in ((a, b), (b, a)):
            if x.endswith(masculine) and y.endswith(feminine):
                stem = x[: -len(masculine)]
                if len(stem) >= 2 and stem == y[: -len(feminine)]:
                    return True
    return False


SHARED_PART = 3  # kana
_NOT_A_START = frozenset("ーッァィゥェォャュョヮ")


def differing_parts(a: str, b: str) -> tuple[str, str] | None:
    """What two katakana words have apart from a beginning or an end of three kana or
    more they share (サブ|クラス and サブ|タイプ give クラス, タイプ; パーザ|オブジェクト
    and パス|オブジェクト give パーザ, パス), cut where a syllable starts; None when they
    share no such part or what is left of either is under two kana (long marks, ッ and
    small kana not counted): their likeness then
    says whether they are one word, not the likeness of the shared part."""
    start = len(os.path.commonprefix((a, b)))
    while start and (a[start : start + 1] in _NOT_A_START or b[start : start + 1] in _NOT_A_START):
        start -= 1
    end = len(os.path.commonprefix((a[start:][::-1], b[start:][::-1])))
    while end and (a[len(a) - end : len(a) - end + 1] in _NOT_A_START or b[len(b) - end : len(b) - end + 1] in _NOT_A_START):
        end -= 1
    if max(start, end) < SHARED_PART:
        return None
    rest_a, rest_b = a[start : len(a) - end], b[start : len(b) - end]
    if len(_kana_skeleton(rest_a)) < 2 or len(_kana_skeleton(rest_b)) < 2:
        return None  # a spelling difference inside one word (ウィジェット/ウィジット)
    return rest_a, rest_b


def _kana_skeleton(text: str) -> str:
    """Katakana without long marks, ッ and small-kana size: what a variant keeps."""
    return hiragana_to_katakana(text).replace("ー", "").replace("ッ", "").translate(_SMALL_KANA).replace("ヴ", "ブ")


def _onset_clash(a: str, b: str, ra: str, rb: str) -> bool:
    """Whether two kana names (and their phoneme readings) begin differently enough to be
    two names: a first consonant no transcription habit explains, or one name being the
    other with a syllable in front."""
    pa, pb = ra[:1], rb[:1]
    if pa != pb:
        vowel_a, vowel_b = pa in VOWELS, pb in VOWELS
        if vowel_a and vowel_b:
            return False
        if vowel_a or vowel_b:
            consonant, vowel_first = (pb, ra) if vowel_a else (pa, rb)
            if consonant in "mn" and vowel_first[1:2] in ("m", "n"):
                return False  # a syllabic nasal written with a vowel or without (エムバペ, エンバペ, ムバッペ)
            if consonant not in _SILENT_ONSETS:
                return True
            vowel = (rb if vowel_a else ra)[1:2]
            if vowel == vowel_first[0]:
                return consonant in _GLIDE_VOWEL and vowel_first[0] not in _GLIDE_VOWEL[consonant]
            return consonant in _ONSET_KEEPS_VOWEL and vowel in VOWELS and vowel_first[1:2] not in VOWELS
        if pa + pb in _ONSET_STOPS and min(len(_kana_skeleton(a)), len(_kana_skeleton(b))) >= 3:
            return True
        return _SUB.get((pa, pb), 9.0) > _ONSET_CHEAP
    ka, kb = _kana_skeleton(a), _kana_skeleton(b)
    if len(ka) == len(kb):
        return False
    short, long_ = sorted((ka, kb), key=len)
    return len(short) >= 2 and long_.endswith(short)


# Two renderings of one name differ in long marks, ッ, small kana, vowels written or not
# (マルティ/マーティ, コルビジェ/コルビュジェ), a final consonant (ノルマン/ノルマンド) or
# a silent h (メヘディ/メディ); one name with a whole syllable more inside (アユミ/アミ,
# ミロナ/ミナ) or a final ン more (ルタン/ルタ) is another name. Measured on JMnedict's dev
# split (bench/jmnedict_bench.py): such a syllable marks 15 % of the look-alike names
# linked and 0.4 % of the renderings of one spelling.
_HABIT_KANA = frozenset("ァィゥェォャュョヮヵヶアイウエオヲヱヰンルツクグハヒフヘホ")
_HABIT_FINAL = frozenset("トドズスツルクグフブプ")


def _syllable_clash(a: str, b: str) -> bool:
    """Whether one kana name is the other with one more syllable that no transcription
    habit explains: a consonant-vowel kana inside, or a final ン or consonant-vowel kana
    other than a dropped final consonant."""
    ka = hiragana_to_katakana(a).replace("ー", "").replace("ッ", "")
    kb = hiragana_to_katakana(b).replace("ー", "").replace("ッ", "")
    short, long_ = sorted((ka, kb), key=len)
    if len(long_) != len(short) + 1 or len(short) < 2:
        return False
    for i, kana in enumerate(long_):
        if long_[:i] + long_[i + 1 :] == short:
            if i == 0:
                return False  # a first syllable more or less: _onset_clash's
            if i == len(long_) - 1:
                return kana == "ン" or (kana not in _HABIT_KANA and kana not in _HABIT_FINAL)
            return kana not in _HABIT_KANA and not _writes_double(kana, long_[i + 1])
    return False


def _writes_double(kana: str, nxt: str) -> bool:
    """Whether a bare-consonant kana before a kana of its own consonant writes a doubled
    letter out (the ss of -sson: グンナルスソン/グンナルソン; ll: セルラ/セラ)."""
    sound, after = _KANA_SINGLE.get(kana, ""), _KANA_SINGLE.get(nxt, "")
    return len(sound) == 2 and sound[1] == "u" and after[:1] == sound[:1]


_VOWEL_ROW = {kana: row for row, kanas in (("a", "アカガサザタダナハバパマヤャラワァ"), ("i", "イキギシジチヂニヒビピミリィ"),
                                           ("u", "ウクグスズツヅヌフブプムユュルゥ"), ("e", "エケゲセゼテデネヘベペメレェ"),
                                           ("o", "オコゴソゾトドノホボポモヨョロヲォ")) for kana in kanas}
# A vowel after one of these rows lengthens it (エイ, オウ, ウウ), the same vowel too (アア).
_LENGTHENING = {"イ": ("e", "i"), "ウ": ("o", "u"), "ア": ("a",), "エ": ("e",), "オ": ("o",)}


def _final_sound(a: str, b: str) -> bool:
    """Whether one kana name is the other with one more sound at the end: a vowel that
    does not lengthen the one before (マリ/マリア, ラビ/ラビエ) or a ル after a short vowel
    (モレ/モレル, カザ/カザル: an l or r sounded; after ー it is an r heard or not,
    アギラー/アギラール). JMnedict dev split: 38 linked look-alike names, 3 linked
    renderings of one spelling. A ル after the same last kana counts where the names
    differ before it too (マンデ/メンデル): of 20,000 such pairs of the dev split's names
    spelt differently, 126 were linked; no two renderings of one spelling are such a pair."""
    ka, kb = hiragana_to_katakana(a).replace("ッ", ""), hiragana_to_katakana(b).replace("ッ", "")
    short, long_ = sorted((ka, kb), key=len)
    if len(short) < 2 or len(long_) != len(short) + 1 or short[-1] == "ー":
        return False
    added = long_[-1]
    if not long_.startswith(short):
        # the same ending after other differences (マンデ/メンデル)
        return added == "ル" and long_[-2] == short[-1]
    if added == "ル":
        return True
    return added in _LENGTHENING and _VOWEL_ROW.get(short[-1]) not in _LENGTHENING[added]


_DIPHTHONG_START = {"ア": "イウ", "エ": "イ", "オ": "ウ"}  # アイ, アウ, エイ, オウ: one vowel sound, not two syllables
_R_ROW = frozenset("ラリルレロ")
# A vowel kana after a kana of these rows lengthens it or is read with it (エイ, テオ as in
# フェオドール/フェドール); after any other row it is a syllable of its own (シオリ/シリ).
_ONE_VOWEL = frozenset({("イ", "e"), ("イ", "i"), ("オ", "o"), ("オ", "e"), ("ア", "a"), ("エ", "e")})
_Y_ROW = frozenset("ヤユヨャュョ")
# Kana that render a sound of their own inside a name, with the consonants they may stand
# before as spelling only (lexicon.txt: the k or g a ク doubles or voices, マックグリン/
# マッグリン; the s of an x, カリクストゥス/カリストゥス; the f or h of ff, ph, gh); kana that
# do so at the end; small kana that change the vowel of an i-row kana before them.
_CLOSE_AFTER = {kana: frozenset(after) for kana, _colon, after in (w.partition(":") for w in words("kana-sounds-inside"))}
_FINAL_SOUNDS = words("kana-sounds-at-the-end")
_VOWEL_CHANGERS = {small: frozenset(before) for small, _colon, before in (w.partition(":") for w in words("kana-vowel-changers"))}


def _added_sound(a: str, b: str) -> bool:
    """Whether one kana name is the other with one kana more that renders a sound of its
    own, not a habit: a vowel in front (アヴァル/ヴァル, オスター/スター; not the アイ of
    English i, アイザ/イザ, nor a vowel writing a syllabic nasal); inside, a ル after a
    short vowel (マルカン/マカン; not the r after a long vowel, ソールク/ソーク, nor a
    doubled l, セルラ/セラ) or a vowel after a kana of another row (シオリ/シリ, ライケル/
    ラケル; not エイ or テオ, `_ONE_VOWEL`) or a ク, フ, グ or ブ before another consonant
    (マクリン/マリン, マグノ/マノ; `_CLOSE_AFTER`); at the end, a フ, ク or ブ (ミントフ/
    ミント, クライブ/クライ) or a ト or ド not after ン, ル or ッ (ルノード/ルノー; not a
    silent final d or t: ノルマンド/ノルマン, ミノット/ミノ); anywhere, a small kana that
    changes the vowel before it (キャッテル/キッテル, フォス/フス: `_VOWEL_CHANGERS`).
    JMnedict dev split: 59 of 587 linked look-alike names, 1 of 3,529 linked renderings of
    one spelling; グ, ブ, ャ and ョ took 42 more of the 2,107 look-alike names still linked
    (people and others slices), ォ 5 more, and no rendering of one spelling."""
    ka, kb = hiragana_to_katakana(a), hiragana_to_katakana(b)
    silent_t = ka.endswith(("ット", "ッド")) or kb.endswith(("ット", "ッド"))  # French -ot, -et: ミノ/ミノット
    short, long_ = sorted((ka.replace("ッ", ""), kb.replace("ッ", "")), key=len)
    if len(long_) != len(short) + 1 or len(short) < 2:
        return False
    found = False
    for i, kana in enumerate(long_):
        if long_[:i] + long_[i + 1 :] != short:
            continue
        found = True
        prev, nxt = long_[i - 1 : i], long_[i + 1 : i + 2]
        if i and kana in _VOWEL_CHANGERS:
            own = prev in _VOWEL_CHANGERS[kana]
        elif i == 0:
            # (before ン or ム it writes a syllabic nasal: エムバペ/ムバッペ, エンクルマ/ンクルマ)
            own = kana in "アイウエオ" and nxt not in "ンム" and nxt not in _DIPHTHONG_START.get(kana, "")
        elif i == len(long_) - 1:
            own = kana in _FINAL_SOUNDS or (kana in "トド" and prev not in "ンル" and not silent_t)
        elif kana == "ル":
            lengthening = prev in _LENGTHENING and _VOWEL_ROW.get(long_[i - 2 : i - 1]) in _LENGTHENING[prev]
            own = prev != "ー" and not lengthening and nxt not in _R_ROW
        elif kana in "イオアエ":
            row = _VOWEL_ROW.get(prev)
            own = row is not None and (kana, row) not in _ONE_VOWEL and not (kana == "イ" and nxt in _Y_ROW)
        elif kana in _CLOSE_AFTER:
            own = _KANA_SINGLE.get(nxt, "")[:1] not in _CLOSE_AFTER[kana] and not (kana == "グ" and prev == "ン")
        else:
            own = False
        if not own:
            return False
    return found


def _part_weight(part: str) -> float:
    """How much a name part counts when averaging: longer parts carry more evidence."""
    return float(max(1, len(_readings(part)[0])))


def _parts_similarity(pa: Sequence[str], pb: Sequence[str]) -> float:
    """Similarity of two multi-part names by order-preserving part alignment."""
    if len(pa) > len(pb):
        pa, pb = pb, pa
    if not pa:
        return 0.0  # a name of separators alone ("・"): no part to compare
    weights = [_part_weight(x) for x in pa]
    total = sum(weights, 0.0)
    best = 0.0
    for idx in itertools.combinations(range(len(pb)), len(pa)):
        sims = [_reading_similarity(x, pb[j]) for x, j in zip(pa, idx)]
        score = sum([s * w for s, w in zip(sims, weights)], 0.0) / total
        # every part must match: one different part (John Smith / Jane Smith) sinks the name
        score = min(score, min(sims) + 0.05)
        if len(pa) < len(pb):
            if len(pa) == 1:  # a lone surname is a normal back-reference; a lone given name less so
                score *= 0.99 if idx[0] == len(pb) - 1 else 0.9 if idx[0] == 0 else 0.85
            else:
                score *= 0.95
        best = max(best, score)
    return best


@functools.lru_cache(maxsize=65536)
def _name_similarity(a: str, b: str) -> float:
    """Cached core of `name_similarity` on NFKC-normalised, ordered input."""
    if a.casefold() == b.casefold():
        return 1.0
    da, db = _digit_runs(a), _digit_runs(b)
    if (da or db) and sorted(da) != sorted(db):
        return min(0.2, _reading_similarity(a, b))  # GPT-4 / GPT-5: a different version
    if (da or db) and _code_tokens(a) != _code_tokens(b) and _script(a) == _script(b) == "latin":
        return min(0.3, _reading_similarity(a, b))  # GPT-4 / GPT-4o
    pa, pb = split_name(a), split_name(b)
    if len(pa) > 1 and len(pa) == len(pb):
        score = _parts_similarity(pa, pb)  # same structure: compare part by part
    else:
        score = _reading_similarity(a, b)
        if len(pa) > 1 or len(pb) > 1:  # a surname alone, or parts split differently
            score = max(score, _parts_similarity(pa, pb))
    return round(min(1.0, max(0.0, score)), 6)


def name_similarity(a: str, b: str) -> float:
    """How likely two renderings (katakana, hiragana or Latin) name the same thing, in [0, 1]."""
    a = unicodedata.normalize("NFKC", a).strip()
    b = unicodedata.normalize("NFKC", b).strip()
    if not a or not b:
        return 0.0
    if a > b:
        a, b = b, a
    return _name_similarity(a, b)


def is_same_name(a: str, b: str, threshold: float = SAME_NAME_THRESHOLD) -> bool:
    """True when `name_similarity(a, b)` reaches the decision threshold."""
    return name_similarity(a, b) >= threshold


def similarity_matrix(
    a_list: Sequence[str], b_list: Sequence[str], score_cutoff: float = 0.0, prefilter: float = 0.3
) -> list[list[float]]:
    """Scores of every a against every b, for clustering; far-apart pairs are skipped (0.0).

    A rapidfuzz Indel comparison of all keys (every reading) first drops pairs whose best key
    similarity is below `prefilter` (0 disables it; no same-name pair in the dev set falls
    below 0.3); the weighted comparison runs on the rest; scores below `score_cutoff` become 0.0.
    """
    keys_b = [name_keys(b) for b in b_list]
    flat = [(j, k) for j, ks in enumerate(keys_b) for k in ks]
    flat_keys = [k for _j, k in flat]
    out: list[list[float]] = []
    extract_iter, similarity = fuzzy().process.extract_iter, fuzzy().distance.Indel.normalized_similarity
    for a in a_list:
        row = [0.0] * len(b_list)
        if prefilter > 0:
            cand: set[int] = set()
            for key_a in name_keys(a):
                for _k, _s, idx in extract_iter(key_a, flat_keys, scorer=similarity, score_cutoff=prefilter):
                    cand.add(flat[idx][0])
            candidates: Iterable[int] = sorted(cand)
        else:
            candidates = range(len(b_list))
        for j in candidates:
            s = name_similarity(a, b_list[j])
            row[j] = s if s >= score_cutoff else 0.0
        out.append(row)
    return out


# ---------------------------------------------------------------------------------------------
# Name parts
# ---------------------------------------------------------------------------------------------

_LATIN_PARTICLES = frozenset(
    "van von de da di du del della der den des la le ten ter al el bin ibn dos das do".split()
)
# Kana particles taken as part of the surname even as the first part (ド・ゴール) ...
_KANA_PARTICLES = frozenset(
    "ド デ ダ ディ デュ ドゥ デル デラ デッラ ラ ル レ アル エル ビン イブン ドス ダス ヴァン ヴォン フォン".split()
)
# ... and ones that are also given names, taken only after a given name (ファン・ゴッホ, not ファン・カルロス).
_KANA_PARTICLES_NOT_FIRST = frozenset("ファン ベン".split())


def split_name(text: str) -> tuple[str, ...]:
    """Split a full name into parts: on ・ ＝ ゠ and spaces (kana), on whitespace (Latin)."""
    text = unicodedata.normalize("NFKC", text).strip()
    if not text:
        return ()
    splitter = _KANA_SPLIT if any(_is_kana(c) for c in text) else _LATIN_SPLIT
    return tuple(p for p in splitter.split(text) if p)


def surname(text: str) -> str:
    """Last name part with the particles before it (Charles de Gaulle -> de Gaulle, ル・ペン)."""
    parts = split_name(text)
    if not parts:
        return ""
    kana = any(_is_kana(c) for c in "".join(parts))
    i = len(parts) - 1
    while i > 0:
        prev = parts[i - 1]
        if kana:
            particle = prev in _KANA_PARTICLES or (prev in _KANA_PARTICLES_NOT_FIRST and i > 1)
        else:
            particle = prev.lower() in _LATIN_PARTICLES and (prev.islower() or i > 1)
        if not particle:
            break
        i -= 1
    return ("・" if kana else " ").join(parts[i:])
