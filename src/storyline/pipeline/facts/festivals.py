"""Holidays that name a day: 元旦, 春节, 除夕, Christmas; with or without a year before them."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from storyline.pipeline.clean.datafile import load_toml
from storyline.pipeline.facts import calendar as cal
from storyline.pipeline.facts.calendar import Span
from storyline.pipeline.facts.date_pattern import CN_YEAR
from storyline.pipeline.facts.date_types import Context, Found, Rule, number
from storyline.pipeline.facts.figure_pattern import alternation
from storyline.pipeline.facts.scan import char_anchor, first_characters
from storyline.records import Granularity

# A holiday without a year is looked for this many years either side of publication.
_YEARS_AROUND = 1
# How far back a year before a holiday may start: 二〇一二年 and 的.
_YEAR_REACH = 6


@dataclass(frozen=True, slots=True)
class Festivals:
    fixed: dict[str, tuple[int, int]]
    lunar: dict[str, int]
    new_year: dict[int, date]
    not_after: tuple[str, ...]
    rel_year: dict[str, int]


@lru_cache(maxsize=1)
def festivals() -> Festivals:
    data = load_toml("dates.toml")
    table = data["festivals"]
    return Festivals(
        fixed={name: (int(m), int(d)) for name, (m, d) in table["fixed"].items()},
        lunar=table["lunar"],
        new_year={int(year): day for year, day in table["new_year"].items()},
        not_after=tuple(table["not_after"]),
        rel_year=data["relative"]["year"],
    )


@lru_cache(maxsize=1)
def _pattern() -> re.Pattern[str]:
    fest = festivals()
    names = alternation([*fest.fixed, *fest.lunar])
    return re.compile(
        rf"(?<![A-Za-z])(?P<name>{names})(?![A-Za-z])"
        rf"(?![\"”」』]?(?:{alternation(fest.not_after)}))"
    )


@lru_cache(maxsize=1)
def _year_before() -> re.Pattern[str]:
    """A year just before a holiday (2012年春节, 今年春节, 这个春节); search with `endpos`."""
    rel = alternation(festivals().rel_year)
    return re.compile(rf"(?:(?P<y>{CN_YEAR})年|(?P<ry>{rel})的?|这个)$")


def festival_rules() -> list[Rule]:
    fest = festivals()
    return [Rule(_pattern(), char_anchor(first_characters(fest.fixed, fest.lunar)), read_festival)]


def _day(fest: Festivals, name: str, year: int) -> date | None:
    if name in fest.fixed:
        month, day = fest.fixed[name]
        return date(year, month, day)
    new_year = fest.new_year.get(year)
    return None if new_year is None else new_year + timedelta(days=fest.lunar[name])


def read_festival(match: re.Match[str], ctx: Context) -> Found | None:
    fest = festivals()
    name = match["name"]
    start = match.start()
    before = _year_before().search(match.string, max(0, start - _YEAR_REACH), start)
    if before is not None:
        start = before.start()
        year = number(before["y"]) if before["y"] else None
        if before["ry"]:
            year = ctx.published.year + fest.rel_year[before["ry"]]
        day = _day(fest, name, year) if year is not None else _nearest(fest, name, ctx)
    else:
        day = _nearest(fest, name, ctx)
    if day is None:
        return None
    return Found(start, match.end(), Span(day, day, Granularity.DAY))


def _nearest(fest: Festivals, name: str, ctx: Context) -> date | None:
    around = range(ctx.published.year - _YEARS_AROUND, ctx.published.year + _YEARS_AROUND + 1)
    days = [d for d in (_day(fest, name, y) for y in around) if d is not None]
    if ctx.future:  # in a sentence about what is to come, the one still ahead
        days = [d for d in days if d >= ctx.published - cal.SLACK]
    return min(days, key=lambda d: abs((d - ctx.published).days), default=None)
