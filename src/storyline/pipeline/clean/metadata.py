"""Complete an article's metadata from the spans the cleaner cut, and from its text.

Only empty fields are filled: what a reader took from front matter, HTML or a feed stays.
- title: a headline line the cleaner cut (Reason.TITLE); failing that, the first sentence of the
  text, marked `title_derived`.
- author, published, source outlet: byline lines (Reason.BYLINE). A date is never guessed:
  `published` stays None when no byline states one. Failing a byline, the writers a dateline
  credits at the head of the text (新华社北京1月12日电（记者 张三）), else a credit closing it
  (…（记者 张三）); see `credits`.
- credited: the outlet a byline names as the source (来源：新华社), else a dateline's bracket
  (【某某晚報╱記者…】).
- url: a link to the original (Reason.SOURCE_LINK).
- outlet, first found of: the self-media platform a disclaimer names (Reason.DISCLAIMER), then
  the well-known outlet behind the url's domain, then the link's own text, then a byline's
  `来源`, then the bare domain. The platform comes first because it is the more specific fact
  (网易号 is a user's post on 网易, not 网易's reporting).
- lang and script, from the text.
"""

from __future__ import annotations

import re

from storyline.pipeline.clean.byline import Byline, read_bylines
from storyline.pipeline.clean.credits import closing_writers, dateline_outlet, dateline_writers
from storyline.pipeline.clean.language import detect_lang, detect_script
from storyline.pipeline.clean.outlets import (
    SourceLink,
    outlet_for_url,
    platform_named_in,
    read_source_link,
    registrable_domain,
)
from storyline.pipeline.clean.reasons import Reason
from storyline.records import Article, RemovedSpan

__all__ = ["derive_title", "detect_lang", "detect_script", "fill_metadata"]

# Longest derived title: Chinese headlines run 15–30 characters (the portals cut theirs at ~30).
MAX_DERIVED_TITLE_CHARS = 30
# A derived title cut at a comma must keep at least this much, or the cut falls at the limit.
MIN_CLAUSE_CHARS = 8

_SENTENCE_END = re.compile(r"[。！？!?；;…]|\.(?=\s|$)")
# Clause breaks; spaces count only in text without Chinese, where they separate words (in Chinese
# text a space mostly pads an embedded Latin name, a poor place to end a headline).
_CLAUSE_BREAK = re.compile(r"[，,、：:—；]")
_WORD_BREAK = re.compile(r"[，,、：:—；\s]")
_HAN = re.compile(r"[\u3400-\u9fff]")
_MARKDOWN_DECOR = re.compile(r"^\s*(?:#{1,6}\s*|>\s*|[-*+]\s+)|\*\*|__|`")


def fill_metadata(article: Article, tz: str) -> None:
    """Fill the empty metadata fields of `article` (its `text` already cleaned)."""
    spans = _texts_by_reason(article.removed)
    if not article.title:
        article.title = _title_from_spans(spans.get(Reason.TITLE, []))
    byline = read_bylines(spans.get(Reason.BYLINE, []), tz)
    article.author = (
        article.author
        or byline.author
        or dateline_writers(article.text)
        or closing_writers(article.text)
        # the cleaner cuts a closing credit off the last paragraph as a byline span
        or next(filter(None, map(closing_writers, reversed(spans.get(Reason.BYLINE, [])))), None)
    )
    article.published = article.published or byline.published
    article.credited = article.credited or byline.source or dateline_outlet(article.text)
    link = _first_link(spans.get(Reason.SOURCE_LINK, []))
    article.url = article.url or (link.url if link else None)
    article.outlet = article.outlet or _outlet(article.url, link, byline, spans)
    if not article.title:
        article.title = derive_title(article.text)
        article.title_derived = bool(article.title)
    sample = article.text or article.title
    article.lang = article.lang or detect_lang(sample)
    if not article.script and article.lang == "zh":
        article.script = detect_script(sample)


def derive_title(text: str) -> str:
    """The first sentence of `text`, cut to a headline's length at a clause break if possible."""
    line = next((ln for ln in (_strip_markdown(x) for x in text.splitlines()) if ln), "")
    end = _SENTENCE_END.search(line)
    sentence = line[: end.start()] if end else line
    if len(sentence) <= MAX_DERIVED_TITLE_CHARS:
        return sentence.strip()
    head = sentence[: MAX_DERIVED_TITLE_CHARS + 1]
    pattern = _CLAUSE_BREAK if _HAN.search(head) else _WORD_BREAK
    breaks = [m.start() for m in pattern.finditer(head) if m.start() >= MIN_CLAUSE_CHARS]
    cut = breaks[-1] if breaks else MAX_DERIVED_TITLE_CHARS
    return sentence[:cut].strip()


def _texts_by_reason(removed: list[RemovedSpan]) -> dict[str, list[str]]:
    spans: dict[str, list[str]] = {}
    for span in removed:
        spans.setdefault(span.reason, []).append(span.text)
    return spans


def _title_from_spans(texts: list[str]) -> str:
    for text in texts:
        for line in text.splitlines():
            title = _strip_markdown(line)
            if title:
                return title
    return ""


def _strip_markdown(line: str) -> str:
    return _MARKDOWN_DECOR.sub("", line).strip()


def _first_link(texts: list[str]) -> SourceLink | None:
    for text in texts:
        link = read_source_link(text)
        if link is not None:
            return link
    return None


def _outlet(
    url: str | None, link: SourceLink | None, byline: Byline, spans: dict[str, list[str]]
) -> str | None:
    platforms = (platform_named_in(text) for text in spans.get(Reason.DISCLAIMER, []))
    return (
        next((p for p in platforms if p), None)
        or outlet_for_url(url)
        or (link.name if link else None)
        or byline.source
        or registrable_domain(url)
    )
