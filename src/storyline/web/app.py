"""The web app: `create_app(settings)` builds it; routes live in `routes/`, one module per noun."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from storyline.settings import Settings, load_settings
from storyline.web import errors
from storyline.web.archive_version import ArchiveVersion
from storyline.web.burst import BurstCache
from storyline.web.pool import ArchivePool
from storyline.web.response_cache import ResponseCache
from storyline.web.routes import (
    articles,
    documents,
    entities,
    feeds,
    search,
    sources,
    stories,
    tags,
)
from storyline.web.safety import SECURITY_HEADERS
from storyline.web.static_files import StaticAssets, static_dir


def create_app(settings: Settings, *, cache: bool = True) -> FastAPI:
    """The app over the archive `settings` name. `cache=False` makes every response afresh
    (to measure what the caches save)."""
    pool = ArchivePool(settings)
    pool.get()  # open (and migrate) the database now, so a bad path fails at start-up
    version = ArchiveVersion(settings.db)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        pool.close()
        version.close()

    app = FastAPI(
        title="Storyline",
        summary=(
            "A news archive organised by story: stories, articles, entities, tags, sources and "
            "search."
        ),
        version="0.1.0",
        docs_url=None,  # the interactive docs load scripts from a CDN; /openapi.json stays
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.pool = pool
    # Where whole responses are kept per archive version, a value kept for a few seconds
    # could outlive a change and then be kept in a response: the burst cache serves only
    # databases without a change counter (PostgreSQL).
    burst = cache and version() is None
    app.state.burst = BurstCache() if burst else BurstCache(seconds=0)
    errors.install(app)
    app.add_middleware(StaticAssets)  # inside SecurityHeaders: static answers carry them too
    app.add_middleware(SecurityHeaders)
    if cache:  # outermost, so a kept response skips routing and the other middleware
        app.add_middleware(ResponseCache, version=version)
    app.mount("/static", StaticFiles(directory=static_dir()), name="static")
    for module in (articles, stories, entities, tags, sources, search, feeds, documents):
        app.include_router(module.router)
    return app


class SecurityHeaders:
    """Adds the security headers to every response (plain ASGI: no per-request task overhead)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self.headers = [(k.lower().encode(), v.encode()) for k, v in SECURITY_HEADERS.items()]

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                present = {name for name, _ in message.get("headers", [])}
                extra = [(k, v) for k, v in self.headers if k not in present]
                message = {**message, "headers": [*message.get("headers", []), *extra]}
            await send(message)

        await self.app(scope, receive, send_with_headers)


def app_from_environment() -> FastAPI:
    """The app with settings from the environment and config file, for `uvicorn --factory` and
    for `serve --workers N`, whose worker processes each build their own app."""
    return create_app(load_settings())
