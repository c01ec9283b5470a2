"""Whole responses kept until the archive changes; the packaged static files from memory."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from starlette.types import Message, Receive, Scope, Send

from storyline.api import Archive
from storyline.settings import Settings, load_settings
from storyline.web.app import create_app
from storyline.web.archive_version import ArchiveVersion
from storyline.web.response_cache import ResponseCache
from storyline.web.static_files import StaticAssets
from tests import pg
from tests.web.conftest import TOKEN, write_documents


class Pages:
    """An ASGI app that numbers its answers, so a test can tell a kept one from a new one."""

    def __init__(self, status: int = 200, headers: list[tuple[bytes, bytes]] | None = None):
        self.calls = 0
        self.status = status
        self.headers = headers or []
        self.during: Any = None  # run while "rendering", to change the archive mid-request

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        self.calls += 1
        if self.during:
            self.during()
        body = f"answer {self.calls}".encode()
        await send({"type": "http.response.start", "status": self.status, "headers": self.headers})
        await send({"type": "http.response.body", "body": body})


class Counter:
    def __init__(self) -> None:
        self.value: int | None = 1

    def __call__(self) -> int | None:
        return self.value


def get(
    app: Any, path: str = "/", *, method: str = "GET", headers: dict[str, str] | None = None
) -> tuple[int, bytes]:
    raw_path, _, query = path.partition("?")
    scope = {
        "type": "http",
        "method": method,
        "scheme": "http",
        "path": raw_path,
        "query_string": query.encode(),
        "headers": [(k.encode(), v.encode()) for k, v in (headers or {}).items()],
    }
    sent: list[Message] = []

    async def receive() -> Message:
        return {"type": "http.request", "body": b""}

    async def send(message: Message) -> None:
        sent.append(message)

    asyncio.run(app(scope, receive, send))
    return int(sent[0]["status"]), b"".join(m.get("body", b"") for m in sent[1:])


def test_a_repeated_get_is_answered_from_memory_until_the_archive_changes() -> None:
    pages, version = Pages(), Counter()
    cache = ResponseCache(pages, version)
    assert get(cache, "/stories?page=2") == (200, b"answer 1")
    assert get(cache, "/stories?page=2") == (200, b"answer 1")
    assert get(cache, "/stories?page=3") == (200, b"answer 2")  # the query string is in the key
    version.value = 2
    assert get(cache, "/stories?page=2") == (200, b"answer 3")
    assert pages.calls == 3


def test_each_language_has_its_own_answer() -> None:
    cache = ResponseCache(Pages(), Counter())
    zh = get(cache, "/", headers={"accept-language": "zh-CN"})
    en = get(cache, "/", headers={"accept-language": "en-US,en;q=0.9"})
    assert zh != en
    assert get(cache, "/", headers={"cookie": "lang=en"}) == en
    assert get(cache, "/?lang=zh", headers={"cookie": "lang=en"}) != en


def test_a_response_made_while_the_archive_changed_is_not_kept() -> None:
    pages, version = Pages(), Counter()
    cache = ResponseCache(pages, version)
    get(cache, "/other")  # the cache has seen version 1

    def commit_elsewhere() -> None:
        version.value = 2
        pages.during = None

    pages.during = commit_elsewhere
    get(cache, "/")  # arrived at version 1, rendered after the change
    get(cache, "/other")  # the change is seen here
    assert get(cache, "/") == (200, b"answer 4")


def test_errors_cookies_forms_writes_and_conditional_requests_are_not_kept() -> None:
    cases = [
        (Pages(status=404), "GET", {}),
        (Pages(headers=[(b"set-cookie", b"storyline_csrf=abc; Path=/")]), "GET", {}),
        (Pages(headers=[(b"cache-control", b"no-store")]), "GET", {}),
        (Pages(), "POST", {}),
        (Pages(), "GET", {"if-none-match": '"x"'}),
    ]
    for pages, method, headers in cases:
        cache = ResponseCache(pages, Counter())
        get(cache, "/ingest", method=method, headers=headers)
        get(cache, "/ingest", method=method, headers=headers)
        assert pages.calls == 2, (pages.status, pages.headers, method, headers)


def test_the_language_cookie_answer_is_kept_with_its_query() -> None:
    pages = Pages(headers=[(b"set-cookie", b"lang=en; Max-Age=31536000")])
    cache = ResponseCache(pages, Counter())
    get(cache, "/?lang=en")
    get(cache, "/?lang=en")
    assert pages.calls == 1


def test_without_a_change_counter_every_request_is_made_afresh() -> None:
    pages, version = Pages(), Counter()
    version.value = None  # PostgreSQL
    cache = ResponseCache(pages, version)
    get(cache, "/")
    get(cache, "/")
    assert pages.calls == 2


def test_the_memory_budget_drops_the_least_recently_used() -> None:
    pages = Pages()
    cache = ResponseCache(pages, Counter(), max_bytes=len(b"answer 1") * 2)
    for path in ("/a", "/b", "/a", "/c", "/a", "/b"):
        get(cache, path)
    assert pages.calls == 4  # /a stayed (recently used), /b was dropped for /c


def test_the_archive_version_moves_with_commits_from_other_connections(
    filled: Settings,
) -> None:
    version = ArchiveVersion(filled.db)
    before = version()
    assert before is not None and version() == before
    with Archive(filled) as archive, archive.store.transaction():
        archive.store.execute("UPDATE articles SET title = title || '!' WHERE id = 1")
    assert version() != before
    version.close()
    assert ArchiveVersion(":memory:")() is None


def test_pages_show_an_article_ingested_by_another_process(
    filled: Settings, tmp_path: Path
) -> None:
    with TestClient(create_app(filled)) as client:
        titles = {r["title"] for r in client.get("/index.json").json()["articles"]}
        assert client.get("/index.json").json()["articles"]  # answered from memory now
        new = tmp_path / "new"
        new.mkdir()
        (new / "e.md").write_text('---\ntitle: "新到的文章"\n---\n\n正文内容。\n', "utf-8")
        with Archive(filled) as archive:  # its own connection, as another process has
            archive.ingest([new])
        after = {r["title"] for r in client.get("/index.json").json()["articles"]}
    assert after - titles == {"新到的文章"}


def test_a_new_tag_from_another_process_shows_on_the_home_page_at_once(
    filled: Settings, tmp_path: Path
) -> None:
    with TestClient(create_app(filled)) as client:
        before = {t["tag"] for t in client.get("/index.json").json()["tags"]}
        new = tmp_path / "tagged"
        new.mkdir()
        post = '---\ntitle: "带新标签的文章"\ntags:\n  - "新标签"\n---\n\n正文内容。\n'
        (new / "f.md").write_text(post, "utf-8")
        with Archive(filled) as archive:
            archive.ingest([new])
        after = {t["tag"] for t in client.get("/index.json").json()["tags"]}
    assert after - before == {"新标签"}


def test_two_visitors_of_the_form_get_their_own_csrf_values(client: TestClient) -> None:
    first = client.get("/ingest")
    client.cookies.clear()
    second = client.get("/ingest")
    assert first.headers["cache-control"] == "no-store"
    assert first.cookies["storyline_csrf"] != second.cookies["storyline_csrf"]


def test_static_files_come_with_an_etag_and_answer_304_to_it(client: TestClient) -> None:
    first = client.get("/static/site.css")
    assert first.status_code == 200 and first.headers["content-type"].startswith("text/css")
    assert first.headers["x-content-type-options"] == "nosniff"  # security headers too
    again = client.get("/static/site.css", headers={"if-none-match": first.headers["etag"]})
    assert again.status_code == 304 and again.content == b""
    assert client.head("/static/site.css").content == b""
    assert client.get("/static/missing.css").status_code == 404


def test_static_assets_are_read_from_their_folder(tmp_path: Path) -> None:
    (tmp_path / "app.js").write_text("let x = 1;\n", "utf-8")
    assets = StaticAssets(Pages(status=404), tmp_path)
    assert get(assets, "/static/app.js") == (200, b"let x = 1;\n")
    assert get(assets, "/static/other.js")[0] == 404


def test_an_archive_this_process_cannot_read_is_served_uncached(tmp_path: Path) -> None:
    assert ArchiveVersion(str(tmp_path / "missing" / "web.db"))() is None


@pytest.fixture
def pg_filled(pg_server: str, tmp_path: Path) -> Iterator[Settings]:
    """The web tests' documents in a fresh PostgreSQL database."""
    with pg.fresh_database(pg_server) as url:
        settings = load_settings({"db": url, "token": TOKEN}, environ={})
        write_documents(tmp_path / "docs")
        with Archive(settings) as archive:
            archive.ingest([tmp_path / "docs"])
        yield settings


