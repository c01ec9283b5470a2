"""Burst-shared values expire after their lifetime and are cleared by a write."""

from __future__ import annotations

from fastapi.testclient import TestClient

from storyline.web.burst import BurstCache


def test_values_live_for_their_lifetime_then_are_made_again() -> None:
    now = [0.0]
    made: list[int] = []
    cache = BurstCache(seconds=5, clock=lambda: now[0])

    def make() -> int:
        made.append(1)
        return len(made)

    assert cache.get("k", make) == cache.get("k", make) == 1
    now[0] = 5.0
    assert cache.get("k", make) == 2
    cache.clear()
    assert cache.get("k", make) == 3


def test_a_write_shows_on_the_home_page_at_once(client: TestClient) -> None:
    before = {t["tag"] for t in client.get("/index.json").json()["tags"]}
    body = '---\ntitle: "新的文章"\ntags:\n  - "新标签"\n---\n\n正文内容足够长。\n'
    response = client.post(
        "/ingest", data={"body": body}, headers={"authorization": "Bearer test-token-1234"}
    )
    assert response.status_code == 200, response.text
    after = {t["tag"] for t in client.get("/index.json").json()["tags"]}
    assert after - before == {"新标签"}
