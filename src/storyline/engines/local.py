"""The local engine: batches through the pipeline in this process or a process pool.

Workers build their own pipeline from the settings (steps hold no shared state), process a batch
and send back the finished units with the batch's statistics; the caller stores them. Batches
come back in input order so runs are reproducible.

By default (`workers = 0`) there is one worker per core this process may run on, but only when
the input fills more than one batch: a worker has to load the dictionaries and models again,
which a single web form or feed item should not wait for.
"""

from __future__ import annotations

import itertools
import multiprocessing
import os
import sys
import threading
from collections import deque
from collections.abc import Iterable, Iterator
from multiprocessing.pool import AsyncResult

from storyline.pipeline.base import StepStats
from storyline.pipeline.build import article_pipeline
from storyline.records import Work
from storyline.settings import Settings

Batch = list[Work]
Result = tuple[Batch, list[StepStats]]

# Workers the default (`workers = 0`) starts at most. Storing, reposts and grouping stay in the
# calling process: about a fifth of one core's ingest of the CCTV corpus (33 of 171 CPU s), so
# past four workers it, not they, sets the pace, while each worker holds its own ~235 MB of
# dictionaries and models. More can still be asked for by number.
MAX_AUTO_WORKERS = 4

# Two batches per worker keep every worker busy while the caller stores the previous results.
IN_FLIGHT_PER_WORKER = 2

_worker_settings: Settings | None = None  # set once per worker process by its initializer


def _init_worker(settings: Settings) -> None:
    global _worker_settings
    _worker_settings = settings


def _process(batch: Batch) -> Result:
    if _worker_settings is None:
        raise RuntimeError("worker used before its initializer ran")
    return process_batch(batch, _worker_settings)


def process_batch(batch: Batch, settings: Settings) -> Result:
    pipeline = article_pipeline(settings)
    done = pipeline.run(batch)
    return done, pipeline.stats


def available_cores() -> int:
    """Cores this process may run on (its affinity mask where the platform has one)."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def worker_count(settings: Settings) -> int:
    """Processes `settings.workers` asks for: 0 means one per available core, up to
    MAX_AUTO_WORKERS."""
    if settings.workers > 0:
        return settings.workers
    return min(available_cores(), MAX_AUTO_WORKERS)


def run_batches(batches: Iterable[Batch], settings: Settings) -> Iterator[Result]:
    """Process each batch: in this process, or in a pool of `worker_count` processes once a
    second batch shows the input is more than one."""
    workers = worker_count(settings)
    stream = iter(batches)
    first = next(stream, None)
    if first is None:
        return
    second = next(stream, None)
    if second is None:
        yield process_batch(first, settings)
        return
    batches = itertools.chain([first, second], stream)
    if workers <= 1:
        for batch in batches:
            yield process_batch(batch, settings)
        return
    yield from _pooled(batches, settings, workers)


def _start_method() -> str:
    """Fork where it is safe: on Linux, from a process with no other thread. A forked worker
    does not import the caller's main module again, so a script that ingests without an
    `if __name__ == "__main__":` guard still works (a spawned worker would run the script's
    ingest again and fail, and the pool would wait on it forever), and it starts without
    loading Python again. Threads (a web server's, a crawl's) may hold locks a fork would copy
    held: then, and on other systems, workers are spawned."""
    if sys.platform == "linux" and threading.active_count() == 1:
        return "fork"
    return "spawn"


def _pooled(batches: Iterable[Batch], settings: Settings, workers: int) -> Iterator[Result]:
    # Batches are pulled and results handed back in the caller's thread (the store's connection
    # is not shared with the pool's feeder thread); a few batches per worker stay in flight.
    ctx = multiprocessing.get_context(_start_method())
    with ctx.Pool(workers, initializer=_init_worker, initargs=(settings,)) as pool:
        pending: deque[AsyncResult[Result]] = deque()
        for batch in batches:
            pending.append(pool.apply_async(_process, (batch,)))
            if len(pending) >= IN_FLIGHT_PER_WORKER * workers:
                yield pending.popleft().get()
        while pending:
            yield pending.popleft().get()
