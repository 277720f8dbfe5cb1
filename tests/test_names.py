"""Tests of translate_kit.names: keys, folds, similarity ranking, name parts and the dev set."""

from __future__ import annotations

import zlib
from pathlib import Path

import pytest

from translate_kit import names
from translate_kit.names import (
    SAME_NAME_THRESHOLD,
    blocking_keys,
    consonant_skeleton,
    is_same_name,
    name_key,
    name_similarity,
    romanize,
    similarity_matrix,
    split_name,
    surname,
)

DATA = Path(__file__).parent / "data" / "names"

SAME = [
    ("ベナール", "バーナード"),
    ("バーナード", "Bernard"),
    ("ベナール", "Benard"),
    ("Benard", "Bernard"),
    ("ピノ", "Pino"),
    ("ルクン", "ルカン"),
    ("LeCun", "ルカン"),
    ("Mistral", "ミストラル"),
    ("Gözükara", "ギョズキャラ"),
    ("Gözükara", "ギョズカラ"),
    ("アルノー・ベナール", "Arnaud Benard"),
    ("Santiago Pino", "サンティアゴ・ピノ"),
    ("ヤン・ルクン", "Yann LeCun"),
    ("ヴァイオリン", "バイオリン"),
]

DIFFERENT = [
    ("ベナール", "ケーシー"),
    ("Pino", "ピザ"),
    ("Mistral", "Mixtral"),
    ("GPT-4", "GPT-5"),
    ("ジョン", "ジョージ"),
    ("GPT-4", "GPT-4o"),
    ("Windows 10", "Windows 11"),
]


@pytest.mark.parametrize(("a", "b"), SAME)
def test_same_names_score_above_threshold(a: str, b: str) -> None:
    assert name_similarity(a, b) >= SAME_NAME_THRESHOLD
    assert is_same_name(a, b)


@pytest.mark.parametrize(("a", "b"), DIFFERENT)
def test_different_names_score_below_threshold(a: str, b: str) -> None:
    assert name_similarity(a, b) < SAME_NAME_THRESHOLD
    assert not is_same_name(a, b)


def test_true_pairs_rank_clearly_above_look_alikes() -> None:
    lowest_same = min(name_similarity(a, b) for a, b in SAME)
    highest_different = max(name_similarity(a, b) for a, b in DIFFERENT)
    assert lowest_same - highest_different > 0.05


def test_similarity_is_symmetric_and_bounded() -> None:
    for a, b in SAME + DIFFERENT:
        s = name_similarity(a, b)
        assert 0.0 <= s <= 1.0
        assert s == name_similarity(b, a)
    assert name_similarity("ベナール", "ベナール") == 1.0
    assert name_similarity("", "ベナール") == 0.0


def test_latin_against_latin_is_stricter_than_katakana_variation() -> None:
    # a one-consonant change between two Latin brand names is a different name ...
    assert name_similarity("Mistral", "Mixtral") < SAME_NAME_THRESHOLD
    # ... while katakana variants of one name may differ more and still match
    assert name_similarity("ヴォルフガング", "ウォルフガング") >= SAME_NAME_THRESHOLD


def test_digits_must_agree() -> None:
    assert name_similarity("iPhone 15", "iPhone 15") == 1.0
    assert name_similarity("iPhone 14", "アイフォーン15") < 0.3
    assert name_similarity("Llama 3", "ラマ3") >= SAME_NAME_THRESHOLD


