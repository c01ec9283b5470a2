"""Rules that find names in Chinese text: listed names, tags, suffixes, cues, transliterations.

Works on the normalized (Simplified) copy, segmented and tagged by rjieba. The jieba tags
nr/ns/nt are one weak feature among several; each rule below adds context that the tags lack.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache

import rjieba

from storyline.pipeline.facts.candidates import RANK_COMPOUND, RANK_TAG, Candidate
from storyline.pipeline.facts.rules import ZhRules
from storyline.records import EntityKind

# Tags of proper names in jieba's tag set, and of words that may sit inside an organisation name.
NAME_TAGS = frozenset({"ns", "nt", "nz", "nrt"})
INNER_TAGS = frozenset({"n", "nz", "ns", "nt", "nr", "nrt", "j", "vn", "l", "eng", "b", "ng", "s"})
PERSON_TAGS = frozenset({"nr", "nrfg"})
# Words after which a proper noun is a place ("在延安", "来自柬埔寨").
PLACE_PREPOSITIONS = frozenset(
    {"在", "于", "到", "赴", "自", "来自", "位于", "抵达", "前往", "飞往"}
)
BRACKET_LATIN = re.compile(r"[（(] ?[A-Z]")
# Chinese given names are one or two characters; with the surname a name has 2-3 (4 with a
# compound surname). Longer runs after a title are descriptions, not names.
MIN_NAME, MAX_NAME = 2, 4


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
    """Tokens with each listed name as one unit; tokens a name cuts into lose their tag."""
    by_start = {c.start: c for c in listed}
    starts = sorted(by_start)
    out: list[Unit] = []
    for tok in toks:
        pos = tok.start
        while pos < tok.end:
            cand = by_start.get(pos)
            if cand is not None:
                out.append(Unit(cand.start, cand.end, "", "listed", cand))
                pos = cand.end
                continue
            k = bisect.bisect_right(starts, pos)
            nxt = min(starts[k], tok.end) if k < len(starts) else tok.end
            whole = pos == tok.start and nxt == tok.end
            out.append(Unit(pos, nxt, "", tok.tag if whole else "part"))
            pos = nxt
    return _trim(out)


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
        if tok.tag in NAME_TAGS or tok.tag in PERSON_TAGS:
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


def candidates(norm: str, us: list[Unit], rules: ZhRules) -> list[Candidate]:
    for u in us:
        u.text = norm[u.start : u.end]
    out = _tagged(us, rules)
    out += _compounds(us, rules)
    out += _cued_persons(us, rules)
    out += _transliterated(norm, rules)
    out += _numbered(norm, us)
    out += _honoured(us, rules)
    out += _foreign_places(us, rules)
    return out


def _foreign_places(us: list[Unit], rules: ZhRules) -> list[Candidate]:
    """Transliterated pieces followed by a place suffix: "罗切斯特/市", "密克罗尼西亚/联邦"."""
    out = []
    for k, v in enumerate(us):
        if v.text not in rules.place_suffixes or k == 0:
            continue
        i, chars = k, 0
        while i > 0 and us[i - 1].listed is None and _all_translit(us[i - 1].text, rules):
            i -= 1
            chars += len(us[i].text)
        if chars >= MIN_TRANSLIT_NAME:
            out.append(Candidate(us[i].start, v.end, EntityKind.PLACE, RANK_COMPOUND))
    return out


def _honoured(us: list[Unit], rules: ZhRules) -> list[Candidate]:
    """A bare surname before a respectful word is a person: "汪婆婆说" → "汪"."""
    out = []
    for i, u in enumerate(us[:-1]):
        text = u.text
        if len(text) == 1 and text in rules.surnames and us[i + 1].text in rules.honorifics:
            out.append(Candidate(u.start, u.end, EntityKind.PERSON, RANK_COMPOUND))
        elif len(text) == 3 and text[0] in rules.surnames and text[1:] in rules.honorifics:
            out.append(Candidate(u.start, u.start + 1, EntityKind.PERSON, RANK_COMPOUND))
    return out


# A serial number after a product name belongs to it: "神舟二十三号", "长征五号".
_SERIAL = re.compile(r"[0-9一二三四五六七八九十百零]{1,6}号")


def _numbered(norm: str, us: list[Unit]) -> list[Candidate]:
    out = []
    for u in us:
        if u.listed is not None and u.listed.kind is EntityKind.PRODUCT:
            m = _SERIAL.match(norm, u.end)
            if m:
                out.append(Candidate(u.start, m.end(), EntityKind.PRODUCT, RANK_COMPOUND))
    return out


def _prev_text(us: list[Unit], i: int) -> str:
    return us[i - 1].text if i > 0 else ""


def _next_text(us: list[Unit], i: int) -> str:
    return us[i + 1].text if i + 1 < len(us) else ""


def _cued(us: list[Unit], i: int, j: int, rules: ZhRules) -> bool:
    """A person cue around units i..j: a title before or after, or a speech verb after."""
    after, before = _next_text(us, j), _prev_text(us, i)
    return (
        before in rules.person_titles
        or (len(before) >= 2 and before[-1] in rules.role_suffixes)
        or after in rules.person_titles
        or after in rules.speech_verbs
    )


def _all_translit(text: str, rules: ZhRules) -> bool:
    return all(c in rules.transliteration_chars for c in text)


def _tagged(us: list[Unit], rules: ZhRules) -> list[Candidate]:
    out = []
    for i, u in enumerate(us):
        j = _translit_run(us, i, rules) if u.tag in ("nr", "nrt") else i
        kind = _tag_kind(us, i, _joined(us, i, j), rules, j)
        if kind is not None:
            out.append(Candidate(u.start, us[j].end, kind, RANK_TAG))
    return out


def _joined(us: list[Unit], i: int, j: int) -> Unit:
    if i == j:
        return us[i]
    return Unit(us[i].start, us[j].end, "".join(w.text for w in us[i : j + 1]), us[i].tag)


def _translit_run(us: list[Unit], i: int, rules: ZhRules) -> int:
    """Extend a transliterated name over pieces the segmenter split off ("阿卜杜拉/希扬")."""
    if not _all_translit(us[i].text, rules):
        return i
    j = i
    while j + 1 < len(us) and us[j + 1].listed is None and _all_translit(us[j + 1].text, rules):
        if us[j + 1].text in rules.speech_verbs or us[j + 1].text in rules.person_titles:
            break
        j += 1
    return j


def _tag_kind(us: list[Unit], i: int, u: Unit, rules: ZhRules, j: int) -> EntityKind | None:
    n = len(u.text)
    if u.text in rules.not_person:
        return None
    if u.tag in PERSON_TAGS or u.tag == "nrt":
        if u.tag != "nrt" and MIN_NAME < n <= MAX_NAME and _has_surname(u.text, rules):
            return None if u.text[-1] in rules.not_name_final else EntityKind.PERSON
        if n >= 3 and _all_translit(u.text, rules) and (u.tag != "nrt" or _cued(us, i, j, rules)):
            return EntityKind.PERSON
        short_ok = n > MIN_NAME or _has_surname(u.text, rules)
        return EntityKind.PERSON if short_ok and n >= MIN_NAME and _cued(us, i, j, rules) else None
    if u.tag == "ns" and n >= 2 and u.text not in rules.not_place:
        if (n >= 3 and u.text[-1] in rules.place_suffixes) or _prev_text(
            us, i
        ) in PLACE_PREPOSITIONS:
            return EntityKind.PLACE
        return EntityKind.PLACE if n >= 3 and _all_translit(u.text, rules) else None
    if (
        u.tag == "nt"
        and n >= 2
        and u.text not in rules.not_org
        and u.text not in rules.org_suffixes
    ):
        return EntityKind.ORG
    return None


def _has_surname(name: str, rules: ZhRules) -> bool:
    if name[:2] in rules.compound_surnames:
        return True
    return name[0] in rules.surnames and len(name) < MAX_NAME  # 4 characters need 欧阳, 司马, …


def _org_suffix(text: str, rules: ZhRules) -> bool:
    return any(text[-k:] in rules.org_suffix_set for k in rules.org_suffix_lengths)


def _compounds(us: list[Unit], rules: ZhRules) -> list[Candidate]:
    """A proper name, at most a few nouns, then an organisation or place suffix."""
    out = []
    for i, u in enumerate(us):
        starts = u.is_name or u.text in rules.org_prefixes
        if not starts or u.text[0] in rules.not_name_initial:
            cand = _strong_suffixed(us, i, rules)
        else:
            cand = _compound_from(us, i, rules)
        if cand is not None:
            out.append(cand)
    return out


# Tags of a word that can open an outlet or company name before a strong suffix ("南方日报").
STRONG_OPENER_TAGS = frozenset({"n", "s", "f", "nz", "ns", "nt", "j", "nr", "nrt", "a", "b", "ng"})


def _strong_suffixed(us: list[Unit], i: int, rules: ZhRules) -> Candidate | None:
    if i + 1 >= len(us) or us[i].tag not in STRONG_OPENER_TAGS or len(us[i].text) < 2:
        return None
    if us[i + 1].text in rules.strong_org_suffixes:
        return Candidate(us[i].start, us[i + 1].end, EntityKind.ORG, RANK_TAG)
    return None


def _compound_from(us: list[Unit], i: int, rules: ZhRules) -> Candidate | None:
    u = us[i]
    for j in range(i + 1, min(len(us), i + rules.max_inner_tokens + 2)):
        v = us[j]
        text = "".join(w.text for w in us[i : j + 1])
        if v.text in rules.place_suffixes and j == i + 1 and _is_place(u):
            return Candidate(u.start, v.end, EntityKind.PLACE, RANK_COMPOUND)
        if _common_ending(v.text, rules):
            return None  # "内部", "东部", "机关干部": a common word that merely ends like a suffix
        if _org_suffix(v.text, rules) and text not in rules.not_org and _suffix_unit(v, i, j):
            return Candidate(u.start, v.end, EntityKind.ORG, RANK_COMPOUND)
        if not (v.is_name or v.tag in INNER_TAGS or v.tag == "part"):
            return _explained_org(us, i, j, rules)
    return None


def _common_ending(text: str, rules: ZhRules) -> bool:
    if len(text) < 2 or text in rules.org_suffix_set:
        return False
    return text in rules.not_org or text[-2:] in rules.not_org


def _suffix_unit(v: Unit, i: int, j: int) -> bool:
    """A listed organisation can close a compound only right after a place ("俄罗斯国防部")."""
    if v.listed is None:
        return True
    return v.listed.kind is EntityKind.ORG and j == i + 1


def _explained_org(us: list[Unit], i: int, j: int, rules: ZhRules) -> Candidate | None:
    """An organisation whose name has words of any kind ("北欧清洁能源联合会") counts when the
    outlet spells it out in brackets right after: "（NCEF）"."""
    for k in range(j, min(len(us) - 1, i + rules.max_inner_tokens + 2)):
        if us[k].tag == "x":
            return None
        if _org_suffix(us[k].text, rules) and BRACKET_LATIN.match(
            us[k + 1].text + _next_text(us, k + 1)
        ):
            return Candidate(us[i].start, us[k].end, EntityKind.ORG, RANK_COMPOUND)
    return None


def _is_place(u: Unit) -> bool:
    return u.tag == "ns" or (u.listed is not None and u.listed.kind is EntityKind.PLACE)


def _cued_persons(us: list[Unit], rules: ZhRules) -> list[Candidate]:
    """Names the segmenter split ("翁/建平"): a title before or a speech verb after."""
    out = []
    for i, u in enumerate(us):
        if u.text in rules.person_titles:
            out += _translit_near(us, i, rules)
            span = _name_after(us, i + 1, rules)
        elif u.text in rules.speech_verbs:
            span = _name_before(us, i, rules)
        else:
            continue
        if span is not None:
            out.append(Candidate(span[0], span[1], EntityKind.PERSON, RANK_TAG))
    return out


# A foreign name split into pieces next to a title ("塞古/罗/总统") needs three characters at
# least: two-character runs of transliteration characters are too often ordinary words.
MIN_TRANSLIT_NAME = 3


def _translit_near(us: list[Unit], t: int, rules: ZhRules) -> list[Candidate]:
    out = []
    for step in (-1, 1):
        k, chars = t + step, 0
        while 0 <= k < len(us) and us[k].listed is None and _all_translit(us[k].text, rules):
            chars += len(us[k].text)
            k += step
        first, last = sorted((t + step, k - step))
        if chars >= MIN_TRANSLIT_NAME and first <= last:
            out.append(Candidate(us[first].start, us[last].end, EntityKind.PERSON, RANK_TAG))
    return out


def _is_name_text(text: str, rules: ZhRules) -> bool:
    if any(text.endswith(t) for t in (text[-1:], text[-2:]) if t in rules.person_titles):
        return False  # "张司长" is a surname and a title, not a full name
    return MIN_NAME <= len(text) <= MAX_NAME - 1 and _has_surname(text, rules) and _hanzi(text)


def _hanzi(text: str) -> bool:
    return all("\u4e00" <= c <= "\u9fff" for c in text)


def _name_after(us: list[Unit], i: int, rules: ZhRules) -> tuple[int, int] | None:
    best = None
    for j in range(i, min(i + 3, len(us))):
        text = "".join(w.text for w in us[i : j + 1])
        if us[j].listed is not None or len(text) > MAX_NAME - 1:
            break
        if _is_name_text(text, rules) and us[i].tag not in ("v", "p", "d", "c", "uj"):
            best = (us[i].start, us[j].end)
    return best


def _name_before(us: list[Unit], j: int, rules: ZhRules) -> tuple[int, int] | None:
    for i in range(max(j - 3, 0), j):
        text = "".join(w.text for w in us[i:j])
        if any(w.listed is not None for w in us[i:j]) or not _is_name_text(text, rules):
            continue
        before = _prev_text(us, i)
        if not before or before in rules.person_titles or not (before[-1].isalnum()):
            return (us[i].start, us[j - 1].end)
    return None


@lru_cache(maxsize=4)
def _translit_regex(chars: frozenset[str]) -> re.Pattern[str]:
    cls = "[" + "".join(sorted(chars)) + "]"
    # Two or more transliterated parts joined by a middle dot, spaces allowed after the dot.
    return re.compile(rf"{cls}{{1,8}}(?: ?· ?{cls}{{1,8}})+")


def _transliterated(norm: str, rules: ZhRules) -> list[Candidate]:
    pattern = _translit_regex(rules.transliteration_chars)
    return [
        Candidate(m.start(), m.end(), EntityKind.PERSON, RANK_COMPOUND)
        for m in pattern.finditer(norm)
    ]
