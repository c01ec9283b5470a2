"""Main text, headline and metadata of an HTML page; text of an HTML fragment.

`extract_page` parses a whole page once with lxml, reads its metadata, cuts the body into
paragraph blocks, picks the main-text container by a Chinese-aware paragraph score, and filters
leftover page furniture line by line. `fragment_text` turns body markup (a JSON record's `html`
field, a feed item) into one paragraph per line.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from lxml import etree
from lxml.html import HtmlElement, HTMLParser, document_fromstring

from storyline.errors import ParseError
from storyline.pipeline.clean.byline import read_bylines
from storyline.pipeline.clean.credits import dateline_outlet, dateline_writers
from storyline.pipeline.clean.html_blocks import Block, block_texts, layout_of, strip_invisible
from storyline.pipeline.clean.html_data import byline_date
from storyline.pipeline.clean.html_lines import filter_lines
from storyline.pipeline.clean.html_main import main_text
from storyline.pipeline.clean.html_meta import Meta, read_meta
from storyline.pipeline.clean.html_title import choose_title
from storyline.pipeline.clean.markup_guard import tame_long_tags
from storyline.pipeline.clean.outlets import names_a_site
from storyline.pipeline.clean.published import parse_published

# A page whose kept main text is shorter than this (non-space characters) has none: a two-line
# stub or a navigation page. Chinese news briefs run to 50+ characters.
MIN_MAIN_CHARS = 20

# Headings longer than this are paragraphs styled as headings, not headline candidates.
MAX_HEADING_CHARS = 200

# Paragraphs after the headline searched for a byline date (headline, source line, date line …).
BYLINE_WINDOW = 8
# Longest paragraph of that window read for a writer's name: byline lines are short, and a
# longer one is the text itself, whose quoted names are no byline.
MAX_BYLINE_CHARS = 80
# A letter or an ideograph: an author tag holding neither (1392) is an id, not a name.
_LETTER = re.compile(r"[^\W\d_]")
# A time of day in a date string (20:30, 20时30分, T20:30).
_CLOCK = re.compile(r"\d{1,2}\s*[:：时時点點]\s*\d{2}")


@dataclass(frozen=True, slots=True)
class Page:
    title: str | None  # the headline without site suffixes such as `_新浪网`
    text: str  # main text, one paragraph per line, no blank lines
    published: str | None  # raw publication date string, not parsed
    author: str | None
    outlet: str | None  # og:site_name, JSON-LD publisher, application-name …
    credited: str | None  # the source a visible byline credits (来源：新华社)
    url: str | None  # canonical URL, absolute
    lang: str | None  # <html lang> or content-language
    thumbnail: str | None  # og:image etc., absolute
    summary: str | None  # meta description / og:description
    tags: tuple[str, ...]  # meta keywords / article:tag


_PARSER_OPTIONS: dict[str, Any] = {
    "encoding": "utf-8",
    "remove_comments": True,
    "remove_pis": True,
    "no_network": True,
    "recover": True,
}


def _data(html: str) -> bytes:
    """Text as UTF-8 bytes, so that a stale `<meta charset=gbk>` cannot mislead lxml."""
    data = tame_long_tags(html.replace("\x00", "").encode("utf-8", errors="replace"))
    if not data.strip():
        raise ParseError("no-main-text", "The page is empty.")
    return data


def _parse(html: str) -> HtmlElement:
    try:
        root = document_fromstring(_data(html), parser=HTMLParser(**_PARSER_OPTIONS))
    except (etree.ParserError, ValueError) as exc:
        raise ParseError("no-main-text", "The page could not be read as HTML.") from exc
    if root is None:
        raise ParseError("no-main-text", "The page is empty.")
    return root


def _parse_plain(html: str) -> etree._Element:
    """The same tree as `_parse`, of plain lxml elements: lxml.html picks each element's class
    with a Python call, a third of `fragment_text`'s time on CCTV records, and a fragment needs
    no HtmlElement method."""
    try:
        root = etree.fromstring(_data(html), parser=etree.HTMLParser(**_PARSER_OPTIONS))
    except (etree.ParserError, ValueError) as exc:
        raise ParseError("no-main-text", "The page could not be read as HTML.") from exc
    if root is None:
        raise ParseError("no-main-text", "The page is empty.")
    return root


def _headings(root: HtmlElement) -> list[str]:
    texts = []
    for element in root.iter("h1", "h2", "h3"):
        text = " ".join(element.text_content().split())
        if 0 < len(text) <= MAX_HEADING_CHARS:
            texts.append(text)
    return texts


def _headline_at(blocks: Sequence[Block], title: str | None) -> int | None:
    """The index of the block holding the headline, or None where it is not found."""
    if not title:
        return None
    flat = "".join(title.split())
    for index, block in enumerate(blocks):
        if flat in "".join(block.text.split()):
            return index
    return None


def _byline_date(blocks: Sequence[Block], at: int | None) -> str | None:
    """A date written near the headline (or near the top when the headline is not found)."""
    start = at or 0
    pattern = byline_date()
    for block in blocks[start : start + BYLINE_WINDOW]:
        found = pattern.search(block.text)
        if found:
            return str(found.group(0))
    return None


def _visible_byline(blocks: Sequence[Block], at: int | None) -> tuple[str | None, str | None]:
    """The writer and the credited source a visible byline under the headline names (记者 张三,
    作者：李四, 文／王五; 来源：新华社); editors are not writers. Only where the headline was
    found: the top of a page is its navigation."""
    if at is None:
        return None, None
    window = blocks[at + 1 : at + 1 + BYLINE_WINDOW]
    lines = [b.text for b in window if len(b.text) <= MAX_BYLINE_CHARS]
    read = read_bylines(lines, "UTC", editors=False) if lines else None
    author = read.author if read else None
    # A dateline at the head of a block: its own line (【某報╱記者李四/台北報導】) or the
    # first paragraph's (本報訊（記者劉某）…).
    author = author or next(filter(None, (dateline_writers(b.text) for b in window)), None)
    if author is not None and names_a_site(author):
        author = None
    credited = read.source if read else None
    credited = credited or next(filter(None, (dateline_outlet(b.text) for b in window)), None)
    return author, credited


def _published(declared: str | None, shown: str | None) -> str | None:
    """The metadata's date, unless it gives only the day and the visible byline gives the same
    day with its time (portals declare `2011-12-09` and print `2011-12-09 20:30`)."""
    if declared is None or shown is None:
        return declared or shown
    if _CLOCK.search(declared) or not _CLOCK.search(shown):
        return declared
    day, when = parse_published(declared, "UTC"), parse_published(shown, "UTC")
    return shown if day and when and day.date() == when.date() else declared


def _outlet(meta: Meta, title: str | None) -> str | None:
    """The outlet's name, unless the page put its headline there (a misfilled og:site_name)."""
    if meta.outlet is None:
        return None
    flat = "".join(meta.outlet.split())
    headlines = {"".join(t.split()) for t in (title, meta.og_title) if t}
    return None if flat in headlines else meta.outlet


