"""Per-host pacing: at most N requests open at once, and a minimum gap between request starts."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field


@dataclass(slots=True)
class _Host:
    slots: threading.Semaphore
    lock: threading.Lock = field(default_factory=threading.Lock)
    next_start: float = 0.0


class HostGate:
    """Hands out turns per host. Thread-safe; hosts never wait for one another."""

    def __init__(
        self,
        interval_s: float,
        concurrency: int,
        *,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.interval_s = interval_s
        self.concurrency = max(1, concurrency)
        self._clock = clock
        self._sleep = sleep
        self._hosts: dict[str, _Host] = {}
        self._lock = threading.Lock()
        self._extra: dict[str, float] = {}

    def slow_down(self, host: str, interval_s: float) -> None:
        """Space this host's requests further apart (a robots.txt Crawl-delay)."""
        with self._lock:
            self._extra[host] = max(interval_s, self._extra.get(host, 0.0))

    def _host(self, host: str) -> _Host:
        with self._lock:
            if host not in self._hosts:
                self._hosts[host] = _Host(threading.Semaphore(self.concurrency))
            return self._hosts[host]

    @contextmanager
    def turn(self, host: str) -> Iterator[None]:
        """Wait for a free slot and for the host's next start time, then hold the slot."""
        state = self._host(host)
        with state.slots:
            with state.lock:
                now = self._clock()
                start = max(now, state.next_start)
                gap = max(self.interval_s, self._extra.get(host, 0.0))
                state.next_start = start + gap
            if start > now:
                self._sleep(start - now)
            yield
