"""Japanese word boundaries: the Sudachi words of a text (mode-C tokens and their mode-A
parts), katakana compounds split by the dictionary, and the cheapest test of whether a
word may start or end at an offset. Shared by the glossary and term rules; the words of a
segment come from its one analysis, never from tokenizing it again."""

from __future__ import annotations

import functools
import sys
import re
from array import array
from bisect import bisect_right
from typing import TYPE_CHECKING, Iterable, Iterator, NamedTuple, Sequence

from translate_kit.model import Token
from translate_kit.scripts import KANJI, KATAKANA_WORD, is_hiragana_char, is_kanji_char, is_katakana, is_katakana_char

if TYPE_CHECKING:  # pragma: no cover
    from sudachipy import Morpheme
    from translate_kit.tokenize import SudachiTokenizer

KATAKANA_RUN = re.compile(f"[{KATAKANA_WORD}]+")  # katakana letters and ー; ・ separates words
_KANJI_RUN = re.compile(f"[{KANJI}]{{2,}}")
_NO_WORD_START = frozenset("ーッャュョァィゥェォヮヵヶ")
_MIN_PIECE = 2  # katakana words of one character are too often pieces of others
_MAX_RUN = 40  # longer runs are not split by the dictionary (quadratic look-ups)
_KATAKANA_KEPT = 1 << 15  # katakana runs remembered per run (a catalog repeats its words)


class Unit(NamedTuple):
    """A Sudachi word of a Japanese text: a mode-C token, a mode-A part of one, or a
    dictionary word inside a katakana compound Sudachi did not know. A tuple: a catalog
    has millions."""

    start: int
    end: int
    surface: str
    normalized: str
    whole: bool  # a mode-C token (not a part of a compound)
    compound: bool = False  # a mode-C token that splits into parts
    pos: int = -1  # Sudachi's part-of-speech id (-1: a dictionary piece of a katakana run)



# A word's units, offsets in the word: (start, end, the unit's other fields) of the mode-C
# token and of each of its mode-A parts.
WordShape = tuple[tuple[int, int, tuple[str, str, bool, bool, int]], ...]


def append_units(out: list[Unit], start: int, shape: WordShape) -> None:
    """Append a word's units at offset `start`."""
    new = tuple.__new__
    for a, b, rest in shape:
        out.append(new(Unit, (start + a, start + b) + rest))


class ShapedUnits(Sequence[Unit]):
    """A segment's units as its analysis reads them: each word's offset and shape (its
    units, offsets in the word), each `Unit` made when read. Most translations' units are
    never all read (the term rules want those of their katakana runs: `within`), and a
    catalog's Japanese segments have millions."""

    __slots__ = ("starts", "shapes")

    def __init__(self, starts: list[int] | None = None, shapes: list[WordShape] | None = None) -> None:
        self.starts: list[int] = starts if starts is not None else []
        self.shapes: list[WordShape] = shapes if shapes is not None else []

    def add(self, start: int, shape: WordShape) -> None:
        """Add a word's units at offset `start` (none for a space)."""
        if shape:
            self.starts.append(start)
            self.shapes.append(shape)

    def units(self) -> list[Unit]:
        """Every unit, in order."""
        out: list[Unit] = []
        for start, shape in zip(self.starts, self.shapes):
            append_units(out, start, shape)
        return out

    def within(self, start: int, end: int, text: str) -> list[Unit] | None:
        """The units of the words inside text[start:end] whose surface is the text there,
        in order; None when a word crosses an edge (then no words tile the stretch). The
        words are in text order and each starts at its offset (the analysis reads them so):
        the search starts at the word holding `start`, so a segment's many katakana runs
        are each found in time of their own length, not the segment's."""
        out: list[Unit] = []
        new = tuple.__new__
        starts, shapes = self.starts, self.shapes
        for i in range(max(bisect_right(starts, start) - 1, 0), len(starts)):
            at, shape = starts[i], shapes[i]
            whole_start, whole_end = at + shape[0][0], at + shape[0][1]
            if whole_start >= end:
                break
            if whole_end <= start:
                continue
            if whole_start < start or whole_end > end:
                return None
            for a, b, rest in shape:
                if text[at + a : at + b] == rest[0]:
                    out.append(new(Unit, (at + a, at + b) + rest))
        return out

    def __len__(self) -> int:
        return sum([len(shape) for shape in self.shapes])

    def __getitem__(self, index):
        return self.units()[index]

    def __iter__(self) -> Iterator[Unit]:
        return iter(self.units())

    def __eq__(self, other: object) -> bool:
        if isinstance(other, ShapedUnits):
            return self.starts == other.starts and self.shapes == other.shapes
        return isinstance(other, Sequence) and self.units() == list(other)

    def __repr__(self) -> str:
        return f"ShapedUnits({self.units()!r})"

    def __reduce__(self) -> tuple:
        return (ShapedUnits, (self.starts, self.shapes))


