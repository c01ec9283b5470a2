"""An archive with a few small documents of our own, hostile ones among them, and the app on it."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from storyline.api import Archive
from storyline.settings import Settings, load_settings
from storyline.web.app import create_app

TOKEN = "test-token-1234"
# Each payload would set window.__pwned if the browser ever ran it.
SCRIPT_TAG = "<script>window.__pwned=1</script>"
IMG_ONERROR = '<img src=x onerror="window.__pwned=2">'
SVG_ONLOAD = "<svg onload=window.__pwned=3>"
JS_URL = "javascript:window.__pwned=4"
HOSTILE_TITLE = f'攻击标题 {SCRIPT_TAG}{IMG_ONERROR} "quoted": colon'


def _post(title: str, date: str, body: str, tag: str) -> str:
    return f'---\ntitle: "{title}"\ndate: "{date}"\ntags:\n  - "{tag}"\n---\n\n{body}\n'


def write_documents(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "a.md").write_text(
        _post(
            "微软发布新系统",
            "2024-03-01 09:00:00",
            "微软今日发布了新的操作系统，用户可以免费升级。\n\n发布会在北京举行。",
            "科技",
        ),
        encoding="utf-8",
    )
    (folder / "b.md").write_text(
        _post(
            "法院受理起诉",
            "2025-01-17 10:00:00",
            "原告向法院提起诉讼，法院已经受理起诉书。\n\n被告尚未回应。",
            "法律",
        ),
        encoding="utf-8",
    )
    (folder / "c.txt").write_text(
        "台北報導\n\n微軟公司宣布，新的軟體將於2025年3月推出，售價維持不變。\n", encoding="utf-8"
    )
    hostile = {
        "id": "hostile-1",
        "title": HOSTILE_TITLE,
        "date": "2025-02-01",
        "url": JS_URL,
        "tags": ["安全", SCRIPT_TAG],
        "text": (
            f"第一段正文提到了起诉 {SCRIPT_TAG} 还有图片 {IMG_ONERROR}。\n\n"
            f"第二段 {SVG_ONLOAD} 以及链接 {JS_URL} 结束。"
        ),
    }
    (folder / "d.jsonl").write_text(json.dumps(hostile, ensure_ascii=False) + "\n", "utf-8")


@pytest.fixture
def web_settings(tmp_path: Path) -> Settings:
    return load_settings({"db": str(tmp_path / "web.db"), "token": TOKEN}, environ={})


@pytest.fixture
def filled(web_settings: Settings, tmp_path: Path) -> Settings:
    write_documents(tmp_path / "docs")
    with Archive(web_settings) as archive:
        report = archive.ingest([tmp_path / "docs"])
    assert report.articles == 4, report.failures
    return web_settings


@pytest.fixture
def app(filled: Settings) -> FastAPI:
    return create_app(filled)


@pytest.fixture
def client(app: FastAPI) -> Iterator[TestClient]:
    with TestClient(app) as opened:
        yield opened


def article_id(client: TestClient, title_part: str) -> int:
    for row in client.get("/index.json").json()["articles"]:
        if title_part in row["title"]:
            return int(row["id"])
    raise AssertionError(f"no article titled like {title_part!r}")


# An entity name a hostile page could make the extractor produce: markup, a quote and a slash.
HOSTILE_ENTITY = f'{SCRIPT_TAG}"/x'


def add_hostile_facts(settings: Settings) -> int:
    """Mark the first two characters of the hostile article as a mention of HOSTILE_ENTITY and
    its first four as a figure; returns that article's id."""
    with Archive(settings) as archive:
        number = next(r.id for r in archive.articles() if r.title == HOSTILE_TITLE)
        with archive.store.transaction():
            archive.store.execute(
                "INSERT INTO mentions(article_id, span_start, span_end, text, kind, entity) "
                "VALUES (?, 0, 2, '第一', 'person', ?)",
                (number, HOSTILE_ENTITY),
            )
            # The counts the store keeps beside the mentions it saves (the entities page).
            archive.store.execute(
                "INSERT INTO entity_stats(entity, kind, mentions, articles) "
                "VALUES (?, 'person', 1, 1)",
                (HOSTILE_ENTITY,),
            )
            archive.store.execute(
                "INSERT INTO figures(article_id, span_start, span_end, text, low, high, unit, "
                "qualifier) VALUES (?, 0, 4, '第一段正', 1, 1, ?, 'exact')",
                (number, IMG_ONERROR),
            )
    return number
