"""The `timeline` command: a story's dated happenings, who states them, and disagreements."""

from __future__ import annotations

import click

from storyline.cli_common import _archive, _emit_json, _fail_cleanly
from storyline.pipeline.timeline.merge import show_date
from storyline.pipeline.timeline.model import Citation, Entry, Timeline
from storyline.timeline import timeline_json


@click.command()
@click.argument("story_id", type=int)
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.option(
    "--abstract",
    is_flag=True,
    help="Also ask the summary endpoint (setting summary_endpoint) for a summary.",
)
@click.pass_context
@_fail_cleanly
def timeline(ctx: click.Context, story_id: int, as_json: bool, abstract: bool) -> None:
    """Show a story's timeline: dated happenings with citations, and where sources disagree."""
    with _archive(ctx) as archive:
        found = archive.timeline(story_id)
        written = archive.abstract_summary(story_id) if abstract else None
    if as_json:
        _emit_json({**timeline_json(found), "abstract": written})
        return
    _print(found)
    if written:
        click.echo(f"\nSummary (written by {archive.settings.summary_model or 'the model'}):")
        click.echo(written)


def _print(found: Timeline) -> None:
    click.echo(f"# {found.headline}")
    for c in found.summary:
        click.echo(f"  {c.text}  {_cite(c)}")
    click.echo("")
    for entry in found.entries:
        _print_entry(entry)
    if found.conflicts:
        click.echo("\nDisagreements")
    for conflict in found.conflicts:
        click.echo(f"  {conflict.what}: {conflict.about}")
        for side in conflict.sides:
            click.echo(f"    {side.value:<24} {_cite(side.citation)}  {side.citation.text}")


def _print_entry(entry: Entry) -> None:
    flags = [n for n, on in _flags(entry) if on]
    marks = f" ({', '.join(flags)})" if flags else ""
    when = show_date(entry.first, entry.last, entry.granularity)
    click.echo(f"  {when:<24} {entry.predicate} · {', '.join(entry.actors[:4])}{marks}")
    click.echo(f"  {'':<24} {entry.summary}")
    click.echo(f"  {'':<24} {' '.join(_cite(c) for c in entry.citations)}")


def _flags(entry: Entry) -> list[tuple[str, bool]]:
    return [
        ("background", entry.background),
        ("scheduled", entry.scheduled),
        ("dated by context", entry.inferred),
    ]


def _cite(c: Citation) -> str:
    return f"[{c.article_id}:{c.start}-{c.end}]"


COMMANDS: tuple[click.Command, ...] = (timeline,)
