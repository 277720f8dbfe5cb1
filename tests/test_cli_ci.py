"""CI wiring of the CLI: config discovery and overrides, baselines, several reports per run."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DOC = "ユーザーの設定を保存します。\nユーザー名を入力してください。\nユーザが削除されました。\n"


def tk(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "NO_COLOR": "1", "PYTHONPATH": str(REPO)}
    return subprocess.run([sys.executable, "-m", "translate_kit", *args], capture_output=True, text=True, cwd=cwd, env=env)


def project(tmp_path: Path, config: str = "") -> Path:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "a.txt").write_text(DOC, encoding="utf-8")
    if config:
        (tmp_path / "pyproject.toml").write_text("[tool.translate-kit]\n" + config, encoding="utf-8")
    return tmp_path


def test_config_sets_fail_on_and_cli_overrides_it(tmp_path):
    root = project(tmp_path, 'fail-on = "error"\n')
    assert tk("check", "docs", cwd=root).returncode == 0
    assert tk("check", "--fail-on", "warning", "docs", cwd=root).returncode == 1
    assert tk("check", "--no-config", "docs", cwd=root).returncode == 1


def test_config_disables_a_rule(tmp_path):
    root = project(tmp_path, "[tool.translate-kit.rules.orthographic-variant]\nenabled = false\n")
    assert tk("check", "docs", cwd=root).returncode == 0
    assert tk("check", "--select", "orthographic-variant", "docs", cwd=root).returncode == 1


def test_bad_config_exits_2_with_one_line(tmp_path):
    root = project(tmp_path, "glosary = []\n")
    proc = tk("check", "docs", cwd=root)
    assert proc.returncode == 2
    assert "pyproject.toml:2: unknown key 'glosary' in [tool.translate-kit] (did you mean 'glossary'?)" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_config_command(tmp_path):
    root = project(tmp_path, 'fail-on = "error"\n')
    proc = tk("config", cwd=root)
    assert proc.returncode == 0
    assert 'fail-on = "error"  # from file' in proc.stdout


def test_baseline_round_trip(tmp_path):
    root = project(tmp_path)
    proc = tk("check", "--write-baseline", "baseline.json", "docs", cwd=root)
    assert proc.returncode == 0 and (root / "baseline.json").is_file()
    doc = root / "docs" / "a.txt"
    doc.write_text("前書き。\n" + DOC, encoding="utf-8")
    assert tk("check", "--baseline", "baseline.json", "docs", cwd=root).returncode == 0
    doc.write_text(DOC + "ユーザー一覧\nユーザー削除\nユーザを追加。\n", encoding="utf-8")
    proc = tk("check", "--baseline", "baseline.json", "-f", "concise", "docs", cwd=root)
    assert proc.returncode == 1 and proc.stdout.count("orthographic-variant") == 1
    (root / "bad.json").write_text("{", encoding="utf-8")
    proc = tk("check", "--baseline", "bad.json", "docs", cwd=root)
    assert proc.returncode == 2 and "bad.json:1:2: baseline is not valid JSON" in proc.stderr


def test_several_reports_in_one_run(tmp_path):
    root = project(tmp_path)
    proc = tk("check", "--report", "sarif:out.sarif", "-r", "json:out.json", "-r", "concise", "docs", cwd=root)
    assert proc.returncode == 1
    assert proc.stdout.startswith("docs/a.txt:3:1: warning orthographic-variant")
    assert json.loads((root / "out.sarif").read_text(encoding="utf-8"))["version"] == "2.1.0"
    assert len(json.loads((root / "out.json").read_text(encoding="utf-8"))["findings"]) == 1
    assert tk("check", "-r", "text", "-r", "concise", "docs", cwd=root).returncode == 2  # two on stdout
    assert tk("check", "-r", "nonsense:x", "docs", cwd=root).returncode == 2
