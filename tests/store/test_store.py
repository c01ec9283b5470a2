from pathlib import Path

import pytest

from storyline.errors import StoreError
from storyline.store import open_store
from storyline.store.db import migrate
from storyline.store.migrations import MIGRATIONS


def test_migrations_run_once_and_set_the_version(tmp_path: Path) -> None:
    path = str(tmp_path / "s.db")
    with open_store(path) as store:
        assert store.conn.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)
        assert migrate(store) == len(MIGRATIONS)
        assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_a_newer_schema_is_refused(tmp_path: Path) -> None:
    path = str(tmp_path / "s.db")
    with open_store(path) as store:
        store.conn.execute(f"PRAGMA user_version = {len(MIGRATIONS) + 1}")
    with pytest.raises(StoreError, match="newer"):
        open_store(path)
