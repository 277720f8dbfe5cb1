"""The word lists are data: lexicon.txt parses into named lists the code reads."""

import pytest

from translate_kit import lexicon
from translate_kit.lexicon import parse_lexicon


def test_sections_and_comments():
    lists = parse_lexicon("# a comment\n[honorifics]\n氏 さん\n# another\n様\n\n[empty]\n")
    assert lists["honorifics"] == frozenset({"氏", "さん", "様"})
    assert lists["empty"] == frozenset()


def test_words_before_a_section_are_an_error():
    with pytest.raises(ValueError, match="lexicon.txt:1"):
        parse_lexicon("stray words\n[list]\nword\n")


def test_the_shipped_lexicon_has_every_list_the_code_reads():
    for name in ("person-honorifics", "organization-words", "demonyms", "stopwords", "latin-name-particles"):
        assert lexicon.words(name), name
    with pytest.raises(KeyError):
        lexicon.words("no-such-list")
