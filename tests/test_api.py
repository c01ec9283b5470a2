import gc
import io
import json
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest

from storyline.api import Archive
from storyline.errors import NotFoundError
from storyline.settings import Settings
from storyline.store import documents as document_store
from storyline.store import runs
from storyline.store.search import SearchFilters


def _write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def _post(title: str, date: str, body: str, tags: str = "news") -> str:
    return f'---\ntitle: "{title}"\ndate: "{date}"\ntags:\n  - "{tags}"\n---\n\n{body}\n'


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    docs = tmp_path / "docs"
    docs.mkdir()
    _write(
        docs,
        "a.md",
        _post(
            "微软发布新系统",
            "2024-03-01 09:00:00",
            "微软今日发布了新的操作系统，用户可以免费升级。",
        ),
    )
    _write(
        docs,
        "b.md",
        _post(
            "法院受理起诉", "2025-01-17 10:00:00", "原告向法院提起诉讼，法院已经受理起诉书。", "law"
        ),
    )
    _write(docs, "c.txt", "台北報導\n\n微軟公司宣布，新的軟體將於下月推出，售價維持不變。\n")
    return docs


def test_ingest_stores_articles_and_same_bytes_again_are_a_no_op(
    archive: Archive, folder: Path
) -> None:
    first = archive.ingest([folder])
    assert (first.read, first.new, first.articles) == (3, 3, 3)
    second = archive.ingest([folder])
    assert (second.new, second.already_stored, second.articles) == (0, 3, 0)
    assert len(archive.articles(limit=10)) == 3


def test_a_run_counts_each_step_and_the_work_beside_the_steps(
    archive: Archive, folder: Path
) -> None:
    report = archive.ingest([folder])
    names = [s.name for s in report.steps]
    assert names == [
        "decode", "parse", "clean", "metadata", "normalize", "index", "keywords", "facts"
    ]  # fmt: skip
    assert all(s.forwarded == 3 for s in report.steps)
    assert set(report.after_steps) == {"store", "reposts", "group"}
    assert all(s.cpu_seconds > 0 for s in report.after_steps.values())
    assert all(a.keywords for a in map(archive.article, report.article_ids))


def test_ingest_leaves_the_garbage_collector_as_it_found_it(archive: Archive, folder: Path) -> None:
    # Ingest keeps long-lived objects out of full collections while it runs; afterwards
    # nothing may stay frozen, or the caller's garbage would never be collected.
    assert gc.get_freeze_count() == 0
    thresholds = gc.get_threshold()
    archive.ingest([folder])
    assert gc.get_freeze_count() == 0
    assert gc.get_threshold() == thresholds


def test_two_character_word_is_found(archive: Archive, folder: Path) -> None:
    archive.ingest([folder])
    page = archive.search("起诉")
    assert [h.title for h in page.hits] == ["法院受理起诉"]
    assert "<mark>起诉</mark>" in page.hits[0].snippet


def test_traditional_query_finds_simplified_and_the_reverse(archive: Archive, folder: Path) -> None:
    archive.ingest([folder])
    titles = {h.title for h in archive.search("微軟").hits}
    assert "微软发布新系统" in titles and len(titles) == 2
    hits = archive.search("软件").hits
    assert len(hits) == 1
    assert "<mark>軟體</mark>" in hits[0].snippet  # marked in the text as published


def test_search_filters_by_source_date_and_tag(archive: Archive, folder: Path) -> None:
    archive.ingest([folder])
    assert archive.search("微软", SearchFilters(tag="law")).total == 0
    assert archive.search("法院", SearchFilters(tag="law")).total == 1
    since = SearchFilters(since=datetime(2025, 1, 1))
    assert [h.title for h in archive.search("微软", since).hits] == []
    assert archive.search("微软", SearchFilters(source="docs")).total == 2
    assert archive.search("微软", SearchFilters(source="elsewhere")).total == 0


def test_search_pages(settings: Settings, tmp_path: Path) -> None:
    docs = tmp_path / "many"
    docs.mkdir()
    for i in range(7):
        _write(docs, f"{i}.txt", f"第{i}篇报道：市场监管部门发布通知，编号{i}。\n")
    with Archive(Settings(**{**settings.as_dict(), "page_size": 3})) as archive:
        archive.ingest([docs])
        first, third = archive.search("市场监管"), archive.search("市场监管", page=3)
    assert (first.total, first.pages, len(first.hits), len(third.hits)) == (7, 3, 3, 1)


def test_a_bad_document_fails_with_a_reason_and_the_run_goes_on(
    archive: Archive, folder: Path
) -> None:
    (folder / "broken.md").write_bytes(b'---\ntitle: "unterminated\n---\nbody')
    (folder / "empty.txt").write_bytes(b"")
    report = archive.ingest([folder])
    assert report.articles == 3
    assert report.failed == {"bad-front-matter": 1, "empty": 1}
    failures = {Path(origin).name: reason for _sha, origin, reason, _msg in archive.failures()}
    assert failures == {"broken.md": "bad-front-matter", "empty.txt": "empty"}
    raw = archive.store.execute(
        "SELECT raw FROM documents WHERE origin LIKE ?", ("%broken.md",)
    ).fetchone()[0]
    assert bytes(raw).startswith(b"---\ntitle")
    (source,) = archive.sources()
    assert source.error_count == 2 and "empty.txt" in (source.last_error or "")
    _, _, steps = runs.last_run(archive.store) or (0, "", [])
    assert {s.name: dict(s.dropped) for s in steps}["parse"] == {"bad-front-matter": 1}


