"""The canonical copy: earliest published, then the most complete, then by key."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from repost_fixtures import samples, truncated, with_boilerplate

from storyline.pipeline.reposts import RepostIndex, RepostItem, candidate_of, decide, find_reposts

T0 = datetime(2025, 2, 11, 8, 0, tzinfo=UTC)


def _verdict(a: RepostItem, b: RepostItem) -> tuple[str, str]:
    verdict = decide(candidate_of(a), candidate_of(b))
    assert verdict is not None
    return verdict.duplicate_key, verdict.canonical_key


def test_earliest_published_is_canonical_even_when_shorter() -> None:
    text = samples()[1]
    early = RepostItem("early", truncated(text, 2 / 3), T0)
    late = RepostItem("late", text, T0 + timedelta(hours=1))
    assert _verdict(early, late) == ("late", "early")
    assert _verdict(late, early) == ("late", "early")


def test_same_time_goes_to_the_longest() -> None:
    text = samples()[1]
    short = RepostItem("short", truncated(text, 2 / 3), T0)
    full = RepostItem("full", text, T0)
    assert _verdict(short, full) == ("short", "full")


def test_a_dated_copy_beats_an_undated_one() -> None:
    text = samples()[1]
    assert _verdict(RepostItem("undated", text), RepostItem("dated", text, T0)) == (
        "undated",
        "dated",
    )


def test_length_given_by_the_caller_decides_ties() -> None:
    text = samples()[1]
    a = RepostItem("a", text, T0, length=100)
    b = RepostItem("b", with_boilerplate(text), T0, length=50)
    assert _verdict(a, b) == ("b", "a")


def test_naive_and_aware_times_compare() -> None:
    text = samples()[1]
    naive = RepostItem("naive", text, datetime(2025, 2, 10, 8, 0))
    aware = RepostItem("aware", text, T0)
    assert _verdict(naive, aware) == ("aware", "naive")


def test_a_later_arrival_can_be_the_canonical_one() -> None:
    text = samples()[1]
    items = [
        RepostItem("copy", with_boilerplate(text), T0 + timedelta(days=1)),
        RepostItem("source", text, T0),
    ]
    verdicts = list(find_reposts(items, RepostIndex()))
    assert [(v.duplicate_key, v.canonical_key) for v in verdicts] == [("copy", "source")]
