"""Mention extraction: what must be found, and what must not."""

from __future__ import annotations

import pytest

from translate_kit.model import EntityType, Script


def _surfaces(engine, text, lang="ja"):
    return [m.surface for m in engine.analyze(text, lang).mentions]


def _one(engine, text, surface, lang="ja"):
    found = [m for m in engine.analyze(text, lang).mentions if m.surface == surface]
    assert found, f"{surface!r} not found in {_surfaces(engine, text, lang)}"
    return found[0]


def test_katakana_name_run_is_one_mention_with_parts(engine):
    m = _one(engine, "講演したのはマルグリット・デュランだった。", "マルグリット・デュラン")
    assert m.parts == ("マルグリット", "デュラン")
    assert m.script is Script.KATAKANA
    assert m.type is EntityType.PERSON
    assert "デュラン" not in _surfaces(engine, "講演したのはマルグリット・デュランだった。")


def test_an_article_inside_a_katakana_name_is_no_given_name(engine):
    """The dictionary lists アル and エル as given names (Al, El); inside a name they are
    articles, in places' names as in people's, so they do not make the name a person's.
    First, or beside a given name the dictionary knows, the name stays a person's."""
    assert _one(engine, "ワジ・エル＝ソランの渓谷を歩いた。", "ワジ・エル＝ソラン").type is not EntityType.PERSON
    assert _one(engine, "ハリド・アル＝マンスールが来た。", "ハリド・アル＝マンスール").type is EntityType.PERSON
    assert _one(engine, "アル・ミルデンが来た。", "アル・ミルデン").type is EntityType.PERSON


def test_double_hyphen_joins_name_parts(engine):
    m = _one(engine, "作家のジャン＝ポール・サルトルが書いた。", "ジャン＝ポール・サルトル")
    assert len(m.parts) == 3


def test_unknown_katakana_surname_alone_is_a_mention(engine):
    # an out-of-vocabulary katakana word is most likely a foreign name
    assert "ゼルテンバッハ" in _surfaces(engine, "ゼルテンバッハは反対した。")


def test_honorific_is_stripped_and_recorded(engine):
    m = _one(engine, "ヘレラ氏は賛成した。", "ヘレラ")
    assert m.suffix == "氏"
    assert m.type is EntityType.PERSON
    assert m.end - m.start == len("ヘレラ")


def test_common_noun_made_a_name_by_honorific(engine):
    # ピノ is a common noun in the dictionary; 氏 makes it a person
    assert "ピノ" in _surfaces(engine, "ピノ氏によると計画は順調だ。")
    assert "ピノ" not in _surfaces(engine, "ピノを一杯飲んだ。")


def test_company_suffix_sha(engine):
    m = _one(engine, "メタ社が発表した。", "メタ")
    assert m.suffix == "社"
    assert m.type is EntityType.ORGANIZATION


def test_latin_names_inside_japanese(engine):
    text = "Helix LabsのTomás Herrera氏とGözükaraさんがOpenAIについて話した。"
    got = _surfaces(engine, text)
    for name in ("Helix Labs", "Tomás Herrera", "Gözükara", "OpenAI"):
        assert name in got
    assert _one(engine, text, "Helix Labs").type is EntityType.ORGANIZATION
    assert _one(engine, text, "Tomás Herrera").suffix == "氏"


def test_latin_words_in_lower_case_make_a_name_only_when_one_starts_with_a_digit(engine):
    """Lower-case Latin words are no name (a placeholder's word, python); two that start
    with digits are one, like capitalised words (extraction skips the Latin words of a
    text with neither capitals nor such words)."""
    assert _surfaces(engine, "python を使う") == []
    assert _surfaces(engine, "2fa 3dsを使う") == ["2fa 3ds"]
    assert _surfaces(engine, "Élan を使う") == ["Élan"]


def test_versioned_products(engine):
    got = _surfaces(engine, "GPT-3.5とLumen-2、さらにGPT-4.5ターボが比較された。")
    assert "GPT-3.5" in got  # Sudachi splits this into three tokens
    assert "Lumen-2" in got
    assert "GPT-4.5ターボ" in got


def test_edition_word_not_glued_to_other_nouns(engine):
    got = _surfaces(engine, "GPT-4レベルの性能だ。")
    assert "GPT-4" in got
    assert "GPT-4レベル" not in got


def test_trailing_common_acronym_is_not_part_of_name(engine):
    got = _surfaces(engine, "新しいMixtral LLMが出た。")
    assert "Mixtral" in got and "Mixtral LLM" not in got


def test_ordinary_loanwords_are_not_entities(engine):
    text = "オープンソースのモデルとデータ、ツイートやリソースの話をした。スレッド・ディスカッションも続いた。"
    got = _surfaces(engine, text)
    for word in ("オープンソース", "モデル", "データ", "ツイート", "リソース", "スレッド・ディスカッション"):
        assert word not in got, got


def test_common_acronyms_alone_are_not_entities(engine):
    got = _surfaces(engine, "AIとLLMとOSの話。")
    assert got == []


def test_known_brand_in_katakana_gets_latin_normalized_form(engine):
    m = _one(engine, "グーグルが発表した。", "グーグル")
    assert m.normalized == "Google"


def test_kanji_person_name(engine):
    m = _one(engine, "田中太郎さんが来た。", "田中太郎")
    assert m.type is EntityType.PERSON and m.suffix == "さん"


def test_english_capitalised_names(engine):
    text = "Yesterday the board met Arnaud Benard. Later, Benard spoke with Mistral AI about GPT-4."
    got = _surfaces(engine, text, "en")
    assert "Arnaud Benard" in got
    assert "Benard" in got
    assert "Mistral AI" in got
    assert "GPT-4" in got
    assert "Yesterday" not in got and "Later" not in got


def test_english_sentence_start_word_is_not_a_name(engine):
    assert _surfaces(engine, "Models are getting better. Data matters.", "en") == []


@pytest.mark.parametrize("text", ["", "。", "   ", "ーー", "・・・"])
def test_degenerate_input(engine, text):
    assert engine.analyze(text, "ja").mentions == ()


def test_offsets_slice_back_to_surface(engine):
    text = "前置きの文。アルノー・ベナール氏とSantiago Pinoが、GPT-4.5ターボを試した。"
    for m in engine.analyze(text, "ja").mentions:
        assert text[m.start : m.end] == m.surface


def test_title_case_ui_labels_are_not_names(engine):
    assert _surfaces(engine, "Allow Sign In With Email", "en") == []
    assert _surfaces(engine, "Save Changes", "en") == []
    # an unmistakable name in a label still counts
    assert _surfaces(engine, "Connect To ChatGPT", "en") == ["ChatGPT"]


