"""Drop the page furniture left among main-text paragraphs: link lines, share bars, editor
credits, copyright notices, and trailing related-news or comment sections."""

from __future__ import annotations

import re
from collections.abc import Iterable

from storyline.pipeline.clean.html_blocks import Block
from storyline.pipeline.clean.html_data import boilerplate_lines, tail_markers

# A paragraph with more than this share of its characters in links is a link list entry.
MAX_LINE_LINK_SHARE = 0.5

# A tail marker ("相关新闻" …) is a short heading; longer lines merely mention the words.
MAX_MARKER_CHARS = 16

# After a marker, text resumes at the first sentence: a paragraph at least this long that ends
# with a full stop. Related lists set inside an article are followed by more article; the
# headlines in such lists (10-30 characters) carry no full stop.
MIN_RESUME_CHARS = 15
_SENTENCE_END = re.compile(r"[。！？.!?][」”』\"')）]?$")


def _is_link_line(block: Block) -> bool:
    return bool(block.link_chars > MAX_LINE_LINK_SHARE * block.chars)


# Bullets and arrows that may precede a section heading (`> 相关专题：`, `▶ 相关新闻`).
_BULLETS = ">》»▶►▸·•●■□◆◇★☆-*| "


def _opens_tail(block: Block) -> bool:
    if block.chars > MAX_MARKER_CHARS:
        return False
    return tail_markers().fullmatch(block.text.lstrip(_BULLETS)) is not None


def _is_prose(block: Block) -> bool:
    return (
        block.chars >= MIN_RESUME_CHARS
        and not _is_link_line(block)
        and _SENTENCE_END.search(block.text) is not None
    )


def filter_lines(blocks: Iterable[Block], title: str | None = None) -> list[str]:
    """The paragraphs worth keeping, in order, without repeats of the headline."""
    boilerplate = boilerplate_lines()
    headline = "".join(title.split()) if title else None
    kept: list[str] = []
    in_list = False
    for block in blocks:
        if _opens_tail(block):
            in_list = True
            continue
        if in_list and not _is_prose(block):
            continue
        in_list = False
        if _is_link_line(block) or boilerplate.match(block.text):
            continue
        if headline and "".join(block.text.split()) == headline:
            continue
        if kept and kept[-1] == block.text:
            continue
        kept.append(block.text)
    return kept
