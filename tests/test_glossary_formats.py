"""Glossary formats: loading, round trips, TBX safety and schema, validation, the glossary CLI."""

from __future__ import annotations

import io
import os
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from translate_kit.glossary import (
    Concept,
    Glossary,
    Term,
    convert,
    format_for,
    load_glossary,
    save_glossary,
    validate,
)
from translate_kit.glossary import csv_format, po_format, prh, tbx, wide_csv
from translate_kit.glossary_cli import glossary as glossary_group
from translate_kit.model import InputFileError

DATA = Path(__file__).resolve().parent / "data" / "glossary"
SCHEMA = Path(__file__).resolve().parents[2] / "shared" / "schemas" / "TBXcoreStructV03.rng"
MARKER = "SECRET-MARKER-7f3a"


def canon(g: Glossary) -> list[tuple]:
    """Everything a round trip must keep: concepts in order, with type, note and terms (any order)."""
    return [(c.id, c.type, c.note, sorted((t.lang, t.text, t.status) for t in c.terms)) for c in g.concepts]


def terms(c: Concept) -> list[tuple[str, str, str]]:
    return [(t.lang, t.text, t.status) for t in c.terms]


def data(name: str) -> str:
    return str(DATA / name)


# ------------------------------------------------------------------------- loading


def test_long_csv_loads_every_status_type_and_note():
    g = load_glossary(data("full.csv"))
    assert g.languages == ("en", "ja", "zh-Hans", "fr", "de")
    assert [c.id for c in g.concepts] == ["user", "sam-altman", "openai", "chatgpt", "tokyo", "1st-party", "data set", "a_x0041_b"]
    assert {c.type for c in g.concepts} == {"term", "person", "organization", "product", "place"}
    assert {t.status for c in g.concepts for t in c.terms} == {"preferred", "admitted", "deprecated"}
    assert g.concept("sam-altman").note == 'Say "Altman" on second mention,\nnever "Sam".'
    assert g.concept("user").path == data("full.csv")


def test_wide_csv_loads():
    g = load_glossary(data("wide.csv"))
    assert g.languages == ("en", "ja", "zh-Hans", "fr")
    assert [(c.id, c.type, c.note, c.line) for c in g.concepts] == [
        ("user", "term", "Who uses it, not who pays", 2),
        ("tokyo", "place", "", 3),
        ("openai", "organization", "", 4),
        ("kyoto", "term", "", 5),
    ]
    assert terms(g.concepts[0]) == [
        ("en", "user", "preferred"),
        ("ja", "ユーザー", "preferred"),
        ("ja", "利用者", "admitted"),
        ("zh-Hans", "用户", "preferred"),
        ("fr", "utilisateur", "preferred"),
    ]
    assert terms(g.concepts[3]) == [("en", "Kyoto", "preferred"), ("ja", "京都", "preferred")]


def test_wide_csv_generated_ids_avoid_explicit_ones():
    text = "EN,id,ja\nTokyo,,東京\nTokyo (alt),tokyo,トーキョー\n,,京都\n"
    g = wide_csv.load(io.StringIO(text), path="w.csv")
    assert [c.id for c in g.concepts] == ["tokyo-2", "tokyo", "京都"]
    assert g.languages == ("EN", "ja")


def test_wide_csv_starts_rows_at_their_first_line():
    text = 'id,en,note\na,alpha,"two\nlines"\nb,beta,\n'
    g = wide_csv.load(io.StringIO(text), path="w.csv")
    assert [c.line for c in g.concepts] == [2, 4]


@pytest.mark.parametrize("module, header", [(csv_format, ",".join(csv_format.HEADER)), (wide_csv, "id,en,ja")], ids=["long", "wide"])
@pytest.mark.parametrize("row, reason", [('u,ja,"ユーザー,preferred\n', "unexpected end of data"), ('u,ja,"ユーザ"ー,preferred\n', "',' expected after '\"'")],
                         ids=["quote-left-open", "text-after-closing-quote"])
