"""Glossary problems and language-tag errors read in the UI language; English by default."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "translate_kit", *args], capture_output=True, text=True, cwd=REPO,
                          env={"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "PYTHONPATH": str(REPO)})


def test_glossary_problems_in_japanese_and_english(tmp_path):
    glossary = tmp_path / "g.csv"
    glossary.write_text("concept,lang,term,status,type,note\nuser,ja,ユーザー,preferred,term,\nuser,ja,ユーザ,preferred,term,\n",
                        encoding="utf-8")
    english = _cli("glossary", "validate", str(glossary))
    japanese = _cli("--ui-lang", "ja", "glossary", "validate", str(glossary))
    assert english.returncode == japanese.returncode == 1
    assert "has two preferred ja terms" in english.stdout
    assert "優先用語が 2 つある" in japanese.stdout and "has two preferred" not in japanese.stdout


def test_a_language_tag_typo_in_japanese(tmp_path):
    done = _cli("--ui-lang", "ja", "check", "--lang", "jp", str(tmp_path))
    assert done.returncode == 2
    assert "ja のことですか" in done.stderr
