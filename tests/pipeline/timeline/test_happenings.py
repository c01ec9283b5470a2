from datetime import date

from storyline.pipeline.timeline.build import build_timeline
from storyline.pipeline.timeline.happenings import extract_happenings
from tests.pipeline.timeline.helpers import article, day

RECAP = (
    "2021年3月，华为起诉中兴通讯侵犯专利。"
    "同年6月华为撤回诉讼；9月又重新提起诉讼。\n"
    "2012年，华为与中兴通讯共同成立了一个标准联盟。\n"
    "该案即将于5月下旬开庭。"
)


def test_a_bare_month_after_a_dated_sentence_takes_its_year() -> None:
    # Published in 2023: read alone, 6月 and 9月 would be 2022's.
    found = extract_happenings(article(1, RECAP, day(2023, 1, 10)))
    lawsuits = sorted((h.first, h.last) for h in found if h.kind == "lawsuit")
    assert lawsuits == [
        (date(2021, 3, 1), date(2021, 3, 31)),
        (date(2021, 9, 1), date(2021, 9, 30)),
    ]
    assert [h.first for h in found if h.kind == "withdraw"] == [date(2021, 6, 1)]


def test_background_and_scheduled_are_flagged() -> None:
    found = extract_happenings(article(1, RECAP, day(2022, 1, 10)))
    founding = next(h for h in found if h.kind == "found")
    assert founding.background and not founding.scheduled
    trial = next(h for h in found if h.kind == "trial")
    assert trial.scheduled and trial.first == date(2022, 5, 21)
    assert trial.actors  # carried from the sentence before: 该案 names nobody


def test_a_sentence_without_an_actor_or_a_date_yields_nothing() -> None:
    text = "今天天气很好。华为发布了新手机。"
    assert extract_happenings(article(1, text, day(2022, 1, 10))) == []


def test_an_undated_article_keeps_only_dates_that_name_their_year() -> None:
    text = "2021年3月，华为起诉中兴通讯。\n5月，中兴通讯提起上诉。"
    found = extract_happenings(article(1, text, None))
    assert [h.first for h in found] == [date(2021, 3, 1)]


def test_citations_are_offsets_of_the_article_text() -> None:
    art = article(7, RECAP, day(2022, 1, 10))
    for h in extract_happenings(art):
        assert art.text[h.citation.start : h.citation.end] == h.citation.text
        assert h.citation.article_id == 7


def test_two_sources_of_one_happening_make_one_entry_and_a_repost_adds_no_weight() -> None:
    first = "2021年3月，华为起诉中兴通讯侵犯专利。"
    other = "华为在2021年3月把中兴通讯告上法庭。"
    arts = [
        article(1, first, day(2021, 4, 1)),
        article(2, other, day(2021, 4, 2)),
        article(3, first, day(2021, 4, 3)),
    ]
    timeline = build_timeline(1, "h", ["华为"], arts)
    (entry,) = [e for e in timeline.entries if e.predicate]
    assert {c.article_id for c in entry.citations} == {1, 2, 3}
    assert entry.weight == 2


def test_incompatible_dates_and_figures_of_one_claim_are_a_disagreement() -> None:
    a = article(1, "2021年3月5日，华为起诉中兴通讯，索赔约10亿元。", day(2021, 3, 6))
    b = article(2, "2022年初，华为向中兴通讯索赔8亿至13亿元。", day(2022, 2, 1))
    c = article(3, "2021年3月5日，华为起诉中兴通讯，索赔9.8亿元。", day(2021, 3, 7))
    timeline = build_timeline(1, "h", ["华为"], [a, b, c])
    kinds = {
        (x.what, x.sides[0].citation.article_id, x.sides[1].citation.article_id)
        for x in timeline.conflicts
    }
    assert ("date", 1, 2) in kinds and ("figure", 1, 2) in kinds
    assert not any(
        {1, 3} == {x.sides[0].citation.article_id, x.sides[1].citation.article_id}
        for x in timeline.conflicts
    )
    same = [e for e in timeline.entries if {c.article_id for c in e.citations} == {1, 3}]
    assert same, "约10亿 and 9.8亿 on one day are one entry"


def test_the_summary_cites_central_sentences_and_skips_questions() -> None:
    text = "华为为何起诉中兴通讯？\n华为起诉中兴通讯侵犯专利，索赔十亿元。\n天气晴朗，适合出行。"
    timeline = build_timeline(
        1, "h", ["华为", "中兴通讯", "专利"], [article(1, text, day(2022, 1, 1))]
    )
    assert timeline.summary[0].text == "华为起诉中兴通讯侵犯专利，索赔十亿元。"
    assert all(not c.text.endswith("？") for c in timeline.summary)
