"""`term-missing`: a glossary term of the source has none of its renderings in the translation.

For every translated catalog entry (fuzzy ones only with `include_fuzzy`), the glossary's
source-language terms (any status, any concept type) are looked for in the msgid (and
msgid_plural for plural forms) and the concept's preferred and admitted target-language
terms in the msgstr. A concept found in the source with none of them in the translation
is reported. Decisions, all for precision:

* Source side (space-delimited languages): whole words only, so "user" never matches
  "username", "superuser" or "user_name"; a hyphen or one space joins the words of a
  multi-word term ("open source", "open-source"). For an English source, the last word
  also matches its plural ("users", "repositories", "boxes"); possessives ("user's",
  "users'") match naturally. A term written all in lowercase matches any case ("Users");
  one with a capital (API, GitHub, Go) only as written. Placeholders (`%(user)s`,
  `{user}`, `{{ user }}`, `%{user}`), URLs, e-mail addresses, paths, inline code spans,
  HTML tags and identifiers (`config.user`, `$user`) are masked first. A word of a fixed
  English phrase (lexicon.txt's english-idioms: "into account", "in order to") is not
  the term, nor, in a Japanese translation, a word for the generic person who acts
  (lexicon.txt's generic-actors) as the subject of a modal ("User can select …" →
  …を選択できます) or in "allows users to": Japanese leaves that person unsaid.
* A term found inside a longer one ("source" inside "open source") is judged through the
  longer one. When the longer term is not rendered but every glossary term inside it is
  ("Archive token" → トークンをアーカイブ: a verb and a noun, not the compound term
  "archive token"), the entry is fine.
* Target side, Japanese: a term counts as present only between word boundaries, never
  inside another word: メタ is not present in メタデータ, nor スペース in ワークスペース.
  A change of script (ユーザー|名, を|削除) or punctuation is a boundary. Inside a katakana
  run the boundaries are Sudachi's (mode C and its mode-A parts) together with those of
  every cover of the run by the fewest dictionary words, since Sudachi often misreads
  katakana compounds (プレイ|リストア|カウント for プレイリスト|アカウント) or leaves them as
  one unknown word (パスワードタグ); inside a kanji run, Sudachi's and the fewest-words
  cover's (証明書|写真); between two hiragana, Sudachi's. So ユーザー is present in
  ユーザー名 and サーバー in データベースサーバー. A word whose Sudachi normalized form
  equals a one-word term's counts too (ユーザ for ユーザー): that spelling is
  glossary-nonpreferred's business, not a missing term. So does a compound term written
  with の between two parts of two characters or more (ファイルの転送 for ファイル転送, サーバーの
  証明書 for サーバー証明書): the same compound, spelt as a phrase. Other target
  languages: whole words, plural endings allowed.
* A source term the translation keeps in Latin is not missing (glossary-nonpreferred
  judges a word kept alone), nor is one it puts in code where the source has it in prose
  ("at commit time" → ``commit`` の際: the command the source means); a placeholder
  (%(commit)s) renders nothing.
* Concepts that share a source term (homonyms: "post" as 投稿 or 郵送) form one group:
  the entry is fine when any of them is rendered, else the finding expects them all.
* Names (person, organization, product, place) may keep their original Latin spelling
  (a non-deprecated Latin-script term of the concept in any language) or, for a person,
  the surname alone of an approved term.
* Silent when the concept has no preferred or admitted term in the target language
  (nothing to expect), or when the translation has a deprecated target term of it
  (glossary-deprecated reports that). msgctxt needs nothing special: each entry is
  judged on its own.

The finding spans the first line of the msgstr's text (where the rendering belongs);
found is the source term as written in the msgid ("Users"), expected the approved
renderings joined by " / ". The masking, word matching and Japanese boundary helpers here
are shared with `term-inconsistent`.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, replace
from operator import itemgetter
from typing import TYPE_CHECKING, Sequence

from translate_kit import lexicon
from translate_kit.glossary.model import Concept, Glossary, Term
from translate_kit.link import NAME_TYPES, lang_matches
from translate_kit.messages import msg
from translate_kit.model import CatalogEntry, Document, Finding, LineIndex, Script, Segment, Severity
from translate_kit.names import name_similarity, surname
from translate_kit.rules.base import Rule, RuleDoc
from translate_kit.rules.placeholders import make_finding, segment_span
from translate_kit.textmask import WordSpan, code_like, word_spans
from translate_kit.wordunits import JapaneseText, Unit, WordUnits, literal
from translate_kit.scripts import KATAKANA_WORD, NAKAGURO, is_katakana, is_katakana_char, script_of
from translate_kit.segment import lang_is_japanese

if TYPE_CHECKING:  # pragma: no cover
    from translate_kit.engine.contribution import DocumentScope, Tokenize

# ---------------------------------------------------------------- English words

_SIMPLE_TERM = re.compile(r"\w+(?:[ \-]\w+)*")
_JOINERS = " \u00a0-"
_SIBILANT_ENDINGS = ("s", "x", "z", "ch", "sh")


def plural_forms(word: str) -> tuple[str, ...]:
    """A word and its regular English plural (user/users, box/boxes, repository/repositories)."""
    lower = word.lower()
    if len(word) > 2 and lower.endswith("y") and lower[-2] not in "aeiou":
        return word, word[:-1] + ("IES" if word.isupper() else "ies")
    if lower.endswith(_SIBILANT_ENDINGS):
        return word, word + ("ES" if word.isupper() and len(word) > 1 else "es")
    return word, word + "s"


def case_sensitive(term: str) -> bool:
    """Terms with a capital (API, GitHub, Go) match only as written; lowercase ones any case."""
    return term != term.lower()


@dataclass(frozen=True)
class _WordPattern:
    """A term as a sequence of words; the last may be inflected."""

    payload: str  # a concept id
    words: tuple[str, ...]
    last: frozenset[str]
    exact: bool


class WordMatcher:
    """Whole-word matching of many terms in space-delimited text, one pass over its
    words: one-word terms are indexed by each of their forms, longer ones by their first
    two words."""

    def __init__(self, inflect: bool) -> None:
        self._inflect = inflect
        self._single: dict[str, list[_WordPattern]] = {}
        self._multi: dict[tuple[str, str], list[_WordPattern]] = {}
        self._firsts: set[str] = set()  # first words of the longer terms
        # every word that may start a match: (its one-word terms, whether longer terms start with it)
        self._starts: dict[str, tuple[list[_WordPattern] | None, bool]] = {}
        self._literals: list[tuple[str, re.Pattern[str]]] = []

    def add(self, text: str, payload: str) -> None:
        """Index one term; terms with symbols (C++, Node.js) are matched literally."""
        text = " ".join(text.split())
        if not text:
            return
        if not _SIMPLE_TERM.fullmatch(text):
            flags = 0 if case_sensitive(text) else re.IGNORECASE
            self._literals.append((payload, re.compile(rf"(?<!\w){re.escape(text)}(?!\w)", flags)))
            return
        exact = case_sensitive(text)
        words = tuple(w if exact else w.casefold() for w in re.split(r"[ \-]", text))
        last = plural_forms(words[-1]) if self._inflect else (words[-1],)
        pattern = _WordPattern(payload, words, frozenset(last), exact)
        if len(words) == 1:
            for form in last:
                self._single.setdefault(form.casefold(), []).append(pattern)
                self._add_start(form.casefold())
        else:
            seconds = last if len(words) == 2 else (words[1],)
            for form in seconds:
                self._multi.setdefault((words[0].casefold(), form.casefold()), []).append(pattern)
            self._firsts.add(words[0].casefold())
            self._add_start(words[0].casefold())

    def _add_start(self, key: str) -> None:
        self._starts[key] = (self._single.get(key), key in self._firsts)

    def find(self, text: str, words: list[WordSpan] | None = None) -> list[tuple[str, int, int]]:
        """(payload, start, end) of every match; code-like words never match. `words` are
        the text's `word_spans`, when already made."""
        found: list[tuple[str, int, int]] = []
        starts, multi = self._starts, self._multi
        if starts:
            tokens = words if words is not None else word_spans(text)
            last = len(tokens) - 1
            for i, (start, stop, word) in enumerate(tokens):
                key = word.casefold()
                begins = starts.get(key)
                if begins is None:  # most words start no term: one look-up
                    continue
                candidates, first = begins
                if first and i < last:
                    more = multi.get((key, tokens[i + 1][2].casefold()))
                    if more:
                        candidates = candidates + more if candidates else more
                if not candidates:
                    continue
                for pattern in candidates:
                    if len(pattern.words) == 1:  # most hits: one word, its form checked here
                        if (word if pattern.exact else key) in pattern.last and not code_like(text, start, stop):
                            found.append((pattern.payload, start, stop))
                        continue
                    end = _match_words(text, tokens, i, pattern)
                    # a match's words are adjacent, so no code-like word lies between them
                    if end is not None and not any(code_like(text, a, b) for a, b, _w in tokens[i : i + len(pattern.words)]):
                        found.append((pattern.payload, tokens[i][0], end))
        for payload, regex in self._literals:
            found += [(payload, m.start(), m.end()) for m in regex.finditer(text)]
        return found


