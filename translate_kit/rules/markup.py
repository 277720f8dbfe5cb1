"""`markup-mismatch`: a catalog translation's markup differs from its source.

Compared between msgid and msgstr (msgid_plural for plural forms, as in
`placeholder-mismatch`); tags as a multiset, since each must be balanced, everything else
as a set, since a translation may well mention `x` once where its source says it twice:

* HTML/XML tags by name and shape (open, close, self-closing); of the attributes only
  `href` and `src` values count, so translated `title="…"` or `alt="…"` text is fine. A
  lone `<word …>` is markup only when it is a known HTML element, has an
  `attribute=value`, closes itself or is closed in the same string: `Usage: cmd <file>`
  or `<original entry>` may be translated. Where a string writes such placeholders, a
  bare `<label>` or `<code>` that is never closed is one of them too
  (`provider: <provider>, label: <label>`).
* Markdown and reStructuredText code (`` `x` ``, ``` ``x`` ```): the content must be
  identical, but for spacing inside it (a catalog wraps long spans) and metavariables
  written in Japanese where the code around them is kept (``<repo>/.hg/hgrc`` →
  ``<リポジトリ>/.hg/hgrc``, `update REV` → `update リビジョン`). A GNU-style quotation `` `name' `` is not code, nor is anything in a text
  indented as a whole (a command's help as its docstring writes it: Markdown reads it as
  a code block).
* Markdown links and images: the URL (or `[text][label]`) must be identical, the text is
  free; autolinks `<https://…>` must be identical.
* RST roles (`:ref:`, `:doc:`, `:class:`, `:py:func:` …): the role and its target must be
  identical, the display text in `Title <target>` is free; for text roles such as
  `:guilabel:` or `:kbd:` only the role must be kept. RST references `` `Name`_ `` keep
  their name (or `<url>`), anonymous ones (`` `text`__ ``) only their shape.

Entries with a format flag (`c-format`, `python-brace-format`, …) are program messages,
where backticks and brackets are punctuation a translator may localise (“x” for `x`):
only their tags and autolinks are compared.

A changed piece is reported on its span with the corrected piece as expected (only the
URL or target swapped in, so translated link text stays); an extra piece with no
expected text; a missing one at the start of the msgstr, found = its first non-blank line
(up to 30 characters), expected = the missing piece.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Iterator

from translate_kit.messages import msg
from translate_kit.model import Document, Finding, LineIndex, Segment, Severity
from translate_kit.rules.base import Rule, RuleDoc
from translate_kit.rules.placeholders import (
    Difference,
    closest_diff,
    make_finding,
    once_per_key,
    segment_span,
    text_prefix,
)

if TYPE_CHECKING:  # pragma: no cover
    from translate_kit.engine.contribution import DocumentScope

_TOKEN = re.compile(
    r"(?P<escape>\\[\\`*_{}\[\]()<>#+.!|:-])"
    r"|(?<![\w`:])(?P<role>:(?P<role_name>[A-Za-z][\w+.-]*(?::[A-Za-z][\w+.-]*)*):`(?P<role_body>[^`]+)`)(?!`)"
    r"|(?P<quote>`[^`'\s][^`'\n]*'(?![\w`]))"  # `name' is a GNU-style quotation, not code
    r"|(?P<code>(?<!`)(?=(?P<ticks>`+))(?P=ticks)(?P<code_body>[\s\S]+?)(?<!`)(?P=ticks)(?!`)(?P<rst_ref>__?(?!\w))?)"
    r"|(?P<link>(?P<bang>!)?\[(?P<link_text>(?:[^\[\]\\]|\\.|\[(?:[^\[\]\\]|\\.)*\])*)\]"
    r"(?:\(\s*(?:<(?P<url_angle>[^<>\n]*)>|(?P<url>[^\s()<>]*(?:\([^\s()]*\)[^\s()<>]*)*))"
    r"(?:\s+(?:\"[^\"]*\"|'[^']*'|\([^()]*\)))?\s*\)|\[(?P<label>[^\[\]]*)\]))"
    r"|(?P<autolink><(?P<auto_url>(?:https?|ftp|mailto):[^\s<>]+)>)"
    r"|(?P<comment><!--[\s\S]*?-->)"
    r"|(?<!%)(?P<tag><(?P<close>/)?(?P<tag_name>[A-Za-z][\w.:-]*)"
    r"(?P<attrs>(?:\s+[^\s<>/=\"']+(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s\"'<>]+))?)*)\s*(?P<self>/)?>)"
)
_MAYBE_MARKUP = re.compile(r"[\\`\[<]")
_ATTRIBUTE = re.compile(
    r"(?P<name>[^\s<>/=\"']+)(?:\s*=\s*(?:\"(?P<dq>[^\"]*)\"|'(?P<sq>[^']*)'|(?P<uq>[^\s\"'<>]+)))?"
)
_URL_ATTRIBUTES = frozenset({"href", "src"})
_HTML_ELEMENTS = frozenset(
    "a abbr b bdi bdo big blockquote br button caption cite code dd del dfn div dl dt em "
    "figcaption figure font h1 h2 h3 h4 h5 h6 hr i img input ins kbd label li mark ol p pre "
    "q s samp small span strike strong sub sup table tbody td tfoot th thead time tr tt u ul "
    "var wbr".split()
)
# Roles whose content is text for the reader, not a target: only the role must stay.
_TEXT_ROLES = frozenset(
    "guilabel menuselection abbr emphasis strong sub sup subscript superscript "
    "title-reference title t kbd dfn".split()
)
_ROLE_TARGET = re.compile(r"<([^<>]*)>\s*$")


@dataclass(frozen=True)
class MarkupToken:
    """One piece of markup: its text and span, and what must survive translation.

    `key` is `shape` followed by `values` (normalised where the syntax ignores case or
    spacing); `slots` are the spans (within `text`) of the values and `fills` their text
    as written, so a corrected token can be written with only the values swapped in.
    """

    text: str
    start: int
    end: int
    family: str  # what it may be paired with: "tag b", "role ref", code, link, linkref, autolink, rst-ref
    shape: tuple[str, ...]
    values: tuple[str, ...] = ()
    slots: tuple[tuple[int, int], ...] = ()
    fills: tuple[str, ...] = ()
    sequential: bool = False

    @property
    def key(self) -> tuple[str, ...]:
        """What two tokens must share to be the same markup."""
        return self.shape + self.values


def extract_markup(text: str, offset: int = 0) -> list[MarkupToken]:
    """Every markup token of `text`, in order (offsets shifted by `offset`)."""
    if not _MAYBE_MARKUP.search(text):
        return []  # every token needs one of these characters
    matches = list(_TOKEN.finditer(text))
    closed = {m.group("tag_name").lower() for m in matches if m.lastgroup == "tag" and m.group("close")}
    placeholders: bool | None = None  # whether the string writes `<word>` placeholders
    tokens: list[MarkupToken] = []
    for m in matches:
        kind = m.lastgroup
        if kind == "role":
            tokens.append(_role(m, offset))
        elif kind == "code":
            tokens.append(_code(m, offset))
        elif kind == "link":
            tokens.append(_link(m, offset))
            tokens += extract_markup(m.group("link_text"), offset + m.start("link_text"))
        elif kind == "autolink":
            tokens.append(_token(m, offset, "autolink", ("autolink",), ("auto_url",)))
        elif kind == "tag" and _is_markup_tag(m, closed):
            if _needs_closing(m, closed):
                if placeholders is None:
                    placeholders = bool(_TRANSLATED_PLACEHOLDER.search(text)) or any(
                        t.lastgroup == "tag" and not _is_markup_tag(t, closed) for t in matches)
                if placeholders:
                    continue  # `label: <label>` beside `provider: <provider>`: one of them
            tokens.append(_tag(m, offset))
    return tokens


def _token(
    m: re.Match[str], offset: int, family: str, shape: tuple[str, ...], groups: tuple[str, ...]
) -> MarkupToken:
    """A token whose values are the given groups of the match."""
    values = tuple(m.group(g) for g in groups)
    slots = tuple((m.start(g) - m.start(), m.end(g) - m.start()) for g in groups)
    return MarkupToken(m.group(), offset + m.start(), offset + m.end(), family, shape, values, slots, values)


def _role(m: re.Match[str], offset: int) -> MarkupToken:
    """An RST role: the role, and its target unless it is a text role."""
    name = m.group("role_name").lower()  # role names are case-insensitive
    shape, family = ("role", name), f"role {name}"
    if name.split(":")[-1] in _TEXT_ROLES:
        return MarkupToken(m.group(), offset + m.start(), offset + m.end(), family, shape)
    body, body_start = m.group("role_body"), m.start("role_body") - m.start()
    target = _ROLE_TARGET.search(body)
    if target is not None:
        slot = (body_start + target.start(1), body_start + target.end(1))
        value = target.group(1).strip()
    else:
        slot, value = (body_start, body_start + len(body)), body.strip()
    value = _INNER_SPACES.sub(" ", value)  # a target wrapped onto two lines is the same target
    fill = m.group()[slot[0] : slot[1]]
    return MarkupToken(m.group(), offset + m.start(), offset + m.end(), family, shape, (_role_target_key(name, value),), (slot,), (fill,))


# Roles whose targets Sphinx looks up without regard to case (glossary terms, labels).
_CASELESS_ROLES = frozenset("term ref keyword option envvar token".split())


def _role_target_key(role: str, target: str) -> str:
    """A role's target as Sphinx resolves it: a leading ~ (show the last part only) or .
    (search from the current module) does not change what it points to, and terms and
    labels are looked up without regard to case (:term:`Keyword argument`)."""
    key = target.lstrip("~").lstrip(".") or target
    return key.casefold() if role.split(":")[-1] in _CASELESS_ROLES else key


def _code(m: re.Match[str], offset: int) -> MarkupToken:
    """A code span or RST literal; a single-backtick span followed by `_` is a reference."""
    ref = m.group("rst_ref")
    if ref and len(m.group("ticks")) == 1:
        return _rst_reference(m, offset, ref)
    token = _token(m, offset, "code", ("code",), ("code_body",))
    # spacing inside code is not compared, its edges are (`` 24`` is broken RST); a line
    # break is a space, as a catalog wraps a long span (``Bug 1234 and\n  5678``)
    return replace(token, values=tuple(_INNER_SPACES.sub(" ", v) for v in token.values))


_INNER_SPACES = re.compile(r"(?<=\S)(?:[ \t]{2,}|[ \t]*\n\s*)(?=\S)")


def _rst_reference(m: re.Match[str], offset: int, ref: str) -> MarkupToken:
    """`` `Name`_ `` keeps its (case- and space-insensitive) name, `` `text <url>`_ `` its
    URL; an anonymous `` `text`__ `` only its shape."""
    start, end = offset + m.start(), offset + m.end()
    if ref == "__":
        return MarkupToken(m.group(), start, end, "rst-ref", ("rst-ref", "__"))
    body, body_start = m.group("code_body"), m.start("code_body") - m.start()
    target = _ROLE_TARGET.search(body)
    if target is not None:
        slot = (body_start + target.start(1), body_start + target.end(1))
        url = target.group(1)
        return MarkupToken(m.group(), start, end, "rst-ref", ("rst-ref", "_"), (url_key(url.strip()),), (slot,), (url,))
    name = " ".join(body.lower().split())
    slot = (body_start, body_start + len(body))
    return MarkupToken(m.group(), start, end, "rst-ref", ("rst-ref", "_"), (name,), (slot,), (body,))


def _link(m: re.Match[str], offset: int) -> MarkupToken:
    """A Markdown link or image: its URL (or reference label) must be kept."""
    bang = m.group("bang") or ""
    if m.group("label") is not None:
        label = m.group("label") or m.group("link_text")
        group = "label" if m.group("label") else "link_text"
        token = _token(m, offset, "linkref", ("linkref", bang), (group,))
        return replace(token, values=(" ".join(label.lower().split()),))
    group = "url_angle" if m.group("url_angle") is not None else "url"
    token = _token(m, offset, "link", ("link", bang), (group,))
    return replace(token, values=tuple(url_key(v) for v in token.values))


def _is_markup_tag(m: re.Match[str], closed: set[str]) -> bool:
    """Whether `<word …>` is markup rather than prose such as `<file>` or `<original
    entry>`: a known HTML element, a closing or self-closing tag, one closed in the same
    string, or one with an `attribute=value`."""
    name = m.group("tag_name").lower()
    if m.group("close") or m.group("self") or name in _HTML_ELEMENTS or name in closed:
        return True
    return _has_values(m)


def _has_values(m: re.Match[str]) -> bool:
    return any(a.group("dq") or a.group("sq") or a.group("uq") for a in _ATTRIBUTE.finditer(m.group("attrs")))


def _needs_closing(m: re.Match[str], closed: set[str]) -> bool:
    """Whether a tag is a bare start tag (`<label>`) of an element whose end tag HTML
    requires, never closed in its string: markup only where the string writes no
    `<word>` placeholders (beside `<provider>` or `<プロバイダー>` it is one of them)."""
    name = m.group("tag_name").lower()
    return not (m.group("close") or m.group("self") or name in closed or name in _STANDS_ALONE) and not _has_values(m)


# A placeholder whose word is translated (`<ファイル>`): never a tag, but a sign of the others.
_TRANSLATED_PLACEHOLDER = re.compile(r"<[^\x00-\x7f<>\s][^<>\n]{0,40}>")
# Elements that stand alone in HTML: void ones and those whose end tag may be left out.
_STANDS_ALONE = frozenset("br hr img input wbr p li dt dd tr td th thead tbody tfoot".split())


_URL_LANG_SEGMENT = re.compile(r"(?<=/)([A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*)(?=/|$|[?#])")
_URL_LANG_HOST = re.compile(r"^((?:[a-z][a-z0-9+.-]*:)?//)([A-Za-z]{2,3}(?:-[A-Za-z]{2,4})?)\.(?=[^/]+\.[^/]+)")
_URL_LANG_QUERY = re.compile(r"([?&](?:lang|hl|locale|language)=)[A-Za-z0-9_-]+", re.IGNORECASE)


@functools.lru_cache(maxsize=1)
def _language_codes() -> frozenset[str]:
    """Locale identifiers Babel knows, lower-cased, with - and _ both spelt _ (en, ja, pt_br)."""
    from babel.localedata import locale_identifiers

    return frozenset(i.lower() for i in locale_identifiers())


def _is_language(code: str) -> bool:
    return code.lower().replace("-", "_") in _language_codes()


def url_key(url: str) -> str:
    """A URL with its language part made neutral, so a link the translator pointed at the
    localized page (docs/en/ → docs/ja/, ?hl=ja) is still the same link; on a host named
    by its language (en.wikipedia.org → ja.wikipedia.org) only the site is kept."""
    url = _URL_LANG_QUERY.sub(lambda m: m.group(1) + "{lang}", url)
    host = _URL_LANG_HOST.match(url)
    if host and _is_language(host.group(2)):
        # a site with one host per language names its pages in that language too
        # (en.wikipedia.org/wiki/Error_function, ja.wikipedia.org/wiki/誤差関数)
        return host.group(1) + "{lang}." + url[host.end() :].split("/", 1)[0]
    return _URL_LANG_SEGMENT.sub(lambda m: "{lang}" if _is_language(m.group(1)) else m.group(0), url)


def _tag(m: re.Match[str], offset: int) -> MarkupToken:
    """A tag: its shape and name, and the values of its href/src attributes."""
    kind = "close" if m.group("close") else "self-closing" if m.group("self") else "open"
    names: list[str] = []
    values: list[str] = []
    slots: list[tuple[int, int]] = []
    attrs_start = m.start("attrs") - m.start()
    for a in _ATTRIBUTE.finditer(m.group("attrs")):
        name = a.group("name").lower()
        group = next((g for g in ("dq", "sq", "uq") if a.group(g) is not None), None)
        if name not in _URL_ATTRIBUTES or group is None:
            continue
        names.append(name)
        values.append(a.group(group))
        slots.append((attrs_start + a.start(group), attrs_start + a.end(group)))
    name = m.group("tag_name").lower()
    shape = ("tag", kind, name, *names)
    return MarkupToken(
        m.group(), offset + m.start(), offset + m.end(), f"tag {name}", shape, tuple(url_key(v) for v in values), tuple(slots),
        tuple(values),
    )


def corrected(found: MarkupToken, wanted: MarkupToken) -> str:
    """The translation's token with the source's values put in (its free text kept), or
    the source's token when the two differ in shape."""
    if found.shape != wanted.shape or len(found.slots) != len(wanted.fills):
        return wanted.text
    text = found.text
    for (a, b), value in sorted(zip(found.slots, wanted.fills), reverse=True):
        text = text[:a] + value + text[b:]
    return text


