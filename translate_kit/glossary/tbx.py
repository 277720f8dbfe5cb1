"""TBX glossaries (ISO 30042): read TBX-Basic v2 (`<martif>`) and TBX v3 (`<tbx>`), write TBX v3.

Written files are TBX v3, dialect TBX-Basic, DCA style: they validate against the core
structure schema TBXcoreStructV03.rng (`tbx/tbxHeader/text/body/conceptEntry/langSec/
termSec`). Mapping, the same both ways:

- concept id: `conceptEntry/@id` (v2: `termEntry/@id`). An id must be an XML NCName, so a
  character that cannot stand where it is is written `_xHHHH_` (the .NET XmlConvert
  convention), as is a `_` that would otherwise read as such an escape; reading decodes
  them. A missing id (allowed in v2) becomes a slug of the entry's first term.
- concept type: `<descrip type="subjectField">` on the concept, holding person,
  organization, product or place (omitted for `term`). A subject field holding anything
  else ("Computing") is a real subject field, not ours: it is ignored and the type is
  `term`. Terms of those four types also get `<termNote type="partOfSpeech">properNoun`
  for other tools; it is ignored when reading.
- concept note: `<note>` children of the concept (several are joined with newlines);
  notes on languages or terms and definitions are not read.
- term status: `<termNote type="administrativeStatus">` preferredTerm-admn-sts,
  admittedTerm-admn-sts, deprecatedTerm-admn-sts. Also read: supersededTerm-admn-sts as
  deprecated; `normativeAuthorization` preferredTerm, admittedTerm, deprecatedTerm,
  supersededTerm (deprecated), standardizedTerm, legalTerm, regulatedTerm (preferred);
  our own words preferred/admitted/deprecated. No status means admitted.
- term and note text is stripped of surrounding white space when read.

Reading uses defusedxml: any entity declaration (the billion-laughs and XXE shapes) or
external reference is refused before anything is expanded or fetched. A DOCTYPE without
entities, as Trados and MultiTerm write (`<!DOCTYPE martif SYSTEM "TBXcoreStructV02.dtd">`),
is accepted and never loaded; a reference to an undeclared entity is an error.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from typing import IO, Iterator
from xml.sax import SAXParseException
from xml.sax.handler import ContentHandler
from xml.sax.xmlreader import InputSource, Locator

from defusedxml import DefusedXmlException, EntitiesForbidden, ExternalReferenceForbidden
from defusedxml.expatreader import DefusedExpatParser

from translate_kit.limits import MAX_NESTING
from translate_kit.glossary.model import CONCEPT_TYPES, STATUSES, Concept, Glossary, TakenIds, Term, languages_of, slug, unique_id
from translate_kit.messages import msg
from translate_kit.model import InputFileError

NAMESPACE = "urn:iso:std:iso:30042:ed-2"
STATUS_VALUES = {  # written value per status
    "preferred": "preferredTerm-admn-sts",
    "admitted": "admittedTerm-admn-sts",
    "deprecated": "deprecatedTerm-admn-sts",
}
_READ_STATUS = {
    **{value: status for status, value in STATUS_VALUES.items()},
    "supersededTerm-admn-sts": "deprecated",
    "preferredTerm": "preferred",
    "admittedTerm": "admitted",
    "deprecatedTerm": "deprecated",
    "supersededTerm": "deprecated",
    "standardizedTerm": "preferred",
    "legalTerm": "preferred",
    "regulatedTerm": "preferred",
    **{status: status for status in STATUSES},
}
_STATUS_NOTES = ("administrativeStatus", "normativeAuthorization")
_PROPER_NOUN_TYPES = ("person", "organization", "product", "place")

# XML 1.0 (fifth edition) NameStartChar minus ':' and NameChar, for NCName ids.
_START = (
    "A-Z_a-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u02ff\u0370-\u037d\u037f-\u1fff\u200c-\u200d"
    "\u2070-\u218f\u2c00-\u2fef\u3001-\ud7ff\uf900-\ufdcf\ufdf0-\ufffd\U00010000-\U000effff"
)
_START_CHAR = re.compile(f"[{_START}]")
_NAME_CHAR = re.compile(f"[{_START}\\-.0-9\u00b7\u0300-\u036f\u203f-\u2040]")
_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4}|[0-9A-Fa-f]{8})_")
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_LANGUAGE = re.compile(r"[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*")  # xsd:language


def encode_id(concept_id: str) -> str:
    """A concept id as an XML NCName: impossible characters (and escape-like `_`) as _xHHHH_."""
    out = []
    for i, ch in enumerate(concept_id):
        allowed = _START_CHAR.fullmatch(ch) if i == 0 else _NAME_CHAR.fullmatch(ch)
        if ch == "_" and _ESCAPE.match(concept_id, i):
            allowed = None
        out.append(ch if allowed else f"_x{ord(ch):04X}_" if ord(ch) <= 0xFFFF else f"_x{ord(ch):08X}_")
    return "".join(out)


def decode_id(xml_id: str) -> str:
    """The concept id an encode_id() result stands for."""
    return _ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), xml_id)


# ---------------------------------------------------------------------------- reading


@dataclass
class _Node:
    """An element as read: local name, attributes, start line and mixed content."""

    tag: str
    attrs: dict[str, str]
    line: int
    content: list["_Node | str"] = field(default_factory=list)

    def children(self, *tags: str) -> Iterator["_Node"]:
        """Child elements, only those named `tags` when given."""
        return (c for c in self.content if isinstance(c, _Node) and (not tags or c.tag in tags))

    def descendants(self, *tags: str) -> Iterator["_Node"]:
        """Descendant elements named `tags`, in document order."""
        for child in self.children():
            if child.tag in tags:
                yield child
            yield from child.descendants(*tags)

    def text(self) -> str:
        """All text inside the element (through <hi> and the like), stripped."""
        return "".join(c if isinstance(c, str) else c.text() for c in self.content).strip()


class _UndefinedEntity(Exception):
    """An entity reference with no declaration (left unexpanded by expat)."""


class _TooDeep(Exception):
    """Elements nested deeper than MAX_NESTING (the tree is walked recursively)."""


class _TreeBuilder(ContentHandler):
    """SAX handler that builds _Node trees with line numbers."""

    def __init__(self) -> None:
        super().__init__()
        self.root: _Node | None = None
        self.stack: list[_Node] = []
        self.locator: Locator | None = None

    def setDocumentLocator(self, locator: Locator) -> None:
        self.locator = locator

    def line(self) -> int | None:
        return self.locator.getLineNumber() if self.locator else None

    def startElement(self, name: str, attrs) -> None:
        node = _Node(name.rsplit(":", 1)[-1], dict(attrs), self.line() or 0)
        if self.stack:
            self.stack[-1].content.append(node)
        else:
            self.root = node
        self.stack.append(node)
        if len(self.stack) > MAX_NESTING:
            raise _TooDeep()

    def endElement(self, name: str) -> None:
        self.stack.pop()

    def characters(self, content: str) -> None:
        if self.stack:
            self.stack[-1].content.append(content)

    def skippedEntity(self, name: str) -> None:
        raise _UndefinedEntity(name)


class _Parser(DefusedExpatParser):
    """defusedxml's SAX parser that also accepts, without loading it, a DOCTYPE's external DTD."""

    def defused_external_entity_ref_handler(self, context, base, sysid, pubid):  # noqa: ANN001 - expat callback
        if context is None:  # the external DTD subset: skipped, never fetched
            return 1
        return super().defused_external_entity_ref_handler(context, base, sysid, pubid)


def _parse(text: str, path: str) -> _Node:
    """Parse XML text with defusedxml into a _Node tree; unsafe or malformed input is an input error."""
    handler = _TreeBuilder()
    parser = _Parser(forbid_dtd=False, forbid_entities=True, forbid_external=True)
    parser.setContentHandler(handler)
    source = InputSource(path)
    source.setCharacterStream(io.StringIO(text))
    try:
        parser.parse(source)
    except SAXParseException as exc:
        raise InputFileError(path, msg("malformed XML: {reason}", reason=exc.getMessage()), exc.getLineNumber()) from None
    except EntitiesForbidden as exc:
        raise InputFileError(
            path, msg("entity declaration {name} refused: TBX files may not declare entities (nothing was expanded)", name=repr(exc.name)), handler.line()
        ) from None
    except ExternalReferenceForbidden:
        raise InputFileError(path, msg("external entity reference refused (nothing was fetched)"), handler.line()) from None
    except DefusedXmlException as exc:
        raise InputFileError(path, msg("unsafe XML refused: {reason}", reason=str(exc)), handler.line()) from None
    except _UndefinedEntity as exc:
        raise InputFileError(path, msg("undefined entity &{reason}; (entities are not expanded)", reason=str(exc)), handler.line()) from None
    except _TooDeep:
        raise InputFileError(path, msg("elements nested deeper than {levels} levels", levels=MAX_NESTING), handler.line()) from None
    if handler.root is None:
        raise InputFileError(path, msg("no root element"), 1)
    return handler.root


def load(stream: IO[str], *, path: str, strict: bool = True) -> Glossary:
    """Read a TBX glossary; when strict, an unknown term status or a language section without a language is an input error."""
    root = _parse(stream.read(), path)
    if root.tag not in ("martif", "tbx"):
        raise InputFileError(path, msg("not a TBX file: the root element is <{tag}>, expected <martif> or <tbx>", tag=root.tag), root.line)
    entries = list(root.descendants("termEntry", "conceptEntry"))
    ids = [decode_id(e.attrs.get("id", "").strip()) for e in entries]
    taken = TakenIds(i for i in ids if i)
    concepts = []
    for entry, concept_id in zip(entries, ids):
        terms = tuple(_terms(entry, path, strict))
        if not concept_id:
            concept_id = unique_id(slug(next((t.text for t in terms if t.text), "")), taken)
        ctype, note = _type_and_note(entry)
        concepts.append(Concept(concept_id, ctype, note, terms, entry.line, path))
    result = tuple(concepts)
    return Glossary(result, path, languages_of(result))


def _type_and_note(entry: _Node) -> tuple[str, str]:
    """The concept type (from a subjectField naming one of ours) and the joined concept notes."""
    ctype = "term"
    notes = []
    for child in entry.children():
        descrips = [child] if child.tag == "descrip" else list(child.children("descrip")) if child.tag == "descripGrp" else []
        for descrip in descrips:
            if descrip.attrs.get("type") == "subjectField" and descrip.text() in CONCEPT_TYPES:
                ctype = descrip.text()
        if child.tag == "note" and child.text():
            notes.append(child.text())
    return ctype, "\n".join(notes)


def _terms(entry: _Node, path: str, strict: bool) -> Iterator[Term]:
    """The terms of one entry, language by language."""
    for lang_node in entry.children("langSet", "langSec"):
        lang = (lang_node.attrs.get("xml:lang") or lang_node.attrs.get("lang") or "").strip()
        if strict and not lang:
            raise InputFileError(path, msg("<{tag}> without xml:lang", tag=lang_node.tag), lang_node.line)
        for holder in lang_node.descendants("tig", "ntig", "termSec"):
            term = next(holder.descendants("term"), None)
            yield Term(term.text() if term else "", lang, _status(holder, path, strict), term.line if term else holder.line)


def _status(holder: _Node, path: str, strict: bool) -> str:
    """The status of the term in a tig/ntig/termSec: its first status termNote, else admitted."""
    for note in holder.descendants("termNote"):
        if note.attrs.get("type") in _STATUS_NOTES:
            value = note.text()
            status = _READ_STATUS.get(value)
            if status is None and strict:
                raise InputFileError(path, msg("unknown {what} {value} (use {allowed})", what=note.attrs['type'], value=repr(value), allowed=', '.join(STATUS_VALUES.values())), note.line)
            return status or value
    return "admitted"


# ---------------------------------------------------------------------------- writing

_Element = tuple[str, dict[str, str], "str | list[_Element]"]


def dump(glossary: Glossary, stream: IO[str]) -> None:
    """Write a TBX v3 (TBX-Basic, DCA) glossary; contents TBX cannot hold are an input error."""
    _check_writable(glossary)
    langs = [_xml_lang(t.lang) for c in glossary.concepts for t in c.terms]
    source = "en" if "en" in langs else langs[0] if langs else "und"
    header: _Element = ("tbxHeader", {}, [("fileDesc", {}, [("sourceDesc", {}, [("p", {}, "Written by translate_kit")])])])
    body: list[_Element] = [_concept(c) for c in glossary.concepts]
    text: _Element = ("text", {}, [("body", {}, body)] if body else [])
    root: _Element = ("tbx", {"xmlns": NAMESPACE, "type": "TBX-Basic", "style": "dca", "xml:lang": source}, [header, text])
    stream.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    _render(root, 0, stream)


def _check_writable(glossary: Glossary) -> None:
    """Refuse duplicate ids, unknown statuses, bad language tags and characters XML cannot hold."""
    seen: dict[str, Concept] = {}
    for c in glossary.concepts:
        where = c.path or glossary.path
        if not c.id:
            raise InputFileError(where, msg("a concept without an id cannot be written as TBX"), c.line)
        if c.id in seen:
            raise InputFileError(where, msg("duplicate concept id {id} cannot be written as TBX (ids must be unique)", id=repr(c.id)), c.line)
        seen[c.id] = c
        if c.type not in CONCEPT_TYPES:
            raise InputFileError(where, msg("unknown type {type} cannot be written as TBX", type=repr(c.type)), c.line)
        if not c.terms:
            raise InputFileError(where, msg("concept {id} has no terms; a TBX concept needs at least one", id=repr(c.id)), c.line)
        for t in c.terms:
            if t.status not in STATUS_VALUES:
                raise InputFileError(where, msg("unknown status {status} cannot be written as TBX", status=repr(t.status)), t.line or c.line)
            if not _LANGUAGE.fullmatch(_xml_lang(t.lang)):
                raise InputFileError(where, msg("language {lang} is not a language tag", lang=repr(t.lang)), t.line or c.line)
        for text in (c.id, c.note, *(t.text for t in c.terms)):
            bad = _NOT_XML.search(text)
            if bad:
                raise InputFileError(where, msg("character U+{code} in concept {id} cannot be written as XML", code=format(ord(bad.group()), "04X"), id=repr(c.id)), c.line)


def _xml_lang(lang: str) -> str:
    """A language tag as xml:lang wants it (pt_BR -> pt-BR)."""
    return lang.strip().replace("_", "-")


def _concept(c: Concept) -> _Element:
    """One conceptEntry: type, note, then one langSec per language in order of appearance."""
    children: list[_Element] = []
    if c.type != "term":
        children.append(("descrip", {"type": "subjectField"}, c.type))
    if c.note:
        children.append(("note", {}, c.note))
    by_lang: dict[str, list[Term]] = {}
    for t in c.terms:
        by_lang.setdefault(_xml_lang(t.lang), []).append(t)
    for lang, terms in by_lang.items():
        secs: list[_Element] = []
        for t in terms:
            notes: list[_Element] = [("term", {}, t.text), ("termNote", {"type": "administrativeStatus"}, STATUS_VALUES[t.status])]
            if c.type in _PROPER_NOUN_TYPES:
                notes.append(("termNote", {"type": "partOfSpeech"}, "properNoun"))
            secs.append(("termSec", {}, notes))
        children.append(("langSec", {"xml:lang": lang}, secs))
    return ("conceptEntry", {"id": encode_id(c.id)}, children)


def _render(element: _Element, depth: int, stream: IO[str]) -> None:
    """Write an element, indented; text-only elements stay on one line with their text untouched."""
    tag, attrs, content = element
    pad = "  " * depth
    attributes = "".join(f' {name}="{_escape(value, attribute=True)}"' for name, value in attrs.items())
    if isinstance(content, str):
        stream.write(f"{pad}<{tag}{attributes}>{_escape(content)}</{tag}>\n")
    elif not content:
        stream.write(f"{pad}<{tag}{attributes}/>\n")
    else:
        stream.write(f"{pad}<{tag}{attributes}>\n")
        for child in content:
            _render(child, depth + 1, stream)
        stream.write(f"{pad}</{tag}>\n")


def _escape(text: str, attribute: bool = False) -> str:
    """Escape for XML text or a double-quoted attribute; CR is kept as &#13; so it survives parsing."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#13;")
    if attribute:
        text = text.replace('"', "&quot;").replace("\n", "&#10;").replace("\t", "&#9;")
    return text
