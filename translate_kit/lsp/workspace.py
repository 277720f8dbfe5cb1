"""Workspace features: the folder found at `initialize`, its config, the background index
of its files (with `$/progress`), `workspace/didChangeConfiguration` and watched files."""

from __future__ import annotations

import asyncio
import gc
import os
import uuid
from typing import Any

from lsprotocol import types
from pygls.uris import to_fs_path

from translate_kit.i18n import environment_language, localizer_for
from translate_kit.lsp.documents import refresh_open
from translate_kit.lsp.server import TranslateKitServer
from translate_kit.lsp.state import WorkspaceState

BATCH = 8  # files indexed per job: an edit waits for at most one batch


def root_of(params: types.InitializeParams) -> str | None:
    """The workspace folder's path (the first one), or None for a lone file."""
    uri = None
    if params.workspace_folders:
        uri = params.workspace_folders[0].uri
    elif params.root_uri:
        uri = params.root_uri
    if uri is not None:
        path = to_fs_path(uri)
        return path if path and os.path.isdir(path) else None
    return params.root_path if params.root_path and os.path.isdir(params.root_path) else None


def client_language(params: types.InitializeParams) -> str | None:
    """The UI language for diagnostics: `locale` in the initialization options (or in our
    settings table there), else the client's `locale`, else the environment's."""
    options = params.initialization_options
    for table in (options, settings_of(options)):
        given = table.get("locale") if isinstance(table, dict) else None
        if isinstance(given, str) and given:
            return given
    return params.locale or environment_language(os.environ)


def settings_of(value: Any) -> dict[str, Any]:
    """Our settings from what a client sends: `{"translate-kit": {...}}` or the table itself."""
    if isinstance(value, dict):
        inner = value.get("translate-kit", value.get("translateKit", value))
        return dict(inner) if isinstance(inner, dict) else {}
    return {}


async def configure(server: TranslateKitServer, settings: dict[str, Any] | None = None) -> None:
    """Read config and glossaries again, then re-check the open documents and re-index."""
    state = server.state
    assert state is not None
    delay = settings.get("debounce") if settings else None
    if isinstance(delay, (int, float)) and 0 <= delay <= 10_000:
        server.debounce = delay / 1000
    for problem in await server.work(state.configure, settings):
        server.tell(problem)
    await refresh_open(server)
    start_index(server)


def start_index(server: TranslateKitServer) -> None:
    """Index the workspace folder in the background, replacing an index under way."""
    if server.index_task is not None:
        server.index_task.cancel()
    server.index_task = asyncio.ensure_future(index(server))


async def index(server: TranslateKitServer) -> None:
    """Every workspace file's contribution, a batch per job, with progress; then the open
    documents are checked against the whole workspace."""
    state = server.state
    assert state is not None
    files = await server.work(state.workspace_files)
    token = str(uuid.uuid4())
    progress = _supports_progress(server)
    if progress:
        try:
            await server.work_done_progress.create_async(token)
        except Exception:  # noqa: BLE001 - a client that refuses progress still gets the index
            progress = False
    if progress:
        server.work_done_progress.begin(token, types.WorkDoneProgressBegin(
            title="translate-kit", message=f"indexing {len(files)} files", percentage=0, cancellable=False))
    try:
        for start in range(0, len(files), BATCH):
            batch = files[start : start + BATCH]
            await server.work(_index_batch, state, batch)
            if progress:
                done = start + len(batch)
                server.work_done_progress.report(token, types.WorkDoneProgressReport(
                    message=f"{done}/{len(files)} files", percentage=done * 100 // max(len(files), 1)))
        state.indexed = True
        # the index lives as long as the server: keep the collector from rescanning it on
        # every edit (a full collection over 200 files' contributions is a 150 ms pause)
        await server.work(gc.freeze)
    finally:
        if progress:
            server.work_done_progress.end(token, types.WorkDoneProgressEnd(message="indexed"))
    await refresh_open(server)


def _index_batch(state: WorkspaceState, paths: list[str]) -> None:
    for path in paths:
        state.index(path)


def _supports_progress(server: TranslateKitServer) -> bool:
    window = server.client_capabilities.window
    return bool(window and window.work_done_progress)


def register(server: TranslateKitServer) -> None:
    server.reindex = lambda: start_index(server)

    @server.feature(types.INITIALIZE)
    def initialize(ls: TranslateKitServer, params: types.InitializeParams) -> None:
        ls.state = WorkspaceState(root_of(params))
        ls.settings = settings_of(params.initialization_options)
        ls.localizer = localizer_for(client_language(params))

    @server.feature(types.INITIALIZED)
    async def initialized(ls: TranslateKitServer, params: types.InitializedParams) -> None:
        await configure(ls, ls.settings)

    @server.feature(types.WORKSPACE_DID_CHANGE_CONFIGURATION)
    async def did_change_configuration(ls: TranslateKitServer, params: types.DidChangeConfigurationParams) -> None:
        if ls.state is None:
            return
        ls.settings = settings_of(params.settings) or ls.settings
        await configure(ls, ls.settings)

    @server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    async def did_change_watched_files(ls: TranslateKitServer, params: types.DidChangeWatchedFilesParams) -> None:
        state = ls.state
        if state is None:
            return
        paths = [(to_fs_path(c.uri), c.type) for c in params.changes]
        if any(p and state.watches(p) for p, _ in paths):
            await configure(ls, None)
            return
        changed = False
        for path, kind in paths:
            if path and kind == types.FileChangeType.Deleted:
                changed = await ls.work(state.forget, path) or changed  # a file, or a folder and what was indexed under it
                continue
            if not path or not state.in_workspace(path):
                continue
            await ls.work(state.index, path)
            changed = True
        if changed:
            await refresh_open(ls)

    @server.feature(types.SHUTDOWN)
    def shutdown(ls: TranslateKitServer, params: None) -> None:
        if ls.index_task is not None:
            ls.index_task.cancel()
        for task in ls.pending.values():
            task.cancel()
        ls.executor.shutdown(wait=False, cancel_futures=True)

