"""Figures and date expressions: accuracy and speed against JioNLP on hand-checked sentences.

    PYTHONPATH=src python bench/facts.py [--runs N] [--no-write]

The gold set (bench/data/facts_gold.jsonl) holds references to sentences of the shared corpora
(corpus file, record id, offset, length, hash) and the figures and dates a reader finds in them;
the text is loaded from ../shared/corpora at run time. Sentences marked `convert: s2t` are read in
Traditional script (OpenCC s2t); JioNLP is given the Simplified form (it reads only that).

Accuracy is recall over gold items, one prediction matching at most one gold item:
  exact  the prediction has the gold span (start, end) and the gold value;
  value  some prediction in the sentence has the gold value, wherever its span.
A figure's value is low and high (relative difference <= 1e-6) and, for money and percentages,
the unit; a date's value is its first and last day. Precision (value matching) is given for
money and percentages, the kinds JioNLP also claims, and for all dates.
JioNLP (`jionlp.ner.extract_money`, `extract_time`) reads no English, so its English cells are 0.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import statistics
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from facts_corpus import corpora_present, records, sentence_hash, to_simplified, to_traditional
from storyline.pipeline.facts.dates import extract_dates
from storyline.pipeline.facts.figures import extract_figures
from storyline.pipeline.facts.lexicon import figure_lexicon

HERE = Path(__file__).resolve().parent
GOLD = HERE / "data" / "facts_gold.jsonl"
BASELINE = HERE / "baselines" / "facts.json"
RELATIVE_TOLERANCE = 1e-6  # values are parsed from the same digits; only float noise differs
KEYED_UNITS = {"%", "pp"}  # besides currency codes, units that must match for a value match
JIONLP_QUALIFIED = ("money", "%")  # the figure kinds whose precision both tools can be asked for


@dataclass(frozen=True, slots=True)
class Sentence:
    text: str
    published: date
    lang: str
    script: str
    split: str
    figures: list[tuple[int, int, float, float, str]]
    dates: list[tuple[int, int, str, str]]


@dataclass(frozen=True, slots=True)
class Prediction:
    figures: list[tuple[int, int, float, float, str]] = field(default_factory=list)
    dates: list[tuple[int, int, str, str]] = field(default_factory=list)


def load_gold() -> list[Sentence]:
    out = []
    texts = records()
    for line in GOLD.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        record = texts[(row["corpus"], row["record"])]
        sentence = record.text[row["offset"] : row["offset"] + row["length"]]
        if sentence_hash(sentence) != row["sha"]:
            raise SystemExit(f"corpus changed: {row['corpus']} {row['record']} @{row['offset']}")
        if row["convert"] == "s2t":
            sentence = to_traditional(sentence) or sentence
        figures = [(f[0], f[1], f[2], f[3], f[4]) for f in row["figures"]]
        dates = [(d[0], d[1], d[2], d[3]) for d in row["dates"]]
        published = date.fromisoformat(row["published"])
        out.append(
            Sentence(sentence, published, row["lang"], row["script"], row["split"], figures, dates)
        )
    return out


def ours(sentence: Sentence) -> Prediction:
    figures = [
        (f.start, f.end, f.low, f.high, f.unit)
        for f in extract_figures(sentence.text, sentence.lang)
    ]
    dates = [
        (d.start, d.end, d.first.isoformat(), d.last.isoformat())
        for d in extract_dates(sentence.text, sentence.published)
    ]
    return Prediction(figures, dates)


class JioNLP:
    """JioNLP's money and time extractors, silenced (they print to stdout on import and use)."""

    def __init__(self) -> None:
        with _silence():
            import jionlp  # benchmark-only dependency

        self.jio = jionlp
        self.currency = figure_lexicon().currency_names

    def __call__(self, sentence: Sentence) -> Prediction:
        if sentence.lang != "zh":
            return Prediction()
        text = to_simplified(sentence.text)
        same_offsets = len(text) == len(sentence.text)
        base = time.mktime(datetime.combine(sentence.published, datetime.min.time()).timetuple())
        with _silence():
            money = _safe(lambda: self.jio.ner.extract_money(text, with_parsing=True))
            times = _safe(
                lambda: self.jio.ner.extract_time(
                    text, time_base=base + 12 * 3600, with_parsing=True
                )
            )
        figures = [f for f in (self._money(m, same_offsets) for m in money) if f is not None]
        dates = [d for d in (_time(t, same_offsets) for t in times) if d is not None]
        return Prediction(figures, dates)

    def _money(self, item: dict[str, Any], same: bool) -> tuple[int, int, float, float, str] | None:
        num = item["detail"]["num"]
        low, high = (float(num[0]), float(num[1])) if isinstance(num, list) else (float(num),) * 2
        unit = self.currency.get(item["detail"]["case"], item["detail"]["case"])
        start, end = item["offset"] if same else (-1, -1)
        return start, end, low, high, unit


