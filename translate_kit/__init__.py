"""translate_kit: keeps Japanese translations and documents consistent.

Public API (usable without the CLI):

    import translate_kit
    findings = translate_kit.check(["docs/"], glossary=["glossary/ai-news.csv"])
    doc = translate_kit.load("docs/intro.md")
"""

from __future__ import annotations

from typing import Iterable, Sequence

from translate_kit import accel

accel.guard()  # before any compiled module is imported: a stale one must not load

from translate_kit._version import __version__  # noqa: E402

from translate_kit.model import Document, Finding, InputError, Mention, Segment, Severity  # noqa: E402
from translate_kit import sources  # noqa: E402
from translate_kit.options import CheckOptions  # noqa: E402
from translate_kit.run import check_paths  # noqa: E402


def load(path: str, *, lang: str | None = None, source_lang: str = "en") -> Document:
    """Load one file (.txt, .md, .po, .pot) into a Document with exact positions.

    Raises `translate_kit.model.InputFileError` for bad input."""
    return sources.load(path, lang=lang, source_lang=source_lang)


def check(
    paths: Iterable[str] | str,
    glossary: Sequence[str] | str | None = None,
    *,
    lang: str | None = None,
    source_lang: str = "en",
    split_mode: str = "C",
    include_fuzzy: bool = False,
    engine: "object | None" = None,
) -> list[Finding]:
    """Check files and directories together as one run; returns the findings, sorted.

    Input errors do not raise: use `translate_kit.run.check_paths` to see them too."""
    if isinstance(paths, str):
        paths = [paths]
    if isinstance(glossary, str):
        glossary = [glossary]
    options = CheckOptions(
        lang=lang,
        source_lang=source_lang,
        split_mode=split_mode,
        include_fuzzy=include_fuzzy,
        glossary_paths=tuple(glossary or ()),
    )
    return list(check_paths(list(paths), options, engine=engine).findings)  # type: ignore[arg-type]


__all__ = ["Document", "Finding", "InputError", "Mention", "Segment", "Severity", "check", "load", "__version__"]
