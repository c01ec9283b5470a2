"""Serving the app from several processes that share one listening socket.

uvicorn binds the shared socket as `socket.socket(family)`, whose protocol number is 0, and
asyncio only turns Nagle's algorithm off (TCP_NODELAY) on connections accepted from a socket
that says IPPROTO_TCP. Without it a response written in two parts (headers, then body) waits for
the client's delayed ACK: every request took ~45 ms with two processes on bench/web.py, even the
static stylesheet. Binding the socket here, with its protocol stated, keeps responses immediate.
"""

from __future__ import annotations

import socket

# Pending connections the kernel queues before accept: uvicorn's default.
BACKLOG = 2048


def tcp_listener(host: str, port: int) -> socket.socket:
    """A listening TCP socket whose accepted connections asyncio sets to TCP_NODELAY."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    sock.listen(BACKLOG)
    sock.set_inheritable(True)
    return sock


# The app factory each worker process calls (`module:function`).
APP_FACTORY = "storyline.web.app:app_from_environment"


def serve_processes(host: str, port: int, workers: int, *, factory: str = APP_FACTORY) -> None:
    """Serve the app `factory` builds from `workers` processes on host:port until stopped."""
    import uvicorn
    from uvicorn.supervisors import Multiprocess

    config = uvicorn.Config(
        factory,
        factory=True,
        host=host,
        port=port,
        workers=workers,
        log_level="warning",
    )
    Multiprocess(config, sockets=[tcp_listener(host, port)]).run()
