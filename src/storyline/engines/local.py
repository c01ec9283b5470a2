"""The local engine: batches through the pipeline in this process or a process pool.

Workers build their own pipeline from the settings (steps hold no shared state), process a batch
and send back the finished units with the batch's statistics; the caller stores them. Batches
come back in input order so runs are reproducible.
"""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Iterable, Iterator
from multiprocessing.pool import AsyncResult

from storyline.pipeline.base import StepStats
from storyline.pipeline.build import article_pipeline
from storyline.records import Work
from storyline.settings import Settings

Batch = list[Work]
Result = tuple[Batch, list[StepStats]]

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


def run_batches(batches: Iterable[Batch], settings: Settings) -> Iterator[Result]:
    """Process each batch; with `settings.workers` > 1, in that many processes."""
    if settings.workers <= 1:
        for batch in batches:
            yield process_batch(batch, settings)
        return
    # Batches are pulled and results handed back in the caller's thread (the store's connection
    # is not shared with the pool's feeder thread); a few batches per worker stay in flight.
    ctx = multiprocessing.get_context("spawn")
    with ctx.Pool(settings.workers, initializer=_init_worker, initargs=(settings,)) as pool:
        pending: deque[AsyncResult[Result]] = deque()
        for batch in batches:
            pending.append(pool.apply_async(_process, (batch,)))
            if len(pending) >= IN_FLIGHT_PER_WORKER * settings.workers:
                yield pending.popleft().get()
        while pending:
            yield pending.popleft().get()