class WordUnits:
    """Word-level look-ups over one Sudachi dictionary, each remembered for the run:
    katakana runs split into words, dictionary look-ups, readings of single words."""

    def __init__(self, sudachi: "SudachiTokenizer") -> None:
        self._sudachi = sudachi
        self._katakana: dict[tuple[str, None], tuple[Unit, ...]] = {}  # a run read alone -> its words
        self._pieces: dict[str, list[tuple[int, int, str]] | None] = {}  # a run -> its dictionary cover
        self._lookups: dict[str, str | None] = {}
        self._readings: dict[str, str] = {}
        self._tokens: dict[str, list[Token]] = {}
        self._words: dict[tuple[int, str], WordShape] = {}  # (word id, spelling) -> its units
        self._synonyms: dict[str, frozenset[int]] = {}

    def units(self, text: str) -> list[Unit]:
        """Every word of a text (mode-C tokens and their mode-A parts): for texts that are
        not segments (glossary terms); a segment's units come from its analysis."""
        out: list[Unit] = []
        for offset, ms in self._sudachi.morphemes(text):
            for m in ms:
                start = offset + m.begin()
                append_units(out, start, self.word(m, (m.word_id(), text[start : offset + m.end()])))
        return out

    def word(self, m: "Morpheme", key: tuple[int, str]) -> "WordShape":
        """The units of one morpheme (its word id and spelling as `key`), offsets in the
        word: itself and, when longer than two characters and splittable, its mode-A
        parts; none for a space. A dictionary word's are read once per word id and
        spelling and shared by every use (a catalog repeats its words)."""
        oov = m.is_oov()
        known = None if oov else self._words.get(key)
        if known is None:
            known = self._shape(m, key[1])
            if not oov and len(self._words) < 1 << 18:
                self._words[key] = known
        return known

    def _shape(self, m: "Morpheme", surface: str) -> "WordShape":
        if not surface.strip():
            return ()
        parts: tuple = ()
        if len(surface) > 2:
            pieces = self._sudachi.split_a(m)
            base = m.begin()
            if len(pieces) > 1:
                parts = tuple(
                    (p.begin() - base, p.end() - base, (sys.intern(p.surface()), sys.intern(p.normalized_form()), False, False, p.part_of_speech_id()))
                    for p in pieces
                )
        whole = (0, len(surface), (sys.intern(surface), sys.intern(m.normalized_form()), True, bool(parts), m.part_of_speech_id()))
        return (whole,) + parts

    def pos(self, pos_id: int) -> tuple[str, ...]:
        """The part-of-speech tuple of a unit's `pos` id (empty for -1)."""
        return self._sudachi.pos(pos_id) if pos_id >= 0 else ()

    def synonyms(self, normalized: str) -> frozenset[int]:
        """Sudachi's synonym group ids of the dictionary entries written `normalized`
        (a dictionary look-up, not a tokenization), remembered."""
        found = self._synonyms.get(normalized)
        if found is None:
            found = self._sudachi.synonym_groups(normalized)
            if len(self._synonyms) < 1 << 16:
                self._synonyms[normalized] = found
        return found

    def tokens(self, text: str) -> "list[Token]":
        """Sudachi's tokens of a short text that is not a segment (a glossary term),
        remembered: the glossary's matcher and its term index both ask."""
        found = self._tokens.get(text)
        if found is None:
            found = self._tokens[text] = self._sudachi.tokenize(text)
        return list(found)

    def reading(self, word: str) -> str:
        """The katakana reading of a single written word (a dictionary form)."""
        found = self._readings.get(word)
        if found is None:
            found = self._readings[word] = "".join(t.reading for t in self._sudachi.tokenize(word))
        return found

    def remember_reading(self, word: str, reading: str) -> None:
        """Keep the reading the analysis saw for a word written in its dictionary form,
        so `reading` need not tokenize it again."""
        if len(self._readings) < 1 << 18:
            self._readings.setdefault(word, reading)

    def lookup(self, surface: str) -> str | None:
        """The normalized form of the dictionary entry written `surface`, or None."""
        if surface in self._lookups:
            return self._lookups[surface]
        found = self._sudachi.lookup_normalized(surface)
        if len(self._lookups) < 1 << 16:
            self._lookups[surface] = found
        return found

    def katakana_words(self, run: str, whole: Iterable[Unit] | None = None) -> tuple[Unit, ...]:
        """The words of one katakana run, offsets in the run: Sudachi's (`whole`, from the
        analysis of the text around it, or the run read alone), plus the fewest
        dictionary words that cover the run when that differs (Sudachi reads
        プレイリストアカウント as プレイ|リストア|カウント, or leaves パスワードタグ as one
        unknown word). The run's dictionary cover is remembered, never the answer itself:
        Sudachi's words of a run depend on the text around it."""
        if whole is None:
            key = (run, None)
            found = self._katakana.get(key)
            if found is not None:
                return found
        pieces = self.cover(run)
        out = list(whole) if whole is not None else self.units(run)
        if pieces:
            taken = {(u.start, u.end) for u in out}
            out += [Unit(a, b, run[a:b], n, False) for a, b, n in pieces if (a, b) not in taken]
            out = [u._replace(compound=True) if u.whole and len(u.surface) > 1 and _spans_pieces(u, pieces) else u for u in out]
        found = tuple(out)
        if whole is None:
            if len(self._katakana) >= _KATAKANA_KEPT:
                self._katakana.clear()
            self._katakana[(run, None)] = found
        return found

    def cover(self, run: str) -> list[tuple[int, int, str]] | None:
        """`dictionary_pieces` of a katakana run, remembered (a catalog repeats its words)."""
        if run in self._pieces:
            return self._pieces[run]
        if len(self._pieces) >= _KATAKANA_KEPT:
            self._pieces.clear()
        pieces = self._pieces[run] = self.dictionary_pieces(run, _MIN_PIECE)
        return pieces

    def dictionary_pieces(self, run: str, min_piece: int) -> list[tuple[int, int, str]] | None:
        """(start, end, normalized) of every dictionary word that lies on some cover of the
        run by the fewest dictionary words: both チーム|ワークフロー and チームワーク|フロー
        for チームワークフロー, so a reading Sudachi did not choose is not lost. None when the
        run is one dictionary word, too long, or cannot be covered."""
        lookup = self.lookup
        n = len(run)
        if n < 2 * min_piece or n > _MAX_RUN or lookup(run) is not None:
            return None
        words = {
            (a, b): normalized
            for a in range(n)
            if run[a] not in _NO_WORD_START
            for b in range(a + min_piece, n + 1)
            if (normalized := lookup(run[a:b])) is not None
        }
        far = n + 1
        ahead = [0] + [far] * n  # ahead[i]: fewest words covering run[:i]
        for (a, b) in sorted(words, key=lambda ab: ab[1]):
            ahead[b] = min(ahead[b], ahead[a] + 1)
        behind = [far] * n + [0]  # behind[i]: fewest words covering run[i:]
        for (a, b) in sorted(words, key=lambda ab: -ab[0]):
            behind[a] = min(behind[a], behind[b] + 1)
        total = ahead[n]
        if total >= far or total < 2:
            return None
        return sorted((a, b, w) for (a, b), w in words.items() if ahead[a] + 1 + behind[b] == total)


