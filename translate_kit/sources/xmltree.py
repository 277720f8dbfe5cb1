"""XML with exact positions: defusedxml validates, a small scanner records offsets.

defusedxml (expat with entity expansion, external entities and DTD tricks refused) decides
whether a file is well-formed XML and gives the line of an error. Once it is, a scanner
over the decoded text builds a light tree whose elements know where their tags and
content lie, and whose text is decoded (entities, character references, CDATA) with the
file offset of every character, so a finding points into the file exactly.
"""

from __future__ import annotations

import re
import weakref
from bisect import bisect_right
from dataclasses import dataclass, field

from defusedxml import DefusedXmlException
from defusedxml import ElementTree as SafeET

from translate_kit.messages import msg
from translate_kit.model import InputFileError
from translate_kit.sources.decode import decode, encode_as_read, encoding_problem, sniff_bom, written_in_utf8
from translate_kit.sources.registry import Escape, Unwritable
from translate_kit.sources.units import Text

_DECLARED = re.compile(rb"""^<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._:-]+)["']""")
_NAME = r"[^\s/>=]+"
_ATTR = re.compile(r"""(%s)\s*=\s*(?:"([^"]*)"|'([^']*)')""" % _NAME)
_OPEN = re.compile(r"<(%s)((?:\s+%s\s*=\s*(?:\"[^\"]*\"|'[^']*'))*)\s*(/?)>" % (_NAME, _NAME))
_CLOSE = re.compile(r"</(%s)\s*>" % _NAME)
_ENTITY = re.compile(r"&(?:#(\d+)|#x([0-9A-Fa-f]+)|(lt|gt|amp|quot|apos));")
_NAMED = {"lt": "<", "gt": ">", "amp": "&", "quot": '"', "apos": "'"}


def decode_xml(data: bytes, path: str, encoding: str | None = None) -> str:
    """XML bytes to text: a BOM wins, then the declaration's encoding, then UTF-8."""
    if sniff_bom(data) is None:
        m = _DECLARED.match(data.lstrip())
        if m:
            name = m.group(1).decode("ascii")
            problem = encoding_problem(name)
            if problem is None and b"<?xml".decode(name, "replace") != "<?xml":  # UTF-16, UTF-32 without their mark
                problem = msg("the declaration names {name}, but is not written in it (save the file with a byte order mark, or declare UTF-8)",
                              name=repr(name))
            elif problem is None and written_in_utf8(data, name):
                problem = msg("the declaration names {name}, but the file is written in UTF-8 (declare UTF-8)", name=repr(name))
            if problem is not None:  # on the declaration's line, as a catalog's charset is
                raise InputFileError(path, problem, data.count(b"\n", 0, len(data) - len(data.lstrip())) + 1)
            return decode(data, path, encoding=name)
    return decode(data, path)


def encode_xml(text: str, original: bytes, encoding: str | None = None) -> bytes:
    """`text` as bytes the way `decode_xml` read `original`: its BOM, else the
    declaration's encoding, else UTF-8."""
    if sniff_bom(original) is None:
        m = _DECLARED.match(original.lstrip())
        if m:
            return text.encode(m.group(1).decode("ascii"))
    return encode_as_read(text, original)


@dataclass(eq=False)
class Node:
    """An element (or a comment, `name` "#comment") with the offsets of its parts."""

    name: str  # local name, namespace prefix removed
    start: int  # offset of "<"
    end: int = -1  # offset after the end tag (or the empty tag)
    inner_start: int = -1  # offset after the start tag
    inner_end: int = -1  # offset of the end tag ("<" of "</name>")
    attrs: dict[str, str] = field(default_factory=dict)
    attr_starts: dict[str, int] = field(default_factory=dict)  # offset of each value's first character
    children: list["Node"] = field(default_factory=list)
    # the element this one is inside, held weakly: a tree is freed when its root is, without
    # the cycle collector (a large XLIFF file is hundreds of thousands of nodes)
    parent_ref: "weakref.ReferenceType[Node] | None" = field(default=None, repr=False)
    index: int = 0  # place among the parent's children

    @property
    def parent(self) -> "Node | None":
        """The element this one is inside (None for the root)."""
        return self.parent_ref() if self.parent_ref is not None else None

    def get(self, name: str, default: str | None = None) -> str | None:
        """An attribute's value by local name (`xml:lang` is `lang`)."""
        return self.attrs.get(name, default)

    def elements(self, *names: str) -> list["Node"]:
        """Child elements, only those with one of `names` when given."""
        return [c for c in self.children if c.name != "#comment" and (not names or c.name in names)]

    def first(self, name: str) -> "Node | None":
        return next((c for c in self.children if c.name == name), None)

    def iter(self, *names: str):
        """This element and its descendants in document order, filtered by name."""
        stack = [self]
        while stack:
            node = stack.pop()
            if node.name != "#comment" and (not names or node.name in names):
                yield node
            stack.extend(reversed(node.children))

    def comments_before(self) -> list["Node"]:
        """The comments right before this element among its siblings (no element between)."""
        if self.parent is None:
            return []
        siblings = self.parent.children
        found = []
        i = self.index - 1
        while i >= 0 and siblings[i].name == "#comment":
            found.append(siblings[i])
            i -= 1
        return found[::-1]


