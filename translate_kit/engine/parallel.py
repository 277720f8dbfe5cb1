"""Large files checked by several processes (`--jobs`).

A large document is cut into parts at entry boundaries; each process runs the whole
per-file stage on a part: segment analysis, glossary term matching and the rules that
look at one document at a time. On Linux the workers are forked once the document is
parsed: they inherit the loaded Sudachi dictionary and the parsed parts (nothing is
pickled on the way there), and this process checks the first part itself, so `--jobs 2`
is two processes at work. Elsewhere workers are spawned before the file is parsed, each
loading its own dictionary, and the parts travel to them as plain tuples. What each part
contributes comes back in order and is folded into the file's contribution exactly as if
the file had been read in one go, so findings never depend on the number of processes.
A format that can cut its text (`sources.load_in_parts`: catalogs) is not parsed here at
all: each process, forked or spawned, parses its own part (`check_parts`).
Many files are shared out whole instead, when no one of them is too large to balance
(`fork_for_files`, forked workers only): each process checks its share of the files, and
the contributions come back whole.
Small inputs stay in-process: starting workers costs more than it saves.
"""

from __future__ import annotations

import os
import sys
import time
from dataclasses import replace
from operator import attrgetter
from typing import TYPE_CHECKING, Callable, Iterable, Mapping, Protocol, Sequence, TypeVar

from translate_kit.analysis import Engine
from translate_kit.engine.collect import collector_off_for_one_file
from translate_kit.engine.builder import contribute
from translate_kit.engine.contribution import Analyzer, FileContribution, Resources
from translate_kit.lifetime import die_with_parent, worker_signals
from translate_kit.limits import max_jobs
from translate_kit.model import LineIndex, Segment

if TYPE_CHECKING:  # pragma: no cover
    from concurrent.futures import Future, ProcessPoolExecutor

    from translate_kit.model import Document

# multiprocessing and concurrent.futures are imported where a pool starts or is waited on
# (below): 7 ms of a warm re-check, which starts none

# Below this many characters of prose in one file, the file is checked in this process.
MIN_PARALLEL_CHARS = 300_000
# The part a forking process checks itself is this much larger than a worker's: a forked
# worker pays for copy-on-write faults and for sending its result back (on a 100k-entry
# catalog, equal parts left this process waiting 0.6 s of 8 for the worker).
FORKING_SHARE = 1.07

R = TypeVar("R")

_SEGMENT_FIELDS = ("path", "text", "start", "end", "line", "column", "lang", "kind", "entry", "char_offsets", "flags", "msgctxt", "comment")


class PartList(Protocol):
    """Parts of one document by number: parsed already (a list), or parsed when asked for
    (`sources.Parts`, in the process that checks the part)."""

    def __len__(self) -> int: ...

    def __getitem__(self, number: int, /) -> "Document": ...


# per worker process: the resources every part is checked with, and (forked workers) the
# parts of the document they were forked for; set by the initializer
_worker: Resources | None = None
_inherited: "list[PartList]" = []  # (while forking) the parts, a list or a text's parts parsed when asked for
# (while forking parts that each process parses) per part: 0 being parsed, 1 parsed, 2 failed
_parsed: "list[Sequence[int]]" = []
# (while forking workers for whole files) the files' bytes by path
_inherited_files: dict[str, bytes] = {}


def worker_resources() -> Resources:
    """The resources of this worker process (set by its initializer)."""
    assert _worker is not None
    return _worker


def inherited_bytes(path: str) -> bytes:
    """The bytes of a file this forked worker was given (`DocumentPool.fork_for_files`)."""
    return _inherited_files[path]


def _init_worker(resources: Resources, engine: Analyzer | None, parent: int | None = None) -> None:
    global _worker
    if parent is not None:
        die_with_parent(parent)
    worker_signals()
    if engine is None:  # spawned: load this process's own dictionary
        engine = Engine(resources.options.split_mode)
        resources = replace(resources, memo={})
    _worker = replace(resources, engine=engine)


def _start_method() -> str:
    """fork where it is safe and available (Linux): workers start at once and share the
    parent's loaded dictionary; spawn elsewhere (each worker loads its own). Asked of `os`
    (multiprocessing's fork method is there wherever os.fork is), not of multiprocessing,
    which a run that starts no pool does not import."""
    if sys.platform.startswith("linux") and hasattr(os, "fork"):
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


def _check_part(ref: "int | tuple[Document, list[tuple]]") -> FileContribution:
    """What one part of a document contributes (a part inherited at fork by its number,
    or a packed one), without the file text and line index (the caller has them)."""
    if not isinstance(ref, int):
        return _checked(_unpack(ref))
    status = _parsed[0] if _parsed else None
    try:
        part = _inherited[0][ref]
    except BaseException:
        if status is not None:
            status[ref] = _FAILED  # type: ignore[index]
        raise
    if status is not None:
        status[ref] = _PARSED  # type: ignore[index]
    return _checked(part)


def _check_text_part(parts: PartList, number: int) -> FileContribution:
    """What part `number` of a file's text sent to a spawned worker contributes (parsed
    there), like `_check_part`."""
    return _checked(parts[number])


