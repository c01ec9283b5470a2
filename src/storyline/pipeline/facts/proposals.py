"""Broader entity candidates for the reranker to weigh beside the rules' own.

The rules' fixed ranks could not trust these: other kinds for Latin-script names, names ending in
an organisation or place word, words the segmenter tags as names, the name model's raw reading and
its near misses, capitalised runs and the runs inside them, bare surnames standing for a person
(王某, 小王, 习主席), one-character country names (俄称, 对黎), listed names at the start of a
longer word (日本首相), titles in book-title marks (《财经》记者), names before a stock code, and
product model numbers (XT928, iPhone 4S). Each carries its source, which the model weighs.
"""

from __future__ import annotations

import bisect
import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from storyline.pipeline.facts.aliases import AliasEntry, AliasTable, generated_names, name_key
from storyline.pipeline.facts.candidates import RANK_MODEL, Candidate
from storyline.pipeline.facts.person_model import KindSpans
from storyline.pipeline.facts.rules import load_rules
from storyline.pipeline.facts.zh_units import Unit
from storyline.records import EntityKind

KINDS = tuple(EntityKind)
# Below every rule's rank: a proposal is only ever kept on the model's word.
RANK_PROPOSAL = RANK_MODEL - 1
# Words from a name's first word to its organisation or place word
# ("中国/成都/大熊猫/繁育/研究/基地").
MAX_HEAD_WORDS = 7
MAX_PROPOSAL_CHARS = 16  # Chinese; Latin-script names take more letters ("Bank of Ruritania")
MAX_LATIN_PROPOSAL_CHARS = 48
# Tags of words that never stand inside a name: punctuation, particles, prepositions, pronouns,
# conjunctions, numerals and measure words, adverbs.
_STOP_TAGS = frozenset({"x", "w", "uj", "ul", "uz", "ud", "ug", "uv", "p", "r", "c", "m", "q", "d"})
# Conjunctions inside a name ("中国物流与采购联合会"), never at its start.
_INNER_WORDS = frozenset({"与", "和", "及", "暨"})
_TAG_KIND = {
    "nr": EntityKind.PERSON,
    "nrfg": EntityKind.PERSON,
    "nrt": EntityKind.PERSON,
    "ns": EntityKind.PLACE,
    "nt": EntityKind.ORG,
}


def proposals(
    norm: str,
    toks: list[Unit],
    found: list[Candidate],
    named: list[tuple[int, int]],
    near: list[tuple[int, int, float]] | None = None,
    kinds: KindSpans = (),
) -> list[Candidate]:
    """Broader candidates for the model to weigh beside the rules' own; `kinds` is what the
    evidence models read (zh_model.kind_readings)."""
    out = _Proposals(norm, found)
    for c in found:
        # Latin-script names are where the rules most often pick the wrong kind ("Sunderland"
        # the club, not the town); in Chinese text the other readings were almost never right
        # and cost half the scoring time.
        if norm[c.start : c.end].isascii() and not _gloss(norm, c.start):
            out.every_kind(c.start, c.end, "alt")
    # Listed brands first: a span several sources give keeps the listed name and its source.
    _brands(toks, out)
    _lowercase_brands(norm, toks, out)
    for u in toks:
        kind = _TAG_KIND.get(u.tag)
        if kind is not None and len(u.text) > 1:
            out.add(u.start, u.end, kind, "tag")
    for s, e in named:  # the name model's reading, before the word checks of zh_model
        out.add(s, e, EntityKind.PERSON, "model")
    for s, e, gain in near or ():  # and the spans it nearly read as names, by how near
        out.add(s, e, EntityKind.PERSON, f"near{max(-4, min(4, round(gain)))}")
    _headed(norm, toks, out)
    _capitalised(norm, out)
    _surnames_alone(norm, out)
    _inside_words(toks, out)
    _bracketed(norm, toks, out)
    _model_numbers(norm, toks, out)
    _series(norm, out)
    _kind_modelled(toks, kinds, out)
    return out.found


