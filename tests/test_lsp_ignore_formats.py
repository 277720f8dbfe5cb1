"""'Ignore here' in each format with a comment form: the inserted comment is one the
loader reads as the entry's note, so the checker honours it, and nothing else moves."""

from __future__ import annotations

import pytest

pytest.importorskip("pygls")

from pygls.workspace.position_codec import PositionCodec  # noqa: E402

from translate_kit.lsp.actions import ignore_edit  # noqa: E402
from translate_kit.lsp.positions import TextPositions  # noqa: E402
from translate_kit.options import CheckOptions  # noqa: E402
from translate_kit.run import check_paths  # noqa: E402

XLIFF = """<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
  <file source-language="en" target-language="ja" datatype="plaintext" original="a">
    <body>
      <trans-unit id="a">
        <source>Open the user list</source>
        <target>ユーザーの一覧を開く</target>
      </trans-unit>
      <trans-unit id="b">
        <source>The user name</source>
        <target>ユーザの名前</target>
      </trans-unit>
      <trans-unit id="c">
        <source>User settings</source>
        <target>ユーザーの設定</target>
      </trans-unit>
    </body>
  </file>
</xliff>
"""

CASES = {
    "android": ({"values/strings.xml": '<resources>\n    <string name="a">Open the user list</string>\n</resources>\n'},
                "values-ja/strings.xml",
                '<resources>\n    <string name="a">ユーザーの一覧を開く</string>\n    <string name="b">ユーザの名前</string>\n'
                '    <string name="c">ユーザーの設定</string>\n</resources>\n',
                '    <!-- translate-kit: ignore[orthographic-variant] -->\n    <string name="b">'),
    "yaml": ({"config/locales/en.yml": 'en:\n  a: "Open the user list"\n'}, "config/locales/ja.yml",
             'ja:\n  a: "ユーザーの一覧を開く"\n  b: "ユーザの名前"\n  c: "ユーザーの設定"\n',
             '  # translate-kit: ignore[orthographic-variant]\n  b: "ユーザの名前"'),
    "strings": ({"en.lproj/Localizable.strings": '"a" = "Open the user list";\n'}, "ja.lproj/Localizable.strings",
                '"a" = "ユーザーの一覧を開く";\n"b" = "ユーザの名前";\n"c" = "ユーザーの設定";\n',
                '/* translate-kit: ignore[orthographic-variant] */\n"b" = "ユーザの名前";'),
    "rst": ({}, "guide.rst", "ユーザーの一覧を開く。\n\n.. note::\n\n   ユーザの名前を確かめる。\n\nユーザーの設定。\n",
            "   .. translate-kit: ignore[orthographic-variant]\n\n   ユーザの名前"),
    "xliff": ({}, "app.ja.xlf", XLIFF,
              "<target>ユーザの名前</target>\n        <note>translate-kit: ignore[orthographic-variant]</note>\n      </trans-unit>"),
}


def _apply(text: str, edit) -> str:
    lines = text.split("\n")
    at = sum(len(line) + 1 for line in lines[: edit.range.start.line]) + edit.range.start.character
    return text[:at] + edit.new_text + text[at:]


@pytest.mark.parametrize("fmt", sorted(CASES))
def test_ignore_here_is_a_comment_the_checker_honours(tmp_path, engine, fmt):
    sources, target, text, inserted = CASES[fmt]
    for name, content in {**sources, target: text}.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(content, encoding="utf-8")
    before = check_paths([str(tmp_path)], CheckOptions(), engine=engine).findings
    finding = next(f for f in before if f.rule == "orthographic-variant" and f.path.endswith(target.split("/")[-1]))
    edit = ignore_edit(text, fmt, finding.line, finding.rule, TextPositions(text, PositionCodec()))
    assert edit is not None
    changed = _apply(text, edit)
    assert inserted in changed
    assert changed.replace(edit.new_text, "", 1) == text  # nothing else moved
    (tmp_path / target).write_text(changed, encoding="utf-8")
    after = check_paths([str(tmp_path)], CheckOptions(), engine=engine).findings
    assert not any(f.rule == "orthographic-variant" for f in after)
    assert not [e for e in check_paths([str(tmp_path)], CheckOptions(), engine=engine).errors]


def test_formats_without_a_comment_form_get_no_action():
    text = '{"a": "ユーザの名前"}\n'
    assert ignore_edit(text, "json", 1, "orthographic-variant", TextPositions(text, PositionCodec())) is None
