"""`fix` writes every format back: the replacement escaped the way the format writes it,
the span compared escaped, every other byte kept, the file still parsing, idempotent.

One project tree holds a file per format; `fix` runs over it once, then again (which
must change nothing and leave no glossary-deprecated finding). The glossary's preferred
term needs escaping in most formats (`&`, `"`, `'`) and one deprecated term is written
with an escape (`Tom&Cafe`).
"""

from __future__ import annotations

import json
import re
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from defusedxml import ElementTree as SafeET

from translate_kit import sources

GLOSSARY = """concept,lang,term,status,type,note
rnd,ja,"R&D ""Lab's\"\"\",preferred,organization,
rnd,ja,アールアンドディー,deprecated,organization,
cafe,ja,トムズ・カフェ,preferred,organization,
cafe,ja,Tom&Cafe,deprecated,organization,
top,ja,#1ラボ,preferred,organization,
top,ja,ナンバーワンラボ,deprecated,organization,
"""
NEW = 'R&D "Lab\'s"'
XML_NEW = 'R&amp;D "Lab\'s"'
JSON_NEW = 'R&D \\"Lab\'s\\"'


def _xml(body: str) -> str:
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + body


# path -> (file text, [(as written before, as written after)], parse check, encoding)
FILES: dict[str, tuple[str, list[tuple[str, str]], str, str]] = {
    "xliff/app.ja.xlf": (_xml(
        '<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">\n'
        '  <file source-language="en" target-language="ja" datatype="plaintext" original="app">\n'
        '    <body>\n'
        '      <trans-unit id="lab">\n'
        '        <source>Ask the lab &amp; the cafe</source>\n'
        '        <target state="translated">アールアンドディーに聞く &amp; Tom&amp;Cafeで会う</target>\n'
        '      </trans-unit>\n'
        '    </body>\n'
        '  </file>\n'
        '</xliff>\n'),
        [("アールアンドディー", XML_NEW), ("Tom&amp;Cafe", "トムズ・カフェ")], "xml", "utf-8"),
    "xliff2/app.ja.xliff": (_xml(
        '<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en" trgLang="ja">\n'
        '  <file id="f1">\n'
        '    <unit id="lab">\n'
        '      <segment>\n'
        '        <source>Ask the lab</source>\n'
        '        <target><![CDATA[アールアンドディーに聞く]]></target>\n'
        '      </segment>\n'
        '    </unit>\n'
        '  </file>\n'
        '</xliff>\n'),
        [("アールアンドディー", NEW)], "xml", "utf-8"),
    "memory.tmx": (_xml(
        '<tmx version="1.4">\n'
        '  <header creationtool="hand" creationtoolversion="1" segtype="sentence" o-tmf="none" adminlang="en"'
        ' srclang="en-US" datatype="plaintext"/>\n'
        '  <body>\n'
        '    <tu tuid="1">\n'
        '      <tuv xml:lang="en-US"><seg>Ask the lab</seg></tuv>\n'
        '      <tuv xml:lang="ja-JP"><seg>アールアンドディーに聞く</seg></tuv>\n'
        '    </tu>\n'
        '  </body>\n'
        '</tmx>\n'),
        [("アールアンドディー", XML_NEW)], "xml", "utf-8"),
    "viewer_ja.ts": (_xml(
        '<!DOCTYPE TS>\n<TS version="2.1" language="ja_JP" sourcelanguage="en">\n<context>\n'
        '    <name>MainWindow</name>\n'
        '    <message>\n'
        '        <source>Ask the lab</source>\n'
        '        <translation>アールアンドディーに聞く</translation>\n'
        '    </message>\n'
        '</context>\n</TS>\n'),
        [("アールアンドディー", XML_NEW)], "xml", "utf-8"),
    "res/values-ja/strings.xml": (_xml(
        '<resources>\n'
        '    <string name="ask">アールアンドディーに聞く\\n(&amp;)</string>\n'
        '    <string name="meet">Tom&amp;Cafeで会う</string>\n'
        '</resources>\n'),
        [("アールアンドディー", 'R&amp;D \\"Lab\\\'s\\"'), ("Tom&amp;Cafe", "トムズ・カフェ")], "xml", "utf-8"),
    "ja.lproj/Localizable.stringsdict": (_xml(
        '<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">\n'
        '<plist version="1.0">\n<dict>\n'
        '    <key>labs</key>\n    <dict>\n'
        '        <key>NSStringLocalizedFormatKey</key>\n        <string>%#@count@</string>\n'
        '        <key>count</key>\n        <dict>\n'
        '            <key>NSStringFormatSpecTypeKey</key>\n            <string>NSStringPluralRuleType</string>\n'
        '            <key>NSStringFormatValueTypeKey</key>\n            <string>d</string>\n'
        '            <key>other</key>\n            <string>%d 件のアールアンドディー</string>\n'
        '        </dict>\n    </dict>\n</dict>\n</plist>\n'),
        [("アールアンドディー", XML_NEW)], "xml", "utf-8"),
    "locales/ja/common.json": (
        '{\n  "menu": {\n    "ask": "アールアンドディーに \\"聞く\\"",\n    "meet": "Tom&Cafeで会う"\n  }\n}\n',
        [("アールアンドディー", JSON_NEW), ("Tom&Cafe", "トムズ・カフェ")], "json", "utf-8"),
    "arb/app_ja.arb": (
        '{\n  "@@locale": "ja",\n  "ask": "{count, plural, other {アールアンドディーに{count}回聞く}}"\n}\n',
        [("アールアンドディー", JSON_NEW)], "json", "utf-8"),
    "_locales/ja/messages.json": (
        '{\n  "ask": {"message": "アールアンドディーに聞く", "description": "Menu item"}\n}\n',
        [("アールアンドディー", JSON_NEW)], "json", "utf-8"),
    "Localizable.xcstrings": (
        '{\n  "sourceLanguage" : "en",\n  "strings" : {\n    "Ask the lab" : {\n      "localizations" : {\n'
        '        "ja" : {\n          "stringUnit" : {\n            "state" : "translated",\n'
        '            "value" : "アールアンドディーに聞く"\n          }\n        }\n      }\n    }\n  },\n'
        '  "version" : "1.0"\n}\n',
        [("アールアンドディー", JSON_NEW)], "json", "utf-8"),
    "ja.lproj/Localizable.strings": (
        '/* Menu item */\n"ask" = "アールアンドディーに聞く";\n\n"meet" = "Tom&Cafeで\\"会う\\"";\n',
        [("アールアンドディー", JSON_NEW), ("Tom&Cafe", "トムズ・カフェ")], "strings", "utf-16"),
    "config/locales/ja.yml": (
        'ja:\n'
        '  ask: "アールアンドディーに聞く"\n'
        "  quoted: 'Tom&Cafeで会う'\n"
        "  single: 'アールアンドディーの''本部'''\n"
        '  plain: ナンバーワンラボへ行く\n'
        '  block: |\n    Tom&Cafeで\n    会う\n'
        '  plain2: アールアンドディーへ行く\n',
        [('"アールアンドディーに', f'"{JSON_NEW}に'), ("'Tom&Cafe", "'トムズ・カフェ"), (" アールアンドディーへ", f" {NEW}へ"),
         ("'アールアンドディーの", "'R&D \"Lab''s\"の"), ("    Tom&Cafe", "    トムズ・カフェ")], "yaml", "utf-8"),
}
# what each format's loader must read back where the deprecated term was
READ_BACK = {path: NEW for path in FILES}