def _time(item: dict[str, Any], same: bool) -> tuple[int, int, str, str] | None:
    if item["type"] not in ("time_point", "time_span"):
        return None  # durations and recurring times are not dates
    span = item["detail"]["time"]
    if not isinstance(span, list) or len(span) != 2:
        return None
    first, last = str(span[0])[:10], str(span[1])[:10]
    try:
        date.fromisoformat(first), date.fromisoformat(last)
    except ValueError:
        return None  # open ends (`inf`)
    start, end = item["offset"] if same else (-1, -1)
    return start, end, first, last


def _safe(call: Callable[[], list[dict[str, Any]]]) -> list[dict[str, Any]]:
    try:
        return call()
    except Exception:  # JioNLP raises on some inputs; count it as finding nothing
        return []


@contextlib.contextmanager
def _silence() -> Iterator[None]:
    sink = io.StringIO()
    with contextlib.redirect_stdout(sink), contextlib.redirect_stderr(sink):
        yield


def _close(a: float, b: float) -> bool:
    return abs(a - b) <= RELATIVE_TOLERANCE * max(1.0, abs(a), abs(b))


def _figure_value(gold: tuple[Any, ...], pred: tuple[Any, ...], money: set[str]) -> bool:
    if not (_close(gold[2], pred[2]) and _close(gold[3], pred[3])):
        return False
    keyed = gold[4] in money or gold[4] in KEYED_UNITS
    return not keyed or gold[4] == pred[4]


def _date_value(gold: tuple[Any, ...], pred: tuple[Any, ...], money: set[str]) -> bool:
    del money
    return bool(gold[2] == pred[2] and gold[3] == pred[3])


Same = Callable[[tuple[Any, ...], tuple[Any, ...], set[str]], bool]


def _matches(gold: list[Any], pred: list[Any], same: Same, money: set[str], *, span: bool) -> int:
    used: set[int] = set()
    found = 0
    for g in gold:
        for k, p in enumerate(pred):
            if k in used or (span and (p[0], p[1]) != (g[0], g[1])):
                continue
            if same(g, p, money):
                used.add(k)
                found += 1
                break
    return found


def _kind(unit: str, money: set[str]) -> str:
    return "money" if unit in money else "%" if unit == "%" else "other"


@dataclass(slots=True)
class Tally:
    gold: int = 0
    exact: int = 0
    value: int = 0
    predicted: int = 0
    correct: int = 0

    def row(self) -> dict[str, float | int]:
        def share(a: int, b: int) -> float:
            return round(a / b, 4) if b else 0.0

        return {
            "gold": self.gold,
            "exact": share(self.exact, self.gold),
            "value": share(self.value, self.gold),
            "precision": share(self.correct, self.predicted),
        }


def score(sentences: list[Sentence], preds: list[Prediction]) -> dict[str, dict[str, Any]]:
    money = set(figure_lexicon().currency_codes)
    tallies: dict[str, Tally] = {}
    for sentence, pred in zip(sentences, preds, strict=True):
        for group in _groups(sentence):
            _tally_figures(tallies, group, sentence, pred, money)
            _tally_dates(tallies.setdefault(f"dates/{group}", Tally()), sentence, pred, money)
    return {name: tally.row() for name, tally in sorted(tallies.items())}


def _groups(sentence: Sentence) -> list[str]:
    return [
        "all",
        sentence.lang,
        sentence.script,
        sentence.split,
        f"{sentence.split}-{sentence.lang}",
    ]


