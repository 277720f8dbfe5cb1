"""The server's view of a workspace: its config and resources, a `Corpus` of every file's
contribution (open buffers in place of their files), and the last run over it.

Only the server's one analysis thread calls these methods, so nothing here is locked.
Nothing here knows the protocol: paths, texts and findings in, findings out.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Any, Mapping

from translate_kit import sources
from translate_kit.analysis import Engine
from translate_kit.anchors import run_mentions
from translate_kit.cluster import cluster_mentions
from translate_kit.config import Config, ConfigError, apply_overrides, checked_setting, find_config, load_config
from translate_kit.engine.build import default_loader, resources_for
from translate_kit.engine.builder import contribute
from translate_kit.engine.contribution import Resources, one_line
from translate_kit.engine.corpus import Corpus
from translate_kit.engine.memo import MemoEngine
from translate_kit.entities import from_clusters
from translate_kit.link import GlossaryIndex
from translate_kit.model import Document, InputError, InputFileError
from translate_kit.rules import Rule, all_rules
from translate_kit.run import RunResult, check_corpus, load_glossaries

# Client settings (`translate-kit.*`) that override the config file, by Config field name.
SETTING_NAMES = {"glossary": "glossary", "lang": "lang", "sourceLang": "source_lang", "source-lang": "source_lang",
                 "select": "select", "ignore": "ignore", "includeFuzzy": "include_fuzzy", "include-fuzzy": "include_fuzzy",
                 "respectGitignore": "respect_gitignore", "respect-gitignore": "respect_gitignore"}
# What an editor's language id says about a buffer whose name has no known suffix.
LANGUAGE_FORMATS = {"markdown": "markdown", "restructuredtext": "rst", "plaintext": "text", "text": "text", "po": "po", "pot": "po", "gettext": "po"}


@dataclass
class Setup:
    """The run's settings and resources, and the files whose change makes them stale."""

    config: Config
    resources: Resources
    watched: dict[str, float | None] = field(default_factory=dict)  # path -> mtime when read


def _mtime(path: str) -> float | None:
    try:
        return os.stat(path).st_mtime_ns
    except OSError:
        return None


