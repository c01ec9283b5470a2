"""Commands for events and stories: list, show, merge, split (registered on the main group)."""

from __future__ import annotations

from zoneinfo import ZoneInfo

import click

from storyline import api
from storyline.cli_common import _archive, _emit_json, _fail_cleanly
from storyline.store.stories import ClusterRow


def _span(row: ClusterRow, tz: str) -> str:
    """The cluster's dates in the archive's time zone (the store keeps UTC)."""
    zone = ZoneInfo(tz)
    first = row.first.astimezone(zone).strftime("%Y-%m-%d") if row.first else "?"
    last = row.last.astimezone(zone).strftime("%Y-%m-%d") if row.last else "?"
    return first if first == last else f"{first}…{last}"


@click.command()
@click.option("--story", "story_id", type=int, help="Only the events of this story.")
@click.option("--limit", type=int, help="How many (default: the page size).")
@click.option("--offset", type=int, default=0, help="Skip this many.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_context
@_fail_cleanly
def events(
    ctx: click.Context, story_id: int | None, limit: int | None, offset: int, as_json: bool
) -> None:
    """List events (articles reporting one happening), latest first."""
    with _archive(ctx) as archive:
        rows = archive.events(limit=limit, offset=offset, story_id=story_id)
        tz = archive.settings.timezone
    if as_json:
        _emit_json([api.cluster_json(r) for r in rows])
        return
    for r in rows:
        click.echo(
            f"{r.id:>6}  {_span(r, tz):<21}  story {r.story_id:<5} {r.articles:>3} articles  "
            f"{r.headline}"
        )


@click.command()
@click.option("--limit", type=int, help="How many (default: the page size).")
@click.option("--offset", type=int, default=0, help="Skip this many.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_context
@_fail_cleanly
def stories(ctx: click.Context, limit: int | None, offset: int, as_json: bool) -> None:
    """List stories (chains of events of one developing matter), latest first."""
    with _archive(ctx) as archive:
        rows = archive.stories(limit=limit, offset=offset)
        tz = archive.settings.timezone
    if as_json:
        _emit_json([api.cluster_json(r) for r in rows])
        return
    for r in rows:
        click.echo(
            f"{r.id:>6}  {_span(r, tz):<21}  {r.events:>3} events {r.articles:>4} articles  "
            f"{r.headline}"
        )
        click.echo(f"        {' '.join(r.keywords)}  — {', '.join(r.outlets)}")


@click.command()
@click.argument("story_id", type=int)
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_context
@_fail_cleanly
def story(ctx: click.Context, story_id: int, as_json: bool) -> None:
    """Show one story: its events in date order and their articles."""
    with _archive(ctx) as archive:
        detail = archive.story(story_id)
        tz = archive.settings.timezone
    if as_json:
        out = api.cluster_json(detail.story)
        out["events"] = [
            {**api.cluster_json(e), "articles": [api.row_json(a) for a in arts]}
            for e, arts in detail.events
        ]
        _emit_json(out)
        return
    s = detail.story
    click.echo(
        f"# {s.headline}\n  {_span(s, tz)} · {s.events} events · {s.articles} articles · "
        f"{', '.join(s.outlets)}\n  {' '.join(s.keywords)}"
    )
    for event, arts in detail.events:
        click.echo(f"\n  event {event.id}  {_span(event, tz)}  {event.headline}")
        for a in arts:
            when = a.published.strftime("%Y-%m-%d") if a.published else "(no date)"
            ext = f" [{a.external_id}]" if a.external_id else ""
            click.echo(f"    {a.id:>6}  {when:<10}  {a.outlet or a.source}  {a.title}{ext}")


@click.command()
@click.argument("kind", type=click.Choice(["event", "story"]))
@click.argument("into", type=int)
@click.argument("others", type=int, nargs=-1, required=True)
@click.pass_context
@_fail_cleanly
def merge(ctx: click.Context, kind: str, into: int, others: tuple[int, ...]) -> None:
    """Merge events (or stories) OTHERS into INTO; remembered across later runs."""
    with _archive(ctx) as archive:
        archive.merge(kind, into, list(others))
    click.echo(f"merged {kind} {', '.join(map(str, others))} into {kind} {into}")


@click.command()
@click.argument("kind", type=click.Choice(["event", "story"]))
@click.argument("source_id", type=int)
@click.argument("members", type=int, nargs=-1, required=True)
@click.pass_context
@_fail_cleanly
def split(ctx: click.Context, kind: str, source_id: int, members: tuple[int, ...]) -> None:
    """Move articles out of an event (or events out of a story) into a new one."""
    with _archive(ctx) as archive:
        new_id = archive.split(kind, source_id, list(members))
    unit = "articles" if kind == "event" else "events"
    click.echo(f"moved {unit} {', '.join(map(str, members))} into new {kind} {new_id}")


@click.command()
@click.argument("article_id", type=int)
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_context
@_fail_cleanly
def reposts(ctx: click.Context, article_id: int, as_json: bool) -> None:
    """Show an article's original and every repost of it, with their similarity."""
    with _archive(ctx) as archive:
        canonical, copies = archive.reposts(article_id)
    if as_json:
        _emit_json(
            {
                "canonical": api.row_json(canonical),
                "reposts": [
                    {**api.row_json(r), "similarity": round(sim, 4), "kind": kind}
                    for r, sim, kind in copies
                ],
            }
        )
        return
    click.echo(
        f"original {canonical.id}  {canonical.outlet or canonical.source}  {canonical.title}"
    )
    for row, sim, kind in copies:
        ext = f" [{row.external_id}]" if row.external_id else ""
        click.echo(
            f"  repost {row.id:>6}  {kind:<5} {sim:.2f}  {row.outlet or row.source}  "
            f"{row.title}{ext}"
        )
    if not copies:
        click.echo("  no reposts")


COMMANDS: tuple[click.Command, ...] = (events, stories, story, merge, split, reposts)
