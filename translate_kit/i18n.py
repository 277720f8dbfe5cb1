"""The tool's own messages in the user's language (gettext domain `translate_kit`).

The language is `--ui-lang`, else the first of LANGUAGE, LC_ALL, LC_MESSAGES, LANG (as
gettext reads them); English when none names a language we have a catalog for. Help
texts stay plain strings in the click decorators (extracted by `i18n_extract`); `main`
runs a translated copy of the command tree, so nothing shared is changed. Messages
written in code go through `gettext`, which reads the running command's translation.
Rule ids, JSON and SARIF stay English.
"""

from __future__ import annotations

import copy
import gettext as _gettext
import inspect
import io
import os
from functools import lru_cache
from pathlib import Path
from typing import Mapping, Sequence

import click

from translate_kit.langtags import is_japanese
from translate_kit.messages import ENGLISH, Localizer

DOMAIN = "translate_kit"
PACKAGE_LOCALES = Path(__file__).resolve().parent / "locale"  # .mo files built at install time
SOURCE_LOCALES = Path(__file__).resolve().parent.parent / "locales"  # .po files of a source checkout
_META_KEY = "translate_kit.localizer"
_ENV = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")


def ui_language(argv: Sequence[str], environ: Mapping[str, str]) -> str | None:
    """The primary language subtag the user asks for (`ja`), or None for English."""
    explicit = _ui_lang_argument(argv)
    if explicit is not None:
        return _primary(explicit)
    for name in _ENV:
        value = environ.get(name, "")
        if value:
            return _primary(value.split(":")[0])
    return None


def _ui_lang_argument(argv: Sequence[str]) -> str | None:
    """The value of `--ui-lang X` or `--ui-lang=X` before the subcommand, if given."""
    for i, arg in enumerate(argv):
        if arg == "--ui-lang" and i + 1 < len(argv):
            return argv[i + 1]
        if arg.startswith("--ui-lang="):
            return arg.split("=", 1)[1]
        if not arg.startswith("-"):
            return None  # the subcommand: options after it are its own
    return None


def _primary(tag: str) -> str | None:
    primary = tag.strip().split(".")[0].split("@")[0].replace("-", "_").split("_")[0].lower()
    return None if primary in ("", "c", "posix", "en") else primary


@lru_cache(maxsize=8)
def translation(lang: str | None) -> _gettext.NullTranslations:
    """The catalog for a language: the installed .mo, else (a source checkout) the .po
    compiled in memory; English (no translation) when there is neither."""
    if lang is None:
        return _gettext.NullTranslations()
    try:
        return _gettext.translation(DOMAIN, localedir=str(PACKAGE_LOCALES), languages=[lang])
    except OSError:
        pass
    po_path = SOURCE_LOCALES / lang / "LC_MESSAGES" / f"{DOMAIN}.po"
    if not po_path.is_file():
        return _gettext.NullTranslations()
    import polib

    from translate_kit.catalog.compile import mo_bytes

    return _gettext.GNUTranslations(io.BytesIO(mo_bytes(polib.pofile(str(po_path)))))


def localizer_for(tag: str | None) -> Localizer:
    """How to show messages to a reader of `tag` (`ja`, `ja-JP`, `ja_JP.UTF-8`; None or a
    language without a catalog: English); a reader of Japanese sees no romanized readings."""
    lang = _primary(tag) if tag else None
    tr = translation(lang)
    if type(tr) is _gettext.NullTranslations:
        return ENGLISH
    return Localizer(tr, readings=not is_japanese(lang or ""))


def environment_language(environ: Mapping[str, str]) -> str | None:
    """The language the environment asks for (LANGUAGE, LC_ALL, LC_MESSAGES, LANG), or None."""
    return ui_language((), environ)


def gettext(message: str) -> str:
    """`message` in the running command's language (English outside a command)."""
    return localizer().gettext(message)


def localizer() -> Localizer:
    """How the running command shows findings' messages (English outside a command)."""
    ctx = click.get_current_context(silent=True)
    found = ctx.find_root().meta.get(_META_KEY) if ctx is not None else None
    return found if isinstance(found, Localizer) else ENGLISH


def localized(command: click.Command, argv: Sequence[str], environ: Mapping[str, str] | None = None) -> click.Command:
    """The command tree to run: `command` itself in English, else a copy with every help
    text translated and the translation kept for `gettext`."""
    lang = ui_language(argv, os.environ if environ is None else environ)
    shown = localizer_for(lang)
    if shown is ENGLISH:
        return command
    tr = translation(lang)
    tree = copy.deepcopy(command)
    _translate(tree, tr)
    base = tree.context_class

    class _Context(base):  # type: ignore[misc, valid-type]
        def __init__(self, *args, **kwargs) -> None:
            super().__init__(*args, **kwargs)
            self.meta.setdefault(_META_KEY, shown)

    tree.context_class = _Context
    return tree


def _translate(command: click.Command, tr: _gettext.NullTranslations) -> None:
    if command.help:
        command.help = tr.gettext(inspect.cleandoc(command.help))
    if command.short_help:
        command.short_help = tr.gettext(inspect.cleandoc(command.short_help))
    for param in command.params:
        if isinstance(param, click.Option) and param.help:
            param.help = tr.gettext(param.help)
    for sub in getattr(command, "commands", {}).values():
        _translate(sub, tr)


ui_lang_option = click.option(
    "--ui-lang", metavar="LANG", expose_value=False, is_eager=True,
    help="Language of the tool's messages, e.g. ja (default: from LANGUAGE, LC_ALL, LC_MESSAGES, LANG).",
)
