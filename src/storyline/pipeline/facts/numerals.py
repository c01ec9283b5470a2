"""Read numbers written in Chinese numerals, Arabic digits, or a mix of both (3800万, 8千亿).

The input is the normal form (Simplified, half-width). `两` and `〇` are ordinary digits; `数` and
`几` stand for an unknown digit and make the result a range.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

DIGITS = {
    "零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4,
    "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
    "壹": 1, "贰": 2, "叁": 3, "肆": 4, "伍": 5, "陆": 6, "柒": 7, "捌": 8, "玖": 9,
}  # fmt: skip
SMALL_UNITS = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
BIG_UNITS = {"万": 10**4, "亿": 10**8, "兆": 10**12}
# An unknown digit: 数十 reads 20..90 and 十几 reads 11..19 in news usage.
VAGUE = frozenset("数几")
_VAGUE_LOW_LEADING = 2
_VAGUE_LOW_AFTER_UNIT = 1
_VAGUE_HIGH = 9

# News repeats a small set of numerals (3月, 十四五, 100亿); a pure cache of this size holds them.
_KNOWN_NUMERALS = 4096
NUMERAL_CHARS = "".join(DIGITS) + "".join(SMALL_UNITS) + "".join(BIG_UNITS) + "".join(VAGUE)
_TOKEN = re.compile(r"\d+(?:,\d{3})*(?:\.\d+)?|点[零〇一二两三四五六七八九]+|.", re.S)


@dataclass(frozen=True, slots=True)
class Reading:
    """The value of a numeral; `low < high` when it had a vague digit (数十亿)."""

    low: float
    high: float
    vague: bool = False


@lru_cache(maxsize=_KNOWN_NUMERALS)
def parse_numeral(text: str) -> Reading | None:
    """The value of `text` (e.g. `三千八百万`, `2.46万亿`, `二〇二五`), or None if it is not one."""
    if not text:
        return None
    if _is_pair(text, 0) and (len(text) == 2 or text[2] not in DIGITS):
        return _pair(text)
    if len(text) > 1 and all(ch in DIGITS for ch in text):
        return _digit_string(text)
    low = _evaluate(text, vague_high=False)
    high = _evaluate(text, vague_high=True)
    if low is None or high is None:
        return None
    return Reading(low, high, vague=any(ch in VAGUE for ch in text))


def _is_pair(text: str, at: int) -> bool:
    """Two neighbouring digits (一两, 五六) say `one or two`, `five or six`."""
    if at + 1 >= len(text) or text[at] not in DIGITS or text[at + 1] not in DIGITS:
        return False
    first, second = DIGITS[text[at]], DIGITS[text[at + 1]]
    return first > 0 and second == first + 1


def _pair(text: str) -> Reading | None:
    """一两千 reads 1000..2000: the first digit for the low end, the second for the high."""
    low = _evaluate(text[0] + text[2:], vague_high=False)
    high = _evaluate(text[1:], vague_high=True)
    if low is None or high is None:
        return None
    return Reading(low, high, vague=True)


def _digit_string(text: str) -> Reading:
    value = float("".join(str(DIGITS[ch]) for ch in text))
    return Reading(value, value)


def _evaluate(text: str, *, vague_high: bool) -> float | None:
    total = 0.0  # what the big units (万, 亿) have gathered
    section = 0.0  # what the small units (十, 百, 千) have gathered below the next big unit
    number: float | None = None  # the last digit or Arabic number, not yet given a unit
    after_unit = False
    for token in _TOKEN.findall(text):
        if token[0].isdigit():
            number = float(token.replace(",", ""))
        elif token.startswith("点"):
            if number is None:
                return None
            number += float("0." + "".join(str(DIGITS[ch]) for ch in token[1:]))
        elif token in DIGITS:
            number = float(DIGITS[token])
        elif token in VAGUE:
            low = _VAGUE_LOW_AFTER_UNIT if after_unit else _VAGUE_LOW_LEADING
            number = float(_VAGUE_HIGH if vague_high else low)
        elif token in SMALL_UNITS:
            section += (1.0 if number is None else number) * SMALL_UNITS[token]
            number = None
        elif token in BIG_UNITS:
            total = _apply_big(total, section + (number or 0.0), BIG_UNITS[token])
            section, number = 0.0, None
        else:
            return None
        after_unit = token in SMALL_UNITS or token in BIG_UNITS
    return total + section + (number or 0.0)


def _apply_big(total: float, value: float, unit: int) -> float:
    if value == 0 and total == 0:
        value = 1.0  # a bare 万 or 亿 counts one of it (千亿 = 1000 × 1亿 is handled by section)
    if total < unit:
        # 一万亿: the smaller big unit already gathered is multiplied by the larger one.
        return (total + value) * unit
    return total + value * unit  # 一亿三千万: a lower group adds to a higher one
