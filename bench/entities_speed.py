"""Speed of entity extraction beside rjieba's segmentation of the same texts, and a check that
a faster implementation gives exactly the same mentions as an earlier one.

Run: `PYTHONPATH=src python bench/entities_speed.py [--compare REV [--rounds N]] [--n N] [--write]`

Texts: the first N CCTV stories (`fragment_text` of their HTML). Reported: median milliseconds
per document (CPU time, each document's median over the passes), KB/s over the whole corpus
(UTF-8 bytes), and the ratio of our time to the time `rjieba.cut` takes on the same texts.

`--compare REV` extracts `src/storyline` of the git revision REV into a temporary folder, runs
its `extract_entities` in a child process on the same texts, times it the same way, and fails
unless every document's mentions are identical to ours, printing the differences.

One process's timing moves by tens of percent from the next one's on this shared machine (its
load, and where each process's tables fall in memory), more than most changes gain. With
`--rounds N` both codes run in fresh child processes N times each, alternating, and the median
of each side's per-round times is reported (per-document median, and the round's total).
"""

from __future__ import annotations

import json
import pickle
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from revision import describe, run_at, turns

ROOT = Path(__file__).resolve().parents[1]
CORPUS = Path("/work/shared/corpora/cctv-xwlb/stories.jsonl")
BASELINE = ROOT / "bench" / "baselines" / "entities_speed.json"
DEFAULT_N = 1500
# Timing passes: the machine is shared, so each document's time is the median of three runs.
PASSES = 3
# Differences printed in full before the rest are only counted.
SHOW_DIFFERENCES = 10

Result = list[tuple[int, int, str, str, str]]


def load_texts(n: int) -> list[str]:
    from storyline.pipeline.clean.html import fragment_text

    texts: list[str] = []
    with CORPUS.open(encoding="utf-8") as fh:
        for line in fh:
            if len(texts) >= n:
                break
            texts.append(fragment_text(json.loads(line)["raw_html"]))
    return texts


def _time_each(fn: Callable[[str], Any], texts: list[str]) -> list[float]:
    runs: list[list[float]] = [[] for _ in texts]
    for _ in range(PASSES):
        for i, text in enumerate(texts):
            t0 = time.process_time()
            fn(text)
            runs[i].append(time.process_time() - t0)
    return [statistics.median(r) for r in runs]


def _extract(text: str) -> Any:
    from storyline.pipeline.facts.entities import extract_entities

    return extract_entities(text)


def _cut(text: str) -> Any:
    import rjieba

    return rjieba.cut(text)


def _results(texts: list[str]) -> list[Result]:
    return [[(m.start, m.end, m.text, str(m.kind), m.entity) for m in _extract(t)] for t in texts]


def worker(path: str) -> None:
    """Child process: read texts from `path`, write back results and timings."""
    with Path(path).open("rb") as fh:
        texts: list[str] = pickle.load(fh)
    _extract(texts[0])  # load the alias table and rules before timing
    out = (_results(texts), _time_each(_extract, texts))
    with Path(path).open("wb") as fh:
        pickle.dump(out, fh)


def run_other(rev: str | None, texts: list[str]) -> tuple[list[Result], list[float]]:
    result: tuple[list[Result], list[float]] = run_at(rev, "entities_speed", texts)
    return result


def rounds(rev: str, texts: list[str], n: int) -> int:
    """Ours and `rev`'s extraction in fresh processes, alternating, `n` times each."""
    times: dict[str, list[list[float]]] = {"ours": [], rev: []}
    results: dict[str, list[Result]] = {}
    for mine in turns(n):
        side = "ours" if mine else rev
        results[side], seconds = run_other(None if mine else rev, texts)
        times[side].append(seconds)
    print(f"== cctv-xwlb: {len(texts)} documents, {n} rounds each in fresh processes")
    for side, runs in times.items():
        per_doc = statistics.median(statistics.median(r) for r in runs) * 1000
        total = statistics.median(sum(r) for r in runs)
        print(f"  {side[:18]:18s} median {per_doc:7.3f} ms/doc  round {total:7.2f} s")
    ours, theirs = (statistics.median(sum(r) for r in times[s]) for s in ("ours", rev))
    print(f"  ratio ours/{rev[:10]} (round medians): {ours / theirs:.3f}")
    return 1 if compare(results["ours"], results[rev]) else 0


def _row(label: str, seconds: list[float], texts: list[str], cut: list[float]) -> dict[str, Any]:
    kb = sum(len(t.encode("utf-8")) for t in texts) / 1e3
    total = sum(seconds) or 1e-9
    row = {
        "median_ms": round(statistics.median(seconds) * 1000, 4),
        "kb_per_s": round(kb / total, 1),
        "x_rjieba": round(total / (sum(cut) or 1e-9), 2),
    }
    print(
        f"  {label:18s} median {row['median_ms']:7.3f} ms/doc  {row['kb_per_s']:8.1f} KB/s  "
        f"{row['x_rjieba']:6.2f}x rjieba"
    )
    return row


def compare(ours: list[Result], other: list[Result]) -> int:
    bad = [i for i, (a, b) in enumerate(zip(ours, other, strict=True)) if a != b]
    print(f"  identical output: {len(ours) - len(bad)}/{len(ours)} documents")
    for i in bad[:SHOW_DIFFERENCES]:
        a, b = set(ours[i]), set(other[i])
        print(f"  document {i}: only ours {sorted(a - b)}; only theirs {sorted(b - a)}")
    return len(bad)


def main(argv: list[str]) -> int:
    if not CORPUS.exists():
        print(f"skipped: {CORPUS} is absent")
        return 0
    n = int(argv[argv.index("--n") + 1]) if "--n" in argv else DEFAULT_N
    rev = argv[argv.index("--compare") + 1] if "--compare" in argv else None
    texts = load_texts(n)
    if rev and "--rounds" in argv:
        return rounds(rev, texts, int(argv[argv.index("--rounds") + 1]))
    other = run_other(rev, texts) if rev else None
    summary: dict[str, Any] = {"documents": len(texts), "code": describe()}
    print(f"== cctv-xwlb: {len(texts)} documents")
    cut = _time_each(_cut, texts)
    summary["rjieba.cut"] = _row("rjieba.cut", cut, texts, cut)
    _extract(texts[0])  # load the alias table and rules before timing
    summary["extract_entities"] = _row("extract_entities", _time_each(_extract, texts), texts, cut)
    bad = 0
    if other is not None and rev is not None:
        results, seconds = other
        summary[f"rev {rev}"] = _row(f"rev {rev[:8]}", seconds, texts, cut)
        bad = compare(_results(texts), results)
        summary[f"rev {rev}"]["identical_documents"] = len(texts) - bad
    if "--write" in argv:
        BASELINE.write_text(json.dumps(summary, indent=2) + "\n", "utf-8")
        print(f"wrote {BASELINE}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
