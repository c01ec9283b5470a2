"""Each repost transformation is detected; texts from one template with other content are not."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

import pytest
from repost_fixtures import (
    RECURRING,
    S2T,
    T2S,
    TEMPLATE_PAIRS,
    edited,
    rewrapped,
    samples,
    to_traditional_and_back,
    truncated,
    with_boilerplate,
    with_headline,
)

from storyline.pipeline.reposts import RepostIndex, RepostItem, candidate_of, decide, find_reposts
from storyline.pipeline.reposts.decision import MAX_INTERIOR_MISSING, overlap

TRANSFORMS: dict[str, Callable[[str], str]] = {
    "traditional": to_traditional_and_back,
    "boilerplate": with_boilerplate,
    "half": lambda t: truncated(t, 1 / 2),
    "two_thirds": lambda t: truncated(t, 2 / 3),
    "rewrap": rewrapped,
    "headline": with_headline,
    "edits_1pct": lambda t: edited(t, 0.01),
    "edits_3pct": lambda t: edited(t, 0.03),
    "stacked": lambda t: edited(with_boilerplate(rewrapped(truncated(t, 1 / 2))), 0.02),
}


def _pair(a: str, b: str) -> list[RepostItem]:
    return [RepostItem("a", a), RepostItem("b", b)]


@pytest.mark.parametrize("name", sorted(TRANSFORMS))
def test_each_transformation_is_detected_through_the_index(name: str) -> None:
    for text in samples():
        repost = TRANSFORMS[name](text)
        verdicts = list(find_reposts(_pair(text, repost), RepostIndex()))
        assert [(v.duplicate_key, v.canonical_key) for v in verdicts] in (
            [("b", "a")],
            [("a", "b")],
        ), name


def test_an_exact_copy_is_exact_and_a_rewrapped_one_too() -> None:
    text = samples()[0]
    assert decide(candidate_of(RepostItem("a", text)), candidate_of(RepostItem("b", text)))
    verdict = decide(
        candidate_of(RepostItem("a", text)), candidate_of(RepostItem("b", rewrapped(text)))
    )
    assert verdict is not None and verdict.kind == "exact"
    edited_verdict = decide(
        candidate_of(RepostItem("a", text)), candidate_of(RepostItem("b", edited(text, 0.01)))
    )
    assert edited_verdict is not None and edited_verdict.kind == "near"


@pytest.mark.parametrize("kind", sorted(TEMPLATE_PAIRS))
def test_same_template_other_content_is_not_folded(kind: str) -> None:
    first, second = TEMPLATE_PAIRS[kind]
    assert list(find_reposts(_pair(first, second), RepostIndex())) == []
    assert (
        decide(candidate_of(RepostItem("a", first)), candidate_of(RepostItem("b", second))) is None
    )


@pytest.mark.parametrize("kind", sorted(TEMPLATE_PAIRS))
def test_a_repost_of_a_bulletin_joins_its_own_day_only(kind: str) -> None:
    first, second = TEMPLATE_PAIRS[kind]
    repost = edited(with_boilerplate(first), 0.02, seed=3)
    items = [RepostItem("day1", first), RepostItem("day2", second), RepostItem("copy", repost)]
    pairs = {
        frozenset((v.duplicate_key, v.canonical_key)) for v in find_reposts(items, RepostIndex())
    }
    assert pairs == {frozenset(("day1", "copy"))}


def test_template_pairs_differ_inside_the_text() -> None:
    # The reason they are kept apart: what differs is inside the text, not at its edges.
    for first, second in TEMPLATE_PAIRS.values():
        a, b = candidate_of(RepostItem("a", first)), candidate_of(RepostItem("b", second))
        small, large = sorted((a.shingles, b.shingles), key=len)
        assert overlap(small, large).interior_missing > MAX_INTERIOR_MISSING


def test_a_short_item_inside_a_long_roundup_is_not_a_repost() -> None:
    text = samples()[1]
    flash = text[200:420]
    assert list(find_reposts(_pair(text, flash), RepostIndex())) == []


def test_five_samples_are_not_reposts_of_one_another() -> None:
    texts = samples()
    items = [RepostItem(str(i), t) for i, t in enumerate(texts)]
    assert list(find_reposts(items, RepostIndex())) == []
    cands = [candidate_of(it) for it in items]
    assert all(decide(a, b) is None for a in cands for b in cands if a is not b)


def test_a_traditional_copy_with_boilerplate_and_last_third_cut_is_a_repost() -> None:
    original = samples()[0]
    published = datetime(2025, 2, 11, 13, 5, tzinfo=UTC)
    traditional = str(S2T.convert(with_boilerplate(truncated(original, 2 / 3))))
    assert traditional != with_boilerplate(truncated(original, 2 / 3))
    normalized = str(T2S.convert(traditional))
    items = [
        RepostItem("copy", normalized, published.replace(day=12)),
        RepostItem("original", original, published),
    ]
    verdicts = list(find_reposts(items, RepostIndex()))
    assert len(verdicts) == 1
    assert (verdicts[0].duplicate_key, verdicts[0].canonical_key) == ("copy", "original")


def test_a_recurring_report_with_other_figures_is_not_a_repost() -> None:
    first, second = RECURRING
    a, b = candidate_of(RepostItem("a", first)), candidate_of(RepostItem("b", second))
    small, large = sorted((a.shingles, b.shingles), key=len)
    # The wording is the same but for four numbers: only the figures tell the two apart.
    assert overlap(small, large).interior_missing <= MAX_INTERIOR_MISSING
    assert decide(a, b) is None
    assert (
        decide(a, candidate_of(RepostItem("c", with_boilerplate(edited(first, 0.01))))) is not None
    )
