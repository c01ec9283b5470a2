import pytest

from storyline.errors import ParseError
from storyline.pipeline.ingest.frontmatter import parse_front_matter

YAML_POST = """---
title: "标题"
date: "2025-02-11 21:05:46"
summary: "摘要"
categories:
  - "news"
lang:
  - "zh-CN"
tags:
  - "a"
  - "b"
thumbnail: "https://example.com/t.jpg"
widgets:
  - "recent"
---

正文第一段。
"""


def test_yaml_front_matter_gives_mainroad_fields() -> None:
    fm = parse_front_matter(YAML_POST)
    assert fm.title == "标题"
    assert fm.date == "2025-02-11 21:05:46"
    assert (fm.summary, fm.categories, fm.tags) == ("摘要", ["news"], ["a", "b"])
    assert fm.thumbnail == "https://example.com/t.jpg"
    assert fm.lang == "zh-CN"
    assert fm.body.strip() == "正文第一段。"


def test_toml_front_matter_with_native_datetime() -> None:
    fm = parse_front_matter(
        '+++\ntitle = "T"\ndate = 2024-02-29T08:00:00+08:00\ntags = ["x"]\n+++\nbody'
    )
    assert fm.title == "T" and fm.date == "2024-02-29T08:00:00+08:00" and fm.tags == ["x"]


def test_yaml_unquoted_date_is_kept_as_iso_text() -> None:
    fm = parse_front_matter("---\ndate: 2025-01-17\n---\nbody")
    assert fm.date == "2025-01-17"


@pytest.mark.parametrize(
    "text",
    [
        "---\ntitle: [unclosed\n---\nbody",
        "---\ntitle: x\nno closing fence",
        "+++\ntitle = \n+++\nbody",
        "---\n- just\n- a list\n---\nbody",
        "---\ntags: " + "[" * 5000 + "]" * 5000 + "\n---\nbody",  # nested past the stack
        "+++\ntags = " + "[" * 5000 + "]" * 5000 + "\n+++\nbody",
    ],
)
def test_malformed_front_matter_is_a_parse_error(text: str) -> None:
    with pytest.raises(ParseError) as info:
        parse_front_matter(text)
    assert info.value.reason == "bad-front-matter"
