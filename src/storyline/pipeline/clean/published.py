"""Publication times (minimal version: ISO 8601)."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo


def parse_published(text: str, tz: str = "Asia/Shanghai") -> datetime | None:
    try:
        moment = datetime.fromisoformat(text.strip())
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=ZoneInfo(tz))
