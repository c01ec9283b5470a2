"""Fixtures shared by the fact extractors' tests."""

from __future__ import annotations

import pytest

from storyline.pipeline.facts import entities


@pytest.fixture
def rules_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """Candidates settled by the rules' ranks, without the learned reranker: a test of what one
    rule proposes reads it alone (the reranker, trained on corpus sentences, may overrule a rule
    on an invented example)."""
    monkeypatch.setattr(entities, "rerank_model", lambda: None)