def test_hiragana_folds_to_katakana() -> None:
    assert name_key("べなーる") == name_key("ベナール")


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("ヴァイオリン", "バイオリン"),  # ヴァ/バ
        ("ヴィクトリア", "ビクトリア"),  # ヴィ/ビ
        ("ウィリアム", "ウイリアム"),  # ウィ/ウイ
        ("ウェブ", "ウエブ"),  # ウェ/ウエ
        ("ティーム", "チーム"),  # ティ/チ
        ("ラディオ", "ラジオ"),  # ディ/ジ
        ("ヂャ", "ジャ"),  # ヂ/ジ
        ("ヅラ", "ズラ"),  # ヅ/ズ
        ("ヲタ", "オタ"),  # ヲ/オ
        ("コンピューター", "コンピュータ"),  # long vowel
        ("ベッド", "ベド"),  # ッ
        ("メイル", "メール"),  # エイ/エー
        ("ジャン＝ポール", "ジャン・ポール"),  # separators
        ("ジャン=ポール", "ジャンポール"),
        ("ｼﾞｬﾝ", "ジャン"),  # NFKC half-width
    ],
)
def test_name_key_folds_kana_variants(a: str, b: str) -> None:
    assert name_key(a) == name_key(b)


def test_name_key_folds_latin_case_diacritics_and_separators() -> None:
    assert name_key("Gözükara") == name_key("gozukara") == "gozukara"
    assert name_key("GÖZÜKARA") == name_key("Gözükara")
    assert name_key("Jean-Paul") == name_key("jean paul")
    assert name_key("Müller") == name_key("Muller")


def test_katakana_and_latin_keys_are_close() -> None:
    assert name_key("ベナール") == "benaru"
    assert name_key("ピノ") == name_key("Pino") == "pino"
    assert any(k.startswith("benaru") for k in names.name_keys("Benard"))  # the literal reading
    assert name_similarity("Benard", "ベナール") >= 0.85
    assert name_key("ミストラル") == name_key("Mistral")


def test_romanize_is_readable() -> None:
    assert romanize("ベナール") == "benaaru"
    assert romanize("ザッカーバーグ") == "zakkaabaagu"
    assert romanize("シー・ジンピン") == "shii jinpin"
    assert romanize("Gözükara") == "gozukara"


def test_consonant_skeleton_blocks_variants_together() -> None:
    assert consonant_skeleton("ベナール") == consonant_skeleton("バーナード") == consonant_skeleton("Benard")
    assert consonant_skeleton("ピノ") == consonant_skeleton("Pino")
    assert consonant_skeleton("ヴァイオリン") == consonant_skeleton("バイオリン")
    assert consonant_skeleton("ベナール") != consonant_skeleton("ケーシー")
    assert consonant_skeleton("ベナール", width=0) == "PN"
    assert blocking_keys("Michael") & blocking_keys("マイケル")


def test_similarity_matrix_matches_pairwise_scores() -> None:
    left = ["ベナール", "ピノ", "ルカン"]
    right = ["Benard", "Pino", "LeCun", "Casey"]
    matrix = similarity_matrix(left, right)
    assert len(matrix) == 3 and all(len(row) == 4 for row in matrix)
    for i, a in enumerate(left):
        best = max(range(len(right)), key=lambda j: matrix[i][j])
        assert best == i
        assert matrix[i][i] == pytest.approx(name_similarity(a, right[i]))
    cut = similarity_matrix(left, right, score_cutoff=0.9)
    assert cut[0][3] == 0.0


def test_split_name() -> None:
    assert split_name("アルノー・ベナール") == ("アルノー", "ベナール")
    assert split_name("ジャン＝ポール・サルトル") == ("ジャン", "ポール", "サルトル")
    assert split_name("ジャン゠ポール") == ("ジャン", "ポール")
    assert split_name("Yann  LeCun") == ("Yann", "LeCun")
    assert split_name("Jean-Paul Sartre") == ("Jean-Paul", "Sartre")
    assert split_name("ピノ") == ("ピノ",)
    assert split_name("") == ()