def test_csv_quoting_mistakes_are_refused_not_guessed(module, header, row, reason):
    """A quote left open swallowed the rest of the file into one term, and text after a
    closing quote was glued on: both are now malformed CSV at their line."""
    with pytest.raises(InputFileError) as info:
        module.load(io.StringIO(header + "\nu,en,user\n" + row), path="g.csv")
    assert (info.value.line, info.value.message) == (3, f"malformed CSV: {reason}")


@pytest.mark.parametrize(
    "header, message",
    [
        ("id,en,ja,ja\n", "column 'ja' appears twice in the header (columns 3 and 4)"),
        ("id,type,note\n", "no language column in the header"),
        ("en,term\n", "header cell 'term' is neither id, type, note nor a language code"),
    ],
)
def test_wide_csv_bad_headers(header, message):
    with pytest.raises(InputFileError) as info:
        wide_csv.load(io.StringIO(header + "x,y,z,w\n"), path="w.csv")
    assert (info.value.line, info.value.message) == (1, message)


def test_prh_loads_rules_imports_first():
    g = load_glossary(data("prh.yml"))
    assert [c.id for c in g.concepts] == ["コンピューター", "プリンター", "ユーザー", "サーバー", "javascript", "ウェブ"]
    assert all(c.type == "term" for c in g.concepts) and g.languages == ("ja",)
    assert [c.path for c in g.concepts[:3]] == [data("prh-common.yml"), data("prh-common.yml"), data("prh.yml")]
    user = g.concept("ユーザー")
    assert terms(user) == [("ja", "ユーザー", "preferred"), ("ja", "ユーザ", "deprecated")]
    assert user.note == "prh: regex patterns not imported: /ユーザ(?!ー)/"
    assert [t.line for t in user.terms] == [5, 7]
    assert terms(g.concept("サーバー")) == [("ja", "サーバー", "preferred"), ("ja", "サーバ", "deprecated")]
    assert terms(g.concept("javascript")) == [
        ("ja", "JavaScript", "preferred"),
        ("ja", "Javascript", "deprecated"),
        ("ja", "javascript", "deprecated"),
    ]
    assert terms(g.concept("ウェブ")) == [("ja", "ウェブ", "preferred")]
    # the `$1ページ` rule is regex-only: no concept
    assert not any("ページ" in t.text for c in g.concepts for t in c.terms)


def test_prh_ignore_rules_and_lang():
    g = load_glossary(data("prh-ignore.yml"), lang="ja-JP")
    assert [c.id for c in g.concepts] == ["コンピューター", "メモリー"]
    assert g.languages == ("ja-JP",)


def test_prh_missing_import_is_an_error_on_its_line(tmp_path):
    (tmp_path / "a.yml").write_text("version: 1\nimports:\n  - nope.yml\nrules: []\n", encoding="utf-8")
    with pytest.raises(InputFileError) as info:
        load_glossary(str(tmp_path / "a.yml"))
    assert info.value.line == 3 and info.value.message.startswith("cannot read import 'nope.yml'")


def test_prh_import_cycle_is_read_once(tmp_path):
    (tmp_path / "a.yml").write_text("version: 1\nimports: b.yml\nrules:\n  - expected: A\n", encoding="utf-8")
    (tmp_path / "b.yml").write_text("version: 1\nimports: a.yml\nrules:\n  - expected: B\n", encoding="utf-8")
    g = load_glossary(str(tmp_path / "a.yml"))
    assert [c.id for c in g.concepts] == ["b", "a"]


def test_prh_rules_in_every_shape_prh_reads(tmp_path):
    """As prh reads them: a bare string is an expected alone, `pattern` is `patterns`,
    rules sharing an expected are one concept (no duplicate to report), an empty expected
    deletes what it matches (no term), and `imports:` with every entry commented out is none."""
    (tmp_path / "a.yml").write_text(
        "version: 1\nimports:\n  # - other.yml\nrules:\n  - Kestrel\n"
        "  - expected: Nordvik\n    pattern: /\\bNordvik\\b/i\n"
        "  - expected: Nordvik\n    pattern: ノードヴィク\n"
        "  - expected: Nordvik\n    patterns: [ノルドヴィク, ノードヴィク]\n"
        "  - expected: \"\"\n    pattern: /[\\x00-\\x08]+/\n",
        encoding="utf-8")
    g = load_glossary(str(tmp_path / "a.yml"))
    assert [c.id for c in g.concepts] == ["kestrel", "nordvik"]
    nordvik = g.concept("nordvik")
    assert terms(nordvik) == [("ja", "Nordvik", "preferred"), ("ja", "ノードヴィク", "deprecated"), ("ja", "ノルドヴィク", "deprecated")]
    assert nordvik.note == "prh: regex patterns not imported: /\\bNordvik\\b/i"
    assert terms(g.concept("kestrel")) == [("ja", "Kestrel", "preferred")]
    result = run("validate", str(tmp_path / "a.yml"))
    assert result.exit_code == 0, result.output


