from pathlib import Path

import pytest

from storyline.errors import StoreError
from storyline.store import open_store
from storyline.store.db import migrate, schema_version
from storyline.store.migrations import MIGRATIONS


def test_migrations_run_once_and_set_the_version(db_url: str) -> None:
    with open_store(db_url) as store:
        assert schema_version(store) == len(MIGRATIONS)
        assert migrate(store) == len(MIGRATIONS)
        count = store.execute("SELECT count(*) FROM schema_version").fetchone()[0]
        assert count == len(MIGRATIONS)


def test_sqlite_runs_in_wal_mode(tmp_path: Path) -> None:
    with open_store(str(tmp_path / "s.db")) as store:
        assert store.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_a_newer_schema_is_refused(db_url: str) -> None:
    with open_store(db_url) as store:
        store.execute("INSERT INTO schema_version(version) VALUES (?)", (len(MIGRATIONS) + 1,))
    with pytest.raises(StoreError, match="newer"):
        open_store(db_url)


def test_unreachable_postgres_is_a_clear_error() -> None:
    with pytest.raises(StoreError, match="cannot open database"):
        open_store("postgresql://nobody:secret@/nodb?host=/nonexistent-socket-dir")
