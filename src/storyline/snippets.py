"""Search snippets: a window of the text as published, matched words wrapped in <mark>.

Matching runs on the normalized copy (so a Simplified query marks Traditional text) and the
offset map carries the hits back to the original.
"""

from __future__ import annotations

import html

from storyline.records import OffsetMap

# Characters of context in a snippet: about two lines of a phone screen of Chinese text.
SNIPPET_WIDTH = 120
# Context kept before the first hit so the reader sees what leads up to it.
LEAD_IN = 20


def find_hits(norm: str, terms: list[str]) -> list[tuple[int, int]]:
    """Non-overlapping (start, end) of every occurrence of any term in `norm`, in order."""
    haystack = norm.lower() if len(norm.lower()) == len(norm) else norm
    hits: list[tuple[int, int]] = []
    for term in sorted(set(terms), key=len, reverse=True):
        start = haystack.find(term)
        while start != -1:
            end = start + len(term)
            if all(end <= s or start >= e for s, e in hits):
                hits.append((start, end))
            start = haystack.find(term, end)
    return sorted(hits)


def _best_window(hits: list[tuple[int, int]], length: int, width: int) -> tuple[int, int]:
    if not hits:
        return 0, min(length, width)
    best, best_count = hits[0][0], 0
    for start, _ in hits:
        count = sum(1 for s, _e in hits if start <= s < start + width)
        if count > best_count:
            best, best_count = start, count
    begin = max(0, best - LEAD_IN)
    return begin, min(length, begin + width)


def highlight(
    text: str, norm: str, offsets: OffsetMap, terms: list[str], width: int = SNIPPET_WIDTH
) -> str:
    """An HTML-escaped snippet of `text` around the densest run of matches of `terms`."""
    hits = find_hits(norm, terms)
    begin, end = _best_window(hits, len(norm), width)
    o_begin, o_end = offsets.to_orig(begin), min(len(text), offsets.to_orig(end))
    parts: list[str] = ["…" if o_begin > 0 else ""]
    cursor = o_begin
    for start, stop in hits:
        if start < begin or stop > end:
            continue
        o_start, o_stop = offsets.to_orig(start), offsets.to_orig(stop)
        if o_start < cursor:
            continue
        parts.append(html.escape(text[cursor:o_start]))
        parts.append("<mark>" + html.escape(text[o_start:o_stop]) + "</mark>")
        cursor = o_stop
    parts.append(html.escape(text[cursor:o_end]))
    parts.append("…" if o_end < len(text) else "")
    return "".join(parts).replace("\n", " ")
