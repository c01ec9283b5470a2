"""Markdown and markup artefacts inside one line: images, bold markers, heading marks, links.

These are syntax, not knowledge, so their patterns live here rather than in the data files.
Spans are returned relative to the line; the caller shifts them to input offsets.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from storyline.pipeline.clean.reasons import Reason

_LINKED_IMAGE = re.compile(r"\[!\[[^\]]*\]\([^)]*\)\]\([^)]*\)")
_IMAGE = re.compile(r"!\[[^\]]*\]\(([^)]*)\)")
_HTML_IMAGE = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
_EMPTY_LINK = re.compile(r"\[\s*\]\([^)]*\)")
_LINK = re.compile(r"(\[)[^\]\[]+(\]\([^)\s]*\))")
_HEADING = re.compile(r"^#{1,6}\s+|\s+#+\s*$")
_QUOTE_OR_BULLET = re.compile(r"^(>\s?)+|^[-*+]\s+(?=\S)")
_RULE_LINE = re.compile(r"^([-*_]\s*){3,}$")
# A line of symbols only (▼, ↓↓↓, ———): decoration between blocks, no text to keep.
_SYMBOLS_ONLY = re.compile(r"^[^\w]+$")
_TABLE_ONLY = re.compile(r"^[|\s:-]*\|[|\s:-]*$")
_TABLE_PIPE = re.compile(r"^\|\s*|\s*\|\s*$|\s+\|\s+")
_HTML_TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]*(\s[^<>]*)?/?>|<!--.*?-->")
_BULLET = re.compile(r"^[-*+•·]\s+\S")
# A table row of one cell: how layout tables hold the links of a list, one per row.
_ONE_CELL = re.compile(r"^\|[^|]+\|?$")
_EMPHASIS = re.compile(r"\*\*|__")
_SOURCE_LINK = re.compile(r"^\[[^\]\[]{1,40}\]\(https?://[^)\s]+\)$|^<?https?://\S+>?$")
_LINE_NUMBERS = re.compile(r"^(\d{1,4}[.、]\s*){3,}$")
# What every pattern above needs somewhere in the line (a bracket, <, #, |, ** or __) or at its
# start (a decimal digit, a bullet, a quote mark, a rule): a line without any is plain text.
_SYNTAX_ANYWHERE = ("[", "<", "#", "|", "**", "__")
_SYNTAX_START = frozenset("-*+>_")


def _plain(line: str) -> bool:
    # `in` tests: much cheaper than one regular expression scanning the line for all of them
    return not (
        line[0] in _SYNTAX_START
        or line[0].isdecimal()  # what `\d` matches in a str pattern
        or any(mark in line for mark in _SYNTAX_ANYWHERE)
    )


@dataclass(frozen=True, slots=True)
class Piece:
    """A span of a line, relative to the line's start."""

    start: int
    end: int
    reason: Reason


def _free(taken: list[Piece], start: int, end: int) -> bool:
    return all(end <= p.start or start >= p.end for p in taken)


def _images(line: str) -> list[Piece]:
    pieces: list[Piece] = []
    for m in _LINKED_IMAGE.finditer(line):
        pieces.append(Piece(m.start(), m.end(), Reason.IMAGE))
    for m in _IMAGE.finditer(line):
        if _free(pieces, m.start(), m.end()):
            reason = Reason.IMAGE if m.group(1).strip() else Reason.EMPTY_IMAGE
            pieces.append(Piece(m.start(), m.end(), reason))
    for pattern, reason in ((_HTML_IMAGE, Reason.IMAGE), (_EMPTY_LINK, Reason.EMPTY_IMAGE)):
        for m in pattern.finditer(line):
            if _free(pieces, m.start(), m.end()):
                pieces.append(Piece(m.start(), m.end(), reason))
    return pieces


def _markup(line: str, taken: list[Piece]) -> list[Piece]:
    found: list[Piece] = []

    def add(start: int, end: int) -> None:
        if end > start and _free(taken + found, start, end):
            found.append(Piece(start, end, Reason.MARKUP))

    for m in _LINK.finditer(line):
        add(m.start(1), m.end(1))
        add(m.start(2), m.end(2))
    patterns = [_HEADING, _QUOTE_OR_BULLET, _HTML_TAG]
    if line.startswith("|"):  # a table row: its cell separators are markup
        patterns.append(_TABLE_PIPE)
    for pattern in patterns:
        for m in pattern.finditer(line):
            add(m.start(), m.end())
    marks = [m for m in _EMPHASIS.finditer(line) if _free(taken, m.start(), m.end())]
    if len(marks) % 2 == 0:  # unpaired ** is more likely literal text than markup
        for m in marks:
            add(m.start(), m.end())
    return found


def line_pieces(line: str) -> list[Piece]:
    """Images and markup in a stripped line, sorted and non-overlapping."""
    if _plain(line):  # no syntax: at most a line of symbols
        return [Piece(0, len(line), Reason.MARKUP)] if _SYMBOLS_ONLY.match(line) else []
    if _RULE_LINE.match(line) or _TABLE_ONLY.match(line):
        return [Piece(0, len(line), Reason.MARKUP)]
    if _LINE_NUMBERS.match(line):
        return [Piece(0, len(line), Reason.LINE_NUMBERS)]
    images = _images(line)
    if not images and _SYMBOLS_ONLY.match(line):
        return [Piece(0, len(line), Reason.MARKUP)]
    return sorted(images + _markup(line, images), key=lambda p: p.start)


def is_bullet(line: str) -> bool:
    """A Markdown list item (or a bullet character opening the line)."""
    return _BULLET.match(line) is not None


def is_list_item(line: str) -> bool:
    """A line shaped as a list entry: a bullet, or a table row of a single cell."""
    return _BULLET.match(line) is not None or _ONE_CELL.match(line) is not None


def is_source_link(line: str) -> bool:
    """A line that is only a link (Markdown or bare URL): a pointer to the original."""
    return _SOURCE_LINK.match(line) is not None


def residual(line: str, pieces: list[Piece]) -> str:
    """The line's text with the pieces cut out."""
    out: list[str] = []
    pos = 0
    for p in pieces:
        out.append(line[pos : p.start])
        pos = p.end
    out.append(line[pos:])
    return "".join(out).strip()
