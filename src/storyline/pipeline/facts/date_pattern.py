"""Regular expressions for date expressions, built from the shipped word lists.

Each pattern has a kind; `chinese_dates` reads a match of each kind. All run on the folded text
(Simplified, half-width), and a clock before a date (当地时间) is taken in by `dates.py`.
"""

from __future__ import annotations

import re
from functools import lru_cache

from storyline.pipeline.facts.date_lexicon import DateLexicon, date_lexicon
from storyline.pipeline.facts.figure_pattern import alternation
from storyline.pipeline.facts.scan import Anchor, char_anchor, first_characters

# A year written out in full, 1800..2199 (news speaks of history and plans, not of 1066 or 2500;
# a narrower range keeps 3000年 and 9999年 out), in Arabic or Chinese digits (二〇二五).
CN_YEAR = r"(?:1[89]|20|21)\d{2}|[一二][〇零一二三四五六七八九]{3}"
CN_MONTH = r"1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九]"
_CN_DAY = r"3[01]|[12]\d|0?[1-9]|三十一?|二?十[一二三四五六七八九]?|[一二三四五六七八九]"


_NUMERAL_START = "0123456789〇零一二三四五六七八九十"


def _not(words: tuple[str, ...]) -> str:
    return rf"(?!{alternation(words)})"


def _month_part(lex: DateLexicon, tag: str) -> str:
    long = [p for p in lex.month_parts if len(p) > 1]
    short = [p for p in lex.month_parts if len(p) == 1 and p != "中"]  # 1月中国 is no part
    return rf"(?P<{tag}>{alternation(long)}|(?:{alternation(short)}){_not(lex.after_part)})"


def _since(lex: DateLexicon) -> str:
    return rf"(?P<since>{alternation(lex.since)})?"


def _chinese_date(lex: DateLexicon) -> str:
    """年月日, 月日, 年月 and 月 with parts, ranges and 以来: 2017年8月至11月, 4月下旬."""
    tail = (
        rf"(?:(?P<to>{alternation(lex.between)})(?:(?P<y2>{CN_YEAR})年)?"
        rf"(?:(?P<m2>{CN_MONTH})月份?)?(?:(?P<d2>{_CN_DAY})[日号])?{_month_part(lex, 'mp2')}?)?"
    )
    return (
        rf"(?:(?P<y>{CN_YEAR})年|(?P<ry>{alternation(lex.rel_year)}))?"
        rf"(?<![\d.个第])(?P<m>{CN_MONTH})(?:(?P<mto>{alternation(lex.between)})"
        rf"(?P<mlast>{CN_MONTH})(?=月))?月份?(?:(?P<d>{_CN_DAY})[日号]|{_month_part(lex, 'mp')})?"
        rf"{tail}{_since(lex)}"
    )


def _chinese_year(lex: DateLexicon) -> str:
    """2015年, 去年, 今年夏天, 2025年底, 2015-2018年, 2019年以来."""
    parts = alternation(p for p in lex.year_parts if len(p) > 1 or p != "中")
    season = (
        rf"(?P<season>{alternation(lex.seasons_zh)})(?:{alternation(lex.season_suffixes)})?"
        rf"{_not(lex.not_after_season)}"
    )
    return (
        rf"(?:(?<!\d)(?P<y>{CN_YEAR})(?:(?P<to>{alternation(lex.between)})"
        rf"(?P<y2>{CN_YEAR}))?年(?!代)|(?P<ry>{alternation(lex.rel_year)})"
        rf"|(?P<era>{alternation(lex.eras)})(?P<ey>\d{{1,3}}|[一二三四五六七八九十百]{{1,5}})年)"
        rf"(?:(?P<yp>{parts}){_not(lex.after_part)}|{season}|前(?P<nm>{CN_MONTH})个月)?"
        rf"{_since(lex)}"
    )


