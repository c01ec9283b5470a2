"""Where the stylesheet and script ship: inside the package, beside the templates."""

from __future__ import annotations

from importlib import resources
from pathlib import Path


def static_dir() -> Path:
    return Path(str(resources.files("storyline.web").joinpath("static")))