def test_prh_validate_names_a_rule_without_expected_but_not_a_deleting_one(tmp_path):
    (tmp_path / "a.yml").write_text("version: 1\nrules:\n  - patterns: x\n  - expected: \"\"\n    pattern: /y/\n", encoding="utf-8")
    found = [str(p) for p in validate(load_glossary(str(tmp_path / "a.yml"), strict=False))]
    assert found == [f"{tmp_path / 'a.yml'}:3: concept 'rule': empty term (ja)"]


def test_prh_import_options(tmp_path):
    """ignoreRules by expected or by a plain pattern, and disableImports."""
    (tmp_path / "base.yml").write_text(
        "version: 1\nimports: deep.yml\nrules:\n  - expected: A1\n    patterns: a1\n"
        "  - expected: B1\n    patterns: b1\n  - expected: C1\n    patterns: c1\n", encoding="utf-8")
    (tmp_path / "deep.yml").write_text("version: 1\nrules:\n  - expected: D1\n", encoding="utf-8")
    (tmp_path / "top.yml").write_text(
        "version: 1\nimports:\n  - path: base.yml\n    disableImports: true\n"
        "    ignoreRules: [A1, {pattern: b1}, {expected: Z9}]\n", encoding="utf-8")
    assert [c.id for c in load_glossary(str(tmp_path / "top.yml")).concepts] == ["c1"]


@pytest.mark.parametrize(
    "text, line, message",
    [
        ("version: 1\nrules:\n  - patterns: x\n", 3, "rule without expected"),
        ("version: 2\nrules: []\n", 1, "unsupported prh version (expected version: 1)"),
        ("version: 1\nrules: [\n", 3, "malformed YAML"),
        ("- a\n- b\n", 1, "not a prh file: expected a mapping with version and rules"),
    ],
)
def test_prh_bad_input(text, line, message):
    with pytest.raises(InputFileError) as info:
        prh.load(io.StringIO(text), path="p.yml")
    assert info.value.line == line and info.value.message.startswith(message)


def test_po_loads():
    g = load_glossary(data("glossary.po"))
    assert g.languages == ("en", "ja")
    assert [(c.id, c.type, c.note) for c in g.concepts] == [
        ("user", "term", "Who uses the product."),
        ("sam-altman", "person", ""),
        ("server", "term", ""),
        ("widget", "term", ""),
        ("the-company", "term", ""),
    ]
    assert terms(g.concept("user")) == [("en", "user", "preferred"), ("ja", "ユーザー", "preferred")]
    assert terms(g.concept("server")) == [("en", "server", "preferred"), ("ja", "サーバ", "admitted")]  # fuzzy
    assert terms(g.concept("widget")) == [("en", "widget", "preferred")]  # untranslated
    assert g.concept("user").line == 10


def test_po_language_options():
    g = load_glossary(data("glossary.po"), lang="ja-JP", source_lang="en-US")
    assert g.languages == ("en-US", "ja-JP")


def test_po_without_language_header():
    with pytest.raises(InputFileError) as info:
        po_format.load(io.StringIO('msgid "a"\nmsgstr "b"\n'), path="g.po")
    assert info.value.message == "no Language header: cannot tell the target language"


def test_malformed_po_names_the_line():
    with pytest.raises(InputFileError) as info:
        po_format.load(io.StringIO('msgid ""\nmsgstr "Language: ja\\n"\n\nmsgid "a"\nmsgstr "b"\nbogus\n'), path="g.po")
    assert info.value.line == 6