def is_program_message(flags: tuple[str, ...]) -> bool:
    """Whether an entry is marked as a format string (c-format, python-brace-format, ...)."""
    return any(f.endswith("-format") and not f.startswith("no-") for f in flags)


def comparable_markup(text: str, program_message: bool = False) -> list[MarkupToken]:
    """The tokens compared: tags as a multiset (every tag must be balanced), the rest as a
    set, since a translation may mention `x` or a link fewer or more times than its source.
    In a program message (an entry with a format flag) backticks and brackets are plain
    punctuation that translators may localise, so only tags and autolinks count there. In
    a text indented as a whole (a command's help as its docstring writes it), backticks
    are characters: Markdown reads such a text as one code block."""
    tokens = extract_markup(text)
    if program_message:
        tokens = [t for t in tokens if t.shape[0] in ("tag", "autolink")]
    elif tokens and _indented_throughout(text):
        tokens = [t for t in tokens if t.shape[0] != "code"]
    return once_per_key(tokens, counted=lambda t: t.shape[0] == "tag")


_UNINDENTED_LINE = re.compile(r"^(?! {4}|\t)[ ]{0,3}\S", re.MULTILINE)


def _indented_throughout(text: str) -> bool:
    """Whether every line of a text that is not blank starts with four spaces or a tab:
    an indented code block in Markdown, whose backticks are no code spans."""
    return bool(text.strip()) and not _UNINDENTED_LINE.search(text)


