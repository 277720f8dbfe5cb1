"""The file loop of a run: discover inputs, load each once, and put what it contributes
into a `Corpus` — from the cache when the file is unchanged, from worker processes when
it is large (its parts) or when many files are shared out (whole files, largest first to
the process with least to do), else computed here."""

from __future__ import annotations

import os
from dataclasses import replace
from functools import partial
from typing import TYPE_CHECKING, Callable, Iterable, Iterator, Mapping

from translate_kit import sources
from translate_kit.analysis import Engine
from translate_kit.cache import ContributionCache
from translate_kit.engine import codec
from translate_kit.engine.collect import collector_off_for_one_file, fewer_collections, heap_frozen
from translate_kit.engine.builder import contribute
from translate_kit.engine.contribution import FileContribution, Resources, join, one_line
from translate_kit.engine.corpus import Corpus
from translate_kit.engine.parallel import MIN_PARALLEL_CHARS, DocumentPool, inherited_bytes, worker_resources
from translate_kit.engine.parallel import results as parallel_results
from translate_kit.fsutil import read_input_bytes
from translate_kit.model import Document, InputError, InputFileError
from translate_kit.options import CheckOptions

if TYPE_CHECKING:  # pragma: no cover
    from concurrent.futures import Future

    from translate_kit.glossary import Glossary
    from translate_kit.rules.base import Rule

Loader = Callable[[str], Document]


def resources_for(engine: Engine, options: CheckOptions, glossary: "Glossary | None", rules: Iterable["Rule"]) -> Resources:
    """The run's resources: the enabled document rules (the glossary's term matcher is
    built when a file is first analysed)."""
    document_rules = tuple(r for r in rules if r.check_document is not None and options.rules.runs(r.id, r.default_enabled))
    return Resources(engine=engine, options=options, glossary=glossary, rules=document_rules)


def open_cache(resources: Resources) -> ContributionCache | None:
    """The run's cache, when the options name a folder for it."""
    options = resources.options
    return ContributionCache.open(options, resources.glossary, resources.rules) if options.cache_dir else None


def default_loader(options: CheckOptions) -> Loader:
    """Load a path as the options say (language, source language, encoding)."""
    return lambda p: sources.load(p, lang=options.lang, source_lang=options.source_lang, encoding=options.encoding, source_files=options.source_files)


def buffer_loader(buffers: Mapping[str, str], options: CheckOptions, fallback: Loader) -> Loader:
    """Load the paths of `buffers` from the text given there (stdin, an editor's unsaved
    buffer), in the format their name selects (plain text when none); others by `fallback`."""

    def load(path: str) -> Document:
        text = buffers.get(path)
        if text is None:
            return fallback(path)
        fmt = sources.REGISTRY.for_path(path)
        return sources.load_text(text, path=path, format=fmt.name if fmt is not None else "text",
                                 lang=options.lang, source_lang=options.source_lang, source_files=options.source_files)

    return load


