"""The web app: `create_app(settings)` builds it; routes live in `routes/`, one module per noun."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request, Response
from fastapi.staticfiles import StaticFiles

from storyline.settings import Settings
from storyline.web import errors
from storyline.web.pool import ArchivePool
from storyline.web.routes import articles, documents, feeds, search, sources, tags
from storyline.web.safety import SECURITY_HEADERS
from storyline.web.static_files import static_dir


def create_app(settings: Settings) -> FastAPI:
    pool = ArchivePool(settings)
    pool.get()  # open (and migrate) the database now, so a bad path fails at start-up

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        pool.close()

    app = FastAPI(
        title="Storyline",
        summary="A news archive organised by story: articles, tags, sources and search.",
        version="0.1.0",
        docs_url=None,  # the interactive docs load scripts from a CDN; /openapi.json stays
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.pool = pool
    errors.install(app)
    app.middleware("http")(_security_headers)
    app.mount("/static", StaticFiles(directory=static_dir()), name="static")
    for module in (articles, tags, sources, search, feeds, documents):
        app.include_router(module.router)
    return app


async def _security_headers(
    request: Request, call_next: Callable[[Request], Awaitable[Response]]
) -> Response:
    response = await call_next(request)
    for name, value in SECURITY_HEADERS.items():
        response.headers.setdefault(name, value)
    return response
