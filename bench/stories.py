"""B-cubed precision and recall of events and stories, beside two anchors.

Run: `PYTHONPATH=src python bench/stories.py [--write] [--sweep]` (from the repository root).

The gold set is bench/data/stories_gold.jsonl: CCTV 新闻联播 items (shared corpora) labelled by
reading with a story and an event (same happening → same event); distractors of the same period
and kind have no label and count as singletons. Stories are split by a hash of their label into
`dev` (two thirds, used for tuning) and `heldout` (one third, not tuned on); distractors by a hash
of their record id. Everything is ingested at once, in date order, through `Archive.ingest` into
a temporary SQLite database; the scores of each split are computed on its own articles.

Anchors, run on the same articles (title + body text):
- `minhash-lsh`: datasketch MinHashLSH at its defaults (threshold 0.5, 128 permutations) over
  character 3-shingles; connected components of the candidate pairs are the clusters;
- `tfidf-leader`: greedy leader clustering in date order on the same TF-IDF keyword vectors the
  archive uses, one cosine threshold, no time window;
- `tfidf-single-link`: connected components of the article pairs at or above one cosine
  threshold on the same vectors.
The TF-IDF anchors' thresholds are the best of a sweep (0.05 … 0.90) on the whole set, held-out
part included, separately for events and stories: they are given their best case.

`--sweep` replays the grouping in memory over a grid of thresholds (dev split) for tuning.
The held-out split was scored once, after the constants in pipeline/stories/grouping.py were set
from the dev sweep; later experiments (a looser late-story match on shared new names) were
judged on dev only.
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from storyline.api import Archive
from storyline.pipeline.stories import grouping
from storyline.pipeline.stories.grouping import Cluster, Limits, cosine, place
from storyline.settings import load_settings

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "bench" / "data" / "stories_gold.jsonl"
BASELINE = ROOT / "bench" / "baselines" / "stories.json"
CORPORA = ROOT.parent / "shared" / "corpora"
if not CORPORA.exists():
    CORPORA = Path("/work/shared/corpora")
# One story in this many goes to the held-out split (by a hash of its label).
HELDOUT_EVERY = 3
SHINGLE = 3
_TAGS = re.compile(r"<[^>]+>")


@dataclass(frozen=True, slots=True)
class Item:
    record: str
    story: str
    event: str
    split: str


@dataclass(slots=True)
class Replayable:
    """What the archive stored for one article, for replaying the grouping in memory."""

    record: str
    when: datetime | None
    vector: dict[str, float]


def _split(key: str) -> str:
    digest = int(hashlib.sha1(key.encode()).hexdigest(), 16)
    return "heldout" if digest % HELDOUT_EVERY == 0 else "dev"


def load_gold(path: Path = GOLD) -> list[Item]:
    items = []
    for line in path.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        story = row["story"] or row["record"]
        event = row["event"] or row["record"]
        items.append(Item(row["record"], story, event, _split(story)))
    return items


def corpus_missing() -> str | None:
    if not (CORPORA / "cctv-xwlb" / "stories.jsonl").exists():
        return f"shared corpora not found at {CORPORA}"
    return None


def load_records(items: Sequence[Item], path: Path = GOLD) -> dict[str, dict[str, Any]]:
    """The corpus records the gold set names, checked against its title hashes."""
    hashes = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        hashes[row["record"]] = row["title_sha1"]
    found = {}
    with (CORPORA / "cctv-xwlb" / "stories.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            record = json.loads(line)
            if record["id"] in hashes:
                found[record["id"]] = record
    for record_id, sha in hashes.items():
        title = found[record_id]["title"]
        if hashlib.sha1(title.encode()).hexdigest()[:10] != sha:
            raise SystemExit(f"{record_id}: title changed since labelling")
    return found


# ---- scoring ------------------------------------------------------------------------------


def bcubed(gold: dict[str, str], pred: dict[str, str], keys: Iterable[str]) -> dict[str, float]:
    """B-cubed precision, recall and F1 (Bagga & Baldwin 1998) over `keys`."""
    keys = list(keys)
    by_gold: dict[str, set[str]] = defaultdict(set)
    by_pred: dict[str, set[str]] = defaultdict(set)
    for key in keys:
        by_gold[gold[key]].add(key)
        by_pred[pred[key]].add(key)
    precision = recall = 0.0
    for key in keys:
        same = len(by_gold[gold[key]] & by_pred[pred[key]])
        precision += same / len(by_pred[pred[key]])
        recall += same / len(by_gold[gold[key]])
    p, r = precision / len(keys), recall / len(keys)
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0}


def score(items: Sequence[Item], events: dict[str, str], stories: dict[str, str]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for split in ("dev", "heldout", "all"):
        keys = [i.record for i in items if split in ("all", i.split)]
        out[split] = {
            "articles": len(keys),
            "stories": len({i.story for i in items if i.record in set(keys)}),
            "event": bcubed({i.record: i.event for i in items}, events, keys),
            "story": bcubed({i.record: i.story for i in items}, stories, keys),
        }
    return out


# ---- ours ---------------------------------------------------------------------------------


def run_archive(
    records: dict[str, dict[str, Any]], folder: Path
) -> tuple[dict[str, str], dict[str, str], list[Replayable]]:
    """Ingest the records in date order; the event and story of each, and what was stored."""
    ordered = sorted(records.values(), key=lambda r: (r["date"], r["id"]))
    feed = folder / "gold.jsonl"
    with feed.open("w", encoding="utf-8") as fh:
        for record in ordered:
            fh.write(json.dumps(record, ensure_ascii=False) + "\n")
    settings = load_settings({"db": str(folder / "bench.db")}, environ={})
    with Archive(settings) as archive:
        archive.ingest([feed])
        events, stories = _assignments(archive)
        stored = _stored(archive)
    return events, stories, stored


def _assignments(archive: Archive) -> tuple[dict[str, str], dict[str, str]]:
    events: dict[str, str] = {}
    stories: dict[str, str] = {}
    for story in archive.stories(limit=10**6):
        for event, articles in archive.story(story.id).events:
            for article in articles:
                assert article.external_id is not None
                events[article.external_id] = f"e{event.id}"
                stories[article.external_id] = f"s{story.id}"
    return events, stories


def _stored(archive: Archive) -> list[Replayable]:
    # Read back what grouping saw, to replay it with other thresholds (--sweep only).
    rows = archive.store.execute(
        "SELECT external_id, published_utc, keywords FROM articles "
        "ORDER BY published_utc IS NULL, published_utc, id"
    ).fetchall()
    return [
        Replayable(r[0], datetime.fromisoformat(r[1]) if r[1] else None, json.loads(r[2]))
        for r in rows
    ]


def replay(stored: Sequence[Replayable], limits: Limits) -> tuple[dict[str, str], dict[str, str]]:
    """The grouping run of grouper.py, in memory, with other limits."""
    events: list[Cluster] = []
    stories: list[Cluster] = []
    story_of: dict[int, Cluster] = {}
    ev_out: dict[str, str] = {}
    st_out: dict[str, str] = {}
    for art in stored:
        placement = place(art.vector, art.when, events, stories, limits)
        if placement.event_id is not None:
            event = events[placement.event_id]
            story = story_of[event.id]
        else:
            if placement.story_id is not None:
                story = stories[placement.story_id]
            else:
                story = Cluster(len(stories))
                stories.append(story)
            event = Cluster(len(events))
            events.append(event)
            story_of[event.id] = story
        event.absorb(art.vector, art.when)
        story.absorb(art.vector, art.when)
        ev_out[art.record] = f"e{event.id}"
        st_out[art.record] = f"s{story.id}"
    return ev_out, st_out


# ---- anchors ------------------------------------------------------------------------------


def _text(record: dict[str, Any]) -> str:
    return f"{record['title']}\n{_TAGS.sub('', record['raw_html'])}"


def minhash_lsh(records: dict[str, dict[str, Any]]) -> dict[str, str]:
    from datasketch import MinHash, MinHashLSH

    lsh = MinHashLSH()  # defaults: threshold 0.5, num_perm 128
    parent = {rid: rid for rid in records}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for rid in sorted(records):
        text = _text(records[rid])
        sig = MinHash()
        for i in range(max(1, len(text) - SHINGLE + 1)):
            sig.update(text[i : i + SHINGLE].encode("utf-8"))
        for other in lsh.query(sig):
            parent[find(other)] = find(rid)
        lsh.insert(rid, sig)
    return {rid: find(rid) for rid in records}


def leader(stored: Sequence[Replayable], threshold: float) -> dict[str, str]:
    """Greedy leader clustering on the archive's keyword vectors: join the most similar
    cluster at or above the threshold, whatever its date."""
    clusters: list[Cluster] = []
    out = {}
    for art in stored:
        best, best_score = None, threshold
        for cluster in clusters:
            sim = cosine(art.vector, cluster.centroid)
            if sim >= best_score:
                best, best_score = cluster, sim
        if best is None:
            best = Cluster(len(clusters))
            clusters.append(best)
        best.absorb(art.vector, art.when)
        out[art.record] = f"c{best.id}"
    return out


def single_link(stored: Sequence[Replayable], threshold: float) -> dict[str, str]:
    """Connected components of the pairs whose keyword cosine reaches the threshold."""
    parent = list(range(len(stored)))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for i, a in enumerate(stored):
        for j in range(i):
            if cosine(a.vector, stored[j].vector) >= threshold:
                parent[find(j)] = find(i)
    return {art.record: f"c{find(i)}" for i, art in enumerate(stored)}


Clusterer = Callable[[Sequence[Replayable], float], dict[str, str]]


def best_threshold(
    items: Sequence[Item], stored: Sequence[Replayable], level: str, method: Clusterer
) -> tuple[float, dict[str, str]]:
    """The method's clusters at the threshold (0.05 … 0.90) with the best F1 on the whole set."""
    gold = {i.record: (i.event if level == "event" else i.story) for i in items}
    best: tuple[float, float, dict[str, str]] = (-1.0, 0.0, {})
    for step in range(5, 95, 5):
        pred = method(stored, step / 100)
        f1 = bcubed(gold, pred, gold)["f1"]
        if f1 > best[0]:
            best = (f1, step / 100, pred)
    return best[1], best[2]


