"""Baselines: record today's findings so CI fails only on new ones.

A baseline is a JSON file of finding fingerprints (`translate_kit.fingerprint`), which
ignore line numbers: moving an entry or editing another line keeps a finding "known".
Paths are stored relative to the baseline file's directory and fingerprints are computed
on those paths, so a baseline matches whether the check ran as `docs/`, `./docs` or an
absolute path, and from any working directory. Matching is a multiset: two recorded
copies of a fingerprint excuse two findings, and a third identical one is new.
"""

from __future__ import annotations

import dataclasses
import json
import os
from collections import Counter
from dataclasses import dataclass
from typing import Any, Iterable, Mapping, Sequence

from translate_kit import fingerprint as fp
from translate_kit._version import __version__
from translate_kit.fsutil import atomic_write
from translate_kit.messages import Message, english, msg
from translate_kit.limits import MAX_BASELINE_BYTES, LimitError, os_reason, read_regular
from translate_kit.model import Finding

__all__ = [
    "FORMAT_VERSION",
    "Baseline",
    "BaselineEntry",
    "BaselineError",
    "baseline_fingerprints",
    "filter_new",
    "load_baseline",
    "render_baseline",
    "write_baseline",
]

#: Version of the file layout; bumped on incompatible changes.
FORMAT_VERSION = 1

Snippets = Mapping[tuple[str, int], str]


class BaselineError(Exception):
    """A baseline file that cannot be used; `str()` is one line naming the file (English),
    `message` the same as a `msg(...)` value the CLI shows in the user's language."""

    def __init__(self, message: Message) -> None:
        super().__init__(english(message))
        self.message = message


@dataclass(frozen=True)
class BaselineEntry:
    """One recorded finding: its fingerprint and, for people reading the file, what it was."""

    fingerprint: str
    rule: str
    path: str
    found: str
    expected: str | None
    message: str

    def line_hash(self) -> str:
        """The fingerprint without its occurrence counter (what the multiset counts)."""
        return _line_hash(self.fingerprint)


@dataclass(frozen=True)
class Baseline:
    """A loaded baseline file; `path` locates it, since stored paths are relative to it."""

    path: str
    entries: tuple[BaselineEntry, ...] = ()
    tool_version: str = ""

    def counts(self) -> Counter[str]:
        """How many findings each line hash excuses."""
        return Counter(entry.line_hash() for entry in self.entries)


def baseline_fingerprints(findings: Iterable[Finding], snippets: Snippets, base_dir: str) -> dict[Finding, str]:
    """Fingerprints of `findings` with paths taken relative to `base_dir` (the baseline's
    directory), so they do not depend on how paths were spelt on the command line."""
    originals = list(dict.fromkeys(findings))
    rebased = {f: dataclasses.replace(f, path=_relative(f.path, base_dir)) for f in originals}
    rebased_snippets = {
        (rebased[f].path, f.line): snippets[(f.path, f.line)] for f in originals if (f.path, f.line) in snippets
    }
    prints = fp.fingerprints(rebased.values(), rebased_snippets)
    return {f: prints[rebased[f]] for f in originals}


def render_baseline(findings: Iterable[Finding], snippets: Snippets, base_dir: str, tool_version: str) -> str:
    """The baseline file's text: sorted entries, no line numbers, so it only changes when findings do."""
    findings = list(findings)
    prints = baseline_fingerprints(findings, snippets, base_dir)
    entries = sorted(
        (
            BaselineEntry(prints[f], f.rule, _relative(f.path, base_dir), f.found, f.expected, f.message)
            for f in prints
        ),
        key=lambda e: (e.path, e.rule, e.found, e.expected or "", e.fingerprint),
    )
    payload = {
        "version": FORMAT_VERSION,
        "tool": "translate-kit",
        "tool_version": tool_version,
        "fingerprint_version": fp.VERSION,
        "entries": [dataclasses.asdict(e) for e in entries],
    }
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"


def write_baseline(path: str, findings: Iterable[Finding], snippets: Snippets, tool_version: str | None = None) -> int:
    """Record `findings` in the baseline file at `path` (atomically); returns how many."""
    if tool_version is None:

        tool_version = __version__
    findings = list(dict.fromkeys(findings))
    base_dir = os.path.dirname(os.path.abspath(path))
    atomic_write(path, render_baseline(findings, snippets, base_dir, tool_version))
    return len(findings)


