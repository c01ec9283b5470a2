"""Shared fixtures: a fresh database per test, the sample documents, the corpora folder."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from storyline.api import Archive
from storyline.settings import Settings, load_settings
from tests import pg

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
CORPORA = ROOT.parent / "shared" / "corpora"


@pytest.fixture(scope="session")
def pg_server() -> Iterator[str]:
    if pg.pg_bin() is None:
        pytest.skip("PostgreSQL server not installed (Debian package postgresql)")
    with pg.postgres_server() as base:
        yield base


@pytest.fixture(params=["sqlite", "postgres"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh database per test, on each engine."""
    if request.param == "sqlite":
        yield str(tmp_path / "test.db")
        return
    base = request.getfixturevalue("pg_server")
    with pg.fresh_database(base) as url:
        yield url


@pytest.fixture
def settings(db_url: str) -> Settings:
    return load_settings({"db": db_url}, environ={})


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
