"""The alias table: every known name of an entity mapped to one canonical name and a kind.

Curated entries ship in data/aliases.tsv (Simplified script; Traditional text matches after t2s).
Aliases learned from text, such as `萨姆·奥尔特曼（Sam Altman）`, are added on top without
rebuilding the curated matcher, so a caller can carry them from one document to the next.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from storyline.pipeline.facts.gazetteer import Gazetteer
from storyline.records import EntityKind

NAME_JOINERS = "•・‧･∙"  # dots outlets use between parts of a foreign name; read as "·"
_JOINER_MAP = str.maketrans(dict.fromkeys(NAME_JOINERS, "·"))
# Names whose comparison form is remembered: a few times the ~50 names a CCTV story looks up,
# enough to keep the names common across stories (bench/entities_speed.py).
NAME_KEY_CACHE = 16384


# Memoised: the same names recur in every text, and the key depends on the name alone.
@lru_cache(maxsize=NAME_KEY_CACHE)
def name_key(name: str) -> str:
    """The form names are compared in: one kind of middle dot, no spaces around it."""
    return " ".join(name.translate(_JOINER_MAP).split()).replace(" · ", "·").replace(" ·", "·")


@dataclass(frozen=True, slots=True)
class AliasEntry:
    canonical: str
    kind: EntityKind


def _parse(lines: Iterable[str]) -> dict[str, AliasEntry]:
    entries: dict[str, AliasEntry] = {}
    for line in lines:
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.rstrip("\n").split("\t")
        kind, canonical = EntityKind(cols[0]), name_key(cols[1])
        names = (
            [canonical, *(name_key(a) for a in cols[2].split("|"))]
            if len(cols) > 2
            else [canonical]
        )
        for name in names:
            entries.setdefault(name, AliasEntry(canonical, kind))
    return entries


@lru_cache(maxsize=1)
def _curated() -> tuple[dict[str, AliasEntry], Gazetteer]:
    text = (resources.files("storyline") / "data" / "aliases.tsv").read_text("utf-8")
    entries = _parse(text.splitlines())
    return entries, Gazetteer.build(entries)


@dataclass(frozen=True, slots=True)
class AliasTable:
    """Curated entries plus learned ones; immutable, so one table can serve many threads."""

    curated: Mapping[str, AliasEntry]
    curated_matcher: Gazetteer
    learned: Mapping[str, AliasEntry] = field(default_factory=dict)

    @classmethod
    def default(cls) -> AliasTable:
        entries, matcher = _curated()
        return cls(entries, matcher)

    def get(self, name: str) -> AliasEntry | None:
        key = name_key(name)
        return self.learned.get(key) or self.curated.get(key)

    def resolve(self, name: str, kind: EntityKind) -> str:
        """The canonical name for `name`, or `name` itself (in comparison form) if unknown."""
        entry = self.get(name)
        return entry.canonical if entry is not None else name_key(name)

    def learned_matcher(self) -> Gazetteer | None:
        return _learned_gazetteer(frozenset(self.learned)) if self.learned else None

    def find(self, text: str) -> Iterator[tuple[int, int, AliasEntry]]:
        """Listed names in a normalized text, curated and learned."""
        matchers = [self.curated_matcher]
        learned = self.learned_matcher()
        if learned is not None:
            matchers.append(learned)
        for matcher in matchers:
            for start, end in matcher.find(text):
                entry = self.get(text[start:end])
                if entry is not None:
                    yield start, end, entry

    def with_learned(self, pairs: Iterable[tuple[str, str, EntityKind]]) -> AliasTable:
        """A new table where each `alias` names the same entity as `name` (of `kind` if new)."""
        learned = dict(self.learned)
        for alias, name, kind in pairs:
            target = self.get(name) or self.get(alias) or learned.get(name_key(name))
            entry = target or AliasEntry(name_key(name), kind)
            for key in (name_key(alias), name_key(name)):
                if key not in self.curated:
                    learned.setdefault(key, entry)
        return AliasTable(self.curated, self.curated_matcher, learned)


@lru_cache(maxsize=256)
def _learned_gazetteer(names: frozenset[str]) -> Gazetteer:
    # Cached by content, so the result never depends on what ran before, only on the names.
    return Gazetteer.build(names)
