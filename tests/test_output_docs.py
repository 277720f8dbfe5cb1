"""docs/output.md names every key of the JSON summary the tool writes, and no other."""

import json
import re
from pathlib import Path

from translate_kit.cli import main

DOC = Path(__file__).resolve().parent.parent / "docs" / "output.md"


def test_the_documented_summary_keys_are_the_written_ones(tmp_path, capsys):
    (tmp_path / "a.txt").write_text("ユーザーの設定。\nユーザの名前。\nユーザーの数。\n", encoding="utf-8")
    try:
        main(["check", str(tmp_path), "-f", "json", "--no-cache", "--no-config", "-q"])
    except SystemExit:
        pass
    written = set(json.loads(capsys.readouterr().out)["summary"])
    text = DOC.read_text(encoding="utf-8")
    section = text[text.index("`summary` holds exactly"): text.index("## `entities")]
    documented = set(re.findall(r"`([a-z_]+)`", section)) - {"error", "warning", "info", "summary", "baseline"}
    assert written <= documented
    assert documented - written == {"baseline_known"}  # only with --baseline
