"""A learned choice among entity candidates, in place of the fixed ranks of `settle`.

The rules propose candidates; `proposals.proposals` adds broader ones the ranks alone could not
trust. Two logistic models trained on hand-labelled corpus sentences (bench/entities_rerank.py,
shipped as data/entity_rerank.json.gz) score each candidate from what proposed it, the text
around it, and what the rules found elsewhere in the same article (a name written in full once
makes its short form elsewhere likelier), and what the evidence sequence models
(person_model.kind_model: places, organisations and more) make of its span: a screen on a few
cheap features drops the plainly wrong, the full model scores the rest, and `choose` keeps the
best non-overlapping set above a threshold. Without the model file, or with the setting
`entity_rerank` off, the ranks settle as before.
"""

from __future__ import annotations

import bisect
import gzip
import itertools
import json
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from storyline.pipeline.facts.candidates import Candidate, settle
from storyline.pipeline.facts.person_model import EVIDENCE_NAMES, KindSpans, Near
from storyline.pipeline.facts.proposals import RANK_PROPOSAL
from storyline.pipeline.facts.rules import load_rules
from storyline.pipeline.facts.zh_units import Unit
from storyline.records import EntityKind

MODEL_FILE = "entity_rerank.json.gz"
# Longest leading part of a rule's name that counts as a shorter writing of it ("荣昌" of 荣昌区).
MAX_PREFIX_CHARS = 8
# Where a name's last part begins: "Davydenko" of "Nikolay Davydenko", "马斯克" of "埃隆·马斯克".
_TAIL_BREAK = re.compile(r"[ ·・•‧]")
# The Latin word right before and right after a Latin span, within this many characters.
MAX_NEXT_WORD = 16
_WORD_BEFORE = re.compile(r"([A-Za-z]+)\.? +$")
_WORD_AFTER = re.compile(r"(?:'s)? +([A-Za-z]+)")
# Kinds a run of capitalised words is weighed between by the census name lists.
_NAMED_KINDS = (EntityKind.PERSON, EntityKind.ORG)


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
    # The file lists the weights most used first (bench/entities_rerank.py, in_use_order), and
    # the keys are made in that order here: the look-ups of common features stay in the CPU
    # caches. Keep that order when building the dicts.
    raw = json.loads(gzip.decompress(path.read_bytes()))
    return RerankModel(
        Logistic(dict(raw["screen"]["weights"]), float(raw["screen"]["bias"])),
        float(raw["screen"]["cut"]),
        Logistic(dict(raw["weights"]), float(raw["bias"])),
        float(raw["threshold"]),
    )


def screen_features(norm: str, cands: list[Candidate], k: int, ctx: Context) -> list[str]:
    """The few cheap features the screening model reads."""
    c = cands[k]
    s, e, kind, src = c.start, c.end, c.kind, c.source
    ks = kind.value  # a str formats about three times as fast as a StrEnum
    first = ctx.token_starting.get(s)
    last = ctx.token_ending.get(e)
    kept = (s, e, c.kind) in ctx.kept
    return [
        f"k={ks}",
        f"src={src}|kept={kept}|{ks}",
        f"src={src}|bound={first is not None}{last is not None}|{ks}",
        f"src={src}|len={min(e - s, 6)}|{ks}",
        f"ftag={first.tag if first else '-'}|{ks}",
        f"ltag={last.tag if last else '-'}|{ks}",
        f"last={norm[e - 1]}|{ks}",
        f"prev={norm[s - 1] if s else '^'}|{ks}",
    ]


