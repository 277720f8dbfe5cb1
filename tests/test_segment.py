"""Sentence segmentation and tokenizer chunking."""

from __future__ import annotations

from translate_kit.segment import chunk_for_tokenizer, split_sentences


def _sentences(text, lang):
    return [text[a:b] for a, b in split_sentences(text, lang)]


def test_japanese_terminators_and_brackets():
    text = "彼は「今日は晴れ。明日は雨」と言った。本当か？ (注。括弧内) 以上"
    assert _sentences(text, "ja") == ["彼は「今日は晴れ。明日は雨」と言った。", "本当か？", "(注。括弧内) 以上"]


def test_japanese_line_breaks_end_sentences():
    assert _sentences("一行目\n二行目", "ja") == ["一行目", "二行目"]


def test_unclosed_bracket_does_not_swallow_the_text():
    text = "「" + "長い文。" * 200 + "終わり。"
    assert len(split_sentences(text, "ja")) > 10


def test_english_abbreviations():
    text = "Dr. Benard met Mr. Pino in the U.S. yesterday. They talked! Did it help? Yes."
    assert _sentences(text, "en") == [
        "Dr. Benard met Mr. Pino in the U.S. yesterday.",
        "They talked!",
        "Did it help?",
        "Yes.",
    ]


def test_chunks_respect_byte_limit_and_cover_text():
    text = ("これは長い文です。" * 4000) + ("あ" * 30000)
    chunks = chunk_for_tokenizer(text, "ja", 48_000)
    assert chunks[0][0] == 0 and chunks[-1][1] == len(text)
    for (a, b), (c, _) in zip(chunks, chunks[1:]):
        assert b == c
    assert all(len(text[a:b].encode()) <= 48_000 for a, b in chunks)


def test_long_line_tokenizes(engine):
    text = "ユーザーの設定。" * 20000  # ~480 KB: beyond Sudachi's 49,149-byte limit
    tokens = engine.tokenize(text, "ja")
    assert tokens[-1].end == len(text) - 1 or tokens[-1].end == len(text)
    for t in tokens[:50] + tokens[-50:]:
        assert text[t.start : t.end] == t.surface


def test_a_word_beyond_sudachis_limit_is_looked_up_as_unlisted(engine):
    """One katakana run of 60 KB is one word: the dictionary lookups (common word,
    normalized form, synonyms) answer "not listed" instead of SudachiPy raising."""
    word = "ユーザー" * 5000
    sudachi = engine.sudachi
    assert (sudachi.lookup(word), sudachi.lookup_normalized(word), sudachi.synonym_groups(word)) == ([], None, frozenset())
    assert sudachi.lookup("ユーザー") != []


def test_a_segment_of_one_long_word_is_checked(run_check):
    """A catalog whose translation is one 60 KB katakana run is checked, not a traceback."""
    header = 'msgid ""\nmsgstr ""\n"Language: ja\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
    result = run_check({"long.ja.po": header + f'msgid "user"\nmsgstr "{"ユーザー" * 5000}"\n'})
    assert not result.errors


def test_sentence_start_stays_within_the_line():
    """A mention's sentence starts after the last 。！？ or full stop of its own line, or at
    the line's start: never in an earlier line, however long the file."""
    from translate_kit.segment import sentence_start

    text = "前の行。\nfoo。 bar! baz\nqux"
    before = {word: text[sentence_start(text, text.index(word)) : text.index(word)] for word in ("行", "foo", "bar", "baz", "qux")}
    assert before == {"行": "前の", "foo": "", "bar": " ", "baz": " ", "qux": ""}


def test_a_closing_bracket_before_any_opening_one_opens_nothing():
    from translate_kit.segment import in_brackets

    text = "1) Arnaud Benard（アルノー・ベナール）が話した。"
    assert in_brackets(text, 0, text.index("アルノー"))
    assert not in_brackets(text, 0, text.index("Arnaud"))
    assert not in_brackets(text, 0, text.index("が話"))
