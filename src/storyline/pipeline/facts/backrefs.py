"""Short forms of names met earlier in the same text: 马斯克 after 埃隆·马斯克, Altman after
Sam Altman, 张司长 after 张汉晖. Each is linked to the full name's entity."""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache

from storyline.pipeline.facts.aliases import name_key
from storyline.pipeline.facts.candidates import RANK_LISTED, Candidate
from storyline.pipeline.facts.rules import load_rules
from storyline.records import EntityKind

# Shortest surname-only form worth linking: one Latin letter or Chinese character is too often
# something else; "Li", "Wu" and two-character Chinese forms such as 盖茨 are kept.
MIN_SHORT_ZH, MIN_SHORT_LATIN = 2, 2

Entities = dict[Candidate, str]


def _short_forms(norm: str, found: list[Candidate], entities: Entities) -> dict[str, str]:
    forms: dict[str, set[str]] = {}
    for c in found:
        if c.kind is not EntityKind.PERSON:
            continue
        text = name_key(norm[c.start : c.end])
        if "·" in text:
            last, least = text.rsplit("·", 1)[1], MIN_SHORT_ZH
        elif " " in text:
            last, least = text.rsplit(" ", 1)[1], MIN_SHORT_LATIN
        else:
            continue
        if len(last) >= least:
            forms.setdefault(last, set()).add(entities[c])
    # A short form shared by two people in the text names neither.
    return {k: next(iter(v)) for k, v in forms.items() if len(v) == 1}


def _surname_titles(norm: str, found: list[Candidate], entities: Entities) -> dict[str, str]:
    by_surname: dict[str, set[str]] = {}
    for c in found:
        text = norm[c.start : c.end]
        if c.kind is EntityKind.PERSON and len(text) == 3 and "\u4e00" <= text[0] <= "\u9fff":
            by_surname.setdefault(text[0], set()).add(entities[c])
    return {k: next(iter(v)) for k, v in by_surname.items() if len(v) == 1}


def back_references(
    norm: str, found: list[Candidate], entities: Entities
) -> tuple[list[Candidate], Entities]:
    short = _short_forms(norm, found, entities)
    surnames = _surname_titles(norm, found, entities)
    if not short and not surnames:
        return found, entities
    out: Entities = {}
    for c in found:
        text = name_key(norm[c.start : c.end])
        if text in short and entities[c] == text:
            out[replace(c, kind=EntityKind.PERSON)] = short[text]
        else:
            out[c] = entities[c]
    for start, end, entity in _occurrences(norm, short, surnames):
        _add_covering(out, Candidate(start, end, EntityKind.PERSON, RANK_LISTED, entity), entity)
    kept = sorted(out, key=lambda c: c.start)
    return kept, out


def _add_covering(out: Entities, new: Candidate, entity: str) -> None:
    """Add `new` unless it cuts into a mention; mentions it covers ("乔夫" in "戈尔巴乔夫") go."""
    inside = []
    for c in out:
        if c.start < new.end and new.start < c.end:
            if not (new.start <= c.start and c.end <= new.end) or c.length == new.length:
                return
            inside.append(c)
    for c in inside:
        del out[c]
    out[new] = entity


@lru_cache(maxsize=1)
def _title_lengths() -> tuple[frozenset[str], tuple[int, ...]]:
    titles = load_rules().zh.person_titles
    return titles, tuple(sorted({len(t) for t in titles}))


def _finds(norm: str, word: str) -> list[int]:
    out, pos = [], norm.find(word)
    while pos >= 0:
        out.append(pos)
        pos = norm.find(word, pos + 1)
    return out


def _latin_bounded(norm: str, start: int, end: int) -> bool:
    before = norm[start - 1 : start] if start else ""
    after = norm[end : end + 1]
    return not (before.isascii() and before.isalpha()) and not (after.isascii() and after.isalpha())


def _occurrences(
    norm: str, short: dict[str, str], surnames: dict[str, str]
) -> list[tuple[int, int, str]]:
    # Plain searches, not a compiled pattern: the words differ in every text, and compiling a
    # pattern per text cost more than the rest of this step.
    hits = [
        (pos, pos + len(word), entity)
        for word, entity in short.items()
        for pos in _finds(norm, word)
        if _latin_bounded(norm, pos, pos + len(word))
    ]
    titles, lengths = _title_lengths()
    for surname, entity in surnames.items():
        for pos in _finds(norm, surname):
            if any(norm[pos + 1 : pos + 1 + k] in titles for k in lengths):
                hits.append((pos, pos + 1, entity))
    return hits
