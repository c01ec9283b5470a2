"""A Hugo site of the archive: one post per article, Mainroad-style front matter, its own theme.

`export_hugo(archive, out_dir)` writes `hugo.toml`, `content/posts/<id>.md` and
`themes/storyline/`, so `hugo --source out_dir` builds it with nothing else installed. Posts
carry the taxonomies `tags`, `categories`, `stories` (the headline of the article's story) and
`entities` (the entities its text names).
"""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from storyline.api import Archive
from storyline.export import all_articles
from storyline.records import Article
from storyline.store import stories as story_store
from storyline.web.safety import safe_url

THEME = "storyline"
# Characters of text used as a post's summary when the article has none (Mainroad shows ~2 lines).
SUMMARY_CHARS = 120
# ASCII punctuation: CommonMark lets any of it be backslash-escaped, so scraped text that looks
# like Markdown or raw HTML (*, _, #, <script>, [x](y)) stays text.
_MARKDOWN_SPECIAL = re.compile(r"([!-/:-@\[-`{-~])")

CONFIG = """\
baseURL = "/"
locale = "{lang}"
title = {title}
theme = "{theme}"
enableRobotsTXT = false

[taxonomies]
tag = "tags"
category = "categories"
story = "stories"
entity = "entities"

[markup.goldmark.renderer]
unsafe = false  # scraped text never becomes raw HTML

[pagination]
pagerSize = 20
"""


@dataclass(slots=True)
class ExportReport:
    out_dir: Path
    posts: int = 0


def yaml_string(value: str) -> str:
    """A double-quoted YAML scalar. JSON string syntax is a subset of YAML's double-quoted style."""
    return json.dumps(value, ensure_ascii=False)


def _yaml_list(name: str, values: list[str]) -> list[str]:
    if not values:
        return [f"{name}: []"]
    return [f"{name}:", *(f"  - {yaml_string(v)}" for v in values)]


def front_matter(art: Article, stories: list[str] | None = None) -> str:
    """`stories` holds the article's story headline (empty before grouping)."""
    lines = [f"title: {yaml_string(art.title)}"]
    if art.published:
        lines.append(f"date: {yaml_string(art.published.isoformat())}")
    summary = art.summary or art.text[:SUMMARY_CHARS].replace("\n", " ")
    lines.append(f"summary: {yaml_string(summary)}")
    lines += _yaml_list("categories", art.categories)
    lines += _yaml_list("tags", art.tags)
    lines += _yaml_list("stories", stories or [])
    lines += _yaml_list("entities", entity_names(art))
    thumbnail = safe_url(art.thumbnail)
    if thumbnail:
        lines.append(f"thumbnail: {yaml_string(thumbnail)}")
    if art.lang:
        lines += _yaml_list("lang", [art.lang])
    for key, value in _params(art):
        lines.append(f"{key}: {yaml_string(value)}")
    lines.append("comments: false")
    return "---\n" + "\n".join(lines) + "\n---\n"


def entity_names(art: Article) -> list[str]:
    """The entities the article names, each once, in order of first mention."""
    return list(dict.fromkeys(m.entity for m in art.mentions))


def _params(art: Article) -> Iterator[tuple[str, str]]:
    """Page parameters the theme shows; `original`, not Hugo's reserved `url`, holds the link."""
    yield "slug", str(art.id)
    yield "source", art.source
    fields = (
        ("outlet", art.outlet),
        ("credited", art.credited),
        ("author", art.author),
        ("script", art.script),
    )
    for key, value in fields:
        if value:
            yield key, value
    original = safe_url(art.url)
    if original:
        yield "original", original


def markdown_body(text: str) -> str:
    """The article's paragraphs, escaped to stay literal, separated by blank lines."""
    paragraphs = [line.strip() for line in text.splitlines() if line.strip()]
    return "\n\n".join(_MARKDOWN_SPECIAL.sub(r"\\\1", p) for p in paragraphs) + "\n"


def post(art: Article, stories: list[str] | None = None) -> str:
    return front_matter(art, stories) + "\n" + markdown_body(art.text)


class StoryNames:
    """The story headline of each article, each story looked up once per export."""

    def __init__(self, archive: Archive) -> None:
        self.archive = archive
        self.headlines: dict[int, str] = {}

    def of(self, article_id: int) -> list[str]:
        found = story_store.event_of_article(self.archive.store, article_id)
        if found is None:
            return []
        story_id = found[1]
        if story_id not in self.headlines:
            self.headlines[story_id] = story_store.get_story(self.archive.store, story_id).headline
        return [self.headlines[story_id]]


def _write_theme(out_dir: Path) -> None:
    target = out_dir / "themes" / THEME
    if target.exists():
        shutil.rmtree(target)
    source = resources.files("storyline.export").joinpath("hugo_theme")
    with resources.as_file(source) as folder:
        shutil.copytree(folder, target)


def export_hugo(archive: Archive, out_dir: Path, *, lang: str = "zh-CN") -> ExportReport:
    """Write the whole archive as a Hugo site under `out_dir` (posts are rewritten each time)."""
    report = ExportReport(out_dir)
    posts = out_dir / "content" / "posts"
    posts.mkdir(parents=True, exist_ok=True)
    config = CONFIG.format(lang=lang, title=yaml_string("Storyline"), theme=THEME)
    (out_dir / "hugo.toml").write_text(config, encoding="utf-8")
    _write_theme(out_dir)
    names = StoryNames(archive)
    for art in all_articles(archive):
        stories = names.of(art.id) if art.id is not None else []
        (posts / f"{art.id}.md").write_text(post(art, stories), encoding="utf-8")
        report.posts += 1
    return report
