"""Input limits: how much of a file the tool reads, and how deep a structure it parses.

A glossary, config or baseline comes from the repository being checked, which may be
someone else's pull request: reading must end (no FIFO, no device, no endless file), and a
bad file must give one line, never a traceback or minutes of work.
"""

from __future__ import annotations

import errno
import os
import stat

from translate_kit.messages import Message, english, msg

MB = 1024 * 1024
# Largest files read whole, by kind; a bigger one is refused with a message naming the limit.
MAX_DOCUMENT_BYTES = 1024 * MB
MAX_GLOSSARY_BYTES = 64 * MB
MAX_CONFIG_BYTES = 4 * MB
MAX_BASELINE_BYTES = 256 * MB
# git itself skips a pattern file over 100 MB (`.gitignore`, `info/exclude`).
MAX_IGNORE_BYTES = 100 * MB
# Deepest nesting of a structured file (YAML, XML, TOML) and most YAML nodes in one file.
MAX_NESTING = 64
MAX_YAML_NODES = 1_000_000
# Most worker processes per available core (`--jobs`, `jobs`).
JOBS_PER_CORE = 4


class LimitError(ValueError):
    """A file refused before or while reading it; the message is one line, without the path
    (`message`: a `msg(...)` value the CLI shows in the user's language; `str()`: English)."""

    def __init__(self, message: Message) -> None:
        super().__init__(english(message))
        self.message = message


def _kind(mode: int) -> Message:
    """Why a file that is not a regular file is refused."""
    if stat.S_ISFIFO(mode):
        return msg("is a FIFO, not a regular file")
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return msg("is a device, not a regular file")
    if stat.S_ISSOCK(mode):
        return msg("is a socket, not a regular file")
    if stat.S_ISDIR(mode):
        return msg("is a directory, not a regular file")
    return msg("not a regular file")


def read_regular(path: str, limit: int, what: str = "file") -> bytes:
    """The bytes of a regular file of at most `limit` bytes. A FIFO or device is refused
    without blocking (opened non-blocking, checked with fstat before any read), a larger
    file by its size; OSError is left to the caller, which knows how to word it."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except IsADirectoryError:
        raise LimitError(msg("is a directory")) from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise LimitError(_kind(info.st_mode))
        if info.st_size > limit:
            raise LimitError(too_large(what, info.st_size, limit))
        chunks = []
        size = 0
        # the first read asks for the size fstat gave, plus one byte to see the end, then
        # 64 KiB at a time (a file that grew): asking for 16 MB made CPython allocate 16 MB
        # for every small file, twice (0.1-0.5 s per 20,000 files, more as the heap grows)
        want = min(info.st_size, limit) + 1
        while True:
            chunk = os.read(fd, min(limit + 1 - size, want) or 1)
            want = 64 * 1024
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
            if size > limit:  # a file that grew while read
                raise LimitError(too_large(what, size, limit))
        return b"".join(chunks)
    finally:
        os.close(fd)


def too_large(what: str, size: int, limit: int) -> Message:
    """`file too large (2.0 MB; the limit is 1.0 MB)`, worded for the kind of file."""
    sizes: dict = {"size": _size(size), "limit": _size(limit)}
    if what == "glossary":
        return msg("glossary too large ({size}; the limit is {limit})", **sizes)
    if what == "config":
        return msg("config too large ({size}; the limit is {limit})", **sizes)
    if what == "baseline":
        return msg("baseline too large ({size}; the limit is {limit})", **sizes)
    return msg("file too large ({size}; the limit is {limit})", **sizes)


def _size(n: int) -> str | Message:
    return f"{n / MB:.1f} MB" if n >= MB else msg("{n} bytes", n=n)


def os_reason(exc: OSError) -> str:
    """An OS error's reason in lower case, for one-line messages."""
    if exc.errno == errno.ENOSPC:
        return "no space left on device"
    if exc.errno == errno.ENXIO:
        return "a FIFO with no reader"
    return (exc.strerror or type(exc).__name__).lower()


def jobs_problem(jobs: int) -> Message | None:
    """Why a worker count is refused (more than JOBS_PER_CORE per core), or None."""
    most = max_jobs()
    if jobs > most:
        return msg("{jobs} worker processes is more than this machine takes (at most {most}: {per_core} per core; 0 = one per core)",
                   jobs=jobs, most=most, per_core=JOBS_PER_CORE)
    return None


def links_outside(path: str) -> bool:
    """Whether `path` is reached through a symbolic link that leads out of both the
    working directory and the link's own folder: an error about such a file must not
    quote its content (a glossary linked to /etc/passwd would print its first line)."""
    real = os.path.realpath(path)
    if real == os.path.normpath(os.path.abspath(path)):
        return False
    roots = (os.path.realpath(os.getcwd()), os.path.realpath(os.path.dirname(os.path.abspath(path))))
    return not any(real == root or real.startswith(root.rstrip(os.sep) + os.sep) for root in roots)


def withheld(path: str, what: Message) -> Message | None:
    """The message to show instead of a parse error's for a file `links_outside` the project, else None."""
    if not links_outside(path):
        return None
    return msg("not a valid {what} (details withheld: it links to a file outside this folder)", what=what)


def max_jobs() -> int:
    """The most worker processes a run may ask for."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        cores = os.cpu_count() or 1
    return max(1, cores) * JOBS_PER_CORE
