"""The facts API on bare text: figures, dates and entities, with offsets into the text given."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from storyline import api
from storyline.records import EntityKind, Granularity, Qualifier


def test_figures_give_value_unit_qualifier_and_span() -> None:
    text = "該公司去年營收２．４６萬億美元，計劃再投入超1万亿美元。"
    found = api.figures(text)
    assert [f.text for f in found] == [text[f.start : f.end] for f in found]
    first, second = found
    assert (first.low, first.high, first.unit) == (2.46e12, 2.46e12, "USD")
    assert first.qualifier == Qualifier.EXACT
    assert (second.low, second.unit, second.qualifier) == (1e12, "USD", Qualifier.AT_LEAST)


def test_english_figures_read_with_lang() -> None:
    (figure,) = api.figures("The deal was worth $97.4 billion.", lang="en")
    assert (figure.low, figure.unit, figure.text) == (9.74e10, "USD", "$97.4 billion")


def test_dates_resolve_against_publication() -> None:
    published = datetime(2025, 2, 12, 9, 30, tzinfo=ZoneInfo("Asia/Shanghai"))
    text = "当地时间2月10日，双方会面；去年3月曾有接触。"
    found = {d.text: d for d in api.dates(text, published)}
    day = next(d for t, d in found.items() if "2月10日" in t)
    assert (day.first, day.last, day.granularity) == (
        date(2025, 2, 10),
        date(2025, 2, 10),
        Granularity.DAY,
    )
    month = found["去年3月"]
    assert (month.first, month.last) == (date(2024, 3, 1), date(2024, 3, 31))
    assert all(text[d.start : d.end] == d.text for d in found.values())


def test_entities_share_one_name_across_scripts_and_languages() -> None:
    text = "弗拉基米尔·普京周一表示，Vladimir Putin此前已作回应。報道稱，普京對此不予置評。"
    found = api.entities(text)
    putin = [m for m in found if m.entity == "普京"]
    assert {m.text for m in putin} == {"弗拉基米尔·普京", "Vladimir Putin", "普京"}
    assert all(m.kind == EntityKind.PERSON for m in putin)
    assert all(text[m.start : m.end] == m.text for m in found)