def test_reprocess_rebuilds_articles_and_keeps_their_ids(archive: Archive, folder: Path) -> None:
    archive.ingest([folder])
    before = {r.id: r.title for r in archive.articles(limit=10)}
    archive.store.execute("UPDATE articles SET title = 'stale'")
    report = archive.reprocess()
    assert report.articles == 3
    assert {r.id: r.title for r in archive.articles(limit=10)} == before
    assert archive.search("起诉").total == 1


def test_documents_are_read_a_page_at_a_time_each_once_in_order(
    archive: Archive, folder: Path
) -> None:
    # Reprocess reads documents in pages, committing between them: a page must start where
    # the last ended, whatever the page size, and no document may be read twice or skipped.
    archive.ingest([folder])
    whole = [d.sha256 for d, _ in document_store.iter_documents(archive.store)]
    paged = [d.sha256 for d, _ in document_store.iter_documents(archive.store, page_rows=1)]
    assert len(whole) == 3 and paged == whole
    two = [d.sha256 for d, _ in document_store.iter_documents(archive.store, page_rows=2)]
    assert two == whole


def test_reprocess_in_many_pages_and_batches_rebuilds_every_article(
    settings: Settings, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # One document per page and per batch: each page is read after the last batch committed.
    monkeypatch.setattr(document_store, "PAGE_ROWS", 1)
    run = {**settings.as_dict(), "batch_size": 1, "workers": 1}
    with Archive(Settings(**run)) as archive:
        archive.ingest([folder])
        report = archive.reprocess()
        assert (report.read, report.articles) == (3, 3)
        assert len(archive.articles(limit=10)) == 3


def test_jsonl_fields_are_mapped_and_external_id_kept(settings: Settings, tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    records = [
        {
            "uid": "x-1",
            "headline": "台风登陆",
            "body": "<p>台风今日<strong>登陆</strong>。</p>",
            "when": "2024-07-01 08:00",
        },
        {"uid": "x-2", "headline": "暴雨预警", "body": "<p>气象台发布暴雨预警。</p>"},
    ]
    path.write_text(
        "\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n{oops\n",
        encoding="utf-8",
    )
    fields = "id=uid,title=headline,html=body,published=when"
    with Archive(Settings(**{**settings.as_dict(), "jsonl_fields": fields})) as archive:
        report = archive.ingest([path])
        rows = {r.external_id: r for r in archive.articles(limit=10)}
        assert report.failed == {"bad-json": 1}
        assert set(rows) == {"x-1", "x-2"}
        typhoon = archive.article(rows["x-1"].id)
    assert typhoon.title == "台风登陆" and "登陆" in typhoon.text and "<" not in typhoon.text
    assert typhoon.published is not None and typhoon.published.utcoffset() is not None


def test_standard_input_is_a_source(archive: Archive) -> None:
    report = archive.ingest_stream(io.BytesIO("新闻正文：今天天气晴朗，气温回升。".encode()))
    assert report.articles == 1
    assert archive.sources()[0].name == "stdin"


def test_unknown_article_is_not_found(archive: Archive) -> None:
    with pytest.raises(NotFoundError):
        archive.article(12345)


def test_pool_and_in_process_make_the_same_articles_and_stories(
    settings: Settings, folder: Path, tmp_path: Path
) -> None:
    # One document per batch, so that the input is more than one batch and the pool starts.
    made = []
    for workers in (1, 2):
        db = str(tmp_path / f"w{workers}.db")
        run = {**settings.as_dict(), "db": db, "workers": workers, "batch_size": 1}
        with Archive(Settings(**run)) as archive:
            archive.ingest([folder])
            articles = [archive.article(r.id) for r in archive.articles(limit=10)]
            made.append(
                (
                    sorted(
                        (a.title, a.text, a.mentions, a.figures, a.dates, a.keywords)
                        for a in articles
                    ),
                    sorted((s.headline, s.articles) for s in archive.stories(limit=10)),
                )
            )
    assert made[0][0] and made[0] == made[1]


def test_a_script_without_a_main_guard_can_ingest_with_workers(
    folder: Path, tmp_path: Path
) -> None:
    # Spawned workers import the caller's main module again: an unguarded script would ingest
    # again in each of them and the pool would wait forever. Forked workers do not.
    script = tmp_path / "unguarded.py"
    script.write_text(
        "import os\n"
        "import sys\n"
        "from pathlib import Path\n"
        "from storyline.api import Archive\n"
        "from storyline.settings import load_settings\n"
        "db = Path(sys.argv[1]) / f'{os.getpid()}.db'\n"  # a process of its own, a fresh one
        "run = {'db': str(db), 'workers': 2, 'batch_size': 1}\n"
        "with Archive(load_settings(run, environ={})) as archive:\n"
        "    print(archive.ingest([Path(sys.argv[2])]).articles)\n",
        encoding="utf-8",
    )
    done = subprocess.run(
        [sys.executable, str(script), str(tmp_path), str(folder)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["3"]


def test_default_workers_are_one_per_core_up_to_a_cap(settings: Settings) -> None:
    from storyline.engines import local

    auto = local.worker_count(Settings(**{**settings.as_dict(), "workers": 0}))
    assert auto == min(local.available_cores(), local.MAX_AUTO_WORKERS) >= 1
    assert local.worker_count(Settings(**{**settings.as_dict(), "workers": 6})) == 6


def test_one_batch_is_processed_in_process_whatever_the_workers(
    settings: Settings, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Starting workers means loading every dictionary and model again in each of them: an
    # input that fits one batch (a web form, a few files) is quicker done here.
    from storyline.engines import local

    def no_pool(*args: object) -> None:
        raise AssertionError("a pool was started for a single batch")

    monkeypatch.setattr(local, "_pooled", no_pool)
    run = {**settings.as_dict(), "workers": 2}
    with Archive(Settings(**run)) as archive:
        assert archive.ingest([folder]).articles == 3
