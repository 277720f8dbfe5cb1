"""`contribute`: one pass over a document's segments that computes what it brings to a run.

Each wanted segment is analysed once (a text the document repeats, once), its mentions,
word uses and glossary term hits are kept, the entry rules run on each catalog entry as
soon as its segments are analysed, and the document rules on the whole file after. The
values it returns (`FileContribution` and what it holds) live in contribution.py; this
module is the loop, compiled with the rest of the hot path when a compiler is at hand.
"""

from __future__ import annotations

import re
from array import array
from collections import Counter
from typing import TYPE_CHECKING, Callable, Iterator, Sequence

from translate_kit.analysis import SegmentAnalysis
from translate_kit.engine.contribution import (
    DocumentScope,
    FileContribution,
    FormStats,
    Resources,
    SpellingUses,
    TermHitUse,
    one_line,
)
from translate_kit.model import CatalogEntry, Document, Finding, InputError, LineIndex, MentionUse, Place, Segment
from translate_kit import names
from translate_kit.mentions import english_mentions
from translate_kit.segment import in_brackets, lang_is_japanese, sentence_start, split_sentences, text_words, written_words
from translate_kit.suppress import suppressions
from translate_kit.scripts import LATIN_WORD, NAKAGURO, has_letter_case
from translate_kit.textmask import code_like, mask_code
from translate_kit.wordunits import PackedUnits, Unit

if TYPE_CHECKING:  # pragma: no cover
    from translate_kit.rules.base import Rule
    from translate_kit.terms import TermMatcher


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
        # per normalized form, the canonical uses' (file start, file end) pairs and surfaces,
        # appended here in compiled code and made `SpellingUses` once at the end
        self.canonical: dict[str, tuple["array[int]", list[str]]] = {}
        self.term_hits: list[TermHitUse] = []
        self.kept: list[int] = []  # see FileContribution.kept
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
        ahead: Counter[tuple[str, str | None]] = Counter()  # uses of each text still to come
        for s in wanted:
            key = (s.text, s.lang)
            ahead[key] = ahead.get(key, 0) + 1
        scope = DocumentScope(resources, kept_units, ahead)
        crashed: set[str] = set()
        started: set[int] = set()  # entries with a segment analysed, their rules not yet run
        analyses = _analyses(wanted, analyze, words, matcher, units, ahead)
        for i, (segment, analysis) in enumerate(zip(wanted, analyses)):
            self.segments += 1
            if analysis.mentions or analysis.compounds:  # most segments name nothing
                self._add_mentions(segment, analysis, sources, prose_text)
            if analysis.terms and matcher is not None:
                self._add_terms(segment, analysis, sources, matcher)
            if lang_is_japanese(segment.lang):
                self._add_words(segment, analysis, sources)
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
            canonical=self._spellings(), kept=frozenset(self.kept), term_hits=tuple(self.term_hits), findings=tuple(self.findings),
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
        copied = 0  # the length of a list of the msgid's the translation begins with
        if found and segment.entry is not None and segment.is_target:
            texts = sources.texts(segment.entry)
            if segment.text in texts and not sources.translated_otherwise(segment.text):
                return  # a msgid copied whole (a keyword list, a code) that no entry translates: kept on purpose
            copied = _copied_list(segment.text, texts)
            source_words = sources.words(segment.entry)
        for m in found:
            if m.start < copied:
                continue  # an item of the msgid's list, kept before the translation's own: a copy
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
            verdict = matcher.verdict_in(hit, segment.text, segment.lang)
            if verdict is None:
                continue  # a glossary form where it belongs: nothing to keep
            surface = segment.text[hit[1] : hit[2]]
            if _in_code(segment, hit[1], hit[2]):
                continue  # %(user)s, a URL, a tag: not prose
            if _kept_from_source(segment, hit[1], hit[2], sources):
                continue  # "Windows Server" in a msgstr whose msgid says so: copied on purpose
            if _quoted_as_in_source(segment, hit[1], hit[2], sources):
                continue  # 「interface」 for the msgid's "interface": a key or value, not a word
            if is_gloss(segment.text, hit[1], hit[2]):
                continue  # モジュール (module): the source term given for reference
            if _in_latin_run(segment, hit[1], hit[2]):
                continue  # Computed Property, cordova-plugin-file: kept in the original as a whole
            concept, term, start, end, _how = matcher.resolve(hit)
            self.term_hits.append(TermHitUse(concept, term, surface, place_of(segment, self.index, start, end), verdict))

    def _add_words(self, segment: Segment, analysis: SegmentAnalysis, sources: "EntrySources") -> None:
        base = segment.start
        char_offsets = segment.char_offsets  # None: the text is a verbatim slice (Segment.file_offset)
        words = self.words
        entry = segment.entry if segment.is_target else None  # a translation: its entry's sources are at hand
        for w in analysis.words:
            if entry is not None and NAKAGURO in w.surface and _listed_in_source(w.surface, sources.texts(entry)):
                continue  # ユーザー・グループ for "user and group": two words listed, no compound
            if entry is not None and _cased_as_in_source(w.surface, sources, entry):
                self.kept.append(base + w.start if char_offsets is None else char_offsets[w.start])  # counted, never reported
            forms = words.get(w.normalized)
            if forms is None:
                forms = words[w.normalized] = {}
            stats = forms.get(w.form)
            if stats is None:
                stats = forms[w.form] = FormStats()
            if char_offsets is None:
                stats.add((0, base + w.start, base + w.end, w.surface))
            else:
                stats.add((0, char_offsets[w.start], char_offsets[w.end], w.surface))
        canonical = self.canonical
        for w in analysis.canonical:
            # a canonical Latin word whose case could slip is capitalised (`latin_case_key`)
            if entry is not None and w.surface[:1].isupper() and _cased_as_in_source(w.surface, sources, entry):
                self.kept.append(base + w.start if char_offsets is None else char_offsets[w.start])
            uses = canonical.get(w.normalized)
            if uses is None:
                uses = canonical[w.normalized] = (array("q"), [])
            offsets = uses[0]
            if char_offsets is None:
                offsets.append(base + w.start)
                offsets.append(base + w.end)
            else:
                offsets.append(char_offsets[w.start])
                offsets.append(char_offsets[w.end])
            uses[1].append(w.surface)

    def _spellings(self) -> dict[str, SpellingUses]:
        """The canonical uses collected, as `FileContribution.canonical` holds them."""
        return {normalized: SpellingUses(offsets, surfaces) for normalized, (offsets, surfaces) in self.canonical.items()}


