"""Pipeline steps: each takes work units and yields work units, with no I/O."""
