"""Noise removal (minimal version: drops blank lines only)."""

from __future__ import annotations

from dataclasses import dataclass

from storyline.records import RemovedSpan


@dataclass(frozen=True, slots=True)
class Cleaned:
    text: str
    removed: tuple[RemovedSpan, ...]


def clean_text(text: str, title: str | None = None) -> Cleaned:
    del title
    return Cleaned("\n".join(line.strip() for line in text.splitlines() if line.strip()), ())
