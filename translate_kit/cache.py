"""Content-hash cache of what each file contributes to a run: one SQLite index per folder.

The cache stores signed bytes; what they hold (a file's contribution, as plain data) is
engine/codec.py's business.

The key of a file is a hash of everything that can change its findings: the tool's version
and code, every field of the run's options except those listed in `NOT_IN_KEY` (derived
from the options object, so a new option is in the key unless someone decides otherwise),
the glossary's contents, the enabled document rules, the file's path and its bytes. An
unchanged file is then not parsed again: its contribution is loaded and only the
cross-file reductions and run rules are recomputed. When no file changed either, the run
rules' findings themselves come from an entry keyed by every file's key and the rules run
(`run_key`; run.py).

Every entry is signed, together with its own key, with a secret kept outside the project
(in the user's cache directory): an entry moved to another key, written by another user or
version, damaged, or planted by a commit is not trusted, only ignored and rewritten. The
folder holds `CACHEDIR.TAG` (backup tools skip it) and a `.gitignore` of `*` (never
committed by `git add -A`). A folder or index that cannot be used (read-only, full disk, a
symlink to a device, not a database) only costs the run its cache.
"""

from __future__ import annotations

import dataclasses
import enum
import functools
import hashlib
import hmac
import importlib
import importlib.util
import marshal
import os
import secrets
import sqlite3
import stat
import sys
import tempfile
import threading
import weakref
from typing import TYPE_CHECKING, Any, Callable

from translate_kit._version import __version__
from translate_kit.fsutil import atomic_write
from translate_kit.limits import MAX_DOCUMENT_BYTES, LimitError, read_regular
from translate_kit.sources import companion_files

if TYPE_CHECKING:  # pragma: no cover
    from translate_kit.options import CheckOptions

FORMAT = "translate-kit-cache-v6"  # 6: entries with a deferred part, run entries, 64 KiB pages
INDEX = "index.sqlite"
# Options that cannot change findings, left out of the key on purpose.
NOT_IN_KEY = frozenset({"jobs", "cache_dir", "respect_gitignore"})
DEFAULT_DIR = ".translate_kit_cache"
ENV_DIR = "TRANSLATE_KIT_CACHE_DIR"
TAG = "Signature: 8a477f597d28d172789f06886806bc55\n# This folder is a cache made by translate-kit; it can be deleted.\n"
FLUSH_BYTES = 16 << 20  # buffered entries are written in one transaction when they reach this size
# Past this many bytes of entries, the oldest written go (never those this run wrote):
# every edit and every distinct run adds entries, and nothing else removes them.
MAX_BYTES = 1 << 30


def default_cache_dir(root: str | None) -> str:
    """Where the cache lives: $TRANSLATE_KIT_CACHE_DIR, else `.translate_kit_cache/`
    beside the config file, else in the working directory."""
    configured = os.environ.get(ENV_DIR)
    if configured:
        return configured
    return os.path.join(root, DEFAULT_DIR) if root else DEFAULT_DIR


def _versions() -> str:
    """What besides the code and options changes findings: SudachiPy, the dictionary file
    it loads (size and date: an update of sudachidict_core changes words), this package's
    version, marshal's format and the code. Read from the modules and the file itself,
    not importlib.metadata, whose import was a twentieth of a warm re-check."""
    parts = [f"sudachipy={_module_attribute('sudachipy', '__version__')}", f"dictionary={_dictionary_stamp()}"]
    parts.append(f"package={__version__}")
    parts.append(f"python={sys.implementation.name}-{sys.version_info[0]}.{sys.version_info[1]}")  # marshal's format
    parts.append(f"code={_code_fingerprint()}")
    return ";".join(parts)


def _module_attribute(module: str, name: str) -> str:
    try:
        return str(getattr(importlib.import_module(module), name, "?"))
    except ImportError:
        return "?"


def _dictionary_stamp() -> str:
    """The size and modification time of sudachidict_core's system.dic ("?" when absent:
    the check then fails with its own message)."""
    spec = importlib.util.find_spec("sudachidict_core")
    if spec is None or spec.origin is None:
        return "?"
    try:
        st = os.stat(os.path.join(os.path.dirname(spec.origin), "resources", "system.dic"))
    except OSError:
        return "?"
    return f"{st.st_size}:{st.st_mtime_ns}"


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


_PLAIN = frozenset({type(None), bool, int, float, str, bytes})


