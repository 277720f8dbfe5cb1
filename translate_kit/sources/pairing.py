"""Which language a key file is in and where its source-language file lies, by the
conventions of each ecosystem.

Monolingual key files (JSON, Android, Apple, YAML) hold one language each; a translation
is paired with the source-language file beside it by the path alone:

* Android `res/values-ja/strings.xml` (also `values-ja-rJP`, `values-b+ja`) with
  `res/values/strings.xml`;
* Apple `ja.lproj/Localizable.strings` with `en.lproj/…` (else `Base.lproj/…`), and the
  older names by the language in English: `Japanese.lproj` with `English.lproj`;
* a directory named by the language, `locales/ja/common.json` with `locales/en/common.json`
  (Chrome's `_locales/ja/messages.json` too);
* a file named by the language, `ja.json`, `app_ja.arb`, `ja.yml`, `strings.ja.json`,
  with `en.json`, `app_en.arb`, …

A language is a tag Babel has locale data for (`ja`, `pt_BR`, `zh-Hans`), so `app` or
`web` never is. Explicit pairs (config `source-files`: a glob of translation files → their
source file, `{lang}` standing for the source language) override the conventions.
"""

from __future__ import annotations

import fnmatch
import os
import re
from functools import lru_cache


_SPLIT = re.compile(r"([._-])")
_ANDROID = re.compile(r"^values-(?:b\+)?([a-z]{2,3})(?:[-+_]r?([A-Za-z0-9]{2,8}))?$")


@lru_cache(maxsize=1024)
def is_language(tag: str) -> bool:
    """Whether `tag` names a language Babel knows (ja, ja-JP, pt_BR, zh-Hans)."""
    if not re.fullmatch(r"[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*", tag):
        return False
    if tag[:3].strip("-_") != tag[:3].strip("-_").lower():
        return False
    from babel import localedata  # imported here: see langtags

    return localedata.exists(tag.replace("-", "_"))


def _primary(tag: str) -> str:
    return re.split(r"[-_]", tag, maxsplit=1)[0].lower()


def language_of(path: str) -> str | None:
    """The language a key file's path names (nearest to the file name first), or None."""
    parts = _parts(path)
    named = _stem_language(os.path.splitext(parts[-1])[0])
    if named is not None:
        return named[1]
    for part in reversed(parts[:-1]):
        android = _ANDROID.match(part)
        if android:
            return android.group(1) + (f"-{android.group(2)}" if android.group(2) else "")
        if part == "values":
            return "__source__"
        if part.endswith(".lproj"):
            name = part[: -len(".lproj")]
            return "__source__" if name == "Base" else _lproj_language(name)
        if is_language(part):
            return part
    return None


def _lproj_language(name: str) -> str | None:
    """The language of an `.lproj` directory: a tag (`ja`, `zh-Hans`) or, as older bundles
    name them, the language's English name (`Japanese.lproj`, `English.lproj`)."""
    return name if is_language(name) else _english_names().get(name)


@lru_cache(maxsize=1)
def _english_names() -> dict[str, str]:
    """Languages by their English name in CLDR (Japanese → ja), for names with no region."""
    from babel import Locale  # imported here: see langtags

    return {english: code for code, english in Locale("en").languages.items() if "_" not in code}


def _stem_language(stem: str) -> tuple[str, str] | None:
    """(prefix, tag) when a file name ends in a language: `ja`, `app_ja`, `strings.ja`,
    `ja-JP`, `app_pt_BR`; only the end of the name counts."""
    tokens = _SPLIT.split(stem)
    for k in (3, 1):  # `ja-JP` spans three tokens with its separator
        if len(tokens) >= k:
            tag = "".join(tokens[-k:])
            if is_language(tag):
                return "".join(tokens[:-k]), tag
    return None


def is_source(path: str, source_lang: str) -> bool:
    """Whether the path names the source language (or Android's default `values/`)."""
    lang = language_of(path)
    return lang == "__source__" or (lang is not None and _primary(lang) == _primary(source_lang))


def target_language(path: str) -> str | None:
    """The path's language when it is a real tag (not the source default)."""
    lang = language_of(path)
    return None if lang in (None, "__source__") else lang


def source_file(path: str, source_lang: str, explicit: tuple[tuple[str, str], ...] = ()) -> str | None:
    """The existing source-language file a translation file pairs with, or None."""
    lang = target_language(path)
    for pattern, template in explicit:
        if fnmatch.fnmatch(os.path.abspath(path), os.path.abspath(pattern)):
            candidate = template.replace("{lang}", source_lang)
            return candidate if os.path.isfile(candidate) and not _same(candidate, path) else None
    if lang is None or _primary(lang) == _primary(source_lang):
        return None
    for candidate in _candidates(path, lang, source_lang):
        if os.path.isfile(candidate) and not _same(candidate, path):
            return candidate
    return None


def is_configured_source(path: str, source_lang: str, explicit: tuple[tuple[str, str], ...]) -> bool:
    """Whether the config names this file as the source of a glob it matches."""
    return any(
        fnmatch.fnmatch(os.path.abspath(path), os.path.abspath(pattern)) and _same(template.replace("{lang}", source_lang), path)
        for pattern, template in explicit
    )


def _same(a: str, b: str) -> bool:
    return os.path.abspath(a) == os.path.abspath(b)


def _parts(path: str) -> list[str]:
    return os.path.normpath(path).split(os.sep)


def _variants(source_lang: str) -> list[str]:
    base = _primary(source_lang)
    return list(dict.fromkeys([source_lang, base, f"{base}-US", f"{base}_US", f"{base}-GB", f"{base}_GB"]))


def _candidates(path: str, lang: str, source_lang: str) -> list[str]:
    """Source paths to try: the language swapped in the file name, then in a directory."""
    parts = _parts(path)
    found: list[str] = []
    stem, suffix = os.path.splitext(parts[-1])
    named = _stem_language(stem)
    if named is not None and named[1] == lang:
        for variant in _variants(source_lang):
            found.append(os.path.join(*parts[:-1], named[0] + variant + suffix))
    for i in range(len(parts) - 2, -1, -1):
        part = parts[i]
        replacements: list[str] = []
        if _ANDROID.match(part):
            replacements = ["values"]
        elif part.endswith(".lproj") and _lproj_language(part[: -len(".lproj")]) == lang:
            named = [f"{name}.lproj" for name, code in _english_names().items() if code == _primary(source_lang)]
            replacements = [f"{v}.lproj" for v in _variants(source_lang)] + named + ["Base.lproj"]
        elif part == lang:
            replacements = _variants(source_lang)
        for r in replacements:
            found.append(os.path.join(*parts[:i], r, *parts[i + 1 :]))
        if replacements:
            break
    if path.startswith(os.sep):
        found = [os.sep + f if not f.startswith(os.sep) else f for f in found]
    return found
