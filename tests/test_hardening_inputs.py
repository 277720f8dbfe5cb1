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


def test_align_compares_spellings_not_uses():
    """A long segment repeats a few words many times: aligning 20,000 uses of "server"
    with 20,000 katakana words compared every use with every use (400,000,000 look-ups,
    minutes); the score is read once per pair of spellings, and each use still pairs
    with its own katakana word, in order."""
    import time

    from translate_kit.rules.term_inconsistent import RunMemo, _Source, align
    from translate_kit.wordunits import Unit

    memo = RunMemo()
    memo.scores["server"] = {"サーバー": 1.0, "データ": 0.0}
    sources = [_Source("server", 7 * i) for i in range(20000)]
    units = [Unit(4 * i, 4 * i + 3, "データ", "データ", True) for i in range(20000)]
    units += [Unit(80000 + 5 * i, 80004 + 5 * i, "サーバー", "サーバー", True) for i in range(10)]
    start = time.process_time()
    pairs = align(sources, units, memo)
    assert time.process_time() - start < 3
    assert [(s.position, u.start) for s, u in pairs] == [(7 * i, 80000 + 5 * i) for i in range(10)]


def test_one_huge_catalog_entry_is_checked_in_time(run_check):
    """A whole document pasted into one msgstr (200,000 characters of Japanese, its
    English in the msgid) took minutes growing as the square of its length (each
    katakana run searched the segment's words from the start, every source word was
    compared with every katakana word): 10 MB did not finish in 15 minutes."""
    import time

    msgstr = "ユーザーはサーバーに接続し、データをアップロードします。" * 7000
    msgid = "The user connects to the server and uploads the data. " * 7000
    start = time.process_time()
    result = run_check({"ja.po": f'msgid ""\nmsgstr ""\n"Language: ja\\n"\n\nmsgid "{msgid}"\nmsgstr "{msgstr}"\n'}, jobs=1)
    assert time.process_time() - start < 15
    assert not result.errors


@pytest.mark.parametrize("declared, expected", [
    ("klingon", "unknown encoding 'klingon'"),
    ("base64", "'base64' is not a text encoding"),
    ("UTF-16", "the declaration names 'UTF-16', but is not written in it"),
])
def test_an_xml_declaration_naming_an_unusable_encoding_is_shown_at_its_line(tmp_path, declared, expected):
    """The declared encoding of an XLIFF, TMX, Qt or Android file was refused without a
    line (unknown, or not a text encoding), or, naming UTF-16 in a file written in
    ASCII, decoded to CJK soup that expat called 'not well-formed (invalid token)'."""
    path = tmp_path / "ja.xlf"
    path.write_bytes(f'\n<?xml version="1.0" encoding="{declared}"?>\n<xliff version="1.2"/>\n'.encode())
    with pytest.raises(InputFileError) as caught:
        load(str(path))
    assert caught.value.line == 2
    assert caught.value.message.startswith(expected)


@pytest.mark.parametrize("target, target_text, source, damaged, source_line, sound", [
    ("locales/ja/common.json", '{"a": "%s 件のファイル"}', "locales/en/common.json", b'{"a": "%s files', 1, b'{"a": "%s files"}'),
    ("config/locales/ja.yml", 'ja:\n  a: "%{n} 件"\n', "config/locales/en.yml", b'en:\n  a: "%{n} files"\n  b: [\n', 4,
     b'en:\n  a: "%{n} files"\n'),
    ("res/values-ja/strings.xml", '<resources><string name="a">%1$s 件</string></resources>',
     "res/values/strings.xml", b'<resources>\n<string name="a">%1$s files</resources>', 2,
     b'<resources>\n<string name="a">%1$s files</string></resources>'),
    ("ja.lproj/Localizable.strings", '"a" = "%@ 件";\n', "en.lproj/Localizable.strings", b'"a" = "%@ files\xff";\n', 1,
     b'"a" = "%@ files";\n'),
])
def test_a_key_file_whose_source_file_cannot_be_read_says_so(run_check, target, target_text, source, damaged, source_line, sound, tmp_path):
    """A translation checked alone (its source file not in the run) whose source file is
    damaged was read as prose without a word: no placeholder or term check, exit 0. The
    translation now carries one error naming the source file and its line."""
    (tmp_path / source).parent.mkdir(parents=True)
    (tmp_path / source).write_bytes(damaged)
    result = run_check({target: target_text})
    [error] = result.errors
    assert error.path.endswith(target) and error.line == 1
    assert f"{source}:{source_line}: " in error.message and "\n" not in error.message
    (tmp_path / source).write_bytes(sound)
    assert not run_check({target: target_text}).errors


