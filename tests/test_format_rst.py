"""reStructuredText documents: what is read as prose (titles, paragraphs, lists, fields,
admonitions, table cells), what is not (code, comments, directive options, targets,
roles, URLs), exact positions, the ignore comment, a check and a fix end to end, and bad
input that must neither crash nor hang."""

from __future__ import annotations

import bisect
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from translate_kit import sources
from translate_kit.sources import load_text, rst

DOC = """\
=========
利用の手引き
=========

はじめに
========

この手引きは :ref:`設定の章 <config>` と ``サーバ.conf`` を扱う
ツールの説明です。詳細は `公式サイト <https://example.com/ジャンル>`_ を参照。

日本語の\\ **強調**\\ です。URL は https://example.com/a です。

.. note::

   注意の本文です。

.. warning:: 一行目の警告
   続きの行。

.. toctree::
   :maxdepth: 2

   導入

.. code-block:: python
   :caption: 見本の題

   print("コードの中")

例を示します::

    リテラルの中身

- 項目の一
- 項目の二

  - 入れ子の項目

1. 番号付きの項目
2. 二番目の項目

用語
   定義の本文です。

:引数: フィールドの本文

.. コメントの中身

.. _対象:

.. |置換| replace:: 置換の中身

+--------+--------+
| 格子一 | 格子二 |
+--------+--------+

=====  ========
列一   列二
=====  ========
値一   値二の説明
=====  ========

.. [#] 脚注の本文。

| 行ブロックの一
| 行ブロックの二

>>> print("対話の例")

.. versionadded:: 2.0 追加された機能。

.. raw:: html

   <b>生の中身</b>

.. math::

   数式の中身

----

最後の段落。
"""

READ = [
    (2, "heading", "利用の手引き"), (5, "heading", "はじめに"),
    (8, "prose", "この手引きは"), (8, "prose", "と"), (8, "prose", "を扱う"),
    (9, "prose", "ツールの説明です。詳細は"), (9, "prose", "公式サイト"), (9, "prose", "を参照。"),
    (11, "prose", "日本語の強調です。URL は"), (11, "prose", "です。"),
    (15, "prose", "注意の本文です。"), (17, "prose", "一行目の警告"), (18, "prose", "続きの行。"),
    (30, "prose", "例を示します"),
    (34, "prose", "項目の一"), (35, "prose", "項目の二"), (37, "prose", "入れ子の項目"),
    (39, "prose", "番号付きの項目"), (40, "prose", "二番目の項目"),
    (42, "prose", "用語"), (43, "prose", "定義の本文です。"), (45, "prose", "フィールドの本文"),
    (54, "prose", "格子一"), (54, "prose", "格子二"),
    (58, "prose", "列一"), (58, "prose", "列二"), (60, "prose", "値一"), (60, "prose", "値二の説明"),
    (63, "prose", "脚注の本文。"), (65, "prose", "行ブロックの一"), (66, "prose", "行ブロックの二"),
    (70, "prose", "追加された機能。"), (82, "prose", "最後の段落。"),
]
NEVER = ["設定の章", "config", "サーバ.conf", "example.com", "ジャンル", "導入", "maxdepth", "見本の題", "コードの中",
         "リテラルの中身", "引数", "コメントの中身", "対象", "置換", "対話の例", "2.0", "生の中身", "数式の中身", "*", "\\"]


def _read(text: str, path: str = "guide.rst"):
    return load_text(text, path=path, format="rst", lang="ja")


def _slices(doc) -> None:
    """Every segment is what the file holds at its offsets, line and column."""
    text = doc.text
    line_starts = [0] + [i + 1 for i, ch in enumerate(text) if ch == "\n"]
    for seg in doc.segments:
        offsets = list(seg.char_offsets) if seg.char_offsets is not None else list(range(seg.start, seg.end + 1))
        assert "".join(text[o] for o in offsets[:-1]) == seg.text
        assert seg.start == offsets[0] and seg.end == offsets[-1]
        line = bisect.bisect_right(line_starts, seg.start)
        assert (seg.line, seg.column) == (line, seg.start - line_starts[line - 1] + 1), seg


def test_prose_is_read_and_code_comments_roles_urls_are_not():
    doc = _read(DOC)
    assert doc.format == "rst"
    assert [(s.line, s.kind, s.text) for s in doc.segments] == READ
    for word in NEVER:
        assert not any(word in s.text for s in doc.segments), word
    _slices(doc)
    assert not doc.unchecked


def test_suffixes_and_names_select_the_reader():
    assert sources.format_for("docs/index.rst") == "rst" and sources.format_for("a.rest") == "rst"
    assert sources.REGISTRY.named("restructuredtext") is sources.REGISTRY.named("rst")


def test_emphasis_and_escaped_spaces_join_the_words_around_them():
    doc = _read("日本語の\\ **強調**\\ です。*大い*\\ に\\*星\\*印。\n")
    [seg] = doc.segments
    assert seg.text == "日本語の強調です。大いに*星*印。"
    assert seg.char_offsets is not None
    _slices(doc)


