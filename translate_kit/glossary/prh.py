"""textlint-rule-prh / prh dictionaries (prh.yml), import only.

Each rule becomes a concept of type `term` in one language (`lang`, default ja): its
`expected` is the preferred term and each plain-string pattern a deprecated term; a
pattern equal to `expected`, or repeated, is dropped. Rules are read as prh reads them: a
rule may be a bare string (an `expected` alone), its patterns may be under `pattern` or
`patterns`, and rules with the same `expected` (one for the spelling variants, one for
the katakana) are one concept. Concept ids are slugs of `expected`, made unique. What a
glossary cannot hold is left out:

- `/regex/flags` patterns are not terms: they are skipped, and the concept's note says
  which (`prh: regex patterns not imported: /.../`);
- a rule whose `expected` uses a regex substitution ($1, $2, ...) is skipped entirely, and
  so is one whose `expected` is empty (it deletes what it matches: a control character);
- `specs`, `options`, `prh` (descriptions) and `regexpMustEmpty` are ignored.

`imports` (a path or a list of paths or of `{path, ignoreRules, disableImports}`; empty
when every entry is commented out) are read relative to the importing file, before its
own rules; `ignoreRules` drops imported rules by `expected` or by a plain pattern (a
string, or `{expected: ...}` / `{pattern: ...}`), and `disableImports` reads the
imported file without its own imports. An import that cannot be read is an input error
on the importing line; import cycles are read once.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, replace
from typing import IO

import yaml

from translate_kit.glossary.model import Concept, Glossary, TakenIds, Term, languages_of, slug, unique_id
from translate_kit.messages import msg
from translate_kit.model import InputFileError
from translate_kit.sources.yaml_errors import yaml_problem
from translate_kit.limits import MAX_GLOSSARY_BYTES, MAX_NESTING, MAX_YAML_NODES, LimitError, os_reason, read_regular

_REGEX = re.compile(r"/(.+)/([a-z]*)", re.DOTALL)
_SUBSTITUTION = re.compile(r"\$\d")


def load(stream: IO[str], *, path: str, lang: str = "ja", strict: bool = True) -> Glossary:
    """Read a prh.yml (and what it imports); when strict, a rule without `expected` or a version other than 1 is an input error."""
    concepts: list[Concept] = []
    reader = _Reader(lang, strict, concepts)
    reader.read(stream.read(), path, {os.path.realpath(path)}, frozenset(), imports=True)
    result = tuple(concepts)
    return Glossary(result, path, languages_of(result))


@dataclass(frozen=True)
class _Rule:
    """What one prh rule brings: its expected term, plain patterns and regex patterns."""

    expected: str
    expected_line: int | None
    patterns: tuple[tuple[str, int | None], ...]
    regexes: tuple[str, ...]
    line: int | None
    path: str


class _Reader:
    """Reads a prh file and its imports into `out`, one concept per `expected`."""

    def __init__(self, lang: str, strict: bool, out: list[Concept]) -> None:
        self.lang, self.strict, self.out = lang, strict, out
        self.taken = TakenIds()
        self.by_expected: dict[str, int] = {}  # expected -> index of its concept in `out`

    def read(self, text: str, path: str, visited: set[str], ignore: frozenset[str], imports: bool) -> None:
        """Append the concepts of one prh file, imports first."""
        root = _compose(text, path)
        if root is None:
            raise InputFileError(path, msg("empty prh file: expected a mapping with version and rules"), 1)
        if not isinstance(root, yaml.MappingNode):
            raise InputFileError(path, msg("not a prh file: expected a mapping with version and rules"), _line(root))
        top = {key.value: value for key, value in root.value if isinstance(key, yaml.ScalarNode)}
        version = top.get("version")
        if self.strict and version is not None and not (isinstance(version, yaml.ScalarNode) and version.value == "1"):
            raise InputFileError(path, msg("unsupported prh version (expected version: 1)"), _line(version))
        if imports and "imports" in top:
            for spec in _imports(top["imports"], path):
                self._read_import(spec, path, visited)
        rules = top.get("rules")
        if rules is None or _scalar(rules) is None and isinstance(rules, yaml.ScalarNode):
            return  # no rules, or `rules:` with every rule commented out
        if not isinstance(rules, yaml.SequenceNode):
            raise InputFileError(path, msg("rules must be a list"), _line(rules))
        seen: set[int] = set()
        for node in rules.value:
            if id(node) in seen:
                continue  # the same rule again through a YAML alias: one concept
            seen.add(id(node))
            rule = _rule(node, path, self.strict)
            if rule is not None and not _ignored(rule, ignore):
                self._add(rule)

    def _add(self, rule: _Rule) -> None:
        """A concept for the rule, or its patterns added to the concept of its `expected`."""
        at = self.by_expected.get(rule.expected)
        old = self.out[at] if at is not None else None
        terms = list(old.terms) if old is not None else [Term(rule.expected, self.lang, "preferred", rule.expected_line)]
        listed = {t.text for t in terms}
        for text, line in rule.patterns:
            if text not in listed:
                listed.add(text)
                terms.append(Term(text, self.lang, "deprecated", line))
        if old is not None:
            self.out[at] = replace(old, terms=tuple(terms), note=_noted(old.note, rule.regexes))  # type: ignore[index]
            return
        self.by_expected[rule.expected] = len(self.out)
        self.out.append(Concept(unique_id(slug(rule.expected), self.taken, "rule"), "term", _noted("", rule.regexes),
                                tuple(terms), rule.line, rule.path))

    def _read_import(self, spec: "_Import", path: str, visited: set[str]) -> None:
        """Read one imported file relative to the importing one; a cycle is read once."""
        full = os.path.normpath(os.path.join(os.path.dirname(path), spec.path))
        real = os.path.realpath(full)
        if real in visited:
            return
        visited.add(real)
        target, line = repr(spec.path), spec.line
        try:
            text = read_regular(full, MAX_GLOSSARY_BYTES, "glossary").decode("utf-8-sig")
        except LimitError as exc:
            raise InputFileError(path, msg("cannot read import {target}: {reason}", target=target, reason=exc.message), line) from None
        except UnicodeDecodeError:
            raise InputFileError(path, msg("cannot read import {target}: not valid UTF-8", target=target), line) from None
        except OSError as exc:
            raise InputFileError(path, msg("cannot read import {target}: {reason}", target=target, reason=os_reason(exc)), line) from None
        self.read(text, full, visited, spec.ignore, imports=not spec.no_imports)


def _noted(note: str, regexes: tuple[str, ...]) -> str:
    """A concept's note with the regex patterns of one more rule named as not imported."""
    return f"{note or 'prh: regex patterns not imported:'} {' '.join(regexes)}" if regexes else note


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
    except yaml.YAMLError as exc:
        raise InputFileError(path, *yaml_problem(exc, text)) from None