def _checked(part: "Document") -> FileContribution:
    assert _worker is not None
    with collector_off_for_one_file():  # as in the file loop (the part's objects live to the end)
        return _part_contribution(part, _worker)


def _part_contribution(part: "Document", resources: Resources) -> FileContribution:
    return replace(contribute(part, resources), text="", lines=LineIndex(""))


class _Here:
    """The part this process checks itself while the workers check theirs; parsed (when
    the workers parse theirs) and computed when its result is asked for, after the other
    parts were sent."""

    def __init__(self, parts: PartList, resources: Resources, parsed: "Sequence[int] | None" = None) -> None:
        self._parts: "PartList | None" = parts
        self._resources = resources
        self._parsed = parsed  # how the workers' parsing of their parts went, when they parse them
        self.others: "list[Future[FileContribution]]" = []  # the workers' parts

    def result(self) -> FileContribution:
        assert self._parts is not None
        part, self._parts = self._parts[0], None  # the other parts go with the workers
        if self._parsed is not None:
            self._await_parsed(self._parsed)
        # with the whole text's line index the part was checked with: the joined file's
        return replace(_part_contribution(part, self._resources), lines=part.line_index())

    def _await_parsed(self, parsed: "Sequence[int]") -> None:
        """Wait until every worker has parsed its part (about as long as this part took):
        a part that does not parse makes the file be read whole, and this process need
        not check its own part first."""
        while 0 in parsed[1:] and not any(f.done() for f in self.others):  # (done early: a worker died)
            time.sleep(0.002)
        if _FAILED in parsed[1:]:
            raise _PartFailed("a worker's part of the file does not parse apart")


class _PartFailed(Exception):
    """A worker could not parse its part of a file."""


_PARSED, _FAILED = 1, 2


