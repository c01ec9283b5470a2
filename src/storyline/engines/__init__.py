"""Engines run the same pipeline steps in-process, in a process pool, or elsewhere."""