def test_positions_hold_with_crlf_a_bom_and_tabs():
    text = "\ufeff題名\r\n====\r\n\r\n- 項目の\t本文\r\n\r\n\t引用の段落。\r\n"
    doc = _read(text)
    assert [(s.line, s.column, s.kind, s.text) for s in doc.segments] == [
        (1, 2, "heading", "題名"), (4, 3, "prose", "項目の\t本文"), (6, 2, "prose", "引用の段落。")]
    _slices(doc)
    data = ("題名\r\n====\r\n\r\n本文です。\r\n").encode("utf-8-sig")
    decoded = sources.load_bytes("a.rst", data)
    assert [(s.line, s.column, s.text) for s in decoded.segments] == [(1, 1, "題名"), (4, 1, "本文です。")]


def test_literal_blocks_end_where_the_indentation_does():
    text = "説明::\n\n    コード一\n\n    コード二\n\n後の段落。\n\n引用の前::\n\n> 引用された\n> リテラル\n\n最後。\n"
    assert [s.text for s in _read(text).segments] == ["説明", "後の段落。", "引用の前", "最後。"]


def test_literal_blocks_inside_list_items_and_notes_are_not_read():
    text = ("- 例::\n\n    コード一\n\n- 次の項目\n\n  .. code-block:: sh\n\n     コード二\n\n  項目の続き。\n\n"
            ".. note::\n\n   注意::\n\n      コード三\n\n   注意の続き。\n")
    assert [(s.line, s.text) for s in _read(text).segments] == [
        (1, "例"), (5, "次の項目"), (11, "項目の続き。"), (15, "注意"), (19, "注意の続き。")]


def test_titles_need_an_underline_long_enough():
    assert [s.kind for s in _read("題名\n==\n").segments] == ["prose"]  # two marks under a wide title: text
    assert [s.kind for s in _read("題名\n====\n\n本文。\n").segments] == ["heading", "prose"]
    assert [s.kind for s in _read("A\n--\n").segments] == ["heading"]


def test_admonition_titles_and_containers():
    text = (".. topic:: 話題の題\n\n   話題の本文。\n\n.. admonition:: 独自の題\n   :class: x\n\n   独自の本文。\n\n"
            ".. only:: html\n\n   条件つきの本文。\n\n.. figure:: 画像.png\n   :alt: 代替\n\n   図の説明。\n\n"
            ".. unknown-extension::\n\n   読まない本文。\n")
    assert [(s.kind, s.text) for s in _read(text).segments] == [
        ("heading", "話題の題"), ("prose", "話題の本文。"), ("prose", "独自の題"), ("prose", "独自の本文。"),
        ("prose", "条件つきの本文。"), ("prose", "図の説明。")]


def test_object_descriptions_read_the_description_not_the_signature():
    text = (".. py:function:: 接続(ホスト, ポート=80)\n   :module: 網\n\n   ホストに接続する。\n\n   :param ホスト: 接続先の名前\n\n"
            ".. option:: --出力 <ファイル>\n\n   結果を書くファイル。\n\n.. automodule:: 網\n   :members:\n")
    assert [s.text for s in _read(text).segments] == ["ホストに接続する。", "接続先の名前", "結果を書くファイル。"]


def test_the_ignore_comment_flags_the_next_block_and_a_whole_list():
    text = (".. translate-kit: ignore[glossary-deprecated]\n\nサーバの段落。\n\n次の段落。\n\n"
            ".. translate-kit: ignore\n\n- 一\n- 二\n\n後。\n")
    got = [(s.text, s.flags) for s in _read(text).segments]
    assert got == [("サーバの段落。", ("ignore:glossary-deprecated",)), ("次の段落。", ()),
                   ("一", ("ignore",)), ("二", ("ignore",)), ("後。", ())]
    assert rst.ignore_flags(".. translate-kit: ignore[a, b]") == ("ignore:a", "ignore:b")
    assert rst.ignore_flags(".. 普通のコメント") is None


def test_a_name_and_a_variant_are_checked_across_paragraphs_but_not_in_code(run_check):
    body = ("記録\n====\n\nマルグリット・デュランが講演した。\n\nマルグリット・デュランドの話は好評だった。\n\n"
            ".. code-block:: text\n\n   マルグリット・デュランドの例\n\n例::\n\n   マルグリット・デュランドの例\n")
    result = run_check({"talk.rst": body}, select=["entity-inconsistent"])
    got = [(f.rule, f.line, f.column, f.found) for f in result.findings]
    assert got == [("entity-inconsistent", 6, 1, "マルグリット・デュランド")], got
    assert not result.errors
    code_only = run_check({"code.rst": "記録\n====\n\nマルグリット・デュランが講演した。\n\n.. code-block:: text\n\n   マルグリット・デュランドの例\n"},
                          select=["entity-inconsistent"])
    assert not code_only.findings


def _tk(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "translate_kit", *args], capture_output=True, text=True, cwd=cwd,
                          env={**os.environ, "NO_COLOR": "1"}, timeout=300)


