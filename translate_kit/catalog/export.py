"""`translate-kit export`: documents → `DIR/NAME.pot` and `DIR/LOC/LC_MESSAGES/NAME.po`
per locale, each existing catalog updated without loss (see merge.py)."""

from __future__ import annotations

import datetime
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import polib

from translate_kit.catalog.build import entries
from translate_kit.catalog.extract import SourceDocument
from translate_kit.catalog.files import read_po, write_catalog
from translate_kit.catalog.headers import header, locale_headers
from translate_kit.catalog.merge import MergeStats, merge
from translate_kit.catalog.notes import GlossaryNotes, Tokenize
from translate_kit.catalog.units import Unit
from translate_kit.glossary.model import Glossary
from translate_kit.limits import os_reason
from translate_kit.messages import msg
from translate_kit.model import InputError, InputFileError


@dataclass(frozen=True)
class ExportOptions:
    """Where catalogs go and what they are called."""

    output_dir: str
    locales: tuple[str, ...]
    domain: str = "messages"
    project: str | None = None  # Project-Id-Version (default: the domain)


@dataclass(frozen=True)
class Written:
    """One catalog the export produced: its path, locale (None for the template), how many
    entries, whether the file changed, and for an updated catalog what the merge did."""

    path: str
    locale: str | None
    entries: int
    changed: bool
    stats: MergeStats | None = None


def template_path(options: ExportOptions) -> str:
    return os.path.join(options.output_dir, f"{options.domain}.pot")


def catalog_path(options: ExportOptions, locale: str) -> str:
    return os.path.join(options.output_dir, locale, "LC_MESSAGES", f"{options.domain}.po")


def export(
    documents: Sequence[SourceDocument],
    options: ExportOptions,
    glossary: Glossary | None = None,
    tokenize: Tokenize | None = None,
    now: datetime.datetime | None = None,
) -> tuple[list[Written], list[InputError]]:
    """Write the template and one catalog per locale; a catalog that cannot be read is an
    error (and is left as it is), the other locales are still written."""
    now = now or datetime.datetime.now(datetime.timezone.utc)
    project = options.project or options.domain
    units = [u for doc in documents for u in doc.units]
    notes = _notes(documents, glossary, tokenize)
    written: list[Written] = []
    errors: list[InputError] = []

    pot = polib.POFile(wrapwidth=79)
    pot.header = f"Template for translations of {project}.\nWritten by translate-kit export; do not edit: translate the .po files."
    pot.metadata = header(project, now)
    pot.metadata_is_fuzzy = True  # a template's header is a draft, as xgettext writes it
    pot.extend(entries(units, notes(None)))
    path = template_path(options)
    try:
        written.append(Written(path, None, len(pot), write_catalog(path, pot)))
    except OSError as exc:
        errors.append(write_error(path, exc))

    for locale in options.locales:
        path = catalog_path(options, locale)
        fresh = entries(units, notes(locale))
        try:
            catalog, stats = _updated(path, fresh, project, locale, now)
            written.append(Written(path, locale, len([e for e in catalog if not e.obsolete]), write_catalog(path, catalog), stats))
        except InputFileError as exc:
            errors.append(exc.as_error())
        except OSError as exc:
            errors.append(write_error(path, exc))
    return written, errors


def write_error(path: str, exc: OSError) -> InputError:
    """A file that could not be written, in one line (the old file is still there)."""
    return InputError.of(path, None, msg("cannot write: {reason}", reason=os_reason(exc)))


def _updated(path: str, fresh: list[polib.POEntry], project: str, locale: str, now: datetime.datetime) -> tuple[polib.POFile, MergeStats | None]:
    """The catalog for `locale`: a new one, or the existing file merged with `fresh`."""
    catalog = polib.POFile(wrapwidth=79)
    if not os.path.exists(path):
        catalog.header = f"Translations of {project} into {locale}."
        catalog.metadata = header(project, now, locale)
        catalog.extend(fresh)
        return catalog, None
    old = read_po(path)
    merged, stats = merge(old, fresh)
    catalog.header = old.header
    catalog.metadata = dict(old.metadata)
    for key, value in locale_headers(locale).items():
        if not catalog.metadata.get(key):
            catalog.metadata[key] = value
    catalog.metadata["POT-Creation-Date"] = header(project, now)["POT-Creation-Date"]
    catalog.metadata_is_fuzzy = old.metadata_is_fuzzy
    catalog.extend(merged)
    return catalog, stats


def _notes(
    documents: Sequence[SourceDocument], glossary: Glossary | None, tokenize: Tokenize | None
) -> Callable[[str | None], Callable[[Unit], list[str]] | None]:
    """For a locale (None: the template), the glossary notes of a unit, in the language
    of the document it came from."""
    if glossary is None or not glossary.concepts or tokenize is None:
        return lambda _locale: None
    lang_of = {doc.path: doc.lang for doc in documents}
    finders: dict[str, GlossaryNotes] = {}

    def finder(lang: str) -> GlossaryNotes:
        if lang not in finders:
            finders[lang] = GlossaryNotes(glossary, lang, tokenize)
        return finders[lang]

    return lambda locale: lambda unit: finder(lang_of[unit.path]).notes(unit.msgid, locale)
