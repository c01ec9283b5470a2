"""Figures: money, percentages, counts and measures, each with the span that states it.

`extract_figures` matches on a length-preserving normal form (Simplified, half-width), so the
offsets it reports index the text it was given, in whatever script and width it came.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from storyline.pipeline.facts.figure_pattern import (
    figure_anchor,
    figure_pattern,
    idiom_pattern,
    qualifier_before,
    qualifier_ends,
)
from storyline.pipeline.facts.folding import fold
from storyline.pipeline.facts.lexicon import FigureLexicon, figure_lexicon
from storyline.pipeline.facts.numerals import BIG_UNITS, VAGUE, parse_numeral
from storyline.records import Figure, Qualifier

PERCENT = "%"
PERMILLE = "‰"
POINTS = "pp"  # percentage points
# A lone 一 before a classifier (一个, 一家) is the indefinite article far more often than a count.
_INDEFINITE = "一"
# 百, 千 alone before a classifier speak of many (千家, 百企), not of a count; 十人 is a count.
_RHETORICAL = frozenset("百千万佰仟")
# How far back a qualifier may start: the longest (`in excess of`) and a space.
_QUALIFIER_REACH = 16
# How many characters before a range to look for a change word: two words of English.
_CHANGE_REACH = 24
# How far an idiom (千家万户) may reach beyond a candidate: the longest idiom's length.
_IDIOM_REACH = 4


def extract_figures(text: str, lang: str | None = None) -> list[Figure]:
    """Every figure in `text`, in order of appearance.

    `lang` is accepted so callers can pass what they know; the patterns serve Chinese and
    English at once (a Chinese numeral cannot occur in English text, nor `bn` in Chinese).
    """
    del lang
    norm = fold(text)
    lex = figure_lexicon()
    pattern = figure_pattern()
    figures: list[Figure] = []
    end = 0
    for hit in figure_anchor().finditer(norm):
        if hit.start() < end:
            continue
        match = pattern.match(norm, hit.start())
        figure = None if match is None else _read_or_first(match, pattern, norm, lex)
        if figure is not None:
            figures.append(_cite(figure, text))
            end = figure.end
    return figures


def _read_or_first(
    match: re.Match[str], pattern: re.Pattern[str], norm: str, lex: FigureLexicon
) -> Figure | None:
    if not (match["range"] or _marked(match)):
        return None  # a bare number (2019, 一个): most candidates end here, so test it first
    figure = _read(match, norm, lex) if _range_agrees(match, norm, lex) else None
    if figure is None and match["range"]:
        # 76% to $1.13bn, 2019-5人: not a range; read the first number alone.
        first = pattern.match(norm, match.start(), match.start("range"))
        figure = None if first is None else _read(first, norm, lex)
    return figure


def _marked(match: re.Match[str]) -> bool:
    """Whether anything besides digits makes the match a quantity: a unit, a sign, 万 or 亿."""
    if match["unit"] or match["count"] or match["sym"]:
        return True
    if match["pct"] or match["pct1"] or match["pctpre"]:
        return True
    number: str = match["n1"]
    return number[0].isdigit() and number[-1] in BIG_UNITS


def _range_agrees(match: re.Match[str], norm: str, lex: FigureLexicon) -> bool:
    """Both ends of a range carry the same kind of marks (a currency sign, a percent sign), and
    no word before it makes `X to Y` a change (rose $1.64 to $47.10)."""
    if not match["range"]:
        return True
    if match["range"].strip() == "to" and _after_change_word(norm, match.start(), lex):
        return False
    if match["sym2"] and not match["sym"]:
        return False
    return not (match["pct1"] and not match["pct"])


def _cite(figure: Figure, text: str) -> Figure:
    """Quote the caller's own characters (Traditional, full-width) for the span."""
    # Built directly: dataclasses.replace costs several times more, on every figure.
    f = figure
    return Figure(f.start, f.end, text[f.start : f.end], f.low, f.high, f.unit, f.qualifier)


def _read(match: re.Match[str], norm: str, lex: FigureLexicon) -> Figure | None:
    unit = _unit(match, norm, lex)
    if unit is None or _excluded(match, norm, lex, unit):
        return None
    values = _values(match, lex)
    if values is None:
        return None
    low, high = values
    start, end = match.span()
    before = None
    if start and norm[start - 1] in qualifier_ends():  # most figures stand unqualified
        before = qualifier_before().search(norm, max(0, start - _QUALIFIER_REACH), start)
    qualifier = _qualifier(match, lex, before.group().strip() if before else None)
    if before is not None:
        start = before.start()
    elif (sign := _negative_sign(norm, start, lex)) is not None:
        start, low, high = sign, -high, -low
    return Figure(start, end, norm[start:end], low, high, unit, qualifier)


def _negative_sign(norm: str, start: int, lex: FigureLexicon) -> int | None:
    """Where a sign making the figure negative begins (零下5℃, -3%), if there is one."""
    if not start or norm[start - 1] not in lex.negative_ends:  # a cheap first test
        return None
    for sign in lex.negative:
        at = start - len(sign)
        if at < 0 or not norm.startswith(sign, at):
            continue
        if sign.isascii() or sign == "−":  # a dash: not between two numbers or after a name
            before = norm[at - 1] if at else " "
            if (before.isascii() and before.isalnum()) or before in ".%":
                continue
        return at
    return None