def features(norm: str, cands: list[Candidate], k: int, ctx: Context) -> list[str]:
    """What the full model reads about candidate `k` besides the screen's features: its
    source, shape and surroundings, each joined with the kind it claims."""
    c = cands[k]
    s, e, kind = c.start, c.end, c.kind
    ks = kind.value  # formatted into every feature: a str is about three times as fast
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
    ptag = before.tag if before else "^"
    ntag = after.tag if after else "$"
    agree = min(ctx.agree.get((s, e, kind), 0), 3)
    f = [
        f"kept={kept}|{ks}",
        f"src={src}|inside={inside}|{ks}",
        f"src={src}|{ks}",
        f"len={min(e - s, 8)}|{ks}|{latin}",
        f"last2={text[-2:]}|{ks}",
        f"first={text[0]}|{ks}",
        f"next={nxt}|{ks}",
        f"prev2={norm[max(0, s - 2) : s]}|{ks}",
        f"next2={norm[e : e + 2]}|{ks}",
        f"ptag={ptag}|{ks}",
        f"ntag={ntag}|{ks}",
        f"pword={before.text if before else '^'}|{ks}",
        f"nword={after.text if after else '$'}|{ks}",
        f"fword={inner_first.text if inner_first else '-'}|{ks}",
        f"lword={inner_last.text if inner_last else '-'}|{ks}",
        f"last3={text[-3:]}|{ks}",
        f"first2={text[:2]}|{ks}",
        f"src={src}|prev={norm[s - 1] if s else '^'}|{ks}",
        f"src={src}|next={nxt}|{ks}",
        f"agree={agree}|{ks}",
        f"kinds={ctx.span_kinds.get((s, e), '')}|{ks}",
        f"inside={inside}|{ks}",
        f"listed={c.entity is not None}|{ks}",
        # Conjunctions a linear model cannot form itself: how far a source's span is trusted
        # depends on its ending and on the words either side ("银行" ends a proposed name
        # well, "部" before "长" badly), and agreement means more for some sources than others.
        f"src={src}|last2={text[-2:]}|{ks}",
        f"tags={ptag}|{ntag}|{ks}",
        f"src={src}|ntag={ntag}|{ks}",
        f"src={src}|ptag={ptag}|{ks}",
        f"last1={text[-1]}|len={min(e - s, 8)}|{ks}",
        f"src={src}|agree={agree}|{ks}",
    ]
    # Person names never take their title in ("张司长" is 张), which the rules' words know.
    f.append(f"titled={_title_end().search(text, 1) is not None}|{ks}")
    same, longer, count = ctx.elsewhere(text, s, c.kind)
    f.append(f"doc={same}|{longer}|{ks}")
    if ctx.tail(text, s, c.kind):
        # Only as evidence for: most names have no fuller form elsewhere, and a feature for
        # its absence would weigh against every lone "Mr Lockyer".
        f.append(f"tail|{ks}")
    f.append(f"src={src}|count={count}|{ks}")
    # What each evidence model makes of the span, in steps of its gain, and how far that falls
    # below the best span of the kind it reads over the same characters: a model that would
    # draw the name's edges elsewhere is evidence about the boundary.
    for name in EVIDENCE_NAMES:
        gain = ctx.kind_gains.get((name, s, e, kind))
        f.append(f"{name}={'-' if gain is None else max(-2, min(3, round(gain)))}|{ks}")
        top = ctx.best_gain(name, kind, s, e)
        if top is not None:
            gap = "-" if gain is None else min(3, round(top - gain))
            f.append(f"{name}gap={gap}|{top > 0}|{ks}")
    if latin:
        words = text.split()
        f.append(f"caps={min(len(words), 4)}|{text.isupper()}|{ks}")
        f.append(f"lastword={words[-1] if words else ''}|{ks}")
        # The Latin words either side ("Mr Lockyer", "Lockyer said", "in Lockyer"): Chinese
        # text around a span is read by its tokens, but there a space is the token.
        before_word = _WORD_BEFORE.search(norm, max(0, s - MAX_NEXT_WORD), s)
        after_word = _WORD_AFTER.match(norm, e)
        f.append(f"wbefore={before_word.group(1) if before_word else '^'}|{ks}")
        f.append(f"wafter={after_word.group(1).lower() if after_word else '$'}|{ks}")
        if kind in _NAMED_KINDS:
            # Census name lists tell a person ("Alan Johnson") from a company ("Green Harbor"):
            # a common given name first, a common surname last.
            en = load_rules().en
            given = bool(words) and words[0] in en.given_names
            surname = bool(words) and words[-1].upper().removesuffix("'S") in en.surnames
            f.append(f"names={given}{surname}|{min(len(words), 3)}|{ks}")
    return f


