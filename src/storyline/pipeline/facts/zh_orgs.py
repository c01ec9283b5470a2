"""Organisation and place names built from parts: a name, a few nouns, then a suffix."""

from __future__ import annotations

import re

from storyline.pipeline.facts.candidates import RANK_COMPOUND, RANK_TAG, Candidate
from storyline.pipeline.facts.rules import ZhRules
from storyline.pipeline.facts.zh_units import (
    MIN_TRANSLIT_NAME,
    Unit,
    all_translit,
    next_text,
)
from storyline.records import EntityKind

# Tags of words that may sit inside an organisation name.
INNER_TAGS = frozenset(
    {"n", "nz", "ns", "nt", "nr", "nrt", "j", "vn", "l", "eng", "b", "ng", "s", "a"}
)


BRACKET_LATIN = re.compile(r"[（(] ?[A-Z]")


def org_suffix(text: str, rules: ZhRules) -> bool:
    # A plain loop: this runs for nearly every unit, where a generator costs more than the test.
    for k in rules.org_suffix_lengths:  # noqa: SIM110
        if text[-k:] in rules.org_suffix_set:
            return True
    return False


def compounds(us: list[Unit], rules: ZhRules) -> list[Candidate]:
    """A proper name, at most a few nouns, then an organisation or place suffix."""
    out = []
    strong, prefixes = rules.strong_org_suffixes, rules.org_prefixes
    not_initial, last = rules.not_name_initial, len(us) - 1
    for i, u in enumerate(us):
        text = u.text
        if (u.is_name or text in prefixes) and text[0] not in not_initial:
            cand = _compound_from(us, i, rules)
        elif i == last or us[i + 1].text not in strong:
            continue  # tested before the call: it fails for nearly every unit
        else:
            cand = _strong_suffixed(us, i, rules)
        if cand is not None:
            out.append(cand)
    return out


# Tags of a word that can open an outlet or company name before a strong suffix ("南方日报").
STRONG_OPENER_TAGS = frozenset({"n", "s", "f", "nz", "ns", "nt", "j", "nr", "nrt", "a", "b", "ng"})


def _strong_suffixed(us: list[Unit], i: int, rules: ZhRules) -> Candidate | None:
    if i + 1 >= len(us) or us[i].tag not in STRONG_OPENER_TAGS or len(us[i].text) < 2:
        return None
    if us[i + 1].text in rules.strong_org_suffixes:
        return Candidate(
            us[i].start, us[i + 1].end, EntityKind.ORG, RANK_TAG, source="zh_orgs.strong_suffixed"
        )
    return None


def _compound_from(us: list[Unit], i: int, rules: ZhRules) -> Candidate | None:
    u = us[i]
    for j in range(i + 1, min(len(us), i + rules.max_inner_tokens + 2)):
        v = us[j]
        if v.text in rules.place_suffix_set and j == i + 1 and is_place(u):
            while j + 1 < len(us) and us[j + 1].text in rules.place_suffix_set:
                j += 1  # "海棠湾/镇", "二里街/社区": a place inside a place
            return Candidate(
                u.start, us[j].end, EntityKind.PLACE, RANK_COMPOUND, source="zh_orgs.compound_from"
            )
        if _common_ending(v.text, rules) or v.text in rules.clause_verbs:
            return None  # "内部", "东部", "机关干部": a common word that merely ends like a suffix
        if (
            (org_suffix(v.text, rules) or _listed_org_after_place(u, v, i, j))
            and _suffix_unit(v, i, j)
            and _joined(us, i, j) not in rules.not_org
        ):
            if next_text(us, j)[:1] == "长":
                return None  # "美国财政部长": a title after a place, not an organisation
            return Candidate(
                u.start, v.end, EntityKind.ORG, RANK_COMPOUND, source="zh_orgs.compound_from"
            )
        if not (v.is_name or v.tag in INNER_TAGS or v.tag == "part" or v.text == "暨"):
            return _explained_org(us, i, j, rules)
    return None