def test_surname() -> None:
    assert surname("Yann LeCun") == "LeCun"
    assert surname("Mehmet Gözükara") == "Gözükara"
    assert surname("アルノー・ベナール") == "ベナール"
    assert surname("Charles de Gaulle") == "de Gaulle"
    assert surname("Ludwig van Beethoven") == "van Beethoven"
    assert surname("シャルル・ド・ゴール") == "ド・ゴール"
    assert surname("ジャン＝マリー・ル・ペン") == "ル・ペン"
    assert surname("フィンセント・ファン・ゴッホ") == "ファン・ゴッホ"
    assert surname("ファン・カルロス") == "カルロス"  # Juan, a given name, not the particle van
    assert surname("ベン・スティラー") == "スティラー"
    assert surname("LeCun") == "LeCun"


def test_full_names_need_every_part_to_match() -> None:
    assert name_similarity("John Smith", "Jane Smith") < SAME_NAME_THRESHOLD
    assert name_similarity("Mark Zuckerberg", "マーク・ザッカーバーグ") >= 0.9
    assert name_similarity("Kim Jong-un", "キム・ジョンウン") >= SAME_NAME_THRESHOLD


def test_acronyms_and_camel_case_are_read_as_japanese_does() -> None:
    assert is_same_name("IBM", "アイビーエム")
    assert is_same_name("iPhone", "アイフォーン")
    assert is_same_name("YouTube", "ユーチューブ")
    assert is_same_name("Nvidia", "エヌビディア")


@pytest.mark.parametrize(("latin", "kana"), [("McKay", "マッケイ"), ("McCartney", "マッカートニー"), ("MacArthur", "マッカーサー"),
                                              ("McKinley", "マッキンリー"), ("McDonald", "マクドナルド"), ("McKuen", "マキューン")])
def test_gaelic_prefixes_are_read_as_japanese_writes_them(latin: str, kana: str) -> None:
    """Mc/Mac joins a following k sound (マッケイ, not マク・ケイ) and is マク before others."""
    assert name_similarity(latin, kana) >= 0.95


def test_mac_in_a_product_name_is_not_a_gaelic_prefix() -> None:
    assert name_similarity("macOS", "マックオーエス") >= 0.85


def test_surname_alone_matches_full_name() -> None:
    assert is_same_name("アルノー・ベナール", "ベナール")
    assert is_same_name("アルノー・ベナール", "バーナード")
    assert name_similarity("アルノー・ベナール", "ベナール") > name_similarity("アルノー・ベナール", "アルノー")


