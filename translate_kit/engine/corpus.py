"""The files of a run as contributions by path, and the read-only view run rules get.

`Corpus.put(path, contribution)` and `Corpus.drop(path)` replace one file's part, so a
language server re-checks an edited document without reading the others again. `view()`
derives what run rules read (word uses across files, mentions in reading order) from the
contributions; rules never write into the corpus.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterator, Protocol, Union

from translate_kit.engine.contribution import (
    MAX_POSITIONS_PER_FORM,
    FileContribution,
    FormStats,
    TermHitUse,
    WordPlace,
    merge_scratch,
)
from translate_kit.engine.codec import Stored
from translate_kit.anchors import run_mentions
from translate_kit.model import InputError, MentionUse, Place

if TYPE_CHECKING:  # pragma: no cover
    from translate_kit.analysis import Engine
    from translate_kit.glossary import Glossary
    from translate_kit.link import GlossaryIndex
    from translate_kit.options import CheckOptions


class Unread(Protocol):
    """A file whose contribution is not read yet (its cache entry: `build.UnreadEntry`)."""

    def read(self) -> "FileContribution | Stored | InputError":
        """Its contribution, or the input error that keeps the file out of the run."""


Held = Union[FileContribution, Stored, Unread]


class Corpus:
    """Contributions by path; the run's reading order is sorted path order. A contribution
    read from the cache may be held as `codec.Stored` (decoded but for the part only run
    rules read): `get` and `contributions` decode that part when they are first asked. A
    file may even be held `Unread` (only its key known, for a run whose findings may come
    from the cache): it is read when first asked for (`settle` reads them all), and a file
    that cannot be read then leaves the corpus."""

    def __init__(self) -> None:
        self._files: dict[str, Held] = {}
        self._keys: dict[str, bytes] = {}
        self._unreadable: list[InputError] = []  # files dropped when read, until `settle` reports them

    def put(self, path: str, contribution: Held, key: bytes | None = None) -> None:
        """Add or replace what one file contributes; `key` is its cache key, when it has one."""
        self._files[path] = contribution
        if self._unreadable:
            self._forget_error(path)
        if key is None:
            self._keys.pop(path, None)
        else:
            self._keys[path] = key

    def drop(self, path: str) -> None:
        """Forget a file (deleted, or closed in an editor)."""
        self._files.pop(path, None)
        self._keys.pop(path, None)
        if self._unreadable:
            self._forget_error(path)

    def _forget_error(self, path: str) -> None:
        """An unreadable file's error is moot once the file is replaced or dropped."""
        self._unreadable = [e for e in self._unreadable if e.path != path]

    def get(self, path: str) -> FileContribution | None:
        found = self._read(path)
        return self._whole(path, found) if found is not None else None

    def __contains__(self, path: object) -> bool:
        return path in self._files

    def __len__(self) -> int:
        return len(self._files)

    def paths(self) -> list[str]:
        """The files of the run, in reading order."""
        return sorted(self._files)

    def contributions(self) -> Iterator[FileContribution]:
        for path in self.paths():
            found = self._read(path)
            if found is not None:
                yield self._whole(path, found)

    def source_line(self, path: str, line: int) -> str | None:
        """The text of a line of a file of the run, as the run decoded it (None for a file
        not in the run or a line past its end); decodes nothing else."""
        found = self._read(path)
        return found.source_line(line) if found is not None else None

    def settle(self) -> list[InputError]:
        """Read every file not read yet; the input errors of those that could not be read
        (they leave the corpus), also of those an earlier `get` or `contributions` found
        unreadable, each reported once."""
        for path in self.paths():
            found = self._files[path]
            if not isinstance(found, (FileContribution, Stored)):
                self._replaced(path, found)
        errors = self._unreadable[:]
        self._unreadable.clear()  # the same list: a caller's frozen corpus stays as it froze it
        return errors

    def _read(self, path: str) -> "FileContribution | Stored | None":
        """The file as held, read first if it was not (None for a file not in the corpus,
        or one that cannot be read)."""
        found = self._files.get(path)
        if found is None or isinstance(found, (FileContribution, Stored)):
            return found
        read = self._replaced(path, found)
        return None if isinstance(read, InputError) else read

    def _replaced(self, path: str, unread: Unread) -> "FileContribution | Stored | InputError":
        read = unread.read()
        if isinstance(read, InputError):
            self.drop(path)
            self._unreadable.append(read)
        else:
            self._files[path] = read
        return read

    def cache_keys(self) -> list[tuple[str, bytes]] | None:
        """Each file's cache key in reading order; None when a file has none (read from an
        editor's buffer or put by a caller): then the run's findings cannot be keyed."""
        if len(self._keys) != len(self._files):
            return None
        return [(path, self._keys[path]) for path in self.paths()]

    def _whole(self, path: str, found: FileContribution | Stored) -> FileContribution:
        if isinstance(found, FileContribution):
            return found
        whole = self._files[path] = found.contribution()
        return whole

    def view(self, engine: "Engine", options: "CheckOptions", glossary: "Glossary | None" = None) -> "RunView":
        """What run rules read, derived from the current contributions."""
        return RunView(list(self.contributions()), engine, options, glossary)


