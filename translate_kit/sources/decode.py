"""Bytes to text: BOM sniffing, binary detection and decode errors with line numbers.

Line terminators are kept as they are (CRLF stays CRLF) so that character offsets into the
decoded text map straight back to the file; a byte order mark is dropped and is not a
character of the text.
"""

from __future__ import annotations

import codecs
import re

from translate_kit.messages import Message, msg
from translate_kit.model import InputFileError

# Longest first: the UTF-32 LE mark begins with the UTF-16 LE mark.
_BOMS: tuple[tuple[bytes, str, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le", "UTF-32"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "UTF-32"),
    (codecs.BOM_UTF8, "utf-8", "UTF-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16"),
)


def sniff_bom(data: bytes) -> tuple[str, int] | None:
    """Return (codec, BOM length) when `data` starts with a byte order mark, else None."""
    for bom, codec, _label in _BOMS:
        if data.startswith(bom):
            return codec, len(bom)
    return None


def decode(data: bytes, path: str, encoding: str | None = None) -> str:
    """Decode file bytes; a BOM wins, then `encoding`, then UTF-8; bad input raises."""
    for bom, codec, label in _BOMS:
        if data.startswith(bom):
            return _decode(data, len(bom), codec, label, path, ascii_lines=codec == "utf-8")
    codec = encoding or "utf-8"
    label = "UTF-8" if encoding is None else encoding
    return _decode(data, 0, codec, label, path, ascii_lines=True, suggest=encoding is None)


def encode_as_read(text: str, original: bytes, encoding: str | None = None) -> bytes:
    """`text` as bytes the way `decode` read `original`: its byte order mark and codec,
    else `encoding`, else UTF-8 (so a fixed file keeps its encoding)."""
    bom = sniff_bom(original)
    if bom is not None:
        codec, length = bom
        return original[:length] + text.encode(codec)
    return text.encode(encoding or "utf-8")


def encoding_problem(name: str) -> Message | None:
    """Why an encoding name cannot be used (one line), or None when Python knows it."""
    try:
        info = codecs.lookup(name)
    except (LookupError, ValueError):
        return msg("unknown encoding {name} (e.g. utf-8, cp932, euc-jp)", name=repr(name))
    if not getattr(info, "_is_text_encoding", True):
        return msg("{name} is not a text encoding (e.g. utf-8, cp932, euc-jp)", name=repr(name))  # base64, rot13, zlib
    return None


def written_in_utf8(data: bytes, declared: str) -> bool:
    """Whether a file whose declaration (an XML encoding, a catalog's charset) names the
    legacy encoding `declared` is written in UTF-8 instead, as a file re-saved by an
    editor is: valid UTF-8 beyond ASCII, which text in Latin-1, Shift_JIS or EUC-JP
    almost never is, that also decodes as declared, to mojibake without an error (bytes
    that do not are reported where decoding stops)."""
    try:
        codec = codecs.lookup(declared).name
    except (LookupError, ValueError):
        return False
    if codec.startswith("utf") or data.isascii():
        return False
    try:
        text = data.decode("utf-8")
        data.decode(codec)
    except UnicodeError:
        return False
    # more than one lone two-byte character, and none that legacy bytes read as UTF-8 give
    return len(data) - len(text) >= 2 and _NOT_TEXT.search(text) is None


# What Shift_JIS or EUC-JP (or Latin-1) bytes that happen to be UTF-8 read as, and text hardly
# contains: C1 controls, Latin Extended-B, IPA, spacing modifiers, combining marks, Coptic,
# the scripts of U+0500-U+1DFF and private use. EUC-JP 発表 is C8 AF C9 BD, ȯɽ in UTF-8: a
# file of such a word, refused as re-saved, was real EUC-JP; it is read as declared.
_NOT_TEXT = re.compile("[\x80-\x9f\u0180-\u036f\u03e2-\u03ef\u0500-\u1dff\ue000-\uf8ff]")


# Legacy Japanese encodings a file that is not UTF-8 is most likely in, most likely first.
_JAPANESE_ENCODINGS = (("cp932", "Shift_JIS (cp932)"), ("euc_jp", "EUC-JP"), ("iso2022_jp", "ISO-2022-JP"))


def guess_japanese_encoding(data: bytes) -> tuple[str, str] | None:
    """(codec, label) of the legacy Japanese encoding `data` reads best in (the most
    hiragana: bytes of one encoding read in another give half-width katakana or kanji
    soup), or None: a hint for the error message, never used to decode silently."""
    as_utf8 = data.decode("utf-8", errors="replace")
    broken = as_utf8.count("\ufffd")
    if sum(1 for c in as_utf8 if ord(c) > 0x7F) - broken >= broken:
        return None  # mostly UTF-8 with a few bad bytes: a damaged file, not another encoding
    best, best_count = None, 0
    for codec, label in _JAPANESE_ENCODINGS:
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        count = sum(1 for c in text if "\u3041" <= c <= "\u309f")
        if count > best_count:
            best, best_count = (codec, label), count
    return best


def _decode(data: bytes, skip: int, codec: str, label: str, path: str, *, ascii_lines: bool, suggest: bool = False) -> str:
    """Decode `data[skip:]`, reporting NUL characters and undecodable bytes by line (and,
    with `suggest`, the legacy Japanese encoding the bytes read as)."""
    if ascii_lines:
        # Checked before decoding so a binary file is called binary, not "cannot decode".
        nul = data.find(b"\0", skip)
        if nul != -1:
            line = data.count(b"\n", skip, nul) + 1
            raise InputFileError(path, msg("binary file (NUL byte at line {line})", line=line), line)
    body = data[skip:] if skip else data
    try:
        text = body.decode(codec)
    except LookupError:
        raise InputFileError(path, encoding_problem(codec) or msg("unknown encoding {name}", name=repr(codec))) from None
    except UnicodeDecodeError as exc:
        line, column = _error_position(body, exc.start, codec, ascii_lines)
        guess = guess_japanese_encoding(body) if suggest else None
        message = (msg("cannot decode as {label} at line {line}, column {column}", label=label, line=line, column=column)
                   if guess is None else
                   msg("cannot decode as {label} at line {line}, column {column}; it reads as {guess}: pass --encoding {codec}",
                       label=label, line=line, column=column, guess=guess[1], codec=guess[0]))
        raise InputFileError(path, message, line) from None
    if not ascii_lines:
        nul = text.find("\0")
        if nul != -1:
            line = text.count("\n", 0, nul) + 1
            raise InputFileError(path, msg("binary file (NUL character at line {line})", line=line), line)
    return text


def _error_position(body: bytes, bad: int, codec: str, ascii_lines: bool) -> tuple[int, int]:
    """1-based (line, column in characters) of the byte at offset `bad`."""
    if ascii_lines:
        line_start = body.rfind(b"\n", 0, bad) + 1
        line = body.count(b"\n", 0, line_start) + 1
        prefix = body[line_start:bad].decode(codec, errors="replace")
        return line, len(prefix) + 1
    # Wide encodings: newline bytes cannot be counted directly, decode the good prefix.
    prefix = body[:bad].decode(codec, errors="replace")
    line_start = prefix.rfind("\n") + 1
    return prefix.count("\n") + 1, len(prefix) - line_start + 1
