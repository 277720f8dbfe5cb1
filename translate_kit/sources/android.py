"""Android string resources (`res/values*/strings.xml`): `<string>`, `<plurals>` and
`<string-array>`.

Text is read as Android does: XML references resolved, then its backslash escapes (`\\n`,
`\\'`, `\\"`, `\\@`, `\\?`, `\\uXXXX`) and unescaped double quotes (which only keep
whitespace), every character keeping its file offset. Inner markup (`<b>`,
`<xliff:g>`) stays as written, so markup-mismatch checks it. A comment right before an
element is its note (`<!-- translate-kit: ignore -->` silences it);
`translatable="false"` strings are left out; `formatted="false"` switches printf off.
Only files in a `values…` directory are read: other `.xml` files are not string resources.
"""

from __future__ import annotations

import os

from translate_kit.model import Document
from translate_kit.sources.keyed import Keyed, keyed_document
from translate_kit.sources.units import Text
from translate_kit.sources.registry import Escape, Unwritable
from translate_kit.sources.xmltree import XmlDocument, decode_xml, xml_escaper

_ESCAPES = {"n": "\n", "t": "\t", "'": "'", '"': '"', "\\": "\\", "@": "@", "?": "?"}


def parse(
    text: str, path: str, lang: str | None, source_lang: str, *, source_files: tuple[tuple[str, str], ...] = ()
) -> Document:
    """Parse a string resource file; other XML files give an empty document."""
    if not is_resource_path(path):
        return Document(path=path, text=text, segments=(), lang=None, format="android")
    return keyed_document(
        path, text, read(text, path), fmt="android", read=read, decode=decode_xml, lang=lang, source_lang=source_lang,
        source_files=source_files,
    )


def is_resource_path(path: str) -> bool:
    """Whether a path is a file in an Android `values` or `values-…` directory."""
    parent = os.path.basename(os.path.dirname(os.path.normpath(path)))
    return parent == "values" or parent.startswith("values-")


def read(text: str, path: str) -> list[Keyed]:
    """The translatable strings of a resource file."""
    xml = XmlDocument(text, path)
    if xml.root.name != "resources":
        return []
    out: list[Keyed] = []
    for node in xml.root.elements("string", "plurals", "string-array"):
        if node.get("translatable") == "false":
            continue
        name = node.get("name") or ""
        place = xml.attribute(node, "name") or Text.verbatim("", node.start)
        note = "\n".join(xml.content(c, markup=False).text.strip() for c in node.comments_before())
        flags = ("no-java-format",) if node.get("formatted") == "false" else ()
        if node.name == "string":
            out.append(Keyed(name, unescape(xml.content(node)), place, None, note, flags))
        elif node.name == "plurals":
            for item in node.elements("item"):
                category = item.get("quantity")
                out.append(Keyed(name, unescape(xml.content(item)), place, category, note, flags))
        else:
            for i, item in enumerate(node.elements("item")):
                out.append(Keyed(f"{name}[{i}]", unescape(xml.content(item)), place, None, note, flags))
    return out


def unescape(t: Text) -> Text:
    """Android's escapes and quotes resolved; surrounding whitespace dropped."""
    s, offsets = t.text, t.offsets
    if "\\" not in s and '"' not in s:
        return t.strip()
    chars: list[str] = []
    where: list[int] = []
    i = 0
    while i < len(s):
        c = s[i]
        if c == "\\" and i + 1 < len(s):
            nxt = s[i + 1]
            if nxt == "u" and i + 6 <= len(s):
                try:
                    chars.append(chr(int(s[i + 2 : i + 6], 16)))
                    where.append(offsets[i])
                    i += 6
                    continue
                except ValueError:
                    pass
            chars.append(_ESCAPES.get(nxt, nxt))
            where.append(offsets[i])
            i += 2
            continue
        if c == '"' and not _in_tag(s, i):
            i += 1  # a quote only keeps whitespace
            continue
        chars.append(c)
        where.append(offsets[i])
        i += 1
    where.append(offsets[-1])
    return Text("".join(chars), tuple(where)).strip()


def _in_tag(s: str, i: int) -> bool:
    """Whether position i lies inside a `<…>` tag (an attribute's quotes are kept)."""
    lt, gt = s.rfind("<", 0, i), s.rfind(">", 0, i)
    return lt > gt


_WRITTEN = {"\\": "\\\\", "'": "\\'", '"': '\\"', "\n": "\\n", "\t": "\\t"}


def escaper(text: str, path: str) -> Escape:
    """How a value is written at an offset of a string resource: Android's backslash
    escapes (`\\'`, `\\"`, `\\n`, `\\@` or `\\?` opening a string), then XML's."""
    xml = xml_escaper(text, path)

    def escape(value: str, offset: int) -> str:
        if "  " in value or "\r" in value:
            raise Unwritable("Android collapses runs of spaces outside quotes")
        out = "".join(_WRITTEN.get(c, c) for c in value)
        if out[:1] in ("@", "?") and text[offset - 1 : offset] == ">":
            out = "\\" + out  # a leading @ or ? would make the string a reference
        return xml(out, offset)

    return escape
