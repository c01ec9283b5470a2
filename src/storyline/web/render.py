"""Server-rendered pages: the Jinja environment, the request's language, and JSON twins."""

from __future__ import annotations

from datetime import datetime
from functools import lru_cache
from typing import Any
from urllib.parse import quote, urlencode

import jinja2
from fastapi import Request
from fastapi.responses import HTMLResponse, JSONResponse

from storyline.web.i18n import LANG_COOKIE, LANGUAGES, choose_language, strings
from storyline.web.pieces_html import pieces_html
from storyline.web.safety import safe_snippet, safe_url

# A year: the reader's language choice should outlive a browser session.
LANG_COOKIE_SECONDS = 365 * 24 * 3600


def when(value: str | None, with_time: bool = True) -> str:
    """An ISO timestamp as the archive shows it: `2025-02-11 21:05` (its own time zone)."""
    if not value:
        return ""
    moment = datetime.fromisoformat(value)
    return moment.strftime("%Y-%m-%d %H:%M" if with_time else "%Y-%m-%d")


def segment(value: str) -> str:
    """A value quoted to be one URL path segment (a tag may contain `/`)."""
    return quote(value, safe="")


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("storyline.web", "templates"),
        autoescape=True,  # every value is escaped unless a helper vouches for it
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        # Templates ship inside the package and change only with it: no stat per render.
        auto_reload=False,
    )
    env.filters["when"] = when
    env.filters["safe_url"] = safe_url
    env.filters["snippet"] = safe_snippet
    env.filters["segment"] = segment
    env.filters["pieces"] = pieces_html
    return env


def language(request: Request) -> str:
    return choose_language(
        request.query_params.get("lang"),
        request.cookies.get(LANG_COOKIE),
        request.headers.get("accept-language"),
    )


def with_params(request: Request, **changes: object) -> str:
    """The current path with some query parameters changed (None removes one)."""
    params = dict(request.query_params)
    for key, value in changes.items():
        if value is None:
            params.pop(key, None)
        else:
            params[key] = str(value)
    query = urlencode(params)
    return request.url.path + ("?" + query if query else "")


def page(
    request: Request, template: str, data: dict[str, Any], *, status: int = 200, **extra: Any
) -> HTMLResponse:
    lang = language(request)
    context = {
        "data": data,
        "s": strings(lang),
        "lang": lang,
        "languages": LANGUAGES,
        "request": request,
        "with_params": lambda **changes: with_params(request, **changes),
        **extra,
    }
    body = environment().get_template(template).render(context)
    response = HTMLResponse(body, status_code=status)
    # The language comes from these headers, so shared caches must key on them.
    response.headers["Vary"] = "Accept-Language, Cookie"
    asked = request.query_params.get("lang")
    if asked in LANGUAGES:
        response.set_cookie(
            LANG_COOKIE, asked, max_age=LANG_COOKIE_SECONDS, samesite="lax", httponly=True
        )
    return response


def twin(data: dict[str, Any], status: int = 200) -> JSONResponse:
    """The `.json` twin of a page: the same data, with `ok` set."""
    return JSONResponse({"ok": True, **data}, status_code=status)
