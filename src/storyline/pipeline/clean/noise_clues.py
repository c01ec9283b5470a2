"""Clues: strings one of which every match of a pattern contains, to skip patterns cheaply.

Python's `re` tries each position of a line against every branch of an alternation, so a rule
such as `(仅提供信息存储服务|不代表本站观点|…)` costs far more than reading the line once. A clue
is a small set of strings of which any match holds at least one (仅提供信息存储服务, 不代表本,
…); when a line holds none of them, the pattern cannot match it and is not run. Clues
are read from the parsed pattern, so they follow the data files without being written twice.

A pattern whose top level is an alternation (`^相关阅读$|点击排行$`) is split into its branches,
each with its own clues; a branch may need two clues at once (a channel word *and* an ASCII id
for a contact handle). Clues are only ever necessary conditions: when the parse gives no safe
set (a class such as `\\S`, an optional group) a branch has no clue and always runs. Under
IGNORECASE a cased letter stands for the class of all its case variants.
"""

from __future__ import annotations

import re
import re._constants as sre
import re._parser as sre_parse
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

Clue = frozenset[str] | None

# A branch is screened by at most this many clues: the second one (an id after a channel word,
# a separator after a year) removes most of what the first lets through; more add little.
CLUES_PER_BRANCH = 2
# A repeated literal (`\\.{3,}`) gives a string of at most this many copies.
_REPEAT_MAX = 8


@dataclass(frozen=True, slots=True)
class Screen:
    """A clue ready for use: its strings filed under one character of each (`keys`), so that
    a line is tested only for the strings whose key character it holds."""

    keys: frozenset[str]
    by_key: dict[str, tuple[str, ...]]

    def may_match(self, text: str, chars: frozenset[str]) -> bool:
        """False only when `text` (whose characters are within `chars`) holds no clue string."""
        for key in self.keys.intersection(chars):
            for part in self.by_key[key]:
                if part in text:
                    return True
        return False


@dataclass(frozen=True, slots=True)
class Branch:
    """One top-level alternative of a pattern with the clues all of its matches hold."""

    pattern: re.Pattern[str]
    screens: tuple[Screen, ...]

    def may_match(self, text: str, chars: frozenset[str]) -> bool:
        for found in self.screens:  # noqa: SIM110 (a plain loop: any()/all() over a generator cost a third more here)
            if not found.may_match(text, chars):
                return False
        return True


@dataclass(frozen=True, slots=True)
class Guarded:
    """A pattern behind the clues of its branches: searched only where a branch may match."""

    pattern: re.Pattern[str]
    branches: tuple[Branch, ...]
    # The key characters of every branch's first clue, or None when a branch has no clue: a
    # line holding none of them is rejected by one set operation.
    keys: frozenset[str] | None

    def may_match(self, text: str, chars: frozenset[str]) -> bool:
        """False only when `text` (whose characters are within `chars`) cannot hold a match."""
        if self.keys is not None and self.keys.isdisjoint(chars):
            return False
        for b in self.branches:  # noqa: SIM110 (a plain loop: any()/all() over a generator cost a third more here)
            if b.may_match(text, chars):
                return True
        return False

    def search(self, text: str, chars: frozenset[str]) -> re.Match[str] | None:
        """`pattern.search(text)`; `chars` holds the characters of `text` (or more)."""
        return self.pattern.search(text) if self.may_match(text, chars) else None

    def found(self, text: str, chars: frozenset[str]) -> bool:
        """Whether `pattern` matches somewhere in `text`: only the branches whose clues the
        text holds are run (a top-level alternation matches where one of its branches does)."""
        if self.keys is not None and self.keys.isdisjoint(chars):
            return False
        for b in self.branches:  # noqa: SIM110 (a plain loop: any()/all() over a generator cost a third more here)
            if b.may_match(text, chars) and b.pattern.search(text):
                return True
        return False


def _screen(found: frozenset[str], common: dict[str, int]) -> Screen:
    by_key: dict[str, list[str]] = {}
    rare = 1  # above every listed character (their ranks are 0 and below)
    for part in sorted(found):
        # Any character of the string would be correct; the least frequent one rejects most
        # lines (ties broken by code point, so the choice is reproducible).
        key = max(part, key=lambda ch: (common.get(ch, rare), ch))
        by_key.setdefault(key, []).append(part)
    return Screen(frozenset(by_key), {k: tuple(v) for k, v in by_key.items()})


def _top_level(source: str) -> list[str]:
    """The source split at the `|` outside groups and classes."""
    parts, depth, in_class, escaped, start = [], 0, False, False, 0
    for i, ch in enumerate(source):
        if escaped:
            escaped = False
        elif ch == "\\":
            escaped = True
        elif in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
        elif ch in "()":
            depth += 1 if ch == "(" else -1
        elif ch == "|" and depth == 0:
            parts.append(source[start:i])
            start = i + 1
    return [*parts, source[start:]]


def _branch_patterns(pattern: re.Pattern[str]) -> list[re.Pattern[str]]:
    parts = _top_level(pattern.pattern)
    if len(parts) > 1:
        top = list(sre_parse.parse(pattern.pattern, pattern.flags))
        # split only when the parser sees the same alternation (no shared prefix factored out)
        if len(top) == 1 and top[0][0] is sre.BRANCH and len(top[0][1][1]) == len(parts):
            return [re.compile(part, pattern.flags) for part in parts]
    return [pattern]