@lru_cache(maxsize=1)
def _title_end() -> re.Pattern[str]:
    """The rules' Chinese titles and honorifics at the end of a text (searched from its second
    character, so a title alone is not "titled")."""
    rules = load_rules().zh
    words = sorted((w for w in rules.person_titles | rules.honorifics if not w.isascii()), key=len)
    return re.compile("(?:" + "|".join(re.escape(w) for w in reversed(words)) + ")$")


class Context:
    """What the features of one text's candidates share: token edges, candidate agreement,
    what the rules found elsewhere in the same text, and the evidence models' gains by span and
    kind."""

    def __init__(
        self, norm: str, toks: list[Unit], cands: list[Candidate], kinds: KindSpans = ()
    ) -> None:
        self.kind_gains = {
            (name, s, e, kind): g for name, kind, spans in kinds for s, e, g in spans
        }
        self._kind_spans = {(name, kind): spans for name, kind, spans in kinds if spans}
        self._best: dict[tuple[str, EntityKind], list[float]] = {}
        self._size = len(norm)
        self.token_ending = {u.end: u for u in toks}
        self.token_starting = {u.start: u for u in toks}
        self.agree: dict[tuple[int, int, str], int] = {}
        span_kinds: dict[tuple[int, int], set[str]] = {}
        for c in cands:
            if c.rank == RANK_PROPOSAL and c.source == "alt":
                continue
            key = (c.start, c.end, c.kind)
            self.agree[key] = self.agree.get(key, 0) + 1
            span_kinds.setdefault((c.start, c.end), set()).add(c.kind)
        self.span_kinds = {span: "+".join(sorted(ks)) for span, ks in span_kinds.items()}
        # What the rules' ranks alone would keep: the model learns where to overrule them.
        ruled = [c for c in cands if c.rank > RANK_PROPOSAL]
        self.kept = {(c.start, c.end, c.kind) for c in settle(ruled)}
        self._elsewhere(norm, ruled)
        # The rules' distinct spans by start, with the furthest end reached so far: whether a
        # span lies inside or around another is then a bisection, not a scan of every span.
        spans = sorted({(c.start, c.end) for c in ruled})
        self._starts = [st for st, _ in spans]
        self._ends = [en for _, en in spans]
        self._reach = list(itertools.accumulate(self._ends, max))

    def best_gain(self, name: str, kind: EntityKind, start: int, end: int) -> float | None:
        """The highest gain of any span the evidence model `name` reads as `kind` over the
        characters start..end, or None where it reads none there."""
        key = (name, kind)
        best = self._best.get(key)
        if best is None:
            spans = self._kind_spans.get(key)
            if spans is None:
                return None
            best = self._best[key] = _best_by_char(self._size, spans)
        top = max(best[start:end])
        return None if top == -math.inf else top

    def _elsewhere(self, norm: str, ruled: list[Candidate]) -> None:
        """A name is written several times in one article, most clearly once: "荣昌区" in one
        sentence makes "荣昌" in another a place, "张汉晖" makes a later "张" the same person,
        and a name the rules read once makes its repetitions likelier names. A full name
        written once makes its last part a mention where it stands alone ("Nikolay Davydenko",
        then "Davydenko"; "萨姆·奥尔特曼", then "奥尔特曼")."""
        self.ruled_at: dict[str, dict[EntityKind, set[int]]] = {}
        self.longer: dict[str, dict[EntityKind, set[int]]] = {}
        self.tails: dict[str, dict[EntityKind, set[int]]] = {}
        for c in ruled:
            text = norm[c.start : c.end]
            self.ruled_at.setdefault(text, {}).setdefault(c.kind, set()).add(c.start)
            for n in range(1, min(len(text), MAX_PREFIX_CHARS + 1)):
                self.longer.setdefault(text[:n], {}).setdefault(c.kind, set()).add(c.start)
            for m in _TAIL_BREAK.finditer(text):
                if m.end() < len(text):  # where the tail itself stands, to tell it from others
                    at = self.tails.setdefault(text[m.end() :], {}).setdefault(c.kind, set())
                    at.add(c.start + m.end())
        self.norm = norm
        self._counts: dict[str, int] = {}

    def elsewhere(self, text: str, start: int, kind: EntityKind) -> tuple[str, str, str]:
        """Whether the rules read the same words as this kind at another place, whether they
        read a longer name of this kind that starts with these words, and how often the words
        occur in the text."""
        at = self.ruled_at.get(text, _NONE)
        other = len(at) > (kind in at)  # a kind besides this one
        count = self._counts.get(text)
        if count is None:  # many candidates share their words: count each once
            count = self._counts[text] = self.norm.count(text) if len(text) > 1 else 3
        return (
            f"{_besides(at, kind, start)}{int(other)}",
            str(_besides(self.longer.get(text, _NONE), kind, start)),
            str(min(count, 3)),
        )

    def tail(self, text: str, start: int, kind: EntityKind) -> bool:
        """Whether the rules read a longer name of this kind elsewhere that ends in these words
        after a space or a name dot."""
        return _besides(self.tails.get(text, _NONE), kind, start) == 1

    def inside(self, start: int, end: int) -> str:
        """'10' when a rule's longer span covers this one, '01' when it covers a rule's shorter
        span, '11' both, '00' neither."""
        starts, ends = self._starts, self._ends
        lo = bisect.bisect_left(starts, start)
        hi = bisect.bisect_left(starts, end)
        # Covered: a span starting before and reaching the end, or starting here and longer
        # (the spans starting here end in rising order: the last of them reaches furthest).
        here = bisect.bisect_right(starts, start, lo, hi) - 1
        covered = (lo > 0 and self._reach[lo - 1] >= end) or (here >= lo and ends[here] > end)
        covers = False
        for k in range(lo, hi):
            if ends[k] < end or (ends[k] == end and starts[k] != start):
                covers = True
                break
        return f"{int(covered)}{int(covers)}"


