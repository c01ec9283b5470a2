"""Errors are translated here, once: one JSON shape for machines, a friendly page for people.

JSON: `{"ok": false, "error": "...", "status": 404}`. A request gets JSON when it asked for a
`.json`/`.atom` resource, the OpenAPI document, sent a bearer token, or accepts JSON and not HTML.
"""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException

from storyline.errors import InputError, NotFoundError, StorylineError
from storyline.web.render import page

log = logging.getLogger(__name__)

_STATUS = {NotFoundError: 404, InputError: 400}
_MACHINE_SUFFIXES = (".json", ".atom")


def wants_json(request: Request) -> bool:
    path = request.url.path
    if path.endswith(_MACHINE_SUFFIXES) or request.headers.get("authorization"):
        return True
    accept = request.headers.get("accept", "")
    return "application/json" in accept and "text/html" not in accept


def error_response(request: Request, status: int, message: str) -> Response:
    if wants_json(request):
        return JSONResponse({"ok": False, "error": message, "status": status}, status_code=status)
    return page(request, "error.html", {"error": message, "status": status}, status=status)


def _validation_message(exc: RequestValidationError) -> str:
    parts = []
    for err in exc.errors():
        where = ".".join(str(p) for p in err.get("loc", ()) if p not in ("query", "path", "body"))
        parts.append(f"{where}: {err.get('msg', 'invalid')}" if where else err.get("msg", ""))
    return "; ".join(parts) or "invalid request"


def install(app: FastAPI) -> None:
    async def on_storyline(request: Request, exc: Exception) -> Response:
        status = next((s for kind, s in _STATUS.items() if isinstance(exc, kind)), 500)
        return error_response(request, status, str(exc))

    async def on_http(request: Request, exc: Exception) -> Response:
        status = exc.status_code if isinstance(exc, HTTPException) else 500
        detail = exc.detail if isinstance(exc, HTTPException) else "internal error"
        return error_response(request, status, str(detail))

    async def on_validation(request: Request, exc: Exception) -> Response:
        message = _validation_message(exc) if isinstance(exc, RequestValidationError) else ""
        return error_response(request, 422, message or "invalid request")

    async def on_crash(request: Request, exc: Exception) -> Response:
        log.exception("unhandled error on %s", request.url.path, exc_info=exc)
        return error_response(request, 500, "internal error")

    app.add_exception_handler(StorylineError, on_storyline)
    app.add_exception_handler(HTTPException, on_http)
    app.add_exception_handler(RequestValidationError, on_validation)
    app.add_exception_handler(Exception, on_crash)
