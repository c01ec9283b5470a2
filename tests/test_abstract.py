"""The abstractive summary client against a tiny OpenAI-compatible server on 127.0.0.1."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from datetime import date
from http.server import BaseHTTPRequestHandler, HTTPServer
from typing import Any

import httpx
import pytest

from storyline.abstract import SummaryEndpoint, SummaryError, abstract_summary
from storyline.pipeline.timeline.model import Citation, Entry, Timeline
from storyline.records import Granularity

SEEN: list[dict[str, Any]] = []


class _Handler(BaseHTTPRequestHandler):
    def do_POST(self) -> None:
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        SEEN.append({"path": self.path, "auth": self.headers.get("Authorization"), "body": body})
        if body["model"] == "broken":
            self.send_response(500)
            self.end_headers()
            return
        reply = {"choices": [{"message": {"role": "assistant", "content": " 一句话摘要。 "}}]}
        data = json.dumps(reply).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def server() -> Iterator[str]:
    httpd = HTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/v1"
    httpd.shutdown()
    httpd.server_close()


def _timeline() -> Timeline:
    cite = Citation(1, None, 0, 10, "2024年2月，甲起诉乙。")
    entry = Entry(
        date(2024, 2, 1), date(2024, 2, 29), Granularity.MONTH, cite.text, "起诉", "lawsuit",
        ["甲", "乙"], [], [cite], 1, False, False, False,
    )  # fmt: skip
    return Timeline(1, "甲乙之争", [entry])


def test_the_summary_comes_from_the_endpoint_with_month_dates_kept(server: str) -> None:
    SEEN.clear()
    with httpx.Client() as client:
        text = abstract_summary(client, SummaryEndpoint(server, "m", "k"), _timeline())
    assert text == "一句话摘要。"
    (call,) = SEEN
    assert call["path"] == "/v1/chat/completions" and call["auth"] == "Bearer k"
    assert "2024-02: 2024年2月，甲起诉乙。" in call["body"]["messages"][1]["content"]


def test_a_failing_endpoint_raises_a_summary_error(server: str) -> None:
    with httpx.Client() as client, pytest.raises(SummaryError):
        abstract_summary(client, SummaryEndpoint(server, "broken"), _timeline())
    with httpx.Client() as client, pytest.raises(SummaryError):
        abstract_summary(client, SummaryEndpoint("http://127.0.0.1:9/v1", "m"), _timeline())


def test_the_archive_uses_the_endpoint_from_its_settings(server: str, tmp_path) -> None:
    from storyline.api import Archive
    from storyline.settings import load_settings

    examples = __import__("pathlib").Path(__file__).resolve().parent.parent / "examples"
    settings = load_settings(
        {"db": str(tmp_path / "a.db"), "summary_endpoint": server, "summary_model": "m"},
        environ={},
    )
    with Archive(settings) as archive:
        archive.ingest([examples])
        story_id = archive.stories(limit=1)[0].id
        assert archive.abstract_summary(story_id)


def test_without_an_endpoint_the_archive_says_so(tmp_path) -> None:
    import pytest

    from storyline.api import Archive
    from storyline.errors import InputError
    from storyline.settings import load_settings

    settings = load_settings({"db": str(tmp_path / "b.db")}, environ={})
    with Archive(settings) as archive, pytest.raises(InputError, match="summary_endpoint"):
        archive.abstract_summary(1)
