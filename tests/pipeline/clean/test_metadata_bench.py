"""Quality gate on the hand-labelled metadata of real pages (bench/metadata.py)."""

from __future__ import annotations

import pytest
from bench import metadata as bench

pytestmark = pytest.mark.slow

# Floors a little under the committed baseline (bench/baselines/metadata.json, all 210 pages), so
# that a change that starts reading other dates or other names than the page's own fails here.
MIN_ACCURACY = {"published": 0.9, "day": 0.92, "author": 0.78, "source": 0.72}
# Values where the page states none: a site's name taken for a writer, a date for an undated page.
MAX_INVENTED = {"published": 3, "day": 3, "author": 6, "source": 4}


@pytest.fixture(scope="module")
def tallies() -> dict[str, bench.Tally]:
    if not bench.CORPUS.exists():
        pytest.skip(f"corpus folder {bench.CORPUS} is absent")
    gold = bench.load_gold()
    return bench.score(bench.ours_many([str(row["id"]) for row in gold]), gold)


@pytest.mark.parametrize("field", sorted(MIN_ACCURACY))
def test_metadata_accuracy_on_labelled_pages(tallies: dict[str, bench.Tally], field: str) -> None:
    assert tallies[field].accuracy >= MIN_ACCURACY[field]
    assert tallies[field].invented <= MAX_INVENTED[field]


def test_a_time_agrees_to_the_precision_the_page_gives() -> None:
    assert bench.verdict("published", "2012-01-17", "2012-01-17 10:22:00") == "right"
    assert bench.verdict("published", "2012-01-17 10:22", "2012-01-17 10:22:31") == "right"
    assert bench.verdict("published", "2012-01-17 10:22", "2012-01-17 00:00:00") == "wrong"
    assert bench.verdict("author", None, "张三") == "invented"
    assert bench.verdict("author", "张三 李四", "张三李四") == "right"
