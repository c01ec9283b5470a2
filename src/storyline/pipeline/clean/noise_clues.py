"""Clues: strings one of which every match of a pattern contains, to skip patterns cheaply.

Python's `re` tries each position of a line against every branch of an alternation, so a rule
such as `(仅提供信息存储服务|不代表本站观点|…)` costs far more than reading the line once. A clue
is a small set of strings of which any match holds at least one (仅提供信息存储服务, 不代表本,
…); when a line holds none of them, the pattern cannot match it and is not run. Clues
are read from the parsed pattern, so they follow the data files without being written twice.

The clue is only ever a necessary condition: when the parse gives no safe set (a class such as
`\\S`, an optional group), the pattern has no clue and always runs. Under IGNORECASE a cased
letter stands for the class of all its case variants.
"""

from __future__ import annotations

import re
import re._constants as sre
import re._parser as sre_parse
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

Clue = frozenset[str] | None


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


def screen(pattern: re.Pattern[str]) -> Screen | None:
    """The clue of `pattern` ready for use, or None when the pattern has none."""
    found = clue(pattern)
    if found is None:
        return None
    by_key: dict[str, list[str]] = {}
    for part in sorted(found):
        # max(): any character of the string would do; a fixed choice keeps it reproducible
        by_key.setdefault(max(part), []).append(part)
    return Screen(frozenset(by_key), {k: tuple(v) for k, v in by_key.items()})


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
    if op is sre.IN:
        return _in(av, icase)
    if op is sre.SUBPATTERN:
        _group, add, remove, sub = av
        icase = (icase or bool(add & re.IGNORECASE)) and not remove & re.IGNORECASE
        return _sequence(sub, icase)
    if op is sre.BRANCH:
        return _branch(av[1], icase)
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT) and av[0] >= 1:
        return _sequence(av[2], icase)
    return None


def _branch(alternatives: list[Any], icase: bool) -> Clue:
    union: set[str] = set()
    for alt in alternatives:
        clue = _sequence(alt, icase)
        if clue is None:
            return None
        union |= clue
    return frozenset(union)


def _better(a: Clue, b: Clue) -> Clue:
    """The clue that rejects more lines: longer strings first, then fewer of them."""
    if a is None or b is None:
        return a if b is None else b
    score_a = (min(len(x) for x in a), -len(a))
    return a if score_a >= (min(len(x) for x in b), -len(b)) else b


def _sequence(items: Any, icase: bool) -> Clue:
    """The best clue among the items of a sequence, each of which is required; a run of
    literal characters gives one string."""
    best: Clue = None
    run: list[str] = []
    for op, av in items:
        if op is sre.LITERAL and (not icase or _uncased(chr(av))):
            run.append(chr(av))
            continue
        if run:
            best = _better(best, frozenset({"".join(run)}))
            run = []
        if op is sre.LITERAL:  # a cased letter under IGNORECASE: any of its variants
            best = _better(best, _in([(op, av)], icase))
            continue
        best = _better(best, _item(op, av, icase))
    if run:
        best = _better(best, frozenset({"".join(run)}))
    return best


def clue(pattern: re.Pattern[str]) -> Clue:
    """Characters of which every match of `pattern` holds one, or None when unknown."""
    icase = bool(pattern.flags & re.IGNORECASE)
    return _sequence(sre_parse.parse(pattern.pattern, pattern.flags), icase)


def may_match(found: Screen | None, text: str, chars: frozenset[str]) -> bool:
    """False only when `text` (whose characters are within `chars`) cannot hold a match."""
    return found is None or found.may_match(text, chars)