class RunView:
    """What every file contributed, merged in reading order; run rules are functions of
    this. Derived indexes that several rules share (entity clusters, glossary links) are
    computed once per view by the rules that need them and kept in its memo slots."""

    def __init__(self, files: list[FileContribution], engine: "Engine", options: "CheckOptions",
                 glossary: "Glossary | None" = None) -> None:
        self.files = files
        self.wordunits = engine.wordunits  # readings of single words (orthographic-variant)
        self.options = options
        self.glossary = glossary
        self.documents = [f.path for f in files]
        self._by_path = {f.path: f for f in files}
        self.segments = sum(f.segments for f in files)
        self.untranslated = sum(f.untranslated for f in files)
        self.mentions: list[MentionUse] = run_mentions(m for f in files for m in f.mentions)
        self.term_hits: list[TermHitUse] = [h for f in files for h in f.term_hits]
        self.errors: list[InputError] = [e for f in files for e in f.errors]
        self.words = _merged_words(files)
        self.scratch: dict = {}
        for f in files:
            for key, value in f.scratch.items():
                merge_scratch(self.scratch, key, value)
        # derived once per view by the rules that share them
        self.clusters: list | None = None
        self.glossary_index: "GlossaryIndex | None" = None
        self.mention_links: list | None = None
        self.glossary_places: set | None = None
        self.glossary_verdicts: list | None = None
        self.spelling_families: object | None = None  # orthographic-variant's word families (a rule's type)

    def canonical_count(self, normalized: str) -> int:
        """How often the run writes a word in Sudachi's canonical spelling."""
        return sum(len(f.canonical.get(normalized, ())) for f in self.files)

    def canonical_first(self, normalized: str) -> WordPlace | None:
        """The run's first use of a word in its canonical spelling."""
        for number, f in enumerate(self.files):
            uses = f.canonical.get(normalized)
            if uses:
                a, b, surface = uses[0]
                return number, a, b, surface
        return None

    def canonical_uses(self, normalized: str, limit: int = MAX_POSITIONS_PER_FORM) -> list[WordPlace]:
        """Where the canonical spelling of a word is used, in reading order."""
        uses: list[WordPlace] = []
        for number, f in enumerate(self.files):
            for a, b, surface in f.canonical.get(normalized, ()):
                uses.append((number, a, b, surface))
                if len(uses) >= limit:
                    return uses
        return uses

    def text_of(self, path: str) -> str | None:
        """The decoded text of a file of the run (None for a file not in it)."""
        f = self._by_path.get(path)
        return f.text if f is not None else None

    def place(self, document: int, start: int, end: int) -> Place:
        """Lines and columns of a span given as file offsets in document `document`."""
        return _place(self.files[document], start, end)

    def place_in(self, path: str, start: int, end: int) -> Place | None:
        """Lines and columns of a span given as file offsets in the file `path` (None for a
        file not in the run)."""
        f = self._by_path.get(path)
        return _place(f, start, end) if f is not None else None


def _place(f: FileContribution, start: int, end: int) -> Place:
    a = f.lines.position(start)
    b = f.lines.position(end)
    return Place(f.path, a.line, a.column, b.line, b.column)


class MergedForm:
    """One written form of a word across the run: its exact count, and where it is used
    in reading order, built only when a rule asks (most forms are only counted)."""

    __slots__ = ("count", "_parts", "_uses")

    def __init__(self) -> None:
        self.count = 0
        self._parts: list[tuple[int, FormStats]] = []
        self._uses: list[WordPlace] | None = None

    def add(self, number: int, stats: FormStats) -> None:
        self.count += stats.count
        self._parts.append((number, stats))

    @property
    def uses(self) -> list[WordPlace]:
        """Up to MAX_POSITIONS_PER_FORM places as (document number, start, end, surface)."""
        if self._uses is None:
            uses: list[WordPlace] = []
            for number, stats in self._parts:
                room = MAX_POSITIONS_PER_FORM - len(uses)
                if room <= 0:
                    break
                uses.extend((number, a, b, surface) for _d, a, b, surface in stats.uses[:room])
            self._uses = uses
        return self._uses


def _merged_words(files: list[FileContribution]) -> dict[str, dict[str, MergedForm]]:
    """Every file's non-canonical word uses, documents numbered in reading order; the
    contributions' lists are read, never copied or written."""
    merged: dict[str, dict[str, MergedForm]] = {}
    for number, f in enumerate(files):
        for normalized, forms in f.words.items():
            mine = merged.get(normalized)
            if mine is None:
                mine = merged[normalized] = {}
            for form, stats in forms.items():
                target = mine.get(form)
                if target is None:
                    target = mine[form] = MergedForm()
                target.add(number, stats)
    return merged