class XmlDocument:
    """A parsed XML file: its text and root element."""

    def __init__(self, text: str, path: str) -> None:
        self.text = text
        self.path = path
        validate(text, path)
        self.root = _scan(text)

    def content(self, node: Node, *, markup: bool = True) -> Text:
        """The node's content decoded, with child tags kept as written (`markup`) or left
        out, comments and processing instructions dropped."""
        if node.inner_start < 0:
            return Text("", (node.end,))
        return self.decode_span(node.inner_start, node.inner_end, markup=markup)

    def attribute(self, node: Node, name: str) -> Text | None:
        """An attribute's value decoded, with offsets."""
        if name not in node.attr_starts:
            return None
        start = node.attr_starts[name]
        end = self.text.index(self.text[start - 1], start)
        return self.decode_span(start, end, markup=False)

    def decode_span(self, start: int, end: int, *, markup: bool) -> Text:
        """Decode text[start:end]: entities and CDATA resolved, tags kept or dropped."""
        text = self.text
        chars: list[str] = []
        offsets: list[int] = []
        pos = start
        while pos < end:
            lt = text.find("<", pos, end)
            stop = end if lt == -1 else lt
            _unescape(text, pos, stop, chars, offsets)
            if lt == -1:
                break
            if text.startswith("<![CDATA[", lt):
                close = text.index("]]>", lt)
                chars.append(text[lt + 9 : close])
                offsets.extend(range(lt + 9, close))
                pos = close + 3
                continue
            if text.startswith("<!--", lt):
                pos = text.index("-->", lt) + 3
                continue
            if text.startswith("<?", lt):
                pos = text.index("?>", lt) + 2
                continue
            close = _tag_end(text, lt)
            if markup:
                chars.append(text[lt:close])
                offsets.extend(range(lt, close))
            pos = close
        offsets.append(end)
        return Text("".join(chars), tuple(offsets))


def validate(text: str, path: str) -> None:
    """Raise InputFileError (one line, with the line) unless defusedxml accepts the text."""
    try:
        SafeET.fromstring(_without_declaration(text))
    except SafeET.ParseError as exc:
        line, column = getattr(exc, "position", (None, 0))
        reason = str(exc).split(": line", 1)[0]
        raise InputFileError(path, msg("malformed XML: {reason} (column {column})", reason=reason, column=column + 1), line) from None
    except DefusedXmlException as exc:
        at = max(text.find("<!ENTITY"), text.find("<!DOCTYPE"))
        line = text.count("\n", 0, at) + 1 if at != -1 else None
        message = msg("refused XML: entity and DTD tricks are not read ({kind}, defusedxml)", kind=type(exc).__name__)
        raise InputFileError(path, message, line) from None


def _without_declaration(text: str) -> str:
    """The text with its encoding declaration blanked (the text is decoded already);
    lines and columns stay where they are."""
    if text.startswith("<?xml"):
        end = text.find("?>")
        if end != -1:
            return " " * (end + 2) + text[end + 2 :]
    return text


def _tag_end(text: str, lt: int) -> int:
    """Offset after the tag starting at `lt` (quoted attribute values may hold ">")."""
    m = _OPEN.match(text, lt) or _CLOSE.match(text, lt)
    return m.end() if m else text.index(">", lt) + 1


def _unescape(text: str, start: int, end: int, chars: list[str], offsets: list[int]) -> None:
    """Append text[start:end] with entity and character references resolved."""
    pos = start
    while pos < end:
        amp = text.find("&", pos, end)
        stop = end if amp == -1 else amp
        chars.append(text[pos:stop])
        offsets.extend(range(pos, stop))
        if amp == -1:
            return
        m = _ENTITY.match(text, amp, end)
        if m is None:  # defusedxml accepted it, so this cannot happen; keep the character
            chars.append("&")
            offsets.append(amp)
            pos = amp + 1
            continue
        dec, hexa, named = m.groups()
        chars.append(chr(int(dec)) if dec else chr(int(hexa, 16)) if hexa else _NAMED[named])
        offsets.append(amp)
        pos = m.end()


