"""The fetch and crawl settings, read from the settings table with defaults of their own.

Each field here is meant to become a row of the settings table under the same name; until then
`FetchPolicy.from_settings` reads a setting when the table has it and falls back to the default.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from typing import Any

DEFAULT_USER_AGENT = "Storyline/0.1"


@dataclass(frozen=True, slots=True)
class FetchPolicy:
    user_agent: str = DEFAULT_USER_AGENT
    # CIDR ranges fetched although private, loopback or link-local (e.g. 127.0.0.0/8 in tests).
    fetch_allow_networks: str = ""
    fetch_connect_timeout_ms: int = 10_000
    fetch_read_timeout_ms: int = 30_000
    # Whole-response deadline: a server that drips one byte per read timeout is still cut off.
    fetch_total_timeout_ms: int = 120_000
    fetch_max_bytes: int = 16 * 1024 * 1024
    fetch_max_redirects: int = 5
    fetch_retries: int = 2
    fetch_backoff_ms: int = 1_000
    # A Retry-After up to this long is waited out inside one fetch; a longer one ends the fetch
    # and the source is scheduled for that time instead.
    fetch_retry_after_cap_s: int = 60
    # Minimum time between two requests to one host, and how many may be open at once.
    fetch_host_interval_ms: int = 1_000
    fetch_host_concurrency: int = 2
    robots_ttl_s: int = 24 * 3600
    crawl_interval_s: int = 1_800
    crawl_backoff_cap_s: int = 24 * 3600
    crawl_workers: int = 4
    # Pages fetched for one feed in one crawl: at the default one request a second per host,
    # 100 pages keep a crawl of a new feed under two minutes; the rest wait for the next crawl.
    crawl_max_pages: int = 100

    @classmethod
    def from_settings(cls, settings: Any, **overrides: Any) -> FetchPolicy:
        """The policy from a settings object (any attribute it lacks keeps its default)."""
        values = {
            f.name: getattr(settings, f.name) for f in fields(cls) if hasattr(settings, f.name)
        }
        values.update({k: v for k, v in overrides.items() if v is not None})
        return replace(cls(), **values)

    @property
    def robots_agent(self) -> str:
        """The token robots.txt groups are matched against: `Storyline` of `Storyline/0.1`."""
        return self.user_agent.split("/", 1)[0].split()[0] if self.user_agent else "*"
