"""One check run from paths to findings: the orchestration the CLI and the API share."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field, replace
from typing import Callable, Iterable, Iterator, Mapping, Sequence

from translate_kit import suppress
from translate_kit.analysis import Engine
from translate_kit.cache import ContributionCache
from translate_kit.engine import codec
from translate_kit.engine.build import Loader, build_corpus, open_cache, resources_for
from translate_kit.engine.collect import fewer_collections, heap_frozen
from translate_kit.engine.contribution import Resources, one_line
from translate_kit.engine.corpus import Corpus, RunView
from translate_kit.glossary import Glossary, load_glossary
from translate_kit.model import Finding, InputError, InputFileError, Severity
from translate_kit.options import CheckOptions
from translate_kit.rules import Rule, all_rules


# Where the errors of the run rules (which read every file) are said to be.
RUN_PATH = "<run>"


@dataclass(frozen=True)
class RunResult:
    """The outcome of a run: findings, input errors, counts, and the corpus they came from."""

    findings: tuple[Finding, ...]
    errors: tuple[InputError, ...]
    files: int
    segments: int
    corpus: Corpus
    untranslated: int = 0
    # the findings' lines, when already known (kept with the run's findings in the cache,
    # or read back from it)
    stored_lines: "Mapping[tuple[str, int], str] | None" = field(default=None, compare=False, repr=False)

    def source_lines(self) -> dict[tuple[str, int], str]:
        """The text of each finding's line, as the run decoded its file (for snippets
        and baseline fingerprints), without reading any file again: those kept with the
        run's findings when known (a warm run then decodes no file's text)."""
        if self.stored_lines is not None:
            return dict(self.stored_lines)
        out: dict[tuple[str, int], str] = {}
        for f in self.findings:
            if (f.path, f.line) in out:
                continue
            line = self.corpus.source_line(f.path, f.line)
            if line is not None:
                out[(f.path, f.line)] = line.rstrip("\r\n")
        return out


def load_glossaries(paths: Sequence[str], errors: list[InputError]) -> Glossary | None:
    """Load and merge glossary files; a bad one becomes an input error, the rest still load."""
    merged: Glossary | None = None
    for path in paths:
        try:
            g = load_glossary(path)
        except InputFileError as exc:
            errors.append(exc.as_error())
            continue
        merged = g if merged is None else merged.merged(g)
    return merged


def prepare(options: CheckOptions, engine: Engine | None = None, rules: Sequence[Rule] | None = None) -> tuple[Resources, list[InputError]]:
    """The run's resources (engine, glossary, document rules) and the glossary errors."""
    engine = engine or Engine(options.split_mode)
    errors: list[InputError] = []
    glossary = load_glossaries(options.glossary_paths, errors)
    return resources_for(engine, options, glossary, rules if rules is not None else all_rules()), errors


def analyse(
    paths: Iterable[str],
    options: CheckOptions,
    engine: Engine | None = None,
    progress: Callable[[str], None] | None = None,
    loader: Loader | None = None,
) -> tuple[RunView, list[InputError]]:
    """Load glossaries and inputs into a run view (no run rules applied yet)."""
    resources, errors = prepare(options, engine)
    corpus, load_errors = build_corpus(paths, resources, loader, progress)
    load_errors += corpus.settle()
    view = corpus.view(resources.engine, options, resources.glossary)
    return view, errors + load_errors + view.errors


def check_paths(
    paths: Iterable[str],
    options: CheckOptions,
    engine: Engine | None = None,
    rules: Sequence[Rule] | None = None,
    progress: Callable[[str], None] | None = None,
    loader: Loader | None = None,
    buffers: Mapping[str, str] | None = None,
) -> RunResult:
    """Run every enabled rule over the inputs and return sorted findings and errors;
    `buffers` gives the text of paths read from elsewhere than the file (stdin, an editor)."""
    rules = tuple(rules if rules is not None else all_rules())
    resources, errors = prepare(options, engine, rules)
    cache = open_cache(resources)
    corpus, load_errors = build_corpus(paths, resources, loader, progress, buffers, cache)
    return check_corpus(corpus, resources, rules, errors + load_errors, cache)


