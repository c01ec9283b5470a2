"""Where the stylesheet and script ship (inside the package, beside the templates), and how
they are served: read once at start-up and answered from memory.

They are a few KB that change only with the package, so a file read and a thread hand-off per
request (what a general static-file server does) is pure cost. Each answer carries an ETag, and
a request repeating it gets 304.
"""

from __future__ import annotations

import hashlib
import mimetypes
from importlib import resources
from pathlib import Path

from starlette.types import ASGIApp, Receive, Scope, Send

PREFIX = "/static/"
# Browsers reuse a stylesheet for an hour without asking; after that the ETag makes the check
# a 304. The files change only on upgrade, so an hour of staleness at most is harmless.
MAX_AGE_SECONDS = 3600


def static_dir() -> Path:
    return Path(str(resources.files("storyline.web").joinpath("static")))


class Asset:
    def __init__(self, path: Path) -> None:
        self.body = path.read_bytes()
        kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        if kind.startswith("text/") or kind.endswith("javascript"):
            kind += "; charset=utf-8"
        self.etag = '"' + hashlib.sha256(self.body).hexdigest()[:32] + '"'
        self.headers = [
            (b"content-type", kind.encode()),
            (b"content-length", str(len(self.body)).encode()),
            (b"etag", self.etag.encode()),
            (b"cache-control", f"public, max-age={MAX_AGE_SECONDS}".encode()),
        ]


class StaticAssets:
    """ASGI middleware answering GET and HEAD of the packaged static files from memory; other
    requests (and unknown names) go on to `app`."""

    def __init__(self, app: ASGIApp, directory: Path | None = None) -> None:
        self.app = app
        folder = directory or static_dir()
        self.assets = {
            PREFIX + p.relative_to(folder).as_posix(): Asset(p)
            for p in sorted(folder.rglob("*"))
            if p.is_file()
        }

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        asset = self.assets.get(scope["path"]) if scope["type"] == "http" else None
        if asset is None or scope["method"] not in ("GET", "HEAD"):
            await self.app(scope, receive, send)
            return
        asked = next((v for k, v in scope["headers"] if k == b"if-none-match"), None)
        if asked is not None and asset.etag.encode() in asked:
            headers = [h for h in asset.headers if h[0] != b"content-length"]
            await send({"type": "http.response.start", "status": 304, "headers": headers})
            await send({"type": "http.response.body", "body": b""})
            return
        await send({"type": "http.response.start", "status": 200, "headers": asset.headers})
        body = b"" if scope["method"] == "HEAD" else asset.body
        await send({"type": "http.response.body", "body": body})
