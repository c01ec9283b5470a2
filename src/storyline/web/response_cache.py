"""Whole responses kept per server process until the archive changes.

Every page is a function of the archive, the address and the reader's language, so a response
made once can be sent again as long as the archive has not changed since. The middleware keys
responses by (path, query string, language, host) and asks the database before each request
whether anything was committed since (SQLite's `PRAGMA data_version`, read on a connection of
its own: a counter of commits by other connections, including other processes; PostgreSQL's
write-ahead log position, which every data-changing commit moves). A change drops
every kept response; a response rendered while the archive changed is stored under the version
read when its request arrived, so it is never served once the change is seen.

Not kept: anything but a 200 answer to a GET; responses marked `Cache-Control: no-store` or
`private` (forms carrying a visitor's CSRF value); responses setting a cookie other than the
language cookie (which the query string alone decides); conditional or range requests; static
files (they have their own ETag and 304 answers). Where no counter can be read (an in-memory
database, a PostgreSQL standby), the middleware passes every request through.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass

from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from storyline.web.i18n import LANG_COOKIE, choose_language

# Bytes of responses kept per server process: ~3000 typical pages (10-25 KB) and little next
# to the ~100 MB a worker process holds anyway.
MAX_BYTES = 64 * 1024 * 1024
# Larger responses are not kept: one would crowd out hundreds of ordinary pages.
MAX_ENTRY_BYTES = 1024 * 1024
# Request headers that make the answer depend on more than the key.
_CONDITIONAL = (b"range", b"if-none-match", b"if-modified-since", b"if-range")
_NOT_STORED = (b"no-store", b"private")

Key = tuple[str, str, bytes, str, bytes]
Version = Callable[[], int | None]  # the archive's change counter, None where there is none


@dataclass(frozen=True, slots=True)
class Kept:
    version: int
    status: int
    headers: list[tuple[bytes, bytes]]
    body: bytes


class ResponseCache:
    """ASGI middleware answering repeated GETs from memory while the archive is unchanged."""

    def __init__(self, app: ASGIApp, version: Version, max_bytes: int = MAX_BYTES) -> None:
        self.app = app
        self.version = version
        self.max_bytes = max_bytes
        self._kept: OrderedDict[Key, Kept] = OrderedDict()
        self._bytes = 0
        self._seen: int | None = None
        self._lock = threading.Lock()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        key = _key(scope)
        version = self.version() if key is not None else None
        if key is None or version is None:
            await self.app(scope, receive, send)
            return
        found = self._lookup(key, version)
        if found is not None:
            await send({"type": "http.response.start", "status": 200, "headers": found.headers})
            await send({"type": "http.response.body", "body": found.body})
            return
        await self.app(scope, receive, self._recorder(key, version, send))

    def _lookup(self, key: Key, version: int) -> Kept | None:
        with self._lock:
            if version != self._seen:  # the archive changed: nothing kept is current
                self._kept.clear()
                self._bytes = 0
                self._seen = version
                return None
            found = self._kept.get(key)
            if found is not None:
                self._kept.move_to_end(key)
            return found

    def _recorder(self, key: Key, version: int, send: Send) -> Send:
        start: Message = {}
        parts: list[bytes] = []

        async def record(message: Message) -> None:
            nonlocal start
            if message["type"] == "http.response.start":
                start = message
            elif message["type"] == "http.response.body" and start:
                parts.append(message.get("body", b""))
                if not message.get("more_body", False) and _storable(start):
                    self._store(key, Kept(version, 200, list(start["headers"]), b"".join(parts)))
            await send(message)

        return record

    def _store(self, key: Key, kept: Kept) -> None:
        size = len(kept.body)
        if size > MAX_ENTRY_BYTES:
            return
        with self._lock:
            if kept.version != self._seen:
                return
            old = self._kept.pop(key, None)
            self._bytes += size - (len(old.body) if old else 0)
            self._kept[key] = kept
            while self._bytes > self.max_bytes:
                _, dropped = self._kept.popitem(last=False)
                self._bytes -= len(dropped.body)

    def clear(self) -> None:
        with self._lock:
            self._kept.clear()
            self._bytes = 0


def _key(scope: Scope) -> Key | None:
    """The cache key of a request, or None when its answer must not come from the cache."""
    if scope["type"] != "http" or scope["method"] != "GET" or scope["path"].startswith("/static/"):
        return None
    headers = scope["headers"]
    if any(name in _CONDITIONAL for name, _ in headers):
        return None
    request = Request(scope)
    lang = choose_language(
        request.query_params.get("lang") if b"lang=" in scope["query_string"] else None,
        request.cookies.get(LANG_COOKIE),
        request.headers.get("accept-language"),
    )
    host = next((value for name, value in headers if name == b"host"), b"")
    return scope["scheme"], scope["path"], scope["query_string"], lang, host


def _storable(start: Message) -> bool:
    if start["status"] != 200:
        return False
    for name, value in start.get("headers", []):
        if name == b"cache-control" and any(v in value for v in _NOT_STORED):
            return False
        if name == b"set-cookie" and not value.startswith(LANG_COOKIE.encode() + b"="):
            return False
    return True