def test_fix_writes_rst_back_verbatim(tmp_path):
    (tmp_path / "g.csv").write_text("concept,lang,term,status,type,note\nserver,ja,サーバー,preferred,term,\nserver,ja,サーバ,deprecated,term,\n",
                                    encoding="utf-8")
    before = "設定\r\n====\r\n\r\n- 日本語の\\ **強調**\\ とサーバを再起動する。\r\n\r\n.. code-block::\r\n\r\n   サーバの例\r\n"
    (tmp_path / "a.rst").write_bytes(before.encode("utf-8"))
    first = _tk("fix", "a.rst", "-g", "g.csv", "--select", "glossary-deprecated", cwd=tmp_path)
    after = (tmp_path / "a.rst").read_bytes().decode("utf-8")
    assert after == before.replace("とサーバを", "とサーバーを"), first.stdout + first.stderr
    second = _tk("check", "a.rst", "-g", "g.csv", "--select", "glossary-deprecated", cwd=tmp_path)
    assert second.returncode == 0, second.stdout + second.stderr


def test_a_directory_walk_reads_rst_files(run_check):
    result = run_check({"docs/index.rst": "索引\n====\n\nマルグリット・デュランが講演した。\n"})
    assert not result.errors


BAD = [
    "",
    "\n\n\n",
    "..\n",
    ".. ::\n",
    ".. note::",
    "::",
    "題\n=",
    "``閉じない\n",
    ":ref:`閉じない\n",
    "|閉じない\n",
    "+---+\n| あ\n",
    "=== ===\nあ い\n",
    "- \n-\n*\n",
    "1.\n(a)\n#)\n",
    ".. [#]\n",
    "\t\t\t題\n\t=====\n",
    "\u3000\n段落。\n",
    "\r\r\r段落\r",
    "`a <`_ `_ __ _`",
    "__",
    "題\n----",
]


@pytest.mark.parametrize("text", BAD)
def test_bad_input_never_crashes(text, capsys):
    doc = _read(text)
    _slices(doc)
    out = capsys.readouterr()
    assert not out.err and not out.out


def test_deep_nesting_is_reported_not_a_crash():
    text = "".join(" " * i + "- 項目\n\n" for i in range(0, 400, 2)) + "最後。\n"
    doc = _read(text)
    assert doc.unchecked and "nested deeper" in str(doc.unchecked[0][1])
    assert doc.segments[-1].text == "最後。"
    _slices(doc)


def test_huge_inputs_read_in_linear_time():
    cases = ["``あ " * 40_000, ":r:`あ " * 40_000, ":a" * 40_000, ":" + "a:b" * 30_000, "`あ <" * 40_000, "- " * 40_000 + "\n", "あ\n " * 20_000,
             ("段落です。\n\n" + ".. note::\n\n   注意。\n\n") * 5_000]
    for text in cases:
        started = time.process_time()
        _slices(_read(text))
        assert time.process_time() - started < 5, text[:20]


def test_csv_table_cells_are_prose_and_its_options_are_not():
    text = ('.. csv-table:: 表の題\n   :header: 列名,"必須, 任意",備考\n   :widths: 10, 20\n\n'
            '   input_id,Yes,"先頭が ``file://`` の場合、""ローカル""を使う"\n   name,No,省略できる\n\n'
            '.. csv-table::\n   :file: 一覧.csv\n')
    doc = _read(text)
    assert [s.text for s in doc.segments] == ["表の題", "列名", "必須, 任意", "備考", "input_id", "Yes", "先頭が", 'の場合、""ローカル""を使う',
                                              "name", "No", "省略できる"]
    _slices(doc)


def test_a_simple_table_without_a_bottom_border_does_not_swallow_the_text_after_it():
    text = "=====  =====\n列一   列二\n\n題名\n====\n\n本文です。\n"
    assert [(s.kind, s.text) for s in _read(text).segments] == [("prose", "列一   列二"), ("heading", "題名"), ("prose", "本文です。")]
    many = "=====  =====\nあ     い\n\n" * 20_000
    started = time.process_time()
    assert _read(many).segments
    assert time.process_time() - started < 5


def test_an_untitled_editor_buffer_of_language_restructuredtext_reads_as_rst():
    pytest.importorskip("pygls")
    from translate_kit.lsp.state import LANGUAGE_FORMATS

    fmt = LANGUAGE_FORMATS["restructuredtext"]
    assert [s.kind for s in load_text("題名\n====\n\n本文。\n", path="Untitled-1", format=fmt, lang="ja").segments] == ["heading", "prose"]


def test_an_empty_comment_ends_the_block_before_it_and_does_not_swallow_the_quote_after_it():
    """`..` alone before a blank line is an empty comment (docutils: it consumes no indented
    text after it); the block quote after it is prose. `..` with text on its next lines is
    a comment whose lines are not."""
    text = "- 項目です。\n\n..\n\n   引用です。\n\n..\n   コメントです。\n\n最後。\n"
    doc = _read(text)
    assert [s.text for s in doc.segments] == ["項目です。", "引用です。", "最後。"]
    _slices(doc)
