"""Find a publication date-time in a short string: a byline, a meta value, a feed field.

Handled: ISO 8601 with or without a zone, `2025-02-11 21:05:46`, `2025/2/11 21:05`,
`2025.02.11`, `2025年2月11日 21:05`, `2025年02月11日21时05分`, `下午3点`, dates in Chinese
numerals (`二〇二五年一月十七日`), full-width digits, RFC 2822 and English dates
(`Feb 11, 2025`, `11 February 2025 9:05 PM`). Dates without a year and relative dates
(`昨天`, `3小时前`) are not read: a date is never guessed.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone, tzinfo
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from storyline.pipeline.clean.datafile import load_toml

# The earliest year accepted: no online news predates it, and a smaller four-digit number in a
# byline is far likelier a count or a code than a year.
MIN_YEAR = 1900
# Years after the current one are accepted up to this many: clocks and time zones put a story
# filed on 31 December into the next year somewhere.
MAX_YEARS_AHEAD = 1

_Reader = Callable[[re.Match[str], tzinfo, str], "datetime | None"]
_FULL_WIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}


@dataclass(frozen=True, slots=True)
class _Found:
    start: int
    length: int
    value: datetime


def parse_published(
    text: str, tz: str = "Asia/Shanghai", *, now: datetime | None = None
) -> datetime | None:
    """The first plausible date-time in `text`, timezone-aware, or None.

    A date without a time is midnight in `tz`; a time without a zone is read in `tz`.
    `now` bounds the year (default: the current time)."""
    if not text or not text.strip():
        return None
    norm = _normalize(text)
    latest = (now or datetime.now(UTC)).year + MAX_YEARS_AHEAD
    zone = _zone(tz)
    found = [f for f in _candidates(norm, zone) if MIN_YEAR <= f.value.year <= latest]
    if not found:
        return None
    return min(found, key=lambda f: (f.start, -f.length)).value


def _normalize(text: str) -> str:
    """Half-width digits and letters, and Chinese numerals before a date unit as digits."""
    return _numeral_run().sub(_numerals_to_digits, text.translate(_FULL_WIDTH))


def _numerals_to_digits(match: re.Match[str]) -> str:
    digits, tens = _numeral_table()
    run = match.group(0)
    if not any(ch in tens for ch in run):
        return "".join(str(digits[ch]) for ch in run)  # 二〇二五 → 2025
    at = next(i for i, ch in enumerate(run) if ch in tens)
    head, tail = run[:at], run[at + 1 :]  # 二十一 → 2, 1; 十七 → "", 7
    multiple = digits.get(head[-1], 1) if head else 1
    return str(multiple * 10 + (digits.get(tail[0], 0) if tail else 0))


def _candidates(norm: str, zone: tzinfo) -> list[_Found]:
    found = []
    for pattern, reader in _readers():
        for match in pattern.finditer(norm):
            value = reader(match, zone, norm)
            if value is not None:
                found.append(_Found(match.start(), match.end() - match.start(), value))
    return found


def _read_numeric(match: re.Match[str], zone: tzinfo, text: str) -> datetime | None:
    month = match.group("m") or match.group("m2")
    day = match.group("d") or match.group("d2")
    return _build(match, int(match.group("y")), int(month), int(day), zone, text)


def _read_english(match: re.Match[str], zone: tzinfo, text: str) -> datetime | None:
    month = _months()[match.group("mon").lower().rstrip(".")]
    return _build(match, int(match.group("y")), month, int(match.group("d")), zone, text)


def _build(
    match: re.Match[str], year: int, month: int, day: int, zone: tzinfo, text: str
) -> datetime | None:
    clock = _clock(match)
    if clock is None:
        return None
    offset = _offset(match.group("tz") or match.group("tzb"))
    if offset is None:
        offset = _zone_word_anywhere(text)
    try:
        local = datetime(year, month, day, *clock)
    except ValueError:
        return None  # month 13, 30 February, …
    return local.replace(tzinfo=zone if offset is None else timezone(offset))


def _clock(match: re.Match[str]) -> tuple[int, int, int] | None:
    """(hour, minute, second), (0, 0, 0) for a date alone; None when out of range."""
    if match.group("H") is None:
        return (0, 0, 0)
    hour = int(match.group("H"))
    minute = 30 if match.group("half") else int(match.group("M") or 0)
    second = min(int(match.group("S") or match.group("S2") or 0), 59)  # a leap second
    hour = _apply_meridiem(hour, match.group("mer") or match.group("ampm"))
    if hour > 23 or minute > 59:
        return None
    return hour, minute, second


def _apply_meridiem(hour: int, marker: str | None) -> int:
    if not marker:
        return hour
    words = load_toml("datetime_words.toml")["meridiem"]
    key = marker.replace(" ", "")
    if key in words["pm"] or key.lower() in words["pm"]:
        return hour + 12 if hour < 12 else hour
    if key in words["noon"]:
        return hour + 12 if hour < 6 else hour
    return 0 if hour == 12 else hour


def _offset(word: str | None) -> timedelta | None:
    if not word:
        return None
    zones = _zones()
    name = word.strip()
    if name.upper() in zones:
        return timedelta(minutes=zones[name.upper()])
    sign_at = max(name.find("+"), name.find("-"))
    if sign_at < 0:
        return None
    sign = -1 if name[sign_at] == "-" else 1
    digits = name[sign_at + 1 :].replace(":", "")
    hours, minutes = (digits[:-2], digits[-2:]) if len(digits) > 2 else (digits, "0")
    base = zones.get(name[:sign_at].strip().upper(), 0)
    delta = sign * (int(hours) * 60 + int(minutes)) + base
    return timedelta(minutes=delta) if abs(delta) < 24 * 60 else None


def _zone_word_anywhere(text: str) -> timedelta | None:
    """A Chinese zone phrase anywhere in the string (北京时间 2月11日…) sets the offset."""
    for word, minutes in _zones().items():
        if not word.isascii() and word in text:
            return timedelta(minutes=minutes)
    return None


def _zone(name: str) -> tzinfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return UTC


@lru_cache(maxsize=1)
def _zones() -> dict[str, int]:
    return {k.upper(): int(v) for k, v in load_toml("datetime_words.toml")["zones"].items()}


@lru_cache(maxsize=1)
def _months() -> dict[str, int]:
    return {k: int(v) for k, v in load_toml("datetime_words.toml")["months"].items()}


@lru_cache(maxsize=1)
def _numeral_table() -> tuple[dict[str, int], tuple[str, ...]]:
    numerals = load_toml("datetime_words.toml")["numerals"]
    return {k: int(v) for k, v in numerals["digits"].items()}, tuple(numerals["tens"])


@lru_cache(maxsize=1)
def _numeral_run() -> re.Pattern[str]:
    numerals = load_toml("datetime_words.toml")["numerals"]
    chars = "".join(numerals["digits"]) + "".join(numerals["tens"])
    return re.compile(f"[{chars}]+(?=[{''.join(numerals['units'])}])")


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@lru_cache(maxsize=1)
def _readers() -> tuple[tuple[re.Pattern[str], _Reader], ...]:
    words = load_toml("datetime_words.toml")
    meridiem = words["meridiem"]
    prefix = _alternation(
        [w for w in meridiem["pm"] + meridiem["am"] + meridiem["noon"] if not w.isascii()]
    )
    suffix = _alternation([w for w in meridiem["pm"] + meridiem["am"] if w.isascii()])
    zone_names = _alternation([w for w in words["zones"] if w.isascii()])
    months = _alternation(list(words["months"]))
    # A zone may also stand between the date and the time (2012-01-11 HKT 21:43).
    clock = (
        rf"(?:\s*(?:T|at|,)?\s*(?:(?P<tzb>{zone_names})\s+(?=\d))?"
        rf"(?P<mer>{prefix})?\s*(?P<H>\d{{1,2}})\s*[:时時点點]"
        r"\s*(?:(?P<M>\d{1,2})\s*分?|(?P<half>半))?"
        r"\s*(?::\s*(?P<S>\d{1,2})(?:\.\d+)?|(?P<S2>\d{1,2})\s*秒)?"
        rf"(?:\s*(?P<ampm>{suffix})(?![A-Za-z]))?)?"
        rf"(?:\s*(?P<tz>(?:{zone_names})(?:\s*[+-]\d{{1,2}}(?::?\d{{2}})?)?|[+-]\d{{2}}:?\d{{2}}))?"
    )
    numeric = (
        r"(?<!\d)(?P<y>\d{4})\s*(?:(?P<sep>[-/.])\s*(?P<m>\d{1,2})\s*(?P=sep)\s*(?P<d>\d{1,2})(?!\d)"
        r"|年\s*(?P<m2>\d{1,2})\s*月\s*(?P<d2>\d{1,2})(?:\s*[日号號]|(?!\d)))"
        # A weekday may stand between the date and the time (2012年1月17日 星期二 10:22).
        r"(?:\s*[（(]?\s*(?:星期|週|周|禮拜|礼拜)[一二三四五六日天]\s*[)）]?)?" + clock
    )
    mdy = rf"(?i:\b(?P<mon>{months})\.?)\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>\d{{4}})\b"
    dmy = rf"\b(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?i:(?P<mon>{months})\b\.?),?\s+(?P<y>\d{{4}})\b"
    return (
        (re.compile(numeric), _read_numeric),
        (re.compile(mdy + clock), _read_english),
        (re.compile(dmy + clock), _read_english),
        (_TIME_FIRST, _read_time_first),
    )


# A clock before its date, as some portals print their byline (18:07 2012-01-16).
_TIME_FIRST = re.compile(
    r"(?<!\d)(?<!\d:)(?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2}))?\s+"
    r"(?P<y>\d{4})(?P<sep>[-/.])(?P<m>\d{1,2})(?P=sep)(?P<d>\d{1,2})(?![\d:])"
)


def _read_time_first(match: re.Match[str], zone: tzinfo, text: str) -> datetime | None:
    hour, minute, second = (int(match.group(g) or 0) for g in ("H", "M", "S"))
    offset = _zone_word_anywhere(text)
    try:
        local = datetime(
            int(match.group("y")), int(match.group("m")), int(match.group("d")),
            hour, minute, min(second, 59),
        )  # fmt: skip
    except ValueError:
        return None  # 25:00, month 13, 30 February, …
    return local.replace(tzinfo=zone if offset is None else timezone(offset))
