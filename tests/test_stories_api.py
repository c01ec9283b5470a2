from pathlib import Path

import pytest

from storyline.api import Archive
from storyline.errors import InputError


def _post(folder: Path, name: str, title: str, date: str, body: str) -> None:
    text = f'---\ntitle: "{title}"\ndate: "{date}"\n---\n\n{body}\n'
    (folder / name).write_text(text, encoding="utf-8")


TYPHOON = (
    "台风“海葵”今日在福建沿海登陆，气象部门发布台风红色预警，沿海渔船全部回港避风，"
    "铁路部门停运多趟列车。"
)
TYPHOON_2 = "受台风“海葵”登陆影响，福建沿海出现强降雨，气象部门继续发布台风红色预警，渔船回港避风。"
MARKET = "证监会今日发布新规，上市公司分红比例将与再融资挂钩，券商分析师认为此举利好长期投资者。"


@pytest.fixture
def grouped(archive: Archive, tmp_path: Path) -> Archive:
    docs = tmp_path / "news"
    docs.mkdir()
    _post(docs, "a.md", "台风海葵登陆福建", "2023-09-05 08:00:00", TYPHOON)
    _post(docs, "b.md", "海葵带来强降雨", "2023-09-05 20:00:00", TYPHOON_2)
    _post(docs, "c.md", "证监会发布分红新规", "2023-09-06 09:00:00", MARKET)
    archive.ingest([docs])
    return archive


def test_ingest_groups_articles_into_events_and_stories(grouped: Archive) -> None:
    events = grouped.events(limit=10)
    sizes = sorted(e.articles for e in events)
    assert sizes == [1, 2]
    typhoon = next(e for e in events if e.articles == 2)
    assert typhoon.headline == "台风海葵登陆福建"  # the earliest article's title
    assert "台风" in typhoon.keywords
    assert len(grouped.stories(limit=10)) == 2


def test_grouping_is_stable_when_more_articles_arrive(grouped: Archive, tmp_path: Path) -> None:
    before = {e.id: e.articles for e in grouped.events(limit=10)}
    more = tmp_path / "more"
    more.mkdir()
    _post(
        more, "d.md", "海葵过境后福建恢复通航", "2023-09-07 08:00:00", TYPHOON_2 + "福建恢复通航。"
    )
    grouped.ingest([more])
    after = {e.id: e.articles for e in grouped.events(limit=10)}
    assert all(after[i] >= n for i, n in before.items())
    assert sum(after.values()) == 4


def test_curator_split_and_merge_are_kept(grouped: Archive) -> None:
    typhoon = next(e for e in grouped.events(limit=10) if e.articles == 2)
    _, articles = grouped.event(typhoon.id)
    new_event = grouped.split("event", typhoon.id, [articles[1].id])
    assert grouped.event(new_event)[1][0].id == articles[1].id
    assert grouped.group().articles == 0  # nothing is regrouped by a later run
    grouped.merge("event", typhoon.id, [new_event])
    assert grouped.event(typhoon.id)[0].articles == 2
    stories = grouped.stories(limit=10)
    grouped.merge("story", stories[0].id, [stories[1].id])
    assert len(grouped.stories(limit=10)) == 1


def test_bad_curation_requests_are_input_errors(grouped: Archive) -> None:
    event = grouped.events(limit=10)[0]
    with pytest.raises(InputError):
        grouped.merge("event", event.id, [event.id])
    with pytest.raises(InputError):
        grouped.split("event", event.id, [999999])
    only = grouped.event(event.id)[1]
    if len(only) == 1:
        with pytest.raises(InputError, match="leave at least one"):
            grouped.split("event", event.id, [only[0].id])
