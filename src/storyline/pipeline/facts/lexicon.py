"""The shipped word lists for figures, loaded once from `storyline/data`."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from storyline.pipeline.clean.datafile import load_toml
from storyline.records import Qualifier


@dataclass(frozen=True, slots=True)
class FigureLexicon:
    currency_names: dict[str, str]  # 美元 → USD
    currency_symbols: dict[str, str]  # US$ → USD
    currency_codes: frozenset[str]  # USD, CNY, …
    qualifiers_before: dict[str, Qualifier]
    qualifiers_after: dict[str, Qualifier]
    bare_magnitude: Qualifier
    english_magnitudes: dict[str, float]
    percent_suffix: tuple[str, ...]
    percent_prefix: tuple[str, ...]
    points: tuple[str, ...]
    permille: tuple[str, ...]
    general_classifiers: tuple[str, ...]
    classifiers: tuple[str, ...]
    measures: tuple[str, ...]
    change_words: tuple[str, ...]
    not_after_number: tuple[str, ...]
    ordinal_prefixes: tuple[str, ...]
    negative: tuple[str, ...]
    negative_ends: frozenset[str]  # their last characters
    idioms: tuple[str, ...]
    spelling: dict[str, str]  # casefolded word → the lists' own spelling (English matches any case)


def _qualifier_map(table: dict[str, list[str]]) -> dict[str, Qualifier]:
    return {word: Qualifier(kind) for kind, words in table.items() for word in words}


def _currencies() -> tuple[dict[str, str], dict[str, str]]:
    names: dict[str, str] = {}
    symbols: dict[str, str] = {}
    for code, entry in load_toml("currencies.toml").items():
        names.update(dict.fromkeys(entry.get("names", []), code))
        symbols.update(dict.fromkeys(entry.get("symbols", []), code))
    return names, symbols


@lru_cache(maxsize=1)
def figure_lexicon() -> FigureLexicon:
    data = load_toml("figures.toml")
    names, symbols = _currencies()
    qualifiers, units, percent = data["qualifiers"], data["units"], data["percent"]
    lexicon = FigureLexicon(
        currency_names=names,
        currency_symbols=symbols,
        currency_codes=frozenset(names.values()) | frozenset(symbols.values()),
        qualifiers_before=_qualifier_map(qualifiers["before"]),
        qualifiers_after=_qualifier_map(qualifiers["after"]),
        bare_magnitude=Qualifier(qualifiers["bare_magnitude"]),
        english_magnitudes={k: float(v) for k, v in data["magnitudes"]["english"].items()},
        percent_suffix=tuple(percent["suffix"]),
        percent_prefix=tuple(percent["prefix"]),
        points=tuple(percent["points"]),
        permille=tuple(percent["permille"]),
        general_classifiers=tuple(units["general_classifier"]),
        classifiers=tuple(dict.fromkeys(units["classifiers"] + units["english_counts"])),
        measures=tuple(units["measures"]),
        change_words=tuple(data["ranges"]["change_words"]),
        not_after_number=tuple(units["not_after_number"]),
        ordinal_prefixes=tuple(units["ordinal_prefixes"]),
        negative=tuple(units["negative"]),
        negative_ends=frozenset(sign[-1] for sign in units["negative"]),
        idioms=tuple(data["idioms"]["phrases"]),
        spelling={},
    )
    lexicon.spelling.update(_spellings(lexicon))
    return lexicon


def _spellings(lex: FigureLexicon) -> dict[str, str]:
    words = [
        *lex.currency_names, *lex.currency_symbols, *lex.qualifiers_before,
        *lex.english_magnitudes, *lex.points, *lex.classifiers, *lex.measures,
    ]  # fmt: skip
    return {word.casefold(): word for word in reversed(words)}
