"""Compile the modules of `storyline.native.PACKAGES` with mypyc (scripts/setup runs this).

    .venv/bin/python scripts/build_native.py          # compile if a source changed
    .venv/bin/python scripts/build_native.py --force  # compile anyway
    .venv/bin/python scripts/build_native.py --clean  # remove the compiled copies

The extensions go to src/storyline/_native/ with a manifest of the sources' digests; the
package uses them only while every source still matches (storyline/native.py). Without a C
compiler or mypyc this says so and leaves the package in pure Python, which behaves the same.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from storyline import native  # noqa: E402  (the source tree, whatever is installed)

# One shared library for all compiled modules, under a fixed name (mypyc would hash the list).
GROUP = "storyline_native"


def build(out: Path, digests: dict[str, str], notes: io.StringIO) -> None:
    """Compile into a fresh folder, then swap it in: a failed build leaves no half copy."""
    from mypyc.build import mypycify
    from setuptools import Distribution

    paths = [str(native.source_of(m).relative_to(ROOT)) for m in native.modules()]
    with tempfile.TemporaryDirectory(prefix="storyline-native-") as tmp:
        staging = Path(tmp) / "lib"
        old_cwd = Path.cwd()
        os.chdir(ROOT)  # mypyc reads the project's mypy settings (mypy_path = src)
        try:
            # mypyc notes each generator it compiles as a list: shown only if compiling fails.
            with contextlib.redirect_stdout(notes):
                extensions = mypycify(
                    paths,
                    opt_level="3",
                    multi_file=True,
                    target_dir=str(Path(tmp) / "c"),
                    group_name=GROUP,
                )
            dist = Distribution({"name": "storyline-native", "ext_modules": extensions})
            command = dist.get_command_obj("build_ext")
            command.build_lib = str(staging)
            command.build_temp = str(Path(tmp) / "o")
            command.parallel = os.cpu_count() or 1
            dist.run_command("build_ext")
        finally:
            os.chdir(old_cwd)
        manifest = {"interpreter": native.interpreter_tag(), "sources": digests}
        (staging / native.MANIFEST).write_text(json.dumps(manifest, indent=1), encoding="utf-8")
        shutil.rmtree(out, ignore_errors=True)
        shutil.copytree(staging, out)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--force", action="store_true", help="compile even if up to date")
    parser.add_argument("--clean", action="store_true", help="remove the compiled copies")
    parser.add_argument("--strict", action="store_true", help="fail when compiling fails")
    args = parser.parse_args()
    out = native.NATIVE_DIR
    if args.clean:
        shutil.rmtree(out, ignore_errors=True)
        print(f"removed {out.relative_to(ROOT)}")
        return 0
    digests = native.source_digests()
    if not args.force and native.mismatch(out, digests) is None:
        print(f"compiled modules up to date ({len(digests)})")
        return 0
    missing = native.missing_toolchain()
    if missing is not None:  # stale copies may stay: they are refused
        print(f"{missing}: Storyline runs as pure Python (same results, slower)")
        return 0
    start = time.perf_counter()
    print(f"compiling {len(digests)} modules with mypyc (one to two minutes) …", flush=True)
    notes = io.StringIO()
    try:
        build(out, digests, notes)
    # mypyc exits (SystemExit) on a module it cannot compile; any error leaves the Python.
    except (Exception, SystemExit) as exc:
        print(notes.getvalue(), end="")
        print(f"compiling failed ({type(exc).__name__}: {exc}); Storyline runs as pure Python")
        return 1 if args.strict else 0
    print(f"compiled in {time.perf_counter() - start:.0f} s into {out.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