def _match_words(text: str, tokens: list[WordSpan], i: int, pattern: _WordPattern) -> int | None:
    """The end offset when the pattern's words are tokens[i:], joined by one space or hyphen."""
    n = len(pattern.words)
    if i + n > len(tokens):
        return None
    for k in range(n):
        start, end, word = tokens[i + k]
        if k and not (start - tokens[i + k - 1][1] == 1 and text[start - 1] in _JOINERS):
            return None
        word = word if pattern.exact else word.casefold()
        if word not in (pattern.last if k == n - 1 else (pattern.words[k],)):
            return None
    return tokens[i + n - 1][1]


@functools.lru_cache(maxsize=4096)
def word_regex(term: str) -> re.Pattern[str]:
    """A whole-word regex for one term, plurals of its last word allowed."""
    words = re.split(r"[ \-]+", " ".join(term.split()))
    last = "|".join(re.escape(f) for f in plural_forms(words[-1]))
    body = r"[\s\-]".join([*(re.escape(w) for w in words[:-1]), f"(?:{last})"])
    return re.compile(rf"(?<!\w){body}(?!\w)", 0 if case_sensitive(term) else re.IGNORECASE)


def _singulars(found: str) -> tuple[str, ...]:
    """A source word and the singulars whose regular plural (`plural_forms`) it is:
    notebooks: notebook, boxes: box, repositories: repository (so the singular kept for
    the plural counts as the word kept)."""
    folded = found.casefold()
    upper = found.isupper()
    candidates = [found[:-1], found[:-2]]
    if folded.endswith("ies"):
        candidates.append(found[:-3] + ("Y" if upper else "y"))
    plural = [c for c in candidates if len(c) > 1 and folded in (f.casefold() for f in plural_forms(c))]
    return (found, *plural)