_DIGITS = "9" * 5000  # past int()'s limit of 4,300 digits


def test_a_plural_index_of_thousands_of_digits_is_one_error_on_its_line(tmp_path):
    """`msgstr[999…]` with 5,000 digits made the scanner call int() on it: a traceback that
    ended check and compile. The index is compared as digits."""
    from translate_kit.catalog.files import read_po

    path = tmp_path / "ja.po"
    path.write_text(f'msgid ""\nmsgstr "Language: ja\\n"\n\nmsgid "a"\nmsgid_plural "b"\nmsgstr[0] "x"\nmsgstr[{_DIGITS}] "y"\n', encoding="utf-8")
    for read in (load, read_po):
        with pytest.raises(InputFileError) as caught:
            read(str(path))
        assert caught.value.line == 7
        assert caught.value.message.startswith("plural index gap: expected msgstr[1]")


def test_a_plural_count_of_thousands_of_digits_is_a_finding_not_a_crash(run_check):
    """nplurals=999… (5,000 digits) crashed the plural-forms rule (int() refuses it): the
    run said 'rule plural-forms crashed'. Such a count does not parse."""
    result = run_check({"ja.po": f'msgid ""\nmsgstr ""\n"Language: ja\\n"\n"Plural-Forms: nplurals={_DIGITS}; plural=0;\\n"\n\nmsgid "a"\nmsgstr "x"\n'})
    assert not result.errors
    [finding] = [f for f in result.findings if f.rule == "plural-forms"]
    assert "cannot be parsed" in finding.message


@pytest.mark.parametrize("field, value, line", [("Language", "../../etc", 4), ("Plural-Forms", "nplurals=one; plural=n;", 5)])
def test_a_header_value_compile_refuses_is_shown_at_its_line(tmp_path, field, value, line):
    """compile named the file but not the line of a header field Babel cannot read."""
    from translate_kit.catalog.compile import mo_bytes
    from translate_kit.catalog.files import read_po

    header = {"Language": "ja", "Plural-Forms": "nplurals=1; plural=0;", field: value}
    path = tmp_path / "ja.po"
    path.write_text('# comment\nmsgid ""\nmsgstr ""\n' + "".join(f'"{k}: {v}\\n"\n' for k, v in header.items()) + '\nmsgid "a"\nmsgstr "x"\n',
                    encoding="utf-8")
    with pytest.raises(InputFileError) as caught:
        mo_bytes(read_po(str(path)), path=str(path))
    assert caught.value.line == line
    assert f"header's {field} value" in caught.value.message


def test_an_error_quoting_thousands_of_characters_is_cut_but_its_path_never():
    """An error quoting a 5,000-digit header value was a 5,000-character line."""
    from translate_kit.model import InputError

    path = "d/" * 300 + "ja.po"
    shown = InputError(path, 4, "the value '" + _DIGITS + "' does not parse").shown()
    assert shown.startswith(f"{path}:4: the value '999")
    assert shown.endswith("999' does not parse")
    assert len(shown) < len(path) + 420
    assert InputError(path, 4, "short").shown() == f"{path}:4: short"


_UTF8_TEXT = "ユーザーを削除"


