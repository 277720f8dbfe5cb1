"""What one file brings to a run, as one value, and the pure function that computes it.

`contribute(document, resources)` tokenizes each wanted segment once, extracts mentions,
word uses and glossary term hits, runs the document rules, and returns a
`FileContribution`. The cache, the worker pool and the language server know this type and
nothing else of the analysis; `Corpus` (corpus.py) holds them by path.
"""

from __future__ import annotations

import re
from array import array
from collections import Counter
from dataclasses import dataclass, field, fields
from operator import attrgetter
from typing import TYPE_CHECKING, Callable, Iterator, NamedTuple, Sequence, TypeVar

from translate_kit.analysis import Engine, SegmentAnalysis
from translate_kit.model import CatalogEntry, Document, Finding, InputError, LineIndex, MentionUse, Place, Segment, Token
from translate_kit.options import CheckOptions
from translate_kit.segment import in_brackets, lang_is_japanese, sentence_start, text_words, written_words
from translate_kit.suppress import Suppression, suppressions
from translate_kit.terms import TermMatcher
from translate_kit.textmask import WordSpan, code_like, mask_code, word_spans
from translate_kit.wordunits import JapaneseText, PackedUnits, Unit, WordUnits

if TYPE_CHECKING:  # pragma: no cover
    from translate_kit.glossary import Glossary
    from translate_kit.glossary.model import Concept, Term
    from translate_kit.rules.base import Rule

# How many places of one written form are kept for reporting; counts stay exact.
MAX_POSITIONS_PER_FORM = 2000
# Word boundaries of repeated translations, and rules' answers for repeated entries, kept
# at once by a document's scope.
_REPEATED_KEPT = 1 << 14
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

    def append(self, start: int, end: int, surface: str) -> None:
        self.offsets.append(start)
        self.offsets.append(end)
        self.surfaces.append(surface)

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


