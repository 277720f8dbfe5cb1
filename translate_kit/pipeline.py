"""A run: load every input, analyse each segment, reduce, then apply the rules.

Per-segment analysis is pure; what a file contributes to the run (mention uses, word
uses) is collected into a `RunContext`, which rules read. Files are processed in sorted
path order so results never depend on the order arguments were given in.
"""

from __future__ import annotations

import gc
import hashlib
import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Callable, Iterable, Iterator

from translate_kit.analysis import Engine, SegmentAnalysis
from translate_kit.model import (
    Document,
    Finding,
    InputError,
    InputFileError,
    LineIndex,
    Mention,
    Segment,
    Severity,
)
from translate_kit.segment import in_brackets, lang_is_japanese, sentence_start
from translate_kit.suppress import suppressions

if TYPE_CHECKING:  # pragma: no cover
    from translate_kit.terms import TermMatcher

# How many places of one written form are kept for reporting; counts stay exact.
MAX_POSITIONS_PER_FORM = 2000
# Places of a word in canonical spelling kept per document while analysing; a document
# with more uses is analysed again if a rule needs them all (a canonical minority form).
KEPT_CANONICAL_USES = 64


@dataclass(frozen=True, slots=True)
class Place:
    """A span in a file, 1-based lines and character columns (end exclusive)."""

    path: str
    line: int
    column: int
    end_line: int
    end_column: int


@dataclass(frozen=True, slots=True)
class MentionUse:
    """A mention placed in its file, with what the rules need to know about where."""

    mention: Mention
    place: Place
    order: tuple[str, int]  # (path, file offset): the run's reading order
    lang: str
    kind: str
    entry: int | None = None
    flags: tuple[str, ...] = ()
    # for a name in a catalog's translation: the words of what it translates (its entry's
    # msgid), so a rendering can be checked against its source; None elsewhere
    source_words: frozenset[str] | None = None
    # file offset where the mention's sentence starts (-1: not known), and whether it stands
    # inside brackets or quotes there: a name set beside its other script in brackets is a gloss
    sentence: int = -1
    bracketed: bool = False


@dataclass
class FormStats:
    """One written form of a word: its exact count and (up to a cap) where it is used,
    as (document number, file start offset, file end offset, surface); `RunContext.place`
    turns those into lines and columns only for what gets reported."""

    count: int = 0
    uses: list[tuple[int, int, int, str]] = field(default_factory=list)

    def add(self, use: tuple[int, int, int, str]) -> None:
        self.count += 1
        if len(self.uses) < MAX_POSITIONS_PER_FORM:
            self.uses.append(use)


@dataclass(frozen=True)
class RuleSettings:
    """Which rules run, and at which severity (overrides of the declared default)."""

    select: frozenset[str] | None = None
    ignore: frozenset[str] = frozenset()
    severities: tuple[tuple[str, Severity], ...] = ()

    def enabled(self, rule_id: str) -> bool:
        if rule_id in self.ignore:
            return False
        return self.select is None or rule_id in self.select

    def severity_of(self, rule_id: str, default: Severity) -> Severity:
        return dict(self.severities).get(rule_id, default)


@dataclass(frozen=True)
class CheckOptions:
    """Everything a run is configured with, apart from the inputs."""

    lang: str | None = None
    source_lang: str = "en"
    split_mode: str = "C"
    include_fuzzy: bool = False
    rules: RuleSettings = RuleSettings()
    glossary_paths: tuple[str, ...] = ()
    collect_words: bool = True  # `entities` needs names only
    jobs: int | None = 1  # worker processes for large inputs (0 = one per core; None = 1)
    cache_dir: str | None = None  # content-hash cache of what each file contributes
    report_untranslated: bool = False  # untranslated entries become findings, not just a count
    encoding: str | None = None  # of text and Markdown files (default UTF-8); catalogs declare their charset


