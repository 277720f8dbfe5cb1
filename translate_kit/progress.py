"""A progress bar on stderr for long interactive runs, and nothing anywhere else.

The bar is for a person waiting at a terminal: it never appears in CI (`CI` set), with
`--quiet`, when stderr is not a TTY, or for short runs. It starts once a run has taken
`delay` seconds or reaches `many` files, and is transient: it disappears when the run
ends, so the report that follows is exactly what a non-interactive run prints.
"""

from __future__ import annotations

import os
import sys
import time
from contextlib import contextmanager
from typing import Callable, Iterator, Mapping, TextIO

__all__ = ["DELAY_SECONDS", "MANY_FILES", "FileProgress", "progress", "progress_wanted"]

#: A run shows progress once it has lasted this long...
DELAY_SECONDS = 2.0
#: ...or once it has more files than this.
MANY_FILES = 50

_PATH_CELLS = 48


def progress_wanted(stream: TextIO, quiet: bool = False, env: Mapping[str, str] | None = None) -> bool:
    """Whether a progress bar may be drawn on `stream`: a TTY, not CI, not quiet, not dumb."""
    env = os.environ if env is None else env
    if quiet:
        return False
    if env.get("CI", "").strip().lower() not in ("", "0", "false", "no"):
        return False
    if env.get("TERM") == "dumb":
        return False
    isatty = getattr(stream, "isatty", None)
    try:
        return bool(isatty and isatty())
    except (OSError, ValueError):  # a closed or odd stream
        return False


class FileProgress:
    """The per-file callback: `progress(path)` is called as each file starts loading.

    Counts files from the first call; draws nothing until the run qualifies as long."""

    def __init__(
        self,
        stream: TextIO | None,
        total: int | None = None,
        delay: float = DELAY_SECONDS,
        many: int = MANY_FILES,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._stream = stream  # None: never draw
        self._total = total
        self._delay = delay
        self._many = many
        self._clock = clock
        self._t0 = clock()
        self._count = 0
        self._bar = None  # a rich Progress once drawing has started
        self._task = None

    @property
    def count(self) -> int:
        """Files started so far."""
        return self._count

    @property
    def started(self) -> bool:
        """Whether the bar has been shown."""
        return self._bar is not None

    def __call__(self, path: str) -> None:
        """Note that `path` is being checked; start drawing once the run is long enough."""
        self._count += 1
        if self._stream is None:
            return
        if self._bar is None:
            many = (self._total or self._count) > self._many
            if not many and self._clock() - self._t0 < self._delay:
                return
            self._start()
        self._bar.update(self._task, completed=self._count - 1, description=_short_path(path))

    def close(self) -> None:
        """Remove the bar (it is transient) and leave the terminal as it was."""
        if self._bar is not None:
            self._bar.update(self._task, completed=self._count, description="done")
            self._bar.stop()
            self._bar = None

    def _start(self) -> None:
        """Create and start the rich progress display on the stream."""
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            SpinnerColumn,
            TextColumn,
            TimeElapsedColumn,
        )

        console = Console(file=self._stream, force_terminal=True, highlight=False)
        columns = [SpinnerColumn(), TextColumn("checking")]
        if self._total is not None:
            columns += [BarColumn(), MofNCompleteColumn()]
        else:
            columns.append(TextColumn("{task.completed} done"))
        columns += [TimeElapsedColumn(), TextColumn("{task.description}")]
        self._bar = Progress(
            *columns, console=console, transient=True, redirect_stdout=False, redirect_stderr=False,
            refresh_per_second=8,
        )
        self._task = self._bar.add_task("", total=self._total, completed=max(self._count - 1, 0))
        self._bar.start()


@contextmanager
def progress(
    *,
    quiet: bool = False,
    total: int | None = None,
    stream: TextIO | None = None,
    env: Mapping[str, str] | None = None,
    delay: float = DELAY_SECONDS,
    many: int = MANY_FILES,
    clock: Callable[[], float] = time.monotonic,
) -> Iterator[FileProgress]:
    """Yield the per-file callback for a run; it draws on stderr only when that is wanted.

    Pass the callback as `progress=` to `check_paths`/`build_context`. `total` (when the
    caller already knows the file count) adds a bar and percentage; without it the bar
    counts files."""
    target = sys.stderr if stream is None else stream
    tracker = FileProgress(target if progress_wanted(target, quiet, env) else None, total, delay, many, clock)
    try:
        yield tracker
    finally:
        tracker.close()


def _short_path(path: str) -> str:
    """The tail of a long path, so the line fits a terminal."""
    return path if len(path) <= _PATH_CELLS else "…" + path[-(_PATH_CELLS - 1):]
