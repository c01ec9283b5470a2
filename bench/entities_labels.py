"""The hand-labelled entity sentences the reranker and the news sequence models learn from, and
the folds their cross-validation and cross-fitting share.

Training sentences: bench/data/entities_train.jsonl and the gold set's `dev` lines. Held-out
lines are never read here, so bench/entities.py's `unseen` score stays a score on sentences no
model trained here has seen.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass
from pathlib import Path

try:
    from bench import entities_corpus as ec
except ImportError:  # run as a script: bench/ is on sys.path, the repository root is not
    import entities_corpus as ec  # type: ignore[no-redef]

DATA = Path(__file__).parent / "data"
TRAIN = DATA / "entities_train.jsonl"
GOLD = DATA / "entities_gold.jsonl"
FOLDS = 5

Gold = set[tuple[int, int, str]]


@dataclass
class Row:
    """One labelled sentence: where it lies in its record, and its gold spans."""

    corpus: str
    record: str
    start: int
    end: int
    gold: Gold


def load_sentences() -> tuple[list[Row], dict[tuple[str, str], str]]:
    """The labelled sentences and the texts of their records."""
    raw = [json.loads(line) for line in TRAIN.read_text("utf-8").splitlines()]
    raw += [
        g
        for g in (json.loads(line) for line in GOLD.read_text("utf-8").splitlines())
        if g["split"] == "dev"
    ]
    index = ec.record_index({r["corpus"] for r in raw})
    rows = []
    for r in raw:
        text = index[(r["corpus"], r["record"])][r["start"] : r["end"]]
        if ec.short_hash(text) != r["sha1"]:
            raise SystemExit(f"corpus text changed under {r['corpus']}/{r['record']}")
        gold = {(s, e, k) for s, e, k in r["mentions"]}
        rows.append(Row(r["corpus"], r["record"], r["start"], r["end"], gold))
    return rows, index


def by_record(rows: list[Row]) -> dict[tuple[str, str], list[int]]:
    """The sentences of each record, records in the order they are first met: a record's number
    in this order is what `record_folds` deals."""
    out: dict[tuple[str, str], list[int]] = {}
    for k, r in enumerate(rows):
        out.setdefault((r.corpus, r.record), []).append(k)
    return out


def record_folds(count: int) -> list[int]:
    """The fold of each of `count` numbered records: shuffled with a fixed seed, then dealt out
    in turn. A record's sentences stay in one fold, so a held-out sentence's article is unseen
    too, as at runtime."""
    order = list(range(count))
    random.Random(0).shuffle(order)
    fold = [0] * count
    for k, record in enumerate(order):
        fold[record] = k % FOLDS
    return fold
