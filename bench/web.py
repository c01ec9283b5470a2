"""Latency of the web app over a large archive under concurrent local clients.

    PYTHONPATH=src python bench/web.py [--articles 100000] [--seconds 30] [--clients 20]
        [--workers 1 2] [--warm 10] [--uncached] [--rev REV] [--db PATH]

Builds (once, cached under /tmp) an archive of CCTV stories replicated to >= 100k articles through
the real API, serves it with uvicorn in a child process on 127.0.0.1 (as `storyline serve --workers
N` does), and runs closed-loop clients with no think time for a bounded time, each cycling through
home, article, tag, story, stories list, entity, entities list, search page and search API requests
over keep-alive connections (bench/web_load.py). Searches draw from 160 queries made of the
corpus's own title words (bench/web_corpus.py). The anchor is the stylesheet, a static file: the
floor the server stack itself sets, measured in the same run, so ratios to it hold when other work
shares the machine. Before measuring, the clients run --warm seconds of the same mix drawn with
other seeds: the state of a server after that much traffic. Server CPU (all its processes, from
/proc) and the load generator's own CPU are reported per request.

`--uncached` adds a run per worker count with the response and burst caches off (what caching
contributes); `--rev REV` adds a run of the server as it was at git revision REV (before/after).
Prints p50/p95 per endpoint beside its target and writes bench/baselines/web.json.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.revision import _checkout
from bench.web_corpus import STORIES, build, news_queries
from bench.web_load import LoadResult, run_load
from storyline.store import listing, open_store

ROOT = Path(__file__).resolve().parent.parent
BASELINE = Path(__file__).resolve().parent / "baselines" / "web.json"
# Targets from the project brief: pages answer within 50 ms, search within 100 ms (p95).
PAGE_TARGET_MS = 50.0
SEARCH_TARGET_MS = 100.0
START_SECONDS = 60
STOP_SECONDS = 10
# Pages of latest stories the clients pick story pages from (20 stories a page).
STORY_PAGES = 5
SEED = 7
WARM_SEED = 1007
HOST = "127.0.0.1"
ANCHOR = "static file (anchor)"
DEFAULT_FACTORY = "storyline.web.app:app_from_environment"
UNCACHED_FACTORY = "bench.web_server:uncached_app"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


# What `storyline serve --workers N` runs; one process is served as `serve` does it too.
SERVER = f"""
import sys, uvicorn
from storyline.web.serving import serve_processes
port, workers, factory = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
if workers == 1:
    uvicorn.run(factory, factory=True, host="127.0.0.1", port=port, log_level="warning")
elif factory == {DEFAULT_FACTORY!r}:
    serve_processes("127.0.0.1", port, workers)
else:
    serve_processes("127.0.0.1", port, workers, factory=factory)
