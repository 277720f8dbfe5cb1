"""Variant kanji (異体字) that Japanese names are written with interchangeably.

A family register may write 齋藤 or 髙橋 where a text writes 斎藤 or 高橋; a document that
mixes them writes one person two ways. Only these characters make two kanji names one
name: 上田/植田 or 阿部/安部 read alike but are different families.
"""

from __future__ import annotations

# Each line is one group of interchangeable characters (the common form first).
_GROUPS = """
斎齋斉齊
辺邊邉
高髙
崎﨑嵜
浜濱濵
沢澤
広廣
桜櫻
島嶋嶌
国國
竜龍
恵惠
徳德
蔵藏
槙槇
関關
栄榮
真眞
寛寬
曽曾
顕顯
条條
富冨
峰峯
鉄鐵
吉𠮷
実實
学學
穂穗
瀬瀨
黒黑
亀龜
与與
万萬
礼禮
来來
円圓
巌巖
寿壽
滝瀧
弥彌
渕淵渊
桧檜
舘館
薗園
隆隆
神神
福福
祐祐
禎禎
郎郞
朗朗
晴晴
清淸
静靜
青靑
"""

VARIANT_GROUP: dict[str, int] = {ch: number for number, line in enumerate(_GROUPS.split()) for ch in line}


def same_kanji(a: str, b: str) -> bool:
    """Whether two characters are one kanji written two ways (斎/齋, 高/髙)."""
    if a == b:
        return True
    group = VARIANT_GROUP.get(a)
    return group is not None and group == VARIANT_GROUP.get(b)


def kanji_variants(a: str, b: str) -> bool:
    """Two different spellings of one kanji name: as long, and character by character the
    same kanji (渡辺/渡邊, 斎藤/齋藤)."""
    return a != b and len(a) == len(b) and all(same_kanji(x, y) for x, y in zip(a, b))
