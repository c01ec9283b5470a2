"""The noise cleaner's knowledge, loaded once from the data files in `storyline/data/noise/`.

The files hold marker words and patterns, each with the class of pages it serves; this module
only parses them into typed, immutable rules. See `lines.toml`, `blocks.toml` and `spam.toml`.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache
from importlib.resources import files
from typing import Any

from storyline.pipeline.clean.reasons import Reason

_DATA = "data/noise"


class Zone(StrEnum):
    """Where in a text a line rule may fire."""

    HEAD = "head"  # the metadata block before the first body paragraph
    TAIL = "tail"  # the run of non-body lines after the last body paragraph
    EDGE = "edge"  # head or tail
    ANY = "any"


@dataclass(frozen=True, slots=True)
class LineRule:
    reason: Reason
    zone: Zone
    max_len: int
    pattern: re.Pattern[str]
    serves: str


@dataclass(frozen=True, slots=True)
class SpamLexicon:
    cheat: tuple[str, ...]
    games: tuple[str, ...]
    handle: re.Pattern[str]
    obfuscated: re.Pattern[str]
    solicit: tuple[str, ...]
    news: tuple[str, ...]
    self_summary: re.Pattern[str]
    filler: re.Pattern[str]


@dataclass(frozen=True, slots=True)
class NoiseRules:
    lines: tuple[LineRule, ...]
    by_zone: dict[Zone, tuple[LineRule, ...]]  # the same rules grouped by zone, in file order
    related_headings: frozenset[str]
    related_heading: re.Pattern[str]
    teaser_end: re.Pattern[str]
    inline_footer: re.Pattern[str]
    spam: SpamLexicon


def _load(name: str) -> dict[str, Any]:
    raw = files("storyline").joinpath(f"{_DATA}/{name}").read_text(encoding="utf-8")
    return tomllib.loads(raw)


def _line_rule(entry: dict[str, Any]) -> LineRule:
    return LineRule(
        reason=Reason(entry["reason"]),
        zone=Zone(entry["zone"]),
        max_len=int(entry["max_len"]),
        pattern=re.compile(entry["pattern"], re.IGNORECASE),
        serves=str(entry["serves"]),
    )


def _spam(data: dict[str, Any]) -> SpamLexicon:
    gambling, contact, seo = data["gambling"], data["contact"], data["seo"]
    return SpamLexicon(
        cheat=tuple(gambling["cheat"]),
        games=tuple(gambling["games"]),
        handle=re.compile(contact["handle"]),
        obfuscated=re.compile(contact["obfuscated"]),
        solicit=tuple(contact["solicit"]),
        news=tuple(contact["news"]),
        self_summary=re.compile(seo["self_summary"]),
        filler=re.compile(seo["filler"]),
    )


@lru_cache(maxsize=1)
def noise_rules() -> NoiseRules:
    """Parse the data files once; the result is immutable."""
    blocks = _load("blocks.toml")
    lines = tuple(_line_rule(e) for e in _load("lines.toml")["rule"])
    return NoiseRules(
        lines=lines,
        by_zone={zone: tuple(r for r in lines if r.zone is zone) for zone in Zone},
        related_headings=frozenset(h.casefold() for h in blocks["related"]["headings"]),
        related_heading=re.compile(blocks["related"]["heading_pattern"], re.IGNORECASE),
        teaser_end=re.compile(blocks["teaser"]["ellipsis"]),
        inline_footer=re.compile(blocks["inline_footer"]["pattern"]),
        spam=_spam(_load("spam.toml")),
    )
