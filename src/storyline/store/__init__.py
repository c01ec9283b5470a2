"""The store owns all SQL: one module per noun, ordered migrations, and the search index."""

from storyline.store.db import Store, open_store

__all__ = ["Store", "open_store"]
