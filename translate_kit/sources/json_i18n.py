"""JSON message files: i18next (nested or flat), Chrome `messages.json` and Flutter ARB.

Every string leaf is a message keyed by its path (`menu.file.open`); i18next plural keys
(`items_one`, `items_other`, and the older `item`/`item_plural`) are one entry with a
form per CLDR category. Chrome's `{"key": {"message": …, "description": …}}` and ARB's
`"@key": {"description": …}` give notes. Placeholder flags: i18next `{{x}}`, ICU for ARB
(and any file whose strings show `{n, plural, …}`), Chrome's `$NAME$`. Pairing with the
source-language file: see `keyed`.
"""

from __future__ import annotations

import os
import re

from translate_kit.model import Document, InputFileError
from translate_kit.sources import pairing
from translate_kit.sources.decode import decode
from translate_kit.sources.jsontree import JsonArray, JsonObject, JsonValue, json_escaper, parse_json
from translate_kit.sources.registry import Escape, Unwritable
from translate_kit.sources.keyed import Keyed, keyed_document
from translate_kit.sources.language import detect_language
from translate_kit.sources.units import Text

_PLURAL_SUFFIX = re.compile(r"^(?P<base>.+?)_(?:ordinal_)?(?P<cat>zero|one|two|few|many|other)$")


def parse(
    text: str, path: str, lang: str | None, source_lang: str, *, source_files: tuple[tuple[str, str], ...] = ()
) -> Document:
    """Parse a JSON message file into entries (paired) or prose (unpaired); a JSON file
    whose path names no language (package.json, tsconfig.json) is not a message file and
    is left unread, unless most of its strings are Japanese (a language pack's
    `vscode.git.i18n.json`): that is a translation whatever its name."""
    if not path.endswith(".arb") and pairing.language_of(path) is None:
        strings, file_lang = _japanese_strings(text, path)
        if not strings:
            return Document(path=path, text=text, segments=(), lang=None, format="json")
    else:
        strings, file_lang = _read(text, path)
    return keyed_document(
        path, text, strings, fmt="json", read=lambda t, p: _read(t, p)[0], decode=decode,
        lang=lang, source_lang=source_lang, file_lang=file_lang, source_files=source_files,
    )


def _read(text: str, path: str) -> tuple[list[Keyed], str | None]:
    """The file's strings and the language it declares (ARB's `@@locale`), if any."""
    root = parse_json(text, path)
    if not isinstance(root, JsonObject):
        return [], None
    if path.endswith(".arb"):
        return _arb(root), _locale(root)
    if os.path.basename(path) == "messages.json" and _is_chrome(root):
        return _chrome(root), None
    if len(root.members) == 1 and isinstance(root.members[0][1], JsonObject) and pairing.is_language(root.members[0][0].text):
        return _i18next(root.members[0][1]), root.members[0][0].text  # `{"ja": {…}}`, as Rails and DevExtreme write
    return _i18next(root), None


def _japanese_strings(text: str, path: str) -> tuple[list[Keyed], str | None]:
    """`_read` of a JSON file whose path names no language, when most of its strings
    (three at least) are written in Japanese; else nothing, as for any other JSON file
    (whether or not it is valid JSON: a tsconfig.json with comments is no message file)."""
    if detect_language(text) != "ja":
        return [], None  # most JSON files: not a character of Japanese in them
    try:
        strings, file_lang = _read(text, path)
    except InputFileError:
        return [], None
    japanese = sum(1 for s in strings if detect_language(s.value.text) == "ja")
    return (strings, file_lang) if japanese >= 3 and 2 * japanese > len(strings) else ([], None)


def _locale(root: JsonObject) -> str | None:
    value = root.get("@@locale")
    return value.text if isinstance(value, Text) and value.text else None


def _arb(root: JsonObject) -> list[Keyed]:
    """ARB: `"key": "ICU message"`, notes from `"@key": {"description": …}`."""
    out = []
    for key, value in root.members:
        if key.text.startswith("@") or not isinstance(value, Text):
            continue
        meta = root.get("@" + key.text)
        description = meta.get("description") if isinstance(meta, JsonObject) else None
        note = description.text if isinstance(description, Text) else ""
        out.append(Keyed(key.text, value, key, None, note, ("icu-format",)))
    return out


def _is_chrome(root: JsonObject) -> bool:
    return bool(root.members) and all(
        isinstance(v, JsonObject) and isinstance(v.get("message"), Text) for _k, v in root.members
    )


def _chrome(root: JsonObject) -> list[Keyed]:
    out = []
    for key, value in root.members:
        assert isinstance(value, JsonObject)
        message = value.get("message")
        description = value.get("description")
        note = description.text if isinstance(description, Text) else ""
        assert isinstance(message, Text)
        out.append(Keyed(key.text, message, key, None, note, ("chrome-format",)))
    return out


def _i18next(root: JsonObject) -> list[Keyed]:
    """String leaves by dotted path; i18next plural groups share their base key."""
    leaves: list[tuple[str, Text, Text]] = []
    _walk(root, "", leaves)
    keys = {k for k, _v, _p in leaves}
    out = []
    for key, value, place in leaves:
        m = _PLURAL_SUFFIX.match(key)
        if m and f"{m.group('base')}_other" in keys and "_ordinal_" not in key:
            out.append(Keyed(m.group("base"), value, place, m.group("cat"), "", ("i18next-format",)))
        elif key.endswith("_plural") and key[: -len("_plural")] in keys:
            out.append(Keyed(key[: -len("_plural")], value, place, "other", "", ("i18next-format",)))
        elif f"{key}_plural" in keys:
            out.append(Keyed(key, value, place, "one", "", ("i18next-format",)))
        else:
            out.append(Keyed(key, value, place, None, "", ("i18next-format",)))
    return out


def _walk(value: JsonValue, prefix: str, out: list[tuple[str, Text, Text]], place: Text | None = None) -> None:
    if isinstance(value, JsonObject):
        for key, child in value.members:
            _walk(child, f"{prefix}.{key.text}" if prefix else key.text, out, key)
    elif isinstance(value, JsonArray):
        for i, child in enumerate(value.items):
            _walk(child, f"{prefix}.{i}", out, place)
    elif isinstance(value, Text) and place is not None:
        out.append((prefix, value, place))


def escaper(text: str, path: str) -> Escape:
    """JSON string escapes; a replacement that would read as message syntax (ICU braces in
    ARB, `$` in Chrome messages, `{{` in i18next) is not written."""
    name = os.path.basename(path)
    syntax = ("{", "}") if path.endswith(".arb") else ("$",) if name == "messages.json" else ("{{", "}}", "$t(")
    plain = json_escaper(text, path)

    def escape(value: str, offset: int) -> str:
        if any(s in value for s in syntax):
            raise Unwritable(f"the text holds {' '.join(syntax)}, which this file reads as message syntax")
        return plain(value, offset)

    return escape
