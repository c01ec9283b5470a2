"""Timeline quality on hand-made gold timelines: date selection and entry alignment.

Gold: bench/data/timeline_gold.jsonl, one line per story: where its articles are (the sample
documents by file name; CCTV 新闻联播 items by the story labels of bench/data/stories_gold.jsonl,
checked against their title hashes) and its gold entries [first, last, granularity, predicate
class, short description]. No corpus text is stored. Each story's articles are ingested into a
fresh archive and the timeline is built over exactly those articles (so grouping errors do not
count here; bench/stories.py measures grouping).

Scores, after Martschat & Markert (2018), "A temporally sensitive submodular framework for
timeline summarization":
- date selection: precision = distinct system dates that fall inside some gold date; recall =
  gold dates holding some system date; F1. A system date coarser than the gold date does not
  count (a year for a day).
- entry alignment: a system entry aligns with a gold entry when its date falls inside the gold
  date and its predicate class equals the gold class (a simpler alignment than their
  alignment-based ROUGE: date plus what happened, one to one, greedily in date order).
The anchor is the publication-date baseline of timeline summarization: one entry per article,
dated by its publication day, with the class of the first listed predicate of its title.

    PYTHONPATH=src python bench/timeline.py
"""

from __future__ import annotations

import hashlib
import json
import sys
import tempfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from storyline.api import Archive
from storyline.pipeline.timeline.build import build_timeline
from storyline.pipeline.timeline.predicates import find_predicates
from storyline.records import Article
from storyline.settings import load_settings

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "bench" / "data" / "timeline_gold.jsonl"
LABELS = ROOT / "bench" / "data" / "stories_gold.jsonl"
CORPORA = ROOT.parent / "shared" / "corpora"
EXAMPLES = ROOT / "examples"
BASELINE = ROOT / "bench" / "baselines" / "timeline.json"


@dataclass(frozen=True, slots=True)
class Dated:
    first: date
    last: date
    kind: str
    text: str = ""


def load_gold() -> list[dict[str, Any]]:
    return [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines()]


def corpus_records(stories: set[str]) -> dict[str, list[dict[str, Any]]]:
    """The CCTV records labelled with each story, checked against their title hashes."""
    labels = [json.loads(line) for line in LABELS.read_text(encoding="utf-8").splitlines()]
    wanted = {row["record"]: row for row in labels if row["story"] in stories}
    out: dict[str, list[dict[str, Any]]] = {s: [] for s in stories}
    with (CORPORA / "cctv-xwlb" / "stories.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            record = json.loads(line)
            row = wanted.get(record["id"])
            if row is None:
                continue
            if hashlib.sha1(record["title"].encode()).hexdigest()[:10] != row["title_sha1"]:
                raise SystemExit(f"{record['id']}: title changed since labelling")
            out[row["story"]].append(record)
    return out


def ingest(folder: Path, paths: list[Path]) -> list[Article]:
    settings = load_settings({"db": str(folder / "bench.db")}, environ={})
    with Archive(settings) as archive:
        archive.ingest(paths)
        rows = archive.articles(limit=10**6)
        return [archive.article(r.id) for r in sorted(rows, key=lambda r: r.id)]


def story_articles(gold: dict[str, Any], records: dict[str, list[dict[str, Any]]]) -> list[Article]:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        if gold["source"] == "examples":
            return ingest(folder, [EXAMPLES / name for name in gold["documents"]])
        feed = folder / "story.jsonl"
        ordered = sorted(records[gold["story"]], key=lambda r: (r["date"], r["id"]))
        feed.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in ordered))
        return ingest(folder, [feed])


# ---- systems ------------------------------------------------------------------------------


def ours(articles: list[Article]) -> list[Dated]:
    timeline = build_timeline(0, "", [], articles)
    return [Dated(e.first, e.last, e.kind, e.summary) for e in timeline.entries]


def ours_listed(articles: list[Article]) -> list[Dated]:
    """Ours without the entries whose predicate is not in the predicate list."""
    return [d for d in ours(articles) if d.kind]


