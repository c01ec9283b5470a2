"""The pattern reader behind the noise clues: what it reads, what it declines, and that the clues
it yields never reject a line the pattern matches."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storyline.pipeline.clean import noise_regex as rx
from storyline.pipeline.clean.noise_clues import clue, guarded
from storyline.pipeline.clean.noise_rules import noise_rules


def test_escapes_and_classes_are_read_as_characters() -> None:
    assert clue(re.compile(r"\.\(x\)")) == frozenset({".(x)"})
    assert clue(re.compile(r"[\]\-a]")) == frozenset({"]", "-", "a"})
    assert clue(re.compile(r"\u4e2d\x41")) == frozenset({"中A"})


def test_what_can_match_anything_gives_no_clue() -> None:
    for source in (r"[^a]", r"\S", r".", r"[\d]", r"(?=abc)", r"(?<!abc)x?", r"(a)?\1"):
        assert clue(re.compile(source)) is None, source


def test_scoped_ignorecase_widens_only_its_group() -> None:
    guard = guarded(re.compile(r"(?i:ab)c"))
    assert guard.found("ABc", frozenset("ABc"))
    assert clue(re.compile(r"(?i:ab)c")) == frozenset({"c"})  # one string beats a case class
    assert clue(re.compile(r"(?-i:xy)", re.IGNORECASE)) == frozenset({"xy"})


def test_a_brace_that_is_no_repeat_is_a_literal() -> None:
    assert clue(re.compile(r"a{b")) == frozenset({"a{b"})
    assert clue(re.compile(r"ab{2}")) == frozenset({"bb"})


def test_syntax_it_does_not_follow_is_declined() -> None:
    for source, flags in ((r"(a)(?(1)a|b)", 0), (r"\0", 0), (r"a b", re.VERBOSE)):
        with pytest.raises(rx.UnsupportedSyntaxError):
            rx.parse(source, flags)
    assert not guarded(re.compile(r"(a)?(?(1)b|c)")).branches[0].screens


def test_branches_that_refer_back_stay_together() -> None:
    guard = guarded(re.compile(r"(a)x|(b)\2"))
    assert len(guard.branches) == 1
    guard = guarded(re.compile(r"ab|cd"))
    assert [b.pattern.pattern for b in guard.branches] == ["ab", "cd"]


def _rule_patterns() -> list[re.Pattern[str]]:
    rules = noise_rules()
    found = [r.pattern for r in rules.lines] + [g.pattern for g in rules.spam.signals]
    return [*found, rules.related_heading.pattern, rules.teaser_end.pattern]


def _alphabet() -> str:
    # the characters the rules name, plus digits, letters and punctuation they skip over
    chars = {c for p in _rule_patterns() for c in p.pattern if not c.isspace()}
    return "".join(sorted(chars)) + "0123456789abcXYZ ，。：:"


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_clues_never_reject_a_matching_line(data: st.DataObject) -> None:
    patterns = _rule_patterns()
    pattern = patterns[data.draw(st.integers(0, len(patterns) - 1))]
    # lines built from pieces of the pattern's own source match far more often than noise
    pieces = [p for p in re.split(r"[\\()|\[\]?*+{}^$]", pattern.pattern) if p]
    piece = st.sampled_from(pieces) if pieces else st.just("x")
    parts = data.draw(st.lists(st.one_of(piece, st.text(_alphabet(), max_size=3)), max_size=6))
    line = "".join(parts)
    if pattern.search(line):
        assert guarded(pattern).found(line, frozenset(line)), (pattern.pattern, line)
