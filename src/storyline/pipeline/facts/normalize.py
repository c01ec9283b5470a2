"""A length-preserving normalized copy of a text, so offsets in it index the original too."""

from __future__ import annotations

from functools import lru_cache

import opencc

from storyline.pipeline.facts.aliases import NAME_JOINERS

# Full-width digits and Latin letters to ASCII; Chinese punctuation stays as published.
_HALF_WIDTH = {
    **{0xFF10 + i: ord("0") + i for i in range(10)},
    **{0xFF21 + i: ord("A") + i for i in range(26)},
    **{0xFF41 + i: ord("a") + i for i in range(26)},
    **dict.fromkeys(map(ord, NAME_JOINERS), ord("·")),
}


@lru_cache(maxsize=1)
def _t2s() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


# The Facts step converts a batch for the name model, then each article again for the rules;
# remembering a batch's worth (200 documents by default) saves the second conversion, at the
# cost of holding one batch's converted text. The function is pure, so the cache cannot change
# a result.
_RECENT = 256


@lru_cache(maxsize=_RECENT)
def simplified(text: str) -> str:
    """Simplified script, half-width letters and digits, one middle dot; same length as `text`.

    OpenCC's t2s maps character for character in practice but converts phrases, so the length
    is checked; when it differs, each character is converted alone and kept if it grows.
    """
    conv: str = _t2s().convert(text)
    if len(conv) != len(text):
        conv = "".join(_one(ch) for ch in text)
    return conv.translate(_HALF_WIDTH)


def _one(ch: str) -> str:
    out: str = _t2s().convert(ch)
    return out if len(out) == 1 else ch