def _kind_modelled(
    toks: list[Unit],
    kinds: KindSpans,
    out: _Proposals,
) -> None:
    """The evidence models' spans that start and end on word edges: a name where they gain
    (the model's name as source: "crf", "news"), else with how far below one they fall
    ("crfnear-1")."""
    if not kinds:
        return
    starts = {u.start for u in toks}
    ends = {u.end for u in toks}
    for name, kind, spans in kinds:
        for s, e, gain in spans:
            if s in starts and e in ends:
                out.add(s, e, kind, name if gain > 0 else f"{name}near{max(-2, round(gain))}")


def _gloss(norm: str, start: int) -> bool:
    """A Latin name in brackets right after Chinese text glosses it ("绿洲动力(Green Harbor)",
    "“蓝色警报”(Blue Alert)"): the rules judged it by what it glosses, which is better evidence
    than its own letters, so no other reading is proposed."""
    if start < 2 or norm[start - 1] not in "(（":
        return False
    before = norm[start - 2]
    return "\u4e00" <= before <= "\u9fff" or before in "”」』"


class _Proposals:
    def __init__(self, norm: str, found: list[Candidate]) -> None:
        self.norm = norm
        self.seen = {(c.start, c.end, c.kind) for c in found}
        self.found: list[Candidate] = []

    def add(
        self, start: int, end: int, kind: EntityKind, source: str, entity: str | None = None
    ) -> None:
        limit = MAX_LATIN_PROPOSAL_CHARS if self.norm[start:end].isascii() else MAX_PROPOSAL_CHARS
        if (start, end, kind) not in self.seen and 0 < end - start <= limit:
            self.seen.add((start, end, kind))
            self.found.append(Candidate(start, end, kind, RANK_PROPOSAL, entity, source))

    def every_kind(self, start: int, end: int, source: str) -> None:
        for kind in KINDS:
            self.add(start, end, kind, source)


@lru_cache(maxsize=1)
def _heads_data() -> dict[str, Any]:
    text = resources.files("storyline.data").joinpath("entity_heads.toml").read_text("utf-8")
    return tomllib.loads(text)


@lru_cache(maxsize=1)
def _head_pattern() -> tuple[re.Pattern[str], dict[str, tuple[EntityKind, ...]]]:
    rules = load_rules().zh
    extra = _heads_data()
    kinds: dict[str, set[EntityKind]] = {}
    for word in (*rules.org_suffixes, *extra["org"]):
        kinds.setdefault(word, set()).add(EntityKind.ORG)
    for word in (*rules.place_suffixes, *extra["place"]):
        kinds.setdefault(word, set()).add(EntityKind.PLACE)
    words = sorted(kinds, key=len, reverse=True)
    pattern = re.compile("|".join(re.escape(w) for w in words))
    return pattern, {w: tuple(sorted(k, key=lambda x: x.value)) for w, k in kinds.items()}


@lru_cache(maxsize=1)
def _common_words() -> frozenset[str]:
    """Words ending in an organisation or place word that are no names (全局, 股市)."""
    rules = load_rules().zh
    return rules.not_org | rules.not_place


# One-character prepositions and conjunctions the segmenter joins to the word after them.
_GLUED = frozenset("从在向对据由与和经被把将给跟为于至")


def _headed(norm: str, toks: list[Unit], out: _Proposals) -> None:
    """Names ending in an organisation or place word, starting up to MAX_HEAD_WORDS words
    before it."""
    if not toks:
        return
    pattern, kinds = _head_pattern()
    common = _common_words()
    starts = [u.start for u in toks]
    for m in pattern.finditer(norm):
        j = bisect.bisect_right(starts, m.end() - 1) - 1
        if j >= 0 and toks[j].start < m.start() and toks[j].text in common:
            continue  # the head ends a common word: 局 of 全局, 市 of 股市
        first = j
        while first >= 0 and j - first < MAX_HEAD_WORDS:
            w = toks[first]
            inner = w.tag == "m" or w.text in _INNER_WORDS  # "第一医院", "物流与采购联合会"
            if not _name_chars(w.text) or (w.tag in _STOP_TAGS and not inner):
                break
            if w.start < m.start() and not inner:
                for kind in kinds[m.group()]:
                    out.add(w.start, m.end(), kind, "head")
                    # The segmenter glues a preposition to a one-character word before the name
                    # ("从市 环保局", "在京 企业"): the name may start after it.
                    if len(w.text) > 1 and w.text[0] in _GLUED and w.start + 1 < m.start():
                        out.add(w.start + 1, m.end(), kind, "head_glued")
            first -= 1


