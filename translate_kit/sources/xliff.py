"""XLIFF 1.2 and 2.x (CAT tools, Angular, Xcode exports) as bilingual catalog entries.

Each 1.2 `<trans-unit>` and each 2.x `<segment>` is one entry: source, target, the
unit's notes as its comment. Inline codes (`<x/>`, `<g>`, `<bx/>`, `<ph>`, `<pc>`,
`<sc/>`, `<ec/>`, `<mrk>`) stay in the text as written, so `markup-mismatch` checks that
the translation keeps them. A target whose state asks for work (1.2 `needs-*`/`new`,
2.x `initial`) is "fuzzy": skipped unless --include-fuzzy; `translate="no"` units are
left out.
"""

from __future__ import annotations

from translate_kit.messages import msg
from translate_kit.model import Document, InputFileError
from translate_kit.sources.units import Unit, build_document
from translate_kit.sources.xmltree import element_spans, Node, XmlDocument

_REVIEW_STATES_12 = frozenset({"new", "needs-translation", "needs-adaptation", "needs-l10n",
                               "needs-review-translation", "needs-review-adaptation", "needs-review-l10n"})


def parse(text: str, path: str, lang: str | None, source_lang: str) -> Document:
    """Parse an XLIFF file of either major version."""
    xml = XmlDocument(text, path)
    root = xml.root
    if root.name != "xliff":
        raise InputFileError(path, msg("not an XLIFF file: the root element is <{root}>, not <xliff>", root=root.name), _line(text, root))
    version = root.get("version", "1.2") or "1.2"
    if version.startswith("2"):
        units, target = _units_2x(xml, root), root.get("trgLang")
        source = root.get("srcLang") or source_lang
    else:
        units, target, source = _units_12(xml, root, source_lang)
    return build_document(path, text, units, fmt="xliff", target_lang=target, source_lang=_primary(source), lang=lang)


def _primary(tag: str) -> str:
    return tag.replace("_", "-").split("-", 1)[0].lower() or "en"


def _line(text: str, node: Node) -> int:
    return text.count("\n", 0, node.start) + 1


def _units_12(xml: XmlDocument, root: Node, source_lang: str) -> tuple[list[Unit], str | None, str]:
    units: list[Unit] = []
    target_lang: str | None = None
    source = source_lang
    for file in root.elements("file"):
        target_lang = target_lang or file.get("target-language")
        source = file.get("source-language") or source
        for tu in file.iter("trans-unit"):
            if tu.get("translate") == "no":
                continue
            src, tgt = tu.first("source"), tu.first("target")
            if src is None:
                continue
            flags: tuple[str, ...] = ()
            if tgt is not None and (tgt.get("state") or "") in _REVIEW_STATES_12:
                flags = ("fuzzy",)
            targets = ((xml.content(tgt), None),) if tgt is not None else ()
            notes = [xml.content(n, markup=False).text.strip() for n in tu.elements("note")]
            units.append(Unit((xml.content(src),), targets, None, "\n".join(n for n in notes if n), flags))
    return units, target_lang, source


def _units_2x(xml: XmlDocument, root: Node) -> list[Unit]:
    units: list[Unit] = []
    for unit in root.iter("unit"):
        if unit.get("translate") == "no":
            continue
        notes_node = unit.first("notes")
        notes = [xml.content(n, markup=False).text.strip() for n in notes_node.elements("note")] if notes_node else []
        comment = "\n".join(n for n in notes if n)
        for segment in unit.elements("segment"):
            src, tgt = segment.first("source"), segment.first("target")
            if src is None:
                continue
            flags = ("fuzzy",) if tgt is not None and segment.get("state") == "initial" else ()
            targets = ((xml.content(tgt), None),) if tgt is not None else ()
            units.append(Unit((xml.content(src),), targets, None, comment, flags))
    return units


def source_spans(text: str) -> list[tuple[int, int]]:
    """The source texts of the file, which fixes leave alone."""
    return element_spans(text, ("source", "seg-source"))