def canonical(value: Any) -> Any:
    """A value as nested lists of plain values, the same in every process (sets sorted,
    dataclasses by field): what the key hashes. Unknown objects fail loudly, so nothing
    that changes findings is hashed as an address."""
    kind = type(value)
    if kind in _PLAIN:  # itself: marshal writes its type with it (a glossary is thousands of these)
        return value
    if kind is tuple or kind is list:
        return ["list", [canonical(v) for v in value]]
    if value is None or isinstance(value, (bool, int, float, str, bytes)):
        return [type(value).__name__, repr(value)]
    if isinstance(value, enum.Enum):
        return ["enum", type(value).__name__, value.name]
    names = _field_names(kind)
    if names is not None:
        return [kind.__name__, names, [canonical(getattr(value, name)) for name in names]]
    if isinstance(value, (set, frozenset)):
        return ["set", sorted((canonical(v) for v in value), key=repr)]
    if isinstance(value, dict):
        return ["dict", sorted(([canonical(k), canonical(v)] for k, v in value.items()), key=repr)]
    if isinstance(value, (list, tuple)):
        return ["list", [canonical(v) for v in value]]
    raise TypeError(f"cannot put a {type(value).__name__} into a cache key")


@functools.lru_cache(maxsize=None)
def _field_names(kind: type) -> tuple[str, ...] | None:
    """The field names of a dataclass, None for any other type (asked once per type: a
    glossary is thousands of dataclass values, and `dataclasses.fields` builds its answer
    on every call)."""
    if not dataclasses.is_dataclass(kind):
        return None
    return tuple(f.name for f in dataclasses.fields(kind))


def options_key(options: "CheckOptions") -> list:
    """Every option that can change findings (all but NOT_IN_KEY), canonical."""
    return [[f.name, canonical(getattr(options, f.name))] for f in dataclasses.fields(options) if f.name not in NOT_IN_KEY]


