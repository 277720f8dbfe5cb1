"""Large files checked by worker processes (`--jobs`).

A large document is cut into parts at entry boundaries; each worker runs the whole
per-file stage on a part: segment analysis, glossary term matching and the rules that
look at one document at a time. On Linux workers are forked and share the parent's loaded
Sudachi dictionary; elsewhere they are spawned and each loads its own once (in the pool
initializer). The pool starts before the first large file is parsed. What each part contributes comes back in order and is folded into the file's
contribution exactly as if the file had been read in one go, so findings never depend on
the number of workers. Small inputs stay in-process: starting workers costs more than it
saves.
"""

from __future__ import annotations

import gc
import os
import sys
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import replace
from multiprocessing import get_all_start_methods, get_context
from operator import attrgetter
from typing import TYPE_CHECKING, Iterable

from translate_kit.analysis import Engine
from translate_kit.engine.collect import fewer_collections
from translate_kit.engine.contribution import FileContribution, Resources, contribute
from translate_kit.lifetime import die_with_parent, worker_signals
from translate_kit.limits import max_jobs
from translate_kit.model import LineIndex, Segment

if TYPE_CHECKING:  # pragma: no cover
    from translate_kit.model import Document

# Below this many characters of prose in one file, the file is checked in this process.
MIN_PARALLEL_CHARS = 300_000
PARTS_PER_WORKER = 1  # each part carries the file text: one per worker keeps the copies few

_SEGMENT_FIELDS = ("path", "text", "start", "end", "line", "column", "lang", "kind", "entry", "char_offsets", "flags", "msgctxt", "comment")
# per worker process: the resources every part is checked with (set by the initializer)
_worker: Resources | None = None


def _init_worker(resources: Resources, engine: Engine | None, parent: int | None = None) -> None:
    global _worker
    if parent is not None:
        die_with_parent(parent)
    worker_signals()
    if engine is None:  # spawned: load this process's own dictionary
        engine = Engine(resources.options.split_mode)
    _worker = replace(resources, engine=engine, memo={})


def _start_method() -> str:
    """fork where it is safe and available (Linux): workers start at once and share the
    parent's loaded dictionary; spawn elsewhere (each worker loads its own)."""
    if sys.platform.startswith("linux") and "fork" in get_all_start_methods():
        return "fork"
    return "spawn"


def _pack(doc: "Document") -> tuple["Document", list[tuple]]:
    """A document for the trip to a worker: its segments as plain tuples, which pickle
    several times faster than a hundred thousand dataclass instances."""
    fields = attrgetter(*_SEGMENT_FIELDS)
    rows = [fields(s) for s in doc.segments]
    return replace(doc, segments=()), rows


def _unpack(packed: tuple["Document", list[tuple]]) -> "Document":
    doc, rows = packed
    return replace(doc, segments=tuple(Segment(*row) for row in rows))


def _check_part(packed: tuple["Document", list[tuple]]) -> FileContribution:
    """What one part of a document contributes, without the file text and line index
    (the caller has them)."""
    part = _unpack(packed)
    gc.freeze()  # the part's objects live to the end: keep collections from rescanning them
    assert _worker is not None
    try:
        with fewer_collections():
            contribution = contribute(part, _worker)
    finally:
        gc.unfreeze()
    return replace(contribution, text="", lines=LineIndex(""))


def _warm_up() -> None:
    """A task that only makes the pool start a worker (and run its initializer)."""


def effective_jobs(jobs: int | None) -> int:
    """`0` means one worker per available core; None (not configured) means one process;
    never more than `limits.max_jobs()` (the CLI and config refuse more with a message)."""
    if jobs is None:
        return 1
    if jobs > 0:
        return min(jobs, max_jobs())
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not on Linux
        return max(1, os.cpu_count() or 1)


def split_document(doc: "Document", parts: int) -> list["Document"]:
    """Cut a document into about `parts` pieces of similar size, never inside a catalog
    entry; each piece knows its number and where the next begins (`Document.part`)."""
    segments = doc.segments
    total = sum(len(s.text) for s in segments)
    cuts: list[int] = [0]
    size = 0
    for i, s in enumerate(segments):
        if i and size >= total * len(cuts) / parts and (s.entry is None or s.entry != segments[i - 1].entry):
            cuts.append(i)
        size += len(s.text)
    cuts.append(len(segments))
    pieces = []
    for number, (a, b) in enumerate(zip(cuts, cuts[1:])):
        end = segments[b].start if b < len(segments) else len(doc.text)
        pieces.append(replace(doc, segments=segments[a:b], part=(number, end)))
    return pieces


class DocumentPool:
    """A lazily started process pool; `check` returns None when a document is too small
    to be worth sending out (the caller then checks it in-process)."""

    def __init__(self, resources: Resources) -> None:
        self._resources = resources
        self._jobs = effective_jobs(resources.options.jobs)
        self._executor: ProcessPoolExecutor | None = None

    def __enter__(self) -> "DocumentPool":
        return self

    def __exit__(self, exc_type: object, *exc: object) -> None:
        if self._executor is not None:
            if exc_type is not None:  # Ctrl-C, a signal, an error: stop the workers now
                for process in list((getattr(self._executor, "_processes", None) or {}).values()):
                    process.terminate()
            self._executor.shutdown(wait=exc_type is None, cancel_futures=True)
            self._executor = None

    def discard(self) -> None:
        """Drop a pool whose worker died; the next large file starts a new one."""
        if self._executor is not None:
            self._executor.shutdown(wait=False, cancel_futures=True)
            self._executor = None

    def prepare(self, large: Iterable[str]) -> None:
        """Start the workers now when there is a large input to send them, so they load
        their dictionaries while this process parses the file. `large` is read only when
        workers may start, and only up to its first path."""
        if self._jobs <= 1 or self._executor is not None:
            return
        if next(iter(large), None) is not None:
            executor = self._start()
            for _ in range(self._jobs):
                executor.submit(_warm_up)

    def _start(self) -> ProcessPoolExecutor:
        method = _start_method()
        engine = self._resources.engine if method == "fork" else None  # inherited by forked workers
        # the dictionary does not pickle: workers get the resources without the engine and
        # take the parent's (forked) or load their own (spawned)
        shipped = replace(self._resources, engine=None, memo={})  # type: ignore[arg-type]
        self._executor = ProcessPoolExecutor(
            max_workers=self._jobs, mp_context=get_context(method), initializer=_init_worker, initargs=(shipped, engine, os.getpid()),
        )
        return self._executor

    def check(self, doc: "Document") -> "list[Future[FileContribution]] | None":
        """Send the document's parts to the workers: futures of their contributions, in
        order, or None to check it here. The caller may drop the document meanwhile."""
        if self._jobs <= 1 or sum(len(s.text) for s in doc.segments) < MIN_PARALLEL_CHARS:
            return None
        if self._executor is None:
            self._start()
        assert self._executor is not None
        parts = split_document(doc, self._jobs * PARTS_PER_WORKER)
        futures = []
        try:
            while parts:
                futures.append(self._executor.submit(_check_part, _pack(parts.pop(0))))
        except BrokenProcessPool:  # a worker died while the parts were being sent: check the file here
            for future in futures:
                future.cancel()
            self.discard()
            return None
        return futures
