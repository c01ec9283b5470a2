"""What happened: the news predicates of a stretch of text, from a data file of predicate
classes matched on whole segmented words, with the segmenter's verbs (`v`, `vn`) as the
fallback wording."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import rjieba

from storyline.pipeline.clean.datafile import load_toml
from storyline.pipeline.facts.folding import fold

# Verb tags of the jieba tag set: plain verbs and verbal nouns (诉讼, 投资).
VERB_TAGS = frozenset({"v", "vn"})
# Longest listed phrase in segmented words: 告上 法庭 is two, 提起 诉讼 two; three leaves room.
PHRASE_WORDS = 3


@dataclass(frozen=True, slots=True)
class Predicate:
    start: int  # offset in the text the predicate was read from
    end: int
    word: str
    kind: str  # the class from predicates.toml, or "" for an unlisted verb


@dataclass(frozen=True, slots=True)
class _Lexicon:
    word_class: dict[str, str]
    weak: frozenset[str]
    # Every leading part of a listed phrase: a word that is none opens no phrase, so the
    # longer spans from it need no lookup (most words of a text are such words).
    prefixes: frozenset[str]


@lru_cache(maxsize=1)
def _lexicon() -> _Lexicon:
    data = load_toml("predicates.toml")
    word_class = {w.lower(): name for name, words in data["classes"].items() for w in words}
    prefixes = frozenset(w[:k] for w in word_class for k in range(1, len(w) + 1))
    return _Lexicon(word_class, frozenset(data.get("weak", [])), prefixes)


def find_predicates(text: str) -> list[Predicate]:
    """Listed predicates (longest phrase first) and unlisted verbs of `text`, in order."""
    lex = _lexicon()
    # Folded once: `fold` keeps every character's place, so a slice of the folded text is the
    # folded slice, and each candidate phrase is a plain lookup.
    folded = fold(text)
    tokens = _tokens(folded)
    lowered = folded.lower()
    if len(lowered) != len(folded):  # a few letters lower-case to two characters ("İ")
        lowered = "".join(c if len(c.lower()) != 1 else c.lower() for c in folded)
    out: list[Predicate] = []
    i = 0
    while i < len(tokens):
        opens = lowered[tokens[i][0] : tokens[i][1]].strip() in lex.prefixes
        for n in range(min(PHRASE_WORDS, len(tokens) - i) if opens else 0, 0, -1):
            start, end = tokens[i][0], tokens[i + n - 1][1]
            kind = lex.word_class.get(lowered[start:end].strip())
            if kind is not None:
                out.append(Predicate(start, end, text[start:end], kind))
                i += n
                break
        else:
            start, end, tag = tokens[i]
            if tag in VERB_TAGS and end - start >= 2:
                out.append(Predicate(start, end, text[start:end], ""))
            i += 1
    return out


def _tokens(norm: str) -> list[tuple[int, int, str]]:
    out, offset = [], 0
    for word, tag in rjieba.tag(norm):
        if not word.isspace():
            out.append((offset, offset + len(word), tag))
        offset += len(word)
    return out


def is_weak(kind: str) -> bool:
    return kind in _lexicon().weak


def nearest(predicates: list[Predicate], at: int) -> Predicate | None:
    """The predicate a date at offset `at` governs: the first strong listed one after it, else
    the nearest one before it, then the same among weak classes, then among unlisted verbs
    (Chinese puts the time before the verb: 2024年2月，某某起诉了…)."""
    strong = [p for p in predicates if p.kind and not is_weak(p.kind)]
    weak = [p for p in predicates if p.kind and is_weak(p.kind)]
    for pool in (strong, weak, predicates):
        after = [p for p in pool if p.start >= at]
        if after:
            return after[0]
        if pool:
            return max(pool, key=lambda p: p.start)
    return None
