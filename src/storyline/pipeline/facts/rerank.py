"""A learned choice among entity candidates, in place of the fixed ranks of `settle`.

The rules propose candidates; `proposals` adds broader ones the ranks alone could not trust
(other kinds for Latin-script names, names ending in an organisation or place word, words the
segmenter tags as names, the name model's raw reading and its near misses with their gain,
capitalised runs, anonymised surnames).
Two logistic models trained on hand-labelled corpus sentences (bench/entities_rerank.py, shipped
as data/entity_rerank.json.gz) score each candidate from what proposed it and the text around
it: a screen on a few cheap features drops the plainly wrong, the full model scores the rest,
and `choose` keeps the best non-overlapping set above a threshold. Without the model file, or
with the setting `entity_rerank` off, the ranks settle as before.
"""

from __future__ import annotations

import bisect
import gzip
import itertools
import json
import math
import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from storyline.pipeline.facts.candidates import RANK_MODEL, Candidate, settle
from storyline.pipeline.facts.rules import load_rules
from storyline.pipeline.facts.zh_units import Unit
from storyline.records import EntityKind

MODEL_FILE = "entity_rerank.json.gz"
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


@dataclass(frozen=True, slots=True)
class Logistic:
    weights: dict[str, float]
    bias: float

    def score(self, features: list[str]) -> float:
        """The log-odds: compared with a cut's log-odds, no exponential is needed."""
        return self.bias + sum(map(self.weights.get, features, itertools.repeat(0.0)))

    def probability(self, features: list[str]) -> float:
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, self.score(features)))))


@dataclass(frozen=True, slots=True)
class RerankModel:
    """A small screening model over a few cheap features drops the plainly wrong candidates
    (most proposals) before the full model reads the rest: the full features are most of the
    cost, and the screen is set to lose under one right mention in a hundred."""

    screen: Logistic
    screen_cut: float
    full: Logistic
    threshold: float

    @property
    def screen_log_odds(self) -> float:
        return _log_odds(self.screen_cut)

    @property
    def threshold_log_odds(self) -> float:
        return _log_odds(self.threshold)


def _log_odds(p: float) -> float:
    if p <= 0.0:
        return -math.inf
    return math.log(p / (1.0 - p)) if p < 1.0 else math.inf


@lru_cache(maxsize=1)
def rerank_model() -> RerankModel | None:
    path = resources.files("storyline.data").joinpath(MODEL_FILE)
    if not path.is_file():
        return None
    raw = json.loads(gzip.decompress(path.read_bytes()))
    return RerankModel(
        Logistic(dict(raw["screen"]["weights"]), float(raw["screen"]["bias"])),
        float(raw["screen"]["cut"]),
        Logistic(dict(raw["weights"]), float(raw["bias"])),
        float(raw["threshold"]),
    )


def proposals(
    norm: str,
    toks: list[Unit],
    found: list[Candidate],
    named: list[tuple[int, int]],
    near: list[tuple[int, int, float]] | None = None,
) -> list[Candidate]:
    """Broader candidates for the model to weigh beside the rules' own."""
    out = _Proposals(norm, found)
    for c in found:
        # Latin-script names are where the rules most often pick the wrong kind ("Sunderland"
        # the club, not the town); in Chinese text the other readings were almost never right
        # and cost half the scoring time.
        if norm[c.start : c.end].isascii() and not _gloss(norm, c.start):
            out.every_kind(c.start, c.end, "alt")
    for u in toks:
        kind = _TAG_KIND.get(u.tag)
        if kind is not None and len(u.text) > 1:
            out.add(u.start, u.end, kind, "tag")
    for m in _ANONYMISED.finditer(norm):  # "王某", "李某强": the surname stands for the person
        out.add(m.start(), m.start() + 1, EntityKind.PERSON, "anonymised")
    for s, e in named:  # the name model's reading, before the word checks of zh_model
        out.add(s, e, EntityKind.PERSON, "model")
    for s, e, gain in near or ():  # and the spans it nearly read as names, by how near
        out.add(s, e, EntityKind.PERSON, f"near{max(-4, min(4, round(gain)))}")
    _headed(norm, toks, out)
    _capitalised(norm, out)
    return out.found


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

    def add(self, start: int, end: int, kind: EntityKind, source: str) -> None:
        limit = MAX_LATIN_PROPOSAL_CHARS if self.norm[start:end].isascii() else MAX_PROPOSAL_CHARS
        if (start, end, kind) not in self.seen and 0 < end - start <= limit:
            self.seen.add((start, end, kind))
            self.found.append(Candidate(start, end, kind, RANK_PROPOSAL, source=source))

    def every_kind(self, start: int, end: int, source: str) -> None:
        for kind in KINDS:
            self.add(start, end, kind, source)