def tk(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "translate_kit", *args], capture_output=True, text=True, cwd=cwd,
                          env={**os.environ, "NO_COLOR": "1"}, timeout=300)


@pytest.fixture(scope="module")
def fixed(tmp_path_factory):
    """The tree before, after one `fix`, after a second `fix`, and both runs' output."""
    root = tmp_path_factory.mktemp("formats")
    (root / "g.csv").write_text(GLOSSARY, encoding="utf-8")
    before = {}
    for rel, (text, _reps, _kind, encoding) in FILES.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode(encoding))
        before[rel] = path.read_bytes()
    args = ("fix", *FILES, "-g", "g.csv", "--select", "glossary-deprecated")
    first = tk(*args, cwd=root)
    after = {rel: (root / rel).read_bytes() for rel in FILES}
    second = tk(*args, cwd=root)
    again = {rel: (root / rel).read_bytes() for rel in FILES}
    return root, before, after, again, first, second


def _parses(data: bytes, kind: str, encoding: str) -> None:
    text = data.decode(encoding)
    if kind == "xml":
        SafeET.fromstring(data)
    elif kind == "json":
        json.loads(text)
    elif kind == "yaml":
        yaml.safe_load(text)


@pytest.mark.parametrize("rel", list(FILES))
def test_fix_writes_the_format_back(fixed, rel):
    root, before, after, again, first, second = fixed
    text, replacements, kind, encoding = FILES[rel]
    expected = text
    for old, new in replacements:
        assert expected.count(old) == 1, old
        expected = expected.replace(old, new)
    assert after[rel] == expected.encode(encoding), first.stderr  # only the replaced spans changed
    assert after[rel] != before[rel]
    _parses(after[rel], kind, encoding)
    doc = sources.load(str(root / rel))
    assert any(READ_BACK[rel] in seg.text for seg in doc.segments), [s.text for s in doc.segments]
    assert again[rel] == after[rel]  # a second run changes nothing


