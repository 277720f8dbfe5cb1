"""The language server against what a client may send that no test sent before: URIs
percent-escaped (a folder with a space, a Japanese file name), settings of the wrong type,
a save of a document never opened, a command the server does not have."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytest.importorskip("pygls")

from lsprotocol import types  # noqa: E402

from lsp_client import Session, run  # noqa: E402

VARIANTS = "ユーザーが来た。ユーザが来た。ユーザが帰った。\n"
PEOPLE = "説明会でマルグリット・デュラン氏が計画を話した。\n\n続いてデュランド氏が質問に答えた。\n"


def test_an_escaped_uri_gets_its_diagnostics_hover_and_actions_under_the_client_s_spelling(tmp_path):
    """pygls files an open buffer under its URI percent-decoded: hover and code actions
    looked the client's (escaped) URI up and found nothing, and diagnostics were published
    under the decoded URI, which the client never opened."""
    folder = tmp_path / "訳 文"
    folder.mkdir()
    (folder / "ガイド.md").write_text(PEOPLE, encoding="utf-8")

    async def scenario():
        async with Session(tmp_path) as s:
            uri = s.open(folder / "ガイド.md")
            assert "%20" in uri and "%E3%82%AC" in uri  # the escaped spelling editors send
            diags = await s.wait_for(lambda: s.diagnostics.get(uri))
            assert [d.code for d in diags] == ["entity-inconsistent"]
            assert all(p.uri == uri for _, p in s.published)
            hover = await s.client.text_document_hover_async(types.HoverParams(
                text_document=types.TextDocumentIdentifier(uri=uri), position=diags[0].range.start))
            assert hover is not None and "デュランド ×1" in hover.contents.value
            found = await s.client.text_document_code_action_async(types.CodeActionParams(
                text_document=types.TextDocumentIdentifier(uri=uri), range=diags[0].range,
                context=types.CodeActionContext(diagnostics=[diags[0]])))
            assert any(a.title == "Replace with デュラン" and list(a.edit.changes) == [uri] for a in found)

    run(scenario())


def _frame(message: dict) -> bytes:
    return _frame_bytes(json.dumps(message).encode())


def _serve(tmp_path: Path, batches: list[tuple[bytes, float]], shutdown_id: int) -> tuple[int | None, str, list[dict]]:
    """`translate-kit lsp` in tmp_path fed each batch of raw bytes, waiting its seconds
    after it, then shut down: (exit code, stderr, the bodies of every message it sent)."""
    proc = subprocess.Popen([sys.executable, "-m", "translate_kit", "lsp"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, cwd=tmp_path, env={**os.environ})
    try:
        assert proc.stdin is not None
        for data, wait in batches:
            proc.stdin.write(data)
            proc.stdin.flush()
            time.sleep(wait)
        proc.stdin.write(_frame({"jsonrpc": "2.0", "id": shutdown_id, "method": "shutdown", "params": None})
                         + _frame({"jsonrpc": "2.0", "method": "exit", "params": None}))
        stdout, stderr_bytes = proc.communicate(timeout=60)
    finally:
        proc.kill()
    bodies = [json.loads(chunk.split(b"\r\n\r\n", 1)[1]) for chunk in stdout.split(b"Content-Length: ")[1:]]
    return proc.returncode, stderr_bytes.decode(), bodies


def test_wrong_settings_an_unopened_save_and_an_unknown_command_are_one_line_each(tmp_path):
    """A glossary setting of 5 raised TypeError ('Error in server' shown to the user); a
    save of a document never opened read it from disk in the analysis task (a traceback:
    FileNotFoundError, never retrieved); an unknown command was answered but logged with a
    traceback. Each is now one line, and the server serves on."""
    (tmp_path / "a.md").write_text(VARIANTS, encoding="utf-8")
    uri = (tmp_path / "a.md").as_uri()
    start = [
        {"jsonrpc": "2.0", "id": 1, "method": "initialize",
         "params": {"processId": None, "rootUri": tmp_path.as_uri(), "capabilities": {},
                    "initializationOptions": {"glossary": 5, "lang": ["ja"], "includeFuzzy": "yes"}}},
        {"jsonrpc": "2.0", "method": "initialized", "params": {}},
        {"jsonrpc": "2.0", "method": "textDocument/didSave", "params": {"textDocument": {"uri": (tmp_path / "gone.md").as_uri()}}},
        {"jsonrpc": "2.0", "id": 2, "method": "workspace/executeCommand", "params": {"command": "no-such-command", "arguments": []}},
        {"jsonrpc": "2.0", "method": "textDocument/didOpen",
         "params": {"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": VARIANTS}}},
    ]
    # the settings are read and the document checked before the session ends
    returncode, stderr, bodies = _serve(tmp_path, [(b"".join(_frame(m) for m in start), 8)], shutdown_id=3)
    assert returncode == 0 and "Traceback" not in stderr and "never retrieved" not in stderr, stderr
    assert all(line.startswith("translate-kit lsp: ") for line in stderr.splitlines()), stderr
    shown = [b["params"]["message"] for b in bodies if b.get("method") == "window/showMessage"]
    assert not [m for m in shown if "Error in server" in m], shown
    assert any("'glossary' must be a list of non-empty strings, not integer 5" in m for m in shown), shown
    assert any("'lang' must be a non-empty string" in m for m in shown) and any("'include-fuzzy' must be true or false" in m for m in shown)
    assert next(b for b in bodies if b.get("id") == 2)["error"]["code"] == -32602
    published = [b["params"] for b in bodies if b.get("method") == "textDocument/publishDiagnostics"]
    assert [len(p["diagnostics"]) for p in published if p["uri"] == uri][-1:] == [1]  # the other settings still apply
    assert stderr.count("no-such-command") == 1


def test_garbage_framing_and_messages_json_rpc_does_not_allow_are_one_line_each(tmp_path):
    """What a broken client can send that ended the server or logged tracebacks: a
    Content-Length of 5,000 digits (int() refuses it: the server died), bytes before a
    header (every later header was missed), JSON nested past the recursion limit or with
    an id of 5,000 digits ('Error in server' shown), an id of NaN (a 'shutdown' that ran,
    then a traceback for every request), a message with no method or a method of 5, a
    cancellation of a list. Each is now one log line, and the server serves on."""
    (tmp_path / "a.md").write_text(VARIANTS, encoding="utf-8")
    uri = (tmp_path / "a.md").as_uri()
    raw = [
        _frame({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"processId": None, "rootUri": tmp_path.as_uri(), "capabilities": {}}}),
        _frame({"jsonrpc": "2.0", "method": "initialized", "params": {}}),
        b"Content-Length: " + b"9" * 5000 + b"\r\n\r\n{}",
        b"Content-Length: abc\r\n\r\n{}",
        b"stray bytes",
        _frame({"jsonrpc": "2.0", "method": "textDocument/didOpen",
                "params": {"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": VARIANTS}}}),
        b"Content-Length: 200001\r\n\r\n" + b"[" * 100000 + b"]" * 100000 + b"\n",
        _frame_bytes(b'{"jsonrpc": "2.0", "id": ' + b"9" * 5000 + b', "method": "textDocument/hover", "params": {}}'),
        _frame_bytes(b'{"jsonrpc": "2.0", "id": NaN, "method": "shutdown"}'),
        _frame({"jsonrpc": "2.0", "id": 5}),
        _frame({"jsonrpc": "2.0", "id": 6, "method": 5, "params": {}}),
        _frame({"jsonrpc": "2.0", "method": "$/cancelRequest", "params": {"id": [1]}}),
    ]
    hover = _frame({"jsonrpc": "2.0", "id": 7, "method": "textDocument/hover",
                    "params": {"textDocument": {"uri": uri}, "position": {"line": 0, "character": 9}}})
    returncode, stderr, bodies = _serve(tmp_path, [(b"".join(raw), 8), (hover, 4)], shutdown_id=8)
    assert returncode == 0 and "Traceback" not in stderr, stderr
    assert all(line.startswith("translate-kit lsp: ") for line in stderr.splitlines()), stderr
    assert len(stderr.splitlines()) <= 10, stderr
    assert not [b for b in bodies if b.get("method") == "window/showMessage" and "Error in server" in b["params"]["message"]]
    assert "result" in next(b for b in bodies if b.get("id") == 7)  # answered, not cancelled by a shutdown that came first
    published = [b["params"] for b in bodies if b.get("method") == "textDocument/publishDiagnostics" and b["params"]["uri"] == uri]
    assert [d["code"] for d in published[-1]["diagnostics"]] == ["orthographic-variant"]  # opened after the garbage
    assert next(b for b in bodies if b.get("id") == 8)["result"] is None
    assert [b["error"]["code"] for b in bodies if b.get("id") == 6] == [-32600]


def _frame_bytes(body: bytes) -> bytes:
    return b"Content-Length: %d\r\n\r\n" % len(body) + body
