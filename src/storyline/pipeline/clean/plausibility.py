"""How plausible a decoded text is: the evidence `decode` weighs between candidate encodings.

Mojibake from reading Chinese bytes with the wrong Chinese codec is made of valid but rare
characters, so the key signal is the share of *rare* ideographs. "Common" is taken from the two
standards that ordered their first level by frequency of use: GB 2312 level 1 (3,755 characters,
rows 0xB0–0xD7) and Big5 level 1 (5,401 characters, 0xA440–0xC67E). Both sets are read from
Python's own codecs, so no character list is shipped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

# Code point blocks of Han ideographs: Extension A, the unified block, compatibility
# ideographs, and the supplementary planes (Extensions B–H).
_HAN_BLOCKS = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003ffff"
# Private-use areas, where a legacy codec maps its unassigned codes, and half-width katakana
# (JIS X 0201), obsolete in running text but what single bytes 0xA1–0xDF become in Shift_JIS.
_PRIVATE_USE = "\ue000-\uf8ff\U000f0000-\U0010ffff\uff61-\uff9f"
# C0 and C1 control characters other than the whitespace controls \t \n \v \f \r.
_C0_CONTROLS = bytes([*range(0x00, 0x09), *range(0x0E, 0x20), 0x7F])
_ALL_BUT_C0_CONTROLS = bytes(b for b in range(0x100) if b not in _C0_CONTROLS)
_ASCII_BYTES = bytes(range(0x80))
_C1_CONTROLS = re.compile(rb"\xc2[\x80-\x9f]")
# Punctuation and full-width forms that Chinese text uses between ideographs.
_CJK_MARKS = "\u3000-\u303f\uff00-\uff60\uffe0-\uffef\u2010-\u2027\u2030-\u205e"


@dataclass(frozen=True, slots=True)
class Plausibility:
    """Counts over one decoded text."""

    chars: int  # every character
    foreign: int  # characters outside ASCII
    replaced: int  # U+FFFD in the text
    controls: int  # control characters other than whitespace
    rare: int  # ideographs outside the common sets, private-use and half-width kana

    @property
    def rare_share(self) -> float:
        return self.rare / self.foreign if self.foreign else 0.0


def measure(text: str, *, rare: bool = True) -> Plausibility:
    """Count what `decode` needs to judge `text`.

    The counts run over the UTF-8 form, where `bytes.translate` drops the ASCII bytes (a page is
    mostly ASCII markup) without ever splitting a multi-byte sequence: 2.5x faster than a regex.
    The non-ASCII characters are decoded back only for the rare-ideograph class; `rare=False`
    skips that count (left 0), which is most of the cost on a clean UTF-8 reading."""
    utf8 = text.encode("utf-8", "surrogatepass")
    foreign_bytes = utf8.translate(None, _ASCII_BYTES)
    c0 = len(utf8.translate(None, _ALL_BUT_C0_CONTROLS))
    # U+0080-U+009F are C2 80-C2 9F in UTF-8; C2 is only ever a lead byte, so a text with no
    # C2 byte (most Chinese text) has no C1 control and needs no search.
    c1 = len(_C1_CONTROLS.findall(foreign_bytes)) if 0xC2 in foreign_bytes else 0
    rare_count = 0
    if rare and foreign_bytes:
        rare_count = _count(_patterns()[0], foreign_bytes.decode("utf-8", "surrogatepass"))
    return Plausibility(
        chars=len(text),
        foreign=len(text) - (len(utf8) - len(foreign_bytes)),  # all but the ASCII characters
        replaced=text.count("\ufffd"),
        controls=c0 + c1,
        rare=rare_count,
    )


def common_share(text: str) -> float:
    """Share of non-ASCII characters that are common ideographs or CJK punctuation."""
    foreign = len(text) - len(text.encode("ascii", "ignore"))
    return _count(_patterns()[1], text) / foreign if foreign else 0.0


def _count(pattern: re.Pattern[str], text: str) -> int:
    return len(pattern.findall(text))


@lru_cache(maxsize=1)
def common_han() -> frozenset[str]:
    """GB 2312 level 1 and Big5 level 1: the frequent ideographs of both scripts."""
    gb = _decode_rows("gb2312", range(0xB0, 0xD8), range(0xA1, 0xFF))
    big5_trails = [*range(0x40, 0x7F), *range(0xA1, 0xFF)]
    big5 = _decode_rows("big5", range(0xA4, 0xC7), big5_trails, last=(0xC6, 0x7E))
    return frozenset(gb | big5)


def _decode_rows(
    codec: str, leads: range, trails: range | list[int], last: tuple[int, int] = (0xFF, 0xFF)
) -> set[str]:
    out: set[str] = set()
    for lead in leads:
        for trail in trails:
            if (lead, trail) > last:
                break
            try:
                out.add(bytes((lead, trail)).decode(codec))
            except UnicodeDecodeError:
                continue
    return out


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Character classes for rare ideographs (Han blocks minus the common set) and for common."""
    common = sorted(common_han())
    gaps: list[str] = []
    start = 0x4E00
    for ch in common:
        if ord(ch) > start:
            gaps.append(f"{_esc(start)}-{_esc(ord(ch) - 1)}")
        start = ord(ch) + 1
    gaps.append(f"{_esc(start)}-{_esc(0x9FFF)}")
    other_han = _HAN_BLOCKS.replace("\u4e00-\u9fff", "")
    rare = re.compile(f"[{''.join(gaps)}{other_han}{_PRIVATE_USE}]")
    common_class = "".join(re.escape(ch) for ch in common)
    return rare, re.compile(f"[{common_class}{_CJK_MARKS}]")


def _esc(code: int) -> str:
    return f"\\U{code:08x}"
