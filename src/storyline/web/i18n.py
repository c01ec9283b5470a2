"""UI strings as data (i18n/<lang>.toml) and the choice of language for a request.

The choice, strongest first: a `lang` query parameter, the `lang` cookie it sets, the
Accept-Language header, then Chinese (the archive's first language).
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

LANGUAGES = ("zh", "en")
DEFAULT_LANGUAGE = "zh"
LANG_COOKIE = "lang"


@dataclass(frozen=True, slots=True)
class Strings:
    """The UI strings of one language; `t(key, **values)` formats one."""

    lang: str
    table: dict[str, Any]

    def t(self, key: str, **values: object) -> str:
        text = self.table.get(key)
        if not isinstance(text, str):
            return key
        return text.format(**values) if values else text

    def reason(self, code: str) -> str:
        return str(self.table.get("reasons", {}).get(code, code))


@lru_cache(maxsize=len(LANGUAGES))
def strings(lang: str) -> Strings:
    if lang not in LANGUAGES:
        lang = DEFAULT_LANGUAGE
    text = resources.files("storyline.web").joinpath("i18n", f"{lang}.toml").read_text("utf-8")
    return Strings(lang, tomllib.loads(text))


def from_accept_language(header: str) -> str | None:
    """The supported language the header prefers most (by q value, then order)."""
    ranked: list[tuple[float, int, str]] = []
    for position, item in enumerate(header.split(",")):
        tag, _, params = item.strip().partition(";")
        quality = 1.0
        if params.strip().startswith("q="):
            try:
                quality = float(params.strip()[2:])
            except ValueError:
                quality = 0.0
        primary = tag.strip().lower().split("-")[0]
        if primary in LANGUAGES and quality > 0:
            ranked.append((-quality, position, primary))
    return min(ranked)[2] if ranked else None


def choose_language(query: str | None, cookie: str | None, accept: str | None) -> str:
    for candidate in (query, cookie):
        if candidate in LANGUAGES:
            return str(candidate)
    return from_accept_language(accept or "") or DEFAULT_LANGUAGE
