"""Stories: the latest stories and one story with its events, each with its `.json` twin."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, JSONResponse

from storyline.web.deps import PageNumber, queries
from storyline.web.render import page, twin

router = APIRouter()


@router.get("/stories.json", tags=["stories"])
def stories_json(request: Request, page_number: PageNumber = 1) -> JSONResponse:
    """The latest stories: headline, keywords, date span, outlets, article and event counts."""
    return twin(queries(request).stories(page_number))


@router.get("/stories", include_in_schema=False)
def stories(request: Request, page_number: PageNumber = 1) -> HTMLResponse:
    return page(request, "stories.html", queries(request).stories(page_number))


@router.get("/stories/{story_id}.json", tags=["stories"])
def story_json(request: Request, story_id: int, page_number: PageNumber = 1) -> JSONResponse:
    """One story: a page of its events in date order with their articles, key entities,
    figures, and the address of its timeline."""
    return twin(queries(request).story(story_id, page_number))


@router.get("/stories/{story_id}", include_in_schema=False)
def story(request: Request, story_id: int, page_number: PageNumber = 1) -> HTMLResponse:
    return page(request, "story.html", queries(request).story(story_id, page_number))


@router.get("/stories/{story_id}/timeline.json", tags=["stories"])
def timeline_json(request: Request, story_id: int) -> JSONResponse:
    """A story's timeline: dated happenings with citations, where sources disagree, and a
    summary citing its sentences. Built from all the story's articles on request."""
    return twin(queries(request).timeline(story_id))


@router.get("/stories/{story_id}/timeline", include_in_schema=False)
def timeline(request: Request, story_id: int) -> HTMLResponse:
    return page(request, "timeline.html", queries(request).timeline(story_id))
