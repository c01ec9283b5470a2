"""Personal names proposed by the sequence model (person_model), as low-ranked candidates."""

from __future__ import annotations

import re

from storyline.pipeline.facts.candidates import RANK_MODEL, Candidate
from storyline.pipeline.facts.person_model import person_model
from storyline.records import EntityKind

# A name the model may propose: Han characters, with middle dots inside a foreign name. One
# character alone is a surname standing for a person, which the model guesses poorly.
_NAME = re.compile(r"[\u4e00-\u9fff]+(?:·[\u4e00-\u9fff]+)*")
_HAN = re.compile(r"[\u4e00-\u9fff]")
MIN_MODEL_NAME = 2


def modelled_persons(norm: str) -> list[Candidate]:
    if _HAN.search(norm) is None:
        return []  # text without Han characters holds no Chinese name
    out = []
    for start, end in person_model().names(norm):
        if end - start >= MIN_MODEL_NAME and _NAME.fullmatch(norm, start, end):
            out.append(Candidate(start, end, EntityKind.PERSON, RANK_MODEL))
    return out