def test_acronym_plurals_are_not_camel_case_names(engine):
    assert _surfaces(engine, "Enter the redirect URIs and the URLs here.", "en") == []


def test_single_kanji_is_not_a_name_without_an_honorific(engine):
    assert "行" not in _surfaces(engine, "行を削除しました。")


@pytest.mark.parametrize("text, lang", [
    ("{UserName} さん、おかえりなさい", "ja"),
    ("%(ProjectName)s のページ", "ja"),
    ("Welcome back, {UserName}", "en"),
    ("Open <a href=\"https://GitHub.com/OpenAI\">the page</a>", "en"),
])
def test_no_mention_inside_placeholders_urls_or_tags(engine, text, lang):
    assert _surfaces(engine, text, lang) == []


def test_names_beside_placeholders_are_still_found(engine):
    # the placeholder no longer counts as a capitalised word, so the text is not a Title Case label
    assert "Arnaud Benard" in _surfaces(engine, "Hello {UserName}, meet Arnaud Benard", "en")
    assert "アルノー・ベナール" in _surfaces(engine, "{UserName} さん、アルノー・ベナールです", "ja")


def test_a_name_the_dictionary_cuts_into_words_is_one_mention(engine):
    """Sudachi reads an unknown name as dictionary words (ソーン|ダース, ルイン|スキー):
    written with nothing between them they are one name, not two."""
    m = _one(engine, "質疑ではアラン・ソーンダースが答えた。", "アラン・ソーンダース")
    assert m.parts == ("アラン", "ソーンダース")
    assert "ルインスキー" in _surfaces(engine, "その後ルインスキーが発言した。")
    assert "ルイン" not in _surfaces(engine, "その後ルインスキーが発言した。")


def test_a_product_name_before_a_common_noun_stays_its_own_word(engine):
    """エクセル|ファイル is Excel's file, not a name エクセルファイル."""
    assert "エクセル" in _surfaces(engine, "エクセルファイルを開いてください。")
    assert "エクセルファイル" not in _surfaces(engine, "エクセルファイルを開いてください。")


def test_outside_english_only_camel_case_and_versioned_words_are_names(engine):
    """German capitalises every noun and French UI strings start with a capital: there
    only unmistakable names count, a hyphen compound's camel-case part among them."""
    german = _surfaces(engine, "Die GitHub-Sterne, die JSON-Datei und GPT-4 von OpenAI im Formular", "de")
    assert german == ["GitHub", "GPT-4", "OpenAI"]
    assert _surfaces(engine, "Sélectionnez un Objet avec votre iPhone", "fr") == ["iPhone"]
    assert "Arnaud Benard" in _surfaces(engine, "The keynote was given by Arnaud Benard yesterday.", "en")


@pytest.mark.parametrize("text, surface, etype", [
    ("ブラジル空軍の機体が着陸した。", "ブラジル空軍", EntityType.ORGANIZATION),
    ("昨年のベネチア国際映画祭で上映された。", "ベネチア国際映画祭", EntityType.EVENT),
    ("ユトランド半島の北端に着いた。", "ユトランド半島", EntityType.PLACE),
    ("ナイル川のほとりで。", "ナイル川", EntityType.PLACE),
    ("日立製作所の工場を見学した。", "日立製作所", EntityType.ORGANIZATION),
    ("AP通信によると、合意した。", "AP通信", EntityType.ORGANIZATION),
    ("マイクロソフトグループの発表。", "マイクロソフトグループ", EntityType.ORGANIZATION),
    ("輸送機は三沢基地に着陸した。", "三沢基地", EntityType.PLACE),  # a facility's head
    ("ユーラシア大陸を鉄道で横断した。", "ユーラシア大陸", EntityType.PLACE),  # a geographic head
    ("台風は琉球列島に近づいた。", "琉球列島", EntityType.PLACE),
    ("グラフトン通りの店で買った。", "グラフトン通り", EntityType.PLACE),
    ("新潟県協議会が発足した。", "新潟県協議会", EntityType.ORGANIZATION),  # an organization's head
    ("日光丸は火災を消火した。", "日光丸", EntityType.PRODUCT),  # a ship's
    ("旭洋丸の船内を捜索した。", "旭洋丸", EntityType.PRODUCT),
    ("ドイツ基本法では禁止されている。", "ドイツ基本法", EntityType.PRODUCT),  # a law's
    ("京都議定書が発効した。", "京都議定書", EntityType.PRODUCT),  # a treaty's
    ("岩波書店から出版された。", "岩波書店", EntityType.ORGANIZATION),  # a publisher's
    ("阪急百貨店で買った。", "阪急百貨店", EntityType.ORGANIZATION),
    ("愛媛女子短大に入学した。", "愛媛女子短大", EntityType.ORGANIZATION),
])
def test_name_with_its_head_noun_is_one_mention_of_the_heads_type(engine, text, surface, etype):
    m = _one(engine, text, surface)
    assert m.type is etype
    assert m.parts == (surface,)  # one unit: no part of it is a person's surname


@pytest.mark.parametrize("text, expected", [
    ("国際映画祭に参加した。", []),  # a head noun after no name is no name
    ("この会社の銀行口座。", []),
    ("イギリスの海軍が来た。", ["イギリス"]),  # の: a place and a common noun, not one name
    ("ソニー製品を買った。", ["ソニー"]),  # 製品 is no head noun
    ("軍事基地と新大陸、協議会の通り道。", []),  # heads after common nouns name nothing
    ("ドイツの基地に戻った。", ["ドイツ"]),
    ("予定通りに進んだ。", []),
    ("日の丸を掲げ、憲法と条約を読んだ。", []),
    ("大阪丸ごと体験", ["大阪"]),  # 丸ごと is a word of its own
    ("山田宣言した。", ["山田"]),  # 宣言 is a verb as well: no treaty's head
    ("近くの書店と百貨店、学校。", []),
    ("山田化学の授業", ["山田"]),  # a school subject, no company's head
])
def test_head_noun_without_a_name_right_before_it_makes_no_name(engine, text, expected):
    assert _surfaces(engine, text) == expected


@pytest.mark.parametrize("text, surface", [
    ("フランス国民議会は法案を可決した。", "フランス国民議会"),  # a place, common nouns, an organization's head
    ("韓国囲碁連盟が大会を開いた。", "韓国囲碁連盟"),
    ("ケベック解放戦線が声明を出した。", "ケベック解放戦線"),
    ("カナダ郵便銀行は金利を据え置いた。", "カナダ郵便銀行"),
])
def test_place_and_common_nouns_before_an_organizations_head_are_one_organization(engine, text, surface):
    m = _one(engine, text, surface)
    assert m.type is EntityType.ORGANIZATION and m.parts == (surface,)


