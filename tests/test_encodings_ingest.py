"""Encoded fixtures through the whole ingest: GBK and Big5 decode; corrupt bytes fail, kept."""

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
