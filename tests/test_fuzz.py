"""Property-based fuzzing of every loader and of `check` (issue #17): whatever the input,
the only exceptions allowed are the project's own input errors (InputFileError,
ConfigError, BaselineError), which the CLI turns into one line and exit 2.

`make test` runs a few examples of each; `make fuzz` (HYPOTHESIS_PROFILE=fuzz) runs
thousands. Text is Japanese-heavy: kana, kanji, the enclosed and compatibility characters
Sudachi expands (⑴, ⒈, ㍘, ㏠), brackets, Latin names and each format's own syntax.
"""

from __future__ import annotations

import os
import tempfile

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from translate_kit.baseline import BaselineError, load_baseline
from translate_kit.config import ConfigError, load_config
from translate_kit.glossary import load_glossary
from translate_kit.model import InputFileError
from translate_kit.options import CheckOptions
from translate_kit.run import check_paths
from translate_kit.sources import load, load_text

settings.register_profile("default", max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("fuzz", max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))

_RANGES = [
    (0x3041, 0x3096), (0x30A1, 0x30FC), (0x4E00, 0x4FFF), (0x2460, 0x24FF), (0x3200, 0x33FF),
    (0xFF01, 0xFF9F), (0x3000, 0x303F), (0x0041, 0x007A), (0x00C0, 0x00FF),
]
_JA_CHAR = st.one_of(*(st.characters(min_codepoint=a, max_codepoint=b) for a, b in _RANGES))
_SYNTAX = st.sampled_from([
    "\n", " ", "。", "、", "「", "」", "（", "）", "(", ")", "・", "ー", "ッ", "#", "*", "_", "`", "```", "<!--", "-->", "<b>", "</b>",
    "[", "]", "|", "> ", "- ", "1. ", "%s", "%(name)s", "{0}", "\\", '"', "\r", "\t", "\u200b", "\ufeff", "---\n",
    "ベナール", "バーナード", "Arnaud Benard", "ユーザ", "ユーザー", "サーバ", "Mistral AI", "さん", "氏", "社", "⑴", "⒈", "㍘", "㏠",
])
JA_TEXT = st.lists(st.one_of(_JA_CHAR, _SYNTAX), max_size=120).map("".join)
ANY_TEXT = st.one_of(JA_TEXT, st.text(max_size=200))
INPUT_ERRORS = (InputFileError, ConfigError, BaselineError)


def _po_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


@st.composite
def po_catalogs(draw) -> str:
    """A catalog that is mostly well-formed, with random strings, flags and plurals, and
    sometimes raw text spliced in."""
    lines = ['msgid ""', 'msgstr ""', '"Language: ja\\n"', '"Content-Type: text/plain; charset=UTF-8\\n"']
    if draw(st.booleans()):
        lines.append(f'"Plural-Forms: nplurals={draw(st.integers(0, 7))}; plural={draw(st.sampled_from(["0", "(n != 1)", "n", "(n"]))};\\n"')
    for _ in range(draw(st.integers(0, 6))):
        lines.append("")
        if draw(st.booleans()):
            lines.append("#, " + draw(st.sampled_from(["fuzzy", "python-format", "c-format", "fuzzy, python-format"])))
        if draw(st.booleans()):
            lines.append("# translate-kit: ignore")
        if draw(st.booleans()):
            lines.append("msgctxt " + _po_string(draw(JA_TEXT)))
        lines.append("msgid " + _po_string(draw(ANY_TEXT)))
        if draw(st.booleans()):
            lines.append("msgid_plural " + _po_string(draw(ANY_TEXT)))
            for i in range(draw(st.integers(0, 3))):
                lines.append(f"msgstr[{i}] " + _po_string(draw(JA_TEXT)))
        else:
            lines.append("msgstr " + _po_string(draw(JA_TEXT)))
    if draw(st.integers(0, 4)) == 0:
        lines.insert(draw(st.integers(0, len(lines))), draw(ANY_TEXT))
    return "\n".join(lines) + "\n"


def _load_file(loader, name: str, data: str | bytes) -> None:
    """Write `data` to a file called `name` and load it; only input errors may come out."""
    with tempfile.TemporaryDirectory() as tmp:
        try:
            loader(_write(tmp, name, data))
        except INPUT_ERRORS:
            pass


def _write(directory: str, name: str, data: str | bytes) -> str:
    path = os.path.join(directory, name)
    with open(path, "wb") as fh:
        fh.write(data.encode("utf-8", "surrogatepass") if isinstance(data, str) else data)
    return path


@given(text=ANY_TEXT, fmt=st.sampled_from(["text", "markdown"]), lang=st.sampled_from([None, "ja", "en"]))
def test_text_and_markdown_loaders(text, fmt, lang):
    doc = load_text(text, path=f"x.{fmt}", format=fmt, lang=lang)
    for segment in doc.segments:
        if segment.char_offsets is None:
            assert text[segment.start:segment.end] == segment.text


@given(catalog=st.one_of(po_catalogs(), ANY_TEXT))
def test_po_loader(catalog):
    try:
        load_text(catalog, path="x.po", format="po")
    except INPUT_ERRORS:
        pass


