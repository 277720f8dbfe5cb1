"""Draft glossary rows for the entities a run found that the glossary lacks.

`translate-kit glossary suggest PATH...` clusters the run's mentions (cross-script,
spelling variants joined) and prints one long-CSV concept per cluster that no glossary
concept covers: the canonical rendering as preferred, the other renderings as admitted
(review them: a variant may be the mistake), one concept per entity.
"""

from __future__ import annotations

import csv
import io
from typing import Iterable

from translate_kit.cluster import Cluster
from translate_kit.glossary.csv_format import HEADER
from translate_kit.link import GlossaryIndex
from translate_kit.model import Script


def suggest_rows(clusters: Iterable[Cluster], index: GlossaryIndex | None, min_count: int = 1) -> list[list[str]]:
    """Rows (concept, lang, term, status, type, note) for clusters without a concept."""
    rows: list[list[str]] = []
    for cluster in clusters:
        if cluster.canonical is None or len(cluster.uses) < min_count:
            continue
        if index is not None and any(index.link(u.mention) is not None for u in cluster.uses):
            continue
        ctype = cluster.type if cluster.type != "other" else "term"
        if ctype == "term" and cluster.canonical.script is not Script.LATIN and not cluster.canonical.is_full:
            ctype = "person" if any(u.mention.suffix in ("氏", "さん", "様") for u in cluster.uses) else "term"
        note = f"{len(cluster.uses)} mention(s); first at {cluster.uses[0].place.path}:{cluster.uses[0].place.line}"
        first = True
        for form in sorted(cluster.forms, key=lambda f: (f is not cluster.canonical, f.first)):
            lang = form.side if form.side != "ja" or form.script is not Script.LATIN else "ja"
            status = "preferred" if form is cluster.canonical else "admitted"
            rows.append([cluster.id, lang, form.surface, status, ctype if first else "", note if first else ""])
            first = False
    return rows


def suggest_csv(clusters: Iterable[Cluster], index: GlossaryIndex | None, min_count: int = 1) -> str:
    """The draft as long-CSV text, header included."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(HEADER)
    writer.writerows(suggest_rows(clusters, index, min_count))
    return out.getvalue()
