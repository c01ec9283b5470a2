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

from storyline.pipeline.clean.noise_clues import Guarded, guarded
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
    # Specific enough to name a line that reads as a sentence as boilerplate (see lines.toml).
    closing: bool = False


@dataclass(frozen=True, slots=True)
class RuleScreen:
    """Line rules in file order, each behind its clues, and an index from each clue key
    character to the rules it belongs to: a line is tried only with the rules whose key it
    holds (and those without a clue)."""

    rules: tuple[LineRule, ...]
    guards: tuple[Guarded, ...]  # each rule's pattern behind its clues
    max_len: int  # the longest line any of the rules may fire on
    unkeyed: frozenset[int]  # rules without a clue: always tried
    by_key: dict[str, frozenset[int]]
    keys: frozenset[str]

    def first(self, text: str, chars: frozenset[str]) -> LineRule | None:
        """The first rule (in file order) that fires on `text`; `chars` holds its key
        characters (or more: those of the line it was cut from)."""
        found = self.keys.intersection(chars)
        if not found and not self.unkeyed:
            return None
        candidates = set(self.unkeyed).union(*(self.by_key[ch] for ch in found))
        n = len(text)
        for i in sorted(candidates):
            rule = self.rules[i]
            if n <= rule.max_len and self.guards[i].found(text, chars):
                return rule
        return None


def rule_screen(rules: tuple[LineRule, ...], common: tuple[str, ...]) -> RuleScreen:
    guards = tuple(guarded(r.pattern, common) for r in rules)
    by_key: dict[str, set[int]] = {}
    for i, guard in enumerate(guards):
        for ch in guard.keys or ():
            by_key.setdefault(ch, set()).add(i)
    return RuleScreen(
        rules,
        guards,
        max((r.max_len for r in rules), default=0),
        frozenset(i for i, g in enumerate(guards) if g.keys is None),
        {ch: frozenset(ids) for ch, ids in by_key.items()},
        frozenset(by_key),
    )


@dataclass(frozen=True, slots=True)
class SpamLexicon:
    cheat: tuple[str, ...]
    games: tuple[str, ...]
    handle: re.Pattern[str]
    obfuscated: re.Pattern[str]
    solicit: tuple[str, ...]
    news: tuple[str, ...]
    self_summary: Guarded
    filler: re.Pattern[str]
    # Each sign of spam (a handle, a cheat word, a filler phrase) with its clue. None of them
    # needs an anchor, so a line where none is found has no spam sentence either.
    signals: tuple[Guarded, ...]
    # A handle or a cheat word: the signals that make `judge` look further than filler.
    contact_or_cheat: re.Pattern[str]


@dataclass(frozen=True, slots=True)
class NoiseRules:
    lines: tuple[LineRule, ...]
    by_zone: dict[Zone, tuple[LineRule, ...]]  # the same rules grouped by zone, in file order
    # Screened rule sets for the places a line is judged: anywhere, head (+edge), tail (+edge),
    # the closing-sentence rules of the tail, and the disclaimer rules that are also tried on
    # each sentence of a long paragraph.
    anywhere: RuleScreen
    head: RuleScreen
    tail: RuleScreen
    closing: RuleScreen  # the tail and edge rules that may take a closing sentence
    disclaimers: RuleScreen
    related_headings: frozenset[str]
    related_heading: Guarded
    related_heading_max: int  # the length of the longest listed heading (casefolded)
    teaser_end: Guarded
    inline_footer: Guarded
    spam: SpamLexicon
    # Any character some screen above looks up: a line's `chars` need hold only these.
    clue_keys: re.Pattern[str]

    def clue_chars(self, text: str) -> frozenset[str]:
        """The characters of `text` that screens look up, to pass as their `chars`: found by
        one regex scan, 3x cheaper than `frozenset(text)` on CCTV lines (most characters of
        a Chinese line are no clue key, and each would be made a string of its own)."""
        return frozenset(self.clue_keys.findall(text))


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
        closing=bool(entry.get("closing", False)),
    )


def _common_chars() -> tuple[str, ...]:
    raw = files("storyline").joinpath(f"{_DATA}/common_chars.txt").read_text(encoding="utf-8")
    return tuple(ln for ln in raw.split("\n") if ln and not ln.startswith("# "))


def _spam(data: dict[str, Any], common: tuple[str, ...]) -> SpamLexicon:
    gambling, contact, seo = data["gambling"], data["contact"], data["seo"]
    cheat = "|".join(re.escape(w) for w in gambling["cheat"])
    signal = f"(?:{contact['handle']})|(?:{cheat})"
    signals = [re.compile(contact["handle"]), re.compile(cheat), re.compile(seo["filler"])]
    return SpamLexicon(
        signals=tuple(guarded(p, common) for p in signals),
        contact_or_cheat=re.compile(signal),
        cheat=tuple(gambling["cheat"]),
        games=tuple(gambling["games"]),
        handle=re.compile(contact["handle"]),
        obfuscated=re.compile(contact["obfuscated"]),
        solicit=tuple(contact["solicit"]),
        news=tuple(contact["news"]),
        self_summary=guarded(re.compile(seo["self_summary"]), common),
        filler=re.compile(seo["filler"]),
    )


def _key_class(guards: list[Guarded]) -> re.Pattern[str]:
    keys = frozenset().union(*(g.key_chars() for g in guards))
    # No key at all (no rule has a clue) gives a class that matches nothing.
    return re.compile("[" + "".join(re.escape(ch) for ch in sorted(keys)) + "]" if keys else "(?!)")


@lru_cache(maxsize=1)
def noise_rules() -> NoiseRules:
    """Parse the data files once; the result is immutable."""
    blocks = _load("blocks.toml")
    common = _common_chars()
    heading = re.compile(blocks["related"]["heading_pattern"], re.IGNORECASE)
    lines = tuple(_line_rule(e) for e in _load("lines.toml")["rule"])
    by_zone = {zone: tuple(r for r in lines if r.zone is zone) for zone in Zone}
    screens = (
        rule_screen(by_zone[Zone.ANY], common),
        rule_screen(by_zone[Zone.HEAD] + by_zone[Zone.EDGE], common),
        rule_screen(by_zone[Zone.TAIL] + by_zone[Zone.EDGE], common),
        rule_screen(tuple(r for r in by_zone[Zone.ANY] if r.reason is Reason.DISCLAIMER), common),
        rule_screen(tuple(r for r in by_zone[Zone.TAIL] + by_zone[Zone.EDGE] if r.closing), common),
    )
    related_heading = guarded(heading, common)
    teaser_end = guarded(re.compile(blocks["teaser"]["ellipsis"]), common)
    inline_footer = guarded(re.compile(blocks["inline_footer"]["pattern"]), common)
    spam = _spam(_load("spam.toml"), common)
    guards = [g for s in screens for g in s.guards]
    guards += [related_heading, teaser_end, inline_footer, spam.self_summary, *spam.signals]
    return NoiseRules(
        lines=lines,
        by_zone=by_zone,
        anywhere=screens[0],
        head=screens[1],
        tail=screens[2],
        disclaimers=screens[3],
        closing=screens[4],
        related_headings=frozenset(h.casefold() for h in blocks["related"]["headings"]),
        related_heading=related_heading,
        related_heading_max=max(len(h.casefold()) for h in blocks["related"]["headings"]),
        teaser_end=teaser_end,
        inline_footer=inline_footer,
        spam=spam,
        clue_keys=_key_class(guards),
    )
