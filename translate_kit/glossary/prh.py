"""textlint-rule-prh / prh dictionaries (prh.yml), import only.

Each rule becomes a concept of type `term` in one language (`lang`, default ja): its
`expected` is the preferred term and each plain-string pattern a deprecated term; a
pattern equal to `expected`, or repeated, is dropped. Concept ids are slugs of
`expected`, made unique. What a glossary cannot hold is left out:

- `/regex/flags` patterns are not terms: they are skipped, and the concept's note says
  which (`prh: regex patterns not imported: /.../`);
- a rule whose `expected` uses a regex substitution ($1, $2, ...) is skipped entirely;
- `specs`, `options`, `prh` (descriptions) and `regexpMustEmpty` are ignored.

`imports` (a path or a list of paths or of `{path, ignoreRules}`) are read relative to the
importing file, before its own rules; `ignoreRules` drops imported rules by `expected`.
An import that cannot be read is an input error on the importing line; import cycles
are read once.
"""

from __future__ import annotations

import os
import re
from typing import IO

import yaml

from translate_kit.glossary.model import Concept, Glossary, TakenIds, Term, languages_of, slug, unique_id
from translate_kit.messages import msg
from translate_kit.model import InputFileError
from translate_kit.limits import MAX_GLOSSARY_BYTES, MAX_NESTING, MAX_YAML_NODES, LimitError, os_reason, read_regular

_REGEX = re.compile(r"/(.+)/([a-z]*)", re.DOTALL)
_SUBSTITUTION = re.compile(r"\$\d")


def load(stream: IO[str], *, path: str, lang: str = "ja", strict: bool = True) -> Glossary:
    """Read a prh.yml (and what it imports); when strict, a rule without `expected` or a version other than 1 is an input error."""
    concepts: list[Concept] = []
    _read(stream.read(), path, lang, strict, concepts, {os.path.realpath(path)}, TakenIds(), frozenset())
    result = tuple(concepts)
    return Glossary(result, path, languages_of(result))


def _read(
    text: str, path: str, lang: str, strict: bool, out: list[Concept], visited: set[str], taken: set[str], ignore: frozenset[str]
) -> None:
    """Append the concepts of one prh file, imports first."""
    root = _compose(text, path)
    if root is None:
        raise InputFileError(path, msg("empty prh file: expected a mapping with version and rules"), 1)
    if not isinstance(root, yaml.MappingNode):
        raise InputFileError(path, msg("not a prh file: expected a mapping with version and rules"), _line(root))
    top = {key.value: value for key, value in root.value if isinstance(key, yaml.ScalarNode)}
    version = top.get("version")
    if strict and version is not None and not (isinstance(version, yaml.ScalarNode) and version.value == "1"):
        raise InputFileError(path, msg("unsupported prh version (expected version: 1)"), _line(version))
    if "imports" in top:
        for import_path, import_ignore, line in _imports(top["imports"], path):
            _read_import(import_path, import_ignore, line, path, lang, strict, out, visited, taken)
    rules = top.get("rules")
    if rules is None:
        return
    if not isinstance(rules, yaml.SequenceNode):
        raise InputFileError(path, msg("rules must be a list"), _line(rules))
    seen: set[int] = set()
    for rule in rules.value:
        if id(rule) in seen:
            continue  # the same rule again through a YAML alias: one concept
        seen.add(id(rule))
        concept = _concept(rule, path, lang, strict, taken, ignore)
        if concept is not None:
            out.append(concept)


