"""Cross-script name matching: is ベナール the same name as Benard, バーナード or Bernard?

Both scripts are mapped into one coarse phoneme alphabet — katakana through a kana→romaji
table, Latin through a few English/European spelling rules (ph→f, c→k/s, silent r before a
consonant, l→r, v→b) — and compared with a weighted edit distance in which what Japanese
transcription blurs is cheap: vowels (ルクン/ルカン), vowels katakana inserts after
consonants (ミストラル for Mistral), r/l, b/v, t/d, s/sh, a weak r or h, a final d/t.
What it never blurs is dear: a different consonant (ピノ/ピザ, ジョン/ジョージ).
Latin against Latin is held to a stricter bar: a one-letter change in a short brand name
is a different name (Mistral/Mixtral), and different digits are different products.

Everything is computed from the strings: no list of known names is consulted.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Sequence

__all__ = [
    "SAME_NAME_THRESHOLD",
    "consonant_skeleton",
    "is_same_name",
    "name_key",
    "name_similarity",
    "romanize",
    "same_entity",
    "similarity_matrix",
    "split_name",
    "surname",
]

SAME_NAME_THRESHOLD = 0.72
# Latin vs Latin: spelling is not free, so the bar is higher.
LATIN_THRESHOLD = 0.84

# ------------------------------------------------------------------ kana → romaji

_KANA_DIGRAPHS = {
    "キャ": "kya", "キュ": "kyu", "キョ": "kyo", "ギャ": "gya", "ギュ": "gyu", "ギョ": "gyo",
    "シャ": "sha", "シュ": "shu", "ショ": "sho", "シェ": "she", "ジャ": "ja", "ジュ": "ju", "ジョ": "jo", "ジェ": "je",
    "チャ": "cha", "チュ": "chu", "チョ": "cho", "チェ": "che", "ニャ": "nya", "ニュ": "nyu", "ニョ": "nyo",
    "ヒャ": "hya", "ヒュ": "hyu", "ヒョ": "hyo", "ビャ": "bya", "ビュ": "byu", "ビョ": "byo",
    "ピャ": "pya", "ピュ": "pyu", "ピョ": "pyo", "ミャ": "mya", "ミュ": "myu", "ミョ": "myo",
    "リャ": "rya", "リュ": "ryu", "リョ": "ryo", "ヂャ": "ja", "ヂュ": "ju", "ヂョ": "jo",
    "ファ": "fa", "フィ": "fi", "フェ": "fe", "フォ": "fo", "フュ": "fyu",
    "ヴァ": "ba", "ヴィ": "bi", "ヴェ": "be", "ヴォ": "bo", "ヴュ": "byu",
    "ウィ": "ui", "ウェ": "ue", "ウォ": "uo", "ウァ": "ua",
    "ティ": "ti", "トゥ": "tu", "ディ": "di", "ドゥ": "du", "テュ": "tyu", "デュ": "dyu",
    "ツァ": "tsa", "ツィ": "tsi", "ツェ": "tse", "ツォ": "tso",
    "クァ": "kua", "クィ": "kui", "クェ": "kue", "クォ": "kuo", "グァ": "gua",
    "スィ": "si", "ズィ": "zi", "イェ": "ie", "キェ": "kie", "ニェ": "nie",
}
_KANA = {
    "ア": "a", "イ": "i", "ウ": "u", "エ": "e", "オ": "o",
    "カ": "ka", "キ": "ki", "ク": "ku", "ケ": "ke", "コ": "ko", "ガ": "ga", "ギ": "gi", "グ": "gu", "ゲ": "ge", "ゴ": "go",
    "サ": "sa", "シ": "shi", "ス": "su", "セ": "se", "ソ": "so", "ザ": "za", "ジ": "ji", "ズ": "zu", "ゼ": "ze", "ゾ": "zo",
    "タ": "ta", "チ": "chi", "ツ": "tsu", "テ": "te", "ト": "to", "ダ": "da", "ヂ": "ji", "ヅ": "zu", "デ": "de", "ド": "do",
    "ナ": "na", "ニ": "ni", "ヌ": "nu", "ネ": "ne", "ノ": "no",
    "ハ": "ha", "ヒ": "hi", "フ": "fu", "ヘ": "he", "ホ": "ho", "バ": "ba", "ビ": "bi", "ブ": "bu", "ベ": "be", "ボ": "bo",
    "パ": "pa", "ピ": "pi", "プ": "pu", "ペ": "pe", "ポ": "po",
    "マ": "ma", "ミ": "mi", "ム": "mu", "メ": "me", "モ": "mo", "ヤ": "ya", "ユ": "yu", "ヨ": "yo",
    "ラ": "ra", "リ": "ri", "ル": "ru", "レ": "re", "ロ": "ro", "ワ": "wa", "ヰ": "i", "ヱ": "e", "ヲ": "o", "ン": "n",
    "ヴ": "bu", "ァ": "a", "ィ": "i", "ゥ": "u", "ェ": "e", "ォ": "o", "ャ": "ya", "ュ": "yu", "ョ": "yo", "ヮ": "wa",
    "ヵ": "ka", "ヶ": "ke",
}
_SEPARATORS = re.compile(r"[\s・＝゠=･\-‐_.,'’]+")


def _to_katakana(text: str) -> str:
    """NFKC, and hiragana shifted to katakana."""
    text = unicodedata.normalize("NFKC", text)
    return "".join(chr(ord(c) + 0x60) if 0x3041 <= ord(c) <= 0x3096 else c for c in text)


def _kana_to_romaji(text: str) -> str:
    out: list[str] = []
    i = 0
    double_next = False
    while i < len(text):
        pair = text[i : i + 2]
        ch = text[i]
        if pair in _KANA_DIGRAPHS:
            roman, i = _KANA_DIGRAPHS[pair], i + 2
        elif ch == "ッ":
            double_next, i = True, i + 1
            continue
        elif ch == "ー":
            roman, i = (out[-1][-1] if out and out[-1][-1] in "aiueo" else ""), i + 1
        elif ch in _KANA:
            roman, i = _KANA[ch], i + 1
        elif ch.isascii() and ch.isalnum():
            roman, i = ch.lower(), i + 1
        else:
            i += 1
            continue
        if double_next and roman and roman[0] not in "aiueon":
            roman = roman[0] + roman
        double_next = False
        out.append(roman)
    return "".join(out)


def romanize(text: str) -> str:
    """A readable romanisation of a kana name (ベナール → benaaru); Latin is returned
    folded (diacritics dropped, lower case)."""
    if _is_latin(text):
        return _fold_latin(text)
    return _kana_to_romaji(_to_katakana(text))


# ------------------------------------------------------------------ Latin spelling

def _fold_latin(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).replace("ß", "ss").replace("ø", "o").replace("ł", "l").replace("đ", "d")
    text = text.replace("æ", "ae").replace("œ", "oe").replace("ı", "i")
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def _is_latin(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and all(c.isascii() or "\u00c0" <= c <= "\u024f" or "\u1e00" <= c <= "\u1eff" for c in letters)


# Ordered rewrites from European spelling towards how Japanese hears a name.
_LATIN_RULES: tuple[tuple[str, str], ...] = (
    (r"[^a-z0-9]", ""),
    (r"^kn", "n"), (r"^wr", "r"), (r"^ps", "s"), (r"mb$", "m"), (r"gh(?=[^aeiou]|$)", ""), (r"^gh", "g"),
    (r"tch", "ch"), (r"sch", "sh"), (r"sh", "S"), (r"ch", "C"), (r"ph", "f"), (r"th", "s"), (r"ck", "k"),
    (r"qu", "kw"), (r"q", "k"), (r"x", "ks"), (r"c(?=[eiy])", "s"), (r"c", "k"), (r"dg", "j"), (r"zh", "j"),
    (r"kh", "k"), (r"ts", "T"), (r"tz", "T"), (r"j", "J"), (r"g(?=[ei])", "G"),
    (r"w(?=[aeiou])", "u"), (r"w", ""), (r"y(?=[aeiou])", "Y"), (r"y", "i"),
    (r"(?<=[aeiou])h(?=[^aeiou]|$)", ""), (r"(?<=[bcdfgkmnprstvz])h", ""),
    (r"(?<=[aeiou])r(?=[^aeiou]|$)", ""),  # a silent r after a vowel (Bernard → Benard)
    (r"l", "r"), (r"v", "b"), (r"z", "s"),
    (r"(.)\1+", r"\1"),
)
_COMPILED_LATIN_RULES = tuple((re.compile(p), r) for p, r in _LATIN_RULES)

# Romaji from kana, rewritten into the same alphabet.
_KANA_RULES: tuple[tuple[str, str], ...] = (
    (r"shi", "Si"), (r"sh", "S"), (r"chi", "Ci"), (r"ch", "C"), (r"tsu", "Tu"), (r"ts", "T"),
    (r"j", "J"), (r"fu", "fu"), (r"l", "r"), (r"v", "b"), (r"z", "s"), (r"y(?=[aeiou])", "Y"),
    (r"(?<=[aeiou])r(?=[^aeiou]|$)", ""),
    (r"(.)\1+", r"\1"),
)
_COMPILED_KANA_RULES = tuple((re.compile(p), r) for p, r in _KANA_RULES)


@lru_cache(maxsize=200_000)
def _phonemes(text: str) -> str:
    """A string in the shared phoneme alphabet: lower-case vowels and consonants, with
    S (sh), C (ch), T (ts), J (j), Y (y glide), G (soft g) as single symbols."""
    if _is_latin(text):
        s = _fold_latin(text)
        for pattern, repl in _COMPILED_LATIN_RULES:
            s = pattern.sub(repl, s)
        return s
    s = _kana_to_romaji(_to_katakana(text))
    for pattern, repl in _COMPILED_KANA_RULES:
        s = pattern.sub(repl, s)
    return s


@lru_cache(maxsize=200_000)
def name_key(text: str) -> str:
    """A script-independent phonetic key (ベナール and Benard give close keys; ヴァ/バ,
    ウィ/ウイ, ー, small kana, ティ/チ, ディ/ジ and diacritics are folded)."""
    s = _phonemes(_SEPARATORS.sub("", text))
    s = s.replace("ti", "Ci").replace("di", "Ji").replace("du", "su").replace("tu", "Tu")
    s = s.replace("G", "J").replace("Y", "i")
    return re.sub(r"(.)\1+", r"\1", s)


_VOWELS = frozenset("aiueo")
# consonants that transcription blurs into each other
_CLASSES = (
    frozenset("bpf") | frozenset("b"), frozenset("rdl"), frozenset("td"), frozenset("sSzTCJGj"),
    frozenset("kgq"), frozenset("fh"), frozenset("nm"), frozenset("iY"), frozenset("bv"),
)


@lru_cache(maxsize=200_000)
def consonant_skeleton(text: str) -> str:
    """A cheap blocking key: the first consonant class and the next two consonants of
    the name's phonetic key, coarse enough that variants usually share it."""
    key = name_key(text)
    cons = [_class_symbol(c) for c in key if c not in _VOWELS and c not in "rh"]
    if not cons:
        return key[:2]
    return "".join(cons[:3])


