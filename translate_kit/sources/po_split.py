"""A large catalog's text cut into parts that processes parse apart (`--jobs` on Linux).

Each cut is at a blank line before a line that starts an entry. What a part needs from
the rest of the file is found before the parts are parsed: its first line and entry
numbers (lines counted, msgid lines counted), the header and language (from the first
entries) and where the next part's first string starts, and what gettext would refuse in
the whole file (a message defined twice, in any two parts: found in the msgctxts and
msgids one expression reads from the whole text). Each part checks on its way what was
assumed of it (its entries' msgctxts and msgids too) and raises `Unsplittable` if anything
differs; the caller then reads the file whole, so offsets, lines, entries and errors are
always a whole-file parse's.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

from translate_kit.messages import Message
from translate_kit.model import Document
from translate_kit.sources.po import collector_paused, guess_is_settled, problems, target_language
from translate_kit.sources.po_scan import segments_of
from translate_kit.sources.po_scan import Span, digest, read_definitions, scan
from translate_kit.sources.registry import Unsplittable

# a blank line, then a line with which polib starts an entry after a msgstr (never a
# translator comment: at the start of a text that is the header's)
_CUT = re.compile(r"\n\r?\n(?=#[:.,] |msgctxt[ \t\"]|msgid[ \t\"])")
# the start of a live or obsolete msgid line as gettext writes it: one per entry (a
# catalog written otherwise is counted wrong, which its parts find, and is read whole)
_MSGIDS = ("\nmsgid ", "\n#~ msgid ")
# the first entries are read before the parts for the header and the language
_HEAD_CHARS = 1 << 16
# a live string's quoted text (not a msgctxt's), and how it is sampled to cut parts of equal work
_STRING = re.compile(r'^(?:msgid|msgid_plural|msgstr|msgstr\[\d+\])?[ \t]*"(.*)"\r?$', re.MULTILINE)
_SAMPLES = 256
_SAMPLE_CHARS = 4096


@dataclass(frozen=True)
class CatalogParts:
    """A catalog's text, its spans, and what every part takes from the whole."""

    text: str
    path: str
    spans: tuple[Span, ...]
    counts: tuple[int, ...]  # entries each span holds (but the last)
    ends: tuple[int, ...]  # where each part's share ends: the next span's first string
    lang: str | None
    source_lang: str
    metadata: tuple[tuple[str, str], ...]
    # what gettext would refuse in the whole file (said by the first part), and a digest
    # of the msgctxts and msgids each part should read (the duplicates were found in them)
    unchecked: tuple[tuple[int, Message], ...] = ()
    digests: tuple[bytes, ...] = ()

    def __len__(self) -> int:
        return len(self.spans)

    def __getitem__(self, number: int) -> Document:
        """Part `number`, parsed; `Unsplittable` when it does not read as in the whole."""
        with collector_paused():
            return self._parse(number)

    def whole(self) -> Document:
        return Document(path=self.path, text=self.text, segments=(), lang=self.lang, format="po",
                        metadata=self.metadata, bilingual=True, unchecked=self.unchecked)

    def _parse(self, number: int) -> Document:
        span = self.spans[number]
        metadata, entries, count, definitions = scan(self.text, self.path, span)
        if number < len(self.counts) and count != self.counts[number]:
            raise Unsplittable(f"part {number}: {count} entries, not {self.counts[number]}")
        if number == 0 and metadata != self.metadata:  # (the one header is among the first entries)
            raise Unsplittable("the first part's header differs from its first entries'")
        if digest(definitions) != self.digests[number]:
            raise Unsplittable(f"part {number}: its msgctxts and msgids are not those the whole text was read to have")
        segments = segments_of(entries, self.path, self.lang, self.source_lang)
        if number and (not segments or segments[0].start != self.ends[number - 1]):
            raise Unsplittable(f"part {number} does not start with the string expected")
        return Document(path=self.path, text=self.text, segments=segments, lang=self.lang, format="po",
                        metadata=self.metadata, part=(number, self.ends[number]), bilingual=True,
                        unchecked=self.unchecked if number == 0 else ())


