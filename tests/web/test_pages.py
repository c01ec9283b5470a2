"""Pages and their JSON twins, the error shape, OpenAPI, language and script choice."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from storyline.api import Archive
from storyline.settings import Settings
from storyline.web.app import create_app
from tests.web.conftest import HOSTILE_TITLE, SCRIPT_TAG, article_id

TWINS = ["/", "/tags", "/sources", "/search?q=起诉"]


@pytest.mark.parametrize("page", TWINS)
def test_every_page_has_a_json_twin(client: TestClient, page: str) -> None:
    path, _, query = page.partition("?")
    twin = ("/index" if path == "/" else path) + ".json" + ("?" + query if query else "")
    html = client.get(page)
    data = client.get(twin)
    assert html.status_code == data.status_code == 200
    assert html.headers["content-type"].startswith("text/html")
    assert data.json()["ok"] is True


def test_home_lists_latest_first_with_tags(client: TestClient) -> None:
    data = client.get("/index.json").json()
    dates = [a["published"] for a in data["articles"] if a["published"]]
    assert dates == sorted(dates, reverse=True)
    assert len(data["articles"]) == 4 and data["has_next"] is False
    assert {"tag": "法律", "articles": 1} in data["tags"]


def test_article_page_and_twin_come_from_one_query(client: TestClient) -> None:
    number = article_id(client, "法院")
    data = client.get(f"/articles/{number}.json").json()
    page = client.get(f"/articles/{number}").text
    assert data["article"]["title"] == "法院受理起诉"
    for paragraph in data["display"]["paragraphs"]:
        assert paragraph in page


def test_article_script_toggle_converts_on_the_server(client: TestClient) -> None:
    number = article_id(client, "微软发布")
    hant = client.get(f"/articles/{number}.json?script=hant").json()["display"]
    assert hant["title"] == "微軟發佈新系統"
    page = client.get(f"/articles/{number}?script=hant").text
    assert "微軟" in page and 'data-script="hans"' in page
    traditional = article_id(client, "台北")
    hans = client.get(f"/articles/{traditional}.json?script=hans").json()["display"]
    assert "微软公司" in hans["paragraphs"][-1]


def test_removed_spans_are_shown_with_reasons(client: TestClient) -> None:
    number = article_id(client, "台北")
    page = client.get(f"/articles/{number}").text
    assert "<details" in page
    removed = client.get(f"/articles/{number}.json").json()["article"]["removed"]
    for span in removed:
        assert span["reason"]


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/articles/999.json", 404),
        ("/tags/no-such-tag.json", 404),
        ("/search.json?q=x&since=2025-13-45", 400),
        ("/search.json?q=x&page=0", 422),
        ("/nowhere.json", 404),
    ],
)
def test_one_error_shape(client: TestClient, path: str, status: int) -> None:
    response = client.get(path)
    assert response.status_code == status
    body = response.json()
    assert body["ok"] is False and body["status"] == status and body["error"]
    assert set(body) == {"ok", "error", "status"}


def test_html_errors_are_friendly_pages(client: TestClient) -> None:
    response = client.get("/articles/999", headers={"accept-language": "en"})
    assert response.status_code == 404
    assert "Back to the home page" in response.text


def test_openapi_lists_the_json_routes(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    for path in ["/index.json", "/articles/{article_id}.json", "/search.json", "/tags.json"]:
        assert path in paths
    assert "/articles/{article_id}" not in paths  # HTML pages are not API


def test_language_follows_accept_language_then_switch(client: TestClient) -> None:
    assert "最新文章" in client.get("/", headers={"accept-language": "zh-CN,zh;q=0.9"}).text
    english = client.get("/", headers={"accept-language": "en-US,en;q=0.8,zh;q=0.5"})
    assert "Latest articles" in english.text
    switched = client.get("/?lang=zh", headers={"accept-language": "en"})
    assert "最新文章" in switched.text
    assert "最新文章" in client.get("/", headers={"accept-language": "en"}).text  # cookie kept


def test_search_filters_by_tag_source_and_date(client: TestClient) -> None:
    def ids(query: str) -> set[int]:
        return {h["id"] for h in client.get("/search.json?q=" + query).json()["hits"]}

    everything = ids("起诉")
    assert len(everything) == 2
    assert len(ids("起诉&tag=法律")) == 1
    assert ids("起诉&since=2025-01-20") == ids("起诉&tag=安全")
    assert ids("起诉&source=nowhere") == set()


def test_search_snippets_escape_everything_but_mark(client: TestClient) -> None:
    page = client.get("/search?q=起诉").text
    assert "<mark>起诉</mark>" in page
    assert SCRIPT_TAG not in page
    assert "&lt;script&gt;" in page


def test_hostile_titles_tags_and_links_are_inert(client: TestClient) -> None:
    number = article_id(client, "攻击标题")
    assert client.get(f"/articles/{number}.json").json()["article"]["title"] == HOSTILE_TITLE
    for path in ["/", f"/articles/{number}", "/tags", "/search?q=起诉"]:
        page = client.get(path).text
        assert "<script>window" not in page
        assert not re.search(r"<(img|svg)\b", page)
        assert 'href="javascript' not in page.lower()
    assert "javascript:window.__pwned=4" in client.get(f"/articles/{number}").text  # as text


def test_tag_with_a_slash_has_a_page(client: TestClient) -> None:
    tags = [t["tag"] for t in client.get("/tags.json").json()["tags"]]
    assert SCRIPT_TAG in tags
    page = client.get("/tags").text
    href = re.search(r'href="(/tags/%3Cscript[^"]*)"', page)
    assert href is not None
    assert client.get(href.group(1) + ".json").json()["total"] == 1


def test_pages_send_a_content_security_policy(client: TestClient) -> None:
    policy = client.get("/").headers["content-security-policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy


def test_home_pages_through_the_archive(filled: Settings) -> None:
    small = replace(filled, page_size=3)
    with TestClient(create_app(small)) as client:
        first = client.get("/index.json").json()
        second = client.get("/index.json?page=2").json()
        assert (len(first["articles"]), first["has_next"]) == (3, True)
        assert (len(second["articles"]), second["has_next"]) == (1, False)
        assert 'rel="next"' in client.get("/").text


def test_app_from_environment_reads_storyline_settings(
    filled: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    from storyline.web.app import app_from_environment

    monkeypatch.setenv("STORYLINE_DB", filled.db)
    monkeypatch.setenv("STORYLINE_PAGE_SIZE", "2")
    with TestClient(app_from_environment()) as client:
        assert len(client.get("/index.json").json()["articles"]) == 2


def test_an_article_page_shows_the_source_it_credits(
    web_settings: Settings, tmp_path: Path
) -> None:
    folder = tmp_path / "credited"
    folder.mkdir()
    (folder / "a.txt").write_text(
        "江城新建三座跨江大桥\n作者：张三 来源：示例日报\n\n"
        "市政府昨日召开新闻发布会，宣布今年将新建三座跨江大桥，总投资约120亿元。\n",
        encoding="utf-8",
    )
    with Archive(web_settings) as archive:
        assert archive.ingest([folder]).articles == 1
    with TestClient(create_app(web_settings)) as opened:
        number = article_id(opened, "跨江大桥")
        assert opened.get(f"/articles/{number}.json").json()["article"]["credited"] == "示例日报"
        assert "<dd>示例日报</dd>" in opened.get(f"/articles/{number}").text
