"""Sources with their counts and last error, and the `.json` twin."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, JSONResponse

from storyline.web.deps import queries
from storyline.web.render import page, twin

router = APIRouter()


@router.get("/sources.json", tags=["sources"])
def sources_json(request: Request) -> JSONResponse:
    """Every source: documents, articles, error count, last error and last success."""
    return twin(queries(request).sources())


@router.get("/sources", include_in_schema=False)
def sources(request: Request) -> HTMLResponse:
    return page(request, "sources.html", queries(request).sources())
