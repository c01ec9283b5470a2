"""Readers for Chinese date expressions: each turns a match into an interval."""

from __future__ import annotations

import re
from datetime import date

from storyline.pipeline.facts import calendar as cal
from storyline.pipeline.facts.calendar import Span
from storyline.pipeline.facts.date_lexicon import date_lexicon
from storyline.pipeline.facts.date_pattern import calendar_anchor, chinese_patterns, relative_anchor
from storyline.pipeline.facts.date_types import Context, Found, Rule, number
from storyline.pipeline.facts.scan import char_anchor
from storyline.records import Granularity

SATURDAY = 5  # as date.weekday() counts
_DIGIT_ANCHOR = char_anchor(re.compile(r"(?<!\d)[12]\d{3}[-/.]"))


def chinese_rules() -> list[Rule]:
    patterns, lex = chinese_patterns(), date_lexicon()
    anchor, relative_start = calendar_anchor(), relative_anchor()
    # Every relative expression holds one of these: 月 日 号 年, a week word, a day word.
    relative = "".join({ch for word in (*lex.week_words, *lex.rel_day) for ch in word}) + "季"
    return [
        Rule(patterns["date"], anchor, read_date, re.compile("月")),
        Rule(patterns["year"], anchor, read_year, re.compile("年")),
        Rule(
            patterns["relative"], relative_start, read_relative, re.compile(f"[月日号年{relative}]")
        ),
        Rule(patterns["numeric"], _DIGIT_ANCHOR, read_numeric),
    ]


def _year(match: re.Match[str], ctx: Context) -> int | None:
    if match["y"]:
        return number(match["y"])
    if match["ry"]:
        return ctx.published.year + ctx.lex.rel_year[match["ry"]]
    if "ey" in match.re.groupindex and match["ey"]:  # only the year pattern knows eras
        era_year = number(match["ey"])
        return None if era_year is None else era_year + ctx.lex.eras[match["era"]]
    return None


def _month_days(match: re.Match[str], ctx: Context, day: str, part: str) -> tuple[int, int] | None:
    if match[day]:
        d = number(match[day])
        return None if d is None else (d, d)
    if match[part]:
        return ctx.lex.month_parts[match[part]]
    return None


def read_date(match: re.Match[str], ctx: Context) -> Found | None:
    """年月日, 月日, 年月, 月 with an optional part, range tail and 以来."""
    month = number(match["m"])
    if month is None:
        return None
    days = _month_days(match, ctx, "d", "mp")
    granularity = Granularity.DAY if match["d"] else Granularity.MONTH
    year = _year(match, ctx)
    last_month = number(match["mlast"]) or month

    def make(y: int) -> Span | None:
        if last_month != month:  # 1—4月: January to April; 11—2月 runs into the next year
            end = last_month if last_month > month else last_month + cal.MONTHS_PER_YEAR
            return cal.months_span(y, (month, end), Granularity.MONTH)
        span = cal.month_span(y, month, days)
        return None if span is None else Span(span.first, span.last, granularity)

    span = make(year) if year is not None else cal.pick_year(ctx.published, make, future=ctx.future)
    if span is None:
        return None
    end = _end_before_since(match)
    if match["to"]:
        span, end = _range_tail(match, ctx, span)
    return _with_since(match, ctx, span, end)


def _range_tail(match: re.Match[str], ctx: Context, span: Span) -> tuple[Span, int]:
    """Extend `span` to the end of the tail (2月10日到12日, 8月至11月); without one, stop before
    the connective."""
    cut = match.start("to")
    if not (match["y2"] or match["m2"] or match["d2"]):
        return span, cut
    year = number(match["y2"]) or span.first.year
    month = number(match["m2"]) or span.first.month
    if match["d2"] and not match["d"] and not match["m2"]:
        return span, cut  # 8月至12日 mixes a month with a day of an unnamed month
    if not match["y2"] and month < span.first.month:
        year += 1  # 12月至1月 runs into the next year
    days = _month_days(match, ctx, "d2", "mp2")
    tail = cal.month_span(year, month, days)
    if tail is None or tail.last < span.first:
        return span, cut
    return Span(span.first, tail.last, span.granularity), _end_before_since(match)


def _end_before_since(match: re.Match[str]) -> int:
    return match.start("since") if match["since"] else match.end()


def _with_since(match: re.Match[str], ctx: Context, span: Span, end: int) -> Found:
    if match["since"] and end == match.start("since") and span.first <= ctx.published:
        return Found(match.start(), match.end(), Span(span.first, ctx.published, span.granularity))
    return Found(match.start(), min(end, match.start("since") if match["since"] else end), span)


def read_year(match: re.Match[str], ctx: Context) -> Found | None:
    """2015年, 去年, 2025年底, 今年夏天, 2015-2018年, 2019年以来."""
    year = _year(match, ctx)
    if year is None:
        return None
    span = _year_span(match, ctx, year)
    if span is None:
        return None
    if match["y2"]:
        last = number(match["y2"])
        if last is None or last < year:
            return None
        span = Span(span.first, date(last, 12, 31), Granularity.YEAR)
    return _with_since(match, ctx, span, _end_before_since(match))


