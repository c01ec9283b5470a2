"""The compiled copies of the hottest modules: used only while they match their sources, and
giving exactly what the Python modules give."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from storyline import native
from storyline.pipeline.facts import rerank

ROOT = Path(__file__).resolve().parent.parent


def _sources_copy(tmp: Path) -> Path:
    """The listed modules' sources under `tmp`, as a package root."""
    for module in native.modules():
        target = native.source_of(module, tmp)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(native.source_of(module), target)
    return tmp


def _manifest(folder: Path, sources: dict[str, str], interpreter: str | None = None) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    built = {"interpreter": interpreter or native.interpreter_tag(), "sources": sources}
    (folder / native.MANIFEST).write_text(json.dumps(built), encoding="utf-8")


@pytest.fixture
def switched_on(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(native.ENV_SWITCH, raising=False)


@pytest.mark.usefixtures("switched_on")
def test_copies_matching_their_sources_are_used(tmp_path: Path) -> None:
    root = _sources_copy(tmp_path / "src")
    _manifest(tmp_path / "native", native.source_digests(root))
    assert native.refusal(tmp_path / "native", root) is None


@pytest.mark.usefixtures("switched_on")
def test_one_edited_source_refuses_every_copy(tmp_path: Path) -> None:
    root = _sources_copy(tmp_path / "src")
    _manifest(tmp_path / "native", native.source_digests(root))
    edited = native.source_of("storyline.pipeline.facts.rerank", root)
    edited.write_text(edited.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    reason = native.refusal(tmp_path / "native", root)
    assert reason is not None and "storyline.pipeline.facts.rerank" in reason


@pytest.mark.usefixtures("switched_on")
def test_copies_for_another_interpreter_or_none_at_all_are_refused(tmp_path: Path) -> None:
    root = _sources_copy(tmp_path / "src")
    assert "not compiled" in str(native.refusal(tmp_path / "none", root))
    _manifest(tmp_path / "native", native.source_digests(root), interpreter=".cpython-39.so")
    assert "compiled for .cpython-39.so" in str(native.refusal(tmp_path / "native", root))
    (tmp_path / "native" / native.MANIFEST).write_text("{not json", encoding="utf-8")
    assert "unreadable manifest" in str(native.refusal(tmp_path / "native", root))


def test_the_switch_turns_the_copies_off(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = _sources_copy(tmp_path / "src")
    _manifest(tmp_path / "native", native.source_digests(root))
    monkeypatch.setenv(native.ENV_SWITCH, "0")
    assert native.refusal(tmp_path / "native", root) == f"{native.ENV_SWITCH}=0"


def _compiled_or_skip() -> None:
    if os.environ.get(native.ENV_SWITCH) == "0":
        pytest.skip(f"{native.ENV_SWITCH}=0")
    missing = native.missing_toolchain()
    if missing is not None:
        pytest.skip(f"{missing}: the package runs as Python")


def test_the_compiled_copies_are_in_use_where_they_can_be_built() -> None:
    # scripts/setup compiles them; a failed or stale build would leave the suite testing
    # Python while the product ships the compiled code.
    _compiled_or_skip()
    assert native.active(), native.status()
    assert rerank.__file__ is not None and not rerank.__file__.endswith(".py")


def _digest(switch: str) -> tuple[str, str]:
    """What `bench/ingest_digest.py` makes of 300 CCTV records and the examples, as printed,
    and whether the compiled copies were in use."""
    env = {**os.environ, native.ENV_SWITCH: switch, "PYTHONPATH": f"{ROOT / 'src'}:{ROOT}"}
    script = "import sys; from storyline import native; from bench import ingest_digest as d; "
    script += "sys.argv = ['d', '--records', '300']; d.main(); print(native.active())"
    out = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, env=env
    ).stdout.strip()
    lines, used = out.rsplit("\n", 1)
    return lines, used


@pytest.mark.slow
@pytest.mark.usefixtures("corpora")
def test_compiled_and_python_modules_store_the_same() -> None:
    # Every stored row and search hit of an ingest (articles, removed spans, facts, reposts,
    # events and stories), hashed by section.
    _compiled_or_skip()
    compiled, python = _digest("1"), _digest("0")
    assert (compiled[1], python[1]) == ("True", "False")
    assert "mentions" in compiled[0] and compiled[0] == python[0]
