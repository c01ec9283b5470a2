"""Commands for sources that keep themselves fresh: `sources`, `crawl`, `watch`.

Each command opens the archive and calls `storyline.crawl.service`. `sources` with no
subcommand lists every source, as before, with its feed schedule and last error in words.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, ParamSpec, TypeVar

import click
import httpx

from storyline.cli_common import _archive, _fail_cleanly, fetch_policy
from storyline.crawl import service
from storyline.crawl import watch as watch_ops
from storyline.crawl.crawler import CrawlReport, SourceSummary, watch_loop, when_words
from storyline.errors import InputError
from storyline.records import field_values
from storyline.store.feeds import FeedSettings

P = ParamSpec("P")
R = TypeVar("R")
_DURATION = re.compile(r"^\s*(\d+)\s*([smhd]?)\s*$")
_UNITS = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_duration(text: str) -> int:
    """Seconds from `90`, `90s`, `30m`, `2h` or `1d`."""
    found = _DURATION.match(text)
    if not found or int(found.group(1)) <= 0:
        raise InputError(f"{text!r} is not a duration such as 900, 15m, 2h or 1d")
    return int(found.group(1)) * _UNITS[found.group(2)]


def duration_words(seconds: int) -> str:
    """`900` → `15 min`; the largest unit that divides the duration evenly."""
    for unit, size in (("d", 86400), ("h", 3600), ("min", 60)):
        if seconds % size == 0:
            return f"{seconds // size} {unit}"
    return f"{seconds} s"


@click.group(invoke_without_command=True)
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_context
@_fail_cleanly
def sources(ctx: click.Context, as_json: bool) -> None:
    """List sources with their documents, articles, schedule, error count and last error."""
    if ctx.invoked_subcommand is not None:
        return
    with _archive(ctx) as archive:
        rows = service.source_status(archive)
        default_s = fetch_policy(ctx, archive).crawl_interval_s
    if as_json:
        click.echo(_status_json(rows))
        return
    for row in rows:
        _print_status(row, default_s)


def _status_json(rows: list[service.SourceStatus]) -> str:
    import json

    out = []
    for row in rows:
        item: dict[str, Any] = field_values(row.source)
        if row.feed is not None:
            f = row.feed
            item["feed"] = {
                **field_values(f.settings),
                "failures": f.failures,
                "next_fetch_at": f.next_fetch_at,
                "last_fetch_at": f.last_fetch_at,
                "last_outcome": f.last_outcome,
            }
        out.append(item)
    return json.dumps(out, ensure_ascii=False, indent=2)


def _print_status(row: service.SourceStatus, default_s: int) -> None:
    r = row.source
    click.echo(
        f"{r.name}  ({r.kind}: {r.location})  {r.documents} documents, "
        f"{r.articles} articles, {r.error_count} errors"
    )
    if row.feed is not None:
        f = row.feed
        every = (
            duration_words(f.settings.interval_s)
            if f.settings.interval_s
            else f"{duration_words(default_s)} (the default)"
        )
        click.echo(f"    fetched every {every}; next fetch {f.next_fetch_at or 'now'}")
        if f.last_outcome:
            click.echo(f"    last crawl ({f.last_fetch_at}): {f.last_outcome}")
    if r.last_error:
        click.echo(f"    last error ({r.last_error_at}): {r.last_error}")


@sources.command("add")
@click.argument("url")
@click.option("--name", help="Source name (default: the URL's host and path).")
@click.option("--interval", help="How often to fetch: 900, 15m, 2h, 1d (default: setting).")
@click.option("--full-text/--no-full-text", default=True, help="Fetch pages of truncated items.")
@click.option("--encoding", help="Encoding to use instead of what the feed declares.")
@click.option("--timezone", help="Time zone for dates that state none (IANA name).")
@click.option("--outlet", help="Outlet name for the articles (default: the feed's title).")
@click.pass_context
@_fail_cleanly
def sources_add(
    ctx: click.Context,
    url: str,
    name: str | None,
    interval: str | None,
    full_text: bool,
    encoding: str | None,
    timezone: str | None,
    outlet: str | None,
) -> None:
    """Subscribe to an RSS, Atom or JSON feed."""
    feed = FeedSettings(
        url=url,
        name=name or service.name_for(url),
        encoding=encoding,
        timezone=timezone,
        interval_s=parse_duration(interval) if interval else None,
        full_text=full_text,
        outlet=outlet,
    )
    with _archive(ctx) as archive:
        service.add_source(archive, feed)
    click.echo(f"added {feed.name}: {url}")


@sources.command("import-opml")
@click.argument("file", type=click.Path(path_type=Path))
@click.pass_context
@_fail_cleanly
def sources_import_opml(ctx: click.Context, file: Path) -> None:
    """Subscribe to every feed listed in an OPML file."""
    with _archive(ctx) as archive:
        added, skipped = service.import_opml(archive, file)
    click.echo(f"{len(added)} feeds added, {len(skipped)} skipped")
    for message in skipped:
        click.echo(f"  skipped: {message}")


@sources.command("export-opml")
@click.pass_context
@_fail_cleanly
def sources_export_opml(ctx: click.Context) -> None:
    """Print the feed subscriptions as OPML."""
    with _archive(ctx) as archive:
        click.echo(service.export_opml(archive), nl=False)


def _progress_line(summary: SourceSummary) -> None:
    mark = "ok  " if summary.ok else "FAIL"
    click.echo(f"{mark} {summary.name}: {summary.outcome}", err=True)


def _print_crawl(cycle: int, report: CrawlReport) -> None:
    click.echo(
        f"crawl {cycle}: {len(report.sources)} sources, {report.articles} new articles, "
        f"{report.failed} failed"
    )
    for s in report.sources:
        if not s.ok:
            click.echo(f"  {s.name}: failed: {s.outcome}")
            continue
        nxt = f"; next {when_words(s.next_fetch_at)}" if s.next_fetch_at else ""
        click.echo(
            f"  {s.name}: {s.new_items} new, {s.skipped} seen, {s.articles} articles, "
            f"{s.requests} requests{nxt}"
        )


@click.command()
@click.option(
    "--watch", "keep_going", is_flag=True, help="Keep crawling on each source's interval."
)
@click.option("--max-cycles", type=int, help="With --watch: stop after this many crawls.")
@click.option("--all", "force", is_flag=True, help="Crawl every feed now, due or not.")
@click.pass_context
@_fail_cleanly
def crawl(ctx: click.Context, keep_going: bool, max_cycles: int | None, force: bool) -> None:
    """Fetch every due feed once (or keep going with --watch) and store new items."""
    with _archive(ctx) as archive, httpx.Client() as client:
        policy = fetch_policy(ctx, archive)
        crawler = service.crawler(archive, client, policy)

        def after(cycle: int, report: CrawlReport) -> None:
            _print_crawl(cycle, report)
            for result in watch_ops.notify(archive.store, client, policy):
                state = f"failed: {result.error}" if result.error else "sent"
                click.echo(f"  watch {result.watch}: {result.matches} new matches, webhook {state}")

        if keep_going:
            try:
                watch_loop(
                    crawler, max_cycles=max_cycles, after_cycle=after, progress=_progress_line
                )
            except KeyboardInterrupt:
                click.echo("stopped", err=True)
        else:
            after(1, crawler.run_once(force=force, progress=_progress_line))


@click.group()
def watch() -> None:
    """Saved queries that become feeds and can call a webhook after each crawl."""


@watch.command("add")
@click.argument("name")
@click.argument("query")
@click.option("--source", "sources_", multiple=True, help="Only these sources (repeatable).")
@click.option("--webhook", help="URL to POST new matches to (JSON) after each crawl.")
@click.pass_context
@_fail_cleanly
def watch_add(
    ctx: click.Context, name: str, query: str, sources_: tuple[str, ...], webhook: str | None
) -> None:
    """Save a query as a watch list."""
    with _archive(ctx) as archive:
        service.add_watch(archive, name, query, list(sources_), webhook)
    click.echo(f"watching {name}: {query}")


@watch.command("list")
@click.pass_context
@_fail_cleanly
def watch_list(ctx: click.Context) -> None:
    """List watch lists."""
    with _archive(ctx) as archive:
        for w in service.watches(archive):
            where = ", ".join(w.sources) or "all sources"
            hook = f" → {w.webhook}" if w.webhook else ""
            click.echo(f"{w.name}: {w.query} ({where}){hook}")


@watch.command("feed")
@click.argument("name")
@click.option("--output", type=click.Path(path_type=Path), help="Write to this file.")
@click.pass_context
@_fail_cleanly
def watch_feed(ctx: click.Context, name: str, output: Path | None) -> None:
    """Print a watch list's matches as an Atom feed (or write it to --output)."""
    with _archive(ctx) as archive:
        xml = service.watch_feed(archive, name)
    if output:
        output.write_text(xml, encoding="utf-8")
        return
    click.echo(xml, nl=False)


COMMANDS: tuple[click.Command, ...] = (sources, crawl, watch)