def build_corpus(
    paths: Iterable[str],
    resources: Resources,
    loader: Loader | None = None,
    progress: Callable[[str], None] | None = None,
    buffers: Mapping[str, str] | None = None,
    cache: ContributionCache | None = None,
) -> tuple[Corpus, list[InputError]]:
    """Discover and load every input into a corpus, file by file in sorted order; the
    input errors (unreadable or malformed files) come back beside it. A path in `buffers`
    is checked with that text instead of the file (which need not exist). `cache` is the
    run's cache (`open_cache`); without one, one is opened when the options name a folder."""
    options = resources.options
    load = loader or default_loader(options)
    corpus = Corpus()
    buffers = buffers or {}
    if buffers:
        load = buffer_loader(buffers, options, load)
    files, errors = sources.discover([p for p in paths if p not in buffers], respect_gitignore=options.respect_gitignore)
    buffered = {os.path.normpath(p) for p in buffers}
    files = sorted([f for f in files if os.path.normpath(f) not in buffered] + list(buffers))
    cache = cache or open_cache(resources)
    # with the default loader each file is read once, for its cache key and its text; a
    # caller's own loader (tests, buffers) reads it itself
    read_once = cache is not None and loader is None
    to_store: list[tuple[bytes, FileContribution, bool]] = []
    loop_start = len(errors)
    try:
        with DocumentPool(resources) as pool, fewer_collections():
            # many files: whole files shared out among forked workers, when that balances
            shared = _share_out(files, buffers, cache, pool) if loader is None and not buffers else None
            prefetched = shared.data if shared is not None else {}
            keyed = shared.keys if shared is not None else {}
            working = shared is not None and bool(shared.futures)
            # workers are started only for large files the cache will not answer; the files
            # are sized and hashed only when the pool may start, and only up to the first one
            if not working:
                pool.prepare(path for path in files if path not in buffers and _large(path)
                             and (cache is None or not cache.has(cache.key(path) or b"")))
            for path in files:
                if progress is not None:
                    progress(path)
                if shared is not None and path in shared.elsewhere:
                    continue  # checked by a worker: collected below
                key: bytes | None = None
                data: bytes | None = prefetched.pop(path, None)
                if cache is not None and path not in buffers:
                    if read_once:
                        try:
                            data = data if data is not None else read_input_bytes(path)
                        except InputFileError as exc:
                            errors.append(exc.as_error())
                            continue
                        key = keyed.get(path) or cache.key_of(path, data)
                        if cache.has(key):
                            # read when the run's findings do not come from the cache (or a
                            # caller asks): a warm run's findings need only the files' keys
                            corpus.put(path, UnreadEntry(path, key, data, cache, resources), key)
                            continue
                    else:  # a caller's loader reads the file itself: its entry is read now
                        key = cache.key(path)
                        cached = _stored(cache, key, path, None, options.encoding) if key is not None else None
                        if cached is not None:
                            corpus.put(path, cached, key)
                            continue
                # The run so far is frozen out of the collector's scans and the collector is off
                # while the file is analysed: a large catalog otherwise paid for rescanning a
                # heap of millions of objects again and again.
                decoded: list[str] = []  # the texts decoded from `data` (the keyed bytes), if any
                with collector_off_for_one_file():
                    contribution = None
                    if working:  # the workers have files of their own: this one is checked here, whole
                        doc = _load(path, load if data is None else _from_bytes(data, options, decoded.append), errors)
                        contribution = contribute(doc, resources) if doc is not None else None
                        if contribution is None:
                            continue
                    # a large file the workers can parse apart: this process only reads and cuts it
                    elif pool.parses_parts and loader is None and path not in buffers and _large(path, factor=2):
                        data = data if data is not None else _read(path)
                        parts = sources.load_in_parts(path, data, pool.parses_parts, lang=options.lang, source_lang=options.source_lang,
                                                      encoding=options.encoding, first_share=pool.first_share,
                                                      on_decoded=decoded.append) if data is not None else None
                        contribution = _in_parts(parts, resources, pool) if parts is not None else None
                        del parts
                    if contribution is None:
                        file_load = load if data is None else _from_bytes(data, options, decoded.append)
                        contribution = _contribution(path, file_load, resources, pool, errors)
                if contribution is None:
                    continue
                if cache is not None and key is not None:
                    # a text that is the keyed bytes decoded is not stored: a hit decodes them again
                    from_bytes = read_once and _is_decoded(contribution, decoded)
                    to_store.append((key, contribution, from_bytes))
                corpus.put(path, contribution, key)
            if shared is not None and working:
                for path, (contribution, file_errors, from_bytes) in shared.results(resources):
                    errors.extend(file_errors)
                    if contribution is None:
                        continue
                    key = shared.keys.get(path)
                    if cache is not None and key is not None:
                        to_store.append((key, contribution, from_bytes))
                    corpus.put(path, contribution, key)
                order = {path: n for n, path in enumerate(files)}
                errors[loop_start:] = sorted(errors[loop_start:], key=lambda e: order.get(e.path, len(order)))
    finally:
        # also when the run stops midway (Ctrl-C, a parser's bug): the files analysed so
        # far are kept, as when each was stored after it
        if cache is not None:
            _store(cache, to_store)
    return corpus, errors


class UnreadEntry:
    """A file whose cache entry the run has not read yet (`Corpus` reads it when it is
    asked for the file): a run whose findings come from the cache needs only its key, and
    reading a large catalog's entry was a sixth of a warm re-check. An entry that is gone
    by then, or does not verify or decode, is computed again from the bytes its key covers."""

    __slots__ = ("path", "key", "data", "cache", "resources")

    def __init__(self, path: str, key: bytes, data: bytes, cache: ContributionCache, resources: Resources) -> None:
        self.path = path
        self.key = key
        self.data = data
        self.cache = cache
        self.resources = resources

    def read(self) -> "FileContribution | codec.Stored | InputError":
        """The file's contribution (from its entry, else computed again and stored), or
        the input error that keeps it out of the run."""
        cached = _stored(self.cache, self.key, self.path, self.data, self.resources.options.encoding)
        if cached is not None:
            return cached
        errors: list[InputError] = []
        decoded: list[str] = []
        with collector_off_for_one_file():
            doc = _load(self.path, _from_bytes(self.data, self.resources.options, decoded.append), errors)
            contribution = contribute(doc, self.resources) if doc is not None else None
        if contribution is None:
            return errors[0]
        _store(self.cache, [(self.key, contribution, _is_decoded(contribution, decoded))], flush=False)
        return contribution


