"""Ways out of the archive: Atom feeds and a Hugo site."""