# A run of capitalised words, with the small words names keep inside them ("Bank of England").
_CAPITALISED = re.compile(
    r"[A-Z][\w'&.-]*(?: (?:(?:of|and|the|for|de|du|von|van|&) )?[A-Z0-9][\w'&.-]*){0,5}"
)
# Words dropped at most from either end of a capitalised run, and the kinds its parts are read as.
MAX_CAPS_TRIM = 3
_CAPS_PART_KINDS = (EntityKind.PERSON, EntityKind.ORG, EntityKind.PLACE)
_ANONYMISED = re.compile(r"[\u4e00-\u9fff](?=某)")
_CONNECTOR = re.compile(r" (?:of|and|the|for|&) ")


def _capitalised(norm: str, out: _Proposals) -> None:
    for m in _CAPITALISED.finditer(norm):
        text = m.group().rstrip(".")
        start = m.start()
        if _gloss(norm, start):
            continue
        out.every_kind(start, start + len(text), "caps")
        if text.startswith("The "):
            out.every_kind(start + 4, start + len(text), "caps")
        for c in _CONNECTOR.finditer(text):
            out.every_kind(start, start + c.start(), "caps")
            out.every_kind(start + c.end(), start + len(text), "caps")
        # A title or a place often opens the run ("Home Secretary Charles Clarke", "Bristol
        # City Council"): the runs that drop words from either end are read too.
        spaces = [k for k, ch in enumerate(text) if ch == " "]
        for k in spaces[-MAX_CAPS_TRIM:]:
            for kind in _CAPS_PART_KINDS:
                out.add(start + k + 1, start + len(text), kind, "caps_tail")
        for k in spaces[:MAX_CAPS_TRIM]:
            for kind in _CAPS_PART_KINDS:
                out.add(start, start + k, kind, "caps_head")


def _name_chars(text: str) -> bool:
    return bool(text) and all(
        ("\u4e00" <= ch <= "\u9fff") or ch.isalnum() or ch in "·-—" for ch in text
    )


@lru_cache(maxsize=1)
def _surname_pattern() -> re.Pattern[str]:
    """A surname after 小 or 老, or before a title, an honorific, 姓 or 氏."""
    rules = load_rules().zh
    names = "".join(sorted(rules.surnames))
    rarer = "".join(sorted(set(_heads_data()["title_surnames"]) - rules.surnames))
    words = (w for w in rules.person_titles | rules.honorifics if not w.isascii())
    after = sorted(words, key=len, reverse=True)
    titles = "|".join(re.escape(w) for w in after)
    cue = "|".join((titles, "姓", "氏"))
    return re.compile(f"(?<=[小老])[{names}]|[{names}](?={cue})|[{rarer}](?={titles})")


def _surnames_alone(norm: str, out: _Proposals) -> None:
    """A bare surname standing for a person: 王某, 小王, 老梁, 习主席, 沈姓妇女."""
    for m in _ANONYMISED.finditer(norm):
        out.add(m.start(), m.start() + 1, EntityKind.PERSON, "anonymised")
    for m in _surname_pattern().finditer(norm):
        out.add(m.start(), m.end(), EntityKind.PERSON, "surname")


@lru_cache(maxsize=1)
def _short_place_table() -> tuple[dict[str, str], frozenset[str]]:
    data = _heads_data()
    rules = load_rules().zh
    cues = frozenset(data["short_place_cues"]) | rules.abbreviation_cues
    return dict(data["short_places"]), cues


