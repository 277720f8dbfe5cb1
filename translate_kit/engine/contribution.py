"""What one file brings to a run, as one value, and what computing it shares with the rules.

`FileContribution` is what `contribute(document, resources)` (builder.py) returns: the
cache, the worker pool and the language server know this type and nothing else of the
analysis; `Corpus` (corpus.py) holds them by path. `Resources` are what a run computes
with, and `DocumentScope` what the rules of one document share.
"""

from __future__ import annotations

from array import array
from collections import Counter
from dataclasses import dataclass, field, fields
from functools import partial
from operator import attrgetter
from typing import TYPE_CHECKING, Callable, Iterator, NamedTuple, Protocol, Sequence, TypeVar

from translate_kit.analysis import SegmentAnalysis
from translate_kit.engine.scope import REPEATED_KEPT, EntryTexts
from translate_kit.model import CatalogEntry, Document, Finding, InputError, LineIndex, MentionUse, Place, Segment, Token
from translate_kit.options import CheckOptions
from translate_kit.suppress import Suppression
from translate_kit.terms import TermMatcher
from translate_kit.wordunits import JapaneseText, Unit, WordUnits

if TYPE_CHECKING:  # pragma: no cover
    from translate_kit.glossary import Glossary
    from translate_kit.glossary.model import Concept, Term
    from translate_kit.rules.base import Rule

# How many places of one written form are kept for reporting; counts stay exact.
MAX_POSITIONS_PER_FORM = 2000
_T = TypeVar("_T")

# (document number, file start, file end, surface); a contribution's own document is 0
WordPlace = tuple[int, int, int, str]
# tokens of a short text that is not a segment (a glossary term), by language
Tokenize = Callable[[str, "str | None"], "list[Token]"]


@dataclass
class FormStats:
    """One written form of a word: its exact count and (up to a cap) where it is used."""

    count: int = 0
    uses: list[WordPlace] = field(default_factory=list)

    def add(self, use: WordPlace) -> None:
        self.count += 1
        if len(self.uses) < MAX_POSITIONS_PER_FORM:
            self.uses.append(use)


class SpellingUses:
    """Where a word is written in its canonical spelling in one file: (file start, file
    end, surface) per use, kept as one integer array and a list of (interned) surfaces.
    A catalog writes hundreds of thousands of these; as tuples they were a fifth of a
    100k-entry run's memory."""

    __slots__ = ("offsets", "surfaces")

    def __init__(self, offsets: "array[int] | None" = None, surfaces: list[str] | None = None) -> None:
        self.offsets = offsets if offsets is not None else array("q")
        self.surfaces = surfaces if surfaces is not None else []

    def extend(self, other: "SpellingUses") -> None:
        self.offsets.extend(other.offsets)
        self.surfaces.extend(other.surfaces)

    def __len__(self) -> int:
        return len(self.surfaces)

    def __iter__(self) -> Iterator[tuple[int, int, str]]:
        offsets = self.offsets
        return ((offsets[2 * i], offsets[2 * i + 1], s) for i, s in enumerate(self.surfaces))

    def __getitem__(self, i: int) -> tuple[int, int, str]:
        return self.offsets[2 * i], self.offsets[2 * i + 1], self.surfaces[i]

    def __eq__(self, other: object) -> bool:
        return isinstance(other, SpellingUses) and self.offsets == other.offsets and self.surfaces == other.surfaces

    def __repr__(self) -> str:
        return f"SpellingUses({list(self)!r})"

    def __reduce__(self) -> tuple:
        return (SpellingUses, (self.offsets, self.surfaces))


class TermHitUse(NamedTuple):
    """A glossary term occurrence that breaks the glossary: concept, term, what was
    written, where, and the verdict (kind, expected)."""

    concept: "Concept"
    term: "Term"
    surface: str
    place: Place
    verdict: tuple


@dataclass(frozen=True)
class FileContribution:
    """Everything one file brings to a run; picklable, computed by `contribute`.

    `words` maps a normalized form to its non-canonical written forms; `canonical` maps a
    normalized form to every use in that (Sudachi's canonical) spelling, as (file start,
    file end, surface). Word places use document number 0; a `Corpus` renumbers them."""

    path: str
    text: str
    lines: LineIndex
    segments: int = 0
    untranslated: int = 0
    mentions: tuple[MentionUse, ...] = ()
    words: dict[str, dict[str, FormStats]] = field(default_factory=dict)
    canonical: dict[str, SpellingUses] = field(default_factory=dict)
    # file starts of word uses a translation writes as its entry's source does (a Latin
    # word's letter case): counted by orthographic-variant, never reported there
    kept: frozenset[int] = frozenset()
    term_hits: tuple[TermHitUse, ...] = ()
    findings: tuple[Finding, ...] = ()  # the document rules'
    suppressions: tuple[Suppression, ...] = ()
    errors: tuple[InputError, ...] = ()
    scratch: dict = field(default_factory=dict)  # document rules' per-file reductions, merged by run rules

    def __reduce__(self) -> tuple:
        # the fields in order, without their names: one pickle per file in the cache
        return (FileContribution, _contribution_fields(self))

    def source_line(self, line: int) -> str | None:
        """The text of 1-based line `line`, as the run decoded it (for snippets)."""
        return line_of(self.text, self.lines, line)