@pytest.mark.parametrize("text, surface", [
    ("札幌地方裁判所は判決を言い渡した。", "札幌地方裁判所"),  # one common noun that ends in an organization's head
    ("広島高等裁判所に控訴した。", "広島高等裁判所"),
    ("横浜女子大学に入った。", "横浜女子大学"),
    ("名古屋大の研究者が発表した。", "名古屋大"),  # a suffix that makes a university of the place
    ("静岡県警によると、", "静岡県警"),  # a police force
    ("北海道警は捜査を始めた。", "北海道警"),
])
def test_place_before_a_word_for_a_kind_of_organization_is_one_organization(engine, text, surface):
    m = _one(engine, text, surface)
    assert m.type is EntityType.ORGANIZATION and m.parts == (surface,)


@pytest.mark.parametrize("text, expected", [
    ("地方裁判所に訴えた。", []),  # no place before it: a kind of organization, not one
    ("札幌の地方裁判所に訴えた。", ["札幌"]),  # の: the place and a common noun
    ("東京大空襲の記録を読んだ。", ["東京"]),  # more kanji after 大: no university
    ("実物大の模型を作った。", []),  # 大 after a common noun is a size
    ("長野大会で優勝した。", ["長野大会"]),  # an event's head, no organization
])
def test_word_for_a_kind_of_organization_without_a_place_right_before_it_is_none(engine, text, expected):
    assert _surfaces(engine, text) == expected
    assert all(m.type is not EntityType.ORGANIZATION for m in engine.analyze(text, "ja").mentions)


@pytest.mark.parametrize("text, surface", [
    ("日本IBMの社員が来た。", "日本IBM"),  # a place, then a Latin name: the dictionary's one word
    ("JR東日本が運行する。", "JR東日本"),  # a Latin name, then a direction and a place
])
def test_latin_name_the_dictionary_lists_with_a_place_is_one_organization(engine, text, surface):
    found = engine.analyze(text, "ja").mentions
    assert [m.surface for m in found] == [surface]
    assert found[0].type is EntityType.ORGANIZATION and found[0].parts == (surface,)


def test_latin_name_ending_in_organization_is_one(engine):
    m = _one(engine, "Kurdistan Freedom Falcons Organizationを名乗る団体", "Kurdistan Freedom Falcons Organization")
    assert m.type is EntityType.ORGANIZATION
    assert _one(engine, "The World Health Organization said so.", "World Health Organization", "en").type is EntityType.ORGANIZATION


@pytest.mark.parametrize("text, surface", [
    ("Windows Vistaの公式サイトが開設された。", "Windows Vista"),  # a thing's name, then a common word
    ("Xbox Liveの利用を制限する。", "Xbox Live"),  # a word the dictionary does not know
    ("新しいMozilla Firefoxを使う。", "Mozilla Firefox"),
])
def test_capitalised_words_that_are_no_person_in_japanese_text_are_a_product(engine, text, surface):
    assert _one(engine, text, surface).type is EntityType.PRODUCT


@pytest.mark.parametrize("text, surface", [
    ("Ilyichev Fortune氏が来日した。", "Ilyichev Fortune"),  # a surname that is also a common word
    ("Sugie Cresson元監督が会見した。", "Sugie Cresson"),
])
def test_a_person_honorific_keeps_capitalised_words_a_person_whatever_their_last_word(engine, text, surface):
    assert _one(engine, text, surface).type is EntityType.PERSON


@pytest.mark.parametrize("text, surface, lang", [
    ("Top Barを表示する。", "Top Bar", "ja"),  # common words alone: a label kept in English
    ("New Yorkで発表された。", "New York", "ja"),  # a city ends it, not a country: no branch
    ("Tokyo Japanに住む。", "Tokyo Japan", "ja"),  # places alone
    ("English Japanを読む。", "English Japan", "ja"),  # a language's label
    ("We downloaded it from Mozilla Japan.", "Mozilla Japan", "en"),  # English text: labels and branches alike
    ("English Docsを読む。", "English Docs", "ja"),  # a language's label
    ("We shipped Windows Vista today.", "Windows Vista", "en"),  # English text: labels and products alike
])
def test_capitalised_words_that_are_no_person_stay_untyped_without_a_products_evidence(engine, text, surface, lang):
    assert _one(engine, text, surface, lang).type is EntityType.OTHER


@pytest.mark.parametrize("text, surface", [
    ("Mozilla Japanからダウンロードできる。", "Mozilla Japan"),  # a country ends it: a company's branch there
    ("Google Japanが発表した。", "Google Japan"),
])
def test_capitalised_words_ending_in_a_country_in_japanese_text_are_a_branch(engine, text, surface):
    assert _one(engine, text, surface).type is EntityType.ORGANIZATION


@pytest.mark.parametrize("text, surface", [
    ("神奈川県がGrand Theft Auto IIIを有害図書に指定した。", "Grand Theft Auto III"),
    ("Final Fantasy VIIを遊んだ。", "Final Fantasy VII"),
])
def test_a_roman_numeral_after_a_works_name_is_part_of_it(engine, text, surface):
    assert _one(engine, text, surface).type is EntityType.PRODUCT


@pytest.mark.parametrize("text, surface", [
    ("Henry VIIIの時代だった。", "Henry"),  # a king's number: no product, left as it was
    ("Windows CDを入れる。", "Windows"),  # an acronym that spells a numeral, not a sequel's number
    ("Windows Iを使う。", "Windows"),  # a lone I is no sequel's number
])
def test_a_roman_numeral_after_a_persons_name_or_an_acronym_is_no_works_number(engine, text, surface):
    found = _surfaces(engine, text)
    assert surface in found and not any(s.startswith(surface + " ") for s in found)


@pytest.mark.parametrize("text, surface, etype", [
    ("出雲ピクチャーズと松竹はともにコメントを控えた。", "松竹", EntityType.ORGANIZATION),  # beside a company in a list
    ("Mozilla FirefoxとMozilla Thunderbirdに不具合がある。", "Mozilla Thunderbird", EntityType.PRODUCT),
    ("正式名称を「Windows Vista」（ウィンドウズ・ビスタ）にする。", "ウィンドウズ・ビスタ", EntityType.PRODUCT),  # its spelling in katakana
])
def test_an_untyped_name_listed_with_or_glossing_a_typed_one_shares_its_type(engine, text, surface, etype):
    assert _one(engine, text, surface).type is etype


