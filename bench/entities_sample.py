"""Draw the sentences for the entity gold set (run once; labels are then added by reading).

Usage: PYTHONPATH=src:bench python bench/entities_sample.py [SEED [TOTAL [QUOTAS]]] > /tmp/s.tsv
The first batch used the default seed; a second development batch used seed 7 with the
quotas halved and the records of the first batch left out. TOTAL scales the three quotas in
their first-batch proportions (the `heldout3` draw used seed 31 and TOTAL 104). QUOTAS
(`corpus:n,...`) sets them outright: the `heldout5` draw used seed 97, TOTAL 300 and
`cctv-xwlb:150,inews:150`, as no unused bbc-en or extraction-dev record was left. Later draws
leave out the records of the gold set and of the reranker's training sentences.
Prints `corpus, record, start, end, hash, sentence`; the sentence column is for the labeller's
eyes only and is not stored in the repository.
"""

from __future__ import annotations

import json
import random
import re
import sys
from pathlib import Path

import opencc

import entities_corpus as ec

_ZH_SENT = re.compile(r"[^。！？\n]+[。！？]?")
_EN_SENT = re.compile(r"[^\n]+?(?:[.!?](?=\s)|$)", re.MULTILINE)
QUOTA = {"cctv-xwlb": 70, "extraction-dev": 45, "bbc-en": 40}
SEED = 20261123
GOLD = Path(__file__).parent / "data" / "entities_gold.jsonl"
TRAIN = Path(__file__).parent / "data" / "entities_train.jsonl"


def _sentences(rec: ec.Record) -> list[tuple[int, int]]:
    pattern = _EN_SENT if rec.corpus == "bbc-en" else _ZH_SENT
    low, high = (40, 260) if rec.corpus == "bbc-en" else (15, 120)
    out = []
    for m in pattern.finditer(rec.text):
        s, e = m.start(), m.end()
        while s < e and rec.text[s].isspace():
            s += 1
        if low <= e - s <= high:
            out.append((s, e))
    return out


def _quota(part: str) -> tuple[str, int]:
    corpus, _, n = part.partition(":")
    return corpus, int(n)


def emit(rec: ec.Record, start: int, end: int) -> None:
    """Print one drawn sentence as a row for the labeller."""
    sent = rec.text[start:end]
    print(rec.corpus, rec.record, start, end, ec.short_hash(sent), sent, sep="\t")


def main() -> None:
    seed = int(sys.argv[1]) if len(sys.argv) > 1 else SEED
    total = int(sys.argv[2]) if len(sys.argv) > 2 else None
    rng = random.Random(seed)
    t2s = opencc.OpenCC("t2s")
    taken = set()
    if seed != SEED:
        # Neither a gold record nor one the reranker trained on: a held-out sentence's article
        # must be as new to the model as the sentence.
        for path in (GOLD, TRAIN):
            if path.exists():
                lines = path.read_text("utf-8").splitlines()
                taken |= {json.loads(line)["record"] for line in lines}
    fixed = dict(_quota(part) for part in sys.argv[3].split(",")) if len(sys.argv) > 3 else {}
    for corpus, full in (fixed or QUOTA).items():
        quota = full if seed == SEED or fixed else full // 2
        if total is not None and not fixed:
            quota = round(full * total / sum(QUOTA.values()))
        recs = [r for r in ec.records(corpus) if r.text and r.record not in taken]
        rng.shuffle(recs)
        picked = 0
        for rec in recs:
            spans = _sentences(rec)
            if not spans:
                continue
            if (
                corpus == "extraction-dev"
                and picked < quota // 3
                and t2s.convert(rec.text) == rec.text
            ):
                continue  # the first fifteen from this corpus are Traditional-script pages
            emit(rec, *rng.choice(spans))
            picked += 1
            if picked >= quota:
                break


if __name__ == "__main__":
    main()
