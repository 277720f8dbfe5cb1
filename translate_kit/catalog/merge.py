"""Update a catalog from a new template without losing a translator's work, as msgmerge
does: an unchanged msgid keeps its translation; a changed one gets the closest old
translation marked `#, fuzzy` with the old msgid as `#| msgid`; an entry whose text is gone
becomes obsolete (`#~`); translator comments and flags stay; an obsolete entry whose text
comes back is revived. Only an old entry with nothing a translator wrote (no msgstr, no
translator comment) is dropped when its text is gone, as msgmerge drops it."""

from __future__ import annotations

from dataclasses import dataclass

import polib
from rapidfuzz import fuzz, process

# msgmerge's FUZZY_THRESHOLD: similarity (0-1) an old msgid needs to lend its translation.
FUZZY_THRESHOLD = 0.6

Key = tuple[str | None, str]


@dataclass(frozen=True)
class MergeStats:
    """What an update did, for the command's summary line."""

    kept: int = 0  # same msgid, translation carried over
    fuzzy: int = 0  # new msgid given a close old translation, marked fuzzy
    new: int = 0  # no translation yet
    obsolete: int = 0  # old entries now obsolete (including ones that already were)
    revived: int = 0  # obsolete entries whose text came back


def _key(entry: polib.POEntry) -> Key:
    return entry.msgctxt, entry.msgid


def _translated(entry: polib.POEntry) -> bool:
    return bool(entry.msgstr) or any(entry.msgstr_plural.values())


def merge(old: polib.POFile, template: list[polib.POEntry]) -> tuple[list[polib.POEntry], MergeStats]:
    """The entries of the updated catalog: active ones in template order, then the
    obsolete ones; `old` is not changed."""
    active = {_key(e): e for e in old if not e.obsolete and e.msgid}
    obsolete = {_key(e): e for e in old if e.obsolete and e.msgid}
    pool = [e for e in [*active.values(), *obsolete.values()] if _translated(e)]
    choices = [e.msgid for e in pool]
    used: set[Key] = set()
    out: list[polib.POEntry] = []
    counts = {"kept": 0, "fuzzy": 0, "new": 0, "revived": 0}
    for fresh in template:
        entry = _copy(fresh)
        out.append(entry)
        previous = active.get(_key(fresh)) or obsolete.get(_key(fresh))
        if previous is not None:
            _carry(previous, entry)
            if "fuzzy" in previous.flags:  # still fuzzy: its #| stays
                entry.previous_msgid, entry.previous_msgctxt = previous.previous_msgid, previous.previous_msgctxt
            used.add(_key(previous))
            counts["revived" if previous.obsolete else "kept"] += 1
            continue
        match = process.extractOne(fresh.msgid, choices, scorer=fuzz.ratio, score_cutoff=FUZZY_THRESHOLD * 100) if choices else None
        if match is None:
            counts["new"] += 1
            continue
        source = pool[match[2]]
        _carry(source, entry)
        if "fuzzy" not in entry.flags:
            entry.flags.insert(0, "fuzzy")
        entry.previous_msgid = source.msgid
        entry.previous_msgctxt = source.msgctxt
        if not source.obsolete:
            used.add(_key(source))
        counts["fuzzy"] += 1
    gone = [_obsoleted(e) for key, e in active.items() if key not in used and _worth_keeping(e)]
    still = [e for key, e in obsolete.items() if key not in used]
    return out + gone + still, MergeStats(obsolete=len(gone) + len(still), **counts)


def _worth_keeping(entry: polib.POEntry) -> bool:
    """An entry holds a translator's work: a translation or a translator comment."""
    return _translated(entry) or bool(entry.tcomment.strip())


def _copy(entry: polib.POEntry) -> polib.POEntry:
    """A fresh entry from the template (msgctxt, msgid, extracted comments, places)."""
    out = polib.POEntry(msgid=entry.msgid, msgstr="", comment=entry.comment, occurrences=list(entry.occurrences))
    if entry.msgctxt is not None:
        out.msgctxt = entry.msgctxt
    return out


def _carry(old: polib.POEntry, new: polib.POEntry) -> None:
    """What the translator wrote moves to the new entry: translation, comment, flags."""
    new.msgstr = old.msgstr
    if old.msgstr_plural and not old.msgstr:
        new.msgstr = old.msgstr_plural.get(0, "")
    new.tcomment = old.tcomment
    new.flags = list(old.flags)


def _obsoleted(entry: polib.POEntry) -> polib.POEntry:
    """An old entry as an obsolete one (`#~`): its text is kept, its places dropped."""
    out = polib.POEntry(msgid=entry.msgid, msgstr=entry.msgstr, tcomment=entry.tcomment, flags=list(entry.flags),
                        obsolete=True)
    if entry.msgctxt is not None:
        out.msgctxt = entry.msgctxt
    if entry.msgid_plural:
        out.msgid_plural, out.msgstr_plural = entry.msgid_plural, dict(entry.msgstr_plural)
    if entry.previous_msgid is not None:
        out.previous_msgid = entry.previous_msgid
    return out
