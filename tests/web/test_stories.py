"""Story and entity pages, their JSON twins, story feeds and facts marked in article text."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import feedparser
import pytest
from fastapi.testclient import TestClient

from storyline.api import Archive
from storyline.settings import Settings
from storyline.web import queries
from storyline.web.app import create_app
from tests.web.conftest import HOSTILE_ENTITY, HOSTILE_TITLE, add_hostile_facts


@pytest.fixture
def hostile(filled: Settings) -> int:
    return add_hostile_facts(filled)


@pytest.fixture
def facts_client(filled: Settings, hostile: int) -> Iterator[TestClient]:
    with TestClient(create_app(filled)) as opened:
        yield opened


def _story_of(client: TestClient, headline: str) -> int:
    for row in client.get("/stories.json").json()["stories"]:
        if row["headline"] == headline:
            return int(row["id"])
    raise AssertionError(f"no story headed {headline!r}")


def test_stories_listing_and_twin(client: TestClient) -> None:
    rows = client.get("/stories.json").json()["stories"]
    assert {r["headline"] for r in rows} >= {"微软发布新系统", "法院受理起诉"}
    court = next(r for r in rows if r["headline"] == "法院受理起诉")
    assert court["articles"] == 1 and court["events"] == 1 and court["outlets"]
    assert "起诉" in court["keywords"] and court["first"].startswith("2025-01-17")
    page = client.get("/stories").text
    assert f'href="/stories/{court["id"]}"' in page


def test_story_page_and_twin_come_from_one_query(client: TestClient, filled: Settings) -> None:
    number = _story_of(client, "微软发布新系统")
    data = client.get(f"/stories/{number}.json").json()
    assert data["ok"] and data["story"]["id"] == number
    [event] = data["events"]
    assert [a["title"] for a in event["articles"]] == ["微软发布新系统"]
    assert {e["name"] for e in data["entities"]} == {"北京", "微软"}
    assert data["timeline_url"] == f"/stories/{number}/timeline"
    timeline = client.get(f"/stories/{number}/timeline.json").json()
    assert timeline["story"]["id"] == number
    [entry] = timeline["timeline"]["entries"]  # the story's timeline, cited
    assert entry["date"]["first"] == "2024-03-01" and entry["granularity"] == "day"
    assert entry["citations"][0]["article_id"] == event["articles"][0]["id"]
    with Archive(filled) as archive:
        detail = archive.story(number)
    assert [e.id for e, _ in detail.events] == [event["event"]["id"]]
    page = client.get(f"/stories/{number}").text
    assert f'id="event-{event["event"]["id"]}"' in page
    assert 'href="/entities/%E5%BE%AE%E8%BD%AF"' in page
    assert f'href="/stories/{number}/timeline"' in page
    # A story of a few articles shows its timeline on its own page too, from the same data.
    assert data["timeline"] == timeline["timeline"]
    assert '<time datetime="2024-03-01"' in page


def test_a_large_story_links_to_its_timeline_instead_of_building_it(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(queries, "TIMELINE_INLINE_ARTICLES", 0)
    number = _story_of(client, "微软发布新系统")
    data = client.get(f"/stories/{number}.json").json()
    assert data["timeline"] is None and data["timeline_url"] == f"/stories/{number}/timeline"
    assert "<time datetime" not in client.get(f"/stories/{number}").text


def test_timeline_page_shows_dated_entries_with_citations(client: TestClient) -> None:
    number = _story_of(client, "微软发布新系统")
    data = client.get(f"/stories/{number}/timeline.json").json()
    [entry] = data["timeline"]["entries"]
    assert entry["date"]["first"] == "2024-03-01" and entry["shown"]
    cited = entry["citations"][0]["article_id"]
    page = client.get(f"/stories/{number}/timeline", headers={"accept-language": "en"}).text
    assert "Timeline" in page and f'href="/articles/{cited}"' in page
    assert '<time datetime="2024-03-01"' in page and f'href="/stories/{number}"' in page
    chinese = client.get(f"/stories/{number}/timeline").text
    assert "时间线" in chinese


def test_timeline_of_a_missing_story_is_not_found(client: TestClient) -> None:
    response = client.get("/stories/999999/timeline.json")
    assert response.status_code == 404 and response.json()["ok"] is False


def test_home_shows_stories_above_articles(client: TestClient) -> None:
    data = client.get("/index.json").json()
    assert data["stories"] and data["articles"]
    page = client.get("/").text
    assert page.index('class="stories"') < page.index('class="articles"')


def test_article_links_its_event_and_story(client: TestClient) -> None:
    number = _story_of(client, "法院受理起诉")
    article = next(
        r["id"]
        for r in client.get("/index.json").json()["articles"]
        if r["title"] == "法院受理起诉"
    )
    data = client.get(f"/articles/{article}.json").json()
    assert data["story"]["id"] == number and data["event"]["headline"] == "法院受理起诉"
    page = client.get(f"/articles/{article}").text
    assert f'href="/stories/{number}"' in page
    assert f'href="/stories/{number}#event-{data["event"]["id"]}"' in page


def test_entities_by_kind_and_a_chinese_entity_page(client: TestClient) -> None:
    kinds = {k["kind"]: k["entities"] for k in client.get("/entities.json").json()["kinds"]}
    assert [e["name"] for e in kinds["org"]] == ["微软"]
    assert [k["kind"] for k in client.get("/entities.json?kind=place").json()["kinds"]] == ["place"]
    data = client.get("/entities/" + quote("微软") + ".json").json()
    assert data["entity"] == {"name": "微软", "kind": "org", "mentions": 2, "articles": 2}
    assert {a["title"] for a in data["articles"]} == {"微软发布新系统", "台北報導"}
    assert {e["name"] for e in data["co_mentioned"]} == {"北京", "台北"}
    page = client.get("/entities/" + quote("微软")).text
    assert "<h1>微软</h1>" in page and 'href="/entities/%E5%8C%97%E4%BA%AC"' in page


def test_facts_are_marked_in_the_text_as_published(client: TestClient) -> None:
    article = next(
        r["id"] for r in client.get("/index.json").json()["articles"] if r["title"] == "台北報導"
    )
    page = client.get(f"/articles/{article}").text
    assert (
        '<a class="mention" href="/entities/%E5%BE%AE%E8%BD%AF" title="微软 (org)">微軟公司</a>'
        in page
    )
    # An undated article keeps the dates it states in full (a month here).
    assert '<span class="date" title="2025-03-01/2025-03-31 (month)">2025年3月</span>' in page
    simplified = client.get(f"/articles/{article}?script=hans").text
    assert ">微软公司</a>" in simplified


@pytest.mark.parametrize(
    "path",
    [
        "/stories/999.json",
        "/stories/999",
        "/entities/no-such-entity.json",
        "/feeds/stories/999.atom",
        "/stories/x.json",
    ],
)
def test_unknown_ids_share_the_error_shape(client: TestClient, path: str) -> None:
    response = client.get(path, headers={"accept": "application/json"})
    assert response.status_code in (404, 422)
    body = response.json()
    assert body["ok"] is False and body["status"] == response.status_code and body["error"]
    assert set(body) == {"ok", "error", "status"}


def test_bad_entity_kind_is_an_input_error(client: TestClient) -> None:
    response = client.get("/entities.json?kind=alien")
    assert response.status_code == 400 and response.json()["ok"] is False


def test_story_feed_parses(client: TestClient) -> None:
    number = _story_of(client, "微软发布新系统")
    response = client.get(f"/feeds/stories/{number}.atom")
    assert response.headers["content-type"].startswith("application/atom+xml")
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.feed.title == "Storyline: 微软发布新系统"
    assert [e.title for e in feed.entries] == ["微软发布新系统"]
    assert feed.entries[0].link.endswith("/articles/" + feed.entries[0].link.rsplit("/", 1)[1])


def test_hostile_entity_names_and_headlines_are_inert(
    facts_client: TestClient, hostile: int
) -> None:
    number = _story_of(facts_client, HOSTILE_TITLE)
    entity = "/entities/" + quote(HOSTILE_ENTITY, safe="")
    assert facts_client.get(entity + ".json").json()["entity"]["name"] == HOSTILE_ENTITY
    feed = feedparser.parse(facts_client.get(f"/feeds/stories/{number}.atom").content)
    assert feed.feed.title == f"Storyline: {HOSTILE_TITLE}"
    for path in [
        "/",
        "/stories",
        f"/stories/{number}",
        "/entities",
        entity,
        f"/articles/{hostile}",
    ]:
        page = facts_client.get(path).text
        assert "<script>window" not in page, path
        assert not re.search(r"<(img|svg)\b", page), path
    assert f'href="{entity}"' in facts_client.get("/entities").text
    article = facts_client.get(f"/articles/{hostile}").text
    # The figure spans the mention, so it is the one marked; its unit stays text in the title.
    assert (
        '<span class="figure" title="1 &lt;img src=x onerror=&#34;window.__pwned=2&#34;&gt;">'
        "第一段正</span>" in article
    )
    assert f'href="{entity}"' not in article


def test_story_events_come_in_pages_in_date_order(
    client: TestClient, filled: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    court, software = _story_of(client, "法院受理起诉"), _story_of(client, "微软发布新系统")
    with Archive(filled) as archive:
        archive.merge("story", court, [software])
    monkeypatch.setattr(queries, "STORY_EVENTS", 1)
    first = client.get(f"/stories/{court}.json").json()
    second = client.get(f"/stories/{court}.json?page=2").json()
    assert (first["pages"], first["has_next"], second["has_next"]) == (2, True, False)
    titles = [e["articles"][0]["title"] for e in first["events"] + second["events"]]
    assert titles == ["微软发布新系统", "法院受理起诉"]  # 2024 before 2025
    assert 'rel="next" href="/stories/' in client.get(f"/stories/{court}").text
    last = second["events"][0]
    article = client.get(f"/articles/{last['articles'][0]['id']}").text
    assert f'href="/stories/{court}?page=2#event-{last["event"]["id"]}"' in article


def test_a_story_of_many_outlets_lists_a_few_and_counts_the_rest(
    web_settings: Settings, tmp_path: Path
) -> None:
    body = "星河航天公司今天宣布，新型火箭在酒泉完成首次飞行试验，公司计划明年投入商业发射服务。"
    lines = [
        json.dumps(
            {
                "id": f"o{n}",
                "title": "星河航天新型火箭首飞成功",
                "date": "2025-03-0" + str(1 + n % 3),
                "outlet": f"第{n}日报",
                "text": body + f"（第{n}日报记者）",
            },
            ensure_ascii=False,
        )
        for n in range(11)
    ]
    (tmp_path / "many.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    with Archive(web_settings) as archive:
        archive.ingest([tmp_path / "many.jsonl"])
    with TestClient(create_app(web_settings)) as client:
        story = client.get("/stories.json").json()["stories"][0]
        assert len(story["outlets"]) == 11  # the twin lists every outlet
        listing = client.get("/stories?lang=en").text
        page = client.get(f"/stories/{story['id']}?lang=zh").text
    hidden = sorted(story["outlets"])[8:]  # outlets are listed in name order
    assert "and 3 more" in listing and "第0日报" in listing
    assert not any(name in listing for name in hidden)
    assert "等另外 3 家" in page