def line_of(text: str, lines: LineIndex, line: int) -> str | None:
    """The text of 1-based line `line` of `text`, with its line break (None past the end)."""
    if not 1 <= line <= lines.line_count:
        return None
    start = lines.offset(line, 1)
    end = text.find("\n", start)
    return text[start:] if end < 0 else text[start : end + 1]


_TERMS = ("resources", "term matcher")  # its key in `Resources.memo`
_contribution_fields = attrgetter(*(f.name for f in fields(FileContribution)))


class Analyzer(Protocol):
    """What a run needs of its engine: `Engine`, or one that remembers analyses (memo.py,
    for the language server)."""

    wordunits: WordUnits

    def load(self) -> None: ...

    def tokenize(self, text: str, lang: str | None) -> list[Token]: ...

    def analyze(self, text: str, lang: str | None, words: bool = True, terms: "TermMatcher | None" = None,
                units: bool = False) -> SegmentAnalysis: ...


@dataclass
class Resources:
    """What `contribute` needs besides the document, loaded once per process: the engine
    (Sudachi dictionary), options, glossary and its term matcher, the enabled document
    rules, and per-run derived indexes (`memo`) that rules build on first use."""

    engine: Analyzer
    options: CheckOptions
    glossary: "Glossary | None" = None
    rules: tuple["Rule", ...] = ()
    memo: dict = field(default_factory=dict)

    @property
    def terms(self) -> "TermMatcher | None":
        """The glossary's term matcher, built when a file is first analysed: a run whose
        files all come from the cache tokenizes no glossary term."""
        memo = self.memo
        if _TERMS not in memo:
            memo[_TERMS] = TermMatcher.for_glossary(self.glossary, self.engine) if self.glossary is not None else None
        return memo[_TERMS]

    def load(self) -> None:
        """Load the dictionary and build the term matcher now, not when first used (before
        forking workers, which then share them)."""
        self.engine.load()
        _ = self.terms

    @property
    def wants_units(self) -> bool:
        """Whether a document rule needs the word units of bilingual segments."""
        return any("word-units" in r.needs for r in self.rules)


class DocumentScope:
    """What a document rule sees besides the document: options, glossary, the words of
    each segment from its one analysis (`units`), word-level look-ups (`wordunits`), a
    tokenizer for glossary terms, per-run indexes (`memo`), and a scratch dict for
    per-file reductions that its run rule merges. Never the engine itself. Entry rules
    also share each entry's masked texts, their words and word boundaries (`texts`, an
    `EntryTexts`; `masked` for short), computed once per entry for all of them
    and dropped when it is done; the word boundaries of a translation the document repeats
    are kept until its last use (`ahead` counts the uses of each (text, language) still to
    come)."""

    __slots__ = ("options", "glossary", "memo", "scratch", "wordunits", "term_tokens", "_units", "texts", "_entry", "_ahead",
                 "_answers", "_answered", "_asked")

    def __init__(self, resources: Resources, units: "dict[tuple[str, str | None], Sequence[Unit] | None] | None" = None,
                 ahead: "Counter[tuple[str, str | None]] | None" = None) -> None:
        self.options = resources.options
        self.glossary = resources.glossary
        self.memo = resources.memo
        self.wordunits: WordUnits = resources.engine.wordunits
        self.term_tokens: Tokenize = resources.engine.tokenize
        self.scratch: dict = {}
        self._units = units if units is not None else {}
        self._ahead = ahead if ahead is not None else Counter()
        # what the entry rules read of each entry's texts (compiled: they ask it often)
        self.texts: EntryTexts = EntryTexts(partial(_parse, self.wordunits, self._units), self._ahead)
        self._entry = self.texts.entry  # the finished entry's texts, cleared by `entry_done`
        self._answers: dict[tuple[str, str | None], dict[tuple, object]] = {}  # by first translation, then rule and signature
        self._answered: list[tuple[str, str | None]] = []  # answers to forget when the entry is done
        # the entry asked of, the answers kept for entries like it (None: none kept) and its signature
        self._asked: tuple[CatalogEntry | None, dict[tuple, object] | None, tuple] = (None, None, ())

    def units(self, segment: Segment) -> "Sequence[Unit] | None":
        """The words of a segment from its analysis (None when not analysed for them)."""
        return self._units.get((segment.text, segment.lang))

    def masked(self, text: str, flags: Sequence[str] = ()) -> str:
        """`mask_code(text, flags)`, once per entry whichever rules ask."""
        return self.texts.masked(text, flags)

    def entry_once(self, rule_id: str, entry: CatalogEntry, answer: Callable[[], _T]) -> _T:
        """`answer()` for an entry, or what it gave for an earlier entry of the document with
        the same texts (`signature`): a catalog repeats whole entries (one string under
        several msgctxt). Kept while a later segment has the entry's first translation
        (only then is a signature made). Only for answers that depend on nothing else of
        the entry (not its place, context or comment)."""
        asked = self._asked
        if asked[0] is not entry:  # the entry's first rule: where its answers are kept, once for all its rules
            asked = self._asked = self._bucket(entry)
        bucket = asked[1]
        if bucket is None:
            return answer()
        key = (rule_id, asked[2])
        if key in bucket:
            return bucket[key]  # type: ignore[return-value]
        found = bucket[key] = answer()
        return found

    def _bucket(self, entry: CatalogEntry) -> tuple[CatalogEntry, dict[tuple, object] | None, tuple]:
        """(entry, the answers kept for entries with its first translation or None, its
        signature when they are kept)."""
        if not entry.targets:
            return entry, None, ()
        target = entry.targets[0]
        first = (target.text, target.lang)
        answers = self._answers
        bucket = answers.get(first)
        if self._ahead[first]:
            if bucket is None:
                if len(answers) >= REPEATED_KEPT:
                    return entry, None, ()
                bucket = answers[first] = {}
        elif bucket is None:
            return entry, None, ()
        else:
            self._answered.append(first)  # the last entry with it: forgotten once every rule has asked
        return entry, bucket, signature(entry)

    def entry_done(self) -> None:
        """Forget the finished entry's masked texts and word boundaries (and the answers
        kept for entries like it, when it was the last)."""
        self._entry.clear()
        self._asked = (None, None, ())
        if self._answered:
            for first in self._answered:
                self._answers.pop(first, None)
            self._answered.clear()


