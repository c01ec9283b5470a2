"""The page data of the archive open in the calling thread.

Called inside each (sync) route body rather than as a FastAPI dependency: sync dependencies may
run on another pool thread than the route, and each thread must use its own connection.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Query, Request

from storyline.web.pool import ArchivePool
from storyline.web.queries import MAX_PAGE, WebQueries


def queries(request: Request) -> WebQueries:
    pool: ArchivePool = request.app.state.pool
    return WebQueries(pool.get(), request.app.state.burst)


# The `page` query parameter of every paged listing (named so it does not shadow `page()`).
PageNumber = Annotated[int, Query(alias="page", ge=1, le=MAX_PAGE, description="Page, from 1.")]
