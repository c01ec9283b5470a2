"""Remove noise and spam from article text, keeping every removed span with a reason code.

`clean_text` takes body text from any reader (one paragraph per line, blank lines and Markdown
artefacts allowed) and returns the kept paragraphs plus the removed spans, which index the
input so the original can be rebuilt. The rules favour keeping news: weak signals count only
in the head or tail of the text, spam needs several kinds of signal together, and a paragraph
that merely contains a phone number or the word 微信 stays.

Reason codes are `Reason` values; metadata reads TITLE, BYLINE, SOURCE_LINK and DISCLAIMER
spans back to fill title, author, time, url and outlet.
"""

from __future__ import annotations

from dataclasses import dataclass

from storyline.pipeline.clean import noise_blocks as blocks
from storyline.pipeline.clean.credits import closing_credit
from storyline.pipeline.clean.language import has_traditional
from storyline.pipeline.clean.noise_blocks import Line
from storyline.pipeline.clean.noise_markdown import Piece, line_pieces, residual
from storyline.pipeline.clean.noise_rules import NoiseRules, noise_rules
from storyline.pipeline.clean.noise_spam import is_self_summary, sentences, spam_pieces
from storyline.pipeline.clean.normalize import half_width_same_length, simplified_same_length
from storyline.pipeline.clean.reasons import Reason
from storyline.records import RemovedSpan

# Pieces that keep their own reason when the rest of their line is removed for another one.
_OWN_REASON = frozenset({Reason.IMAGE, Reason.EMPTY_IMAGE, Reason.LINE_NUMBERS})


@dataclass(frozen=True, slots=True)
class Cleaned:
    text: str  # kept paragraphs, one per line, no blank lines
    removed: tuple[RemovedSpan, ...]  # index the input text; sorted, non-overlapping


def _split(text: str, rules: NoiseRules) -> list[Line]:
    lines = []
    pos = 0
    for raw in text.split("\n"):
        at, pos = pos, pos + len(raw) + 1
        stripped = raw.strip()
        if not stripped:
            continue
        start = at + (len(raw) - len(raw.lstrip()))
        pieces = line_pieces(stripped)
        rest = residual(stripped, pieces) if pieces else stripped
        lines.append(Line(start, stripped, pieces, rest, rules.clue_chars(stripped)))
    return lines


def _mark_text_rules(lines: list[Line], rules: NoiseRules) -> None:
    """Position-free decisions on each line: rule matches, self-summaries, spam."""
    blocks.mark_any(lines, rules)
    for line in lines:
        if not line.open:
            continue
        if is_self_summary(line.rest, line.chars):
            line.reason = Reason.SEO_FILLER
            continue
        found = [p for p in spam_pieces(line.text, line.chars) if _clear_of(p, line.pieces)]
        if len(found) == 1 and found[0].end - found[0].start == len(line.text):
            line.reason = found[0].reason
        else:
            line.spam = found + _inline_footer(line, rules) + _inline_disclaimers(line, rules)


def _inline_footer(line: Line, rules: NoiseRules) -> list[Piece]:
    m = rules.inline_footer.search(line.text, line.chars)
    if m is None or m.start() == 0 or not _clear_of(Piece(m.start(), m.end(), Reason.FOOTER), []):
        return []
    return [Piece(m.start(), len(line.text), Reason.FOOTER)]


def _inline_disclaimers(line: Line, rules: NoiseRules) -> list[Piece]:
    """Disclaimer sentences inside a paragraph too long to be a disclaimer as a whole."""
    screen = rules.disclaimers
    if len(line.rest) <= screen.max_len or not any(
        guard.may_match(line.text, line.chars) for guard in screen.guards
    ):
        return []  # the whole line was already judged, or no sentence can match
    return [
        Piece(start, end, Reason.DISCLAIMER)
        for start, end in sentences(line.text)
        if screen.first(line.text[start:end], line.chars)
    ]


