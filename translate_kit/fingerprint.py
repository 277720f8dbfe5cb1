"""Stable finding fingerprints, so baselines and CI dashboards survive unrelated edits.

A fingerprint hashes what a finding *is* (rule, file, found and expected text) and the
whitespace-normalised text of its own line, but never its line or column number: moving a
block or editing another line keeps it, editing the finding's line changes it. Identical
findings on identical lines are told apart by an occurrence counter (`<hash>:<n>`, the
shape GitHub uses for its own line hashes), counted in `Finding.sort_key` order.
"""

from __future__ import annotations

import hashlib
from typing import Iterable, Mapping

from translate_kit.model import Finding

__all__ = ["VERSION", "fingerprint", "fingerprints", "line_hash", "normalize_line"]

#: Bumped if the recipe changes, so old baselines can be recognised (and migrated).
VERSION = 1

_HASH_CHARS = 32  # 128 bits of SHA-256: ample for per-repository uniqueness


# A normalized line longer than this enters a fingerprint as its own SHA-256, so that the
# findings on one line of megabytes do not each hash the whole line (shorter lines, all
# of any usual file, are hashed as before: existing baselines keep matching).
LONG_LINE = 4096


def normalize_line(snippet: str | None) -> str:
    """Collapse all whitespace (including U+3000) so re-indenting a line keeps its hash;
    a line longer than LONG_LINE is replaced by `sha256:` and its digest."""
    line = " ".join((snippet or "").split())
    if len(line) > LONG_LINE:
        return "sha256:" + hashlib.sha256(line.encode("utf-8", "surrogatepass")).hexdigest()
    return line


def line_hash(finding: Finding, snippet: str | None) -> str:
    """The occurrence-free part of a fingerprint: rule, path, found, expected and line text."""
    return _hash(finding, normalize_line(snippet))


def _hash(finding: Finding, normalized_line: str) -> str:
    parts = (
        f"v{VERSION}",
        finding.rule,
        finding.path.replace("\\", "/"),
        finding.found,
        "" if finding.expected is None else "=" + finding.expected,
        normalized_line,
    )
    data = "\x1f".join(parts).encode("utf-8", "surrogatepass")
    return hashlib.sha256(data).hexdigest()[:_HASH_CHARS]


def fingerprint(finding: Finding, snippet: str | None, occurrence: int = 1) -> str:
    """One finding's fingerprint; `occurrence` counts identical findings on identical lines."""
    return f"{line_hash(finding, snippet)}:{occurrence}"


def fingerprints(
    findings: Iterable[Finding], snippets: Mapping[tuple[str, int], str]
) -> dict[Finding, str]:
    """Fingerprint every finding, numbering repeats of the same hash in sorted order."""
    seen: dict[str, int] = {}
    result: dict[Finding, str] = {}
    normalized: dict[tuple[str, int], str] = {}  # each line normalized once, however many findings it has
    for finding in sorted(set(findings), key=_order):
        where = (finding.path, finding.line)
        line = normalized.get(where)
        if line is None:
            line = normalized[where] = normalize_line(snippets.get(where))
        base = _hash(finding, line)
        seen[base] = seen.get(base, 0) + 1
        result[finding] = f"{base}:{seen[base]}"
    return result


def _order(finding: Finding) -> tuple:
    """A total order on findings (sort_key first), so counters are deterministic."""
    return (*finding.sort_key(), finding.end_line, finding.end_column, finding.message)