def publication_baseline(articles: list[Article]) -> list[Dated]:
    out = []
    for art in articles:
        if art.published is None:
            continue
        day = art.published.date()
        kinds = [p.kind for p in find_predicates(art.title) if p.kind]
        out.append(Dated(day, day, kinds[0] if kinds else "", art.title))
    return out


SYSTEMS = (("ours", ours), ("ours-listed", ours_listed), ("pubdate", publication_baseline))


# ---- scoring ------------------------------------------------------------------------------


def inside(s: Dated, g: Dated) -> bool:
    return g.first <= s.first and s.last <= g.last


def prf(hit_p: int, n_p: int, hit_r: int, n_r: int) -> dict[str, float]:
    p = hit_p / n_p if n_p else 0.0
    r = hit_r / n_r if n_r else 0.0
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0}


def score(system: list[Dated], gold: list[Dated]) -> tuple[dict[str, Any], list[Dated]]:
    sys_dates = {(s.first, s.last) for s in system}
    gold_dates = {(g.first, g.last) for g in gold}
    date_p = sum(any(g0 <= s0 and s1 <= g1 for g0, g1 in gold_dates) for s0, s1 in sys_dates)
    date_r = sum(any(g0 <= s0 and s1 <= g1 for s0, s1 in sys_dates) for g0, g1 in gold_dates)
    used: set[int] = set()
    missed: list[Dated] = []
    for g in sorted(gold, key=lambda g: g.first):
        match = next(
            (
                i
                for i, s in enumerate(system)
                if i not in used and inside(s, g) and s.kind == g.kind
            ),
            None,
        )
        if match is None:
            missed.append(g)
        else:
            used.add(match)
    return {
        "entries": len(system),
        "gold": len(gold),
        "date": prf(date_p, len(sys_dates), date_r, len(gold_dates)),
        "alignment": prf(len(used), len(system), len(used), len(gold)),
    }, missed


def main() -> int:
    golds = load_gold()
    cctv = {g["story"] for g in golds if g["source"] == "cctv-xwlb"}
    if not (CORPORA / "cctv-xwlb" / "stories.jsonl").exists():
        print(f"shared corpora not found at {CORPORA}: scoring the samples only")
        golds = [g for g in golds if g["source"] == "examples"]
        cctv = set()
    records = corpus_records(cctv) if cctv else {}
    results: dict[str, Any] = {}
    print(f"{'story':<12} {'system':<12} {'entries':>7} {'gold':>5}  ", end="")
    print(f"{'date P/R/F1':<17}  alignment P/R/F1")
    for gold in golds:
        articles = story_articles(gold, records)
        truth = [
            Dated(date.fromisoformat(a), date.fromisoformat(b), k, d)
            for a, b, _, k, d in gold["entries"]
        ]
        results[gold["story"]] = {}
        for name, system in SYSTEMS:
            scored, missed = score(system(articles), truth)
            results[gold["story"]][name] = scored
            print(_row(gold["story"], name, scored))
            if name == "ours" and missed:
                for m in missed:
                    print(f"{'':<12}   missed {m.first}…{m.last} {m.kind}: {m.text}")
    summary = _macro(results)
    for name, scored in summary.items():
        print(_row("MACRO", name, scored))
    BASELINE.write_text(json.dumps({"stories": results, "macro": summary}, indent=2) + "\n")
    return 0


def _row(story: str, name: str, s: dict[str, Any]) -> str:
    d, a = s["date"], s["alignment"]
    return (
        f"{story:<12} {name:<12} {s['entries']:>7} {s['gold']:>5}  "
        f"{d['precision']:.2f}/{d['recall']:.2f}/{d['f1']:.2f}   "
        f"{a['precision']:.2f}/{a['recall']:.2f}/{a['f1']:.2f}"
    )


def _macro(results: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name, _ in SYSTEMS:
        rows = [r[name] for r in results.values()]
        out[name] = {
            "entries": sum(r["entries"] for r in rows),
            "gold": sum(r["gold"] for r in rows),
            **{
                part: {
                    k: round(sum(r[part][k] for r in rows) / len(rows), 4)
                    for k in ("precision", "recall", "f1")
                }
                for part in ("date", "alignment")
            },
        }
    return out


if __name__ == "__main__":
    sys.exit(main())
