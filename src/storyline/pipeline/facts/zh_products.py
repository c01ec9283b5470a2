"""Products Chinese outlets name in quotation marks next to the kind of thing they are:
“海马斯”火箭弹, “科斯塔-康科迪亚”号, 抗菌素“泰阁”."""

from __future__ import annotations

import re
from functools import lru_cache

from storyline.pipeline.facts.candidates import RANK_COMPOUND, Candidate
from storyline.pipeline.facts.rules import ZhRules
from storyline.records import EntityKind

# A quoted name: two to twelve characters with no clause punctuation inside.
_QUOTED = r"[“「『]([^“”「」『』，。、；：！？\s]{2,12})[”」』]"


@lru_cache(maxsize=4)
def _patterns(heads: tuple[str, ...], kinds: tuple[str, ...]) -> tuple[re.Pattern[str], ...]:
    after = "|".join(re.escape(h) for h in sorted(heads, key=len, reverse=True))
    before = "|".join(re.escape(k) for k in sorted(kinds, key=len, reverse=True))
    # "号召" (a call, as in “向雷锋同志学习”号召) is a word, not the ship's or craft's 号.
    return (re.compile(rf"{_QUOTED}(?:{after})(?!召)"), re.compile(rf"(?:{before}){_QUOTED}"))


def quoted_products(norm: str, rules: ZhRules) -> list[Candidate]:
    if "“" not in norm and "「" not in norm and "『" not in norm:
        return []
    out = []
    for pattern in _patterns(rules.product_heads, rules.product_kinds):
        for m in pattern.finditer(norm):
            out.append(
                Candidate(
                    m.start(1),
                    m.end(1),
                    EntityKind.PRODUCT,
                    RANK_COMPOUND,
                    source="zh_products.quoted_products",
                )
            )
    return out
