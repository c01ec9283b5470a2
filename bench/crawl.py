"""Crawl throughput and politeness against local servers with simulated latency.

Three hosts (127.0.0.1-3, each its own server) serve a feed of ITEMS items, a quarter of them
truncated so their pages are fetched and extracted. Each response waits LATENCY_S first.

Rows: items per second through fetch + extract + ingest for
  - storyline: the crawler (per-host pacing and concurrency, robots.txt, conditional GET);
  - naive sequential (anchor): one plain httpx GET after another, no robots, no pacing, the
    same parse, extract and ingest calls - what a first script would do.
Politeness: the most requests any host saw in any one-second window, beside the limit set by
`fetch_host_interval_ms`. Medians of REPEATS runs, each on a fresh database.

    PYTHONPATH=src python bench/crawl.py
"""

from __future__ import annotations

import json
import statistics
import sys
import tempfile
import time
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.crawl.fixtures import page_html, rss  # noqa: E402
from tests.fetch.conftest import TEST_POLICY  # noqa: E402
from tests.fetch.server import LocalServer, Route  # noqa: E402

from storyline.api import Archive  # noqa: E402
from storyline.crawl import service  # noqa: E402
from storyline.pipeline.clean.html import extract_page  # noqa: E402
from storyline.pipeline.ingest.feed import (  # noqa: E402
    FullText,
    is_truncated,
    item_record,
    parse_feed,
    record_bytes,
)
from storyline.pipeline.ingest.readers import Origin  # noqa: E402
from storyline.records import DocKind, Document  # noqa: E402
from storyline.settings import load_settings  # noqa: E402
from storyline.store.feeds import FeedSettings  # noqa: E402

HOSTS = ("127.0.0.1", "127.0.0.2", "127.0.0.3")
ITEMS = 40  # per host
LATENCY_S = 0.02  # a nearby server's time to first byte
INTERVAL_MS = 100  # politeness limit under test: 10 requests per second per host
REPEATS = 3
POLICY = replace(
    TEST_POLICY,
    fetch_host_interval_ms=INTERVAL_MS,
    fetch_host_concurrency=2,
    fetch_read_timeout_ms=5_000,
    crawl_workers=4,
)


def _serve(server: LocalServer) -> None:
    truncated = {n for n in range(1, ITEMS + 1) if n % 4 == 0}
    feed = rss(server.base, ITEMS, truncated)
    server.routes["/feed.xml"] = Route(feed, "application/rss+xml", delay=LATENCY_S, etag='"1"')
    server.routes["/robots.txt"] = Route(b"User-agent: *\nAllow: /\n", "text/plain")
    for n in range(1, ITEMS + 1):
        server.routes[f"/articles/{n}.html"] = Route(page_html(n).encode(), delay=LATENCY_S)


def _archive(folder: str, name: str) -> Archive:
    return Archive(load_settings({"db": f"{folder}/{name}.db"}, environ={}))


def run_storyline(servers: list[LocalServer], folder: str) -> tuple[float, int]:
    with _archive(folder, "ours") as archive, httpx.Client() as client:
        for i, server in enumerate(servers):
            service.add_source(archive, FeedSettings(url=server.url("/feed.xml"), name=f"h{i}"))
        started = time.perf_counter()
        report = service.crawler(archive, client, POLICY).run_once()
        return time.perf_counter() - started, report.articles


def run_naive(servers: list[LocalServer], folder: str) -> tuple[float, int]:
    articles = 0
    with _archive(folder, "naive") as archive, httpx.Client() as client:
        started = time.perf_counter()
        for i, server in enumerate(servers):
            feed = client.get(server.url("/feed.xml"))
            parsed = parse_feed(feed.content, timezone="UTC")
            docs = []
            for item in parsed.items:
                page = None
                if item.link and is_truncated(item):
                    html = client.get(item.link).text
                    extracted = extract_page(html, item.link)
                    page = FullText(item.link, html, extracted.text, extracted.title)
                raw = record_bytes(item_record(item, outlet=None, page=page))
                docs.append(
                    Document(raw, item.link or "", DocKind.JSONL, f"h{i}", datetime.now(UTC))
                )
            origin = Origin(f"h{i}", "feed", server.url("/feed.xml"))
            articles += archive._ingest(((origin, d) for d in docs), "bench", None).articles
        return time.perf_counter() - started, articles


def busiest_second(servers: list[LocalServer]) -> int:
    """The most requests one host saw in any one-second window [t, t + 1)."""
    worst = 0
    for server in servers:
        times = sorted(h.at for h in server.log)
        j = 0
        for i, t in enumerate(times):
            while times[j] < t - 1.0 + 1e-9:
                j += 1
            worst = max(worst, i - j + 1)
    return worst


def main() -> None:
    results: dict[str, list[float]] = {"storyline": [], "naive sequential": []}
    windows: list[int] = []
    for _ in range(REPEATS):
        for name, runner in (("storyline", run_storyline), ("naive sequential", run_naive)):
            servers = [LocalServer(h) for h in HOSTS]
            for s in servers:
                s.__enter__()
                _serve(s)
            try:
                with tempfile.TemporaryDirectory() as folder:
                    seconds, made = runner(servers, folder)
                if made != ITEMS * len(HOSTS):
                    raise SystemExit(f"{name}: {made} articles, expected {ITEMS * len(HOSTS)}")
                results[name].append(made / seconds)
                if name == "storyline":
                    windows.append(busiest_second(servers))
            finally:
                for s in servers:
                    s.__exit__(None, None, None)
    limit = 1000 // INTERVAL_MS
    ours = statistics.median(results["storyline"])
    naive = statistics.median(results["naive sequential"])
    print(f"{len(HOSTS)} hosts × {ITEMS} items, {LATENCY_S * 1000:.0f} ms latency, {REPEATS} runs")
    print(f"{'crawler':<18} {'items/s (median)':>17} {'ratio':>7}")
    print(f"{'storyline':<18} {ours:>17.1f} {ours / naive:>7.2f}")
    print(f"{'naive sequential':<18} {naive:>17.1f} {1.0:>7.2f}")
    print(f"politeness: busiest second per host {max(windows)} requests; limit {limit}")
    baseline = {
        "hosts": len(HOSTS),
        "items_per_host": ITEMS,
        "latency_ms": LATENCY_S * 1000,
        "host_interval_ms": INTERVAL_MS,
        "items_per_s": {"storyline": round(ours, 1), "naive_sequential": round(naive, 1)},
        "busiest_second_requests": max(windows),
        "limit_requests_per_s": limit,
    }
    out = ROOT / "bench" / "baselines" / "crawl.json"
    out.write_text(json.dumps(baseline, indent=2) + "\n", encoding="utf-8")
    if max(windows) > limit:
        raise SystemExit("politeness broken: a host saw more requests per second than allowed")


if __name__ == "__main__":
    main()
