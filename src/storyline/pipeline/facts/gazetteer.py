"""Find listed names in a text: one compiled, prefix-factored regular expression per script.

A regex built from a trie tries only the branch that the next character selects, so matching a
few thousand names costs about as much as scanning the text once, in C.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

_END = ""  # trie key marking that a word ends at this node


def _is_latin(word: str) -> bool:
    return word[:1].isascii()


def _trie(words: Iterable[str]) -> dict[str, dict]:  # type: ignore[type-arg]
    root: dict[str, dict] = {}  # type: ignore[type-arg]
    for word in words:
        node = root
        for ch in word:
            node = node.setdefault(ch, {})
        node[_END] = {}
    return root


def _pattern(node: dict[str, dict]) -> str:  # type: ignore[type-arg]
    branches = [re.escape(ch) + _pattern(child) for ch, child in sorted(node.items()) if ch]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    # Greedy optional group: the longest listed name at a position wins.
    return f"(?:{body})?" if _END in node else body


def trie_regex(words: Iterable[str]) -> str:
    """A regex source matching any of `words`, longest first at each position."""
    unique = {w for w in words if w}
    return _pattern(_trie(unique)) if unique else r"(?!x)x"


@dataclass(frozen=True, slots=True)
class Gazetteer:
    """Compiled matchers for Chinese-script and Latin-script names."""

    zh: re.Pattern[str]
    latin: re.Pattern[str]

    @classmethod
    def build(cls, names: Iterable[str]) -> Gazetteer:
        names = list(names)
        zh_src = trie_regex(n for n in names if not _is_latin(n))
        latin_src = trie_regex(n for n in names if _is_latin(n))
        # Latin names must not start or end inside a word ("US" in "USB", "Fed" in "Fedex").
        latin = re.compile(rf"(?<![A-Za-z0-9])(?:{latin_src})(?![A-Za-z0-9])")
        return cls(zh=re.compile(zh_src), latin=latin)

    def find(self, text: str) -> Iterator[tuple[int, int]]:
        """Spans of listed names, leftmost-longest, Chinese and Latin separately."""
        for pattern in (self.zh, self.latin):
            for m in pattern.finditer(text):
                yield m.start(), m.end()
