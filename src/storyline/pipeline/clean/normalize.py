"""The normalized copy of a text: Simplified script, half-width letters and digits, tidy spaces.

Matching, search, clustering and extraction read the normalized copy; readers see the original.
An `OffsetMap` links the two.

Script conversion is decided per line. OpenCC's `tw2sp` turns Taiwan phrasing into mainland
phrasing (軟體 → 软件) but also rewrites mainland words in Simplified text (核心 → 内核,
新增 → 添加, measured on the CCTV corpus), so it runs only on lines that contain Traditional
characters, detected by whether character-level `t2s` changes them.
"""

from __future__ import annotations

import re
from functools import lru_cache

import opencc
import rjieba

from storyline.records import OffsetMap

# Full-width letters and digits (U+FF10–FF19, FF21–FF3A, FF41–FF5A) sit at a fixed distance from
# ASCII. Chinese punctuation (，。：；！？) is deliberately left alone.
_FULLWIDTH_DELTA = 0xFEE0
_HALF_WIDTH = {
    cp: cp - _FULLWIDTH_DELTA
    for cp in [*range(0xFF10, 0xFF1A), *range(0xFF21, 0xFF3B), *range(0xFF41, 0xFF5B)]
}
_HALF_WIDTH[0x3000] = 0x20  # the ideographic space is a space
_HALF_WIDTH[0x00A0] = 0x20  # so is the no-break space that scrapers leave behind
_NEEDS_WIDTH = re.compile("[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a\u3000\u00a0]")

# Horizontal space runs collapse to one space; CR LF and CR become LF; zero-width marks go.
_SPACES = re.compile(r"\r\n|\r|[ \t\f\v]{2,}|[\t\f\v]|[\u200b\ufeff]")
# A text with no two spaces in a row and none of these characters holds no `_SPACES` match (a
# run of two or more is all spaces or holds one of \t \f \v). Both tests scan fast; `_SPACES`,
# an alternation, tries every branch at every position: 6x slower on CCTV texts, most of
# which hold no match at all.
_SPACE_MARKS = re.compile("[\r\t\f\v\u200b\ufeff]")


def _space_replacement(run: str) -> str:
    if run[0] == "\r":
        return "\n"
    return "" if run in ("\u200b", "\ufeff") else " "


@lru_cache(maxsize=4)
def _converter(config: str) -> opencc.OpenCC:
    return opencc.OpenCC(config)


def to_simplified(text: str) -> str:
    """Simplified script for matching, phrase-aware for lines written in Traditional."""
    return normalize(text)[0]


def half_width_same_length(text: str) -> str:
    """`text` with full-width digits and letters (and the ideographic and no-break spaces)
    written as ASCII, one character for one, so that an offset into the copy is the same offset
    into `text`: for rules written with ASCII digits to read ２０１２年. Punctuation stays."""
    return text.translate(_HALF_WIDTH) if _NEEDS_WIDTH.search(text) else text


def simplified_same_length(text: str) -> str:
    """`text` with each Traditional character written Simplified and nothing else changed, so
    that an offset into the copy is the same offset into `text`: for rules written in Simplified
    script to read Traditional text. Character-level `t2s`; should it ever change the length,
    `text` is returned as it is."""
    chars: str = _converter("t2s.json").convert(text)
    return chars if len(chars) == len(text) else text


def normalize(text: str) -> tuple[str, OffsetMap]:
    """Return the normalized copy of `text` and the map from its offsets to `text`'s."""
    builder = _MapBuilder()
    chars = _converter("t2s.json").convert(text)
    if len(chars) != len(text):  # t2s is 1:1 per character; guard anyway
        chars = text
    if chars == text:  # all Simplified (most input): no line needs phrase conversion
        builder.add(text, 0)
        return builder.finish()
    pos = 0
    for line in text.splitlines(keepends=True):
        end = pos + len(line)
        simple = chars[pos:end]
        if simple == line:
            builder.add(line, pos)
        else:
            _add_traditional(builder, line, pos)
        pos = end
    return builder.finish()


def _add_traditional(builder: _MapBuilder, line: str, pos: int) -> None:
    phrased = _converter("tw2sp.json").convert(line)
    if len(phrased) == len(line):
        builder.add(phrased, pos)
        return
    # Phrase conversion changed the length (記憶體 → 内存): convert word by word so that each
    # word's start stays anchored in the original.
    for word, start, _end in rjieba.tokenize(line):
        builder.add(_converter("tw2sp.json").convert(word), pos + start)


class _MapBuilder:
    """Collects normalized pieces and the breakpoints where offsets shift.

    Each piece added corresponds to the original from `orig_pos` on; a breakpoint is recorded
    only where the running mapping would otherwise predict a different original offset.
    """

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.norm = [0]
        self.orig = [0]
        self.length = 0

    def add(self, piece: str, orig_pos: int) -> None:
        if _NEEDS_WIDTH.search(piece):  # a regex scan is ~10x cheaper than translate()
            piece = piece.translate(_HALF_WIDTH)
        if "  " not in piece and not _SPACE_MARKS.search(piece):
            self._emit(piece, orig_pos)
            return
        last = 0
        for match in _SPACES.finditer(piece):
            self._emit(piece[last : match.start()], orig_pos + last)
            self._emit(_space_replacement(match.group()), orig_pos + match.start())
            last = match.end()
        self._emit(piece[last:], orig_pos + last)

    def _emit(self, piece: str, orig_pos: int) -> None:
        if not piece:
            return
        if orig_pos != self.orig[-1] + (self.length - self.norm[-1]):
            self.norm.append(self.length)
            self.orig.append(orig_pos)
        self.parts.append(piece)
        self.length += len(piece)

    def finish(self) -> tuple[str, OffsetMap]:
        return "".join(self.parts), OffsetMap(self.norm, self.orig)
