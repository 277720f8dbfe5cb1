"""Integration over the seed article (../shared/seed/article.ja.txt); skipped when absent."""

from __future__ import annotations

import json
import subprocess
import sys

REQUIRED = [
    "アルノー・ベナール", "ベナール", "バーナード", "ヤン・ルクン", "Mistral", "Mistral AI", "Mixtral",
    "Nous Research", "Teknium", "Santiago Pino", "ピノ", "Furkan Gözükara", "Gözükara", "グーグル",
    "マイクロソフト", "OpenAI", "GPT-4", "ChatGPT",
]
FORBIDDEN = ["モデル", "データ", "オープンソース", "ツイート", "リソース"]


def _run(*args):
    return subprocess.run([sys.executable, "-m", "translate_kit", *args], capture_output=True, text=True)


def test_entities_on_seed(seed_article):
    proc = _run("entities", "--format", "json", str(seed_article))
    assert proc.returncode == 0, proc.stderr
    forms = {r["form"] for e in json.loads(proc.stdout)["entities"] for r in e["renderings"]}
    missing = [name for name in REQUIRED if name not in forms]
    assert not missing, f"not extracted: {missing}"
    wrong = [word for word in FORBIDDEN if word in forms]
    assert not wrong, f"loanwords taken for entities: {wrong}"


def test_no_orthographic_variant_on_seed(seed_article):
    proc = _run("check", "--format", "json", "--select", "orthographic-variant", str(seed_article))
    data = json.loads(proc.stdout)
    assert data["findings"] == [], data["findings"]


def _findings(*args):
    proc = _run("check", "--format", "json", "--no-config", *args)
    assert proc.returncode in (0, 1), proc.stderr
    return json.loads(proc.stdout)["findings"]


def test_entity_inconsistent_on_seed(seed_article):
    found = [(f["found"], f["expected"]) for f in _findings(str(seed_article)) if f["rule"] == "entity-inconsistent"]
    assert sorted(found) == sorted([("バーナード", "ベナール")] * 3 + [("ピノ", "Pino")])


def test_seed_with_shipped_glossary(seed_article):
    from pathlib import Path

    glossary = Path(__file__).resolve().parent.parent / "glossary" / "ai-news.csv"
    findings = _findings("--glossary", str(glossary), str(seed_article))
    names_rules = {"entity-inconsistent", "glossary-nonpreferred", "glossary-deprecated"}
    got = sorted((f["found"], f["expected"]) for f in findings if f["rule"] in names_rules)
    # ピノ is reported once (by the glossary rule, which then owns it), the rest by glossary-nonpreferred
    assert got == sorted([("バーナード", "ベナール")] * 3 + [("ヤン・ルクン", "ヤン・ルカン"), ("ピノ", "Pino")])