def split(text: str, path: str, lang: str | None, source_lang: str, parts: int, first: float = 1.0) -> CatalogParts | None:
    """The text cut into about `parts` parts of similar size (the first `first` times the
    others'), or None where it cannot be (too few entry boundaries, a first entry that
    does not read, an unsettled language)."""
    cuts = [0]
    for target in _targets(text, parts, first):
        cut = _boundary(text, max(target, cuts[-1] + 1))
        if cut is None:
            break
        cuts.append(cut)
    if len(cuts) < 2:
        return None
    head_stop = min(_boundary(text, _HEAD_CHARS) or cuts[1], cuts[1])
    try:
        with_header = scan(text, path, Span(0, head_stop, 1, 0))
        starts = [_first_string(text, path, cut) for cut in cuts[1:]]
    except Exception:  # noqa: BLE001 - a syntax error, or no boundary: the whole-file read says what
        return None
    metadata, entries, count, _definitions = with_header
    if not guess_is_settled(metadata, lang, entries):
        return None
    target = target_language(metadata, lang, entries)
    # the msgctxts and msgids of the whole text, for its duplicates (across parts too)
    definitions = read_definitions(text)
    msgids_at = [definition[2] for definition in definitions]
    firsts = [0] + [count + sum(text.count(start, head_stop - 1, cut) for start in _MSGIDS) for cut in cuts[1:]]
    spans = tuple(Span(cut, stop, text.count("\n", 0, cut) + 1, first)
                  for cut, stop, first in zip(cuts, [*cuts[1:], len(text)], firsts))
    counts = tuple(b - a for a, b in zip(firsts, firsts[1:]))
    digests = []
    for span in spans:
        low, high = bisect_left(msgids_at, span.start), bisect_left(msgids_at, span.stop)
        digests.append(digest(definitions[low:high]))
    unchecked = problems(text, definitions, by_offset=True)
    return CatalogParts(text, path, spans, counts, (*starts, len(text)), target, source_lang, metadata, unchecked, tuple(digests))


def _targets(text: str, parts: int, first: float = 1.0) -> list[int]:
    """Offsets that cut the text into parts of about the same amount of strings to check
    (not of characters: comments, contexts and keywords take a share that changes along a
    catalog), estimated from samples spread evenly over the text."""
    size = len(text)
    step = max(size // _SAMPLES, _SAMPLE_CHARS)
    windows = []  # (start, length, string characters in it, estimated from its sample)
    for start in range(0, size, step):
        length = min(step, size - start)
        sample = min(_SAMPLE_CHARS, length)
        found = sum(m.end(1) - m.start(1) for m in _STRING.finditer(text, start, start + sample))
        windows.append((start, length, found * length / sample))
    total = sum(mass for _start, _length, mass in windows)
    # where each part but the first starts, in string characters
    ends = [total * (first + k) / (first + parts - 1) for k in range(parts - 1)]
    targets: list[int] = []
    done = 0.0
    for start, length, mass in windows:
        while len(targets) < len(ends) and mass and done + mass >= ends[len(targets)]:
            targets.append(start + int(length * (ends[len(targets)] - done) / mass))
        done += mass
    return targets


def _boundary(text: str, at: int) -> int | None:
    """The first cut at or after offset `at` (where an entry's first line starts)."""
    found = _CUT.search(text, max(at - 2, 0))
    return found.end() if found is not None else None


def _first_string(text: str, path: str, cut: int) -> int:
    """Where the first string of the entries after a cut starts (its part's first segment)."""
    stop = _boundary(text, cut + 1) or len(text)
    entries = scan(text, path, Span(cut, stop, text.count("\n", 0, cut) + 1, 0)).entries
    for _number, entry in entries:
        for keyword, string in entry.fields.items():
            if keyword != "msgctxt" and string.start >= 0:
                return string.start
    raise Unsplittable("no string after the cut")
