"""Date expressions: spans naming a time, resolved against the publication time.

Patterns find candidates on the normal form (Simplified, half-width, same length as the input);
the readers in `chinese_dates` and `english_dates` turn each into an interval with a
granularity. Where candidates overlap, the longest wins (2025年1月17日 over 2025年).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from datetime import date, datetime
from functools import lru_cache

from storyline.pipeline.facts.chinese_dates import chinese_readers
from storyline.pipeline.facts.date_lexicon import date_lexicon
from storyline.pipeline.facts.date_types import Context, Found
from storyline.pipeline.facts.english_dates import english_readers
from storyline.pipeline.facts.festivals import festival_readers
from storyline.pipeline.facts.figure_pattern import alternation
from storyline.pipeline.facts.normalize import normalize
from storyline.records import DateExpr

_SENTENCE_END = re.compile(r"[。！？!?；;\n]|\.(?=\s)")


def extract_dates(text: str, published: date | datetime) -> list[DateExpr]:
    """Every date expression in `text`, in order, resolved against `published`."""
    day = published.date() if isinstance(published, datetime) else published
    norm = normalize(text)
    lex = date_lexicon()
    found: list[tuple[Found, bool]] = []
    starts, futures = _sentences(norm)
    for pattern, reader in (*chinese_readers(), *english_readers(), *festival_readers()):
        for match in pattern.finditer(norm):
            future = futures[bisect_right(starts, match.start()) - 1]
            result = reader(match, Context(day, future, lex))
            if result is not None and result.end > result.start:
                found.append((result, future))
    kept = sorted(_longest_first(found), key=lambda item: item[0].start)
    return [_expr(f, future, text, day) for f, future in kept]


def _expr(found: Found, future: bool, text: str, published: date) -> DateExpr:
    span = found.span
    ahead = future and span.last >= published
    return DateExpr(
        found.start, found.end, text[found.start : found.end],
        span.first, span.last, span.granularity, ahead,
    )  # fmt: skip


def _longest_first(found: list[tuple[Found, bool]]) -> list[tuple[Found, bool]]:
    kept: list[tuple[Found, bool]] = []
    for item in sorted(found, key=lambda f: (f[0].start - f[0].end, f[0].start)):
        f = item[0]
        if all(f.end <= k.start or f.start >= k.end for k, _ in kept):
            kept.append(item)
    return kept


@lru_cache(maxsize=1)
def _future_cue() -> re.Pattern[str]:
    lex = date_lexicon()
    english = alternation(lex.future_en)
    return re.compile(rf"{alternation(lex.future_zh)}|(?<![A-Za-z])(?:{english})(?![A-Za-z])")


def _sentences(norm: str) -> tuple[list[int], list[bool]]:
    """Where each sentence starts, and whether it speaks of the future."""
    starts = [0, *(m.end() for m in _SENTENCE_END.finditer(norm))]
    bounds = [*starts[1:], len(norm)]
    cue = _future_cue()
    futures = [cue.search(norm, lo, hi) is not None for lo, hi in zip(starts, bounds, strict=True)]
    return starts, futures
