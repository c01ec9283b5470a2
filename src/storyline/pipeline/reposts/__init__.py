"""reposts stage."""
