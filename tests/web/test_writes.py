"""The only state-changing endpoint needs the token, and from a browser form a CSRF value too."""

from __future__ import annotations

import re
from pathlib import Path

from fastapi.testclient import TestClient

from storyline.settings import load_settings
from storyline.web.app import create_app
from storyline.web.csrf import CSRF_COOKIE
from tests.web.conftest import TOKEN

DOCUMENT = "新华社消息\n\n今天举行了新的发布会，记者到场采访。\n"


def _count(client: TestClient) -> int:
    return len(client.get("/index.json").json()["articles"])


def _form_csrf(client: TestClient) -> str:
    page = client.get("/ingest").text
    found = re.search(r'name="csrf" value="([^"]+)"', page)
    assert found is not None
    return found.group(1)


def test_form_post_without_csrf_is_refused(client: TestClient) -> None:
    before = _count(client)
    response = client.post("/ingest", data={"body": DOCUMENT, "token": TOKEN})
    assert response.status_code == 403
    assert _count(client) == before


def test_form_post_with_a_forged_csrf_is_refused(client: TestClient) -> None:
    _form_csrf(client)
    response = client.post("/ingest", data={"body": DOCUMENT, "token": TOKEN, "csrf": "forged"})
    assert response.status_code == 403


def test_form_post_with_csrf_but_wrong_token_is_refused(client: TestClient) -> None:
    csrf = _form_csrf(client)
    response = client.post("/ingest", data={"body": DOCUMENT, "token": "guess", "csrf": csrf})
    assert response.status_code == 403


def test_form_post_with_csrf_and_token_adds_the_article(client: TestClient) -> None:
    before = _count(client)
    csrf = _form_csrf(client)
    assert client.cookies.get(CSRF_COOKIE) == csrf
    response = client.post("/ingest", data={"body": DOCUMENT, "token": TOKEN, "csrf": csrf})
    assert response.status_code == 200
    assert _count(client) == before + 1


def test_bearer_token_posts_need_no_csrf(client: TestClient) -> None:
    response = client.post(
        "/ingest", data={"body": DOCUMENT}, headers={"authorization": f"Bearer {TOKEN}"}
    )
    assert response.status_code == 200
    assert response.json()["articles"] == 1
    wrong = client.post("/ingest", data={"body": DOCUMENT}, headers={"authorization": "Bearer x"})
    assert wrong.status_code == 403
    assert wrong.json() == {"ok": False, "error": "wrong token", "status": 403}


def test_no_token_setting_disables_writes(tmp_path: Path) -> None:
    settings = load_settings({"db": str(tmp_path / "ro.db")}, environ={})
    with TestClient(create_app(settings)) as client:
        assert "disabled" in client.get("/ingest", headers={"accept-language": "en"}).text
        response = client.post(
            "/ingest", data={"body": DOCUMENT}, headers={"authorization": "Bearer "}
        )
        assert response.status_code == 403
        assert _count(client) == 0
