"""Publication-time parsing: time per call and share read right, beside dateparser.

Run: PYTHONPATH=src python bench/published.py [--write-baseline]

Anchors, on the same strings: `datetime.fromisoformat` (the floor: ISO only) and
`dateparser.parse` (the general multilingual parser; language hints zh and en, zone
Asia/Shanghai). The strings are written for this benchmark: bare date values as meta tags and
feeds give them, and bylines with a name, an outlet or a view count around the date.
"""

from __future__ import annotations

import json
import re
import statistics
import sys
import time
import warnings
from collections.abc import Callable
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import dateparser

from storyline.pipeline.clean.published import parse_published

BASELINE = Path(__file__).parent / "baselines" / "published.json"
CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "extraction-dev"
_SCRIPT = re.compile(r"<(script|style)\b.*?</\1>", re.IGNORECASE | re.DOTALL)
_TAG = re.compile(r"<[^>]+>")
CST = timezone(timedelta(hours=8))
ROUNDS = 20
T = datetime(2025, 2, 11, 21, 5, tzinfo=CST)
D = datetime(2025, 2, 11, tzinfo=CST)
VALUES = [
    ("2025-02-11T21:05:00+08:00", T),
    ("2025-02-11 21:05", T),
    ("2025/2/11 21:05", T),
    ("2025.02.11", D),
    ("2025年2月11日 21:05", T),
    ("2025年02月11日21时05分", T),
    ("二〇二五年二月十一日", D),
    ("２０２５年２月１１日", D),
    ("Tue, 11 Feb 2025 21:05:00 +0800", T),
    ("Feb 11, 2025", D),
    ("11 February 2025", D),
    ("2025年2月11日晚上9点05分", T),
]
BYLINES = [
    ("访客 2025-02-11 21:05 38107", T),
    ("发布时间：2025-02-11 21:05 来源：新华社", T),
    ("作者：张三 | 2025年02月11日 21:05 | 阅读 1.2万", T),
    ("記者王小明／台北報導 2025年2月11日", D),
    ("By Jane Doe, BBC News, 11 February 2025", D),
    ("2025-02-11 21:05 · 澎湃新闻", T),
]


def ours(text: str) -> datetime | None:
    return parse_published(text, "Asia/Shanghai")


def iso(text: str) -> datetime | None:
    try:
        value = datetime.fromisoformat(text)
    except ValueError:
        return None
    return value if value.tzinfo else value.replace(tzinfo=CST)


def with_dateparser(text: str) -> datetime | None:
    settings = {"TIMEZONE": "Asia/Shanghai", "RETURN_AS_TIMEZONE_AWARE": True}
    value = dateparser.parse(text, languages=["zh", "en"], settings=settings)
    return value if isinstance(value, datetime) else None


def per_call_us(parse: Callable[[str], object], texts: list[str]) -> float:
    samples = []
    for _ in range(ROUNDS):
        start = time.perf_counter()
        for text in texts:
            parse(text)
        samples.append((time.perf_counter() - start) / len(texts) * 1e6)
    return statistics.median(samples)


def share_right(
    parse: Callable[[str], datetime | None], cases: list[tuple[str, datetime]]
) -> float:
    right = 0
    for text, expected in cases:
        try:
            got = parse(text)
        except Exception:  # an anchor that crashes simply scores nothing on that string
            got = None
        right += got == expected
    return right / len(cases)


def corpus_check() -> dict[str, float] | None:
    """Untuned data: in each extraction-dev page, the first line with a date should carry the
    publication date, which lies within 3 days of the crawl date in the file name."""
    if not CORPUS.is_dir():
        print(f"corpus absent ({CORPUS}); skipping the page check")
        return None
    found = close = 0
    pages = sorted(CORPUS.glob("*.html"))
    for page in pages:
        name = page.name
        crawled = date(int(name[:4]), int(name[4:6]), int(name[6:8]))
        now = datetime(crawled.year, 12, 31, tzinfo=CST)
        text = _TAG.sub(" ", _SCRIPT.sub(" ", page.read_text(encoding="utf-8")))
        lines = (line.strip() for line in text.splitlines())
        got = next((d for d in (parse_published(ln, now=now) for ln in lines if ln) if d), None)
        found += got is not None
        close += got is not None and abs((got.date() - crawled).days) <= 3
    return {
        "pages": len(pages),
        "with a date": found / len(pages),
        "near crawl": close / len(pages),
    }


def main() -> None:
    warnings.simplefilter("ignore")
    parsers = {"storyline": ours, "fromisoformat": iso, "dateparser": with_dateparser}
    texts = [text for text, _ in VALUES + BYLINES]
    for parse in parsers.values():
        parse(texts[0])  # load data files and models outside the timing
    results = {
        name: {
            "us per call": per_call_us(parse, texts),
            "values right": share_right(parse, VALUES),
            "bylines right": share_right(parse, BYLINES),
        }
        for name, parse in parsers.items()
    }
    print(f"{len(VALUES)} values, {len(BYLINES)} bylines; median of {ROUNDS} rounds")
    for name, row in results.items():
        cells = "  ".join(f"{k} {v:9.3f}" for k, v in row.items())
        print(f"{name:14} {cells}")
    pages = corpus_check()
    if pages is not None:
        results["storyline on extraction-dev"] = pages
        print(
            "extraction-dev, first dated line: "
            + "  ".join(f"{k} {v:.3f}" for k, v in pages.items())
        )
    speed = results["dateparser"]["us per call"] / results["storyline"]["us per call"]
    print(f"storyline is {speed:.0f}x faster than dateparser")
    if "--write-baseline" in sys.argv:
        BASELINE.write_text(json.dumps(results, indent=1) + "\n")


if __name__ == "__main__":
    main()
