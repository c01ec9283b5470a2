"""parse_published(): the date-time shapes of Chinese and English bylines and meta values."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storyline.pipeline.clean.published import parse_published

NOW = datetime(2026, 6, 1, tzinfo=UTC)
CST = timezone(timedelta(hours=8))
DIGITS = "〇一二三四五六七八九"


def at(
    year: int, month: int, day: int, hour: int = 0, minute: int = 0, second: int = 0, tz=CST
) -> datetime:
    return datetime(year, month, day, hour, minute, second, tzinfo=tz)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2025-02-11T21:05:46+08:00", at(2025, 2, 11, 21, 5, 46)),
        ("2025-02-11T13:05:46.250Z", at(2025, 2, 11, 13, 5, 46, tz=UTC)),
        ("2025-02-11 21:05:46", at(2025, 2, 11, 21, 5, 46)),
        ("2025/2/11 21:05", at(2025, 2, 11, 21, 5)),
        ("2025.02.11", at(2025, 2, 11)),
        ("2025年2月11日 21:05", at(2025, 2, 11, 21, 5)),
        ("2025年02月11日21时05分", at(2025, 2, 11, 21, 5)),
        ("2025年02月11日21時05分46秒", at(2025, 2, 11, 21, 5, 46)),
        ("二〇二五年一月十七日", at(2025, 1, 17)),
        ("一九九九年十二月三十一日", at(1999, 12, 31)),
        ("２０２５年２月１１日　２１：０５", at(2025, 2, 11, 21, 5)),
        ("2025年2月11日下午3点半", at(2025, 2, 11, 15, 30)),
        ("北京时间2025年2月11日 09:00", at(2025, 2, 11, 9)),
        ("Tue, 11 Feb 2025 21:05:46 +0800", at(2025, 2, 11, 21, 5, 46)),
        ("Tue, 11 Feb 2025 13:05:46 GMT", at(2025, 2, 11, 13, 5, 46, tz=UTC)),
        ("Feb 11, 2025", at(2025, 2, 11)),
        ("February 11, 2025 9:05 PM", at(2025, 2, 11, 21, 5)),
        ("11 February 2025", at(2025, 2, 11)),
        ("Updated 3rd March 2025, 10:15 am", at(2025, 3, 3, 10, 15)),
    ],
)
def test_shapes(text: str, expected: datetime) -> None:
    got = parse_published(text, now=NOW)
    assert got == expected
    assert got is not None and got.utcoffset() == expected.utcoffset()


@pytest.mark.parametrize(
    ("byline", "expected"),
    [
        ("访客 2026-01-22 14:32:15 38107", at(2026, 1, 22, 14, 32, 15)),  # name, time, views
        ("发布时间：2025-12-11 00:41:24 来源：新华社", at(2025, 12, 11, 0, 41, 24)),
        ("2025-02-12 10:56 · 澎湃新闻", at(2025, 2, 12, 10, 56)),
        ("記者王小明／台北報導 2025年3月5日 上午10:20", at(2025, 3, 5, 10, 20)),
        ("2012-01-11 HKT 21:43", at(2012, 1, 11, 21, 43)),  # a zone between date and time
        ("2012-01-11 UTC 21:43", at(2012, 1, 11, 21, 43, tz=UTC)),
        ("2012年01月17日 星期二 10:22", at(2012, 1, 17, 10, 22)),  # a weekday between them
        ("2012.01.12 03:58 pm", at(2012, 1, 12, 15, 58)),
        ("来源：中国新闻网 | 2024年11月30日 08:15 | 编辑：李华", at(2024, 11, 30, 8, 15)),
        ("By Jane Doe, BBC News — 4 April 2024", at(2024, 4, 4)),
        ("发布时间：18:07 2012-01-16 来源：某某网", at(2012, 1, 16, 18, 7)),  # time first
        ("12:30:45 2012/1/6", at(2012, 1, 6, 12, 30, 45)),
        ("比分2:1 2012-01-16", at(2012, 1, 16)),  # a score is no clock
    ],
)
def test_bylines(byline: str, expected: datetime) -> None:
    assert parse_published(byline, now=NOW) == expected


def test_zone_argument_applies_to_naive_times() -> None:
    got = parse_published("2025-02-11 21:05", tz="Europe/London", now=NOW)
    assert got is not None and got.utcoffset() == timedelta(0)
    taipei = parse_published("2025-07-01", tz="Asia/Taipei", now=NOW)
    assert taipei is not None and taipei.utcoffset() == timedelta(hours=8)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "没有日期的一行字",
        "2025-13-01",
        "2025-02-30 10:00",
        "1899-05-04",
        "2030-01-01",  # beyond next year
        "2025-02-11 25:61",
        "阅读 38107",
        "02-11 21:05",  # no year: never guessed
        "3小时前",
        "电话 0571-8888-1234",
    ],
)
def test_nothing_plausible(text: str) -> None:
    assert parse_published(text, now=NOW) is None


def test_invalid_time_does_not_fall_back_to_a_guess() -> None:
    assert parse_published("2025-02-11 25:61", now=NOW) is None


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=80))
def test_never_crashes(text: str) -> None:
    got = parse_published(text, now=NOW)
    assert got is None or got.tzinfo is not None


def _in_numerals(value: int, positional: bool) -> str:
    if positional:
        return "".join(DIGITS[int(d)] for d in str(value))
    tens, ones = divmod(value, 10)
    head = "" if tens <= 1 else DIGITS[tens]
    return (head + "十" if tens else "") + (DIGITS[ones] if ones else "")


@settings(max_examples=300, deadline=None)
@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2027, 12, 31)))
def test_chinese_numeral_dates_round_trip(day: date) -> None:
    text = (
        f"{_in_numerals(day.year, True)}年{_in_numerals(day.month, False)}月"
        f"{_in_numerals(day.day, False)}日"
    )
    got = parse_published(text, now=NOW)
    assert got is not None and got.date() == day, text
