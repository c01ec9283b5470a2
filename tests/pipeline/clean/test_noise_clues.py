"""Clues must be necessary conditions: a pattern never matches text that its clue rejects."""

from __future__ import annotations

import re
from pathlib import Path

from storyline.pipeline.clean.noise_clues import Guarded, clue, guarded
from storyline.pipeline.clean.noise_rules import noise_rules

EXAMPLES = Path(__file__).resolve().parents[3] / "examples"
if not EXAMPLES.exists():
    EXAMPLES = Path("/work/main/examples")

# Of the ~45 rule and spam patterns, the lines below and the sample documents exercise at least
# this many (counted when the test was written: 25).
MIN_PATTERNS_EXERCISED = 15

# Lines written for these tests: each is boilerplate some rule or spam signal is meant to catch,
# so that the check below sees patterns that match, not only patterns that fail.
_LINES = [
    "责任编辑：王某",
    "（责任编辑：李某）",
    "本文仅代表作者本人观点，不代表本站立场。",
    "特别声明：以上内容仅提供信息存储服务。",
    "Copyright © 2020 Example News. All rights reserved.",
    "京ICP备12345678号",
    "2020-05-01 10:20 来源：某某日报",
    "首页 > 新闻 > 正文",
    "相关阅读",
    "点击上方蓝字关注我们",
    "加微信abc12345领取资料",
    "炸金花开挂辅助器，必赢，加客服微信xyz888",
    "希望本文对您有所帮助",
    "Share this article",
    "记者 张三 摄",
    "原标题：某地发生一起事故",
]


def _all_lines() -> list[str]:
    lines = list(_LINES)
    for path in sorted(EXAMPLES.glob("*.txt")):
        lines += [ln.strip() for ln in path.read_text("utf-8").splitlines() if ln.strip()]
    return lines


def _patterns() -> list[re.Pattern[str]]:
    rules = noise_rules()
    found = [r.pattern for r in rules.lines]
    found += [g.pattern for g in rules.spam.signals]
    return [*found, rules.related_heading.pattern, rules.teaser_end.pattern]


def test_clue_of_literal_alternation_holds_each_word() -> None:
    assert clue(re.compile("(开挂|外挂)")) == frozenset({"开挂", "外挂"})


def test_no_clue_when_a_branch_has_no_literal() -> None:
    assert clue(re.compile(r"(编辑|\S+)")) is None


def test_cased_letters_under_ignorecase_admit_every_case() -> None:
    # under IGNORECASE "Share" matches "SHARE", and "s" matches the long s "ſ" as well
    guard = guarded(re.compile("^Share", re.IGNORECASE))
    for text in ("Share", "SHARE", "share", "ſhare"):
        assert guard.found(text, frozenset(text)), text
    assert not guard.may_match("分享", frozenset("分享"))


def test_optional_parts_give_no_clue() -> None:
    found = clue(re.compile("(来源)?：x"))
    assert found == frozenset({"：x"})


def test_a_repeated_character_gives_a_string() -> None:
    assert clue(re.compile(r"\.{3,}$")) == frozenset({"..."})


def test_top_level_branches_are_screened_apart() -> None:
    guard = guarded(re.compile(r"^相关阅读$|点击排行$"))
    assert len(guard.branches) == 2
    assert guard.found("本周点击排行", frozenset("本周点击排行"))
    assert not guard.found("相关阅读很多", frozenset("相关阅读很多"))


def test_a_handle_needs_both_its_clues() -> None:
    guard = guarded(re.compile(r"(微信|QQ)\s*[:：]?\s*[A-Za-z0-9]{5,}"))
    assert not guard.may_match("微信群众", frozenset("微信群众"))
    assert guard.found("微信：abc123", frozenset("微信：abc123"))


def test_clue_never_rejects_a_line_the_pattern_matches() -> None:
    lines = _all_lines()
    exercised = 0
    for pattern in _patterns():
        guard = guarded(pattern)
        hits = [line for line in lines if pattern.search(line)]
        exercised += bool(hits)
        for line in hits:
            chars = frozenset(line)
            assert guard.found(line, chars), (pattern.pattern, line)
            assert guard.search(line, chars) is not None, (pattern.pattern, line)
        for line in lines:  # and what the guard finds, the pattern finds
            if guard.found(line, frozenset(line)):
                assert pattern.search(line), (pattern.pattern, line)
    # the check means something only when many of the patterns match some line
    assert exercised >= MIN_PATTERNS_EXERCISED


def _rule_guards() -> list[Guarded]:
    rules = noise_rules()
    screens = (rules.anywhere, rules.head, rules.tail, rules.disclaimers)
    spam = rules.spam
    fixed = [rules.related_heading, rules.teaser_end, rules.inline_footer, spam.self_summary]
    return [g for s in screens for g in s.guards] + fixed + list(spam.signals)


def test_clue_chars_keep_every_key_any_screen_looks_up() -> None:
    rules = noise_rules()
    for guard in _rule_guards():
        keys = guard.key_chars()
        assert rules.clue_chars("".join(sorted(keys))) == keys, guard.pattern.pattern


def test_clue_chars_answer_as_all_of_a_lines_characters_do() -> None:
    # Lines are screened with only their key characters (NoiseRules.clue_chars): every guard
    # and rule screen must decide as it does with the full character set.
    rules = noise_rules()
    for line in _all_lines():
        full, keys = frozenset(line), rules.clue_chars(line)
        for guard in _rule_guards():
            assert guard.found(line, keys) == guard.found(line, full), (guard.pattern, line)
            assert guard.may_match(line, keys) == guard.may_match(line, full)
        for screen in (rules.anywhere, rules.head, rules.tail, rules.disclaimers):
            assert screen.first(line, keys) == screen.first(line, full), line