@pytest.mark.parametrize("text, surface", [
    ("山田氏とトヨタが合意した。", "トヨタ"),  # a person's name gives its type to nothing
    ("東京とヤンマーで上映する。", "ヤンマー"),  # nor a place's
    ("出雲ピクチャーズは、ヤンマーの作品を配給した。", "ヤンマー"),  # not listed with it
    ("出雲ピクチャーズ（ヤンマー）が配給した。", "ヤンマー"),  # parentheses, same script: a note, not a spelling
])
def test_an_untyped_name_not_listed_with_an_organization_or_product_stays_untyped(engine, text, surface):
    assert _one(engine, text, surface).type is EntityType.OTHER


@pytest.mark.parametrize("text, surface", [
    ("清水エスパルスが勝った。", "清水エスパルス"),  # a place and a katakana word, listed whole: a team
    ("読売ジャイアンツが優勝した。", "読売ジャイアンツ"),
    ("テレビ東京は放送した。", "テレビ東京"),  # a broadcaster
])
def test_proper_noun_listed_whole_in_kanji_and_katakana_is_an_organization(engine, text, surface):
    assert _one(engine, text, surface).type is EntityType.ORGANIZATION


@pytest.mark.parametrize("text, surface, etype", [
    ("西アフリカで流行した。", "西アフリカ", EntityType.OTHER),  # a direction and a place: no body
    ("霞ヶ浦で釣りをした。", "霞ヶ浦", EntityType.PLACE),  # a lone ヶ is no katakana word
    ("東京ドームで試合があった。", "東京ドーム", EntityType.PLACE),  # a facility's head
    ("帝国ホテルに泊まった。", "帝国ホテル", EntityType.PLACE),
])
def test_proper_noun_in_kanji_and_katakana_that_names_a_place_is_no_organization(engine, text, surface, etype):
    assert _one(engine, text, surface).type is etype


@pytest.mark.parametrize("text, expected", [
    ("F1日本グランプリを見た。", [("F1", EntityType.PRODUCT), ("日本", EntityType.PLACE)]),  # two words: no one name
    ("東京でIBMの話をした。", [("東京", EntityType.PLACE), ("IBM", EntityType.OTHER)]),
])
def test_latin_name_beside_a_place_in_words_of_their_own_stays_apart(engine, text, expected):
    assert [(m.surface, m.type) for m in engine.analyze(text, "ja").mentions] == expected


@pytest.mark.parametrize("text", [
    "ネスレは、新しい工場を建てると発表した。",  # the topic of a statement
    "ネスレでは新製品の出荷を始めたと報じた。",
    "ネスレが発表した数字は大きい。",  # the subject
])
def test_thing_the_dictionary_lists_that_makes_a_statement_is_an_organization(engine, text):
    assert _one(engine, text, "ネスレ").type is EntityType.ORGANIZATION


@pytest.mark.parametrize("text, surface, etype", [
    ("ウィンドウズは、マイクロソフトが発表したOSだ。", "ウィンドウズ", EntityType.OTHER),  # another subject between
    ("ウィンドウズの新版が発表された。", "ウィンドウズ", EntityType.OTHER),  # passive: what was announced
    ("ネスレは「来年発表する」と答えた。", "ネスレ", EntityType.OTHER),  # quoted speech
    ("ネスレは答えた。その後、政府が発表した。", "ネスレ", EntityType.OTHER),  # another sentence
    ("ゼルテンバッハは発表した。", "ゼルテンバッハ", EntityType.OTHER),  # an unknown word may be a person's name
])
def test_statement_of_another_subject_types_nothing(engine, text, surface, etype):
    assert _one(engine, text, surface).type is etype


@pytest.mark.parametrize("text, surface", [
    ("金融庁近畿財務局は発表した。", "金融庁近畿財務局"),  # an organization written right before another: its branch
    ("メタ社通信によると、", "メタ社通信"),  # a company's name and 社 before an organization's head
])
def test_organization_and_its_part_written_together_are_one_organization(engine, text, surface):
    found = engine.analyze(text, "ja").mentions
    assert [m.surface for m in found] == [surface]
    assert found[0].type is EntityType.ORGANIZATION and found[0].suffix == ""


@pytest.mark.parametrize("text, expected", [
    ("金融庁と近畿財務局が発表した。", ["金融庁", "近畿財務局"]),  # two bodies
    ("金融庁の近畿財務局が発表した。", ["金融庁", "近畿財務局"]),
    ("メタ社製品を買った。", ["メタ"]),  # 製品 is no organization's head
])
def test_organizations_apart_stay_apart(engine, text, expected):
    assert _surfaces(engine, text) == expected


@pytest.mark.parametrize("text, expected", [
    ("その州最高裁は判断を示した。", ["州最高裁"]),  # a lone word for the level of government the body serves
    ("州気象庁が警報を出した。", ["州気象庁"]),
    ("同州最高裁は判断を示した。", ["最高裁"]),  # 同州 refers back: a word of its own, no level
    ("日本の最高裁が判断した。", ["日本", "最高裁"]),
])
def test_agency_with_the_level_it_serves_before_it(engine, text, expected):
    found = engine.analyze(text, "ja").mentions
    assert [m.surface for m in found] == expected
    assert found[-1].type is EntityType.ORGANIZATION


def test_thing_the_dictionary_lists_and_common_nouns_before_an_organizations_head_are_one_organization(engine):
    m = _one(engine, "ネスレ労働組合が抗議した。", "ネスレ労働組合")
    assert m.type is EntityType.ORGANIZATION and m.parts == ("ネスレ労働組合",)


@pytest.mark.parametrize("text, expected", [
    ("佐藤太郎囲碁連盟", ["佐藤太郎"]),  # a person's name: no body of theirs
    ("ゼルテンバッハ囲碁連盟", ["ゼルテンバッハ"]),  # an unknown word
    ("ネスレ製品開発会社", ["ネスレ"]),  # a cue word between: a kind of company
])
def test_organizations_head_after_a_person_or_an_unknown_word_joins_nothing(engine, text, expected):
    assert _surfaces(engine, text) == expected


@pytest.mark.parametrize("text, surface", [
    ("フランス国民の議会への不満。", "フランス"),  # の: the place is no part of a name
    ("フランス国民は銀行を信じた。", "フランス"),  # a common noun between, no head
    ("フランス旅行会社員が来た。", "フランス"),  # more kanji after the head: no organization's name ends there
    ("フランス大手銀行が合併した。", "フランス"),  # a cue word between: a class of companies, not one
])
def test_organizations_head_far_from_a_place_joins_nothing(engine, text, surface):
    assert _one(engine, text, surface).type is EntityType.PLACE