def _class_symbol(c: str) -> str:
    for symbol, members in (("B", "bpfv"), ("D", "td"), ("S", "sSzTCJGj"), ("K", "kgq"), ("N", "nm"), ("Y", "iY")):
        if c in members:
            return symbol
    return c


def _sub_cost(a: str, b: str) -> float:
    if a == b:
        return 0.0
    va, vb = a in _VOWELS, b in _VOWELS
    if va and vb:
        return 0.35
    if va or vb:
        return 0.9
    if _class_symbol(a) == _class_symbol(b):
        return 0.3
    if {a, b} <= set("rd") or {a, b} <= set("rn"):
        return 0.6
    return 1.0


def _indel_cost(c: str, at_end: bool) -> float:
    if c in _VOWELS:
        return 0.25
    if c in "rhY":
        return 0.45
    if at_end and c in "dtsk":
        return 0.45
    return 1.0


def _weighted_distance(a: str, b: str) -> float:
    """Edit distance with the costs above (both strings are short)."""
    n, m = len(a), len(b)
    prev = [0.0] * (m + 1)
    for j in range(1, m + 1):
        prev[j] = prev[j - 1] + _indel_cost(b[j - 1], j == m)
    for i in range(1, n + 1):
        cur = [prev[0] + _indel_cost(a[i - 1], i == n)] + [0.0] * m
        ai = a[i - 1]
        for j in range(1, m + 1):
            bj = b[j - 1]
            cur[j] = min(
                prev[j] + _indel_cost(ai, i == n),
                cur[j - 1] + _indel_cost(bj, j == m),
                prev[j - 1] + _sub_cost(ai, bj),
            )
        prev = cur
    return prev[m]