def _line(node: yaml.Node | None) -> int | None:
    """1-based line where a node starts."""
    return node.start_mark.line + 1 if node is not None else None


def _scalar(node: yaml.Node | None) -> str | None:
    """The text of a non-null scalar node, else None."""
    if isinstance(node, yaml.ScalarNode) and node.tag != "tag:yaml.org,2002:null":
        return node.value
    return None


@dataclass(frozen=True)
class _Import:
    """One entry of `imports`."""

    path: str
    ignore: frozenset[str]  # rules dropped: by expected, or by a plain pattern
    no_imports: bool  # disableImports: the file's own imports are not read
    line: int | None


def _imports(node: yaml.Node, path: str) -> list[_Import]:
    """The entries of `imports`: a path, or a list of paths and `{path, ...}` mappings;
    none when the value is empty (every entry commented out)."""
    items = node.value if isinstance(node, yaml.SequenceNode) else [node]
    out = []
    for item in items:
        if isinstance(item, yaml.ScalarNode) and _scalar(item) is None:
            continue  # `imports:` or `- ` with nothing after it
        no_imports = False
        ignore: frozenset[str] = frozenset()
        if isinstance(item, yaml.MappingNode):
            fields = {k.value: v for k, v in item.value if isinstance(k, yaml.ScalarNode)}
            target = _scalar(fields.get("path"))
            ignore = frozenset(_ignored_rules(fields.get("ignoreRules")))
            no_imports = (_scalar(fields.get("disableImports")) or "").lower() == "true"
        else:
            target = _scalar(item)
        if not target:
            raise InputFileError(path, msg("an import needs a path"), _line(item))
        out.append(_Import(target, ignore, no_imports, _line(item)))
    return out


def _ignored_rules(node: yaml.Node | None) -> list[str]:
    """The texts of `ignoreRules`: strings, or the `expected` or `pattern` of mappings."""
    out = []
    for item in node.value if isinstance(node, yaml.SequenceNode) else []:
        if isinstance(item, yaml.MappingNode):
            fields = {k.value: v for k, v in item.value if isinstance(k, yaml.ScalarNode)}
            out += [t for t in (_scalar(fields.get("expected")), _scalar(fields.get("pattern"))) if t]
        elif text := _scalar(item):
            out.append(text)
    return out


def _ignored(rule: _Rule, ignore: frozenset[str]) -> bool:
    """Whether an import's `ignoreRules` names the rule, by its expected or a pattern."""
    return bool(ignore) and (rule.expected in ignore or any(p in ignore for p, _line in rule.patterns)
                             or any(r in ignore for r in rule.regexes))


def _rule(node: yaml.Node, path: str, strict: bool) -> _Rule | None:
    """One rule, or None when it is regex-only: an expected written with a substitution
    ($1), or an empty one (a rule that deletes what it matches)."""
    line = _line(node)
    if isinstance(node, yaml.ScalarNode) and _scalar(node) is not None:
        fields: dict[str, yaml.Node] = {"expected": node}  # `- Cookie`: the expected alone
    elif isinstance(node, yaml.MappingNode):
        fields = {k.value: v for k, v in node.value if isinstance(k, yaml.ScalarNode)}
    else:
        raise InputFileError(path, msg("a rule must be a mapping with expected and patterns"), line)
    written = _scalar(fields.get("expected"))
    if written is None and strict:
        raise InputFileError(path, msg("rule without expected"), line)
    expected = (written or "").strip()
    if written is not None and not expected or _SUBSTITUTION.search(expected):
        return None  # kept when lenient without an expected: `glossary validate` names the empty term
    pattern = fields.get("pattern")  # prh takes `pattern` when it is given, else `patterns`
    given = pattern if isinstance(pattern, yaml.SequenceNode) or _scalar(pattern) is not None else fields.get("patterns")
    items = given.value if isinstance(given, yaml.SequenceNode) else [given] if given is not None else []
    patterns: list[tuple[str, int | None]] = []
    regexes: list[str] = []
    for item in items:
        text = _scalar(item)
        if text is None:
            continue
        if _REGEX.fullmatch(text):
            regexes.append(text)
        elif text.strip() and text.strip() != expected:
            patterns.append((text.strip(), _line(item)))
    return _Rule(expected, _line(fields.get("expected")) or line, tuple(patterns), tuple(regexes), line, path)