def test_truncated_po_glossary_is_refused_at_its_line():
    """A PO glossary is held to the catalog loader's syntax: polib took the unterminated
    string of a truncated file as a term."""
    with pytest.raises(InputFileError) as info:
        po_format.load(io.StringIO('msgid ""\nmsgstr "Language: ja\\n"\n\nmsgid "user"\nmsgstr "ユー\n'), path="g.po")
    assert (info.value.line, info.value.message) == (5, "unterminated string")


def test_trados_style_tbx_v2_loads():
    g = load_glossary(data("trados.tbx"))
    company, server = g.concepts
    assert (company.id, company.type, company.line) == ("c100", "organization", 9)
    assert company.note == "The company, not the\n          product."
    assert terms(company) == [("en-US", "OpenAI", "preferred"), ("ja", "OpenAI", "preferred"), ("ja", "オープンAI", "deprecated")]
    assert [t.line for t in company.terms] == [15, 22, 28]
    # no id: a slug; a subject field that is not one of our types is not a type
    assert (server.id, server.type) == ("server", "term")
    assert terms(server) == [("en-US", "server", "admitted"), ("ja", "サーバー", "admitted"), ("ja", "サーバ", "deprecated")]


def test_tbx_v3_loads():
    g = load_glossary(data("v3.tbx"))
    assert canon(g) == [("tokyo", "place", "", [("en", "Tokyo", "preferred"), ("zh-Hans", "东京", "preferred")])]


@pytest.mark.parametrize(
    "name, text, line, message",
    [
        ("not_tbx.xml", None, 2, "not a TBX file: the root element is <mtf>, expected <martif> or <tbx>"),
        ("bad.tbx", "<martif>\n<text>\n</martif>\n", 3, "malformed XML: mismatched tag"),
        ("nolang.tbx", "<martif><text><body><termEntry>\n<langSet><tig><term>x</term></tig></langSet>"
         "</termEntry></body></text></martif>", 2, "<langSet> without xml:lang"),
    ],
)
def test_tbx_bad_input(tmp_path, name, text, line, message):
    path = data(name) if text is None else str(tmp_path / name)
    if text is not None:
        Path(path).write_text(text, encoding="utf-8")
    with pytest.raises(InputFileError) as info:
        load_glossary(path)
    assert (info.value.line, info.value.message) == (line, message)


def test_tbx_declared_encoding_is_honoured(tmp_path):
    text = '<?xml version="1.0" encoding="ISO-8859-1"?>\n<martif><text><body><termEntry id="c"><langSet xml:lang="fr"><tig><term>donnée</term></tig></langSet></termEntry></body></text></martif>\n'
    path = tmp_path / "latin1.tbx"
    path.write_bytes(text.encode("latin-1"))
    assert terms(load_glossary(str(path)).concepts[0]) == [("fr", "donnée", "admitted")]


# ------------------------------------------------------------------------- TBX safety


def test_billion_laughs_is_refused_before_expansion():
    start = time.monotonic()
    with pytest.raises(InputFileError) as info:
        load_glossary(data("billion_laughs.tbx"))
    assert time.monotonic() - start < 2
    assert info.value.line == 3
    assert info.value.message == "entity declaration 'lol' refused: TBX files may not declare entities (nothing was expanded)"
    assert "lollol" not in str(info.value)


@pytest.mark.parametrize("name, entity", [("xxe.tbx", "xxe"), ("xxe_parameter.tbx", "remote")])
def test_external_entities_are_refused_unread(name, entity):
    with pytest.raises(InputFileError) as info:
        load_glossary(data(name))
    assert info.value.line == 3
    assert info.value.message.startswith(f"entity declaration {entity!r} refused")
    assert MARKER not in info.value.message


def test_external_dtd_is_never_loaded():
    """A DOCTYPE's SYSTEM DTD (as Trados writes) is accepted but not read: its entities stay undefined."""
    with pytest.raises(InputFileError) as info:
        load_glossary(data("external_dtd.tbx"))
    assert (info.value.line, info.value.message) == (5, "undefined entity &leak; (entities are not expanded)")


# ------------------------------------------------------------------------- round trips


