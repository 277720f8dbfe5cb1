"""Android string resources: strings, plurals, arrays, escapes, notes, pairing, rules."""

from __future__ import annotations

from pathlib import Path

from format_checks import assert_exact_positions
from translate_kit.options import CheckOptions
from translate_kit.run import check_paths
from translate_kit.sources import load

RES = Path(__file__).parent / "data" / "formats" / "android" / "res"


def test_strings_plurals_arrays_and_escapes():
    doc = load(str(RES / "values-ja" / "strings.xml"))
    assert doc.format == "android" and doc.lang == "ja"
    assert assert_exact_positions(doc, skip_kinds=("msgid", "msgid_plural")) > 80
    entries = {e.source_text("msgid"): e for e in doc.catalog_entries()}
    assert entries["Synced %1$d notes from %2$s"].comment == "Shown after a sync"
    quote = entries["Don't press \"Delete\" & leave"].targets[0]
    assert quote.text == '"削除"を押さずに終了\n(&)'
    assert doc.text[quote.file_offset(0) : quote.file_offset(1)] == '\\"'
    notes = entries["%d note"]
    assert notes.source_text("msgid_plural") == "%d notes" and notes.targets[0].flags == ("plural:other",)
    assert [entries[k].targets[0].text for k in ("By date", "By title")] == ["日付順", "タイトル順"]
    quoted = entries["Open the repository"].targets[0]  # whitespace kept by quotes is trimmed
    assert (quoted.text, quoted.line, quoted.column) == ("リポジトリを開く", 14, 33)
    assert "app_name" not in doc.text or all(e.source_text("msgid") != "Pocket Notes" for e in entries.values())


def test_default_values_are_the_source_and_other_xml_is_not_read(tmp_path):
    assert load(str(RES / "values" / "strings.xml")).segments == ()
    pom = tmp_path / "pom.xml"
    pom.write_text("<project><name>Not strings</name>", encoding="utf-8")  # not even well-formed
    assert load(str(pom)).segments == ()


def test_rules_fire_on_seeded_problems_and_not_on_clean_files(tmp_path, engine):
    clean = check_paths([str(RES)], CheckOptions(), engine=engine)
    assert not clean.findings and not clean.errors
    for folder in ("values", "values-ja", "values-ru"):
        (tmp_path / folder).mkdir()
    (tmp_path / "values" / "strings.xml").write_text((RES / "values" / "strings.xml").read_text(), encoding="utf-8")
    ja = (RES / "values-ja" / "strings.xml").read_text()
    ja = ja.replace("%2$s から %1$d 件", "%2$s から %1$s 件").replace("<!-- translate-kit: ignore[term-inconsistent] -->", "")
    (tmp_path / "values-ja" / "strings.xml").write_text(ja, encoding="utf-8")
    (tmp_path / "values-ru" / "strings.xml").write_text(
        '<resources>\n<plurals name="notes"><item quantity="one">%d заметка</item>'
        '<item quantity="other">%d заметок</item></plurals>\n</resources>\n', encoding="utf-8")
    result = check_paths([str(tmp_path)], CheckOptions(), engine=engine)
    got = sorted((f.rule, f.path.split("/")[-2], f.line, f.column, f.expected) for f in result.findings)
    assert got == [
        ("placeholder-mismatch", "values-ja", 3, 35, "%1$d"),
        ("plural-forms", "values-ru", 2, 84, "few, many"),
    ], got
    # an ignore comment before the string silences it
    suppressed = ja.replace('<string name="synced">', '<!-- translate-kit: ignore[placeholder-mismatch] -->\n    <string name="synced">')
    (tmp_path / "values-ja" / "strings.xml").write_text(suppressed, encoding="utf-8")
    again = check_paths([str(tmp_path / "values"), str(tmp_path / "values-ja")], CheckOptions(), engine=engine)
    assert not again.findings and not again.errors
