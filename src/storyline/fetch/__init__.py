"""Polite HTTP fetching: robots.txt, per-host pacing, conditional GET, retries, size caps."""