@dataclass
class Resources:
    """What `contribute` needs besides the document, loaded once per process: the engine
    (Sudachi dictionary), options, glossary and its term matcher, the enabled document
    rules, and per-run derived indexes (`memo`) that rules build on first use."""

    engine: Engine
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
    also share each entry's masked texts, their words and word boundaries (`masked`,
    `words`, `japanese`), computed once per entry for all of them and dropped when it is
    done; the word boundaries of a translation the document repeats are kept until its
    last use (`ahead` counts the uses of each (text, language) still to come)."""

    __slots__ = ("options", "glossary", "memo", "scratch", "wordunits", "term_tokens", "_units", "_entry", "_ahead", "_repeated",
                 "_answers", "_answered", "_signed")

    def __init__(self, resources: Resources, units: "dict[tuple[str, str | None], Sequence[Unit] | None] | None" = None,
                 ahead: "Counter[tuple[str, str | None]] | None" = None) -> None:
        self.options = resources.options
        self.glossary = resources.glossary
        self.memo = resources.memo
        self.wordunits: WordUnits = resources.engine.wordunits
        self.term_tokens: Tokenize = resources.engine.tokenize
        self.scratch: dict = {}
        self._units = units if units is not None else {}
        self._entry: dict[tuple, object] = {}
        self._ahead = ahead if ahead is not None else Counter()
        self._repeated: dict[tuple, JapaneseText] = {}
        self._answers: dict[tuple[str, str | None], dict[tuple, object]] = {}  # by first translation, then rule and signature
        self._answered: list[tuple[str, str | None]] = []  # answers to forget when the entry is done
        self._signed: tuple[CatalogEntry | None, tuple] = (None, ())  # the last entry asked of, and its signature

    def units(self, segment: Segment) -> "Sequence[Unit] | None":
        """The words of a segment from its analysis (None when not analysed for them)."""
        return self._units.get((segment.text, segment.lang))

    def masked(self, text: str, flags: Sequence[str] = ()) -> str:
        """`mask_code(text, flags)`, once per entry whichever rules ask."""
        key = ("masked", text, tuple(flags))
        found = self._entry.get(key)
        if found is None:
            found = self._entry[key] = mask_code(text, flags)
        return found  # type: ignore[return-value]

    def words(self, text: str, flags: Sequence[str] = ()) -> list[WordSpan]:
        """The words of `masked(text, flags)` with their offsets (`textmask.word_spans`),
        once per entry whichever rules ask."""
        key = ("words", text, tuple(flags))
        found = self._entry.get(key)
        if found is None:
            found = self._entry[key] = word_spans(self.masked(text, flags))
        return found  # type: ignore[return-value]

    def japanese(self, segment: Segment) -> JapaneseText:
        """The word boundaries of a Japanese segment's masked text, from its analysis;
        one per entry, so its katakana words and compounds are split once, and one for
        every use of a text the document repeats (a pure function of the text, its
        language and flags), kept until the text's last use."""
        key = ("japanese", segment.text, segment.lang, segment.flags)
        found = self._entry.get(key)
        if found is None:
            repeated = self._repeated
            if self._ahead[(segment.text, segment.lang)]:
                found = repeated.get(key)
                if found is None:
                    found = self._parse(segment)
                    if len(repeated) < _REPEATED_KEPT:
                        repeated[key] = found
            else:
                found = repeated.pop(key, None) or self._parse(segment)
            self._entry[key] = found
        return found  # type: ignore[return-value]

    def _parse(self, segment: Segment) -> JapaneseText:
        return JapaneseText(self.wordunits, self.masked(segment.text, segment.flags), self.units(segment))

    def entry_once(self, rule_id: str, entry: CatalogEntry, answer: Callable[[], _T]) -> _T:
        """`answer()` for an entry, or what it gave for an earlier entry of the document with
        the same texts (`signature`): a catalog repeats whole entries (one string under
        several msgctxt). Kept while a later segment has the entry's first translation
        (only then is a signature made). Only for answers that depend on nothing else of
        the entry (not its place, context or comment)."""
        if not entry.targets:
            return answer()
        first = (entry.targets[0].text, entry.targets[0].lang)
        answers = self._answers
        if self._ahead[first]:
            bucket = answers.get(first)
            if bucket is None:
                if len(answers) >= _REPEATED_KEPT:
                    return answer()
                bucket = answers[first] = {}
        else:
            bucket = answers.get(first)
            if bucket is None:
                return answer()
            self._answered.append(first)  # the last entry with it: forgotten once every rule has asked
        signed = self._signed
        if signed[0] is not entry:
            signed = self._signed = (entry, signature(entry))
        key = (rule_id, signed[1])
        if key in bucket:
            return bucket[key]  # type: ignore[return-value]
        found = bucket[key] = answer()
        return found

    def entry_done(self) -> None:
        """Forget the finished entry's masked texts and word boundaries (and the answers
        kept for entries like it, when it was the last)."""
        self._entry.clear()
        if self._answered:
            for first in self._answered:
                self._answers.pop(first, None)
            self._answered.clear()


def signature(entry: CatalogEntry) -> tuple:
    """What an entry is besides its place, context and comment: its flags, and the kind,
    text, language and flags of each of its segments."""
    return (entry.flags, *map(_segment_key, entry.sources), None, *map(_segment_key, entry.targets))


_segment_key = attrgetter("kind", "text", "lang", "flags")


def contribute(doc: Document, resources: Resources) -> FileContribution:
    """What `doc` contributes to a run: a pure function of the document and resources."""
    return _Builder(doc, resources).build()


