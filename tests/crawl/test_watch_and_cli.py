from __future__ import annotations

import json
from pathlib import Path

import httpx
from click.testing import CliRunner
from lxml import etree

from storyline.api import Archive
from storyline.cli_sources import crawl, parse_duration, sources, watch
from storyline.crawl import service
from storyline.crawl.crawler import Crawler
from storyline.crawl.watch import ATOM, notify
from storyline.store.feeds import FeedSettings
from tests.crawl.fixtures import atom
from tests.fetch.conftest import TEST_POLICY
from tests.fetch.server import LocalServer, Route


def _cli(archive: Archive):
    runner = CliRunner()
    obj = {"db": archive.settings.db, "policy": TEST_POLICY}

    def invoke(command, *args: str):
        return runner.invoke(command, list(args), obj=dict(obj))

    return invoke


def test_watch_feed_and_webhook_report_new_matches_once(
    server: LocalServer, archive: Archive, crawler: Crawler
) -> None:
    server.routes["/a.xml"] = Route(atom(server.base, ["公园开放", "地铁新线", "公园扩建"]))
    service.add_source(archive, FeedSettings(url=server.url("/a.xml"), name="a"))
    service.add_watch(archive, "parks", "公园", ["a"], server.url("/hook"))
    crawler.run_once()
    feed = etree.fromstring(service.watch_feed(archive, "parks").encode())
    titles = sorted(e.findtext(f"{{{ATOM}}}title") for e in feed.iter(f"{{{ATOM}}}entry"))
    assert titles == ["公园开放", "公园扩建"]
    with httpx.Client() as client:
        first = notify(archive.store, client, TEST_POLICY)
        again = notify(archive.store, client, TEST_POLICY)
    assert [(r.matches, r.error) for r in first] == [(2, None)]
    assert [(r.matches, r.error) for r in again] == [(0, None)]
    posted = json.loads(server.hits("/hook")[0].body)
    assert posted["watch"] == "parks" and len(posted["matches"]) == 2
    # A watch made now reports only what arrives later, though its feed lists all matches.
    service.add_watch(archive, "later", "公园", [], server.url("/hook2"))
    with httpx.Client() as client:
        assert all(r.matches == 0 for r in notify(archive.store, client, TEST_POLICY))
    assert "公园开放" in service.watch_feed(archive, "later")


def test_cli_add_crawl_list_export_import(
    server: LocalServer, archive: Archive, tmp_path: Path
) -> None:
    run = _cli(archive)
    server.routes["/a.xml"] = Route(atom(server.base, ["一", "二"]))
    added = run(
        sources,
        "add",
        server.url("/a.xml"),
        "--name",
        "甲",
        "--interval",
        "15m",
        "--no-full-text",
        "--timezone",
        "Asia/Taipei",
        "--outlet",
        "甲报",
    )
    assert added.exit_code == 0, added.output
    again = run(sources, "add", server.url("/a.xml"))
    assert again.exit_code == 1 and "already subscribed" in again.output
    crawled = run(crawl)
    assert crawled.exit_code == 0, crawled.output
    assert "2 new articles" in crawled.output
    listing = run(sources, "--json")
    row = json.loads(listing.output)[0]
    assert row["articles"] == 2 and row["feed"]["interval_s"] == 900
    assert row["feed"]["outlet"] == "甲报" and row["feed"]["full_text"] is False
    exported = run(sources, "export-opml").output
    opml = tmp_path / "subs.opml"
    opml.write_text(exported.replace(server.url("/a.xml"), server.url("/b.xml")), "utf-8")
    imported = run(sources, "import-opml", str(opml))
    assert "0 feeds added, 1 skipped" in imported.output  # the name 甲 is taken
    opml.write_text(exported.replace("甲", "乙").replace("/a.xml", "/b.xml"), "utf-8")
    assert "1 feeds added, 0 skipped" in run(sources, "import-opml", str(opml)).output
    names = [r["name"] for r in json.loads(run(sources, "--json").output)]
    assert names == ["乙", "甲"]


def test_cli_watch_mode_stops_after_max_cycles(server: LocalServer, archive: Archive) -> None:
    run = _cli(archive)
    server.routes["/a.xml"] = Route(atom(server.base, ["公园"]), etag='"1"')
    run(sources, "add", server.url("/a.xml"), "--interval", "1")
    assert run(watch, "add", "w", "公园").exit_code == 0
    result = run(crawl, "--watch", "--max-cycles", "2")
    assert result.exit_code == 0, result.output
    assert "crawl 1:" in result.output and "crawl 2:" in result.output
    assert len(server.hits("/a.xml")) == 2
    assert "公园" in run(watch, "feed", "w").output


def test_bad_encoding_or_time_zone_is_refused_at_once(archive: Archive) -> None:
    run = _cli(archive)
    bad_tz = run(sources, "add", "http://x/feed", "--timezone", "Mars/Olympus")
    assert bad_tz.exit_code == 1 and "not an IANA time zone" in bad_tz.output
    bad_enc = run(sources, "add", "http://x/feed", "--encoding", "klingon")
    assert bad_enc.exit_code == 1 and "not an encoding" in bad_enc.output
    assert run(sources, "add", "ftp://x/feed").exit_code == 1


def test_durations() -> None:
    assert [parse_duration(t) for t in ("90", "90s", "15m", "2h", "1d")] == [
        90,
        90,
        900,
        7200,
        86400,
    ]
