"""What git ignores in a working tree (`.gitignore` files, `.git/info/exclude`), so that a
directory walk leaves out what the project itself does not keep: build outputs, copies of
dependencies, caches. The user's global excludes file is not read: a run in CI and one on
a translator's machine must see the same files."""

from __future__ import annotations

import os
import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pathspec is imported when a working tree has patterns, not by every run
    from pathspec import GitIgnoreSpec

_Layer = tuple[str, "GitIgnoreSpec"]  # (directory the patterns are relative to, patterns)


class GitIgnored:
    """The ignore rules of the git working trees a walk enters, each file read once.

    Precedence is git's: a deeper `.gitignore` overrides a shallower one, which overrides
    `.git/info/exclude`; within a file the last matching pattern wins, and `!` re-includes.
    Outside a working tree nothing is ignored."""

    def __init__(self) -> None:
        self._layers: dict[str, tuple[_Layer, ...] | None] = {}

    def ignored(self, directory: str, name: str, is_dir: bool) -> bool:
        """Whether git ignores the entry `name` of `directory`."""
        layers = self._layers_of(os.path.abspath(directory))
        if not layers:
            return False
        path = os.path.join(os.path.abspath(directory), name)
        verdict: bool | None = None
        for base, spec in layers:
            rel = os.path.relpath(path, base).replace(os.sep, "/")
            include = spec.check_file(rel + "/" if is_dir else rel).include
            if include is not None:
                verdict = include
        return verdict is True

    def _layers_of(self, directory: str) -> tuple[_Layer, ...] | None:
        """The pattern files that apply inside `directory`, shallowest first; None outside
        a working tree."""
        if directory in self._layers:
            return self._layers[directory]
        layers: tuple[_Layer, ...] | None
        if os.path.lexists(os.path.join(directory, ".git")):
            layers = _spec_layer(directory, _exclude_file(directory))
        else:
            parent = os.path.dirname(directory)
            layers = None if parent == directory else self._layers_of(parent)
        if layers is not None:
            layers = layers + _spec_layer(directory, os.path.join(directory, ".gitignore"))
        self._layers[directory] = layers
        return layers


def _spec_layer(base: str, path: str | None) -> tuple[_Layer, ...]:
    """The patterns of one ignore file as a layer, or none when it is absent or unreadable."""
    if path is None:
        return ()
    try:
        with open(path, encoding="utf-8", errors="replace") as stream:
            lines = stream.read().splitlines()
    except OSError:
        return ()
    from pathspec import GitIgnoreSpec

    try:
        spec = GitIgnoreSpec.from_lines(lines)
    except (ValueError, re.error):  # a pattern that cannot compile: git ignores such a line too
        spec = GitIgnoreSpec.from_lines([line for line in lines if _compiles(line)])
    return ((base, spec),) if spec.patterns else ()


def _compiles(line: str) -> bool:
    from pathspec import GitIgnoreSpec

    try:
        GitIgnoreSpec.from_lines([line])
    except (ValueError, re.error):
        return False
    return True


def _exclude_file(top: str) -> str | None:
    """The working tree's `info/exclude`: in `.git/`, or where a `.git` file (a linked
    worktree or a submodule) points, in the common directory when it has one."""
    dot_git = os.path.join(top, ".git")
    git_dir = dot_git
    if os.path.isfile(dot_git):
        try:
            with open(dot_git, encoding="utf-8", errors="replace") as stream:
                first = stream.readline().strip()
        except OSError:
            return None
        if not first.startswith("gitdir:"):
            return None
        git_dir = os.path.join(top, first[len("gitdir:"):].strip())
        try:
            with open(os.path.join(git_dir, "commondir"), encoding="utf-8", errors="replace") as stream:
                git_dir = os.path.join(git_dir, stream.readline().strip())
        except OSError:
            pass
    return os.path.join(git_dir, "info", "exclude")
