"""Running a benchmark's worker on the package as it was at another git revision.

Speed work must keep output identical: a speed script measures the current code, then has its own
`worker(path)` run in a child process over `src/storyline` taken from REV with `git archive`,
so the old code never sits in the tree.
"""

from __future__ import annotations

import pickle
import subprocess
import sys
import tarfile
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from io import BytesIO
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


def _checkout(rev: str, dest: Path) -> None:
    raw = subprocess.run(
        ["git", "archive", rev, "src/storyline"], cwd=ROOT, check=True, capture_output=True
    ).stdout
    with tarfile.open(fileobj=BytesIO(raw)) as tar:
        tar.extractall(dest, filter="data")


@contextmanager
def source_at(rev: str) -> Iterator[Path]:
    """A temporary folder holding `src/storyline` as it was at `rev`: the folder to put first
    on PYTHONPATH to run that code."""
    with tempfile.TemporaryDirectory() as tmp:
        _checkout(rev, Path(tmp))
        yield Path(tmp) / "src"


def run_at(rev: str | None, module: str, payload: Any) -> Any:
    """`bench/<module>.worker(path)` run over the package at `rev` (None: the working tree's),
    given `payload` pickled in `path`; returns what the worker pickled back into it."""
    with tempfile.TemporaryDirectory() as tmp:
        src = ROOT / "src"
        if rev is not None:
            _checkout(rev, Path(tmp))
            src = Path(tmp) / "src"
        data = Path(tmp) / "payload.pickle"
        data.write_bytes(pickle.dumps(payload))
        code = f"import sys; sys.path.insert(0, {str(ROOT / 'bench')!r}); "
        code += f"import {module}; {module}.worker({str(data)!r})"
        env = {"PYTHONPATH": str(src), "PATH": "/usr/bin:/bin"}
        subprocess.run([sys.executable, "-c", code], check=True, env=env)
        return pickle.loads(data.read_bytes())


def turns(rounds: int) -> Iterator[bool]:
    """For `rounds` rounds of two runs, whether each run is ours (else the other revision's):
    ours first in even rounds, second in odd ones, so that neither side always runs in the
    same place in the sequence (on this machine each process's speed differs by up to ±15%)."""
    for k in range(rounds):
        yield from (True, False) if k % 2 == 0 else (False, True)


def describe() -> str:
    """The commit the measured code comes from, as far as git knows it."""
    import storyline

    where = Path(storyline.__file__).resolve().parents[2]
    out = subprocess.run(
        ["git", "describe", "--always", "--dirty"], cwd=where, capture_output=True, text=True
    )
    return out.stdout.strip() or str(where)
