"""Qt Linguist `.ts` files as bilingual entries.

Each `<message>` is an entry: `<source>`, `<translation>` (or its `<numerusform>`s for a
`numerus="yes"` message), the disambiguation `<comment>` as context and the
`<extracomment>`/`<translatorcomment>` as notes. `type="unfinished"` translations are
fuzzy; `vanished` and `obsolete` ones are left out. Qt's `%1`, `%L1` and `%n` are
checked as placeholders (`qt-format`). A `.ts` file that is not Qt XML (TypeScript) is
not read.
"""

from __future__ import annotations

from translate_kit.messages import msg
from translate_kit.model import Document, InputFileError
from translate_kit.sources.units import Unit, build_document
from translate_kit.sources.xmltree import element_spans, XmlDocument


def is_qt(text: str) -> bool:
    """Whether a `.ts` file is Qt Linguist XML rather than TypeScript."""
    head = text[:1000].lstrip("\ufeff \t\r\n")
    return head.startswith("<") and "<TS" in head


def parse(text: str, path: str, lang: str | None, source_lang: str) -> Document:
    if not is_qt(text):
        return Document(path=path, text=text, segments=(), lang=None, format="ts")
    xml = XmlDocument(text, path)
    root = xml.root
    if root.name != "TS":
        raise InputFileError(path, msg("not a Qt .ts file: the root element is <{root}>", root=root.name), None)
    units: list[Unit] = []
    for message in root.iter("message"):
        source, translation = message.first("source"), message.first("translation")
        if source is None:
            continue
        kind = translation.get("type") if translation is not None else None
        if kind in ("vanished", "obsolete"):
            continue
        forms = translation.elements("numerusform") if translation is not None else []
        if message.get("numerus") == "yes" and forms:
            targets = tuple((xml.content(f), None) for f in forms)
            sources = (xml.content(source),) * 2
        else:
            targets = ((xml.content(translation), None),) if translation is not None else ()
            sources = (xml.content(source),)
        context_node = message.first("comment")
        context = xml.content(context_node, markup=False).text if context_node is not None else None
        notes = [xml.content(n, markup=False).text.strip() for n in message.elements("extracomment", "translatorcomment")]
        flags = ("qt-format",) + (("fuzzy",) if kind == "unfinished" else ())
        units.append(Unit(sources, targets, context or None, "\n".join(n for n in notes if n), flags))
    return build_document(
        path, text, units, fmt="ts", target_lang=root.get("language"),
        source_lang=(root.get("sourcelanguage") or source_lang).replace("_", "-").split("-")[0], lang=lang,
    )


def source_spans(text: str) -> list[tuple[int, int]]:
    """The source texts of the file, which fixes leave alone."""
    return element_spans(text, ("source", "oldsource"))
