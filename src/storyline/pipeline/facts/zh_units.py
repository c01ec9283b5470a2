"""Units the Chinese rules read: rjieba tokens, with listed names cut out as single units."""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from dataclasses import dataclass

import rjieba

from storyline.pipeline.facts.aliases import AliasEntry, generated_names
from storyline.pipeline.facts.candidates import RANK_LISTED, Candidate
from storyline.pipeline.facts.rules import ZhRules
from storyline.records import EntityKind

# Tags of proper names in jieba's tag set.
NAME_TAGS = frozenset({"ns", "nt", "nz", "nrt"})


PERSON_TAGS = frozenset({"nr", "nrfg"})


# Chinese given names are one or two characters; with the surname a name has 2-3 (4 with a
# compound surname). Longer runs after a title are descriptions, not names.
MIN_NAME, MAX_NAME = 2, 4


# A foreign name split into pieces next to a title ("塞古/罗/总统") needs three characters at
# least: two-character runs of transliteration characters are too often ordinary words.
MIN_TRANSLIT_NAME = 3


@dataclass(slots=True)
class Unit:
    """A segment of the text: a jieba token, or a listed name cut out of the tokens."""

    start: int
    end: int
    text: str
    tag: str
    listed: Candidate | None = None

    @property
    def is_name(self) -> bool:
        if self.listed is not None:
            return self.listed.kind in (EntityKind.PLACE, EntityKind.ORG)
        return self.tag in NAME_TAGS


def tokens(norm: str) -> list[Unit]:
    out: list[Unit] = []
    pos = 0
    for word, tag in rjieba.tag(norm):
        out.append(Unit(pos, pos + len(word), word, tag))
        pos += len(word)
    return out


def units(toks: list[Unit], listed: list[Candidate]) -> list[Unit]:
    """Tokens with each listed name as one unit; tokens a name cuts into lose their tag.

    Takes over `toks`: whole tokens are returned as they are, not copied."""
    by_start = {c.start: c for c in listed}
    starts = sorted(by_start)
    out: list[Unit] = []
    k = 0
    overrun = False  # a listed name ended past its token, so later pieces may overlap it
    for tok in toks:
        while k < len(starts) and starts[k] < tok.start:
            k += 1
        if k == len(starts) or starts[k] >= tok.end:
            # No listed name starts inside the token (the common case): it is one whole unit,
            # and the token itself serves, as the tokens are not read after this.
            out.append(tok)
            continue
        pos = tok.start
        while pos < tok.end:
            cand = by_start.get(pos)
            if cand is not None:
                out.append(Unit(cand.start, cand.end, "", "listed", cand))
                pos = cand.end
                overrun = overrun or pos > tok.end
                continue
            b = bisect.bisect_right(starts, pos)
            nxt = min(starts[b], tok.end) if b < len(starts) else tok.end
            whole = pos == tok.start and nxt == tok.end
            out.append(Unit(pos, nxt, "", tok.tag if whole else "part"))
            pos = nxt
    return _trim(out) if overrun else out


def _trim(raw: list[Unit]) -> list[Unit]:
    # A listed name may end past the token it started in: drop the pieces it covers.
    out: list[Unit] = []
    for u in raw:
        if out and u.start < out[-1].end:
            if u.end <= out[-1].end:
                continue
            u = Unit(out[-1].end, u.end, "", "part")
        out.append(u)
    return out


# What listed candidates name as their source (a reranker feature; entities.whole_listed).
LISTED_SOURCE = "zh_units.listed_names"

# The longest generated gazetteer name, in segmenter words ("克拉斯诺亚尔斯克/边疆区").
MAX_GAZETTEER_WORDS = 4


