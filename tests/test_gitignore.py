"""Directory walks leave out what git ignores, with git's precedence; a path the user
names is always read; outside a working tree nothing is left out."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from translate_kit.cli import cli
from translate_kit.sources import discover

VARIANT = "ユーザーの設定とユーザの設定。\n"


def _tree(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def _names(root: Path, **kwargs) -> list[str]:
    files, errors = discover([str(root)], **kwargs)
    assert errors == []
    return sorted(Path(f).relative_to(root).as_posix() for f in files)


def test_patterns_of_every_level_apply_and_deeper_ones_win(tmp_path: Path) -> None:
    root = _tree(tmp_path, {
        ".gitignore": "build/\n*.draft.md\n/top-only.md\n",
        "docs/.gitignore": "!keep.draft.md\ngenerated/\n",
        "docs/a.md": VARIANT, "docs/b.draft.md": VARIANT, "docs/keep.draft.md": VARIANT,
        "docs/generated/x.md": VARIANT, "docs/top-only.md": VARIANT, "top-only.md": VARIANT,
        "build/locale/ja.po": "", "src/build.md": VARIANT,
    })
    (root / ".git").mkdir()
    assert _names(root) == ["docs/a.md", "docs/keep.draft.md", "docs/top-only.md", "src/build.md"]
    # without the rules every supported file is found
    assert len(_names(root, respect_gitignore=False)) == 8


def test_info_exclude_is_read_and_a_gitignore_overrides_it(tmp_path: Path) -> None:
    root = _tree(tmp_path, {".git/info/exclude": "*.md\n", "a.md": "", "b.po": "", "sub/.gitignore": "!c.md\n", "sub/c.md": ""})
    assert _names(root) == ["b.po", "sub/c.md"]


def test_nothing_is_left_out_outside_a_working_tree(tmp_path: Path) -> None:
    root = _tree(tmp_path, {".gitignore": "*.md\n", "a.md": ""})
    assert _names(root) == ["a.md"]


def test_a_named_file_or_ignored_directory_is_read(tmp_path: Path) -> None:
    root = _tree(tmp_path, {".gitignore": "out/\nnotes.md\n", "out/a.md": "", "notes.md": ""})
    (root / ".git").mkdir()
    assert discover([str(root / "notes.md")]) == ([str(root / "notes.md")], [])
    files, _errors = discover([str(root / "out")])
    assert files == [str(root / "out" / "a.md")]
    assert _names(root) == []


def test_a_checked_subdirectory_keeps_the_rules_above_it(tmp_path: Path) -> None:
    root = _tree(tmp_path, {".gitignore": "*.tmp.md\n", "docs/a.md": "", "docs/a.tmp.md": ""})
    (root / ".git").mkdir()
    files, _errors = discover([str(root / "docs")])
    assert files == [str(root / "docs" / "a.md")]


def test_a_nested_repository_has_its_own_rules(tmp_path: Path) -> None:
    root = _tree(tmp_path, {".gitignore": "*.po\n", "vendor/lib/.gitignore": "*.md\n", "vendor/lib/a.po": "",
                            "vendor/lib/a.md": "", "b.po": "", "b.md": ""})
    (root / ".git").mkdir()
    (root / "vendor/lib/.git").write_text("gitdir: ../../.git/modules/lib\n", encoding="utf-8")
    # a submodule is a repository of its own: the outer *.po does not reach into it
    assert _names(root) == ["b.md", "vendor/lib/a.po"]


def test_a_named_working_tree_keeps_its_rules_when_an_outer_one_ignores_it(tmp_path: Path) -> None:
    """A worktree or clone kept in a folder the enclosing repository ignores (.worktrees/):
    checked by name, its own .gitignore still applies."""
    root = _tree(tmp_path, {".gitignore": ".worktrees/\nclones/\n", "clones/app/.gitignore": "build/\n",
                            "clones/app/a.md": "", "clones/app/build/b.md": ""})
    (root / ".git").mkdir()
    (root / "clones/app/.git").write_text("gitdir: ../../.git/worktrees/app\n", encoding="utf-8")
    app = root / "clones" / "app"
    assert _names(app) == ["a.md"]
    from translate_kit.sources import walked

    assert walked(str(app), str(app / "a.md")) and not walked(str(app), str(app / "build" / "b.md"))


def test_a_byte_order_mark_is_no_part_of_the_first_pattern(tmp_path: Path) -> None:
    """Git skips a UTF-8 BOM (editors on Windows write one); the first pattern still applies."""
    root = _tree(tmp_path, {"build/a.md": "", "b.md": ""})
    (root / ".gitignore").write_bytes(b"\xef\xbb\xbfbuild/\n")
    (root / ".git").mkdir()
    assert _names(root) == ["b.md"]


def test_a_folder_named_through_a_symlink_keeps_the_rules_of_the_tree_it_is_in(tmp_path: Path) -> None:
    """A link to a working tree's folder is read as git reads that folder: the rules above it
    apply; a link to an ignored folder is a path named, read whole."""
    root = _tree(tmp_path / "repo", {".gitignore": "build/\n", "docs/b.md": "", "docs/build/a.md": "", "build/c.md": ""})
    (root / ".git").mkdir()
    (tmp_path / "docs-link").symlink_to(root / "docs", target_is_directory=True)
    (tmp_path / "build-link").symlink_to(root / "build", target_is_directory=True)
    assert _names(tmp_path / "docs-link") == ["b.md"]
    assert _names(tmp_path / "build-link") == ["c.md"]


def test_unusable_patterns_are_skipped_not_fatal(tmp_path: Path) -> None:
    root = _tree(tmp_path, {".gitignore": "[z-a]\n!\nfoo\\\n*.po\n", "a.po": "", "a.md": ""})
    (root / ".git").mkdir()
    assert _names(root) == ["a.md"]


@pytest.mark.parametrize("where", [".gitignore", ".git/info/exclude", ".git/commondir"])
@pytest.mark.parametrize("kind", ["fifo", "device"])
def test_a_pattern_file_that_is_a_fifo_or_device_is_skipped_without_waiting(tmp_path: Path, where: str, kind: str) -> None:
    """Opening a FIFO `info/exclude` waited for a writer for ever, and `/dev/zero` as a
    `.gitignore` was read until memory ran out: pattern files are read as git reads them,
    regular files only (a linked worktree's `.git` file leads to `commondir`)."""
    import os
    import threading

    root = _tree(tmp_path / "repo", {"a.md": "", "b.po": ""})
    if where == ".git/commondir":
        _tree(tmp_path, {"main/.git/worktrees/w/HEAD": ""})
        (root / ".git").write_text(f"gitdir: {tmp_path / 'main/.git/worktrees/w'}\n", encoding="utf-8")
        target = tmp_path / "main/.git/worktrees/w/commondir"
    else:
        (root / ".git/info").mkdir(parents=True)
        target = root / where
    if kind == "fifo":
        os.mkfifo(target)
    else:
        target.symlink_to("/dev/zero")
    found: list[list[str]] = []
    walker = threading.Thread(target=lambda: found.append(_names(root)), daemon=True)
    walker.start()
    walker.join(timeout=30)
    assert found == [["a.md", "b.po"]]


def test_check_leaves_out_ignored_files_unless_told(tmp_path: Path, monkeypatch) -> None:
    root = _tree(tmp_path, {".gitignore": "site/\n", "docs/a.ja.md": "ユーザーの設定。\n", "site/a.ja.md": "ユーザの設定。\n"})
    (root / ".git").mkdir()
    monkeypatch.chdir(root)
    runner = CliRunner()
    quiet = runner.invoke(cli, ["check", ".", "--no-cache", "-f", "json", "-q"])
    assert quiet.exit_code == 0, quiet.output
    assert json.loads(quiet.output)["summary"]["files"] == 1
    loud = runner.invoke(cli, ["check", ".", "--no-cache", "-f", "json", "-q", "--no-respect-gitignore"])
    assert loud.exit_code == 1
    assert {f["path"] for f in json.loads(loud.output)["findings"]} == {"site/a.ja.md"}
    (root / "translate-kit.toml").write_text("respect-gitignore = false\n", encoding="utf-8")
    by_config = runner.invoke(cli, ["check", ".", "--no-cache", "-f", "json", "-q"])
    assert by_config.exit_code == 1
    (root / "translate-kit.toml").write_text("respect-gitignore = 'no'\n", encoding="utf-8")
    bad = runner.invoke(cli, ["check", ".", "--no-cache", "-q"])
    assert bad.exit_code == 2 and "respect-gitignore" in bad.output


GIT = shutil.which("git")


@pytest.mark.skipif(GIT is None, reason="git is not installed")
def test_the_walk_agrees_with_git(tmp_path: Path) -> None:
    """What git itself calls ignored, on a tree with negations, anchors, ** and nesting."""
    root = _tree(tmp_path, {
        ".gitignore": "*.log.md\n!important.log.md\n/root-only.md\n**/cache/\ndocs/**/draft-*.md\n# a comment\n\\#hash.md\n",
        "docs/.gitignore": "old/\n!old/\n",
        "a.md": "", "x.log.md": "", "important.log.md": "", "root-only.md": "", "sub/root-only.md": "",
        "sub/cache/a.md": "", "docs/one/draft-a.md": "", "docs/draft-b.md": "", "#hash.md": "",
        "docs/old/c.md": "", "docs/d.md": "",
    })
    subprocess.run([GIT, "init", "-q", str(root)], check=True)
    listed = subprocess.run([GIT, "-C", str(root), "ls-files", "--others", "--exclude-standard"],
                            check=True, capture_output=True, text=True).stdout.split()
    expected = sorted(name for name in listed if name.endswith(".md"))
    assert _names(root) == expected


def test_walked_answers_as_the_walk_does(tmp_path: Path) -> None:
    """What a language server asks of one file created in its folder."""
    from translate_kit.sources import walked

    root = _tree(tmp_path, {".gitignore": "out/\n*.tmp.md\n", "docs/a.md": "", "out/b.md": "", "docs/c.tmp.md": "",
                            ".hidden/d.md": "", "node_modules/e.md": "", "docs/f.mo": "", "docs/g.txt": ""})
    (root / ".git").mkdir()
    listed = {str(root / name) for name in _names(root)}
    for name in ("docs/a.md", "out/b.md", "docs/c.tmp.md", ".hidden/d.md", "node_modules/e.md", "docs/f.mo", "docs/g.txt"):
        path = str(root / name)
        assert walked(str(root), path) == (path in listed), name
    assert walked(str(root), str(root / "out" / "b.md"), respect_gitignore=False)
    assert walked(str(root / "out"), str(root / "out" / "b.md"))  # the folder itself is the one git ignores
    assert not walked(str(root / "docs"), str(root / "out" / "b.md"))  # outside the folder


def test_walked_answers_no_for_a_path_on_another_drive(tmp_path: Path, monkeypatch) -> None:
    """On Windows a path on another drive has no path relative to the folder (relpath raises
    ValueError): it is outside, and the server's event handler goes on."""
    import os

    from translate_kit.sources import walked

    def no_common_drive(path: str, start: str | None = None) -> str:
        raise ValueError("path is on mount 'D:', start on mount 'C:'")

    monkeypatch.setattr(os.path, "relpath", no_common_drive)
    assert not walked(str(tmp_path / "folder"), str(tmp_path / "other-drive" / "a.md"))


def test_walked_tells_which_folders_the_walk_enters(tmp_path: Path) -> None:
    from translate_kit.sources import walked

    root = _tree(tmp_path, {".gitignore": "out/\n", "docs/sub/a.md": "", "out/b.md": "", "node_modules/x/c.md": ""})
    (root / ".git").mkdir()
    entered = {name: walked(str(root), str(root / name), directory=True)
               for name in ("", "docs", "docs/sub", "out", "node_modules/x", ".git")}
    assert entered == {"": True, "docs": True, "docs/sub": True, "out": False, "node_modules/x": False, ".git": False}