def check_corpus(corpus: Corpus, resources: Resources, rules: Sequence[Rule], errors: Sequence[InputError] = (),
                 cache: ContributionCache | None = None) -> RunResult:
    """The run rules over a corpus, with the document rules' findings its files carry:
    what a language server calls again after one file's contribution changed. With the
    run's `cache`, a corpus whose every file has a cache key is checked once: the findings
    of the same files, settings and rules are read back from it."""
    key = _run_key(corpus, rules, cache)
    if key is not None and cache is not None:
        payload = cache.get(key)
        stored = codec.decode_run(payload) if payload is not None else None
        if stored is not None:
            found, run_errors, (files, segments, untranslated), lines = stored
            return RunResult(found, (*errors, *run_errors), files, segments, corpus, untranslated, lines)
    with fewer_collections():
        unread = corpus.settle()  # the files' cache entries not read yet
    if unread:  # files that could not be read after all are not in the run, nor in its key
        errors = (*errors, *unread)
        key = _run_key(corpus, rules, cache)
    # the rules allocate much, and the collector would walk the whole corpus again and again
    with fewer_collections(), heap_frozen():
        return _checked(corpus, resources, rules, errors, cache, key)


def _checked(corpus: Corpus, resources: Resources, rules: Sequence[Rule], errors: Sequence[InputError],
             cache: ContributionCache | None, key: bytes | None) -> RunResult:
    """The run rules' findings over the corpus, stored under `key` when the run has one."""
    view = corpus.view(resources.engine, resources.options, resources.glossary)
    findings = list(run_rules(view, rules))
    aliases = {alias: r.id for r in all_rules() for alias in r.aliases}
    suppressions = [s for f in view.files for s in f.suppressions]
    findings = suppress.apply_per_file(suppress.apply(findings, suppressions, aliases), resources.options.per_file_ignores, aliases)
    result = RunResult(tuple(sorted(set(findings), key=Finding.sort_key)), (*errors, *view.errors), len(view.files),
                       view.segments, corpus, view.untranslated)
    if key is not None and cache is not None and not any(e.path == RUN_PATH for e in view.errors):
        # a run rule that crashed (a bug, or a passing MemoryError) is never replayed
        lines = result.source_lines()
        payload = codec.encode_run(result.findings, tuple(view.errors), (result.files, result.segments, result.untranslated), lines)
        if payload is not None:
            cache.put(key, payload)
        return replace(result, stored_lines=lines)  # the reports ask for them again
    return result


def _run_key(corpus: Corpus, rules: Sequence[Rule], cache: ContributionCache | None) -> bytes | None:
    """The cache key of the run's findings; None without a cache, when a file has no key
    (an editor's buffer), or when a rule is not the registry's own (its id would not say
    what it does)."""
    if cache is None:
        return None
    files = corpus.cache_keys()
    registry = all_rules()
    if files is None or not all(any(rule is known for known in registry) for rule in rules):
        return None
    return cache.run_key(files, [rule.id for rule in rules])


def run_rules(view: RunView, rules: Iterable[Rule]) -> Iterator[Finding]:
    """Apply each enabled rule; a crash inside one rule becomes an input error, not a pass.
    A rule's finding at a place where a rule it defers to (`Rule.defers_to`) also found
    something is dropped."""
    rules = list(rules)
    found = list(_rule_findings(view, rules))
    deferring = {r.id: r.defers_to for r in rules if r.defers_to}
    if not deferring:
        yield from found
        return
    taken: dict[str, set[tuple[str, int, int]]] = defaultdict(set)
    for f in found:
        taken[f.rule].add((f.path, f.line, f.column))
    for f in found:
        others = deferring.get(f.rule, ())
        if not any((f.path, f.line, f.column) in taken[other] for other in others):
            yield f


def _rule_findings(view: RunView, rules: Iterable[Rule]) -> Iterator[Finding]:
    """Every enabled rule's findings: at the severity the configuration gives the rule,
    else at their own (a rule may report a weak case below its default: a glossary link
    found only by similarity is `info`)."""
    settings = view.options.rules
    configured = dict(settings.severities)
    by_rule: dict[str, list[Finding]] = defaultdict(list)
    for contribution in view.files:
        for f in contribution.findings:
            by_rule[f.rule].append(f)
    for rule in rules:
        if not settings.runs(rule.id, rule.default_enabled):
            continue
        severity = configured.get(rule.id)
        if rule.check is None:
            found: Iterable[Finding] = by_rule.get(rule.id, [])
        else:
            try:
                found = list(rule.check(view))
            except Exception as exc:  # noqa: BLE001 - a rule bug must not look like a clean pass
                view.errors.append(InputError(RUN_PATH, None, f"rule {rule.id} crashed: {type(exc).__name__}: {one_line(str(exc))}"))
                continue
        for f in found:
            yield f if severity is None or f.severity == severity else replace(f, severity=severity)


def exit_code(result: RunResult, fail_on: Severity | None) -> int:
    """0 clean, 1 when a finding reaches `fail_on` (None = never), 2 on input errors."""
    if result.errors:
        return 2
    if fail_on is not None and any(f.severity >= fail_on for f in result.findings):
        return 1
    return 0