def _inside_words(toks: list[Unit], out: _Proposals) -> None:
    """Names the rules, reading whole words, pass over: one-character country names, listed
    names opening a longer word, and counties written without their suffix. One pass over the
    words for all three."""
    short, cues = _short_place_table()
    names, openings = _chinese_names()
    divisions = _short_divisions()
    for u in toks:
        text = u.text
        n = len(text)
        if n <= 2 and (text[0] in short or text[-1] in short):
            _short_place(u, short, cues, out)
        if n >= 3 and text[:2] in openings:
            _listed_prefix(u, names, out)
        canonical = divisions.get(text)
        if canonical is not None:
            out.add(u.start, u.end, EntityKind.PLACE, "division", canonical)


def _short_place(u: Unit, short: dict[str, str], cues: frozenset[str], out: _Proposals) -> None:
    """A one-character name of a country or city, in a word of two with a cue or another such
    name ("俄称", "对黎", "法美"), or standing alone as a word ("向/乌/提供")."""
    text = u.text
    if len(text) == 1:
        if text in short:
            out.add(u.start, u.end, EntityKind.PLACE, "short", short[text])
    elif len(text) == 2:
        a, b = text[0], text[1]
        if a in short and (b in cues or b in short):
            out.add(u.start, u.start + 1, EntityKind.PLACE, "short", short[a])
        if b in short and (a in cues or a in short):
            out.add(u.start + 1, u.end, EntityKind.PLACE, "short", short[b])


@lru_cache(maxsize=1)
def _chinese_names() -> tuple[dict[str, AliasEntry], frozenset[str]]:
    """Every listed Chinese-script name (curated and generated), and their first two
    characters, to pass most words with one lookup."""
    names = {k: v for k, v in AliasTable.default().curated.items() if not k[:1].isascii()}
    return names, frozenset(k[:2] for k in names)


def _listed_prefix(u: Unit, names: dict[str, AliasEntry], out: _Proposals) -> None:
    """The longest listed name that opens a longer word ("日本首相", "法国总理")."""
    text = u.text
    for n in range(len(text) - 1, 1, -1):
        entry = names.get(text[:n])
        if entry is not None:
            out.add(u.start, u.start + n, entry.kind, "prefix", entry.canonical)
            return


# Ends of county and city names that local news drops ("平度" for 平度市, "荣昌" for 荣昌区).
_DIVISION_ENDS = "市县区旗"


@lru_cache(maxsize=1)
def _short_divisions() -> dict[str, str]:
    """Listed places without their 市/县/区/旗, where the short form is no listed name itself."""
    entries = generated_names().entries
    out = {}
    for name, entry in entries.items():
        short = name[:-1]
        if (
            entry.kind is EntityKind.PLACE
            and len(short) >= 2
            and name[-1] in _DIVISION_ENDS
            and short not in entries
            and not short.endswith(("自治", "行政"))
        ):
            out[short] = entry.canonical
    return out


_BOOK_TITLE = re.compile(r"《([^《》\n]{1,12})》")
# A listed company's name before its six-digit stock code: "海正药业(600267)".
_STOCK_CODE = re.compile(r"\s?[(（]\s?\d{6}\s?[)）]")


def _bracketed(norm: str, toks: list[Unit], out: _Proposals) -> None:
    """Titles in book-title marks, which name newspapers and magazines as well as works
    ("《财经》记者"), and the one to three words before a stock code."""
    for m in _BOOK_TITLE.finditer(norm):
        out.add(m.start(1), m.end(1), EntityKind.ORG, "book")
        out.add(m.start(1), m.end(1), EntityKind.PRODUCT, "book")
    if not toks:
        return
    ends = [u.end for u in toks]
    for m in _STOCK_CODE.finditer(norm):
        k = bisect.bisect_left(ends, m.start())
        if k >= len(toks) or ends[k] != m.start():
            continue
        for first in range(k, max(-1, k - 3), -1):
            if not _name_chars(toks[first].text):
                break
            out.add(toks[first].start, m.start(), EntityKind.ORG, "stock")


