"""Damaged files no earlier test gave the loaders: each is one input error naming its
file and line, never a traceback, and the rest of the run goes on."""

from __future__ import annotations

import pytest

from translate_kit.glossary import load_glossary
from translate_kit.model import InputFileError
from translate_kit.sources import load


@pytest.mark.parametrize("name, text, line, column", [
    ("locales/ja.yml", 'ja:\n  title: "ようこそ\x10"\n', 2, 15),
    ("locales/ja.yml", "ja:\n  a: b\n  c: \ufffe\n", 3, 6),
    ("prh.yml", "version: 1\nrules:\n  - expected: ユーザー\x07\n", 3, 19),
])
def test_a_character_yaml_refuses_is_shown_at_its_line(tmp_path, name, text, line, column):
    """A control character is refused by PyYAML's reader before parsing, with an offset
    (in characters, or in UTF-8 bytes from libyaml) and no line: the message was
    'malformed YAML: syntax error' with no line for a locale file, and a two-line
    'unacceptable character ... position 32' for a prh glossary."""
    path = tmp_path / name
    path.parent.mkdir(exist_ok=True)
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputFileError) as caught:
        (load_glossary if name == "prh.yml" else load)(str(path))
    assert caught.value.line == line
    assert "\n" not in caught.value.message
    assert caught.value.message.startswith("malformed YAML: character U+")
    assert caught.value.message.endswith(f"(column {column})")