def test_postgres_archive_version_moves_with_commits_and_not_with_reads(
    pg_filled: Settings,
) -> None:
    version = ArchiveVersion(pg_filled.db)
    cache = ResponseCache(Pages(), version)
    before = version()
    assert before is not None
    assert get(cache, "/stories") == (200, b"answer 1")
    with Archive(pg_filled) as archive:
        archive.search("起诉")  # reads write no log: the counter stays, the answer is kept
        assert version() == before
        assert get(cache, "/stories") == (200, b"answer 1")
        with archive.store.transaction():
            archive.store.execute("UPDATE articles SET title = title || '!' WHERE id = 1")
    assert version() != before
    assert get(cache, "/stories") == (200, b"answer 2")
    version.close()


def test_postgres_pages_are_kept_and_show_an_ingest_by_another_process(
    pg_filled: Settings, tmp_path: Path
) -> None:
    with TestClient(create_app(pg_filled)) as client:
        first = client.get("/index.json").json()
        assert client.get("/index.json").json() == first
        new = tmp_path / "new"
        new.mkdir()
        (new / "e.md").write_text('---\ntitle: "新到的文章"\n---\n\n正文内容。\n', "utf-8")
        with Archive(pg_filled) as archive:
            archive.ingest([new])
        after = {r["title"] for r in client.get("/index.json").json()["articles"]}
    assert after - {r["title"] for r in first["articles"]} == {"新到的文章"}
