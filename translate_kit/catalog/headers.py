"""Catalog headers from Babel: Language, Plural-Forms for the locale (CLDR), UTF-8
Content-Type, Project-Id-Version, POT-Creation-Date."""

from __future__ import annotations

import datetime

from babel import Locale, UnknownLocaleError
from babel.messages.catalog import Catalog

# What msginit --no-translator writes, so a fresh catalog carries no placeholder msgfmt warns about.
_NO_TRANSLATOR = {"Last-Translator": "Automatically generated", "Language-Team": "none"}


class LocaleError(ValueError):
    """A locale Babel does not know; `str()` is one line."""


def parse_locale(name: str) -> str:
    """The locale identifier for `name` (ja, pt-BR → pt_BR, zh_Hans), or LocaleError."""
    try:
        return str(Locale.parse(name.strip().replace("-", "_")))
    except (UnknownLocaleError, ValueError, TypeError):
        raise LocaleError(f"unknown locale {name!r} (Babel has no data for it; use a code such as ja, fr, pt_BR, zh_Hans)") from None


def header(project: str, created: datetime.datetime, locale: str | None = None) -> dict[str, str]:
    """Header fields of a template (`locale` None) or of a new catalog for `locale`."""
    catalog = Catalog(locale=locale, project=project, version=None, creation_date=created, fuzzy=False)
    fields = {key: value.strip() for key, value in catalog.mime_headers}
    fields["Project-Id-Version"] = project
    fields["Content-Type"] = "text/plain; charset=UTF-8"
    if locale is None:
        fields["Language"] = ""  # as xgettext leaves it: msginit or the export fills it per locale
    else:
        fields["PO-Revision-Date"] = fields["POT-Creation-Date"]
        fields.update(_NO_TRANSLATOR)
    return fields


def locale_headers(locale: str) -> dict[str, str]:
    """The fields that must describe a catalog's locale (added when an old file lacks them)."""
    catalog = Catalog(locale=locale, fuzzy=False)
    return {"Language": str(catalog.locale_identifier), "Plural-Forms": catalog.plural_forms}