def _consonants(s: str) -> int:
    return sum(1 for c in s if c not in _VOWELS)


_DIGITS = re.compile(r"\d+")


@lru_cache(maxsize=500_000)
def name_similarity(a: str, b: str) -> float:
    """How likely two renderings name the same thing, in [0, 1], for any pair of scripts."""
    if a == b:
        return 1.0
    if _DIGITS.findall(a) != _DIGITS.findall(b):
        return 0.0
    ka, kb = name_key(a), name_key(b)
    if not ka or not kb:
        return 0.0
    if ka == kb:
        return 0.97 if not (_is_latin(a) and _is_latin(b)) else _latin_pair(a, b, 0.0)
    cost = _weighted_distance(ka, kb)
    scale = max(_consonants(ka), _consonants(kb)) + 0.5 * max(1, min(len(ka), len(kb)) - max(_consonants(ka), _consonants(kb)))
    score = max(0.0, 1.0 - cost / max(scale, 1.0))
    if ka[0] != kb[0] and _class_symbol(ka[0]) != _class_symbol(kb[0]) and not ({ka[0], kb[0]} <= _VOWELS):
        score *= 0.8  # names rarely change their first sound
    if _is_latin(a) and _is_latin(b):
        return _latin_pair(a, b, cost)
    return round(score, 4)