@pytest.mark.parametrize("name, template, line", [
    ("ja.xlf", '<?xml version="1.0" encoding="{enc}"?>\n<xliff version="1.2"><file source-language="en" target-language="ja">'
               '<body><trans-unit id="a"><source>Delete the user</source><target>{text}</target></trans-unit></body></file></xliff>\n', 1),
    ("ja.po", 'msgid ""\nmsgstr ""\n"Language: ja\\n"\n"Content-Type: text/plain; charset={enc}\\n"\n\nmsgid "Delete the user"\nmsgstr "{text}"\n', 4),
    ("glossary.tbx", '<?xml version="1.0" encoding="{enc}"?>\n<tbx type="TBX-Basic" style="dca" xml:lang="en"><text><body>'
                     '<conceptEntry id="u"><langSec xml:lang="ja"><termSec><term>{text}</term></termSec></langSec></conceptEntry></body></text></tbx>\n', 1),
])
@pytest.mark.parametrize("declared", ["Shift_JIS", "windows-1252", "ISO-8859-1"])
def test_a_file_declaring_a_legacy_encoding_but_written_in_utf8_is_refused_on_the_declaration(tmp_path, name, template, line, declared):
    """A file re-saved as UTF-8 by an editor that kept `encoding="Shift_JIS"` or
    `charset=ISO-8859-1` was read as declared: mojibake checked without a word (東京 became
    荳應ｺｬ in a glossary). Bytes that do not decode as declared (UTF-8 read as EUC-JP) are
    still reported where decoding stops."""
    path = tmp_path / name
    path.write_bytes(template.format(enc=declared, text=_UTF8_TEXT).encode("utf-8"))
    with pytest.raises(InputFileError) as caught:
        (load_glossary if name.endswith(".tbx") else load)(str(path))
    assert caught.value.line == line
    assert caught.value.message.endswith("but the file is written in UTF-8 (declare UTF-8)" if "xml" in template[:6]
                                         else "but the file is written in UTF-8 (declare charset=UTF-8)")


@pytest.mark.parametrize("declared, text", [("Shift_JIS", _UTF8_TEXT), ("EUC-JP", _UTF8_TEXT), ("ISO-8859-1", "Café crème brûlée"),
                                            ("Shift_JIS", "ASCII only"), ("UTF-8", _UTF8_TEXT),
                                            ("EUC-JP", "発表"), ("EUC-JP", "労働"), ("EUC-JP", "連邦")])
def test_a_file_written_in_what_it_declares_is_read(tmp_path, declared, text):
    """What the rule must leave alone: legacy text in its declared encoding, ASCII under any
    declaration, UTF-8 declared as UTF-8; EUC-JP text whose bytes happen to be UTF-8 too
    (発表 is C8 AF C9 BD: ȯɽ, letters of IPA and Latin Extended-B no text is written in)."""
    for name, template in (("ja.po", 'msgid ""\nmsgstr ""\n"Language: ja\\n"\n"Content-Type: text/plain; charset={enc}\\n"\n\n'
                                     'msgid "x"\nmsgstr "{text}"\n'),
                           ("ja.xlf", '<?xml version="1.0" encoding="{enc}"?>\n<xliff version="1.2"><file source-language="en" '
                                      'target-language="ja"><body><trans-unit id="a"><source>x</source><target>{text}</target>'
                                      '</trans-unit></body></file></xliff>\n')):
        path = tmp_path / name
        path.write_bytes(template.format(enc=declared, text=text).encode(declared))
        assert text in load(str(path)).text