def _chinese_relative(lex: DateLexicon) -> str:
    """上月, 本月初, 上个月10日; 今天, 昨日; 上周, 本周一, 周三; bare 年底 and 月初."""
    week = alternation(lex.week_words)
    weekday = alternation(lex.weekdays_zh)
    # 年中 alone is too often 周年中 or 三年中 to be read as mid-year.
    bare_year = alternation(
        p for p in lex.year_parts if (p.startswith("年") and p != "年中") or p.endswith("半年")
    )
    quarters = alternation(p for p in lex.year_parts if "季度" in p)
    return (
        rf"(?:"
        rf"(?P<rm>{alternation(lex.rel_month)})(?:(?P<d>{_CN_DAY})[日号]|{_month_part(lex, 'mp')})?"
        rf"|(?P<rd>{alternation(lex.rel_day)})"
        rf"|(?<!{_lookbehind(lex.not_before_week)})(?P<rw>{alternation(lex.rel_week)})?(?:{week})"
        rf"(?:(?P<dow>{weekday})|(?<=[周期])(?P<weekend>末)|{_not(lex.after_week)})"
        rf"|(?<!{_lookbehind(lex.before_bare_part)})(?<![\d〇零一二三四五六七八九十今去明前后本上来])"
        rf"(?P<bareyear>{bare_year}){_not(lex.after_part)}"
        rf"|(?<!{_lookbehind(lex.before_bare_part)})(?<![\d一二三四五六七八九十个])"
        rf"月(?P<baremonth>初|底|末){_not(lex.after_part)}"
        # A bare day: 5日称. Written in Chinese numerals it needs 日, as 十九号 is most often a
        # name (神舟十九号).
        rf"|(?<![\d.月〇零一二三四五六七八九十第])(?:(?P<bareday>3[01]|[12]\d|0?[1-9])[日号]"
        rf"(?:(?P<dto>{alternation(lex.between)})(?P<bareday2>3[01]|[12]\d|0?[1-9])[日号])?"
        rf"|(?P<barecnday>二?十[一二三四五六七八九]?|三十一?)日){_not(lex.not_after_day)}"
        # A quarter or the first months without a year (一季度, 前11个月): statistics reports.
        rf"|(?<![\d〇零一二三四五六七八九十年第])(?P<bareq>{quarters})"
        rf"|(?<![\d年])前(?P<barenm>{CN_MONTH})个月"
        rf"){_since(lex)}"
    )


def _lookbehind(words: tuple[str, ...]) -> str:
    """A class of single characters, as Python lookbehinds need a fixed width."""
    return "[" + "".join(re.escape(w) for w in words if len(w) == 1) + "]"


def _numeric() -> str:
    return (
        r"(?<![\d.])(?P<y>(?:19|20)\d{2})(?P<sep>[-/.])(?P<m>1[0-2]|0?[1-9])(?P=sep)"
        r"(?P<d>3[01]|[12]\d|0?[1-9])(?![\d.])"
    )


@lru_cache(maxsize=1)
def chinese_patterns() -> dict[str, re.Pattern[str]]:
    lex = date_lexicon()
    return {
        "date": re.compile(_chinese_date(lex)),
        "year": re.compile(_chinese_year(lex)),
        "relative": re.compile(_chinese_relative(lex)),
        "numeric": re.compile(_numeric()),
    }


@lru_cache(maxsize=1)
def calendar_anchor() -> Anchor:
    """Where a calendar date or year can begin: a digit, a numeral, 去年, 民国. A clock before
    it (当地时间) is found by `clock_before`."""
    lex = date_lexicon()
    return char_anchor(first_characters(_NUMERAL_START, lex.rel_year, lex.eras))


@lru_cache(maxsize=1)
def relative_anchor() -> Anchor:
    """Where a relative date can begin: 上月, 昨天, 本周一, 周三, 年底, 上半年, 月初, 5日,
    一季度, 前11个月."""
    lex = date_lexicon()
    return char_anchor(
        first_characters(
            _NUMERAL_START, "月年上下前第", lex.rel_month, lex.rel_week, lex.week_words, lex.rel_day
        )
    )


@lru_cache(maxsize=1)
def clock_before() -> re.Pattern[str]:
    """A clock named right before a date (当地时间2月10日); search it with `endpos`."""
    return re.compile(rf"(?:{alternation(date_lexicon().clocks)})\s?$")


@lru_cache(maxsize=1)
def clock_ends() -> frozenset[str]:
    return frozenset({clock[-1] for clock in date_lexicon().clocks} | {" "})
