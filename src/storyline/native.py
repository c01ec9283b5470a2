"""Compiled copies of the hottest modules, used only while they match their sources.

Entity extraction is most of an ingest's time, and it is Python that calls Python: small
functions, attribute reads, f-strings and dict look-ups, per candidate and per token. mypyc
compiles such typed modules to C extensions with the same behaviour: on the CCTV corpus the
facts step takes 0.83x its time as Python, cleaning 0.71x, the whole ingest 0.87x
(bench/ingest.py --compare pure). The store is left as Python: its time is SQLite's, and
compiled it measured 1.01x. `scripts/build_native.py` compiles the modules of `PACKAGES` into
`_native/` beside this file and records a digest of each source it compiled.

A package whose modules are compiled calls `activate` from its `__init__`: the compiled
directory goes ahead of the sources on the package's path. That happens only if every compiled
module's source still has the digest it was compiled from, for this interpreter. The modules
call each other in C, so one edited source means none of the copies may be used: an edit takes
effect at once (in pure Python) and the next `scripts/setup` compiles again. Without a C compiler,
or with the environment variable STORYLINE_NATIVE=0 (e.g. to profile with py-spy, which sees
no frames inside compiled code), everything runs as Python.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import shutil
import sys
import sysconfig
from collections.abc import MutableSequence
from functools import lru_cache
from pathlib import Path

# Packages whose modules are compiled, with the modules left out of each. Each package calls
# `activate` from its `__init__`. Every module file in them counts: a module added later is
# missing from the manifest until compiled, so the copies are refused until then.
PACKAGES: dict[str, tuple[str, ...]] = {
    # person_model is numpy calls throughout (nothing for a compiler to gain), and mypyc
    # cannot compile it.
    "storyline.pipeline.facts": ("person_model",),
    "storyline.pipeline.clean": (),
    "storyline.pipeline.stories": (),
    "storyline.pipeline.reposts": (),
}

PACKAGE_ROOT = Path(__file__).resolve().parent.parent  # the folder holding `storyline/`
NATIVE_DIR = Path(__file__).resolve().parent / "_native"
MANIFEST = "manifest.json"
ENV_SWITCH = "STORYLINE_NATIVE"


def modules(root: Path = PACKAGE_ROOT) -> list[str]:
    """The modules compiled, by name, from the package folders under `root`."""
    out = []
    for package, left_out in PACKAGES.items():
        folder = root.joinpath(*package.split("."))
        for path in sorted(folder.glob("*.py")):
            if path.stem != "__init__" and path.stem not in left_out:
                out.append(f"{package}.{path.stem}")
    return out


def source_of(module: str, root: Path = PACKAGE_ROOT) -> Path:
    return root.joinpath(*module.split(".")).with_suffix(".py")


def source_digests(root: Path = PACKAGE_ROOT) -> dict[str, str]:
    """sha256 of each compiled module's source, by module name."""
    return {m: hashlib.sha256(source_of(m, root).read_bytes()).hexdigest() for m in modules(root)}


def interpreter_tag() -> str:
    """What compiled extensions must have been built for: this Python's ABI."""
    return str(sysconfig.get_config_var("EXT_SUFFIX") or sys.implementation.cache_tag)


def missing_toolchain() -> str | None:
    """What is missing to compile these modules for this Python (a C compiler, its headers,
    mypyc), or None."""
    cc = os.environ.get("CC") or str(sysconfig.get_config_var("CC") or "cc").split()[0]
    if shutil.which(cc) is None:
        return f"no C compiler ({cc})"
    if not (Path(sysconfig.get_paths()["include"]) / "Python.h").is_file():
        return "no Python headers (Python.h)"
    if importlib.util.find_spec("mypyc") is None:
        return "mypyc is not installed"
    return None


def refusal(native_dir: Path = NATIVE_DIR, root: Path = PACKAGE_ROOT) -> str | None:
    """Why the compiled copies in `native_dir` may not be used, or None when they may."""
    if os.environ.get(ENV_SWITCH, "1") == "0":
        return f"{ENV_SWITCH}=0"
    try:
        current = source_digests(root)
    except OSError as exc:
        return f"a source is unreadable: {exc}"
    return mismatch(native_dir, current)


def mismatch(native_dir: Path, current: dict[str, str]) -> str | None:
    """How the copies in `native_dir` differ from what this interpreter and the sources with
    digests `current` need, or None when they were compiled from exactly these."""
    manifest = native_dir / MANIFEST
    if not manifest.is_file():
        return "not compiled (scripts/build_native.py)"
    try:
        built = json.loads(manifest.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        return f"unreadable manifest: {exc}"
    if built.get("interpreter") != interpreter_tag():
        return f"compiled for {built.get('interpreter')}, running {interpreter_tag()}"
    if built.get("sources") != current:
        changed = sorted(m for m in current if built.get("sources", {}).get(m) != current[m])
        return "sources changed since compiling: " + ", ".join(changed or ["module list"])
    return None


@lru_cache(maxsize=1)
def _refusal() -> str | None:
    return refusal()


def active() -> bool:
    """Whether the compiled copies are in use in this process."""
    return _refusal() is None


def status() -> str:
    """One line for reports: compiled or Python, and why."""
    reason = _refusal()
    return "compiled" if reason is None else f"python: {reason}"


def activate(package: str, path: MutableSequence[str]) -> None:
    """Put the compiled copies of `package`'s modules ahead of its sources, if they may be
    used. Called from the package's `__init__` with its `__path__`."""
    if not active():
        return
    compiled = NATIVE_DIR.joinpath(*package.split("."))
    if compiled.is_dir() and str(compiled) not in path:
        path.insert(0, str(compiled))
    # mypyc puts the compiled code of all modules in one shared library, a top-level module
    # that each module's small extension imports by name.
    if str(NATIVE_DIR) not in sys.path:
        sys.path.append(str(NATIVE_DIR))
