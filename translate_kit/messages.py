"""Finding messages as gettext msgids with named arguments, shown in the reader's language.

A rule builds `msg("{form} is deprecated in the glossary ({concept})", form=..., concept=...)`
instead of an f-string: the finding keeps the English text (JSON, SARIF, fingerprints and
the cache read that) and the `Message`, which a reporter for people renders through a
`Localizer` the CLI chose. Rules never see a language, so nothing global is read and a
cached finding serves every UI language. Babel extracts `msg`/`msg_n` (see i18n_extract).
"""

from __future__ import annotations

import gettext as _gettext
from dataclasses import dataclass, field
from typing import Protocol, Union

Arg = Union[str, int, "Reading", "Message"]


class Translations(Protocol):
    """What we use of `gettext.NullTranslations`."""

    def gettext(self, message: str, /) -> str: ...

    def ngettext(self, singular: str, plural: str, n: int, /) -> str: ...


@dataclass(frozen=True)
class Reading:
    """A name with its romanized reading ("ビクトル (≈ bikutoru)"): it helps readers of
    Latin script compare sounds; a reader of kana is shown the name alone."""

    text: str
    roman: str


@dataclass(frozen=True)
class Message:
    """A msgid (python-brace-format) and its arguments; `plural`/`count` for ngettext."""

    template: str
    args: tuple[tuple[str, Arg], ...] = ()
    plural: str | None = None
    count: int = 1

    def english(self) -> str:
        return ENGLISH.text(self)


def msg(template: str, /, **args: Arg) -> Message:
    """A message with named arguments; the template is the msgid (extracted by Babel)."""
    return Message(template, tuple(args.items()))


def msg_n(singular: str, plural: str, n: int, /, **args: Arg) -> Message:
    """A message whose wording depends on the number `n` (passed to the template as {n})."""
    return Message(singular, (("n", n), *args.items()), plural, n)


@dataclass(frozen=True)
class Localizer:
    """Renders messages with a language's translations; `readings` shows the romanized
    reading beside a kana name (for readers who do not read kana)."""

    translations: Translations = field(default_factory=_gettext.NullTranslations)
    readings: bool = True

    def text(self, message: Message) -> str:
        if message.plural is None:
            template = self.translations.gettext(message.template)
        else:
            template = self.translations.ngettext(message.template, message.plural, message.count)
        return template.format(**{name: self._arg(value) for name, value in message.args})

    def _arg(self, value: Arg) -> str:
        if isinstance(value, Message):
            return self.text(value)
        if isinstance(value, Reading):
            return f"{value.text} (≈ {value.roman})" if self.readings and value.roman else value.text
        return str(value)

    def gettext(self, message: str) -> str:
        """A plain string of ours (labels, rule docs) in this language."""
        return self.translations.gettext(message)


ENGLISH = Localizer()


def english(message: str | Message) -> str:
    """The English text of a message (a plain string is English already)."""
    return message if isinstance(message, str) else message.english()


def template_of(message: str | Message) -> Message | None:
    """The message to keep for translation, None for a plain (untranslatable) string."""
    return message if isinstance(message, Message) else None
