"""gettext PO glossaries: one entry per concept, msgid the source term, msgstr the target term.

Reading: the source language is `source_lang`, else the `X-Source-Language` header, else
en; the target language is `target_lang`, else the `Language` header. msgctxt is the
concept id (else a unique slug of msgid); the translator comment (`# ...`) is the note;
msgid and msgstr are preferred terms (a fuzzy msgstr is only admitted; an empty one
gives no term; obsolete entries are skipped). Extracted comments (`#. ...`) may carry:

    #. type: person                  the concept type (default term)
    #. term: ja deprecated ユーザ    any further term: language, status, text
    #. msgid-status: admitted        status of the msgid term when not preferred
    #. msgstr-status: deprecated     status of the msgstr term when not preferred

Other extracted comment lines are ignored. Writing (two-language glossaries only) uses
the same layout: msgctxt = id, msgid = the preferred (else first) source term, msgstr =
the preferred (else first, else no) target term, every other term as a `term:` line.
Notes go through translator comments, which polib strips at line ends: trailing spaces
inside a note's lines do not survive.
"""

from __future__ import annotations

import re
from typing import IO

import polib

from translate_kit.glossary.model import CONCEPT_TYPES, STATUSES, Concept, Glossary, Term, TakenIds, languages_of, norm_lang, slug, unique_id
from translate_kit.messages import msg
from translate_kit.model import InputFileError
from translate_kit.sources.po import check_syntax

DEFAULT_SOURCE = "en"
_POLIB_LINE = re.compile(r"\(line (\d+)\)")


class _Lines(str):
    """Catalog text that polib never mistakes for a file name and splits at LF only."""

    def splitlines(self, keepends: bool = False) -> list[str]:  # type: ignore[override]
        return str.split(self, "\n")


def load(
    stream: IO[str], *, path: str, source_lang: str | None = None, target_lang: str | None = None, strict: bool = True
) -> Glossary:
    """Read a PO glossary; a missing target language, and when strict an unknown type or status, is an input error."""
    text = stream.read()
    if text.startswith("\ufeff"):
        text = text[1:]
    catalog = _parse(text, path)
    source = source_lang or catalog.metadata.get("X-Source-Language", "").strip() or DEFAULT_SOURCE
    target = target_lang or catalog.metadata.get("Language", "").strip()
    if not target:
        raise InputFileError(path, msg("no Language header: cannot tell the target language"), 1)
    entries = [e for e in catalog if not e.obsolete and e.msgid]
    taken = TakenIds(e.msgctxt for e in entries if e.msgctxt)
    concepts = []
    for entry in entries:
        concept_id = entry.msgctxt or unique_id(slug(entry.msgid), taken)
        concepts.append(_concept(entry, concept_id, source, target, path, strict))
    result = tuple(concepts)
    return Glossary(result, path, languages_of(result))


def _parse(text: str, path: str) -> polib.POFile:
    """Run polib over the text; its syntax errors become input errors, and so do those
    it reads past (an unterminated string at the end) that the catalog loader refuses."""
    check_syntax(text, path)
    try:
        return polib.pofile(_Lines(text + "\n"))
    except (OSError, ValueError, KeyError, IndexError) as exc:
        match = _POLIB_LINE.search(str(exc))
        raise InputFileError(path, msg("malformed PO: syntax error"), int(match.group(1)) if match else None) from None


def _concept(entry: polib.POEntry, concept_id: str, source: str, target: str, path: str, strict: bool) -> Concept:
    """One concept from one entry and its extracted-comment lines."""
    line = entry.linenum
    ctype = "term"
    statuses = {"msgid": "preferred", "msgstr": "preferred"}
    extra: list[Term] = []
    for raw in (entry.comment or "").split("\n"):
        key, _, value = raw.partition(":")
        key, value = key.strip(), value.strip()
        if key == "type":
            ctype = _checked(value, CONCEPT_TYPES, "type", path, line, strict)
        elif key in ("msgid-status", "msgstr-status"):
            statuses[key.split("-")[0]] = _checked(value, STATUSES, "status", path, line, strict)
        elif key == "term":
            parts = value.split(None, 2)
            if len(parts) < 3:
                if strict:
                    raise InputFileError(path, msg("malformed term comment {comment} (use: term: LANG STATUS TEXT)", comment=repr(raw.strip())), line)
                continue
            extra.append(Term(parts[2], parts[0], _checked(parts[1], STATUSES, "status", path, line, strict), line))
    if "fuzzy" in entry.flags and statuses["msgstr"] == "preferred":
        statuses["msgstr"] = "admitted"
    msgstr = entry.msgstr_plural.get(0, "") if entry.msgid_plural else entry.msgstr
    terms = [Term(entry.msgid, source, statuses["msgid"], line)]
    if msgstr:
        terms.append(Term(msgstr, target, statuses["msgstr"], line))
    return Concept(concept_id, ctype, entry.tcomment or "", tuple(terms + extra), line, path)


