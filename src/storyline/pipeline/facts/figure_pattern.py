"""The regular expression that finds candidate figures, built from the shipped word lists."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from storyline.pipeline.facts.lexicon import FigureLexicon, figure_lexicon

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
    """Longest first, so that 平方米 is tried before 米 and US$ before $."""
    ordered = sorted(set(words), key=len, reverse=True)
    parts = []
    for word in ordered:
        escaped = re.escape(word)
        # Letters only: a Chinese character counts as a word character for \b, yet 5个GW and
        # 超过 are to match right next to one.
        if english_boundary and word.isascii() and word[-1].isalpha():
            escaped += r"(?![A-Za-z])"
        if english_boundary and word.isascii() and word[0].isalpha():
            escaped = r"(?<![A-Za-z])" + escaped
        parts.append(escaped)
    return "|".join(parts)


def _number(tag: str, lex: FigureLexicon) -> str:
    short = [m for m in lex.english_magnitudes if len(m) <= 2]
    long = [m for m in lex.english_magnitudes if len(m) > 2]
    english = rf"(?:\s(?:{alternation(long)})|(?:{alternation(short)}))(?![A-Za-z])"
    arabic, chinese = _numbers(lex)
    return rf"(?P<{tag}>(?<![A-Za-z0-9.]){arabic}|{chinese})(?P<{tag}mag>{english})?"


@lru_cache(maxsize=1)
def figure_pattern() -> re.Pattern[str]:
    lex = figure_lexicon()
    before = alternation(lex.qualifiers_before, english_boundary=True)
    after = alternation(lex.qualifiers_after)
    symbols = alternation(lex.currency_symbols)
    percent_pre = alternation(lex.percent_prefix + tuple(p for p in lex.permille if len(p) > 1))
    percent = alternation(lex.percent_suffix + lex.permille, english_boundary=True)
    measures = alternation(
        [*lex.currency_names, *lex.measures, *lex.points], english_boundary=True
    )
    counts = alternation(lex.classifiers, english_boundary=True)
    classifier = alternation(lex.general_classifiers)
    return re.compile(
        rf"(?:(?P<qpre>{before})\s?)?"
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
