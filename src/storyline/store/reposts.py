"""Reposts in the store: LSH bands per article, and each repost's canonical article.

The bands table lets detection stay incremental across runs: a new article's candidates are the
articles sharing one of its bands, found by one indexed query, whatever the archive's size.
"""

from __future__ import annotations

from collections.abc import Iterator, MutableMapping, Sequence
from dataclasses import dataclass
from datetime import datetime

import numpy as np
import numpy.typing as npt

from storyline.pipeline.reposts import (
    RepostCandidate,
    RepostItem,
    Verdict,
    candidate_of,
)
from storyline.pipeline.reposts.signatures import U64
from storyline.store.db import Store

# Band keys asked for in one query: SQLite allows 32,766 parameters; a signature has 84 bands.
_CHUNK = 500


# Band rows written by one executemany call: a few hundred KB of Python tuples at a time,
# where the whole chunk's 84,000 rows at once would add ~8 MB to the peak.
_WRITE_ROWS = 8192


def _band_ints(bands: Sequence[bytes]) -> npt.NDArray[np.int64]:
    """Band keys (8 big-endian bytes) as the signed 64-bit integers the table keeps."""
    ints: npt.NDArray[np.int64] = np.frombuffer(b"".join(bands), dtype=">i8").astype(np.int64)
    return ints


class StoredBands:
    """The `BandStore` the repost index reads and writes, backed by the repost_bands table.

    `put` holds new bands in memory, where `keys_for` finds them too, until `flush` writes them
    sorted by band, so that consecutive rows land in the same B-tree pages. In memory a band
    maps to the first pending article that has it, and to a list only when others share it
    (reposts, mostly): ~70 bytes a band, ~6 MB for a chunk of 1,000 articles in repost_run.
    The sorted numpy runs of `MemoryBands` took 12 bytes a band but, with the conversions to
    and from bytes, about a tenth of repost detection's CPU time (10k CCTV records).
    """

    def __init__(self, store: Store) -> None:
        self.store = store
        self._first: dict[int, int] = {}  # band -> the first article put with it
        self._more: dict[int, list[int]] = {}  # band -> the other articles put with it
        self._rows: list[tuple[npt.NDArray[np.int64], int]] = []  # (bands, article id)

    def put(self, key: str, bands: Sequence[bytes]) -> None:
        self._put_ints(int(key), _band_ints(bands))

    def put_hashes(self, key: str, hashes: U64) -> None:
        # The table keeps a band's 8 bytes as a signed integer: the same bits, reinterpreted.
        self._put_ints(int(key), hashes.view(np.int64))

    def _put_ints(self, article_id: int, ints: npt.NDArray[np.int64]) -> None:
        first, more = self._first, self._more
        for band in ints.tolist():
            if first.setdefault(band, article_id) != article_id:
                more.setdefault(band, []).append(article_id)
        self._rows.append((ints, article_id))

    def keys_for(self, bands: Sequence[bytes]) -> set[str]:
        return self._keys_for_ints(_band_ints(bands).tolist())

    def keys_for_hashes(self, hashes: U64) -> set[str]:
        return self._keys_for_ints(hashes.view(np.int64).tolist())

    def _keys_for_ints(self, ints: list[int]) -> set[str]:
        ids: set[int] = set()
        for i in range(0, len(ints), _CHUNK):
            chunk = ints[i : i + _CHUNK]
            marks = ", ".join("?" * len(chunk))  # one placeholder per band, joined in C
            rows = self.store.execute(
                f"SELECT DISTINCT article_id FROM repost_bands WHERE band IN ({marks})", chunk
            ).fetchall()
            ids.update(r[0] for r in rows)
        first, more = self._first, self._more
        for band in ints:
            found = first.get(band)
            if found is not None:
                ids.add(found)
                ids.update(more.get(band, ()))
        return {str(i) for i in ids}

    def flush(self) -> None:
        """Write the bands put since the last flush (inside the caller's transaction)."""
        if not self._rows:
            return
        bands = np.concatenate([b for b, _ in self._rows])
        ids = np.concatenate([np.full(b.size, key, dtype=np.int64) for b, key in self._rows])
        self._first, self._more, self._rows = {}, {}, []
        order = np.lexsort((ids, bands))  # by band, then by article
        bands, ids = bands[order], ids[order]
        for i in range(0, bands.size, _WRITE_ROWS):
            part = slice(i, i + _WRITE_ROWS)
            rows = list(zip(bands[part].tolist(), ids[part].tolist(), strict=True))
            self.store.executemany(
                "INSERT INTO repost_bands(band, article_id) VALUES (?, ?) ON CONFLICT DO NOTHING",
                rows,
            )