@pytest.mark.parametrize("text, surface", [
    ("米国ニューヨークで死去した。", "米国ニューヨーク"),  # a country and its city: one address
    ("カリフォルニア州サンノゼに住む。", "カリフォルニア州サンノゼ"),
    ("広東省広州市に住む。", "広東省広州市"),
    ("南アフリカ共和国ダーバンで開かれた。", "南アフリカ共和国ダーバン"),
])
def test_place_with_its_suffix_and_a_place_in_it_are_one_place(engine, text, surface):
    found = engine.analyze(text, "ja").mentions
    assert [m.surface for m in found] == [surface]
    assert found[0].type is EntityType.PLACE


@pytest.mark.parametrize("text, expected", [
    ("東京大阪間の新幹線", ["東京", "大阪"]),  # no suffix: two places, a route's ends
    ("日本中国韓国の首脳", ["日本", "中国", "韓国"]),  # countries glued: a list
    ("千葉県埼玉県で雨", ["千葉県", "埼玉県"]),
    ("東京都知事が来た。", ["東京"]),
])
def test_places_of_one_rank_or_without_a_suffix_stay_apart(engine, text, expected):
    assert _surfaces(engine, text) == expected


@pytest.mark.parametrize("text, surface", [("会談の後、ドイツ首相が会見した。", "ドイツ"), ("韓国選手が優勝した。", "韓国")])
def test_place_before_the_title_of_its_office_stays_a_place(engine, text, surface):
    m = _one(engine, text, surface)
    assert m.type is EntityType.PLACE and m.suffix == ""


@pytest.mark.parametrize("text, surface", [
    ("長野選手が優勝した。", "長野"),  # a surname the dictionary also has as a place
    ("ワシントン大統領の演説。", "ワシントン"),
    ("ゼルテンバッハ首相が来た。", "ゼルテンバッハ"),  # a name the dictionary does not know
    ("韓国さんが来た。", "韓国"),  # an honorific that is no office
])
def test_office_title_after_a_name_that_may_be_a_persons_keeps_the_person(engine, text, surface):
    assert _one(engine, text, surface).type is EntityType.PERSON


@pytest.mark.parametrize("text, expected", [
    ("イラン・イラク間の国境で。", [("イラン", EntityType.PLACE), ("イラク", EntityType.PLACE)]),
    ("トルコ・アナトリア半島の東部。", [("トルコ", EntityType.PLACE), ("アナトリア半島", EntityType.PLACE)]),
])
def test_places_joined_by_a_dot_are_places_of_their_own(engine, text, expected):
    assert [(m.surface, m.type) for m in engine.analyze(text, "ja").mentions] == expected


@pytest.mark.parametrize("text, surface", [
    ("ジョージ・ワシントンの肖像。", "ジョージ・ワシントン"),  # a given name, then a surname that is also a place
    ("トマス・ゼルテンバッハが来た。", "トマス・ゼルテンバッハ"),  # a name the dictionary does not know
])
def test_a_persons_name_with_a_place_in_it_stays_one_name(engine, text, surface):
    assert _one(engine, text, surface).type is EntityType.PERSON


@pytest.mark.parametrize("text, surface", [
    ("彼は『マルグリット・デュラン』を読んだ。", "マルグリット・デュラン"),  # a person's name as a book's title
    ("同人誌『ナイル川』を創刊した。", "ナイル川"),  # a place's name as a magazine's
])
def test_a_name_that_fills_a_title_in_double_brackets_is_a_work(engine, text, surface):
    assert _one(engine, text, surface).type is EntityType.PRODUCT


@pytest.mark.parametrize("text, surface, etype", [
    ("「ピノは『マルグリット・デュラン』と言った」", "マルグリット・デュラン", EntityType.PERSON),  # a quotation in a quotation
    ("『マルグリット・デュランの生涯』を読んだ。", "マルグリット・デュラン", EntityType.PERSON),  # a name inside a longer title
    ("マルグリット・デュランは『旅』を書いた。", "マルグリット・デュラン", EntityType.PERSON),  # a name outside the title
])
def test_names_beside_or_inside_a_longer_title_keep_their_type(engine, text, surface, etype):
    assert _one(engine, text, surface).type is etype


def test_a_title_of_common_words_is_no_name(engine):
    assert _surfaces(engine, "『ファイル』メニューを開く。") == []


@pytest.mark.parametrize("text, surface", [("西スコットランドの港。", "西スコットランド"), ("南ミュンヘンで開かれた。", "南ミュンヘン")])
def test_a_direction_before_a_place_is_part_of_it(engine, text, surface):
    m = _one(engine, text, surface)
    assert m.type is EntityType.PLACE and m.parts == (surface,)


@pytest.mark.parametrize("text, expected", [
    ("中東イランの港。", ["中東", "イラン"]),  # the direction ends a word of its own
    ("北東アジアで。", ["アジア"]),
    ("西からミュンヘンへ向かった。", ["ミュンヘン"]),  # not glued
    ("東マルグリット・デュランが来た。", ["マルグリット・デュラン"]),  # not a place
])
def test_a_direction_not_glued_to_a_place_stays_out_of_it(engine, text, expected):
    assert _surfaces(engine, text) == expected


@pytest.mark.parametrize("text, surface, etype", [
    ("ゼルテン・フィヨルドを船で巡った。", "ゼルテン・フィヨルド", EntityType.PLACE),  # a name, ・ and a head noun
    ("ゼルテン・グループが買収した。", "ゼルテン・グループ", EntityType.ORGANIZATION),
    ("スウェーデン・アカデミーが発表した。", "スウェーデン・アカデミー", EntityType.ORGANIZATION),
])
def test_a_katakana_run_ending_in_a_head_noun_takes_the_heads_type(engine, text, surface, etype):
    assert _one(engine, text, surface).type is etype


def test_a_persons_name_whose_surname_is_a_head_noun_stays_a_person(engine):
    assert _one(engine, "上院議員のジョン・タワーが来た。", "ジョン・タワー").type is EntityType.PERSON


def test_honorific_is_not_followed_by_a_head_noun(engine):
    m = _one(engine, "ヘレラ氏大学へ行った。", "ヘレラ")
    assert m.suffix == "氏" and m.type is EntityType.PERSON


def test_initial_between_katakana_names_stays_inside_the_name(engine):
    m = _one(engine, "ロバート・E・リーの軍が退いた。", "ロバート・E・リー")
    assert m.parts == ("ロバート", "E", "リー")
    assert m.type is EntityType.PERSON


def test_letter_after_a_name_with_no_name_after_it_is_not_an_initial(engine):
    assert _surfaces(engine, "ポール・Kが来た。") == ["ポール"]


