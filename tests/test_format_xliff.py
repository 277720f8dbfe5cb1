"""XLIFF 1.2 and 2.x: entries, exact positions, states, notes, errors and rules."""

from __future__ import annotations

from pathlib import Path

from format_checks import assert_exact_positions
from translate_kit.sources import load, load_text

DATA = Path(__file__).parent / "data" / "formats"


def test_xliff12_entries_positions_and_states():
    doc = load(str(DATA / "app.ja.xlf"))
    assert doc.format == "xliff" and doc.lang == "ja"
    assert assert_exact_positions(doc) > 100
    entries = doc.catalog_entries()
    texts = [(e.source_text("msgid"), e.targets[0].text) for e in entries]
    assert ("Save & close the <g id=\"1\">editor</g>", "保存して<g id=\"1\">エディター</g>を閉じる") in texts
    assert entries[0].comment == "Greeting on the dashboard"
    # the needs-review unit is fuzzy: skipped by default, there with include_fuzzy
    assert len(entries) == 3 and len(doc.catalog_entries(include_fuzzy=True)) == 4
    save = next(s for s in doc.segments if s.text.startswith("Save"))
    assert (save.line, save.column) == (11, 17)
    amp = save.text.index("&")
    assert doc.text[save.file_offset(amp) : save.file_offset(amp + 1)] == "&amp;"


def test_xliff2_segments_notes_and_initial_state():
    doc = load(str(DATA / "app.ja.xliff"))
    assert assert_exact_positions(doc) > 50
    entries = doc.catalog_entries(include_fuzzy=True)
    assert [e.comment for e in entries] == ["Toolbar button", "", ""]
    assert "fuzzy" in entries[2].flags and "fuzzy" not in entries[1].flags
    target = entries[1].targets[0]
    assert (target.line, target.column) == (14, 17) and target.text.startswith("<ph id=\"1\"")


def test_translate_no_and_missing_target():
    doc = load_text(
        '<xliff version="1.2"><file source-language="en" target-language="ja"><body>'
        '<trans-unit id="a" translate="no"><source>Keep</source><target>Keep</target></trans-unit>'
        '<trans-unit id="b"><source>New text</source></trans-unit>'
        "</body></file></xliff>",
        path="x.xlf", format="xliff",
    )
    assert doc.catalog_entries() == () and [s.text for s in doc.untranslated_msgids()] == ["New text"]


def test_rules_fire_on_seeded_problems_and_not_on_clean_files(run_check):
    clean_text = (DATA / "app.ja.xlf").read_text()
    clean = run_check({"a.xlf": clean_text, "b.xliff": (DATA / "app.ja.xliff").read_text()})
    assert not clean.findings and not clean.errors
    bad = clean_text.replace('保存して<g id="1">エディター</g>を閉じる', "保存してエディターを閉じる")
    bad = bad.replace("リポジトリを開く", "レポジトリを開く")
    result = run_check({"a.xlf": bad, "b.xlf": clean_text, "c.xlf": clean_text})
    got = {(f.rule, Path(f.path).name, f.line, f.column) for f in result.findings}
    assert got == {("markup-mismatch", "a.xlf", 12, 36), ("term-inconsistent", "a.xlf", 20, 31)}
    # the unit that needs review is checked with include_fuzzy: its target lacks %s
    fuzzy = run_check({"a.xlf": clean_text}, include_fuzzy=True)
    assert [(f.rule, f.line, f.column, f.expected) for f in fuzzy.findings] == [("placeholder-mismatch", 16, 50, "%s")]


def test_a_loaded_tree_is_freed_without_the_cycle_collector():
    """An element's parent is held weakly: a file's tree goes when its document does,
    not at the next full collection (a large XLIFF file is hundreds of thousands of nodes)."""
    import gc

    units = "".join(f'<trans-unit id="u{i}"><source>Save file {i}</source><target>ファイル{i}を保存</target></trans-unit>\n'
                    for i in range(300))
    text = f'<xliff version="1.2"><file source-language="en" target-language="ja"><body>\n<!-- a note -->\n{units}</body></file></xliff>\n'
    gc.collect()
    gc.disable()
    try:
        doc = load_text(text, path="big.xlf", format="xliff")
        assert len(doc.segments) == 600
        del doc
        assert gc.collect() < 50
    finally:
        gc.enable()
