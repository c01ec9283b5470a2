"""What the date readers share: their context, their result, and number reading."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from storyline.pipeline.facts.calendar import Span
from storyline.pipeline.facts.date_lexicon import DateLexicon
from storyline.pipeline.facts.numerals import parse_numeral
from storyline.pipeline.facts.scan import Anchor


@dataclass(frozen=True, slots=True)
class Context:
    """What a reader needs besides its match: when the article was published, and whether the
    sentence around the match speaks of the future."""

    published: date
    future: bool
    lex: DateLexicon


@dataclass(frozen=True, slots=True)
class Found:
    start: int
    end: int
    span: Span


Reader = Callable[[re.Match[str], Context], Found | None]


@dataclass(frozen=True, slots=True)
class Rule:
    """A pattern, where it can begin, how to read what it matches, and characters of which a
    text must hold one for the pattern to match at all (a month needs 月): a cheap test that
    spares most sentences most patterns."""

    pattern: re.Pattern[str]
    anchor: Anchor
    reader: Reader
    needs: re.Pattern[str] | None = None


def number(text: str | None) -> int | None:
    """An integer written in Arabic or Chinese digits (12, 十二, 二〇二五), or None."""
    if not text:
        return None
    reading = parse_numeral(text)
    return None if reading is None else int(reading.low)
