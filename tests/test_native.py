"""The compiled copies of the hottest modules: used only while they match their sources, and
giving exactly what the Python modules give."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

from storyline import native
from storyline.pipeline.facts import rerank

ROOT = Path(__file__).resolve().parent.parent


def _sources_copy(tmp: Path) -> Path:
    """The listed modules' sources under `tmp`, as a package root."""
    for module in native.MODULES:
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


def _toolchain() -> bool:
    include = Path(sysconfig.get_paths()["include"]) / "Python.h"
    cc = str(sysconfig.get_config_var("CC") or "cc").split()[0]
    try:
        import mypyc  # noqa: F401
    except ImportError:
        return False
    return shutil.which(cc) is not None and include.is_file()


def _compiled_or_skip() -> None:
    if os.environ.get(native.ENV_SWITCH) == "0":
        pytest.skip(f"{native.ENV_SWITCH}=0")
    if not _toolchain():
        pytest.skip("no C compiler, Python headers or mypyc: the package runs as Python")


def test_the_compiled_copies_are_in_use_where_they_can_be_built() -> None:
    # scripts/setup compiles them; a failed or stale build would leave the suite testing
    # Python while the product ships the compiled code.
    _compiled_or_skip()
    assert native.active(), native.status()
    assert rerank.__file__ is not None and not rerank.__file__.endswith(".py")


_FACTS = """
import dataclasses, json, sys
from datetime import date
from storyline import api, native
out = {"native": native.active(), "facts": []}
for text in json.load(sys.stdin):
    found = [*api.entities(text), *api.figures(text), *api.dates(text, date(2025, 1, 17))]
    out["facts"].append([dataclasses.asdict(f) for f in found])
print(json.dumps(out, ensure_ascii=False, default=str))
"""


def _facts(texts: list[str], switch: str) -> dict[str, object]:
    env = {**os.environ, native.ENV_SWITCH: switch, "PYTHONPATH": str(ROOT / "src")}
    out = subprocess.run(
        [sys.executable, "-c", _FACTS],
        input=json.dumps(texts),
        capture_output=True,
        text=True,
        check=True,
        env=env,
    )
    result: dict[str, object] = json.loads(out.stdout)
    return result


@pytest.mark.slow
def test_compiled_and_python_modules_find_the_same_facts(corpora: Path) -> None:
    _compiled_or_skip()
    examples = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "examples").iterdir())]
    with (corpora / "cctv-xwlb" / "stories.jsonl").open(encoding="utf-8") as lines:
        from storyline.pipeline.clean.html import fragment_text

        stories = [fragment_text(json.loads(next(lines))["raw_html"]) for _ in range(150)]
    texts = examples + stories
    compiled, python = _facts(texts, "1"), _facts(texts, "0")
    assert compiled["native"] is True and python["native"] is False
    assert compiled["facts"] == python["facts"]
    assert sum(map(len, compiled["facts"])) > 10 * len(texts)  # type: ignore[call-overload]
