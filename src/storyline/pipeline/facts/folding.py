"""Folding text for fact extraction: Simplified script, half-width digits, same length.

Extractors match on this copy and report offsets into the caller's text, which is only
possible because every character maps to exactly one character.
"""

from __future__ import annotations

import re
from functools import lru_cache

import opencc

# Full-width ASCII block (！ .. ～) sits at a fixed distance from ASCII.
_FULL_WIDTH_FIRST = 0xFF01
_FULL_WIDTH_LAST = 0xFF5E
_FULL_WIDTH_SHIFT = 0xFEE0
_EXTRA = {0x3000: " ", 0xFFE5: "¥", 0xFFE1: "£", 0xFFE0: "¢"}
# Chinese sentence punctuation stays as written: a full-width comma separates list items
# (3，500 is two numbers), while a half-width one may group digits (3,500).
_KEPT = frozenset("，；：！？（）")


@lru_cache(maxsize=1)
def _width_table() -> dict[int, str]:
    table = {
        c: chr(c - _FULL_WIDTH_SHIFT)
        for c in range(_FULL_WIDTH_FIRST, _FULL_WIDTH_LAST + 1)
        if chr(c) not in _KEPT
    }
    table.update(_EXTRA)
    return table


@lru_cache(maxsize=1)
def _wide() -> re.Pattern[str]:
    """The characters `fold` changes for width (not Chinese punctuation, which it keeps)."""
    return re.compile("[" + "".join(re.escape(chr(c)) for c in sorted(_width_table())) + "]")


@lru_cache(maxsize=1)
def _converter() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


def _to_simplified(text: str) -> str:
    converted: str = _converter().convert(text)
    if len(converted) == len(text):
        return converted
    # A phrase rule changed the length somewhere: fall back to one character at a time,
    # keeping only conversions that stay one character long.
    chars = []
    for ch in text:
        out: str = _converter().convert(ch)
        chars.append(out if len(out) == 1 else ch)
    return "".join(chars)


# The figure and date extractors both normalize the same text in turn; remembering the last few
# saves the second conversion. The function is pure, so the cache cannot change a result.
_RECENT = 8


@lru_cache(maxsize=_RECENT)
def fold(text: str) -> str:
    """Simplified, half-width copy of `text`, of the same length, character for character."""
    if text.isascii():
        return text
    if _wide().search(text) is not None:  # translate is slow per character; most text needs none
        text = text.translate(_width_table())
    return _to_simplified(text)
