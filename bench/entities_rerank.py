"""Train the entity reranker (src/storyline/data/entity_rerank.json) on hand-labelled sentences.

    PYTHONPATH=src:bench python bench/entities_rerank.py            # cross-validate, then train
    PYTHONPATH=src:bench python bench/entities_rerank.py --import DIR...  # rebuild the set
    PYTHONPATH=src:bench python bench/entities_rerank.py --append DIR...  # add a new draw
    PYTHONPATH=src:bench python bench/entities_rerank.py --revise FILE...  # apply adjudications
    PYTHONPATH=src:bench python bench/entities_rerank.py --reorder  # weights in order of use

Training sentences: bench/data/entities_train.jsonl (drawn by bench/entities_train_sample.py from
records with no held-out gold line, labelled by reading with the gold set's conventions) and the
gold set's `dev` lines. Held-out lines are never read here, so bench/entities.py's `unseen` score
stays a score on sentences the model never saw.

Each sentence is read where it stands, in its whole record, as the runtime reads an article (the
features see what the rules found in the rest of it); every candidate inside the sentence that
the rules and `proposals.proposals` give is an example: positive when its span and kind are in
the gold. An L2-regularised logistic model is fitted by full-batch gradient descent
(numpy only); five-fold cross-validation picks the regularisation and the threshold by the F1
of the chosen mentions, the number bench/entities.py reports. Folds keep a record's sentences
together: a held-out sentence's article is then unseen too, as at runtime.

The shipped file lists each model's weights in the order the runtime uses them most
(`in_use_order`): a weight is looked up for every feature of every candidate, and with the common
features' keys side by side in memory those look-ups miss the CPU caches less (than with the keys
in alphabetical order, entity extraction is 14% faster alone and 5% faster inside a full ingest,
with the same mentions). `--reorder` rewrites the shipped file so, its weights unchanged.

The news sequence models (bench/ner_train.py --news) learn the same sentences, so here each
record is read with news models trained without its fold (`cross_fitted_readings`): the
reranker then learns how far to trust them on text they have not seen. After a change to the
labels, retrain the shipped news models too.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

import entities_corpus as ec
import ner_train
from entities_labels import FOLDS, TRAIN, Gold, Row, by_record, load_sentences, record_folds
from storyline.pipeline.facts.aliases import AliasTable
from storyline.pipeline.facts.candidates import Candidate
from storyline.pipeline.facts.entities import candidates
from storyline.pipeline.facts.normalize import simplified
from storyline.pipeline.facts.person_model import EVIDENCE_FILES, Reading, evidence_models
from storyline.pipeline.facts.proposals import proposals
from storyline.pipeline.facts.rerank import (
    MODEL_FILE,
    Context,
    Logistic,
    best_apart,
    features,
    screen_features,
)
from storyline.pipeline.facts.zh_model import kind_readings, model_names_of_many

OUT = Path(__file__).resolve().parent.parent / "src" / "storyline" / "data" / MODEL_FILE
L2_GRID = (0.1, 0.3, 1.0)
# A setting replaces an earlier one of the grid (less regularised, lower threshold) only when its
# cross-validated F1 is higher by more than this: smaller differences are within the folds'
# noise, and the choice would flip with every retraining.
CV_TIE = 0.0005
THRESHOLDS = tuple(round(0.1 + 0.05 * k, 2) for k in range(9))
STEPS = 400
# The screening model: strongly regularised (few features), and the share of right candidates
# it may drop before the full model sees them.
SCREEN_L2 = 1.0
SCREEN_LOSS = 0.01
PRUNE = 0.05  # weights smaller than this are left out of the shipped file (F1 unchanged)


@dataclass
class Sentence:
    cands: list[Candidate]
    feats: list[list[str]]  # the full model's: the screen's features and the rest
    gold: Gold
    screens: list[list[str]]
    record: int  # which record (article) it comes from: folds keep a record together


def import_batches(folders: list[Path], append: bool = False) -> None:
    """Rebuild entities_train.jsonl from labelled batches: `batchK.tsv` with
    `batchK.revised.jsonl` (labels reviewed against the gold set's conventions) or else
    `batchK.labels.jsonl`, mention strings in order, turned into character offsets. With
    `append`, a new draw's batches are added after the lines already there (which keep their
    numbers, and so the adjudications applied to them)."""
    have: set[str] = set()
    if append:
        have = {json.loads(line)["sha1"] for line in TRAIN.read_text("utf-8").splitlines()}
    added = skipped = 0
    with TRAIN.open("a" if append else "w", encoding="utf-8") as out:
        for tsv in (t for folder in folders for t in sorted(folder.glob("batch*.tsv"))):
            labels_path = tsv.with_suffix(".revised.jsonl")
            if not labels_path.exists():
                labels_path = tsv.with_suffix(".labels.jsonl")
            if not labels_path.exists():
                continue
            rows = {
                int(r.split("\t")[0]): r.split("\t") for r in tsv.read_text("utf-8").splitlines()
            }
            for line in labels_path.read_text("utf-8").splitlines():
                if not line.strip():
                    continue
                obj = json.loads(line)
                _id, corpus, record, start, end, sha1, sent = rows[int(obj["id"])]
                if sha1 in have:
                    continue
                spans, lost = _offsets(sent, obj["mentions"])
                spans = [m for m in spans if not _demonym(sent, m)]
                skipped += lost
                ref = {"corpus": corpus, "record": record, "start": int(start), "end": int(end)}
                ref |= {"sha1": sha1, "split": "train", "mentions": spans}
                out.write(json.dumps(ref, ensure_ascii=False) + "\n")
                have.add(sha1)
                added += 1
    print(f"wrote {added} sentences; {skipped} mentions not found in their sentence")


def revise(files: list[Path]) -> None:
    """Replace the mentions of training lines with adjudicated ones: each file holds JSON lines
    {"id": line number in entities_train.jsonl, "mentions": [[text, kind], ...]}."""
    lines = TRAIN.read_text("utf-8").splitlines()
    rows = [json.loads(line) for line in lines]
    index = ec.record_index({r["corpus"] for r in rows})
    changed = lost = 0
    for path in files:
        for line in path.read_text("utf-8").splitlines():
            if not line.strip():
                continue
            obj = json.loads(line)
            row = rows[int(obj["id"])]
            sent = index[(row["corpus"], row["record"])][row["start"] : row["end"]]
            if ec.short_hash(sent) != row["sha1"]:
                raise SystemExit(f"line {obj['id']}: corpus text changed")
            spans, missing = _offsets(sent, obj["mentions"])
            spans = [m for m in spans if not _demonym(sent, m)]
            lost += missing
            if spans != row["mentions"]:
                row["mentions"] = spans
                changed += 1
    with TRAIN.open("w", encoding="utf-8") as out:
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(f"revised {changed} sentences; {lost} mentions not found in their sentence")


def _demonym(sent: str, mention: list[object]) -> bool:
    """A place right before 人 names a nationality ("美国人"), which the gold set leaves out;
    some labellers marked it. 人民 and 人大 start words of their own."""
    end, kind = mention[1], mention[2]
    assert isinstance(end, int)
    return (
        kind == "place"
        and sent[end : end + 1] == "人"
        and sent[end : end + 2]
        not in (
            "人民",
            "人大",
        )
    )


def _offsets(sent: str, mentions: list[list[str]]) -> tuple[list[list[object]], int]:
    taken = bytearray(len(sent))
    out: list[list[object]] = []
    cursor = lost = 0
    for text, kind in mentions:
        pos = _free(sent, text, cursor, taken)
        if pos < 0:
            pos = _free(sent, text, 0, taken)
        if pos < 0 or not text:
            lost += 1
            continue
        taken[pos : pos + len(text)] = b"\x01" * len(text)
        out.append([pos, pos + len(text), kind])
        cursor = pos + len(text)
    return sorted(out), lost


def _free(sent: str, text: str, start: int, taken: bytearray) -> int:
    pos = sent.find(text, start)
    while pos >= 0 and taken.find(1, pos, pos + len(text)) >= 0:
        pos = sent.find(text, pos + 1)
    return pos


def examples(
    rows: list[Row], index: dict[tuple[str, str], str], cross_fit: bool = True
) -> list[Sentence]:
    """Each sentence's candidates and features, read as the runtime reads them: in the whole
    record the sentence comes from, so the features see the rest of the article. Without
    `cross_fit` the shipped news models read every record (cheaper: no fold models to train)."""
    table = AliasTable.default()
    records = by_record(rows)
    keys = list(records)
    norms = [simplified(index[key]) for key in keys]
    out: dict[int, Sentence] = {}
    readings = cross_fitted_readings(norms) if cross_fit else model_names_of_many(norms)
    for record, (key, norm, reading) in enumerate(zip(keys, norms, readings, strict=True)):
        found, words = candidates(norm, table, reading)
        found += proposals(norm, words, found, reading.names, reading.near, reading.kinds)
        ctx = Context(norm, words, found, reading.kinds)
        for k in records[key]:
            row = rows[k]
            mine = [j for j, c in enumerate(found) if c.start >= row.start and c.end <= row.end]
            screens = [screen_features(norm, found, j, ctx) for j in mine]
            feats = [
                sc + features(norm, found, j, ctx) for sc, j in zip(screens, mine, strict=True)
            ]
            gold = {(s + row.start, e + row.start, kind) for s, e, kind in row.gold}
            out[k] = Sentence([found[j] for j in mine], feats, gold, screens, record)
    return [out[k] for k in range(len(rows))]


def cross_fitted_readings(norms: list[str]) -> list[Reading]:
    """What the sequence models read in each record, as the runtime reads it, except that the
    news models' evidence comes from models trained without the record's fold: models trained
    on a sentence know its labels, and the reranker would learn to trust them too far."""
    readings = model_names_of_many(norms, kinds=False)
    shipped = evidence_models()
    fold = record_folds(len(norms))
    for f, news in ner_train.news_fold_models().items():
        models = {key: news.get(key) or shipped[key] for key in EVIDENCE_FILES}
        mine = [k for k in range(len(norms)) if fold[k] == f]
        for k, kinds in zip(mine, kind_readings([norms[k] for k in mine], models), strict=True):
            readings[k] = readings[k]._replace(kinds=kinds)
    return readings


def fit(sents: list[Sentence], l2: float, screen: bool = False) -> tuple[dict[str, float], float]:
    vocab: dict[str, int] = {}
    rows_idx, labels = [], []
    for s in sents:
        for c, f in zip(s.cands, s.screens if screen else s.feats, strict=True):
            rows_idx.append([vocab.setdefault(x, len(vocab)) for x in f])
            labels.append(1.0 if (c.start, c.end, c.kind.value) in s.gold else 0.0)
    n, dim = len(rows_idx), len(vocab)
    lengths = np.array([len(r) for r in rows_idx])
    cols = np.concatenate([np.array(r, dtype=np.int64) for r in rows_idx])
    owner = np.repeat(np.arange(n), lengths)
    y = np.array(labels)
    w, b = np.zeros(dim), 0.0
    m_w, v_w, m_b, v_b = np.zeros(dim), np.zeros(dim), 0.0, 0.0
    lr, beta1, beta2, eps = 0.1, 0.9, 0.999, 1e-8
    for step in range(1, STEPS + 1):
        z = np.bincount(owner, weights=w[cols], minlength=n) + b
        p = 1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))
        err = (p - y) / n
        g_w = np.bincount(cols, weights=err[owner], minlength=dim) + l2 * w / n
        g_b = float(err.sum())
        m_w = beta1 * m_w + (1 - beta1) * g_w
        v_w = beta2 * v_w + (1 - beta2) * g_w * g_w
        m_b = beta1 * m_b + (1 - beta1) * g_b
        v_b = beta2 * v_b + (1 - beta2) * g_b * g_b
        corr1, corr2 = 1 - beta1**step, 1 - beta2**step
        w -= lr * (m_w / corr1) / (np.sqrt(v_w / corr2) + eps)
        b -= lr * (m_b / corr1) / (np.sqrt(v_b / corr2) + eps)
    names = {k: x for x, k in vocab.items()}
    return {names[k]: float(w[k]) for k in range(dim)}, b


def probabilities(
    sent: Sentence, weights: dict[str, float], bias: float, screen: bool = False
) -> list[float]:
    model = Logistic(weights, bias)  # the scorer the runtime uses
    return [model.probability(f) for f in (sent.screens if screen else sent.feats)]


def chosen(sent: Sentence, probs: list[float], threshold: float) -> Gold:
    scored = [(p, c) for p, c in zip(probs, sent.cands, strict=True) if p >= threshold]
    end = max((c.end for c in sent.cands), default=0)
    return {(c.start, c.end, c.kind.value) for c in best_apart(scored, end)}


def folds_of(sents: list[Sentence]) -> list[list[int]]:
    """Five folds of sentences, a record's sentences in one fold."""
    fold_of = record_folds(1 + max(s.record for s in sents))
    return [[k for k, s in enumerate(sents) if fold_of[s.record] == f] for f in range(FOLDS)]