@dataclass
class RunContext:
    """What every file contributed to the run; rules are functions of this."""

    engine: Engine
    options: CheckOptions
    documents: list[str] = field(default_factory=list)
    mentions: list[MentionUse] = field(default_factory=list)
    words: dict[str, dict[str, FormStats]] = field(default_factory=lambda: defaultdict(dict))
    errors: list[InputError] = field(default_factory=list)
    segments: int = 0
    glossary: object | None = None
    line_indexes: list[LineIndex] = field(default_factory=list)
    canonical_counts: list[Counter[str]] = field(default_factory=list)
    # per document: up to KEPT_CANONICAL_USES places (file start, end, surface) of each canonical word
    canonical_places: list[dict[str, list[tuple[int, int, str]]]] = field(default_factory=list)
    loader: Callable[[str], Document] | None = None
    document_rules: tuple = ()  # enabled rules with `check_document`, set by the run
    document_findings: list[Finding] = field(default_factory=list)
    clusters: list | None = None  # entity clusters, computed once by the rules that need them
    suppressions: list = field(default_factory=list)
    glossary_index: object | None = None
    mention_links: list | None = None
    glossary_places: set | None = None
    glossary_verdicts: list | None = None  # (rule id, finding) of the glossary rules, computed once
    scratch: dict = field(default_factory=dict)  # per-rule reductions filled by document rules
    term_matcher: "TermMatcher | None" = None
    # glossary term occurrences that break it: (concept, term, surface, place, (kind, expected))
    term_hits: list = field(default_factory=list)
    untranslated: int = 0
    _kept: dict[int, Document] = field(default_factory=dict)
    _reloaded: dict[int, Document] = field(default_factory=dict)
    _canonical_memo: dict[tuple[int, str], list[tuple[int, int, str]]] = field(default_factory=dict)
    cache: object | None = None  # the run's ContributionCache, if any
    file_keys: list = field(default_factory=list)  # cache key of each document, or None

    def contribution(self) -> "RunContext":
        """This context stripped of what cannot be pickled or shared: what one file
        contributed, for the cache and for merging."""
        return replace(
            self, engine=None, loader=None, document_rules=(), term_matcher=None,  # type: ignore[arg-type]
            glossary=None, glossary_index=None, mention_links=None, glossary_places=None, glossary_verdicts=None, clusters=None, _kept={}, _reloaded={}, _canonical_memo={},
            cache=None, file_keys=[],
        )

    def merge(self, part: "RunContext") -> None:
        """Fold another context's files (a cached or separately analysed file) into this
        run, renumbering its documents."""
        offset = len(self.documents)
        self.documents.extend(part.documents)
        self.line_indexes.extend(part.line_indexes)
        self.canonical_counts.extend(part.canonical_counts)
        self.canonical_places.extend(part.canonical_places)
        self._fold(part, offset)

    def _fold(self, part: "RunContext", number_offset: int) -> None:
        """Add what every contribution carries whatever document it is about (uses,
        findings, errors, counts, rules' scratch); word uses are renumbered."""
        self.mentions.extend(part.mentions)
        self.errors.extend(part.errors)
        self.segments += part.segments
        self.document_findings.extend(part.document_findings)
        self.suppressions.extend(part.suppressions)
        self.term_hits.extend(part.term_hits)
        self.untranslated += part.untranslated
        self._merge_words(part.words, number_offset)
        for key, value in part.scratch.items():
            _merge_scratch(self.scratch, key, value)

    def _merge_words(self, words: dict[str, dict[str, FormStats]], offset: int) -> None:
        """Add another context's word uses, shifting their document numbers by `offset`."""
        for normalized, forms in words.items():
            mine = self.words[normalized]
            for form, stats in forms.items():
                target = mine.get(form)
                if target is None:
                    target = mine[form] = FormStats()
                target.count += stats.count
                room = MAX_POSITIONS_PER_FORM - len(target.uses)
                target.uses.extend((d + offset, a, b, surface) for d, a, b, surface in stats.uses[:room])

    def open_document(self, doc: Document) -> int:
        """Number a document of the run and give it its line index and word counts."""
        number = len(self.documents)
        self.documents.append(doc.path)
        self.line_indexes.append(LineIndex(doc.text))
        self.canonical_counts.append(Counter())
        self.canonical_places.append({})
        if self.loader is None:
            self._kept[number] = doc  # nothing to reload it from later
        return number

    def absorb(self, piece: "RunContext") -> None:
        """Fold what one piece of the last opened document contributed (checked apart,
        see parallel.py) into that document, as if it had been read here."""
        number = len(self.documents) - 1
        self._fold(piece, number)  # a piece's only document is number 0
        for counts in piece.canonical_counts:
            self.canonical_counts[number].update(counts)
        places = self.canonical_places[number]
        for kept in piece.canonical_places:
            for normalized, uses in kept.items():
                mine = places.setdefault(normalized, [])
                mine.extend(uses[: KEPT_CANONICAL_USES - len(mine)])

    def add_document(self, doc: Document) -> None:
        """Analyse a document's segments and fold them into the run."""
        number = self.open_document(doc)
        index = self.line_indexes[number]
        counts = self.canonical_counts[number]
        places = self.canonical_places[number]
        self.suppressions.extend(suppressions(doc, index))
        if doc.first_part:
            self.errors.extend(InputError(doc.path, line, reason) for line, reason in doc.unchecked)
        self.untranslated += len(doc.untranslated_msgids())
        for rule in self.document_rules:
            try:
                self.document_findings.extend(rule.check_document(doc, self))
            except Exception as exc:  # noqa: BLE001 - a rule bug must not look like a clean pass
                self.errors.append(InputError(doc.path, None, f"rule {rule.id} crashed: {type(exc).__name__}: {_one_line(str(exc))}"))
        wanted = [segment for segment in doc.segments if self._wanted(segment)]
        analyze, words, matcher = self.engine.analyze, self.options.collect_words, self.term_matcher
        analyses = _analyses(wanted, lambda text, lang: analyze(text, lang, words, matcher))
        sources = EntrySources(doc, self.options.include_fuzzy)
        # sentences of documents run across the pieces a paragraph is cut into; a catalog
        # string is its own text (the file around it holds keywords and quotes)
        prose_text = doc.text if doc.format != "po" else None
        for segment, analysis in zip(wanted, analyses):
            self.segments += 1
            self._add_analysis(segment, analysis, index, number, sources, prose_text)
            if analysis.terms and self.term_matcher is not None:
                for hit in analysis.terms:
                    surface = segment.text[hit[1] : hit[2]]
                    verdict = self.term_matcher.verdict(hit, surface, segment.lang)
                    if verdict is None:
                        continue  # a glossary form where it belongs: nothing to keep
                    if _in_code(segment, hit[1], hit[2]):
                        continue  # %(user)s, a URL, a tag: not prose
                    if _kept_from_source(segment, hit[1], hit[2], sources):
                        continue  # "Windows Server" in a msgstr whose msgid says so: copied on purpose
                    if is_gloss(segment.text, hit[1], hit[2]):
                        continue  # モジュール (module): the source term given for reference
                    concept, term, start, end, how = self.term_matcher.resolve(hit)
                    place = _place(segment, index, start, end)
                    self.term_hits.append((concept, term, surface, place, verdict))
            if analysis.canonical and lang_is_japanese(segment.lang):
                offset = segment.file_offset
                for w in analysis.canonical:
                    normalized = w.normalized
                    counts[normalized] += 1
                    kept = places.get(normalized)
                    if kept is None:
                        places[normalized] = [(offset(w.start), offset(w.end), w.surface)]
                    elif len(kept) < KEPT_CANONICAL_USES:
                        kept.append((offset(w.start), offset(w.end), w.surface))

    def canonical_count(self, normalized: str) -> int:
        """How often the run writes a word in Sudachi's canonical spelling."""
        return sum(c[normalized] for c in self.canonical_counts)

    def canonical_first(self, normalized: str) -> tuple[int, int, int, str] | None:
        """The run's first use of a word in its canonical spelling, as (document, file
        start, file end, surface)."""
        for number, places in enumerate(self.canonical_places):
            kept = places.get(normalized)
            if kept:
                a, b, surface = kept[0]
                return number, a, b, surface
        return None

    def canonical_uses(self, normalized: str, limit: int = MAX_POSITIONS_PER_FORM) -> list[tuple[int, int, int, str]]:
        """Where the canonical spelling of a word is used: the places kept while analysing,
        or, for a document that used it more than KEPT_CANONICAL_USES times, by analysing
        that document again (`prefetch_canonical` batches those)."""
        uses: list[tuple[int, int, int, str]] = []
        for number, counts in enumerate(self.canonical_counts):
            if not counts[normalized]:
                continue
            found = self._complete_places(number, normalized)
            if found is None:
                found = self._recovered_uses(number, frozenset((normalized,)))[normalized]
            uses.extend((number, a, b, surface) for a, b, surface in found)
            if len(uses) >= limit:
                return uses[:limit]
        return uses

    def _complete_places(self, number: int, normalized: str) -> list[tuple[int, int, str]] | None:
        kept = self.canonical_places[number].get(normalized) if number < len(self.canonical_places) else None
        if kept is not None and len(kept) == self.canonical_counts[number][normalized]:
            return kept
        return None

    def prefetch_canonical(self, words: Iterable[str]) -> None:
        """Recover the canonical uses of several words with one pass per document (only
        where more were used than were kept)."""
        wanted = frozenset(words)
        for number, counts in enumerate(self.canonical_counts):
            needed = frozenset(w for w in wanted if counts[w] and self._complete_places(number, w) is None)
            if needed:
                self._recovered_uses(number, needed)

    def _recovered_uses(self, number: int, words: frozenset[str]) -> dict[str, list[tuple[int, int, str]]]:
        """File offsets of the canonical spellings of `words` in one document: remembered
        for the run, from the cache when the file is unchanged, else by analysing the
        document again (and caching that)."""
        memo = self._canonical_memo
        out: dict[str, list[tuple[int, int, str]]] = {}
        missing: set[str] = set()
        key = self.file_keys[number] if number < len(self.file_keys) else None
        for normalized in words:
            if (number, normalized) in memo:
                out[normalized] = memo[number, normalized]
                continue
            if self.cache is not None and key is not None:
                cached = self.cache.load(_canonical_cache_key(key, normalized))  # type: ignore[attr-defined]
                if isinstance(cached, list):
                    out[normalized] = memo[number, normalized] = cached
                    continue
            missing.add(normalized)
        if not missing:
            return out
        found: dict[str, list[tuple[int, int, str]]] = {w: [] for w in missing}
        doc = self._kept.get(number)
        if doc is None and self.loader is not None:
            doc = self._reloaded.get(number)
            if doc is None:
                doc = self.loader(self.documents[number])
                if len(self._reloaded) >= 4:  # keep a few: several words may need the same file
                    self._reloaded.pop(next(iter(self._reloaded)))
                self._reloaded[number] = doc
        if doc is not None:
            # a use of a word contains its stem (an inflected verb or adjective changes only
            # its last character); Sudachi also reads half-width and compatibility forms
            stems = tuple({w[:-1] if len(w) > 1 else w for w in missing})
            for segment in doc.segments:
                if not self._wanted(segment) or not lang_is_japanese(segment.lang):
                    continue
                text = segment.text
                if not any(stem in text for stem in stems):
                    folded = unicodedata.normalize("NFKC", text)
                    if folded == text or not any(stem in folded for stem in stems):
                        continue
                for w in self.engine.analyze_words(segment.text):
                    if w.normalized in found and w.form == w.normalized:
                        found[w.normalized].append((segment.file_offset(w.start), segment.file_offset(w.end), w.surface))
        for normalized, uses in found.items():
            out[normalized] = memo[number, normalized] = uses
            if self.cache is not None and key is not None:
                self.cache.put(_canonical_cache_key(key, normalized), uses)  # type: ignore[attr-defined]
        return out

    def place(self, document: int, start: int, end: int) -> Place:
        """Lines and columns of a span given as file offsets in document `document`."""
        index = self.line_indexes[document]
        a = index.position(start)
        b = index.position(end)
        return Place(self.documents[document], a.line, a.column, b.line, b.column)

    def _wanted(self, segment: Segment) -> bool:
        if "fuzzy" in segment.flags and not self.options.include_fuzzy:
            return False
        return True

    def _add_analysis(self, segment: Segment, analysis: SegmentAnalysis, index: LineIndex, number: int,
                      sources: "EntrySources | None" = None, text: str | None = None) -> None:
        source_words = None
        if analysis.mentions and sources is not None and segment.entry is not None and segment.kind.startswith("msgstr"):
            source_words = sources.words(segment.entry)
        for m in analysis.mentions:
            place = _place(segment, index, m.start, m.end)
            if text is not None:
                at = segment.file_offset(m.start)
                sentence = sentence_start(text, at)
                bracketed = in_brackets(text, sentence, at)
            else:
                local = sentence_start(segment.text, m.start)
                sentence, bracketed = segment.file_offset(local), in_brackets(segment.text, local, m.start)
            self.mentions.append(
                MentionUse(
                    mention=m,
                    place=place,
                    order=(segment.path, segment.file_offset(m.start)),
                    lang=segment.lang,
                    kind=segment.kind,
                    entry=segment.entry,
                    flags=segment.flags,
                    source_words=source_words,
                    sentence=sentence,
                    bracketed=bracketed,
                )
            )
        if analysis.words and lang_is_japanese(segment.lang):
            words = self.words
            offset = segment.file_offset
            verbatim = segment.char_offsets is None
            base = segment.start
            for w in analysis.words:
                forms = words[w.normalized]
                stats = forms.get(w.form)
                if stats is None:
                    stats = forms[w.form] = FormStats()
                if verbatim:
                    stats.add((number, base + w.start, base + w.end, w.surface))
                else:
                    stats.add((number, offset(w.start), offset(w.end), w.surface))


