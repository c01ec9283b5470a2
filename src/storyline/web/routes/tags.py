"""The tag list and the articles under one tag, each with its `.json` twin."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, JSONResponse

from storyline.web.deps import PageNumber, queries
from storyline.web.render import page, twin

router = APIRouter()


@router.get("/tags.json", tags=["tags"])
def tag_list_json(request: Request) -> JSONResponse:
    """Every tag with how many articles carry it, most used first."""
    return twin(queries(request).tag_list())


@router.get("/tags", include_in_schema=False)
def tag_list(request: Request) -> HTMLResponse:
    return page(request, "tags.html", queries(request).tag_list())


@router.get("/tags/{tag:path}.json", tags=["tags"])
def tag_json(request: Request, tag: str, page_number: PageNumber = 1) -> JSONResponse:
    """Articles carrying `tag`, newest first."""
    return twin(queries(request).tag(tag, page_number))


@router.get("/tags/{tag:path}", include_in_schema=False)
def tag(request: Request, tag: str, page_number: PageNumber = 1) -> HTMLResponse:
    return page(request, "tag.html", queries(request).tag(tag, page_number))
