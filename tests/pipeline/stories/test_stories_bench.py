"""Quality gate on the hand-labelled events and stories of the shared corpora (bench/stories.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from bench import stories as bench

pytestmark = pytest.mark.slow

# Floors a little under the committed baseline (bench/baselines/stories.json: event F1 0.886
# on all 259 articles, 0.907 held out; story F1 0.779 and 0.793), so that a change to keywords or
# grouping that costs a few points fails here.
MIN_EVENT_F1 = 0.86
MIN_HELDOUT_EVENT_F1 = 0.86
MIN_STORY_F1 = 0.75


@pytest.fixture(scope="module")
def scored(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    missing = bench.corpus_missing()
    if missing:
        pytest.skip(missing)
    items = bench.load_gold()
    records = bench.load_records(items)
    folder: Path = tmp_path_factory.mktemp("stories")
    events, stories, _ = bench.run_archive(records, folder)
    return bench.score(items, events, stories)


def test_event_f1_on_the_labelled_set(scored: dict[str, Any]) -> None:
    assert scored["all"]["event"]["f1"] >= MIN_EVENT_F1
    assert scored["heldout"]["event"]["f1"] >= MIN_HELDOUT_EVENT_F1


def test_story_f1_on_the_labelled_set(scored: dict[str, Any]) -> None:
    assert scored["all"]["story"]["f1"] >= MIN_STORY_F1
