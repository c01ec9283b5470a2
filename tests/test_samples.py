"""The five sample documents: the smallest picture of the product (the README's first command)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from storyline.api import Archive
from storyline.records import Article

# Noise the sample shapes carry, as general patterns: none may survive cleaning.
NOISE = {
    "line numbers": re.compile(r"(\d+\. ){5,}"),
    "empty image": re.compile(r"!\[[^\]]*\]\([^)]*\)"),
    "view counter byline": re.compile(r"^\S{1,8} \d{4}-\d\d-\d\d \d\d:\d\d:\d\d \d+$", re.M),
    "read/share footer": re.compile(r"^(阅读|分享)$", re.M),
    "platform disclaimer": re.compile(r"特別聲明|特别声明|Notice: The content above"),
    "gambling ads": re.compile(r"开挂|有挂|辅助器"),
    "contact solicitation": re.compile(r"客服微信"),
    "seo filler": re.compile(r"这段摘要"),
    "image credit": re.compile(r"^图片来源", re.M),
}


@pytest.fixture
def samples(archive: Archive, examples: Path) -> dict[str, Article]:
    report = archive.ingest([examples])
    assert report.articles == 5 and not report.failed
    by_doc = {}
    for row in archive.articles(limit=10):
        art = archive.article(row.id)
        origin = archive.store.execute(
            "SELECT origin FROM documents WHERE sha256 = ?", (art.document,)
        ).fetchone()[0]
        by_doc[Path(origin).name[:3]] = art
    return by_doc


def test_titles_dates_and_outlets(samples: dict[str, Article]) -> None:
    expect = {
        "000": ("马斯克欲以千亿美元收购OpenAI", "2025-02-11T21:05:46+08:00"),
        "001": ("马斯克VS奥尔特曼，为何“相爱相杀”", "2025-02-12T10:56:09+08:00"),
        "002": ("马斯克与OpenAI,8千亿身价背后的博弈与挑战", "2026-01-22T14:32:15+08:00"),
        "004": ("OpenAI首席执行官欲造火箭,硬刚马斯克?", "2025-12-11T00:41:24+08:00"),
    }
    for doc, (title, published) in expect.items():
        art = samples[doc]
        assert (art.title, art.title_derived) == (title, False), doc
        assert art.published is not None and art.published.isoformat() == published, doc
    assert samples["000"].outlet == samples["001"].outlet == "腾讯网"
    assert samples["000"].url == "https://new.qq.com/rain/a/20250211A08H1J00"
    assert samples["003"].outlet == "网易号"


def test_a_document_without_headline_or_date_says_so(samples: dict[str, Article]) -> None:
    art = samples["003"]
    assert art.title_derived and art.title
    assert art.published is None
    assert art.script == "Hant"


def test_no_listed_noise_remains_and_every_cut_has_a_reason(samples: dict[str, Article]) -> None:
    for doc, art in samples.items():
        for name, pattern in NOISE.items():
            assert not pattern.search(art.text), f"{name} left in {doc}"
        assert art.removed and all(span.reason for span in art.removed)
    reasons = {span.reason for art in samples.values() for span in art.removed}
    assert {"line-numbers", "empty-image", "byline", "footer", "disclaimer"} <= reasons
    assert {"spam-gambling", "seo-filler", "related"} <= reasons


def test_news_paragraphs_are_kept(samples: dict[str, Article]) -> None:
    assert "974亿美元" in samples["000"].text
    assert "790亿至1340亿美元" in samples["002"].text
    assert "2025年1月17日" in samples["003"].text


def test_traditional_sample_is_found_by_a_simplified_query(
    archive: Archive, samples: dict[str, Article]
) -> None:
    hits = archive.search("马斯克 诉状").hits
    assert samples["003"].id in {h.article_id for h in hits}
    assert any("<mark>訴狀</mark>" in h.snippet for h in hits)


def test_musk_and_altman_are_one_entity_each_across_all_five(
    samples: dict[str, Article],
) -> None:
    for name in ("马斯克", "奥尔特曼"):
        holders = {
            doc for doc, art in samples.items() if any(m.entity == name for m in art.mentions)
        }
        assert holders >= {"000", "001", "002", "003"}, name
