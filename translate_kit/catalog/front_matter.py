"""YAML front matter: the values of chosen top-level keys (`title`, `description`) as
units; everything else in it (dates, slugs, layout names) is left out, as po4a's
`yfm_keys` does."""

from __future__ import annotations

import json
import re

import yaml

from translate_kit.catalog.units import FRONT_MATTER, Unit
from translate_kit.model import LineIndex
from translate_kit.sources.markdown import front_matter_end

_ENTRY = re.compile(r"([A-Za-z0-9_][A-Za-z0-9_-]*)[ \t]*:[ \t]+(\S(?:.*\S)?)[ \t]*$")


def front_matter_units(text: str, path: str, keys: frozenset[str], index: LineIndex, to_original) -> list[Unit]:
    """Units for `key: value` lines of the front matter whose key is in `keys` and whose
    value is a one-line string (plain, 'single' or "double" quoted). `to_original` maps a
    normalised offset to the document's."""
    end = front_matter_end(text)
    units: list[Unit] = []
    if not end or not keys:
        return units
    pos = text.find("\n") + 1
    while pos < end:
        nl = text.find("\n", pos, end)
        line_end = end if nl == -1 else nl
        match = _ENTRY.match(text, pos, line_end)
        if match and match.group(1) in keys:
            raw = match.group(2)
            value = _scalar(raw)
            if value:
                start = to_original(match.start(2))
                stop = to_original(match.end(2))
                quote = raw[0] if raw[0] in "'\"" else ""
                units.append(Unit(value, path, index.position(start).line, start, stop, FRONT_MATTER, quote=quote))
        pos = line_end + 1
    return units


def _scalar(raw: str) -> str | None:
    """The string a one-line YAML value means, or None (not a string, a block scalar,
    a flow collection, a comment, or not YAML)."""
    if raw[0] in "|>[{&*!#":
        return None
    try:
        value = yaml.safe_load(f"k: {raw}")
    except (yaml.YAMLError, RecursionError):
        return None
    value = value.get("k") if isinstance(value, dict) else None
    return value.strip() if isinstance(value, str) and value.strip() else None


def render_scalar(value: str, quote: str) -> str:
    """A one-line YAML scalar for `value`, in the source's quoting when it is safe."""
    value = " ".join(value.split("\n"))
    if quote == "'":
        return "'" + value.replace("'", "''") + "'"
    if quote == "" and _scalar(value) == value:
        return value
    return json.dumps(value, ensure_ascii=False)  # a JSON string is a YAML double-quoted scalar
