"""A real HTTP server on 127.0.0.1 in a background thread, serving fixtures the tests set.

Each path has a Route: a body with headers, optionally compressed (gzip, deflate, br), slow,
endless, or preceded by scripted answers (a 503 before the 200). Every request is logged with
its time and headers.
"""

from __future__ import annotations

import gzip
import threading
import time
import zlib
from collections import deque
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType

import brotli

_COMPRESSORS = {"gzip": gzip.compress, "deflate": zlib.compress, "br": brotli.compress}


@dataclass
class Reply:
    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)


@dataclass
class Route:
    body: bytes = b""
    content_type: str = "text/html; charset=utf-8"
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    etag: str | None = None  # answers 304 when the request's If-None-Match matches
    compress: str | None = None  # gzip, deflate or br, when the client accepts it
    delay: float = 0.0  # seconds before the answer starts
    endless: bool = False  # streams chunks without end (no Content-Length)
    before: deque[Reply] = field(default_factory=deque)  # scripted answers served first


@dataclass(frozen=True)
class Hit:
    path: str
    at: float
    headers: dict[str, str]
    method: str = "GET"
    body: bytes = b""


class _QuietServer(ThreadingHTTPServer):
    def handle_error(self, request: object, client_address: object) -> None:
        """A client that hung up early (a timeout or size-cap test) is expected, not an error."""


class LocalServer:
    def __init__(self, host: str = "127.0.0.1") -> None:
        self.routes: dict[str, Route] = {}
        self.log: list[Hit] = []
        self._lock = threading.Lock()
        self._server = _QuietServer((host, 0), _handler(self))
        self._server.daemon_threads = True
        self._thread = threading.Thread(
            target=self._server.serve_forever, args=(0.05,), daemon=True
        )

    @property
    def base(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}"

    def url(self, path: str) -> str:
        return self.base + path

    def hits(self, path: str) -> list[Hit]:
        with self._lock:
            return [h for h in self.log if h.path == path]

    def record(self, hit: Hit) -> None:
        with self._lock:
            self.log.append(hit)

    def __enter__(self) -> LocalServer:
        self._thread.start()
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self._server.shutdown()
        self._server.server_close()


class _Handler(BaseHTTPRequestHandler):
    owner: LocalServer
    # Headers and body go out in two writes; with Nagle's algorithm on, the body waits for the
    # client's delayed ACK (40 ms on Linux) and every request looks 40 ms slower than it is.
    disable_nagle_algorithm = True
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:  # quiet
        del format, args

    def do_POST(self) -> None:
        length = int(self.headers.get("content-length", "0"))
        body = self.rfile.read(length)
        self.owner.record(Hit(self.path, time.monotonic(), dict(self.headers), "POST", body))
        self._send(Reply(204))

    def do_GET(self) -> None:
        self.owner.record(Hit(self.path, time.monotonic(), dict(self.headers)))
        route = self.owner.routes.get(self.path)
        if route is None:
            self._send(Reply(404, b"not found"))
            return
        if route.before:
            self._send(route.before.popleft())
            return
        if route.delay:
            time.sleep(route.delay)
        if route.endless:
            self._endless()
            return
        if route.etag and self.headers.get("if-none-match") == route.etag:
            self._send(Reply(304, b"", {"ETag": route.etag}))
            return
        self._send(self._reply(route))

    def _reply(self, route: Route) -> Reply:
        headers = {"Content-Type": route.content_type, **route.headers}
        if route.etag:
            headers["ETag"] = route.etag
        body = route.body
        if route.compress and route.compress in self.headers.get("accept-encoding", ""):
            body = _COMPRESSORS[route.compress](body)
            headers["Content-Encoding"] = route.compress
        return Reply(route.status, body, headers)

    def _send(self, reply: Reply) -> None:
        try:
            self.send_response(reply.status)
            for name, value in reply.headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(reply.body)))
            self.end_headers()
            self.wfile.write(reply.body)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def _endless(self) -> None:
        try:
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Connection", "close")
            self.end_headers()
            chunk = b"x" * 65536
            for _ in range(10_000):  # bounded: 640 MiB at most, the client stops far sooner
                self.wfile.write(chunk)
        except (BrokenPipeError, ConnectionResetError):
            pass
        self.close_connection = True


def _handler(server: LocalServer) -> type[BaseHTTPRequestHandler]:
    return type("Handler", (_Handler,), {"owner": server})
