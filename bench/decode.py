"""Decoding: throughput on UTF-8 and GBK, and accuracy of undeclared and wrongly declared input.

Run: PYTHONPATH=src python bench/decode.py [--write-baseline]

Anchors, run in the same script on the same bytes:
- `bytes.decode` with the right codec: the floor no detector can beat (it is told the answer).
- charset-normalizer `from_bytes(raw).best()`: the detector the project depends on.
Text: the bodies of the extraction-dev corpus (Simplified ones encoded to GBK, Traditional ones
to Big5), or, when the corpus is absent, a paragraph written for this benchmark, repeated.
"""

from __future__ import annotations

import contextlib
import json
import re
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

from charset_normalizer import from_bytes

from storyline.errors import DecodeError
from storyline.pipeline.clean.encoding import decode

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "extraction-dev"
BASELINE = Path(__file__).parent / "baselines" / "decode.json"
REPEATS = 5
# A headline's length: the short texts where detectors guess.
SNIPPET_CHARS = 12
_META = re.compile(r"(<meta[^>]*?charset\s*=\s*[\"']?\s*)utf-8", re.IGNORECASE)
FALLBACK = (
    "记者从市交通局获悉，地铁三号线延长段将于下月底开通试运营。新线全长十二公里，设车站九座，"
    "沿线居民出行时间预计缩短一半。交通局表示，开通初期列车间隔为六分钟。\n"
)


def load_pages() -> list[tuple[str, str, str]]:
    """(script, body, whole page) triples from the corpus, or the fallback paragraph."""
    if not CORPUS.is_dir():
        print(f"corpus absent ({CORPUS}); timing a written paragraph instead")
        page = f"<html><head><meta charset=utf-8></head><body><p>{FALLBACK * 40}</p></body>"
        return [("hans", FALLBACK * 40, page)] * 50
    out = []
    for path in sorted(CORPUS.glob("*.json")):
        info = json.loads(path.read_text(encoding="utf-8"))
        page = path.with_suffix(".html").read_text(encoding="utf-8")
        out.append((info["script_guess"], info["body"], page))
    return out


def median_seconds(fn: Callable[[], object]) -> float:
    times = []
    for _ in range(REPEATS):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def throughput(blobs: list[bytes], codec: str, markup: bool) -> dict[str, float]:
    size = sum(len(b) for b in blobs) / 1e6
    ours = median_seconds(lambda: [decode(b, markup=markup) for b in blobs])
    floor = median_seconds(lambda: [b.decode(codec) for b in blobs])
    detector = median_seconds(lambda: [from_bytes(b).best() for b in blobs[:40]])
    detector_size = sum(len(b) for b in blobs[:40]) / 1e6
    return {
        "storyline MB/s": size / ours,
        "bytes.decode MB/s": size / floor,
        "charset-normalizer MB/s": detector_size / detector,
    }


def accuracy(cases: list[tuple[bytes, str, str | None]]) -> dict[str, float]:
    """Share of cases whose text comes back exactly; charset-normalizer ignores the label."""
    ours = detector = 0
    for raw, text, declared in cases:
        with contextlib.suppress(DecodeError):
            ours += decode(raw, declared).text == text
        best = from_bytes(raw).best()
        detector += best is not None and str(best) == text
    return {"storyline": ours / len(cases), "charset-normalizer": detector / len(cases)}


def _snippets(cases: list[tuple[bytes, str, str]], size: int) -> list[tuple[bytes, str, str]]:
    """The first `size` characters of each body that has that many, re-encoded."""
    out = []
    for _, body, script in cases:
        text = body.strip()[:size]
        if len(text) == size:
            out.append((text.encode(legacy(script)), text, script))
    return out


def legacy(script: str) -> str:
    return "gbk" if script == "hans" else "big5"


def main() -> None:
    pages = load_pages()
    bodies = [(script, body) for script, body, _ in pages]
    simplified = [page for script, _, page in pages if script == "hans"]
    gbk_pages = [
        _META.sub(r"\g<1>gbk", page).encode("gbk", "xmlcharrefreplace") for page in simplified
    ]
    results: dict[str, dict[str, float]] = {
        "utf-8 pages, meta": throughput([p.encode("utf-8") for *_, p in pages], "utf-8", True),
        "gbk pages, meta": throughput(gbk_pages, "gb18030", True),
        "gbk pages, sniffed": throughput(gbk_pages, "gb18030", False),
    }
    encodable = []
    for script, body in bodies:
        try:
            encodable.append((body.encode(legacy(script)), body, script))
        except UnicodeEncodeError:
            continue
    wrong = {"gbk": "big5", "big5": "gbk"}
    results["accuracy undeclared"] = accuracy([(raw, body, None) for raw, body, _ in encodable])
    results["accuracy wrong label"] = accuracy(
        [(raw, body, wrong[legacy(script)]) for raw, body, script in encodable]
    )
    results["accuracy short undeclared"] = accuracy(
        [(raw, body, None) for raw, body, script in _snippets(encodable, SNIPPET_CHARS)]
    )
    results["accuracy utf-8 labelled gbk"] = accuracy(
        [(body.encode("utf-8"), body, "gbk") for _, body in bodies]
    )
    size = sum(len(page.encode("utf-8")) for *_, page in pages) / 1e6
    print(f"{len(pages)} pages, {size:.1f} MB as UTF-8; median of {REPEATS} runs")
    for name, row in results.items():
        cells = "  ".join(f"{k} {v:8.3f}" for k, v in row.items())
        print(f"{name:30} {cells}")
    for name in ("utf-8 pages, meta", "gbk pages, sniffed"):
        row = results[name]
        print(
            f"{name}: storyline is {row['storyline MB/s'] / row['charset-normalizer MB/s']:.0f}x "
            f"charset-normalizer, {row['storyline MB/s'] / row['bytes.decode MB/s']:.2f}x the floor"
        )
    if "--write-baseline" in sys.argv:
        BASELINE.write_text(json.dumps(results, indent=1, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
