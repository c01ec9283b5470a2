"""The LSH index that proposes repost candidates.

A signature is cut into BANDS bands of ROWS values; two texts become candidates when any band
is equal. The chance of that for shingle Jaccard J is 1 - (1 - J**ROWS)**BANDS (the S-curve):

    J      0.05    0.10   0.20   0.30   0.40   0.50   0.60
    P      0.005   0.04   0.29   0.68   0.94   0.996  1.000

The curve's midpoint (1/BANDS)**(1/ROWS) = 0.29 sits low on purpose: a repost cut to half its
source has whole-text Jaccard ~0.4-0.5, and the exact decision (decision.py) removes the
extra candidates. Unrelated news has Jaccard < 0.02 at 5-character shingles, so it becomes a
candidate with P ~ 3e-4 per pair. Each article adds the bands of its whole-text and of its
lead signature (signatures.py); both share one namespace so that a short repost's whole text
meets its source's lead.

Band keys are 8-byte big-endian hashes of (band number, rows): a store can keep them in a
table `(band BLOB, key TEXT)` with an index on `band` and implement `BandLookup.keys_for` as
one `SELECT DISTINCT key ... WHERE band IN (...)`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol, cast

import numpy as np

from storyline.pipeline.reposts.signatures import NUM_PERM, U32, U64, Signature

BANDS = 42
ROWS = 3
if BANDS * ROWS != NUM_PERM:  # pragma: no cover - a guard on the constants themselves
    raise ValueError("BANDS * ROWS must equal NUM_PERM")

# Sorted runs are merged while the newer one is at least this fraction of the older: runs
# then grow geometrically, a lookup searches O(log N) runs, and each entry is rewritten
# O(log N) times in all.
_MERGE_RATIO = 0.5
# Band entries buffered in a dict before they are sorted into a numpy run: small enough that
# the dict stays a few hundred KiB, large enough that runs are few (~100 articles a flush).
_BUFFER = 8192

_ROW_MULT = np.array([0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9], dtype=np.uint64)
_BAND_SALT = np.arange(1, BANDS + 1, dtype=np.uint64) * np.uint64(0xD6E8FEB86659FD93)


def _band_hashes(values: U32) -> U64:
    rows = values.reshape(BANDS, ROWS).astype(np.uint64)
    h: U64 = (rows * _ROW_MULT[None, :ROWS]).sum(axis=1, dtype=np.uint64) ^ _BAND_SALT
    h = (h ^ (h >> np.uint64(31))) * np.uint64(0xBF58476D1CE4E5B9)
    mixed: U64 = h ^ (h >> np.uint64(29))
    return mixed


def band_hashes(signature: Signature) -> U64:
    """The distinct band hashes of a signature (whole text and lead; one for a short text)."""
    if signature.exact_only:
        # One key for the whole signature: the XOR of its band hashes, salted apart from them.
        whole = np.bitwise_xor.reduce(_band_hashes(signature.full))
        return np.array([whole ^ np.uint64(0xA5A5A5A5A5A5A5A5)], dtype=np.uint64)
    return np.unique(np.concatenate([_band_hashes(signature.full), _band_hashes(signature.lead)]))


class BandLookup(Protocol):
    """Finds the keys that share at least one band; a store can answer it with SQL."""

    def keys_for(self, bands: Sequence[bytes]) -> set[str]: ...


class BandStore(BandLookup, Protocol):
    """A band lookup that can also record the bands of a new key."""

    def put(self, key: str, bands: Sequence[bytes]) -> None: ...


class HashBands(Protocol):
    """A band store that also takes band keys as the hashes themselves, sparing the index a
    round trip through bytes for each article it looks up and adds."""

    def put_hashes(self, key: str, hashes: U64) -> None: ...

    def keys_for_hashes(self, hashes: U64) -> set[str]: ...


def _to_bytes(hashes: U64) -> list[bytes]:
    raw = hashes.astype(">u8").tobytes()
    return [raw[i : i + 8] for i in range(0, len(raw), 8)]


def _from_bytes(bands: Sequence[bytes]) -> U64:
    hashes: U64 = np.frombuffer(b"".join(bands), dtype=">u8").astype(np.uint64)
    return hashes


class MemoryBands:
    """An in-memory band table: sorted numpy runs (12 bytes an entry) plus a small buffer."""

    def __init__(self) -> None:
        self._keys: list[str] = []
        self._runs: list[tuple[U64, U32]] = []
        self._buffer: dict[int, list[int]] = {}
        self._buffered = 0

    def put(self, key: str, bands: Sequence[bytes]) -> None:
        self.put_hashes(key, _from_bytes(bands))

    def put_hashes(self, key: str, hashes: U64) -> None:
        ident = len(self._keys)
        self._keys.append(key)
        for band in hashes.tolist():
            self._buffer.setdefault(band, []).append(ident)
        self._buffered += len(hashes)
        if self._buffered >= _BUFFER:
            self._flush()

    def keys_for(self, bands: Sequence[bytes]) -> set[str]:
        return self.keys_for_hashes(_from_bytes(bands))

    def keys_for_hashes(self, hashes: U64) -> set[str]:
        found: set[int] = set()
        for run_bands, run_ids in self._runs:
            lo = np.searchsorted(run_bands, hashes, side="left")
            hi = np.searchsorted(run_bands, hashes, side="right")
            for a, b in zip(lo.tolist(), hi.tolist(), strict=True):
                if a < b:
                    found.update(run_ids[a:b].tolist())
        for band in hashes.tolist():
            found.update(self._buffer.get(band, ()))
        return {self._keys[i] for i in found}

    def __len__(self) -> int:
        return len(self._keys)

    def _flush(self) -> None:
        bands = np.fromiter(
            (b for b, ids in self._buffer.items() for _ in ids),
            dtype=np.uint64,
            count=self._buffered,
        )
        ids = np.fromiter(
            (i for group in self._buffer.values() for i in group),
            dtype=np.uint32,
            count=self._buffered,
        )
        self._buffer, self._buffered = {}, 0
        order = np.argsort(bands, kind="stable")
        self._runs.append((bands[order], ids[order]))
        while len(self._runs) > 1 and len(self._runs[-1][0]) >= _MERGE_RATIO * len(
            self._runs[-2][0]
        ):
            (b2, i2), (b1, i1) = self._runs.pop(), self._runs.pop()
            merged_b, merged_i = np.concatenate([b1, b2]), np.concatenate([i1, i2])
            order = np.argsort(merged_b, kind="stable")
            self._runs.append((merged_b[order], merged_i[order]))


def _hash_bands(store: BandStore) -> HashBands | None:
    """The store itself where it also takes band hashes, else None. Checked by its methods, as
    an isinstance check of a runtime-checkable protocol would, but without the decorator, which
    a protocol compiled by mypyc (storyline/native.py) cannot take."""
    methods = (getattr(store, name, None) for name in ("put_hashes", "keys_for_hashes"))
    return cast(HashBands, store) if all(map(callable, methods)) else None


class RepostIndex:
    """LSH over repost signatures, kept in memory or in a store's band table."""

    def __init__(self, bands: BandStore | None = None) -> None:
        self._store: BandStore = bands if bands is not None else MemoryBands()
        self._hashes = _hash_bands(self._store)

    def bands(self, signature: Signature) -> list[bytes]:
        """The band keys of a signature, as a store would persist them."""
        return _to_bytes(band_hashes(signature))

    def add(self, key: str, signature: Signature) -> None:
        self.add_hashes(key, band_hashes(signature))

    def candidates(self, signature: Signature) -> list[str]:
        """Keys sharing at least one band with `signature`, sorted for a stable order."""
        return self.candidates_of_hashes(band_hashes(signature))

    # The two methods below take `band_hashes(signature)` computed once by a caller that both
    # looks a signature up and then adds it.

    def add_hashes(self, key: str, hashes: U64) -> None:
        if self._hashes is not None:
            self._hashes.put_hashes(key, hashes)
        else:
            self._store.put(key, _to_bytes(hashes))

    def candidates_of_hashes(self, hashes: U64) -> list[str]:
        if self._hashes is not None:
            return sorted(self._hashes.keys_for_hashes(hashes))
        return sorted(self._store.keys_for(_to_bytes(hashes)))
