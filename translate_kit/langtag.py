"""Language tags given by the user (`--lang`, `--source-lang`, `lang` in a config): only
tags Babel can parse, so a typo never silently disables a check (jp is Japan, not Japanese)."""

from __future__ import annotations

import re

_ENCODING_OR_MODIFIER = re.compile(r"[.@].*$")


def language_problem(tag: str) -> str | None:
    """Why `tag` is not a language tag (one line, with a suggestion when a country code was
    given for its language: "did you mean ja?"), or None when Babel knows it."""
    from babel import Locale, UnknownLocaleError

    cleaned = _ENCODING_OR_MODIFIER.sub("", tag.strip()).replace("-", "_")
    try:
        Locale.parse(cleaned)
        return None
    except (UnknownLocaleError, ValueError, TypeError):
        pass
    message = f"unknown language {tag!r} (a language tag such as ja, ja-JP or en)"
    suggestion = _language_of_territory(cleaned.split("_")[0])
    if suggestion is not None:
        message += f"; did you mean {suggestion}?"
    return message


def _language_of_territory(code: str) -> str | None:
    """The most likely language of a region given as a language (jp → ja, cn → zh, kr → ko),
    from CLDR's likely subtags."""
    from babel import Locale, UnknownLocaleError

    if not code.isalpha() or len(code) != 2:
        return None
    try:
        return Locale.parse(f"und_{code.upper()}").language
    except (UnknownLocaleError, ValueError):
        return None


def language_option(_ctx: object, _param: object, value: str | None) -> str | None:
    """A click callback for --lang and --source-lang: the tag, or a usage error."""
    import click

    problem = language_problem(value) if value is not None else None
    if problem is not None:
        raise click.BadParameter(problem)
    return value
