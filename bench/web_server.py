"""App factories for bench/web.py's server processes beyond the one `serve` uses."""

from __future__ import annotations

from fastapi import FastAPI

from storyline.settings import load_settings
from storyline.web.app import create_app


def uncached_app() -> FastAPI:
    """The app with its response and burst caches off: what every request costs uncached."""
    return create_app(load_settings(), cache=False)
