"""Personal names proposed by the sequence model (person_model), as low-ranked candidates.

The model reads characters only; the segmenter's words check what it proposes. A name starts
and ends on word boundaries ("听老/张介/绍" has no name "张介绍"); it does not end in a whole
verb ("听老/张/介绍": not "张介绍"); and a name that is one whole dictionary word carries a name
tag: a common word the model takes for a transliteration (a noun such as "桃花源") is not a
person.

`kind_readings` is what the evidence models (person_model.EVIDENCE_FILES) read: not candidates
here, only evidence the reranker weighs (proposals, rerank).
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from storyline.pipeline.facts.candidates import RANK_MODEL, Candidate
from storyline.pipeline.facts.person_model import (
    KindSpans,
    ModelBank,
    PersonModel,
    Reading,
    Span,
    evidence_bank,
    person_model,
)
from storyline.pipeline.facts.zh_units import PERSON_TAGS, Unit
from storyline.records import EntityKind

# A name the model may propose: Han characters, with middle dots inside a foreign name. One
# character alone is a surname standing for a person, which the model guesses poorly.
_NAME = re.compile(r"[\u4e00-\u9fff]+(?:·[\u4e00-\u9fff]+)*")
_HAN = re.compile(r"[\u4e00-\u9fff]")
MIN_MODEL_NAME = 2
# Tags a whole-word name may carry: personal names, transliterations, other proper nouns.
_NAME_WORD_TAGS = PERSON_TAGS | {"nrt", "nz"}
# A name does not end in a whole verb of two characters or more ("老张/介绍").
_VERB_TAGS = frozenset({"v", "vd", "vn"})

# How far below "a name" the model's gain may be for a span to count as a near miss: the
# reranker proposes near misses with their gain, rounded, as part of the source.
NEAR_MARGIN = 4.0
# The evidence models' spans down to this far below "a name" are evidence.
KIND_MARGIN = 2.0


def model_names(norm: str, kinds: bool = True) -> Reading:
    """What the model reads in Han text (the costly part: read once per text)."""
    return model_names_of_many([norm], kinds)[0]


def model_names_of_many(norms: list[str], kinds: bool = True) -> list[Reading]:
    """`model_names` of each text, read together (cheaper than one at a time): names the model
    may propose, and its near misses of Han characters (see NEAR_MARGIN) for the reranker; with
    `kinds`, also what the evidence models read, which only the reranker weighs."""
    # Text without Han characters holds no Chinese name: not worth reading.
    han = [k for k, norm in enumerate(norms) if _HAN.search(norm) is not None]
    texts = [norms[k] for k in han]
    out = [Reading([], []) for _ in norms]
    found = person_model().readings_of_many(texts, NEAR_MARGIN, han_only=True)
    by_kinds = kind_readings(texts) if kinds else [() for _ in texts]
    for k, reading, by_kind in zip(han, found, by_kinds, strict=True):
        norm = norms[k]
        names = [
            (s, e)
            for s, e in reading.names
            if e - s >= MIN_MODEL_NAME and _NAME.fullmatch(norm, s, e)
        ]
        out[k] = Reading(names, reading.near, by_kind)
    return out


def kind_readings(
    texts: list[str], models: Mapping[tuple[str, EntityKind], PersonModel] | None = None
) -> list[KindSpans]:
    """For each text, the spans of Han characters each evidence model (the shipped ones, or
    `models`) reads as a name or nearly (see KIND_MARGIN), with their gain, by model name and
    kind: the reranker's evidence. The models are read together, as one bank."""
    if models is None:
        keys, bank = evidence_bank()
    else:
        keys, bank = tuple(models), ModelBank.of(list(models.values())) if models else None
    if bank is None:
        return [() for _ in texts]
    return [
        tuple((name, kind, near) for (name, kind), near in zip(keys, by_model, strict=True))
        for by_model in bank.near_of_many(texts, KIND_MARGIN, han_only=True)
    ]


def modelled_persons(spans: list[Span], toks: list[Unit]) -> list[Candidate]:
    """The model's names that the segmenter's words agree with, as candidates."""
    if not spans:
        return []
    starts = {u.start: u for u in toks}
    ends = {u.end: u for u in toks}
    out = []
    for s, e in spans:
        first = starts.get(s)
        if first is None or e not in ends:
            continue
        if first.end == e and first.tag not in _NAME_WORD_TAGS:
            continue
        last = ends[e]
        if last is not first and last.tag in _VERB_TAGS and len(last.text) > 1:
            continue
        out.append(
            Candidate(s, e, EntityKind.PERSON, RANK_MODEL, source="zh_model.modelled_persons")
        )
    return out