@given(data=st.one_of(st.binary(max_size=300), ANY_TEXT.map(lambda t: t.encode("utf-8", "surrogatepass"))),
       name=st.sampled_from(["x.txt", "x.md", "x.po"]))
def test_loading_any_bytes(data, name):
    _load_file(load, name, data)


_CSV_CELL = st.one_of(JA_TEXT, st.sampled_from(["en", "ja", "preferred", "deprecated", "admitted", "term", "person", "", '"', ","]))


@st.composite
def csv_glossaries(draw) -> str:
    header = draw(st.sampled_from(["concept,lang,term,status,type,note", "en,ja", "en,ja,status", "term", draw(JA_TEXT)]))
    rows = [",".join(draw(st.lists(_CSV_CELL, min_size=1, max_size=7))) for _ in range(draw(st.integers(0, 6)))]
    return "\n".join([header, *rows]) + "\n"


@st.composite
def tbx_glossaries(draw) -> str:
    entries = []
    for i in range(draw(st.integers(0, 4))):
        terms = "".join(
            f'<langSet xml:lang="{draw(st.sampled_from(["en", "ja", "", "x"]))}"><tig><term>{draw(JA_TEXT).replace("<", "&lt;").replace("&", "&amp;")}</term>'
            f'<termNote type="administrativeStatus">{draw(st.sampled_from(["preferredTerm-admn-sts", "deprecatedTerm-admn-sts", "x"]))}</termNote></tig></langSet>'
            for _ in range(draw(st.integers(0, 3)))
        )
        entries.append(f'<termEntry id="{draw(st.sampled_from(["c", "c", "", "d"]))}{i}">{terms}</termEntry>')
    body = "".join(entries)
    doc = f'<?xml version="1.0" encoding="UTF-8"?><martif type="TBX" xml:lang="en"><text><body>{body}</body></text></martif>'
    if draw(st.integers(0, 4)) == 0:
        cut = draw(st.integers(0, len(doc)))
        doc = doc[:cut] + draw(ANY_TEXT) + doc[cut:]
    return doc


@st.composite
def prh_glossaries(draw) -> str:
    rules = []
    for _ in range(draw(st.integers(0, 4))):
        patterns = draw(st.lists(st.one_of(JA_TEXT, st.sampled_from(["/ユーザ(?!ー)/", "/x/i", "*a", "&a", "- x"])), max_size=3))
        rules.append("  - expected: " + repr(draw(JA_TEXT)) + "\n    patterns:\n" + "".join(f"      - {p!r}\n" for p in patterns))
    text = "version: 1\nrules:\n" + "".join(rules)
    if draw(st.integers(0, 3)) == 0:
        cut = draw(st.integers(0, len(text)))
        text = text[:cut] + draw(ANY_TEXT) + text[cut:]
    return text


@given(text=st.one_of(csv_glossaries(), tbx_glossaries(), prh_glossaries(), po_catalogs(), ANY_TEXT),
       name=st.sampled_from(["g.csv", "g.tbx", "g.yml", "g.po"]))
def test_glossary_loaders(text, name):
    _load_file(load_glossary, name, text)


_TOML_VALUE = st.one_of(
    st.sampled_from(['"ja"', '"jp"', '"en"', "true", "2", "-1", "9999", '"C"', '"cp932"', '"base64"', '["*.po"]', '["[z-a]"]', '"docs/**"', "[[1]]", "{a = 1}"]),
    JA_TEXT.map(lambda t: '"' + t.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'),
)
_TOML_KEY = st.sampled_from(["lang", "source-lang", "encoding", "split-mode", "include", "exclude", "glossary", "jobs", "fail-on",
                             "include-fuzzy", "report-untranslated", "rules.orthographic-variant.severity",
                             "rules.markup-mismatch.enabled", "unknown"])


@given(pairs=st.lists(st.tuples(_TOML_KEY, _TOML_VALUE), max_size=6), noise=st.one_of(st.just(""), ANY_TEXT),
       name=st.sampled_from(["translate-kit.toml", "pyproject.toml"]))
def test_config_loader(pairs, noise, name):
    table = "[tool.translate-kit]\n" if name == "pyproject.toml" else ""
    _load_file(load_config, name, table + "".join(f"{k} = {v}\n" for k, v in pairs) + noise)


@given(text=st.one_of(ANY_TEXT, st.just('{"version": 1, "entries": []}'), st.just('{"version": 1, "entries": [{"rule": 1}]}')))
def test_baseline_loader(text):
    _load_file(load_baseline, "b.json", text)


@settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(texts=st.lists(st.tuples(st.sampled_from(["a.txt", "b.md", "c.po", "d.txt"]), st.one_of(JA_TEXT, po_catalogs())),
                      min_size=1, max_size=3, unique_by=lambda t: t[0]),
       report_untranslated=st.booleans())
def test_check_never_raises(engine, texts, report_untranslated):
    with tempfile.TemporaryDirectory() as tmp:
        paths = [_write(tmp, name, text) for name, text in texts]
        result = check_paths(paths, CheckOptions(report_untranslated=report_untranslated), engine=engine)
        assert not [e for e in result.errors if "crashed" in e.message]