def _latin_pair(a: str, b: str, cost: float) -> float:
    """Latin vs Latin: letters must agree closely as well as sounds (Benard/Bernard yes,
    Mistral/Mixtral no)."""
    from rapidfuzz.distance import Levenshtein

    fa, fb = _fold_latin(a), _fold_latin(b)
    if fa == fb:
        return 0.99
    letters = Levenshtein.normalized_similarity(fa, fb)
    sound = max(0.0, 1.0 - cost / max(len(name_key(a)), len(name_key(b)), 1))
    return round(min(letters, sound) if cost > 0 else max(letters, 0.9), 4)


def is_same_name(a: str, b: str) -> bool:
    """True when two renderings are, by their sound and spelling, one name."""
    threshold = LATIN_THRESHOLD if (_is_latin(a) and _is_latin(b)) else SAME_NAME_THRESHOLD
    return name_similarity(a, b) >= threshold


def similarity_matrix(left: Sequence[str], right: Sequence[str]) -> list[list[float]]:
    """Scores of every left name against every right name (for ranking and tests)."""
    return [[name_similarity(x, y) for y in right] for x in left]


_PARTICLES = frozenset("van von de der den da di du del della le la el al bin ibn dos das".split())


def split_name(text: str) -> tuple[str, ...]:
    """A full name's parts: on ・ ＝ ゠ for katakana, on spaces for Latin script."""
    parts = [p for p in re.split(r"[\s・＝゠=･]+", text.strip()) if p]
    return tuple(parts)


def surname(text: str) -> str:
    """The family name of a full name: its last part, with particles kept (van Gogh,
    ル・カン → the part after the last separator)."""
    parts = split_name(text)
    if not parts:
        return text
    if len(parts) >= 2 and parts[-2].lower() in _PARTICLES and _is_latin(text):
        return f"{parts[-2]} {parts[-1]}"
    return parts[-1]


def same_entity(a: object, b: object, context: object | None = None) -> bool:
    """Whether two mentions name the same entity (see `translate_kit.cluster.same_entity`)."""
    from translate_kit.cluster import same_entity as _same_entity

    return _same_entity(a, b, context)  # type: ignore[arg-type]
