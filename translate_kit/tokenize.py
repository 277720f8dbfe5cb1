"""Tokenizers: SudachiPy for Japanese, Unicode word boundaries for everything else.

The Sudachi dictionary is expensive to load (about a second), so one `SudachiTokenizer`
is made per process by the `Engine` and passed around; nothing here is global.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, Iterator, Protocol

from translate_kit.model import Token
from translate_kit.segment import chunk_for_tokenizer, lang_is_japanese

if TYPE_CHECKING:  # pragma: no cover
    from sudachipy import Morpheme, MorphemeList

SUDACHI_MAX_BYTES = 48_000  # SudachiPy refuses more than 49,149 bytes in one call


class Tokenizer(Protocol):
    """Anything that turns text into tokens with offsets into that text."""

    def tokenize(self, text: str) -> list[Token]: ...


class DictionaryMissing(RuntimeError):
    """The Sudachi dictionary (sudachidict_core) could not be loaded; the reason why."""


class SudachiTokenizer:
    """Sudachi (sudachidict_core) in a chosen split mode, dictionary loaded once, when
    first used: a run whose files all come from the cache never loads it."""

    def __init__(self, mode: str = "C") -> None:
        from sudachipy import SplitMode

        mode = mode.upper()
        if mode not in ("A", "B", "C"):
            raise ValueError(f"unknown Sudachi split mode {mode!r} (use A, B or C)")
        self.mode = mode
        self._split_modes = {"A": SplitMode.A, "B": SplitMode.B, "C": SplitMode.C}
        self._pos_cache: dict[int, tuple[str, ...]] = {}

    def load(self) -> None:
        """Load the dictionary now (before forking workers, which then share it);
        `DictionaryMissing` when it cannot be (a broken install)."""
        if "_dictionary" not in self.__dict__:
            from sudachipy import Dictionary

            try:
                dictionary = Dictionary(dict="core")
            except Exception as exc:  # noqa: BLE001 - sudachidict_core missing or damaged: said in one line
                raise DictionaryMissing(f"{type(exc).__name__}: {exc}".splitlines()[0]) from exc
            make = getattr(dictionary, "tokenizer", None) or dictionary.create
            self._tokenizer = make(self._split_modes[self.mode])
            self._dictionary = dictionary

    def __getattr__(self, name: str) -> Any:
        # called only while the dictionary is not loaded: afterwards both are plain
        # attributes, and the hot path (a tokenize per segment) pays nothing for laziness
        if name in ("_dictionary", "_tokenizer"):
            self.load()
            return self.__dict__[name]
        raise AttributeError(name)

    def morphemes(self, text: str) -> Iterator[tuple[int, "MorphemeList"]]:
        """Yield (chunk offset, MorphemeList) pieces covering `text`, within the byte limit."""
        if len(text) * 4 <= SUDACHI_MAX_BYTES:  # no UTF-8 character takes more than 4 bytes
            yield 0, self._tokenizer.tokenize(text)
            return
        for start, end in chunk_for_tokenizer(text, "ja", SUDACHI_MAX_BYTES):
            yield start, self._tokenizer.tokenize(text[start:end])

    def pos(self, pos_id: int) -> tuple[str, ...]:
        """Part-of-speech tuple for an id, cached (Sudachi builds a new tuple per call)."""
        cached = self._pos_cache.get(pos_id)
        if cached is None:
            cached = tuple(self._dictionary.pos_of(pos_id))
            self._pos_cache[pos_id] = cached
        return cached

    def _lookup(self, surface: str) -> Any:
        """The dictionary's entries written exactly `surface`, or None without lookup. A
        word beyond Sudachi's byte limit (a run of one script, kept whole) is in no
        dictionary, and Sudachi raises for it rather than answer."""
        lookup = getattr(self._dictionary, "lookup", None)
        if lookup is None:
            return None
        if len(surface) * 4 > SUDACHI_MAX_BYTES and len(surface.encode("utf-8")) > SUDACHI_MAX_BYTES:
            return ()
        return lookup(surface)

    def lookup(self, surface: str) -> list[tuple[str, ...]]:
        """Parts of speech of the dictionary entries written exactly `surface` (empty
        for a word the dictionary does not list)."""
        return [self.pos(m.part_of_speech_id()) for m in self._lookup(surface) or ()]

    def lookup_normalized(self, surface: str) -> str | None:
        """The normalized form of the first dictionary entry written exactly `surface`,
        or None when the dictionary does not list it."""
        found = self._lookup(surface)
        return found[0].normalized_form() if found is not None and len(found) else None

    def synonym_groups(self, surface: str) -> frozenset[int]:
        """The synonym group ids of every dictionary entry written exactly `surface` whose
        normalized form is `surface` itself (empty when the dictionary lists none)."""
        return frozenset(g for m in self._lookup(surface) or () if m.normalized_form() == surface for g in m.synonym_group_ids())

    def split_a(self, morpheme: "Morpheme") -> list:
        """The mode-A parts of a morpheme (empty when it is already atomic)."""
        return list(morpheme.split(self._split_modes["A"]))

    def tokenize(self, text: str) -> list[Token]:
        tokens: list[Token] = []
        for offset, morphemes in self.morphemes(text):
            for m in morphemes:
                surface = m.surface()
                if not surface.strip():
                    continue
                tokens.append(
                    Token(
                        surface=surface,
                        start=offset + m.begin(),
                        end=offset + m.end(),
                        pos=self.pos(m.part_of_speech_id()),
                        normalized=m.normalized_form(),
                        reading=m.reading_form(),
                        dictionary=m.dictionary_form(),
                        oov=m.is_oov(),
                    )
                )
        return tokens


WORD_PATTERN = re.compile(r"\w+(?:['’.\-]\w+)*", re.UNICODE)


class WordTokenizer:
    """Unicode word-boundary tokenizer for space-delimited languages."""

    def tokenize(self, text: str) -> list[Token]:
        return [
            Token(
                surface=m.group(),
                start=m.start(),
                end=m.end(),
                normalized=m.group().casefold(),
                dictionary=m.group().casefold(),
            )
            for m in WORD_PATTERN.finditer(text)
        ]


def tokenizer_for(lang: str | None, sudachi: SudachiTokenizer) -> Tokenizer:
    """The right tokenizer for a language."""
    return sudachi if lang_is_japanese(lang) else WordTokenizer()
