"""Adding a document through the web: the only state-changing endpoint, guarded by the token."""

from __future__ import annotations

import io
from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response

from storyline.api import IngestReport
from storyline.web.csrf import CSRF_FIELD, csrf_value, require_write, set_csrf
from storyline.web.errors import wants_json
from storyline.web.pool import ArchivePool
from storyline.web.render import page

router = APIRouter()

# Largest document accepted from a form: ten times a long news page with its markup.
MAX_BODY_CHARS = 2_000_000


def _report_json(report: IngestReport) -> dict[str, Any]:
    return {
        "read": report.read,
        "new": report.new,
        "already_stored": report.already_stored,
        "articles": report.articles,
        "failed": dict(report.failed),
        "failures": [{"origin": o, "reason": r, "message": m} for o, r, m in report.failures],
    }


@router.get("/ingest", include_in_schema=False)
def ingest_form(request: Request) -> HTMLResponse:
    enabled = bool(request.app.state.settings.token)
    csrf = csrf_value(request)
    response = page(request, "ingest.html", {"enabled": enabled}, csrf=csrf)
    response.headers["Cache-Control"] = "no-store"  # it carries this visitor's CSRF value
    if enabled:
        set_csrf(response, csrf)
    return response


@router.post("/ingest", tags=["documents"])
def ingest(
    request: Request,
    body: Annotated[str, Form(max_length=MAX_BODY_CHARS)],
    token: Annotated[str | None, Form()] = None,
    csrf: Annotated[str | None, Form(alias=CSRF_FIELD)] = None,
) -> Response:
    """Store one document (text, Markdown with front matter, or HTML) and make its article.
    Needs the settings token: `Authorization: Bearer <token>`, or a form with `token` and the
    CSRF value of the form page."""
    require_write(request, request.app.state.settings.token, token, csrf)
    pool: ArchivePool = request.app.state.pool
    report = pool.get().ingest_stream(io.BytesIO(body.encode("utf-8")))
    request.app.state.burst.clear()  # the home page shows the new article's tags and story
    data = _report_json(report)
    if wants_json(request):
        return JSONResponse({"ok": True, **data})
    return page(request, "ingested.html", data)
