"""Opening the database (SQLite file or PostgreSQL URL): connection, migrations, transactions.

Store modules write `?` placeholders and portable SQL; `Store.execute` adapts placeholders for
PostgreSQL. Where the two engines really differ (full-text search, schema types), the module
branches on `store.dialect`.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from storyline.errors import StoreError
from storyline.store.migrations import MIGRATIONS, render

# Readers wait this long for the single writer instead of failing at once (WAL allows one writer).
BUSY_TIMEOUT_MS = 10_000
# FTS5 segment merges and B-tree updates touch many pages per insert; a 64 MiB page cache
# (SQLite's default is 2 MiB) keeps them in memory during bulk ingest.
CACHE_KIB = 65_536

SQLITE = "sqlite"
POSTGRES = "postgres"


class Cursor(Protocol):
    rowcount: int
    lastrowid: Any  # the last inserted rowid; read on SQLite only

    def fetchone(self) -> Any: ...

    def fetchall(self) -> list[Any]: ...

    def __iter__(self) -> Iterator[Any]: ...


@dataclass(slots=True)
class Store:
    """An open database. Modules in this package take it as their first argument."""

    conn: Any  # sqlite3.Connection or psycopg.Connection
    path: str
    dialect: str = SQLITE

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Cursor:
        try:
            return self.conn.execute(self._sql(sql), params)  # type: ignore[no-any-return]
        except sqlite3.Error as exc:
            raise StoreError(f"database error: {exc}") from exc

    def insert(self, sql: str, params: Sequence[Any] = ()) -> int:
        """Run a one-row INSERT into a table keyed on `id`; return the new row's id.

        SQLite reads the rowid back instead of adding RETURNING: SQLite runs RETURNING like a
        trigger, inside a statement savepoint, and FTS5 writes its pending rows out as a new
        segment at every savepoint, so an article insert after the previous article's search
        row cost ~250 µs more (bench/ingest.py: 5 s over the CCTV corpus).
        """
        if self.dialect == POSTGRES:
            return int(self.execute(f"{sql} RETURNING id", params).fetchone()[0])
        return int(self.execute(sql, params).lastrowid)

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        if not rows:
            return
        if self.dialect == POSTGRES:
            with self.conn.cursor() as cur:
                cur.executemany(self._sql(sql), rows)
        else:
            self.conn.executemany(sql, rows)

    def _sql(self, sql: str) -> str:
        if self.dialect == POSTGRES:
            return sql.replace("%", "%%").replace("?", "%s")
        return sql

    @contextmanager
    def transaction(self) -> Iterator[Store]:
        if self.dialect == POSTGRES:
            with self.conn.transaction():
                yield self
            return
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open_store(path: str, *, readonly: bool = False) -> Store:
    """Open (creating and migrating if needed) the database at `path`: a file or a URL."""
    if path.startswith(("postgres://", "postgresql://")):
        store = _open_postgres(path)
    else:
        store = _open_sqlite(path, readonly)
    if not readonly:
        migrate(store)
    return store


def _open_sqlite(path: str, readonly: bool) -> Store:
    if path != ":memory:" and not readonly:
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
            conn.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
    except sqlite3.Error as exc:
        raise StoreError(f"cannot open database {path}: {exc}") from exc
    return Store(conn, path, SQLITE)


def _open_postgres(url: str) -> Store:
    try:
        import psycopg
    except ImportError as exc:  # an optional dependency
        raise StoreError(
            "PostgreSQL needs the psycopg package: pip install 'psycopg[binary]'"
        ) from exc
    try:
        conn = psycopg.connect(url, autocommit=True, row_factory=_pg_rows)
    except psycopg.Error as exc:
        raise StoreError(f"cannot open database {_redact(url)}: {exc}") from exc
    return Store(conn, url, POSTGRES)


def _redact(url: str) -> str:
    """The URL without its password, for messages."""
    head, sep, tail = url.partition("@")
    if not sep or ":" not in head.split("//", 1)[-1]:
        return url
    scheme, _, user_pass = head.partition("//")
    return f"{scheme}//{user_pass.split(':', 1)[0]}:***@{tail}"


class _Row(tuple[Any, ...]):
    """A PostgreSQL row readable by position and by column name, like sqlite3.Row."""

    names: dict[str, int]

    def __getitem__(self, key: Any) -> Any:
        if isinstance(key, str):
            return tuple.__getitem__(self, self.names[key])
        return tuple.__getitem__(self, key)

    def keys(self) -> list[str]:
        return list(self.names)


def _pg_rows(cursor: Any) -> Any:
    names = {d.name: i for i, d in enumerate(cursor.description or [])}
    row_type = type("Row", (_Row,), {"names": names})
    return lambda values: row_type(values)


def schema_version(store: Store) -> int:
    store.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
    row = store.execute("SELECT max(version) FROM schema_version").fetchone()
    return int(row[0] or 0)


def migrate(store: Store) -> int:
    """Apply the migrations the database lacks, each in its own transaction; return the version."""
    version = schema_version(store)
    if version > len(MIGRATIONS):
        raise StoreError(
            f"database {store.path} has schema version {version}, newer than this Storyline "
            f"({len(MIGRATIONS)}); upgrade Storyline"
        )
    for number, migration in enumerate(MIGRATIONS[version:], start=version + 1):
        with store.transaction():
            for statement in render(migration, store.dialect):
                store.execute(statement)
            store.execute("INSERT INTO schema_version(version) VALUES (?)", (number,))
    return len(MIGRATIONS)
