"""Entity mentions from the generated gazetteers and the rules that generalise beyond the lists."""

from __future__ import annotations

from importlib import resources

import pytest

from storyline.pipeline.facts.aliases import AliasTable, generated_names
from storyline.pipeline.facts.entities import extract_entities
from storyline.records import EntityKind


def _found(text: str) -> set[tuple[str, EntityKind]]:
    return {(m.text, m.kind) for m in extract_entities(text)}


def _texts(text: str) -> set[str]:
    return {m.text for m in extract_entities(text)}


@pytest.mark.parametrize("name", ["places_zh.tsv", "places_en.txt"])
def test_generated_files_state_their_sources_and_licences(name: str) -> None:
    head = (resources.files("storyline") / "data" / name).read_text("utf-8")[:600]
    assert "bench/entities_gazetteer.py" in head
    assert "CC BY 4.0" in head and "CLDR" in head


def test_prefecture_cities_and_their_short_names_are_places() -> None:
    found = _found("调研组先后到赣州、遵义和鄂尔多斯市考察。")
    assert {("赣州", EntityKind.PLACE), ("遵义", EntityKind.PLACE)} <= found
    assert ("鄂尔多斯市", EntityKind.PLACE) in found


def test_curated_aliases_keep_their_canonical_names() -> None:
    table = AliasTable.default()
    full, short = table.get("合肥市"), table.get("合肥")
    assert full is not None and short is not None and full.canonical == short.canonical
    assert "北京" not in generated_names().entries  # listed by hand, so matched as curated


def test_generated_names_only_on_word_boundaries() -> None:
    texts = _texts("美国纽约州罗切斯特市部分民众举行抗议活动。")
    assert not any(t.startswith("切斯特") for t in texts)


def test_person_cue_beats_a_town_of_the_same_name() -> None:
    found = _found("总统罗德里格斯表示，双方将加强合作。")
    assert ("罗德里格斯", EntityKind.PERSON) in found


def test_ordinary_words_are_not_listed_places() -> None:
    texts = _texts("城区和郊区的十字路口都装了信号灯，大家安宁地过节。")
    assert not texts & {"城区", "郊区", "十字路口", "安宁"}


def test_whole_organisation_words_outrank_the_place_inside() -> None:
    found = _found("据美国广播公司报道，安徽医科大学和东京电力公司都发表了声明。")
    assert ("美国广播公司", EntityKind.ORG) in found
    assert ("安徽医科大学", EntityKind.ORG) in found
    assert ("东京电力公司", EntityKind.ORG) in found
    assert ("美国", EntityKind.PLACE) not in found


def test_place_and_listed_organisation_but_not_a_title() -> None:
    found = _found("美国财政部长贝森特表示，新西兰议会愿加强同中国全国人大的交往。")
    assert ("美国", EntityKind.PLACE) in found
    assert ("美国财政部", EntityKind.ORG) not in found
    assert ("中国全国人大", EntityKind.ORG) in found


def test_quoted_products_beside_their_kind() -> None:
    found = _found("乌军使用“海马斯”火箭弹，医院推出抗菌素“泰阁”。")
    assert {("海马斯", EntityKind.PRODUCT), ("泰阁", EntityKind.PRODUCT)} <= found
    calls = extract_entities("全市响应“向雷锋同志学习”号召。")
    assert not [m for m in calls if m.kind is EntityKind.PRODUCT]


def test_weekdays_and_beijing_time_are_not_names() -> None:
    texts = _texts("北京时间1月17日，惠誉评级常务董事帕克(Edward Parker)周二表示。")
    assert "周二" not in texts and "北京" not in texts
    assert "Edward Parker" in texts


def test_name_glued_to_a_word_is_cut() -> None:
    found = _found("会议听取了全国人大常委会副委员长丁仲礼作的报告。")
    assert ("丁仲礼", EntityKind.PERSON) in found


def test_english_places_regions_and_workplaces() -> None:
    found = _found(
        "Kaha Kiknavelidze, analyst at Troika Dialog, flew from Gateshead to West Sussex."
    )
    assert ("Troika Dialog", EntityKind.ORG) in found
    assert ("Gateshead", EntityKind.PLACE) in found
    assert ("West Sussex", EntityKind.PLACE) in found


def test_english_events_departments_scores_and_models() -> None:
    found = _found(
        "She won the Canberra Classic. The US Department of Energy reported it. "
        "He beat Potito Starace 6-1 7-6. The MDA III is a smartphone."
    )
    assert ("Canberra", EntityKind.PLACE) in found
    assert ("US Department of Energy", EntityKind.ORG) in found
    assert ("Potito Starace", EntityKind.PERSON) in found
    assert ("MDA III", EntityKind.PRODUCT) in found
    assert not {t for t, _ in found} & {"Canberra Classic", "Potito Starace 6"}


def test_a_run_stops_at_the_end_of_a_sentence() -> None:
    texts = _texts("The attack on Yukos. The shell company was sold.")
    assert "Yukos" in texts
    assert not any("The" in t for t in texts)


@pytest.mark.usefixtures("rules_only")
def test_one_character_country_names_after_a_cue() -> None:
    ms = extract_entities("总理将访华，会议在京召开。华为和京东在北京开会。")
    places = {(m.text, m.entity) for m in ms if m.kind is EntityKind.PLACE}
    assert ("华", "中国") in places and ("京", "北京") in places
    assert len([m for m in ms if m.text in ("华", "京")]) == 2


def test_glossed_double_surnamed_and_regnal_persons() -> None:
    found = _found("惠誉常务董事帕克(Edward Parker)表示，陈冯富珍在会上发言。图普六世表示欢迎。")
    assert ("帕克", EntityKind.PERSON) in found
    assert ("陈冯富珍", EntityKind.PERSON) in found
    assert ("图普六世", EntityKind.PERSON) in found
