"""Outlets: from a URL's domain, a link to the original, or a self-media platform's disclaimer."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import urlsplit

from storyline.pipeline.clean.byline import outlet_endings
from storyline.pipeline.clean.datafile import load_toml

_MARKDOWN_LINK = re.compile(r"\[(?P<name>[^\]]*)\]\((?P<url>https?://[^)\s]+)[^)]*\)")
_BARE_URL = re.compile(r"https?://[^\s<>()\[\]\"'，。]+")
# Second-level labels under a country code that are not names themselves (news.bbc.co.uk,
# udn.com.tw, gov.cn): the registrable domain then has three labels.
_GENERIC_SECOND_LEVEL = frozenset({"com", "net", "org", "gov", "edu", "co", "ac", "or", "ne"})


@dataclass(frozen=True, slots=True)
class SourceLink:
    url: str
    name: str | None  # the link text, when it names something


def read_source_link(text: str) -> SourceLink | None:
    """The first Markdown link `[name](https://…)` in `text`, else the first bare URL."""
    link = _MARKDOWN_LINK.search(text)
    if link is not None:
        return SourceLink(link.group("url"), _meaningful_name(link.group("name")))
    bare = _BARE_URL.search(text)
    return SourceLink(bare.group(0), None) if bare else None


def outlet_for_url(url: str | None) -> str | None:
    """The well-known outlet whose domain (or a parent domain) serves `url`."""
    host = _host(url)
    domains = _domains()
    labels = host.split(".")
    for i in range(len(labels) - 1):
        name = domains.get(".".join(labels[i:]))
        if name is not None:
            return name
    return None


def registrable_domain(url: str | None) -> str | None:
    """`news.example.com.cn` → `example.com.cn`: the domain an unknown outlet registered."""
    labels = _host(url).split(".")
    if len(labels) < 2:
        return None
    size = 3 if len(labels[-1]) == 2 and labels[-2] in _GENERIC_SECOND_LEVEL else 2
    return ".".join(labels[-size:])


def platform_named_in(text: str) -> str | None:
    """The self-media platform a disclaimer names (网易号, 百家号, …), if any."""
    for platform in load_toml("outlets.toml")["platforms"]:
        if any(name in text for name in platform["names"]):
            return str(platform["outlet"])
    return None


def _meaningful_name(name: str) -> str | None:
    name = name.strip()
    generic = load_toml("outlets.toml")["links"]["generic"]
    if not name or name.lower() in generic or name.startswith(("http:", "https:", "www.")):
        return None
    return name


def _host(url: str | None) -> str:
    if not url:
        return ""
    try:
        host = urlsplit(url).hostname or ""
    except ValueError:
        return ""
    return host.lower().removeprefix("www.")


@lru_cache(maxsize=1)
def _domains() -> dict[str, str]:
    return dict(load_toml("outlets.toml")["domains"])


# A domain name written out (gb.cri.cn, www.zibosky.com): a site, never a person.
_DOMAIN_NAME = re.compile(r"(?:^|[^\w.])(?:www\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,6}(?![\w.])")
# What joins a site's name to its slogan, keywords or former name in a misused author field
# (财讯网_提供股票…, 股城网,订票…, 淄博时空新闻网:www…, 某某网（原某某新闻网）).
_SITE_PARTS = re.compile(r"[_,，|｜:：;；（）()]")


def names_a_site(value: str) -> bool:
    """Whether an author field names a website or outlet instead of a person.

    Pages put their own name in `<meta name="author">` (网易, chinanews, 南方网) or a whole
    description. A value, or any part of one joined by `_ , | :`, that is a domain name, a
    known outlet's name or its domain's first label, or that ends like an outlet's name
    (…网, …日报, …News) is a site. Personal names keep the field: 張三, Jane Doe, 张三,李四."""
    lowered = value.lower()
    if _DOMAIN_NAME.search(lowered):
        return True
    endings = outlet_endings()
    names, labels = _known_sites()
    for part in _SITE_PARTS.split(value):
        part = part.strip()
        if part and (part in names or part.lower() in labels or part.endswith(endings)):
            return True
    return False


@lru_cache(maxsize=1)
def _known_sites() -> tuple[frozenset[str], frozenset[str]]:
    """The well-known outlets' names, and the first labels of their domains (chinanews)."""
    domains = _domains()
    labels = {d.split(".")[0] for d in domains if not d.split(".")[0].isdigit()}
    return frozenset(domains.values()), frozenset(labels)
