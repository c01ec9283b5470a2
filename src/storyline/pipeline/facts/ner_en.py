"""Rules that find names in Latin-script text: runs of capitalised words, classified by context.

English has capitals where Chinese has none, so a run of capitalised words is the candidate; the
words around it (titles, "said", suffixes such as "Party" or "Stadium") decide its kind.
"""

from __future__ import annotations

import itertools
import re

from storyline.pipeline.facts.candidates import RANK_COMPOUND, RANK_RULE, Candidate
from storyline.pipeline.facts.rules import EnRules
from storyline.records import EntityKind

_WORD = r"[A-Z][A-Za-z\-]*(?:'(?!s\b)[A-Za-z]+)*\.?"
_JOIN = r"(?: (?:of|of the|for|de|da|du|von|van|der|den|al|bin|la|le) | )"
_MODEL = r"(?: [0-9]+(?:\.[0-9]+)?(?: (?:Plus|Pro|Max|Mini|Ultra|Lite))?)?"
# A number followed by a dash and a digit is a score or a range ("Starace 6-1"), not a model.
RUN = re.compile(rf"(?<![A-Za-z0-9\-]){_WORD}(?:{_JOIN}{_WORD})*{_MODEL}(?![A-Za-z0-9]|[-–][0-9])")
CODE = re.compile(r"(?<![A-Za-z0-9])[A-Z]{1,5}-?[0-9]{2,5}[A-Za-z]?(?![A-Za-z0-9])")
_SENTENCE_START = re.compile(r"(?:^|[.!?:;\"“‘'(\[\n]|[。！？，：；（“「])\s*$")
# Words after a sentence-initial capitalised word that show it is a name, not an opener.
_VERB_AFTER = re.compile(
    r"\s+(?:[a-z]+ly\s+)?(?:was|is|has|had|have|said|says|will|would|could|can|did|does|told|added|scored|"
    r"won|lost|made|took|became|joined|left|insisted|admitted|believes|thinks)\b"
)
# A past-tense verb after a name: "Bratman presented" (but not after a plural noun or an adverb,
# "Analysts believed", "Tightly packed").
_PAST_AFTER = re.compile(r" [a-z]{3,}ed\b")
# The lower-case noun right after a name ("Westfalen stadium", "the Travelodge chain").
_HEAD_AFTER = re.compile(r" ([a-z]+)\b")
_WORD_BEFORE = re.compile(r"([A-Za-z\-]+)\W*$")
# Roman numerals that number a product's generations after an acronym ("MDA III").
_ROMAN = frozenset({"II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"})
# One-character Chinese suffixes that make a place of the Latin name before them.
ZH_PLACE_SUFFIXES = frozenset("省市州县")
# "OpenAI", "DeepMind", "McDonald" have 2-3 case changes; identifiers from URLs have many more.
MAX_CASE_CHANGES = 4
# A Chinese title right before a Latin-script name: at most this many characters ("首席执行官").
MAX_ZH_TITLE = 5


def candidates(norm: str, rules: EnRules) -> list[Candidate]:
    out = []
    for m in RUN.finditer(norm):
        gloss = _gloss_of(norm, m.start(), rules)
        if gloss == _TERM or _quoted_in_chinese(norm, m.start(), m.end()):
            continue
        for start, end in _sentences(m.start(), m.end(), norm, rules):
            for piece_start, piece_end, employer in _role_pieces(norm, start, end, rules):
                if employer:
                    out.extend(_employer(norm, piece_start, piece_end, rules))
                else:
                    found = _classify(norm, piece_start, piece_end, rules)
                    out.extend(_glossed(c, gloss) for c in found)
    out += [
        Candidate(m.start(), m.end(), EntityKind.PRODUCT, RANK_RULE, source="ner_en.candidates")
        for m in CODE.finditer(norm)
    ]
    return out


# What a bracketed Latin run after Chinese text glosses: a Chinese name that is not a
# transliterated personal name ("蓝色起源(Blue Origin)": not a person, whatever its shape), or a
# quoted term ("“红色警报”(Code Red)": a phrase, no name at all). A gloss of a transliterated
# name ("奥尔特曼(Sam Altman)") changes nothing: the run's own shape tells a person.
_NAME, _TERM = "name", "term"
_CLOSING_QUOTES = frozenset("”」』’\"'")