def test_csv_tbx_csv_round_trip(tmp_path):
    original = load_glossary(data("full.csv"))
    convert(data("full.csv"), str(tmp_path / "g.tbx"))
    convert(str(tmp_path / "g.tbx"), str(tmp_path / "back.csv"))
    assert canon(load_glossary(str(tmp_path / "g.tbx"))) == canon(original)
    assert canon(load_glossary(str(tmp_path / "back.csv"))) == canon(original)


@pytest.mark.parametrize("target", ["g.csv", "g.tbx", "g.po"])
def test_a_note_on_every_row_survives_conversion(tmp_path, target):
    """A long CSV may note any row; only the concept's first note was kept, so converting
    (even CSV to CSV) dropped what the glossary's authors wrote on the other rows."""
    source = tmp_path / "notes.csv"
    source.write_text("concept,lang,term,status,type,note\n"
                      "lecun,en,Yann LeCun,preferred,person,chief AI scientist at Meta\n"
                      "lecun,ja,ヤン・ルカン,preferred,person,the rendering Japanese media use\n"
                      "lecun,ja,ヤン・ル・カン,admitted,person,chief AI scientist at Meta\n", encoding="utf-8")
    convert(str(source), str(tmp_path / target))
    (concept,) = load_glossary(str(tmp_path / target)).concepts
    assert concept.note == "chief AI scientist at Meta\nthe rendering Japanese media use"


def test_tbx_ids_are_xml_names_and_decode_back(tmp_path):
    save_glossary(load_glossary(data("full.csv")), str(tmp_path / "g.tbx"))
    text = (tmp_path / "g.tbx").read_text(encoding="utf-8")
    for xml_id in ('id="_x0031_st-party"', 'id="data_x0020_set"', 'id="a_x005F_x0041_b"', 'id="user"'):
        assert xml_id in text
    assert "&amp; &lt;angle&gt;" in text


@pytest.mark.parametrize("concept_id", ["user", "1st", "data set", "a_x0041_b", "ユーザー", "x:y", "_x", "😀", "-a", "a.b"])
def test_id_encoding_round_trips(concept_id):
    encoded = tbx.encode_id(concept_id)
    assert tbx.decode_id(encoded) == concept_id
    assert ":" not in encoded and " " not in encoded


def test_tbx_keeps_carriage_returns_and_tbx_tbx_round_trip(tmp_path):
    g = Glossary((Concept("c", "product", "one\r\ntwo & <three>", (Term("x", "en", "preferred"),)),), "mem")
    out = io.StringIO()
    tbx.dump(g, out)
    back = tbx.load(io.StringIO(out.getvalue()), path="g.tbx")
    assert canon(back) == canon(g)
    trados = load_glossary(data("trados.tbx"))
    save_glossary(trados, str(tmp_path / "t.tbx"))
    assert canon(load_glossary(str(tmp_path / "t.tbx"))) == canon(trados)


def test_csv_po_csv_round_trip(tmp_path):
    original = load_glossary(data("two_lang.csv"))
    convert(data("two_lang.csv"), str(tmp_path / "g.po"))
    convert(str(tmp_path / "g.po"), str(tmp_path / "back.csv"))
    assert canon(load_glossary(str(tmp_path / "back.csv"))) == canon(original)
    po_text = (tmp_path / "g.po").read_text(encoding="utf-8")
    assert '"Language: ja\\n"' in po_text and '"X-Source-Language: en\\n"' in po_text
    assert po_text.count("\nmsgctxt ") == len(original.concepts)


def test_po_export_needs_two_languages(tmp_path):
    with pytest.raises(InputFileError) as info:
        convert(data("full.csv"), str(tmp_path / "g.po"))
    assert info.value.message == "PO export needs a glossary in exactly two languages; found: en, ja, zh-Hans, fr, de"
    assert not (tmp_path / "g.po").exists()