class _Builder:
    """Collects one document's contribution; used once by `contribute`."""

    def __init__(self, doc: Document, resources: Resources) -> None:
        self.doc = doc
        self.resources = resources
        self.index = doc.line_index()
        self.mentions: list[MentionUse] = []
        self.words: dict[str, dict[str, FormStats]] = {}
        self.canonical: dict[str, SpellingUses] = {}
        self.term_hits: list[TermHitUse] = []
        self.findings: list[Finding] = []
        self.errors: list[InputError] = []
        self.segments = 0

    def build(self) -> FileContribution:
        doc, resources = self.doc, self.resources
        options = resources.options
        wanted = [s for s in doc.segments if options.include_fuzzy or "fuzzy" not in s.flags]
        analyze, words, matcher = resources.engine.analyze, options.collect_words, resources.terms
        units = resources.wants_units and doc.bilingual
        sources = EntrySources(doc, options.include_fuzzy)
        # sentences of documents run across the pieces a paragraph is cut into; a catalog
        # string is its own text (the file around it holds keywords and quotes)
        prose_text = doc.text if not doc.bilingual else None
        # entry rules run on each catalog entry as soon as its segments are analysed,
        # sharing its masked texts and words; document rules run on the whole file after
        entry_rules = [r for r in resources.rules if r.check_entry is not None] if doc.bilingual else []
        document_rules = [r for r in resources.rules if r.check_document is not None and r not in entry_rules]
        pending = {e.number: e for e in doc.compared_entries(options.include_fuzzy)} if entry_rules else {}
        last = {s.entry: i for i, s in enumerate(wanted) if s.entry in pending}
        # one pass over the analyses, kept no longer than their segment needs them: the
        # word units stay until the entry's rules have run, or, when a document rule
        # asks for them, until the document rules have
        keep_all = any("word-units" in r.needs for r in document_rules)
        kept_units: dict[tuple[str, str | None], Sequence[Unit] | None] = {}
        ahead: Counter[tuple[str, str | None]] = Counter((s.text, s.lang) for s in wanted)  # uses of each text still to come
        scope = DocumentScope(resources, kept_units, ahead)
        crashed: set[str] = set()
        started: set[int] = set()  # entries with a segment analysed, their rules not yet run
        analyses = _analyses(wanted, lambda text, lang: analyze(text, lang, words, matcher, units and lang_is_japanese(lang)), ahead)
        for i, (segment, analysis) in enumerate(zip(wanted, analyses)):
            self.segments += 1
            self._add_mentions(segment, analysis, sources, prose_text)
            if analysis.terms and matcher is not None:
                self._add_terms(segment, analysis, sources, matcher)
            if lang_is_japanese(segment.lang):
                self._add_words(segment, analysis)
            if units:
                # kept for the whole file only when a document rule asks: then packed
                kept = analysis.units
                kept_units[(segment.text, segment.lang)] = PackedUnits(kept) if keep_all and kept is not None else kept
            number = segment.entry
            if number is None or number not in last:
                continue
            if last[number] != i:
                started.add(number)
                continue
            started.discard(number)
            self._check_entry(entry_rules, doc, pending.pop(number), scope, crashed)
            if not keep_all and not started:
                kept_units.clear()
        for entry in pending.values():  # entries none of whose segments was analysed
            self._check_entry(entry_rules, doc, entry, scope, crashed)
        for rule in document_rules:
            check = rule.check_document
            assert check is not None
            try:
                self.findings.extend(check(doc, scope))
            except Exception as exc:  # noqa: BLE001 - a rule bug must not look like a clean pass
                self.errors.append(InputError(doc.path, None, f"rule {rule.id} crashed: {type(exc).__name__}: {one_line(str(exc))}"))
        if doc.first_part:  # what the loader could not read (an unclosed fence) is said once per file
            self.errors.extend(InputError.of(doc.path, line, reason) for line, reason in doc.unchecked)
        return FileContribution(
            path=doc.path, text=doc.text, lines=self.index, segments=self.segments,
            untranslated=len(doc.untranslated_msgids()), mentions=tuple(self.mentions), words=self.words,
            canonical=self.canonical, term_hits=tuple(self.term_hits), findings=tuple(self.findings),
            suppressions=tuple(suppressions(doc, self.index)), errors=tuple(self.errors), scratch=scope.scratch,
        )

    def _check_entry(self, rules: "list[Rule]", doc: Document, entry: "CatalogEntry", scope: DocumentScope, crashed: set[str]) -> None:
        """Run the entry rules on one entry; a rule that crashes is reported once and
        skipped for the rest of the file."""
        for rule in rules:
            if rule.id in crashed:
                continue
            check = rule.check_entry
            assert check is not None
            try:
                self.findings.extend(check(doc, entry, scope))
            except Exception as exc:  # noqa: BLE001 - a rule bug must not look like a clean pass
                crashed.add(rule.id)
                self.errors.append(InputError(doc.path, None, f"rule {rule.id} crashed: {type(exc).__name__}: {one_line(str(exc))}"))
        scope.entry_done()

    def _add_mentions(self, segment: Segment, analysis: SegmentAnalysis, sources: "EntrySources", text: str | None) -> None:
        found = analysis.mentions + analysis.compounds if analysis.compounds else analysis.mentions
        source_words = None
        if found and segment.entry is not None and segment.is_target:
            source_words = sources.words(segment.entry)
        for m in found:
            if text is not None:
                at = segment.file_offset(m.start)
                sentence = sentence_start(text, at)
                bracketed = in_brackets(text, sentence, at)
            else:
                local = sentence_start(segment.text, m.start)
                sentence, bracketed = segment.file_offset(local), in_brackets(segment.text, local, m.start)
            self.mentions.append(MentionUse(
                mention=m, place=place_of(segment, self.index, m.start, m.end), order=(segment.path, segment.file_offset(m.start)),
                lang=segment.lang, kind=segment.kind, entry=segment.entry, flags=segment.flags,
                source_words=source_words, sentence=sentence, bracketed=bracketed,
            ))

    def _add_terms(self, segment: Segment, analysis: SegmentAnalysis, sources: "EntrySources", matcher: "TermMatcher") -> None:
        for hit in analysis.terms:
            surface = segment.text[hit[1] : hit[2]]
            verdict = matcher.verdict(hit, surface, segment.lang)
            if verdict is None:
                continue  # a glossary form where it belongs: nothing to keep
            if _in_code(segment, hit[1], hit[2]):
                continue  # %(user)s, a URL, a tag: not prose
            if _kept_from_source(segment, hit[1], hit[2], sources):
                continue  # "Windows Server" in a msgstr whose msgid says so: copied on purpose
            if is_gloss(segment.text, hit[1], hit[2]):
                continue  # モジュール (module): the source term given for reference
            concept, term, start, end, _how = matcher.resolve(hit)
            self.term_hits.append(TermHitUse(concept, term, surface, place_of(segment, self.index, start, end), verdict))

    def _add_words(self, segment: Segment, analysis: SegmentAnalysis) -> None:
        offset = segment.file_offset
        verbatim = segment.char_offsets is None
        base = segment.start
        words = self.words
        for w in analysis.words:
            forms = words.get(w.normalized)
            if forms is None:
                forms = words[w.normalized] = {}
            stats = forms.get(w.form)
            if stats is None:
                stats = forms[w.form] = FormStats()
            if verbatim:
                stats.add((0, base + w.start, base + w.end, w.surface))
            else:
                stats.add((0, offset(w.start), offset(w.end), w.surface))
        canonical = self.canonical
        for w in analysis.canonical:
            uses = canonical.get(w.normalized)
            if uses is None:
                uses = canonical[w.normalized] = SpellingUses()
            if verbatim:
                uses.append(base + w.start, base + w.end, w.surface)
            else:
                uses.append(offset(w.start), offset(w.end), w.surface)


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


