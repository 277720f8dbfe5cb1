"""Worker processes that end with the run: a worker whose parent dies (killed, not just
interrupted) must not keep running for minutes, holding the run's output pipes open."""

from __future__ import annotations

import os
import signal
import sys

_PR_SET_PDEATHSIG = 1


def die_with_parent(parent: int) -> None:
    """Ask the kernel to kill this process when `parent` exits (Linux prctl); elsewhere a
    no-op. If the parent is already gone (it died before the call), exit now."""
    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0)
    except (OSError, AttributeError):  # pragma: no cover - no libc prctl
        return
    if os.getppid() != parent:
        os._exit(1)


def worker_signals() -> None:
    """A worker leaves Ctrl-C to its parent (which shuts the pool down and prints one
    line), and ends at once on SIGTERM instead of running the parent's handlers."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for name in ("SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), signal.SIG_DFL)
