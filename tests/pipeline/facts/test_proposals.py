"""The reranker's broader proposals, and what it reads from the rest of the article."""

from __future__ import annotations

from storyline.pipeline.facts.aliases import AliasTable
from storyline.pipeline.facts.candidates import RANK_RULE, Candidate
from storyline.pipeline.facts.entities import extract_entities
from storyline.pipeline.facts.proposals import proposals
from storyline.pipeline.facts.rerank import Context, features
from storyline.pipeline.facts.zh_units import tokens
from storyline.records import EntityKind

PERSON, ORG, PLACE, PRODUCT = (
    EntityKind.PERSON,
    EntityKind.ORG,
    EntityKind.PLACE,
    EntityKind.PRODUCT,
)


def _got(norm: str, source: str | None = None) -> set[tuple[str, EntityKind]]:
    return {
        (norm[c.start : c.end], c.kind)
        for c in proposals(norm, tokens(norm), [], [])
        if source is None or c.source == source
    }


def test_a_bare_surname_is_proposed_after_xiao_or_lao_and_before_a_title() -> None:
    norm = "小林到了，老程没来，柯主任和温女士在场，一名沈姓男子报警。"
    got = _got(norm, "surname")
    assert {("林", PERSON), ("程", PERSON), ("柯", PERSON), ("温", PERSON)} <= got
    assert ("沈", PERSON) in got
    # Not every surname character: 到, 在 and 场 are no surnames; "主任" alone is no one.
    assert all(len(text) == 1 for text, _ in got)
    assert ("在", PERSON) not in got


def test_one_character_country_names_stand_alone_or_beside_a_cue() -> None:
    norm = "乌称将反击，法美宣布向乌提供援助，而其余国家表示关注。"
    got = {(norm[c.start : c.end], c.kind, c.entity) for c in _proposed(norm, "short")}
    assert ("乌", PLACE, "乌克兰") in got
    assert ("法", PLACE, "法国") in got and ("美", PLACE, "美国") in got
    # "国家" holds no such name standing alone: nothing is proposed inside it.
    assert not any(text == "国" for text, _, _ in got)


def test_a_listed_name_opening_a_longer_word_is_proposed() -> None:
    norm = "日本首相今天抵达。"
    got = {(norm[c.start : c.end], c.kind) for c in _proposed(norm, "prefix")}
    assert got == {("日本", PLACE)}


def test_a_county_named_without_its_suffix_is_proposed_with_the_full_name() -> None:
    norm = "德清今年新建了三所学校。"
    got = [c for c in _proposed(norm, "division")]
    assert [(norm[c.start : c.end], c.entity) for c in got] == [("德清", "德清县")]


def test_book_titles_and_names_before_a_stock_code() -> None:
    norm = "据《青禾周刊》记者报道，青禾远望(600999)今日公告。"
    assert ("青禾周刊", ORG) in _got(norm, "book")
    stock = _got(norm, "stock")
    assert ("青禾远望", ORG) in stock
    assert all(text.endswith("远望") for text, _ in stock)


def test_model_numbers_with_and_without_their_name() -> None:
    norm = "新款青禾X200手机和Nimbus Tab P300亮相，售价2999元。"
    got = _got(norm, "model") | _got(norm, "model_named")
    assert {("X200", PRODUCT), ("P300", PRODUCT)} <= got
    assert ("青禾X200", PRODUCT) in got and ("Nimbus Tab P300", PRODUCT) in got
    # A price is no model number.
    assert not any("2999" in text for text, _ in got)


def test_capitalised_runs_are_also_read_without_their_first_or_last_words() -> None:
    norm = "Home Secretary Dana Whitlow said so."
    tails = _got(norm, "caps_tail")
    assert ("Dana Whitlow", PERSON) in tails and ("Whitlow", PERSON) in tails
    assert ("Home Secretary", ORG) in _got(norm, "caps_head")


