"""The language server object and `serve`: the features live one per module
(documents, actions, hover, workspace), each registering its handlers here.

All analysis runs on one worker thread, one job at a time, so the event loop only moves
messages: typing is never blocked, and the corpus has one writer.
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Callable, Iterator, TypeVar
from urllib.parse import unquote

from cattrs import ClassValidationError, transform_error
from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.exceptions import JsonRpcException, JsonRpcInvalidParams, JsonRpcInvalidRequest, JsonRpcMethodNotFound
from pygls.protocol import LanguageServerProtocol
from pygls.protocol.language_server import lsp_method

from translate_kit._version import __version__
from translate_kit.lsp.state import WorkspaceState
from translate_kit.messages import ENGLISH, Localizer

T = TypeVar("T")
DEBOUNCE = 0.15  # seconds of quiet after an edit before it is analysed
log = logging.getLogger(__name__)


# what a message body that is not JSON raises as it is read
_NOT_JSON = (json.JSONDecodeError, UnicodeDecodeError)
_JSON_PACKAGE = os.path.dirname(json.__file__)


def not_json(error: BaseException | None) -> bool:
    """Whether reading a message body raised `error`: bad JSON or UTF-8, or json giving up
    inside its decoder (arrays nested past the recursion limit, an id of 5,000 digits,
    which int() refuses), never a handler's own error."""
    if isinstance(error, _NOT_JSON):
        return True
    if not isinstance(error, (RecursionError, ValueError)):
        return False
    tb = error.__traceback__
    while tb is not None and tb.tb_next is not None:
        tb = tb.tb_next
    return tb is not None and os.path.dirname(tb.tb_frame.f_code.co_filename) == _JSON_PACKAGE


# what a handler raises for a request the client got wrong (pygls answers it with that error)
_REFUSALS = (JsonRpcInvalidParams, JsonRpcInvalidRequest, JsonRpcMethodNotFound)


class OneLineClientErrors(logging.Filter):
    """pygls logs a client's mistake with a traceback: a message body that is not JSON (this
    drops the record: the server answers it and logs it in one line, `report_server_error`),
    and a request it refuses, such as a command it does not have (this makes the record one
    line: pygls has answered it with the error)."""

    def filter(self, record: logging.LogRecord) -> bool:
        error = record.exc_info[1] if record.exc_info else None
        if not_json(error):
            return False
        if isinstance(error, _REFUSALS):
            record.msg, record.args = "%s: %s (answered with an error)", (record.getMessage(), " ".join(str(error).split()))
            record.exc_info, record.exc_text = None, None
        return True


# what a message that could not be read becomes: nothing to handle (a request was answered)
_REFUSED = object()


