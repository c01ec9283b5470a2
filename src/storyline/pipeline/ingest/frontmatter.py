"""Hugo front matter: YAML between `---` lines or TOML between `+++` lines."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

import yaml

from storyline.errors import ParseError

_BLOCK = re.compile(r"\A(---|\+\+\+)[ \t]*\r?\n(.*?)\r?\n\1[ \t]*(?:\r?\n|\Z)", re.S)


@dataclass(frozen=True, slots=True)
class FrontMatter:
    """The fields Storyline reads (Mainroad's names), the rest kept as given."""

    title: str | None
    date: str | None
    summary: str | None
    categories: list[str]
    tags: list[str]
    thumbnail: str | None
    lang: str | None
    author: str | None
    url: str | None
    body: str


def split_front_matter(text: str) -> tuple[dict[str, Any], str]:
    """(fields, body) of a Hugo post; ParseError `bad-front-matter` when malformed."""
    text = text.lstrip("\ufeff")
    match = _BLOCK.match(text)
    if match is None:
        raise ParseError("bad-front-matter", "front matter opens but never closes")
    fence, block = match.group(1), match.group(2)
    try:
        data = tomllib.loads(block) if fence == "+++" else yaml.safe_load(block)
    except (yaml.YAMLError, tomllib.TOMLDecodeError) as exc:
        kind = "TOML" if fence == "+++" else "YAML"
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise ParseError("bad-front-matter", f"front matter is not valid {kind}: {first}") from exc
    except RecursionError as exc:  # [[[[… thousands deep: hostile, or a broken writer
        raise ParseError("bad-front-matter", "front matter nests lists or tables too deep") from exc
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise ParseError("bad-front-matter", "front matter is not a table of fields")
    return data, text[match.end() :]


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, list):
        return _text(value[0]) if value else None
    if isinstance(value, datetime | date):
        return value.isoformat()
    text = str(value).strip()
    return text or None


def _strings(value: Any) -> list[str]:
    if value is None:
        return []
    items = value if isinstance(value, list) else [value]
    return [s for s in (_text(v) for v in items) if s]


def parse_front_matter(text: str) -> FrontMatter:
    data, body = split_front_matter(text)
    images = _strings(data.get("images"))
    return FrontMatter(
        title=_text(data.get("title")),
        date=_text(data.get("date") or data.get("publishDate") or data.get("pubdate")),
        summary=_text(data.get("summary") or data.get("description")),
        categories=_strings(data.get("categories")),
        tags=_strings(data.get("tags")),
        thumbnail=_text(data.get("thumbnail") or data.get("featured_image"))
        or (images[0] if images else None),
        lang=_text(data.get("lang") or data.get("language")),
        author=_text(data.get("author") or data.get("authors")),
        url=_text(data.get("source_url") or data.get("original") or data.get("canonical")),
        body=body,
    )
