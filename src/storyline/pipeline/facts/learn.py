"""Aliases an outlet states in the text: a recognised name followed by a Latin name in brackets.

`萨姆·奥尔特曼（Sam Altman）`, `国际货币基金组织（IMF）`: the bracketed name is another name of the
entity just mentioned. Only brackets right after a recognised Chinese-script mention count, so
`人工智能（AI）` or `首席执行官（CEO）` teach nothing.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from storyline.pipeline.facts.aliases import AliasTable, name_key
from storyline.pipeline.facts.candidates import Candidate
from storyline.records import EntityKind

# A Latin name of at most 60 characters in full- or half-width brackets; 60 fits the longest
# organisation names seen in news (e.g. "Securities and Exchange Commission", 34).
BRACKETED = re.compile(r"[（(] ?([A-Z][A-Za-z0-9 .&'\-]{0,59}?) ?[）)]")


# A short Chinese name in brackets after an organisation is its abbreviation:
# "巴勒斯坦伊斯兰圣战组织（杰哈德）". Two to six characters, as abbreviations are.
BRACKETED_ZH = re.compile(r"（([\u4e00-\u9fff]{2,6})）")
# Bracketed words that are notes, not names: "（图）", "（下同）", "（简称）", "（记者）".
NOT_ABBREVIATION = ("下同", "简称", "记者", "图", "摄", "完", "编辑", "注", "待续", "以下")


class LearnedAlias(NamedTuple):
    alias: str  # the bracketed name, e.g. "Sam Altman"
    name: str  # the name it explains, normalized, e.g. "萨姆·奥尔特曼"
    kind: EntityKind


def _has_hanzi(text: str) -> bool:
    return any("\u4e00" <= c <= "\u9fff" for c in text)


def learn_from(norm: str, found: list[Candidate], table: AliasTable) -> list[LearnedAlias]:
    by_end = {c.end: c for c in found}
    out: list[LearnedAlias] = []
    for m in BRACKETED.finditer(norm):
        cand = by_end.get(m.start())
        if cand is None:
            continue
        name = name_key(norm[cand.start : cand.end])
        alias = name_key(m.group(1))
        known_name, known_alias = table.get(name), table.get(alias)
        if not _has_hanzi(name) or (known_name and known_alias):
            continue
        out.append(LearnedAlias(alias, name, cand.kind))
    return out + _abbreviations(norm, by_end, table)


def _abbreviations(
    norm: str, by_end: dict[int, Candidate], table: AliasTable
) -> list[LearnedAlias]:
    out = []
    for m in BRACKETED_ZH.finditer(norm):
        cand = by_end.get(m.start())
        short = m.group(1)
        if cand is None or cand.kind is not EntityKind.ORG or table.get(short):
            continue
        if any(word in short for word in NOT_ABBREVIATION):
            continue
        out.append(LearnedAlias(short, name_key(norm[cand.start : cand.end]), cand.kind))
    return out
