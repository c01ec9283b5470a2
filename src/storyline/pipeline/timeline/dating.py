"""Which of an article's date expressions can date a happening, read in their paragraph.

Two corrections of the expressions as extracted, both conventions of news prose:
- A month or day named without a year after a date with an explicit year in the same paragraph
  takes that year (2024年2月起诉；同年6月撤回；8月重新提起): the extractor resolves a bare month
  against the publication date, which is wrong in a recap of earlier years.
- An undated article's relative dates (4月, 本周) were resolved against the time of processing,
  so only dates that name their year are kept.
Open ranges (2019年以来) say since when, not when, and are left out.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

from storyline.pipeline.timeline.sentences import split_sentences
from storyline.records import Article, DateExpr, Granularity

# A year written out: four Arabic or Chinese digits, or an English year standing alone.
_EXPLICIT_YEAR = re.compile(
    r"[0-9０-９〇○零一二三四五六七八九]{4}|(?<![0-9])(?:19|20)[0-9]{2}(?![0-9])"
)
# Words that name a year relative to another (去年, 今年, 同年 is not among them: it is what a
# bare month after a dated sentence means). Any 年 or "year" in the expression counts.
_NAMES_YEAR = re.compile(r"年|year", re.IGNORECASE)
# The longest interval each granularity may span; longer ones are open ranges (…以来).
_MAX_DAYS = {
    Granularity.DAY: 1,
    Granularity.WEEK: 7,
    Granularity.MONTH: 31,
    Granularity.SEASON: 92,
    Granularity.YEAR: 366,
}
# Granularities a bare expression (no year named) may have, to be re-anchored to a year.
_REANCHORED = frozenset({Granularity.DAY, Granularity.WEEK, Granularity.MONTH, Granularity.SEASON})


def usable_dates(article: Article) -> list[DateExpr]:
    paragraph_of = _paragraphs(article.text)
    out: list[DateExpr] = []
    context: dict[int, int] = {}  # paragraph -> the last explicit year named in it
    for expr in sorted(article.dates, key=lambda d: d.start):
        if (expr.last - expr.first).days + 1 > _MAX_DAYS[expr.granularity]:
            continue
        paragraph = paragraph_of(expr.start)
        if _EXPLICIT_YEAR.search(expr.text):
            context[paragraph] = expr.first.year
            out.append(expr)
        elif _NAMES_YEAR.search(expr.text) is None and paragraph in context:
            out.append(_in_year(expr, context[paragraph], article))
        elif article.published is not None:
            out.append(expr)
    return out


def _paragraphs(text: str) -> _ParagraphOf:
    return _ParagraphOf([(s.start, s.paragraph) for s in split_sentences(text)])


class _ParagraphOf:
    def __init__(self, starts: list[tuple[int, int]]) -> None:
        self.starts = starts

    def __call__(self, offset: int) -> int:
        found = 0
        for start, paragraph in self.starts:
            if start > offset:
                break
            found = paragraph
        return found


def _in_year(expr: DateExpr, year: int, article: Article) -> DateExpr:
    if expr.granularity not in _REANCHORED or expr.first.year == year:
        return expr
    if expr.first.year != expr.last.year:
        return expr  # a span across New Year cannot be moved by its year alone
    first, last = _move(expr.first, year), _move(expr.last, year)
    published = article.published.date() if article.published else None
    future = expr.future and (published is None or last >= published)
    return replace(expr, first=first, last=last, future=future)


def _move(day: date, year: int) -> date:
    try:
        return day.replace(year=year)
    except ValueError:  # 29 February into a common year
        return day.replace(year=year, day=28)