_CODE = re.compile(r"(`+)([^`]+?)\1")  # a code span or an RST role's body: group 2 is what it holds


@functools.lru_cache(maxsize=4096)
def _latin_word(found: str) -> re.Pattern[str]:
    """A source term as a whole Latin word of a translation, in any case: letters of
    another script around it are boundaries (Notebookツール)."""
    return re.compile(rf"(?<![A-Za-z0-9]){re.escape(found)}(?![A-Za-z0-9])", re.IGNORECASE)


# ---------------------------------------------------------------- the glossary, indexed


@dataclass(frozen=True)
class TargetForm:
    """A target-language form of a concept: its text and, for a one-word Japanese term,
    Sudachi's normalized form."""

    text: str
    normalized: str = ""


@dataclass(frozen=True)
class ConceptTargets:
    """What a concept's translation may (approved) and must not (deprecated) contain."""

    concept: Concept
    approved: tuple[TargetForm, ...]  # preferred and admitted terms, plus name allowances
    deprecated: tuple[TargetForm, ...]
    expected: tuple[str, ...]  # preferred first, then admitted


class TermIndex:
    """A glossary indexed for one (source, target) language pair: source terms to find
    in msgids, and each concept's target forms."""

    def __init__(self, glossary: Glossary, source_lang: str, target_lang: str, tokenize: "Tokenize") -> None:
        self.source_lang = source_lang
        self.target_lang = target_lang
        self.japanese_source = lang_is_japanese(source_lang)
        self.english_source = lang_matches(source_lang, "en")
        self.matcher = WordMatcher(inflect=self.english_source)
        self.japanese_terms: dict[str, list[tuple[str, str]]] = {}  # first character -> (term, concept id)
        self.targets: dict[str, ConceptTargets] = {}
        self.order: dict[str, int] = {}  # glossary order, for expected
        self.groups: dict[tuple, "Group"] = {}  # memo of _group
        self._concept_sets: dict[str, frozenset[str]] = {}  # memo of concept_set
        for concept in glossary.concepts:
            sources = [t for t in concept.terms if t.text.strip() and lang_matches(t.lang, source_lang)]
            if not sources:
                continue
            if concept.id not in self.targets:
                self.order[concept.id] = len(self.order)
                self.targets[concept.id] = _concept_targets(concept, target_lang, tokenize)
            for term in sources:
                self._add_source(term, concept.id)

    def concept_set(self, concept_id: str) -> frozenset[str]:
        """The set of one concept, one value for the run (a catalog finds its terms again
        and again)."""
        found = self._concept_sets.get(concept_id)
        if found is None:
            found = self._concept_sets[concept_id] = frozenset((concept_id,))
        return found

    def _add_source(self, term: Term, concept_id: str) -> None:
        if self.japanese_source:
            text = term.text.strip()
            self.japanese_terms.setdefault(text[0].casefold(), []).append((text, concept_id))
        else:
            self.matcher.add(term.text, concept_id)

    def source_hits(self, words: WordUnits, text: str, units: Sequence[Unit] | None,
                    spans: list[WordSpan] | None = None) -> list[tuple[str, int, int]]:
        """(concept id, start, end) of each source term in a (masked) source text; `spans`
        are its `word_spans` (space-delimited sources), when already made."""
        if not self.japanese_source:
            return self.matcher.find(text, spans)  # payloads are concept ids
        firsts = {c.casefold() for c in text}
        candidates = [t for ch in firsts for t in self.japanese_terms.get(ch, ())]
        if not candidates:
            return []
        parsed = JapaneseText(words, text, units)
        return [
            (cid, m.start(), m.end())
            for term, cid in candidates
            for m in literal(term).finditer(text)
            if parsed.boundary(m.start()) and parsed.boundary(m.end())
        ]


