"""Rules that find names in Chinese text: listed names, tags, suffixes, cues, transliterations.

Works on the normalized (Simplified) copy, segmented and tagged by rjieba. The jieba tags
nr/ns/nt are one weak feature among several; each rule adds context that the tags lack.
"""

from __future__ import annotations

from storyline.pipeline.facts.candidates import RANK_TAG, Candidate
from storyline.pipeline.facts.rules import ZhRules
from storyline.pipeline.facts.zh_orgs import (
    abbreviated,
    common_word,
    compounds,
    foreign_places,
    numbered,
)
from storyline.pipeline.facts.zh_persons import (
    cued,
    cued_persons,
    double_surnamed,
    glossed,
    honoured,
    regnal,
    transliterated,
)
from storyline.pipeline.facts.zh_products import quoted_products
from storyline.pipeline.facts.zh_units import (
    MAX_NAME,
    MIN_NAME,
    PERSON_TAGS,
    Unit,
    all_translit,
    has_surname,
    prev_text,
)
from storyline.records import EntityKind

# Words after which a proper noun is a place ("在延安", "来自柬埔寨").
PLACE_PREPOSITIONS = frozenset(
    {"在", "于", "到", "赴", "自", "来自", "位于", "抵达", "前往", "飞往"}
)


def candidates(norm: str, us: list[Unit], rules: ZhRules) -> list[Candidate]:
    for u in us:
        u.text = norm[u.start : u.end]
    out = _tagged(us, rules)
    out += compounds(us, rules)
    out += cued_persons(us, rules)
    out += transliterated(norm, rules)
    out += glossed(norm, rules)
    out += regnal(norm, rules)
    out += double_surnamed(us, rules)
    out += numbered(norm, us)
    out += honoured(us, rules)
    out += foreign_places(us, rules)
    out += quoted_products(norm, rules)
    out += abbreviated(us, rules)
    return out


# Tags `_tag_kind` can name an entity from; every other unit is skipped before any work.
_KIND_TAGS = PERSON_TAGS | {"nrt", "ns", "nt", "nz"}


def _tagged(us: list[Unit], rules: ZhRules) -> list[Candidate]:
    out = []
    for i, u in enumerate(us):
        if u.tag not in _KIND_TAGS:
            continue
        j = _translit_run(us, i, rules) if u.tag in ("nr", "nrt") else i
        joined = _joined(us, i, j)
        end = us[j].end
        if _trailing_word(joined.text, u.tag, rules):
            joined = Unit(u.start, end - 1, joined.text[:-1], u.tag)  # "丁仲礼/作"
            end -= 1
        kind = _tag_kind(us, i, joined, rules, j)
        if kind is not None:
            start = _translit_head(us, i, rules) if kind is EntityKind.PERSON else u.start
            out.append(Candidate(start, end, kind, RANK_TAG, source="ner_zh.tagged"))
    return out


# Tags of a one-character piece the segmenter split off the front of a foreign name ("佩/斯科夫").
_HEAD_TAGS = frozenset({"zg", "ng", "nr", "nrt", "rg"})


def _translit_head(us: list[Unit], i: int, rules: ZhRules) -> int:
    u = us[i]
    if i == 0 or not all_translit(u.text, rules):
        return u.start
    head = us[i - 1]
    if len(head.text) == 1 and head.tag in _HEAD_TAGS and all_translit(head.text, rules):
        return head.start
    return u.start


def _trailing_word(text: str, tag: str, rules: ZhRules) -> bool:
    """A three-character name the segmenter joined with the next one-character word."""
    return (
        tag in PERSON_TAGS
        and len(text) == MAX_NAME
        and text[-1] in rules.name_trailers
        and has_surname(text[:-1], rules)
    )


def _joined(us: list[Unit], i: int, j: int) -> Unit:
    if i == j:
        return us[i]
    return Unit(us[i].start, us[j].end, "".join(w.text for w in us[i : j + 1]), us[i].tag)


def _translit_run(us: list[Unit], i: int, rules: ZhRules) -> int:
    """Extend a transliterated name over pieces the segmenter split off ("阿卜杜拉/希扬")."""
    if not all_translit(us[i].text, rules):
        return i
    j = i
    while j + 1 < len(us) and us[j + 1].listed is None and all_translit(us[j + 1].text, rules):
        if us[j + 1].text in rules.speech_verbs or us[j + 1].text in rules.person_titles:
            break
        j += 1
    return j


def _tag_kind(us: list[Unit], i: int, u: Unit, rules: ZhRules, j: int) -> EntityKind | None:
    n = len(u.text)
    if u.text in rules.not_person or (n >= 3 and u.text[-1] in rules.speech_verbs):
        return None  # "克雷默称": the segmenter joined a verb of speech to the name
    if u.tag in PERSON_TAGS or u.tag == "nrt":
        if u.tag != "nrt" and MIN_NAME < n <= MAX_NAME and has_surname(u.text, rules):
            return None if u.text[-1] in rules.not_name_final else EntityKind.PERSON
        if n >= 3 and all_translit(u.text, rules) and (u.tag != "nrt" or cued(us, i, j, rules)):
            return EntityKind.PERSON
        # A two-character transliteration ("坎代") counts with a cue, as a Chinese name does.
        short_ok = n > MIN_NAME or has_surname(u.text, rules) or u.tag == "nrt"
        return EntityKind.PERSON if short_ok and n >= MIN_NAME and cued(us, i, j, rules) else None
    if u.tag == "ns" and n >= 2 and u.text not in rules.not_place:
        if (n >= 3 and u.text[-1] in rules.place_suffix_set) or prev_text(
            us, i
        ) in PLACE_PREPOSITIONS:
            return EntityKind.PLACE
        return EntityKind.PLACE if n >= 3 and all_translit(u.text, rules) else None
    if u.tag in ("nt", "nz") and n >= 2 and _org_word(u.text, rules, strong=u.tag == "nz"):
        return EntityKind.ORG
    return None


def _org_word(text: str, rules: ZhRules, strong: bool) -> bool:
    """An nt token that is an organisation's name; nz only with a strong suffix ("南方日报")."""
    if text in rules.org_suffix_set or common_word(text, rules):
        return False  # "政府", "防空警报"
    if strong:
        return any(text.endswith(s) and len(text) > len(s) for s in rules.strong_org_suffixes)
    return True
