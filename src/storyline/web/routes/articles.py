"""Home (latest articles) and one article, each with its `.json` twin."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, JSONResponse

from storyline.web.deps import PageNumber, queries
from storyline.web.render import page, twin
from storyline.web.script import parse_script

router = APIRouter()


@router.get("/index.json", tags=["articles"])
def home_json(request: Request, page_number: PageNumber = 1) -> JSONResponse:
    """Latest articles, newest first, with the most used tags."""
    return twin(queries(request).home(page_number))


@router.get("/", include_in_schema=False)
def home(request: Request, page_number: PageNumber = 1) -> HTMLResponse:
    return page(request, "home.html", queries(request).home(page_number))


def _article(request: Request, article_id: int, script: str | None) -> dict[str, Any]:
    return queries(request).article(article_id, parse_script(script))


# The article routes run on the event loop, not the thread pool: their work is a few
# milliseconds of CPU bounded by one article (never cached: any of the archive's ids), and a pool
# thread fights the loop for the GIL. On bench/web.py (119k articles, 20 clients) their p95 fell
# from 69-95 ms to 16 ms and the server's throughput more than doubled. Routes whose work can
# grow (timelines, entity pages, rare searches) stay in the pool.
@router.get("/articles/{article_id}.json", tags=["articles"])
async def article_json(
    request: Request, article_id: int, script: str | None = None
) -> JSONResponse:
    """One article: text as published, metadata, removed spans with reasons, and the text in
    the script asked for (`orig`, `hans` Simplified, `hant` Traditional)."""
    return twin(_article(request, article_id, script))


@router.get("/articles/{article_id}", include_in_schema=False)
async def article(request: Request, article_id: int, script: str | None = None) -> HTMLResponse:
    return page(request, "article.html", _article(request, article_id, script))
