"""Values shared by a burst of requests: the home page's tag widget and story list.

Counting tags groups every tag row (tens of ms at 100k articles) and the answer barely moves
between two page views, so each server process keeps it for a few seconds. A write through this
process (`/ingest`) clears it at once; writes from elsewhere show within `BURST_SECONDS`.
The app uses it only where the archive has no change counter (PostgreSQL); on SQLite whole
responses are kept until a change instead (`response_cache`).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any

# How long a shared value lives: long enough to cover a burst of page views (20 clients at
# ~20 req/s each on bench/web.py), short enough that new articles appear almost at once.
BURST_SECONDS = 5.0


class BurstCache:
    def __init__(
        self, seconds: float = BURST_SECONDS, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.seconds = seconds
        self.clock = clock
        self._lock = threading.Lock()
        self._values: dict[str, tuple[float, Any]] = {}

    def get(self, key: str, make: Callable[[], Any]) -> Any:
        """The value under `key`, made afresh when missing or older than `seconds`."""
        now = self.clock()
        with self._lock:
            found = self._values.get(key)
        if found is not None and now - found[0] < self.seconds:
            return found[1]
        value = make()  # outside the lock: two threads may both make it, and that is harmless
        with self._lock:
            self._values[key] = (now, value)
        return value

    def clear(self) -> None:
        with self._lock:
            self._values.clear()
