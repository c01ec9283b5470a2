"""Whole-line decisions that depend on position: the head (title, byline) and the tail
(related lists, footers, source link), plus the position-free line rules.

A text is read as a sequence of non-blank lines. *Body* lines are long or end a sentence and
match no rule; the head is what comes before the first of them, the tail what follows the last.
Weak signals (a bare number, 阅读, a short name) count only inside the head or tail.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import pairwise

from storyline.pipeline.clean.noise_markdown import Piece, is_bullet, is_list_item, is_source_link
from storyline.pipeline.clean.noise_rules import NoiseRules, RuleScreen
from storyline.pipeline.clean.noise_spam import is_bare_contact
from storyline.pipeline.clean.reasons import Reason

# A line this long is a paragraph of text, not metadata: bylines, credits and footers on the
# sample pages and on extraction-dev pages stay under 45 characters.
BODY_MIN_CHARS = 50
# A shorter line that ends a sentence and has this many characters is body text too.
SENTENCE_MIN_CHARS = 10
# At most this many lines open a text before its body: title, author, time, views, source, tags.
HEAD_MAX_LINES = 8
# A headline-like line: news headlines run to 30–40 CJK characters, English ones to ~100.
TITLE_MAX_CHARS = 100
TITLE_MIN_CHARS = 4
# A head line repeats a given title when their character bigrams overlap this much (Dice):
# portal headlines differ from the page title by a site suffix or a reworded half.
TITLE_SIMILARITY = 0.5
# ... and the line holds at least this share of the title's bigrams (a repeat holds most of it;
# 0.4 is the largest share that keeps every title repeat of the dev split).
TITLE_COVER = 0.4
# A title needs a byline line within this many lines of it (before or after).
TITLE_BYLINE_WINDOW = 2
# Short unlabelled lines inside the byline block (a name, a role, a column) are at most this long.
META_MAX_CHARS = 12
# A run of list lines (bullets, ellipsis-cut teasers, short link texts) at the head or tail must
# be this long to be taken as a list of other articles: one or two can be the text's own.
LIST_RUN_MIN = 3
# A list item, when not cut with an ellipsis, is at most this long (link texts on the
# extraction-dev portals run 8–35 characters).
LIST_ITEM_MAX_CHARS = 40

# The head ends at a statement; a question or exclamation can be the headline itself.
_HEAD_BODY_END = re.compile(r"[。.！!][”’」』）)]*$")
# The tail starts after the last sentence of any kind: a closing question is the text's own.
_TAIL_BODY_END = re.compile(r"[。.！!？?…][”’」』）)]*$")
_TITLE_BAD_END = re.compile(r"[。，、；：,;:]$")
_HEADING_LEAD = re.compile(r"^[\s#>*【\[「■▌▍|]+")
_HEADING_TRAIL = frozenset("*：:>】]」|/")  # and white space
_HEADING_PREFIX = re.compile(r"^[\s【\[「]*([^：:】\]」]{2,8})[】\]」]?\s*[：:]")
_NON_WORD = re.compile(r"[\W_]+")
# The CJK Unified Ideographs block.
_CJK_FIRST, _CJK_LAST = "\u4e00", "\u9fff"
# Prose has clause punctuation; a long line without any is a list of fields or links.
_PROSE_MARK = re.compile(r"[，。！？；,.!?;]")
# Decoration that opens boilerplate lines (｜来源：…, ▍编辑：…) and says nothing itself.
_LEAD = re.compile(r"^[\s｜|▍▌■●◆★☆▲△▼▽•·→》>—_-]+")
_EMPTY_VALUE = re.compile(r"[：:]\s*$")
# A dateline (本报杭州7月29日讯, 新华社北京电) opens the lead: it is text, not byline.
_DATELINE = re.compile(r"(讯|訊|电|電|消息)\s*[:：]?$")


@dataclass(slots=True)
class Line:
    """One non-blank input line: where its stripped text starts, its markup and its verdict."""

    start: int
    text: str
    pieces: list[Piece]
    rest: str  # the text with markup and images cut out
    # The characters of `text` that clue screens look up (NoiseRules.clue_chars), to skip rules
    # whose clue it lacks; not every character of `text`.
    chars: frozenset[str]
    reason: Reason | None = None
    spam: list[Piece] = field(default_factory=list)

    @property
    def open(self) -> bool:
        return self.reason is None and bool(self.rest)


def _is_body(line: Line, sentence_end: re.Pattern[str]) -> bool:
    if not line.open:
        return False
    text = line.rest
    if len(text) >= BODY_MIN_CHARS:
        return _PROSE_MARK.search(text) is not None
    return len(text) >= SENTENCE_MIN_CHARS and sentence_end.search(text) is not None


def rule_reason(line: Line, screen: RuleScreen) -> Reason | None:
    text = line.rest
    lead = _LEAD.match(text)
    rule = screen.first(text[lead.end() :] if lead else text, line.chars)
    return rule.reason if rule else None


def _heading_bare(text: str) -> str:
    """The text without heading decoration: what _HEADING_TRIM.sub("", text) gives, without
    scanning the whole line for the trailing part."""
    lead = _HEADING_LEAD.match(text)
    bare = text[lead.end() :] if lead else text
    end = len(bare)
    while end and (bare[end - 1].isspace() or bare[end - 1] in _HEADING_TRAIL):
        end -= 1
    return bare[:end]


def is_heading(text: str, rules: NoiseRules, chars: frozenset[str]) -> bool:
    """A heading of a related-articles block, alone or followed by its first item. `chars`
    holds the key characters of `text` (or more)."""
    bare = _heading_bare(text)
    # casefold never shortens a string, so a longer line cannot be one of the listed headings
    if len(bare) <= rules.related_heading_max and bare.casefold() in rules.related_headings:
        return True
    if rules.related_heading.found(bare, chars):
        return True
    m = _HEADING_PREFIX.match(text)
    return m is not None and m.group(1).strip().casefold() in rules.related_headings


def _list_like(line: Line, rules: NoiseRules) -> bool:
    if not line.open:
        return True
    text = line.rest
    return (
        rules.teaser_end.found(text, line.chars)
        or is_heading(text, rules, line.chars)
        or is_bullet(line.text)
        or (len(text) <= LIST_ITEM_MAX_CHARS and _HEAD_BODY_END.search(text) is None)
    )


def _list_tail(lines: list[Line], rules: NoiseRules) -> int:
    """Index of the first line of the longest run of list-like lines ending the text."""
    i = len(lines)
    while i > 0 and _list_like(lines[i - 1], rules):
        i -= 1
    return i


def mark_related(lines: list[Line], rules: NoiseRules) -> None:
    """A related-list heading whose following lines are all list-like, to the end of the text."""
    # Only a line just before or inside the trailing list-like run has list-like lines after it.
    first = max(0, _list_tail(lines, rules) - 1)
    for i in range(first, len(lines)):
        line = lines[i]
        if line.open and is_heading(line.rest, rules, line.chars):
            for other in lines[i:]:
                if other.open:
                    other.reason = Reason.RELATED
            return


def mark_lone_headings(lines: list[Line], rules: NoiseRules) -> None:
    """A listed heading (相关新闻, 猜你喜欢) alone on its line is page furniture wherever it
    stands, even when what follows is not a list this cleaner recognises: the heading goes,
    its lines stay unless another rule takes them."""
    for line in lines:
        if line.open and len(line.rest) <= 2 * rules.related_heading_max:
            bare = _heading_bare(line.rest)
            if len(bare) <= rules.related_heading_max and bare.casefold() in rules.related_headings:
                line.reason = Reason.RELATED


def _chars(lines: list[Line]) -> int:
    return sum(len(line.rest) for line in lines if line.open)


def _mark_list_run(run: list[Line], rest: list[Line], rules: NoiseRules) -> None:
    """A list is an appendix to a text. Bulleted or ellipsis-cut items are lists by shape;
    plain short lines only when they hold less text than the body in `rest` (a text written
    as short lines, WeChat style, is not a list)."""
    items = [line for line in run if line.open]
    if len(items) < LIST_RUN_MIN:
        return
    shaped = sum(
        1
        for line in items
        if is_list_item(line.text) or rules.teaser_end.found(line.rest, line.chars)
    )
    if shaped < LIST_RUN_MIN:
        body_chars = _chars([ln for ln in rest if _is_body(ln, _TAIL_BODY_END)])
        if _chars(items) >= body_chars:
            return
    for line in items:
        line.reason = Reason.RELATED


def mark_list_runs(lines: list[Line], rules: NoiseRules) -> None:
    """Lists of other articles without a heading: a trailing run of list lines, or a run of
    bulleted or ellipsis-cut lines opening the text."""
    start = _list_tail(lines, rules)
    _mark_list_run(lines[start:], lines[:start], rules)
    end = 0
    for line in lines:
        if line.open and not (
            is_bullet(line.text) or rules.teaser_end.found(line.rest, line.chars)
        ):
            break
        end += 1
    _mark_list_run(lines[:end], lines[end:], rules)


def mark_any(lines: list[Line], rules: NoiseRules) -> None:
    for line in lines:
        if line.open:
            line.reason = rule_reason(line, rules.anywhere)


def _headline_like(text: str) -> bool:
    return (
        TITLE_MIN_CHARS <= len(text) <= TITLE_MAX_CHARS
        and _TITLE_BAD_END.search(text) is None
        and "。" not in text
    )


def _near_byline(head: list[Line], i: int) -> bool:
    lo, hi = max(0, i - TITLE_BYLINE_WINDOW), min(len(head), i + TITLE_BYLINE_WINDOW + 1)
    return any(head[j].reason is Reason.BYLINE for j in range(lo, hi) if j != i)


def _bigrams(text: str) -> set[str]:
    key = _key(text)
    return {key[i : i + 2] for i in range(len(key) - 1)}


def similar_title(text: str, title: str) -> bool:
    a, b = _bigrams(text), _bigrams(title)
    if not (a and b):
        return False
    shared = len(a & b)
    # A short section heading that reuses a few of the headline's words ("两个责任" under a
    # longer headline) passes the Dice test but does not repeat the headline: it must also
    # hold most of it.
    return 2 * shared / (len(a) + len(b)) >= TITLE_SIMILARITY and shared / len(b) >= TITLE_COVER


def _mark_title(head: list[Line], title: str | None) -> None:
    """The first open head line is the headline when it sits on the byline block (no title
    given) or resembles the given title."""
    if any(line.reason in (Reason.TITLE, Reason.TITLE_REPEAT) for line in head):
        return
    for i, line in enumerate(head):
        if not line.open:
            continue
        if title is None:
            if _headline_like(line.rest) and _near_byline(head, i):
                line.reason = Reason.TITLE
        elif _headline_like(line.rest) and similar_title(line.rest, title):
            line.reason = Reason.TITLE_REPEAT
        # only the first open line: a later short line like the title is a lead written in
        # short lines (WeChat style) that reuses the headline's words
        return


def _mark_meta(head: list[Line]) -> None:
    """Short unlabelled lines touching the byline block (a name, a role) belong to it."""
    for i, line in enumerate(head):
        text = line.rest
        if not line.open or len(text) > META_MAX_CHARS or _HEAD_BODY_END.search(text):
            continue
        if _DATELINE.search(text):
            continue
        around = head[max(0, i - 1) : i] + head[i + 1 : i + 2]
        if any(other.reason is Reason.BYLINE for other in around):
            line.reason = Reason.BYLINE


def _mark_edge_line(line: Line, screen: RuleScreen) -> None:
    if line.open:
        line.reason = rule_reason(line, screen)
    if line.open and is_bare_contact(line.rest):
        line.reason = Reason.SPAM_CONTACT


def _head(lines: list[Line]) -> list[Line]:
    head: list[Line] = []
    seen = 0
    for line in lines:
        if _is_body(line, _HEAD_BODY_END) or seen == HEAD_MAX_LINES:
            break
        seen += line.open
        head.append(line)
    return head


def mark_head(lines: list[Line], rules: NoiseRules, title: str | None) -> None:
    head = _head(lines)
    for line in head:
        _mark_edge_line(line, rules.head)
        if line.reason is Reason.TITLE and title is not None:
            line.reason = Reason.TITLE_REPEAT
    _mark_title(head, title)
    _mark_meta(head)


def _tail_start(lines: list[Line], end: int) -> int:
    """Index of the first of the non-body lines that run up to `end`."""
    while end > 0 and not _is_body(lines[end - 1], _TAIL_BODY_END):
        end -= 1
    return end


def _mark_tail_lines(tail: list[Line], rules: NoiseRules) -> None:
    for line in tail:
        if line.open and is_source_link(line.text):
            line.reason = Reason.SOURCE_LINK
        _mark_edge_line(line, rules.tail)


def mark_tail(lines: list[Line], rules: NoiseRules) -> None:
    end = len(lines)
    start = _tail_start(lines, end)
    _mark_tail_lines(lines[start:end], rules)
    # A line that reads as a sentence can still be boilerplate closing the text (a site's
    # invitation to follow it, a source line, a news-tip hotline): when a closing rule names
    # the last body line, it joins the tail, and the tail reaches on to the body line before.
    while start > 0:
        line = lines[start - 1]
        # a line with a footer or spam part cut out has body text before it
        reason = None if line.spam else rule_reason(line, rules.closing)
        if reason is None:
            break
        line.reason = reason
        end = start - 1
        start = _tail_start(lines, end)
        _mark_tail_lines(lines[start:end], rules)
    tail = lines[start:]
    for label, value in pairwise(tail):
        # a label whose value went to the next line (原标题：⏎ headline)
        empty = label.reason is not None and _EMPTY_VALUE.search(label.rest) is not None
        if empty and value.open and len(value.rest) <= TITLE_MAX_CHARS:
            value.reason = label.reason


def _key(text: str) -> str:
    return _NON_WORD.sub("", text).casefold()


def mark_title_repeats(lines: list[Line], title: str | None) -> None:
    """Lines that repeat the headline (given, or found in the head) are not body text."""
    found = [line.rest for line in lines if line.reason is Reason.TITLE]
    key = _key(title) if title else (_key(found[0]) if found else "")
    if not key:
        return
    # A line with the same key holds each CJK ideograph of the key itself (casefold maps no
    # other character to one): lines lacking one are passed over without computing their key.
    need = frozenset(ch for ch in key if _CJK_FIRST <= ch <= _CJK_LAST)
    for line in lines:
        if line.open and all(map(line.text.__contains__, need)) and _key(line.rest) == key:
            line.reason = Reason.TITLE_REPEAT


def keep_a_lone_headline(lines: list[Line], title: str | None) -> None:
    """A text of one line that says more than the headline it resembles is a short post
    titled with its first words (the title cut short): the line is its text and is kept. A
    line that only repeats the headline is a page whose text is missing, and goes."""
    if len(lines) != 1 or lines[0].reason not in (Reason.TITLE, Reason.TITLE_REPEAT):
        return
    if title is not None and len(_key(lines[0].rest)) > len(_key(title)):
        lines[0].reason = None
