"""Timelines: dated happenings read from sentences, merged across a story's articles."""