def _mark_closing_credit(lines: list[Line]) -> None:
    """The writers' credit that closes the text, glued to its last paragraph (…一半以上。（记者
    张三）): a byline, cut off the paragraph so the text ends with its own words."""
    last = next((line for line in reversed(lines) if line.open), None)
    start = None if last is None else closing_credit(last.text)
    if last is None or start is None:
        return
    if not last.text[:start].strip():
        last.reason = Reason.BYLINE
    elif all(p.end <= start or p.start >= start for p in last.spam):
        # a footer rule may have cut the bracket (（记者：张三）) or its end mark: the credit
        # takes them
        kept = [p for p in last.spam if p.end <= start]
        last.spam = [*kept, Piece(start, len(last.text), Reason.BYLINE)]


def _clear_of(piece: Piece, others: list[Piece]) -> bool:
    return all(piece.end <= o.start or piece.start >= o.end for o in others)


def _gaps(line: Line, keep: list[Piece], reason: Reason) -> list[Piece]:
    """The parts of a removed line outside `keep`, each trimmed of white space."""
    out: list[Piece] = []
    pos = 0
    for p in [*keep, Piece(len(line.text), len(line.text), reason)]:
        seg = line.text[pos : p.start]
        lead = len(seg) - len(seg.lstrip())
        if seg.strip():
            out.append(Piece(pos + lead, pos + lead + len(seg.strip()), reason))
        pos = p.end
    return out


def _line_spans(line: Line) -> list[Piece]:
    if line.reason is None:
        extra = [p for p in line.spam if _clear_of(p, line.pieces)]
        return sorted(line.pieces + _disjoint(extra), key=lambda p: p.start)
    keep = [p for p in line.pieces if p.reason in _OWN_REASON]
    return sorted(keep + _gaps(line, keep, line.reason), key=lambda p: p.start)


def _disjoint(pieces: list[Piece]) -> list[Piece]:
    out: list[Piece] = []
    for p in sorted(pieces, key=lambda p: p.start):
        if _clear_of(p, out):
            out.append(p)
    return out


def _assemble(text: str, lines: list[Line]) -> Cleaned:
    """The kept paragraphs and removed spans, cut from `text` itself: the lines may have been
    read from its Simplified copy, which has the same offsets."""
    removed: list[RemovedSpan] = []
    kept: list[str] = []
    for line in lines:
        spans = _line_spans(line)
        for p in spans:
            start, end = line.start + p.start, line.start + p.end
            removed.append(RemovedSpan(start, end, text[start:end], p.reason.value))
        rest = residual(text[line.start : line.start + len(line.text)], spans)
        if rest:
            kept.append(rest)
    return Cleaned("\n".join(kept), tuple(removed))


def clean_text(text: str, title: str | None = None) -> Cleaned:
    """Split `text` into kept paragraphs and removed spans (see the module docstring).

    `title` is the known headline, or None when the document gave none; then a headline-like
    line heading a byline block is removed as `Reason.TITLE`.
    """
    rules = noise_rules()
    # The rules are written in Simplified script; Traditional text (Taiwan and Hong Kong
    # outlets, Big5 portals) is read through a Simplified copy of the same length, so that
    # 版權聲明 meets the rule for 版权声明. Most text has no Traditional character and is read
    # as it is.
    read, read_title = text, title
    if has_traditional(text) or (title and has_traditional(title)):
        # Both, so that a headline compares with its repeat in one script.
        read = simplified_same_length(text)
        read_title = simplified_same_length(title) if title else title
    # Full-width digits and letters (２０１２年１月１７日) are read as ASCII, one for one, so that
    # date and label rules written with ASCII digits meet them; punctuation stays as written.
    read = half_width_same_length(read)
    read_title = half_width_same_length(read_title) if read_title else read_title
    lines = _split(read, rules)
    _mark_text_rules(lines, rules)
    blocks.mark_related(lines, rules)
    blocks.mark_lone_headings(lines, rules)
    blocks.mark_head(lines, rules, read_title)
    blocks.mark_tail(lines, rules)
    blocks.mark_list_runs(lines, rules)
    blocks.mark_title_repeats(lines, read_title)
    blocks.keep_a_lone_headline(lines, read_title)
    _mark_closing_credit(lines)
    return _assemble(text, lines)
