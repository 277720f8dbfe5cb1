"""One run over a mixed tree: a name in an XLIFF file, in a JSON key file and in a
Markdown page is one entity, whatever format each came from."""

from __future__ import annotations

from pathlib import Path

XLIFF = (
    '<xliff version="1.2"><file source-language="en" target-language="ja"><body>\n'
    '<trans-unit id="a"><source>Marguerite Durand gave the keynote.</source>'
    "<target>マルグリット・デュランが基調講演を行いました。</target></trans-unit>\n"
    "</body></file></xliff>\n"
)


def test_one_entity_across_xliff_json_and_markdown(run_check):
    clean = run_check({
        "talk.ja.xlf": XLIFF,
        "notes.md": "# 講演の記録\n\nマルグリット・デュランの講演は好評でした。\n",
        "locales/en/site.json": '{"speaker": "Marguerite Durand"}',
        "locales/ja/site.json": '{"speaker": "マルグリット・デュラン"}',
    })
    assert not clean.findings and not clean.errors
    mixed = run_check({
        "talk.ja.xlf": XLIFF,
        "notes.md": "# 講演の記録\n\nマルグリット・デュランの講演は好評でした。\n",
        "locales/en/site.json": '{"speaker": "Marguerite Durand"}',
        "locales/ja/site.json": '{"speaker": "マルグリット・デュランド"}',
    })
    got = [(f.rule, Path(f.path).name, f.line, f.column, f.found, f.expected) for f in mixed.findings]
    # the JSON file comes first in reading order (locales/ < notes.md < talk.ja.xlf), so
    # its rendering introduces the name and the Markdown and XLIFF mentions are reported
    assert sorted(got) == [
        ("entity-inconsistent", "notes.md", 3, 1, "マルグリット・デュラン", "マルグリット・デュランド"),
        ("entity-inconsistent", "talk.ja.xlf", 2, 80, "マルグリット・デュラン", "マルグリット・デュランド"),
    ], got
    assert all("site.json" in r.path for f in mixed.findings for r in f.related)
