"""A throwaway PostgreSQL server for the tests: initdb in a temporary folder, a Unix socket.

It needs the Debian `postgresql` package (scripts/apt-packages.txt); without it, tests that
ask for PostgreSQL are skipped with a message. As root, the server runs as the `postgres` user.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def pg_bin() -> Path | None:
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"))
    return found[-1].parent if found else None


def _run_as(user: str | None, args: list[str]) -> None:
    prefix = ["runuser", "-u", user, "--"] if user else []
    subprocess.run(prefix + args, check=True, capture_output=True, text=True)


@contextmanager
def postgres_server() -> Iterator[str]:
    """Start a server; yield a base URL without a database name; stop it afterwards."""
    bindir = pg_bin()
    if bindir is None:
        raise RuntimeError("PostgreSQL server binaries not found (Debian package postgresql)")
    user = "postgres" if os.geteuid() == 0 else None
    folder = Path(tempfile.mkdtemp(prefix="storyline-pg-"))
    data = folder / "data"
    if user:
        shutil.chown(folder, user)
    # C.UTF-8 makes the text-search parser treat CJK characters as word characters.
    _run_as(
        user,
        [
            str(bindir / "initdb"),
            "-D",
            str(data),
            "-E",
            "UTF8",
            "--locale=C.UTF-8",
            "--auth=trust",
            "-U",
            "postgres",
        ],
    )
    options = f"-k {folder} -c listen_addresses='' -c fsync=off -c full_page_writes=off"
    _run_as(
        user,
        [
            str(bindir / "pg_ctl"),
            "-D",
            str(data),
            "-o",
            options,
            "-w",
            "-l",
            str(folder / "log"),
            "start",
        ],
    )
    try:
        yield f"postgresql://postgres@/?host={folder}"
    finally:
        _run_as(user, [str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"])
        shutil.rmtree(folder, ignore_errors=True)


@contextmanager
def fresh_database(base: str) -> Iterator[str]:
    """A new empty database on the server; dropped afterwards."""
    import psycopg

    name = "t_" + uuid.uuid4().hex[:12]
    with psycopg.connect(base.replace("/?", "/postgres?"), autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name}")
    try:
        yield base.replace("/?", f"/{name}?")
    finally:
        with psycopg.connect(base.replace("/?", "/postgres?"), autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