_WORD_CHARS = re.compile(r"[^\W_]+")


def text_words(text: str) -> frozenset[str]:
    """The case-folded words (letters and digits) of a text."""
    return frozenset(_WORD_CHARS.findall(text.casefold()))


def written_words(text: str) -> frozenset[str]:
    """The words of a text as written (Blob stays Blob)."""
    return frozenset(_WORD_CHARS.findall(text))


class EntrySources:
    """The source texts (msgid, msgid_plural) of a catalog's entries and their words, from
    the entries the catalog rules have already grouped (`catalog_entries`), on first use:
    most catalogs ask for a few entries, those whose translation names something."""

    def __init__(self, doc: Document, include_fuzzy: bool) -> None:
        self._doc = doc
        self._include_fuzzy = include_fuzzy
        self._texts: dict[int, tuple[str, ...]] | None = None
        self._words: dict[int, frozenset[str]] = {}

    def texts(self, entry: int) -> tuple[str, ...]:
        if self._texts is None:
            from translate_kit.rules.placeholders import catalog_entries  # rules import this module

            entries = catalog_entries(self._doc, self._include_fuzzy)
            self._texts = {e.number: tuple(s.text for s in e.sources) for e in entries}
        return self._texts.get(entry, ())

    def words(self, entry: int) -> frozenset[str]:
        found = self._words.get(entry)
        if found is None:
            from translate_kit.rules.term_missing import mask_code  # rules import this module

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
    if segment.entry is None or not segment.kind.startswith("msgstr"):
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
    from translate_kit.rules.term_missing import code_like, mask_code

    return not mask_code(segment.text, segment.flags)[start:end].strip() or code_like(segment.text, start, end)


