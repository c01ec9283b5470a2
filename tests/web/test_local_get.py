"""`serve --get PATH` answers percent-encoded paths as a server does."""

from __future__ import annotations

from urllib.parse import quote

from fastapi import FastAPI

from storyline.web.local_get import local_get


def test_an_encoded_chinese_tag_path_is_found(app: FastAPI) -> None:
    status, body = local_get(app, "/tags/" + quote("科技", safe="") + ".json")
    assert status == 200 and "微软发布新系统" in body.decode("utf-8")
