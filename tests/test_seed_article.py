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
