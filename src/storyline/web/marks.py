"""An article's text as published, cut into pieces at its fact spans for highlighting.

Each paragraph becomes a list of pieces: plain text, or a mention, figure or date carrying what
the page shows about it. Templates escape every piece, so scraped text never becomes markup.
Where spans overlap, the outermost (earliest start, then longest) wins and the ones inside or
crossing it are dropped.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from storyline.records import Figure, Qualifier

Piece = dict[str, Any]


@dataclass(frozen=True, slots=True)
class Mark:
    start: int
    end: int
    kind: str  # "entity", "figure" or "date"
    title: str  # what a hover shows: the resolved value
    entity: str | None = None


def figure_title(f: Figure) -> str:
    """`3000 人`, `1.5–2 亿 CNY`-style ranges, with the qualifier when not exact."""
    value = _number(f.low) if f.low == f.high else f"{_number(f.low)}–{_number(f.high)}"
    text = f"{value} {f.unit}".strip()
    return text if f.qualifier == "exact" else f"{text} ({f.qualifier})"


def _number(value: float) -> str:
    return str(int(value)) if value.is_integer() else f"{value:g}"


def article_marks(art: dict[str, Any]) -> list[Mark]:
    """The marks of an article in its JSON shape (`article_json`)."""
    marks = [
        Mark(m["start"], m["end"], "entity", f"{m['entity']} ({m['kind']})", m["entity"])
        for m in art["mentions"]
    ]
    marks += [Mark(f["start"], f["end"], "figure", _figure_title_json(f)) for f in art["figures"]]
    marks += [Mark(d["start"], d["end"], "date", _date_title_json(d)) for d in art["dates"]]
    return marks


def _figure_title_json(f: dict[str, Any]) -> str:
    return figure_title(
        Figure(
            f["start"],
            f["end"],
            f["text"],
            f["low"],
            f["high"],
            f["unit"],
            Qualifier(f["qualifier"]),
        )
    )


def _date_title_json(d: dict[str, Any]) -> str:
    span = d["first"] if d["first"] == d["last"] else f"{d['first']}/{d['last']}"
    return f"{span} ({d['granularity']})"


def outermost(marks: list[Mark]) -> list[Mark]:
    """Non-overlapping marks in text order; a mark overlapping an earlier kept one is dropped."""
    kept: list[Mark] = []
    end = 0
    for mark in sorted(marks, key=lambda m: (m.start, -m.end)):
        if mark.start >= end and mark.end > mark.start:
            kept.append(mark)
            end = mark.end
    return kept


def _paragraph_ranges(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each non-blank line with its surrounding whitespace trimmed."""
    offset = 0
    for line in text.splitlines(keepends=True):
        stripped = line.strip()
        if stripped:
            start = offset + line.index(stripped)
            yield start, start + len(stripped)
        offset += len(line)


def _pieces(
    text: str, start: int, end: int, marks: list[Mark], show: Callable[[str], str]
) -> list[Piece]:
    pieces: list[Piece] = []
    at = start
    for mark in marks:
        if mark.end <= start or mark.start >= end:
            continue
        lo, hi = max(mark.start, start), min(mark.end, end)
        if lo > at:
            pieces.append({"text": show(text[at:lo]), "mark": None})
        pieces.append(
            {
                "text": show(text[lo:hi]),
                "mark": mark.kind,
                "title": mark.title,
                "entity": mark.entity,
            }
        )
        at = hi
    if at < end:
        pieces.append({"text": show(text[at:end]), "mark": None})
    return pieces


def segments(text: str, marks: list[Mark], show: Callable[[str], str]) -> list[list[Piece]]:
    """The paragraphs of `text`, each cut into pieces at the marks; `show` converts the script
    of each piece (piecewise, so span offsets in the text as published stay valid)."""
    kept = [m for m in outermost(marks) if m.start >= 0 and m.end <= len(text)]
    return [_pieces(text, s, e, kept, show) for s, e in _paragraph_ranges(text)]