def place_of(segment: Segment, index: LineIndex, start: int, end: int) -> Place:
    """The place of `segment.text[start:end]` in its file."""
    a = index.position(segment.file_offset(start))
    b = index.position(segment.file_offset(end))
    return Place(segment.path, a.line, a.column, b.line, b.column)


def _analyses(segments: list[Segment], analyze: Callable[[str, str | None], SegmentAnalysis],
              left: "Counter[tuple[str, str | None]]") -> Iterator[SegmentAnalysis]:
    """Each segment's analysis, a text repeated in the document analysed once: catalogs
    repeat strings (a msgid under several msgctxt, "Cancel" in every dialog), and an
    analysis is a pure function of text and language with offsets relative to the text.
    Only repeated texts are remembered, each until its last use. `left` counts each
    (text, language)'s segments, and is counted down as they are yielded."""
    seen: dict[tuple[str, str | None], SegmentAnalysis] = {}
    for segment in segments:
        key = (segment.text, segment.lang)
        analysis = seen.get(key)
        if analysis is None:
            analysis = analyze(*key)
        remaining = left[key] - 1
        left[key] = remaining
        if remaining:
            seen[key] = analysis
        else:
            seen.pop(key, None)
        yield analysis


class EntrySources:
    """The source texts (msgid, msgid_plural) of a catalog's entries and their words, on
    first use: most catalogs ask for a few entries, those whose translation names something."""

    def __init__(self, doc: Document, include_fuzzy: bool) -> None:
        self._doc = doc
        self._include_fuzzy = include_fuzzy
        self._entries: dict[int, CatalogEntry] | None = None
        self._words: dict[int, frozenset[str]] = {}

    def texts(self, entry: int) -> tuple[str, ...]:
        if self._entries is None:  # the entries by number; their texts only when asked
            self._entries = {e.number: e for e in self._doc.catalog_entries(self._include_fuzzy)}
        found = self._entries.get(entry)
        return tuple([s.text for s in found.sources]) if found is not None else ()

    def words(self, entry: int) -> frozenset[str]:
        found = self._words.get(entry)
        if found is None:
            # the words, folded, and as written where a capital in prose (not in code:
            # :class:`Blob` is not rendered) says a word is a name (Blob, not blob)
            text = " ".join(self.texts(entry))
            found = self._words[entry] = text_words(text) | {w for w in written_words(mask_code(text)) if not w.islower()}
        return found


