"""The archive's change counter, read on a connection kept for that alone.

SQLite's `PRAGMA data_version` counts commits made by other connections, so values compare only
when read on the same connection: the server's request threads come and go with their
connections, and this one stays for the life of the app. On PostgreSQL the counter is the
write-ahead log position (see `storyline.store.listing.data_version`).
"""

from __future__ import annotations

import threading

from storyline.errors import StoreError
from storyline.store import listing, open_store
from storyline.store.db import Store

# Databases a second connection cannot see: an in-memory one is private to its connection.
_PRIVATE = ("", ":memory:")


class ArchiveVersion:
    def __init__(self, db: str) -> None:
        self.db = db
        self._store: Store | None = None
        self._lock = threading.Lock()

    def __call__(self) -> int | None:
        """The current change counter, None where it cannot be read."""
        if self.db in _PRIVATE:
            return None
        with self._lock:
            try:
                if self._store is None:
                    self._store = open_store(self.db, readonly=True)
                return listing.data_version(self._store)
            except StoreError:  # unreadable here: serve uncached rather than fail requests
                return None

    def close(self) -> None:
        with self._lock:
            if self._store is not None:
                self._store.close()
                self._store = None