class PackedUnits(Sequence[Unit]):
    """A segment's units kept compactly until the document rules read them: offsets and
    part-of-speech ids in one integer array, the (shared) strings in two tuples; each
    `Unit` is made again when read. A tuple of units costs four times the memory, and a
    catalog keeps every translation's units while its rules run."""

    __slots__ = ("_ints", "_surfaces", "_normalized")

    def __init__(self, units: Iterable[Unit]) -> None:
        ints = array("q")
        surfaces: list[str] = []
        normalized: list[str] = []
        for u in units:
            ints.extend((u.start, u.end, u.pos, (2 if u.whole else 0) | (1 if u.compound else 0)))
            surfaces.append(u.surface)
            normalized.append(u.normalized)
        self._ints = ints
        self._surfaces = tuple(surfaces)
        self._normalized = tuple(normalized)

    def __len__(self) -> int:
        return len(self._surfaces)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        i = index * 4
        ints = self._ints
        flags = ints[i + 3]
        return tuple.__new__(Unit, (ints[i], ints[i + 1], self._surfaces[index], self._normalized[index],
                                    bool(flags & 2), bool(flags & 1), ints[i + 2]))

    def __iter__(self) -> Iterator[Unit]:
        ints = self._ints
        new = tuple.__new__
        return iter([
            new(Unit, (ints[i * 4], ints[i * 4 + 1], surface, normalized, bool(ints[i * 4 + 3] & 2), bool(ints[i * 4 + 3] & 1), ints[i * 4 + 2]))
            for i, (surface, normalized) in enumerate(zip(self._surfaces, self._normalized))
        ])


