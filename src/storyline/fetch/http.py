"""The polite fetcher: one GET with every courtesy and every limit.

For each hop it checks the address (no private networks), robots.txt, and the host's turn; it
sends the stored ETag / Last-Modified so an unchanged resource costs a 304; it retries 429 and
5xx-busy answers with exponential backoff, honouring Retry-After; it streams the body and stops
past the size cap or the total deadline. The httpx client is passed in, so tests and benchmarks
use a real server on this machine.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime
from http import HTTPStatus
from urllib.parse import urljoin, urlsplit

import httpx

from storyline.fetch.errors import FetchError
from storyline.fetch.gate import HostGate
from storyline.fetch.guard import Resolver, check_url, parse_networks, system_resolver
from storyline.fetch.headers import charset_param
from storyline.fetch.policy import FetchPolicy
from storyline.fetch.robots import RobotsCache
from storyline.fetch.transport import Response, read_response

# Answers that mean "busy, come back later" (RFC 9110 §15.5.20, §15.6.3-5): retried with backoff.
RETRY_STATUSES = frozenset({429, 502, 503, 504})
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
ACCEPT_ENCODING = "gzip, deflate, br"
# A Retry-After past a week is taken as a week: no server means longer, and a runaway number
# would otherwise park the source for ever (or overflow the date).
MAX_RETRY_AFTER = timedelta(days=7)


@dataclass(frozen=True, slots=True)
class Validators:
    """What a server said identifies a version of a resource (for conditional GET)."""

    etag: str | None = None
    last_modified: str | None = None


@dataclass(frozen=True, slots=True)
class FetchResult:
    url: str  # as asked
    final_url: str  # after redirects
    status: int
    body: bytes
    content_type: str | None
    charset: str | None
    validators: Validators
    requests: int  # HTTP requests this fetch cost (retries and redirects included)

    @property
    def not_modified(self) -> bool:
        return self.status == 304


def status_words(status: int) -> str:
    try:
        return f"{status} {HTTPStatus(status).phrase}"
    except ValueError:
        return str(status)


def parse_retry_after(value: str | None, now: datetime) -> datetime | None:
    """Retry-After as a moment: delay-seconds or an HTTP-date (RFC 9110 §10.2.3)."""
    if not value:
        return None
    text = value.strip()
    if text.isdigit():
        return now + min(timedelta(seconds=min(int(text), 10**9)), MAX_RETRY_AFTER)
    try:
        moment = parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return None
    moment = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    return min(moment, now + MAX_RETRY_AFTER)


class Fetcher:
    """Fetches URLs politely through `client`; safe to share between threads."""

    def __init__(
        self,
        client: httpx.Client,
        policy: FetchPolicy,
        *,
        resolve: Resolver = system_resolver,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.client = client
        self.policy = policy
        self.allowed = parse_networks(policy.fetch_allow_networks)
        self.gate = HostGate(
            policy.fetch_host_interval_ms / 1000, policy.fetch_host_concurrency, sleep=sleep
        )
        self.robots = RobotsCache(policy.robots_agent, policy.robots_ttl_s)
        self._resolve = resolve
        self._sleep = sleep
        self.timeout = httpx.Timeout(
            policy.fetch_read_timeout_ms / 1000, connect=policy.fetch_connect_timeout_ms / 1000
        )

    def fetch(self, url: str, validators: Validators | None = None) -> FetchResult:
        """GET `url`; a 304 comes back as a result, every other failure as FetchError."""
        return self._follow(url, validators, robots=True)

    def _follow(self, url: str, validators: Validators | None, *, robots: bool) -> FetchResult:
        seen = [url]
        current, requests = url, 0
        while True:
            check_url(current, self.allowed, self._resolve)
            if robots:
                self._check_robots(current)
            response, tries = self._with_retries(current, validators)
            requests += tries
            location = response.headers.get("location")
            if response.status not in REDIRECT_STATUSES or not location:
                return self._result(url, current, response, requests)
            current = urljoin(current, location)
            self._check_redirect(seen, current)
            seen.append(current)

    def _check_redirect(self, seen: list[str], target: str) -> None:
        if target in seen:
            chain = " → ".join([*seen, target])
            raise FetchError("redirect-loop", f"the address redirects in a loop: {chain}")
        if len(seen) > self.policy.fetch_max_redirects:
            raise FetchError(
                "too-many-redirects",
                f"the address redirected more than {self.policy.fetch_max_redirects} times "
                f"(last to {target})",
            )

    def _check_robots(self, url: str) -> None:
        delay = self.robots.check(url, self._fetch_robots)
        if delay:
            self.gate.slow_down(urlsplit(url).netloc, delay)

    def _fetch_robots(self, url: str) -> tuple[int, bytes]:
        result = self._follow(url, None, robots=False)
        return result.status, result.body

    def _result(self, url: str, final: str, response: Response, requests: int) -> FetchResult:
        if response.status != 304 and not 200 <= response.status < 300:
            raise FetchError(
                f"http-{response.status}",
                f"the server answered {status_words(response.status)}",
                status=response.status,
            )
        headers = response.headers
        content_type = headers.get("content-type")
        charset = charset_param(content_type)
        return FetchResult(
            url=url,
            final_url=final,
            status=response.status,
            body=response.body,
            content_type=content_type,
            charset=charset,
            validators=Validators(headers.get("etag"), headers.get("last-modified")),
            requests=requests,
        )

    def _headers(self, validators: Validators | None) -> dict[str, str]:
        headers = {"User-Agent": self.policy.user_agent, "Accept-Encoding": ACCEPT_ENCODING}
        if validators and validators.etag:
            headers["If-None-Match"] = validators.etag
        if validators and validators.last_modified:
            headers["If-Modified-Since"] = validators.last_modified
        return headers

    def _with_retries(self, url: str, validators: Validators | None) -> tuple[Response, int]:
        """One request, repeated while the server says it is busy; (response, requests made)."""
        attempts = self.policy.fetch_retries + 1
        for attempt in range(1, attempts + 1):
            response = self._once(url, validators)
            if response.status not in RETRY_STATUSES:
                return response, attempt
            now = datetime.now(UTC)
            asked = parse_retry_after(response.headers.get("retry-after"), now)
            backoff = self.policy.fetch_backoff_ms / 1000 * 2 ** (attempt - 1)
            wait = max(backoff, (asked - now).total_seconds() if asked else 0.0)
            if attempt == attempts or wait > self.policy.fetch_retry_after_cap_s:
                raise _busy(response.status, attempt, asked)
            self._sleep(wait)
        raise AssertionError("unreachable: the loop returns or raises")

    def _once(self, url: str, validators: Validators | None) -> Response:
        host = urlsplit(url).netloc
        with self.gate.turn(host):
            return read_response(
                self.client,
                url,
                self._headers(validators),
                timeout=self.timeout,
                max_bytes=self.policy.fetch_max_bytes,
                deadline_s=self.policy.fetch_total_timeout_ms / 1000,
            )


def _busy(status: int, attempts: int, asked: datetime | None) -> FetchError:
    times = {1: "once", 2: "twice"}.get(attempts, f"{attempts} times")
    return FetchError(
        f"http-{status}",
        f"the server answered {status_words(status)} {times}",
        status=status,
        retry_after=asked,
    )
