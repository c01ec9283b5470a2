"""Search with filters (source, date range, tag) and paging, and its `.json` twin."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse

from storyline.errors import InputError
from storyline.web.deps import PageNumber, queries
from storyline.web.queries import SearchQuery
from storyline.web.render import page, twin

router = APIRouter()

# The longest query accepted: a long sentence; longer input is a paste accident or abuse.
MAX_QUERY_CHARS = 200

Text = Annotated[str, Query(max_length=MAX_QUERY_CHARS)]


def parse_day(value: str | None, name: str) -> date | None:
    """A YYYY-MM-DD day; empty means none (HTML forms send empty fields)."""
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise InputError(f"{name} must be a date like 2025-01-31, not {value!r}") from exc


def search_query(
    q: Text = "",
    source: Text = "",
    since: Text = "",
    until: Text = "",
    tag: Text = "",
    page_number: PageNumber = 1,
) -> SearchQuery:
    return SearchQuery(
        q=q,
        source=source or None,
        since=parse_day(since, "since"),
        until=parse_day(until, "until"),
        tag=tag or None,
        page=page_number,
    )


def run_search(request: Request, query: SearchQuery) -> dict[str, Any]:
    return queries(request).search(query)


# Parsing the parameters touches no database, so it may run as a dependency on any thread.
Search = Annotated[SearchQuery, Depends(search_query)]


@router.get("/search.json", tags=["search"])
def search_json(request: Request, query: Search) -> JSONResponse:
    """Articles matching every word of `q` (any script), best first. Snippets are HTML with
    the text escaped and matched words in `<mark>`."""
    return twin(run_search(request, query))


@router.get("/search", include_in_schema=False)
def search(request: Request, query: Search) -> HTMLResponse:
    data = run_search(request, query)
    return page(request, "search.html", data, source_names=queries(request).source_names())
