"""Opening the database: pragmas, migrations, transactions."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from storyline.errors import StoreError
from storyline.store.migrations import MIGRATIONS

# Readers wait this long for the single writer instead of failing at once (WAL allows one writer).
BUSY_TIMEOUT_MS = 10_000
CACHE_KIB = 65_536


@dataclass(slots=True)
class Store:
    """An open database. Modules in this package take it as their first argument."""

    conn: sqlite3.Connection
    path: str

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        try:
            self.conn.execute("BEGIN IMMEDIATE")
            yield self.conn
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        else:
            self.conn.execute("COMMIT")

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open_store(path: str, *, readonly: bool = False) -> Store:
    """Open (creating and migrating if needed) the SQLite database at `path`."""
    if path.startswith(("postgres://", "postgresql://")):
        raise StoreError("PostgreSQL is not supported yet by this build; use a SQLite path")
    if path != ":memory:":
        Path(path).parent.mkdir(parents=True, exist_ok=True)
    uri = f"file:{path}?mode=ro" if readonly else path
    try:
        conn = sqlite3.connect(uri, uri=readonly, isolation_level=None, check_same_thread=False)
        conn.row_factory = sqlite3.Row
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA foreign_keys = ON")
        if not readonly:
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = NORMAL")
            # FTS5 segment merges and B-tree updates touch many pages per insert; a 64 MiB
            # page cache (default 2 MiB) keeps them in memory during bulk ingest.
            conn.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
    except sqlite3.Error as exc:
        raise StoreError(f"cannot open database {path}: {exc}") from exc
    store = Store(conn, path)
    if not readonly:
        migrate(store)
    return store


def migrate(store: Store) -> int:
    """Apply the migrations the database lacks; return the schema version."""
    version = int(store.conn.execute("PRAGMA user_version").fetchone()[0])
    if version > len(MIGRATIONS):
        raise StoreError(
            f"database {store.path} has schema version {version}, newer than this Storyline "
            f"({len(MIGRATIONS)}); upgrade Storyline"
        )
    for number, script in enumerate(MIGRATIONS[version:], start=version + 1):
        with store.transaction() as conn:
            for statement in _statements(script):
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {number}")
    return len(MIGRATIONS)


def _statements(script: str) -> list[str]:
    """Split a migration into statements (none of ours has a `;` inside a literal)."""
    lines = [line for line in script.splitlines() if not line.strip().startswith("--")]
    return [s.strip() for s in "\n".join(lines).split(";") if s.strip()]
