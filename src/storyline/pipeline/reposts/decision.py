"""Whether one article is a repost of another, and which of the two is canonical.

LSH only proposes candidates; this module decides on the shingles themselves, kept in text
order. The measure is containment (the share of the smaller text's shingles found in the
larger), so a repost cut to its first half still scores high. Containment alone confuses one
family: texts from one template with other content (daily statistics bulletins, match, weather
and market reports, recurring ceremonies). Two guards tell them apart: where the missing
shingles lie (a repost loses them at its edges, or a few at a time to edits; another text of
the template differs inside) and whether the numbers inside the shared span agree.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime

import numpy as np
import numpy.typing as npt

from storyline.pipeline.reposts.items import RepostItem, Verdict
from storyline.pipeline.reposts.signatures import (
    MIN_SHINGLES,
    SHINGLE_CHARS,
    U32,
    U64,
    shingle_hashes,
    shingle_sequence,
    skeleton,
)

# A repost keeps at least 62% of the smaller text's shingles. Tuning half of bench/reposts.py:
# reposts with every transformation stacked (half kept, header and footer, 3% edits) have
# containment 0.67 at the 1st percentile (0.43 at worst: more boilerplate than text); the
# same-template CCTV pairs that pass the interior check below peak at 0.60 (a documentary
# announced with a different date, cut before the episode titles). 0.62 sits between.
MIN_CONTAINMENT = 0.62

# Shingles of the smaller text that are missing from the larger *inside* the text, i.e. not in
# a run touching its start or end. Boilerplate, a new headline and truncation remove shingles
# at the edges; character edits remove k=5 shingles each inside (3% edits: ~15%); a text from
# the same template with other content differs inside, at every figure, name and clause.
# Tuning half: reposts reach 0.17 at most (99th percentile 0.14); same-template CCTV
# bulletins of other days start at 0.24. 0.2 sits between.
MAX_INTERIOR_MISSING = 0.2

# The smaller text must be at least a third of the larger, in shingles. Truncated reposts keep
# half or more of their source (plus boilerplate); a short item quoted inside a long roundup
# (a news-flash digest) is a quotation, not a repost of the roundup.
MIN_SIZE_RATIO = 0.33

# Formulaic reports of recurring events (a ceremony each year, a promotion each season) can
# share 80% of their wording with differences spread thinly enough to pass the interior check;
# their dates, times, counts and ages differ. Inside the shared span, at least half of the
# numbers of the smaller text must occur in the larger when it holds two or more. Tuning half:
# reposts' share is >= 0.5 at worst (3% edits can hit a digit; 1st percentile 0.75). No
# tuning-half negative reached this check; it stops a pair of promotion-ceremony reports
# (other dates and hours) seen on the reporting half.
MIN_FIGURES = 2
MIN_FIGURE_SHARE = 0.5

_NEVER = datetime.max.replace(tzinfo=UTC)
# What skeleton() removes, one character at a time.
_NON_WORD_CHAR = re.compile(r"[\W_]")
_DIGITS = re.compile(r"[0-9]+")


@dataclass(frozen=True, slots=True, eq=False)
class RepostCandidate:
    """What the decision needs to remember of an article: compact and text-free."""

    key: str
    published: datetime | None
    length: int
    digest: bytes  # blake2b of the skeleton text: equal digests are exact copies
    shingles: U32 = field(repr=False)  # 32-bit shingle hashes in text order
    figures: tuple[tuple[int, str], ...] = ()  # (skeleton offset, digits) of each number


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
        shingles=shingle_sequence(hashes),
        figures=figures_of(item.text),
    )


def figures_of(text: str) -> tuple[tuple[int, str], ...]:
    """The numbers of a text with their offsets in its skeleton.

    Taken from the text, not the skeleton, so that `2025-02-13` stays three numbers rather
    than one run of digits once the punctuation is gone.
    """
    out: list[tuple[int, str]] = []
    # A number's skeleton offset is its text offset less the non-word characters before it;
    # they are counted between numbers only, so a text is scanned once and without a Python
    # step per word.
    skipped = counted_to = 0
    for number in _DIGITS.finditer(text):
        start = number.start()
        skipped += len(_NON_WORD_CHAR.findall(text, counted_to, start))
        counted_to = start
        out.append((start - skipped, number.group()))
    return tuple(out)


def canonical_order(c: RepostCandidate) -> tuple[datetime, int, str]:
    """Sort key: earliest published first (unknown last), then the longest, then by key."""
    when = c.published if c.published is not None else _NEVER
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return (when, -c.length, c.key)


def _verdict(a: RepostCandidate, b: RepostCandidate, sim: float, exact: bool) -> Verdict:
    first, second = sorted((a, b), key=canonical_order)
    return Verdict(second.key, first.key, sim, "exact" if exact else "near")


@dataclass(frozen=True, slots=True)
class Overlap:
    """How the smaller text's shingles are found in the larger one."""

    contained: float  # share of the smaller text's shingles found in the larger
    interior_missing: float  # share missing in runs that touch neither end of the text
    first: int = 0  # the first and last shingle found: the shared span of the smaller text
    last: int = -1