def _after_change_word(norm: str, start: int, lex: FigureLexicon) -> bool:
    words = norm[max(0, start - _CHANGE_REACH) : start].lower().split()
    return bool(words) and (
        words[-1] in lex.change_words or " ".join(words[-2:]) in lex.change_words
    )


def _unit(match: re.Match[str], norm: str, lex: FigureLexicon) -> str | None:
    """The figure's unit, or None when nothing marks the number as a quantity."""
    if match["pctpre"] or match["pct"] or match["pct1"]:
        marker = (match["pctpre"] or match["pct"] or match["pct1"]).strip()
        return PERMILLE if marker in lex.permille else PERCENT
    word = (match["unit"] or match["count"] or "").strip()
    if match["sym"]:
        return lex.currency_symbols[_canonical(match["sym"], lex.currency_symbols, lex)]
    if word:
        return _unit_word(word, match, norm, lex)
    # A bare number with 万 or 亿 after Arabic digits (用户达3800万) is a quantity; a bare
    # Chinese numeral is not, since 千万 and 万一 are words too.
    number = match["n1"]
    if number[0].isdigit() and number[-1] in BIG_UNITS:
        return ""
    return None


def _unit_word(word: str, match: re.Match[str], norm: str, lex: FigureLexicon) -> str | None:
    word = _canonical(word, {}, lex)
    if word in lex.currency_names:
        return lex.currency_names[word]
    if word in lex.points:
        return POINTS
    if word in lex.general_classifiers and norm.startswith(lex.not_after_number, match.end()):
        return None  # 3个月 is a duration, not three of something
    return word


def _excluded(match: re.Match[str], norm: str, lex: FigureLexicon, unit: str) -> bool:
    start, end = match.span()
    if not match["sym"] and norm.endswith(lex.ordinal_prefixes, 0, start):
        return True  # 第3名
    number = match["n1"]
    if all(ch in VAGUE for ch in number):
        return True  # 几家, 数人: no number at all
    is_money = unit in lex.currency_codes
    if number == _INDEFINITE and not is_money and not match["n2"] and not match["pct"]:
        return True
    if number in _RHETORICAL and not is_money and not (match["qmid"] or match["qpost"]):
        return True  # 千家, 百人: a bare hundred or thousand is rhetoric unless it names money
    if idiom_pattern().search(norm) is None:
        return False  # the usual case: no set phrase anywhere in the text
    lo = max(0, start - _IDIOM_REACH)
    return any(
        hit.start() < end and hit.end() > start
        for hit in idiom_pattern().finditer(norm, lo, end + _IDIOM_REACH)
    )


def _values(match: re.Match[str], lex: FigureLexicon) -> tuple[float, float] | None:
    first = _number(match["n1"], match["n1mag"], lex)
    if first is None:
        return None
    if match["mag2"]:  # 1600多万: the multiplier comes after 多
        scale = _number(match["mag2"], None, lex) or (1.0, 1.0)
        first = first[0] * scale[0], first[1] * scale[1]
    if not match["n2"]:
        return first
    second = _number(match["n2"], match["n2mag"], lex)
    if second is None:
        return None
    suffix = _shared_magnitude(match["n1"], match["n1mag"], match["n2"])
    if suffix:  # 790至1340亿: the multiplier after the second number serves both
        first = _number(match["n1"] + suffix, match["n2mag"], lex) or first
    elif not match["n1mag"] and match["n2mag"]:  # 3 to 5 million
        first = _number(match["n1"], match["n2mag"], lex) or first
    if first[0] > second[1]:
        return None  # not a range: 2019-5
    return first[0], second[1]


def _shared_magnitude(first: str, first_mag: str | None, second: str) -> str:
    if first_mag or first[-1] in BIG_UNITS:
        return ""
    tail = len(second) - len(second.rstrip("".join(BIG_UNITS)))
    return second[len(second) - tail :] if tail else ""


def _number(text: str, magnitude: str | None, lex: FigureLexicon) -> tuple[float, float] | None:
    reading = parse_numeral(text)
    if reading is None:
        return None
    scale = 1.0
    if magnitude:
        scale = lex.english_magnitudes[_canonical(magnitude.strip(), lex.english_magnitudes, lex)]
    return reading.low * scale, reading.high * scale


def _qualifier(match: re.Match[str], lex: FigureLexicon, before: str | None) -> Qualifier:
    if before:
        return lex.qualifiers_before[_canonical(before, lex.qualifiers_before, lex)]
    after = match["qpost"] or match["qmid"]
    if after:
        return lex.qualifiers_after[after]
    number = match["n1"]
    if any(ch in VAGUE for ch in number) or _reads_as_pair(number):
        return Qualifier.APPROXIMATE
    if number[0] in _RHETORICAL or number[0] in BIG_UNITS:
        return lex.bare_magnitude  # 千亿美元; 十一 is exact
    return Qualifier.EXACT


def _reads_as_pair(number: str) -> bool:
    reading = parse_numeral(number)
    return reading is not None and reading.vague


def _canonical(word: str, table: Mapping[str, object], lex: FigureLexicon) -> str:
    """The lists' own spelling of `word`, which the pattern matched ignoring case."""
    return word if word in table else lex.spelling.get(word.casefold(), word)