def test_regnal_number_is_part_of_the_name(engine):
    m = _one(engine, "ルイ14世の宮廷で。", "ルイ14世")
    assert m.type is EntityType.PERSON


def test_century_after_a_place_is_no_regnal_number(engine):
    assert _surfaces(engine, "パリは19世紀に栄えた。") == ["パリ"]


@pytest.mark.parametrize("text, surface", [("Itanium 2を搭載した。", "Itanium 2"), ("Firefox 3.5は速い。", "Firefox 3.5")])
def test_latin_name_with_a_model_number_is_one_product(engine, text, surface):
    assert _one(engine, text, surface).type is EntityType.PRODUCT


@pytest.mark.parametrize("text, surface", [
    ("Python 3つの例を示す。", "Python"),  # a count, not a model number
    ("Tomás Herrera 2人が来た。", "Tomás Herrera"),  # people have no model number
    ("プレイステーション2台を買った。", "プレイステーション"),  # a count in katakana text too
    ("ロンドン2012で開かれた。", "ロンドン"),  # a place's year, no model
    ("ヘレラ氏2人が来た。", "ヘレラ"),
])
def test_number_that_counts_is_not_a_model_number(engine, text, surface):
    assert surface in _surfaces(engine, text)


@pytest.mark.parametrize("text, lang", [("日本時間（UTC+9）の正午に始まった。", "ja"), ("GMT+10:00の地域で使う。", "ja"),
                                         ("Times are given in UTC+9 here.", "en")])
def test_an_offset_from_a_time_standard_is_no_name(engine, text, lang):
    assert not any(m.surface.startswith(("UTC", "GMT")) for m in engine.analyze(text, lang).mentions)


@pytest.mark.parametrize("text, surface", [("GPT-4を使う。", "GPT-4"), ("Disney+で配信する。", "Disney")])
def test_a_version_or_a_name_with_a_plus_is_still_a_name(engine, text, surface):
    assert surface in _surfaces(engine, text)


@pytest.mark.parametrize("text, surface", [("プレイステーション2を発売した。", "プレイステーション2"), ("ウィンドウズ95が出た。", "ウィンドウズ95")])
def test_katakana_name_with_a_model_number_is_one_product(engine, text, surface):
    assert _one(engine, text, surface).type is EntityType.PRODUCT


def test_katakana_word_that_is_also_a_common_noun_takes_no_model_number(engine):
    # the dictionary lists ガンバ as a name and as a common word: a number after it need not make a model
    assert "ガンバ2" not in _surfaces(engine, "ガンバ2を見た。")


@pytest.mark.parametrize("text, surface, etype", [
    ("NASAの職員が探査機を打ち上げた。", "NASA", EntityType.ORGANIZATION),  # an acronym and a role word
    ("武装組織タリバンが声明を出した。", "タリバン", EntityType.ORGANIZATION),  # a class noun before the name
    ("アドビの広報によると、", "アドビ", EntityType.ORGANIZATION),  # a part of an organization after の
    ("ソフトバンク社員が来た。", "ソフトバンク", EntityType.ORGANIZATION),  # glued to a listed thing's name
    ("アーセナルに移籍した。", "アーセナル", EntityType.ORGANIZATION),  # a move into it
    ("ゲーム「星のカービィ」が売れた。", "星のカービィ", EntityType.PRODUCT),  # a title after its class noun
    ("TV局ZDFが報じた。", "ZDF", EntityType.ORGANIZATION),  # an unknown acronym a class noun marks
    ("SNP党首が述べた。", "SNP", EntityType.ORGANIZATION),
    ("金融庁は発表した。", "金融庁", EntityType.ORGANIZATION),  # one word: 金融|庁
    ("通産省が認めた。", "通産省", EntityType.ORGANIZATION),  # a word and a suffix of its own
    ("連邦憲法裁に提訴した。", "連邦憲法裁", EntityType.ORGANIZATION),
    ("日本マイクロソフトが発表した。", "日本マイクロソフト", EntityType.ORGANIZATION),  # a place glued to a company
    ("ジェームズ・ボンドシリーズの新作", "ジェームズ・ボンドシリーズ", EntityType.PRODUCT),  # a person's name and a work's head
    ("保養地ゼルテンバッハに着いた。", "ゼルテンバッハ", EntityType.PLACE),  # a place's class noun before the name
    ("ゼルテンバッハの郊外で。", "ゼルテンバッハ", EntityType.PLACE),  # its surroundings after の
])
def test_context_and_suffix_type_organizations_and_products(engine, text, surface, etype):
    assert _one(engine, text, surface).type is etype


def test_a_cue_types_the_names_other_mentions_in_the_segment(engine):
    found = [m for m in engine.analyze("タリバンは拒否したが、武装組織タリバンの幹部は認めた。", "ja").mentions if m.surface == "タリバン"]
    assert [m.type for m in found] == [EntityType.ORGANIZATION, EntityType.ORGANIZATION]


@pytest.mark.parametrize("text, expected", [
    ("中央官庁と省庁の再編、同庁の発表、各省の予算。", []),  # words ending in 庁 or 省 that name no body
    ("野党第一党の党首が来た。", []),
    ("会社のPCが壊れた。", []),  # an acronym the dictionary lists as a common word
    ("首都「ひかり」の地図。", []),  # a place's class noun opens no title
])
def test_what_cues_and_suffixes_do_not_make_names(engine, text, expected):
    assert _surfaces(engine, text) == expected


@pytest.mark.parametrize("text, surface, etype", [
    ("山田の社長が来た。", "山田", EntityType.PERSON),  # a person stays a person before a role word
    ("山田社長が来た。", "山田", EntityType.PERSON),
    ("ファイルブラウザのウィジェット", "ウィジェット", EntityType.OTHER),  # a common word a class noun owns
    ("ファイルブラウザーのツールバー", "ツールバー", EntityType.OTHER),  # a product's class noun owns a part across の
    ("セルツールバーのバージョン", "セルツールバー", EntityType.OTHER),  # any software thing has a version
    ("トヨタは答えた。", "トヨタ", EntityType.OTHER),  # no cue: the dictionary alone does not say
    ("CSPは無効です。", "CSP", EntityType.OTHER),  # an acronym the dictionary lists: a technology as often as a body
    ("ゲームのフォビアンタを", "フォビアンタ", EntityType.OTHER),  # a class noun may own an unknown word across の
    ("町のゼルテンバッハへ", "ゼルテンバッハ", EntityType.OTHER),  # a place's class noun only right before the name
    ("ヘレラ氏の郊外の家", "ヘレラ", EntityType.PERSON),  # a person stays a person before a place's role word
    ("最新のバーションをダウンロード", "バーション", EntityType.OTHER),
    ("Doroppu Ansettが来た。", "Doroppu Ansett", EntityType.PERSON),  # a surname that is also a company's name
    ("研究チームを率いるオリヴ・バイダーベックは", "オリヴ・バイダーベック", EntityType.OTHER),  # the class noun is not next to it
])
def test_cues_leave_other_types_alone(engine, text, surface, etype):
    assert _one(engine, text, surface).type is etype