def place_of(segment: Segment, index: LineIndex, start: int, end: int) -> Place:
    """The place of `segment.text[start:end]` in its file."""
    a = index.position(segment.file_offset(start))
    b = index.position(segment.file_offset(end))
    return Place(segment.path, a.line, a.column, b.line, b.column)


def _analyses(segments: list[Segment], analyze: "Callable[[str, str | None, bool, TermMatcher | None, bool], SegmentAnalysis]",
              words: bool, matcher: "TermMatcher | None", units: bool,
              left: "Counter[tuple[str, str | None]]") -> Iterator[SegmentAnalysis]:
    """Each segment's analysis, a text repeated in the document analysed once: catalogs
    repeat strings (a msgid under several msgctxt, "Cancel" in every dialog), and an
    analysis is a pure function of text and language with offsets relative to the text.
    Only repeated texts are remembered, each until its last use. `left` counts each
    (text, language)'s segments, and is counted down as they are yielded."""
    seen: dict[tuple[str, str | None], SegmentAnalysis] = {}
    for segment in segments:
        text, lang = segment.text, segment.lang
        key = (text, lang)
        remaining = left[key] - 1
        left[key] = remaining
        if remaining:  # to be used again: remembered once
            found = seen.get(key)
            if found is None:
                found = seen[key] = analyze(text, lang, words, matcher, units and lang_is_japanese(lang))
            yield found
        else:  # its last use, for most texts their only one
            found = seen.pop(key, None)
            yield found if found is not None else analyze(text, lang, words, matcher, units and lang_is_japanese(lang))


