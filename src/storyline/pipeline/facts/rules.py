"""The shipped word lists that drive entity recognition, loaded once from data/entity_rules.toml."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources


@dataclass(frozen=True, slots=True)
class ZhRules:
    org_suffixes: tuple[str, ...]  # longest first
    org_suffix_set: frozenset[str]
    org_suffix_lengths: tuple[int, ...]
    not_org: frozenset[str]
    clause_verbs: frozenset[str]  # never inside a name: "X预测公司将…" is X, then a clause
    not_place: frozenset[str]
    role_suffixes: frozenset[str]
    place_people: frozenset[str]
    not_name_final: frozenset[str]
    not_person: frozenset[str]
    not_name_initial: frozenset[str]
    max_inner_tokens: int
    org_prefixes: frozenset[str]
    strong_org_suffixes: frozenset[str]
    honorifics: frozenset[str]
    place_suffixes: tuple[str, ...]  # longest first
    place_suffix_set: frozenset[str]
    person_titles: frozenset[str]
    speech_verbs: frozenset[str]
    transliteration_chars: frozenset[str]
    surnames: frozenset[str]
    compound_surnames: frozenset[str]
    name_trailers: frozenset[str]
    abbreviations: dict[str, str]  # 华 → 中国
    abbreviation_cues: frozenset[str]
    product_heads: tuple[str, ...]
    product_kinds: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class EnRules:
    zh_person_titles: frozenset[str]  # Chinese titles before a Latin-script name ("作者André")
    zh_speech_verbs: frozenset[str]  # and Chinese verbs of speech after one ("Altman说")
    org_suffixes: frozenset[str]
    place_suffixes: frozenset[str]
    person_titles: frozenset[str]
    person_cues: frozenset[str]
    stop_words: frozenset[str]
    demonyms: frozenset[str]
    place_cues: frozenset[str]
    places: frozenset[str]  # countries and large cities, from data/places_en.txt
    event_suffixes: frozenset[str]
    place_heads: frozenset[str]
    broadcast_words: frozenset[str]
    org_heads: frozenset[str]
    # Executive roles written as acronyms ("CEO"): in "OpenAI CEO Sam Altman" the employer
    # stands before the role and the person after it, in one capitalised run.
    role_acronyms: frozenset[str]
    given_names: frozenset[str]  # common English given names, from data/given_names_en.txt
    surnames: frozenset[str]  # common English surnames, upper case, from data/surnames_en.txt
    # To tell a glossed foreign name: "奥尔特曼(Sam Altman)".
    zh_transliteration_chars: frozenset[str]


@dataclass(frozen=True, slots=True)
class Rules:
    zh: ZhRules
    en: EnRules


def _chars(block: str) -> frozenset[str]:
    return frozenset(c for c in block if not c.isspace())


def _longest_first(words: list[str]) -> tuple[str, ...]:
    return tuple(sorted(set(words), key=len, reverse=True))


def _lines(name: str) -> frozenset[str]:
    text = (resources.files("storyline") / "data" / name).read_text("utf-8")
    return frozenset(line for line in text.splitlines() if line and not line.startswith("#"))


@lru_cache(maxsize=1)
def load_rules() -> Rules:
    raw = tomllib.loads(
        (resources.files("storyline") / "data" / "entity_rules.toml").read_text("utf-8")
    )
    zh, en = raw["zh"], raw["en"]
    return Rules(
        zh=ZhRules(
            org_suffixes=_longest_first(zh["org_suffixes"]),
            org_suffix_set=frozenset(zh["org_suffixes"]),
            org_suffix_lengths=tuple(sorted({len(x) for x in zh["org_suffixes"]})),
            not_org=frozenset(zh["not_org"]),
            clause_verbs=frozenset(zh["clause_verbs"]),
            not_place=frozenset(zh["not_place"]),
            role_suffixes=_chars(zh["role_suffixes"]),
            place_people=frozenset(zh["place_people"]),
            not_name_final=_chars(zh["not_name_final"]),
            not_person=frozenset(zh["not_person"]),
            not_name_initial=_chars(zh["not_name_initial"]),
            max_inner_tokens=int(zh["max_inner_tokens"]),
            org_prefixes=frozenset(zh["org_prefixes"]),
            strong_org_suffixes=frozenset(zh["strong_org_suffixes"]),
            honorifics=frozenset(zh["honorifics"]),
            place_suffixes=_longest_first(zh["place_suffixes"]),
            place_suffix_set=frozenset(zh["place_suffixes"]),
            person_titles=frozenset(zh["person_titles"]),
            speech_verbs=frozenset(zh["speech_verbs"]),
            transliteration_chars=_chars(zh["transliteration_chars"]),
            surnames=_chars(zh["surnames"]),
            compound_surnames=frozenset(zh["compound_surnames"]),
            name_trailers=_chars(zh["name_trailers"]),
            abbreviations=dict(zh["abbreviations"]),
            abbreviation_cues=_chars(zh["abbreviation_cues"]),
            product_heads=tuple(zh["product_heads"]),
            product_kinds=tuple(zh["product_kinds"]),
        ),
        en=EnRules(
            zh_person_titles=frozenset(zh["person_titles"]),
            zh_speech_verbs=frozenset(zh["speech_verbs"]),
            org_suffixes=frozenset(en["org_suffixes"]),
            place_suffixes=frozenset(en["place_suffixes"]),
            person_titles=frozenset(en["person_titles"]),
            person_cues=frozenset(en["person_cues"]),
            stop_words=frozenset(en["stop_words"].split()),
            demonyms=frozenset(en["demonyms"].split()),
            place_cues=frozenset(en["place_cues"]),
            places=_lines("places_en.txt") | frozenset(en["places"]),
            event_suffixes=frozenset(en["event_suffixes"]),
            place_heads=frozenset(en["place_heads"]),
            broadcast_words=frozenset(en["broadcast_words"]),
            org_heads=frozenset(en["org_heads"]),
            role_acronyms=frozenset(en["role_acronyms"]),
            given_names=_lines("given_names_en.txt"),
            surnames=_lines("surnames_en.txt"),
            zh_transliteration_chars=_chars(zh["transliteration_chars"]),
        ),
    )
