"""Feeds and pages written for the crawl tests (our own text, no corpus content)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from xml.sax.saxutils import escape

BASE_TIME = datetime(2026, 3, 1, 8, 0, tzinfo=UTC)
PARAGRAPH = "本市今日召开新闻发布会，介绍了新建公园的进展情况，预计明年春天对市民开放。"


def full_body(n: int) -> str:
    return "".join(f"<p>第{n}篇，第{i}段。{PARAGRAPH}</p>" for i in range(8))


def teaser(n: int) -> str:
    return f"第{n}篇的开头：新建公园进展顺利……"


def page_html(n: int, charset: str = "utf-8") -> str:
    head = f'<meta charset="{charset}">' if charset else ""
    paras = "".join(f"<p>全文第{n}篇，第{i}段。{PARAGRAPH}</p>" for i in range(6))
    return f"<html><head>{head}<title>第{n}篇</title></head><body>{paras}</body></html>"


def rss(base: str, count: int, truncated: set[int], encoding: str = "utf-8") -> bytes:
    """An RSS 2.0 feed of `count` items, newest first; items in `truncated` carry a teaser."""
    items = []
    for n in range(count, 0, -1):
        when = (BASE_TIME + timedelta(hours=n)).strftime("%a, %d %b %Y %H:%M:%S +0000")
        body = (
            f"<description>{escape(teaser(n))}</description>"
            if n in truncated
            else f"<description>{escape(teaser(n))}</description>"
            f"<content:encoded>{escape(full_body(n))}</content:encoded>"
        )
        items.append(
            f"<item><title>新闻第{n}篇</title><link>{base}/articles/{n}.html</link>"
            f"<guid>item-{n}</guid><pubDate>{when}</pubDate>{body}</item>"
        )
    xml = (
        f'<?xml version="1.0" encoding="{encoding}"?>'
        '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">'
        f"<channel><title>本地新闻</title><link>{base}/</link>{''.join(items)}</channel></rss>"
    )
    return xml.encode(encoding)


def _neutral_body(title: str) -> str:
    """A full-length body that names nothing but its title (for watch-list matching)."""
    return f"<p>{title}。</p>" + "<p>今天天气晴朗，气温适中，适合出行。</p>" * 10


def atom(base: str, titles: list[str]) -> bytes:
    entries = "".join(
        f"<entry><id>urn:x:{i}</id><title>{escape(t)}</title>"
        f'<link href="{base}/a/{i}"/><updated>2026-03-0{i + 1}T10:00:00</updated>'
        f'<content type="html">{escape(_neutral_body(t))}</content></entry>'
        for i, t in enumerate(titles)
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        f"<title>Atom 源</title>{entries}</feed>"
    ).encode()
