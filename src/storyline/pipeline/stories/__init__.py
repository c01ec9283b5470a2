"""stories stage. Its modules may run compiled (storyline/native.py)."""

from storyline import native

native.activate(__name__, __path__)
