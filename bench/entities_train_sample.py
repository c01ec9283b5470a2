"""Draw the sentences for the entity reranker's training set (run once; labels are added by
reading, with the gold set's conventions, see bench/entities.py).

Usage: PYTHONPATH=src:bench python bench/entities_train_sample.py [SEED] > /tmp/train.tsv
The first draw used the default seed; later draws used seeds 2 to 10, each leaving out the
records (and, on extraction-dev, the sentences) of the draws before it.

No sentence comes from a record that holds a held-out gold line, so the `unseen` score stays a
score on text the reranker never saw; records with only `dev` lines may give other sentences.
Prints `corpus, record, start, end, hash, sentence`; the sentence column is for the labeller's
eyes only and is not stored in the repository.
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

import entities_corpus as ec
from entities_sample import _sentences, emit

QUOTA = {"cctv-xwlb": 400, "inews": 350, "bbc-en": 300, "extraction-dev": 150}
SEED = 20261207
GOLD = Path(__file__).parent / "data" / "entities_gold.jsonl"
TRAIN = Path(__file__).parent / "data" / "entities_train.jsonl"
# Sentences taken from one record at most, so the set is spread over many stories.
PER_RECORD = {"cctv-xwlb": 1, "inews": 1, "bbc-en": 1, "extraction-dev": 2}


def main() -> None:
    rng = random.Random(int(sys.argv[1]) if len(sys.argv) > 1 else SEED)
    gold = [json.loads(line) for line in GOLD.read_text("utf-8").splitlines()]
    held = {(g["corpus"], g["record"]) for g in gold if str(g["split"]).startswith("heldout")}
    # A later draw spreads over records the earlier ones did not use.
    if TRAIN.exists():
        trained = [json.loads(line) for line in TRAIN.read_text("utf-8").splitlines()]
        held |= {(t["corpus"], t["record"]) for t in trained if t["corpus"] != "extraction-dev"}
        gold += trained
    dev = {(g["corpus"], g["record"], g["start"], g["end"]) for g in gold}
    for corpus, quota in QUOTA.items():
        recs = [r for r in ec.records(corpus) if r.text and (corpus, r.record) not in held]
        rng.shuffle(recs)
        picked = 0
        for rec in recs:
            spans = [
                (s, e)
                for s, e in _sentences(rec)
                if not any(
                    c == corpus and r == rec.record and s < ge and gs < e for c, r, gs, ge in dev
                )
            ]
            rng.shuffle(spans)
            for s, e in spans[: PER_RECORD[corpus]]:
                emit(rec, s, e)
                picked += 1
            if picked >= quota:
                break


if __name__ == "__main__":
    main()
