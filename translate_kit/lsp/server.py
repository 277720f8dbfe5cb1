"""The language server object and `serve`: the features live one per module
(documents, actions, hover, workspace), each registering its handlers here.

All analysis runs on one worker thread, one job at a time, so the event loop only moves
messages: typing is never blocked, and the corpus has one writer.
"""

from __future__ import annotations

import asyncio
import logging
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Callable, TypeVar

from lsprotocol import types
from pygls.lsp.server import LanguageServer

from translate_kit._version import __version__
from translate_kit.lsp.state import WorkspaceState
from translate_kit.messages import ENGLISH, Localizer

T = TypeVar("T")
DEBOUNCE = 0.15  # seconds of quiet after an edit before it is analysed
log = logging.getLogger(__name__)


class TranslateKitServer(LanguageServer):
    """pygls server plus the workspace state and the analysis thread."""

    def __init__(self) -> None:
        super().__init__("translate-kit", __version__, text_document_sync_kind=types.TextDocumentSyncKind.Incremental)
        self.state: WorkspaceState | None = None
        # the language of diagnostics: the client's, set at `initialize` (English until then)
        self.localizer: Localizer = ENGLISH
        self.executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="translate-kit-analysis")
        self.debounce = DEBOUNCE
        self.settings: dict[str, Any] = {}
        self.published: dict[str, tuple] = {}  # uri -> what was last published there
        self.pending: dict[str, asyncio.Task] = {}  # uri -> debounced analysis
        self.index_task: asyncio.Task | None = None
        # re-index the workspace folder (set by the workspace feature when it registers)
        self.reindex: Callable[[], None] = lambda: None

    async def work(self, fn: Callable[..., T], *args: Any) -> T:
        """Run `fn(*args)` on the analysis thread, after the jobs queued before it."""
        return await asyncio.get_running_loop().run_in_executor(self.executor, fn, *args)

    def tell(self, message: str, kind: types.MessageType = types.MessageType.Warning) -> None:
        """Show the user one line (a broken config or glossary): never a crash."""
        log.warning(message)
        self.window_show_message(types.ShowMessageParams(type=kind, message=message))