class StoredCandidates(MutableMapping[str, RepostCandidate]):
    """Earlier articles' candidates, rebuilt from their normalized text when first asked for."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._cache: dict[str, RepostCandidate] = {}

    def _load(self, key: str) -> RepostCandidate | None:
        row = self.store.execute(
            "SELECT norm_text, published, length(text) FROM articles WHERE id = ?", (int(key),)
        ).fetchone()
        if row is None:
            return None
        published = datetime.fromisoformat(row[1]) if row[1] else None
        return candidate_of(RepostItem(key, row[0], published, int(row[2])))

    def __getitem__(self, key: str) -> RepostCandidate:
        if key not in self._cache:
            found = self._load(key)
            if found is None:
                raise KeyError(key)
            self._cache[key] = found
        return self._cache[key]

    def __contains__(self, key: object) -> bool:
        # A key asked about is read next: keep what was loaded instead of loading it twice.
        if not isinstance(key, str):
            return False
        if key not in self._cache:
            found = self._load(key)
            if found is None:
                return False
            self._cache[key] = found
        return True

    def __setitem__(self, key: str, value: RepostCandidate) -> None:
        self._cache[key] = value

    def __delitem__(self, key: str) -> None:
        del self._cache[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._cache)

    def __len__(self) -> int:
        return len(self._cache)


def unchecked(store: Store, ids: list[int]) -> list[RepostItem]:
    """The given articles as repost items, oldest first (undated last)."""
    items = []
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start : start + _CHUNK]
        marks = ", ".join("?" * len(chunk))
        rows = store.execute(
            "SELECT id, norm_text, published, length(text), published_utc FROM articles "
            f"WHERE id IN ({marks})",
            chunk,
        ).fetchall()
        for row in rows:
            published = datetime.fromisoformat(row[2]) if row[2] else None
            article_id = int(row[0])
            item = RepostItem(str(article_id), row[1], published, int(row[3]))
            items.append((row[4] is None, row[4] or "", article_id, item))
    return [item for *_, item in sorted(items, key=lambda t: t[:3])]


def record(store: Store, verdict: Verdict) -> None:
    """Mark the duplicate, and point its own reposts (if it had any) at the new canonical."""
    canonical = _root(store, int(verdict.canonical_key))
    duplicate = int(verdict.duplicate_key)
    if canonical == duplicate:
        return
    store.execute(
        "UPDATE articles SET duplicate_of = ?, similarity = ?, repost_kind = ? WHERE id = ?",
        (canonical, verdict.similarity, verdict.kind, duplicate),
    )
    store.execute(
        "UPDATE articles SET duplicate_of = ? WHERE duplicate_of = ?", (canonical, duplicate)
    )


def reset(store: Store) -> None:
    """Forget every band and verdict (before re-detecting after the text rules changed)."""
    store.execute("DELETE FROM repost_bands")
    store.execute("UPDATE articles SET duplicate_of = NULL, similarity = NULL, repost_kind = NULL")


def all_ids(store: Store) -> list[int]:
    return [int(r[0]) for r in store.execute("SELECT id FROM articles ORDER BY id").fetchall()]


def original_of(store: Store, article_id: int) -> int | None:
    """The article this one reposts, or None for an original."""
    root = _root(store, article_id)
    return None if root == article_id else root


def _root(store: Store, article_id: int) -> int:
    row = store.execute("SELECT duplicate_of FROM articles WHERE id = ?", (article_id,)).fetchone()
    return int(row[0]) if row is not None and row[0] is not None else article_id


@dataclass(frozen=True, slots=True)
class RepostRow:
    id: int
    title: str
    similarity: float | None
    kind: str | None


def reposts_of(store: Store, article_id: int) -> tuple[int, list[RepostRow]]:
    """(canonical id, its reposts) for an article that is a canonical or a repost."""
    canonical = _root(store, article_id)
    rows = store.execute(
        "SELECT id, title, similarity, repost_kind FROM articles WHERE duplicate_of = ? "
        "ORDER BY id",
        (canonical,),
    ).fetchall()
    return canonical, [RepostRow(r[0], r[1], r[2], r[3]) for r in rows]