def _local(name: str) -> str:
    return name.rsplit(":", 1)[-1]


def _scan(text: str) -> Node:
    """The element tree of well-formed XML text, with offsets."""
    document = Node("#document", 0)
    stack = [document]
    pos = 0
    n = len(text)
    while pos < n:
        lt = text.find("<", pos)
        if lt == -1:
            break
        if text.startswith("<!--", lt):
            close = text.index("-->", lt + 4)
            siblings = stack[-1].children
            siblings.append(Node("#comment", lt, close + 3, lt + 4, close, parent_ref=weakref.ref(stack[-1]), index=len(siblings)))
            pos = close + 3
        elif text.startswith("<![CDATA[", lt):
            pos = text.index("]]>", lt) + 3
        elif text.startswith("<?", lt):
            pos = text.index("?>", lt) + 2
        elif text.startswith("<!", lt):
            pos = _doctype_end(text, lt)
        elif text.startswith("</", lt):
            m = _CLOSE.match(text, lt)
            node = stack.pop()
            node.inner_end, node.end = lt, m.end() if m else text.index(">", lt) + 1
            pos = node.end
        else:
            m = _OPEN.match(text, lt)
            if m is None:  # validated XML always matches; skip defensively
                pos = lt + 1
                continue
            node = Node(_local(m.group(1)), lt, parent_ref=weakref.ref(stack[-1]), index=len(stack[-1].children))
            for a in _ATTR.finditer(m.group(2)):
                local = _local(a.group(1))
                value = a.group(2) if a.group(2) is not None else a.group(3)
                node.attrs[local] = _decode_attr(value)
                node.attr_starts[local] = m.start(2) + a.start(2 if a.group(2) is not None else 3)
            stack[-1].children.append(node)
            if m.group(3):
                node.end = m.end()
            else:
                node.inner_start = m.end()
                stack.append(node)
            pos = m.end()
    root = next((c for c in document.children if c.name != "#comment"), None)
    if root is None:
        return document
    root.parent_ref = None
    return root


def _decode_attr(value: str) -> str:
    chars: list[str] = []
    _unescape(value, 0, len(value), chars, [])
    return "".join(chars)


def _doctype_end(text: str, lt: int) -> int:
    """Offset after a `<!DOCTYPE …>` declaration, internal subset included."""
    depth = 0
    pos = lt + 2
    while pos < len(text):
        c = text[pos]
        if c == "[":
            depth += 1
        elif c == "]":
            depth -= 1
        elif c == ">" and depth <= 0:
            return pos + 1
        pos += 1
    return len(text)


_CDATA = re.compile(r"<!\[CDATA\[(.*?)\]\]>", re.DOTALL)
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")  # characters XML 1.0 cannot hold


def element_spans(text: str, names: tuple[str, ...]) -> list[tuple[int, int]]:
    """The spans of the elements named `names`, tags included, in order: a catalog's
    source texts (`<source>`), which fixes leave alone (`registry.sparing_sources`)."""
    named = "|".join(re.escape(n) for n in names)
    pattern = re.compile(rf"<((?:[\w.-]+:)?(?:{named}))(?:\s[^>]*)?(?<!/)>.*?</\1\s*>", re.DOTALL)
    return [m.span() for m in pattern.finditer(text)]


def xml_escaper(text: str, path: str) -> Escape:
    """How a value is written at an offset of an XML file: `&amp; &lt; &gt;` in content
    (`&quot;` and character references for breaks in attribute values too), as it is in a
    CDATA section (which cannot hold `]]>`)."""
    sections = [(m.start(1), m.end(1)) for m in _CDATA.finditer(text)]
    starts = [a for a, _b in sections]

    def escape(value: str, offset: int) -> str:
        if _NOT_XML.search(value):
            raise Unwritable("the text holds a character XML 1.0 cannot hold")
        i = bisect_right(starts, offset) - 1
        if i >= 0 and offset <= sections[i][1]:
            if "]]>" in value:
                raise Unwritable("']]>' cannot be written inside a CDATA section")
            return value
        out = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#13;")
        if _inside_tag(text, offset):
            out = out.replace('"', "&quot;").replace("'", "&apos;").replace("\n", "&#10;").replace("\t", "&#9;")
        return out

    return escape


def _inside_tag(text: str, offset: int) -> bool:
    """Whether `offset` lies inside a tag (an attribute value): the nearest `<` before it is
    not closed by a `>` outside quotes."""
    lt = text.rfind("<", 0, offset)
    if lt < 0:
        return False
    quote = ""
    for ch in text[lt:offset]:
        if quote:
            quote = "" if ch == quote else quote
        elif ch in "\"'":
            quote = ch
        elif ch == ">":
            return False
    return True