def test_the_second_run_finds_nothing_left_but_what_was_skipped(fixed):
    _root, _before, _after, _again, first, second = fixed
    assert first.returncode == 1, first.stdout + first.stderr  # the YAML plain scalar is left
    assert second.returncode == 1 and "fixed 0 finding(s)" in second.stderr
    left = [line for line in second.stdout.splitlines() if "glossary-deprecated" in line]
    assert len(left) == 1 and left[0].startswith(os.path.join("config", "locales", "ja.yml") + ":5:10:"), left


def test_unwritable_places_are_skipped_and_said(fixed):
    """A plain YAML scalar cannot start with `#` (a comment) without quoting: the file
    keeps it and stderr says why, at its place."""
    root, before, after, _again, first, _second = fixed
    assert "plain: ナンバーワンラボへ行く" in after["config/locales/ja.yml"].decode("utf-8")
    note = f"{os.path.join('config', 'locales', 'ja.yml')}:5:10: glossary-deprecated not fixed: "
    assert note + "the text would change the meaning of a plain YAML scalar" in first.stderr


def _escape(path: str, text: str, value: str, at: str):
    from translate_kit.fix import escape_for

    escape = escape_for(text, path)
    assert escape is not None
    return escape(value, text.index(at))


def test_each_format_escapes_by_the_place_it_writes_to():
    from translate_kit.sources.registry import Unwritable

    assert _escape("a.xlf", "<t><![CDATA[ラボ]]></t>", "a&b<c>", "ラボ") == "a&b<c>"  # CDATA holds it as is
    with pytest.raises(Unwritable):
        _escape("a.xlf", "<t><![CDATA[ラボ]]></t>", "x]]>y", "ラボ")
    assert _escape("a.xlf", '<t a="ラボ">x</t>', 'a"b\n', "ラボ") == "a&quot;b&#10;"  # an attribute value
    assert _escape("res/values-ja/strings.xml", '<string name="a">ラボ</string>', "@x", "ラボ") == "\\@x"
    with pytest.raises(Unwritable):
        _escape("res/values-ja/strings.xml", '<string name="a">ラボ</string>', "a  b", "ラボ")
    assert _escape("locales/ja/a.json", '{"a": "\\u30e9"}', "ラボ\n", "\\u30e9") == "\\u30e9\\u30dc\\n"  # an ASCII file
    with pytest.raises(Unwritable):
        _escape("app_ja.arb", '{"a": "ラボ"}', "{x}", "ラボ")
    assert _escape("ja.lproj/a.strings", '"a" = "ラボ";', "\x01\"", "ラボ") == '\\U0001\\"'
    yml = "ja:\n  a: \"ラボ\"\n  b: >\n    ラボ\n"
    assert _escape("config/locales/ja.yml", yml, "\t\x07", '"ラボ') == "\\t\\x07"
    with pytest.raises(Unwritable):
        _escape("config/locales/ja.yml", yml, "a\nb", "ラボ\n")  # a line break in a folded block
    from translate_kit.fix import escape_for

    assert escape_for("", "x.mo") is None  # a compiled catalog is fixed through its .po


def test_a_finding_across_a_folded_line_is_skipped_with_its_reason():
    from translate_kit.fix import fix_text
    from translate_kit.model import Finding, Severity

    text = "ja:\n  b: >\n    アールアンド\n    ディーです\n"
    f = Finding("glossary-deprecated", Severity.ERROR, "config/locales/ja.yml", 3, 5, 4, 8, "m", "アールアンド ディー", "R&D")
    out = fix_text(text, [f], "config/locales/ja.yml")
    assert out.text == text and "line break" in out.skipped[0].reason


def test_per_file_ignores_silence_rules_in_files_without_a_comment_form(tmp_path):
    """Plain JSON has no comment: the config's per-file-ignores (glob -> rule ids, relative
    to the config file) silences a rule there, and only there."""
    (tmp_path / "g.csv").write_text(GLOSSARY, encoding="utf-8")
    (tmp_path / "locales" / "ja").mkdir(parents=True)
    for name in ("common", "menu"):
        path = tmp_path / "locales" / "ja" / f"{name}.json"
        path.write_text('{"ask": "アールアンドディーに聞く"}\n', encoding="utf-8")
    args = ("check", "locales", "-g", "g.csv", "--select", "glossary-deprecated", "-f", "concise")
    before = tk(*args, cwd=tmp_path)
    assert before.returncode == 1 and before.stdout.count("glossary-deprecated") == 2, before.stdout + before.stderr
    (tmp_path / "pyproject.toml").write_text(
        '[tool.translate-kit.per-file-ignores]\n"locales/*/common.json" = ["glossary-deprecated"]\n', encoding="utf-8")
    after = tk(*args, cwd=tmp_path)
    assert after.returncode == 1, after.stderr
    assert [line.split(":")[0] for line in after.stdout.splitlines() if "glossary-deprecated" in line] == [
        os.path.join("locales", "ja", "menu.json")]
    (tmp_path / "pyproject.toml").write_text(
        '[tool.translate-kit.per-file-ignores]\n"locales/**" = ["no-such-rule"]\n', encoding="utf-8")
    bad = tk(*args, cwd=tmp_path)
    assert bad.returncode == 2 and "no-such-rule" in bad.stderr and "Traceback" not in bad.stderr


