"""Keywords of an article: words weighted by TF-IDF, title words counted extra.

IDF comes from the table jieba ships (270k words, general Chinese text); words it does not know
(new names: OpenAI, 马斯克) get its median, which is high — new names are what tell stories
apart. English words get the median too (jieba's table is Chinese).
"""

from __future__ import annotations

import math
import re
import statistics
from collections import Counter
from functools import lru_cache
from importlib.util import find_spec
from itertools import repeat
from operator import mul
from pathlib import Path

from storyline.pipeline.clean.datafile import load_words

# Keywords kept per article: enough to describe it, few enough to compare quickly. Story Forest
# keeps a few dozen per document; 24 covered every distinctive word of the sample articles.
KEYWORDS_PER_ARTICLE = 24
# A title word counts as this many body occurrences: headlines name the happening.
TITLE_BOOST = 3
# Words shorter than this (in characters) are dropped: single Chinese characters are mostly
# function words, and single Latin letters are noise.
MIN_WORD_CHARS = 2

# Search-mode tokens hold each long word's dictionary sub-words too (奥尔特曼 → 奥尔特, 特曼).
# A candidate found inside a longer candidate that occurs at least this share as often is taken
# for such a sub-word and dropped; 营利 inside 非营利 survives when it also stands alone often.
SUBWORD_SHARE = 0.8
# Candidates examined for sub-words: a margin over the k kept.
CANDIDATE_MARGIN = 3

# Search mode splits words of up to about seven characters (中华人民共和国); longer candidates
# are Latin runs or URLs, whose substrings never stand as tokens of their own.
MAX_SPLIT_WORD = 8
_CJK_START = re.compile(r"[\u3400-\u9fff]")
# For each word length, the (start, end) of every piece of at least MIN_WORD_CHARS shorter than
# the word: the sub-words search mode may have cut from it.
_PIECES = {
    size: [(i, j) for i in range(size) for j in range(i + MIN_WORD_CHARS, size + (i > 0))]
    for size in range(MIN_WORD_CHARS + 1, MAX_SPLIT_WORD + 1)
}
# A whole token (between spaces) of at least MIN_WORD_CHARS that starts with a letter or an
# ideograph and holds only those, digits, dots and hyphens: the words worth weighing.
_CANDIDATE = re.compile(
    rf"(?<!\S)[\u3400-\u9fffA-Za-z][\u3400-\u9fffA-Za-z0-9.\-]{{{MIN_WORD_CHARS - 1},}}(?!\S)"
)
# A name followed by a serial number (神舟 十六号, 天舟 六号, 长征 七号, 神舟 20 号) names one
# member of a series; the segmenter cuts it in two, and the halves are shared by every member
# (missions, spacecraft, numbered storms), so the joined form is kept as a word of its own.
_NUMERAL = re.compile(r"^[零〇一二三四五六七八九十百千两\d]+$")
_SERIAL = re.compile(r"^[零〇一二三四五六七八九十百千两\d]+号$")
_NAME = re.compile(r"^[\u3400-\u9fff]{2,}$")


@lru_cache(maxsize=1)
def idf_table() -> tuple[dict[str, float], float]:
    """jieba's IDF table and its median (the weight of unknown words).

    The table is built common words first (lowest IDF), each word a string made in that order
    and each of the 3,328 distinct values one float, so the words an article looks up most sit
    close together in memory. Between the other steps' work the 270k-word table falls out of
    the CPU caches; in file order (rare words first) the lookups cost about a third more
    (keywords on 2,000 CCTV records in a full ingest: 0.40 → 0.30 s).
    """
    text = _jieba_file("analyse/idf.txt").read_text(encoding="utf-8")
    # Words gathered by their value as written, the values then taken in rising order: a
    # sort of 270k (value, word) pairs took 0.6 s, most of it comparing the words of equal
    # values, whose order does not matter. A word listed twice keeps its higher value.
    by_value: dict[str, list[str]] = {}
    for line in text.splitlines():
        word, _, value = line.partition(" ")
        if value:
            by_value.setdefault(value, []).append(word)
    table: dict[str, float] = {}
    for value in sorted(by_value, key=float):
        number = float(value)
        # A fresh copy of each word (the slice of the line is dropped), allocated in this order.
        table.update(("".join((word, " "))[:-1], number) for word in by_value[value])
    return table, statistics.median(table.values())


