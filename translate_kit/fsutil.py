"""File-system edges: atomic writes and reading input files with clear errors."""

from __future__ import annotations

import os
import tempfile

from translate_kit.model import InputFileError


def atomic_write(path: str, text: str, encoding: str = "utf-8") -> None:
    """Write `text` to `path` atomically (see `atomic_write_bytes`)."""
    atomic_write_bytes(path, text.encode(encoding))


def atomic_write_bytes(path: str, data: bytes) -> None:
    """Write `data` to `path` via a temp file in the same directory and a rename, so a
    crash never leaves a half-written file; the file keeps its mode (a new one gets the
    umask's). A target that exists but is not a regular file (/dev/null, a FIFO,
    /dev/stdout) is written to directly: renaming over it would replace the device."""
    if os.path.exists(path) and not os.path.isfile(path):
        with open(path, "wb") as fh:
            fh.write(data)
        return
    directory = os.path.dirname(os.path.abspath(path))
    fd, tmp = tempfile.mkstemp(prefix=".translate-kit-", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        try:
            mode = os.stat(path).st_mode & 0o7777
        except FileNotFoundError:
            mode = 0o666 & ~_umask()  # mkstemp made it 0600; a new file gets what open() would give
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def _umask() -> int:
    """The process's umask, read without changing it where the system allows (Linux's
    /proc), since setting it to read it back races with other threads."""
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


def read_input_bytes(path: str) -> bytes:
    """A file's bytes, or an `InputFileError` with a one-line reason (never a traceback)."""
    try:
        with open(path, "rb") as handle:
            return handle.read()
    except FileNotFoundError:
        raise InputFileError(path, "no such file or directory") from None
    except IsADirectoryError:
        raise InputFileError(path, "is a directory") from None
    except PermissionError:
        raise InputFileError(path, "permission denied") from None
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise InputFileError(path, f"cannot read file: {reason}") from None
