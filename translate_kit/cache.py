"""Content-hash cache of what each file contributes to a run (`.translate_kit_cache/`).

The key is a hash of the file's bytes and path together with everything that changes
the analysis: tool and dictionary versions, options, the glossary and the enabled
document rules. An unchanged file is then not even parsed again: its contribution is
loaded and only the cross-file reductions and run rules are recomputed.

Entries are written atomically (temp file + rename), so concurrent runs are safe, and are
signed with a key kept outside the project (in the user's cache directory), so a cache
directory committed to a repository cannot smuggle in a crafted pickle.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import pickle
import secrets
import tempfile
from dataclasses import dataclass
from importlib import metadata
from typing import TYPE_CHECKING

from translate_kit._version import __version__
from translate_kit.sources import companion_files

if TYPE_CHECKING:  # pragma: no cover
    from translate_kit.engine.contribution import FileContribution
    from translate_kit.options import CheckOptions

FORMAT = b"translate-kit-cache-v1\n"


def _versions() -> str:
    parts = []
    for dist in ("translate-kit", "sudachipy", "sudachidict_core"):
        try:
            parts.append(f"{dist}={metadata.version(dist)}")
        except metadata.PackageNotFoundError:
            parts.append(f"{dist}=?")
    parts.append(f"package={__version__}")
    parts.append(f"code={_code_fingerprint()}")
    return ";".join(parts)


def _code_fingerprint() -> str:
    """Size and modification time of every module and word list (lexicon.txt) of the
    package, so an edited checkout (or an upgrade that keeps the version number) never
    reads entries it did not write."""
    root = os.path.dirname(os.path.abspath(__file__))
    h = hashlib.sha256()
    for directory, _dirs, files in sorted(os.walk(root)):
        for name in sorted(files):
            if name.endswith((".py", ".txt")):
                st = os.stat(os.path.join(directory, name))
                h.update(f"{os.path.relpath(os.path.join(directory, name), root)}:{st.st_size}:{st.st_mtime_ns};".encode())
    return h.hexdigest()[:16]


def _signing_key() -> bytes:
    """A per-user secret in the user's cache directory (created on first use)."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    path = os.path.join(base, "translate-kit", "cache-key")
    try:
        with open(path, "rb") as fh:
            key = fh.read()
        if len(key) >= 32:
            return key
    except OSError:
        pass
    key = secrets.token_bytes(32)
    try:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=os.path.dirname(path))
        with os.fdopen(fd, "wb") as fh:
            fh.write(key)
        os.chmod(tmp, 0o600)
        os.replace(tmp, path)
    except OSError:
        pass  # an unwritable home only costs the cache its persistence across runs
    return key


@dataclass
class ContributionCache:
    """Signed pickles of per-file contributions, keyed by content hash."""

    directory: str
    salt: bytes
    key_bytes: bytes
    source_lang: str = "en"
    source_files: tuple[tuple[str, str], ...] = ()

    @classmethod
    def open(cls, options: "CheckOptions", glossary: object | None, rules: tuple) -> "ContributionCache":
        settings = (
            _versions(), options.lang, options.source_lang, options.split_mode, options.include_fuzzy,
            options.collect_words, sorted(r.id for r in rules), repr(glossary), options.encoding,
            options.source_files,
        )
        salt = hashlib.sha256(repr(settings).encode("utf-8")).digest()
        return cls(options.cache_dir or ".translate_kit_cache", salt, _signing_key(), options.source_lang, options.source_files)

    def key(self, path: str) -> str | None:
        try:
            with open(path, "rb") as fh:
                data = fh.read()
        except OSError:
            return None  # let the loader report it
        h = hashlib.sha256(self.salt)
        h.update(os.path.abspath(path).encode("utf-8", "surrogateescape") + b"\0" + path.encode("utf-8", "surrogateescape") + b"\0")
        h.update(data)
        for other in companion_files(path, self.source_lang, self.source_files):  # a key file's source file
            try:
                with open(other, "rb") as fh:
                    h.update(b"\0" + fh.read())
            except OSError:
                pass
        return h.hexdigest()

    def _file(self, key: str) -> str:
        return os.path.join(self.directory, key[:2], key + ".pickle")

    def has(self, key: str) -> bool:
        """Whether an entry is stored under `key` (cheap: not read or verified)."""
        return os.path.exists(self._file(key))

    def load(self, key: str) -> object | None:
        """Any signed value stored under `key`, or None."""
        try:
            with open(self._file(key), "rb") as fh:
                blob = fh.read()
        except OSError:
            return None
        if not blob.startswith(FORMAT) or len(blob) < len(FORMAT) + 32:
            return None
        mac, payload = blob[len(FORMAT) : len(FORMAT) + 32], blob[len(FORMAT) + 32 :]
        if not hmac.compare_digest(mac, hmac.new(self.key_bytes, payload, hashlib.sha256).digest()):
            return None
        try:
            return pickle.loads(payload)  # noqa: S301 - signed by this user's key above
        except Exception:  # noqa: BLE001 - a damaged entry is a miss
            return None

    def get(self, key: str) -> "FileContribution | None":
        """A file's contribution, if one written by this code is stored (the caller checks
        its type: the cache holds opaque values)."""
        return self.load(key)  # type: ignore[return-value]

    def put(self, key: str, value: object) -> None:
        payload = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        blob = FORMAT + hmac.new(self.key_bytes, payload, hashlib.sha256).digest() + payload
        target = self._file(key)
        try:
            os.makedirs(os.path.dirname(target), exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=os.path.dirname(target), suffix=".tmp")
            with os.fdopen(fd, "wb") as fh:
                fh.write(blob)
            os.replace(tmp, target)
        except OSError:
            pass  # a read-only checkout simply runs without a cache
