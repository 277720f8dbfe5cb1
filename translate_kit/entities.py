"""Entities for `translate-kit entities`: the run's clusters as renderings and places,
and their text and JSON forms."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Iterable

from translate_kit.messages import ENGLISH, Localizer, msg, msg_n
from translate_kit.model import EntityType, Place


@dataclass(frozen=True)
class Rendering:
    """One written form of an entity, with every place it is used."""

    form: str
    count: int
    places: tuple[Place, ...]


@dataclass(frozen=True)
class Entity:
    """An entity: its id, a type guess, its canonical form and its renderings."""

    id: str
    type: str
    canonical: str
    renderings: tuple[Rendering, ...]

    @property
    def count(self) -> int:
        return sum(r.count for r in self.renderings)


def entity_type(types: Iterable[EntityType]) -> str:
    """The most frequent specific type guess; `other` only when nothing else was guessed."""
    counts = Counter(t for t in types if t is not EntityType.OTHER)
    if not counts:
        return EntityType.OTHER.value
    return max(counts, key=lambda t: (counts[t], t.value)).value


def slug(text: str) -> str:
    """An id from a name: lower-case, words joined by hyphens, non-Latin scripts kept."""
    s = re.sub(r"[\s・＝゠=_/.]+", "-", text.strip().lower())
    s = re.sub(r"[^\w\-]+", "", s).strip("-")
    return s or "entity"


def entities_json(entities: Iterable[Entity]) -> dict:
    """The documented JSON shape of `translate-kit entities --format json`."""
    return {
        "version": 1,
        "entities": [
            {
                "id": e.id,
                "type": e.type,
                "canonical": e.canonical,
                "renderings": [
                    {
                        "form": r.form,
                        "count": r.count,
                        "locations": [{"path": p.path, "line": p.line, "column": p.column} for p in r.places],
                    }
                    for r in e.renderings
                ],
            }
            for e in entities
        ],
    }


def entities_text(entities: Iterable[Entity], localizer: Localizer = ENGLISH) -> str:
    """A readable listing: each entity, then each rendering with its count and places
    (labels in the localizer's language; names, types and ids as they are)."""
    lines = []
    for e in entities:
        mentions = localizer.text(msg_n("{n} mention", "{n} mentions", e.count))
        ident = localizer.text(msg("(id: {id})", id=e.id))
        lines.append(f"{e.canonical}  [{e.type}]  {mentions}  {ident}")
        for r in e.renderings:
            where = ", ".join(f"{p.path}:{p.line}:{p.column}" for p in r.places[:8])
            more = localizer.text(msg(", … {n} more", n=len(r.places) - 8)) if len(r.places) > 8 else ""
            lines.append(f"    {r.form} ×{r.count}  {where}{more}")
    return "\n".join(lines) + ("\n" if lines else "")


def from_clusters(clusters: Iterable["object"]) -> list[Entity]:
    """Entities from the run's clusters (cross-script, spelling variants joined)."""
    out = []
    for c in clusters:
        by_form: dict[str, list[Place]] = defaultdict(list)
        for u in c.uses:  # type: ignore[attr-defined]
            by_form[u.mention.surface].append(u.place)
        renderings = tuple(
            Rendering(form, len(places), tuple(places)) for form, places in sorted(by_form.items(), key=lambda kv: (-len(kv[1]), kv[0]))
        )
        out.append(Entity(c.id, c.type, c.canonical.surface, renderings))  # type: ignore[attr-defined]
    return out