def _concept_targets(concept: Concept, lang: str, tokenize: "Tokenize") -> ConceptTargets:
    """A concept's approved and deprecated forms in the target language."""
    in_lang = [t for t in concept.terms if t.text.strip() and lang_matches(t.lang, lang)]
    ordered = sorted((t for t in in_lang if t.status != "deprecated"), key=lambda t: t.status != "preferred")
    expected = tuple(dict.fromkeys(t.text.strip() for t in ordered))
    approved = [_form(text, lang, tokenize) for text in expected]
    if expected and concept.type in NAME_TYPES:
        approved += _name_allowances(concept, ordered, lang, tokenize)
    # deprecated forms match as written: one Sudachi normalizes to an approved word is no evidence
    deprecated = tuple(TargetForm(t.text.strip()) for t in in_lang if t.status == "deprecated")
    return ConceptTargets(concept, tuple(dict.fromkeys(approved)), deprecated, expected)


def _name_allowances(concept: Concept, approved: list[Term], lang: str, tokenize: "Tokenize") -> list[TargetForm]:
    """Forms a name may also take: its original Latin spelling (any language) and, for a
    person, the surname alone."""
    forms = [
        _form(t.text.strip(), lang, tokenize)
        for t in concept.terms
        if t.status != "deprecated" and t.text.strip() and script_of(t.text) is Script.LATIN
    ]
    if concept.type == "person":
        forms += [_form(surname(t.text), lang, tokenize) for t in approved if surname(t.text)]
    return forms


def _form(text: str, lang: str, tokenize: "Tokenize") -> TargetForm:
    """A target form; a one-word Japanese term also carries Sudachi's normalized form."""
    if not lang_is_japanese(lang):
        return TargetForm(text)
    tokens = tokenize(text, lang)
    return TargetForm(text, tokens[0].normalized if len(tokens) == 1 else "")


def term_index(ctx: "DocumentScope", source_lang: str, target_lang: str) -> TermIndex | None:
    """The run's glossary indexed for a language pair, built once per run (kept in the
    run's resources, which every file's scope shares)."""
    glossary = ctx.glossary
    if not isinstance(glossary, Glossary):
        return None
    key = ("term-missing", source_lang, target_lang)
    index = ctx.memo.get(key)
    if index is None:
        index = ctx.memo[key] = TermIndex(glossary, source_lang, target_lang, ctx.term_tokens)
    return index


# ---------------------------------------------------------------- catalog helpers


def entry_sources(entry: CatalogEntry, target: Segment) -> list[Segment]:
    """The source segments a translation renders: msgid for msgstr, msgid then
    msgid_plural for msgstr[0], msgid_plural for msgstr[n >= 1]."""
    n = target.plural_index
    if n is None and len(entry.sources) == 1:  # most entries: one msgid
        return [entry.sources[0]] if entry.sources[0].kind == "msgid" else []
    by_kind = {s.kind: s for s in entry.sources}
    kinds: tuple[str, ...]
    if n is None or "msgid_plural" not in by_kind:
        kinds = ("msgid",)
    else:
        kinds = ("msgid", "msgid_plural") if n == 0 else ("msgid_plural",)
    return [by_kind[k] for k in kinds if k in by_kind]


