"""Entities: the most named by kind, and one entity's page, each with its `.json` twin.

Names are one percent-encoded path segment (`/entities/%E5%BE%AE%E8%BD%AF`); `:path` lets a
name that contains `/` through.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse

from storyline.web.deps import queries
from storyline.web.render import page, twin

router = APIRouter()

Kind = Annotated[str | None, Query(description="Only this kind: person, org, place, product.")]


@router.get("/entities.json", tags=["entities"])
def entities_json(request: Request, kind: Kind = None) -> JSONResponse:
    """The entities named in the most articles, by kind."""
    return twin(queries(request).entities(kind or None))


@router.get("/entities", include_in_schema=False)
def entities(request: Request, kind: Kind = None) -> HTMLResponse:
    return page(request, "entities.html", queries(request).entities(kind or None))


@router.get("/entities/{name:path}.json", tags=["entities"])
def entity_json(request: Request, name: str) -> JSONResponse:
    """One entity: its latest articles, the entities named with it, figures said of it."""
    return twin(queries(request).entity(name))


@router.get("/entities/{name:path}", include_in_schema=False)
def entity(request: Request, name: str) -> HTMLResponse:
    return page(request, "entity.html", queries(request).entity(name))
