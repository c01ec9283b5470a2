from datetime import UTC, datetime, timedelta

from storyline.pipeline.clean.tokens import index_tokens
from storyline.pipeline.stories.grouping import (
    EVENT_THRESHOLD,
    EVENT_WINDOW,
    LATE_STORY_THRESHOLD,
    RECENT_STORY_WINDOW,
    SAME_ACTORS,
    STORY_THRESHOLD,
    Cast,
    Cluster,
    ClusterIndex,
    _strongest,
    best_cluster,
    cosine,
    place,
)
from storyline.pipeline.stories.keywords import keywords, serial_names

T0 = datetime(2025, 3, 1, tzinfo=UTC)


def test_cosine_of_identical_and_disjoint_vectors() -> None:
    assert abs(cosine({"a": 1.0, "b": 2.0}, {"a": 1.0, "b": 2.0}) - 1.0) < 1e-9
    assert cosine({"a": 1.0}, {"b": 1.0}) == 0.0


def test_an_article_joins_a_close_event_in_time_but_not_one_outside_the_window() -> None:
    event = Cluster(7)
    event.absorb({"台风": 0.8, "登陆": 0.6}, T0)
    vector = {"台风": 0.7, "登陆": 0.7}
    assert place(vector, T0 + timedelta(days=1), [event], []).event_id == 7
    far = T0 + EVENT_WINDOW + timedelta(days=1)
    assert place(vector, far, [event], []).event_id is None


def test_a_new_event_joins_the_story_it_resembles() -> None:
    story = Cluster(3)
    story.absorb({"马斯克": 0.6, "openai": 0.6, "收购": 0.5}, T0)
    event = Cluster(1)
    event.absorb({"马斯克": 0.6, "openai": 0.6, "收购": 0.5}, T0)
    lawsuit = {"马斯克": 0.5, "openai": 0.5, "诉讼": 0.7}
    placement = place(lawsuit, T0 + timedelta(days=30), [event], [story])
    assert placement.event_id is None and placement.story_id == 3
    unrelated = {"台风": 0.8, "登陆": 0.6}
    assert place(unrelated, T0, [event], [story]).story_id is None


def test_best_cluster_prefers_the_higher_score() -> None:
    a, b = Cluster(1), Cluster(2)
    a.absorb({"x": 1.0}, T0)
    b.absorb({"x": 0.6, "y": 0.8}, T0)
    found = best_cluster(
        {"x": 0.6, "y": 0.8}, T0, [a, b], threshold=EVENT_THRESHOLD, window=EVENT_WINDOW
    )
    assert found is not None and found[0].id == 2


def test_keywords_drop_subwords_and_stop_words_and_weigh_titles() -> None:
    title = "奥尔特 特曼 奥尔特曼 回应 收购"
    body = "我们 表示 奥尔特 特曼 奥尔特曼 称 收购 要约 董事会 董事会"
    kw = keywords(title, body)
    assert "奥尔特曼" in kw and "奥尔特" not in kw and "特曼" not in kw
    assert "我们" not in kw and "表示" not in kw
    assert abs(sum(v * v for v in kw.values()) - 1.0) < 1e-9


def test_serial_names_join_a_name_to_the_number_after_it() -> None:
    assert serial_names(index_tokens("神舟十五号、神舟十六号航天员乘组").split()) == [
        "神舟十五号",
        "神舟十六号",
    ]
    assert serial_names(index_tokens("神舟20号").split()) == ["神舟20号"]
    assert serial_names(index_tokens("十六号航天员，今年第5号台风").split()) == []
    kw = keywords("神舟 十六 六号 十六号 发射", "神舟 十六 六号 十六号 乘组")
    assert "神舟十六号" in kw


def test_an_undated_article_opens_its_own_event_but_joins_the_story() -> None:
    event, story = Cluster(1), Cluster(2)
    vector = {"马斯克": 0.6, "openai": 0.6, "收购": 0.5}
    event.absorb(vector, T0)
    story.absorb(vector, T0)
    placement = place(vector, None, [event], [story])
    assert placement.event_id is None and placement.story_id == 2
    undated = Cluster(3)
    undated.absorb(vector, None)
    assert place(vector, None, [event, undated], [story]).event_id == 3


def test_a_story_past_the_recent_window_needs_a_closer_match() -> None:
    story = Cluster(5)
    story.absorb({"地震": 0.6, "救援": 0.6, "安置": 0.5}, T0)
    later = T0 + RECENT_STORY_WINDOW + timedelta(days=30)
    loose = {"地震": 0.5, "台风": 0.8, "暴雨": 0.4}
    assert STORY_THRESHOLD <= cosine(loose, story.centroid) < LATE_STORY_THRESHOLD
    assert place(loose, T0 + timedelta(days=30), [], [story]).story_id == 5
    assert place(loose, later, [], [story]).story_id is None
    close = {"地震": 0.6, "救援": 0.6, "安置": 0.4}
    assert place(close, later, [], [story]).story_id == 5


