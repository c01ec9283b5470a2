"""A writer of Chinese numerals, independent of the parser, for round-trip tests."""

from __future__ import annotations

DIGITS = "零一二三四五六七八九"
_PLACES = ((1000, "千"), (100, "百"), (10, "十"), (1, ""))
_WAN = 10**4
_YI = 10**8
_NEEDS_ZERO_BELOW = 1000  # a group under a thousand after a higher group is led by 零


def _group(n: int) -> str:
    """1..9999 in the standard form: 一千零五, 三百二十, 一十五."""
    out: list[str] = []
    gap = False
    for value, name in _PLACES:
        digit = n // value % 10
        if digit == 0:
            gap = bool(out)
            continue
        if gap:
            out.append("零")
            gap = False
        out.append(DIGITS[digit] + name)
    return "".join(out)


def write_chinese(n: int) -> str:
    """`n` (>= 0) in Chinese numerals: 三千八百万, 一亿零五万, 一万二千三百四十五亿."""
    if n == 0:
        return "零"
    yi, rest = divmod(n, _YI)
    wan, low = divmod(rest, _WAN)
    text = write_chinese(yi) + "亿" if yi else ""
    for group, name in ((wan, "万"), (low, "")):
        if not group:
            continue
        if text and (group < _NEEDS_ZERO_BELOW or (name == "" and not wan)):
            text += "零"
        text += _group(group) + name
    return text
