"""Language and Chinese script of a text, by counting characters (fast, no model).

`detect_lang` compares letters by script: Han, kana and Hangul against Latin letters. It tells
Chinese, Japanese, Korean and English apart and nothing finer: every Latin-script text is called
`en`, the only Latin-script language the pipeline treats.

`detect_script` counts characters that exist in only one of the two Chinese scripts. The sets
come from OpenCC's own dictionaries (`s2t` and `t2s`, one character at a time): a character that
`s2t` changes and `t2s` leaves alone is Simplified-only (后, 发, 这), and the reverse is
Traditional-only (後, 發, 這). Shared characters (中, 人, 的) say nothing, so a short text with a
single distinctive character is decided by it, and mixed text by the majority.
"""

from __future__ import annotations

import re
from functools import lru_cache

import opencc

# A Chinese character carries about as much text as three Latin letters: English runs ~4.5
# letters a word and a Chinese translation ~1.5 characters per English word.
LATIN_LETTERS_PER_HAN = 3
# Japanese running text is 40–70% kana; Chinese text quoting a Japanese name has almost none.
MIN_KANA_SHARE_JA = 0.2
# Script of Chinese text with no character that tells the two apart (中国人民): Simplified, the
# script of most Chinese news.
DEFAULT_SCRIPT = "Hans"

_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003ffff]")
# Runs of Han characters: Chinese text is mostly Han, and counting by runs makes one string per
# run instead of one per character (3.5x faster on CCTV texts). The sparse classes below are
# counted one by one: with few matches the `+` only slows the scan.
_HAN_RUN = re.compile(_HAN.pattern + "+")
_KANA = re.compile(r"[\u3040-\u30ff\u31f0-\u31ff\uff66-\uff9d]")
_HANGUL = re.compile(r"[\uac00-\ud7af\u1100-\u11ff\u3130-\u318f]")
_LATIN = re.compile(r"[A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f]")


def detect_lang(text: str) -> str | None:
    """`zh`, `ja`, `ko` or `en` by which letters dominate; None when there are no letters."""
    han = sum(map(len, _HAN_RUN.findall(text)))
    kana, hangul = _count(_KANA, text), _count(_HANGUL, text)
    latin = _count(_LATIN, text)
    cjk = han + kana + hangul
    if cjk == 0 and latin == 0:
        return None
    if cjk * LATIN_LETTERS_PER_HAN < latin:
        return "en"
    if hangul > han + kana:
        return "ko"
    if kana >= MIN_KANA_SHARE_JA * (han + kana):
        return "ja"
    return "zh"


def detect_script(text: str) -> str | None:
    """`Hans` or `Hant` for text with Chinese characters, None for text without any."""
    if not _HAN.search(text):
        return None
    simplified, traditional = _script_patterns()
    hant = _count(traditional, text)
    if not hant:  # most text: whether any character is Simplified-only decides, not how many
        return "Hans" if simplified.search(text) else DEFAULT_SCRIPT
    hans = _count(simplified, text)
    if hans == hant:
        return DEFAULT_SCRIPT
    return "Hant" if hant > hans else "Hans"


def has_traditional(text: str) -> bool:
    """Whether `text` holds a character only Traditional script writes (one regex scan that
    stops at the first such character)."""
    return _script_patterns()[1].search(text) is not None


def _count(pattern: re.Pattern[str], text: str) -> int:
    return len(pattern.findall(text))


@lru_cache(maxsize=1)
def _script_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    chars = [chr(code) for code in range(0x4E00, 0xA000)] + [chr(c) for c in range(0x3400, 0x4DC0)]
    to_trad = _convert_each("s2t", chars)
    to_simp = _convert_each("t2s", chars)
    hans = [c for c, t, s in zip(chars, to_trad, to_simp, strict=True) if t != c and s == c]
    hant = [c for c, t, s in zip(chars, to_trad, to_simp, strict=True) if s != c and t == c]
    return _char_class(hans), _char_class(hant)


def _convert_each(config: str, chars: list[str]) -> list[str]:
    """Convert characters one by one (one call, one per line, so no phrase spans two)."""
    converted = opencc.OpenCC(config).convert("\n".join(chars)).split("\n")
    if len(converted) != len(chars):  # a conversion that changed the line structure
        converted = [opencc.OpenCC(config).convert(c) for c in chars]
    return [c if len(c) == 1 else "" for c in converted]


def _char_class(chars: list[str]) -> re.Pattern[str]:
    return re.compile("[" + "".join(re.escape(c) for c in chars) + "]")
