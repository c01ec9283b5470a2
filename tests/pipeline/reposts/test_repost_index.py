"""Signatures are deterministic; the index works in memory and from a SQL band table."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

from repost_fixtures import edited, samples, truncated, with_boilerplate

from storyline.pipeline.reposts import MemoryBands, RepostIndex, RepostItem, find_reposts, signature
from storyline.pipeline.reposts.signatures import Signature

SRC = Path(__file__).resolve().parents[3] / "src"
_CHILD = (
    "import sys; from storyline.pipeline.reposts import signature; "
    "sys.stdout.write(signature(sys.stdin.read()).to_bytes().hex())"
)


def test_signature_is_the_same_in_another_process_with_another_hash_seed() -> None:
    text = samples()[2]
    here = signature(text).to_bytes().hex()
    for seed in ("1", "12345"):
        child = subprocess.run(
            [sys.executable, "-c", _CHILD],
            input=text,
            capture_output=True,
            text=True,
            check=True,
            env={"PYTHONPATH": str(SRC), "PYTHONHASHSEED": seed},
        )
        assert child.stdout == here


def test_signature_round_trips_through_bytes() -> None:
    sig = signature(samples()[0])
    assert Signature.from_bytes(sig.to_bytes()) == sig
    short = signature("一条很短的快讯")
    assert short.exact_only and Signature.from_bytes(short.to_bytes()) == short


def test_bands_are_stable_bytes() -> None:
    index = RepostIndex()
    text = samples()[0]
    bands = index.bands(signature(text))
    assert bands == index.bands(signature(text))
    assert all(isinstance(b, bytes) and len(b) == 8 for b in bands)
    assert len(set(bands)) == len(bands)


class SqliteBands:
    """A band table as a store would keep it: one row per (band, key)."""

    def __init__(self) -> None:
        self.db = sqlite3.connect(":memory:")
        self.db.execute("CREATE TABLE bands (band BLOB NOT NULL, key TEXT NOT NULL)")
        self.db.execute("CREATE INDEX bands_band ON bands (band)")

    def put(self, key: str, bands: Sequence[bytes]) -> None:
        self.db.executemany("INSERT INTO bands VALUES (?, ?)", [(b, key) for b in bands])

    def keys_for(self, bands: Sequence[bytes]) -> set[str]:
        marks = ",".join("?" * len(bands))
        rows = self.db.execute(f"SELECT DISTINCT key FROM bands WHERE band IN ({marks})", bands)
        return {key for (key,) in rows}


def _items() -> list[RepostItem]:
    texts = samples()
    copies = [with_boilerplate(edited(truncated(t, 2 / 3), 0.02)) for t in texts[:3]]
    return [RepostItem(f"s{i}", t) for i, t in enumerate(texts + copies)]


def test_index_from_a_sql_band_table_finds_what_the_memory_index_finds() -> None:
    items = _items()
    in_memory = list(find_reposts(items, RepostIndex()))
    in_sql = list(find_reposts(items, RepostIndex(SqliteBands())))
    assert in_memory == in_sql
    assert {(v.duplicate_key, v.canonical_key) for v in in_sql} == {
        ("s5", "s0"),
        ("s6", "s1"),
        ("s7", "s2"),
    }


def test_memory_bands_find_keys_across_flushed_runs() -> None:
    bands = MemoryBands()
    index = RepostIndex(bands)
    texts = samples()
    for round_ in range(60):  # enough entries to flush and merge sorted runs several times
        for i, text in enumerate(texts):
            index.add(f"{round_}-{i}", signature(text))
    found = index.candidates(signature(texts[3]))
    assert found == sorted(f"{r}-3" for r in range(60))
    assert len(bands) == 300
