"""Sentences of the shared corpora, addressed by corpus file, record id and offset.

The gold set stores only these addresses and a short hash of each sentence; the text is read
from the corpora at run time and never copied into the repository.
"""

from __future__ import annotations

import hashlib
import html
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

import opencc

CORPORA = Path(__file__).resolve().parents[1].parent / "shared" / "corpora"
CCTV = "cctv-xwlb/stories.jsonl"
BBC = "bbc-en/bbc_2005.jsonl"
DEV = "extraction-dev"
# The BBC set carries no dates; relative expressions are resolved against this nominal day.
BBC_PUBLISHED = date(2005, 6, 15)
_TAG = re.compile(r"<[^>]+>")
_SENTENCE = re.compile(r"[^。！？!?\n]*(?:[。！？!?]+[”」』\"]?|\n|$)")
_ENGLISH_SENTENCE = re.compile(r"[^\n]*?(?:[.!?][\"']?(?=\s)|\n|$)")


@dataclass(frozen=True, slots=True)
class Record:
    corpus: str
    record: str
    text: str
    published: date
    lang: str
    script: str  # Hans, Hant or Latn


def sentence_hash(sentence: str) -> str:
    return hashlib.sha1(sentence.encode("utf-8")).hexdigest()[:12]


def corpora_present() -> bool:
    return (CORPORA / CCTV).is_file() and (CORPORA / BBC).is_file() and (CORPORA / DEV).is_dir()


def load_cctv() -> Iterator[Record]:
    with (CORPORA / CCTV).open(encoding="utf-8") as lines:
        for line in lines:
            row = json.loads(line)
            text = html.unescape(_TAG.sub("", row["raw_html"]))
            yield Record(CCTV, row["id"], text, date.fromisoformat(row["date"]), "zh", "Hans")


def load_bbc() -> Iterator[Record]:
    with (CORPORA / BBC).open(encoding="utf-8") as lines:
        for line in lines:
            row = json.loads(line)
            yield Record(BBC, row["id"], row["text"], BBC_PUBLISHED, "en", "Latn")


def load_dev() -> Iterator[Record]:
    for path in sorted((CORPORA / DEV).glob("*.json")):
        row = json.loads(path.read_text(encoding="utf-8"))
        day = path.name[:8]
        published = date(int(day[:4]), int(day[4:6]), int(day[6:8]))
        script = "Hant" if row.get("script_guess") == "hant" else "Hans"
        yield Record(f"{DEV}/{path.name}", row["id"], row["body"], published, "zh", script)


@lru_cache(maxsize=1)
def records() -> dict[tuple[str, str], Record]:
    everything = [*load_cctv(), *load_bbc(), *load_dev()]
    return {(r.corpus, r.record): r for r in everything}


def sentences(record: Record) -> Iterator[tuple[int, str]]:
    """(offset, sentence) pairs; offsets index the record's text."""
    pattern = _ENGLISH_SENTENCE if record.lang == "en" else _SENTENCE
    for match in pattern.finditer(record.text):
        raw = match.group()
        stripped = raw.strip()
        if stripped:
            yield match.start() + raw.index(stripped[0]), stripped


@lru_cache(maxsize=2)
def converter(config: str) -> opencc.OpenCC:
    return opencc.OpenCC(config)


def to_traditional(sentence: str) -> str | None:
    """The sentence in Traditional script, if the conversion keeps its length (spans stay valid)."""
    converted: str = converter("s2t").convert(sentence)
    return converted if len(converted) == len(sentence) else None


def to_simplified(sentence: str) -> str:
    converted: str = converter("t2s").convert(sentence)
    return converted