def _canonical_cache_key(file_key: str, normalized: str) -> str:
    return hashlib.sha256(f"{file_key}:canonical:{normalized}".encode("utf-8")).hexdigest()


def _merge_scratch(into: dict, key: str, value: object) -> None:
    """Rules' scratch data merges by concatenating lists and merging dicts of lists."""
    if key not in into:
        into[key] = value
    elif isinstance(value, list):
        into[key].extend(value)
    elif isinstance(value, dict):
        for k, v in value.items():
            _merge_scratch(into[key], k, v)
    elif isinstance(value, (int, float)):
        into[key] += value
    else:
        raise TypeError(f"scratch value for {key!r} must be a list, dict or number to merge across files")


def _place(segment: Segment, index: LineIndex, start: int, end: int) -> Place:
    a = index.position(segment.file_offset(start))
    b = index.position(segment.file_offset(end))
    return Place(segment.path, a.line, a.column, b.line, b.column)


@dataclass(frozen=True)
class RunResult:
    """The outcome of a run: findings, input errors, and counts."""

    findings: tuple[Finding, ...]
    errors: tuple[InputError, ...]
    files: int
    segments: int
    context: RunContext


def build_context(
    paths: Iterable[str],
    engine: Engine,
    options: CheckOptions,
    loader: Callable[[str], Document] | None = None,
    progress: Callable[[str], None] | None = None,
    glossary: object | None = None,
) -> RunContext:
    """Discover and load every input and fold it into a run context, file by file in
    sorted order; unchanged files come from the cache, large files are analysed by a
    pool of worker processes when `options.jobs` allows it."""
    from translate_kit import sources
    from translate_kit.cache import ContributionCache
    from translate_kit.parallel import DocumentPool
    from translate_kit.terms import TermMatcher

    load = loader or (lambda p: sources.load(p, lang=options.lang, source_lang=options.source_lang, encoding=options.encoding))
    rules = document_rules(options)
    term_matcher = TermMatcher.for_glossary(glossary, engine) if glossary is not None else None
    ctx = RunContext(engine=engine, options=options, loader=load, document_rules=rules, glossary=glossary)
    ctx.term_matcher = term_matcher
    files, errors = sources.discover(list(paths))
    ctx.errors.extend(errors)
    cache = ContributionCache.open(options, glossary, rules) if options.cache_dir else None
    ctx.cache = cache
    keys = [cache.key(path) if cache is not None else None for path in files]
    with DocumentPool(options, glossary, term_matcher, engine) as pool:
        # workers are started only for files the cache will not answer
        pool.prepare([path for path, key in zip(files, keys) if key is None or not cache.has(key)])  # type: ignore[union-attr]
        for path, key in zip(files, keys):
            if progress is not None:
                progress(path)
            cached = cache.get(key) if key is not None else None
            if cached is not None:
                ctx.merge(cached)
                ctx.file_keys.append(key)
                continue
            # Objects that live to the end of a file (the engine's caches, the run so far,
            # then the document) are frozen out of the collector's scans: a large catalog
            # otherwise pays for rescanning a heap of millions of objects again and again.
            gc.freeze()
            try:
                _add_file(ctx, path, load, cache, key, pool, lambda: RunContext(
                    engine=engine, options=options, loader=load, document_rules=rules, glossary=glossary, term_matcher=term_matcher))
            finally:
                gc.unfreeze()
    if cache is not None:
        cache.flush()  # the rest is written when the cache is closed or collected
    return ctx