def test_the_rest_of_the_article_informs_a_candidate() -> None:
    # The rules read "青禾县" as a place in one sentence; "青禾" alone in another is then read
    # knowing a longer place starts with it, elsewhere, and that the words recur.
    norm = "青禾县召开大会。会后，青禾发布通知。"
    ruled = Candidate(0, 3, PLACE, RANK_RULE, source="r")
    short = Candidate(11, 13, PLACE, RANK_RULE - 1, source="p")
    cands = [ruled, short]
    ctx = Context(norm, tokens(norm), cands)
    feats = features(norm, cands, 1, ctx)
    assert "doc=00|1|place" in feats
    assert any(f.startswith("src=p|count=2") for f in feats)
    # The long name itself: no other place, and nothing longer elsewhere.
    assert "doc=00|0|place" in features(norm, cands, 0, ctx)


def test_a_full_name_elsewhere_informs_its_last_part_standing_alone() -> None:
    # "Dana Whitlow" read as a person makes a later "Whitlow" the tail of a name elsewhere;
    # the "Whitlow" inside the full name is not its own evidence.
    norm = "Dana Whitlow arrived. Later Whitlow spoke."
    full = Candidate(0, 12, PERSON, RANK_RULE, source="r")
    inner = Candidate(5, 12, PERSON, RANK_RULE - 1, source="p")
    alone = Candidate(28, 35, PERSON, RANK_RULE - 1, source="p")
    cands = [full, inner, alone]
    ctx = Context(norm, tokens(norm), cands)
    assert "tail|person" in features(norm, cands, 2, ctx)
    assert "tail|person" not in features(norm, cands, 1, ctx)
    assert "tail|person" not in features(norm, cands, 0, ctx)
    # The same with a name dot in Chinese text, and only for the kind the rules read.
    norm = "萨姆·奥尔特曼表示，奥尔特曼将出席。"
    cands = [Candidate(0, 7, PERSON, RANK_RULE, source="r")]
    cands += [Candidate(10, 14, PERSON, RANK_RULE - 1, source="p")]
    cands += [Candidate(10, 14, ORG, RANK_RULE - 1, source="p")]
    ctx = Context(norm, tokens(norm), cands)
    assert "tail|person" in features(norm, cands, 1, ctx)
    assert "tail|org" not in features(norm, cands, 2, ctx)


def test_a_latin_span_is_read_with_the_words_either_side() -> None:
    norm = "They met Mr. Lockyer's team in London, then Lockyer"
    lockyer = Candidate(13, 20, PERSON, RANK_RULE, source="r")
    london = Candidate(31, 37, PLACE, RANK_RULE, source="r")
    last = Candidate(44, 51, PERSON, RANK_RULE, source="r")
    cands = [lockyer, london, last]
    ctx = Context(norm, tokens(norm), cands)
    assert {"wbefore=Mr|person", "wafter=team|person"} <= set(features(norm, cands, 0, ctx))
    assert {"wbefore=in|place", "wafter=$|place"} <= set(features(norm, cands, 1, ctx))
    assert {"wbefore=then|person", "wafter=$|person"} <= set(features(norm, cands, 2, ctx))


def test_a_title_after_a_surname_is_not_part_of_the_person() -> None:
    text = "青禾县卫生局局长柯文远介绍了情况。柯局长说，工作进展顺利。"
    found = {(m.text, m.kind, m.entity) for m in extract_entities(text)}
    assert ("柯文远", PERSON, "柯文远") in found
    assert not any(t.endswith("局长") and k is PERSON for t, k, _ in found)


def _proposed(norm: str, source: str) -> list[Candidate]:
    return [c for c in proposals(norm, tokens(norm), [], []) if c.source == source]


