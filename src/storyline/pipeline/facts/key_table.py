"""Integer keys to row numbers, looked up for a whole numpy array of keys at once."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

IntArray = npt.NDArray[np.int64]


@dataclass(frozen=True, slots=True)
class KeyTable:
    """Integer keys to row numbers, looked up for a whole array at once: an open-addressing
    hash table with linear probing, a quarter full, so most keys are found at the first slot.
    (A binary search over sorted keys costs several times more per key.)"""

    slots: IntArray  # key in each slot, -1 where empty (keys are never negative)
    rows: IntArray  # row of the key in each slot
    bits: int
    missing: int  # the row answered for keys not in the table

    @classmethod
    def build(cls, keys: IntArray) -> KeyTable:
        bits = max(4, int(len(keys) * 4).bit_length())
        slots = np.full(1 << bits, -1, dtype=np.int64)
        rows = np.zeros(1 << bits, dtype=np.int64)
        mask = (1 << bits) - 1
        for row, (key, slot) in enumerate(
            zip(keys.tolist(), _hash(keys, bits).tolist(), strict=True)
        ):
            while slots[slot] != -1:
                slot = (slot + 1) & mask
            slots[slot] = key
            rows[slot] = row
        return cls(slots, rows, bits, len(keys))

    def find(self, query: IntArray) -> IntArray:
        out = np.full(len(query), self.missing, dtype=np.int64)
        slot = _hash(query, self.bits)
        todo = np.arange(len(query))
        mask = (1 << self.bits) - 1
        while len(todo):
            held = self.slots[slot]
            hit = held == query[todo]
            out[todo[hit]] = self.rows[slot[hit]]
            going = ~hit & (held != -1)
            todo, slot = todo[going], (slot[going] + 1) & mask
        return out


_HASH_MULTIPLIER = np.uint64(0x9E3779B97F4A7C15)  # 2^64 / golden ratio: spreads nearby keys


def _hash(keys: IntArray, bits: int) -> IntArray:
    mixed = keys.astype(np.uint64) * _HASH_MULTIPLIER
    out: IntArray = (mixed >> np.uint64(64 - bits)).astype(np.int64)
    return out