class WorkspaceState:
    """Contributions by path for one workspace folder (or none), kept current by edits."""

    def __init__(self, root: str | None, engine: Engine | None = None, rules: tuple[Rule, ...] | None = None) -> None:
        self.root = root
        self.rules = rules if rules is not None else tuple(all_rules())
        self._engine = engine
        self.memo: MemoEngine | None = None
        self.corpus = Corpus()
        self.buffers: dict[str, tuple[str, str]] = {}  # open documents: path -> (text, format)
        self.buffer_errors: dict[str, InputError] = {}
        self.parse_memos: dict[str, dict] = {}  # open documents: path -> the pieces parsed so far
        self.setup: Setup | None = None
        self.settings: Mapping[str, Any] = {}
        self.result: RunResult | None = None
        self.indexed = False
        self._entities: tuple | None = None
        self._glossary_index: tuple | None = None

    # -- settings --------------------------------------------------------------------------

    def configure(self, settings: Mapping[str, Any] | None = None) -> list[str]:
        """(Re)read the config file and glossaries, with the client's settings on top; every
        contribution is recomputed as needed. Returns the problems to show the user."""
        if settings is not None:
            self.settings = settings
        problems: list[str] = []
        found = find_config([self.root]) if self.root else None  # the file, and the path to watch
        try:
            config = load_config(found[0]) if found is not None else Config()
        except ConfigError as exc:
            problems.append(f"translate-kit: {exc}; using the defaults")
            config = Config()
        given, refused = self._overrides()
        problems.extend(f"translate-kit: {error}; ignored" for error in refused)
        try:
            config = apply_overrides(config, given)
        except ValueError as exc:
            problems.append(f"translate-kit: settings: {exc}")
        if self._engine is None or self._engine.split_mode != config.split_mode:
            self._engine = Engine(config.split_mode)
        self.memo = MemoEngine(self._engine)
        options = config.to_check_options(cache_dir=None, jobs=1)
        errors: list[InputError] = []
        glossary = load_glossaries(options.glossary_paths, errors)
        problems.extend(f"translate-kit: glossary {e}" for e in errors)
        resources = resources_for(self.memo, options, glossary, self.rules)  # type: ignore[arg-type]
        watched = {p: _mtime(p) for p in options.glossary_paths}
        if found is not None:
            watched[found[0]] = _mtime(found[0])
        self.setup = Setup(config, resources, watched)
        self.corpus = Corpus()  # every contribution depends on the resources
        self.indexed = False
        for path, (text, fmt) in self.buffers.items():
            self._put_buffer(path, text, fmt)
        return problems

    def _overrides(self) -> tuple[dict[str, Any], list[ConfigError]]:
        """The client's settings as Config fields, and each setting refused (a wrong type)."""
        given: dict[str, Any] = {}
        refused: list[ConfigError] = []
        for key, value in (self.settings or {}).items():
            name = SETTING_NAMES.get(key)
            if name is None or value is None:
                continue
            try:
                value = checked_setting("settings", name, value)
            except ConfigError as exc:
                refused.append(exc)
                continue
            if name == "glossary":
                value = tuple(os.path.normpath(os.path.join(self.root or ".", os.path.expanduser(p))) for p in value)
            given[name] = value
        return given, refused

    def stale(self) -> bool:
        """Whether the config file or a glossary changed on disk since they were read."""
        if self.setup is None:
            return True
        if any(_mtime(p) != m for p, m in self.setup.watched.items()):
            return True
        found = find_config([self.root]) if self.root else None
        return found is not None and found[0] not in self.setup.watched  # a config file appeared

    def watches(self, path: str) -> bool:
        """Whether a change to `path` changes the settings (config file or glossary)."""
        if self.setup is not None and os.path.normpath(path) in {os.path.normpath(p) for p in self.setup.watched}:
            return True
        if os.path.basename(path) == ".gitignore":  # it changes which files the workspace has, where the walk reads it
            config = self.setup.config if self.setup is not None else None
            return (config is not None and config.respect_gitignore and self.root is not None
                    and sources.walked(self.root, os.path.dirname(path), directory=True))
        return os.path.basename(path) in ("pyproject.toml", "translate-kit.toml")

    # -- documents -------------------------------------------------------------------------

    def format_of(self, path: str, language_id: str | None = None) -> str | None:
        """The loader format for a buffer: by its name, else by the editor's language id."""
        fmt = sources.REGISTRY.for_path(path)
        if fmt is not None:
            return fmt.name
        return LANGUAGE_FORMATS.get((language_id or "").lower())

    def open(self, path: str, text: str, fmt: str) -> None:
        """An open or edited buffer replaces its file's contribution."""
        self.buffers[path] = (text, fmt)
        self._put_buffer(path, text, fmt)

    def _put_buffer(self, path: str, text: str, fmt: str) -> None:
        assert self.setup is not None
        options = self.setup.resources.options
        self.buffer_errors.pop(path, None)
        try:
            memo = self.parse_memos.setdefault(path, {})
            if len(memo) > 4 * max(1, text.count("\n\n")):  # pieces of old versions of the buffer
                memo.clear()
            doc = sources.load_text(text, path=path, format=fmt, lang=options.lang, source_lang=options.source_lang, memo=memo,
                                    source_files=options.source_files)
        except InputFileError as exc:
            self.buffer_errors[path] = exc.as_error()
            self.corpus.drop(path)  # a broken buffer says nothing about names until it parses
            return
        self._contribute(doc)

    def close(self, path: str) -> None:
        """A closed buffer gives way to its file as saved (or leaves the run with it)."""
        self.buffers.pop(path, None)
        self.buffer_errors.pop(path, None)
        self.parse_memos.pop(path, None)
        self.corpus.drop(path)
        if self.indexed and self.in_workspace(path) and os.path.isfile(path):
            self.index(path)

    def in_workspace(self, path: str) -> bool:
        if self.root is None or self.setup is None:
            return False
        config = self.setup.config
        return sources.walked(self.root, path, respect_gitignore=config.respect_gitignore) and config.wants(path)

    def workspace_files(self) -> list[str]:
        """The workspace folder's files, as `check` would walk them (include/exclude applied)."""
        if self.root is None or self.setup is None:
            return []
        files, _errors = sources.discover([self.root], respect_gitignore=self.setup.config.respect_gitignore)
        return [f for f in files if self.setup.config.wants(f)]

    def index(self, path: str) -> None:
        """Read one workspace file from disk into the corpus, unless it is open; a file
        that cannot be read or parsed is left out (it is `check`'s job to report it)."""
        if path in self.buffers or self.setup is None:
            return
        try:
            doc = default_loader(self.setup.resources.options)(path)
        except (InputFileError, OSError, UnicodeError):
            self.corpus.drop(path)
            return
        self._contribute(doc)

    def forget(self, path: str) -> bool:
        """A workspace file deleted on disk, or a folder: clients send one event for a
        deleted folder, and every file indexed under it goes with it. Whether any went."""
        under = os.path.join(os.path.abspath(path), "")
        gone = [p for p in self.corpus.paths() if p not in self.buffers and (p == path or os.path.abspath(p).startswith(under))]
        for indexed in gone:
            self.corpus.drop(indexed)
        return bool(gone)

    def _contribute(self, doc: Document) -> None:
        assert self.setup is not None
        try:
            self.corpus.put(doc.path, contribute(doc, self.setup.resources))
        except Exception as exc:  # noqa: BLE001 - one document's bug must not stop the server
            self.corpus.drop(doc.path)
            self.buffer_errors[doc.path] = InputError(doc.path, None, f"internal error: {type(exc).__name__}: {one_line(str(exc))}")

    # -- runs ------------------------------------------------------------------------------

    def check(self) -> RunResult:
        """The run rules over the corpus as it stands."""
        assert self.setup is not None
        self.result = check_corpus(self.corpus, self.setup.resources, self.rules)
        return self.result

    def findings_for(self, path: str) -> list:
        if self.result is None:
            return []
        return [f for f in self.result.findings if f.path == path]

    # -- names -----------------------------------------------------------------------------

    def entities(self) -> list:
        """The workspace's entities as `translate-kit entities` lists them, once per run."""
        if self.result is None:
            return []
        if self._entities is None or self._entities[0] is not self.result:
            mentions = run_mentions(m for c in self.corpus.contributions() for m in c.mentions)
            self._entities = (self.result, from_clusters(cluster_mentions(mentions)))
        return self._entities[1]

    def entity_at(self, path: str, place) -> object | None:
        """The entity one of whose renderings is used at `place`."""
        for entity in self.entities():
            for rendering in entity.renderings:
                if any(p.path == path and p.line == place.line and p.column == place.column for p in rendering.places):
                    return entity
        return None

    def concept_of(self, mention) -> object | None:
        """The glossary concept a name links to, or None."""
        glossary = self.setup.resources.glossary if self.setup is not None else None
        if glossary is None:
            return None
        if self._glossary_index is None or self._glossary_index[0] is not glossary:
            self._glossary_index = (glossary, GlossaryIndex(glossary))
        link = self._glossary_index[1].link(mention)
        return link.concept if link is not None else None
