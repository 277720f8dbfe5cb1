"""Starting the language server: every feature module registers its handlers on one
server (pygls's example servers: one handler per LSP feature)."""

from __future__ import annotations

import logging

from translate_kit.lsp import actions, documents, hover, workspace
from translate_kit.lsp.server import OneLineClientErrors, TranslateKitServer


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
        server.start_io()
