"""Head nouns: the common noun that ends a name and says what it names.

A proper noun followed by a head noun is one name of the head's type (イギリス海軍 an
organization, 釜山国際映画祭 an event, 知床半島 a place), and a proper noun the
dictionary lists whole is typed by its last word (三菱|電機). The word lists are data in
lexicon.txt.
"""

from __future__ import annotations

from types import MappingProxyType
from typing import Mapping

from translate_kit import lexicon
from translate_kit.model import EntityType

HEAD_MODIFIERS = lexicon.words("head-modifiers")
ADMINISTRATIVE_SUFFIXES = lexicon.words("administrative-suffixes")
AGENCY_SUFFIXES = lexicon.words("agency-suffixes")
AGENCY_NON_INITIALS = lexicon.words("agency-non-initials")
DIRECTION_PREFIXES = lexicon.words("direction-prefixes")
PLACE_ORGANIZATION_SUFFIXES = lexicon.words("place-organization-suffixes")
PLACE_WITHIN_WORDS = lexicon.words("place-within-words")
# what the dictionary glues to a place's name in one word, leaving the place named (東京|都内, フランス|人)
PLACE_GLUED_WORDS = PLACE_WITHIN_WORDS | lexicon.words("place-people-words")
_PLACE_GLUED_LAST = frozenset(w[-1] for w in PLACE_GLUED_WORDS)


def _head_types() -> Mapping[str, EntityType]:
    table: dict[str, EntityType] = {}
    for section, etype in (
        ("place-heads", EntityType.PLACE),
        ("facility-heads", EntityType.PLACE),
        ("product-heads", EntityType.PRODUCT),
        ("event-heads", EntityType.EVENT),
        ("organization-heads", EntityType.ORGANIZATION),
    ):
        for word in lexicon.words(section):
            table[word] = etype
    return MappingProxyType(table)


HEAD_TYPES = _head_types()
HEAD_WORDS = frozenset(HEAD_TYPES) | HEAD_MODIFIERS | PLACE_ORGANIZATION_SUFFIXES


def head_type(word: str) -> EntityType | None:
    """The type a head noun gives the name it ends, or None for any other word."""
    return HEAD_TYPES.get(word)


def may_name_agency(word: str) -> bool:
    """Whether a kanji word could be a government body's name by its suffix (気象庁,
    防衛|庁): two or more characters before 庁, 省 or 裁, not opening with a word that
    refers back or counts (同庁, 各省)."""
    return len(word) >= 3 and word[-1] in AGENCY_SUFFIXES and word[0] not in AGENCY_NON_INITIALS


def without_administrative_suffix(place: str) -> str:
    """A place's name without its administrative suffix (アーカンソー州 → アーカンソー);
    a name that is nothing but a suffix, or has none, as it is."""
    if len(place) > 2 and place[-1] in ADMINISTRATIVE_SUFFIXES:
        return place[:-1]
    return place


def may_end_in_place_within(word: str) -> bool:
    """Cheap test for a word that may be a place glued to a word for "within" or for its
    people (東京都内, フランス人)."""
    return len(word) > 2 and word[-1] in _PLACE_GLUED_LAST