def _gloss_of(norm: str, start: int, rules: EnRules) -> str | None:
    before = norm[max(0, start - 3) : start].rstrip(" ")
    if not before.endswith(("(", "（")):
        return None
    prev = before[:-1].rstrip(" ")[-1:]
    if prev in _CLOSING_QUOTES:
        return _TERM
    if not _cjk(prev or " ") or prev in rules.zh_transliteration_chars:
        return None
    return _NAME


_QUOTES = {"“": "”", "「": "」", "『": "』"}


def _quoted_in_chinese(norm: str, start: int, end: int) -> bool:
    """ "OpenAI的“Code Red”": a Latin phrase quoted whole in Chinese text is a term or a
    slogan; names in quotes that matter (“ChatGPT”) are listed and found as such."""
    if start == 0 or end >= len(norm) or _QUOTES.get(norm[start - 1]) != norm[end]:
        return False
    return _cjk(norm[start - 2 : start - 1] or " ") or _cjk(norm[end + 1 : end + 2] or " ")


def _glossed(cand: Candidate, gloss: str | None) -> Candidate:
    if gloss == _NAME and cand.kind is EntityKind.PERSON:
        return Candidate(cand.start, cand.end, EntityKind.ORG, cand.rank, source=cand.source)
    return cand


def _role_pieces(norm: str, start: int, end: int, rules: EnRules) -> list[tuple[int, int, bool]]:
    """Cut a run before each executive-role acronym: "OpenAI CEO Sam Altman" gives the employer
    "OpenAI" (flagged) and "CEO Sam Altman", whose title opener `_classify` then strips."""
    out, pos, piece = [], start, start
    for word in norm[start:end].split(" "):
        if _bare(word) in rules.role_acronyms and pos > piece:
            out.append((piece, pos - 1, True))
            piece = pos
        pos += len(word) + 1
    out.append((piece, end, False))
    return out


def _employer(norm: str, start: int, end: int, rules: EnRules) -> list[Candidate]:
    """The words before a role acronym name whom the person works for: an organisation."""
    words = norm[start:end].split(" ")
    while words and (words[0] in rules.stop_words or words[0] in rules.demonyms):
        start += len(words.pop(0)) + 1
    if not words or (len(words) == 1 and _not_a_name(words[0])):
        return []
    return [Candidate(start, end, EntityKind.ORG, RANK_RULE, source="ner_en.employer")]


def _classify(norm: str, start: int, end: int, rules: EnRules) -> list[Candidate]:
    words = norm[start:end].split(" ")
    titled = False
    org = _bare(words[-1]) in rules.org_suffixes
    while words and _opener(_bare(words[0]), org, rules):
        first = _bare(words[0])
        titled = titled or first in rules.person_titles or first.lower() in rules.person_cues
        titled = titled or first in rules.role_acronyms
        start += len(words.pop(0)) + 1
    if not words or (len(words) == 1 and _not_a_name(words[0])):
        return []
    if words[-1].endswith("."):
        end -= 1  # a full stop closing the sentence is not part of the name
    if len(words) > 1 and _bare(words[-1]) in rules.event_suffixes:
        return _event_opener(start, words, rules)
    lone = len(words) == 1 and not titled
    # An acronym may open a sentence or a bracket in English ("(OFT)"); in Chinese text a
    # bracketed acronym more often spells out a term or an agreement ("（RCEP）").
    in_chinese = _cjk_around(norm, start, end)
    acronym = lone and words[0].isupper() and not in_chinese
    # "Fortunately there ...": a capitalised opener, unless a verb follows. Chinese has no
    # capitals, so a capitalised Latin word opening a Chinese sentence is a name
    # ("Fabrikam预测…"); an acronym there is more often a term ("GIS查询系统").
    mixed_case_in_chinese = in_chinese and not words[0].isupper()
    opener = lone and not (acronym or mixed_case_in_chinese) and _sentence_initial(norm, start)
    if opener and not _verb_after(norm, end):
        return []
    if norm[end : end + 1] in ZH_PLACE_SUFFIXES:
        return [
            Candidate(start, end + 1, EntityKind.PLACE, RANK_COMPOUND, source="ner_en.classify")
        ]  # "Benguela省"
    kind = _kind(norm, start, words, titled, rules)
    rank = RANK_COMPOUND if kind is not EntityKind.PERSON and len(words) > 1 else RANK_RULE
    return [Candidate(start, end, kind, rank, source="ner_en.classify")]