def guarded(pattern: re.Pattern[str], common: tuple[str, ...] = ()) -> Guarded:
    """`pattern` behind its clues; `common` lists characters from most to least frequent in
    the text to be searched (characters not listed count as rarer than all listed)."""
    rank = {ch: -i for i, ch in enumerate(common)}  # higher is rarer
    branches = []
    for sub in _branch_patterns(pattern):
        icase = bool(sub.flags & re.IGNORECASE)
        found = _required(sre_parse.parse(sub.pattern, sub.flags), icase)
        best = sorted(found, key=_score, reverse=True)[:CLUES_PER_BRANCH]
        branches.append(Branch(sub, tuple(_screen(c, rank) for c in best)))
    if all(b.screens for b in branches):
        keys = frozenset().union(*(b.screens[0].keys for b in branches))
        return Guarded(pattern, tuple(branches), keys)
    return Guarded(pattern, tuple(branches), None)


# Classes of up to this many characters still make a clue ([:：], [（(], [A-Za-z0-9]); a
# longer literal string elsewhere in the sequence is preferred to them.
_CLASS_MAX = 64


def _uncased(ch: str) -> bool:
    # A character without case mappings matches only itself under IGNORECASE (the special
    # equivalences of `re`, such as ſ ~ s, are all between cased letters).
    return ch.lower() == ch and ch.upper() == ch


@lru_cache(maxsize=1)
def _bmp() -> str:
    return "".join(map(chr, range(0x10000)))


@lru_cache(maxsize=256)
def _variants(ch: str) -> frozenset[str]:
    """Every character `ch` matches under IGNORECASE, asked of `re` itself (so that ſ ~ s and
    K ~ k are included). Case pairs never cross the edge of the Basic Multilingual Plane,
    so a cased character there has all its variants there."""
    return frozenset(re.compile(re.escape(ch), re.IGNORECASE).findall(_bmp()))


def _in(items: list[tuple[Any, Any]], icase: bool) -> Clue:
    chars: set[str] = set()
    for op, av in items:
        if op is sre.LITERAL:
            chars.add(chr(av))
        elif op is sre.RANGE and av[1] - av[0] < _CLASS_MAX:
            chars.update(chr(c) for c in range(av[0], av[1] + 1))
        else:
            return None  # NEGATE, CATEGORY or a wide range: any character may match
    if icase:
        chars = {v for c in chars for v in (_variants(c) if ord(c) < 0x10000 else {c})}
    if not chars or len(chars) > _CLASS_MAX or (icase and any(ord(c) >= 0x10000 for c in chars)):
        return None
    return frozenset(chars)


def _item(op: Any, av: Any, icase: bool) -> Clue:
    if op is sre.LITERAL:  # a cased letter under IGNORECASE: any of its variants
        return _in([(op, av)], icase)
    if op is sre.IN:
        return _in(av, icase)
    if op is sre.SUBPATTERN:
        _group, add, remove, sub = av
        icase = (icase or bool(add & re.IGNORECASE)) and not remove & re.IGNORECASE
        return _sequence(sub, icase)
    if op is sre.BRANCH:
        return _branch(av[1], icase)
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT) and av[0] >= 1:
        inner = list(av[2])
        if len(inner) == 1 and inner[0][0] is sre.LITERAL and _plain(inner[0][1], icase):
            return frozenset({chr(inner[0][1]) * min(av[0], _REPEAT_MAX)})
        return _sequence(av[2], icase)
    return None


def _plain(code: int, icase: bool) -> bool:
    return not icase or _uncased(chr(code))


def _branch(alternatives: list[Any], icase: bool) -> Clue:
    union: set[str] = set()
    for alt in alternatives:
        clue = _sequence(alt, icase)
        if clue is None:
            return None
        union |= clue
    return frozenset(union)


def _score(found: frozenset[str]) -> tuple[int, int]:
    """How much a clue rejects: longer strings first, then fewer of them."""
    return (min(len(x) for x in found), -len(found))


def _required(items: Any, icase: bool) -> list[frozenset[str]]:
    """The clues of the items of a sequence, each of which is required; a run of literal
    characters gives one string."""
    found: list[Clue] = []
    run: list[str] = []
    for op, av in items:
        if op is sre.LITERAL and _plain(av, icase):
            run.append(chr(av))
            continue
        if run:
            found.append(frozenset({"".join(run)}))
            run = []
        found.append(_item(op, av, icase))
    if run:
        found.append(frozenset({"".join(run)}))
    return [c for c in found if c is not None]


def _sequence(items: Any, icase: bool) -> Clue:
    """The best single clue of a sequence, or None."""
    found = _required(items, icase)
    return max(found, key=_score) if found else None


def clue(pattern: re.Pattern[str]) -> Clue:
    """Strings of which every match of `pattern` holds one, or None when unknown."""
    icase = bool(pattern.flags & re.IGNORECASE)
    return _sequence(sre_parse.parse(pattern.pattern, pattern.flags), icase)
