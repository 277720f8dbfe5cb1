"""Editor set-up that can be checked without the editor: the VS Code manifest names
settings the server reads, and the documented Helix configuration is valid TOML."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib


def test_vscode_extension_settings_are_ones_the_server_reads():
    pytest.importorskip("pygls")
    from translate_kit.lsp.state import SETTING_NAMES

    folder = REPO / "editors" / "vscode"
    manifest = json.loads((folder / "package.json").read_text(encoding="utf-8"))
    assert (folder / manifest["main"]).is_file()
    assert "vscode-languageclient" in manifest["dependencies"]
    settings = {key.split(".", 1)[1] for key in manifest["contributes"]["configuration"]["properties"]}
    client_only = {"command", "debounce"}  # how to start the server; read by workspace.configure
    assert settings - client_only <= set(SETTING_NAMES)


def test_documented_helix_languages_toml_parses():
    text = (REPO / "docs" / "editors.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```toml\n(.*?)```", text, re.S)
    assert blocks
    config = tomllib.loads(blocks[0])
    assert config["language-server"]["translate-kit"] == {"command": "translate-kit", "args": ["lsp"]}
    assert all("translate-kit" in lang["language-servers"] for lang in config["language"])
