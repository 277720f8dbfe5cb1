"""`translate-kit check` on real Japanese documents and catalogs with one known inconsistency each.

Takes the Japanese Markdown and the ja catalogs of the corpus harness (bench/corpus_regress.py:
NodeSchool, Apache Cordova's plugin docs, Japanese READMEs, the catalogs of Django, Wagtail,
Sphinx, Trac, JupyterLab … but Weblate's, the largest; pinned packages in its cache) and, in
copies, rewrites one use of a word a file writes the same way at least three times (in a
catalog, in its translations) into another spelling of that word, by one class of variation
at a time:

  long-vowel-drop   a katakana word's final ー dropped (サーバー → サーバ)
  long-vowel-add    a final ー added after a katakana word's last kana (フォルダ → フォルダー)
  small-kana        ウィ/ウェ/ウォ written ウイ/ウエ/ウオ, or the reverse
  okurigana         one okurigana kana dropped, when Sudachi lists the result as the same
                    word (取り扱い → 取扱い, 終わる → 終る)
  nakaguro-add      a katakana compound (one word of the dictionary, or two common nouns
                    written together) written with ・ between its words
                    (ユーザーインターフェース → ユーザー・インターフェース)
  nakaguro-drop     a compound of katakana common nouns written with ・, written as one
                    word (データベース・サーバー → データベースサーバー)
  width-latin       a Latin word written in full-width letters (API → ＡＰＩ), not beside
                    placeholder or markup signs
  width-kana        a katakana word written in half-width kana (サーバー → ｻｰﾊﾞｰ)
  width-digits      a number of two digits or more written in full-width digits (2024 → ２０２４),
                    not beside placeholder or markup signs
  letter-case       a Latin word with capitals inside written with its first capital only
                    (JavaScript → Javascript, iOS → Ios), not a lowerCamelCase identifier
                    (webView) and not beside placeholder or markup signs
  kana-kanji        an adverb or a conjunction written in kana written in kanji, or the
                    reverse (すでに → 既に, 例えば → たとえば), when Sudachi reads the other
                    spelling as the same word with the same reading

Not measured: a kanji word written in hiragana (出来る/できる), which orthographic-variant
leaves alone by design (often deliberate, and a hiragana word's reading is ambiguous), and
ヴ against バ-row kana, which these documents never write.

Each copy is checked alone (every default rule, no glossary, no configuration), as the
original is. A variant is found when a finding on its line names it; a false alarm is a
finding in the copy that the original did not have, anywhere else. The original's own
findings are printed once per document set (they were audited in docs/evaluation.md).

Prints, per class: documents, variants found (recall), new false findings, and with
--errors the misses and the false findings.

    python bench/variant_bench.py [--cache DIR] [--per-class 150] [--seed 7] [--errors]
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import tempfile
import time
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path
from typing import Callable, Iterator

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import corpus_regress  # noqa: E402

DOC_SOURCES = ("javascripting", "nodeschool", "cordova", "readmes", "django", "wagtail", "django-apps", "flask", "sphinx",
               "trac", "jupyterlab", "mkdocs", "deluge")
MIN_USES = 3
_KATAKANA = "ァ-ヺー"
# final kana after which a ー is a common spelling variant (-er, -or, -ar, -y endings)
_TAKES_LONG_VOWEL = set("タダラザサナマャジシ")
_SMALL = (("ウィ", "ウイ"), ("ウェ", "ウエ"), ("ウォ", "ウオ"))
_LATIN_WORD = re.compile("[A-Za-z][A-Za-z0-9]+")
_INNER_CAPITAL = re.compile("[a-z][A-Z]")
_CAMEL_IDENTIFIER = re.compile("[a-z]{2,}[A-Z][A-Za-z0-9]*[a-z]")  # webView, onError: code, not a name
# signs next to a Latin word that make it code or a placeholder (%(name)s, {count}, <b>)
_CODE_SIGNS = set("%(){}<>[]$_/.:=&#@\\-'\"`")
_DOTTED = re.compile(r"(?<![ァ-ヺー・])[ァ-ヺー]{2,}(?:・[ァ-ヺー]{2,})+(?![ァ-ヺー・])")


def _half_width_kana() -> dict[str, str]:
    """Each full-width katakana letter (and ー) as half-width kana: one character, or two
    for a voiced one (ガ → ｶﾞ)."""
    table: dict[str, str] = {}
    for code in range(0xFF61, 0xFFA0):
        full = unicodedata.normalize("NFKC", chr(code))
        if len(full) == 1:
            table.setdefault(full, chr(code))
    for code in range(0x30A1, 0x30FB):
        base, *mark = unicodedata.normalize("NFD", chr(code))
        if mark and base in table and mark[0] in table:
            table[chr(code)] = table[base] + table[mark[0]]
    return table


_HALF_WIDTH = _half_width_kana()


def is_katakana(word: str) -> bool:
    return bool(word) and all("ァ" <= c <= "ヺ" or c == "ー" for c in word)


def is_kanji(c: str) -> bool:
    return "一" <= c <= "鿿" or c in "々〆"


def is_hiragana(c: str) -> bool:
    return "ぁ" <= c <= "ゖ"


class Variants:
    """The variant generators, each word -> another spelling or None; the dictionary
    classes keep a variant only when Sudachi reads it as one word with the same
    normalized form."""

    def __init__(self) -> None:
        from sudachipy import Dictionary, SplitMode

        dictionary = Dictionary(dict="core")
        self.tokenizer = (getattr(dictionary, "tokenizer", None) or dictionary.create)(SplitMode.C)
        self.parts = (getattr(dictionary, "tokenizer", None) or dictionary.create)(SplitMode.A)

    def same_word(self, word: str, variant: str) -> bool:
        a, b = self.tokenizer.tokenize(word), self.tokenizer.tokenize(variant)
        return len(a) == 1 and len(b) == 1 and a[0].normalized_form() == b[0].normalized_form() and not b[0].is_oov()

    def classes(self) -> dict[str, Callable[[str], str | None]]:
        return {
            "long-vowel-drop": lambda w: w[:-1] if is_katakana(w) and len(w) >= 4 and w.endswith("ー") and w[-2] != "ー" else None,
            "long-vowel-add": lambda w: w + "ー" if is_katakana(w) and len(w) >= 3 and w[-1] in _TAKES_LONG_VOWEL and w[-2] != "ー" else None,
            "small-kana": self._small,
            "okurigana": self._okurigana,
            "nakaguro-add": self._dot_added,
            "nakaguro-drop": self._dot_dropped,
            "width-latin": lambda w: "".join(chr(ord(c) + 0xFEE0) for c in w) if _LATIN_WORD.fullmatch(w) else None,
            "width-kana": lambda w: "".join(_HALF_WIDTH[c] for c in w) if is_katakana(w) and all(c in _HALF_WIDTH for c in w) else None,
            "kana-kanji": self._kana_kanji,
            "width-digits": lambda w: "".join(chr(ord(c) + 0xFEE0) for c in w) if w.isascii() and w.isdigit() else None,
            "letter-case": lambda w: (w.capitalize() if _LATIN_WORD.fullmatch(w) and _INNER_CAPITAL.search(w)
                                     and not _CAMEL_IDENTIFIER.match(w) else None),
        }

    def _kana_kanji(self, word: str) -> str | None:
        """An adverb or a conjunction in kana as the dictionary writes it in kanji, or in
        kanji as its reading in kana, when Sudachi reads the result as the same word."""
        tokens = self.tokenizer.tokenize(word)
        if len(tokens) != 1 or tokens[0].part_of_speech()[0] not in ("副詞", "接続詞") or len(word) < 2:
            return None
        token = tokens[0]
        if all(is_hiragana(c) for c in word):
            variant = token.normalized_form()
            if not any(is_kanji(c) for c in variant):
                return None
        elif any(is_kanji(c) for c in word):
            variant = "".join(chr(ord(c) - 0x60) if "ァ" <= c <= "ヶ" else c for c in token.reading_form())
        else:
            return None
        other = self.tokenizer.tokenize(variant)
        if len(other) != 1 or other[0].normalized_form() != token.normalized_form() or other[0].reading_form() != token.reading_form():
            return None
        return variant

    def _common_nouns(self, words: list[str]) -> bool:
        """Whether each word is a katakana common noun of two kana or more that the
        dictionary has, read alone as one word."""
        for word in words:
            tokens = self.tokenizer.tokenize(word)
            if (len(word) < 2 or not is_katakana(word) or len(tokens) != 1 or tokens[0].is_oov()
                    or tokens[0].part_of_speech()[1] != "普通名詞"):
                return False
        return True

    def _dot_added(self, word: str) -> str | None:
        """A katakana compound the dictionary has as one word, written with ・ between
        its short-unit words (ユーザーインターフェース → ユーザー・インターフェース)."""
        if not is_katakana(word) or len(word) < 5:
            return None
        parts = [m.surface() for m in self.parts.tokenize(word)]
        return "・".join(parts) if len(parts) >= 2 and self._common_nouns(parts) else None

    def _dot_dropped(self, word: str) -> str | None:
        """A katakana compound written with ・ (データベース・サーバー), written as one word."""
        parts = word.split("・")
        return "".join(parts) if len(parts) >= 2 and self._common_nouns(parts) else None

    @staticmethod
    def _small(word: str) -> str | None:
        if not is_katakana(word) or len(word) < 3:
            return None
        for a, b in _SMALL:
            if a in word:
                return word.replace(a, b, 1)
            if b in word:
                return word.replace(b, a, 1)
        return None

    def _okurigana(self, word: str) -> str | None:
        if not any(is_kanji(c) for c in word) or not any(is_hiragana(c) for c in word):
            return None
        for i, c in enumerate(word):
            if i and is_hiragana(c) and is_kanji(word[i - 1]):
                variant = word[:i] + word[i + 1 :]
                if len(variant) >= 2 and self.same_word(word, variant):
                    return variant
        return None


def prose_words(path: str, tokenizer) -> Iterator[tuple[str, str, int]]:
    """(surface, normalized form, file offset) of each Sudachi mode-C word of a file's
    prose: a document's segments (code blocks, inline code and link targets are not
    segments) or a catalog's translations."""
    from translate_kit.sources import load

    doc = load(path, lang="ja")
    for segment in doc.segments:
        if doc.bilingual and not segment.is_target:
            continue
        for run in _DOTTED.finditer(segment.text):  # katakana words joined by ・, as one word
            yield run.group(), run.group().replace("・", ""), segment.file_offset(run.start())
        at = 0
        previous: tuple[str, str, int] | None = None  # the last katakana common noun, for compounds of two
        for m in tokenizer.tokenize(segment.text):
            surface = m.surface()
            begin = segment.text.find(surface, at) if surface else -1
            if begin < 0:
                continue
            at = begin + len(surface)
            yield surface, m.normalized_form(), segment.file_offset(begin)
            noun = is_katakana(surface) and len(surface) >= 2 and not m.is_oov() and m.part_of_speech()[1] == "普通名詞"
            if noun and previous is not None and previous[2] + len(previous[0]) == begin:
                # a compound Sudachi reads as two words (テンプレート|ファイル), as one word
                yield previous[0] + surface, previous[1] + m.normalized_form(), segment.file_offset(previous[2])
            previous = (surface, m.normalized_form(), begin) if noun else None