def test_po_export_source_language(tmp_path):
    with pytest.raises(InputFileError) as info:
        convert(data("two_lang.csv"), str(tmp_path / "g.po"), source_lang="fr")
    assert info.value.message == "source language fr is not in the glossary (languages: en, ja)"
    with pytest.raises(InputFileError) as info:
        convert(data("two_lang.csv"), str(tmp_path / "g.po"), source_lang="ja")
    assert (info.value.line, info.value.message) == (23, "concept 'untranslated' has no ja term; a PO entry needs a msgid")
    g = Glossary((Concept("c", "term", "", (Term("user", "en_US", "admitted"), Term("ユーザー", "ja", "preferred"))),), "mem")
    out = io.StringIO()
    po_format.dump(g, out, source_lang="ja")
    back = po_format.load(io.StringIO(out.getvalue()), path="g.po")
    assert terms(back.concepts[0]) == [("ja", "ユーザー", "preferred"), ("en_US", "user", "admitted")]


# ------------------------------------------------------------------------- schema


def test_written_tbx_validates_against_tbx_core_schema(tmp_path):
    etree = pytest.importorskip("lxml.etree", reason="lxml is needed for RelaxNG validation")
    if not SCHEMA.is_file():
        pytest.skip(f"TBX schema not found at {SCHEMA} (it lives in the shared/schemas folder)")
    schema = etree.RelaxNG(etree.parse(str(SCHEMA)))
    for source in ("full.csv", "trados.tbx", "wide.csv", "prh.yml"):
        out = tmp_path / (source + ".tbx")
        save_glossary(load_glossary(data(source)), str(out))
        doc = etree.parse(str(out))
        assert schema.validate(doc), f"{source}: {schema.error_log}"
    # the validator does reject what the schema forbids: a concept without its id
    broken = etree.parse(str(tmp_path / "full.csv.tbx"))
    del broken.getroot().find(".//{urn:iso:std:iso:30042:ed-2}conceptEntry").attrib["id"]
    assert not schema.validate(broken)


def test_empty_glossary_writes_valid_tbx(tmp_path):
    etree = pytest.importorskip("lxml.etree", reason="lxml is needed for RelaxNG validation")
    if not SCHEMA.is_file():
        pytest.skip(f"TBX schema not found at {SCHEMA}")
    out = io.StringIO()
    tbx.dump(Glossary((), "empty"), out)
    schema = etree.RelaxNG(etree.parse(str(SCHEMA)))
    assert schema.validate(etree.fromstring(out.getvalue().encode("utf-8")).getroottree())


@pytest.mark.parametrize(
    "concepts, message",
    [
        ((Concept("a", terms=(Term("x", "en"),)), Concept("a", terms=(Term("y", "en"),))), "duplicate concept id 'a' cannot be written as TBX (ids must be unique)"),
        ((Concept("a", terms=(Term("x", "en", "obsolete"),)),), "unknown status 'obsolete' cannot be written as TBX"),
        ((Concept("a", type="gadget", terms=(Term("x", "en"),)),), "unknown type 'gadget' cannot be written as TBX"),
        ((Concept("a"),), "concept 'a' has no terms; a TBX concept needs at least one"),
        ((Concept("a", terms=(Term("x", "en gb"),)),), "language 'en gb' is not a language tag"),
        ((Concept("a", note="bell\x07", terms=(Term("x", "en"),)),), "character U+0007 in concept 'a' cannot be written as XML"),
    ],
)
def test_tbx_refuses_what_it_cannot_hold(concepts, message):
    with pytest.raises(InputFileError) as info:
        tbx.dump(Glossary(concepts, "g.csv"), io.StringIO())
    assert info.value.message == message


# ------------------------------------------------------------------------- validation


def problems(name: str) -> list[str]:
    return [str(p).replace(str(DATA) + os.sep, "") for p in validate(load_glossary(data(name), strict=False))]


def test_validate_long_csv():
    assert problems("invalid.csv") == [
        "invalid.csv:4: concept 'user' has two preferred ja terms: 'ユーザー' (line 3) and '利用者'",
        "invalid.csv:5: concept 'user': unknown status 'obsolete' for 'ユーザ' (use preferred, admitted, deprecated)",
        "invalid.csv:6: concept 'user' lists the ja term 'ユーザー' twice (first at line 3)",
        "invalid.csv:7: concept 'robot': unknown type 'gadget' (use person, organization, product, place, term)",
        "invalid.csv:8: concept 'robot': empty term (ja)",
        "invalid.csv:10: en term 'User' is also in concept 'user' (line 2)",
        "invalid.csv:11: ja term 'ﾕｰｻﾞｰ' is also in concept 'user' (line 3)",
        "invalid.csv:12: ja term 'ユーザー' is also in concept 'user' (line 3)",
    ]


