"""What git ignores in a working tree (`.gitignore` files, `.git/info/exclude`), so that a
directory walk leaves out what the project itself does not keep: build outputs, copies of
dependencies, caches. The user's global excludes file is not read: a run in CI and one on
a translator's machine must see the same files."""

from __future__ import annotations

import os
import re
from typing import TYPE_CHECKING

from translate_kit.limits import MAX_IGNORE_BYTES, LimitError, read_regular

if TYPE_CHECKING:  # pathspec is imported when a working tree has patterns, not by every run
    from pathspec import GitIgnoreSpec

# (directory the patterns are relative to, patterns, one regex any of them matches: most
# paths match none, and one search answers for them)
_Layer = tuple[str, "GitIgnoreSpec", "re.Pattern[str]"]


class GitIgnored:
    """The ignore rules of the git working trees a walk enters, each file read once.

    Precedence is git's: a deeper `.gitignore` overrides a shallower one, which overrides
    `.git/info/exclude`; within a file the last matching pattern wins, and `!` re-includes.
    Outside a working tree nothing is ignored."""

    def __init__(self) -> None:
        self._layers: dict[str, tuple[_Layer, ...] | None] = {}
        # per directory as the walk names it: each layer's patterns with the directory's
        # path relative to the layer's base, so an entry's path is that prefix + its name
        self._prefixed: dict[str, list[tuple[str, "GitIgnoreSpec", "re.Pattern[str]"]]] = {}

    def ignored(self, directory: str, name: str, is_dir: bool) -> bool:
        """Whether git ignores the entry `name` of `directory`."""
        prefixed = self._prefixed.get(directory)
        if prefixed is None:
            # where the directory is, not a symlink's path to it: a link to a working tree's
            # folder has that tree's rules, as git run there would have
            absolute = os.path.realpath(directory)
            prefixed = self._prefixed[directory] = [
                ("" if base == absolute else os.path.relpath(absolute, base).replace(os.sep, "/") + "/", spec, any_pattern)
                for base, spec, any_pattern in self._layers_of(absolute) or ()
            ]
        verdict: bool | None = None
        for prefix, spec, any_pattern in prefixed:
            rel = prefix + name + "/" if is_dir else prefix + name
            if any_pattern.match(rel) is None:
                continue  # most entries: no pattern of this file matches
            include = spec.check_file(rel).include
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
    data = _read_small(path)
    if data is None:
        return ()
    lines = data.decode("utf-8-sig", errors="replace").splitlines()  # git skips a BOM too
    from pathspec import GitIgnoreSpec

    try:
        spec = GitIgnoreSpec.from_lines(lines)
    except (ValueError, re.error):  # a pattern that cannot compile: git ignores such a line too
        spec = GitIgnoreSpec.from_lines([line for line in lines if _compiles(line)])
    regexes = [p.regex.pattern.replace("(?P<ps_d>", "(") for p in spec.patterns if getattr(p, "regex", None) is not None]
    if not regexes:
        return ()
    return ((base, spec, re.compile("|".join(f"(?:{r})" for r in regexes))),)


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
        first = _first_line(dot_git)
        if first is None or not first.startswith("gitdir:"):
            return None
        git_dir = os.path.join(top, first[len("gitdir:"):].strip())
        common = _first_line(os.path.join(git_dir, "commondir"))
        if common is not None:
            git_dir = os.path.join(git_dir, common)
    return os.path.join(git_dir, "info", "exclude")


def _read_small(path: str) -> bytes | None:
    """The bytes of a regular file git would read, or None (absent, unreadable, over git's
    own limit, or a FIFO or device: opening one would wait for a writer or never end)."""
    try:
        return read_regular(path, MAX_IGNORE_BYTES, "file")
    except (OSError, LimitError):
        return None


def _first_line(path: str) -> str | None:
    """The first line of a small regular file, stripped, or None."""
    data = _read_small(path)
    if data is None:
        return None
    lines = data.decode("utf-8", errors="replace").splitlines()
    return lines[0].strip() if lines else ""
