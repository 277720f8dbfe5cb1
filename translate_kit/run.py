"""One check run from paths to findings: the orchestration the CLI and the API share."""

from __future__ import annotations

from typing import Callable, Iterable, Sequence

from translate_kit import suppress
from translate_kit.analysis import Engine
from translate_kit.glossary import Glossary, load_glossary
from translate_kit.model import Finding, InputError, InputFileError, Severity
from translate_kit.pipeline import CheckOptions, RunContext, RunResult, build_context, run_rules
from translate_kit.rules import Rule, all_rules


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


def analyse(
    paths: Iterable[str],
    options: CheckOptions,
    engine: Engine | None = None,
    progress: Callable[[str], None] | None = None,
) -> RunContext:
    """Load glossaries and inputs into a run context (no rules applied yet)."""
    engine = engine or Engine(options.split_mode)
    glossary_errors: list[InputError] = []
    glossary = load_glossaries(options.glossary_paths, glossary_errors)
    ctx = build_context(paths, engine, options, progress=progress, glossary=glossary)
    ctx.errors[:0] = glossary_errors
    return ctx


def check_paths(
    paths: Iterable[str],
    options: CheckOptions,
    engine: Engine | None = None,
    rules: Sequence[Rule] | None = None,
    progress: Callable[[str], None] | None = None,
) -> RunResult:
    """Run every enabled rule over the inputs and return sorted findings and errors."""
    ctx = analyse(paths, options, engine, progress)
    findings = run_rules(ctx, rules if rules is not None else all_rules())
    aliases = {alias: r.id for r in all_rules() for alias in r.aliases}
    findings = sorted(set(suppress.apply(findings, ctx.suppressions, aliases)), key=Finding.sort_key)
    return RunResult(tuple(findings), tuple(ctx.errors), len(ctx.documents), ctx.segments, ctx)


def exit_code(result: RunResult, fail_on: Severity | None) -> int:
    """0 clean, 1 when a finding reaches `fail_on` (None = never), 2 on input errors."""
    if result.errors:
        return 2
    if fail_on is not None and any(f.severity >= fail_on for f in result.findings):
        return 1
    return 0
