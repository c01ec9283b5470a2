"""Patterns and readers for English date expressions.

Month and weekday names are matched with their capital (May the month, not the verb); a month
or year standing alone counts only after a word that introduces a time (in March, since 2019).
Prepositions stay out of the span; `since` stays in, as it makes an open range.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from functools import lru_cache

from storyline.pipeline.facts import calendar as cal
from storyline.pipeline.facts.calendar import Span
from storyline.pipeline.facts.date_lexicon import DateLexicon, date_lexicon
from storyline.pipeline.facts.date_types import Context, Found, Rule
from storyline.pipeline.facts.figure_pattern import alternation
from storyline.pipeline.facts.scan import Anchor, word_anchor
from storyline.records import Granularity

# Years 1900..2099 only: after `in` or `by`, a smaller four-digit number is more often a count.
_YEAR = r"(?:19|20)\d{2}"
_ORDINAL = r"(?:st|nd|rd|th)?"
_UNITS = {"week": Granularity.WEEK, "weekend": Granularity.WEEK, "month": Granularity.MONTH,
          "year": Granularity.YEAR}  # fmt: skip
_SATURDAY = 5
_LONGEST_ABBREVIATION = 4  # Sept


def _months(lex: DateLexicon) -> str:
    """Month names; only a shortened one may take a full stop (Feb.), so that the stop ending
    a sentence (on 25 December.) stays out of the span."""
    full = alternation(m for m in lex.months_en if len(m) > _LONGEST_ABBREVIATION)
    short = alternation(m for m in lex.months_en if len(m) <= _LONGEST_ABBREVIATION)
    return rf"(?P<mon>{full}|(?:{short})(?=\.?(?![A-Za-z])))(?:(?<=[a-z])\.(?=\s\d))?(?![A-Za-z])"


def _introduced_by(words: tuple[str, ...]) -> str:
    return rf"(?<![A-Za-z])(?i:{alternation(words)})\s"


@lru_cache(maxsize=1)
def _patterns() -> dict[str, re.Pattern[str]]:
    lex = date_lexicon()
    months, weekdays = _months(lex), alternation(lex.weekdays_en)
    seasons = alternation(lex.seasons_en)
    rel = alternation(lex.rel_en)
    what = alternation([*_UNITS, *lex.seasons_en, *lex.weekdays_en, *lex.months_en])
    return {
        "calendar": re.compile(
            rf"(?<![\w])(?:(?P<d0>3[01]|[12]\d|0?[1-9]){_ORDINAL}\s(?:of\s)?)?{months}"
            rf"(?:\s(?P<d>3[01]|[12]\d|0?[1-9]){_ORDINAL}(?![\d:]))?(?:,?\s(?P<y>{_YEAR})(?!\d))?"
        ),
        "bare_month": re.compile(rf"{_introduced_by(lex.month_intro)}{months}"),
        "relative": re.compile(
            rf"(?<![A-Za-z])(?P<rel>(?i:{rel}))\s(?P<what>(?i:{what}))(?![A-Za-z])"
        ),
        "day": re.compile(rf"(?<![A-Za-z])(?P<rd>(?i:{alternation(lex.days_en)}))(?![A-Za-z])"),
        "weekday": re.compile(rf"(?<![A-Za-z])(?P<dow>{weekdays})(?![A-Za-z])"),
        "year": re.compile(
            rf"(?:(?<![A-Za-z])(?P<part>(?i:{alternation(lex.year_parts_en)}))\s?|{_introduced_by(lex.year_intro)})"
            rf"(?P<y>{_YEAR})(?![\d]|s\b|-\d)"
            rf"|(?P<since>(?i:{alternation(lex.since_en)}))\s(?P<sy>{_YEAR})(?![\d]|s\b)"
        ),
        "season": re.compile(rf"(?P<season>(?i:{seasons}))\s(?:of\s)?(?P<y>{_YEAR})(?!\d)"),
    }


def english_rules() -> list[Rule]:
    p, anchor = _patterns(), _anchor()
    return [
        Rule(p["calendar"], anchor, _read_calendar),
        Rule(p["bare_month"], anchor, _read_bare_month),
        Rule(p["relative"], anchor, _read_relative),
        Rule(p["day"], anchor, _read_day),
        Rule(p["weekday"], anchor, _read_weekday),
        Rule(p["year"], anchor, _read_year),
        Rule(p["season"], anchor, _read_season),
    ]


@lru_cache(maxsize=1)
def _anchor() -> Anchor:
    """The first words English date expressions can begin with."""
    lex = date_lexicon()
    words = [
        *lex.months_en, *lex.weekdays_en, *lex.rel_en, *lex.days_en, *lex.seasons_en,
        *lex.month_intro, *lex.year_intro, *lex.year_parts_en, *lex.since_en,
    ]  # fmt: skip
    return word_anchor(word.split()[0].rstrip("-") for word in words)


def _read_calendar(match: re.Match[str], ctx: Context) -> Found | None:
    """February 10, 2025; 10 February 2025; Feb 2024; February 10."""
    day_text = match["d"] or match["d0"]
    if not day_text and not match["y"]:
        return None  # a month alone is read by `_read_bare_month`, which wants a word before it
    month = ctx.lex.months_en[match["mon"]]
    days = (int(day_text), int(day_text)) if day_text else None
    granularity = Granularity.DAY if day_text else Granularity.MONTH

    def make(year: int) -> Span | None:
        span = cal.month_span(year, month, days)
        return None if span is None else Span(span.first, span.last, granularity)

    if match["y"]:
        span = make(int(match["y"]))
    else:
        span = cal.pick_year(ctx.published, make, future=ctx.future)
    return None if span is None else Found(match.start(), match.end(), span)


def _read_bare_month(match: re.Match[str], ctx: Context) -> Found | None:
    month = ctx.lex.months_en[match["mon"]]
    span = cal.pick_year(ctx.published, lambda y: cal.month_span(y, month), future=ctx.future)
    return None if span is None else Found(match.start("mon"), match.end(), span)


def _read_relative(match: re.Match[str], ctx: Context) -> Found | None:
    """last week, next month, this year, last March, next Monday, last summer."""
    offset = ctx.lex.rel_en[match["rel"].lower()]
    word = match["what"]
    pub = ctx.published
    span: Span | None
    if word.lower() in _UNITS:
        span = _relative_unit(word.lower(), offset, pub)
    elif word in ctx.lex.months_en:
        span = _relative_month(ctx.lex.months_en[word], offset, pub)
    elif word in ctx.lex.weekdays_en:
        span = _relative_weekday(ctx.lex.weekdays_en[word], offset, pub)
    else:
        span = _relative_season(ctx.lex.seasons_en[word.lower()], offset, pub)
    return None if span is None else Found(match.start(), match.end(), span)


def _relative_unit(unit: str, offset: int, pub: date) -> Span | None:
    if unit == "week":
        return cal.week_span(pub, offset)
    if unit == "weekend":
        saturday = cal.weekday_in_week(pub, offset, _SATURDAY).first
        return Span(saturday, cal.week_span(pub, offset).last, Granularity.WEEK)
    if unit == "month":
        y, m = cal.shift_month(pub.year, pub.month, offset)
        return cal.month_span(y, m)
    return cal.months_span(pub.year + offset, (1, 12), Granularity.YEAR)


def _relative_month(month: int, offset: int, pub: date) -> Span | None:
    """last March: the latest March before this month; next March: the first after it."""
    year = pub.year
    if offset < 0 and month >= pub.month:
        year -= 1
    elif offset > 0 and month <= pub.month:
        year += 1
    return cal.month_span(year, month)


def _relative_weekday(weekday: int, offset: int, pub: date) -> Span:
    if offset == 0:
        return cal.weekday_in_week(pub, 0, weekday)
    if offset > 0:
        return cal.nearest_weekday(pub, weekday, future=True)
    day = cal.nearest_weekday(pub - timedelta(days=1), weekday, future=False)
    return day


def _relative_season(months: tuple[int, int], offset: int, pub: date) -> Span | None:
    """last summer: the latest one over before publication; next: the first one not begun."""
    for year in (
        range(pub.year + 1, pub.year - 3, -1) if offset < 0 else range(pub.year - 1, pub.year + 2)
    ):
        span = cal.months_span(year, months, Granularity.SEASON)
        if span is None:
            continue
        if offset < 0 and span.last < pub:
            return span
        if offset > 0 and span.first > pub:
            return span
        if offset == 0 and year == pub.year:
            return span
    return None


def _read_day(match: re.Match[str], ctx: Context) -> Found:
    span = cal.day_span(ctx.published, ctx.lex.days_en[match["rd"].lower()])
    return Found(match.start(), match.end(), span)


def _read_weekday(match: re.Match[str], ctx: Context) -> Found:
    """On Monday: the last Monday before publication, or the next in a sentence about the
    future."""
    weekday = ctx.lex.weekdays_en[match["dow"]]
    span = cal.nearest_weekday(ctx.published, weekday, future=ctx.future)
    return Found(match.start(), match.end(), span)


def _read_year(match: re.Match[str], ctx: Context) -> Found | None:
    if match["sy"]:
        year = int(match["sy"])
        if year > ctx.published.year:
            return None
        since = Span(date(year, 1, 1), ctx.published, Granularity.YEAR)
        return Found(match.start(), match.end(), since)
    months, start = (1, 12), match.start("y")
    if match["part"]:  # late 2003: the span takes the part in
        months, start = ctx.lex.year_parts_en[match["part"].lower().rstrip("-")], match.start()
    span = cal.months_span(int(match["y"]), months, Granularity.YEAR)
    return None if span is None else Found(start, match.end(), span)


def _read_season(match: re.Match[str], ctx: Context) -> Found | None:
    months = ctx.lex.seasons_en[match["season"].lower()]
    span = cal.months_span(int(match["y"]), months, Granularity.SEASON)
    return None if span is None else Found(match.start(), match.end(), span)
