"""The store owns all SQL: one module per noun, ordered migrations, and the search index. The
modules may run compiled (storyline/native.py)."""

# ruff: noqa: E402  (the submodules are imported after `activate`, which picks their copies)
from storyline import native

native.activate(__name__, __path__)

from storyline.store.db import Store, open_store

__all__ = ["Store", "open_store"]