def _is_decoded(contribution: FileContribution, decoded: list[str]) -> bool:
    """Whether the contribution's text is the keyed bytes decoded (the very string the
    loader decoded them to): then its entry leaves the text out."""
    return any(contribution.text is text for text in decoded)


def _stored(cache: ContributionCache, key: bytes, path: str, data: bytes | None, encoding: str | None) -> "codec.Stored | None":
    """The file's entry decoded but for its deferred part; None when there is none that
    verifies and decodes. An entry stored without its text has it back from the bytes its
    key covers (`data`)."""
    payload = cache.get(key)
    decode_text = partial(sources.decode_bytes, path, data, encoding) if data is not None else None
    return codec.decode_stored(payload, decode_text) if payload is not None else None


def _store(cache: ContributionCache, contributions: list[tuple[bytes, FileContribution, bool]], flush: bool = True) -> None:
    """Encode and buffer the files' contributions (without the text when it is the keyed
    bytes decoded), after the file loop rather than after each file: interleaved, the
    encoding evicted the analysis's working set from the CPU's caches and made every
    file's analysis slower."""
    with heap_frozen():
        for key, contribution, from_bytes in contributions:
            payload = codec.encode(contribution, without_text=from_bytes)
            if payload is not None:
                cache.put(key, payload)
        # written while the run rules run (SQLite lets go of the interpreter as it writes);
        # what comes later (or is not `flush`ed) is written when the cache is closed or collected
        if flush:
            cache.flush(background=True)


def _from_bytes(data: bytes, options: CheckOptions, on_decoded: Callable[[str], None]) -> Loader:
    """A loader that parses bytes already read instead of reading the file again, and
    gives `on_decoded` the text it decoded."""
    return lambda p: sources.load_bytes(p, data, lang=options.lang, source_lang=options.source_lang,
                                        encoding=options.encoding, source_files=options.source_files, on_decoded=on_decoded)


# Whole files are shared out among processes only when the largest of them is at most this
# much more than an even share: else cutting the large file into parts balances better.
SHARE_SLACK = 1.25

# What a worker returns per file: its contribution (None when it cannot be read), its input
# errors, and whether its text is the file's bytes decoded (`_is_decoded`).
Checked = tuple["FileContribution | None", list[InputError], bool]


class _Shared:
    """Whole files checked by forked workers while this process checks the rest: the
    files' bytes read for it (this process's share too, so nothing is read twice), their
    cache keys, and each worker's batch to come."""

    def __init__(self, data: dict[str, bytes], keys: dict[str, bytes]) -> None:
        self.data = data
        self.keys = keys
        self.elsewhere: dict[str, int] = {}  # path -> its worker's batch
        self.batches: list[list[str]] = []
        self.futures: "list[Future[list[Checked]]]" = []

    def results(self, resources: Resources) -> "Iterator[tuple[str, Checked]]":
        """Each worker file's result, in its batch's order; a batch whose worker died is
        checked here instead."""
        for batch, future in zip(self.batches, self.futures):
            try:
                checked = future.result()
            except Exception:  # noqa: BLE001 - a worker died (killed, out of memory): its files are checked here
                checked = [_check_file(path, self.data[path], resources) for path in batch]
            for path, result in zip(batch, checked):
                self.data.pop(path, None)  # the bytes were kept only in case the worker died
                yield path, result