# A model number (XT928, F-35, C919, AG600M, 4S), with up to two words of its name before it
# ("iPhone 4S", "GALAXY Tab P1000", "PlayStation 3") or a Chinese brand ("摩托罗拉XT928").
_MODEL_NUMBER = re.compile(
    r"(?<![A-Za-z0-9-])[A-Za-z]{0,4}-?\d{1,5}[A-Za-z]{0,3}\+?(?![A-Za-z0-9])"
)
_MODEL_NAME = re.compile(r"(?:[A-Za-z][A-Za-z0-9-]* ){0,2}[A-Za-z][A-Za-z0-9-]* ?$")


def _model_numbers(norm: str, toks: list[Unit], out: _Proposals) -> None:
    ends = {u.end: k for k, u in enumerate(toks)}
    for m in _MODEL_NUMBER.finditer(norm):
        s, e = m.span()
        named = _MODEL_NAME.search(norm[max(0, s - 40) : s])
        if named is not None:  # a bare number is a model only after a name ("PlayStation 3")
            out.add(s - (named.endpos - named.start()), e, EntityKind.PRODUCT, "model_named")
        if not any(ch.isalpha() for ch in m.group()):
            continue
        out.add(s, e, EntityKind.PRODUCT, "model")
        # A Chinese brand before it: the word right before, or the two words ("酷派大观N9900").
        k = ends.get(s)
        if k is not None and _cjk_name(toks[k].text):
            out.add(toks[k].start, e, EntityKind.PRODUCT, "model_named")
            if k > 0 and _cjk_name(toks[k - 1].text):
                out.add(toks[k - 1].start, e, EntityKind.PRODUCT, "model_named")


def _cjk_name(text: str) -> bool:
    return all("\u4e00" <= ch <= "\u9fff" for ch in text)


# Words joined at most to match one listed brand or company ("贵州/茅台", "Model/ /3").
MAX_BRAND_WORDS = 4


@dataclass(frozen=True, slots=True)
class _Brand:
    kind: EntityKind
    canonical: str
    common: bool  # the name is also an everyday word (小米, 长城): weighed apart


@lru_cache(maxsize=1)
def _brand_table() -> dict[str, _Brand | None]:
    """data/brands.tsv: widely known companies, outlets, platforms and goods, with their short
    names; and every leading part of a name, mapped to None, to stop joining words early."""
    text = resources.files("storyline.data").joinpath("brands.tsv").read_text("utf-8")
    curated = AliasTable.default().curated
    names: dict[str, _Brand] = {}
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        kind, canonical, aliases, flag = [*line.split("\t"), "", ""][:4]
        written = [n.strip() for n in (canonical, *aliases.split("|")) if n.strip()]
        # One entity, one name: where the hand-written table lists any of these names (联想集团),
        # its canonical name and kind serve the whole row (联想, Lenovo); generated place names
        # (`exact`) do not, as many are also a company's short name.
        entries = (curated.get(name_key(n)) for n in written)
        listed = next((e for e in entries if e is not None and not e.exact), None)
        if listed is not None:
            kind, canonical = listed.kind.value, listed.canonical
        brand = _Brand(EntityKind(kind), canonical, flag.strip() == "common")
        for name in written:
            names.setdefault(name, brand)
    lookup: dict[str, _Brand | None] = {
        name[:n]: None for name in names for n in range(1, len(name))
    }
    lookup.update(names)
    return lookup


@lru_cache(maxsize=1)
def _channels() -> frozenset[str]:
    """Sections of portals and outlets that sign reports under the outlet's name ("腾讯财经讯")."""
    return frozenset(_heads_data()["channels"])