def _add_file(ctx: RunContext, path: str, load: Callable[[str], Document], cache, key: str | None, pool,
              new_part: Callable[[], RunContext]) -> None:
    """Load one file, check it (in workers when it is large) and fold what it contributes
    into the run (and the cache)."""
    try:
        doc = load(path)
    except InputFileError as exc:
        ctx.errors.append(exc.as_error())
        return
    except (OSError, UnicodeError) as exc:
        ctx.errors.append(InputError(path, None, _one_line(str(exc) or type(exc).__name__)))
        return
    gc.freeze()
    part = new_part()
    part.glossary_index = ctx.glossary_index  # built once, shared by every file
    pieces = pool.check(doc)
    if pieces is None:
        part.add_document(doc)
    else:
        if part.loader is not None:
            doc = replace(doc, segments=())  # the workers have them; the text is all this process needs
        try:
            results = [piece.result() for piece in pieces]
        except Exception:  # noqa: BLE001 - a worker died (killed, out of memory): check the file here instead
            pool.discard()
            part = new_part()
            part.glossary_index = ctx.glossary_index
            part.add_document(doc if part.loader is None else load(path))
        else:
            part.open_document(doc)
            for result in results:
                part.absorb(result)
    ctx.glossary_index = part.glossary_index
    contribution = part.contribution()
    if key is not None:
        cache.put(key, contribution)
    ctx.merge(contribution)
    ctx.file_keys.append(key)