def listed_names(
    found: Iterable[tuple[int, int, AliasEntry]], toks: list[Unit], rules: ZhRules
) -> list[Candidate]:
    """Listed names as candidates: the matcher's, and the generated gazetteers' names that
    span whole segmenter words (such names also hide inside longer words: "切斯特"), unless a
    person cue stands beside them ("罗德里格斯表示": a surname that is also a town)."""
    out = [
        Candidate(s, e, entry.kind, RANK_LISTED, entry.canonical, source=LISTED_SOURCE)
        for s, e, entry in found
    ]
    lookup = generated_names().lookup
    for k, tok in enumerate(toks):
        if tok.text not in lookup:
            continue  # no name starts with this word: the common case, one lookup
        best, text, last = None, "", k
        for m in range(k, min(k + MAX_GAZETTEER_WORDS, len(toks))):
            text += toks[m].text
            if text not in lookup:
                break
            entry = lookup[text]
            if entry is not None:
                best = Candidate(
                    tok.start,
                    toks[m].end,
                    entry.kind,
                    RANK_LISTED,
                    entry.canonical,
                    source=LISTED_SOURCE,
                )
                last = m
        if best is not None and not _person_cue(toks, k, last, rules):
            out.append(best)
    return out


def _person_cue(toks: list[Unit], k: int, m: int, rules: ZhRules) -> bool:
    """A title before ("国防部长/奥斯汀") or a verb of speech after; or, for a transliterated
    name, more transliteration right beside it ("博鲁/阿尔特"): a piece of a foreign name."""
    before = toks[k - 1].text if k > 0 else ""
    after = toks[m + 1].text if m + 1 < len(toks) else ""
    if before in rules.person_titles or after in rules.speech_verbs:
        return True
    if len(before) >= 2 and before[-1] in rules.role_suffixes:
        return True
    name = "".join(t.text for t in toks[k : m + 1])
    return all_translit(name, rules) and any(w and all_translit(w, rules) for w in (before, after))


def accept_listed(listed: list[Candidate], toks: list[Unit], rules: ZhRules) -> list[Candidate]:
    """Listed names count only where the segmenter agrees or sees a larger name.

    "美国" inside the word "美国人" is not a mention, nor "应急管理部" inside "应急管理部门";
    "北京" inside "北京人民大会堂" (tagged nt) is. Latin names are bounded by the matcher.
    """
    bounds = {t.start for t in toks} | {t.end for t in toks}
    starts = [t.start for t in toks]
    out = []
    for cand in listed:
        if _people_of(cand, toks, starts, rules):
            continue
        aligned = cand.end in bounds and (cand.start in bounds or cand.length >= 3)
        if aligned or cand.length == 0 or _latin(toks, starts, cand):
            out.append(cand)
            continue
        tok = toks[_index_at(starts, cand.start)]
        if (tok.tag in NAME_TAGS or tok.tag in PERSON_TAGS) and tok.text not in rules.not_place:
            out.append(cand)
    return out


def _people_of(cand: Candidate, toks: list[Unit], starts: list[int], rules: ZhRules) -> bool:
    """ "美国人": a place name followed by the word for its people is not a place mention."""
    if cand.kind is not EntityKind.PLACE:
        return False
    k = _index_at(starts, cand.end)
    return starts[k] == cand.end and toks[k].text in rules.place_people


def _latin(toks: list[Unit], starts: list[int], cand: Candidate) -> bool:
    return toks[_index_at(starts, cand.start)].tag == "eng"


def _index_at(starts: list[int], pos: int) -> int:
    lo, hi = 0, len(starts)
    while lo < hi:
        mid = (lo + hi) // 2
        if starts[mid] <= pos:
            lo = mid + 1
        else:
            hi = mid
    return max(lo - 1, 0)


def prev_text(us: list[Unit], i: int) -> str:
    return us[i - 1].text if i > 0 else ""


def next_text(us: list[Unit], i: int) -> str:
    return us[i + 1].text if i + 1 < len(us) else ""


def all_translit(text: str, rules: ZhRules) -> bool:
    return all(c in rules.transliteration_chars for c in text)


def has_surname(name: str, rules: ZhRules) -> bool:
    if name[:2] in rules.compound_surnames:
        return True
    return name[0] in rules.surnames and len(name) < MAX_NAME  # 4 characters need 欧阳, 司马, …


def hanzi(text: str) -> bool:
    return all("\u4e00" <= c <= "\u9fff" for c in text)