class Protocol(LanguageServerProtocol):
    """pygls's protocol, sturdier against a client's mistakes: a message whose params do
    not read (`null`, a field missing) is answered with InvalidParams when it is a request
    and dropped when it is a notification, with one log line each (pygls logged a
    traceback and left the request unanswered); a change to a document that was never
    opened is dropped (pygls raised KeyError)."""

    def structure_message(self, data: dict[str, Any]) -> Any:
        """A message of a known method as its type (the JSON decoder calls this for every
        object: anything else is pygls's)."""
        if "jsonrpc" in data:
            problem = _envelope_problem(data)
            if problem is not None:
                return self._refuse_envelope(data, problem)
        method = data.get("method") if "jsonrpc" in data and "error" not in data else None
        kind = self.get_message_type(method) if isinstance(method, str) else None
        if kind is None:
            return super().structure_message(data)
        try:
            return self._converter.structure(data, kind)
        except Exception as exc:  # noqa: BLE001 - cattrs's validation errors, a wrong type anywhere
            return self._refuse(data, method, exc)

    def _refuse(self, data: dict[str, Any], method: str, exc: Exception) -> object:
        """Answer a request whose params do not read with InvalidParams; drop a notification."""
        reason = f"invalid params for {method}: {_what_is_wrong(data, exc)}"
        msg_id = data.get("id")
        if isinstance(msg_id, (int, str)) and not isinstance(msg_id, bool):
            log.warning("%s (request %s answered with an error)", reason, msg_id)
            self._send_response(msg_id, None, types.ResponseError(code=types.ErrorCodes.InvalidParams, message=reason))
        else:
            log.warning("%s (ignored)", reason)
        return _REFUSED

    def _refuse_envelope(self, data: dict[str, Any], problem: str) -> object:
        """Answer a message JSON-RPC does not allow with InvalidRequest (without an id when
        its id is not one), with one log line; pygls raised on it, or ran it."""
        msg_id = data.get("id")
        reason = f"not a JSON-RPC message: {problem}"
        log.warning("%s (ignored)", reason)
        answer_id = msg_id if isinstance(msg_id, (int, str)) and not isinstance(msg_id, bool) and "method" in data else None
        self._send_data({"jsonrpc": "2.0", "id": answer_id, "error": {"code": int(types.ErrorCodes.InvalidRequest), "message": reason}})
        return _REFUSED

    def _handle_cancel_notification(self, msg_id: Any) -> None:
        """pygls's, for an id JSON-RPC allows: a list raised TypeError (unhashable)."""
        if isinstance(msg_id, (int, str)) and not isinstance(msg_id, bool):
            super()._handle_cancel_notification(msg_id)
        else:
            log.warning("ignored a cancellation of id %s, which is no request id", json.dumps(msg_id)[:100])

    def handle_message(self, message: Any) -> None:
        if message is _REFUSED:
            return
        if not hasattr(message, "jsonrpc"):  # a JSON array, number or string: no message at all
            self.unreadable(f"not a JSON-RPC message: a JSON {type(message).__name__}", types.ErrorCodes.InvalidRequest)
            return
        super().handle_message(message)

    def unreadable(self, reason: str, code: types.ErrorCodes) -> None:
        """A message that is not one (bad JSON, not an object): one log line, and the error
        reply JSON-RPC asks for, without an id (there is none to answer)."""
        log.warning("%s (ignored)", reason)
        self._send_data({"jsonrpc": "2.0", "id": None, "error": {"code": int(code), "message": reason}})

    @lsp_method(types.TEXT_DOCUMENT_DID_CHANGE)
    def lsp_text_document__did_change(self, params: types.DidChangeTextDocumentParams) -> Iterator[Any]:
        """pygls's, for a document that is open: a change to another has nothing to apply to."""
        uri = params.text_document.uri
        if unquote(uri) not in self.workspace.text_documents:
            log.warning("ignored a change to %s, which is not open", uri)
            return
        yield from super().lsp_text_document__did_change(params)


def _envelope_problem(data: dict[str, Any]) -> str | None:
    """What makes an object with "jsonrpc" no JSON-RPC message, or None: an id that is not
    a number or string (NaN, a list), a method that is not a string, or neither a method
    nor a result or error."""
    msg_id = data.get("id")
    if "id" in data and msg_id is not None and (isinstance(msg_id, bool) or not isinstance(msg_id, (int, str))):
        return f"an id must be a number or a string, not {type(msg_id).__name__} {json.dumps(msg_id)[:40]}"
    if isinstance(msg_id, int) and abs(msg_id) > 2**63:
        return "an id of more digits than any request has"
    if "method" in data:
        return None if isinstance(data["method"], str) else f"a method must be a string, not {type(data['method']).__name__}"
    if "result" in data or "error" in data:
        return None
    return "no method, result or error"


def _what_is_wrong(data: dict[str, Any], exc: Exception) -> str:
    """The first thing wrong with a message's params, on one line."""
    if data.get("params") is None:
        return "params missing or null"
    problems = transform_error(exc) if isinstance(exc, ClassValidationError) else [f"{type(exc).__name__}: {exc}"]
    return " ".join((problems[0] if problems else type(exc).__name__).split())


class TranslateKitServer(LanguageServer):
    """pygls server plus the workspace state and the analysis thread."""

    def __init__(self) -> None:
        super().__init__("translate-kit", __version__, text_document_sync_kind=types.TextDocumentSyncKind.Incremental,
                         protocol_cls=Protocol)
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

    def report_server_error(self, error: Exception, source: Any) -> None:
        """pygls's, but a message body that is not JSON (the client's mistake) is answered
        as JSON-RPC asks (a parse error) and logged, not shown to the user as a server error."""
        if source is JsonRpcException and not_json(error) and isinstance(self.protocol, Protocol):
            reason = "nested too deeply" if isinstance(error, RecursionError) else " ".join(str(error).split())[:200]
            self.protocol.unreadable(f"not JSON: {reason}", types.ErrorCodes.ParseError)
            return
        super().report_server_error(error, source)

    def tell(self, message: str, kind: types.MessageType = types.MessageType.Warning) -> None:
        """Show the user one line (a broken config or glossary): never a crash."""
        log.warning(message)
        self.window_show_message(types.ShowMessageParams(type=kind, message=message))
