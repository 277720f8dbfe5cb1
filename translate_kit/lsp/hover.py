"""Hover on a name: the entity it belongs to, its renderings over the workspace with
counts, and the glossary entry that covers it."""

from __future__ import annotations

from lsprotocol import types

from translate_kit.lsp.documents import open_document, path_of
from translate_kit.lsp.positions import TextPositions
from translate_kit.lsp.server import TranslateKitServer
from translate_kit.lsp.state import WorkspaceState


def hover_text(state: WorkspaceState, path: str, line: int, column: int) -> tuple[str, tuple[int, int, int, int]] | None:
    """Markdown for the name at 1-based (line, column) of `path`, and its span; None when
    no name is there. Runs on the analysis thread (clustering reads the whole corpus)."""
    result = state.result
    contribution = state.corpus.get(path)
    if result is None or contribution is None or state.setup is None:
        return None
    use = next((m for m in contribution.mentions if _contains(m.place, line, column)), None)
    if use is None:
        return None
    entity = state.entity_at(path, use.place)
    place = use.place
    span = (place.line, place.column, place.end_line, place.end_column)
    lines = [f"**{use.mention.surface}**"]
    if entity is not None:
        lines[0] += f" — {entity.type} `{entity.id}`, written as {entity.canonical}"
        lines.append("")
        lines.append("Renderings: " + ", ".join(f"{r.form} ×{r.count}" for r in entity.renderings))
    concept = state.concept_of(use.mention)
    if concept is not None:
        lines.append("")
        terms = "; ".join(f"{t.text} ({t.lang}, {t.status})" for t in concept.terms)
        lines.append(f"Glossary `{concept.id}` ({concept.type}): {terms}" + (f" — {concept.note}" if concept.note else ""))
    return "\n".join(lines), span


def _contains(place, line: int, column: int) -> bool:
    return (place.line, place.column) <= (line, column) <= (place.end_line, place.end_column)


def register(server: TranslateKitServer) -> None:
    @server.feature(types.TEXT_DOCUMENT_HOVER)
    async def hover(ls: TranslateKitServer, params: types.HoverParams) -> types.Hover | None:
        state = ls.state
        doc = open_document(ls, params.text_document.uri)
        if state is None or doc is None:
            return None
        positions = TextPositions(doc.source, ls.workspace.position_codec)
        line, column = positions.from_client(params.position)
        found = await ls.work(hover_text, state, path_of(params.text_document.uri), line, column)
        if found is None:
            return None
        text, span = found
        return types.Hover(contents=types.MarkupContent(kind=types.MarkupKind.Markdown, value=text), range=positions.range(*span))