def _rows(name: str) -> list[list[str]]:
    text = (DATA / name).read_text(encoding="utf-8")
    return [line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#")]


def test_dev_set_loads_and_is_large_enough() -> None:
    pairs = _rows("pairs.tsv")
    assert len(pairs) >= 300
    assert all(len(r) == 3 and r[0] and r[1] and r[2] for r in pairs)
    assert all(any("\u30a0" <= c <= "\u30ff" for c in r[1]) for r in pairs)
    kinds = {r[2].split(":")[-1] for r in pairs if ":" in r[2]}
    assert {"en", "fr", "de", "es", "it", "ru", "tr", "ar", "zh", "ko"} <= kinds
    assert {"company", "product"} <= {r[2] for r in pairs}
    negatives = _rows("negatives.tsv")
    assert len(negatives) >= 100 and all(len(r) == 3 for r in negatives)
    variants = _rows("variants.tsv")
    assert variants and all(len(r) >= 2 for r in variants)
    test_share = sum(zlib.crc32(r[0].encode()) % 100 < 30 for r in pairs) / len(pairs)
    assert 0.2 < test_share < 0.4


def test_dev_split_quality_floor() -> None:
    """Guards against regressions: most dev pairs must match and most look-alikes must not."""
    pairs = [r for r in _rows("pairs.tsv") if zlib.crc32(r[0].encode()) % 100 >= 30]
    recall = sum(is_same_name(r[0], r[1]) for r in pairs) / len(pairs)
    assert recall >= 0.95
    negatives = [r for r in _rows("negatives.tsv") if zlib.crc32(f"{r[0]}\t{r[1]}".encode()) % 100 >= 30]
    rejected = sum(not is_same_name(r[0], r[1]) for r in negatives) / len(negatives)
    assert rejected >= 0.45


# Real transcriptions from JMnedict (bench/jmnedict_bench.py measures thousands of them).
ONSET_HABITS = [("ウィレム", "ヴィレム"), ("ウィルコン", "ヴィルコン"), ("エムバペ", "ムバッペ"), ("ムバッペ", "エンバペ")]
ONSET_CLASHES = [("ヘンドリックス", "ケンドリックス"), ("レンツァー", "デンツァー"), ("ルロワ", "ロワ"), ("イリア", "リア"), ("ワクリー", "クリー"),
                 ("ガルモン", "カルモン"), ("ドランテ", "トランテ")]


@pytest.mark.parametrize(("a", "b"), ONSET_HABITS)
def test_renderings_that_begin_by_a_transcription_habit_stay_one_name(a: str, b: str) -> None:
    assert is_same_name(a, b)


@pytest.mark.parametrize(("a", "b"), ONSET_CLASHES)
def test_katakana_names_that_begin_differently_are_two_names(a: str, b: str) -> None:
    """A different first consonant or an extra first syllable: under the bar two single
    names need (cluster.SINGLE_LINK_THRESHOLD), and scored down from the plain distance."""
    from translate_kit.cluster import SINGLE_LINK_THRESHOLD

    assert name_similarity(a, b) < SINGLE_LINK_THRESHOLD
    ra, rb = names._readings(a)[0], names._readings(b)[0]
    assert names._onset_clash(a, b, ra, rb)
    assert name_similarity(a, b) < names._phoneme_similarity(ra, rb)


# A dropped h, w, v or j before the first vowel explains that consonant only (JMnedict's
# look-alike names); a diphthong, a glide or (but for a glide w, v or y) the same vowel after
# it stays a habit.
ONSET_AND_VOWEL_APART = [("ハフマン", "オフマン"), ("ワルカー", "エルカー"), ("ベニカ", "アニカ"), ("ホリデー", "アリデー"),
                         ("ヒルマン", "アルマン"), ("ハラパ", "オラパ"),
                         # a glide w, v or y before the same vowel, against a name that begins with it
                         ("ワッハ", "アッハ"), ("バフラ", "アフラ"), ("ヤウレック", "アレック"), ("ヴァルデン", "アルデン")]
ONSET_ALONE = [("ウィテカー", "ホイテカー"), ("ヨアキム", "エホヤキム"), ("ウォルター", "ヴァルター"), ("ウィレム", "ヴィレム"),
               ("オルテガ", "ホルテガ"), ("アイリー", "ハイリー"),
               # a glide dropped into the vowel that writes it
               ("ウーゴ", "ユゴー"), ("ウァイナー", "ワイナー"), ("ウィルコン", "ヴィルコン"), ("イェンセン", "エンセン")]


@pytest.mark.parametrize(("a", "b"), ONSET_AND_VOWEL_APART)
def test_a_silent_onset_does_not_also_explain_another_vowel(a: str, b: str) -> None:
    ra, rb = names._readings(a)[0], names._readings(b)[0]
    assert names._onset_clash(a, b, ra, rb)
    assert not is_same_name(a, b)


@pytest.mark.parametrize(("a", "b"), ONSET_ALONE)
def test_a_silent_onset_before_the_same_vowel_is_a_habit(a: str, b: str) -> None:
    ra, rb = names._readings(a)[0], names._readings(b)[0]
    assert not names._onset_clash(a, b, ra, rb)


def test_a_one_syllable_name_keeps_its_stop_voiced_or_not() -> None:
    """A Chinese or Korean unaspirated stop is written voiced or voiceless (ドン/トン): only
    names of three kana or more begin apart by it."""
    assert is_same_name("ドン・ミンチャオ", "トン・ミンチャオ")
    assert is_same_name("ガン・リーウェン", "カン・リーウェン")


def test_blocking_keys_bring_v_and_w_spellings_together() -> None:
    """ヴ folds to b and w is dropped from skeletons: without a looser key, イヴァノフ and
    イワノフ would never even be compared."""
    assert blocking_keys("イヴァノフ") & blocking_keys("イワノフ")
    assert consonant_skeleton("イヴァノフ") != consonant_skeleton("イワノフ")


@pytest.mark.parametrize(("a", "b"), [("カルフーン", "カルホーン"), ("レヒトネン", "レフトネン"), ("ジェイコブソン", "ヤコブソン")])
def test_blocking_keys_bring_f_and_h_and_j_and_y_spellings_together(a: str, b: str) -> None:
    """フ/ホ and ジェ/ヤ render one sound two ways: the looser key drops f and j, so the
    two renderings are compared at all."""
    assert blocking_keys(a) & blocking_keys(b)
    assert consonant_skeleton(a) != consonant_skeleton(b)


@pytest.mark.parametrize(("latin", "kana"), [("Vincent", "ヴァンサン"), ("Coulomb", "クーロン"), ("Longchamp", "ロンシャン"),
                                             ("Higgins", "ヒギンズ"), ("Hugging Face", "ハギングフェイス"),
                                             ("Renault", "ルノー"), ("Thibault", "チボー")])
def test_spelling_rules_read_soft_c_silent_finals_and_hard_double_g(latin: str, kana: str) -> None:
    """French c before e stays soft when the e turns nasal (Vincent), a consonant after a
    nasal is silent (Coulomb, Longchamp), -ault and -aud end in o (Renault); English gg is
    hard (Higgins, Hugging)."""
    assert is_same_name(latin, kana)


def test_readings_data_splices_sections_and_deletes_without_replacement() -> None:
    rules = names.parse_readings("# a comment\n[head]\n^kn  N\n\n[en]\n@head\ngh(?=t)\nee  I:  # as in Reed\n")
    assert [(p.pattern, r) for p, r, _needed in rules["en"]] == [("^kn", "N"), ("gh(?=t)", ""), ("ee", "I:")]
    assert [needed for _p, _r, needed in rules["en"]] == [(("kn",),), (("gh",),), (("ee",),)]
    assert names._apply_profile("knight", rules["en"]) == "nit"
    assert names._apply_profile("kneel", rules["en"]) == "ni:r"  # l is read r


@pytest.mark.parametrize("text", ["^kn N\n", "[en]\n@nowhere\n", "[a]\n@b\n[b]\n@a\n", "[en]\nx  KS  S\n"])
def test_readings_data_errors_are_named(text: str) -> None:
    with pytest.raises(ValueError, match="readings.txt"):
        names.parse_readings(text)


def test_every_reading_the_code_uses_is_in_the_data() -> None:
    assert all(rules for _name, rules, _kept in names._profiles())
    assert len(names._profiles()) == names._N_READINGS - 1


# Differences between two katakana names that no transcription habit explains: a vowel i
# for o, a moraic ン one lacks (unless it doubles the m after it), a sounded last vowel or
# a ル after a short vowel (also where the names differ before it). Each of these pairs
# scored above the bar before the rule.
UNEXPLAINED = [("ミルトン", "モルトン"), ("ミンター", "ミター"), ("ケント", "ケット"), ("エミリ", "エミリア"), ("ノエ", "ノエル"),
               ("ダニエ", "ダニエル"), ("マンテ", "メンテル"), ("コルサ", "コーサル"), ("ソミカ", "サミカル")]
HABITS = [("ハンマー", "ハマー"), ("テイラー", "テイラール"), ("ボリス", "ベリス"), ("マリー", "マリイ")]

# One katakana name that is the other with one kana more which renders a sound of its own
# is another name: a vowel in front; inside, a ル, a vowel of another row, or a ク or フ
# before another consonant; a last フ or ク, a last ト or ド after a vowel. Each of these
# scored above the bar before the rule.
ADDED_SOUNDS = [("オステン", "ステン"), ("アヴィレ", "ヴィレ"), ("パルナ", "パナ"), ("カルミロ", "カミロ"), ("シオラン", "シラン"),
                ("ライネル", "ラネル"), ("ドルオン", "ドルン"), ("ベロノフ", "ベロノ"), ("タミルク", "タミル"), ("コラード", "コラー"),
                ("タクリノ", "タリノ"), ("ラフネル", "ラネル"),
                # a グ or ブ inside, a last ブ, a small ャ or ョ after an i-row kana (lexicon.txt)
                ("マグノ", "マノ"), ("リグビー", "リビー"), ("コルブト", "コルト"), ("クライブ", "クライ"), ("テリーブ", "テリー"),
                ("キャッテル", "キッテル"), ("ジョナ", "ジナ"), ("シャミ", "シミ"), ("バタリャ", "バタリ"),
                ("フォス", "フス"), ("フォック", "フック")]
# ... while these are habits: the アイ of English i, a syllabic nasal written with a vowel,
# an r after a long vowel, a doubled l, a vowel read with the one before, a silent final d,
# a ク before the k or g it doubles or the s of an x.
ADDED_HABITS = [("アイヴォン", "イヴォン"), ("エンゴマ", "ンゴマ"), ("ソールテ", "ソーテ"), ("ベルラーニ", "ベラーニ"),
                ("レイナード", "レナード"), ("フェオリン", "フェリン"), ("モオラン", "モラン"), ("ロマンド", "ロマン"),
                ("マクギレン", "マギレン"), ("アクスタン", "アスタン"),
                # the g of ng, a グ before the g it doubles, a ブ before the b it doubles; ュ for Greek y
                ("ウィングフィールド", "ウィンフィールド"), ("アウラングゼーブ", "アウランゼーブ"), ("マッググラス", "マッグラス"),
                ("ホッブバード", "ホッバード"), ("ヒュペリオン", "ヒペリオン"), ("ピュタゴラス", "ピタゴラス"),
                ("ウォルフラム", "ウルフラム")]


@pytest.mark.parametrize(("a", "b"), UNEXPLAINED + ADDED_SOUNDS)
def test_a_difference_no_habit_explains_makes_two_katakana_names(a: str, b: str) -> None:
    assert not is_same_name(a, b)
    assert name_similarity(a, b) <= names.UNEXPLAINED_CAP


@pytest.mark.parametrize(("a", "b"), HABITS + ADDED_HABITS)
def test_transcription_habits_keep_one_katakana_name(a: str, b: str) -> None:
    """ンマ for a doubled m, an r heard or not after ー, a vowel read two ways, a long vowel;
    a kana more that a habit explains."""
    assert is_same_name(a, b)


# One Latin spelling read in two languages: each rendering matches the spelling well
# enough to join it (cluster.SINGLE_LINK_THRESHOLD), while the two renderings alone stay
# apart (cluster links them only through the Latin form).
TWO_READINGS = [("Guillermo", "ギジェルモ", "ギレルモ"), ("Jean", "ジャン", "ジーン"), ("Michael", "ミヒャエル", "マイケル"),
                ("Jeanne", "ジャンヌ", "ジーン")]


@pytest.mark.parametrize(("latin", "one", "other"), TWO_READINGS)
def test_a_spelling_read_in_two_languages_matches_both_renderings(latin: str, one: str, other: str) -> None:
    from translate_kit.cluster import SINGLE_LINK_THRESHOLD

    assert name_similarity(latin, one) >= SINGLE_LINK_THRESHOLD
    assert name_similarity(latin, other) >= SINGLE_LINK_THRESHOLD


def test_two_readings_of_one_spelling_alone_are_not_one_name() -> None:
    assert not is_same_name("エクトル", "ヘクター")
    assert not is_same_name("ジュリアン", "フリアン")


@pytest.mark.parametrize(("latin", "kana"), [("Scales", "スケイルズ"), ("Gail", "ゲイル"), ("Cider", "サイダー")])
def test_english_c_and_g_stay_hard_before_an_a_read_ei(latin: str, kana: str) -> None:
    """The soft-c rule once saw the EI an a had become (Scales read スセイルズ), and a c
    before an i read ai stayed hard."""
    from translate_kit.cluster import SINGLE_LINK_THRESHOLD

    assert name_similarity(latin, kana) >= SINGLE_LINK_THRESHOLD


def test_a_reading_keeps_the_doubled_letters_its_rules_spell() -> None:
    assert dict((name, kept) for name, _rules, kept in names._profiles())["es"] == frozenset("l")
    assert names._collapse_doubles("guillermo", frozenset("l")) == "guillermo"
    assert names._collapse_doubles("russell") == "rusel"


def test_english_or_after_w_is_wa() -> None:
    assert is_same_name("Haworth", "ハワース")


def test_blocking_keys_read_a_doubled_h_as_ch() -> None:
    # ッホ writes German ch, which another rendering writes as k (Bloch: ブロッホ, ブロック)
    assert blocking_keys("ブラッホ") & blocking_keys("ブラック")


def test_a_name_of_separators_alone_is_like_no_name():
    """"・" or "ー・ー" has no part to compare: similarity 0 with a name of several parts,
    either way round, and no error."""
    from translate_kit.names import name_similarity

    for lone in ("・", "・・", "ー・ー", "Yann ·"):
        for other in ("ヤン・ルカン", "Yann LeCun", "・"):
            if lone.casefold() != other.casefold():
                assert name_similarity(lone, other) == name_similarity(other, lone) <= 0.5


# Older katakana writes the small kana full size (シユ for シュ, ツ for ッ, フエ for フェ,
# デイ for ディ): such a spelling is read in the modern one too. A ツ is read as ッ only in
# a word with no small kana and against a name that has ッ.
OLD_SPELLINGS = [("ヘツカリン", "ヘッカリン"), ("シユモラー", "シュモラー"), ("フエルコ", "フェルコ"), ("ミツシエラ", "ミッシェラ"),
                 ("ラデイス", "ラディス"), ("ジユデイナ", "ジュディナ")]


@pytest.mark.parametrize(("old", "modern"), OLD_SPELLINGS)
def test_an_older_katakana_spelling_is_the_modern_one(old: str, modern: str) -> None:
    assert name_similarity(old, modern) >= 0.95


def test_an_older_katakana_spelling_joins_its_latin_name() -> None:
    from translate_kit.cluster import SINGLE_LINK_THRESHOLD

    assert name_similarity("Schmelt", "シユメルト") >= SINGLE_LINK_THRESHOLD
    assert name_similarity("Judina", "ジユデイナ") >= SINGLE_LINK_THRESHOLD


@pytest.mark.parametrize(("a", "b"), [("ナツミ", "ナミ"), ("ショツパ", "ショッパ"), ("カツロ", "カッロ")])
def test_a_tsu_is_not_read_as_a_small_tsu_where_no_older_spelling_is_at_play(a: str, b: str) -> None:
    """ナミ has no ッ to match; ショツパ has a small ョ, so it is in the modern spelling."""
    assert name_similarity(a, b) < 0.75


# German and Latin er sounds its r (ホルテル, ベルンハイト), English writes a long a
# (ホルター, バーンハイト): one name, where the other name has that very syllable.
SOUNDED_R = [("ホルテル", "ホルター"), ("クラメル", "クラマー"), ("ベルンハイト", "バーンハイト"), ("ヴェルマン", "バーマン")]


@pytest.mark.parametrize(("a", "b"), SOUNDED_R)
def test_a_sounded_er_and_a_long_a_are_one_name(a: str, b: str) -> None:
    assert name_similarity(a, b) >= 0.95


@pytest.mark.parametrize(("a", "b"), [("ホルゲル", "ホルゲ"), ("エルダー", "エダー"), ("ミンベルガー", "ミンベルグ")])
def test_an_er_is_not_read_as_a_long_a_the_other_name_lacks(a: str, b: str) -> None:
    assert not is_same_name(a, b)


# z sounded ts (ツィ) or as in English (ジ): one name; Czech, Polish, Croatian and
# Hungarian c is ts wherever it stands (ツ).
@pytest.mark.parametrize(("a", "b"), [("ボッツィ", "ボッジ"), ("ペンツィオ", "ペンジオ"), ("ツィマール", "ジマール"),
                                      ("Horvac", "ホルバツ"), ("Cankor", "ツァンコル")])
def test_a_z_or_slavic_c_read_ts_matches(a: str, b: str) -> None:
    from translate_kit.cluster import SINGLE_LINK_THRESHOLD

    assert name_similarity(a, b) >= SINGLE_LINK_THRESHOLD


@pytest.mark.parametrize(("a", "b"), [("ミツノ", "ミジノ"), ("ボッツィ", "ボッキ"), ("ツィラン", "ジラク")])
def test_a_tsu_is_no_ji_outside_a_z(a: str, b: str) -> None:
    assert not is_same_name(a, b)


# A bare-consonant kana before a kana of its own consonant writes a doubled letter out
# (the ss of -sson); before another consonant it is a syllable more.
@pytest.mark.parametrize(("a", "b"), [("ペルスソン", "ペルソン"), ("ラルスセン", "ラルセン"), ("ヨンススン", "ヨンスン")])
def test_a_doubled_consonant_written_out_keeps_one_name(a: str, b: str) -> None:
    assert is_same_name(a, b)


@pytest.mark.parametrize(("a", "b"), [("ペルスコン", "ペルコン"), ("ラルスメン", "ラルメン")])
def test_a_consonant_kana_before_another_consonant_is_a_syllable_more(a: str, b: str) -> None:
    assert not is_same_name(a, b)


@pytest.mark.parametrize(("latin", "kana"), [("Padgers", "パジャーズ"), ("Ludgin", "ラジン")])
def test_english_dg_before_e_or_i_is_j_and_keeps_its_vowel(latin: str, kana: str) -> None:
    """dg before e, i or y is j, the vowel still read (Padgers: -ers after it); only a final
    dge loses its e."""
    assert name_similarity(latin, kana) >= 0.85


@pytest.mark.parametrize(("latin", "kana"), [("Edgar", "エドガー"), ("Redgrave", "レッドグレイブ"), ("Pledge", "プレッジ")])
def test_english_dg_before_another_letter_stays_d_and_g(latin: str, kana: str) -> None:
    assert name_similarity(latin, kana) >= 0.95


# A Slavic surname's masculine and feminine forms name two people of one family (lexicon.txt
# [gendered-surname-endings]): apart alone, as surnames of full names, and a lone surname
# against the other's full name; its spellings with a long mark or a final イ stay one name.
GENDERED = [("ボルコンスキー", "ボルコンスカヤ"), ("コミサルジェフスキー", "コミサルジェフスカヤ"), ("コワルスキ", "コワルスカ"),
            ("アンドレイ・ボルコンスキー", "マリヤ・ボルコンスカヤ"), ("ボルコンスカヤ", "アンドレイ・ボルコンスキー")]
ONE_SLAVIC_NAME = [("ドストエフスキー", "ドストエフスキイ"), ("チャイコフスキー", "チャイコフスキ"), ("イワノフ", "イヴァノフ"),
                   ("ボルコンスキー", "アンドレイ・ボルコンスキー")]


@pytest.mark.parametrize(("a", "b"), GENDERED)
def test_a_slavic_surnames_two_genders_are_two_people(a: str, b: str) -> None:
    assert not is_same_name(a, b)


@pytest.mark.parametrize(("a", "b"), ONE_SLAVIC_NAME)
def test_one_slavic_surname_spelt_two_ways_stays_one_name(a: str, b: str) -> None:
    assert is_same_name(a, b)
