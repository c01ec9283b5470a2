"""Choose a page's headline among <title>, og:title and headings, without the site's name.

A <title> usually reads `headline_section_site` or `headline - site`. When a heading on the page
(h1-h3, or an element named like a title) is the start of the <title>, that heading is the
headline. Otherwise trailing segments after a separator are cut while they look like a site or
section name (short, or containing a word from `data/html/site_words.txt`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from storyline.pipeline.clean.html_data import site_words, title_noise

# Separators between a headline and a site name. A plain hyphen counts only when spaced or when
# what follows is short enough to be a name (checked by the caller).
_SEPARATORS = re.compile(r"\s*(?:_+|\||｜|--+|—+|–|::|»|\s-\s|-)\s*")

# A trailing segment longer than this is part of the headline, whatever words it holds
# (the longest portal tails seen are like `国内国际首页` or `中時電子報`: under 16 characters).
MAX_SITE_CHARS = 16

# A segment this short after a separator is a section name even without a site word (`_3C`).
MAX_BARE_SECTION_CHARS = 4

# A heading shorter than this is a section label (`新闻`, `正文`), not a headline.
MIN_HEADLINE_CHARS = 4


def normalize(text: str) -> str:
    return " ".join(text.split())


def _looks_like_site(segment: str) -> bool:
    if not segment:
        return True
    if len(segment) > MAX_SITE_CHARS:
        return False
    lowered = segment.lower()
    return len(segment) <= MAX_BARE_SECTION_CHARS or any(w in lowered for w in site_words())


def strip_site(title: str) -> str:
    """Cut site, channel and section names from the end of a <title>."""
    title = normalize(title_noise().sub("", normalize(title)))
    while True:
        cuts = list(_SEPARATORS.finditer(title))
        if not cuts:
            return title
        last = cuts[-1]
        head, tail = title[: last.start()], title[last.end() :]
        if not head.strip() or not _looks_like_site(tail.strip()):
            return title
        title = head.strip()


def _squash(text: str) -> str:
    return "".join(text.split())


def _heading_prefix(title: str, headings: Sequence[str]) -> str | None:
    """The longest heading that starts the <title> and ends at a separator or the end."""
    squashed = _squash(title)
    best: str | None = None
    for heading in headings:
        flat = _squash(heading)
        if len(flat) < MIN_HEADLINE_CHARS or not squashed.startswith(flat):
            continue
        rest = title[len(heading) :] if title.startswith(heading) else squashed[len(flat) :]
        if (rest and not _SEPARATORS.match(rest)) and not rest[:1].isspace():
            continue
        if best is None or len(flat) > len(_squash(best)):
            best = heading
    return best


def choose_title(
    html_title: str | None, og_title: str | None, headings: Sequence[str]
) -> str | None:
    """The headline of a page from its <title>, og:title and heading texts (normalized)."""
    titles = [normalize(t) for t in (html_title, og_title) if t and t.strip()]
    heads = [normalize(h) for h in headings if h and h.strip()]
    for title in titles:
        found = _heading_prefix(title, heads)
        if found and len(_squash(found)) < len(_squash(title)):
            return found  # the <title> adds a tail to the heading: the heading is the headline
        if found:
            return strip_site(found)
    if titles:
        return strip_site(titles[0])
    long_heads = [h for h in heads if len(h) >= MIN_HEADLINE_CHARS]
    return long_heads[0] if long_heads else None
