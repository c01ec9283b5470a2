"""The shipped word lists for date expressions, loaded once from `storyline/data/dates.toml`."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from storyline.pipeline.clean.datafile import load_toml


@dataclass(frozen=True, slots=True)
class DateLexicon:
    future_zh: tuple[str, ...]
    future_en: tuple[str, ...]
    clocks: tuple[str, ...]
    eras: dict[str, int]
    rel_year: dict[str, int]
    rel_month: dict[str, int]
    rel_week: dict[str, int]
    week_words: tuple[str, ...]
    rel_day: dict[str, int]
    not_before_week: tuple[str, ...]
    weekdays_zh: dict[str, int]
    month_parts: dict[str, tuple[int, int]]
    year_parts: dict[str, tuple[int, int]]
    seasons_zh: dict[str, tuple[int, int]]
    season_suffixes: tuple[str, ...]
    not_after_season: tuple[str, ...]
    between: tuple[str, ...]
    since: tuple[str, ...]
    months_en: dict[str, int]
    weekdays_en: dict[str, int]
    rel_en: dict[str, int]
    days_en: dict[str, int]
    seasons_en: dict[str, tuple[int, int]]
    month_intro: tuple[str, ...]
    year_parts_en: dict[str, tuple[int, int]]
    year_intro: tuple[str, ...]
    since_en: tuple[str, ...]
    after_part: tuple[str, ...]
    after_week: tuple[str, ...]
    before_bare_part: tuple[str, ...]
    not_after_day: tuple[str, ...]


def _pairs(table: dict[str, Any]) -> dict[str, tuple[int, int]]:
    return {key: (int(lo), int(hi)) for key, (lo, hi) in table.items()}


@lru_cache(maxsize=1)
def date_lexicon() -> DateLexicon:
    data = load_toml("dates.toml")
    rel, parts, en, stop = data["relative"], data["parts"], data["english"], data["stoppers"]
    return DateLexicon(
        future_zh=tuple(data["future"]["chinese"]),
        future_en=tuple(data["future"]["english"]),
        clocks=tuple(data["prefixes"]["clock"]),
        eras=data["eras"]["offsets"],
        rel_year=rel["year"],
        rel_month=rel["month"],
        rel_week=rel["week"],
        week_words=tuple(rel["week_words"]),
        rel_day=rel["day"],
        not_before_week=tuple(rel["not_before_week"]),
        weekdays_zh=data["weekdays"]["chinese"],
        month_parts=_pairs(parts["month"]),
        year_parts=_pairs(parts["year"]),
        seasons_zh=_pairs(parts["seasons"]),
        season_suffixes=tuple(parts["season_suffixes"]),
        not_after_season=tuple(parts["not_after_season"]),
        between=tuple(data["ranges"]["between"]),
        since=tuple(data["ranges"]["since"]),
        months_en=en["months"],
        weekdays_en=en["weekdays"],
        rel_en=en["relative"],
        days_en=en["days"],
        seasons_en=_pairs(en["seasons"]),
        month_intro=tuple(en["month_intro"]),
        year_parts_en=_pairs(en["year_parts"]),
        year_intro=tuple(en["year_intro"]),
        since_en=tuple(en["since"]),
        after_part=tuple(stop["after_part"]),
        after_week=tuple(stop["after_week"]),
        before_bare_part=tuple(stop["before_bare_part"]),
        not_after_day=tuple(stop["after_day"]),
    )