@lru_cache(maxsize=1)
def _head_pattern() -> tuple[re.Pattern[str], dict[str, tuple[EntityKind, ...]]]:
    rules = load_rules().zh
    extra = tomllib.loads(
        resources.files("storyline.data").joinpath("entity_heads.toml").read_text("utf-8")
    )
    kinds: dict[str, set[EntityKind]] = {}
    for word in (*rules.org_suffixes, *extra["org"]):
        kinds.setdefault(word, set()).add(EntityKind.ORG)
    for word in (*rules.place_suffixes, *extra["place"]):
        kinds.setdefault(word, set()).add(EntityKind.PLACE)
    words = sorted(kinds, key=len, reverse=True)
    pattern = re.compile("|".join(re.escape(w) for w in words))
    return pattern, {w: tuple(sorted(k, key=lambda x: x.value)) for w, k in kinds.items()}


def _headed(norm: str, toks: list[Unit], out: _Proposals) -> None:
    """Names ending in an organisation or place word, starting up to MAX_HEAD_WORDS words
    before it."""
    if not toks:
        return
    pattern, kinds = _head_pattern()
    starts = [u.start for u in toks]
    for m in pattern.finditer(norm):
        j = bisect.bisect_right(starts, m.end() - 1) - 1
        first = j
        while first >= 0 and j - first < MAX_HEAD_WORDS:
            w = toks[first]
            inner = w.tag == "m" or w.text in _INNER_WORDS  # "第一医院", "物流与采购联合会"
            if not _name_chars(w.text) or (w.tag in _STOP_TAGS and not inner):
                break
            if w.start < m.start() and not inner:
                for kind in kinds[m.group()]:
                    out.add(w.start, m.end(), kind, "head")
            first -= 1


# A run of capitalised words, with the small words names keep inside them ("Bank of England").
_CAPITALISED = re.compile(
    r"[A-Z][\w'&.-]*(?: (?:(?:of|and|the|for|de|du|von|van|&) )?[A-Z0-9][\w'&.-]*){0,5}"
)
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


def _name_chars(text: str) -> bool:
    return bool(text) and all(
        ("\u4e00" <= ch <= "\u9fff") or ch.isalnum() or ch in "·-—" for ch in text
    )


def screen_features(norm: str, cands: list[Candidate], k: int, ctx: Context) -> list[str]:
    """The few cheap features the screening model reads."""
    c = cands[k]
    s, e, kind, src = c.start, c.end, c.kind.value, c.source
    first = ctx.token_starting.get(s)
    last = ctx.token_ending.get(e)
    kept = (s, e, c.kind) in ctx.kept
    return [
        f"k={kind}",
        f"src={src}|kept={kept}|{kind}",
        f"src={src}|bound={first is not None}{last is not None}|{kind}",
        f"src={src}|len={min(e - s, 6)}|{kind}",
        f"ftag={first.tag if first else '-'}|{kind}",
        f"ltag={last.tag if last else '-'}|{kind}",
        f"last={norm[e - 1]}|{kind}",
        f"prev={norm[s - 1] if s else '^'}|{kind}",
    ]


def features(norm: str, cands: list[Candidate], k: int, ctx: Context) -> list[str]:
    """What the full model reads about candidate `k` besides the screen's features: its
    source, shape and surroundings, each joined with the kind it claims."""
    c = cands[k]
    s, e, kind = c.start, c.end, c.kind.value
    text = norm[s:e]
    before = ctx.token_ending.get(s)
    after = ctx.token_starting.get(e)
    inner_first = ctx.token_starting.get(s)
    inner_last = ctx.token_ending.get(e)
    latin = text.isascii()
    kept = (s, e, c.kind) in ctx.kept
    inside = ctx.inside(s, e)
    src = c.source
    nxt = norm[e] if e < len(norm) else "$"
    f = [
        f"kept={kept}|{kind}",
        f"src={src}|inside={inside}|{kind}",
        f"src={src}|{kind}",
        f"len={min(e - s, 8)}|{kind}|{latin}",
        f"last2={text[-2:]}|{kind}",
        f"first={text[0]}|{kind}",
        f"next={nxt}|{kind}",
        f"prev2={norm[max(0, s - 2) : s]}|{kind}",
        f"next2={norm[e : e + 2]}|{kind}",
        f"ptag={before.tag if before else '^'}|{kind}",
        f"ntag={after.tag if after else '$'}|{kind}",
        f"pword={before.text if before else '^'}|{kind}",
        f"nword={after.text if after else '$'}|{kind}",
        f"fword={inner_first.text if inner_first else '-'}|{kind}",
        f"lword={inner_last.text if inner_last else '-'}|{kind}",
        f"last3={text[-3:]}|{kind}",
        f"first2={text[:2]}|{kind}",
        f"src={src}|prev={norm[s - 1] if s else '^'}|{kind}",
        f"src={src}|next={nxt}|{kind}",
        f"agree={min(ctx.agree.get((s, e, kind), 0), 3)}|{kind}",
        f"kinds={ctx.span_kinds.get((s, e), '')}|{kind}",
        f"inside={inside}|{kind}",
        f"listed={c.entity is not None}|{kind}",
    ]
    if latin:
        words = text.split()
        f.append(f"caps={min(len(words), 4)}|{text.isupper()}|{kind}")
        f.append(f"lastword={words[-1] if words else ''}|{kind}")
    return f


