"""Showing a text in the reader's chosen script: as published, Simplified or Traditional."""

from __future__ import annotations

from enum import StrEnum
from functools import lru_cache

import opencc


class Script(StrEnum):
    ORIGINAL = "orig"
    SIMPLIFIED = "hans"
    TRADITIONAL = "hant"


# Character-level configs: the reader asked to see the same text in the other script, not to
# have its wording changed into another region's vocabulary.
_CONFIGS = {Script.SIMPLIFIED: "t2s.json", Script.TRADITIONAL: "s2t.json"}


@lru_cache(maxsize=len(_CONFIGS))
def _converter(config: str) -> opencc.OpenCC:
    return opencc.OpenCC(config)


def parse_script(value: str | None) -> Script:
    try:
        return Script(value or Script.ORIGINAL)
    except ValueError:
        return Script.ORIGINAL


def convert(text: str, script: Script) -> str:
    if script is Script.ORIGINAL or not text:
        return text
    return str(_converter(_CONFIGS[script]).convert(text))
