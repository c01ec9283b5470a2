"""Closed-loop load on a local HTTP server, cheap enough not to be the bottleneck.

Each client holds one keep-alive HTTP/1.1 connection (raw asyncio streams: a request is one
write and a response two reads) and sends its next request as soon as the last one is answered,
with no think time. The load generator shares the machine with the server, so its own CPU time
is measured and reported; httpx costs ~5 ms a request here, a raw stream ~0.1 ms.
"""

from __future__ import annotations

import asyncio
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

# How long a client waits for one response before counting it as failed (and reconnecting):
# far past any latency target, short enough that a stuck server does not stall the run.
RESPONSE_TIMEOUT_S = 30.0

Plan = Callable[[int], Iterator[tuple[str, str]]]  # client number -> endless (endpoint, path)


class HttpError(RuntimeError):
    pass


class Connection:
    """One keep-alive HTTP/1.1 connection answering GETs in turn."""

    def __init__(
        self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter, address: tuple[str, int]
    ):
        self.reader = reader
        self.writer = writer
        self.address = address
        self.host = f"{address[0]}:{address[1]}"

    @classmethod
    async def open(cls, host: str, port: int) -> Connection:
        reader, writer = await asyncio.open_connection(host, port)
        return cls(reader, writer, (host, port))

    async def get(self, path: str) -> tuple[int, bytes]:
        """(status, body) of GET `path` (ASCII: quote it first)."""
        self.writer.write(f"GET {path} HTTP/1.1\r\nHost: {self.host}\r\n\r\n".encode("ascii"))
        head = await self.reader.readuntil(b"\r\n\r\n")
        status = int(head[9:12])
        length, chunked = 0, False
        for line in head.split(b"\r\n")[1:]:
            name, _, value = line.partition(b":")
            name = name.strip().lower()
            if name == b"content-length":
                length = int(value)
            elif name == b"transfer-encoding":
                chunked = b"chunked" in value.lower()
        if chunked:
            return status, await self._chunks()
        return status, await self.reader.readexactly(length)

    async def _chunks(self) -> bytes:
        parts: list[bytes] = []
        while True:
            size = int((await self.reader.readuntil(b"\r\n")).split(b";")[0], 16)
            if size == 0:
                await self.reader.readuntil(b"\r\n")  # no trailers are sent here
                return b"".join(parts)
            parts.append(await self.reader.readexactly(size))
            await self.reader.readexactly(2)

    def close(self) -> None:
        self.writer.close()


@dataclass
class LoadResult:
    """Latencies (ms) by endpoint, the wall time they took and the client's own CPU time."""

    samples: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    failures: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    seconds: float = 0.0
    client_cpu_s: float = 0.0

    @property
    def requests(self) -> int:
        return sum(len(v) for v in self.samples.values())


async def _client(
    conn: Connection, plan: Iterator[tuple[str, str]], until: float, out: LoadResult
) -> None:
    for name, path in plan:
        if time.monotonic() >= until:
            break
        started = time.perf_counter()
        try:
            status, _body = await asyncio.wait_for(conn.get(path), RESPONSE_TIMEOUT_S)
        except TimeoutError:
            out.failures[name] += 1
            conn.close()
            conn = await Connection.open(*conn.address)
            continue
        elapsed = (time.perf_counter() - started) * 1000
        if status >= 400:
            raise HttpError(f"{path}: {status}")
        out.samples[name].append(elapsed)
    conn.close()


async def _load(host: str, port: int, plan: Plan, clients: int, seconds: float) -> LoadResult:
    conns = [await Connection.open(host, port) for _ in range(clients)]
    out = LoadResult()
    cpu, wall = time.process_time(), time.monotonic()
    until = wall + seconds
    await asyncio.gather(*(_client(c, plan(n), until, out) for n, c in enumerate(conns)))
    out.seconds = time.monotonic() - wall
    out.client_cpu_s = time.process_time() - cpu
    return out


def run_load(host: str, port: int, plan: Plan, *, clients: int, seconds: float) -> LoadResult:
    """`clients` closed-loop clients following `plan` for `seconds` (uvloop when installed)."""
    try:
        import uvloop
    except ImportError:
        return asyncio.run(_load(host, port, plan, clients, seconds))
    return uvloop.run(_load(host, port, plan, clients, seconds))
