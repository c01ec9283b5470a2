"""Choose a page's headline among <title>, og:title and headings, without the site's name.

A <title> usually reads `headline_section_site`, `headline - site` or `site - headline`. When a
heading on the page (h1-h3) stands in the <title> between separators, that heading is the
headline. Otherwise segments after (or before) a separator are cut while they look like a site or
section name (short, or containing a word from `data/html/site_words.txt`), a date stamp or an
SEO keyword list.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from storyline.pipeline.clean.html_data import site_words, title_noise

# Separators between a headline and a site name. An unspaced hyphen between two Latin letters or
# digits joins words inside a headline (`3-4针`, `iPhone-5`, `COVID-19`) and separates nothing.
_SEPARATORS = re.compile(
    r"\s*(?:_+|\||｜|--+|—+|–|::|»|\s-\s|(?<![0-9A-Za-z])-|-(?![0-9A-Za-z]))\s*"
)

# Characters that may separate a headline from a site name, including a colon (`中央社：…`).
_SEPARATOR_CHARS = frozenset("_-|｜—–:：»,，")

# A trailing segment longer than this is part of the headline, whatever words it holds
# (the longest portal tails seen are like `国内国际首页` or `中時電子報`: under 16 characters).
MAX_SITE_CHARS = 16

# A segment this short after a separator is a section name even without a site word (`_3C`).
MAX_BARE_SECTION_CHARS = 4

# Weak separators (a space, a comma) set off a site name only when what follows is this short
# and holds a site word: Chinese headlines use spaces inside them (`韩国女主播是非不断 裸体新闻…`).
_WEAK_SEPARATORS = re.compile(r"\s*[,，]\s*|\s+")
MAX_WEAK_SITE_CHARS = 6

# A leading site name may also end at a colon (`中國評論新聞：…`), when it holds a site word.
_COLON = re.compile(r"\s*[:：]\s*")

# A tail that is only a date (`20120111`, `2012-01-11`) is a stamp, not part of a headline.
_DATE = re.compile(r"(?:19|20)\d\d[\d\s\-/.年月日]{4,12}")

# A title tail of at least this many short comma-separated items is an SEO keyword list.
_LIST_SPLIT = re.compile(r"[,，、]")
MIN_KEYWORD_ITEMS = 3
MAX_KEYWORD_CHARS = 10

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


def _has_site_word(segment: str) -> bool:
    lowered = segment.lower()
    return any(word in lowered for word in site_words())


def _is_keyword_list(segment: str) -> bool:
    """An SEO keyword list appended to a title: `选举, 眼睛疲劳, 皮肤`."""
    items = [item for item in _LIST_SPLIT.split(segment) if item.strip()]
    return len(items) >= MIN_KEYWORD_ITEMS and all(
        len(item.strip()) <= MAX_KEYWORD_CHARS for item in items
    )


def _cut_tail(title: str) -> str | None:
    """The title without its last segment when that segment is a site, section or keyword list."""
    strong = list(_SEPARATORS.finditer(title))
    if strong:
        last = strong[-1]
        head, tail = title[: last.start()].strip(), title[last.end() :].strip()
        if head and (_looks_like_site(tail) or _is_keyword_list(tail) or _DATE.fullmatch(tail)):
            return head
    weak = list(_WEAK_SEPARATORS.finditer(title))
    if weak:
        last = weak[-1]
        head, tail = title[: last.start()].strip(), title[last.end() :].strip()
        if head and len(tail) <= MAX_WEAK_SITE_CHARS and _has_site_word(tail):
            return head
    return None


def _cut_head(title: str) -> str | None:
    """The title without a leading site name: `自由電子報 - 標題`, `中國評論新聞：標題`."""
    first = _SEPARATORS.search(title) or _COLON.search(title)
    if first is None:
        return None
    head, rest = title[: first.start()].strip(), title[first.end() :].strip()
    if not rest or len(rest) < len(head) or not _has_site_word(head):
        return None
    return rest if len(head) <= MAX_SITE_CHARS else None


def strip_site(title: str) -> str:
    """Cut site, channel and section names (and keyword lists) from the ends of a <title>."""
    title = normalize(title_noise().sub("", normalize(title)))
    while (shorter := _cut_tail(title)) is not None:
        title = normalize(title_noise().sub("", shorter))
    while (shorter := _cut_head(title)) is not None:
        title = shorter
    return title


def _squash(text: str) -> str:
    return "".join(text.split())


def _bounded(title: str, heading: str) -> bool:
    """Whether `heading` occurs in `title` between separators (or the title's ends)."""
    at = title.find(heading)
    if at < 0:
        return False
    before, after = title[:at], title[at + len(heading) :]
    if before and not (before[-1].isspace() or before[-1] in _SEPARATOR_CHARS):
        return False
    if before and _looks_like_site(heading):
        return False  # a heading that merely repeats the site name found in the title
    return not after or after[0].isspace() or after[0] in _SEPARATOR_CHARS


def _heading_in_title(title: str, headings: Sequence[str]) -> str | None:
    """The longest heading that the <title> holds between separators.

    Spacing may differ between the two (a full-width space in one, none in the other), so a
    heading that starts the <title> once whitespace is ignored counts too.
    """
    squashed = _squash(title)
    best: str | None = None
    for heading in headings:
        flat = _squash(heading)
        if len(flat) < MIN_HEADLINE_CHARS:
            continue
        if not (_bounded(title, heading) or squashed == flat):
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
        found = _heading_in_title(title, heads)
        if found and len(_squash(found)) < len(_squash(title)):
            return found  # the <title> adds a tail to the heading: the heading is the headline
        if found:
            return strip_site(found)
    if titles:
        return strip_site(titles[0])
    long_heads = [h for h in heads if len(h) >= MIN_HEADLINE_CHARS]
    return long_heads[0] if long_heads else None
