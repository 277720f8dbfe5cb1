"""Context cues: the words around a name that say what kind of thing it names.

A class noun before a name (組織ハマス, 重機メーカーのヤンマー, ウェブブラウザFirefox,
映画「渾身」, 観光地クシャダス), a member or a part after it (ハマスの民兵, フジテレビ社員,
SPD党首, ムサイブの中心地), a move into it (横浜FCに移籍) or a product's verb (Xを発売):
each types a name that the dictionary alone leaves untyped. The words are data in
lexicon.txt; this module only reads the gaps between a name and its cue, from offsets, so
it knows nothing of the tokenizer.
"""

from __future__ import annotations

import re
from typing import Collection, Mapping

from translate_kit import lexicon
from translate_kit.model import EntityType

ORGANIZATION_CLASS_WORDS = lexicon.words("organization-class-words")
PRODUCT_CLASS_WORDS = lexicon.words("product-class-words")
ORGANIZATION_ROLE_WORDS = lexicon.words("organization-role-words")
ORGANIZATION_JOINING_WORDS = lexicon.words("organization-joining-words")
PRODUCT_ROLE_WORDS = lexicon.words("product-role-words")
PRODUCT_OBJECT_VERBS = lexicon.words("product-object-verbs")
PLACE_CLASS_WORDS = lexicon.words("place-class-words")
PLACE_ROLE_WORDS = lexicon.words("place-role-words")
STATEMENT_VERBS = lexicon.words("organization-statement-verbs")

CUE_WORDS = (ORGANIZATION_CLASS_WORDS | PRODUCT_CLASS_WORDS | ORGANIZATION_ROLE_WORDS | ORGANIZATION_JOINING_WORDS
             | PRODUCT_ROLE_WORDS | PRODUCT_OBJECT_VERBS | PLACE_CLASS_WORDS | PLACE_ROLE_WORDS)

# what may stand between a class noun and the name after it (組織ハマス, メーカーのヤンマー)
_BEFORE_GAPS = ("", "の", "・")
# particles that make a name the topic or the subject of its sentence (Xは, Xでは, Xが)
_SUBJECT_PARTICLES = ("では", "は", "が")
_STATEMENT = re.compile("|".join(sorted(STATEMENT_VERBS, key=len, reverse=True)))
_OPENING, _CLOSING = "「『（(", "」』）)"
# brackets a class noun's title is written in (映画「渾身」, 曲『海の唄』)
TITLE_BRACKETS = {"「": "」", "『": "』"}


def class_before(text: str, start: int, cue_ending_at: Mapping[int, str], across: bool = True) -> EntityType | None:
    """The type a class noun right before a name (offset `start`) gives it, or None;
    with `across`, an organization's class noun also across の or ・ (メーカーのヤンマー),
    where it may as well own a thing (チームのアプリ) unless the name is known to be one."""
    for gap in _BEFORE_GAPS if across else ("",):
        at = start - len(gap)
        if at < 0 or text[at:start] != gap:
            continue
        word = cue_ending_at.get(at)
        if word is not None:
            etype = class_type(word)
            # a product's class noun before の owns a part (ブラウザのツールバー), it names no product
            return etype if not gap or etype is EntityType.ORGANIZATION else None
    return None


def class_type(word: str) -> EntityType | None:
    """The type of the names a class noun introduces (会社: organization, 映画: product,
    観光地: place)."""
    if word in ORGANIZATION_CLASS_WORDS:
        return EntityType.ORGANIZATION
    if word in PRODUCT_CLASS_WORDS:
        return EntityType.PRODUCT
    if word in PLACE_CLASS_WORDS:
        return EntityType.PLACE
    return None


def role_after(text: str, end: int, cue_starting_at: Mapping[int, str], glued: bool) -> EntityType | None:
    """The type a word after a name (ending at offset `end`) gives it: a member or a part
    of an organization after の (ハマスの民兵) or, when `glued` is allowed, right after
    the name (フジテレビ社員; a person's name with a title, ピノ社長, is not asked); a move
    into an organization after に or へ (横浜FCに移籍); a product's part after の or its
    verb after を (Thunderbirdの最新版, Xを発売); a place's part or surroundings after の
    (ムサイブの中心地)."""
    if glued:
        word = cue_starting_at.get(end)
        if word is not None and word in ORGANIZATION_ROLE_WORDS:
            return EntityType.ORGANIZATION
    particle = text[end : end + 1]
    word = cue_starting_at.get(end + 1)
    if word is None:
        return None
    if particle == "の":
        if word in ORGANIZATION_ROLE_WORDS:
            return EntityType.ORGANIZATION
        if word in PRODUCT_ROLE_WORDS:
            return EntityType.PRODUCT
        if word in PLACE_ROLE_WORDS:
            return EntityType.PLACE
    elif particle in ("に", "へ") and word in ORGANIZATION_JOINING_WORDS:
        return EntityType.ORGANIZATION
    elif particle == "を" and word in PRODUCT_OBJECT_VERBS:
        return EntityType.PRODUCT
    return None


def statement_after(text: str, end: int, subjects: Collection[int]) -> bool:
    """Whether a name ending at offset `end` is the topic or the subject (は, では, が) of
    an active statement verb later in its sentence (Xは…と発表した, Xが報じた), outside
    quoted speech and with no other subject between them: no name whose end is in
    `subjects` (マイクロソフトが) and no sentence end."""
    particle = next((p for p in _SUBJECT_PARTICLES if text.startswith(p, end)), "")
    if not particle:
        return False
    at = end + len(particle)
    for verb in _STATEMENT.finditer(text, at):
        if text.startswith("られ", verb.end()):
            continue  # 報じられた: passive, said of what was reported
        depth = 0
        for i in range(at, verb.start()):
            c = text[i]
            if c in _OPENING:
                depth += 1
            elif c in _CLOSING:
                depth = max(0, depth - 1)
            elif depth == 0 and (c in "。\n" or (i in subjects and c in "はが")):
                return False
        if depth == 0:
            return True
    return False


def title_after(text: str, at: int, limit: int = 40) -> tuple[int, int] | None:
    """The span of a title in brackets opening at offset `at` (映画「渾身」: 渾身), when
    it closes within `limit` characters, holds no sentence end and no other bracket."""
    close = TITLE_BRACKETS.get(text[at : at + 1])
    if close is None:
        return None
    stop = text.find(close, at + 1, at + 2 + limit)
    if stop <= at + 1:
        return None
    inside = text[at + 1 : stop]
    if any(c in inside for c in "。「」『』\n"):
        return None
    return at + 1, stop