def test_an_unknown_name_glued_to_a_title_is_not_made_an_organization(engine):
    assert all(m.type is not EntityType.ORGANIZATION for m in engine.analyze("ピノ社長が来た。", "ja").mentions)


@pytest.mark.parametrize("text", ["ジャガー夫人も客席にいた。", "ジャガー容疑者が逮捕された。", "ジャガー大佐が指揮した。"])
def test_common_noun_made_a_name_by_a_title_after_it(engine, text):
    m = _one(engine, text, "ジャガー")
    assert m.type is EntityType.PERSON and m.suffix and not m.lexicon


def test_common_noun_without_a_mark_is_no_name(engine):
    assert "ジャガー" not in _surfaces(engine, "ジャガーの車は速い。")
    assert "ジャガー" not in _surfaces(engine, "トヨタ社長とジャガーの話をした。")


@pytest.mark.parametrize(("text", "title", "name"), [("ドクター・ジャガーが来た。", "ドクター", "ジャガー"),
                                                     ("ミスター・ボーンが来た。", "ミスター", "ボーン"),
                                                     ("サー・ミック・ジャガーが歌った。", "サー", "ミック・ジャガー")])
def test_a_title_before_a_name_is_no_part_of_it_and_marks_a_person(engine, text, title, name):
    m = _one(engine, text, name)
    assert m.suffix == title and m.type is EntityType.PERSON
    assert title not in m.parts
    assert not any(s.startswith(title) for s in _surfaces(engine, text))


@pytest.mark.parametrize(("text", "name", "title"), [
    ("代理監督としてロラン・デュボワコーチが就任した。", "ロラン・デュボワ", "コーチ"),  # デュボワ|コーチ
    ("会見ではハートリーオーナーが説明した。", "ハートリー", "オーナー"),
    ("同局のクヴァシニンアナウンサーが読み上げた。", "クヴァシニン", "アナウンサー"),  # one unknown token
    ("マサル＝ラーデンブルクマネージャーが答えた。", "マサル＝ラーデンブルク", "マネージャー"),
])
def test_a_katakana_title_after_a_name_is_no_part_of_it_and_marks_a_person(engine, text, name, title):
    m = _one(engine, text, name)
    assert m.suffix == title and m.type is EntityType.PERSON
    assert not any(title in s for s in _surfaces(engine, text))


@pytest.mark.parametrize(("text", "name", "suffix"), [
    ("サツキ・マクビー元首相は1916年に生まれた。", "サツキ・マクビー", "元首相"),  # 元首相: one token
    ("マクビー前監督は会見した。", "マクビー", "前監督"),  # 前|監督, after a common noun Sudachi reads
    ("Anna Pino元監督が来日した。", "Anna Pino", "元監督"),
    ("ソノエ・フェザーストーンオーナーが説明した。", "ソノエ・フェザーストーン", "オーナー"),  # フェザー|ストーン|オーナー
])
def test_an_honorific_for_an_office_once_held_or_a_title_after_a_full_name_marks_a_person(engine, text, name, suffix):
    m = _one(engine, text, name)
    assert m.suffix == suffix and m.type is EntityType.PERSON


@pytest.mark.parametrize(("text", "surfaces"), [("イギリス元首相が来日した。", ["イギリス"]), ("試合前、監督は話した。", []),
                                                ("ホテル前で待った。", []), ("スポーツ・ニュースアナウンサーが読んだ。", [])])
def test_a_prefixed_honorific_after_a_place_or_a_title_after_common_nouns_makes_no_person(engine, text, surfaces):
    assert _surfaces(engine, text) == surfaces
    assert all(m.type is not EntityType.PERSON for m in engine.analyze(text, "ja").mentions)


@pytest.mark.parametrize("text", ["チームオーナーとゲームプロデューサーが会見した。", "打撃コーチとバッテリーコーチが交代した。",
                                  "ニュースアナウンサーが原稿を読んだ。"])
def test_a_katakana_title_after_a_common_noun_makes_no_name(engine, text):
    assert _surfaces(engine, text) == []


@pytest.mark.parametrize("text, surface", [
    ("マックガーデン氏は賛成した。", "マックガーデン"),  # マック|ガーデン: a brand and a noun
    ("講演したのはハンナ・ローマハイムだった。", "ハンナ・ローマハイム"),  # ローマ|ハイム: a place and a noun
    ("ミスター・ローマハイムは反対した。", "ローマハイム"),
])
def test_unknown_name_read_as_dictionary_words_is_one_name_in_a_name_position(engine, text, surface):
    m = _one(engine, text, surface)
    assert m.type is EntityType.PERSON


def test_dictionary_words_outside_a_name_position_stay_apart(engine):
    # no honorific, title or given name: the pieces are what the dictionary says
    assert "ローマハイム" not in _surfaces(engine, "ローマハイムに行った。")
    # ・ between two things is a list, not a given name and a surname
    assert "エクセルファイル・ワードファイル" not in _surfaces(engine, "エクセルファイル・ワードファイルを開く。")


def test_format_masks_are_no_names_but_roman_numerals_are_kept():
    from translate_kit.mentions import english_mentions, format_mask

    assert format_mask("XXX-XX-XXXX") and format_mask("YYYY-MM-DD") and format_mask("XXXXXXXX-XYYX")
    assert not any(format_mask(w) for w in ("III", "XXX", "XIII", "Mississippi", "Williams", "GPT-4"))
    text = "Please type the number in the XXX-XX-XXXX or XXXX XXXXXX format, as Ada Lovelace did."
    assert [m.surface for m in english_mentions(text, [0])] == ["Ada Lovelace"]


@pytest.mark.parametrize("text, surface", [("チャド大統領が訪日した。", "チャド"), ("イスラエル首相が会見した。", "イスラエル")])
def test_a_country_that_is_also_a_given_name_before_its_office_stays_a_place(engine, text, surface):
    m = _one(engine, text, surface)
    assert m.type is EntityType.PLACE and m.suffix == ""


def test_a_country_with_an_honorific_that_is_no_office_is_a_person(engine):
    assert _one(engine, "イスラエル氏が来た。", "イスラエル").type is EntityType.PERSON