def _listed_org_after_place(u: Unit, v: Unit, i: int, j: int) -> bool:
    """ "中国/全国人大": a listed organisation right after a place is named by both."""
    listed = v.listed
    return j == i + 1 and listed is not None and listed.kind is EntityKind.ORG and is_place(u)


def _joined(us: list[Unit], i: int, j: int) -> str:
    return "".join(w.text for w in us[i : j + 1])


def _common_ending(text: str, rules: ZhRules) -> bool:
    if len(text) < 2 or text in rules.org_suffix_set:
        return False
    return common_word(text, rules)


def common_word(text: str, rules: ZhRules) -> bool:
    """A common noun that ends like an organisation ("东部", "防空警报"); "电力公司" is not one:
    a bare suffix ("公司") is listed as common only so that it is no name on its own."""
    end = text[-2:]
    return text in rules.not_org or (end in rules.not_org and end not in rules.org_suffix_set)


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
        if org_suffix(us[k].text, rules) and BRACKET_LATIN.match(
            us[k + 1].text + next_text(us, k + 1)
        ):
            return Candidate(
                us[i].start,
                us[k].end,
                EntityKind.ORG,
                RANK_COMPOUND,
                source="zh_orgs.explained_org",
            )
    return None


def is_place(u: Unit) -> bool:
    return u.tag == "ns" or (u.listed is not None and u.listed.kind is EntityKind.PLACE)


def foreign_places(us: list[Unit], rules: ZhRules) -> list[Candidate]:
    """Transliterated pieces followed by a place suffix: "罗切斯特/市", "密克罗尼西亚/联邦"."""
    out = []
    for k, v in enumerate(us):
        if v.text not in rules.place_suffix_set or k == 0:
            continue
        i, chars = k, 0
        while i > 0 and us[i - 1].listed is None and all_translit(us[i - 1].text, rules):
            i -= 1
            chars += len(us[i].text)
        if chars >= MIN_TRANSLIT_NAME:
            out.append(
                Candidate(
                    us[i].start,
                    v.end,
                    EntityKind.PLACE,
                    RANK_COMPOUND,
                    source="zh_orgs.foreign_places",
                )
            )
    return out


# A serial number after a product name belongs to it: "神舟二十三号", "长征五号".
_SERIAL = re.compile(r"[0-9一二三四五六七八九十百零]{1,6}号")


def numbered(norm: str, us: list[Unit]) -> list[Candidate]:
    out = []
    for u in us:
        if u.listed is not None and u.listed.kind is EntityKind.PRODUCT:
            m = _SERIAL.match(norm, u.end)
            if m:
                out.append(
                    Candidate(
                        u.start,
                        m.end(),
                        EntityKind.PRODUCT,
                        RANK_COMPOUND,
                        source="zh_orgs.numbered",
                    )
                )
    return out


# An nt word this long that ends in an organisation suffix is a whole name ("安徽医科大学",
# "美国广播公司"); shorter ones ("该公司") are left to the other rules.
MIN_TAGGED_ORG = 4


def tagged_orgs(toks: list[Unit], rules: ZhRules) -> list[Candidate]:
    """Organisation words the segmenter knows whole; they outrank the place listed inside."""
    return [
        Candidate(t.start, t.end, EntityKind.ORG, RANK_COMPOUND, source="zh_orgs.tagged_orgs")
        for t in toks
        if t.tag == "nt"
        and len(t.text) >= MIN_TAGGED_ORG
        and org_suffix(t.text, rules)
        and not common_word(t.text, rules)
    ]


def abbreviated(us: list[Unit], rules: ZhRules) -> list[Candidate]:
    """A one-character country or city name after a cue: "访华", "在/京", "全美"."""
    out = []
    short, cues = rules.abbreviations, rules.abbreviation_cues
    for i, u in enumerate(us):
        text = u.text
        if len(text) == 2 and text[0] in cues and text[1] in short:
            start, name = u.start + 1, short[text[1]]
        elif len(text) == 1 and text in short and i > 0 and us[i - 1].text in cues:
            start, name = u.start, short[text]
        else:
            continue
        out.append(
            Candidate(start, u.end, EntityKind.PLACE, RANK_TAG, name, source="zh_orgs.abbreviated")
        )
    return out