def _parse(words: WordUnits, units: "dict[tuple[str, str | None], Sequence[Unit] | None]", segment: Segment,
           masked: str) -> JapaneseText:
    """The word boundaries of a segment's masked text, from its analysis's units."""
    return JapaneseText(words, masked, units.get((segment.text, segment.lang)))


def signature(entry: CatalogEntry) -> tuple:
    """What an entry is besides its place, context and comment: its flags, and the kind,
    text, language and flags of each of its segments."""
    return (entry.flags, *map(_segment_key, entry.sources), None, *map(_segment_key, entry.targets))


_segment_key = attrgetter("kind", "text", "lang", "flags")


def join(doc: Document, pieces: list[FileContribution]) -> FileContribution:
    """One contribution for a document checked in pieces (see parallel.py), as if it had
    been checked whole: every piece shares the document's file offsets. A piece's line
    index is empty or the whole text's (the piece checked here keeps it: it is not built
    again)."""
    words: dict[str, dict[str, FormStats]] = {}
    canonical: dict[str, SpellingUses] = {}
    scratch: dict = {}
    for piece in pieces:
        for normalized, forms in piece.words.items():
            mine = words.setdefault(normalized, {})
            for form, stats in forms.items():
                target = mine.get(form)
                if target is None:
                    target = mine[form] = FormStats()
                target.count += stats.count
                target.uses.extend(stats.uses[: MAX_POSITIONS_PER_FORM - len(target.uses)])
        for normalized, uses in piece.canonical.items():
            canonical.setdefault(normalized, SpellingUses()).extend(uses)
        for key, value in piece.scratch.items():
            merge_scratch(scratch, key, value)
    return FileContribution(
        path=doc.path, text=doc.text, lines=next((p.lines for p in pieces if p.lines.line_count > 1), None) or LineIndex(doc.text),
        segments=sum(p.segments for p in pieces), untranslated=sum(p.untranslated for p in pieces),
        mentions=tuple(m for p in pieces for m in p.mentions), words=words, canonical=canonical,
        kept=frozenset().union(*(p.kept for p in pieces)),
        term_hits=tuple(h for p in pieces for h in p.term_hits), findings=tuple(f for p in pieces for f in p.findings),
        suppressions=tuple(s for p in pieces for s in p.suppressions), errors=tuple(e for p in pieces for e in p.errors),
        scratch=scratch,
    )


def merge_scratch(into: dict, key: object, value: object) -> None:
    """Rules' scratch data merges by concatenating lists and merging dicts of lists."""
    if key not in into:
        into[key] = _copied(value)
    elif isinstance(value, list):
        into[key].extend(value)
    elif isinstance(value, dict):
        for k, v in value.items():
            merge_scratch(into[key], k, v)
    elif isinstance(value, (int, float)):
        into[key] += value
    else:
        raise TypeError(f"scratch value for {key!r} must be a list, dict or number to merge across files")


def _copied(value: object) -> object:
    """A copy of nested lists and dicts, so merging never writes into a contribution."""
    if isinstance(value, list):
        return list(value)
    if isinstance(value, dict):
        return {k: _copied(v) for k, v in value.items()}
    return value


def one_line(text: str) -> str:
    return " ".join(text.split())


__all__ = ["DocumentScope", "FileContribution", "FormStats", "Resources", "SpellingUses", "join", "line_of", "one_line"]
