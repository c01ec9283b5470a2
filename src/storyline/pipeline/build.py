"""The pipeline as a plain list of steps, built from settings."""

from __future__ import annotations

from storyline.pipeline.base import Pipeline
from storyline.pipeline.clean.steps import Clean, Index, Keywords, Metadata, Normalize
from storyline.pipeline.facts.step import Facts
from storyline.pipeline.ingest.jsonl import FieldMap
from storyline.pipeline.ingest.parse import Decode, Parse
from storyline.settings import Settings


def article_pipeline(settings: Settings) -> Pipeline:
    """document → decode → parse → clean → metadata → normalize → index → keywords → facts."""
    fields = FieldMap.parse(settings.jsonl_fields, Settings().jsonl_fields)
    return Pipeline(
        [
            Decode(),
            Parse(settings.timezone, fields),
            Clean(),
            Metadata(settings.timezone),
            Normalize(),
            Index(),
            Keywords(),
            Facts(rerank=settings.entity_rerank),
        ]
    )