def check_document(doc: Document, ctx: "DocumentScope") -> Iterator[Finding]:
    """Compare each translation's markup with its source's."""
    if not doc.bilingual:
        return
    problems: list[tuple[Segment, Difference]] = []
    maybe_markup = _MAYBE_MARKUP.search
    for entry in doc.compared_entries(ctx.options.include_fuzzy):
        for segment in (*entry.targets, *entry.sources):
            if maybe_markup(segment.text):
                break
        else:
            continue  # most entries: no markup on either side (a side without it has no tokens to compare)
        program: bool | None = None
        markup: dict[str, list[MarkupToken]] = {}  # of each source text, read once per entry
        for target in entry.targets:
            texts = entry.source_texts(target)
            if not maybe_markup(target.text) and not any(maybe_markup(text) for text in texts):
                continue
            if program is None:
                program = is_program_message(entry.flags)
            sources = []
            for text in texts:
                if text not in markup:
                    markup[text] = comparable_markup(text, program)
                sources.append(markup[text])
            found = comparable_markup(target.text, program)
            problems += [
                (target, d)
                for d in closest_diff(sources, _filled_in(found, sources))
                if not _added_by_translator(d)
            ]
    if problems:
        index = doc.line_index()
        for segment, difference in problems:
            yield _finding(doc, index, segment, difference)


