"""Whole-line decisions that depend on position: the head (title, byline) and the tail
(related lists, footers, source link), plus the position-free line rules.

A text is read as a sequence of non-blank lines. *Body* lines are long or end a sentence and
match no rule; the head is what comes before the first of them, the tail what follows the last.
Weak signals (a bare number, 阅读, a short name) count only inside the head or tail.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from storyline.pipeline.clean.noise_markdown import Piece, is_source_link
from storyline.pipeline.clean.noise_rules import NoiseRules, Zone
from storyline.pipeline.clean.reasons import Reason

# A line this long is a paragraph of text, not metadata: bylines, credits and footers on the
# sample pages and on extraction-dev pages stay under 45 characters.
BODY_MIN_CHARS = 50
# A shorter line that ends a sentence (。 or .) and has this many characters is body text too.
SENTENCE_MIN_CHARS = 10
# At most this many lines open a text before its body: title, author, time, views, source, tags.
HEAD_MAX_LINES = 8
# A headline-like line: news headlines run to 30–40 CJK characters, English ones to ~100.
TITLE_MAX_CHARS = 100
TITLE_MIN_CHARS = 4
# A title needs a byline line within this many lines of it (before or after).
TITLE_BYLINE_WINDOW = 2
# Short unlabelled lines inside the byline block (a name, a role, a column) are at most this long.
META_MAX_CHARS = 12
# A headingless run of ellipsis-cut teasers must be this long to be taken as a related list
# (one or two cut lines can be the text's own quotations).
TEASER_RUN_MIN = 3
# A list item of a related block, when not cut with an ellipsis, is at most this long.
LIST_ITEM_MAX_CHARS = 40

_SENTENCE_END = re.compile(r"[。.！!][”’」』）)]*$")
_TITLE_BAD_END = re.compile(r"[。，、；：,;:]$")
_HEADING_TRIM = re.compile(r"^[\s#>*【\[「]+|[\s*：:>】\]」|/]+$")
_NON_WORD = re.compile(r"[\W_]+")


@dataclass(slots=True)
class Line:
    """One non-blank input line: where its stripped text starts, its markup and its verdict."""

    start: int
    text: str
    pieces: list[Piece]
    rest: str  # the text with markup and images cut out
    reason: Reason | None = None
    spam: list[Piece] = field(default_factory=list)

    @property
    def open(self) -> bool:
        return self.reason is None and bool(self.rest)


def is_body(line: Line) -> bool:
    if not line.open:
        return False
    text = line.rest
    return len(text) >= BODY_MIN_CHARS or (
        len(text) >= SENTENCE_MIN_CHARS and _SENTENCE_END.search(text) is not None
    )


def rule_reason(text: str, rules: NoiseRules, zones: tuple[Zone, ...]) -> Reason | None:
    for rule in rules.lines:
        if rule.zone in zones and len(text) <= rule.max_len and rule.pattern.search(text):
            return rule.reason
    return None


def _is_heading(text: str, rules: NoiseRules) -> bool:
    return _HEADING_TRIM.sub("", text).casefold() in rules.related_headings


def _list_like(line: Line, rules: NoiseRules) -> bool:
    if not line.open:
        return True
    text = line.rest
    return (
        rules.teaser_end.search(text) is not None
        or _is_heading(text, rules)
        or (len(text) <= LIST_ITEM_MAX_CHARS and _SENTENCE_END.search(text) is None)
    )


def mark_related(lines: list[Line], rules: NoiseRules) -> None:
    """A related-list heading whose following lines are all list-like, to the end of the text;
    or a trailing run of ellipsis-cut teasers."""
    for i, line in enumerate(lines):
        if line.open and _is_heading(line.rest, rules):
            if all(_list_like(other, rules) for other in lines[i + 1 :]):
                for other in lines[i:]:
                    if other.open:
                        other.reason = Reason.RELATED
                return
    run = []
    for line in reversed(lines):
        if line.open and rules.teaser_end.search(line.rest) is None:
            break
        run.append(line)
    if sum(1 for line in run if line.open) >= TEASER_RUN_MIN:
        for line in run:
            if line.open:
                line.reason = Reason.RELATED


def mark_any(lines: list[Line], rules: NoiseRules) -> None:
    for line in lines:
        if line.open:
            line.reason = rule_reason(line.rest, rules, (Zone.ANY,))


def _headline_like(text: str) -> bool:
    return (
        TITLE_MIN_CHARS <= len(text) <= TITLE_MAX_CHARS
        and _TITLE_BAD_END.search(text) is None
        and "。" not in text
    )


def _near_byline(head: list[Line], i: int) -> bool:
    lo, hi = max(0, i - TITLE_BYLINE_WINDOW), min(len(head), i + TITLE_BYLINE_WINDOW + 1)
    return any(head[j].reason is Reason.BYLINE for j in range(lo, hi) if j != i)


def _mark_title(head: list[Line]) -> None:
    for i, line in enumerate(head):
        if line.open:
            if _headline_like(line.rest) and _near_byline(head, i):
                line.reason = Reason.TITLE
            return


def _mark_meta(head: list[Line]) -> None:
    """Short unlabelled lines touching the byline block (a name, a role) belong to it."""
    for i, line in enumerate(head):
        if not line.open or len(line.rest) > META_MAX_CHARS or _SENTENCE_END.search(line.rest):
            continue
        around = head[max(0, i - 1) : i] + head[i + 1 : i + 2]
        if any(other.reason is Reason.BYLINE for other in around):
            line.reason = Reason.BYLINE


def mark_head(lines: list[Line], rules: NoiseRules, title_known: bool) -> None:
    head: list[Line] = []
    for line in lines[:HEAD_MAX_LINES]:
        if is_body(line):
            break
        head.append(line)
    for line in head:
        if line.open:
            line.reason = rule_reason(line.rest, rules, (Zone.HEAD,))
    if not title_known:
        _mark_title(head)
    _mark_meta(head)


def mark_tail(lines: list[Line], rules: NoiseRules) -> None:
    body = [i for i, line in enumerate(lines) if is_body(line)]
    tail = lines[body[-1] + 1 :] if body else lines
    for line in tail:
        if line.open:
            if is_source_link(line.text):
                line.reason = Reason.SOURCE_LINK
            else:
                line.reason = rule_reason(line.rest, rules, (Zone.TAIL,))


def _key(text: str) -> str:
    return _NON_WORD.sub("", text).casefold()


def mark_title_repeats(lines: list[Line], title: str | None) -> None:
    """Lines that repeat the headline (given, or found in the head) are not body text."""
    found = [line.rest for line in lines if line.reason is Reason.TITLE]
    key = _key(title) if title else (_key(found[0]) if found else "")
    if not key:
        return
    for line in lines:
        if line.open and _key(line.rest) == key:
            line.reason = Reason.TITLE_REPEAT