def test_validate_names_a_language_babel_does_not_know(tmp_path):
    """A term under a language no tag can mean (jp for ja) matches nothing, silently:
    validate says so at its row; known tags (ja-JP, zh_Hans) are fine."""
    path = tmp_path / "g.csv"
    path.write_text("concept,lang,term,status,type,note\nuser,en,user,preferred,term,\nuser,jp,ユーザー,preferred,term,\n"
                    "user,ja-JP,利用者,admitted,term,\nuser,zh_Hans,用户,preferred,term,\n", encoding="utf-8")
    assert [str(p) for p in validate(load_glossary(str(path)))] == [
        f"{path}:3: concept 'user': unknown language 'jp' for 'ユーザー' (a language tag such as ja, ja-JP or en)"]


def test_validate_wide_csv():
    assert problems("invalid_wide.csv") == [
        "invalid_wide.csv:3: duplicate concept id 'user' (first at line 2)",
        "invalid_wide.csv:4: concept 'city': unknown type 'town' (use person, organization, product, place, term)",
        "invalid_wide.csv:5: concept 'empty' has no terms",
    ]


def test_validate_tbx():
    assert problems("invalid.tbx") == [
        "invalid.tbx:8: concept 'user': unknown status 'proposedTerm-admn-sts' for 'user' (use preferred, admitted, deprecated)",
        "invalid.tbx:13: duplicate concept id 'user' (first at line 5)",
    ]


def test_validate_names_the_imported_file(tmp_path):
    """One file's preferred term deprecated by another's rule: a contradiction, named in
    both files (rules with one expected are one concept, wherever they are)."""
    (tmp_path / "main.yml").write_text("version: 1\nimports: common.yml\nrules:\n  - expected: サーバー\n    patterns: サーバ\n",
                                       encoding="utf-8")
    (tmp_path / "common.yml").write_text("version: 1\nrules:\n  - expected: サーバ\n", encoding="utf-8")
    found = [str(p) for p in validate(load_glossary(str(tmp_path / "main.yml")))]
    assert found == [f"{tmp_path / 'main.yml'}:5: ja term 'サーバ' is also in concept 'サーバ' ({tmp_path / 'common.yml'}:3)"]


@pytest.mark.parametrize("name", ["full.csv", "two_lang.csv", "wide.csv", "prh.yml", "glossary.po", "trados.tbx", "v3.tbx"])
def test_good_fixtures_have_no_problems(name):
    assert problems(name) == []


def test_strict_load_refuses_what_lenient_load_keeps():
    with pytest.raises(InputFileError) as info:
        load_glossary(data("invalid.csv"))
    assert (info.value.line, info.value.message) == (5, "unknown status 'obsolete' (use preferred, admitted, deprecated)")
    lenient = load_glossary(data("invalid.csv"), strict=False)
    assert ("ja", "ユーザ", "obsolete") in terms(lenient.concept("user"))
    assert lenient.concept("robot").type == "gadget"


# ------------------------------------------------------------------------- sniffing and dispatch


@pytest.mark.parametrize(
    "header, kind",
    [
        ("concept,lang,term,status,type,note", "long"),
        (" concept , lang,term,status,type,note", "long"),
        ("id,en,ja", "wide"),
        ("ID,EN,ja-JP,zh_Hans,Type,Note", "wide"),
        ("\ufeffen,fr", "wide"),
        ("concept,lang,term", "error"),
        ("term,ja", "error"),
        ("foo,bar", "error"),
        ("id,type,note", "error"),
    ],
)
def test_csv_sniffing(tmp_path, header, kind):
    path = tmp_path / "g.csv"
    path.write_text(header + "\n", encoding="utf-8")
    if kind == "error":
        with pytest.raises(InputFileError) as info:
            load_glossary(str(path))
        assert info.value.message.startswith("wrong header") and info.value.line == 1
    else:
        assert load_glossary(str(path)).concepts == ()
        assert wide_csv.is_wide_header(header.lstrip("\ufeff").split(",")) == (kind == "wide")


