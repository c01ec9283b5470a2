"""Commands for facts: entities and an entity's page (registered on the main group)."""

from __future__ import annotations

import click

from storyline.api import figure_json
from storyline.cli_common import _archive, _emit_json, _fail_cleanly


@click.command()
@click.argument("name", required=False)
@click.option(
    "--kind",
    type=click.Choice(["person", "org", "place", "product"]),
    help="Only entities of this kind (listing).",
)
@click.option("--limit", type=int, help="How many (default: the page size).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_context
@_fail_cleanly
def entities(
    ctx: click.Context, name: str | None, kind: str | None, limit: int | None, as_json: bool
) -> None:
    """List the entities named in most articles, or show one entity's page (NAME)."""
    with _archive(ctx) as archive:
        if name is None:
            rows = archive.entities(limit=limit, kind=kind)
            if as_json:
                _emit_json(
                    [
                        {
                            "name": r.name,
                            "kind": r.kind,
                            "mentions": r.mentions,
                            "articles": r.articles,
                        }
                        for r in rows
                    ]
                )
                return
            for r in rows:
                click.echo(
                    f"{r.articles:>6} articles  {r.mentions:>6} mentions  {r.kind:<8} {r.name}"
                )
            return
        page = archive.entity(name)
        titles = archive.articles_by_ids(page.article_ids)
    if as_json:
        _emit_json(
            {
                "name": page.entity.name,
                "kind": page.entity.kind,
                "mentions": page.entity.mentions,
                "articles": page.entity.articles,
                "article_ids": page.article_ids,
                "co_mentioned": [
                    {"name": r.name, "kind": r.kind, "articles": r.articles}
                    for r in page.co_mentioned
                ],
                "figures": [{"article_id": a, **figure_json(f)} for a, f in page.figures],
            }
        )
        return
    e = page.entity
    click.echo(f"# {e.name} ({e.kind}) — {e.articles} articles, {e.mentions} mentions")
    for row in titles:
        click.echo(f"  {row.id:>6}  {row.title}")
    click.echo("named with: " + ", ".join(f"{r.name} ({r.articles})" for r in page.co_mentioned))
    for article_id, f in page.figures:
        click.echo(f"  figure in {article_id}: {f.text}  [{f.low:g}–{f.high:g} {f.unit}]")


COMMANDS: tuple[click.Command, ...] = (entities,)