def _year_span(match: re.Match[str], ctx: Context, year: int) -> Span | None:
    if match["yp"]:
        return cal.months_span(year, ctx.lex.year_parts[match["yp"]], Granularity.YEAR)
    if match["nm"]:  # 前11个月: the first eleven months
        months = number(match["nm"])
        return None if months is None else cal.months_span(year, (1, months), Granularity.MONTH)
    if match["season"]:
        return cal.months_span(year, ctx.lex.seasons_zh[match["season"]], Granularity.SEASON)
    return cal.months_span(year, (1, 12), Granularity.YEAR)


def read_relative(match: re.Match[str], ctx: Context) -> Found | None:
    """上月, 本月初; 昨天; 上周, 本周一, 周三; bare 年底, 月初."""
    pub = ctx.published
    span: Span | None
    if match["rm"]:
        y, m = cal.shift_month(pub.year, pub.month, ctx.lex.rel_month[match["rm"]])
        days = _month_days(match, ctx, "d", "mp")
        span = cal.month_span(y, m, days)
        if span is not None and match["d"]:
            span = Span(span.first, span.last, Granularity.DAY)
    elif match["rd"]:
        span = cal.day_span(pub, ctx.lex.rel_day[match["rd"]])
    elif match["bareyear"]:
        span = cal.months_span(pub.year, ctx.lex.year_parts[match["bareyear"]], Granularity.YEAR)
    elif match["bareday"] or match["barecnday"]:
        span = _bare_day(match, ctx)
    elif match["bareq"]:
        span = _latest(ctx.lex.year_parts[match["bareq"]], ctx)
    elif match["barenm"]:
        months = number(match["barenm"])
        span = None if months is None else _latest((1, months), ctx)
    elif match["baremonth"]:
        span = cal.month_span(pub.year, pub.month, ctx.lex.month_parts[match["baremonth"]])
    else:
        span = _week(match, ctx)
    if span is None:
        return None
    return _with_since(match, ctx, span, _end_before_since(match))


def _latest(months: tuple[int, int], ctx: Context) -> Span | None:
    """一季度, 前11个月 without a year: the latest such stretch over by publication, as reports
    speak of finished periods; in a sentence about the future, the next one not yet over."""
    pub = ctx.published
    years = (pub.year, pub.year + 1) if ctx.future else (pub.year, pub.year - 1)
    for year in years:
        span = cal.months_span(year, months, Granularity.YEAR)
        if span is None:
            continue
        over = span.last <= pub + cal.SLACK
        if over != ctx.future or year != pub.year:
            return span
    return None


def _bare_day(match: re.Match[str], ctx: Context) -> Span | None:
    """5日称: a day of the publication month, or of the month before when it lies ahead;
    5日至9日 runs to the second day of the same month."""
    day = number(match["bareday"] or match["barecnday"])
    if day is None:
        return None
    span = _bare_day_span(day, ctx)
    last_day = number(match["bareday2"]) if match["bareday2"] else None
    if span is None or last_day is None:
        return span
    last = cal.safe_date(span.first.year, span.first.month, last_day)
    return Span(span.first, last, Granularity.DAY) if last and last >= span.first else None


def _bare_day_span(day: int, ctx: Context) -> Span | None:
    pub = ctx.published
    for offset in (0, -1, 1) if not ctx.future else (0, 1, -1):
        y, m = cal.shift_month(pub.year, pub.month, offset)
        found = cal.safe_date(y, m, day)
        if found is None:
            continue
        ahead = found > pub + cal.SLACK if not ctx.future else found < pub - cal.SLACK
        if not ahead:
            return Span(found, found, Granularity.DAY)
    return None


def _week(match: re.Match[str], ctx: Context) -> Span | None:
    weekday = ctx.lex.weekdays_zh.get(match["dow"] or "")
    if match["weekend"]:
        if match["rw"] is None:
            return None  # 周末 alone is any weekend
        offset = ctx.lex.rel_week[match["rw"]]
        saturday = cal.weekday_in_week(ctx.published, offset, SATURDAY).first
        return Span(saturday, cal.week_span(ctx.published, offset).last, Granularity.WEEK)
    if match["rw"] is None:
        if weekday is None:
            return None  # a bare 周 is a week of something, not a date
        return cal.nearest_weekday(ctx.published, weekday, future=ctx.future)
    offset = ctx.lex.rel_week[match["rw"]]
    if weekday is None:
        return cal.week_span(ctx.published, offset)
    return cal.weekday_in_week(ctx.published, offset, weekday)


def read_numeric(match: re.Match[str], ctx: Context) -> Found | None:
    """2025-01-17, 2025/1/17, 2025.01.17."""
    del ctx
    day = cal.safe_date(int(match["y"]), int(match["m"]), int(match["d"]))
    if day is None:
        return None
    return Found(match.start(), match.end(), Span(day, day, Granularity.DAY))
