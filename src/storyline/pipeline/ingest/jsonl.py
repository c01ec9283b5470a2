"""JSON Lines records: which field plays which role is configurable (setting `jsonl_fields`)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from storyline.errors import ParseError, SettingsError

ROLES = frozenset(
    {
        "id",
        "title",
        "text",
        "html",
        "published",
        "url",
        "source",
        "author",
        "tags",
        "summary",
        "outlet",
    }
)


@dataclass(frozen=True, slots=True)
class FieldMap:
    """role → field name in the record."""

    fields: tuple[tuple[str, str], ...]
    # The field names of each role, in `fields` order: `get` runs for every role of every
    # record, and scanning all pairs each time cost a tenth of parsing a CCTV record.
    by_role: dict[str, tuple[str, ...]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        by_role: dict[str, tuple[str, ...]] = {}
        for role, name in self.fields:
            by_role[role] = (*by_role.get(role, ()), name)
        object.__setattr__(self, "by_role", by_role)

    @classmethod
    def parse(cls, spec: str, defaults: str = "") -> FieldMap:
        """`spec` as role=field pairs; a role it does not name keeps its field in `defaults`
        (so `published=pubdate` changes one role, not all of them)."""
        chosen = dict(_pairs(defaults))
        chosen.update(_pairs(spec))
        return cls(tuple(chosen.items()))

    def get(self, record: dict[str, Any], role: str) -> Any:
        for name in self.by_role.get(role, ()):
            value = record.get(name)
            if value not in (None, ""):
                return value
        return None


def _pairs(spec: str) -> list[tuple[str, str]]:
    pairs = []
    for item in spec.split(","):
        if not item.strip():
            continue
        role, sep, name = item.partition("=")
        role, name = role.strip(), name.strip()
        if not sep or role not in ROLES or not name:
            raise SettingsError(
                f"jsonl_fields: {item.strip()!r} is not role=field with a role among "
                f"{', '.join(sorted(ROLES))}"
            )
        pairs.append((role, name))
    return pairs


def load_record(text: str) -> dict[str, Any]:
    try:
        record = json.loads(text)
    except json.JSONDecodeError as exc:
        message = f"the line is not valid JSON: {exc.msg} at column {exc.colno}"
        raise ParseError("bad-json", message) from exc
    except RecursionError as exc:  # [[[[… thousands deep: hostile, or a broken writer
        raise ParseError("bad-json", "the line nests JSON arrays or objects too deep") from exc
    if not isinstance(record, dict):
        raise ParseError("bad-json", "the line is JSON but not an object")
    return record


def as_text(value: Any) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def as_list(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        parts: list[Any] = value.replace("，", ",").split(",")
    else:
        parts = value if isinstance(value, list) else [value]
    return [text for text in map(as_text, parts) if text]