def cross_validate(sents: list[Sentence]) -> tuple[float, float, float]:
    """The best cross-validated F1 with its regularisation and threshold."""
    folds = folds_of(sents)
    best = (0.0, L2_GRID[0], THRESHOLDS[0])
    for l2 in L2_GRID:
        held: list[tuple[Sentence, list[float]]] = []
        for fold in folds:
            test = set(fold)
            weights, bias = fit([s for k, s in enumerate(sents) if k not in test], l2)
            held += [(sents[k], probabilities(sents[k], weights, bias)) for k in fold]
        for t in THRESHOLDS:
            score = ec.micro_f1([(s.gold, chosen(s, p, t)) for s, p in held])
            print(f"l2 {l2:<4} threshold {t:.2f}: cross-validated F1 {score:.3f}", flush=True)
            if score > best[0] + CV_TIE:
                best = (score, l2, t)
    return best


def screen_cut(sents: list[Sentence], weights: dict[str, float], bias: float) -> float:
    """The screen's probability below which at most SCREEN_LOSS of the right candidates fall."""
    right = sorted(
        p
        for s in sents
        for c, p in zip(s.cands, probabilities(s, weights, bias, screen=True), strict=True)
        if (c.start, c.end, c.kind.value) in s.gold
    )
    return round(right[int(len(right) * SCREEN_LOSS)] * 0.999, 5) if right else 0.0