class Context:
    """What the features of one text's candidates share: token edges and candidate agreement."""

    def __init__(self, toks: list[Unit], cands: list[Candidate]) -> None:
        self.token_ending = {u.end: u for u in toks}
        self.token_starting = {u.start: u for u in toks}
        self.agree: dict[tuple[int, int, str], int] = {}
        kinds: dict[tuple[int, int], set[str]] = {}
        for c in cands:
            if c.rank == RANK_PROPOSAL and c.source == "alt":
                continue
            key = (c.start, c.end, c.kind.value)
            self.agree[key] = self.agree.get(key, 0) + 1
            kinds.setdefault((c.start, c.end), set()).add(c.kind.value)
        self.span_kinds = {span: "+".join(sorted(ks)) for span, ks in kinds.items()}
        # What the rules' ranks alone would keep: the model learns where to overrule them.
        ruled = [c for c in cands if c.rank > RANK_PROPOSAL]
        self.kept = {(c.start, c.end, c.kind) for c in settle(ruled)}
        # The rules' distinct spans by start, with the furthest end reached so far: whether a
        # span lies inside or around another is then a bisection, not a scan of every span.
        spans = sorted({(c.start, c.end) for c in ruled})
        self._starts = [st for st, _ in spans]
        self._ends = [en for _, en in spans]
        self._reach = list(itertools.accumulate(self._ends, max))

    def inside(self, start: int, end: int) -> str:
        """'10' when a rule's longer span covers this one, '01' when it covers a rule's shorter
        span, '11' both, '00' neither."""
        starts, ends = self._starts, self._ends
        lo = bisect.bisect_left(starts, start)
        hi = bisect.bisect_left(starts, end)
        # Covered: a span starting before and reaching the end, or starting here and longer.
        covered = (lo > 0 and self._reach[lo - 1] >= end) or any(
            ends[k] > end for k in range(lo, hi) if starts[k] == start
        )
        covers = any(ends[k] <= end and (starts[k], ends[k]) != (start, end) for k in range(lo, hi))
        return f"{int(covered)}{int(covers)}"


def choose(
    norm: str, toks: list[Unit], cands: list[Candidate], model: RerankModel
) -> list[Candidate]:
    """The best-scored non-overlapping candidates the model believes in."""
    if not cands:
        return []
    ctx = Context(toks, cands)
    screen_cut, threshold = model.screen_log_odds, model.threshold_log_odds
    scored = []
    for k, c in enumerate(cands):
        screen = screen_features(norm, cands, k, ctx)
        if model.screen.score(screen) < screen_cut:
            continue
        z = model.full.score(screen + features(norm, cands, k, ctx))
        if z >= threshold:
            scored.append((z, c))
    return best_apart(scored, len(norm))


def best_apart(scored: list[tuple[float, Candidate]], size: int) -> list[Candidate]:
    """The highest-scored candidates that do not overlap (ties: longer, then leftmost), in text
    order; `size` is the text's length. The trainer selects with it too."""
    scored = sorted(scored, key=lambda zc: (-zc[0], -zc[1].length, zc[1].start))
    occupied = bytearray(size + 1)
    kept = []
    for _, c in scored:
        if occupied.find(1, c.start, c.end) < 0:
            kept.append(c)
            occupied[c.start : c.end] = b"\x01" * c.length
    return sorted(kept, key=lambda c: c.start)
