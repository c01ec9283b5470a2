"""Words for the search index and for queries, cut by rjieba from normalized text.

The index gets jieba's search-mode cut (each word plus the dictionary sub-words of long words), so
a query for 起诉 finds 起诉书; queries are cut in the ordinary mode and every word must match.
Punctuation tokens are left in the indexed string: FTS5's unicode61 tokenizer drops them, which
is cheaper than filtering a million tokens in Python.
"""

from __future__ import annotations

import re

import rjieba

from storyline.pipeline.clean.normalize import normalize

# A token worth indexing holds at least one letter, digit or CJK ideograph; punctuation and
# spaces are dropped (FTS5's unicode61 tokenizer would drop them anyway).
_WORDY = re.compile(r"[0-9A-Za-z\u00c0-\u024f\u0370-\u03ff\u0400-\u04ff\u3400-\u9fff\uf900-\ufaff]")


def index_tokens(norm: str) -> str:
    """Space-joined search-mode words of an already normalized text."""
    return " ".join(rjieba.cut_for_search(norm))


def query_terms(query: str) -> list[str]:
    """The words of a user's query, normalized like the indexed text (any script, any width)."""
    norm, _ = normalize(query)
    seen: dict[str, None] = {}
    for word in rjieba.cut(norm):
        word = word.strip().lower()
        if word and _WORDY.search(word):
            seen.setdefault(word, None)
    return list(seen)


def word_parts(word: str) -> list[str]:
    """Shorter dictionary words that cover `word` left to right, or [] when it has none.

    A text may segment the same characters differently from the query (市场监管部门 is cut
    市场 / 监管部门, the query 市场监管 stays whole), so a query word also matches its parts
    standing near each other.
    """
    subs = {w for w in rjieba.cut_for_search(word) if w != word and len(w) >= 2}
    parts: list[str] = []
    pos = 0
    while pos < len(word):
        fits = [s for s in subs if word.startswith(s, pos)]
        if not fits:
            return []
        best = max(fits, key=len)
        parts.append(best)
        pos += len(best)
    return parts