def first_line_span(doc: Document, segment: Segment) -> tuple[int, int]:
    """File offsets of the first line of a segment's text."""
    end = segment.text.find("\n")
    return segment_span(segment, doc.text, 0, len(segment.text) if end < 0 else max(end, 1))


# ---------------------------------------------------------------- the rule


class _Target:
    """A translation, masked, with its word boundaries (shared by the entry's rules)."""

    def __init__(self, ctx: "DocumentScope", segment: Segment) -> None:
        self.japanese = lang_is_japanese(segment.lang)
        self._parsed = ctx.texts.japanese(segment) if self.japanese else None
        self.text = self._parsed.text if self._parsed is not None else ctx.texts.masked(segment.text, segment.flags)
        self.raw = segment.text
        self._dotted: set[str] | None = None  # katakana compounds written with ・, without it (`_dotted_words`)

    def contains(self, form: TargetForm) -> bool:
        if self._parsed is None:
            return word_regex(form.text).search(self.text) is not None
        if self._parsed.contains(form.text, form.normalized):
            return True
        if "の" in self.text and len(form.text) >= 4 and "の" not in form.text and self._genitive(form.text):
            return True
        # a katakana term written with ・ between its words (データベース・サーバー for
        # データベースサーバー) is there, spelt otherwise: not a missing term
        if NAKAGURO not in self.text or not is_katakana(form.text):
            return False
        if self._dotted is None:
            self._dotted = _dotted_words(self.text)
        return form.text in self._dotted

    def _genitive(self, term: str) -> bool:
        """Whether a compound term is written with の between two parts of two characters
        or more (ファイルの転送 for ファイル転送): the same compound, spelt as a phrase."""
        assert self._parsed is not None
        return any(self._parsed.contains(f"{term[:i]}の{term[i:]}", "") for i in range(2, len(term) - 1))

    def renders(self, group: "Group") -> bool:
        """Whether any concept of a group has an approved rendering here, or, in Japanese,
        its "-ing" form (フィルタリング renders "filter" as much as フィルター does)."""
        for form in group.forms:
            if self.contains(form):
                return True
        if self.japanese:
            for form in group.forms:
                if self._has_ing_form(form.text):
                    return True
        return False

    def keeps(self, found: str, sources: Sequence[str] = ()) -> bool:
        """Whether the translation keeps a source term as written, in Latin, outside
        placeholders and code: not rendered, but not missing either. A word kept alone
        (新しいNotebook) is glossary-nonpreferred's to report; one kept inside a phrase or an
        identifier copied from the source (Windows Server 2019, "repository resync",
        user@host) is part of a name or of code. So is a word the translation puts in code
        where its source has it in prose ("at commit time" → ``commit`` の際): it names the
        command the source means (code the source has too, ``new-commit``, says nothing)."""
        if not found.isascii():
            return False
        forms = [_latin_word(form) for form in _singulars(found)]
        if any(form.search(self.text) is not None for form in forms):
            return True
        if "`" not in self.raw:
            return False
        theirs = {code.group(2).strip() for source in sources for code in _CODE.finditer(source)}
        return any(form.search(code.group(2)) is not None for code in _CODE.finditer(self.raw)
                   if code.group(2).strip() not in theirs for form in forms)

    def ends_a_word(self, group: "Group", modifier: str) -> bool:
        """Whether a katakana word of the translation is the compound "modifier + term"
        written as one word: it ends with an approved katakana rendering, and what comes
        before sounds like the modifier (ホーム|ページ for "home page"; not カタ|ログ for
        "server log", nor ブ|ログ). Never a word that merely starts with it (ユーザー is not
        ユーザ|ー)."""
        if self._parsed is None:
            return False
        forms = [f.text for f in group.forms if is_katakana(f.text) and len(f.text) >= 2]
        return any(u.surface != f and u.surface.endswith(f) and _sounds_like(modifier, u.surface[: -len(f)])
                   for u in self._parsed.katakana_units() for f in forms)

    def _has_ing_form(self, form: str) -> bool:
        """Whether the text has a katakana form's "-ing" derivative as a whole word
        (フィルター → フィルタリング, ブラウザー → ブラウジング is not: only stem + リング/イング)."""
        if not is_katakana(form):
            return False
        stem = form.rstrip("ー")
        for derived in (stem + "リング", stem + "イング"):
            for m in literal(derived).finditer(self.text):
                after = self.text[m.end() : m.end() + 1]
                if not (after and is_katakana_char(after)) and self._parsed is not None and self._parsed.boundary(m.start()):
                    return True
        return False


