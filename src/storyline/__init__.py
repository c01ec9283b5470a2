"""Storyline: a news archive organised by story."""
