"""The language server end to end: the real `translate-kit lsp` process driven over stdio
by pygls's LanguageClient (tests/lsp_client.py). Every session has a deadline."""

from __future__ import annotations

import asyncio
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("pygls")

from lsprotocol import types  # noqa: E402

from lsp_client import Session, run  # noqa: E402


USES = "ユーザーの設定を保存します。\nユーザー名を入力してください。\n"
VARIANT = "# 見出し\n\nユーザが削除されました。\n"
PEOPLE = "記者会見でマルグリット・デュラン氏が新しい計画を説明した。\n\nその後、デュランド氏は記者の質問に答えた。\n"
GLOSSARY = "concept,lang,term,status,type,note\nuser,en,user,preferred,term,\nuser,ja,ユーザー,preferred,term,\nuser,ja,ユーザ,deprecated,term,\n"


def offset(text: str, pos: types.Position) -> int:
    """A UTF-16 client position as a code-point offset (written here independently of the server)."""
    lines = text.split("\n")
    start = sum(len(line) + 1 for line in lines[: pos.line])
    units = 0
    for i, ch in enumerate(lines[pos.line] if pos.line < len(lines) else ""):
        if units >= pos.character:
            return start + i
        units += 2 if ord(ch) > 0xFFFF else 1
    return start + len(lines[pos.line]) if pos.line < len(lines) else len(text)


def apply(text: str, edits) -> str:
    for e in sorted(edits, key=lambda e: (e.range.start.line, e.range.start.character), reverse=True):
        text = text[: offset(text, e.range.start)] + e.new_text + text[offset(text, e.range.end) :]
    return text


async def actions(s: Session, uri: str, diag: types.Diagnostic) -> list[types.CodeAction]:
    return await s.client.text_document_code_action_async(types.CodeActionParams(
        text_document=types.TextDocumentIdentifier(uri=uri), range=diag.range,
        context=types.CodeActionContext(diagnostics=[diag])))


def test_workspace_finding_code_action_applied_and_gone(tmp_path):
    (tmp_path / "a.md").write_text(USES, encoding="utf-8")
    (tmp_path / "b.md").write_text(VARIANT, encoding="utf-8")

    async def scenario():
        async with Session(tmp_path) as s:
            uri = s.open(tmp_path / "b.md")
            diags = await s.wait_for(lambda: s.diagnostics.get(uri))
            d = diags[0]
            assert d.code == "orthographic-variant" and d.source == "translate-kit"
            assert d.severity == types.DiagnosticSeverity.Warning
            assert (d.range.start.line, d.range.start.character, d.range.end.character) == (2, 0, 3)
            assert d.code_description is not None and d.code_description.href.endswith("#rules")
            # the form it is compared with is in the other file, indexed in the background
            assert d.related_information and d.related_information[0].location.uri == s.uri(tmp_path / "a.md")
            assert any(v.get("kind") == "end" for v in s.progress_values if isinstance(v, dict))
            found = await actions(s, uri, d)
            titles = [a.title for a in found]
            assert "Replace with ユーザー" in titles and "Ignore orthographic-variant here" in titles
            # the ignore action's comment silences the finding
            ignore = next(a for a in found if a.title.startswith("Ignore"))
            s.change(uri, apply(VARIANT, ignore.edit.changes[uri]))
            await s.wait_for(lambda: not s.diagnostics.get(uri))
            s.change(uri, VARIANT)
            await s.wait_for(lambda: s.diagnostics.get(uri))
            replace = next(a for a in found if a.title == "Replace with ユーザー")
            text = apply(VARIANT, replace.edit.changes[uri])
            assert text == VARIANT.replace("ユーザが", "ユーザーが")
            s.change(uri, text)
            await s.wait_for(lambda: not s.diagnostics.get(uri))

    run(scenario())


def test_editing_one_file_changes_another_files_diagnostics_and_utf16_columns(tmp_path):
    (tmp_path / "x.md").write_text(USES, encoding="utf-8")
    variant = "𠮷😀ユーザが削除されました。\n"

    async def scenario():
        async with Session(tmp_path) as s:
            y = s.open(tmp_path / "y.md", variant)
            diags = await s.wait_for(lambda: s.diagnostics.get(y))
            # two characters outside the BMP before the finding: four UTF-16 code units
            assert (diags[0].range.start.character, diags[0].range.end.character) == (4, 7)
            x = s.open(tmp_path / "x.md")
            await s.wait_for(lambda: x in s.diagnostics)
            s.change(x, USES.replace("ユーザー", "ユーザ"))  # now the workspace writes ユーザ throughout
            await s.wait_for(lambda: not s.diagnostics.get(y))
            s.change(x, USES)
            await s.wait_for(lambda: s.diagnostics.get(y))

    run(scenario())


