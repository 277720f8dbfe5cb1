"""Tests for the input loaders: spans, decoding, Markdown skipping, PO parsing, discovery."""

from __future__ import annotations

import codecs
import os
import time
from pathlib import Path

import polib
import pytest

from translate_kit.model import Document, InputFileError, LineIndex
from translate_kit.sources import SUPPORTED_SUFFIXES, discover, load, load_text
from translate_kit.sources.language import detect_language, primary_language

TXT_SAMPLE = "  First line of the guide.  \n\n日本語の行です。\n\t\u3000最後の行\u3000\nend"

MD_SAMPLE = (
    "# 設定ガイド\n"
    "\n"
    "これは**重要な**説明です。\n"
    "二行目も続きます。\n"
    "\n"
    "- 項目 A\n"
    "- [リンクの文字](https://example.com/page) の後\n"
    "\n"
    "> 引用された文 \\* と &amp; 記号\n"
    "\n"
    "| 名前 | 説明 a\\|b |\n"
    "|---|---|\n"
    "| 東京 | 首都 |\n"
    "\n"
    "![代替テキスト](image.png \"題\") の説明\n"
)
MD_EXPECTED = [
    "設定ガイド", "これは重要な説明です。", "二行目も続きます。", "項目 A",
    "リンクの文字", "の後", "引用された文", "と", "記号", "名前", "説明 a", "b",
    "東京", "首都", "代替テキスト", "の説明",
]  # fmt: skip

PO_SAMPLE = (
    'msgid ""\n'
    'msgstr ""\n'
    '"Language: ja\\n"\n'
    '"Content-Type: text/plain; charset=UTF-8\\n"\n'
    '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n'
    "\n"
    "#. Shown on the start page\n"
    "# 丁寧に訳すこと\n"
    "#, python-format\n"
    'msgctxt "greeting"\n'
    'msgid "Say \\"hi\\"\\tto %s\\n"\n'
    'msgstr ""\n'
    '"%s に\\t「やあ」と"\n'
    '"言う\\n"\n'
    "\n"
    'msgid "one apple"\n'
    'msgid_plural "%d apples"\n'
    'msgstr[0] "りんご %d 個"\n'
    'msgstr[1] "りんご %d 個 (複数)"\n'
)
PO_EXPECTED = [
    'Say "hi"\tto %s\n', "%s に\t「やあ」と言う\n",
    "one apple", "%d apples", "りんご %d 個", "りんご %d 個 (複数)",
]  # fmt: skip


def _variants(name: str, text: str, expected: list[str]) -> list:
    """The same document as LF, CRLF, UTF-8 with BOM and UTF-16 LE/BE with BOM."""
    crlf = text.replace("\n", "\r\n")
    return [
        pytest.param(name, text.encode("utf-8"), text, expected, id=f"{name}-lf"),
        pytest.param(name, crlf.encode("utf-8"), crlf, expected, id=f"{name}-crlf"),
        pytest.param(name, codecs.BOM_UTF8 + text.encode("utf-8"), text, expected, id=f"{name}-utf8bom"),
        pytest.param(name, codecs.BOM_UTF16_LE + crlf.encode("utf-16-le"), crlf, expected, id=f"{name}-utf16le"),
        pytest.param(name, codecs.BOM_UTF16_BE + text.encode("utf-16-be"), text, expected, id=f"{name}-utf16be"),
    ]


def _write(tmp_path: Path, name: str, data: bytes) -> str:
    path = tmp_path / name
    path.write_bytes(data)
    return str(path)


def _check_spans(doc: Document) -> None:
    """Every segment maps back to its own text and reports the right line and column."""
    index = LineIndex(doc.text)
    for seg in doc.segments:
        assert seg.text, seg
        assert "\r" not in seg.text
        if seg.char_offsets is None:
            assert doc.text[seg.start : seg.end] == seg.text
        else:
            assert len(seg.char_offsets) == len(seg.text) + 1
            assert seg.start == seg.char_offsets[0] and seg.end == seg.char_offsets[-1]
            for i, char in enumerate(seg.text):
                source = doc.text[seg.char_offsets[i]]
                assert source == char or source == "\\", (seg.text, i)
            assert list(seg.char_offsets) == sorted(seg.char_offsets)
        pos = index.position(seg.start)
        assert (seg.line, seg.column) == (pos.line, pos.column), seg