def screened(sent: Sentence, weights: dict[str, float], bias: float, cut: float) -> Sentence:
    probs = probabilities(sent, weights, bias, screen=True)
    keep = [k for k, p in enumerate(probs) if p >= cut]
    return Sentence(
        [sent.cands[k] for k in keep],
        [sent.feats[k] for k in keep],
        sent.gold,
        [sent.screens[k] for k in keep],
        sent.record,
    )


def _screen(
    sents: list[Sentence],
) -> tuple[dict[str, float], float, float, list[Sentence]]:
    """The screening model, its cut, and the sentences with only the candidates it passes."""
    print(f"{len(sents)} sentences, {sum(len(s.cands) for s in sents)} candidates", flush=True)
    screen_w, screen_b = fit(sents, SCREEN_L2, screen=True)
    cut = screen_cut(sents, screen_w, screen_b)
    sents = [screened(s, screen_w, screen_b, cut) for s in sents]
    print(f"screen cut {cut:.4f}: {sum(len(s.cands) for s in sents)} candidates left", flush=True)
    return screen_w, screen_b, cut, sents


def in_use_order(
    weights: dict[str, float], sents: list[Sentence], screen: bool
) -> dict[str, float]:
    """The weights, the features the sentences' candidates fire most often first (ties by
    name): what the runtime's look-ups touch most then sits together in memory."""
    use = Counter(f for s in sents for fs in (s.screens if screen else s.feats) for f in fs)
    return {k: weights[k] for k in sorted(weights, key=lambda k: (-use[k], k))}