def test_hover_fix_all_glossary_reload_and_broken_input(tmp_path):
    (tmp_path / "translate-kit.toml").write_text('glossary = ["g.csv"]\n', encoding="utf-8")
    glossary = tmp_path / "g.csv"
    glossary.write_text(GLOSSARY, encoding="utf-8")
    (tmp_path / "people.md").write_text(PEOPLE, encoding="utf-8")

    async def scenario():
        async with Session(tmp_path) as s:
            people = s.open(tmp_path / "people.md")
            diags = await s.wait_for(lambda: s.diagnostics.get(people))
            assert [d.code for d in diags] == ["entity-inconsistent"] and diags[0].data["expected"] == "デュラン"
            hover = await s.client.text_document_hover_async(types.HoverParams(
                text_document=types.TextDocumentIdentifier(uri=people), position=diags[0].range.start))
            assert hover is not None and "デュランド ×1" in hover.contents.value and "マルグリット・デュラン ×1" in hover.contents.value

            doc = tmp_path / "terms.md"
            text = "ユーザの設定とユーザの名前\n"
            uri = s.open(doc, text)
            diags = await s.wait_for(lambda: len(s.diagnostics.get(uri) or ()) == 2 and s.diagnostics[uri])
            assert {d.code for d in diags} == {"glossary-deprecated"}
            assert diags[0].severity == types.DiagnosticSeverity.Error
            found = await actions(s, uri, diags[0])
            fix_all = next(a for a in found if a.title.startswith("Fix all"))
            assert apply(text, fix_all.edit.changes[uri]) == "ユーザーの設定とユーザーの名前\n"

            # the glossary changes on disk: the next analysis reads it again
            glossary.write_text(GLOSSARY.replace("ユーザ,deprecated", "ユーザ,admitted"), encoding="utf-8")
            s.change(uri, text + "\n")
            await s.wait_for(lambda: "glossary-deprecated" not in s.codes(uri))

            # a broken glossary is a message, and the server goes on
            glossary.write_text("concept,lang\n", encoding="utf-8")
            s.change(uri, text)
            await s.wait_for(lambda: any("g.csv" in m.message for m in s.messages))

            # a broken catalog is one diagnostic at its line
            po = s.open(tmp_path / "broken.po", 'msgid "a"\nmsgstr "b\n', language="po")
            diags = await s.wait_for(lambda: s.diagnostics.get(po))
            assert diags[0].code == "input-error" and diags[0].range.start.line in (0, 1)

            # requests about unknown documents and malformed requests get answers, not a crash
            unknown = await actions(s, "file:///nowhere/x.md", diags[0])
            assert not unknown
            for body in (b'{"jsonrpc": "2.0", "id": 9001, "method": "textDocument/hover", "params": {"textDocument": 7}}',
                         b'{"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {}}', b'{not json'):
                s.client.protocol.writer.write(b"Content-Length: %d\r\n\r\n%s" % (len(body), body))
            hover = await s.client.text_document_hover_async(types.HoverParams(
                text_document=types.TextDocumentIdentifier(uri=people), position=types.Position(line=99, character=99)))
            assert hover is None

    run(scenario())