def _copied_list(text: str, sources: Sequence[str]) -> int:
    """The length of a msgid that is a list of items each closed by ";" (a desktop file's
    Keywords) when the translation copies it whole and adds its own items after it
    ("Text;Editor;テキスト;エディター;": the English kept for searching), else 0."""
    for source in sources:
        if source.endswith(";") and len(source) < len(text) and text.startswith(source):
            return len(source)
    return 0


class EntrySources:
    """The source texts (msgid, msgid_plural) of a catalog's entries and their words, on
    first use: most catalogs ask for a few entries, those whose translation names something."""

    def __init__(self, doc: Document, include_fuzzy: bool) -> None:
        self._doc = doc
        self._include_fuzzy = include_fuzzy
        self._entries: dict[int, CatalogEntry] | None = None
        self._words: dict[int, frozenset[str]] = {}
        self._translated: frozenset[str] | None = None  # the source texts some entry translates

    def texts(self, entry: int) -> tuple[str, ...]:
        if self._entries is None:  # the entries by number; their texts only when asked
            self._entries = {e.number: e for e in self._doc.catalog_entries(self._include_fuzzy)}
        found = self._entries.get(entry)
        return tuple([s.text for s in found.sources]) if found is not None else ()

    def translated_otherwise(self, text: str) -> bool:
        """Whether an entry of the file with `text` for its source has a translation that
        is not `text` (then a copy of it elsewhere is a slip, not a choice)."""
        if self._translated is None:
            translated = set()
            for e in self._doc.catalog_entries(self._include_fuzzy):
                for source in e.sources:
                    if any(t.text and t.text != source.text for t in e.targets):
                        translated.add(source.text)
            self._translated = frozenset(translated)
        return text in self._translated

    def words(self, entry: int) -> frozenset[str]:
        found = self._words.get(entry)
        if found is None:
            # the words, folded, and as written where a capital in prose (not in code:
            # :class:`Blob` is not rendered) says a word is a name (Blob, not blob)
            text = " ".join(self.texts(entry))
            found = self._words[entry] = text_words(text) | {w for w in written_words(mask_code(text)) if not w.islower()}
        return found


# Two English words listed: "user and group", "users/groups", "file, folder" (the second
# looked ahead at, so "a, b and c" gives each pair)
_LISTED_PAIR = re.compile(r"\b([A-Za-z]+)(?:\s*(?:[,/&]|and/or)\s*|\s+(?:and|or)\s+)(?=([A-Za-z]+)\b)", re.IGNORECASE)
_SOUNDS_ALIKE = 0.8  # ユーザー and "user" 0.86, グループ and "group" 0.93


def _listed_in_source(surface: str, sources: Sequence[str]) -> bool:
    """Whether a pair of katakana words written with ・ (ユーザー・グループ) renders two
    words its msgid lists ("user and group", "users/groups"): ・ separates the items of a
    list as often as the words of a compound, and the source tells which."""
    parts = surface.split(NAKAGURO)
    if len(parts) != 2:
        return False
    return any(_sounds_like(parts[0], m.group(1)) and _sounds_like(parts[1], m.group(2))
               for text in sources for m in _LISTED_PAIR.finditer(text))


def _sounds_like(kana: str, word: str) -> bool:
    """Whether a katakana word transcribes an English one, singular or plural."""
    forms = {word, word[:-1] if word.endswith("s") else word, word[:-2] if word.endswith("es") else word}
    return any(names.name_similarity(kana, form) >= _SOUNDS_ALIKE for form in forms if form)


_LATIN_PHRASE_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 .-'")


def _cased_as_in_source(surface: str, sources: EntrySources, entry: int) -> bool:
    """Whether a Latin word whose case could be a slip (`has_letter_case`) is written so,
    as a whole word, in the entry's source: the translator kept the source's spelling
    (Webview2 where the msgid says Webview2), and an inconsistency there is the source's."""
    if not LATIN_WORD.fullmatch(surface) or not has_letter_case(surface):
        return False
    for text in sources.texts(entry):
        at = text.find(surface)
        while at >= 0:
            end = at + len(surface)
            if (at == 0 or not text[at - 1].isalnum()) and (end == len(text) or not text[end].isalnum()):
                return True
            at = text.find(surface, at + 1)
    return False


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
    if len(phrase) > len(text_words(text[start:end])) and phrase <= sources.words(segment.entry):
        return True
    return _in_a_source_name(text[start:end], sources.texts(segment.entry))