def _checked(value: str, allowed: tuple[str, ...], what: str, path: str, line: int, strict: bool) -> str:
    """`value` when allowed; unknown values raise when strict and are kept otherwise."""
    if strict and value not in allowed:
        raise InputFileError(path, msg("unknown {what} {value} (use {allowed})", what=what, value=repr(value), allowed=', '.join(allowed)), line)
    return value


def dump(glossary: Glossary, stream: IO[str], *, source_lang: str | None = None) -> None:
    """Write a two-language glossary as PO (source en unless `source_lang`); other glossaries are an input error."""
    source, target = _languages(glossary, source_lang or DEFAULT_SOURCE)
    catalog = polib.POFile(wrapwidth=0)
    catalog.header = "Glossary written by translate_kit: one entry per concept, msgctxt = concept id."
    catalog.metadata = {
        "Project-Id-Version": "glossary",
        "Language": target,
        "X-Source-Language": source,
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "X-Generator": "translate_kit",
    }
    seen: set[str] = set()
    for concept in glossary.concepts:
        where = concept.path or glossary.path
        if concept.id in seen:
            raise InputFileError(where, msg("duplicate concept id {id} cannot be written as PO", id=repr(concept.id)), concept.line)
        seen.add(concept.id)
        catalog.append(_entry(concept, source, target, where))
    stream.write(str(catalog))
    stream.write("\n")


def _languages(glossary: Glossary, source: str) -> tuple[str, str]:
    """The glossary's (source, target) tags as written in it; anything but two languages is an error."""
    langs = list(dict.fromkeys(t.lang for c in glossary.concepts for t in c.terms))
    distinct = {norm_lang(lang) for lang in langs}
    if len(distinct) != 2:
        found = ", ".join(langs) or "none"
        raise InputFileError(glossary.path, msg("PO export needs a glossary in exactly two languages; found: {found}", found=found))
    sources = [lang for lang in langs if norm_lang(lang) == norm_lang(source)]
    if not sources:
        raise InputFileError(glossary.path, msg("source language {source} is not in the glossary (languages: {languages})", source=source, languages=', '.join(langs)))
    targets = [lang for lang in langs if norm_lang(lang) != norm_lang(source)]
    return sources[0], targets[0]


def _entry(concept: Concept, source: str, target: str, where: str) -> polib.POEntry:
    """The PO entry for one concept; terms beyond msgid and msgstr go into `term:` comments."""
    if concept.type not in CONCEPT_TYPES:
        raise InputFileError(where, msg("unknown type {type} cannot be written as PO", type=repr(concept.type)), concept.line)
    for term in concept.terms:
        problem = (
            "is empty" if not term.text.strip()
            else "spans lines" if "\n" in term.text or "\r" in term.text
            else "has surrounding spaces" if term.text != term.text.strip()
            else f"has unknown status {term.status!r}" if term.status not in STATUSES
            else ""
        )
        if problem:
            raise InputFileError(where, msg("term {text} of concept {id} {problem}; PO glossaries cannot hold it", text=repr(term.text), id=repr(concept.id), problem=problem), term.line or concept.line)
    src = [t for t in concept.terms if norm_lang(t.lang) == norm_lang(source)]
    tgt = [t for t in concept.terms if norm_lang(t.lang) == norm_lang(target)]
    if not src:
        raise InputFileError(where, msg("concept {id} has no {source} term; a PO entry needs a msgid", id=repr(concept.id), source=source), concept.line)
    msgid = next((t for t in src if t.status == "preferred"), src[0])
    msgstr = next((t for t in tgt if t.status == "preferred"), tgt[0] if tgt else None)
    comments = [] if concept.type == "term" else [f"type: {concept.type}"]
    if msgid.status != "preferred":
        comments.append(f"msgid-status: {msgid.status}")
    if msgstr is not None and msgstr.status != "preferred":
        comments.append(f"msgstr-status: {msgstr.status}")
    comments += [f"term: {t.lang} {t.status} {t.text}" for t in concept.terms if t is not msgid and t is not msgstr]
    return polib.POEntry(
        msgctxt=concept.id,
        msgid=msgid.text,
        msgstr=msgstr.text if msgstr else "",
        tcomment=concept.note,
        comment="\n".join(comments),
    )
