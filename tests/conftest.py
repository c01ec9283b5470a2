"""Shared fixtures: a fresh database per test, the sample documents, the corpora folder."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from storyline.api import Archive
from storyline.settings import Settings, load_settings

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
CORPORA = ROOT.parent / "shared" / "corpora"


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return load_settings({"db": str(tmp_path / "test.db")}, environ={})


@pytest.fixture
def archive(settings: Settings) -> Iterator[Archive]:
    with Archive(settings) as opened:
        yield opened


@pytest.fixture
def examples() -> Path:
    return EXAMPLES


@pytest.fixture
def corpora() -> Path:
    if not CORPORA.is_dir():
        pytest.skip(f"shared corpora not found at {CORPORA}")
    return CORPORA
