"""A real editor: Neovim's built-in LSP client (nvim --headless) opens a file, gets the
server's diagnostics, applies its code action and writes the buffer (tests/editors/nvim_fix.lua)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("pygls")
NVIM = shutil.which("nvim")
SCRIPT = Path(__file__).parent / "editors" / "nvim_fix.lua"
REPO = Path(__file__).resolve().parent.parent


@pytest.mark.skipif(NVIM is None, reason="nvim is not installed (.ci/run installs Debian's neovim)")
def test_neovim_applies_the_code_action_and_writes_the_file(tmp_path):
    (tmp_path / "a.md").write_text("ユーザーの設定を保存します。\nユーザー名を入力してください。\n", encoding="utf-8")
    doc = tmp_path / "b.md"
    doc.write_text("# 見出し\n\n𠮷のユーザが削除されました。\n", encoding="utf-8")
    env = {**os.environ, "TK_PYTHON": sys.executable, "TK_FILE": str(doc), "PYTHONPATH": str(REPO)}
    proc = subprocess.run([NVIM, "--headless", "--clean", "-u", "NONE", "-c", f"luafile {SCRIPT}"],
                          cwd=tmp_path, env=env, capture_output=True, text=True, timeout=90, stdin=subprocess.DEVNULL)
    assert proc.returncode == 0, proc.stderr + proc.stdout
    assert doc.read_text(encoding="utf-8") == "# 見出し\n\n𠮷のユーザーが削除されました。\n"
