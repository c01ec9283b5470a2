"""Whether one article is a repost of another, and which of the two is canonical.

LSH only proposes candidates; this module decides on the exact shingle sets. The measure is
containment (the share of the smaller text's shingles found in the larger), so a repost cut
to its first half still scores high, with guards against the one family that containment
alone confuses: texts from one template with different content (daily statistics bulletins,
match reports, weather and market reports), which share their wording and differ in figures.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime

import numpy as np

from storyline.pipeline.reposts.items import RepostItem, Verdict
from storyline.pipeline.reposts.signatures import (
    U32,
    U64,
    shingle_hashes,
    shingle_set,
    skeleton,
)

# A copy that keeps at least 60% of the smaller text's shingles. Measured in bench/reposts.py
# (dev seed): true reposts with every transformation stacked (half kept, header and footer,
# 3% edits) bottom out near 0.62, while different stories of one template (CCTV bulletins of
# the same title on other days) stay below 0.55 once the figure check below has run.
MIN_CONTAINMENT = 0.6

# The smaller text must be at least a third of the larger, in shingles. Truncated reposts keep
# half or more of their source (plus boilerplate); a short item quoted inside a long roundup
# (a news-flash digest) is a quotation, not a repost of the roundup.
MIN_SIZE_RATIO = 0.33

# Below 20 shingles (~25 characters) two texts are a headline or a caption; containment on so
# few shingles is noise, so only exact copies count.
MIN_SHINGLES = 20

# Template bulletins differ in their figures. When the smaller text quotes at least 3 distinct
# numbers, at least half of them must appear in the larger one: a repost keeps its figures (3%
# character edits touch few of them), a bulletin of another day changes most of them.
MIN_FIGURES = 3
MIN_FIGURE_SHARE = 0.5

_FIGURE = re.compile(r"\d+(?:\.\d+)?")
_NEVER = datetime.max.replace(tzinfo=UTC)


@dataclass(frozen=True, slots=True, eq=False)
class RepostCandidate:
    """What the decision needs to remember of an article: compact and text-free."""

    key: str
    published: datetime | None
    length: int
    digest: bytes  # blake2b of the skeleton text: equal digests are exact copies
    shingles: U32 = field(repr=False)  # sorted distinct 32-bit shingle hashes
    figures: frozenset[str] = frozenset()


def candidate_of(item: RepostItem) -> RepostCandidate:
    """The candidate of an item (see `candidate_from` to reuse shingles already hashed)."""
    skel = skeleton(item.text)
    return candidate_from(item, skel, shingle_hashes(skel))


def candidate_from(item: RepostItem, skel: str, hashes: U64) -> RepostCandidate:
    """The candidate of an item whose skeleton and shingle hashes are already computed."""
    return RepostCandidate(
        key=item.key,
        published=item.published,
        length=item.completeness,
        digest=hashlib.blake2b(skel.encode("utf-8"), digest_size=16).digest(),
        shingles=shingle_set(hashes),
        figures=frozenset(_FIGURE.findall(item.text)),
    )


def canonical_order(c: RepostCandidate) -> tuple[datetime, int, str]:
    """Sort key: earliest published first (unknown last), then the longest, then by key."""
    when = c.published if c.published is not None else _NEVER
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return (when, -c.length, c.key)


def _verdict(a: RepostCandidate, b: RepostCandidate, sim: float, exact: bool) -> Verdict:
    first, second = sorted((a, b), key=canonical_order)
    return Verdict(second.key, first.key, sim, "exact" if exact else "near")


def containment(a: RepostCandidate, b: RepostCandidate) -> tuple[float, float]:
    """(Jaccard, containment of the smaller in the larger) of the two shingle sets."""
    small, large = sorted((a.shingles, b.shingles), key=len)
    if small.size == 0:
        return 0.0, 0.0
    inter = int(np.intersect1d(small, large, assume_unique=True).size)
    return inter / (small.size + large.size - inter), inter / small.size


def _figures_agree(small: RepostCandidate, large: RepostCandidate) -> bool:
    if len(small.figures) < MIN_FIGURES:
        return True
    return len(small.figures & large.figures) >= MIN_FIGURE_SHARE * len(small.figures)


def decide(a: RepostCandidate, b: RepostCandidate) -> Verdict | None:
    """A verdict when one of `a`, `b` is a repost of the other, else None."""
    if a.digest == b.digest and a.shingles.size > 0:
        return _verdict(a, b, 1.0, exact=True)
    small, large = sorted((a, b), key=lambda c: c.shingles.size)
    if small.shingles.size < MIN_SHINGLES:
        return None
    if small.shingles.size < MIN_SIZE_RATIO * large.shingles.size:
        return None
    _, contained = containment(small, large)
    if contained < MIN_CONTAINMENT or not _figures_agree(small, large):
        return None
    return _verdict(a, b, contained, exact=False)