def _share_out(files: list[str], buffers: Mapping[str, str], cache: ContributionCache | None, pool: DocumentPool) -> _Shared | None:
    """Share the files the cache will not answer out among forked workers (largest first,
    each to the process with least to do), when there are at least two, together worth
    starting workers for, and none too large to balance (else no worker is started, but
    the files read and keyed for it are kept for the file loop); None when none was read."""
    processes = pool.forks
    if processes < 2:
        return None
    sizes: dict[str, int] = {}
    for path in files:
        if path not in buffers:
            try:
                sizes[path] = os.path.getsize(path)
            except OSError:
                continue  # the loop reports it
    if len(sizes) < 2 or sum(sizes.values()) < MIN_PARALLEL_CHARS:
        return None
    data: dict[str, bytes] = {}
    keys: dict[str, bytes] = {}
    todo: list[str] = []
    for path in sizes:
        try:
            data[path] = read_input_bytes(path)
        except InputFileError:
            continue  # the loop reports it
        if cache is not None:
            keys[path] = cache.key_of(path, data[path])
            if cache.has(keys[path]):
                continue
        todo.append(path)
    shared = _Shared(data, keys)
    total = sum(len(data[p]) for p in todo)
    if len(todo) < 2 or total < MIN_PARALLEL_CHARS or max(len(data[p]) for p in todo) > total / processes * SHARE_SLACK:
        return shared
    loads = [0] * processes
    batches: list[list[str]] = [[] for _ in range(processes)]
    for path in sorted(todo, key=lambda p: -len(data[p])):
        n = loads.index(min(loads))
        loads[n] += len(data[path])
        batches[n].append(path)
    shared.batches = [sorted(b) for b in batches[1:] if b]  # batch 0 is this process's
    futures = pool.fork_for_files(shared.batches, {p: data[p] for b in shared.batches for p in b}, _check_files)
    if futures is None:
        shared.batches = []
        return shared
    shared.futures = futures
    shared.elsewhere = {path: n for n, batch in enumerate(shared.batches) for path in batch}
    return shared


def _check_files(paths: list[str]) -> list[Checked]:
    """In a forked worker: check whole files whose bytes it inherited."""
    resources = worker_resources()
    return [_check_file(path, inherited_bytes(path), resources) for path in paths]


def _check_file(path: str, data: bytes, resources: Resources) -> Checked:
    """Load one file from its bytes and compute what it contributes."""
    errors: list[InputError] = []
    decoded: list[str] = []
    with collector_off_for_one_file():
        doc = _load(path, _from_bytes(data, resources.options, decoded.append), errors)
        contribution = contribute(doc, resources) if doc is not None else None
    return contribution, errors, contribution is not None and _is_decoded(contribution, decoded)


def _large(path: str, factor: int = 1) -> bool:
    """Whether a file may be worth sending to workers (by its size on disk); `factor`
    times the size for its text alone (markup and all) to be (a catalog's text is about
    twice its prose)."""
    try:
        return os.path.getsize(path) >= MIN_PARALLEL_CHARS * factor
    except OSError:
        return False


def _read(path: str) -> bytes | None:
    """A file's bytes, or None when it cannot be read (its load then says why)."""
    try:
        return read_input_bytes(path)
    except InputFileError:
        return None


def _in_parts(parts: "sources.Parts", resources: Resources, pool: DocumentPool) -> FileContribution | None:
    """What a file cut into parts contributes, each part parsed and checked by a forked
    worker (the first here); None when it must be read whole instead: a part does not
    parse apart as the cut assumed, the text has a syntax error (the whole file's read
    names the first), or a worker died."""
    pieces = pool.check_parts(parts)
    if pieces is None:
        return None
    whole = parts.whole()
    del parts
    try:
        results = parallel_results(pieces)
    except Exception:  # noqa: BLE001 - read whole below, where any error is reported as for any file
        pool.discard()
        return None
    pool.release()
    return join(whole, results)


def _contribution(path: str, load: Loader, resources: Resources, pool: DocumentPool,
                  errors: list[InputError]) -> FileContribution | None:
    """Load one file and compute what it contributes, in workers when it is large; None
    (and an input error) when it cannot be read."""
    doc = _load(path, load, errors)
    if doc is None:
        return None
    pieces = pool.check(doc)
    if pieces is None:
        return contribute(doc, resources)
    # the pieces hold the segments this process checks, the workers theirs: let the rest go
    shell = replace(doc, segments=())
    del doc
    try:
        results = parallel_results(pieces)
    except Exception:  # noqa: BLE001 - a worker died (killed, out of memory): check the file here instead
        pool.discard()
        del pieces
        doc = _load(path, load, errors)
        return contribute(doc, resources) if doc is not None else None
    pool.release()
    return join(shell, results)


def _load(path: str, load: Loader, errors: list[InputError]) -> Document | None:
    """The loaded file, or None (and an input error) when it cannot be read."""
    try:
        doc = load(path)
    except InputFileError as exc:
        errors.append(exc.as_error())
        return None
    except (OSError, UnicodeError) as exc:
        errors.append(InputError(path, None, one_line(str(exc) or type(exc).__name__)))
        return None
    return doc
