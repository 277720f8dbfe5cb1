"""The pre-commit hook, run by the real `pre-commit try-repo` on a project with a bad file.

try-repo installs the hook from a git repository's HEAD. To test the tree as it is now
(including uncommitted work such as a new `.pre-commit-hooks.yaml`), the repository's
tracked and untracked files are copied into a temporary git repository and committed there;
the real repository is only read. Installing the hook's environment needs the package index.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
BAD = "ユーザーの設定を保存します。\nユーザー名を入力してください。\nユーザが削除されました。\n"
OFFLINE_SIGNS = (
    "NewConnectionError",
    "Temporary failure in name resolution",
    "Name or service not known",
    "No matching distribution found",
    "Could not find a version that satisfies",
    "Network is unreachable",
    "ProxyError",
)

pytestmark = pytest.mark.skipif(
    importlib.util.find_spec("pre_commit") is None,
    reason="pre-commit is not installed (pip install 'translate-kit[test]' or pip install pre-commit)",
)


def git(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    """Run git with a fixed identity and no user or system config."""
    env = {
        **os.environ,
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_AUTHOR_NAME": "test",
        "GIT_AUTHOR_EMAIL": "test@example.invalid",
        "GIT_COMMITTER_NAME": "test",
        "GIT_COMMITTER_EMAIL": "test@example.invalid",
    }
    return subprocess.run(["git", *args], cwd=cwd, env=env, capture_output=True, text=True, check=True)


def snapshot_of_repo(destination: Path) -> Path:
    """A committed copy of this repository's tracked and untracked (not ignored) files."""
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    try:
        listed = git("ls-files", "-z", "--cached", "--others", "--exclude-standard", cwd=REPO).stdout
    except subprocess.CalledProcessError as exc:
        pytest.skip(f"{REPO} is not a git work tree: {exc.stderr.strip()}")
    files = sorted({name for name in listed.split("\0") if name and (REPO / name).is_file()})
    if ".pre-commit-hooks.yaml" not in files:
        pytest.skip(".pre-commit-hooks.yaml is missing from the repository")
    for name in files:
        target = destination / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(REPO / name, target)
    git("init", "-q", cwd=destination)
    git("add", "-A", cwd=destination)
    git("commit", "-q", "-m", "snapshot for the pre-commit test", cwd=destination)
    return destination


def test_hook_fails_on_an_inconsistent_file(tmp_path):
    hook_repo = snapshot_of_repo(tmp_path / "hook-repo")
    project = tmp_path / "project"
    project.mkdir()
    (project / "bad.txt").write_text(BAD, encoding="utf-8")
    (project / "notes.rst").write_text("not for translate-kit\n", encoding="utf-8")
    git("init", "-q", cwd=project)
    git("add", "-A", cwd=project)
    git("commit", "-q", "-m", "bad example", cwd=project)

    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"), "NO_COLOR": "1",
           "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}
    env.pop("PRE_COMMIT", None)
    proc = subprocess.run(
        [sys.executable, "-m", "pre_commit", "try-repo", str(hook_repo), "translate-kit",
         "--files", "bad.txt", "notes.rst", "--color", "never", "--verbose"],
        cwd=project, env=env, capture_output=True, text=True, timeout=1800,
    )
    output = proc.stdout + proc.stderr
    log = tmp_path / "pre-commit-home" / "pre-commit.log"
    details = output + (log.read_text(encoding="utf-8", errors="replace") if log.exists() else "")
    if "An unexpected error has occurred" in output and any(sign in details for sign in OFFLINE_SIGNS):
        pytest.skip("pre-commit could not install the hook's environment (no access to the package index?)")

    # A crash is not a pass: e.g. a module importing a package pyproject.toml does not list.
    assert "Traceback" not in output, "the installed hook crashed:\n" + output
    assert proc.returncode != 0, output
    assert "translate-kit" in output and "Failed" in output, output
    assert "orthographic-variant" in output, output
    assert "bad.txt:3:1" in output, output
    assert "notes.rst" not in output.split("Failed", 1)[1], output  # `files:` kept it out
