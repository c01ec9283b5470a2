"""One open archive per server thread.

SQLite connections must not be used by two threads at once, and the server answers requests
from a thread pool; each thread opens its own connection on first use. The pool keeps only weak
references: when an idle worker thread exits, its thread-local archive is collected and its
connection closed, so a long-running server does not pile up connections. `close()` closes
those still open when the app stops.
"""

from __future__ import annotations

import threading
import weakref

from storyline.api import Archive
from storyline.settings import Settings


class ArchivePool:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._local = threading.local()
        self._lock = threading.Lock()
        self._opened: weakref.WeakSet[Archive] = weakref.WeakSet()

    def get(self) -> Archive:
        archive: Archive | None = getattr(self._local, "archive", None)
        if archive is None:
            archive = Archive(self.settings)
            self._local.archive = archive
            with self._lock:
                self._opened.add(archive)
        return archive

    def close(self) -> None:
        with self._lock:
            opened = list(self._opened)
            self._opened = weakref.WeakSet()
        for archive in opened:
            archive.close()

    def open_count(self) -> int:
        with self._lock:
            return len(self._opened)
