"""Latency of the web app over a large archive under concurrent local clients.

    PYTHONPATH=src python bench/web.py [--articles 100000] [--seconds 30] [--clients 20]

Builds (once, cached under /tmp) an archive of CCTV stories replicated to >= 100k articles
through the real API, serves it with uvicorn in a child process on 127.0.0.1, and runs the
clients for a bounded time, each cycling through home, article, tag, story, entity, search page
and search API requests. The anchor is the stylesheet, a static file: the floor the server stack
itself sets.
Prints p50/p95 per endpoint beside its target and writes bench/baselines/web.json.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import time
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.web_corpus import STORIES, build
from storyline.store import listing, open_store

BASELINE = Path(__file__).resolve().parent / "baselines" / "web.json"
# Targets from the project brief: pages answer within 50 ms, search within 100 ms (p95).
PAGE_TARGET_MS = 50.0
SEARCH_TARGET_MS = 100.0
# Queries: common and rare news words, a Traditional-script one and a two-word one, so the
# mix has both long and short posting lists.
QUERIES = [
    "经济",
    "起诉",
    "台风",
    "航天",
    "乡村振兴",
    "習近平",
    "高铁 建设",
    "足球",
    "微软",
    "疫苗",
]
START_SECONDS = 60
# Pages of latest stories the clients pick story pages from (20 stories a page).
STORY_PAGES = 5
SEED = 7


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


# What `storyline serve --workers N` runs; one process is served as `serve` does it too.
SERVER = """
import sys, uvicorn
from storyline.web.serving import serve_processes
port, workers = int(sys.argv[1]), int(sys.argv[2])
if workers == 1:
    uvicorn.run("storyline.web.app:app_from_environment", factory=True, host="127.0.0.1",
                port=port, log_level="warning")
else:
    serve_processes("127.0.0.1", port, workers)
