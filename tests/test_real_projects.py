"""Real projects' message files, fetched from package registries (npm and PyPI) into a
cache outside the repository; skipped when the registries cannot be reached.

Pinned versions, so the numbers stay comparable (docs/evaluation.md has the findings as
read by hand): tldraw's flat JSON translations (53 languages, source file `main.json`
named in a config), DevExtreme's `{"ja": {…}}` JSON messages (35 languages) and Vorta's
Qt Linguist `.ts` files (11 languages).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
CACHE = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "translate-kit-bench" / "real-projects"
NPM = {"@tldraw/assets@5.1.1": "tldraw-assets-5.1.1.tgz", "devextreme@26.1.5": "devextreme-26.1.5.tgz"}
PYPI = {"vorta==0.11.6": "vorta-0.11.6.tar.gz"}


def _fetch() -> Path:
    """Download (once) and unpack the packages; skip when a registry is out of reach."""
    CACHE.mkdir(parents=True, exist_ok=True)
    for spec, name in NPM.items():
        if not (CACHE / name).exists():
            if shutil.which("npm") is None:
                pytest.skip("npm is not installed")
            proc = subprocess.run(["npm", "pack", spec, "--silent"], cwd=CACHE, capture_output=True, text=True, timeout=300)
            if proc.returncode != 0:
                pytest.skip(f"npm registry not reachable: {proc.stderr.strip()[:200]}")
    for spec, name in PYPI.items():
        if not (CACHE / name).exists():
            proc = subprocess.run(
                [sys.executable, "-m", "pip", "download", "--no-deps", "--no-binary", ":all:", "-d", str(CACHE), spec],
                capture_output=True, text=True, timeout=300,
            )
            if proc.returncode != 0:
                pytest.skip(f"PyPI not reachable: {proc.stderr.strip()[-200:]}")
    tree = CACHE / "tree"
    if not (tree / "done").exists():
        shutil.rmtree(tree, ignore_errors=True)
        tree.mkdir()
        wanted = {
            "tldraw-assets-5.1.1.tgz": ("package/translations/", "tldraw"),
            "devextreme-26.1.5.tgz": ("package/localization/messages/", "devextreme"),
            "vorta-0.11.6.tar.gz": ("vorta-0.11.6/src/vorta/i18n/ts/", "vorta"),
        }
        for archive, (prefix, folder) in wanted.items():
            with tarfile.open(CACHE / archive) as tar:
                for member in tar.getmembers():
                    if member.isfile() and member.name.startswith(prefix) and "/" not in member.name[len(prefix):]:
                        target = tree / folder / member.name[len(prefix):]
                        target.parent.mkdir(parents=True, exist_ok=True)
                        target.write_bytes(tar.extractfile(member).read())  # type: ignore[union-attr]
        (tree / "translate-kit.toml").write_text('source-files = {"tldraw/*.json" = "tldraw/main.json"}\n', encoding="utf-8")
        (tree / "done").write_text("")
    return tree


def test_real_message_files(tmp_path):
    import json

    tree = _fetch()
    proc = subprocess.run(
        [sys.executable, "-m", "translate_kit", "check", "--no-cache", "--format", "json", "tldraw", "devextreme", "vorta"],
        cwd=tree, capture_output=True, text=True, timeout=900, env={**os.environ, "NO_COLOR": "1"},
    )
    assert proc.returncode in (0, 1), proc.stderr
    report = json.loads(proc.stdout)
    assert report["errors"] == [], report["errors"]
    assert report["summary"]["files"] == 99
    found = {(f["rule"], f["path"], f["line"], f["column"]) for f in report["findings"]}
    # three findings read by hand as real translation bugs, at their exact places
    assert ("placeholder-mismatch", "vorta/vorta.cs.ts", 1701, 22) in found  # {hostname} translated as {nazev_stroje}
    assert ("placeholder-mismatch", "vorta/vorta.fr.ts", 501, 22) in found  # Qt's %1 dropped
    assert ("placeholder-mismatch", "devextreme/fr.json", 225, 37) in found  # {0} and {1} dropped
    by_rule: dict[str, int] = {}
    for rule, *_ in found:
        by_rule[rule] = by_rule.get(rule, 0) + 1
    assert by_rule.get("invisible-character", 0) <= 1  # spelling in fa, km, ml is not flagged
    assert len(report["findings"]) <= 30