@pytest.mark.parametrize("declared, codec", [("Shift_JIS", "shift_jis"), ("EUC-JP", "euc_jp"), ("UTF-16", "utf-16")])
def test_an_xml_file_is_written_back_in_the_encoding_it_declares(tmp_path, declared, codec):
    """A file read by its XML declaration's encoding is written back in that encoding, not
    in UTF-8 under a declaration that says otherwise."""
    (tmp_path / "g.csv").write_text(GLOSSARY, encoding="utf-8")
    text = (f'<?xml version="1.0" encoding="{declared}"?>\n'
            '<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">\n'
            '  <file source-language="en" target-language="ja" datatype="plaintext" original="app">\n'
            '    <body><trans-unit id="cafe"><source>Meet at the cafe</source>'
            '<target>Tom&amp;Cafeで会う</target></trans-unit></body>\n'
            '  </file>\n</xliff>\n')
    path = tmp_path / "app.ja.xlf"
    path.write_bytes(text.encode(codec))
    result = tk("fix", "app.ja.xlf", "-g", "g.csv", "--select", "glossary-deprecated", cwd=tmp_path)
    data = path.read_bytes()
    assert data == text.replace("Tom&amp;Cafe", "トムズ・カフェ").encode(codec), result.stdout + result.stderr
    assert any("トムズ・カフェで会う" == seg.text for seg in sources.load(str(path)).segments)  # reads back as declared


def test_source_texts_of_catalogs_are_never_written_to():
    """A msgid (or an XLIFF/Qt <source>) is what the translation follows: a fix there would
    make the entry match no string of the program, so the escape refuses it; the
    translation beside it, a comment or a msgstr's continuation line, are written."""
    from translate_kit.sources.registry import SOURCE_TEXT, Unwritable

    po = ('#. ラボ in a comment\nmsgctxt "ラボ"\nmsgid ""\n"ラボ one"\nmsgid_plural "ラボ two"\n'
          'msgstr[0] ""\n"ラボ three"\n')
    for at in ('ラボ"\nmsgid', "ラボ one", "ラボ two"):
        with pytest.raises(Unwritable, match=re.escape(SOURCE_TEXT)):
            _escape("ja.po", po, "x", at)
    assert _escape("ja.po", po, 'x"', "ラボ three") == 'x\\"'
    assert _escape("ja.po", po, "x", "ラボ in") == "x"
    xlf = ('<unit><segment><source xml:space="preserve">ラボ one</source><source/>'
           '<target>ラボ two</target></segment></unit>')
    with pytest.raises(Unwritable):
        _escape("a.xlf", xlf, "x", "ラボ one")
    assert _escape("a.xlf", xlf, "x&", "ラボ two") == "x&amp;"  # an empty <source/> does not reach the target
    ts = "<message><source>ラボ one</source><translation>ラボ two</translation></message>"
    with pytest.raises(Unwritable):
        _escape("a_ja.ts", ts, "x", "ラボ one")
    assert _escape("a_ja.ts", ts, "x", "ラボ two") == "x"


def test_fix_leaves_a_slip_in_the_msgids_to_its_source(tmp_path):
    """entity-inconsistent reports a name spelt two ways in the msgids; `fix` says why it
    leaves it and still fixes the translations."""
    po = tmp_path / "app.ja.po"
    po.write_text(
        'msgid ""\nmsgstr ""\n"Language: ja\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "The lab was founded by Arnaud Benard."\nmsgstr "研究所はアルノー・ベナールが設立した。"\n\n'
        'msgid "The first talk was given by Arnaud Bernard."\nmsgstr "最初の講演はアルノー・ベナールだった。"\n\n'
        'msgid "Users"\nmsgstr "ユーザー"\n\nmsgid "Delete users"\nmsgstr "ユーザーを削除"\n\n'
        'msgid "Add users"\nmsgstr "ユーザを追加"\n',
        encoding="utf-8")
    before = po.read_text(encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "translate_kit", "fix", "--no-config", "app.ja.po"],
                          capture_output=True, text=True, cwd=tmp_path, env={**os.environ, "NO_COLOR": "1"}, timeout=120)
    after = po.read_text(encoding="utf-8")
    assert "Arnaud Bernard" in after and "ユーザーを追加" in after, proc.stderr
    assert after == before.replace("ユーザを追加", "ユーザーを追加")
    assert "app.ja.po:9:36: entity-inconsistent not fixed: it stands in a source text" in proc.stderr
