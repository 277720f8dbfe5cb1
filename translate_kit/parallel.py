"""Segment analysis in worker processes, for large runs (`--jobs`).

Each worker loads its own Sudachi dictionary once (in the pool initializer) and analyses
chunks of segments; results come back in order, so the run's findings never depend on
the number of workers. Small inputs are analysed in-process: starting workers costs more
than it saves.
"""

from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from translate_kit.analysis import Engine, SegmentAnalysis
    from translate_kit.model import Segment
    from translate_kit.pipeline import CheckOptions
    from translate_kit.terms import TermMatcher

# Below this many characters of prose in one file, analysis stays in this process.
MIN_PARALLEL_CHARS = 300_000

_worker_engine: "Engine | None" = None  # one per worker process, set by the initializer


_worker_terms: "TermMatcher | None" = None  # the run's glossary term matcher, sent once per worker


def _init_worker(split_mode: str, terms: "TermMatcher | None") -> None:
    global _worker_engine, _worker_terms
    from translate_kit.analysis import Engine

    _worker_engine = Engine(split_mode)
    _worker_terms = terms


def _analyze_chunk(chunk: list[tuple[str, str | None]], collect_words: bool) -> list["SegmentAnalysis"]:
    assert _worker_engine is not None
    return [_worker_engine.analyze(text, lang, collect_words, _worker_terms) for text, lang in chunk]


def effective_jobs(jobs: int | None) -> int:
    """`0` means one worker per available core; None (not configured) means one process."""
    if jobs is None:
        return 1
    if jobs > 0:
        return jobs
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not on Linux
        return max(1, os.cpu_count() or 1)


class SegmentPool:
    """A lazily started process pool; `analyze` returns None when a file is too small
    to be worth sending out (the caller then analyses it in-process)."""

    def __init__(self, options: "CheckOptions", terms: "TermMatcher | None" = None) -> None:
        self._jobs = effective_jobs(options.jobs)
        self._terms = terms
        self._split_mode = options.split_mode
        self._collect_words = options.collect_words
        self._executor: ProcessPoolExecutor | None = None

    def __enter__(self) -> "SegmentPool":
        return self

    def __exit__(self, *exc: object) -> None:
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=True)
            self._executor = None

    def analyze(self, segments: list["Segment"]) -> list["SegmentAnalysis"] | None:
        if self._jobs <= 1 or sum(len(s.text) for s in segments) < MIN_PARALLEL_CHARS:
            return None
        if self._executor is None:
            self._executor = ProcessPoolExecutor(
                max_workers=self._jobs, mp_context=get_context("spawn"),
                initializer=_init_worker, initargs=(self._split_mode, self._terms),
            )
        size = max(1, len(segments) // (self._jobs * 8))
        chunks = [[(s.text, s.lang) for s in segments[i : i + size]] for i in range(0, len(segments), size)]
        out: list["SegmentAnalysis"] = []
        for part in self._executor.map(_analyze_chunk, chunks, [self._collect_words] * len(chunks)):
            out.extend(part)
        return out
