from datetime import date

from storyline.pipeline.timeline.agreement import (
    figure_sets_agree,
    figures_agree,
    figures_overlap,
)
from storyline.pipeline.timeline.merge import show_date
from storyline.records import Figure, Granularity, Qualifier

YI = 1e8


def _fig(low: float, high: float | None = None, q: Qualifier = Qualifier.EXACT) -> Figure:
    return Figure(0, 1, "x", low * YI, (high or low) * YI, "USD", q)


def test_a_rounded_figure_agrees_with_the_precise_one() -> None:
    assert figures_agree(_fig(974), _fig(1000, q=Qualifier.APPROXIMATE))


def test_two_exact_figures_must_agree_to_their_rounding() -> None:
    assert figures_agree(_fig(974), _fig(973.8))
    assert not figures_agree(_fig(974), _fig(97.4))


def test_a_point_is_not_a_wide_range_around_it_but_could_name_the_same_sum() -> None:
    point, span = (_fig(1000, q=Qualifier.APPROXIMATE),), (_fig(790, 1340),)
    assert not figure_sets_agree(point, span)
    assert figures_overlap(point, span)
    assert not figures_overlap((_fig(0.5),), (_fig(20, 90, Qualifier.APPROXIMATE),))


def test_figures_of_different_units_neither_agree_nor_conflict() -> None:
    yuan = Figure(0, 1, "x", 5 * YI, 5 * YI, "CNY")
    assert figure_sets_agree((_fig(9),), (yuan,))


def test_dates_are_shown_no_finer_than_their_granularity() -> None:
    assert show_date(date(2024, 2, 1), date(2024, 2, 29), Granularity.MONTH) == "2024-02"
    assert show_date(date(2015, 1, 1), date(2015, 12, 31), Granularity.YEAR) == "2015"
    assert show_date(date(2025, 1, 17), date(2025, 1, 17), Granularity.DAY) == "2025-01-17"
    late = show_date(date(2026, 4, 21), date(2026, 4, 30), Granularity.MONTH)
    assert late == "2026-04-21…2026-04-30"