@lru_cache(maxsize=1)
def _lowercase_names() -> dict[str, _Brand]:
    """Latin-script names of the brand list and the hand-written table, by their lower-case
    form ("qq", "android"): Chinese pages often write them so."""
    out: dict[str, _Brand] = {}
    for name, brand in _brand_table().items():
        if brand is not None and name.isascii() and len(name) > 1:
            out.setdefault(name.lower(), brand)
    for name, entry in AliasTable.default().curated.items():
        if name.isascii() and len(name) > 1 and not entry.exact:
            out.setdefault(name.lower(), _Brand(entry.kind, entry.canonical, False))
    return out


def _lowercase_brands(norm: str, toks: list[Unit], out: _Proposals) -> None:
    """A listed name written in lower case inside Chinese text ("使用微信、qq"). In English
    text lower case marks an ordinary word (apple, shell), so a Chinese character must stand
    beside it."""
    names = _lowercase_names()
    for tok in toks:
        text = tok.text
        if not (text.isascii() and text.islower() and len(text) > 1):
            continue
        brand = names.get(text)
        if brand is None:
            continue
        before = norm[tok.start - 1] if tok.start else ""
        after = norm[tok.end] if tok.end < len(norm) else ""
        if _cjk_near(before) or _cjk_near(after):
            out.add(tok.start, tok.end, brand.kind, "brand_lower", brand.canonical)


def _cjk_near(char: str) -> bool:
    """A Chinese character or Chinese punctuation (、，“ and the full-width forms)."""
    return (
        "\u4e00" <= char <= "\u9fff" or "\u3000" <= char <= "\u303f" or "\uff00" <= char <= "\uffef"
    )


def brand_canonical(name: str) -> str | None:
    """The canonical name of a listed company, outlet or good, if `name` is one of its names:
    a mention the rules settled on (Blue Origin, from a run of capitalised words) joins the entity
    its other names make (蓝色起源)."""
    brand = _brand_table().get(name)
    return brand.canonical if brand is not None else None


def _brands(toks: list[Unit], out: _Proposals) -> None:
    """Listed companies, outlets, platforms and goods, on the segmenter's word boundaries, for
    the model to weigh: many are also everyday words (小米, 快手)."""
    lookup = _brand_table()
    channels = _channels()
    for k, tok in enumerate(toks):
        text = tok.text
        if len(text) > 3 and text[-2:] in channels and lookup.get(text[:-2]) is not None:
            out.add(tok.start, tok.end, EntityKind.ORG, "brand_channel")  # one word: 网易娱乐
        if text not in lookup:
            continue  # no listed name starts with this word: the common case, one lookup
        for m in range(k, min(k + MAX_BRAND_WORDS, len(toks))):
            if m > k:
                text += toks[m].text
                if text not in lookup:
                    break
            brand = lookup[text]
            if brand is not None:
                source = "brand_common" if brand.common else "brand"
                out.add(tok.start, toks[m].end, brand.kind, source, brand.canonical)
                if m + 1 < len(toks) and toks[m + 1].text in channels:
                    # A portal's or outlet's channel names itself as a source: 腾讯财经.
                    out.add(tok.start, toks[m + 1].end, EntityKind.ORG, "brand_channel")


# Craft named as a series and its number ("长征十二号", "试验二十七号"), Chinese military models
# ("歼-20", "东风-41") and warships named after a place ("福建舰"): the name's first characters
# are not known, so each plausible start is proposed.
_NUMBERED = re.compile(r"(?:[零〇一二三四五六七八九十百]{1,4}|\d{1,3})号")
_DASHED = re.compile(r"-\d{1,3}[A-Z]?(?![\dA-Za-z])")
_SHIP = re.compile(r"舰(?!队|长|艇|载|船|只|上|员)")


def _series(norm: str, out: _Proposals) -> None:
    for pattern, widths in ((_NUMBERED, (2, 3, 4)), (_DASHED, (1, 2)), (_SHIP, (2,))):
        for m in pattern.finditer(norm):
            for width in widths:
                start = m.start() - width
                if start >= 0 and _cjk_name(norm[start : m.start()]):
                    out.add(start, m.end(), EntityKind.PRODUCT, "series")
