"""JSON Lines field roles: a spec names the roles it changes; the others keep their defaults."""

import pytest

from storyline.errors import ParseError, SettingsError
from storyline.pipeline.ingest.jsonl import FieldMap, load_record

DEFAULTS = "id=id,title=title,text=text,published=date"


def test_named_roles_change_and_the_rest_keep_their_default_field() -> None:
    fields = FieldMap.parse("published=pubdate,title=headline", DEFAULTS)
    record = {"id": "7", "headline": "新", "title": "旧", "text": "正文", "pubdate": "2025-01-02"}
    assert fields.get(record, "title") == "新"
    assert fields.get(record, "published") == "2025-01-02"
    assert fields.get(record, "text") == "正文" and fields.get(record, "id") == "7"


def test_an_unknown_role_is_a_settings_error() -> None:
    with pytest.raises(SettingsError, match="body=text"):
        FieldMap.parse("body=text", DEFAULTS)


def test_get_takes_a_roles_first_field_with_a_value() -> None:
    fields = FieldMap((("text", "body"), ("title", "headline"), ("text", "content")))
    assert fields.get({"body": "", "content": "正文"}, "text") == "正文"
    assert fields.get({"body": "甲", "content": "乙"}, "text") == "甲"
    assert fields.get({"body": 0}, "text") == 0  # only None and "" count as missing
    assert fields.get({"headline": None}, "title") is None
    assert fields.get({"url": "x"}, "url") is None  # a role without a field


def test_json_nested_past_the_stack_is_a_parse_error() -> None:
    with pytest.raises(ParseError) as info:
        load_record('{"text": ' + "[" * 200000 + "]" * 200000 + "}")
    assert info.value.reason == "bad-json"
