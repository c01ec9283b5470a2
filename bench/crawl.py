"""Crawl throughput and politeness against local servers with simulated latency.

Three hosts (127.0.0.1-3, each its own server) serve a feed of ITEMS items, a quarter of them
truncated so their pages are fetched and extracted. Each response waits a simulated
latency first (LATENCIES_S: a nearby server and one across the world).

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
from dataclasses import asdict, dataclass, replace
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
LATENCIES_S = (0.02, 0.1)  # time to first byte: a nearby server, one across the world
INTERVAL_MS = 100  # politeness limit under test: 10 requests per second per host
REPEATS = 3
POLICY = replace(
    TEST_POLICY,
    fetch_host_interval_ms=INTERVAL_MS,
    fetch_host_concurrency=2,
    fetch_read_timeout_ms=5_000,
    crawl_workers=4,
)


def _serve(server: LocalServer, latency: float) -> None:
    truncated = {n for n in range(1, ITEMS + 1) if n % 4 == 0}
    feed = rss(server.base, ITEMS, truncated)
    server.routes["/feed.xml"] = Route(feed, "application/rss+xml", delay=latency, etag='"1"')
    server.routes["/robots.txt"] = Route(b"User-agent: *\nAllow: /\n", "text/plain")
    for n in range(1, ITEMS + 1):
        server.routes[f"/articles/{n}.html"] = Route(page_html(n).encode(), delay=latency)


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


def _one_run(name: str, latency: float) -> tuple[float, int]:
    """(items per second, busiest second per host) of one crawler on fresh servers."""
    runner = run_storyline if name == "storyline" else run_naive
    servers = [LocalServer(h) for h in HOSTS]
    for s in servers:
        s.__enter__()
        _serve(s, latency)
    try:
        with tempfile.TemporaryDirectory() as folder:
            seconds, made = runner(servers, folder)
    finally:
        for s in servers:
            s.__exit__(None, None, None)
    if made != ITEMS * len(HOSTS):
        raise SystemExit(f"{name}: {made} articles, expected {ITEMS * len(HOSTS)}")
    return made / seconds, busiest_second(servers)


@dataclass(frozen=True)
class Row:
    latency_ms: int
    storyline: float  # items per second, median
    naive_sequential: float
    busiest_second_requests: int  # most requests one host saw in one second (storyline)


def measure(latency: float) -> Row:
    rates: dict[str, list[float]] = {"storyline": [], "naive sequential": []}
    windows: list[int] = []
    for _ in range(REPEATS):
        for name, got in rates.items():
            rate, busiest = _one_run(name, latency)
            got.append(rate)
            if name == "storyline":
                windows.append(busiest)
    return Row(
        round(latency * 1000),
        round(statistics.median(rates["storyline"]), 1),
        round(statistics.median(rates["naive sequential"]), 1),
        max(windows),
    )


def main() -> None:
    limit = 1000 // INTERVAL_MS
    rows = [measure(latency) for latency in LATENCIES_S]
    print(f"{len(HOSTS)} hosts × {ITEMS} items, medians of {REPEATS} runs; items/s")
    head = ("latency", "storyline", "naive seq.", "ratio", "busiest s", "limit")
    print("{:>8} {:>10} {:>11} {:>6} {:>10} {:>6}".format(*head))
    for r in rows:
        print(
            f"{r.latency_ms:>6} ms {r.storyline:>10.1f} {r.naive_sequential:>11.1f} "
            f"{r.storyline / r.naive_sequential:>6.2f} {r.busiest_second_requests:>10} {limit:>6}"
        )
    baseline = {
        "hosts": len(HOSTS),
        "items_per_host": ITEMS,
        "host_interval_ms": INTERVAL_MS,
        "limit_requests_per_s": limit,
        "runs": [asdict(r) for r in rows],
    }
    out = ROOT / "bench" / "baselines" / "crawl.json"
    out.write_text(json.dumps(baseline, indent=2) + "\n", encoding="utf-8")
    if any(r.busiest_second_requests > limit for r in rows):
        raise SystemExit("politeness broken: a host saw more requests per second than allowed")


if __name__ == "__main__":
    main()
