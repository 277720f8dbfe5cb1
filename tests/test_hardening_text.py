"""Characters that once stopped a whole run: enclosed and compatibility characters that
Sudachi expands into several morphemes, some with an empty surface (issue #17)."""

from __future__ import annotations

import pytest

from translate_kit.options import CheckOptions
from translate_kit.run import check_paths
from translate_kit.scripts import is_hiragana_char, is_kanji_char, is_katakana_char, is_latin_char

ENCLOSED = ["⑴", "⒇", "⒈", "⒛", "⒜", "㍘", "㍰", "㏠", "㏾"]


def test_an_empty_string_belongs_to_no_script():
    for test in (is_katakana_char, is_hiragana_char, is_kanji_char, is_latin_char):
        assert test("") is False


@pytest.mark.parametrize("char", ENCLOSED)
@pytest.mark.parametrize("name", ["doc.txt", "doc.md"])
def test_enclosed_characters_before_japanese_are_checked(tmp_path, engine, char, name):
    f = tmp_path / name
    f.write_text(f"{char}はじめに\n{char}ベナールさんが来た。\n", encoding="utf-8")
    result = check_paths([str(f)], CheckOptions(), engine=engine)
    assert result.errors == ()
    assert result.files == 1
    assert any(u.mention.surface == "ベナール" for c in result.corpus.contributions() for u in c.mentions)


def test_enclosed_characters_in_a_catalog(tmp_path, engine):
    po = tmp_path / "app.po"
    po.write_text('msgid ""\nmsgstr ""\n"Language: ja\\n"\n\nmsgid "(1) Intro"\nmsgstr "⑴はじめに"\n', encoding="utf-8")
    result = check_paths([str(po)], CheckOptions(), engine=engine)
    assert result.errors == ()
    assert result.segments >= 1


@pytest.mark.parametrize("text, line, reason", [
    ("ユーザーが来た。\n\n```\ncode\n\nユーザが来た。\n", 3, "code fence never closed"),
    ("ユーザーが来た。\n\n<!-- a note\n\nユーザが来た。\n", 3, "HTML comment never closed"),
    ("ユーザーが来た。\n\n" + "".join(">" * i + " ユーザが来た。\n" for i in range(1, 30)), 19, "nested deeper"),
])
def test_markdown_that_is_not_checked_says_so(tmp_path, engine, text, line, reason):
    f = tmp_path / "doc.md"
    f.write_text(text, encoding="utf-8")
    result = check_paths([str(f)], CheckOptions(), engine=engine)
    assert [(e.line, reason in e.message) for e in result.errors] == [(line, True)]
    assert result.segments >= 1  # what comes before is still checked


@pytest.mark.parametrize("text", [
    "前。\n\n```\ncode\n```\n", "前。\n\n~~~~\ncode\n~~~~~", "前。\n\n<!-- note -->\n\n後ろ。\n",
    "# 見出し\n\n- a\n  - b\n    - c\n      > d\n      > > e\n",
])
def test_closed_fences_comments_and_usual_nesting_are_fine(tmp_path, engine, text):
    f = tmp_path / "doc.md"
    f.write_text(text, encoding="utf-8")
    assert check_paths([str(f)], CheckOptions(), engine=engine).errors == ()


def test_a_very_long_line_is_cut_at_sentence_ends_into_verbatim_pieces():
    from translate_kit.sources.text import MAX_SEGMENT_CHARS, parse

    sentence = "ベナールさんはサーバーを再起動した。"
    text = "前置き\n" + sentence * (3 * MAX_SEGMENT_CHARS // len(sentence)) + "\n後書き\n"
    doc = parse(text, "x.txt", "ja")
    long_pieces = [s for s in doc.segments if s.line == 2]
    assert len(long_pieces) >= 3
    assert all(len(s.text) <= MAX_SEGMENT_CHARS and s.text.endswith("。") for s in long_pieces)
    assert "".join(s.text for s in long_pieces) == text.split("\n")[1]
    assert all(text[s.start:s.end] == s.text and s.column == s.start - 3 for s in long_pieces)


def test_one_long_line_finds_what_the_same_text_in_lines_finds(tmp_path, engine):
    sentences = [f"第{i}回ではベナールさんとArnaud Benardさんがサーバーを再起動した。" for i in range(2000)]
    one = tmp_path / "one.txt"
    one.write_text("".join(sentences) + "\n", encoding="utf-8")
    many = tmp_path / "many.txt"
    many.write_text("\n".join(sentences) + "\n", encoding="utf-8")
    found = [sorted((u.mention.surface, u.mention.start) for c in check_paths([str(p)], CheckOptions(), engine=engine).corpus.contributions()
                    for u in c.mentions if u.mention) for p in (one, many)]
    assert len(found[0]) == len(found[1]) >= 4000
    assert [s for s, _ in found[0]] == [s for s, _ in found[1]]


def _long_line_report():
    from translate_kit.model import Finding, Severity
    from translate_kit.report import ReportInput
    from translate_kit.rules import all_rules

    line = "あ" * 50_000 + "ユーザ" + "い" * 50_000
    findings = tuple(
        Finding(rule="orthographic-variant", severity=Severity.WARNING, path="doc.txt", line=1, column=50_001 + i,
                end_line=1, end_column=50_004 + i, message="m", found="ユーザ", expected="ユーザー")
        for i in range(200)
    )
    return line, ReportInput(findings=findings, errors=(), rules=all_rules(), tool_version="0", summary={},
                             snippets={("doc.txt", 1): line}, color=False)


def test_a_long_source_line_is_shown_as_a_window_around_each_finding():
    from translate_kit.report import render

    line, report = _long_line_report()
    for fmt in ("text", "sarif"):
        out = render(fmt, report)
        assert len(out) < 200 * 5_000, fmt  # not the whole 100,000-character line once per finding
    text = render("text", report)
    shown, carets = text.split("\n")[3:5]
    assert shown.startswith(" 1 | …") and shown.endswith("…")
    from translate_kit.report.text import cell_width

    before = shown[: shown.index("ユーザ")]
    assert sum(cell_width(c) for c in before) == carets.index("^")  # carets under the finding
    assert carets.count("^") == 6


def test_sarif_windows_validate_and_point_at_the_window():
    import json

    from test_report import SARIF_SCHEMA

    from translate_kit.report import render

    line, report = _long_line_report()
    context = json.loads(render("sarif", report))["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["contextRegion"]
    start = context["startColumn"]
    assert line[start - 1 : context["endColumn"] - 1] == context["snippet"]["text"]
    if SARIF_SCHEMA.exists():
        import jsonschema

        schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
        validator = jsonschema.validators.validator_for(schema)(schema)
        assert not list(validator.iter_errors(json.loads(render("sarif", report))))


def test_fingerprints_of_a_long_line_hash_it_once_and_short_lines_as_before():
    from translate_kit.fingerprint import LONG_LINE, normalize_line

    assert normalize_line("  ユーザが\u3000来た ") == "ユーザが 来た"
    long_line = "あ" * (LONG_LINE + 1)
    assert normalize_line(long_line).startswith("sha256:") and len(normalize_line(long_line)) == 71
    line, report = _long_line_report()
    from translate_kit.fingerprint import fingerprints

    prints = fingerprints(report.findings, report.snippets)
    assert len(set(prints.values())) == 200
