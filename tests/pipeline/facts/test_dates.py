"""Date expressions, resolved against the publication time, with spans into the text given."""

from __future__ import annotations

import calendar
from datetime import date, datetime
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storyline.pipeline.facts.calendar import month_end
from storyline.pipeline.facts.dates import extract_absolute_dates, extract_dates
from storyline.records import DateExpr, Granularity

EXAMPLES = Path(__file__).resolve().parents[3] / "examples"
PUB = date(2025, 2, 12)  # a Wednesday
D, W, M, S, Y = (
    Granularity.DAY, Granularity.WEEK, Granularity.MONTH, Granularity.SEASON, Granularity.YEAR
)  # fmt: skip


def only(text: str, published: date | datetime = PUB) -> DateExpr:
    found = extract_dates(text, published)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    ("text", "span", "first", "last", "granularity"),
    [
        ("2025年1月17日,马斯克起诉", "2025年1月17日", "2025-01-17", "2025-01-17", D),
        ("2024年2月,马斯克", "2024年2月", "2024-02-01", "2024-02-29", M),
        ("2015年，两人", "2015年", "2015-01-01", "2015-12-31", Y),
        ("发布于2025-01-17。", "2025-01-17", "2025-01-17", "2025-01-17", D),
        ("二〇二五年一月十七日", "二〇二五年一月十七日", "2025-01-17", "2025-01-17", D),
        ("当地时间2月10日，据外媒报道", "当地时间2月10日", "2025-02-10", "2025-02-10", D),
        ("當地時間2月10日", "當地時間2月10日", "2025-02-10", "2025-02-10", D),
        ("3月1日，他说", "3月1日", "2024-03-01", "2024-03-01", D),
        ("2月14日，他说", "2月14日", "2025-02-14", "2025-02-14", D),
        ("去年3月", "去年3月", "2024-03-01", "2024-03-31", M),
        ("今年夏天首次接触", "今年夏天", "2025-06-01", "2025-08-31", S),
        ("上月下跌", "上月", "2025-01-01", "2025-01-31", M),
        ("本月", "本月", "2025-02-01", "2025-02-28", M),
        ("上周", "上周", "2025-02-03", "2025-02-09", W),
        ("本周一宣布", "本周一", "2025-02-10", "2025-02-10", D),
        ("他已于周一将出价提交", "周一", "2025-02-10", "2025-02-10", D),
        ("昨日", "昨日", "2025-02-11", "2025-02-11", D),
        ("昨天", "昨天", "2025-02-11", "2025-02-11", D),
        ("前天", "前天", "2025-02-10", "2025-02-10", D),
        ("今天", "今天", "2025-02-12", "2025-02-12", D),
        ("明年", "明年", "2026-01-01", "2026-12-31", Y),
        ("4月下旬", "4月下旬", "2024-04-21", "2024-04-30", M),
        ("2月上旬", "2月上旬", "2025-02-01", "2025-02-10", M),
        ("1月中旬", "1月中旬", "2025-01-11", "2025-01-20", M),
        ("月初", "月初", "2025-02-01", "2025-02-10", M),
        ("去年底", "去年底", "2024-11-01", "2024-12-31", Y),
        ("今年初", "今年初", "2025-01-01", "2025-02-28", Y),
        ("2017年8月至11月", "2017年8月至11月", "2017-08-01", "2017-11-30", M),
        ("2月10日到12日", "2月10日到12日", "2025-02-10", "2025-02-12", D),
        ("今年1—4月份", "今年1—4月份", "2025-01-01", "2025-04-30", M),
        ("2019年以来", "2019年以来", "2019-01-01", "2025-02-12", Y),
        ("5日称", "5日", "2025-02-05", "2025-02-05", D),
        ("5日至9日在新疆调研", "5日至9日", "2025-02-05", "2025-02-09", D),
        ("一季度增长5.3%", "一季度", "2024-01-01", "2024-03-31", Y),
        ("前11个月，投资增长", "前11个月", "2024-01-01", "2024-11-30", Y),
        ("今年前11个月", "今年前11个月", "2025-01-01", "2025-11-30", M),
        ("2012年春节", "2012年春节", "2012-01-23", "2012-01-23", D),
        ("自民國90年開始", "民國90年", "2001-01-01", "2001-12-31", Y),
        ("on February 10, 2025 he said", "February 10, 2025", "2025-02-10", "2025-02-10", D),
        ("in Feb 2024", "Feb 2024", "2024-02-01", "2024-02-29", M),
        ("on 25 December.", "25 December", "2024-12-25", "2024-12-25", D),
        ("last March", "last March", "2024-03-01", "2024-03-31", M),
        ("in 2015, he", "2015", "2015-01-01", "2015-12-31", Y),
        ("in late 2003", "late 2003", "2003-09-01", "2003-12-31", Y),
        ("on Monday", "Monday", "2025-02-10", "2025-02-10", D),
        ("yesterday", "yesterday", "2025-02-11", "2025-02-11", D),
        ("last week", "last week", "2025-02-03", "2025-02-09", W),
        ("since 2019", "since 2019", "2019-01-01", "2025-02-12", Y),
    ],
)
def test_reads_date(text: str, span: str, first: str, last: str, granularity: Granularity) -> None:
    found = only(text)
    assert (found.text, found.granularity) == (span, granularity)
    assert (found.first.isoformat(), found.last.isoformat()) == (first, last)
    assert text[found.start : found.end] == span