@pytest.mark.parametrize(
    "name, data, decoded, expected",
    _variants("guide.txt", TXT_SAMPLE, ["First line of the guide.", "日本語の行です。", "最後の行", "end"])
    + _variants("guide.md", MD_SAMPLE, MD_EXPECTED)
    + _variants("messages.po", PO_SAMPLE, PO_EXPECTED),
)
def test_spans_map_back_to_file_text(tmp_path: Path, name: str, data: bytes, decoded: str, expected: list[str]) -> None:
    doc = load(_write(tmp_path, name, data))
    assert doc.text == decoded  # no BOM character, line endings kept
    assert [s.text for s in doc.segments] == expected
    _check_spans(doc)


# --- plain text -------------------------------------------------------------------------


def test_text_lines_are_stripped_and_positioned() -> None:
    doc = load_text(TXT_SAMPLE, path="a.txt", format="text")
    last = doc.segments[2]
    assert (last.text, last.line, last.column) == ("最後の行", 4, 3)
    assert doc.lang == "ja" and all(s.kind == "prose" for s in doc.segments)
    # the English line of a Japanese document is English text (see below)
    assert [s.lang for s in doc.segments] == ["en", "ja", "ja", "ja"]
    assert doc.format == "text"


def test_text_lone_carriage_return_never_enters_a_segment() -> None:
    doc = load_text("前半\r後半\n", path="a.txt", format="txt")
    assert [s.text for s in doc.segments] == ["前半", "後半"]
    _check_spans(doc)


@pytest.mark.parametrize("fmt", ["txt", "md", "po"])
def test_text_in_memory_with_half_a_surrogate_pair_is_an_input_error(fmt: str) -> None:
    """An editor's buffer arrives as JSON, where "\\ud800" is allowed: no file decodes to
    such text, and the tokenizer failed on it ("internal error" in the language server)."""
    text = 'msgid "a"\nmsgstr "ユーザ\ud800です"\n' if fmt == "po" else "前の行\nユーザ\ud800です。\n"
    with pytest.raises(InputFileError) as info:
        load_text(text, path=f"a.{fmt}", format=fmt)
    assert (info.value.line, info.value.message) == (2, "U+D800 is half of a UTF-16 surrogate pair, not a character")