def test_a_config_or_baseline_that_is_not_utf8_is_shown_at_its_line(tmp_path):
    """'config is not valid UTF-8' and 'baseline is not valid UTF-8' named the file only;
    a TOML or JSON syntax error in the same files names its line."""
    from translate_kit.baseline import BaselineError, load_baseline
    from translate_kit.config import ConfigError, load_config

    config = tmp_path / "translate-kit.toml"
    config.write_bytes(b'lang = "ja"\n\n# caf\xe9\nfail-on = "error"\n')
    with pytest.raises(ConfigError) as caught:
        load_config(str(config))
    assert caught.value.line == 3 and caught.value.shown().endswith("translate-kit.toml:3: config is not valid UTF-8")
    baseline = tmp_path / "bl.json"
    baseline.write_bytes(b'{"version": 1,\n "entries": ["\xff"]}\n')
    with pytest.raises(BaselineError) as raised:
        load_baseline(str(baseline))
    assert str(raised.value).endswith("bl.json:2: baseline is not valid UTF-8")


@pytest.mark.parametrize("text, line", [
    ("ja:\n  a: " + "{b: " * 990 + "テスト" + "}" * 990 + "\n", 2),
    ("ja:\n" + "".join("  " * (i + 1) + "k:\n" for i in range(990)) + "  " * 991 + "テスト\n", 67),
])
def test_a_locale_file_nested_hundreds_deep_is_one_error(tmp_path, text, line):
    """libyaml composes 990 levels, and walking the keys recursed past Python's limit: a
    RecursionError traceback that ended the run. Keys nest at most 64 levels, as prh YAML."""
    path = tmp_path / "config/locales/ja.yml"
    path.parent.mkdir(parents=True)
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputFileError) as caught:
        load(str(path))
    assert caught.value.line == line
    assert caught.value.message == "malformed YAML: keys nested deeper than 64 levels"


def test_front_matter_nested_thousands_deep_is_read_past(tmp_path):
    """A front matter block of `[` nested 100,000 deep made PyYAML's parser recurse past
    Python's limit while deciding whether the block is front matter: a traceback. Such a
    block is judged as one that does not parse (by its first line, a key)."""
    path = tmp_path / "doc.ja.md"
    path.write_text("---\nt: " + "[" * 100000 + "\n---\n\nユーザーを追加します。\n", encoding="utf-8")
    doc = load(str(path))
    assert "ユーザー" in "".join(s.text for s in doc.segments)
    assert all("[" not in s.text for s in doc.segments)


@pytest.mark.parametrize("name, wrap", [
    ("locales/ja/common.json", lambda inner: '{"a": ' + inner + "}"),
    ("Localizable.xcstrings", lambda inner: '{"sourceLanguage": "en", "strings": {"a": ' + inner + "}}"),
])
def test_json_nested_hundreds_deep_is_one_error_and_64_levels_are_read(tmp_path, name, wrap):
    """json accepts about 1,000 levels, and the scanner that keeps offsets recursed over
    them: 500 levels were a RecursionError traceback that ended the run (200,000 levels,
    which json refuses, were already one error)."""
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(wrap("\n" + '{"b": ' * 500 + '"テスト"' + "}" * 500), encoding="utf-8")
    with pytest.raises(InputFileError) as caught:
        load(str(path))
    assert caught.value.message == "malformed JSON: nested deeper than 64 levels" and caught.value.line == 2
    path.write_text(wrap('{"b": ' * 60 + '"テスト"' + "}" * 60), encoding="utf-8")
    load(str(path))


def test_a_katakana_run_of_thousands_of_characters_next_to_a_latin_name_is_checked_in_time():
    """3,000,000 katakana pasted into a heading of a document that names Tomás Herrera
    did not finish in three minutes: whether the run is the surname and one more word
    tried every prefix of it, each read whole (10,000 characters: 67 seconds; now 11
    seconds for the 3,000,000). A transcription has at most three kana per letter; the
    prefixes past that are not tried."""
    import time

    from translate_kit.cluster import _surname_and_a_word

    start = time.process_time()
    assert not _surname_and_a_word("Herrera", "ア" * 6000)
    assert time.process_time() - start < 2
    assert _surname_and_a_word("Memory", "メモリビュー") and _surname_and_a_word("Smith", "スミスソン")
    assert not _surname_and_a_word("Miller", "ミラーズ")