@pytest.mark.parametrize(
    ("text", "first"),
    [
        ("这一起诉案即将于4月下旬开庭。", "2025-04-21"),
        ("会议将于3月1日举行", "2025-03-01"),
        ("新规定于1月5日起施行，计划推广", "2026-01-05"),
        ("He will visit on Monday.", "2025-02-17"),
    ],
)
def test_future_sentences_point_ahead(text: str, first: str) -> None:
    found = only(text)
    assert found.first.isoformat() == first and found.future


@pytest.mark.parametrize(
    "text", ["近日，马斯克", "初步统计", "周边国家", "每周一开放", "为期3个月", "1990年代"]
)
def test_not_dates(text: str) -> None:
    assert extract_dates(text, PUB) == []


def test_datetime_publication_is_read_as_its_day() -> None:
    found = only("昨天", datetime(2025, 2, 12, 23, 30))
    assert found.first == date(2025, 2, 11)


def _sample(name: str) -> str:
    if not EXAMPLES.is_dir():
        pytest.skip("the sample documents (examples/) are not here")
    return next(EXAMPLES.glob(f"{name}_*.txt")).read_text(encoding="utf-8")


def test_sample_local_time_date() -> None:
    found = extract_dates(_sample("001"), date(2025, 2, 12))
    local = [d for d in found if d.text == "当地时间2月10日"]
    assert local and (local[0].first, local[0].granularity) == (date(2025, 2, 10), D)


def test_sample_month_and_late_april_trial() -> None:
    found = extract_dates(_sample("002"), date(2026, 1, 22))
    by_text = {d.text: d for d in found}
    february = by_text["2024年2月"]
    assert (february.first, february.last, february.granularity) == (
        date(2024, 2, 1), date(2024, 2, 29), M,
    )  # fmt: skip
    trial = by_text["4月下旬"]
    assert (trial.first, trial.last, trial.future) == (date(2026, 4, 21), date(2026, 4, 30), True)


_DATE_ALPHABET = list(
    "0123456789-/ 年月日号周上下本去今明昨前后初底旬至到以来当地时间春节一二三十〇"
)


@settings(max_examples=300)
@given(
    st.text(alphabet=st.sampled_from(_DATE_ALPHABET), max_size=40) | st.text(max_size=40),
    st.dates(min_value=date(1901, 1, 1), max_value=date(2099, 12, 31)),
)
def test_any_text_gives_spans_into_itself(text: str, published: date) -> None:
    for found in extract_dates(text, published):
        assert text[found.start : found.end] == found.text
        assert found.first <= found.last


@given(st.integers(min_value=1, max_value=9999), st.integers(min_value=1, max_value=12))
def test_month_lengths_follow_the_calendar(year: int, month: int) -> None:
    assert month_end(year, month) == calendar.monthrange(year, month)[1]


def test_undated_text_keeps_only_dates_stated_in_full() -> None:
    text = "2月10日，该公司称其于2024年2月提起诉讼；昨日双方再度交锋，2019年以来纠纷不断。"
    found = [(d.text, d.first, d.last) for d in extract_absolute_dates(text)]
    # 2月10日 needs a year, 昨日 a day and "2019年以来" an end: only the month stands alone.
    assert found == [("2024年2月", date(2024, 2, 1), date(2024, 2, 29))]


def test_undated_future_cue_survives() -> None:
    (found,) = extract_absolute_dates("此案将于2026年4月下旬开庭。")
    assert found.future
    assert (found.first, found.last) == (date(2026, 4, 21), date(2026, 4, 30))
