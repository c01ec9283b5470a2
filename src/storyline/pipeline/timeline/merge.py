"""A story's happenings merged into timeline entries, and the disagreements between them.

Two statements are one entry when their dates overlap, they share an actor, their predicates
are of one class and their figures agree. Statements of one class about shared actors that
both quote a figure of one unit speak of one happening with a number attached (a damages
claim, a bid) when some of their figures could name one quantity (千亿 and 790–1340亿 could;
5000万 and 数十亿 could not): when such statements differ in date or figure, that is a
disagreement.
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import date, timedelta
from itertools import combinations

from storyline.pipeline.timeline.agreement import (
    dates_agree,
    figure_sets_agree,
    figures_overlap,
    same_kind,
    share_actor,
)
from storyline.pipeline.timeline.model import Citation, Conflict, Entry, Happening, Side
from storyline.records import Granularity

_SPACES = re.compile(r"\s+")


def merge_happenings(happenings: list[Happening]) -> list[Entry]:
    """Entries in date order; each cites every sentence that states it."""
    groups: list[list[Happening]] = []
    for h in sorted(happenings, key=_order):
        home = next((g for g in groups if _joins(h, g)), None)
        if home is None:
            groups.append([h])
        else:
            home.append(h)
    return sorted((_entry(g) for g in groups), key=lambda e: (e.first, e.last, e.summary))


def _order(h: Happening) -> tuple[object, ...]:
    return (h.inferred, h.first, (h.last - h.first).days, h.citation.article_id, h.citation.start)


def _joins(h: Happening, group: list[Happening]) -> bool:
    return (
        all(dates_agree(h, g) for g in group)
        and any(share_actor(h, g) and same_kind(h, g) for g in group)
        and all(figure_sets_agree(h.figures, g.figures) for g in group)
    )


def wording(citation: Citation) -> str:
    """A sentence's wording for telling reposts apart: spaces dropped."""
    return _SPACES.sub("", citation.text)


def _entry(group: list[Happening]) -> Entry:
    finest = min(group, key=lambda h: ((h.last - h.first).days, h.inferred))
    citations = list(
        {(h.citation.article_id, h.citation.start): h.citation for h in group}.values()
    )
    actors = Counter(a for h in group for a in h.actors)
    figures = {(f.low, f.high, f.unit): f for h in group for f in h.figures}
    stated = [h for h in group if not h.inferred] or group
    predicates = Counter(h.predicate for h in stated if h.predicate)
    kinds = Counter(h.kind for h in stated if h.kind)
    summary = min((h.citation.text for h in stated), key=len)
    return Entry(
        first=finest.first,
        last=finest.last,
        granularity=finest.granularity,
        summary=summary,
        predicate=predicates.most_common(1)[0][0] if predicates else "",
        kind=kinds.most_common(1)[0][0] if kinds else "",
        actors=[a for a, _ in actors.most_common()],
        figures=list(figures.values()),
        citations=sorted(citations, key=lambda c: (c.article_id, c.start)),
        weight=len({wording(c) for c in citations}),
        background=all(h.background for h in group),
        scheduled=all(h.scheduled for h in group),
        inferred=all(h.inferred for h in group),
    )


def find_conflicts(happenings: list[Happening]) -> list[Conflict]:
    """Pairs of explicitly dated statements from different articles about one happening with
    a figure that give it incompatible dates or figures, once per pair of sentences."""
    dated = [h for h in happenings if not h.inferred and h.figures]
    out: dict[tuple[str, Citation, Citation], Conflict] = {}
    for a, b in combinations(dated, 2):
        if a.citation.article_id == b.citation.article_id or wording(a.citation) == wording(
            b.citation
        ):
            continue
        if not (share_actor(a, b) and same_kind(a, b) and figures_overlap(a.figures, b.figures)):
            continue
        a, b = sorted((a, b), key=lambda h: (h.first, h.citation.article_id))
        if not dates_agree(a, b):
            out.setdefault(("date", a.citation, b.citation), _conflict("date", a, b))
        if not figure_sets_agree(a.figures, b.figures):
            out.setdefault(("figure", a.citation, b.citation), _conflict("figure", a, b))
    return list(out.values())


def _conflict(what: str, a: Happening, b: Happening) -> Conflict:
    shared = sorted(set(a.actors) & set(b.actors))
    about = " ".join([a.predicate or b.predicate, *shared])
    return Conflict(what, about, (_side(what, a), _side(what, b)))


def _side(what: str, h: Happening) -> Side:
    if what == "date":
        return Side(show_date(h.first, h.last, h.granularity), h.citation)
    return Side("; ".join(f.text for f in h.figures), h.citation)


def show_date(first: date, last: date, granularity: Granularity) -> str:
    """A date no finer than its granularity: a month-level date is never shown as a day."""
    if granularity is Granularity.YEAR and first.year == last.year:
        return f"{first.year}" if (first.month, last.month) == (1, 12) else _months(first, last)
    if granularity in (Granularity.MONTH, Granularity.SEASON):
        return _months(first, last) if _whole_months(first, last) else f"{first}…{last}"
    return first.isoformat() if first == last else f"{first}…{last}"


def _months(first: date, last: date) -> str:
    a, b = f"{first:%Y-%m}", f"{last:%Y-%m}"
    return a if a == b else f"{a}…{b}"


def _whole_months(first: date, last: date) -> bool:
    return first.day == 1 and (last + timedelta(days=1)).day == 1
