"""File-system edges: atomic writes and reading input files with clear errors."""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from typing import Iterable

from translate_kit.limits import MAX_DOCUMENT_BYTES, LimitError, links_outside, os_reason, read_regular
from translate_kit.messages import Message, msg
from translate_kit.model import InputFileError


def atomic_write(path: str, text: str, encoding: str = "utf-8") -> None:
    """Write `text` to `path` via a temp file in the same directory and a rename, so a
    crash never leaves a half-written file. The file gets the mode of the file it replaces,
    or the mode the user's umask gives a new file. A target that exists but is not a
    regular file (/dev/null, a FIFO, /dev/stdout) is written to directly: renaming over it
    would replace the device with a file; a FIFO without a reader is an error, not a hang.
    OSError (missing folder, read-only or full disk, file size limit) is the caller's to word."""
    try:
        # a file name that is not valid UTF-8 (lone surrogates) is written as its own bytes
        data = text.encode(encoding, "surrogateescape")
    except UnicodeEncodeError:
        data = text.encode(encoding, "replace")
    atomic_write_bytes(path, data)


def atomic_write_bytes(path: str, data: bytes) -> None:
    """`atomic_write` for bytes already encoded (catalogs, fixed files in their own encoding).
    A symbolic link stays one: the file it leads to is replaced (renaming over the link
    turned it into a copy and left the file it named as it was), unless it leads out of
    both the working directory and its own folder (a link a checked-out tree may plant):
    then nothing is written, an OSError says why. So is a file without write permission
    (for anyone, or for this user), as an editor leaves it."""
    if os.path.islink(path):
        if links_outside(path):
            raise OSError(errno.EPERM, "it links to a file outside this folder", path)
        path = os.path.realpath(path)
    try:
        info = os.stat(path)
    except FileNotFoundError:
        info = None
    if info is not None and not stat.S_ISREG(info.st_mode):
        _write_special(path, data)
        return
    if info is not None and (not info.st_mode & 0o222 or not os.access(path, os.W_OK)):
        # a rename would replace it all the same (even for root): a read-only file stays as it is
        raise PermissionError(errno.EACCES, "the file is read-only", path)
    directory = os.path.dirname(os.path.abspath(path))
    fd, tmp = tempfile.mkstemp(prefix=".translate-kit-", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, stat.S_IMODE(info.st_mode) if info is not None else 0o666 & ~current_umask())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def _write_special(path: str, data: bytes) -> None:
    """Write to a FIFO or device without blocking on a FIFO that nobody reads."""
    try:
        fd = os.open(path, os.O_WRONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        if exc.errno == errno.ENXIO:
            raise OSError(errno.ENXIO, "a FIFO with no reader", path) from None
        raise
    try:
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)  # a reader is there: let it read at its pace
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]
    finally:
        os.close(fd)


def current_umask() -> int:
    """The process's umask, read without changing it where the system allows (Linux)."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def read_input_bytes(path: str, limit: int = MAX_DOCUMENT_BYTES, what: str = "file") -> bytes:
    """A regular file's bytes, or an `InputFileError` with a one-line reason (never a
    traceback, never a hang on a FIFO or an endless device)."""
    try:
        return read_regular(path, limit, what)
    except LimitError as exc:
        raise InputFileError(path, exc.message) from None
    except FileNotFoundError:
        raise InputFileError(path, msg("no such file or directory")) from None
    except IsADirectoryError:
        raise InputFileError(path, msg("is a directory")) from None
    except PermissionError:
        raise InputFileError(path, msg("permission denied")) from None
    except OSError as exc:
        raise InputFileError(path, msg("cannot read file: {reason}", reason=os_reason(exc))) from None


def file_name_problem(name: str) -> Message | None:
    """Why `name` cannot be a file name inside a folder (a catalog domain): a path, '.' or
    '..', or a NUL would put the file elsewhere or nowhere. None when it can."""
    separators = {"/", "\\", os.sep, os.altsep or "/"}
    if name in ("", ".", "..") or "\0" in name or any(sep in name for sep in separators):
        return msg("{name} is not a file name (no folders, no '.' or '..')", name=repr(name))
    return None


def overwritten_input(output: str, inputs: "Iterable[str]") -> str | None:
    """The input among `inputs` that writing `output` would replace (the same file, also
    through a link), or None: a report written over the catalog it checks loses the
    translations. Only inputs of the output's name, or of its link's target's, are stat-ed."""
    try:
        info = os.stat(output)
    except OSError:
        return None  # not there yet: no input can be it
    if not stat.S_ISREG(info.st_mode):
        return None
    names = {os.path.basename(output), os.path.basename(os.path.realpath(output))}
    for path in inputs:
        if os.path.basename(path) in names:
            try:
                other = os.stat(path)
            except OSError:
                continue
            if (other.st_dev, other.st_ino) == (info.st_dev, info.st_ino):
                return path
    return None