# An empty map of places by kind, for words the rules never read.
_NONE: dict[EntityKind, set[int]] = {}


def _besides(at: dict[EntityKind, set[int]], kind: EntityKind, start: int) -> int:
    """1 when `at` holds a place for `kind` other than `start`, else 0: counted in C, where a
    generator over the places costs a Python frame per candidate."""
    places = at.get(kind)
    return int(places is not None and len(places) > (start in places))


def _best_by_char(size: int, spans: list[Near]) -> list[float]:
    """For each character, the highest gain of the spans over it (-inf where none is).

    Spans are written lowest gain first, so each character keeps the last, highest, written
    over it: slice assignment in C, where numpy's scatter-max costs more than it saves on the
    ten-odd spans a text usually has."""
    best = [-math.inf] * size
    for s, e, g in sorted(spans, key=_gain):
        best[s:e] = [g] * (e - s)
    return best


def _gain(span: Near) -> float:
    return span[2]


def choose(
    norm: str,
    toks: list[Unit],
    cands: list[Candidate],
    model: RerankModel,
    kinds: KindSpans = (),
) -> list[Candidate]:
    """The best-scored non-overlapping candidates the model believes in; `kinds` is what the
    evidence models read in the text (zh_model.kind_readings)."""
    if not cands:
        return []
    ctx = Context(norm, toks, cands, kinds)
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
