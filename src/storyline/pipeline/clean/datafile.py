"""Read the knowledge files shipped in `storyline/data/` (TOML, word lists), once per process."""

from __future__ import annotations

import tomllib
from functools import cache
from importlib.resources import files
from typing import Any


@cache
def load_toml(name: str) -> dict[str, Any]:
    """The parsed TOML file `storyline/data/<name>`. Callers treat the result as read-only."""
    text = (files("storyline") / "data" / name).read_text(encoding="utf-8")
    return tomllib.loads(text)


@cache
def load_words(name: str) -> frozenset[str]:
    """The words of the list `storyline/data/<name>`: whitespace-separated, `#` starts a comment
    line."""
    text = (files("storyline") / "data" / name).read_text(encoding="utf-8")
    return frozenset(
        w for line in text.splitlines() if not line.startswith("#") for w in line.split()
    )
