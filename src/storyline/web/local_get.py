"""One GET answered by the app in-process, without a socket: `storyline serve --get PATH`."""

from __future__ import annotations

import asyncio
from typing import Any
from urllib.parse import unquote, urlsplit

from starlette.types import ASGIApp, Message


async def _get(app: ASGIApp, target: str) -> tuple[int, bytes]:
    parts = urlsplit(target)
    scope: dict[str, Any] = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "GET",
        "scheme": "http",
        "path": unquote(parts.path) or "/",  # ASGI paths are decoded; raw_path is not
        "raw_path": (parts.path or "/").encode(),
        "query_string": parts.query.encode(),
        "headers": [(b"host", b"localhost"), (b"accept", b"*/*")],
        "client": ("127.0.0.1", 0),
        "server": ("localhost", 80),
        "root_path": "",
    }
    status = 500
    body: list[bytes] = []
    sent = False

    async def receive() -> Message:
        nonlocal sent
        if sent:
            await asyncio.sleep(3600)  # no more request body; wait as a server would
        sent = True
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: Message) -> None:
        nonlocal status
        if message["type"] == "http.response.start":
            status = int(message["status"])
        elif message["type"] == "http.response.body":
            body.append(bytes(message.get("body", b"")))

    await app(scope, receive, send)
    return status, b"".join(body)


def local_get(app: ASGIApp, target: str) -> tuple[int, bytes]:
    """(status, body) of GET `target` (a path with an optional query string)."""
    return asyncio.run(_get(app, target))
