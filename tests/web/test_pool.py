"""Each thread gets its own archive, and a finished thread's archive goes away with it."""

from __future__ import annotations

import gc
import threading

from storyline.api import Archive
from storyline.settings import Settings
from storyline.web.pool import ArchivePool


def test_threads_get_their_own_archive_and_release_it(settings: Settings) -> None:
    pool = ArchivePool(settings)
    mine = pool.get()
    assert pool.get() is mine
    seen: list[Archive] = []
    worker = threading.Thread(target=lambda: seen.append(pool.get()))
    worker.start()
    worker.join()
    assert seen[0] is not mine
    seen.clear()
    del worker
    gc.collect()
    assert pool.open_count() == 1
    pool.close()
    assert pool.open_count() == 0
