"""What a rule is: a declared object with an id, a default severity and its docs.

Rules come in two shapes. A *segment rule* looks at one analysed segment at a time (pure,
cacheable). A *run rule* is a reduction over everything the run saw (all files checked
together), such as spelling variants or inconsistent names. Both yield `Finding`s.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable, Iterable, Iterator

from translate_kit.messages import Message, english, msg_n, template_of
from translate_kit.model import Finding, Severity

if TYPE_CHECKING:  # pragma: no cover
    from translate_kit.model import CatalogEntry, Document, Place
    from translate_kit.engine.contribution import DocumentScope
    from translate_kit.engine.corpus import RunView


@dataclass(frozen=True)
class RuleDoc:
    """The what / why / example text of a rule, shown by `translate-kit rule ID`."""

    what: str
    why: str
    example_bad: str
    example_good: str


@dataclass(frozen=True)
class Rule:
    """A declared rule.

    A run rule sets `check(ctx)`: a reduction over everything the run saw. A document rule
    sets `check_document(doc, ctx)` instead: it sees one loaded `Document` at a time (all
    its segments, e.g. a catalog entry's msgid and msgstr side by side), right after the
    file is loaded, and must be a pure function of the document and options. An *entry
    rule* sets `check_entry(doc, entry, ctx)`: it sees one compared catalog entry at a
    time, right after that entry's segments are analysed, so the rules share the entry's
    masked texts and words (`ctx.masked`, `ctx.japanese`) and nothing is kept for the
    whole file; its `check_document` is derived (the same checks, entry by entry).
    """

    id: str
    severity: Severity
    summary: str
    doc: RuleDoc
    check: Callable[["RunView"], Iterable[Finding]] | None = None
    aliases: tuple[str, ...] = ()
    check_document: Callable[["Document", "DocumentScope"], Iterable[Finding]] | None = None
    check_entry: Callable[["Document", "CatalogEntry", "DocumentScope"], Iterable[Finding]] | None = None
    # Rules that say the same thing better where both find something at one place: this
    # rule's finding there is dropped when that rule is enabled (one problem, one finding).
    defers_to: tuple[str, ...] = ()
    # Facts the analysis computes only for rules that declare them: "word-units" (every
    # Sudachi word of a bilingual document's Japanese segments, with its mode-A parts)
    needs: frozenset[str] = frozenset()
    # False for a rule still proving its precision: it runs only when selected by name
    # (`--select`, or `enabled = true` in the config); the rules table marks it "opt-in"
    default_enabled: bool = True

    def __post_init__(self) -> None:
        if self.check_entry is not None and self.check_document is None:
            object.__setattr__(self, "check_document", _EntryByEntry(self.check_entry))

    @property
    def name(self) -> str:
        """CamelCase name, as SARIF's `reportingDescriptor.name` wants."""
        return "".join(part.capitalize() for part in self.id.split("-"))

    def help_text(self, _: Callable[[str], str] = str) -> str:
        """The summary, docs and examples; `_` translates (the CLI's gettext; English by default)."""
        d = self.doc
        return (
            _(self.summary) + "\n\n" + _("What it does: {what}").format(what=_(d.what)) + "\n\n" + _("Why: {why}").format(why=_(d.why))
            + "\n\n" + _("Example (flagged): {example}").format(example=d.example_bad)
            + "\n" + _("Example (fine): {example}").format(example=d.example_good)
            + ("\n\n" + _("Where {rules} reports the same place, only that finding is kept.").format(rules=" / ".join(self.defers_to))
               if self.defers_to else "")
        )


@dataclass(frozen=True)
class _EntryByEntry:
    """An entry rule as a document rule: the compared entries of a bilingual document in
    turn, each with a fresh per-entry memo (a value, so a rule pickles to spawned workers)."""

    check_entry: Callable[["Document", "CatalogEntry", "DocumentScope"], Iterable[Finding]]

    def __call__(self, doc: "Document", ctx: "DocumentScope") -> Iterator[Finding]:
        if not doc.bilingual:
            return
        for entry in doc.compared_entries(ctx.options.include_fuzzy):
            yield from self.check_entry(doc, entry, ctx)
            ctx.entry_done()


def counted(n: int, m: int) -> Message:
    """How often the expected form is written against the found one, for messages: "12
    times (vs 3)"; a tie says what broke it."""
    if n == m:
        return msg_n("{n} time (vs {m}; a tie, and the dictionary's standard spelling decides)",
                     "{n} times (vs {m}; a tie, and the dictionary's standard spelling decides)", n, m=m)
    return msg_n("{n} time (vs {m})", "{n} times (vs {m})", n, m=m)


def finding_at(
    rule: Rule,
    place: "Place",
    message: str | Message,
    found: str,
    expected: str | None = None,
    entity: str | None = None,
    related: tuple = (),
    severity: Severity | None = None,
) -> Finding:
    """A finding of `rule` over a place in a file, at the rule's default severity unless
    told otherwise."""
    return Finding(
        rule=rule.id,
        severity=rule.severity if severity is None else severity,
        path=place.path,
        line=place.line,
        column=place.column,
        end_line=place.end_line,
        end_column=place.end_column,
        message=english(message),
        found=found,
        expected=expected,
        entity=entity,
        related=related,
        template=template_of(message),
    )