@pytest.mark.parametrize(
    "name, fmt",
    [("a.csv", "csv"), ("A.CSV", "csv"), ("a.tbx", "tbx"), ("a.tbx.xml", "tbx"), ("a.xml", "tbx"), ("a.yml", "prh"), ("a.yaml", "prh"), ("a.po", "po")],
)
def test_format_by_name(name, fmt):
    assert format_for(name).name == fmt


def test_unknown_format_and_import_only_format(tmp_path):
    with pytest.raises(InputFileError) as info:
        load_glossary(str(tmp_path / "g.txt"))
    assert info.value.message.startswith("unsupported glossary format .txt")
    with pytest.raises(InputFileError) as info:
        save_glossary(load_glossary(data("full.csv")), str(tmp_path / "g.yml"))
    assert info.value.message == "cannot write prh glossaries (import only); write one of .csv, .tbx, .tbx.xml, .xml, .po"


def test_save_writes_atomically_and_long_csv_round_trips(tmp_path):
    g = load_glossary(data("wide.csv"))
    save_glossary(g, str(tmp_path / "long.csv"))
    assert os.listdir(tmp_path) == ["long.csv"]
    assert (tmp_path / "long.csv").read_text(encoding="utf-8").startswith(",".join(csv_format.HEADER) + "\n")
    assert canon(load_glossary(str(tmp_path / "long.csv"))) == canon(g)


# ------------------------------------------------------------------------- CLI


def run(*args: str):
    result = CliRunner().invoke(glossary_group, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


def test_cli_validate_clean():
    result = run("validate", data("full.csv"), data("trados.tbx"), data("prh.yml"))
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")


def test_cli_validate_problems():
    result = run("validate", data("invalid_wide.csv"))
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        f"{data('invalid_wide.csv')}:3: duplicate concept id 'user' (first at line 2)",
        f"{data('invalid_wide.csv')}:4: concept 'city': unknown type 'town' (use person, organization, product, place, term)",
        f"{data('invalid_wide.csv')}:5: concept 'empty' has no terms",
    ]


def test_cli_validate_unreadable_wins_but_others_are_checked(tmp_path):
    result = run("validate", data("billion_laughs.tbx"), str(tmp_path / "missing.csv"), data("invalid.tbx"))
    assert result.exit_code == 2
    assert len(result.stdout.splitlines()) == 2
    assert result.stderr.splitlines() == [
        f"{data('billion_laughs.tbx')}:3: entity declaration 'lol' refused: TBX files may not declare entities (nothing was expanded)",
        f"{tmp_path / 'missing.csv'}: no such file or directory",
        "translate-kit: 2 problem(s), 2 unreadable file(s)",
    ]


def test_cli_convert(tmp_path):
    out = tmp_path / "g.tbx"
    result = run("convert", data("full.csv"), str(out))
    assert result.exit_code == 0 and result.stderr == f"translate-kit: wrote 8 concept(s) to {out}\n"
    assert canon(load_glossary(str(out))) == canon(load_glossary(data("full.csv")))
    result = run("convert", "--lang", "ja-JP", data("prh-common.yml"), str(tmp_path / "p.csv"))
    assert result.exit_code == 0
    assert load_glossary(str(tmp_path / "p.csv")).languages == ("ja-JP",)


@pytest.mark.parametrize(
    "source, target, message",
    [
        ("xxe.tbx", "g.csv", "xxe.tbx:3: entity declaration 'xxe' refused"),
        ("invalid.csv", "g.tbx", "invalid.csv:5: unknown status 'obsolete'"),
        ("full.csv", "g.po", "full.csv: PO export needs a glossary in exactly two languages"),
        ("full.csv", "g.yaml", "g.yaml: cannot write prh glossaries (import only)"),
    ],
)
def test_cli_convert_errors(tmp_path, source, target, message):
    result = run("convert", data(source), str(tmp_path / target))
    assert result.exit_code == 2
    assert len(result.stderr.splitlines()) == 1
    assert result.stderr.replace(str(DATA) + os.sep, "").replace(str(tmp_path) + os.sep, "").startswith(message)
    assert not (tmp_path / target).exists()