def test_a_country_then_an_unknown_word_joined_by_a_dot_is_a_place(engine):
    assert _one(engine, "選手はブルガリア・ゼルニコボ出身だ。", "ブルガリア・ゼルニコボ").type is EntityType.PLACE


@pytest.mark.parametrize(("text", "surface", "etype"), [
    ("ジョージア・オキーフの絵を見た。", "ジョージア・オキーフ", EntityType.PERSON),  # a place the dictionary has as no country
    ("スウェーデン・アカデミーが選んだ。", "スウェーデン・アカデミー", EntityType.ORGANIZATION),  # its head says what it is
])
def test_a_dotted_name_opening_with_a_place_keeps_its_own_type(engine, text, surface, etype):
    assert _one(engine, text, surface).type is etype


def test_an_ocean_the_dictionary_cuts_before_its_suffix_is_one_place(engine):
    assert _surfaces(engine, "フランスから大西洋を渡った。") == ["フランス", "大西洋"]
    assert _one(engine, "フランスから大西洋を渡った。", "大西洋").type is EntityType.PLACE


@pytest.mark.parametrize("text", ["加藤洋が来た。", "佐藤洋と鈴木洋が話した。"])
def test_a_given_name_read_as_a_suffix_after_a_surname_makes_no_place(engine, text):
    assert all(m.type is EntityType.PERSON for m in engine.analyze(text, "ja").mentions)


@pytest.mark.parametrize(("text", "name", "suffix"), [("対局では佐藤三段が勝った。", "佐藤", "三段"),
                                                      ("岡部騎手が騎乗した。", "岡部", "騎手")])
def test_a_rank_or_a_riders_title_after_a_surname_is_no_part_of_the_name(engine, text, name, suffix):
    m = _one(engine, text, name)
    assert m.type is EntityType.PERSON and m.suffix == suffix


@pytest.mark.parametrize(("text", "surfaces"), [("三段の棚を買った。", []), ("千代田区九段で会った。", ["千代田区"])])
def test_a_rank_without_a_name_before_it_or_a_district_makes_no_person(engine, text, surfaces):
    assert _surfaces(engine, text) == surfaces
    assert all(m.type is not EntityType.PERSON for m in engine.analyze(text, "ja").mentions)


@pytest.mark.parametrize(("text", "surface"), [("東京都内の会場で開く。", "東京"), ("日本国内で売る。", "日本"),
                                               ("北海道内の駅。", "北海道")])
def test_a_place_glued_to_a_word_for_within_is_found(engine, text, surface):
    m = _one(engine, text, surface)
    assert m.type is EntityType.PLACE and (m.start, m.end) == (text.index(surface), text.index(surface) + len(surface))


@pytest.mark.parametrize("text", ["都内で会った。", "国内外で売る。", "案内所に行く。", "社内で話す。", "期間内に出す。"])
def test_a_word_for_within_without_a_place_makes_no_name(engine, text):
    assert _surfaces(engine, text) == []


@pytest.mark.parametrize(("text", "surface"), [("パリ市内の美術館を巡る。", "パリ"), ("静岡県内の高校に通う。", "静岡"),
                                               ("アーカンソー州内で売る。", "アーカンソー")])
def test_a_place_before_a_word_for_within_is_named_without_the_suffix_that_word_begins_with(engine, text, surface):
    m = _one(engine, text, surface)
    assert m.type is EntityType.PLACE and m.end == text.index(surface) + len(surface)


@pytest.mark.parametrize(("text", "surfaces"), [("横浜市の港に着く。", ["横浜市"]), ("米国内で売る。", ["米国"]),
                                                ("市内で会う。", []), ("町内会に出る。", [])])
def test_a_place_not_before_a_word_for_within_keeps_its_suffix(engine, text, surfaces):
    assert _surfaces(engine, text) == surfaces


@pytest.mark.parametrize(("text", "surfaces"), [("ドイツ人の学生に会う。", ["ドイツ"]), ("イタリア人とスペイン人が話す。", ["イタリア", "スペイン"])])
def test_a_place_glued_to_a_word_for_its_people_is_found(engine, text, surfaces):
    assert _surfaces(engine, text) == surfaces
    assert all(m.type is EntityType.PLACE for m in engine.analyze(text, "ja").mentions)


@pytest.mark.parametrize("text", ["社会人が集まる。", "個人で買う。", "外国人が来る。", "歌人として知られる。", "支配人に話す。"])
def test_a_word_for_people_without_a_place_makes_no_name(engine, text):
    assert _surfaces(engine, text) == []


def test_an_autonomous_region_is_a_places_head_and_encloses_the_place_after_it(engine):
    m = _one(engine, "チベット自治区ラサに着いた。", "チベット自治区ラサ")
    assert m.type is EntityType.PLACE


def test_an_autonomous_region_without_a_name_before_it_makes_no_name(engine):
    assert _surfaces(engine, "自治区の住民が集まる。") == []


@pytest.mark.parametrize(("text", "surface", "etype", "parts"), [
    ("アリス・スプリングズに着いた。", "アリス・スプリングズ", EntityType.PLACE, ("アリス", "スプリングズ")),
    ("ゴールドマン・サックスの社員が来た。", "ゴールドマン・サックス", EntityType.ORGANIZATION, ("ゴールドマン", "サックス")),
    ("ド・ゴール大統領が演説した。", "ド・ゴール", EntityType.PERSON, ("ド", "ゴール")),
])
def test_a_name_the_dictionary_lists_whole_with_its_dot_is_found_with_its_words_as_parts(engine, text, surface, etype, parts):
    m = _one(engine, text, surface)
    assert m.type is etype and m.parts == parts


@pytest.mark.parametrize("text", ["ケース・バイ・ケースで決める。", "ギブ・アンド・テイクだ。"])
def test_a_common_phrase_the_dictionary_lists_with_its_dots_is_no_name(engine, text):
    assert _surfaces(engine, text) == []


@pytest.mark.parametrize(("text", "surface"), [("セント・ジョンズの港に着く。", "セント・ジョンズ"), ("セント・ゼルニコボを歩く。", "セント・ゼルニコボ")])
def test_a_dotted_name_opening_with_saint_is_a_place(engine, text, surface):
    assert _one(engine, text, surface).type is EntityType.PLACE


@pytest.mark.parametrize(("text", "surface", "etype"), [("セント・デニス氏が踊る。", "セント・デニス", EntityType.PERSON),
                                                        ("ルース・セント・デニスが踊る。", "ルース・セント・デニス", EntityType.PERSON)])
def test_saint_after_a_first_name_or_before_an_honorific_keeps_the_person(engine, text, surface, etype):
    assert _one(engine, text, surface).type is etype
