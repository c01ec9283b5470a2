"""The regular expression that finds candidate figures, built from the shipped word lists."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

from storyline.pipeline.facts.lexicon import FigureLexicon, figure_lexicon
from storyline.pipeline.facts.scan import first_characters

_CN_DIGITS = "零〇一二两三四五六七八九壹贰叁肆伍陆柒捌玖"
_CN_UNITS = "十百千万亿兆拾佰仟"


def _numbers(lex: FigureLexicon) -> tuple[str, str]:
    """Arabic and Chinese numerals. A multiplier is not taken when it begins a unit, so 10千米
    is ten kilometres, not ten thousand metres, while 8千亿 is 800 billion."""
    units = [u for u in (*lex.classifiers, *lex.measures) if u[0] in _CN_UNITS]
    guard = rf"(?!{alternation(units)})" if units else ""
    arabic = rf"\d+(?:,\d{{3}})*(?:\.\d+)?(?:{guard}[十百千万亿兆])*"
    chinese = (
        rf"(?<![\d多余几数{_CN_DIGITS}{_CN_UNITS}])(?:{guard}[{_CN_DIGITS}{_CN_UNITS}数几])+"
        rf"(?:点[{_CN_DIGITS}]+(?:{guard}[万亿兆])*)?"
    )
    return arabic, chinese


_RANGE = r"至|到|~|～|-|—|–|－|\s?to\s"


def alternation(words: Iterable[str], *, english_boundary: bool = False) -> str:
    """A regex matching any of `words`, longest first, written as a trie (平方(?:米|公里)).

    Python's engine tries the branches of an alternation one by one, so a flat list of a
    hundred units costs a hundred attempts at every candidate; a trie costs one per character.
    With `english_boundary`, an English word must not touch other letters (5个GW still matches).
    """
    trie: dict[str, Any] = {}
    for word in set(words):
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = word
    return _trie(trie, english_boundary=english_boundary, top=True)


def _trie(node: dict[str, Any], *, english_boundary: bool, top: bool) -> str:
    branches = []
    for ch in sorted(k for k in node if k):
        head = re.escape(ch)
        if top and english_boundary and ch.isascii() and ch.isalpha():
            head = r"(?<![A-Za-z])" + head
        branches.append(head + _trie(node[ch], english_boundary=english_boundary, top=False))
    body = "|".join(branches)
    if "" not in node:
        return f"(?:{body})" if len(branches) > 1 or top else body
    word: str = node[""]
    end = r"(?![A-Za-z])" if english_boundary and word.isascii() and word[-1].isalpha() else ""
    if not branches:
        return end
    return f"(?:{body}|{end})" if end else f"(?:{body})?"


def _number(tag: str, lex: FigureLexicon) -> str:
    short = [m for m in lex.english_magnitudes if len(m) <= 2]
    long = [m for m in lex.english_magnitudes if len(m) > 2]
    english = rf"(?:\s(?:{alternation(long)})|(?:{alternation(short)}))(?![A-Za-z])"
    arabic, chinese = _numbers(lex)
    return rf"(?P<{tag}>(?<![A-Za-z0-9.]){arabic}|{chinese})(?P<{tag}mag>{english})?"


@lru_cache(maxsize=1)
def figure_pattern() -> re.Pattern[str]:
    lex = figure_lexicon()
    after = alternation(lex.qualifiers_after)
    symbols = alternation(lex.currency_symbols)
    percent_pre = alternation(lex.percent_prefix + tuple(p for p in lex.permille if len(p) > 1))
    percent = alternation(lex.percent_suffix + lex.permille, english_boundary=True)
    measures = alternation([*lex.currency_names, *lex.measures, *lex.points], english_boundary=True)
    counts = alternation(lex.classifiers, english_boundary=True)
    classifier = alternation(lex.general_classifiers)
    return re.compile(
        rf"(?P<pctpre>{percent_pre})?"
        rf"(?:(?P<sym>{symbols})\s?)?"
        rf"{_number('n1', lex)}(?P<pct1>{percent})?"
        rf"(?:\s?(?P<range>{_RANGE})\s?(?P<sym2>{symbols})?\s?{_number('n2', lex)})?"
        rf"(?:(?P<qmid>多|余)(?P<mag2>[万亿兆]+)?)?"
        rf"(?P<pct>\s?(?:{percent}))?"
        rf"(?:\s?(?:(?P<cls>{classifier})?(?P<unit>{measures})|(?P<count>{counts})))?"
        rf"(?P<qpost>{after})?",
        re.IGNORECASE,
    )


@lru_cache(maxsize=1)
def qualifier_before() -> re.Pattern[str]:
    """A qualifier ending right where a figure begins (超过, more than); search it with
    `endpos` set to the figure's start."""
    before = alternation(figure_lexicon().qualifiers_before, english_boundary=True)
    return re.compile(rf"(?:{before})\s?$", re.IGNORECASE)


@lru_cache(maxsize=1)
def figure_anchor() -> re.Pattern[str]:
    """Where a figure can begin: the first digit of a number, the first character of a Chinese
    numeral, a currency sign, 百分之. Later digits of a number are no place to begin."""
    lex = figure_lexicon()
    signs = first_characters(lex.currency_symbols, lex.permille).pattern
    cn = _CN_DIGITS + _CN_UNITS + "数几"
    return re.compile(rf"(?<![0-9])(?<![0-9][.,])[0-9]|(?<![{cn}])[{cn}]|{signs}")


@lru_cache(maxsize=1)
def idiom_pattern() -> re.Pattern[str]:
    return re.compile(alternation(figure_lexicon().idioms))


@lru_cache(maxsize=1)
def qualifier_ends() -> frozenset[str]:
    """The characters a qualifier can end with, or the space after it: a cheap test before
    looking for one."""
    return frozenset({word[-1] for word in figure_lexicon().qualifiers_before} | {" "})