def _jieba_file(name: str) -> Path:
    """A data file of the jieba package, found without importing it: jieba's import pulls in
    pkg_resources (about 0.1 s in every process that weighs keywords: each worker, each CLI
    ingest)."""
    spec = find_spec("jieba")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("the jieba package (its IDF table) is not installed")
    return Path(next(iter(spec.submodule_search_locations))) / name


def stop_words() -> frozenset[str]:
    return load_words("stopwords.txt")


def _candidates(tokens: str) -> Counter[str]:
    """Counts of the words worth weighing: found and counted in C, stop words dropped after."""
    counts = Counter(_CANDIDATE.findall(tokens.lower()))
    for word in stop_words().intersection(counts):
        del counts[word]
    # Every serial name ends in 号; most texts have none, and then the regex need not run.
    if "号" in tokens:
        counts.update(serial_names(tokens))
    return counts


# A name, then a run of number tokens: search mode writes 神舟十五号 as 神舟 十五 五号 十五号.
_RUN = re.compile(
    r"(?<!\S)([\u3400-\u9fff]{2,})((?: [零〇一二三四五六七八九十百千两\d]+号?| 号)+)(?!\S)"
)


def serial_names(tokens: str | list[str]) -> list[str]:
    """Names joined to the serial number that follows them: 神舟 十五 五号 十五号 → 神舟十五号.

    Search-mode tokens list a serial's sub-words before it, so the longest serial in the run of
    number tokens after a name is the one it carries. A regex finds the runs, so the common case
    (no serial) costs no Python loop over tokens."""
    text = tokens if isinstance(tokens, str) else " ".join(tokens)
    out: list[str] = []
    for match in _RUN.finditer(text):
        name = match.group(1)
        if _NUMERAL.match(name):
            continue
        serial, last_number = "", ""
        for token in match.group(2).split():
            if token == "号" and last_number:
                token = last_number + token
            if _SERIAL.match(token) and len(token) > len(serial):
                serial = token
            last_number = token if _NUMERAL.match(token) else ""
        if serial:
            out.append(name + serial)
    return out


def keywords(
    title_tokens: str, body_tokens: str, k: int = KEYWORDS_PER_ARTICLE
) -> dict[str, float]:
    """The top-k TF-IDF words of an article (from its search tokens), as a unit-length vector."""
    counts = _candidates(body_tokens)
    for word, n in _candidates(title_tokens).items():
        counts[word] += TITLE_BOOST * n
    table, median = idf_table()
    get = table.get
    # Counts take few distinct values (mostly 1): each log is taken once. Weights are made
    # negative, so that sorting (weight, word) pairs puts the heaviest first, ties by word, as
    # a key function would, without a Python call per word; negation is exact, so -weight is
    # the weight (1 + log c) * idf to the last bit.
    negative = {c: -1 - math.log(c) for c in set(counts.values())}
    # Weighed in C (map and zip over the counts, no Python step per word), the same floats as
    # negative[c] * get(w, median) word by word.
    weights = map(mul, map(negative.__getitem__, counts.values()), map(get, counts, repeat(median)))
    pairs = sorted(zip(weights, counts, strict=True))
    pairs = pairs[: k * CANDIDATE_MARGIN]
    weighted = {w: -s for s, w in pairs}
    ranked = [w for _, w in pairs]
    top = [(w, weighted[w]) for w in _drop_subwords(ranked, counts)][:k]
    norm = math.sqrt(sum(v * v for _, v in top)) or 1.0
    return {w: v / norm for w, v in top}


def _drop_subwords(ranked: list[str], counts: Counter[str]) -> list[str]:
    # Only search mode's Chinese words carry sub-words; long or Latin ones need no table, and a
    # word of MIN_WORD_CHARS has no shorter piece that could be a candidate.
    containers = sorted(
        (counts[w], w)
        for w in ranked
        if MIN_WORD_CHARS < len(w) <= MAX_SPLIT_WORD and _CJK_START.match(w)
    )
    # For every shorter piece of a ranked word, the highest count of a ranked word containing
    # it: containers go in rising count, so the last one written for a piece is the highest.
    container = {w[i:j]: n for n, w in containers for i, j in _PIECES[len(w)]}
    return [w for w in ranked if container.get(w, 0) < SUBWORD_SHARE * counts[w]]
