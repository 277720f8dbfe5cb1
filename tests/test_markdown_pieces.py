"""An edited Markdown buffer is parsed in pieces (only the piece that changed again);
the pieces must give exactly the segments the whole document gives."""

from __future__ import annotations

import pytest

from translate_kit.sources import load_text, markdown

CASES = {
    "paragraphs and headings": "# 見出し\n\nアルノー・ベナール氏が話した。\n\n## 次\n\nバーナード氏も来た。\n",
    "a fence with blank lines": "前の段落。\n\n```\nコード\n\nまだコード\n```\n\n後の段落。\n",
    "a loose list": "- ひとつ目\n\n- ふたつ目\n\n段落。\n",
    "an ignore directive": "段落。\n\n<!-- translate-kit: ignore -->\n\nユーザの段落。\n\n次の段落。\n",
    "a comment spanning blank lines": "段落。\n\n<!--\n\nコメント\n\n-->\n\n後。\n",
    "reference links": "[リンク][ref] の段落。\n\n別の段落。\n\n[ref]: https://example.com\n",
    "front matter": "---\ntitle: x\n\nmore: y\n---\n\n本文。\n\n次。\n",
    "CRLF": "一つ目。\r\n\r\n二つ目の *強調* です。\r\n\r\n三つ目。\r\n",
    "a table and indented code": "| a | b |\n|---|---|\n| い | ろ |\n\n    code\n\n段落。\n",
    "numbers that start a paragraph": "2024年の話。\n\n1. 項目\n\n2026年。\n",
    "a fence closed only by a line indented 3 spaces or less": "```\ncode\n    ```\n\nサーバを止めた。\n```\n\n後。\n",
    "a backtick line with a backtick in its info is no fence": "``` a`b\n\n本文。\n```\n\nサーバを止めた。\n",
    "a reference defined inside a list": "- [x]: https://example.com\n\n[x] を参照。\n\n後。\n",
    "a reference defined inside a quote": "> [x]: https://example.com\n\n[x] を参照。\n",
    "a fence never closed": "# 見出し\n\n本文です。\n\n```\ncode\n",
    "a line of ideographic spaces is not blank": "段落。\n\u3000\n次。\n\n後。\n",
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_pieces_parse_as_the_whole(name):
    text = CASES[name]
    whole = markdown.parse(text, "a.md", "ja")
    memo: dict = {}
    pieces = markdown.parse_in_pieces(text, "a.md", "ja", memo)
    assert pieces.segments == whole.segments
    assert [(line, str(reason)) for line, reason in pieces.unchecked] == [(line, str(reason)) for line, reason in whole.unchecked]
    # again, from the memo, after an edit of one paragraph
    edited = text.replace("段落。", "段落です。", 1)
    assert markdown.parse_in_pieces(edited, "a.md", "ja", memo).segments == markdown.parse(edited, "a.md", "ja").segments


def test_only_the_edited_piece_is_parsed_again(monkeypatch):
    text = "".join(f"第{i}段落です。\n\n" for i in range(50))
    assert len(markdown.chunks(text)) == 50
    memo: dict = {}
    load_text(text, path="a.md", format="markdown", lang="ja", memo=memo)
    parsed: list[str] = []
    real = markdown.parse
    monkeypatch.setattr(markdown, "parse", lambda t, p, lg: parsed.append(t) or real(t, p, lg))
    doc = load_text(text.replace("第7段落", "第七段落"), path="a.md", format="markdown", lang="ja", memo=memo)
    assert parsed == ["第七段落です。\n\n"]
    assert [s.line for s in doc.segments][:9] == [1, 3, 5, 7, 9, 11, 13, 15, 17]


@pytest.mark.parametrize("name", ["reference links", "front matter", "a comment spanning blank lines"])
def test_documents_that_could_parse_differently_are_not_cut(name):
    assert markdown.chunks(CASES[name]) == [0]


def test_a_key_file_given_as_text_pairs_with_its_source_file(tmp_path, engine):
    """stdin and editor buffers pair a key file with its source file as the file would
    (the config's source-files included)."""
    from translate_kit.options import CheckOptions
    from translate_kit.run import check_paths

    (tmp_path / "translations").mkdir()
    (tmp_path / "translations" / "main.json").write_text('{"a": "Save {count} files"}', encoding="utf-8")
    target = tmp_path / "translations" / "ja.json"
    target.write_text('{"a": "ファイルを保存"}', encoding="utf-8")
    pairing = ((str(tmp_path / "translations" / "ja.json"), str(tmp_path / "translations" / "main.json")),)
    options = CheckOptions(source_files=pairing)
    from_file = [f.rule for f in check_paths([str(target)], options, engine=engine).findings]
    from_text = [f.rule for f in check_paths([], options, engine=engine, buffers={str(target): target.read_text(encoding="utf-8")}).findings]
    assert from_file == from_text == ["placeholder-mismatch"]