def _filled_in(found: list[MarkupToken], sources: list[list[MarkupToken]]) -> list[MarkupToken]:
    """The translation's tokens, each code span or role that writes a source token with
    only its metavariables translated (``<repo>/.hg/hgrc`` → ``<リポジトリ>/.hg/hgrc``,
    :hg:`update REV` → :hg:`update リビジョン`) taken as that token: the code around them is
    kept, and a placeholder the reader replaces may be named in the reader's language."""
    if not any(t.family == "code" or t.family.startswith("role ") for t in found):
        return found
    keys = {t.key for tokens in sources for t in tokens}
    out = []
    for token in found:
        if token.key not in keys and len(token.values) == 1:
            wanted = next((s for tokens in sources for s in tokens
                           if s.shape == token.shape and len(s.values) == 1 and fills_metavariables(s.values[0], token.values[0])), None)
            if wanted is not None:
                token = replace(token, values=wanted.values)
        out.append(token)
    return out


# What the reader replaces in code: a word in angle brackets (<repo>, <install-root>) or
# one written in capitals (REV, NAME, USER@HOST), but not a name the code assigns or
# expands (DEBUG = True, $HOME, %APPDATA%): that is the program's own
_METAVARIABLE = re.compile(
    r"(?<=<)[A-Za-z][\w-]*(?=>)|(?<![\w$%])[A-Z][A-Z0-9_]*[A-Z][A-Z0-9_]*(?![\w%])(?!\s*[=:])"
)


