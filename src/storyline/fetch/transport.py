"""One HTTP request, streamed, with the size cap and deadline, its failures put into words."""

from __future__ import annotations

import time
from dataclasses import dataclass
from urllib.parse import urlsplit

import httpx

from storyline.fetch.errors import FetchError

MIB = 1024 * 1024


@dataclass(frozen=True, slots=True)
class Response:
    status: int
    headers: httpx.Headers
    body: bytes


def _size(n: int) -> str:
    return f"{n / MIB:.1f} MiB" if n >= MIB else f"{n // 1024} KiB"


def _too_large(max_bytes: int) -> FetchError:
    return FetchError(
        "too-large", f"the response is larger than the {_size(max_bytes)} limit (fetch_max_bytes)"
    )


def read_response(
    client: httpx.Client,
    url: str,
    headers: dict[str, str],
    *,
    timeout: httpx.Timeout,
    max_bytes: int,
    deadline_s: float,
) -> Response:
    """GET `url` without following redirects; the decoded body, cut off past `max_bytes`."""
    try:
        return _stream(client, url, headers, timeout, max_bytes, deadline_s)
    except httpx.HTTPError as exc:
        raise _transport_error(url, exc, timeout) from exc


def _stream(
    client: httpx.Client,
    url: str,
    headers: dict[str, str],
    timeout: httpx.Timeout,
    max_bytes: int,
    deadline_s: float,
) -> Response:
    started = time.monotonic()
    with client.stream("GET", url, headers=headers, timeout=timeout) as response:
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > max_bytes:
            raise _too_large(max_bytes)
        chunks: list[bytes] = []
        size = 0
        # Counting decoded bytes also stops a small gzip bomb that inflates past the cap.
        for chunk in response.iter_bytes():
            size += len(chunk)
            if size > max_bytes:
                raise _too_large(max_bytes)
            if time.monotonic() - started > deadline_s:
                raise FetchError(
                    "timeout", f"the response took longer than {deadline_s:g} s to arrive"
                )
            chunks.append(chunk)
        return Response(response.status_code, response.headers, b"".join(chunks))


def _transport_error(url: str, exc: httpx.HTTPError, timeout: httpx.Timeout) -> FetchError:
    host = urlsplit(url).hostname
    if isinstance(exc, httpx.ConnectTimeout):
        return FetchError("timeout", f"connecting to {host} took longer than {timeout.connect:g} s")
    if isinstance(exc, httpx.ReadTimeout):
        return FetchError("timeout", f"{host} sent nothing for {timeout.read:g} s")
    if isinstance(exc, httpx.ConnectError):
        return FetchError("unreachable", f"could not connect to {host} ({exc})")
    if isinstance(exc, httpx.DecodingError):
        return FetchError("bad-encoding", f"{host} sent a body whose compression is broken")
    if isinstance(exc, httpx.RemoteProtocolError):
        return FetchError("protocol", f"{host} broke off the response ({exc})")
    return FetchError("network", f"fetching from {host} failed: {exc}")
