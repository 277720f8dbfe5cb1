"""Starting the language server: every feature module registers its handlers on one
server (pygls's example servers: one handler per LSP feature)."""

from __future__ import annotations

import logging
import re
import sys
from typing import BinaryIO

from translate_kit.lsp import actions, documents, hover, workspace
from translate_kit.lsp.server import OneLineClientErrors, TranslateKitServer

log = logging.getLogger(__name__)


def create_server() -> TranslateKitServer:
    """A server with every feature registered."""
    server = TranslateKitServer()
    for feature in (workspace, documents, actions, hover):
        feature.register(server)
    return server


def serve(tcp: tuple[str, int] | None = None) -> None:
    """Run until the client says exit: on stdio, or listening on (host, port)."""
    logging.basicConfig(level=logging.WARNING, format="translate-kit lsp: %(message)s")
    for name in ("pygls.server", "pygls.protocol.json_rpc"):
        logging.getLogger(name).addFilter(OneLineClientErrors())
    server = create_server()
    if tcp is not None:
        server.start_tcp(*tcp)
    else:
        server.start_io(stdin=Framing(sys.stdin.buffer))


_LENGTH = re.compile(rb"Content-Length:[ \t]*(\S*)")
_LONGEST_LENGTH = 9  # digits: a message of 1 GB or more is none an editor sends


class Framing:
    """Standard input as pygls reads it, line by line for headers: a header after bytes
    that are no message on its line is found (pygls matches whole lines only, so a body
    cut short or a stray byte hid every later header), and a Content-Length pygls would
    choke on (5,000 digits: int() refuses them, a traceback that ended the server) or that
    is no count (`abc`, `-5`) is dropped with one log line: the message it heads is lost,
    the ones after it are read."""

    def __init__(self, raw: BinaryIO) -> None:
        self.raw = raw

    def readline(self) -> bytes:
        while True:
            line = self.raw.readline()
            at = line.find(b"Content-Length:")
            if at > 0:
                log.warning("skipped %d bytes that are no message before a header", at)
                line = line[at:]
            length = _LENGTH.match(line)
            if length is not None and not (length.group(1).isdigit() and len(length.group(1)) <= _LONGEST_LENGTH):
                log.warning("ignored a message whose Content-Length is %s", "no count" if not length.group(1).isdigit()
                            else f"{len(length.group(1))} digits long")
                continue
            return line

    def read(self, size: int) -> bytes:
        return self.raw.read(size)
