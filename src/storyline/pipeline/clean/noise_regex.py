"""A reader of regular-expression source, for working out what every match must contain.

It covers the syntax of Python's `re` that screening needs to see through (literals, escapes,
classes, groups, alternation, repeats, anchors, lookarounds) and reads each item into a small
tree. Anything it does not follow raises `UnsupportedSyntaxError`; callers then treat the
pattern as one whose matches can hold anything, which is always safe. The tree only has to be
right about what an item *requires*: an unknown class or a zero-width assertion requires
nothing. It reads only public syntax, so it does not depend on the private parser of `re`.

The source is read as written: the compiled pattern stays the authority on what matches, and
a pattern this reader gets wrong costs speed, never a result, as long as what it reports as
required really is (a literal is a literal, and an optional item is never required).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass


class UnsupportedSyntaxError(ValueError):
    """Syntax the reader does not follow; the pattern gets no clues."""


@dataclass(frozen=True, slots=True)
class Lit:
    """One literal character; `icase` when IGNORECASE applies to it."""

    char: str
    icase: bool


@dataclass(frozen=True, slots=True)
class CharClass:
    """One character from `chars` (before case folding), or from an unknown or wide set (None):
    `.`, `\\S`, a negated class."""

    chars: frozenset[str] | None
    icase: bool


@dataclass(frozen=True, slots=True)
class Group:
    """A group or the whole pattern: one of `branches`, each a sequence of nodes."""

    branches: tuple[tuple[Node, ...], ...]


@dataclass(frozen=True, slots=True)
class Repeat:
    """`item` repeated at least `least` times."""

    item: Node
    least: int


@dataclass(frozen=True, slots=True)
class Opaque:
    """An item that requires no known text: an anchor, a lookaround, a back-reference."""


Node = Lit | CharClass | Group | Repeat | Opaque


@dataclass(frozen=True, slots=True)
class Parsed:
    """The pattern's top-level branches, where each sits in the source, and whether the
    pattern refers back to a group (so its branches cannot be searched apart)."""

    top: Group
    spans: tuple[tuple[int, int], ...]
    refers_back: bool


_ESCAPED_CHARS = {"n": "\n", "t": "\t", "r": "\r", "f": "\f", "v": "\v", "a": "\a"}
_HEX_ESCAPES = {"x": 2, "u": 4, "U": 8}
_HEX_DIGITS = frozenset("0123456789abcdefABCDEF")
_CLASS_ESCAPES = frozenset("dDsSwW")
_ZERO_WIDTH_ESCAPES = frozenset("bBAZ")
_QUANTIFIER = re.compile(r"\{(\d*)(?:,(\d*))?\}")
_SCOPED_FLAGS = re.compile(r"\(\?([aiLmsux]*)(?:-([imsx]+))?:")
_GLOBAL_FLAGS = re.compile(r"\(\?[aiLmsux]+\)")
# Widest class read as a set of characters; wider ones (a range of all CJK) stand for "any".
_CLASS_LIMIT = 4096


def parse(source: str, flags: int) -> Parsed:
    """Read `source` as compiled with `flags` (raises `UnsupportedSyntaxError`)."""
    if flags & re.VERBOSE:
        raise UnsupportedSyntaxError("verbose patterns: white space and comments are not read")
    reader = _Reader(source)
    top, spans = reader.alternation(bool(flags & re.IGNORECASE), top_level=True)
    if reader.pos != len(source):
        raise UnsupportedSyntaxError(f"unbalanced ) at {reader.pos}")
    return Parsed(top, tuple(spans), reader.refers_back)


class _Reader:
    def __init__(self, source: str) -> None:
        self.src = source
        self.pos = 0
        self.refers_back = False

    def _peek(self, text: str) -> bool:
        return self.src.startswith(text, self.pos)

    def alternation(
        self, icase: bool, top_level: bool = False
    ) -> tuple[Group, list[tuple[int, int]]]:
        branches, spans = [], []
        start = self.pos
        while True:
            branches.append(self.sequence(icase))
            spans.append((start, self.pos))
            if self.pos < len(self.src) and self.src[self.pos] == "|":
                self.pos += 1
                start = self.pos
                continue
            if not top_level and not self._peek(")"):
                raise UnsupportedSyntaxError("group not closed")
            return Group(tuple(branches)), spans

    def sequence(self, icase: bool) -> tuple[Node, ...]:
        items: list[Node] = []
        while self.pos < len(self.src) and self.src[self.pos] not in "|)":
            atom = self.atom(icase)
            if atom is not None:
                items.append(self.quantified(atom))
        return tuple(items)

    def quantified(self, atom: Node) -> Node:
        least = self._quantifier()
        if least is None:
            return atom
        if self.pos < len(self.src) and self.src[self.pos] in "?+":
            self.pos += 1  # lazy or possessive: the same minimum
        if self._quantifier() is not None:
            raise UnsupportedSyntaxError("multiple repeat")
        return Repeat(atom, least)

    def _quantifier(self) -> int | None:
        if self.pos >= len(self.src):
            return None
        ch = self.src[self.pos]
        if ch in "*+?":
            self.pos += 1
            return 1 if ch == "+" else 0
        m = _QUANTIFIER.match(self.src, self.pos) if ch == "{" else None
        if m is None or (not m.group(1) and m.group(2) is None):
            return None  # a brace that opens no repeat is a literal
        self.pos = m.end()
        return int(m.group(1) or 0)

    def atom(self, icase: bool) -> Node | None:
        ch = self.src[self.pos]
        self.pos += 1
        if ch == "\\":
            return self.escape(icase)
        if ch == "[":
            return self.char_class(icase)
        if ch == "(":
            return self.group(icase)
        if ch == ".":
            return CharClass(None, icase)
        if ch in "^$":
            return Opaque()
        if ch in "*+?":
            raise UnsupportedSyntaxError("nothing to repeat")
        return Lit(ch, icase)

    def group(self, icase: bool) -> Node | None:
        if not self._peek("?"):
            return self._closed(icase)
        if self._peek("?:") or self._peek("?>"):
            self.pos += 2
            return self._closed(icase)
        for look in ("?=", "?!", "?<=", "?<!"):
            if self._peek(look):
                self.pos += len(look)
                self._closed(icase)
                return Opaque()  # zero width: requires nothing of the matched text
        if self._peek("?P<") or self._peek("?<"):
            self.pos = self._past(">", "unterminated group name")
            return self._closed(icase)
        if self._peek("?P="):
            self.refers_back = True
            self.pos = self._past(")", "unterminated back-reference")
            return Opaque()
        if self._peek("?#"):
            self.pos = self._past(")", "unterminated comment")
            return None
        return self._flag_group(icase)

    def _past(self, mark: str, why: str) -> int:
        end = self.src.find(mark, self.pos)
        if end < 0:
            raise UnsupportedSyntaxError(why)
        return end + 1

    def _flag_group(self, icase: bool) -> Node | None:
        start = self.pos - 1
        scoped = _SCOPED_FLAGS.match(self.src, start)
        if scoped is not None:
            self.pos = scoped.end()
            on, off = scoped.group(1), scoped.group(2) or ""
            return self._closed((icase or "i" in on) and "i" not in off)
        glob = _GLOBAL_FLAGS.match(self.src, start)
        if glob is not None and start == 0:
            self.pos = glob.end()  # already in the compiled pattern's flags
            return None
        raise UnsupportedSyntaxError(f"group syntax at {start}")

    def _closed(self, icase: bool) -> Group:
        group, _ = self.alternation(icase)
        self.pos += 1  # the ) that alternation() stopped at
        return group

    def escape(self, icase: bool) -> Node:
        if self.pos >= len(self.src):
            raise UnsupportedSyntaxError("trailing backslash")
        ch = self.src[self.pos]
        self.pos += 1
        if ch in _CLASS_ESCAPES:
            return CharClass(None, icase)
        if ch in _ZERO_WIDTH_ESCAPES:
            return Opaque()
        if ch.isdigit():
            if ch == "0":
                raise UnsupportedSyntaxError("octal escape")
            self.refers_back = True
            while self.pos < len(self.src) and self.src[self.pos].isdigit():
                self.pos += 1
            return Opaque()
        return Lit(self._char_escape(ch), icase)

    def _char_escape(self, ch: str) -> str:
        """The character that `\\ch` (already read) stands for, in or out of a class."""
        if ch in _ESCAPED_CHARS:
            return _ESCAPED_CHARS[ch]
        if ch in _HEX_ESCAPES:
            digits = self.src[self.pos : self.pos + _HEX_ESCAPES[ch]]
            if len(digits) != _HEX_ESCAPES[ch] or not all(c in _HEX_DIGITS for c in digits):
                raise UnsupportedSyntaxError("bad hex escape")
            self.pos += len(digits)
            return chr(int(digits, 16))
        if ch == "N" and self._peek("{"):
            end = self.src.find("}", self.pos)
            if end < 0:
                raise UnsupportedSyntaxError("bad named escape")
            name, self.pos = self.src[self.pos + 1 : end], end + 1
            try:
                return unicodedata.lookup(name)
            except KeyError as exc:
                raise UnsupportedSyntaxError(f"unknown character name {name}") from exc
        if ch.isascii() and ch.isalnum():
            raise UnsupportedSyntaxError(f"escape \\{ch}")
        return ch

    def char_class(self, icase: bool) -> CharClass:
        negated = self._peek("^")
        if negated:
            self.pos += 1
        chars: set[str] = set()
        known = not negated
        first = True
        while True:
            if self.pos >= len(self.src):
                raise UnsupportedSyntaxError("unterminated class")
            ch = self.src[self.pos]
            if ch == "]" and not first:
                self.pos += 1
                break
            first = False
            low = self._class_char()
            if low is None:
                known = False
                continue
            if self._peek("-") and not self._peek("-]"):
                self.pos += 1
                high = self._class_char()
                if high is None or ord(high) < ord(low):
                    raise UnsupportedSyntaxError("bad range")
                if ord(high) - ord(low) >= _CLASS_LIMIT:
                    known = False
                else:
                    chars.update(map(chr, range(ord(low), ord(high) + 1)))
            else:
                chars.add(low)
        return CharClass(frozenset(chars) if known else None, icase)

    def _class_char(self) -> str | None:
        """One member of a class, or None for a category escape (\\d, \\s, …)."""
        ch = self.src[self.pos]
        self.pos += 1
        if ch != "\\":
            if ch == "[" and self.src[self.pos : self.pos + 1] in (":", "=", "."):
                raise UnsupportedSyntaxError("possible set syntax")
            return ch
        if self.pos >= len(self.src):
            raise UnsupportedSyntaxError("trailing backslash")
        esc = self.src[self.pos]
        self.pos += 1
        if esc in _CLASS_ESCAPES:
            return None
        if esc == "b":
            return "\b"
        if esc.isdigit():
            raise UnsupportedSyntaxError("octal escape in class")
        return self._char_escape(esc)