def _tally_figures(
    tallies: dict[str, Tally], group: str, s: Sentence, pred: Prediction, money: set[str]
) -> None:
    for kind in ("all", "money", "%", "other"):
        gold = [g for g in s.figures if kind == "all" or _kind(g[4], money) == kind]
        mine = [p for p in pred.figures if kind == "all" or _kind(p[4], money) == kind]
        tally = tallies.setdefault(f"figures/{group}/{kind}", Tally())
        tally.gold += len(gold)
        tally.exact += _matches(gold, mine, _figure_value, money, span=True)
        tally.value += _matches(gold, mine, _figure_value, money, span=False)
        if kind in JIONLP_QUALIFIED:
            tally.predicted += len(mine)
            tally.correct += _matches(gold, mine, _figure_value, money, span=False)


def _tally_dates(tally: Tally, s: Sentence, pred: Prediction, money: set[str]) -> None:
    tally.gold += len(s.dates)
    tally.exact += _matches(s.dates, pred.dates, _date_value, money, span=True)
    tally.value += _matches(s.dates, pred.dates, _date_value, money, span=False)
    tally.predicted += len(pred.dates)
    tally.correct += _matches(s.dates, pred.dates, _date_value, money, span=False)


def timed(
    tools: dict[str, Callable[[Sentence], Prediction]], sentences: list[Sentence], runs: int
) -> dict[str, float]:
    """Milliseconds of CPU per sentence, the median over `runs` passes per tool. Passes alternate
    between the tools so that load from other processes falls on both alike."""
    samples: dict[str, list[float]] = {name: [] for name in tools}
    for _ in range(runs):
        for name, run in tools.items():
            start = time.process_time()
            for sentence in sentences:
                run(sentence)
            samples[name].append((time.process_time() - start) * 1000 / len(sentences))
    return {name: statistics.median(values) for name, values in samples.items()}


# The rows printed; the baseline keeps them all (per script, split, language and kind).
SHOWN = [
    *(f"dates/{g}" for g in ("all", "zh", "en", "Hans", "Hant", "heldout-zh", "heldout-en")),
    *(f"figures/{g}/{k}" for g in ("all", "zh", "Hant", "heldout-zh") for k in ("all", "money")),
    "figures/all/%",
    "figures/all/other",
    "figures/en/money",
]


def _print_table(results: dict[str, dict[str, dict[str, Any]]]) -> None:
    print(f"{'subset':24} {'gold':>5}  " + "  ".join(f"{t:>24}" for t in results))
    print(f"{'':24} {'':>5}  " + "  ".join(f"{'exact  value  precision':>24}" for _ in results))
    for name in SHOWN:
        gold = next(iter(results.values()))[name]["gold"]
        cells = []
        for table in results.values():
            row = table[name]
            precision = (
                f"{row['precision']:.3f}"
                if name.endswith(("money", "%")) or (name.startswith("dates"))
                else "-"
            )
            cells.append(f"{row['exact']:>7.3f} {row['value']:>6.3f} {precision:>10}")
        print(f"{name:24} {gold:>5}  " + "  ".join(f"{c:>24}" for c in cells))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="timing passes (median is kept)")
    parser.add_argument("--no-write", action="store_true", help="do not rewrite the baseline")
    args = parser.parse_args(argv)
    if not corpora_present():
        print("skipped: the shared corpora (../shared/corpora) are not here")
        return 0
    sentences = load_gold()
    jio = JioNLP()
    results = {
        "storyline": score(sentences, [ours(s) for s in sentences]),
        "jionlp": score(sentences, [jio(s) for s in sentences]),
    }
    _print_table(results)
    chinese = [s for s in sentences if s.lang == "zh"]
    ms = timed({"storyline": ours, "jionlp": jio}, chinese, args.runs)
    speed = {
        "sentences": len(chinese),
        "runs": args.runs,
        "storyline_ms_per_sentence": round(ms["storyline"], 4),
        "jionlp_ms_per_sentence": round(ms["jionlp"], 4),
        "speedup": round(ms["jionlp"] / ms["storyline"], 1),
    }
    print(f"\nChinese sentences: {len(chinese)}; CPU ms per sentence, figures + dates, median of")
    print(f"{args.runs} alternating passes:  storyline {ms['storyline']:.3f}   jionlp")
    print(f"{ms['jionlp']:.3f}   speedup x{speed['speedup']}")
    if not args.no_write:
        BASELINE.write_text(
            json.dumps({"accuracy": results, "speed": speed}, indent=1, ensure_ascii=False) + "\n",
            encoding="utf-8",
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