def results(pieces: "list[Future[FileContribution] | _Here]") -> list[FileContribution]:
    """The parts' contributions, in order. When every part is a worker's (spawned), a
    failed one is raised as soon as it fails (a part that does not parse fails at once),
    not after the parts before it are checked."""
    futures = [p for p in pieces if not isinstance(p, _Here)]
    if len(futures) == len(pieces):
        from concurrent.futures import FIRST_EXCEPTION, wait

        done, _pending = wait(futures, return_when=FIRST_EXCEPTION)
        failed = next((f.exception() for f in futures if f in done and f.exception() is not None), None)
        if failed is not None:
            raise failed
    return [piece.result() for piece in pieces]


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
    """Worker processes for large documents; `check` returns None when a document is too
    small to be worth sharing out (the caller then checks it in-process)."""

    def __init__(self, resources: Resources) -> None:
        self._resources = resources
        self._jobs = effective_jobs(resources.options.jobs)
        self._fork = _start_method() == "fork"
        self._executor: ProcessPoolExecutor | None = None

    def __enter__(self) -> "DocumentPool":
        return self

    def __exit__(self, exc_type: object, *exc: object) -> None:
        if self._executor is not None:
            if exc_type is not None:  # Ctrl-C, a signal, an error: stop the workers now
                self._terminate()
            self._executor.shutdown(wait=exc_type is None, cancel_futures=True)
            self._executor = None

    def discard(self) -> None:
        """Drop a pool whose worker died, or whose parts are of no use (a part that could
        not be parsed apart): the other workers are stopped; the next large file starts a
        new pool."""
        if self._executor is not None:
            self._terminate()
            self._executor.shutdown(wait=False, cancel_futures=True)
            self._executor = None

    def _terminate(self) -> None:
        assert self._executor is not None
        for process in list((getattr(self._executor, "_processes", None) or {}).values()):
            process.terminate()

    def release(self) -> None:
        """Let the workers forked for the document just checked go (they hold a copy of it)."""
        if self._fork and self._executor is not None:
            self._executor.shutdown(wait=True)
            self._executor = None

    def prepare(self, large: Iterable[str]) -> None:
        """Spawned workers: start them now when there is a large input to send them, so
        they load their dictionaries while this process parses the file. `large` is read
        only when workers may start, and only up to its first path. (Forked workers start
        in a moment, once the document is parsed.)"""
        if self._jobs <= 1 or self._fork or self._executor is not None:
            return
        if next(iter(large), None) is not None:
            try:
                executor = self._spawned()
                for _ in range(self._jobs):
                    executor.submit(_warm_up)
            except OSError:  # no process could start: large files are checked here
                self.discard()

    def _spawned(self) -> ProcessPoolExecutor:
        # the dictionary does not pickle: spawned workers get the resources without the
        # engine and load their own
        from concurrent.futures import ProcessPoolExecutor
        from multiprocessing import get_context

        shipped = replace(self._resources, engine=None, memo={})  # type: ignore[arg-type]
        self._executor = ProcessPoolExecutor(
            max_workers=self._jobs, mp_context=get_context("spawn"), initializer=_init_worker, initargs=(shipped, None, os.getpid()),
        )
        return self._executor

    def check(self, doc: "Document") -> "list[Future[FileContribution] | _Here] | None":
        """Share the document's parts out: their contributions to come, in order, or None
        to check it here. The caller may drop the document meanwhile."""
        if self._jobs <= 1 or sum(len(s.text) for s in doc.segments) < MIN_PARALLEL_CHARS:
            return None
        parts = split_document(doc, self._jobs)
        if len(parts) < 2:
            return None
        if self._fork:
            return self._forked(parts)
        # each part packed only as it is sent, so the document's segments go as they do
        return self._submitted((_check_part, (_pack(parts.pop(0)),)) for _ in range(len(parts)))

    @property
    def first_share(self) -> float:
        """How much larger the first part of a file should be than the others'."""
        return FORKING_SHARE if self._fork else 1.0

    @property
    def parses_parts(self) -> int:
        """How many parts a large file's text may be cut into, each parsed by the process
        that checks it (`check_parts`); 0 with one process."""
        return self._jobs if self._jobs > 1 else 0

    def check_parts(self, parts: PartList) -> "list[Future[FileContribution] | _Here] | None":
        """A large file's text parts, each parsed and checked by a worker (forked: the first
        here; spawned: the parts travel with the text, unparsed): their contributions to
        come, in order, or None to check the file here. A part that does not parse apart
        raises (`Unsplittable`) when its result is asked for."""
        if not self.parses_parts or len(parts) < 2:
            return None
        if self._fork:
            return self._forked(parts)
        return self._submitted((_check_text_part, (parts, number)) for number in range(len(parts)))

    def _submitted(self, calls: "Iterable[tuple[Callable[..., FileContribution], tuple]]") -> "list[Future[FileContribution] | _Here] | None":
        """The spawned pool's futures of `calls`, or None (check the file here) when a
        worker died while they were being sent or no process could start."""
        from concurrent.futures.process import BrokenProcessPool

        futures: "list[Future[FileContribution] | _Here]" = []
        try:
            executor = self._executor or self._spawned()
            for function, args in calls:
                futures.append(executor.submit(function, *args))
        except (BrokenProcessPool, OSError):
            for future in futures:
                future.cancel()  # type: ignore[union-attr]
            self.discard()
            return None
        return futures

    @property
    def forks(self) -> int:
        """How many processes whole files may be shared among (`fork_for_files`); 0 where
        workers are not forked, or with one process."""
        return self._jobs if self._fork and self._jobs > 1 else 0

    def _fork_executor(self, workers: int) -> ProcessPoolExecutor:
        """A pool of `workers` processes forked from this one (at its first submission),
        which inherit the run's resources and its loaded dictionary."""
        from concurrent.futures import ProcessPoolExecutor
        from multiprocessing import get_context

        self._executor = ProcessPoolExecutor(
            max_workers=workers, mp_context=get_context("fork"), initializer=_init_worker,
            initargs=(self._resources, self._resources.engine, os.getpid()),
        )
        return self._executor

    def fork_for_files(self, batches: "list[list[str]]", data: Mapping[str, bytes],
                       task: "Callable[[list[str]], R]") -> "list[Future[R]] | None":
        """Fork one worker per batch of whole files, which inherit the dictionary, the
        run's indexes and the files' bytes, and run `task` over their batch: its result
        to come, per batch; None when no process could start (check them here)."""
        from concurrent.futures.process import BrokenProcessPool

        self.release()
        self._resources.load()  # the dictionary and term matcher, once for every worker
        _inherited_files.update(data)
        try:
            executor = self._fork_executor(len(batches))
            # the first submission forks every worker (fork cannot start them later)
            return [executor.submit(task, batch) for batch in batches]
        except (BrokenProcessPool, OSError):  # the system refused a process (EAGAIN, ENOMEM)
            self.discard()
            return None
        finally:
            _inherited_files.clear()

    def _forked(self, parts: PartList) -> "list[Future[FileContribution] | _Here] | None":
        """Fork one worker per part but the first, which this process checks: the workers
        inherit the dictionary, the run's indexes and the parts (through `_inherited`,
        which this process empties once they are forked, so that the other parts' segments
        can go here)."""
        from concurrent.futures.process import BrokenProcessPool
        from multiprocessing import get_context

        self.release()
        self._resources.load()  # the dictionary and term matcher, once for every worker
        # parts parsed by each process: the workers say how their parsing went
        parsed = get_context("fork").RawArray("b", len(parts)) if not isinstance(parts, list) else None
        here = _Here(parts, self._resources, parsed)
        futures: "list[Future[FileContribution] | _Here]" = [here]
        _inherited[:] = [parts]
        _parsed[:] = [parsed] if parsed is not None else []
        try:
            executor = self._fork_executor(len(parts) - 1)
            # the first submission forks every worker (fork cannot start them later)
            here.others = [executor.submit(_check_part, number) for number in range(1, len(parts))]
            futures += here.others
        except (BrokenProcessPool, OSError):  # a worker died, or the system refused a process (EAGAIN, ENOMEM)
            self.discard()
            return None
        finally:
            _inherited.clear()
            _parsed.clear()
        return futures
