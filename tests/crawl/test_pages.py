"""`storyline ingest URL…`: pages fetched from a real local server, stored like files; a page
that cannot be fetched is reported with its reason and recorded on its source."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from storyline.api import Archive
from storyline.cli import main
from tests.fetch.conftest import TEST_POLICY
from tests.fetch.server import LocalServer, Route

BODY = (
    "市政府今天召开新闻发布会，宣布新建三条地铁线路，"
    "预计二〇二七年底全部建成通车，总投资约八百亿元。"
)
PAGE = (
    "<html><head><title>三条地铁新线开工_示例网</title></head><body><article>"
    "<h1>三条地铁新线开工</h1>"
    f"<p>{BODY}</p><p>{BODY}</p></article></body></html>"
)


def test_urls_and_files_ingest_together_and_failures_are_reported(
    server: LocalServer, archive: Archive, tmp_path: Path
) -> None:
    server.routes["/news/1.html"] = Route(PAGE.encode("gbk"), content_type="text/html; charset=gbk")
    server.routes["/news/2.html"] = Route(b"", status=404)
    server.routes["/private/3.html"] = Route(PAGE.encode())
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "note.txt").write_text(BODY.replace("三条", "两条"), encoding="utf-8")
    args = [
        "ingest",
        str(folder),
        server.url("/news/1.html"),
        server.url("/news/2.html"),
        server.url("/private/3.html"),
        "--json",
    ]
    obj = {"db": archive.settings.db, "policy": TEST_POLICY}
    result = CliRunner().invoke(main, args, obj=obj)
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["articles"] == 2
    reasons = {f["origin"]: f["reason"] for f in report["failures"]}
    assert set(reasons) == {server.url("/news/2.html"), server.url("/private/3.html")}
    assert reasons[server.url("/private/3.html")] != reasons[server.url("/news/2.html")]
    page = next(r for r in archive.articles() if r.url)
    assert page.url == server.url("/news/1.html")
    assert page.title == "三条地铁新线开工"
    assert BODY[:15] in archive.article(page.id).text
    host = next(s for s in archive.sources() if s.name == "127.0.0.1")
    assert host.error_count == 2 and host.last_error


def test_the_same_page_again_is_already_stored(server: LocalServer, archive: Archive) -> None:
    server.routes["/a.html"] = Route(PAGE.encode())
    obj = {"db": archive.settings.db, "policy": TEST_POLICY}
    runner = CliRunner()
    first = runner.invoke(main, ["ingest", server.url("/a.html"), "--json"], obj=dict(obj))
    again = runner.invoke(main, ["ingest", server.url("/a.html"), "--json"], obj=dict(obj))
    assert json.loads(first.output)["articles"] == 1
    assert json.loads(again.output)["already_stored"] == 1