def overlap(small: U32, large: U32) -> Overlap:
    """Containment of `small` (shingles in text order) in `large`, and where it fails."""
    if small.size == 0:
        return Overlap(0.0, 1.0)
    found = _isin(small, large)
    return _overlap_of(found, float(found.mean()))


def _overlap_of(found: npt.NDArray[np.bool_], contained: float) -> Overlap:
    """The Overlap of a non-empty smaller text whose shingles `found` in the larger one (in
    text order) are the share `contained` of them."""
    edges = np.flatnonzero(np.diff(np.concatenate(([1], found.view(np.int8), [1]))))
    starts, ends = edges[0::2], edges[1::2]
    inner = (starts > 0) & (ends < found.size)
    missing = int((ends[inner] - starts[inner]).sum())
    hits = np.flatnonzero(found)
    first, last = (int(hits[0]), int(hits[-1])) if hits.size else (0, -1)
    return Overlap(contained, missing / found.size, first, last)


def _isin(values: U32, pool: U32) -> npt.NDArray[np.bool_]:
    """`np.isin(values, pool)` by binary search in the sorted pool: the same answer, about ten
    times faster at a thousand shingles a side (np.isin sorts both arrays together)."""
    if pool.size == 0:
        return np.zeros(values.size, dtype=np.bool_)
    ordered = np.sort(pool)
    at = np.minimum(np.searchsorted(ordered, values), ordered.size - 1)
    found: npt.NDArray[np.bool_] = ordered[at] == values
    return found


def figure_share(small: RepostCandidate, large: RepostCandidate, span: Overlap) -> float | None:
    """Share of the numbers inside the smaller text's shared span that the larger one has.

    None when the span holds fewer than MIN_FIGURES numbers. Numbers outside the span (a dated
    header, a footer) are boilerplate's, not the story's.
    """
    end = span.last + SHINGLE_CHARS
    inside = [digits for pos, digits in small.figures if span.first <= pos < end]
    if len(inside) < MIN_FIGURES:
        return None
    theirs = {digits for _, digits in large.figures}
    return sum(d in theirs for d in inside) / len(inside)


def decide(a: RepostCandidate, b: RepostCandidate) -> Verdict | None:
    """A verdict when one of `a`, `b` is a repost of the other, else None."""
    if a.digest == b.digest and a.shingles.size > 0:
        return _verdict(a, b, 1.0, exact=True)
    small, large = sorted((a, b), key=lambda c: (c.shingles.size, c.key))
    if small.shingles.size < MIN_SHINGLES:
        return None
    if small.shingles.size < MIN_SIZE_RATIO * large.shingles.size:
        return None
    # Most LSH candidates share little text: containment alone rejects them, before the runs
    # of missing shingles are measured (the verdicts of calling `overlap` first, for less).
    shared = _isin(small.shingles, large.shingles)
    contained = float(shared.mean())
    if contained < MIN_CONTAINMENT:
        return None
    found = _overlap_of(shared, contained)
    if found.interior_missing > MAX_INTERIOR_MISSING:
        return None
    figures = figure_share(small, large, found)
    if figures is not None and figures < MIN_FIGURE_SHARE:
        return None
    return _verdict(a, b, found.contained, exact=False)