def _in_a_source_name(word: str, sources: Sequence[str]) -> bool:
    """Whether a Latin word is, as written, one word of a name of several words that a
    msgid mentions within a sentence ("accessible to the Image Service" → Image サービス):
    the translation keeps the name's own word and translates the rest. Capitals that open
    a sentence or make a Title Case label say less ("Notebook Panel settings." →
    Notebookパネルの設定 and "New Notebook" → 新しいNotebook are still renderings to check)."""
    for source in sources:
        if word not in source:
            continue
        starts = [s for s, _ in split_sentences(source, "en")]
        for m in english_mentions(mask_code(source), starts):
            if len(m.parts) > 1 and word in m.surface.split() and not _opens_its_sentence(source, m.start, starts):
                return True
    return False


_LABEL_JOINERS = frozenset({"and", "or", "of", "&"})


def _opens_its_sentence(text: str, at: int, starts: Sequence[int]) -> bool:
    """Whether the capitalised words before `at` (and the and/or/of joining them) reach
    back to the start of its sentence: "Save and Export Notebook to …" opens with a
    label, "… accessible to the Image Service" names something within a sentence."""
    opening = max((s for s in starts if s <= at), default=0)
    words = text[opening:at].split()
    while words and (words[-1][:1].isupper() or words[-1].lower() in _LABEL_JOINERS):
        words.pop()
    return not words


# Quotation marks a catalog may set a literal in, and what closes each.
_QUOTES = {"「": "」", "『": "』", "“": "”", "‘": "’", '"': '"', "'": "'", "`": "`"}


def _quoted_as_in_source(segment: Segment, start: int, end: int, sources: EntrySources) -> bool:
    """Whether a Latin-script term of a catalog translation stands alone in quotation
    marks, as it does in its msgid (「interface」 for "interface"): a key, a value or a
    label the text names, copied as written, not the glossary's word rendered."""
    if segment.entry is None or not segment.is_target:
        return False
    text = segment.text
    word = text[start:end]
    if not word.isascii() or start == 0 or _QUOTES.get(text[start - 1]) != text[end : end + 1]:
        return False
    return any(_QUOTES.get(source[at - 1]) == source[at + len(word) : at + len(word) + 1]
               for source in sources.texts(segment.entry)
               for at in _occurrences(source, word) if at > 0)


def _occurrences(text: str, word: str) -> Iterator[int]:
    """Where `word` starts in `text`, each time."""
    at = text.find(word)
    while at >= 0:
        yield at
        at = text.find(word, at + 1)


# A run of Latin script in Japanese text: words joined by single spaces, by commas (a list
# of commands or names kept as written: "commit、push など", "pull, update, merge の一括実行")
# or by what joins the parts of a name, a path or an identifier (between two letters or
# digits: "Note: the" ends a run at the colon), and a URL scheme's "://".
_LATIN_RUN = re.compile(r"[A-Za-z0-9]+(?:(?: |, ?|、|[-_./:@'+=]+)[A-Za-z0-9]+)*(?:://)?")
_RUN_REACH = 200  # characters looked at on each side of a term for its run


def _in_latin_run(segment: Segment, start: int, end: int) -> bool:
    """Whether a Latin term in Japanese text is one word of a longer Latin run, kept in
    the original as a whole: a name, a title or a quoted English message (Computed
    Property, HTML5 File API, No such file or directory), an identifier whose parts are
    joined (cordova-plugin-file, file://, user@host, file=/path), or a list of such words
    (commit、push). A lone English word
    in a Japanese sentence (userを削除, 新しいNotebook) is still a rendering to check."""
    text = segment.text
    if not lang_is_japanese(segment.lang) or not text[start:end].isascii():
        return False
    a, b = max(0, start - _RUN_REACH), min(len(text), end + _RUN_REACH)
    for run in _LATIN_RUN.finditer(text, a, b):
        if run.start() <= start and end <= run.end():
            return run.end() - run.start() > end - start
    return False


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



__all__ = ["contribute", "is_gloss", "place_of"]