def _signing_key() -> bytes:
    """A per-user secret in the user's cache directory (created on first use)."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    path = os.path.join(base, "translate-kit", "cache-key")
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        try:
            if stat.S_ISREG(os.fstat(fd).st_mode):
                key = os.read(fd, 64)
                if len(key) >= 32:
                    return key
        finally:
            os.close(fd)
    except OSError:
        pass
    key = secrets.token_bytes(32)
    try:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=os.path.dirname(path))
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(key)
            os.replace(tmp, path)  # mkstemp's 0600: the secret stays the user's
        except BaseException:
            os.unlink(tmp)
            raise
    except OSError:
        pass  # an unwritable home only costs the cache its persistence across runs
    return key


def _prepare_folder(directory: str) -> None:
    """Create the folder with CACHEDIR.TAG and a .gitignore of `*` (OSError when it cannot be)."""
    os.makedirs(directory, exist_ok=True)
    for name, text in (("CACHEDIR.TAG", TAG), (".gitignore", "# made by translate-kit: never commit this cache\n*\n")):
        path = os.path.join(directory, name)
        try:
            info = os.lstat(path)
        except FileNotFoundError:
            info = None
        if info is not None and stat.S_ISREG(info.st_mode):
            continue
        if info is not None:
            os.unlink(path)  # a symlink or FIFO planted where our file belongs
        atomic_write(path, text)


def _connect(directory: str) -> sqlite3.Connection | None:
    """The folder's index, created if needed; one that is not a regular file or not a
    database of ours is removed and created again. None: run without a cache."""
    try:
        _prepare_folder(directory)
    except OSError:
        return None
    path = os.path.join(directory, INDEX)
    for attempt in range(2):
        try:
            for suffix in ("", "-wal", "-shm", "-journal"):
                try:
                    info = os.lstat(path + suffix)
                except FileNotFoundError:
                    continue
                if not stat.S_ISREG(info.st_mode):
                    os.unlink(path + suffix)
            db = sqlite3.connect(path, timeout=10, isolation_level=None, check_same_thread=False)
            try:
                db.execute("PRAGMA journal_mode=DELETE")  # cheaper than WAL for one large write per run (20k entries: 0.080 -> 0.056 s)
                db.execute("PRAGMA synchronous=OFF")  # a cache: a crash at worst costs entries, which are checked
                # large pages for large entries (a new index only): a 100k-entry catalog's 30 MB
                # entry reads in 4 ms instead of 20-30 ms, and is written in half the time
                db.execute("PRAGMA page_size=65536")
                db.execute("CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT NOT NULL)")
                db.execute("CREATE TABLE IF NOT EXISTS entries (key BLOB PRIMARY KEY, mac BLOB NOT NULL, value BLOB NOT NULL)")
                row = db.execute("SELECT value FROM meta WHERE name = 'format'").fetchone()
                if row is None:
                    db.execute("INSERT OR REPLACE INTO meta VALUES ('format', ?)", (FORMAT,))
                elif row[0] != FORMAT:
                    raise sqlite3.DatabaseError("another format")
                return db
            except BaseException:
                db.close()
                raise
        except sqlite3.DatabaseError:
            if attempt:
                return None
            try:  # not a database, or not ours: start a new one
                for suffix in ("", "-wal", "-shm", "-journal"):
                    if os.path.lexists(path + suffix):
                        os.unlink(path + suffix)
            except OSError:
                return None
        except (OSError, sqlite3.Error):
            return None
    return None


def _write_batch(db: sqlite3.Connection, rows: list[tuple[bytes, bytes, bytes]], state: dict) -> None:
    """Write entries in one transaction, the oldest ones beyond `MAX_BYTES` removed (never
    those this run wrote); a full disk, a locked or damaged index only costs the cache
    these entries."""
    try:
        db.execute("BEGIN IMMEDIATE")
        if "first" not in state:  # the first row this run writes
            (state["first"],) = db.execute("SELECT coalesce(max(rowid), 0) + 1 FROM entries").fetchone()
        db.executemany("INSERT OR REPLACE INTO entries (key, mac, value) VALUES (?, ?, ?)", rows)
        _evict(db, state["first"])
        db.execute("COMMIT")
    except sqlite3.Error:
        try:
            db.execute("ROLLBACK")
        except sqlite3.Error:
            pass


def _evict(db: sqlite3.Connection, first_new: int) -> None:
    """Remove the oldest entries written before rowid `first_new` until the index holds at
    most `MAX_BYTES` of them (first in, first out: a row read again is not renewed, so a
    file checked every day is re-checked once after its row goes)."""
    (total,) = db.execute("SELECT coalesce(sum(length(value)), 0) FROM entries").fetchone()
    excess = total - MAX_BYTES
    if excess <= 0:
        return
    last = 0
    for rowid, size in db.execute("SELECT rowid, length(value) FROM entries WHERE rowid < ? ORDER BY rowid", (first_new,)).fetchall():
        if excess <= 0:
            break
        excess -= size
        last = rowid
    if last:
        db.execute("DELETE FROM entries WHERE rowid <= ?", (last,))


def _flush(state: dict, background: bool = False) -> None:
    """Write the buffered entries in one transaction, in the process that opened the cache
    only: a forked worker must never write its parent's entries. In the `background`,
    SQLite writes while the caller goes on (it lets go of the interpreter while it works):
    every later use of the index waits for it (`_settled`)."""
    pending = state["pending"]
    db = state.get("db")
    rows = list(pending.values())
    pending.clear()
    state["size"] = 0
    if not rows or db is None or state["pid"] != os.getpid():
        return
    _settled(state)  # one writer at a time
    if background:
        writer = threading.Thread(target=_write_batch, args=(db, rows, state), name="translate-kit cache writer")
        writer.start()
        state["writer"] = writer
    else:
        _write_batch(db, rows, state)


def _settled(state: dict) -> None:
    """Wait for the background write, if one is under way (only its own process has one)."""
    writer = state.get("writer")
    if writer is not None and state["pid"] == os.getpid():
        writer.join()
        state["writer"] = None


def _close(state: dict) -> None:
    _flush(state)
    _settled(state)
    if state["pid"] != os.getpid():
        return
    db = state.pop("db", None)
    if db is not None:
        try:
            db.close()
        except sqlite3.Error:
            pass


class ContributionCache:
    """Signed per-file contributions in one SQLite index, keyed by content hash."""

    def __init__(self, directory: str, salt: bytes, key_bytes: bytes,
                 companions: "Callable[[str], list[str]] | None" = None) -> None:
        self.directory = directory
        # the other files a file's findings depend on (a key file's source-language file)
        self.companions = companions or (lambda path: [])
        self.salt = salt
        # each file's key starts from a copy; SHA-256 has the CPU's instructions where BLAKE2b
        # has none: a 14 MB catalog's key in 7 ms instead of 10
        self._keyer = hashlib.sha256(salt)
        self.key_bytes = key_bytes
        # keyed BLAKE2b: a MAC by design, cheaper per entry than HMAC-SHA256; each entry's
        # MAC starts from a copy of the keyed state
        self._signer = hashlib.blake2b(key=key_bytes[:64], digest_size=32)
        self._state: dict = {"db": _connect(directory), "pending": {}, "size": 0, "pid": os.getpid()}
        self._known: set[bytes] | None = None
        self._finalizer = weakref.finalize(self, _close, self._state)

    @classmethod
    def open(cls, options: "CheckOptions", glossary: object | None, rules: tuple) -> "ContributionCache":
        settings = [FORMAT, _versions(), options_key(options), sorted(r.id for r in rules), canonical(glossary)]
        # marshal without references (version 2) writes the same bytes for the same nested
        # lists of strings in every process, at a fifth of repr's cost on a large glossary
        salt = hashlib.sha256(marshal.dumps(settings, 2)).digest()
        return cls(options.cache_dir or default_cache_dir(None), salt, _signing_key(),
                   lambda path: companion_files(path, options.source_lang, options.source_files))

    def key(self, path: str) -> bytes | None:
        """The key of a file as it is now, or None when it cannot be read (the loader
        reports it) or is not a regular file."""
        try:
            data = read_regular(path, MAX_DOCUMENT_BYTES)
        except (OSError, LimitError):
            return None
        return self.key_of(path, data)

    def key_of(self, path: str, data: bytes) -> bytes:
        """The key of a file whose bytes the caller has read."""
        h = self._keyer.copy()
        h.update(os.path.abspath(path).encode("utf-8", "surrogateescape") + b"\0" + path.encode("utf-8", "surrogateescape") + b"\0")
        h.update(data)
        for other in self.companions(path):  # a key file's source file: editing en.json re-checks ja.json
            try:
                h.update(b"\0" + read_regular(other, MAX_DOCUMENT_BYTES))
            except (OSError, LimitError):
                h.update(b"\0-")
        return h.digest()

    def run_key(self, files: list[tuple[str, bytes]], rules: list[str]) -> bytes:
        """The key of a run's findings: every file's key (each holds the settings, the code
        and the file's bytes) with its path, and the ids of the rules the run applies."""
        h = self._keyer.copy()
        h.update(b"run\0" + repr(rules).encode("utf-8", "surrogateescape"))
        for path, key in files:
            h.update(b"\0" + path.encode("utf-8", "surrogateescape") + b"\0" + key)
        return h.digest()

    def _keys(self) -> set[bytes]:
        """Every key in the index, read once (one query instead of one per file)."""
        if self._known is None:
            _settled(self._state)
            db = self._state.get("db")
            try:
                self._known = {row[0] for row in db.execute("SELECT key FROM entries")} if db is not None else set()
            except sqlite3.Error:
                self._known = set()
        return self._known

    def has(self, key: bytes) -> bool:
        """Whether an entry is stored under `key` (cheap: not read or verified)."""
        return key in self._state["pending"] or key in self._keys()

    def _mac(self, key: bytes, payload: bytes) -> bytes:
        h = self._signer.copy()
        h.update(key)
        h.update(payload)
        return h.digest()

    def get(self, key: bytes) -> bytes | None:
        """The bytes stored under `key` if they were signed for this key by this user, else
        None."""
        pending = self._state["pending"].get(key)
        if pending is not None:
            _key, mac, payload = pending
        else:
            db = self._state.get("db")
            if db is None or key not in self._keys():
                return None
            _settled(self._state)
            try:
                row = db.execute("SELECT mac, value FROM entries WHERE key = ?", (key,)).fetchone()
            except sqlite3.Error:
                return None
            if row is None:
                return None
            mac, payload = row
        if not isinstance(mac, bytes) or not isinstance(payload, bytes) or not hmac.compare_digest(mac, self._mac(key, payload)):
            return None
        return payload

    def put(self, key: bytes, payload: bytes) -> None:
        """Store `payload` under `key` (buffered; written in one transaction per
        FLUSH_BYTES, and by `flush` and `close`)."""
        state = self._state
        if state.get("db") is None:
            return
        state["pending"][key] = (key, self._mac(key, payload), payload)  # the row as written
        state["size"] += len(payload)
        if state["size"] >= FLUSH_BYTES:
            self.flush()

    def flush(self, background: bool = False) -> None:
        """Write what `put` has buffered (`background`: while the caller goes on, e.g. to
        run the run rules; the next use of the index waits for it)."""
        if self._known is not None:
            self._known.update(self._state["pending"])
        _flush(self._state, background)

    def close(self) -> None:
        """Write what is buffered and close the index (also done when the cache is collected)."""
        self._finalizer()
