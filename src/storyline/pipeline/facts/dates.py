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

from storyline.pipeline.facts.chinese_dates import chinese_rules
from storyline.pipeline.facts.date_lexicon import date_lexicon
from storyline.pipeline.facts.date_pattern import clock_before, clock_ends
from storyline.pipeline.facts.date_types import Context, Found, Rule
from storyline.pipeline.facts.english_dates import english_rules
from storyline.pipeline.facts.festivals import festival_rules
from storyline.pipeline.facts.figure_pattern import alternation
from storyline.pipeline.facts.folding import fold
from storyline.pipeline.facts.scan import Anchor, anchored
from storyline.records import DateExpr

_SENTENCE_END = re.compile(r"[。！？!?；;\n]|\.(?=\s)")


def extract_dates(text: str, published: date | datetime) -> list[DateExpr]:
    """Every date expression in `text`, in order, resolved against `published`."""
    day = published.date() if isinstance(published, datetime) else published
    norm = fold(text)
    lex = date_lexicon()
    found: list[tuple[Found, bool]] = []
    future_of = _FutureOf(norm)
    for anchor, rules in _rule_groups():
        positions = anchor(norm)
        if not positions:
            continue  # nowhere to begin (English words in a Chinese sentence)
        for rule in rules:
            if rule.needs is not None and rule.needs.search(norm) is None:
                continue
            for match in anchored(rule.pattern, positions, norm):
                future = future_of(match.start())
                result = rule.reader(match, Context(day, future, lex))
                if result is not None and result.end > result.start:
                    found.append((_with_clock(result, norm), future))
    kept = sorted(_longest_first(found), key=lambda item: item[0].start)
    return [_expr(f, future, text, day) for f, future in kept]


# Two references far apart in year, month, weekday and season: an expression that resolves to
# the same interval against both names its time by itself (2025年1月17日, March 2015), while
# 昨日, 2月10日 or 本周一 move with the reference.
_PROBES = (date(1991, 3, 13), date(2047, 10, 26))


def extract_absolute_dates(text: str) -> list[DateExpr]:
    """The date expressions of `text` that need no publication time to resolve.

    For text whose publication time is unknown: resolving relative and partial dates against
    anything else (when the document arrived, say) would invent a date the text never gave.
    """
    early, late = (extract_dates(text, probe) for probe in _PROBES)
    fixed = {(d.start, d.end, d.first, d.last, d.granularity) for d in late}
    # The early probe precedes any news date, so its `future` flag is the sentence's own cue.
    return [d for d in early if (d.start, d.end, d.first, d.last, d.granularity) in fixed]


@lru_cache(maxsize=1)
def _rule_groups() -> tuple[tuple[Anchor, tuple[Rule, ...]], ...]:
    """The rules grouped by where they can begin, so that each anchor is looked for once."""
    groups: dict[Anchor, list[Rule]] = {}
    for rule in (*chinese_rules(), *english_rules(), *festival_rules()):
        groups.setdefault(rule.anchor, []).append(rule)
    return tuple((anchor, tuple(rules)) for anchor, rules in groups.items())


# How far back a clock may start before a date: the longest clock name and a space.
_CLOCK_REACH = 12


def _with_clock(found: Found, norm: str) -> Found:
    """Take a clock named just before the date (当地时间) into its span."""
    start = found.start
    if not start or norm[start - 1] not in clock_ends():
        return found
    clock = clock_before().search(norm, max(0, start - _CLOCK_REACH), start)
    return found if clock is None else Found(clock.start(), found.end, found.span)


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


class _FutureOf:
    """Whether the sentence around an offset speaks of the future; sentences are found on the
    first question and each is judged once."""

    def __init__(self, norm: str) -> None:
        self.norm = norm
        self.starts: list[int] | None = None
        self.judged: dict[int, bool] = {}

    def __call__(self, offset: int) -> bool:
        if self.starts is None:
            self.starts = [0, *(m.end() for m in _SENTENCE_END.finditer(self.norm))]
        index = bisect_right(self.starts, offset) - 1
        if index not in self.judged:
            lo = self.starts[index]
            hi = self.starts[index + 1] if index + 1 < len(self.starts) else len(self.norm)
            self.judged[index] = _future_cue().search(self.norm, lo, hi) is not None
        return self.judged[index]