def load_baseline(path: str) -> Baseline:
    """Read a baseline file; any problem is a BaselineError with a one-line message."""
    try:
        raw = read_regular(path, MAX_BASELINE_BYTES, "baseline")
    except LimitError as exc:
        raise BaselineError(msg("{path}: cannot read baseline: {reason}", path=path, reason=exc.message)) from None
    except OSError as exc:
        raise BaselineError(msg("{path}: cannot read baseline: {reason}", path=path, reason=os_reason(exc))) from None
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise BaselineError(msg("{path}:{line}: baseline is not valid UTF-8", path=path, line=raw.count(b"\n", 0, exc.start) + 1)) from None
    except json.JSONDecodeError as exc:
        raise BaselineError(msg("{path}:{line}:{column}: baseline is not valid JSON: {reason}", path=path, line=exc.lineno, column=exc.colno, reason=exc.msg)) from None
    except (ValueError, RecursionError) as exc:  # arrays past the recursion limit; an integer past int()'s digit limit
        reason = "nested too deeply" if isinstance(exc, RecursionError) else "an integer with too many digits"
        raise BaselineError(msg("{path}: baseline is not valid JSON: {reason}", path=path, reason=reason)) from None
    if not isinstance(data, dict) or not isinstance(data.get("entries"), list):
        raise BaselineError(msg("{path}: not a translate-kit baseline (no \"entries\" list)", path=path))
    version = data.get("version")
    if version != FORMAT_VERSION:
        raise BaselineError(msg("{path}: unsupported baseline version {version} (this translate-kit reads version {supported})", path=path, version=repr(version), supported=FORMAT_VERSION))
    recipe = data.get("fingerprint_version", fp.VERSION)
    if recipe != fp.VERSION:
        raise BaselineError(msg("{path}: baseline uses fingerprint recipe v{recipe}, this translate-kit uses v{ours}; "
                                "regenerate it with --write-baseline", path=path, recipe=str(recipe), ours=fp.VERSION))
    entries = tuple(_entry(path, index, item) for index, item in enumerate(data["entries"]))
    tool_version = data.get("tool_version")
    return Baseline(path=path, entries=entries, tool_version=tool_version if isinstance(tool_version, str) else "")


def filter_new(findings: Sequence[Finding], baseline: Baseline, snippets: Snippets) -> tuple[tuple[Finding, ...], int]:
    """The findings the baseline does not excuse (in their given order) and how many it did."""
    base_dir = os.path.dirname(os.path.abspath(baseline.path))
    prints = baseline_fingerprints(findings, snippets, base_dir)
    available = baseline.counts()
    known: set[Finding] = set()
    # Lowest occurrence counters first, so which copies count as known is deterministic.
    for finding in sorted(prints, key=lambda f: _occurrence(prints[f])):
        line_hash = _line_hash(prints[finding])
        if available[line_hash] > 0:
            available[line_hash] -= 1
            known.add(finding)
    new = tuple(f for f in dict.fromkeys(findings) if f not in known)
    return new, len(known)


def _entry(path: str, index: int, item: Any) -> BaselineEntry:
    """One entry of a loaded file, checked; `fingerprint` is required, the rest informative."""
    if not isinstance(item, dict) or not isinstance(item.get("fingerprint"), str) or not item["fingerprint"]:
        raise BaselineError(msg("{path}: entry {number} has no \"fingerprint\" string", path=path, number=index + 1))

    def text(key: str) -> str:
        value = item.get(key)
        return value if isinstance(value, str) else ""

    expected = item.get("expected")
    return BaselineEntry(
        fingerprint=item["fingerprint"],
        rule=text("rule"),
        path=text("path"),
        found=text("found"),
        expected=expected if isinstance(expected, str) else None,
        message=text("message"),
    )


def _relative(path: str, base_dir: str) -> str:
    """`path` relative to `base_dir` in POSIX form, or absolute when that is impossible."""
    absolute = os.path.abspath(path)
    try:
        rel = os.path.relpath(absolute, base_dir)
    except ValueError:  # another drive on Windows
        rel = absolute
    return rel.replace(os.sep, "/")


def _line_hash(fingerprint: str) -> str:
    """`<hash>:<n>` -> `<hash>`."""
    return fingerprint.rsplit(":", 1)[0]


def _occurrence(fingerprint: str) -> int:
    """`<hash>:<n>` -> n (1 when absent)."""
    head, _, tail = fingerprint.rpartition(":")
    return int(tail) if head and tail.isdigit() else 1