def test_listed_brands_are_proposed_on_word_boundaries_with_their_company() -> None:
    norm = "他在京东买了一瓶茅台酒，又用微信付款。早餐喝了一碗小米粥。"
    got = {
        (norm[c.start : c.end], c.kind, c.entity)
        for c in proposals(norm, tokens(norm), [], [])
        if c.source.startswith("brand")
    }
    texts = {text for text, _, _ in got}
    assert {"京东", "茅台酒", "微信"} <= texts
    assert all(entity for _, _, entity in got)  # each carries its canonical name
    # 小米 inside the word 小米粥 (millet porridge) is no brand: words are matched whole.
    assert "小米" not in texts


def test_an_everyday_word_that_is_also_a_brand_is_proposed_apart() -> None:
    norm = "苹果发布了新手机。"
    sources = {c.source for c in proposals(norm, tokens(norm), [], []) if c.start == 0}
    assert "brand_common" in sources and "brand" not in sources


def test_numbered_craft_dashed_models_and_warships_are_proposed_as_products() -> None:
    norm = "新型火箭青禾十二号升空，此次歼-20编队飞行，青禾舰入列，舰队出海。"
    got = _got(norm, "series")
    assert {("青禾十二号", PRODUCT), ("歼-20", PRODUCT), ("青禾舰", PRODUCT)} <= got
    assert not any(text.endswith("舰队") or text == "舰" for text, _ in got)


def test_a_name_may_start_after_a_preposition_the_segmenter_glued_on() -> None:
    norm = "记者从市环保局获悉，此事已有结论。"
    assert ("市环保局", ORG) in _got(norm, "head_glued")
    assert ("从市环保局", ORG) in _got(norm, "head")


def test_embassies_and_police_are_organisations() -> None:
    norm = "青禾国驻白沙国大使馆发表声明，白沙国警方正在调查。"
    got = _got(norm, "head")
    assert ("青禾国驻白沙国大使馆", ORG) in got
    assert ("白沙国警方", ORG) in got
    assert not any(text.endswith("使馆") and kind is PLACE for text, kind in got)


def test_a_portal_channel_is_proposed_as_an_organisation() -> None:
    norm = "腾讯财经讯，网易娱乐报道，财经人士称。"
    got = _got(norm, "brand_channel")
    assert {("腾讯财经", ORG), ("网易娱乐", ORG)} <= got
    assert not any(text == "财经" for text, _ in got)


def test_a_rarer_surname_is_proposed_only_before_a_title() -> None:
    assert ("习", PERSON) in _got("在习主席的推动下，双方签署协议。", "surname")
    assert not any(text == "习" for text, _ in _got("小习和老习都姓习。", "surname"))


def test_a_brand_listed_by_hand_too_keeps_the_hand_written_name() -> None:
    # brands.tsv and aliases.tsv both know Lenovo, under different full names: one entity.
    listed = AliasTable.default().get("联想")
    assert listed is not None
    found = extract_entities("联想集团有限公司发布财报。")
    assert [(m.text, m.entity) for m in found] == [("联想集团有限公司", listed.canonical)]


def test_a_span_other_sources_give_too_keeps_the_brand_list_reading() -> None:
    norm = "联想集团有限公司发布财报。"
    got = {
        (norm[c.start : c.end], c.source, c.entity) for c in proposals(norm, tokens(norm), [], [])
    }
    assert ("联想集团有限公司", "brand_common", "联想") in got


def test_no_name_ends_in_a_head_inside_a_common_word() -> None:
    norm = "这关系到发展战略全局，股市随之上涨。"
    got = _got(norm, "head")
    assert not any(text.endswith(("全局", "股市")) for text, _ in got)
    assert ("青禾县公安局", ORG) in _got("青禾县公安局发布通报。", "head")


def test_a_listed_latin_name_in_lower_case_is_proposed_only_in_chinese_text() -> None:
    got = {
        (text, kind) for text, kind in _got("使用微信、qq等工具，来自android客户端", "brand_lower")
    }
    assert {("qq", PRODUCT), ("android", PRODUCT)} <= got
    assert not _got("He had an android phone and a qq account.", "brand_lower")