def test_lsp_shutdown_then_exit_is_exit_0_without_a_traceback(tmp_path):
    """pygls closes stdout on `exit`; flushing it afterwards raised ValueError (a
    traceback and exit code 1 after every clean editor session)."""
    def frame(message: dict) -> bytes:
        body = json.dumps(message).encode()
        return b"Content-Length: %d\r\n\r\n" % len(body) + body

    session = b"".join(frame(m) for m in (
        {"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"processId": None, "rootUri": None, "capabilities": {}}},
        {"jsonrpc": "2.0", "method": "initialized", "params": {}},
        {"jsonrpc": "2.0", "id": 2, "method": "shutdown", "params": None},
        {"jsonrpc": "2.0", "method": "exit", "params": None},
    ))
    proc = subprocess.run([sys.executable, "-m", "translate_kit", "lsp"], input=session, capture_output=True, timeout=60,
                          cwd=Path(__file__).parent.parent, env={**os.environ})
    assert b"Traceback" not in proc.stderr and proc.returncode == 0, proc.stderr.decode()
    assert b'"id": 2' in proc.stdout or b'"id":2' in proc.stdout  # shutdown was answered


def _frames(*messages: "dict | bytes") -> bytes:
    """The messages framed for stdio (bytes: a body sent as it is)."""
    out = b""
    for message in messages:
        body = message if isinstance(message, bytes) else json.dumps(message).encode()
        out += b"Content-Length: %d\r\n\r\n" % len(body) + body
    return out


def _replies(stdout: bytes) -> dict:
    """The server's responses by request id."""
    return {body["id"]: body for body in _bodies(stdout) if "id" in body and "method" not in body}


def _bodies(stdout: bytes) -> list[dict]:
    return [json.loads(chunk.split(b"\r\n\r\n", 1)[1]) for chunk in stdout.split(b"Content-Length: ")[1:]]


def test_a_client_s_malformed_messages_get_an_error_reply_or_are_dropped_and_the_server_serves_on(tmp_path):
    """A request whose params are null or lack a field is answered with InvalidParams (it
    went unanswered, a traceback on stderr); a notification so, and a change to a document
    never opened, are dropped with one log line (the change raised KeyError, shown to the
    user as a server error); a body that is not JSON or not an object is answered as
    JSON-RPC says (it was a traceback and a server error shown). Valid requests after them
    are answered; exit is clean."""
    never = (tmp_path / "never.md").as_uri()
    hover = {"textDocument": {"uri": never}, "position": {"line": 0, "character": 0}}
    session = _frames(
        {"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"processId": None, "rootUri": None, "capabilities": {}}},
        {"jsonrpc": "2.0", "method": "initialized", "params": {}},
        {"jsonrpc": "2.0", "method": "textDocument/didChange",
         "params": {"textDocument": {"uri": never, "version": 2}, "contentChanges": [{"text": "x"}]}},
        {"jsonrpc": "2.0", "id": 2, "method": "textDocument/hover", "params": None},
        {"jsonrpc": "2.0", "id": 3, "method": "textDocument/hover", "params": {"textDocument": {"uri": never}}},
        {"jsonrpc": "2.0", "id": 0, "method": "textDocument/codeAction", "params": None},
        {"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": None},
        b'{"jsonrpc": "2.0", "id": 6, "method": "textDocument/hover", "params": {bad json', b"[1, 2]",
        {"jsonrpc": "2.0", "id": 4, "method": "textDocument/hover", "params": hover},
        {"jsonrpc": "2.0", "id": 5, "method": "shutdown", "params": None},
        {"jsonrpc": "2.0", "method": "exit", "params": None},
    )
    proc = subprocess.run([sys.executable, "-m", "translate_kit", "lsp"], input=session, capture_output=True, timeout=60,
                          cwd=Path(__file__).parent.parent, env={**os.environ})
    stderr = proc.stderr.decode()
    assert proc.returncode == 0 and "Traceback" not in stderr, stderr
    replies = _replies(proc.stdout)
    assert {n: replies[n]["error"]["code"] for n in (2, 3, 0)} == {n: -32602 for n in (2, 3, 0)}
    assert "params missing or null" in replies[2]["error"]["message"] and "position" in replies[3]["error"]["message"]
    assert replies[4] == {"jsonrpc": "2.0", "id": 4, "result": None} and "error" not in replies[5]
    assert b"Error in server" not in proc.stdout
    # a body that is not JSON, or not an object: an error reply without an id (JSON-RPC's)
    assert [body["error"]["code"] for body in _bodies(proc.stdout) if body.get("id", 0) is None] == [-32700, -32600]
    assert stderr.count("which is not open") == 1 and stderr.count("didOpen") == 1 and stderr.count("not JSON") == 1
    assert all(line.startswith("translate-kit lsp: ") for line in stderr.splitlines())

def test_lsp_without_pygls_is_one_line_and_exit_2():
    code = "import sys; sys.modules['pygls'] = None; from translate_kit.cli import main; main(['lsp'])"
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60,
                          cwd=Path(__file__).parent.parent, env={**os.environ})
    assert proc.returncode == 2
    assert proc.stderr.count("\n") == 1 and "pip install 'translate-kit[lsp]'" in proc.stderr


def test_ignore_here_in_a_catalog_is_a_translator_comment_the_checker_honours(tmp_path, engine):
    from pygls.workspace.position_codec import PositionCodec

    from translate_kit.lsp.actions import ignore_edit
    from translate_kit.lsp.positions import TextPositions
    from translate_kit.options import CheckOptions
    from translate_kit.run import check_paths

    po = ('msgid ""\nmsgstr ""\n"Language: ja\\n"\n\n#: a.py:1\nmsgid "Save the user"\nmsgstr "ユーザーを保存"\n\n'
          '#: a.py:2\nmsgid "Delete the user"\nmsgstr "ユーザを削除"\n')
    path = tmp_path / "m.po"
    path.write_text(po, encoding="utf-8")
    before = check_paths([str(path)], CheckOptions(), engine=engine).findings
    assert [(f.rule, f.line) for f in before] == [("orthographic-variant", 11)]
    positions = TextPositions(po, PositionCodec())
    edit = ignore_edit(po, "po", 11, "orthographic-variant", positions)
    text = apply(po, [edit])
    assert "\n\n# translate-kit: ignore[orthographic-variant]\n#: a.py:2\n" in text
    path.write_text(text, encoding="utf-8")
    assert check_paths([str(path)], CheckOptions(), engine=engine).findings == ()
    # a second rule joins the directive already there instead of adding a line
    again = apply(text, [ignore_edit(text, "po", 12, "entity-inconsistent", TextPositions(text, PositionCodec()))])
    assert "# translate-kit: ignore[orthographic-variant, entity-inconsistent]\n#: a.py:2" in again


@pytest.mark.parametrize(("settings", "expected"), [
    ({"locale": "ja"}, "文字列が閉じていません"),
    ({"translate-kit": {"locale": "ja-JP"}}, "文字列が閉じていません"),
    ({"locale": "en"}, "unterminated string"),
])
def test_diagnostics_speak_the_clients_language(tmp_path, settings, expected):
    async def scenario():
        async with Session(tmp_path, settings=settings) as s:
            po = s.open(tmp_path / "broken.po", 'msgid "a"\nmsgstr "b\n', language="po")
            diags = await s.wait_for(lambda: s.diagnostics.get(po))
            assert [(d.code, d.message) for d in diags] == [("input-error", expected)]

    run(scenario())


def test_the_workspace_leaves_out_what_git_ignores_and_reads_it_again_when_told(tmp_path):
    """Files git ignores (a build folder) are not the workspace's, as in `check`; a file
    created there later is not indexed either; the setting `respectGitignore: false` (or a
    changed .gitignore) brings them back."""
    (tmp_path / ".git").mkdir()
    (tmp_path / ".gitignore").write_text("out/\n", encoding="utf-8")
    (tmp_path / "docs").mkdir()
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "copy.md").write_text("ユーザの一覧。ユーザの設定。\n", encoding="utf-8")
    own = tmp_path / "docs" / "own.md"
    own.write_text("ユーザーを追加します。\n", encoding="utf-8")

    async def scenario(settings, expected):
        async with Session(tmp_path, settings=settings) as s:
            uri = s.open(own)
            await s.wait_for(lambda: any(isinstance(v, dict) and v.get("kind") == "end" for v in s.progress_values))
            created = tmp_path / "out" / "more.md"
            created.write_text("ユーザの名前。ユーザの権限。\n", encoding="utf-8")  # enough alone to outvote own.md
            s.client.workspace_did_change_watched_files(types.DidChangeWatchedFilesParams(changes=[
                types.FileEvent(uri=s.uri(created), type=types.FileChangeType.Created)]))
            s.change(uri, "ユーザーを追加します。\n\n")
            if expected:
                await s.wait_for(lambda: "orthographic-variant" in s.codes(uri))
            else:
                await asyncio.sleep(3)  # the edit's debounce and analysis, then what was published
                assert "orthographic-variant" not in s.codes(uri)

    run(scenario(None, False))
    run(scenario({"respectGitignore": False}, True))


def test_a_deleted_folder_takes_its_indexed_files_with_it(tmp_path):
    """Clients send one Deleted event for a folder: the files indexed under it leave the run."""
    (tmp_path / "old").mkdir()
    (tmp_path / "old" / "a.md").write_text("ユーザの一覧。ユーザの設定。\n", encoding="utf-8")
    own = tmp_path / "own.md"
    own.write_text("ユーザーを追加します。\n", encoding="utf-8")

    async def scenario():
        async with Session(tmp_path) as s:
            uri = s.open(own)
            await s.wait_for(lambda: "orthographic-variant" in s.codes(uri))  # outvoted by the folder's file
            shutil.rmtree(tmp_path / "old")
            s.client.workspace_did_change_watched_files(types.DidChangeWatchedFilesParams(changes=[
                types.FileEvent(uri=s.uri(tmp_path / "old"), type=types.FileChangeType.Deleted)]))
            await s.wait_for(lambda: uri in s.diagnostics and "orthographic-variant" not in s.codes(uri))

    run(scenario())
