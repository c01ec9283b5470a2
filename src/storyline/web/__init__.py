"""The web app: pages, JSON twins, Atom feeds and the guarded ingest endpoint."""