def fills_metavariables(source: str, translation: str) -> bool:
    """Whether `translation` is the code `source` with some of its metavariables written in
    another script and everything else as it was. Code that is a metavariable alone
    (``RESOLVED``) has nothing kept, so it does not count."""
    if len(source) > 300 or translation.isascii():
        return False
    pattern: list[str] = []
    names: list[str] = []
    at = 0
    for m in _METAVARIABLE.finditer(source):
        pattern += [re.escape(source[at : m.start()]), "([^`]+?)"]
        names.append(m.group())
        at = m.end()
    literal = "".join(pattern[::2]) + source[at:]
    if not names or len(names) > 8 or not literal.strip():
        return False
    match = re.fullmatch("".join(pattern) + re.escape(source[at:]), translation)
    return match is not None and all(g == name or not g.isascii() for g, name in zip(match.groups(), names))


def _added_by_translator(d: Difference) -> bool:
    """Markup the translation adds (a cross-reference, a code span) is left alone: on real
    catalogs most such additions are deliberate. Extra tags still count: they must balance."""
    return d.expected is None and isinstance(d.found, MarkupToken) and d.found.shape[0] != "tag"


def _code_span_text(token: MarkupToken) -> str:
    """The text inside a code span (`since`, ``x = 1``), or "" for other markup."""
    text = token.text
    if token.family != "code" or not text.startswith("`"):
        return ""
    ticks = len(text) - len(text.lstrip("`"))
    return text[ticks:-ticks].strip() if len(text) > 2 * ticks else ""


