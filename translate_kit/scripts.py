"""Character classes: which writing system a character or string belongs to."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from translate_kit.model import Script

NAME_SEPARATORS = frozenset("・＝゠=･")
PROLONGED_SOUND_MARK = "ー"
NAKAGURO = "・"  # the middle dot between the words of a name or a katakana compound

# Character classes (regex bracket contents), defined once for every module that matches
# runs of a script: all kana (hiragana, katakana with its phonetic extensions and
# half-width forms, marks), the katakana letters of a word (ー included, ・ not), kanji
# (with 々 〆 〇 and the supplementary planes), and ideographs for language detection
# (with the compatibility block).
KANA = "\u3040-\u30ff\u31f0-\u31ff\uff66-\uff9f"
KATAKANA_WORD = "\u30a1-\u30fa\u30fc"
KANJI = "\u3400-\u4dbf\u4e00-\u9fff\u3005\u3006\u4edd\U00020000-\U0002ffff"
IDEOGRAPHS = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_KANA_CHAR = re.compile(f"[{KANA}]")


def is_kana_char(ch: str) -> bool:
    """Hiragana, katakana (with phonetic extensions and half-width forms) and kana marks."""
    return len(ch) == 1 and _KANA_CHAR.match(ch) is not None


def is_katakana_char(ch: str) -> bool:
    """Katakana letters and the prolonged sound mark; not the middle dot separator.
    The character tests take one character; an empty string (Sudachi gives empty
    surfaces for ⑴, ⒈, ㍘ … it expands) belongs to no script."""
    if len(ch) != 1:
        return False
    o = ord(ch)
    return (0x30A1 <= o <= 0x30FA) or o in (0x30FC, 0x30FD, 0x30FE) or (0x31F0 <= o <= 0x31FF) or (0xFF66 <= o <= 0xFF9F and o != 0xFF65)


def is_hiragana_char(ch: str) -> bool:
    return len(ch) == 1 and 0x3041 <= ord(ch) <= 0x309F


def is_hiragana(text: str) -> bool:
    """True when every character is hiragana (an empty string is not)."""
    return bool(text) and all(is_hiragana_char(c) for c in text)


_HIRAGANA = re.compile("[\u3041-\u3096]")
_TO_KATAKANA = {c: c + 0x60 for c in range(0x3041, 0x3097)}


def hiragana_to_katakana(text: str) -> str:
    """Hiragana written as katakana, as Sudachi writes readings (the text itself when it
    has none)."""
    return text.translate(_TO_KATAKANA) if _HIRAGANA.search(text) else text


def is_kanji_char(ch: str) -> bool:
    if len(ch) != 1:
        return False
    o = ord(ch)
    return (0x4E00 <= o <= 0x9FFF) or (0x3400 <= o <= 0x4DBF) or (0x20000 <= o <= 0x2FFFF) or o in (0x3005, 0x3006, 0x4EDD)


def is_latin_char(ch: str) -> bool:
    if len(ch) != 1:
        return False
    o = ord(ch)
    if o < 0x80:
        return ch.isalpha()
    return 0xC0 <= o <= 0x24F and o not in (0xD7, 0xF7) or 0x1E00 <= o <= 0x1EFF


_KATAKANA_RUN = re.compile("[\u30a1-\u30fa\u30fc-\u30fe\u31f0-\u31ff\uff66-\uff9f]+")


def is_katakana(text: str) -> bool:
    """True when every character is katakana (an empty string is not)."""
    return _KATAKANA_RUN.fullmatch(text) is not None


# Kana a katakana word keeps before its final long-vowel marks for the spellings with and
# without them to be one word (サーバ/サーバー, ヘルパ/ヘルパー); shorter, they are often two
# (スキ/スキー, カバ/カバー, エラ/エラー).
MIN_LONG_VOWEL_STEM = 3


# Full-width Latin letters and digits (ＡＰＩ) and half-width katakana (ｻｰﾊﾞｰ): what Japanese
# text may write in either width. Full-width signs are not (＝ between a name's words,
# （） and ： are how Japanese prose writes them), nor half-width punctuation.
_WIDTH_FORMS = re.compile("[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a\uff66-\uff9f]")
# A Latin word whose spelling can vary in width: a letter, then letters or digits
LATIN_WORD = re.compile("[A-Za-z][A-Za-z0-9]+")
_IDENTIFIER = re.compile("[a-z]{2,}[A-Z][A-Za-z0-9]*[a-z]")  # lowerCamelCase: a variable, a method (webView, onError; not macOS)


def has_letter_case(word: str) -> bool:
    """Whether a Latin word's letter case can be a slip: it has capital and small letters
    and is no identifier. In small letters only it is often a command or a package (python
    beside Python), in capitals an acronym or another name (IOS), and a lowerCamelCase word
    is a variable (webView beside WebView)."""
    return not (word.islower() or word.isupper() or _IDENTIFIER.match(word))


def latin_case_key(word: str) -> str:
    """What a Latin word's spellings in other letter case share (GitHub, Github: Github;
    macOS, MacOS: Macos) when `has_letter_case`; the word itself otherwise."""
    return word.capitalize() if has_letter_case(word) else word


def standard_width(word: str) -> str:
    """A word with full-width Latin letters and digits written half-width and half-width
    katakana full-width (NFKC, for the whole word); the word itself (the same object) when
    it has none."""
    return unicodedata.normalize("NFKC", word) if _WIDTH_FORMS.search(word) else word


def long_vowel_stem(word: str) -> str:
    """A katakana word without its final ー, when MIN_LONG_VOWEL_STEM kana or more are
    left, else "": what the spellings of one word with and without the mark share
    (JIS Z 8301 drops it after -er, -or, -y; the press and Microsoft's guide keep it)."""
    stem = word.rstrip(PROLONGED_SOUND_MARK)
    return stem if len(stem) >= MIN_LONG_VOWEL_STEM and is_katakana(stem) else ""


@lru_cache(maxsize=65536)
def script_of(text: str) -> Script:
    """The script of a string, ignoring digits, spaces, punctuation and name separators."""
    kinds = set()
    for ch in text:
        if is_katakana_char(ch):
            kinds.add(Script.KATAKANA)
        elif is_hiragana_char(ch):
            kinds.add(Script.HIRAGANA)
        elif is_kanji_char(ch):
            kinds.add(Script.KANJI)
        elif is_latin_char(ch):
            kinds.add(Script.LATIN)
        elif ch.isalpha():
            kinds.add(Script.OTHER)
    if not kinds:
        return Script.OTHER
    if len(kinds) == 1:
        return next(iter(kinds))
    return Script.MIXED


def kanji_set(text: str) -> frozenset[str]:
    return frozenset(c for c in text if is_kanji_char(c))


def nfkc(text: str) -> str:
    return unicodedata.normalize("NFKC", text)
