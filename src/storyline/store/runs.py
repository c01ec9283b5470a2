"""Runs: each ingest or reprocess, with per-step counts by reason."""

from __future__ import annotations

import json
from collections.abc import Sequence

from storyline.pipeline.base import StepStats
from storyline.store.clock import now_iso
from storyline.store.db import Store


def start_run(store: Store, command: str) -> int:
    cur = store.execute(
        "INSERT INTO runs(command, started_at) VALUES (?, ?) RETURNING id", (command, now_iso())
    )
    return int(cur.fetchone()[0])


def finish_run(store: Store, run_id: int, stats: Sequence[StepStats]) -> None:
    with store.transaction():
        store.execute("UPDATE runs SET finished_at = ? WHERE id = ?", (now_iso(), run_id))
        store.executemany(
            "INSERT INTO run_steps(run_id, position, step, total, forwarded, dropped) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            [
                (run_id, i, s.name, s.total, s.forwarded, json.dumps(dict(s.dropped)))
                for i, s in enumerate(stats)
            ],
        )


def last_run(store: Store) -> tuple[int, str, list[StepStats]] | None:
    row = store.execute("SELECT id, command FROM runs ORDER BY id DESC LIMIT 1").fetchone()
    if row is None:
        return None
    steps = store.execute(
        "SELECT step, total, forwarded, dropped FROM run_steps WHERE run_id = ? ORDER BY position",
        (row[0],),
    ).fetchall()
    stats = []
    for s in steps:
        st = StepStats(s["step"], s["total"], s["forwarded"])
        st.dropped.update(json.loads(s["dropped"]))
        stats.append(st)
    return int(row[0]), str(row[1]), stats