"""


def start_server(db: Path, port: int, workers: int) -> subprocess.Popen[bytes]:
    src = str(Path(__file__).resolve().parent.parent / "src")
    env = {"PYTHONPATH": src, "STORYLINE_DB": str(db)}
    server = subprocess.Popen([sys.executable, "-c", SERVER, str(port), str(workers)], env=env)
    deadline = time.monotonic() + START_SECONDS
    while time.monotonic() < deadline:
        try:
            httpx.get(f"http://127.0.0.1:{port}/static/site.css", timeout=1)
            return server
        except httpx.HTTPError:
            time.sleep(0.2)
    server.kill()
    raise RuntimeError("server did not start")


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process and its live children (Linux /proc: the worker
    processes of `serve --workers N`), 0 where unavailable."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        return 0.0
    own = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return own + sum(cpu_seconds(int(child)) for child in children)


@dataclass(frozen=True, slots=True)
class Corpus:
    """What the clients pick from: article count, tags, story ids, entity names."""

    total: int
    tags: list[str]
    stories: list[int]
    entities: list[str]


def requests_for(corpus: Corpus, rng: random.Random) -> list[tuple[str, str]]:
    """One cycle of (endpoint name, path): every endpoint once, random article, query, tag,
    story and entity."""
    q = quote(rng.choice(QUERIES))
    return [
        ("home page", "/"),
        ("article page", f"/articles/{rng.randint(1, corpus.total)}"),
        ("tag page", "/tags/" + quote(rng.choice(corpus.tags), safe="")),
        ("story page", f"/stories/{rng.choice(corpus.stories)}"),
        ("entity page", "/entities/" + quote(rng.choice(corpus.entities), safe="")),
        ("search page", f"/search?q={q}"),
        ("search API", f"/search.json?q={q}"),
        ("static file (anchor)", "/static/site.css"),
    ]


async def client(
    http: httpx.AsyncClient,
    corpus: Corpus,
    until: float,
    seed: int,
    out: dict[str, list[float]],
) -> None:
    rng = random.Random(seed)
    while time.monotonic() < until:
        for name, path in requests_for(corpus, rng):
            started = time.perf_counter()
            response = await http.get(path)
            elapsed = (time.perf_counter() - started) * 1000
            if response.status_code >= 400:
                raise RuntimeError(f"{path}: {response.status_code}")
            out[name].append(elapsed)


async def load(base: str, corpus: Corpus, clients: int, seconds: float) -> dict[str, list[float]]:
    out: dict[str, list[float]] = defaultdict(list)
    limits = httpx.Limits(max_connections=clients)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=60) as http:
        until = time.monotonic() + seconds
        await asyncio.gather(*(client(http, corpus, until, SEED + i, out) for i in range(clients)))
    return out


def sample_corpus(base: str, total: int) -> Corpus:
    """Tags, story ids (the latest STORY_PAGES pages) and entity names from the server."""
    tags = [t["tag"] for t in httpx.get(base + "/tags.json", timeout=60).json()["tags"]]
    stories = [
        s["id"]
        for n in range(1, STORY_PAGES + 1)
        for s in httpx.get(f"{base}/stories.json?page={n}", timeout=60).json()["stories"]
    ]
    kinds = httpx.get(base + "/entities.json", timeout=60).json()["kinds"]
    entities = [e["name"] for k in kinds for e in k["entities"]]
    return Corpus(total, tags, stories, entities)


def percentile(values: list[float], q: int) -> float:
    if len(values) < 2:
        return values[0] if values else 0.0
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1]


def summarize(samples: dict[str, list[float]], seconds: float) -> dict[str, dict[str, float]]:
    table = {}
    for name, values in samples.items():
        target = SEARCH_TARGET_MS if "search" in name else PAGE_TARGET_MS
        table[name] = {
            "requests": len(values),
            "per_second": round(len(values) / seconds, 1),
            "p50_ms": round(statistics.median(values), 1),
            "p95_ms": round(percentile(values, 95), 1),
            "target_p95_ms": target,
        }
    return table


def print_table(title: str, table: dict[str, dict[str, float]]) -> None:
    print(f"\n{title}")
    print(f"{'endpoint':<22}{'requests':>9}{'req/s':>8}{'p50 ms':>9}{'p95 ms':>9}{'target':>8}  ok")
    for name, row in table.items():
        ok = "yes" if row["p95_ms"] < row["target_p95_ms"] else "no"
        print(
            f"{name:<22}{row['requests']:>9}{row['per_second']:>8}{row['p50_ms']:>9}"
            f"{row['p95_ms']:>9}{row['target_p95_ms']:>8.0f}  {ok}"
        )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--workers", type=int, default=1, help="server processes")
    args = parser.parse_args()
    if not STORIES.exists():
        print(f"skipped: corpus not found at {STORIES}")
        return
    db = build(args.articles)
    port = _free_port()
    server = start_server(db, port, args.workers)
    try:
        base = f"http://127.0.0.1:{port}"
        with open_store(str(db), readonly=True) as store:
            total = listing.count_articles(store)
        print(f"archive: {total} articles ({db}); load average before: {os.getloadavg()[0]:.1f}")
        corpus = sample_corpus(base, total)
        asyncio.run(load(base, corpus, 2, 3))  # warm the page cache and the code paths
        quiet = args.seconds / 3
        single = summarize(asyncio.run(load(base, corpus, 1, quiet)), quiet)
        cpu_before = cpu_seconds(server.pid)
        busy = asyncio.run(load(base, corpus, args.clients, args.seconds))
        server_cpu = cpu_seconds(server.pid) - cpu_before
        loaded = summarize(busy, args.seconds)
        served = sum(len(v) for v in busy.values())
    finally:
        server.terminate()
        server.wait(timeout=30)
    print_table("one client (no queueing)", single)
    print_table(f"{args.clients} concurrent clients, {args.seconds:.0f} s", loaded)
    cpu_ms = 1000 * server_cpu / max(1, served)
    print(f"\nserver CPU: {server_cpu:.1f} s for {served} requests = {cpu_ms:.1f} ms a request")
    BASELINE.write_text(
        json.dumps(
            {
                "articles": total,
                "clients": args.clients,
                "server_processes": args.workers,
                "load_average_after": round(os.getloadavg()[0], 1),
                "server_cpu_ms_per_request": round(cpu_ms, 1),
                "seconds": args.seconds,
                "single_client": single,
                "concurrent": loaded,
            },
            indent=2,
            ensure_ascii=False,
        )
        + "\n",
        encoding="utf-8",
    )


if __name__ == "__main__":
    main()
