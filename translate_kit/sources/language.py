"""Cheap language guesses for documents whose language is not declared."""

from __future__ import annotations

import re

from translate_kit import scripts
from translate_kit import langtags

SAMPLE_CHARS = 8192

# Hiragana, katakana (with phonetic extensions and half-width forms).
_KANA = re.compile(f"[{scripts.KANA}]")
# CJK unified ideographs (main block and extension A) and compatibility ideographs.
_IDEOGRAPH = re.compile(f"[{scripts.IDEOGRAPHS}]")


def detect_language(text: str, sample: int = SAMPLE_CHARS) -> str:
    """Return "ja" when a prefix sample holds kana or CJK ideographs, else "en".

    Ideographs without kana are counted as Japanese too: this tool checks Japanese, and
    a heading made only of kanji is far more likely Japanese here than Chinese.
    """
    head = text[:sample]
    if _KANA.search(head) or _IDEOGRAPH.search(head):
        return "ja"
    return "en"


primary_language = langtags.primary  # the one reading of a language tag (langtags.py)

# A path that names Chinese: a folder or the end of a file name (docs/zh/, zh-TW/,
# README.zh-CN.md, problem.zh-cn.md)
_CHINESE_PATH = re.compile(r"(?:^|[/\\._])zh(?:[-_](?:cn|tw|hk|sg|mo|hans|hant)(?:[-_](?:cn|tw|hk))?)?(?=$|[/\\.])", re.IGNORECASE)


def detect_document_language(text: str, path: str) -> str:
    """`detect_language`, but ideographs without any kana under a path that names Chinese
    are Chinese: Japanese prose always has kana (its particles), and a repository's
    docs/zh/ or README.zh-CN.md is its Chinese translation, which the Japanese rules
    would read as Japanese."""
    found = detect_language(text)
    if found == "ja" and _CHINESE_PATH.search(path) and not _KANA.search(text, 0, SAMPLE_CHARS):
        return "zh"
    return found


# An English line kept beside its translation in a Japanese document: four words at least.
_FOREIGN_WORDS = 4
_FOREIGN_TABLE_WORDS = 2  # a Markdown table's header row of English words (| Repo | Maintainers |)
_LATIN_WORD = re.compile(r"[A-Za-z]{2,}")
# Words every English sentence has and a list of names does not (Arnaud Bernard, Mistral AI).
_FUNCTION_WORDS = frozenset("the of to and in is are for with on that this it be by as an or from".split())


def is_foreign_line(line: str, table_header: bool = False) -> bool:
    """Whether a line of a Japanese document is prose in another language: no kana or
    ideograph, and four Latin words or more, one of them a function word such as "the"
    (an English paragraph kept beside its translation). A Markdown table's header row
    needs two words (| Repo | Maintainers |); its data rows, like a heading such as
    "Propagator" or a line of names, stay with the document."""
    if _KANA.search(line) or _IDEOGRAPH.search(line):
        return False
    words = _LATIN_WORD.findall(line)
    if table_header:
        return len(words) >= _FOREIGN_TABLE_WORDS
    if line.lstrip().startswith("|"):
        return False  # a table's data row: names in cells belong to the document
    return len(words) >= _FOREIGN_WORDS and any(w.lower() in _FUNCTION_WORDS for w in words)
