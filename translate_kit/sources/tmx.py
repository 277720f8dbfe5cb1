"""TMX 1.4 translation memories as bilingual entries.

Each `<tu>` is an entry: its source is the `<tuv>` in the header's `srclang` (or the
run's source language when the header says `*all*`), its translation the `<tuv>` in the
target language (the run's `--lang`, else the first other language in the file). Inline
codes (`<bpt>`, `<ept>`, `<ph>`, `<it>`, `<hi>`) stay as markup; `<note>`s are notes.
"""

from __future__ import annotations

from translate_kit.messages import msg
from translate_kit.model import Document, InputFileError
from translate_kit.sources.units import Unit, build_document
from translate_kit.sources.xmltree import Node, XmlDocument


def parse(text: str, path: str, lang: str | None, source_lang: str) -> Document:
    """Parse a TMX file into entries for one target language."""
    xml = XmlDocument(text, path)
    if xml.root.name != "tmx":
        line = text.count("\n", 0, xml.root.start) + 1
        raise InputFileError(path, msg("not a TMX file: the root element is <{root}>, not <tmx>", root=xml.root.name), line)
    header = xml.root.first("header")
    declared = header.get("srclang") if header is not None else None
    source = declared if declared and declared != "*all*" else source_lang
    tus = list(xml.root.iter("tu"))
    target = _target_language(tus, source, lang)
    units: list[Unit] = []
    for tu in tus:
        variants = {_lang(v): v for v in tu.elements("tuv")}
        src, tgt = _pick(variants, source), _pick(variants, target) if target else None
        if src is None:
            continue
        src_seg, tgt_seg = src.first("seg"), tgt.first("seg") if tgt is not None else None
        if src_seg is None:
            continue
        notes = [xml.content(n, markup=False).text.strip() for n in tu.elements("note")]
        targets = ((xml.content(tgt_seg), None),) if tgt_seg is not None else ()
        units.append(Unit((xml.content(src_seg),), targets, None, "\n".join(n for n in notes if n)))
    return build_document(path, text, units, fmt="tmx", target_lang=target, source_lang=_primary(source), lang=lang)


def _lang(tuv: Node) -> str:
    return (tuv.get("lang") or "").replace("_", "-")


def _primary(tag: str) -> str:
    return tag.replace("_", "-").split("-", 1)[0].lower()


def _pick(variants: dict[str, Node], tag: str) -> Node | None:
    """The variant in language `tag`: exact tag first, then the same primary language."""
    if tag in variants:
        return variants[tag]
    return next((v for t, v in variants.items() if _primary(t) == _primary(tag)), None)


def _target_language(tus: list[Node], source: str, lang: str | None) -> str | None:
    if lang:
        return lang
    for tu in tus:
        for tuv in tu.elements("tuv"):
            tag = _lang(tuv)
            if tag and _primary(tag) != _primary(source):
                return tag
    return None