def _spans_pieces(unit: Unit, pieces: list[tuple[int, int, str]]) -> bool:
    """Whether a word contains more than one dictionary piece (a compound)."""
    return sum(1 for a, b, _n in pieces if unit.start <= a and b <= unit.end) > 1


@functools.lru_cache(maxsize=1 << 14)
def _char_class(ch: str) -> str:
    """The class of a character for word boundaries: katakana, kanji, hiragana, latin
    (ASCII letters and digits) or other (remembered: a text asks of the same few
    characters again and again)."""
    if not ch:
        return "other"
    if is_katakana_char(ch):
        return "katakana"
    if is_kanji_char(ch):
        return "kanji"
    if is_hiragana_char(ch):
        return "hiragana"
    if ch.isascii() and ch.isalnum():
        return "latin"
    return "other"


class JapaneseText:
    """Word boundaries of a Japanese text, computed as cheaply as each question allows.

    A change of script (ユーザー|を, を|削除, 削除|し), punctuation or space is a boundary;
    inside a run of ASCII letters and digits there is none. Between two katakana the
    boundaries are the Sudachi words of the katakana run alone (remembered per run, so a
    catalog's repeated words are looked up once): mode-C tokens, their mode-A parts, and
    for a compound Sudachi left as one unknown word (パスワードタグ) the dictionary words
    that cover it exactly. Between two kanji or two hiragana the words of the whole text
    are used: `full`, from the segment's analysis (code spans blanked in `text` keep no
    words). Taking kanji|hiragana as a boundary is lenient (行 would count as present in
    行う); it can only hide a finding."""

    def __init__(self, words: WordUnits, text: str, full: Iterable[Unit] | None = None) -> None:
        self.text = text
        self._words = words
        self._kana: list[Unit] | None = None
        self._given = full
        self._full: list[Unit] | None = None
        self._kanji: list[Unit] | None = None
        self._found: dict[tuple[str, str], bool] = {}  # contains, per (text, normalized) asked

    def katakana_units(self) -> list[Unit]:
        """The words of every katakana run, with offsets in the text."""
        if self._kana is None:
            kana: list[Unit] = []
            new = tuple.__new__
            words = self._words
            for m in KATAKANA_RUN.finditer(self.text):
                start, end = m.span()
                run = m.group()
                inside = self._run_units(start, end)
                if inside is not None and not words.cover(run):
                    kana += inside  # Sudachi's words are the run's words
                    continue
                if inside is not None and start:
                    inside = [new(Unit, (u[0] - start, u[1] - start) + u[2:]) for u in inside]
                found = words.katakana_words(run, inside)
                kana += [new(Unit, (start + u[0], start + u[1]) + u[2:]) for u in found] if start else found
            self._kana = kana
        return self._kana

    def _run_units(self, start: int, end: int) -> list[Unit] | None:
        """The analysis's words of the katakana run text[start:end] (offsets in the text)
        when its mode-C tokens tile the run exactly; None (read the run alone) when a token
        crosses its edge or no analysis was given."""
        given = self._given
        if given is None:
            return None
        if self._full is not None:
            inside = [u for u in self._full if start <= u[0] and u[1] <= end]
        elif isinstance(given, ShapedUnits):  # only the words of the run made into units
            found = given.within(start, end, self.text)
            if found is None:
                return None
            inside = found
        else:  # as full_units would keep them, without reading the text's other words
            text = self.text
            inside = [u for u in given if start <= u[0] and u[1] <= end and text[u[0] : u[1]] == u[2]]
        at = start
        for u in inside:
            if u[4]:  # whole
                if u[0] != at:
                    return None
                at = u[1]
        return inside if at == end else None

    def kanji_pieces(self) -> list[Unit]:
        """The fewest dictionary words covering each kanji run, where Sudachi's reading
        differs (証明|書写|真 for 証明書写真 gives 証明書|写真)."""
        if self._kanji is None:
            self._kanji = [
                Unit(m.start() + a, m.start() + b, m.group()[a:b], norm, False)
                for m in _KANJI_RUN.finditer(self.text)
                for a, b, norm in self._words.dictionary_pieces(m.group(), 1) or ()
            ]
        return self._kanji

    def full_units(self) -> list[Unit]:
        """Every word of the text (mode-C tokens and their mode-A parts) outside code."""
        if self._full is None:
            if self._given is None:
                self._full = self._words.units(self.text)
            else:
                text = self.text
                self._full = [u for u in self._given if text[u.start : u.end] == u.surface]
        return self._full

    def boundary(self, i: int) -> bool:
        """Whether a word may start or end at offset i."""
        left, right = _char_class(self.text[i - 1 : i]), _char_class(self.text[i : i + 1])
        if left != right or left == "other":
            return True
        if left == "latin":
            return False
        if left == "katakana":
            return splits(self.katakana_units(), i)
        return splits(self.full_units(), i) or (left == "kanji" and splits(self.kanji_pieces(), i))

    def contains(self, text: str, normalized: str) -> bool:
        """Whether `text` occurs between boundaries, or as a word Sudachi normalizes to
        `normalized` (when given); remembered (rules ask of the same forms again)."""
        key = (text, normalized)
        found = self._found.get(key)
        if found is None:
            found = self._found[key] = self._contains(text, normalized)
        return found

    def _contains(self, text: str, normalized: str) -> bool:
        if text and _caseless(text):  # found as written or not at all: what `literal` would find
            whole, size = self.text, len(text)
            at = whole.find(text)
            while at >= 0:
                if self.boundary(at) and self.boundary(at + size):
                    return True
                at = whole.find(text, at + size)
        else:
            for m in literal(text).finditer(self.text):
                if self.boundary(m.start()) and self.boundary(m.end()):
                    return True
        if not normalized:
            return False
        units = self.katakana_units() if is_katakana(normalized) else self.full_units()
        return any(u.normalized == normalized for u in units)


def splits(units: list[Unit], i: int) -> bool:
    """Whether one of the words ends at offset i and another starts there."""
    return any(u.end == i for u in units) and any(u.start == i for u in units)


@functools.lru_cache(maxsize=8192)
def _caseless(text: str) -> bool:
    """Whether no character of a term has case (kana, kanji), so that matching it
    ignoring case is finding it as written."""
    return text.lower() == text == text.upper()


@functools.lru_cache(maxsize=8192)
def literal(text: str) -> re.Pattern[str]:
    """A case-insensitive literal pattern for a term."""
    return re.compile(re.escape(text), re.IGNORECASE)
