"""Load the word lists and patterns that HTML extraction reads from `storyline/data/html/`.

Each file is plain text: one entry a line, `#` starts a comment line. Loaders are cached because
the files ship with the package and never change while it runs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources


def _lines(name: str) -> tuple[str, ...]:
    text = (resources.files("storyline") / "data" / "html" / name).read_text("utf-8")
    entries = (line.strip() for line in text.splitlines())
    return tuple(line for line in entries if line and not line.startswith("#"))


def _alternation(entries: tuple[str, ...], flags: int = 0) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{entry})" for entry in entries), flags)


@dataclass(frozen=True, slots=True)
class ClassWords:
    positive: re.Pattern[str]  # class/id words of main-text containers
    negative: re.Pattern[str]  # class/id words of comments, sidebars, footers, share bars


@lru_cache(maxsize=1)
def class_words() -> ClassWords:
    return ClassWords(
        _alternation(_lines("class_positive.txt")), _alternation(_lines("class_negative.txt"))
    )


@lru_cache(maxsize=1)
def boilerplate_lines() -> re.Pattern[str]:
    """Whole lines that are never main text: share bars, editor credits, copyright, prompts."""
    return _alternation(_lines("boilerplate.txt"), re.IGNORECASE)


@lru_cache(maxsize=1)
def tail_markers() -> re.Pattern[str]:
    """Short lines that open a trailing related-news or comment section."""
    return _alternation(_lines("tail_markers.txt"))


@lru_cache(maxsize=1)
def site_words() -> tuple[str, ...]:
    """Words that mark a title segment as a site, channel or section name."""
    return _lines("site_words.txt")


@lru_cache(maxsize=1)
def title_noise() -> re.Pattern[str]:
    """Title tails that are never part of a headline, e.g. a page counter `(第1頁/共2頁)`."""
    return _alternation(_lines("title_noise.txt"))


@lru_cache(maxsize=1)
def byline_date() -> re.Pattern[str]:
    """A publication date as written in a visible byline."""
    return _alternation(_lines("byline_date.txt"))
