"""Main text from HTML (minimal version)."""

from __future__ import annotations

from dataclasses import dataclass

import lxml.html

from storyline.errors import ParseError


@dataclass(frozen=True, slots=True)
class Page:
    title: str | None
    text: str
    published: str | None
    author: str | None
    outlet: str | None
    url: str | None
    lang: str | None
    thumbnail: str | None
    summary: str | None
    tags: tuple[str, ...]


def fragment_text(html: str) -> str:
    if not html.strip():
        return ""
    root = lxml.html.fromstring(html)
    return "\n".join(p.text_content().strip() for p in root.iter("p") if p.text_content().strip())


def extract_page(html: str, url: str | None = None) -> Page:
    root = lxml.html.fromstring(html or "<html></html>")
    title = (root.findtext(".//title") or "").strip() or None
    text = "\n".join(p.text_content().strip() for p in root.iter("p") if p.text_content().strip())
    if not text:
        raise ParseError("no-main-text", "the page has no main text")
    return Page(title, text, None, None, None, url, None, None, None, ())