def reorder() -> None:
    """Rewrite the shipped model with each model's weights in order of use, values unchanged."""
    model = json.loads(gzip.decompress(OUT.read_bytes()))
    screen = model["screen"]
    rows, index = load_sentences()
    sents = examples(rows, index, cross_fit=False)
    screen["weights"] = in_use_order(screen["weights"], sents, screen=True)
    cut = screen["cut"]
    passed = [screened(s, screen["weights"], screen["bias"], cut) for s in sents]
    model["weights"] = in_use_order(model["weights"], passed, screen=False)
    _write(model)


def _write(model: dict[str, Any]) -> None:
    OUT.write_bytes(gzip.compress(json.dumps(model, ensure_ascii=False).encode(), mtime=0))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--import", dest="folders", type=Path, nargs="+", help="rebuild the set from batches"
    )
    parser.add_argument(
        "--append", type=Path, nargs="+", help="add a new draw's labelled batches to the set"
    )
    parser.add_argument(
        "--revise", type=Path, nargs="+", help="apply adjudicated labels to training lines"
    )
    parser.add_argument(
        "--reorder", action="store_true", help="list the shipped weights in order of use"
    )
    args = parser.parse_args()
    if args.reorder:
        reorder()
        return
    if args.folders:
        import_batches(args.folders)
        return
    if args.append:
        import_batches(args.append, append=True)
        return
    if args.revise:
        revise(args.revise)
        return
    every = examples(*load_sentences())
    screen_w, screen_b, cut, sents = _screen(every)
    score, l2, threshold = cross_validate(sents)
    weights, bias = fit(sents, l2)
    kept = {k: round(v, 4) for k, v in weights.items() if abs(v) >= PRUNE}
    model: dict[str, Any] = {"l2": l2, "threshold": threshold, "cv_f1": round(score, 4)}
    model |= {"bias": round(bias, 4), "weights": in_use_order(kept, sents, screen=False)}
    screen_kept = {k: round(v, 4) for k, v in screen_w.items() if abs(v) >= PRUNE}
    model["screen"] = {
        "cut": cut,
        "bias": round(screen_b, 4),
        "weights": in_use_order(screen_kept, every, screen=True),
    }
    _write(model)
    print(f"l2 {l2}, threshold {threshold}, cross-validated F1 {score:.3f}; {len(kept)} weights")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