def _finding(doc: Document, index: LineIndex, segment: Segment, d: Difference) -> Finding:
    """The finding for one markup difference in a translation segment."""
    found, expected = d.found, d.expected
    if found is None:
        assert isinstance(expected, MarkupToken)
        span = segment_span(segment, doc.text, 0, 0)
        message = msg("the translation lacks the markup {markup} of the source", markup=expected.text)
        inner = _code_span_text(expected)
        if inner and re.search(rf"(?<![A-Za-z0-9_]){re.escape(inner)}(?![A-Za-z0-9_])", segment.text):
            message = msg("the translation lacks the markup {markup} of the source (it has {inner} without the backquotes)",
                          markup=expected.text, inner=inner)
        return make_finding(RULE, doc.path, index, span, text_prefix(segment.text), expected.text, message)
    assert isinstance(found, MarkupToken)
    span = segment_span(segment, doc.text, found.start, found.end)
    if expected is None:
        message = msg("markup {markup} is not in the source text", markup=found.text)
        return make_finding(RULE, doc.path, index, span, found.text, None, message)
    assert isinstance(expected, MarkupToken)
    message = msg("markup {found} does not match the source's {expected}", found=found.text, expected=expected.text)
    return make_finding(RULE, doc.path, index, span, found.text, corrected(found, expected), message)


RULE = Rule(
    id="markup-mismatch",
    severity=Severity.WARNING,
    summary="A catalog translation's markup differs from its source (HTML tags, code spans, link URLs, RST roles).",
    doc=RuleDoc(
        what=(
            "Compares the HTML/XML tags (and their href/src), Markdown code spans and link "
            "URLs, and RST roles, references and literals of each msgstr with its msgid; "
            "link text, role display text and other attributes may be translated. An entry "
            "whose msgid is a message key (front-text, label_save) has no source to compare."
        ),
        why=(
            "A dropped closing tag, an edited URL or a translated :ref: target breaks the "
            "rendered page or the documentation build, and nobody reads the Japanese "
            "source of the page to notice."
        ),
        example_bad='msgid "See :ref:`the guide <install>` and `pip`."\nmsgstr ":ref:`ガイド <インストール>` と `ピップ` を参照。"',
        example_good='msgid "See :ref:`the guide <install>` and `pip`."\nmsgstr ":ref:`ガイド <install>` と `pip` を参照。"',
    ),
    check_document=check_document,
)