def _sentences(start: int, end: int, norm: str, rules: EnRules) -> list[tuple[int, int]]:
    """Split a run at full stops that end a sentence ("Yukos. The shell company"); the stop
    after a title or an initial ("Mr.", "J.") does not end one."""
    out, pos = [], start
    for word in norm[start:end].split(" "):
        stop = pos + len(word)
        if word.endswith(".") and len(word) > 3 and _bare(word) not in rules.person_titles:
            out.append((start, stop))
            start = stop + 1
        pos = stop + 1
    if start < end:
        out.append((start, end))
    return out


def _event_opener(start: int, words: list[str], rules: EnRules) -> list[Candidate]:
    """An event's name is no mention; a place or an acronym that opens it is ("Canberra
    Classic", "IRB Rugby Aid match")."""
    for n in range(len(words) - 1, 0, -1):
        head = " ".join(words[:n])
        if head in rules.places:
            return [
                Candidate(
                    start,
                    start + len(head),
                    EntityKind.PLACE,
                    RANK_RULE,
                    source="ner_en.event_opener",
                )
            ]
    if words[0].isupper() and len(words[0]) > 1:
        return [
            Candidate(
                start,
                start + len(words[0]),
                EntityKind.ORG,
                RANK_RULE,
                source="ner_en.event_opener",
            )
        ]
    return []


def _opener(word: str, org: bool, rules: EnRules) -> bool:
    """A leading word that is not part of the name: "The", "Mr", or "Scottish" unless an
    organisation's name follows ("Scottish National Party")."""
    if word in rules.stop_words or word in rules.person_titles or word.lower() in rules.person_cues:
        return True
    if word in rules.role_acronyms:
        return True
    return word in rules.demonyms and not org


def _not_a_name(word: str) -> bool:
    """A lone word that cannot be a name: a number, one letter, a plural acronym (DVDs), or a
    random identifier out of a URL (many case changes, as in "OMWlMQacpmCdIPrj")."""
    changes = sum(a.isupper() != b.isupper() for a, b in itertools.pairwise(word))
    word = _bare(word)
    plural_acronym = len(word) > 2 and word.endswith("s") and word[:-1].isupper()
    return (
        word[:1].isdigit() or len(_bare(word)) < 2 or plural_acronym or changes > MAX_CASE_CHANGES
    )


def _bare(word: str) -> str:
    return word.rstrip(".")


def _sentence_initial(norm: str, start: int) -> bool:
    return bool(_SENTENCE_START.search(norm, max(0, start - 3), start)) or start == 0


def _kind(norm: str, start: int, words: list[str], titled: bool, rules: EnRules) -> EntityKind:
    bare = [_bare(w) for w in words]
    end = start + len(" ".join(words))
    shape = _written_kind(norm, end, bare, rules)
    if shape is not None:
        return shape
    if _cjk_around(norm, start, end):
        person = _zh_title_before(norm, start, rules) or _zh_speech_after(norm, end, rules)
        return EntityKind.PERSON if person or _full_name(bare, rules) else EntityKind.ORG
    cue = _word_before(norm, start)
    if titled or cue in rules.person_cues or cue in rules.person_titles:
        return EntityKind.PERSON
    if cue == "at" and _word_before(norm, norm.rfind("at", 0, start)) in rules.person_cues:
        return EntityKind.ORG  # "analyst at Troika Dialog": where a person works
    if cue in rules.place_cues or " ".join(bare) in rules.places or _locality(norm, end, rules):
        return EntityKind.PLACE
    return _lone_kind(norm, end, bare, rules)


def _written_kind(norm: str, end: int, bare: list[str], rules: EnRules) -> EntityKind | None:
    """The kind the name's own words or the noun after it show, before any context."""
    name = " ".join(bare)
    if len(bare) > 1 and name in rules.places:
        return EntityKind.PLACE  # "United States", though "United" closes club names
    shape = _shape_kind(bare, rules)
    if shape is None and name not in rules.places:
        shape = _head_kind(norm, end, rules)
    return shape


# A personal name in Latin script inside Chinese text: a given name and one or two more words.
FULL_NAME_WORDS = (2, 3)


