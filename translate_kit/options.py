"""What a run is configured with, apart from its inputs: plain values every layer reads."""

from __future__ import annotations

from dataclasses import dataclass

from translate_kit.model import Severity


@dataclass(frozen=True)
class RuleSettings:
    """Which rules run, and at which severity (overrides of the declared default)."""

    select: frozenset[str] | None = None
    ignore: frozenset[str] = frozenset()
    severities: tuple[tuple[str, Severity], ...] = ()
    # rules that run only when asked for (`Rule.default_enabled` false), asked for here
    # (config `enabled = true`) or by `select`
    enable: frozenset[str] = frozenset()

    def enabled(self, rule_id: str) -> bool:
        if rule_id in self.ignore:
            return False
        return self.select is None or rule_id in self.select

    def runs(self, rule_id: str, default_enabled: bool = True) -> bool:
        """Whether a rule runs: enabled, and either on by default or asked for by name."""
        if not self.enabled(rule_id):
            return False
        return default_enabled or rule_id in self.enable or (self.select is not None and rule_id in self.select)

    def severity_of(self, rule_id: str, default: Severity) -> Severity:
        return dict(self.severities).get(rule_id, default)


@dataclass(frozen=True)
class CheckOptions:
    """Everything a run is configured with, apart from the inputs."""

    lang: str | None = None
    source_lang: str = "en"
    split_mode: str = "C"
    include_fuzzy: bool = False
    rules: RuleSettings = RuleSettings()
    glossary_paths: tuple[str, ...] = ()
    collect_words: bool = True  # `entities` needs names only
    jobs: int | None = 1  # worker processes for large inputs (0 = one per core; None = 1)
    cache_dir: str | None = None  # content-hash cache of what each file contributes
    report_untranslated: bool = False  # untranslated entries become findings, not just a count
    respect_gitignore: bool = True  # directory walks leave out what git ignores (a file named is always read)
    encoding: str | None = None  # of text and Markdown files (default UTF-8); catalogs declare their charset
    source_files: tuple[tuple[str, str], ...] = ()  # key files' source files: (glob, path with {lang}); else conventions
    # config `per-file-ignores`: (config directory, regex over the path relative to it, rule ids)
    per_file_ignores: tuple[tuple[str, str, frozenset[str]], ...] = ()  # (config dir, glob, rule ids)
