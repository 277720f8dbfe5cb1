"""Apple string files: `.strings`, `.stringsdict` (plist plurals) and `.xcstrings`.

`.strings` (`/* note */ "key" = "value";`, often UTF-16 with a BOM) and `.stringsdict`
are key files, paired by `ja.lproj`/`en.lproj` (see `keyed`); a `/* … */` or `// …`
comment before a pair is its note. `.xcstrings` (Xcode string catalogs, JSON) holds every
language in one file: the source is the source language's value (else the key, which is
the source text), the translation the `--lang` language's (else Japanese when present,
else the first other one); `needs_review`/`new` states are fuzzy. All strings are
`objc-format` (`%@`, `%1$@`, `%lld`).
"""

from __future__ import annotations

import re

from translate_kit.model import Document, InputFileError
from translate_kit.messages import Message, msg
from translate_kit.sources.decode import decode
from translate_kit.sources.jsontree import JsonObject, parse_json
from translate_kit.sources.keyed import Keyed, keyed_document
from translate_kit.sources.registry import Escape
from translate_kit.sources.units import Text, Unit, build_document, lone_surrogate
from translate_kit.sources.xmltree import Node, XmlDocument, decode_xml

_FLAGS = ("objc-format",)
_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "'": "'", "\\": "\\", "0": "\0"}
_BARE = re.compile(r"[A-Za-z0-9_.\-$:/]+")
_PLURAL_KEYS = frozenset({"zero", "one", "two", "few", "many", "other"})


# ---------------------------------------------------------------- .strings


def parse_strings(
    text: str, path: str, lang: str | None, source_lang: str, *, source_files: tuple[tuple[str, str], ...] = ()
) -> Document:
    return keyed_document(path, text, read_strings(text, path), fmt="strings", read=read_strings,
                          decode=decode, lang=lang, source_lang=source_lang, source_files=source_files)


def read_strings(text: str, path: str) -> list[Keyed]:
    """`"key" = "value";` pairs with the comment before each."""
    out: list[Keyed] = []
    pos, n, note = 0, len(text), ""
    while True:
        pos, comment = _skip_space(text, pos, path)
        if comment is not None:
            note = comment
            continue
        if pos >= n:
            return out
        key, pos = _token(text, pos, path)
        pos, _c = _skip_space(text, pos, path)
        if text.startswith(";", pos):  # `"key";` is shorthand for "key" = "key"
            out.append(Keyed(key.text, key, key, None, note, _FLAGS))
            pos, note = pos + 1, ""
            continue
        if not text.startswith("=", pos):
            raise _error(text, pos, path, msg("expected = after the key"))
        pos, _c = _skip_space(text, pos + 1, path)
        value, pos = _token(text, pos, path)
        pos, _c = _skip_space(text, pos, path)
        if not text.startswith(";", pos):
            raise _error(text, pos, path, msg("expected ; after the value"))
        out.append(Keyed(key.text, value, key, None, note, _FLAGS))
        pos, note = pos + 1, ""


def _error(text: str, pos: int, path: str, message: Message) -> InputFileError:
    line = text.count("\n", 0, pos) + 1
    column = pos - (text.rfind("\n", 0, pos) + 1) + 1
    return InputFileError(path, msg("{problem} (column {column})", problem=message, column=column), line)


def _skip_space(text: str, pos: int, path: str) -> tuple[int, str | None]:
    """Past whitespace; stops after one comment and returns its text."""
    n = len(text)
    while pos < n and text[pos] in " \t\r\n\ufeff":
        pos += 1
    if text.startswith("/*", pos):
        end = text.find("*/", pos + 2)
        if end == -1:
            raise _error(text, pos, path, msg("unterminated comment"))
        return end + 2, text[pos + 2 : end].strip()
    if text.startswith("//", pos):
        end = text.find("\n", pos)
        end = n if end == -1 else end
        return end, text[pos + 2 : end].strip()
    return pos, None


def _token(text: str, pos: int, path: str) -> tuple[Text, int]:
    """A quoted string (escapes mapped) or a bare word."""
    if not text.startswith('"', pos):
        m = _BARE.match(text, pos)
        if m is None:
            raise _error(text, pos, path, msg("expected a quoted string"))
        return Text.verbatim(m.group(), pos), m.end()
    chars: list[str] = []
    offsets: list[int] = []
    i = pos + 1
    while i < len(text) and text[i] != '"':
        if text[i] == "\\" and i + 1 < len(text):
            nxt = text[i + 1]
            if nxt in "Uu" and re.fullmatch(r"[0-9A-Fa-f]{4}", text[i + 2 : i + 6]):
                code, width = int(text[i + 2 : i + 6], 16), 6
                if 0xD800 <= code < 0xDC00 and text[i + 6 : i + 8] in ("\\U", "\\u") and re.fullmatch(r"[dD][c-fC-F][0-9A-Fa-f]{2}", text[i + 8 : i + 12]):
                    code, width = 0x10000 + ((code - 0xD800) << 10) + (int(text[i + 8 : i + 12], 16) - 0xDC00), 12  # a pair: one character
                if 0xD800 <= code < 0xE000:
                    raise _error(text, i, path, lone_surrogate(text[i : i + 6]))
                chars.append(chr(code))
                offsets.append(i)
                i += width
                continue
            chars.append(_ESCAPES.get(nxt, nxt))
            offsets.append(i)
            i += 2
            continue
        chars.append(text[i])
        offsets.append(i)
        i += 1
    if i >= len(text):
        raise _error(text, pos, path, msg("unterminated string"))
    offsets.append(i)
    return Text("".join(chars), tuple(offsets)), i + 1


