"""The command line: each command opens the archive and makes one API call.

Errors are translated here (and only here) into a message on stderr and an exit code:
1 for a Storyline error (bad input, not found, store refused), 2 for usage errors (click's).
"""

from __future__ import annotations

import html
import json
import re
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

import click
import httpx

from storyline import api, cli_facts, cli_sources, cli_stories, cli_timeline, cli_web, native
from storyline.cli_common import _archive, _emit_json, _fail_cleanly, _settings, fetch_policy
from storyline.crawl.pages import ingest_urls, is_url
from storyline.errors import InputError
from storyline.fetch.http import Fetcher
from storyline.settings import setting_help
from storyline.store.search import SearchFilters


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--db", help="Database path (setting `db`, env STORYLINE_DB).")
@click.pass_context
def main(ctx: click.Context, db: str | None) -> None:
    """Storyline: a news archive organised by story."""
    # Keep what a caller handed in (tests pass settings and a fetch policy this way).
    ctx.obj = {**(ctx.obj or {}), **({"db": db} if db else {})}


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--source", help="Source name for these documents (default: the folder's name).")
@click.option("--jsonl", is_flag=True, help="Read standard input (`-`) as JSON Lines.")
@click.option("--jsonl-fields", help="role=field pairs for JSON Lines, e.g. title=headline.")
@click.option("--workers", type=int, help="Worker processes (default 0: one per core, up to 4).")
@click.option("--json", "as_json", is_flag=True, help="Print the run report as JSON.")
@click.pass_context
@_fail_cleanly
def ingest(
    ctx: click.Context,
    paths: tuple[str, ...],
    source: str | None,
    jsonl: bool,
    jsonl_fields: str | None,
    workers: int | None,
    as_json: bool,
) -> None:
    """Store documents from files, folders (recursively), web pages (http/https URLs, fetched
    politely) or `-` (standard input)."""
    overrides = {"source": source, "jsonl_fields": jsonl_fields, "workers": workers}
    with _archive(ctx, **overrides) as archive, _progress() as tick:
        if paths == ("-",):
            report = archive.ingest_stream(sys.stdin.buffer, jsonl=jsonl, progress=tick)
        else:
            if "-" in paths:
                raise InputError("`-` (standard input) cannot be mixed with paths")
            report = _ingest_paths(ctx, archive, paths, tick)
    _print_report(report, as_json)


def _ingest_paths(
    ctx: click.Context, archive: api.Archive, paths: tuple[str, ...], tick: Callable[[int], None]
) -> api.IngestReport:
    """Files and folders first, then URLs, as one report."""
    report = api.IngestReport()
    files = [Path(p) for p in paths if not is_url(p)]
    urls = [p for p in paths if is_url(p)]
    if files:
        report.absorb(archive.ingest(files, progress=tick))
    if urls:
        with httpx.Client() as client:
            fetcher = Fetcher(client, fetch_policy(ctx, archive))
            report.absorb(ingest_urls(archive, urls, fetcher, tick))
    return report


@contextmanager
def _progress() -> Iterator[Callable[[int], None]]:
    """A counter on stderr when it is a terminal; silent otherwise (logs, CI)."""
    count = 0
    show = sys.stderr.isatty()

    def tick(n: int) -> None:
        nonlocal count
        count += n
        if show:
            click.echo(f"\r{count} documents read", nl=False, err=True)

    yield tick
    if show and count:
        click.echo("", err=True)


def _print_report(report: api.IngestReport, as_json: bool) -> None:
    if as_json:
        _emit_json(
            {
                "read": report.read,
                "new": report.new,
                "already_stored": report.already_stored,
                "articles": report.articles,
                "failed": dict(report.failed),
                "failures": [
                    {"origin": o, "reason": r, "message": m} for o, r, m in report.failures
                ],
                "steps": [
                    {
                        "step": s.name,
                        "total": s.total,
                        "forwarded": s.forwarded,
                        "dropped": dict(s.dropped),
                    }
                    for s in report.steps
                ],
            }
        )
        return
    failed = sum(report.failed.values())
    click.echo(
        f"{report.read} documents read: {report.new} new, {report.already_stored} already "
        f"stored; {report.articles} articles stored; {failed} failed"
    )
    for step in report.steps:
        drops = ", ".join(f"{reason} {n}" for reason, n in step.dropped.most_common())
        click.echo(
            f"  {step.name:<10} {step.total:>7} in {step.forwarded:>7} on "
            f"{step.seconds:>8.2f} s  {drops}"
        )
    for origin, reason, message in report.failures:
        click.echo(f"  failed [{reason}] {origin}: {message}")


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--jsonl-fields", help="role=field pairs for JSON Lines, e.g. title=headline.")
@click.pass_context
@_fail_cleanly
def extract(ctx: click.Context, paths: tuple[Path, ...], jsonl_fields: str | None) -> None:
    """Extract articles without storing them: one JSON object per document (JSON Lines)."""
    settings = _settings(ctx, jsonl_fields=jsonl_fields)
    for record in api.extract(paths, settings):
        click.echo(json.dumps(record, ensure_ascii=False))


@main.command()
@click.option("--source", help="Only this source.")
@click.option("--limit", type=int, help="How many (default: the page size).")
@click.option("--offset", type=int, default=0, help="Skip this many.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_context
@_fail_cleanly
def articles(
    ctx: click.Context, source: str | None, limit: int | None, offset: int, as_json: bool
) -> None:
    """List articles, latest first."""
    with _archive(ctx) as archive:
        rows = archive.articles(limit=limit, offset=offset, source=source)
    if as_json:
        _emit_json([api.row_json(r) for r in rows])
        return
    for r in rows:
        when = r.published.strftime("%Y-%m-%d %H:%M") if r.published else "(no date)       "
        derived = " (derived)" if r.title_derived else ""
        ext = f" [{r.external_id}]" if r.external_id else ""
        click.echo(f"{r.id:>6}  {when}  {r.outlet or r.source}  {r.title}{derived}{ext}")


@main.command()
@click.argument("article_id", type=int)
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_context
@_fail_cleanly
def show(ctx: click.Context, article_id: int, as_json: bool) -> None:
    """Show one article: metadata, text, and every removed span with its reason."""
    with _archive(ctx) as archive:
        art = archive.article(article_id)
    if as_json:
        _emit_json(api.article_json(art))
        return
    derived = (
        "  (derived from the text: the document gives no headline)" if art.title_derived else ""
    )
    click.echo(f"# {art.title}{derived}")
    fields = [
        ("published", art.published.isoformat() if art.published else "(not stated)"),
        ("outlet", art.outlet),
        ("credited", art.credited),
        ("author", art.author),
        ("source", art.source),
        ("url", art.url),
        ("lang", art.lang),
        ("script", art.script),
        ("encoding", art.encoding),
        ("external id", art.external_id),
        ("tags", ", ".join(art.tags)),
        ("categories", ", ".join(art.categories)),
    ]
    for name, value in fields:
        if value:
            click.echo(f"{name:>12}: {value}")
    click.echo("\n" + art.text + "\n")
    _print_facts(art)
    click.echo(f"Removed spans ({len(art.removed)}):")
    for span in art.removed:
        text = span.text.replace("\n", "⏎")
        short = text if len(text) <= 80 else text[:77] + "…"
        click.echo(f"  [{span.reason}] {span.start}-{span.end}: {short}")


def _print_facts(art: Any) -> None:
    if art.mentions:
        names = sorted({f"{m.entity} ({m.kind})" for m in art.mentions})
        click.echo(f"Entities ({len(names)}): " + ", ".join(names))
    for f in art.figures:
        click.echo(
            f"  figure {f.start}-{f.end} {f.text}: {f.low:g}–{f.high:g} {f.unit} ({f.qualifier})"
        )
    for d in art.dates:
        future = ", scheduled" if d.future else ""
        click.echo(
            f"  date {d.start}-{d.end} {d.text}: {d.first}…{d.last} ({d.granularity}{future})"
        )


_MARK = re.compile(r"<mark>(.*?)</mark>")


def _terminal_snippet(snippet: str) -> str:
    plain = _MARK.sub(lambda m: click.style(m.group(1), bold=True, fg="yellow"), snippet)
    return html.unescape(plain)


@main.command()
@click.argument("query")
@click.option("--source", help="Only this source.")
@click.option("--since", type=click.DateTime(["%Y-%m-%d"]), help="Published on or after.")
@click.option("--until", type=click.DateTime(["%Y-%m-%d"]), help="Published before.")
@click.option("--tag", help="Only articles with this tag.")
@click.option("--page", type=int, default=1, help="Page of results.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_context
@_fail_cleanly
def search(
    ctx: click.Context,
    query: str,
    source: str | None,
    since: datetime | None,
    until: datetime | None,
    tag: str | None,
    page: int,
    as_json: bool,
) -> None:
    """Search articles (any script; Chinese words are segmented)."""
    filters = SearchFilters(source=source, since=since, until=until, tag=tag)
    with _archive(ctx) as archive:
        result = archive.search(query, filters, page=page)
    if as_json:
        _emit_json(
            {
                "query": result.query,
                "terms": result.terms,
                "total": result.total,
                "page": result.page,
                "pages": result.pages,
                "hits": [
                    {
                        "id": h.article_id,
                        "title": h.title,
                        "snippet": h.snippet,
                        "score": round(h.score, 4),
                        "published": h.published,
                        "source": h.source,
                        "outlet": h.outlet,
                    }
                    for h in result.hits
                ],
            }
        )
        return
    click.echo(
        f"{result.total} results for {' '.join(result.terms) or '(no words)'}"
        f" (page {result.page} of {result.pages})"
    )
    for h in result.hits:
        when = h.published.strftime("%Y-%m-%d") if h.published else "(no date)"
        click.echo(f"{h.article_id:>6}  {when}  {h.title}")
        click.echo(f"        {_terminal_snippet(h.snippet)}")


@main.command()
@click.option("--json", "as_json", is_flag=True, help="Print the run report as JSON.")
@click.pass_context
@_fail_cleanly
def reprocess(ctx: click.Context, as_json: bool) -> None:
    """Rebuild every article from its stored document (after the rules changed)."""
    with _archive(ctx) as archive, _progress() as tick:
        report = archive.reprocess(progress=tick)
    _print_report(report, as_json)


@main.group()
def config() -> None:
    """Settings."""


@config.command("show")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_context
@_fail_cleanly
def config_show(ctx: click.Context, as_json: bool) -> None:
    """Print the effective settings, each with its help."""
    settings = _settings(ctx)
    values = settings.as_dict()
    if as_json:
        _emit_json(values)
        return
    for name, help_text in setting_help().items():
        click.echo(f"{name} = {values[name]!r}\n    {help_text} (env STORYLINE_{name.upper()})")
    # Not a setting (it acts when the modules are imported), but it explains a run's speed.
    click.echo(f"# hot modules: {native.status()} (env {native.ENV_SWITCH}=0: run as Python)")


# Commands defined in their own modules, by noun.
for _command in (
    *cli_facts.COMMANDS,
    *cli_sources.COMMANDS,
    *cli_stories.COMMANDS,
    *cli_timeline.COMMANDS,
    *cli_web.COMMANDS,
):
    main.add_command(_command)