# ---- report -------------------------------------------------------------------------------


SWEEP: dict[str, tuple[float, ...]] = {
    "event_threshold": (0.2, 0.25, 0.3, 0.35, 0.4, 0.5),
    "event_days": (1, 2, 3, 4),
    "story_threshold": (0.15, 0.2, 0.25, 0.3),
    "recent_story_days": (60, 90, 120, 150, 200, 400),
    "late_story_threshold": (0.4, 0.45, 0.5, 0.55, 0.6, 1.1),
}
SWEEP_CENTROID_TERMS = (20, 40, 60, 100, 200)


def sweep(items: Sequence[Item], stored: Sequence[Replayable]) -> None:
    """Dev F1 as each limit moves alone, the others at their constants."""
    dev = [i for i in items if i.split == "dev"]
    keys = [i.record for i in dev]
    gold_e = {i.record: i.event for i in dev}
    gold_s = {i.record: i.story for i in dev}

    def show(name: str, value: float, limits: Limits) -> None:
        ev, st = replay(stored, limits)
        fe, fs = bcubed(gold_e, ev, keys)["f1"], bcubed(gold_s, st, keys)["f1"]
        print(f"{name:22} {value:8.2f}  event F1 {fe:.3f}  story F1 {fs:.3f}")

    for name, values in SWEEP.items():
        for value in values:
            show(name, value, Limits(**{name: value}))
    kept = grouping.CENTROID_TERMS
    try:
        for terms in SWEEP_CENTROID_TERMS:
            grouping.CENTROID_TERMS = terms  # read by Cluster.absorb at call time
            show("centroid_terms", terms, Limits())
    finally:
        grouping.CENTROID_TERMS = kept


