"""Refusing private, loopback and link-local addresses (server-side request forgery).

A feed URL is user input, and a redirect is the server's input: either may point at the
machine's own services or the local network. Every address the host resolves to is checked,
because a name may resolve to several and the connection may use any of them.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable, Sequence
from urllib.parse import urlsplit

from storyline.fetch.errors import FetchError

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network
Resolver = Callable[[str, int], list[str]]


def parse_networks(spec: str) -> tuple[IPNetwork, ...]:
    """Comma-separated CIDR ranges, e.g. `127.0.0.0/8, ::1/128`."""
    return tuple(
        ipaddress.ip_network(p.strip(), strict=False) for p in spec.split(",") if p.strip()
    )


def system_resolver(host: str, port: int) -> list[str]:
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        raise FetchError("dns", f"the name {host} could not be resolved ({exc.strerror})") from exc
    return [str(info[4][0]) for info in infos]


def is_public(address: IPAddress) -> bool:
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return not (
        address.is_private
        or address.is_loopback
        or address.is_link_local
        or address.is_multicast
        or address.is_reserved
        or address.is_unspecified
    )


def check_url(url: str, allowed: Sequence[IPNetwork], resolve: Resolver = system_resolver) -> None:
    """Raise FetchError unless every address of the URL's host is public or explicitly allowed."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise FetchError("bad-url", f"{url} is not an http or https address")
    port = parts.port or (443 if parts.scheme == "https" else 80)
    for text in resolve(parts.hostname, port):
        address = ipaddress.ip_address(text.split("%", 1)[0])
        if is_public(address) or any(address in net for net in allowed):
            continue
        raise FetchError(
            "private-address",
            f"{parts.hostname} resolves to {address}, a private or local address; such "
            "addresses are refused unless the setting fetch_allow_networks includes them",
        )
