"""Bad input in every format: one line naming the file and line, exit 2, other files
still checked."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from translate_kit.model import InputFileError
from translate_kit.sources import load

REPO = Path(__file__).resolve().parent.parent

# file name -> (content, line the error must name)
MALFORMED = {
    "broken.xlf": ('<xliff version="1.2">\n<file>\n<body>\n<trans-unit id="a"><source>x</target>\n</body></file></xliff>\n', 4),
    "entity.xliff": ('<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY boom "b">]>\n<xliff version="2.0">&boom;</xliff>\n', 2),
    "ja.json": ('{\n  "a": "x",\n  "b": "y"\n  "c": 1\n}\n', 4),
    "app_ja.arb": ('{\n  "a": "unterminated\n}\n', 2),
    "values-ja/strings.xml": ('<resources>\n  <string name="a">x</string>\n  <string name="b">y</strin>\n</resources>\n', 3),
    "m.tmx": ('<tmx version="1.4">\n<body>\n<tu><tuv xml:lang="en"><seg>a &nbsp; b</seg></tuv></tu>\n</body></tmx>\n', 3),
    "app_ja.ts": ('<?xml version="1.0"?>\n<TS version="2.1">\n<context>\n<message><source>x</message>\n</context></TS>\n', 4),
    "ja.lproj/Localizable.strings": ('/* ok */\n"a" = "b";\n"c" = "d"\n"e" = "f";\n', 4),
    "ja.lproj/Localizable.stringsdict": ('<plist>\n<dict>\n<key>a</key>\n<dict></plist>\n', 4),
    "Localizable.xcstrings": ('{\n  "sourceLanguage": "en",\n  "strings": {,}\n}\n', 3),
    "locales/ja.yml": ('ja:\n  a: "x"\n  b: "unterminated\n  c: d\n', 5),
    "locales/keys.yml": ('ja:\n  a: x\n  ? [b, c]\n  : d\n', 3),  # a list as a key: YAML, no message key
    "wrong-root.xlf": ('<?xml version="1.0"?>\n\n<tmx version="1.4"/>\n', 3),
}


@pytest.mark.parametrize("name", sorted(MALFORMED))
def test_loader_error_names_the_line(tmp_path, name):
    text, line = MALFORMED[name]
    path = tmp_path / name
    path.parent.mkdir(exist_ok=True)
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputFileError) as info:
        load(str(path))
    assert info.value.line == line
    assert "\n" not in info.value.message


def test_cli_reports_each_bad_file_on_one_line_and_exits_2(tmp_path):
    for name, (text, _line) in MALFORMED.items():
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    (tmp_path / "good.txt").write_text("今日は晴れです。\n", encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "translate_kit", "check", "--format", "concise", str(tmp_path)],
        capture_output=True, text=True, cwd=REPO, env={**os.environ, "NO_COLOR": "1"}, timeout=120,
    )
    assert proc.returncode == 2, proc.stderr
    assert "Traceback" not in proc.stderr
    lines = [l for l in proc.stderr.splitlines() if str(tmp_path) in l]
    for name, (_text, line) in MALFORMED.items():
        where = f"{tmp_path / name}:{line}:" if line else f"{tmp_path / name}:"
        assert sum(l.startswith(where) for l in lines) == 1, (name, proc.stderr)


def test_a_file_name_with_a_line_break_or_terminal_escape_stays_on_its_one_line(tmp_path):
    """The error line names the file with its control characters escaped: a raw line
    break split it in two, and an escape sequence reached the terminal."""
    (tmp_path / "bad\n\x1b[2J.ja.po").write_text('msgid "a"\nmsgstr "b\n', encoding="utf-8")
    (tmp_path / "good.txt").write_text("今日は晴れです。\n", encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "translate_kit", "check", "--no-cache", "--no-config", "-q", str(tmp_path)],
        capture_output=True, text=True, cwd=REPO, env={**os.environ, "NO_COLOR": "1"}, timeout=120,
    )
    assert proc.returncode == 2 and "\x1b" not in proc.stderr
    assert proc.stderr.splitlines() == [f"{tmp_path}/bad\\n\\x1b[2J.ja.po:2: unterminated string"]
