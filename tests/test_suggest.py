"""`translate-kit glossary suggest`: a draft of the entities the glossary lacks."""

from __future__ import annotations

import csv
import io

from click.testing import CliRunner

from translate_kit.cli import cli

TEXT = "研究者のマルグリット・デュランが登壇した。デュランは笑った。閉会ではデュランドに謝意が示された。\nHelix Labsも出展した。\n"


def _rows(output: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(output)))


def test_suggest_lists_clusters_with_variants(tmp_path):
    doc = tmp_path / "doc.txt"
    doc.write_text(TEXT, encoding="utf-8")
    result = CliRunner().invoke(cli, ["glossary", "suggest", str(doc)])
    assert result.exit_code == 0, result.output
    rows = _rows(result.output)
    by_term = {r["term"]: r for r in rows}
    assert by_term["マルグリット・デュラン"]["status"] == "preferred"
    assert by_term["デュランド"]["status"] == "admitted"
    assert by_term["デュランド"]["concept"] == by_term["マルグリット・デュラン"]["concept"]
    assert by_term["Helix Labs"]["type"] == "organization"


def test_suggest_leaves_out_what_the_glossary_has(tmp_path):
    doc = tmp_path / "doc.txt"
    doc.write_text(TEXT, encoding="utf-8")
    glossary = tmp_path / "g.csv"
    glossary.write_text("concept,lang,term,status,type,note\nhelix,en,Helix Labs,preferred,organization,\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["glossary", "suggest", "-g", str(glossary), str(doc)])
    assert result.exit_code == 0, result.output
    terms = {r["term"] for r in _rows(result.output)}
    assert "Helix Labs" not in terms and "マルグリット・デュラン" in terms