_DOTTED_RUN = re.compile(f"[{KATAKANA_WORD}]+(?:{NAKAGURO}[{KATAKANA_WORD}]+)+")


def _dotted_words(text: str) -> set[str]:
    """Every run of two or more consecutive words of the text's katakana runs joined by ・
    (データベース・サーバー・ログ), written without the dots."""
    found: set[str] = set()
    for run in _DOTTED_RUN.finditer(text):
        parts = run.group().split(NAKAGURO)
        found.update("".join(parts[i:j]) for i in range(len(parts)) for j in range(i + 2, len(parts) + 1))
    return found


@dataclass(frozen=True)
class Group:
    """A source term as written, the concepts sharing it, and the shorter terms found
    inside it ("source" inside "open source")."""

    found: str
    concepts: tuple[ConceptTargets, ...]
    forms: tuple[TargetForm, ...]  # the concepts' approved forms in turn (`group_forms`)
    inner: tuple["Group", ...] = ()

    @property
    def expects(self) -> bool:
        """Whether any concept has an expected rendering (exactly when it has approved
        forms: those are its expected terms and, for names, their allowances)."""
        return bool(self.forms)


def check_entry(doc: Document, entry: CatalogEntry, ctx: "DocumentScope") -> list[Finding]:
    """Report translations lacking every approved rendering of a source glossary term
    (judged once for the entries of a document with the same texts)."""
    if ctx.glossary is None:
        return []
    missing = ctx.entry_once("term-missing", entry, lambda: _missing_groups(ctx, entry))
    if not missing:  # most entries
        return []
    index = doc.line_index()
    return [_finding(doc, index, entry.targets[n], group) for n, group in missing]


def _missing_groups(ctx: "DocumentScope", entry: CatalogEntry) -> tuple[tuple[int, Group], ...]:
    """(number of the translation, group) for each source term an entry's translations
    render by none of its approved terms: a function of the entry's texts and flags."""
    found: list[tuple[int, Group]] = []
    for n, target in enumerate(entry.targets):
        if not target.lang or not target.text.strip():
            continue
        for group in _missing(ctx, entry, target):
            found.append((n, group))
    return tuple(found)


def _missing(ctx: "DocumentScope", entry: CatalogEntry, target: Segment) -> list[Group]:
    """The source terms the translation renders by none of their approved terms."""
    sources = entry_sources(entry, target)
    text = target.text.strip()
    for source in sources:
        if text == source.text.strip():
            return []  # a copy of the msgid ("Email", a URL pattern, a licence name): not a rendering
    groups = _source_groups(ctx, entry, target, sources)
    if not groups:
        return []
    translation = _Target(ctx, target)
    missing: list[Group] = []
    for group, (source_text, start) in groups:
        if not group.expects or translation.renders(group):
            continue
        modifier = _compound_head(source_text, start)
        if modifier and translation.ends_a_word(group, modifier):
            continue  # "home page" → ホームページ: the head of a compound ends the compound's word
        if _has_deprecated(translation, group):
            continue  # glossary-deprecated reports it
        if translation.keeps(group.found, [source.text for source in sources]):
            continue  # kept in Latin: glossary-nonpreferred judges a word kept alone, and a phrase copied whole is a name or code
        inner = [g for g in group.inner if g.expects]
        if inner and all(translation.renders(g) for g in inner):
            continue  # rendered word by word: a verb + noun ("archive token") read as a compound term
        missing.append(group)
    return missing


def _has_deprecated(translation: _Target, group: Group) -> bool:
    """Whether the translation has a deprecated target term of a concept of the group."""
    for concept in group.concepts:
        for form in concept.deprecated:
            if translation.contains(form):
                return True
    return False


