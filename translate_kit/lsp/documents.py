"""Document sync and diagnostics: an opened, edited or saved buffer replaces its file's
contribution (after a quiet `debounce` for edits, stale work dropped), the corpus is
checked again, and every open document whose diagnostics changed gets them published."""

from __future__ import annotations

import asyncio
import os
from dataclasses import dataclass
from typing import Any
from urllib.parse import unquote

from lsprotocol import types
from pygls.uris import to_fs_path

from translate_kit.lsp import convert
from translate_kit.lsp.server import TranslateKitServer
from translate_kit.lsp.state import WorkspaceState
from translate_kit.messages import ENGLISH, Localizer


@dataclass(frozen=True)
class OpenDocument:
    """What the analysis thread needs of an open buffer: a snapshot, not pygls's object."""

    uri: str
    path: str
    version: int | None
    text: str
    language_id: str | None


def path_of(uri: str) -> str:
    """The corpus path of a document: its file path, or the URI itself (untitled buffers)."""
    if uri.startswith("file:"):
        path = to_fs_path(uri)
        if path:
            return os.path.normpath(path)
    return uri


def open_document(server: TranslateKitServer, uri: str) -> Any:
    """The open buffer at `uri` however the client escapes it, or None (never one read from
    disk): pygls files buffers under the URI percent-decoded, while the client's requests
    carry its own spelling (`a%20b.md`, a Japanese name escaped)."""
    return server.workspace.text_documents.get(unquote(uri))


def open_documents(server: TranslateKitServer) -> list[OpenDocument]:
    """Every open buffer, under the URI the client opened it with (the one it matches
    diagnostics to)."""
    return [OpenDocument(doc.uri, path_of(doc.uri), doc.version, doc.source, doc.language_id)
            for doc in list(server.workspace.text_documents.values())]


def schedule(server: TranslateKitServer, uri: str, delay: float) -> None:
    """Analyse `uri` after `delay` seconds of quiet; a newer edit restarts the wait."""
    task = server.pending.pop(uri, None)
    if task is not None:
        task.cancel()
    server.pending[uri] = asyncio.ensure_future(_analyse_later(server, uri, delay))


async def _analyse_later(server: TranslateKitServer, uri: str, delay: float) -> None:
    if delay > 0:
        await asyncio.sleep(delay)
    if server.pending.get(uri) is asyncio.current_task():
        del server.pending[uri]
    doc = open_document(server, uri)
    if doc is None:  # closed meanwhile, or saved without being opened
        return
    snapshot = OpenDocument(uri, path_of(uri), doc.version, doc.source, doc.language_id)
    await refresh_open(server, snapshot)


async def refresh_open(server: TranslateKitServer, edited: OpenDocument | None = None) -> None:
    """Put `edited` into the corpus (if given), check, and publish what changed."""
    state = server.state
    if state is None:
        return
    docs = open_documents(server)
    codec = server.workspace.position_codec
    results = await server.work(_check, state, server.settings, edited, docs, codec, server.localizer)
    if results is None:
        return
    problems, reindex, published = results
    for problem in problems:
        server.tell(problem)
    for doc, diagnostics, key in published:
        current = open_document(server, doc.uri)
        if current is None or current.version != doc.version:
            continue  # edited since: the newer analysis will publish
        if server.published.get(doc.uri) == key:
            continue
        server.published[doc.uri] = key
        server.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=doc.uri, diagnostics=diagnostics, version=doc.version))
    if reindex:
        server.reindex()


def _check(state: WorkspaceState, settings, edited: OpenDocument | None, docs: list[OpenDocument], codec,
           localizer: Localizer = ENGLISH):
    """On the analysis thread: refresh settings if their files changed, put the edited
    buffer, check, and convert each open document's findings."""
    problems: list[str] = []
    reindex = False
    if state.setup is None or state.stale():
        problems = state.configure(settings)
        reindex = True
    if edited is not None:
        fmt = state.format_of(edited.path, edited.language_id)
        if fmt is None:
            return problems, reindex, []
        state.open(edited.path, edited.text, fmt)
    result = state.check()
    corpus = result.corpus

    def text_of(path: str) -> str | None:
        c = corpus.get(path)
        return c.text if c is not None else None

    by_path: dict[str, list] = {}
    for f in result.findings:
        by_path.setdefault(f.path, []).append(f)
    published = []
    for doc in docs:
        if doc.path not in state.buffers:
            continue  # a language we do not check
        findings = by_path.get(doc.path, [])
        errors = [e for e in result.errors if e.path == doc.path]
        if doc.path in state.buffer_errors:
            errors.insert(0, state.buffer_errors[doc.path])
        analysed = text_of(doc.path)
        text = analysed if analysed is not None else state.buffers[doc.path][0]
        if text != doc.text:
            continue  # this snapshot is older than the buffer: publish after the next analysis
        key = (tuple(findings), tuple(errors))
        published.append((doc, convert.diagnostics(findings, errors, text, codec, text_of, localizer), key))
    return problems, reindex, published


def register(server: TranslateKitServer) -> None:
    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: TranslateKitServer, params: types.DidOpenTextDocumentParams) -> None:
        schedule(ls, params.text_document.uri, 0)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: TranslateKitServer, params: types.DidChangeTextDocumentParams) -> None:
        schedule(ls, params.text_document.uri, ls.debounce)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls: TranslateKitServer, params: types.DidSaveTextDocumentParams) -> None:
        schedule(ls, params.text_document.uri, 0)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    async def did_close(ls: TranslateKitServer, params: types.DidCloseTextDocumentParams) -> None:
        uri = params.text_document.uri
        task = ls.pending.pop(uri, None)
        if task is not None:
            task.cancel()
        ls.published.pop(uri, None)
        ls.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=[]))
        if ls.state is not None:
            await ls.work(ls.state.close, path_of(uri))
            await refresh_open(ls)
