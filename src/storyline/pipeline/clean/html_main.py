"""Find the element that holds a page's main text and return its paragraphs.

The scoring follows the paragraph-parent idea of Arc90 Readability (as in readability-lxml), made
for Chinese: a paragraph's weight counts sentence punctuation (，。！？ …) rather than English
commas, link text counts against its container, and class/id words from a data file nudge the
choice. The paragraphs of the best container (and of siblings that score nearly as well) are then
passed through the boilerplate line filter.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

from storyline.pipeline.clean.html_blocks import Block, Layout
from storyline.pipeline.clean.html_data import class_words

# Sentence punctuation in Chinese and Western text; a body paragraph has one every ~15-25 chars,
# a navigation or headline list almost none.
_PUNCT = re.compile(r"[，。！？；、：,.!?;:]")

# A block shorter than this adds nothing to its container's score (readability-lxml uses 25
# Latin characters; 10 Chinese characters carry about as much text).
MIN_SCORED_CHARS = 10

# Length bonus: one point per this many characters, capped (readability-lxml: 100 chars, cap 3;
# Chinese packs ~2.5x more per character).
CHARS_PER_POINT = 40
MAX_LENGTH_POINTS = 3.0

# A block whose link share exceeds this is navigation, not prose (it scores nothing).
MAX_BLOCK_LINK_SHARE = 0.5

# Container class/id weights: a hint, not a verdict (readability-lxml uses ±25 on ~30-point
# scores; a factor keeps the hint proportional on long and short pages alike).
POSITIVE_FACTOR = 1.3
NEGATIVE_FACTOR = 0.6

# Paragraph tags pass their score up to their parent; other block owners (a <div> or <td> whose
# text is split by <br>) keep it themselves.
_PARAGRAPH_TAGS = frozenset(
    [
        "p",
        "pre",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "li",
        "blockquote",
        "dd",
        "dt",
        "center",
        "font",
    ]
)

# Share of a parent's score passed on to the grandparent (readability-lxml: one half).
GRANDPARENT_SHARE = 0.5

# A sibling of the winner joins the main text when it scores at least this share of the winner
# (readability-lxml: one fifth).
SIBLING_SHARE = 0.2


@dataclass(frozen=True, slots=True)
class MainText:
    container: int  # pre-order index of the winning element, -1 when none scored
    blocks: tuple[Block, ...]


def block_score(block: Block) -> float:
    if block.chars < MIN_SCORED_CHARS or block.link_chars > MAX_BLOCK_LINK_SHARE * block.chars:
        return 0.0
    points = len(_PUNCT.findall(block.text))
    return 1.0 + points + min(float(block.chars) / CHARS_PER_POINT, MAX_LENGTH_POINTS)


def _raw_scores(layout: Layout) -> list[float]:
    scores = [0.0] * len(layout.tags)
    for block in layout.blocks:
        score = block_score(block)
        if not score:
            continue
        node = block.owner
        if layout.tags[node] in _PARAGRAPH_TAGS and layout.parents[node] >= 0:
            node = layout.parents[node]
        scores[node] += score
        parent = layout.parents[node]
        if parent >= 0:
            scores[parent] += score * GRANDPARENT_SHARE
    return scores


def _link_density(layout: Layout, node: int) -> float:
    start, end = node, layout.ends[node]
    chars = links = 0
    for block in layout.blocks:
        if start <= block.owner <= end:
            chars += block.chars
            links += block.link_chars
    return links / chars if chars else 1.0


def _class_factor(name: str) -> float:
    words = class_words()
    if not name.strip():
        return 1.0
    if words.negative.search(name) and not words.positive.search(name):
        return NEGATIVE_FACTOR
    if words.positive.search(name):
        return POSITIVE_FACTOR
    return 1.0


# Only this many best raw scorers are re-weighted (link density costs a pass over the blocks).
TOP_CANDIDATES = 8


def best_container(layout: Layout) -> tuple[int, list[float]]:
    raw = _raw_scores(layout)
    ranked = sorted(range(len(raw)), key=raw.__getitem__, reverse=True)[:TOP_CANDIDATES]
    best, best_score = -1, 0.0
    for node in ranked:
        if raw[node] <= 0:
            break
        score = raw[node] * (1.0 - _link_density(layout, node)) * _class_factor(layout.names[node])
        if score > best_score:
            best, best_score = node, score
    return best, raw


def _members(layout: Layout, best: int, raw: Sequence[float]) -> list[tuple[int, int]]:
    """Pre-order ranges whose blocks form the main text: the winner and its strong siblings."""
    parent = layout.parents[best]
    if parent < 0:
        return [(best, layout.ends[best])]
    ranges = []
    node = parent + 1
    while node <= layout.ends[parent]:
        if node == best or raw[node] >= SIBLING_SHARE * raw[best]:
            ranges.append((node, layout.ends[node]))
        node = layout.ends[node] + 1
    return ranges


def main_text(layout: Layout) -> MainText:
    best, raw = best_container(layout)
    if best < 0:
        return MainText(-1, ())
    ranges = _members(layout, best, raw)
    starts = [start for start, _ in ranges]
    return MainText(best, tuple(b for b in layout.blocks if _inside(b.owner, starts, ranges)))


def _inside(node: int, starts: list[int], ranges: list[tuple[int, int]]) -> bool:
    """Whether a node lies in one of the sorted, disjoint pre-order ranges."""
    at = bisect_right(starts, node) - 1
    return at >= 0 and node <= ranges[at][1]
