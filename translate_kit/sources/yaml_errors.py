"""PyYAML's errors as one line with the line they are on, for every YAML reader.

A parse error carries a mark (line, column); a character YAML does not allow (a control
character, U+FFFE) is refused before parsing starts and carries only an offset, which
PyYAML counts in characters and libyaml in UTF-8 bytes: the first such character in the
text is the one refused, so its line is found from the character itself.
"""

from __future__ import annotations

import yaml

from translate_kit.messages import Message, msg


def yaml_problem(exc: yaml.YAMLError, text: str) -> tuple[Message, int | None]:
    """(message, 1-based line or None) for a YAML error raised while reading `text`."""
    if isinstance(exc, yaml.reader.ReaderError) and isinstance(exc.character, int):
        problem = msg("character {code} is not allowed", code=f"U+{exc.character:04X}")
        at = text.find(chr(exc.character))
        if at < 0:
            return msg("malformed YAML: {problem}", problem=problem), None
        return (msg("malformed YAML: {problem} (column {column})", problem=problem, column=at - text.rfind("\n", 0, at)),
                text.count("\n", 0, at) + 1)
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    problem = getattr(exc, "problem", None) or getattr(exc, "context", None) or msg("syntax error")
    if mark is None:
        return msg("malformed YAML: {problem}", problem=problem), None
    return msg("malformed YAML: {problem} (column {column})", problem=problem, column=mark.column + 1), mark.line + 1
