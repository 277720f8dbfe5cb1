"""Helpers of the catalog tests: the CLI in-process, GNU msgfmt as the external judge."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from translate_kit.cli import cli

REPO = Path(__file__).resolve().parent.parent
GUIDE = REPO / "tests" / "data" / "catalog" / "guide.md"
ARTICLE = REPO / "examples" / "article.ja.md"
MSGFMT = shutil.which("msgfmt")
needs_msgfmt = pytest.mark.skipif(MSGFMT is None, reason="GNU msgfmt is not installed (.ci/run installs the gettext package)")

# What msgfmt --check says of every template xgettext (or pybabel, which leaves Language
# out) writes: header fields a translator's tool (msginit, Poedit) fills in. Anything else
# is a failure.
_TEMPLATE_WARNING = re.compile(r"warning: header field '[\w-]+' (still has the initial default value|missing in header)")


def run(*args: str):
    """`translate-kit ARGS` in-process; returns click's Result (stdout, stderr, exit_code)."""
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


def msgfmt_check(path: Path) -> None:
    """GNU msgfmt --check --check-format accepts the file: exit 0, and no warning except,
    for a template, the placeholders of its header."""
    done = subprocess.run([MSGFMT, "--check", "--check-format", "-o", "/dev/null", str(path)],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    if path.suffix == ".pot":
        lines = [line for line in lines if not _TEMPLATE_WARNING.search(line)]
    assert not lines, done.stderr


def written(directory: Path) -> list[Path]:
    """Every .po and .pot file under a directory."""
    return sorted(p for p in directory.rglob("*") if p.suffix in (".po", ".pot"))
