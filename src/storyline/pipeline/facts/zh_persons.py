"""Personal names the segmenter misses: cued by titles and speech verbs, transliterated with a
middle dot, or a bare surname before a respectful word."""

from __future__ import annotations

import re
from functools import lru_cache

from storyline.pipeline.facts.candidates import RANK_COMPOUND, RANK_TAG, Candidate
from storyline.pipeline.facts.rules import ZhRules
from storyline.pipeline.facts.zh_units import (
    MAX_NAME,
    MIN_NAME,
    MIN_TRANSLIT_NAME,
    Unit,
    all_translit,
    hanzi,
    has_surname,
    next_text,
    prev_text,
)
from storyline.records import EntityKind


def cued(us: list[Unit], i: int, j: int, rules: ZhRules) -> bool:
    """A person cue around units i..j: a title before or after, or a speech verb after."""
    after, before = next_text(us, j), prev_text(us, i)
    return (
        before in rules.person_titles
        or (len(before) >= 2 and before[-1] in rules.role_suffixes)
        or after in rules.person_titles
        or after in rules.speech_verbs
    )


def cued_persons(us: list[Unit], rules: ZhRules) -> list[Candidate]:
    """Names the segmenter split ("翁/建平"): a title before or a speech verb after."""
    out = []
    titles, verbs = rules.person_titles, rules.speech_verbs
    for i, u in enumerate(us):
        if u.text in titles:
            out += _translit_near(us, i, rules)
            span = _name_after(us, i + 1, rules)
        elif u.text in verbs:
            span = _name_before(us, i, rules)
        else:
            continue
        if span is not None:
            out.append(
                Candidate(
                    span[0], span[1], EntityKind.PERSON, RANK_TAG, source="zh_persons.cued_persons"
                )
            )
    return out


def _translit_near(us: list[Unit], t: int, rules: ZhRules) -> list[Candidate]:
    out = []
    for step in (-1, 1):
        k, chars = t + step, 0
        while 0 <= k < len(us) and us[k].listed is None and all_translit(us[k].text, rules):
            chars += len(us[k].text)
            k += step
        first, last = sorted((t + step, k - step))
        if chars >= MIN_TRANSLIT_NAME and first <= last:
            out.append(
                Candidate(
                    us[first].start,
                    us[last].end,
                    EntityKind.PERSON,
                    RANK_TAG,
                    source="zh_persons.translit_near",
                )
            )
    return out


def _is_name_text(text: str, rules: ZhRules) -> bool:
    if text[-1:] in rules.person_titles or text[-2:] in rules.person_titles:
        return False  # "张司长" is a surname and a title, not a full name
    if not MIN_NAME <= len(text) <= MAX_NAME - 1 or text in rules.not_person:
        return False  # "周二表示": a weekday before a verb of speech
    return bool(has_surname(text, rules) and hanzi(text))


# Tags of words a name does not run into after its first word.
_NOT_IN_NAME = frozenset({"v", "p", "d", "c", "uj", "ul", "r"})


def _function_word(u: Unit) -> bool:
    return len(u.text) == 1 and u.tag in _NOT_IN_NAME


def _name_after(us: list[Unit], i: int, rules: ZhRules) -> tuple[int, int] | None:
    best = None
    for j in range(i, min(i + 3, len(us))):
        text = "".join(w.text for w in us[i : j + 1])
        if us[j].listed is not None or len(text) > MAX_NAME - 1 or _function_word(us[j]):
            break  # "分析师刘亮也认为": a name ends before a one-character adverb or particle
        if _is_name_text(text, rules) and us[i].tag not in ("v", "p", "d", "c", "uj"):
            best = (us[i].start, us[j].end)
    return best


def _name_before(us: list[Unit], j: int, rules: ZhRules) -> tuple[int, int] | None:
    for i in range(max(j - 3, 0), j):
        text = "".join(w.text for w in us[i:j])
        if any(w.listed is not None for w in us[i:j]) or not _is_name_text(text, rules):
            continue
        before = prev_text(us, i)
        if not before or before in rules.person_titles or not (before[-1].isalnum()):
            return (us[i].start, us[j - 1].end)
    return None