def test_retired_events_are_no_longer_proposed_but_stay_known() -> None:
    vector = {"台风": 0.8, "登陆": 0.6}
    old, recent, undated = Cluster(1), Cluster(2), Cluster(3)
    old.absorb(vector, T0)
    recent.absorb(vector, T0 + timedelta(days=5))
    undated.absorb(vector, None)
    index = ClusterIndex([old, recent, undated])
    index.retire(T0 + EVENT_WINDOW + timedelta(days=1), EVENT_WINDOW)
    assert [c.id for c in index.candidates(vector)] == [2, 3]
    assert index.by_id[1] is old
    # An undated article is near every event, however old: restored, the old one is proposed.
    index.restore()
    assert [c.id for c in index.candidates(vector)] == [1, 2, 3]
    assert best_cluster(vector, None, index.candidates(vector), threshold=0.5, window=EVENT_WINDOW)


def test_an_event_that_took_a_later_article_is_not_retired_by_its_earlier_end() -> None:
    vector = {"台风": 0.8, "登陆": 0.6}
    event = Cluster(1)
    event.absorb(vector, T0)
    index = ClusterIndex([event])
    event.absorb(vector, T0 + timedelta(days=2))
    index.update(event)
    index.retire(T0 + EVENT_WINDOW + timedelta(days=1), EVENT_WINDOW)
    assert [c.id for c in index.candidates(vector)] == [1]
    index.retire(T0 + timedelta(days=2) + EVENT_WINDOW + timedelta(days=1), EVENT_WINDOW)
    assert index.candidates(vector) == []


def test_strongest_terms_read_from_an_absorbed_centroid_match_a_sort() -> None:
    # Equal weights (ties broken by term) and terms that fall out of the top ones.
    cluster = Cluster(1)
    for step in range(5):
        cluster.absorb({f"词{i}": float((i + step) % 7) + 0.5 for i in range(20)}, T0)
        assert cluster.strongest() == _strongest(cluster.centroid)
    # A centroid set from outside (read from the store) is sorted, not trusted.
    loaded = Cluster(2, {"b": 1.0, "a": 1.0, "c": 3.0})
    assert loaded.strongest() == ["c", "a", "b"]


def test_an_index_follows_terms_that_leave_and_join_a_cluster() -> None:
    event = Cluster(1)
    event.absorb({f"旧{i}": 1.0 for i in range(12)}, T0)
    index = ClusterIndex([event])
    event.absorb({f"新{i}": 3.0 for i in range(12)}, T0)
    index.update(event)
    assert index.candidates({"新0": 1.0}) == [event]
    assert index.candidates({"旧0": 1.0}) == []
    index.update(event)  # unchanged terms: still indexed under them
    assert index.candidates({"新11": 1.0}) == [event]


def _cast(actors: dict[str, float], places: dict[str, float]) -> Cast:
    cast = Cast()
    for name, n in actors.items():
        cast.add("person", name, n)
    for name, n in places.items():
        cast.add("place", name, n)
    return cast


# Rarity weights as a large archive gives them: national responders are everywhere, a
# county or a company's founder is not.
RARITY = {"总理": 1.5, "应急部": 2.0, "国务院": 1.2, "甲县": 5.0, "乙县": 5.0, "A省": 3.0}
RARITY |= {"B省": 3.0, "创始人": 4.0, "公司": 4.0, "X国": 3.0, "X国总统": 4.0, "Y国": 3.0}


def test_a_recurring_matter_with_the_same_responders_elsewhere_is_not_the_same_cast() -> None:
    responders = {"总理": 3.0, "应急部": 2.0, "国务院": 2.0}
    first_quake = _cast(responders, {"A省": 4.0, "甲县": 3.0})
    second_quake = _cast(responders, {"B省": 4.0, "乙县": 3.0})
    # Same actors: without the places the rule would join them.
    assert _cast(responders, {}).similarity(_cast(responders, {}), RARITY) > SAME_ACTORS
    assert second_quake.similarity(first_quake, RARITY) < SAME_ACTORS


def test_a_continuation_with_its_protagonists_and_few_places_is_the_same_cast() -> None:
    story = _cast({"创始人": 6.0, "公司": 8.0, "总理": 1.0}, {"X国": 2.0})
    follow_up = _cast({"创始人": 3.0, "公司": 2.0}, {"Y国": 1.0})
    assert follow_up.similarity(story, RARITY) >= SAME_ACTORS


def test_a_shared_place_does_not_make_a_cast_without_shared_actors() -> None:
    dispute = _cast({"X国总统": 5.0}, {"X国": 6.0})
    quake = _cast({"应急部": 2.0}, {"X国": 6.0})
    assert quake.similarity(dispute, RARITY) == 0.0
    assert _cast({}, {"X国": 1.0}).similarity(dispute, RARITY) == 0.0
