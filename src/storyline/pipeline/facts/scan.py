"""Matching only where a match can begin.

Python's regex engine tries a pattern at every position unless the pattern starts with a literal
or a character class. Ours start with optional prefixes (当地时间, 约, US$), so instead a cheap
class of possible first characters finds the candidate positions and the full pattern is tried
at those alone. This keeps `finditer` semantics: leftmost, non-overlapping.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator


def first_characters(*groups: Iterable[str]) -> re.Pattern[str]:
    """A character class of the first characters of `groups`' words (or of each string)."""
    chars = {word[0] for group in groups for word in group if word}
    return re.compile("[" + "".join(re.escape(c) for c in sorted(chars)) + "]")


Anchor = Callable[[str], list[int]]


def char_anchor(chars: re.Pattern[str]) -> Anchor:
    """Positions of any character of the class `chars`."""

    def positions(text: str) -> list[int]:
        return [hit.start() for hit in chars.finditer(text)]

    return positions


def word_anchor(words: Iterable[str]) -> Anchor:
    """Positions of the words (any case) and of short numbers: where English times begin."""
    known = frozenset(w.lower() for w in words)

    def positions(text: str) -> list[int]:
        if text.isascii() is False and not _LATIN.search(text):
            return []
        return [
            hit.start()
            for hit in _TOKEN.finditer(text)
            if hit.group().isdigit() or hit.group().lower() in known
        ]

    return positions


_LATIN = re.compile(r"[A-Za-z]{2}")
_TOKEN = re.compile(r"(?<![A-Za-z0-9])(?:[A-Za-z]+|\d{1,2}(?!\d))")


def anchored(
    pattern: re.Pattern[str], positions: Iterable[int], text: str
) -> Iterator[re.Match[str]]:
    """Like `pattern.finditer(text)`, trying only at `positions` (in increasing order)."""
    end = 0
    for pos in positions:
        if pos < end:
            continue
        match = pattern.match(text, pos)
        if match is not None and match.end() > pos:
            end = match.end()
            yield match