@lru_cache(maxsize=4)
def _translit_regex(chars: frozenset[str]) -> re.Pattern[str]:
    cls = "[" + "".join(sorted(chars)) + "]"
    # Two or more transliterated parts joined by a middle dot, spaces allowed after the dot.
    return re.compile(rf"{cls}{{1,8}}(?: ?· ?{cls}{{1,8}})+")


def transliterated(norm: str, rules: ZhRules) -> list[Candidate]:
    pattern = _translit_regex(rules.transliteration_chars)
    return [
        Candidate(
            m.start(), m.end(), EntityKind.PERSON, RANK_COMPOUND, source="zh_persons.transliterated"
        )
        for m in pattern.finditer(norm)
    ]


def honoured(us: list[Unit], rules: ZhRules) -> list[Candidate]:
    """A bare surname before a respectful word is a person: "汪婆婆说" → "汪"."""
    out = []
    surnames, honorifics = rules.surnames, rules.honorifics  # surnames: single characters
    for i in range(len(us) - 1):
        u = us[i]
        text = u.text
        if text in surnames:
            if us[i + 1].text in honorifics:
                out.append(
                    Candidate(
                        u.start,
                        u.end,
                        EntityKind.PERSON,
                        RANK_COMPOUND,
                        source="zh_persons.honoured",
                    )
                )
        elif len(text) == 3 and text[0] in surnames and text[1:] in honorifics:
            out.append(
                Candidate(
                    u.start,
                    u.start + 1,
                    EntityKind.PERSON,
                    RANK_COMPOUND,
                    source="zh_persons.honoured",
                )
            )
    return out


@lru_cache(maxsize=4)
def _regnal_regex(chars: frozenset[str]) -> re.Pattern[str]:
    cls = "[" + "".join(sorted(chars)) + "]"
    # A monarch's or pope's name and number: "图普六世", "利奥十四世".
    return re.compile(rf"{cls}{{2,6}}[一二三四五六七八九十]{{1,3}}世")


def regnal(norm: str, rules: ZhRules) -> list[Candidate]:
    if "世" not in norm:
        return []
    pattern = _regnal_regex(rules.transliteration_chars)
    return [
        Candidate(m.start(), m.end(), EntityKind.PERSON, RANK_COMPOUND, source="zh_persons.regnal")
        for m in pattern.finditer(norm)
    ]


@lru_cache(maxsize=4)
def _glossed_regex(chars: frozenset[str]) -> re.Pattern[str]:
    cls = "[" + "".join(sorted(chars)) + "]"
    # A transliterated name right before the person's Latin-script name in brackets.
    return re.compile(rf"({cls}{{2,8}})[（(] ?[A-Z][a-z]+(?: [A-Z][a-z'\-]+)+ ?[）)]")


def glossed(norm: str, rules: ZhRules) -> list[Candidate]:
    """ "帕克(Edward Parker)": a transliterated name glossed by a Latin-script personal name."""
    if "(" not in norm and "（" not in norm:
        return []
    pattern = _glossed_regex(rules.transliteration_chars)
    return [
        Candidate(
            m.start(1), m.end(1), EntityKind.PERSON, RANK_COMPOUND, source="zh_persons.glossed"
        )
        for m in pattern.finditer(norm)
    ]


def double_surnamed(us: list[Unit], rules: ZhRules) -> list[Candidate]:
    """A husband's surname before a woman's full name, as in Hong Kong: "陈/冯富珍"."""
    out = []
    for i in range(len(us) - 1):
        u, v = us[i], us[i + 1]
        if (
            u.tag == "nr"
            and len(u.text) == 1
            and u.text in rules.surnames
            and v.tag == "nr"
            and len(v.text) == MAX_NAME - 1
            and v.text[0] in rules.surnames
            and not all_translit(v.text, rules)  # "桑/吉拉尼", "拉夫/连/季耶夫": foreign names
            and (i == 0 or not all_translit(us[i - 1].text, rules))
        ):
            out.append(
                Candidate(
                    u.start,
                    v.end,
                    EntityKind.PERSON,
                    RANK_COMPOUND,
                    source="zh_persons.double_surnamed",
                )
            )
    return out
