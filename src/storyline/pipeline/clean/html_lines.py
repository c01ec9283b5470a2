"""Drop the page furniture left among main-text paragraphs: link lines, share bars, editor
credits, copyright notices, and trailing related-news or comment sections."""

from __future__ import annotations

from collections.abc import Iterable

from storyline.pipeline.clean.html_blocks import Block
from storyline.pipeline.clean.html_data import boilerplate_lines, tail_markers

# A paragraph with more than this share of its characters in links is a link list entry.
MAX_LINE_LINK_SHARE = 0.5

# A tail marker ("相关新闻" …) is a short heading; longer lines merely mention the words.
MAX_MARKER_CHARS = 16


def _is_link_line(block: Block) -> bool:
    return block.link_chars > MAX_LINE_LINK_SHARE * block.chars


def _opens_tail(block: Block) -> bool:
    return block.chars <= MAX_MARKER_CHARS and tail_markers().fullmatch(block.text) is not None


def filter_lines(blocks: Iterable[Block], title: str | None = None) -> list[str]:
    """The paragraphs worth keeping, in order, without repeats of the headline."""
    boilerplate = boilerplate_lines()
    headline = "".join(title.split()) if title else None
    kept: list[str] = []
    for block in blocks:
        if kept and _opens_tail(block):
            break
        if _is_link_line(block) or boilerplate.match(block.text):
            continue
        if headline and "".join(block.text.split()) == headline:
            continue
        if kept and kept[-1] == block.text:
            continue
        kept.append(block.text)
    return kept