def _declared_author(meta: Meta, title: str | None, blocks: Sequence[Block]) -> str | None:
    """The author tag's value when it names a person who wrote the article: not the site itself
    (网易, chinanews, 南方网 fill many pages' author tags), not the headline or a number, and
    not a name the page credits as its editor (编辑：某某), which content systems fill in."""
    name = meta.author
    if not name or names_a_site(name) or not _LETTER.search(name):
        return None
    if "".join(name.split()) in {"".join(t.split()) for t in (title, meta.og_title) if t}:
        return None
    edited = re.compile(rf"(?:编辑|編輯|责编|責編)\s*[:：/／]?\s*{re.escape(name)}")
    if any(edited.search(block.text) for block in blocks):
        return None
    return name


def _page(
    meta: Meta,
    title: str | None,
    text: str,
    published: str | None,
    byline: tuple[str | None, str | None],
) -> Page:
    return Page(
        title=title,
        text=text,
        published=published,
        author=byline[0],
        outlet=_outlet(meta, title),
        credited=byline[1],
        url=meta.url,
        lang=meta.lang,
        thumbnail=meta.thumbnail,
        summary=meta.summary,
        tags=meta.tags,
    )


def extract_page(html: str, url: str | None = None) -> Page:
    """The headline, main text and metadata of a whole HTML page.

    Raises ParseError("no-main-text", …) when the page holds no main text.
    """
    root = _parse(html)
    meta = read_meta(root, url)
    title = choose_title(meta.html_title, meta.og_title, _headings(root))
    strip_invisible(root)
    layout = layout_of(root)
    found = main_text(layout)
    lines = filter_lines(found.blocks, title)
    text = "\n".join(lines)
    if len("".join(text.split())) < MIN_MAIN_CHARS:
        raise ParseError("no-main-text", "No article text was found on the page.")
    at = _headline_at(layout.blocks, title)
    published = _published(meta.published, _byline_date(layout.blocks, at))
    # The byline readers see first, then the author tag.
    author, credited = _visible_byline(layout.blocks, at)
    author = author or _declared_author(meta, title, layout.blocks)
    return _page(meta, title, text, published, (author, credited))


def fragment_text(html: str) -> str:
    """Text of an HTML fragment, one paragraph per line (no blank lines)."""
    try:
        root = _parse_plain(html)
    except ParseError:
        return ""  # nothing but whitespace, or nothing lxml can read as markup
    strip_invisible(root)
    return "\n".join(block_texts(root))
