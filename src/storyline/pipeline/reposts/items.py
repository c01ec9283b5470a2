"""The small records repost detection reads and writes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal


@dataclass(frozen=True, slots=True)
class RepostItem:
    """One article as repost detection sees it.

    `text` is the normalized copy (Simplified, half-width). `length` is how complete the
    article is, used to pick the canonical copy; it defaults to the length of `text`.
    """

    key: str
    text: str
    published: datetime | None = None
    length: int | None = None

    @property
    def completeness(self) -> int:
        return len(self.text) if self.length is None else self.length


@dataclass(frozen=True, slots=True)
class Verdict:
    """`duplicate_key` is a repost of `canonical_key`.

    `similarity` is the share of the smaller text's shingles found in the larger one
    (containment; 1.0 for an exact copy).
    """

    duplicate_key: str
    canonical_key: str
    similarity: float
    kind: Literal["exact", "near"]
