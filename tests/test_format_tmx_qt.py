"""TMX 1.4 and Qt Linguist .ts: entries, positions, notes, states, rules."""

from __future__ import annotations

from pathlib import Path

from format_checks import assert_exact_positions
from translate_kit.options import CheckOptions
from translate_kit.run import check_paths
from translate_kit.sources import load

DATA = Path(__file__).parent / "data" / "formats"


def test_tmx_source_and_target_by_language():
    doc = load(str(DATA / "memory.tmx"))
    assert doc.format == "tmx" and doc.lang == "ja" and dict(doc.metadata)["Language"] == "ja-JP"
    assert assert_exact_positions(doc) > 150
    first = doc.catalog_entries()[0]
    assert first.comment == "From the release notes"
    assert first.targets[0].text.startswith('<bpt i="1"><b></bpt>開始')
    lt = first.targets[0].text.index("<b>")
    assert doc.text[first.targets[0].file_offset(lt) :].startswith("&lt;b&gt;")


def test_tmx_target_language_from_the_options(tmp_path):
    tmx = tmp_path / "m.tmx"
    tmx.write_text(
        '<tmx version="1.4"><header srclang="*all*"/><body><tu>'
        '<tuv xml:lang="en"><seg>Hello</seg></tuv><tuv xml:lang="fr"><seg>Bonjour</seg></tuv>'
        '<tuv xml:lang="ja"><seg>こんにちは</seg></tuv></tu></body></tmx>', encoding="utf-8")
    assert [s.text for s in load(str(tmx), lang="ja").segments] == ["Hello", "こんにちは"]
    assert [s.text for s in load(str(tmx)).segments] == ["Hello", "Bonjour"]


def test_qt_messages_numerus_context_and_states():
    doc = load(str(DATA / "viewer_ja.ts"))
    assert doc.format == "ts" and doc.lang == "ja"
    assert assert_exact_positions(doc) > 80
    entries = doc.catalog_entries(include_fuzzy=True)
    assert [e.source_text("msgid") for e in entries] == ['Open "%1" in a new tab', "%n file(s) selected", "Close"]
    assert entries[1].comment == "Status bar" and entries[2].context == "verb: close the window"
    assert "fuzzy" in entries[2].flags and len(doc.catalog_entries()) == 2


def test_typescript_is_not_read(tmp_path):
    source = tmp_path / "app.ts"
    source.write_text("export const answer: number = 42;\n", encoding="utf-8")
    assert load(str(source)).segments == ()


def test_rules_fire_on_seeded_problems_and_not_on_clean_files(tmp_path, engine):
    clean = check_paths([str(DATA / "memory.tmx"), str(DATA / "viewer_ja.ts")], CheckOptions(), engine=engine)
    assert not clean.findings and not clean.errors
    (tmp_path / "m.tmx").write_text((DATA / "memory.tmx").read_text().replace("<ept i=\"1\">&lt;/b&gt;</ept>を", "を"), encoding="utf-8")
    (tmp_path / "v.ts").write_text((DATA / "viewer_ja.ts").read_text().replace("「%1」", "「%2」"), encoding="utf-8")
    result = check_paths([str(tmp_path)], CheckOptions(), engine=engine)
    got = sorted((f.rule, Path(f.path).name, f.line, f.column, f.expected) for f in result.findings)
    assert ("placeholder-mismatch", "v.ts", 9, 23, "%1") in got
    assert any(r == "markup-mismatch" and n == "m.tmx" and line == 8 for r, n, line, _c, _e in got), got
