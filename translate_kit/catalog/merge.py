"""Update a catalog from a new template without losing a translator's work, as msgmerge
does: an unchanged msgid keeps its translation; a changed one gets the closest old
translation marked `#, fuzzy`, with the msgid that translation was written for as `#| msgid`
(the old msgid, or a fuzzy old entry's own `#|`); an entry whose text is gone
becomes obsolete (`#~`); translator comments and flags stay; an obsolete entry whose text
comes back is revived. Only an old entry with nothing a translator wrote (no msgstr, no
translator comment) is dropped when its text is gone, as msgmerge drops it."""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

import polib
from rapidfuzz import fuzz, process
from rapidfuzz.distance import Indel

# msgmerge's FUZZY_THRESHOLD: similarity (0-1) an old msgid needs to lend its translation.
FUZZY_THRESHOLD = 0.6
THRESHOLD = Fraction(3, 5)  # the same, exact
GRAM = 4  # msgmerge's fuzzy index: a lender shares a run of this many characters

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
    lenders = _Lenders.of([e for e in old if e.msgid and _translated(e)])
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
                _written_for(previous, entry)
            elif previous.msgid_plural != fresh.msgid_plural:  # plural forms came or went: to be looked at
                entry.flags.insert(0, "fuzzy")
                _written_for(previous, entry)
            used.add(_key(previous))
            counts["revived" if previous.obsolete else "kept"] += 1
            continue
        source = lenders.closest(fresh)
        if source is None:
            counts["new"] += 1
            continue
        _carry(source, entry)
        if "fuzzy" not in entry.flags:
            entry.flags.insert(0, "fuzzy")
        _written_for(source, entry)
        if not source.obsolete:
            used.add(_key(source))
        counts["fuzzy"] += 1
    gone = [_obsoleted(e) for key, e in active.items() if key not in used and _worth_keeping(e)]
    still = [e for key, e in obsolete.items() if key not in used]
    return out + gone + still, MergeStats(obsolete=len(gone) + len(still), **counts)


@dataclass(frozen=True)
class _Lenders:
    """The old translated entries, in file order, that can lend a translation to a new
    msgid, chosen as msgmerge chooses: the most similar (rapidfuzz's `ratio`, at least
    FUZZY_THRESHOLD) among those sharing a run of GRAM characters with it (any, for a msgid
    shorter than that); on a tie, one with the same context or none, then the one sharing
    the most runs (for a short msgid, the shortest), then the first. An entry of another
    context needs more than the threshold."""

    pool: tuple[polib.POEntry, ...]
    msgids: tuple[str, ...]

    @classmethod
    def of(cls, pool: list[polib.POEntry]) -> _Lenders:
        return cls(tuple(pool), tuple(e.msgid for e in pool))

    def closest(self, fresh: polib.POEntry) -> polib.POEntry | None:
        slack = FUZZY_THRESHOLD * 100 - 0.01  # rapidfuzz's cutoffs round: a margin, then exact scores
        top = process.extract(fresh.msgid, self.msgids, scorer=fuzz.ratio, score_cutoff=slack, limit=8) if self.pool else []
        if not top:
            return None
        # the most similar first (usually a few); further down only when none of them shares a run
        tied = [n for _msgid, score, n in top if score >= top[0][1] - 0.01]
        if len(tied) == len(top) == 8:
            found = process.extract(fresh.msgid, self.msgids, scorer=fuzz.ratio, score_cutoff=top[0][1] - 0.01, limit=None)
            tied = [n for _msgid, _score, n in found]
        chosen = self._first_of(fresh, tied)
        if chosen is None and not len(tied) == len(top) < 8:  # others below the most similar
            found = process.extract(fresh.msgid, self.msgids, scorer=fuzz.ratio, score_cutoff=slack, limit=None)
            chosen = self._first_of(fresh, [n for _msgid, _score, n in found])
        return chosen

    def _first_of(self, fresh: polib.POEntry, candidates: list[int]) -> polib.POEntry | None:
        grams = _grams(fresh.msgid)
        short = len(fresh.msgid) < GRAM
        best: tuple[tuple, polib.POEntry] | None = None
        for n in candidates:
            entry = self.pool[n]
            score = _similarity(fresh.msgid, entry.msgid)
            same_context = entry.msgctxt is None or entry.msgctxt == fresh.msgctxt
            if short:
                tie = -len(entry.msgid.encode())  # msgmerge walks short msgids by byte length
            else:
                theirs = set(_grams(entry.msgid))
                tie = sum(gram in theirs for gram in grams)
            if (not short and tie == 0) or score < THRESHOLD or (not same_context and score == THRESHOLD):
                continue
            rank = (score, same_context, tie, -n)
            if best is None or rank > best[0]:
                best = (rank, entry)
        return best[1] if best is not None else None


def _similarity(a: str, b: str) -> Fraction:
    """rapidfuzz's `ratio` (msgmerge's fstrcmp, on characters) as an exact fraction, so
    that equal similarities compare equal."""
    total = len(a) + len(b)
    return Fraction(total - Indel.distance(a, b), total) if total else Fraction(1)


def _grams(text: str) -> list[str]:
    """The runs of GRAM characters in a text, in order, repeats included."""
    return [text[i:i + GRAM] for i in range(len(text) - GRAM + 1)]


def _written_for(old: polib.POEntry, new: polib.POEntry) -> None:
    """`#|` on a fuzzy entry: the msgid (and plural, context) its translation was written
    for, the old entry's own, or its `#|` when it was fuzzy itself (as msgmerge does)."""
    if "fuzzy" in old.flags:
        new.previous_msgctxt, new.previous_msgid = old.previous_msgctxt, old.previous_msgid
        new.previous_msgid_plural = old.previous_msgid_plural
    else:
        new.previous_msgctxt, new.previous_msgid = old.msgctxt, old.msgid
        new.previous_msgid_plural = old.msgid_plural or None


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
