"""An extractive story summary: the sentences most central to the story's keywords, cited."""

from __future__ import annotations

import math

from storyline.pipeline.facts.folding import fold
from storyline.pipeline.timeline.merge import wording
from storyline.pipeline.timeline.model import Citation
from storyline.pipeline.timeline.sentences import split_sentences
from storyline.records import Article

# How many sentences a summary takes: a lead paragraph's worth.
SUMMARY_SENTENCES = 3
# Sentences shorter than this are headings or captions, longer ones run-ons or lists: a news
# sentence runs 30–60 characters (the figure quoted in store/facts.py), so 15 and 4× that.
MIN_CHARS = 15
MAX_CHARS = 240
# Length below which a sentence is not favoured for being short: the typical news sentence.
TYPICAL_CHARS = 45
# Questions open a topic rather than tell what happened.
QUESTION = ("？", "?")


def summarize(
    articles: list[Article], keywords: list[str], size: int = SUMMARY_SENTENCES
) -> list[Citation]:
    """The `size` sentences naming most of the story's keywords (earlier keywords weigh more),
    scored per square root of length so long sentences do not win by length alone; one per
    wording, in article and text order."""
    weights = {fold(k).lower(): 1 / (rank + 1) for rank, k in enumerate(keywords)}
    scored: list[tuple[float, Citation]] = []
    for art in articles:
        if art.id is None:
            continue
        for s in split_sentences(art.text):
            text = art.text[s.start : s.end]
            if MIN_CHARS <= len(text) <= MAX_CHARS and not text.rstrip('”"」 ').endswith(QUESTION):
                score = _score(fold(text).lower(), weights)
                scored.append((score, Citation(art.id, art.external_id, s.start, s.end, text)))
    chosen: dict[str, Citation] = {}
    for score, citation in sorted(scored, key=lambda item: -item[0]):
        if score > 0 and len(chosen) < size:
            chosen.setdefault(wording(citation), citation)
    return sorted(chosen.values(), key=lambda c: (c.article_id, c.start))


def _score(norm: str, weights: dict[str, float]) -> float:
    hit = sum(w for k, w in weights.items() if k and k in norm)
    return hit / math.sqrt(max(len(norm), TYPICAL_CHARS))
