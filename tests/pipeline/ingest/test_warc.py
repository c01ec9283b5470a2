"""WARC crawls: pages become documents with their URL, charset and capture time; the rest is
skipped; a corrupt tail is kept as one failed document."""

from __future__ import annotations

import io
from datetime import UTC, datetime
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from storyline.api import Archive
from storyline.pipeline.ingest.readers import iter_files
from storyline.pipeline.ingest.warc import read_warc
from storyline.records import DocKind

BODY = (
    "国家统计局今天发布数据，前三季度国内生产总值同比增长百分之五点二，消费对增长的贡献继续上升。"
)
PAGE = (
    "<html><head><title>前三季度经济数据发布_示例新闻网</title></head><body><article>"
    f"<h1>前三季度经济数据发布</h1><p>{BODY}</p><p>{BODY}</p></article></body></html>"
)
CAPTURED = "2024-10-18T08:30:00Z"


def _record(
    writer: WARCWriter, url: str, body: bytes, content_type: str, status: str = "200 OK"
) -> None:
    http = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
    record = writer.create_warc_record(
        url,
        "response",
        payload=io.BytesIO(body),
        http_headers=http,
        warc_headers_dict={"WARC-Date": CAPTURED},
    )
    writer.write_record(record)


def crawl(gzip: bool) -> bytes:
    """A small crawl: a GBK page, a UTF-8 page, an image, a redirect and a request record."""
    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=gzip)
    _record(writer, "http://news.test/a.html", PAGE.encode("gbk"), "text/html; charset=GBK")
    _record(writer, "http://news.test/b.html", PAGE.replace("前三", "前两").encode(), "text/html")
    _record(writer, "http://news.test/logo.png", b"\x89PNG\r\n\x1a\n", "image/png")
    _record(writer, "http://news.test/old", b"", "text/html", status="301 Moved Permanently")
    request = writer.create_warc_record(
        "http://news.test/a.html", "request", payload=io.BytesIO(b"GET /a.html HTTP/1.1\r\n\r\n")
    )
    writer.write_record(request)
    return buf.getvalue()


@pytest.mark.parametrize("gzip", [False, True])
def test_pages_become_documents_with_url_charset_and_capture_time(gzip: bool) -> None:
    docs = list(read_warc(io.BytesIO(crawl(gzip)), "crawl.warc", "crawl"))
    assert [d.url for d in docs] == ["http://news.test/a.html", "http://news.test/b.html"]
    assert [d.kind for d in docs] == [DocKind.HTML, DocKind.HTML]
    assert docs[0].charset == "gbk" and docs[1].charset is None
    assert docs[0].raw == PAGE.encode("gbk")
    assert docs[0].received_at == datetime(2024, 10, 18, 8, 30, tzinfo=UTC)
    assert all(d.origin.startswith("crawl.warc@") for d in docs)
    assert len({d.origin for d in docs}) == 2


def test_folders_read_warc_gz_files_though_gz_is_otherwise_skipped(tmp_path: Path) -> None:
    (tmp_path / "crawl.warc.gz").write_bytes(crawl(gzip=True))
    (tmp_path / "other.tar.gz").write_bytes(b"\x1f\x8b")
    (tmp_path / "archive.db-wal").write_bytes(b"\x00" * 64)
    assert [p.name for p in iter_files(tmp_path)] == ["crawl.warc.gz"]


def test_ingest_stores_the_pages_and_keeps_a_corrupt_tail_with_its_reason(
    archive: Archive, tmp_path: Path
) -> None:
    tail = b"this is not a WARC record\r\n" * 4
    folder = tmp_path / "crawls"
    folder.mkdir()
    (folder / "crawl.warc").write_bytes(crawl(gzip=False) + tail)
    report = archive.ingest([folder])
    assert report.articles == 2
    assert report.failed == {"bad-warc": 1}
    rows = archive.articles()
    assert {r.title for r in rows} == {"前三季度经济数据发布", "前两季度经济数据发布"}
    assert {r.url for r in rows} == {"http://news.test/a.html", "http://news.test/b.html"}
    assert all(BODY[:12] in archive.article(r.id).text for r in rows if "三" in r.title)
    kept = archive.store.execute(
        "SELECT raw, state, reason FROM documents WHERE kind = 'warc'"
    ).fetchone()
    assert (bytes(kept[0]), kept[1], kept[2]) == (tail, "failed", "bad-warc")
    again = archive.ingest([folder])
    assert again.articles == 0  # the same bytes again: nothing new