"""


@dataclass(frozen=True, slots=True)
class Setup:
    """One server configuration measured: processes, caches on or off, code revision."""

    workers: int
    cached: bool = True
    rev: str | None = None

    @property
    def label(self) -> str:
        code = f"at {self.rev}" if self.rev else "current"
        return f"{code}, {self.workers} process(es), caches {'on' if self.cached else 'off'}"


def start_server(db: Path, port: int, setup: Setup, src: Path) -> subprocess.Popen[bytes]:
    env = {"PYTHONPATH": f"{src}:{ROOT}", "STORYLINE_DB": str(db), "PATH": "/usr/bin:/bin"}
    factory = DEFAULT_FACTORY if setup.cached else UNCACHED_FACTORY
    args = [sys.executable, "-c", SERVER, str(port), str(setup.workers), factory]
    server = subprocess.Popen(args, env=env)
    deadline = time.monotonic() + START_SECONDS
    while time.monotonic() < deadline:
        try:
            httpx.get(f"http://{HOST}:{port}/static/site.css", timeout=1)
            return server
        except httpx.HTTPError:
            time.sleep(0.2)
    server.kill()
    raise RuntimeError("server did not start")


def stop(server: subprocess.Popen[bytes]) -> None:
    """Stop the server; kill it if in-flight requests keep it past STOP_SECONDS."""
    server.terminate()
    try:
        server.wait(timeout=STOP_SECONDS)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


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
    """What the clients pick from: article count, tags, story ids, entity names, queries."""

    total: int
    tags: list[str]
    stories: list[int]
    entities: list[str]
    queries: list[str]


def requests_for(corpus: Corpus, rng: random.Random) -> list[tuple[str, str]]:
    """One cycle of (endpoint name, path): every endpoint once, random article, query, tag,
    story and entity."""
    q = quote(rng.choice(corpus.queries))
    return [
        ("home page", "/"),
        ("article page", f"/articles/{rng.randint(1, corpus.total)}"),
        ("tag page", "/tags/" + quote(rng.choice(corpus.tags), safe="")),
        ("story page", f"/stories/{rng.choice(corpus.stories)}"),
        ("stories list", f"/stories?page={rng.randint(1, STORY_PAGES)}"),
        ("entity page", "/entities/" + quote(rng.choice(corpus.entities), safe="")),
        ("entities list", "/entities"),
        ("search page", f"/search?q={q}"),
        ("search API", f"/search.json?q={quote(rng.choice(corpus.queries))}"),
        (ANCHOR, "/static/site.css"),
    ]


def plan_for(corpus: Corpus, seed: int) -> Any:
    def plan(client: int) -> Iterator[tuple[str, str]]:
        rng = random.Random(seed + client)
        while True:
            yield from requests_for(corpus, rng)

    return plan


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
    return Corpus(total, tags, stories, entities, news_queries())


def percentile(values: list[float], q: int) -> float:
    if len(values) < 2:
        return values[0] if values else 0.0
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1]


def summarize(result: LoadResult) -> dict[str, dict[str, float]]:
    anchor = statistics.median(result.samples[ANCHOR] or [1.0])
    table = {}
    for name in [*result.samples, *(n for n in result.failures if n not in result.samples)]:
        answered = len(result.samples[name])
        values = result.samples[name] or [float("nan")]  # every request timed out
        target = SEARCH_TARGET_MS if "search" in name else PAGE_TARGET_MS
        p50 = statistics.median(values)
        table[name] = {
            "requests": answered,
            "per_second": round(answered / result.seconds, 1),
            "p50_ms": round(p50, 2),
            "p95_ms": round(percentile(values, 95), 2),
            "p50_over_anchor": round(p50 / anchor, 1),
            "target_p95_ms": target,
            "timed_out": result.failures.get(name, 0),
        }
    return table


def print_table(title: str, table: dict[str, dict[str, float]]) -> None:
    print(f"\n{title}")
    head = f"{'endpoint':<22}{'requests':>9}{'req/s':>8}{'p50 ms':>9}{'p95 ms':>9}"
    print(f"{head}{'p50/anchor':>11}{'target':>8}  ok")
    for name, row in table.items():
        ok = "yes" if row["p95_ms"] < row["target_p95_ms"] and not row["timed_out"] else "no"
        ok += f" ({row['timed_out']} timed out)" if row["timed_out"] else ""
        print(
            f"{name:<22}{row['requests']:>9}{row['per_second']:>8}{row['p50_ms']:>9}"
            f"{row['p95_ms']:>9}{row['p50_over_anchor']:>11}{row['target_p95_ms']:>8.0f}  {ok}"
        )


def measure(
    db: Path, corpus: Corpus | None, setup: Setup, args: argparse.Namespace
) -> tuple[Corpus, dict[str, Any]]:
    """Single-client and concurrent runs against one server; returns (corpus, report)."""
    with tempfile.TemporaryDirectory() as tmp:
        src = ROOT / "src"
        if setup.rev:
            _checkout(setup.rev, Path(tmp))
            src = Path(tmp) / "src"
        port = _free_port()
        server = start_server(db, port, setup, src)
        try:
            corpus = corpus or sample_corpus(f"http://{HOST}:{port}", count_articles(db))
            plan = plan_for(corpus, SEED)
            # Warm-up: the same mix drawn with other seeds (so the measured requests are not
            # replays of it), as a server sees after --warm seconds of traffic.
            warm = plan_for(corpus, WARM_SEED)
            run_load(HOST, port, warm, clients=args.clients, seconds=args.warm)
            single = run_load(HOST, port, plan, clients=1, seconds=args.seconds / 3)
            load_before = os.getloadavg()[0]
            cpu_before = cpu_seconds(server.pid)
            busy = run_load(HOST, port, plan, clients=args.clients, seconds=args.seconds)
            server_cpu = cpu_seconds(server.pid) - cpu_before
        finally:
            stop(server)
    report: dict[str, Any] = {
        "server_processes": setup.workers,
        "caches": setup.cached,
        "revision": setup.rev or "current",
        "load_average_before": round(load_before, 1),
        "load_average_after": round(os.getloadavg()[0], 1),
        "requests_per_second": round(busy.requests / busy.seconds, 1),
        "server_cpu_ms_per_request": round(1000 * server_cpu / max(1, busy.requests), 2),
        "client_cpu_ms_per_request": round(1000 * busy.client_cpu_s / max(1, busy.requests), 2),
        "single_client": summarize(single),
        "concurrent": summarize(busy),
    }
    print(f"\n=== {setup.label}: load average {load_before:.1f} before the concurrent run")
    print_table("one client (no queueing)", report["single_client"])
    print_table(f"{args.clients} concurrent clients, {args.seconds:.0f} s", report["concurrent"])
    print(
        f"throughput {report['requests_per_second']} req/s; CPU a request: server "
        f"{report['server_cpu_ms_per_request']} ms, load generator "
        f"{report['client_cpu_ms_per_request']} ms"
    )
    return corpus, report


def count_articles(db: Path) -> int:
    with open_store(str(db), readonly=True) as store:
        return listing.count_articles(store)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--warm", type=float, default=10, help="seconds of warm-up traffic")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2], help="server processes")
    parser.add_argument("--uncached", action="store_true", help="also run with caches off")
    parser.add_argument("--rev", help="also run the server at this git revision")
    parser.add_argument("--db", type=Path, help="measure this archive instead of building one")
    parser.add_argument("--no-baseline", action="store_true", help="do not write the baseline")
    args = parser.parse_args()
    if not STORIES.exists():
        print(f"skipped: corpus not found at {STORIES}")
        return
    db = args.db or build(args.articles)
    total = count_articles(db)
    print(f"archive: {total} articles ({db}); load average: {os.getloadavg()[0]:.1f}")
    setups = [Setup(w) for w in args.workers]
    setups += [Setup(w, cached=False) for w in args.workers if args.uncached]
    setups += [Setup(w, rev=args.rev) for w in args.workers if args.rev]
    corpus: Corpus | None = None
    runs = []
    for setup in setups:
        corpus, report = measure(db, corpus, setup, args)
        runs.append(report)
    if args.no_baseline:
        return
    baseline = {
        "archive": db.name,
        "articles": total,
        "clients": args.clients,
        "seconds": args.seconds,
        "warm_seconds": args.warm,
        "queries": len(corpus.queries) if corpus else 0,
        "runs": runs,
    }
    BASELINE.write_text(json.dumps(baseline, indent=2, ensure_ascii=False) + "\n", "utf-8")


if __name__ == "__main__":
    main()