_LATIN_PHRASE_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 .-'")


def _kept_from_source(segment: Segment, start: int, end: int, sources: EntrySources) -> bool:
    """Whether a Latin-script term in a catalog translation was kept from its own msgid on
    purpose: inside a longer Latin phrase the msgid has (Windows Server, Language Server
    Protocol), or in a translation that is a copy of the msgid. A lone English word in a
    Japanese sentence (userを削除) is still a rendering to check."""
    if segment.entry is None or not segment.is_target:
        return False
    text = segment.text
    if not text[start:end].isascii():
        return False
    if any(text.strip() == source.strip() for source in sources.texts(segment.entry)):
        return True
    a, b = start, end
    while a > 0 and text[a - 1] in _LATIN_PHRASE_CHARS:
        a -= 1
    while b < len(text) and text[b] in _LATIN_PHRASE_CHARS:
        b += 1
    phrase = text_words(text[a:b])
    return len(phrase) > len(text_words(text[start:end])) and phrase <= sources.words(segment.entry)


_GLOSS_OPEN = re.compile(r"[^\x00-\x7f][ \u3000]*[(（][ \u3000]*$")
_GLOSS_CLOSE = re.compile(r"[ \u3000]*[)）]")


def is_gloss(text: str, start: int, end: int) -> bool:
    """Whether a Latin word or phrase stands alone in brackets right after Japanese text:
    the original term glossed (モジュール (module), 反復子（iterator）)."""
    return (
        text[start:end].isascii()
        and _GLOSS_OPEN.search(text, max(0, start - 8), start) is not None
        and _GLOSS_CLOSE.match(text, end) is not None
    )


def _in_code(segment: Segment, start: int, end: int) -> bool:
    """Whether segment.text[start:end] lies in a placeholder, URL, path, tag or code span,
    or is part of an identifier (config.user, $user)."""
    return not mask_code(segment.text, segment.flags)[start:end].strip() or code_like(segment.text, start, end)


def one_line(text: str) -> str:
    return " ".join(text.split())


__all__ = ["DocumentScope", "FileContribution", "FormStats", "Resources", "SpellingUses", "contribute", "join", "line_of"]
