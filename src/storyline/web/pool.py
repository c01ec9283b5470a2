"""One open archive per server thread.

SQLite connections must not be used by two threads at once, and the server answers requests
from a thread pool; each thread opens its own connection on first use. Every opened archive is
remembered so the app can close them all when it stops.
"""

from __future__ import annotations

import threading

from storyline.api import Archive
from storyline.settings import Settings


class ArchivePool:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._local = threading.local()
        self._lock = threading.Lock()
        self._opened: list[Archive] = []

    def get(self) -> Archive:
        archive: Archive | None = getattr(self._local, "archive", None)
        if archive is None:
            archive = Archive(self.settings)
            self._local.archive = archive
            with self._lock:
                self._opened.append(archive)
        return archive

    def close(self) -> None:
        with self._lock:
            opened, self._opened = self._opened, []
        for archive in opened:
            archive.close()
