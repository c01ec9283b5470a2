"""Encoded fixtures through the whole ingest: GBK and Big5 decode; corrupt bytes fail, kept."""

import json
from pathlib import Path

from storyline.api import Archive

SIMPLIFIED = "新华社北京电 国务院新闻办公室今天举行发布会，介绍今年前三季度经济运行情况。"
TRADITIONAL = "中央社台北電 行政院今天召開記者會，說明颱風災後復原進度與補助申請方式。"


def test_gbk_and_big5_files_decode_and_a_corrupt_one_fails_with_its_bytes_kept(
    archive: Archive, tmp_path: Path
) -> None:
    folder = tmp_path / "enc"
    folder.mkdir()
    (folder / "gbk.txt").write_bytes(SIMPLIFIED.encode("gbk"))
    (folder / "big5.txt").write_bytes(TRADITIONAL.encode("big5"))
    html = (
        '<html><head><meta charset="gbk"><title>发布会</title></head><body><article>'
        f"<p>{SIMPLIFIED}</p><p>{SIMPLIFIED}</p></article></body></html>"
    )
    (folder / "page.html").write_bytes(html.encode("gbk"))
    corrupt = bytes(range(128, 256)) * 8 + b"\x00\xff\xfe" * 50
    (folder / "corrupt.txt").write_bytes(corrupt)
    report = archive.ingest([folder])
    assert report.articles == 3
    assert report.failed == {"undecodable": 1}
    texts = {archive.article(r.id).encoding: archive.article(r.id).text for r in archive.articles()}
    assert any(SIMPLIFIED[:10] in t for t in texts.values())
    assert any(TRADITIONAL[:10] in t for t in texts.values())
    raw = archive.store.execute(
        "SELECT raw, state, reason FROM documents WHERE origin LIKE ?", ("%corrupt.txt",)
    ).fetchone()
    assert bytes(raw[0]) == corrupt and (raw[1], raw[2]) == ("failed", "undecodable")


def test_stray_nuls_and_halved_surrogates_store_on_every_engine(
    archive: Archive, tmp_path: Path
) -> None:
    # PostgreSQL refuses NUL in text: a scraped file or a JSON string with a stray one (under
    # the share that marks binary data) must still store, and the NUL means nothing to a reader
    folder = tmp_path / "nul"
    folder.mkdir()
    (folder / "a.txt").write_bytes((SIMPLIFIED * 5 + "\x00" + TRADITIONAL * 5).encode())
    record = {
        "id": "n1", "title": "发布会\u0000", "text": SIMPLIFIED + "\u0000" + SIMPLIFIED,
        "tags": ["经济\u0000"],
    }  # fmt: skip
    # half of a surrogate pair, escaped in JSON: no encoder writes it, so it is marked U+FFFD
    halved = {"id": "s1", "title": "发布会", "text": SIMPLIFIED + "\ud800" + SIMPLIFIED}
    lines = [json.dumps(record), json.dumps(halved)]
    (folder / "b.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    report = archive.ingest([folder])
    assert (report.articles, report.failed) == (3, {})
    texts = []
    for row in archive.articles():
        article = archive.article(row.id)
        texts.append(article.text + article.title + "".join(article.tags))
    assert not any("\x00" in t for t in texts)
    assert any(SIMPLIFIED + "\ufffd" + SIMPLIFIED in t for t in texts)