def document_rules(options: CheckOptions) -> tuple:
    """The enabled rules that look at one document at a time."""
    from translate_kit.rules import all_rules

    return tuple(r for r in all_rules() if r.check_document is not None and options.rules.enabled(r.id))


def run_rules(ctx: RunContext, rules: Iterable["object"]) -> Iterator[Finding]:
    """Apply each enabled rule; a crash inside one rule becomes an input error, not a pass.
    A rule's finding at a place where a rule it defers to (`Rule.defers_to`) also found
    something is dropped."""
    rules = list(rules)
    found = list(_rule_findings(ctx, rules))
    deferring = {r.id: r.defers_to for r in rules if getattr(r, "defers_to", ())}  # type: ignore[attr-defined]
    if not deferring:
        yield from found
        return
    taken: dict[str, set[tuple[str, int, int]]] = defaultdict(set)
    for f in found:
        taken[f.rule].add((f.path, f.line, f.column))
    for f in found:
        others = deferring.get(f.rule, ())
        if not any((f.path, f.line, f.column) in taken[other] for other in others):
            yield f


def _rule_findings(ctx: RunContext, rules: Iterable["object"]) -> Iterator[Finding]:
    """Every enabled rule's findings, at the severity the run gives the rule."""
    from dataclasses import replace

    settings = ctx.options.rules
    by_rule: dict[str, list[Finding]] = defaultdict(list)
    for f in ctx.document_findings:
        by_rule[f.rule].append(f)
    for rule in rules:
        if not settings.enabled(rule.id):  # type: ignore[attr-defined]
            continue
        severity = settings.severity_of(rule.id, rule.severity)  # type: ignore[attr-defined]
        if rule.check is None:  # type: ignore[attr-defined]
            found = by_rule.get(rule.id, [])  # type: ignore[attr-defined]
            for f in found:
                yield f if f.severity == severity else replace(f, severity=severity)
            continue
        try:
            found = list(rule.check(ctx))  # type: ignore[attr-defined]
        except Exception as exc:  # noqa: BLE001 - a rule bug must not look like a clean pass
            ctx.errors.append(InputError("<run>", None, f"rule {rule.id} crashed: {type(exc).__name__}: {_one_line(str(exc))}"))  # type: ignore[attr-defined]
            continue
        for f in found:
            yield f if f.severity == severity else replace(f, severity=severity)


REPEATED_TEXT_LIMIT = 200  # characters: UI strings, the texts catalogs repeat
REPEATED_TEXTS_KEPT = 20_000


def _analyses(segments: list[Segment], analyze: Callable[[str, str | None], SegmentAnalysis]) -> Iterator[SegmentAnalysis]:
    """Each segment's analysis, a text repeated in the document analysed once: catalogs
    repeat strings (a msgid under several msgctxt, "Cancel" in every dialog), and an
    analysis is a pure function of text and language with offsets relative to the text."""
    seen: dict[tuple[str, str | None], SegmentAnalysis] = {}
    for segment in segments:
        key = (segment.text, segment.lang)
        if len(segment.text) > REPEATED_TEXT_LIMIT:
            yield analyze(*key)  # long paragraphs seldom repeat: not worth their memory
            continue
        analysis = seen.get(key)
        if analysis is None:
            if len(seen) >= REPEATED_TEXTS_KEPT:
                seen.clear()
            analysis = seen[key] = analyze(*key)
        yield analysis


def _one_line(text: str) -> str:
    return " ".join(text.split())