class _BoundedLoader(yaml.SafeLoader):
    """The safe loader with bounds: nesting at most MAX_NESTING deep, at most
    MAX_YAML_NODES nodes and aliases in a file. Aliases are not expanded when composing
    (a node is shared), so an alias bomb costs only its aliases, which are counted."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._depth = 0
        self._nodes = 0

    def compose_node(self, parent: yaml.Node | None, index: object) -> yaml.Node | None:  # type: ignore[override]
        self._nodes += 1
        if self._nodes > MAX_YAML_NODES:
            raise yaml.composer.ComposerError(None, None, f"more than {MAX_YAML_NODES:,} YAML nodes and aliases", self.peek_event().start_mark)
        self._depth += 1
        try:
            if self._depth > MAX_NESTING:
                raise yaml.composer.ComposerError(None, None, f"nested deeper than {MAX_NESTING} levels", self.peek_event().start_mark)
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


def _compose(text: str, path: str) -> yaml.Node | None:
    """The YAML node tree (safe loader; one document), YAML errors as input errors."""
    try:
        return yaml.compose(text, Loader=_BoundedLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        raise InputFileError(path, msg("malformed YAML: {reason}", reason=str(exc.problem or exc)), mark.line + 1 if mark else None) from None
    except yaml.YAMLError as exc:
        raise InputFileError(path, msg("malformed YAML: {reason}", reason=str(exc))) from None


def _line(node: yaml.Node | None) -> int | None:
    """1-based line where a node starts."""
    return node.start_mark.line + 1 if node is not None else None


def _scalar(node: yaml.Node | None) -> str | None:
    """The text of a non-null scalar node, else None."""
    if isinstance(node, yaml.ScalarNode) and node.tag != "tag:yaml.org,2002:null":
        return node.value
    return None


def _imports(node: yaml.Node, path: str) -> list[tuple[str, frozenset[str], int | None]]:
    """(path, ignoreRules, line) for each import entry."""
    items = node.value if isinstance(node, yaml.SequenceNode) else [node]
    out = []
    for item in items:
        if isinstance(item, yaml.MappingNode):
            fields = {k.value: v for k, v in item.value if isinstance(k, yaml.ScalarNode)}
            target = _scalar(fields.get("path"))
            ignore_node = fields.get("ignoreRules")
            ignore = frozenset(v for v in (_scalar(n) for n in getattr(ignore_node, "value", []) or []) if v)
        else:
            target, ignore = _scalar(item), frozenset()
        if not target:
            raise InputFileError(path, msg("an import needs a path"), _line(item))
        out.append((target, ignore, _line(item)))
    return out


def _read_import(
    target: str, ignore: frozenset[str], line: int | None, path: str, lang: str, strict: bool,
    out: list[Concept], visited: set[str], taken: set[str],
) -> None:
    """Read one imported file relative to the importing one; a cycle is read once."""
    full = os.path.normpath(os.path.join(os.path.dirname(path), target))
    real = os.path.realpath(full)
    if real in visited:
        return
    visited.add(real)
    try:
        text = read_regular(full, MAX_GLOSSARY_BYTES, "glossary").decode("utf-8-sig")
    except LimitError as exc:
        raise InputFileError(path, msg("cannot read import {target}: {reason}", target=repr(target), reason=exc.message), line) from None
    except UnicodeDecodeError:
        raise InputFileError(path, msg("cannot read import {target}: not valid UTF-8", target=repr(target)), line) from None
    except OSError as exc:
        raise InputFileError(path, msg("cannot read import {target}: {reason}", target=repr(target), reason=os_reason(exc)), line) from None
    _read(text, full, lang, strict, out, visited, taken, ignore)


def _concept(rule: yaml.Node, path: str, lang: str, strict: bool, taken: set[str], ignore: frozenset[str]) -> Concept | None:
    """The concept for one rule, or None when the rule is regex-only or ignored."""
    line = _line(rule)
    if not isinstance(rule, yaml.MappingNode):
        raise InputFileError(path, msg("a rule must be a mapping with expected and patterns"), line)
    fields = {k.value: v for k, v in rule.value if isinstance(k, yaml.ScalarNode)}
    expected = _scalar(fields.get("expected"))
    if expected is None:
        if strict:
            raise InputFileError(path, msg("rule without expected"), line)
        expected = ""
    expected = expected.strip()
    if expected in ignore or _SUBSTITUTION.search(expected):
        return None
    expected_line = _line(fields.get("expected")) or line
    patterns = fields.get("patterns")
    items = patterns.value if isinstance(patterns, yaml.SequenceNode) else [patterns] if patterns is not None else []
    terms = [Term(expected, lang, "preferred", expected_line)]
    listed = {expected}
    skipped: list[str] = []
    for item in items:
        text = _scalar(item)
        if text is None:
            continue
        if _REGEX.fullmatch(text):
            skipped.append(text)
        elif text.strip() and text.strip() not in listed:
            listed.add(text.strip())
            terms.append(Term(text.strip(), lang, "deprecated", _line(item)))
    note = f"prh: regex patterns not imported: {' '.join(skipped)}" if skipped else ""
    return Concept(unique_id(slug(expected), taken, "rule"), "term", note, tuple(terms), line, path)