def _source_groups(ctx: "DocumentScope", entry: CatalogEntry, target: Segment,
                   sources: list[Segment]) -> list[tuple[Group, tuple[str, int]]]:
    """The outermost glossary terms of an entry's source texts (`entry_sources`), each
    with the concepts sharing it and the terms inside it; once per set of concepts, in
    source order; each with the source text and the offset it was found at (where
    `_compound_head` looks, only for a term the translation lacks)."""
    index = term_index(ctx, sources[0].lang or ctx.options.source_lang, target.lang) if sources else None
    if index is None:
        return []
    groups: dict[frozenset[str], tuple[Group, tuple[str, int]]] = {}
    for source in sources:
        if index.japanese_source:
            hits = index.source_hits(ctx.wordunits, ctx.masked(source.text, entry.flags), ctx.units(source))
        else:
            masked, words = ctx.texts.masked_words(source.text, entry.flags)
            hits = index.matcher.find(masked, words)  # payloads are concept ids
            if hits and index.english_source:
                hits = _outside_idioms(masked, hits)
                if hits and lang_is_japanese(target.lang):
                    hits = [h for h in hits if not _generic_actor(masked, h[1], h[2])]
        if not hits:
            continue
        ordered = _spans(index, hits)
        nested = _nested(ordered)  # most texts: no term inside another, nothing to skip or look inside
        for start, end, key in ordered:
            if key in groups:
                continue
            inner: tuple[Group, ...] = ()
            if nested:
                if any(a <= start and end <= b and (a, b) != (start, end) for a, b, _ids in ordered):
                    continue  # reported through the longer term around it
                inner = tuple([
                    _group(index, source.text[a:b], ids)
                    for a, b, ids in ordered
                    if start <= a and b <= end and (a, b) != (start, end)
                ])
            groups[key] = (_group(index, source.text[start:end], key, inner), (source.text, start))
    return list(groups.values())


_SPAN = itemgetter(1, 2)
_IDIOMS = re.compile(
    r"(?<![\w-])(?:" + "|".join(r"\s+".join(map(re.escape, p.split())) for p in lexicon.phrases("english-idioms")) + r")(?![\w-])",
    re.IGNORECASE,
)


_GENERIC_ACTORS = lexicon.words("generic-actors")
_MODAL_AFTER = re.compile(r"\s+(?:can|cannot|can't|could|may|might|must|should|will|would|needs? to|ha(?:s|ve) to|(?:is|are) able to)(?!\w)",
                         re.IGNORECASE)
_OBJECT_BEFORE = re.compile(r"(?<!\w)(?:of|to|for|by|with|from|about|than)\s+(?:the\s+|other\s+|all\s+|every\s+)?$", re.IGNORECASE)
_PASSIVE_AFTER = re.compile(r"\s+(?:not\s+)?(?:be|been|get|got)(?!\w)", re.IGNORECASE)
_TO_AFTER = re.compile(r"\s+to\s")
_LETS_BEFORE = re.compile(r"(?<!\w)(?:allows?|lets?|enables?|permits?)\s+(?:the\s+|other\s+)?$", re.IGNORECASE)


def _generic_actor(text: str, start: int, end: int) -> bool:
    """Whether a source word names the generic person who acts, as the subject of a modal
    ("User can select a column", "users may") or in "allows users to": Japanese leaves
    that person unsaid (列を選択できます), so the word is not missing from it."""
    if text[start:end].casefold() not in _GENERIC_ACTORS:
        return False
    modal = _MODAL_AFTER.match(text, end)
    if modal is not None:
        if _PASSIVE_AFTER.match(text, modal.end()):
            return False  # "%d user will be edited": what is acted on, which the translation names
        return _OBJECT_BEFORE.search(text, max(0, start - 20), start) is None  # not "the IP address of the user should"
    return _TO_AFTER.match(text, end) is not None and _LETS_BEFORE.search(text, max(0, start - 20), start) is not None


# Every idiom in small letters, one a line: a hit whose words are in none of them lies
# in no idiom, and most texts need no scan for idioms at all.
_IDIOM_WORDS = "\n".join(" ".join(p.lower().split()) for p in lexicon.phrases("english-idioms"))