def candidates(path: str, tokenizer) -> dict[str, list[int]]:
    """Words a file writes at least MIN_USES times and one way only (no other spelling
    normalized to the same word, none with or without a final ー), with their offsets."""
    uses: dict[str, list[int]] = defaultdict(list)
    spellings: dict[str, set[str]] = defaultdict(set)
    for surface, normalized, offset in prose_words(path, tokenizer):
        if len(surface) >= 2:
            uses[surface].append(offset)
            spellings[normalized].add(surface)
            spellings[surface.rstrip("ー")].add(surface)
    return {w: offsets for w, offsets in uses.items()
            if len(offsets) >= MIN_USES and all(len(group) == 1 for group in spellings.values() if w in group)}


def check(path: str, engine) -> list:
    from translate_kit.options import CheckOptions
    from translate_kit.run import check_paths

    return list(check_paths([path], CheckOptions(lang="ja"), engine=engine).findings)


def key(f) -> tuple:
    return (f.rule, f.line, f.found)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cache", type=Path, default=corpus_regress.default_cache())
    parser.add_argument("--per-class", type=int, default=150, help="variants tried per class (at most one per document and word)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--errors", action="store_true", help="print the misses and the false findings")
    parser.add_argument("--show", type=int, default=40)
    args = parser.parse_args()

    from translate_kit.analysis import Engine

    docs: list[str] = []
    for source in corpus_regress.SOURCES:
        if source.name in DOC_SOURCES:
            directory, files = corpus_regress.prepare(source, args.cache)
            docs += [str(directory / f) for f in files if f.endswith((".md", ".po"))]
    engine = Engine("C")
    variants = Variants()
    generators = variants.classes()
    rng = random.Random(args.seed)
    t0 = time.perf_counter()
    # every (class, document, word, variant) possible, then a sample per class
    possible: dict[str, list[tuple[str, str, str, list[int]]]] = defaultdict(list)
    for path in docs:
        for word, offsets in sorted(candidates(path, variants.tokenizer).items()):
            for name, make in generators.items():
                variant = make(word)
                if variant and variant != word:
                    possible[name].append((path, word, variant, offsets))
    baseline: dict[str, list] = {}
    results: dict[str, Counter[str]] = {name: Counter() for name in generators}
    errors: list[str] = []
    with tempfile.TemporaryDirectory(prefix="variant-bench-") as tmp:
        for name in generators:
            pool = possible[name]
            sample = rng.sample(pool, min(args.per_class, len(pool)))
            for path, word, variant, offsets in sample:
                if path not in baseline:
                    baseline[path] = check(path, engine)
                raw = Path(path).read_bytes()
                text = raw.decode("utf-8-sig")
                at = rng.choice(offsets[1:])  # never the first use: the document introduces the word its way
                if text[at : at + len(word)] != word:
                    continue
                if name in ("width-latin", "letter-case", "width-digits") and (text[at - 1 : at] in _CODE_SIGNS or text[at + len(word) : at + len(word) + 1] in _CODE_SIGNS):
                    continue  # a placeholder's or a tag's name: not prose
                changed = text[:at] + variant + text[at + len(word) :]
                line = text.count("\n", 0, at) + 1
                copy = Path(tmp) / Path(path).name
                copy.write_text(changed, encoding="utf-8")
                findings = check(str(copy), engine)
                hit = [f for f in findings if f.line == line and (variant in f.found or f.found in variant) and f.found]
                before = Counter(key(f) for f in baseline[path])
                new = [f for f in findings if f not in hit and before[key(f)] <= 0]
                for f in findings:
                    before[key(f)] -= 1
                results[name]["tried"] += 1
                results[name]["found"] += bool(hit)
                results[name]["false"] += len(new)
                results[name]["noisy"] += bool(new)
                short = "/".join(Path(path).parts[-3:])
                if not hit:
                    errors.append(f"miss  {name}: {word} → {variant} ({len(offsets)} uses) {short}:{line}")
                for f in new:
                    errors.append(f"false {name}: {word} → {variant}: {f.rule} {f.found!r} line {f.line}: {f.message} {short}")
    seconds = time.perf_counter() - t0
    print(f"{len(docs)} documents; {sum(len(p) for p in possible.values())} possible variants; "
          f"original documents' own findings: {sum(len(v) for v in baseline.values())} in {len(baseline)} ({seconds:.0f} s)")
    print(f"{'class':>16} {'tried':>6} {'found':>6} {'recall':>7} {'false':>6} {'noisy docs':>11}")
    for name, r in results.items():
        print(f"{name:>16} {r['tried']:>6} {r['found']:>6} {r['found'] / max(1, r['tried']):>7.3f} {r['false']:>6} {r['noisy']:>11}")
    total = sum((r for r in results.values()), Counter())
    print(f"{'all':>16} {total['tried']:>6} {total['found']:>6} {total['found'] / max(1, total['tried']):>7.3f} "
          f"{total['false']:>6} {total['noisy']:>11}")
    if args.errors:
        for e in sorted(errors, key=lambda e: not e.startswith("false"))[: args.show]:
            print("--", e)


if __name__ == "__main__":
    main()