# ---------------------------------------------------------------- .stringsdict


def parse_stringsdict(
    text: str, path: str, lang: str | None, source_lang: str, *, source_files: tuple[tuple[str, str], ...] = ()
) -> Document:
    return keyed_document(path, text, read_stringsdict(text, path), fmt="stringsdict", read=read_stringsdict,
                          decode=decode_xml, lang=lang, source_lang=source_lang, source_files=source_files)


def read_stringsdict(text: str, path: str) -> list[Keyed]:
    """Each plural variable's forms by CLDR category; the format key as a plain string."""
    xml = XmlDocument(text, path)
    top = xml.root.first("dict") if xml.root.name == "plist" else None
    out: list[Keyed] = []
    for key, entry in _pairs(xml, top):
        if entry.name != "dict":
            continue
        for name, value in _pairs(xml, entry):
            if name.text == "NSStringLocalizedFormatKey" and value.name == "string":
                out.append(Keyed(key.text, xml.content(value), key, None, "", _FLAGS))
            elif value.name == "dict":
                for category, form in _pairs(xml, value):
                    if category.text in _PLURAL_KEYS and form.name == "string":
                        out.append(Keyed(f"{key.text}:{name.text}", xml.content(form), name, category.text, "", _FLAGS))
    return out


def _pairs(xml: XmlDocument, node: Node | None) -> list[tuple[Text, Node]]:
    """A plist `<dict>`'s (key, value element) pairs."""
    if node is None:
        return []
    items = node.elements()
    return [(xml.content(k), v) for k, v in zip(items[::2], items[1::2]) if k.name == "key"]


# ---------------------------------------------------------------- .xcstrings


def parse_xcstrings(text: str, path: str, lang: str | None, source_lang: str) -> Document:
    root = parse_json(text, path)
    if not isinstance(root, JsonObject) or not isinstance(root.get("strings"), JsonObject):
        raise InputFileError(path, msg("not a string catalog: no \"strings\" object"), 1)
    declared = root.get("sourceLanguage")
    source = declared.text if isinstance(declared, Text) else source_lang
    strings = root.get("strings")
    assert isinstance(strings, JsonObject)
    target = lang or _target_language(strings, source)
    units: list[Unit] = []
    for key, entry in strings.members:
        if not isinstance(entry, JsonObject) or _text(entry.get("shouldTranslate")) == "false":
            continue
        locs = entry.get("localizations")
        locs = locs if isinstance(locs, JsonObject) else JsonObject((), 0)
        comment = _text(entry.get("comment")) or ""
        source_forms = _forms(locs.get(source)) or [(key, None, "")]
        target_forms = _forms(locs.get(target)) if target else []
        fuzzy = any(state in ("needs_review", "new") for _t, _c, state in target_forms)
        sources = tuple(t for t, _c, _s in _source_pair(source_forms))
        targets = tuple((t, c) for t, c, _s in target_forms)
        units.append(Unit(sources, targets, None, comment, _FLAGS + (("fuzzy",) if fuzzy else ())))
    return build_document(path, text, units, fmt="xcstrings", target_lang=target, source_lang=source.split("-")[0], lang=lang)


def _text(value: object) -> str | None:
    return value.text if isinstance(value, Text) else getattr(value, "raw", None)


def _target_language(strings: JsonObject, source: str) -> str | None:
    seen: list[str] = []
    for _key, entry in strings.members:
        locs = entry.get("localizations") if isinstance(entry, JsonObject) else None
        if isinstance(locs, JsonObject):
            seen.extend(k.text for k, _v in locs.members if k.text != source and k.text not in seen)
    ja = next((t for t in seen if t.split("-")[0] == "ja"), None)
    return ja or (seen[0] if seen else None)


def _forms(loc: object) -> list[tuple[Text, str | None, str]]:
    """(value, plural category or None, state) of a localization: its string unit, or
    its plural variations' units."""
    if not isinstance(loc, JsonObject):
        return []
    unit = loc.get("stringUnit")
    if isinstance(unit, JsonObject) and isinstance(unit.get("value"), Text):
        return [(unit.get("value"), None, _text(unit.get("state")) or "")]  # type: ignore[list-item]
    variations = loc.get("variations")
    plural = variations.get("plural") if isinstance(variations, JsonObject) else None
    out: list[tuple[Text, str | None, str]] = []
    if isinstance(plural, JsonObject):
        for category, form in plural.members:
            unit = form.get("stringUnit") if isinstance(form, JsonObject) else None
            if isinstance(unit, JsonObject) and isinstance(unit.get("value"), Text):
                out.append((unit.get("value"), category.text, _text(unit.get("state")) or ""))  # type: ignore[arg-type]
    return out


def _source_pair(forms: list[tuple[Text, str | None, str]]) -> list[tuple[Text, str | None, str]]:
    """The source's singular and plural (one, other) or its one text."""
    if len(forms) <= 1:
        return forms
    by_cat = {c: f for f in forms for c in [f[1]]}
    return [by_cat.get("one", forms[0]), by_cat.get("other", forms[-1])]


_STRINGS_WRITTEN = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r"}


def strings_escaper(text: str, path: str) -> Escape:
    """How a value is written inside a `.strings` quoted string: `\\" \\\\ \\n \\t \\r`
    escapes, other control characters as `\\U` escapes."""

    def escape(value: str, offset: int) -> str:
        return "".join(_STRINGS_WRITTEN.get(c) or (f"\\U{ord(c):04X}" if ord(c) < 0x20 else c) for c in value)

    return escape