def main(argv: list[str]) -> int:
    missing = corpus_missing()
    if missing:
        print(f"skipped: {missing}")
        return 0
    items = load_gold()
    records = load_records(items)
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        events, stories, stored = run_archive(records, Path(tmp))
    seconds = time.perf_counter() - started
    if "--sweep" in argv:
        sweep(items, stored)
        return 0
    components = minhash_lsh(records)
    results = {
        "storyline": score(items, events, stories),
        "minhash-lsh": score(items, components, components),
    }
    for name, method in (("tfidf-leader", leader), ("tfidf-single-link", single_link)):
        event_thr, by_event = best_threshold(items, stored, "event", method)
        story_thr, by_story = best_threshold(items, stored, "story", method)
        label = f"{name} (ev {event_thr:.2f}, st {story_thr:.2f})"
        results[label] = score(items, by_event, by_story)
    _print_table(results)
    print(f"\ningest + grouping of {len(records)} articles: {seconds:.1f} s")
    if "--write" in argv:
        payload = {
            "gold": str(GOLD.relative_to(ROOT)),
            "limits": {
                "event_threshold": grouping.EVENT_THRESHOLD,
                "event_window_days": grouping.EVENT_WINDOW.days,
                "story_threshold": grouping.STORY_THRESHOLD,
                "recent_story_window_days": grouping.RECENT_STORY_WINDOW.days,
                "late_story_threshold": grouping.LATE_STORY_THRESHOLD,
                "story_window_days": grouping.STORY_WINDOW.days,
                "centroid_terms": grouping.CENTROID_TERMS,
            },
            "results": _rounded(results),
        }
        BASELINE.write_text(json.dumps(payload, ensure_ascii=False, indent=2) + "\n")
        print(f"wrote {BASELINE.relative_to(ROOT)}")
    return 0


def _print_table(results: dict[str, Any]) -> None:
    head = f"{'method':40} {'split':8} {'n':>4} {'ev P':>6} {'ev R':>6} {'ev F1':>6}"
    print(head + f" {'st P':>6} {'st R':>6} {'st F1':>6}")
    for name, by_split in results.items():
        for split, row in by_split.items():
            e, s = row["event"], row["story"]
            print(
                f"{name:40} {split:8} {row['articles']:4d} {e['precision']:6.3f} "
                f"{e['recall']:6.3f} {e['f1']:6.3f} {s['precision']:6.3f} {s['recall']:6.3f} "
                f"{s['f1']:6.3f}"
            )


def _rounded(value: Any) -> Any:
    if isinstance(value, float):
        return round(value, 4)
    if isinstance(value, dict):
        return {k: _rounded(v) for k, v in value.items()}
    return value


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