def _outside_idioms(text: str, hits: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    """The hits that are not a word of a fixed phrase ("take the time zone into account",
    "in order to"): there the word names no account and no order."""
    for _cid, start, end in hits:
        found = text[start:end]
        if not found.isascii() or " ".join(found.lower().split()) in _IDIOM_WORDS:
            break  # may lie in an idiom (a letter outside ASCII may match one caselessly)
    else:
        return hits
    idioms = [m.span() for m in _IDIOMS.finditer(text)]
    if not idioms:  # most texts
        return hits
    return [h for h in hits if not any(a <= h[1] and h[2] <= b for a, b in idioms)]


def _spans(index: TermIndex, hits: list[tuple[str, int, int]]) -> list[tuple[int, int, frozenset[str]]]:
    """Each span the source hits cover, in order, with the concepts found there (one
    frozenset per concept for the run when one concept is: most spans)."""
    ordered: list[tuple[int, int, frozenset[str]]] = []
    last_start = last_end = -1
    for cid, start, end in (sorted(hits, key=_SPAN) if len(hits) > 1 else hits):
        if start == last_start and end == last_end:
            ordered[-1] = (start, end, ordered[-1][2] | {cid})
            continue
        ordered.append((start, end, index.concept_set(cid)))
        last_start, last_end = start, end
    return ordered


def _nested(ordered: list[tuple[int, int, frozenset[str]]]) -> bool:
    """Whether any of the spans (sorted) overlaps another: only then may one hold another."""
    reach = 0
    for start, end, _cids in ordered:
        if start < reach:
            return True
        if end > reach:
            reach = end
    return False


_WORD_BEFORE = re.compile(r"([A-Za-z]+) $")
# Words before a noun that do not make a compound with it ("the page", "your page", "to page").
_NOT_MODIFIERS = lexicon.words("not-modifiers")


def _compound_head(source: str, start: int) -> str:
    """The word before the term at `start` when the two may form a compound ("home" of
    "home page", "user" of "user account"); "" after a determiner or preposition ("the
    page") or at the start."""
    m = _WORD_BEFORE.search(source, max(0, start - 40), start)
    return m.group(1) if m is not None and m.group(1).lower() not in _NOT_MODIFIERS else ""


# How alike a katakana piece and an English word must sound for the piece to render it.
MODIFIER_LIKENESS = 0.7


def _sounds_like(word: str, kana: str) -> bool:
    """Whether a katakana piece renders an English word (ホーム: home, ユーザー: user)."""
    return len(kana) >= 2 and name_similarity(word, kana) >= MODIFIER_LIKENESS


def _group(index: TermIndex, found: str, cids: frozenset[str], inner: tuple[Group, ...] = ()) -> Group:
    """A group of concepts in glossary order (one value per (text, concepts, inner): a
    catalog repeats its terms)."""
    memo_key = (found, cids, inner)
    group = index.groups.get(memo_key)
    if group is None:
        concepts = tuple([index.targets[c] for c in sorted(cids, key=index.order.__getitem__)])
        group = Group(found, concepts, group_forms(concepts), inner)
        if len(index.groups) < 100_000:
            index.groups[memo_key] = group
    return group


def group_forms(concepts: tuple[ConceptTargets, ...]) -> tuple[TargetForm, ...]:
    """The approved forms of a group's concepts, concept by concept: what a translation
    is searched for, flattened once per group rather than at each entry."""
    return tuple([f for t in concepts for f in t.approved])


def _finding(doc: Document, index: LineIndex, target: Segment, group: Group) -> Finding:
    """The finding on a translation's first line."""
    targets = [t for t in group.concepts if t.expected]
    expected = " / ".join(dict.fromkeys(e for t in targets for e in t.expected))
    ids = ", ".join(t.concept.id for t in targets)
    message = msg('the source says "{found}" (glossary: {ids}), but the translation has none of its renderings: {expected}',
                  found=group.found, ids=ids, expected=expected)
    finding = make_finding(RULE, doc.path, index, first_line_span(doc, target), group.found, expected, message)
    return replace(finding, entity=targets[0].concept.id)


RULE = Rule(
    id="term-missing",
    severity=Severity.WARNING,
    summary="A glossary term of the source (msgid) has none of its approved renderings in the translation (user → ユーザー).",
    doc=RuleDoc(
        what=(
            "Finds the glossary's source-language terms in each msgid as whole words (plurals and "
            "possessives included; never inside another word, a placeholder, a URL or code) and "
            "reports the msgstr when none of the concept's preferred or admitted target-language "
            "terms occurs in it on word boundaries; expected lists the approved renderings."
        ),
        why=(
            "A translation that paraphrases or drops a glossary term (利用者 where the glossary says "
            "ユーザー) breaks the terminology the glossary exists to keep, and a reviewer reading "
            "only the target text cannot see it."
        ),
        example_bad='msgid "Remove the user"\nmsgstr "利用者を削除"  (glossary: user → ユーザー)',
        example_good='msgid "Remove the user"\nmsgstr "ユーザーを削除"',
    ),
    check_entry=check_entry,
    needs=frozenset({"word-units"}),
)
