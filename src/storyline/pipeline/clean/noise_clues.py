"""Clues: strings one of which every match of a pattern contains, to skip patterns cheaply.

Python's `re` tries each position of a line against every branch of an alternation, so a rule
such as `(仅提供信息存储服务|不代表本站观点|…)` costs far more than reading the line once. A clue
is a small set of strings of which any match holds at least one (仅提供信息存储服务, 不代表本,
…); when a line holds none of them, the pattern cannot match it and is not run. Clues
are read from the pattern's source (storyline.pipeline.clean.noise_regex), so they follow the
data files without being written twice; a pattern that reader cannot follow gets no clue.

A pattern whose top level is an alternation (`^相关阅读$|点击排行$`) is split into its branches,
each with its own clues; a branch may need two clues at once (a channel word *and* an ASCII id
for a contact handle). Clues are only ever necessary conditions: when the parse gives no safe
set (a class such as `\\S`, an optional group) a branch has no clue and always runs. Under
IGNORECASE a cased letter stands for the class of all its case variants.

Screens look a text's characters up in `chars`, a set that must hold every character of the
text that is a key of some screen (`NoiseRules.clue_chars`); other characters may be there or
not, and a superset (the characters of the whole line a sentence was cut from) is fine.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from storyline.pipeline.clean import noise_regex as rx
from storyline.pipeline.clean.noise_regex import CharClass, Group, Lit, Repeat

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
        """False only when `text` (whose key characters are within `chars`) holds no clue
        string."""
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
        """False only when `text` (whose key characters are within `chars`) cannot hold a
        match."""
        if self.keys is not None and self.keys.isdisjoint(chars):
            return False
        for b in self.branches:  # noqa: SIM110 (a plain loop: any()/all() over a generator cost a third more here)
            if b.may_match(text, chars):
                return True
        return False

    def key_chars(self) -> frozenset[str]:
        """Every character any of its screens looks up in `chars`: the others, present or
        not, change no answer."""
        return frozenset().union(*(s.keys for b in self.branches for s in b.screens))

    def search(self, text: str, chars: frozenset[str]) -> re.Match[str] | None:
        """`pattern.search(text)`; `chars` holds the key characters of `text` (or more)."""
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


def _branches(pattern: re.Pattern[str]) -> list[tuple[re.Pattern[str], Group | None]]:
    """The pattern's top-level branches, each compiled alone, with its parse (None when the
    reader cannot follow the pattern). Searching the branches apart finds a match exactly when
    the whole does, unless a branch refers back to a group: then the pattern stays whole."""
    try:
        parsed = rx.parse(pattern.pattern, pattern.flags)
    except rx.UnsupportedSyntaxError:
        return [(pattern, None)]
    if len(parsed.spans) == 1 or parsed.refers_back:
        return [(pattern, parsed.top)]
    out: list[tuple[re.Pattern[str], Group | None]] = []
    for (start, end), branch in zip(parsed.spans, parsed.top.branches, strict=True):
        try:
            sub = re.compile(pattern.pattern[start:end], pattern.flags)
        except re.error:
            return [(pattern, parsed.top)]
        out.append((sub, Group((branch,))))
    return out


def guarded(pattern: re.Pattern[str], common: tuple[str, ...] = ()) -> Guarded:
    """`pattern` behind its clues; `common` lists characters from most to least frequent in
    the text to be searched (characters not listed count as rarer than all listed)."""
    rank = {ch: -i for i, ch in enumerate(common)}  # higher is rarer
    branches = []
    for sub, tree in _branches(pattern):
        found = _required_of(tree)
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


def _chars(node: CharClass | Lit) -> Clue:
    """The characters `node` may match, or None when there are too many to be a clue."""
    chars = {node.char} if isinstance(node, Lit) else node.chars
    if chars is None:
        return None
    if node.icase:
        if any(ord(c) >= 0x10000 and not _uncased(c) for c in chars):
            return None
        chars = {v for c in chars for v in (_variants(c) if ord(c) < 0x10000 else {c})}
    if not chars or len(chars) > _CLASS_MAX:
        return None
    return frozenset(chars)


def _item(node: rx.Node) -> Clue:
    if isinstance(node, Lit | CharClass):
        return _chars(node)
    if isinstance(node, Group):
        return _branch(node)
    if isinstance(node, Repeat) and node.least >= 1:
        if isinstance(node.item, Lit) and _plain(node.item):
            return frozenset({node.item.char * min(node.least, _REPEAT_MAX)})
        return _item(node.item)
    return None  # optional, or requires nothing known


def _plain(node: Lit) -> bool:
    return not node.icase or _uncased(node.char)


def _branch(group: Group) -> Clue:
    """One clue for a group: the union of its branches' best clues."""
    union: set[str] = set()
    for alt in group.branches:
        clue = _sequence(alt)
        if clue is None:
            return None
        union |= clue
    return frozenset(union)


def _score(found: frozenset[str]) -> tuple[int, int]:
    """How much a clue rejects: longer strings first, then fewer of them."""
    return (min(len(x) for x in found), -len(found))


def _required(items: tuple[rx.Node, ...]) -> list[frozenset[str]]:
    """The clues of the items of a sequence, each of which is required; a run of literal
    characters gives one string."""
    found: list[Clue] = []
    run: list[str] = []
    for node in items:
        if isinstance(node, Lit) and _plain(node):
            run.append(node.char)
            continue
        if run:
            found.append(frozenset({"".join(run)}))
            run = []
        found.append(_item(node))
    if run:
        found.append(frozenset({"".join(run)}))
    return [c for c in found if c is not None]


def _required_of(tree: Group | None) -> list[frozenset[str]]:
    """The clues every match of a parsed pattern holds (none when it could not be read)."""
    if tree is None:
        return []
    if len(tree.branches) == 1:
        return _required(tree.branches[0])
    whole = _branch(tree)
    return [whole] if whole is not None else []


def _sequence(items: tuple[rx.Node, ...]) -> Clue:
    """The best single clue of a sequence, or None."""
    found = _required(items)
    return max(found, key=_score) if found else None


def clue(pattern: re.Pattern[str]) -> Clue:
    """Strings of which every match of `pattern` holds one, or None when unknown."""
    try:
        tree = rx.parse(pattern.pattern, pattern.flags).top
    except rx.UnsupportedSyntaxError:
        return None
    found = _required_of(tree)
    return max(found, key=_score) if found else None
