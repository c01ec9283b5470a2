"""Helpers shared by the command modules: settings, the archive, JSON output, error exits."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from functools import wraps
from typing import Any, ParamSpec, TypeVar

import click

from storyline import api
from storyline.errors import StorylineError
from storyline.fetch.policy import FetchPolicy
from storyline.settings import Settings, load_settings

P = ParamSpec("P")
R = TypeVar("R")


def _fail_cleanly(func: Callable[P, R]) -> Callable[P, R]:
    @wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return func(*args, **kwargs)
        except StorylineError as exc:
            click.echo(f"Error: {exc}", err=True)
            sys.exit(1)

    return wrapper


def _settings(ctx: click.Context, **overrides: Any) -> Settings:
    # `policy` is not a setting: a caller (a test) may hand in a whole fetch policy.
    base: dict[str, Any] = {k: v for k, v in (ctx.obj or {}).items() if k != "policy"}
    base.update({k: v for k, v in overrides.items() if v is not None})
    return load_settings(base)


@contextmanager
def _archive(ctx: click.Context, **overrides: Any) -> Iterator[api.Archive]:
    with api.Archive(_settings(ctx, **overrides)) as archive:
        yield archive


def _emit_json(value: Any) -> None:
    click.echo(json.dumps(value, ensure_ascii=False, indent=2, default=_json_default))


def _json_default(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat()
    raise TypeError(f"cannot serialise {type(value).__name__}")


def fetch_policy(ctx: click.Context, archive: api.Archive) -> FetchPolicy:
    """The fetch policy: from the settings, or one handed in by the caller (tests)."""
    given = (ctx.obj or {}).get("policy")
    return given if isinstance(given, FetchPolicy) else FetchPolicy.from_settings(archive.settings)
