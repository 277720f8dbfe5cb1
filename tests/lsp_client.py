"""A real LSP session for tests and the bench: pygls's `LanguageClient` driving
`python -m translate_kit lsp` over stdio, recording what the server publishes."""

from __future__ import annotations

import asyncio
import sys
import time
from pathlib import Path
from typing import Any, Callable

from lsprotocol import types
from pygls.lsp.client import LanguageClient
from pygls.uris import from_fs_path


class Session:
    """One server process; `diagnostics[uri]` holds the last published list."""

    def __init__(self, root: Path | None, settings: dict | None = None, progress: bool = True) -> None:
        self.root = root
        self.settings = settings
        self.progress = progress
        self.client = LanguageClient("translate-kit-tests", "1")
        self.diagnostics: dict[str, list[types.Diagnostic]] = {}
        self.published: list[tuple[float, types.PublishDiagnosticsParams]] = []
        self.messages: list[types.ShowMessageParams] = []
        self.progress_values: list[Any] = []
        self._changed = asyncio.Event()
        self.versions: dict[str, int] = {}

        @self.client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        def publish(params: types.PublishDiagnosticsParams) -> None:
            self.diagnostics[params.uri] = params.diagnostics
            self.published.append((time.perf_counter(), params))
            self._changed.set()

        @self.client.feature(types.WINDOW_SHOW_MESSAGE)
        def show(params: types.ShowMessageParams) -> None:
            self.messages.append(params)
            self._changed.set()

        @self.client.feature(types.WINDOW_WORK_DONE_PROGRESS_CREATE)
        def create(params: types.WorkDoneProgressCreateParams) -> None:
            return None

        @self.client.feature(types.PROGRESS)
        def progress(params: types.ProgressParams) -> None:
            self.progress_values.append(params.value)
            self._changed.set()

    async def start(self, *args: str) -> types.InitializeResult:
        await self.client.start_io(sys.executable, "-m", "translate_kit", "lsp", *args)
        caps = types.ClientCapabilities(
            window=types.WindowClientCapabilities(work_done_progress=self.progress),
            text_document=types.TextDocumentClientCapabilities(
                publish_diagnostics=types.PublishDiagnosticsClientCapabilities(related_information=True)),
        )
        folders = [types.WorkspaceFolder(uri=from_fs_path(str(self.root)), name="w")] if self.root else None
        result = await self.client.initialize_async(types.InitializeParams(
            capabilities=caps, workspace_folders=folders, initialization_options=self.settings))
        self.client.initialized(types.InitializedParams())
        return result

    async def __aenter__(self) -> "Session":
        await self.start()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.stop()

    async def stop(self) -> None:
        try:
            await asyncio.wait_for(self.client.shutdown_async(None), 10)
            self.client.exit(None)
        finally:
            await asyncio.wait_for(self.client.stop(), 10)

    def uri(self, path: Path) -> str:
        return from_fs_path(str(path))

    def open(self, path: Path, text: str | None = None, language: str = "markdown") -> str:
        uri = self.uri(path)
        self.versions[uri] = 1
        self.client.text_document_did_open(types.DidOpenTextDocumentParams(text_document=types.TextDocumentItem(
            uri=uri, language_id=language, version=1, text=path.read_text(encoding="utf-8") if text is None else text)))
        return uri

    def change(self, uri: str, text: str) -> None:
        """Replace the whole buffer (a full-text change)."""
        self.versions[uri] += 1
        self.client.text_document_did_change(types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=self.versions[uri]),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)]))

    def edit(self, uri: str, range_: types.Range, text: str) -> None:
        """An incremental change."""
        self.versions[uri] += 1
        self.client.text_document_did_change(types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=self.versions[uri]),
            content_changes=[types.TextDocumentContentChangePartial(range=range_, text=text)]))

    async def wait_for(self, predicate: Callable[[], Any], timeout: float = 30.0) -> Any:
        """Wait until `predicate()` is truthy (checked after each message), or fail."""
        deadline = time.monotonic() + timeout
        while True:
            value = predicate()
            if value:
                return value
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise AssertionError(f"timed out after {timeout}s; diagnostics: {str(self.diagnostics)[:2000]}; messages: {self.messages}")
            self._changed.clear()
            try:
                await asyncio.wait_for(self._changed.wait(), remaining)
            except asyncio.TimeoutError:
                pass

    def codes(self, uri: str) -> list[str]:
        return [str(d.code) for d in self.diagnostics.get(uri, [])]


def run(coro, timeout: float = 90.0):
    """Run a test coroutine with an overall deadline, so a hung server fails the test."""
    return asyncio.run(asyncio.wait_for(coro, timeout))
