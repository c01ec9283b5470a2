"""Calendar arithmetic for resolving date expressions against a publication date."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from storyline.records import Granularity

# Bare dates in news point back, but an article may name a day or two after its own timestamp
# (time zones, a date line written ahead); three days covers both without flipping a year.
SLACK_DAYS = 3
SLACK = timedelta(days=SLACK_DAYS)
MONTHS_PER_YEAR = 12
_FEBRUARY = 2
_THIRTY_DAYS = frozenset({4, 6, 9, 11})
DAYS_PER_WEEK = 7


@dataclass(frozen=True, slots=True)
class Span:
    """A resolved interval, before it is tied to text."""

    first: date
    last: date
    granularity: Granularity


def month_end(year: int, month: int) -> int:
    """The number of days in the month (proleptic Gregorian, as `datetime.date`)."""
    if month == _FEBRUARY:
        leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
        return 29 if leap else 28
    return 30 if month in _THIRTY_DAYS else 31


def safe_date(year: int, month: int, day: int) -> date | None:
    if not (1 <= month <= MONTHS_PER_YEAR) or not (1 <= day <= month_end(year, month)):
        return None
    if not (date.min.year < year < date.max.year):
        return None
    return date(year, month, day)


def shift_month(year: int, month: int, offset: int) -> tuple[int, int]:
    index = year * MONTHS_PER_YEAR + (month - 1) + offset
    return index // MONTHS_PER_YEAR, index % MONTHS_PER_YEAR + 1


def month_span(year: int, month: int, days: tuple[int, int] | None = None) -> Span | None:
    if not 1 <= month <= MONTHS_PER_YEAR:
        return None
    end = month_end(year, month)
    lo, hi = days if days else (1, end)
    first, last = safe_date(year, month, lo), safe_date(year, month, min(hi, end))
    if first is None or last is None:
        return None
    return Span(first, last, Granularity.MONTH)


def months_span(year: int, months: tuple[int, int], granularity: Granularity) -> Span | None:
    """Months `lo..hi` of `year`; months past 12 run into the next year (winter: 12..14)."""
    first_year, first_month = shift_month(year, 1, months[0] - 1)
    last_year, last_month = shift_month(year, 1, months[1] - 1)
    first = safe_date(first_year, first_month, 1)
    last = safe_date(last_year, last_month, month_end(last_year, last_month))
    if first is None or last is None:
        return None
    return Span(first, last, granularity)


def week_span(published: date, offset: int) -> Span:
    monday = published - timedelta(days=published.weekday()) + timedelta(weeks=offset)
    return Span(monday, monday + timedelta(days=DAYS_PER_WEEK - 1), Granularity.WEEK)


def weekday_in_week(published: date, offset: int, weekday: int) -> Span:
    day = week_span(published, offset).first + timedelta(days=weekday)
    return Span(day, day, Granularity.DAY)


def nearest_weekday(published: date, weekday: int, *, future: bool) -> Span:
    """The last such weekday on or before publication, or the first on or after it."""
    if future:
        ahead = (weekday - published.weekday()) % DAYS_PER_WEEK
        day = published + timedelta(days=ahead)
    else:
        day = published - timedelta(days=(published.weekday() - weekday) % DAYS_PER_WEEK)
    return Span(day, day, Granularity.DAY)


def day_span(published: date, offset: int) -> Span:
    day = published + timedelta(days=offset)
    return Span(day, day, Granularity.DAY)


def pick_year(published: date, make: Callable[[int], Span | None], *, future: bool) -> Span | None:
    """Give a date written without its year the year news usage implies.

    Past by default: the latest such date not after publication (with slack). In a sentence
    about the future: the earliest one not before publication.
    """
    span = make(published.year)
    if span is None:
        return None
    if future and span.last < published - SLACK:
        return make(published.year + 1)
    if not future and span.first > published + SLACK:
        return make(published.year - 1)
    return span
