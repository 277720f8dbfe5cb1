"""One reading of language tags everywhere."""

import pytest

from translate_kit import langtags


@pytest.mark.parametrize("tag", ["ja", "ja-JP", "ja_JP", "ja_JP.UTF-8", "JA", " ja-jp ", "ja@euro"])
def test_every_spelling_of_japanese(tag):
    assert langtags.primary(tag) == "ja"
    assert langtags.is_japanese(tag)
    assert langtags.same_language(tag, "ja-JP")


@pytest.mark.parametrize("tag", ["en", "jav", "jw", "", None, "und"])
def test_what_is_not_japanese(tag):
    assert not langtags.is_japanese(tag)


def test_normalize_and_same_language():
    assert langtags.normalize(" zh_Hans ") == "zh-hans"
    assert langtags.same_language("zh-Hans", "zh_CN")
    assert not langtags.same_language("ja", "en")
    assert langtags.primary("") is None and langtags.primary(None) is None