def _full_name(bare: list[str], rules: EnRules) -> bool:
    """ "由Jeff Bezos创立": a common given name opening a short run is a person's full name."""
    return len(bare) in FULL_NAME_WORDS and bare[0] in rules.given_names


def _lone_kind(norm: str, end: int, bare: list[str], rules: EnRules) -> EntityKind:
    if len(bare) == 1 and bare[0].isupper() and len(bare[0]) > 1:
        return EntityKind.ORG  # an acronym
    if len(bare) == 1 and norm.startswith("'s ", end):
        return EntityKind.PERSON  # "Luscombe's return": possession, most often a person's
    if len(bare) == 1 and not _VERB_AFTER.match(norm, end):
        # A lone word with no cue: a common surname stands for a person introduced earlier
        # ("Welch", "Dempsey"); any other unexplained single name is more often a company, club
        # or brand, as news introduces people by full name and a title.
        surname = bare[0].upper().replace("'", "") in rules.surnames
        return EntityKind.PERSON if surname else EntityKind.ORG
    return EntityKind.PERSON


def _verb_after(norm: str, end: int) -> bool:
    """A verb after a sentence-initial word, showing it is a name and not an opener."""
    if _VERB_AFTER.match(norm, end):
        return True
    plural_or_adverb = norm.endswith(("s", "ly"), 0, end)  # "Analysts believed", "Tightly"
    return not plural_or_adverb and _PAST_AFTER.match(norm, end) is not None


def _head_kind(norm: str, end: int, rules: EnRules) -> EntityKind | None:
    """The kind a lower-case noun right after the name gives it: "Westfalen stadium"."""
    m = _HEAD_AFTER.match(norm, end)
    if m is None:
        return None
    head = m.group(1)
    if head in rules.place_heads:
        return EntityKind.PLACE
    return EntityKind.ORG if head in rules.org_heads else None


def _shape_kind(bare: list[str], rules: EnRules) -> EntityKind | None:
    """The kind the words of the name show by themselves: a model number, a suffix."""
    if any(c.isdigit() for c in bare[-1]) or (bare[-1] in _ROMAN and bare[0].isupper()):
        return EntityKind.PRODUCT  # "Galaxy Tab 10.1", "MDA III" (not "Henry VIII")
    if bare[-1] in rules.org_suffixes or (len(bare) > 1 and bare[0] in rules.org_suffixes):
        return EntityKind.ORG
    if "of" in bare[1:] and bare[bare.index("of", 1) - 1] in rules.org_suffixes:
        return EntityKind.ORG  # "US Department of Energy", "Bank of England"
    if len(bare) > 1 and any(w in rules.broadcast_words for w in bare):
        return EntityKind.ORG  # "BBC Radio Four", "Sky Sports News"
    if bare[-1] in rules.place_suffixes and len(bare) > 1:
        return EntityKind.PLACE
    return None


_NEXT_RUN = re.compile(r", ((?:[A-Z][a-z]+ )*[A-Z][a-z]+)")


def _locality(norm: str, end: int, rules: EnRules) -> bool:
    """ "Headingley, Leeds": a name followed by a known place after a comma is a locality."""
    m = _NEXT_RUN.match(norm, end)
    return m is not None and m.group(1) in rules.places


def _cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


def _cjk_around(norm: str, start: int, end: int) -> bool:
    """A Latin name inside Chinese text: there it names a company or product far more often
    than a person, whose name Chinese outlets write in Chinese characters."""
    before = norm[max(0, start - 2) : start].strip()
    after = norm[end : end + 2].strip()
    return bool(before and _cjk(before[-1])) or bool(after and _cjk(after[0]))


def _zh_title_before(norm: str, start: int, rules: EnRules) -> bool:
    before = norm[max(0, start - MAX_ZH_TITLE) : start].rstrip()
    return any(before.endswith(t) for t in rules.zh_person_titles)


def _zh_speech_after(norm: str, end: int, rules: EnRules) -> bool:
    after = norm[end : end + 2]
    return any(after.startswith(v) for v in rules.zh_speech_verbs)


def _word_before(norm: str, start: int) -> str:
    m = _WORD_BEFORE.search(norm, max(0, start - 24), start)
    return m.group(1) if m else ""
