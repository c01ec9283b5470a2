"""When two statements agree: dates that can name the same time, figures equal to within what
their wording claims, predicates of one class, shared actors."""

from __future__ import annotations

from storyline.pipeline.timeline.model import Happening
from storyline.records import Figure, Qualifier

# Relative difference two exact figures may show and still be one figure: rounding to three
# significant digits (974亿 vs 973.8亿) moves a value by at most 0.5 / 100 = 0.5 %.
EXACT_TOLERANCE = 0.005
# The same when either side is approximate (约, 近, 超, 千亿): Chinese news rounds such figures
# to one or two leading digits. Rounding the second digit moves a value by at most 0.5 / 10 =
# 5 % (974亿 → 约970亿); rounding to a round number with a trailing zero, as 974亿 → 约1000亿
# (2.7 %) or 9.6亿 → 约10亿 (4.2 %), stays within twice that. 10 % keeps those together while
# still telling 1000亿 from 790亿 (21 %) or 1340亿 (34 %).
APPROXIMATE_TOLERANCE = 0.10


def dates_agree(a: Happening, b: Happening) -> bool:
    """Two intervals can name the same time when they overlap (2024 and 2024年2月 do)."""
    return a.first <= b.last and b.first <= a.last


def figures_agree(a: Figure, b: Figure) -> bool:
    """Same unit, and both bounds equal within the looser side's tolerance: a point figure
    does not agree with a wide range around it (千亿 vs 790–1340亿), since the sources then
    state different claims."""
    if a.unit != b.unit:
        return False
    loose = a.qualifier is not Qualifier.EXACT or b.qualifier is not Qualifier.EXACT
    tolerance = APPROXIMATE_TOLERANCE if loose else EXACT_TOLERANCE
    return _close(a.low, b.low, tolerance) and _close(a.high, b.high, tolerance)


def _close(x: float, y: float, tolerance: float) -> bool:
    scale = max(abs(x), abs(y))
    return scale == 0 or abs(x - y) <= tolerance * scale


def figure_sets_agree(a: tuple[Figure, ...], b: tuple[Figure, ...]) -> bool:
    """No unit both sides quote without some figure of one agreeing with some of the other."""
    for unit in {f.unit for f in a} & {f.unit for f in b}:
        mine = [f for f in a if f.unit == unit]
        theirs = [f for f in b if f.unit == unit]
        if not any(figures_agree(x, y) for x in mine for y in theirs):
            return False
    return True


def figures_overlap(a: tuple[Figure, ...], b: tuple[Figure, ...]) -> bool:
    """Some figure of each side, of one unit, could name the same quantity: their intervals,
    widened by the approximate tolerance, overlap (千亿 lies within 790–1340亿; 5000万 and
    数十亿 are two different sums)."""
    slack = 1 + APPROXIMATE_TOLERANCE
    return any(
        x.unit == y.unit and x.low <= y.high * slack and y.low <= x.high * slack
        for x in a
        for y in b
    )


def same_kind(a: Happening, b: Happening) -> bool:
    """One predicate class: either's main class among the other's classes; two unlisted
    predicates agree only when worded alike."""
    if a.kind or b.kind:
        return bool(a.kind and a.kind in b.kinds) or bool(b.kind and b.kind in a.kinds)
    return bool(a.predicate) and a.predicate == b.predicate


def share_actor(a: Happening, b: Happening) -> bool:
    return bool(set(a.actors) & set(b.actors))
