"""Holidays that name a day: 元旦, 春节, 除夕, Christmas; with or without a year before them."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from storyline.pipeline.facts import calendar as cal
from storyline.pipeline.facts.calendar import Span
from storyline.pipeline.facts.date_pattern import CN_YEAR
from storyline.pipeline.facts.date_types import Context, Found, Reader, number
from storyline.pipeline.facts.figure_pattern import alternation
from storyline.pipeline.facts.lexicon import load_toml
from storyline.records import Granularity

# A holiday without a year is looked for this many years either side of publication.
_YEARS_AROUND = 1


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
    year = rf"(?:(?P<y>{CN_YEAR})年|(?P<ry>{alternation(fest.rel_year)})的?|这个)?"
    return re.compile(
        rf"{year}(?<![A-Za-z])(?P<name>{names})(?![A-Za-z])(?![\"”」』]?(?:{alternation(fest.not_after)}))"
    )


def festival_readers() -> list[tuple[re.Pattern[str], Reader]]:
    return [(_pattern(), read_festival)]


def _day(fest: Festivals, name: str, year: int) -> date | None:
    if name in fest.fixed:
        month, day = fest.fixed[name]
        return date(year, month, day)
    new_year = fest.new_year.get(year)
    return None if new_year is None else new_year + timedelta(days=fest.lunar[name])


def read_festival(match: re.Match[str], ctx: Context) -> Found | None:
    fest = festivals()
    name = match["name"]
    if match["y"] or match["ry"]:
        year = number(match["y"]) if match["y"] else ctx.published.year + fest.rel_year[match["ry"]]
        day = None if year is None else _day(fest, name, year)
    else:
        around = range(ctx.published.year - _YEARS_AROUND, ctx.published.year + _YEARS_AROUND + 1)
        days = [d for d in (_day(fest, name, y) for y in around) if d is not None]
        if ctx.future:  # in a sentence about what is to come, the one still ahead
            days = [d for d in days if d >= ctx.published - cal.SLACK]
        day = min(days, key=lambda d: abs((d - ctx.published).days), default=None)
    if day is None:
        return None
    return Found(match.start(), match.end(), Span(day, day, Granularity.DAY))
