"""Group a run's mentions into entities for `translate-kit entities`.

Until cross-script clustering groups variant renderings, an entity is the set of mentions
sharing one normalized form (Sudachi's for Japanese, NFKC for Latin script).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Iterable

from translate_kit.model import EntityType
from translate_kit.pipeline import MentionUse, Place


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


def group_by_normalized(uses: Iterable[MentionUse]) -> list[Entity]:
    """Entities keyed by normalized form, ordered by first appearance in reading order."""
    groups: dict[str, list[MentionUse]] = defaultdict(list)
    for use in uses:
        groups[use.mention.normalized].append(use)
    entities = []
    taken: set[str] = set()
    for normalized, members in sorted(groups.items(), key=lambda kv: min(u.order for u in kv[1])):
        members.sort(key=lambda u: u.order)
        by_form: dict[str, list[Place]] = defaultdict(list)
        first_seen: dict[str, int] = {}
        for i, u in enumerate(members):
            by_form[u.mention.surface].append(u.place)
            first_seen.setdefault(u.mention.surface, i)
        # the fullest form, earliest on ties (アルノー・ベナール before ベナール)
        canonical = max(by_form, key=lambda f: (len(f), -first_seen[f]))
        renderings = tuple(
            Rendering(form, len(places), tuple(places)) for form, places in sorted(by_form.items(), key=lambda kv: (-len(kv[1]), kv[0]))
        )
        base = slug(normalized)
        eid, n = base, 2
        while eid in taken:
            eid, n = f"{base}-{n}", n + 1
        taken.add(eid)
        entities.append(Entity(eid, entity_type(u.mention.type for u in members), canonical, renderings))
    return entities


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


def entities_text(entities: Iterable[Entity]) -> str:
    """A readable listing: each entity, then each rendering with its count and places."""
    lines = []
    for e in entities:
        lines.append(f"{e.canonical}  [{e.type}]  {e.count} mention{'s' if e.count != 1 else ''}  (id: {e.id})")
        for r in e.renderings:
            where = ", ".join(f"{p.path}:{p.line}:{p.column}" for p in r.places[:8])
            more = f", … {len(r.places) - 8} more" if len(r.places) > 8 else ""
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
