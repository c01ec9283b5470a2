"""Predicates: listed phrases by class, found in any script and case, with offsets into the text."""

from __future__ import annotations

from storyline.pipeline.timeline.predicates import find_predicates


def _listed(text: str) -> list[tuple[str, str]]:
    return [(p.word, p.kind) for p in find_predicates(text) if p.kind]


def test_traditional_and_full_width_text_matches_the_simplified_lexicon() -> None:
    simplified = _listed("该公司昨日起诉了两家供应商。")
    traditional = _listed("該公司昨日起訴了兩家供應商。")
    assert [kind for _, kind in simplified] == [kind for _, kind in traditional]
    assert ("起訴", simplified[0][1]) in traditional


def test_offsets_hold_when_lower_case_changes_a_letters_length() -> None:
    # "İ" lower-cases to two characters; offsets must still index the text as given.
    text = "İİİ Court: the firm Sued its rival, then 起诉 again."
    for p in find_predicates(text):
        assert text[p.start : p.end] == p.word
    assert any(p.word == "Sued" and p.kind for p in find_predicates(text))