def test_five_megabyte_single_line_loads_fast(tmp_path: Path) -> None:
    line = ("長い行のテキスト long line text " * 200_000)[: 5 * 1024 * 1024 // 2]
    path = _write(tmp_path, "big.txt", line.encode("utf-8"))
    began = time.perf_counter()
    doc = load(path)
    assert time.perf_counter() - began < 3.0
    # a very long line is cut into verbatim pieces (at sentence ends, else spaces)
    from translate_kit.sources.text import MAX_SEGMENT_CHARS

    assert all(len(s.text) <= MAX_SEGMENT_CHARS and doc.text[s.start:s.end] == s.text for s in doc.segments)
    assert "".join(s.text for s in doc.segments).replace(" ", "") == line.replace(" ", "")


@pytest.mark.parametrize("name", ["empty.txt", "empty.md", "empty.po", "empty.pot"])
@pytest.mark.parametrize("content", [b"", b"\n\n  \n", codecs.BOM_UTF8])
def test_empty_file_gives_no_segments(tmp_path: Path, name: str, content: bytes) -> None:
    doc = load(_write(tmp_path, name, content))
    assert doc.segments == ()
    assert doc.text == content.decode("utf-8-sig")


def test_path_with_spaces_and_japanese(tmp_path: Path) -> None:
    folder = tmp_path / "翻訳 ファイル"
    folder.mkdir()
    path = _write(folder, "私の 文書.md", "# 見出し\n\n本文です。\n".encode())
    doc = load(path)
    assert doc.path == path and all(s.path == path for s in doc.segments)
    assert [(s.kind, s.text) for s in doc.segments] == [("heading", "見出し"), ("prose", "本文です。")]
    assert discover([str(folder)]) == ([path], [])


# --- decoding errors --------------------------------------------------------------------


@pytest.mark.parametrize("name", ["bad.txt", "bad.md", "bad.po"])
def test_nul_byte_is_reported_as_binary(tmp_path: Path, name: str) -> None:
    path = _write(tmp_path, name, b'msgid "a"\nmsgstr "b\x00"\n')
    with pytest.raises(InputFileError) as info:
        load(path)
    assert (info.value.path, info.value.line) == (path, 2)
    assert info.value.message == "binary file (NUL byte at line 2)"


@pytest.mark.parametrize("name", ["bad.txt", "bad.md", "bad.po"])
def test_invalid_utf8_reports_line_and_column(tmp_path: Path, name: str) -> None:
    data = '# ok\nmsgid "x"\nmsgstr "あい\xff"\n'.encode("utf-8").replace(b"\xc3\xbf", b"\xff")
    path = _write(tmp_path, name, data)
    with pytest.raises(InputFileError) as info:
        load(path)
    assert (info.value.path, info.value.line) == (path, 3)
    assert info.value.message == "cannot decode as UTF-8 at line 3, column 11"


def test_broken_utf16_reports_line(tmp_path: Path) -> None:
    data = codecs.BOM_UTF16_LE + "一行目\n二行目".encode("utf-16-le") + b"\x00\xd8"  # lone surrogate
    path = _write(tmp_path, "bad.txt", data)
    with pytest.raises(InputFileError) as info:
        load(path)
    assert info.value.line == 2 and info.value.message == "cannot decode as UTF-16 at line 2, column 4"


def test_unsupported_and_missing_files_raise_input_errors(tmp_path: Path) -> None:
    with pytest.raises(InputFileError, match=r"^unsupported file type \.csv"):
        load(_write(tmp_path, "data.csv", b"a,b\n"))
    missing = str(tmp_path / "nope.md")
    with pytest.raises(InputFileError) as info:
        load(missing)
    assert (info.value.path, info.value.message) == (missing, "no such file or directory")


# --- Markdown ---------------------------------------------------------------------------

MD_SKIPPED = (
    "# 見出し `code-in-heading`\n"
    "\n"
    "本文 `inline-code` の後 <span class=\"inline-html\">中身</span> 終わり。\n"
    "詳細は https://bare.example.com/path. を参照、www.www-example.org も。\n"
    "[リンク](https://link-url.example \"link-title\") と <https://auto.example> と ![画像](pic-url.png)\n"
    "\n"
    "```python\n"
    "fenced_code = 1\n"
    "```\n"
    "\n"
    "    indented_code = 2\n"
    "\n"
    "<div class=\"html-block\">\n"
    "html-block-text\n"
    "</div>\n"
    "\n"
    "[ref]: https://reference-url.example\n"
)


def test_markdown_skips_code_html_and_urls() -> None:
    doc = load_text(MD_SKIPPED, path="skip.md", format="markdown")
    _check_spans(doc)
    joined = "\n".join(s.text for s in doc.segments)
    for hidden in (
        "code-in-heading", "inline-code", "inline-html", "span", "bare.example", "www-example",
        "link-url", "link-title", "auto.example", "pic-url", "fenced_code", "indented_code",
        "html-block", "reference-url", "http", "`", "<", "[",
    ):  # fmt: skip
        assert hidden not in joined, hidden
    assert [s.text for s in doc.segments] == [
        "見出し", "本文", "の後", "中身", "終わり。", "詳細は", ". を参照、", "も。",
        "リンク", "と", "と", "画像",
    ]  # fmt: skip


def test_markdown_escapes_and_entities_split_segments() -> None:
    doc = load_text("価格は \\*税込み\\* です &amp; 送料&#x3042;無料\n", path="e.md", format="md")
    assert [s.text for s in doc.segments] == ["価格は", "税込み", "です", "送料", "無料"]
    _check_spans(doc)


def test_markdown_emphasis_inside_a_sentence_keeps_the_words_whole() -> None:
    """Emphasis marks are not prose, and they do not cut a sentence into pieces the
    tokenizer would read alone: `*大い*に` is 大いに, `**ユーザー**名` is ユーザー名."""
    doc = load_text("品質には*大い*に気を配る。**ユーザー**名を直す。\n", path="e.md", format="md")
    assert [s.text for s in doc.segments] == ["品質には大いに気を配る。ユーザー名を直す。"]
    _check_spans(doc)
    (seg,) = doc.segments
    assert doc.text[seg.file_offset(seg.text.index("に気")) - 1] == "*"


def test_markdown_ignore_directive_sets_flags() -> None:
    text = (
        "<!-- translate-kit: ignore -->\n"
        "無視する段落。\n"
        "\n"
        "<!-- translate-kit: ignore[katakana-variant, glossary] -->\n"
        "\n"
        "- 項目一\n"
        "- 項目二\n"
        "\n"
        "<!-- ordinary comment -->\n"
        "普通の段落。\n"
    )
    doc = load_text(text, path="i.md", format="markdown")
    assert [(s.text, s.flags) for s in doc.segments] == [
        ("無視する段落。", ("ignore",)),
        ("項目一", ("ignore:katakana-variant", "ignore:glossary")),
        ("項目二", ("ignore:katakana-variant", "ignore:glossary")),
        ("普通の段落。", ()),
    ]


def test_markdown_front_matter_is_skipped() -> None:
    text = "---\ntitle: 表題\ntags: [a]\n---\n本文。\n"
    doc = load_text(text, path="f.md", format="markdown")
    assert [(s.text, s.line) for s in doc.segments] == [("本文。", 5)]


@pytest.mark.parametrize("text, segments", [
    # opened and closed by thematic breaks: Markdown between them (it reads as one YAML string)
    ("---\n\n# 見出し\n\n本文です。\n\n---\n", [("見出し", 3), ("本文です。", 5)]),
    ("---\n- 項目\n---\n", [("項目", 2)]),  # a list, not a mapping
    ("---\n# 見出しだけ\n---\n本文。\n", [("見出しだけ", 2), ("本文。", 4)]),  # headings, not YAML comments
    ("---\n\n---\n本文。\n", [("本文。", 4)]),  # empty front matter
    ("---\ntitle: 表題: 副題\n---\n本文。\n", [("本文。", 4)]),  # does not parse, but opens with a key
])
def test_markdown_front_matter_is_a_yaml_mapping(text, segments) -> None:
    doc = load_text(text, path="f.md", format="markdown")
    assert [(s.text, s.line) for s in doc.segments] == segments


def test_markdown_link_destination_with_spaces_does_not_capture_text() -> None:
    doc = load_text("[a](<b c> \"t\") c 終\n", path="l.md", format="markdown")
    assert [(s.text, s.column) for s in doc.segments] == [("a", 2), ("c 終", 16)]


# --- PO ---------------------------------------------------------------------------------


def test_po_semantics() -> None:
    text = PO_SAMPLE + (
        "\n"
        'msgid "Not yet"\n'
        'msgstr ""\n'
        "\n"
        "#~ msgid \"Old text\"\n"
        "#~ msgstr \"古い文\"\n"
    )
    doc = load_text(text, path="m.po", format="po")
    assert doc.lang == "ja" and doc.format == "po"
    assert ("Language", "ja") in doc.metadata
    kinds = [(s.kind, s.entry, s.lang) for s in doc.segments]
    assert kinds == [
        ("msgid", 0, "en"), ("msgstr", 0, "ja"),
        ("msgid", 1, "en"), ("msgid_plural", 1, "en"), ("msgstr[0]", 1, "ja"), ("msgstr[1]", 1, "ja"),
        ("msgid", 2, "en"),
    ]  # fmt: skip
    first = doc.segments[0]
    assert first.msgctxt == "greeting" and first.flags == ("python-format",)
    assert first.comment == "丁寧に訳すこと"
    assert doc.segments[2].msgctxt is None and doc.segments[2].flags == ()
    assert not any("Old" in s.text or "古い" in s.text for s in doc.segments)
    # The scanner's unescaping agrees with polib's.
    catalog = polib.pofile(text)
    for seg in doc.segments:
        entry = catalog[seg.entry]
        if seg.kind.startswith("msgstr["):
            assert seg.text == entry.msgstr_plural[int(seg.kind[7:-1])]
        else:
            assert seg.text == getattr(entry, seg.kind)


def test_po_segment_positions() -> None:
    doc = load_text(PO_SAMPLE, path="m.po", format="po")
    msgstr = doc.segments[1]
    assert (msgstr.line, msgstr.column) == (13, 2)
    assert doc.text[msgstr.start] == "%" and doc.text[msgstr.end] == '"'
    tab = msgstr.text.index("\t")
    assert doc.text[msgstr.char_offsets[tab] : msgstr.char_offsets[tab + 1]] == "\\t"


def test_po_language_fallbacks() -> None:
    body = 'msgid "Save"\nmsgstr "保存"\n'
    assert load_text(body, path="a.po", format="po").lang == "ja"  # detected
    assert load_text(body, path="a.po", format="po", lang="ko").lang == "ko"
    with_header = 'msgid ""\nmsgstr "Language: ja_JP\\n"\n\n' + body
    assert load_text(with_header, path="a.po", format="po", lang="ko").segments[1].lang == "ja"
    pot = 'msgid ""\nmsgstr "Content-Type: text/plain; charset=CHARSET\\n"\n\nmsgid "Save"\nmsgstr ""\n'
    doc = load_text(pot, path="a.pot", format="pot", source_lang="en")
    assert doc.lang is None and [(s.kind, s.lang) for s in doc.segments] == [("msgid", "en")]


def test_po_declared_charset_is_used(tmp_path: Path) -> None:
    text = 'msgid ""\nmsgstr "Content-Type: text/plain; charset=EUC-JP\\n"\n\nmsgid "Save"\nmsgstr "保存する"\n'
    doc = load(_write(tmp_path, "euc.po", text.encode("euc-jp")))
    assert doc.text == text and doc.segments[-1].text == "保存する"
    pot = text.replace("EUC-JP", "CHARSET")
    assert load(_write(tmp_path, "p.pot", pot.encode("utf-8"))).segments[-1].text == "保存する"


BAD_PO = [
    pytest.param(
        'msgid "ok"\nmsgstr "fine"\n\nmsgid "broken\nmsgstr "x"\n', 4, "unterminated string", id="unterminated"
    ),
    pytest.param(
        'msgid "a"\nmsgstr "b\\"\n', 2, "unterminated string", id="unterminated-escape"
    ),
    pytest.param(
        'msgid "a"\nmsgstr "b"\nhello there\n', 3, "unexpected line: expected a keyword, a comment or a quoted string",
        id="stray-line",
    ),
    pytest.param('"orphan"\nmsgid "a"\nmsgstr "b"\n', 1, "string line without a keyword before it", id="orphan-string"),
    pytest.param('msgid "a" junk\nmsgstr "b"\n', 1, "unexpected text after the closing quote", id="trailing-junk"),
    pytest.param(
        'msgid "a"\nmsgid_plural "as"\nmsgstr[0] "x"\nmsgstr[2] "y"\n', 4,
        "plural index gap: expected msgstr[1], found msgstr[2]", id="plural-gap",
    ),
    pytest.param(
        'msgid "a"\nmsgid_plural "as"\n\nmsgid "b"\nmsgstr "c"\n', 2, "msgid_plural without msgstr[n]",
        id="plural-without-msgstr",
    ),
    pytest.param(
        'msgid "a"\nmsgid_plural "as"\nmsgstr "x"\n', 3, "msgid_plural needs msgstr[0], msgstr[1], ..., not msgstr",
        id="plural-with-plain-msgstr",
    ),
    pytest.param('msgid "a"\nmsgstr[0] "x"\n', 2, "msgstr[0] without msgid_plural", id="index-without-plural"),
    pytest.param('msgid "a"\n\nmsgid "b"\nmsgstr "c"\n', 1, "msgid without msgstr", id="msgid-without-msgstr"),
    pytest.param('msgid "a"\nmsgstr "b"\n\n#|\nmsgid "c"\nmsgstr "d"\n', 4, "syntax error", id="polib-syntax-error"),
]


@pytest.mark.parametrize("text, line, message", BAD_PO)
def test_malformed_po_reports_line(tmp_path: Path, text: str, line: int, message: str) -> None:
    path = _write(tmp_path, "bad catalog.po", text.encode("utf-8"))
    with pytest.raises(InputFileError) as info:
        load(path)
    assert (info.value.path, info.value.line, info.value.message) == (path, line, message)
    assert info.value.message[0].islower() and "\n" not in info.value.message


def test_unknown_charset_names_it_with_the_header_line(tmp_path: Path) -> None:
    data = b'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=NOPE-42\\n"\n\nmsgid "a"\nmsgstr "b"\n'
    path = _write(tmp_path, "x.po", data)
    with pytest.raises(InputFileError) as info:
        load(path)
    assert (info.value.path, info.value.line) == (path, 3)
    assert info.value.message == "unknown charset 'NOPE-42' in the Content-Type header"


def test_bytes_contradicting_the_charset_report_the_line(tmp_path: Path) -> None:
    text = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=US-ASCII\\n"\n\nmsgid "Save"\nmsgstr "保存"\n'
    path = _write(tmp_path, "x.po", text.encode("utf-8"))
    with pytest.raises(InputFileError) as info:
        load(path)
    assert info.value.line == 6
    assert info.value.message == "cannot decode as US-ASCII at line 6, column 9"


# --- language ---------------------------------------------------------------------------


def test_detect_language() -> None:
    assert detect_language("Plain English only.") == "en"
    assert detect_language("ひらがなを含む") == "ja"
    assert detect_language("漢字") == "ja"
    assert detect_language("x" * 100_000 + "かな") == "en"  # only a bounded prefix is read
    assert primary_language("ja_JP.UTF-8") == "ja" and primary_language("") is None


# --- discover ---------------------------------------------------------------------------


def test_discover_walks_directories(tmp_path: Path) -> None:
    root = tmp_path / "docs"
    for rel in ("b.md", "a.txt", "sub/c.po", "sub/deep/d.pot", "sub/e.markdown", "skip.csv",
                ".hidden/x.md", ".venv/y.md", "node_modules/z.md", "__pycache__/w.txt", ".secret.md"):  # fmt: skip
        target = root / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text("テキスト\n", encoding="utf-8")
    os.symlink(root, root / "sub" / "loop")  # a directory cycle must not hang
    files, errors = discover([str(root)])
    assert errors == []
    rels = [os.path.relpath(f, root) for f in files]
    assert rels == ["a.txt", "b.md", "sub/c.po", "sub/deep/d.pot", "sub/e.markdown"]
    assert files == sorted(files)


def test_discover_reports_bad_paths(tmp_path: Path) -> None:
    (tmp_path / "ok.md").write_text("本文\n", encoding="utf-8")
    (tmp_path / "data.csv").write_text("a\n", encoding="utf-8")
    os.symlink(tmp_path / "gone.md", tmp_path / "dangling.md")
    os.symlink(tmp_path / "loop2.md", tmp_path / "loop1.md")
    os.symlink(tmp_path / "loop1.md", tmp_path / "loop2.md")
    missing = str(tmp_path / "missing.md")
    explicit = [missing, str(tmp_path / "dangling.md"), str(tmp_path / "loop1.md"), str(tmp_path / "data.csv")]
    files, errors = discover([*explicit, str(tmp_path / "ok.md")])
    assert files == [str(tmp_path / "ok.md")]
    assert [(e.path, e.message) for e in errors] == [
        (missing, "no such file or directory"),
        (explicit[1], "dangling symbolic link"),
        (explicit[2], "symbolic link loop"),
        (explicit[3], "unsupported file type .csv (supported: " + ", ".join(SUPPORTED_SUFFIXES) + ")"),
    ]
    # Inside a directory, broken links with a supported suffix are reported; the csv is ignored.
    files, errors = discover([str(tmp_path)])
    assert files == [str(tmp_path / "ok.md")]
    assert sorted(e.path for e in errors) == sorted(explicit[1:3] + [str(tmp_path / "loop2.md")])


def test_load_text_matches_load(tmp_path: Path) -> None:
    path = _write(tmp_path, "same.md", MD_SAMPLE.encode("utf-8"))
    assert load_text(MD_SAMPLE, path=path, format="markdown") == load(path)
    with pytest.raises(ValueError):
        load_text("x", path="x", format="docx")


def test_english_lines_of_a_japanese_document_are_english_segments() -> None:
    """The source kept above each translated paragraph is English text, and a short Latin
    heading or a name inside a Japanese line stays with the Japanese text."""
    text = ("## Propagator\n\nThe exporter sends its data to the collector.\n\nエクスポーターはデータをCollector Proに送る。\n\n"
            "| Repo | Maintainers |\n| --- | --- |\n| 本体 | 開発チーム |\n")
    doc = load_text(text, path="d.md", format="md")
    assert [(s.text, s.lang) for s in doc.segments] == [
        ("Propagator", "ja"),
        ("The exporter sends its data to the collector.", "en"),
        ("エクスポーターはデータをCollector Proに送る。", "ja"),
        ("Repo", "en"), ("Maintainers", "en"), ("本体", "ja"), ("開発チーム", "ja"),
    ]
    _check_spans(doc)


def test_names_in_table_cells_and_lists_stay_with_the_japanese_text() -> None:
    text = "| 登壇者 | 所属 |\n|---|---|\n| Arnaud Bernard | Mistral AI |\n\nArnaud Bernard, Mistral AI, Nous Research\n"
    doc = load_text(text, path="t.md", format="md")
    assert {s.text: s.lang for s in doc.segments if s.text.isascii()} == {
        "Arnaud Bernard": "ja", "Mistral AI": "ja", "Arnaud Bernard, Mistral AI, Nous Research": "ja"}


def test_lines_of_a_file_with_carriage_returns_only_are_found() -> None:
    doc = load_text("日本語の行。\rThe exporter sends its data to the collector.\rまた日本語。\r", path="c.txt", format="txt")
    assert [s.lang for s in doc.segments] == ["ja", "en", "ja"]


def test_an_english_table_header_is_found_with_crlf_line_ends() -> None:
    doc = load_text("| Repo | Maintainers |\r\n|---|---|\r\n| 本体 | 開発チーム |\r\n", path="t.md", format="md")
    assert [(s.text, s.lang) for s in doc.segments] == [("Repo", "en"), ("Maintainers", "en"), ("本体", "ja"), ("開発チーム", "ja")]


def test_a_capitalised_function_word_makes_an_english_line() -> None:
    doc = load_text("講演の紹介。\nThis lecture features Andrej Karpathy.\n", path="e.txt", format="txt")
    assert [s.lang for s in doc.segments] == ["ja", "en"]


def test_a_document_without_kana_under_a_chinese_path_is_chinese(tmp_path: Path) -> None:
    """Japanese prose always has kana; ideographs alone under docs/zh/ or README.zh-CN.md
    are the repository's Chinese translation, not Japanese for the Japanese rules."""
    chinese = "# 安装\n\n使用前请先安装插件。\n"
    for name in ("docs/zh/install.md", "README.zh-CN.md", "docs/zh-tw/install.md"):
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(chinese, encoding="utf-8")
        assert load(str(path)).lang == "zh", name
    japanese = tmp_path / "docs" / "zh" / "notes.md"
    japanese.write_text("# 中国語版について\n\n中国語の訳は別のフォルダーにあります。\n", encoding="utf-8")
    assert load(str(japanese)).lang == "ja"  # kana: Japanese wherever it is
    heading = tmp_path / "docs" / "heading.md"
    heading.write_text("# 使用方法\n", encoding="utf-8")
    assert load(str(heading)).lang == "ja"  # ideographs alone, a path naming no Chinese: Japanese, as before
