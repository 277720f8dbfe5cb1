"""Katakana compounds a Latin name of the run anchors (anchors.py)."""

from __future__ import annotations

from translate_kit.anchors import run_mentions
from translate_kit.mentions import COMPOUND
from translate_kit.model import EntityType, Mention, MentionUse, Place, Script


def _use(surface: str, path: str, offset: int, script: Script, lexicon: str = "", etype: EntityType = EntityType.OTHER) -> MentionUse:
    m = Mention(surface, 0, len(surface), script, surface, "", etype, (surface,), lexicon=lexicon)
    return MentionUse(m, Place(path, 1, offset + 1, 1, offset + 1 + len(surface)), (path, offset), "ja", "prose")


def test_an_anchored_compound_replaces_the_mention_inside_it():
    latin = _use("Greenmart", "a.md", 0, Script.LATIN, etype=EntityType.ORGANIZATION)
    inner = _use("グリーン", "b.md", 5, Script.KATAKANA)
    compound = _use("グリーンマート", "b.md", 5, Script.KATAKANA, COMPOUND)
    out = run_mentions([latin, inner, compound])
    assert [u.mention.surface for u in out] == ["Greenmart", "グリーンマート"]
    assert out[1].mention.lexicon == "" and out[1].mention.type is EntityType.ORGANIZATION


def test_a_compound_without_an_anchor_is_no_mention():
    inner = _use("グリーン", "b.md", 5, Script.KATAKANA)
    compound = _use("グリーンマート", "b.md", 5, Script.KATAKANA, COMPOUND)
    assert [u.mention.surface for u in run_mentions([inner, compound])] == ["グリーン"]


def test_a_common_word_or_an_identifier_anchors_nothing():
    for latin in (_use("Greenmart", "a.md", 0, Script.LATIN, lexicon="common"), _use("GreenMart", "a.md", 0, Script.LATIN)):
        compound = _use("グリーンマート", "b.md", 5, Script.KATAKANA, COMPOUND)
        assert [u.mention.surface for u in run_mentions([latin, compound])] == [latin.mention.surface]


def test_a_compound_written_as_a_katakana_persons_surname_is_that_surname():
    full = Mention("ハンナ・グリーンマート", 0, 11, Script.KATAKANA, "ハンナ・グリーンマート", "", EntityType.PERSON, ("ハンナ", "グリーンマート"))
    person = MentionUse(full, Place("a.md", 1, 1, 1, 12), ("a.md", 0), "ja", "prose")
    inner = _use("グリーン", "b.md", 5, Script.KATAKANA)
    compound = _use("グリーンマート", "b.md", 5, Script.KATAKANA, COMPOUND)
    out = run_mentions([person, inner, compound])
    assert [u.mention.surface for u in out] == ["ハンナ・グリーンマート", "グリーンマート"]
    assert out[1].mention.type is EntityType.PERSON
    # a katakana word that is no person's name anchors nothing
    thing = _use("グリーンマート", "a.md", 0, Script.KATAKANA)
    assert [u.mention.surface for u in run_mentions([thing, inner, compound])] == ["グリーンマート", "グリーン"]


def test_a_compound_inside_a_mention_is_not_recorded(engine):
    analysis = engine.analyze("ハンナ・ローマハイムが来た。", "ja")
    assert not analysis.compounds
