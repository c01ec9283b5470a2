"""A character-level sequence model that marks Chinese personal names (and, with other
weights, places or organisations).

The rules find names that a title, a verb of speech or a listed alias points at; a name that
stands alone ("刘冬的微博粉丝…") has no such cue. This linear-chain CRF reads the characters
around each position instead, so it knows what a name looks like from many thousand examples.
It is trained by bench/ner_train.py on the MSRA named-entity corpus (People's Daily text) and
shipped as weights only (data/person_crf.npz): reading needs no CRF library. Label scores come
from numpy look-ups of character n-grams. Instead of Viterbi, which is a loop over characters,
every span of 2-10 characters is scored at once against the all-O reading of the same text:
the CRF's score of "a name here, O around it" minus its score of "O here". Only where some span
gains is the text decoded exactly, over that short region. bench/ner_train.py counts how often
this reading and Viterbi over the whole text disagree.

The feature templates here and in bench/ner_train.py must stay the same: a model is only valid
with the templates it was trained with, and the file records their names to check.

The same model, trained on the corpus's place or organisation tags instead (data/place_crf.npz,
data/org_crf.npz), or on the project's own labelled news sentences for each kind
(data/news_*_crf.npz), reads longer spans: `kind_model`. Its readings are evidence for the
entity reranker, which weighs them beside everything else (zh_model.kind_readings).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from typing import NamedTuple

import numpy as np
import numpy.typing as npt

from storyline.pipeline.facts.key_table import KeyTable
from storyline.records import EntityKind

# Template name -> offsets of the characters it joins, relative to the position tagged.
CHAR_TEMPLATES: dict[str, tuple[int, ...]] = {
    "c": (0,),
    "p": (-1,),
    "n": (1,),
    "pp": (-2,),
    "nn": (2,),
    "pc": (-1, 0),
    "cn": (0, 1),
    "ppp": (-2, -1),
    "nnn": (1, 2),
    "pn": (-1, 1),
}
# Character classes of the previous, this and the next character.
TYPE_TEMPLATE = "t"
TEMPLATES = (*CHAR_TEMPLATES, TYPE_TEMPLATE)

# Stand-ins for "before the sentence" and "after it": above every Unicode code point.
BOS, EOS = 0x110000, 0x110001
CODE_BITS = 21
# Characters that end a sentence; the corpus the model learnt from has one sentence a line.
SENTENCE_ENDS = "。！？!?\n"
# Character classes: digit, Latin letter, Han character, anything else.
DIGIT, LATIN, HAN, OTHER = 0, 1, 2, 3

LABELS = ("O", "B", "M", "E", "S")
_O, _B, _M, _E, _S = range(5)
# Name lengths read: a Chinese name has 2-4 characters, a transliterated one with its middle
# dot up to about 10 ("德米特里·梅德韦杰夫"). One character alone is left to the rules.
MIN_SPAN, MAX_SPAN = 2, 10
# Without a middle dot in the text, a name longer than this is not worth reading for; a
# transliterated name without one is still often 5 or 6 characters long ("普里马科夫").
MAX_PLAIN_SPAN = 6
# Places and organisations run longer, with or without a dot ("中国物流与采购联合会" is 10).
MAX_KIND_SPAN = 12

FloatArray = npt.NDArray[np.float32]
IntArray = npt.NDArray[np.int64]
Span = tuple[int, int]
Near = tuple[int, int, float]  # a span and its gain over O
# What the evidence models (EVIDENCE_FILES) read in one text: near spans by model name and kind.
KindSpans = tuple[tuple[str, EntityKind, list[Near]], ...]


class Reading(NamedTuple):
    """What the model reads in one text: its names, and the spans near to being one; and, when
    read by zh_model, what the evidence models read near to a name, by model and kind."""

    names: list[Span]
    near: list[Near]
    kinds: KindSpans = ()


ClassArray = npt.NDArray[np.uint8]


def type_key(a: ClassArray, b: ClassArray, c: ClassArray) -> IntArray:
    """One key for the classes of three characters (each class is below 4)."""
    key: IntArray = a.astype(np.int64) * 16 + b.astype(np.int64) * 4 + c
    return key


def template_queries(around: dict[int, IntArray]) -> dict[str, IntArray]:
    """Each template's feature key at every position."""
    out = {}
    for name, offsets in CHAR_TEMPLATES.items():
        query = around[offsets[0]]
        for off in offsets[1:]:
            query = (query << CODE_BITS) | around[off]
        out[name] = query
    kinds = {off: _CLASS_OF[around[off]] for off in (-1, 0, 1)}
    out[TYPE_TEMPLATE] = type_key(kinds[-1], kinds[0], kinds[1])
    return out


def _class_table() -> ClassArray:
    table = np.full(EOS + 1, OTHER, dtype=np.uint8)
    table[ord("0") : ord("9") + 1] = DIGIT
    table[ord("A") : ord("Z") + 1] = LATIN
    table[ord("a") : ord("z") + 1] = LATIN
    table[0x4E00:0xA000] = HAN
    return table


# Class of every code point (and of BOS and EOS), looked up in one step for a whole text.
_CLASS_OF = _class_table()
# Templates of one character are read from dense tables; the others share one key table,
# a template's number above its keys' 43 bits.
_UNIGRAMS = tuple(t for t, offs in CHAR_TEMPLATES.items() if len(offs) == 1)
_KEYED = tuple(t for t in TEMPLATES if t not in _UNIGRAMS)
_TEMPLATE_SHIFT = 2 * CODE_BITS + 1


@dataclass(frozen=True, slots=True)
class PersonModel:
    """Weights by template, laid out for look-ups of a whole text at once."""

    char_ids: npt.NDArray[np.int32]  # code point -> row in the one-character tables
    char_weights: dict[str, FloatArray]  # [row, label]; the last row is zero (unknown)
    keys: KeyTable  # keys of the other templates
    key_weights: FloatArray  # [feature, label]; the last row is zero (unknown)
    transitions: FloatArray  # [previous label, label]
    # The longest span read, with a middle dot in the text and without one.
    longest_dotted: int = MAX_SPAN
    longest_plain: int = MAX_PLAIN_SPAN

    @classmethod
    def load(cls, path: str | None = None, longest: int | None = None) -> PersonModel:
        """The model in `path` (the shipped personal-name model by default); `longest` sets
        one longest span for texts with and without a middle dot."""
        source = path or str(resources.files("storyline.data") / "person_crf.npz")
        with np.load(source, allow_pickle=False) as data:
            templates = tuple(str(t) for t in data["templates"])
            labels = tuple(str(t) for t in data["labels"])
            if templates != TEMPLATES or labels != LABELS:
                raise ValueError(f"{source}: model built for other templates or labels")
            tables = {t: (data[f"keys_{t}"], data[f"weights_{t}"]) for t in TEMPLATES}
            transitions = data["transitions"].astype(np.float32)
        chars = np.unique(np.concatenate([tables[t][0] for t in _UNIGRAMS]))
        char_ids = np.full(EOS + 1, len(chars), dtype=np.int32)
        char_ids[chars] = np.arange(len(chars), dtype=np.int32)
        char_weights = {}
        for t in _UNIGRAMS:
            table = np.zeros((len(chars) + 1, len(LABELS)), dtype=np.float32)
            table[char_ids[tables[t][0]]] = tables[t][1]
            char_weights[t] = table
        keys = np.concatenate(
            [tables[t][0].astype(np.int64) | (k << _TEMPLATE_SHIFT) for k, t in enumerate(_KEYED)]
        )
        weights = np.concatenate([tables[t][1] for t in _KEYED]).astype(np.float32)
        key_weights = np.vstack([weights, np.zeros((1, len(LABELS)), np.float32)])
        reach = (longest, longest) if longest is not None else (MAX_SPAN, MAX_PLAIN_SPAN)
        return cls(char_ids, char_weights, KeyTable.build(keys), key_weights, transitions, *reach)

    def emissions(self, text: str, starts: IntArray | None = None) -> FloatArray:
        """Score of each label at each character: the sum of its features' weights.

        `starts` marks where further texts begin in a joined batch: no feature reaches
        across one, so each text scores as it would alone."""
        around = neighbours(code_points(text), starts)
        width = self.key_weights.shape[1]  # len(LABELS), or more for a ModelBank's joint table
        scores = np.zeros((len(text), width), dtype=np.float32)
        for t in _UNIGRAMS:
            scores += self.char_weights[t][self.char_ids[around[CHAR_TEMPLATES[t][0]]]]
        queries = template_queries(around)
        query = np.concatenate([queries[t] | (k << _TEMPLATE_SHIFT) for k, t in enumerate(_KEYED)])
        at = self.keys.find(query)  # a key no feature has reads the zero row
        # One template's rows at a time: a bank's wide rows, gathered for every template at
        # once, would take tens of megabytes for one group of texts.
        n = len(text)
        for k in range(len(_KEYED)):
            scores += self.key_weights[at[k * n : (k + 1) * n]]
        return scores

    def names(self, text: str) -> list[Span]:
        """Spans read as personal names, of MIN_SPAN characters or more.

        Every span that gains over O marks a region; regions that overlap or touch are joined,
        and each is decoded exactly (Viterbi, O on both sides), so names listed back to back
        ("李鹏乔石") split where the model says they do."""
        return self.names_of_many([text])[0]

    def names_of_many(self, texts: list[str]) -> list[list[Span]]:
        """`names` of each text, read a group of texts at a time: numpy's cost per call, not
        per character, is most of the cost of a news article's worth of text. A group holds
        up to GROUP_CHARS characters, as reading takes a few hundred bytes per character; a
        longer text is read in pieces cut after sentence ends, which no feature crosses."""
        return [r.names for r in self.readings_of_many(texts)]

    def near_names(self, text: str, margin: float) -> list[Near]:
        """Spans of 2-6 characters whose gain over O is above -margin, with the gain."""
        return self.readings_of_many([text], margin)[0].near

    def readings_of_many(
        self,
        texts: list[str],
        margin: float | None = None,
        decode: bool = True,
        han_only: bool = False,
    ) -> list[Reading]:
        """Each text's names and, with a margin, its near misses: spans whose gain over O is
        above -margin (names among them), read in the same pass as the names. Without
        `decode`, only the near misses are read (the names, decoded exactly, stay empty); with
        `han_only`, only near misses of Han characters alone are kept."""
        out = [Reading([], []) for _ in texts]
        for owners, pieces, offsets in _batches(texts):
            read = self._read_group(pieces, margin, decode, han_only)
            for who, base, got in zip(owners, offsets, read, strict=True):
                if base == 0:  # a text's first piece, or the whole text
                    out[who] = got
                    continue
                out[who].names.extend((base + s, base + e) for s, e in got.names)
                out[who].near.extend((base + s, base + e, g) for s, e, g in got.near)
        return out

    def _read_group(
        self, texts: list[str], margin: float | None, decode: bool, han_only: bool = False
    ) -> list[Reading]:
        out = [Reading([], []) for _ in texts]
        lengths = np.array([len(t) for t in texts], dtype=np.int64)
        if not len(texts) or lengths.max() < MIN_SPAN:
            return out
        ends = np.cumsum(lengths)
        starts = ends - lengths
        joined = "".join(texts)
        scores = self.emissions(joined, starts[1:])
        # Which text each character belongs to, and the longest span each text may hold.
        owner = np.repeat(np.arange(len(texts)), lengths)
        dotted = np.array(["·" in t for t in texts])
        longest = np.where(dotted, self.longest_dotted, self.longest_plain)
        gains = span_gains(scores, self.transitions, int(longest.max()))
        if margin is not None:
            breaks = _other_than_han(joined) if han_only else None
            self._near(gains, margin, owner, longest, starts, out, breaks)
        if not decode:
            return out
        at, last = _fitting(gains > 0, owner, longest)
        order = np.argsort(at, kind="stable")
        lo = hi = who = -1
        for start, stop, text in zip(
            at[order].tolist(), (last[order] + 1).tolist(), owner[at[order]].tolist(), strict=True
        ):
            if start > hi or text != who:  # a gap, or another text: the region is closed
                self._decode_region(scores, lo, hi, int(starts[who]) if who >= 0 else 0, out, who)
                lo, hi, who = start, stop, text
            else:
                hi = max(hi, stop)
        self._decode_region(scores, lo, hi, int(starts[who]) if who >= 0 else 0, out, who)
        return out

    @staticmethod
    def _near(
        gains: npt.NDArray[np.float64],
        margin: float,
        owner: IntArray,
        longest: IntArray,
        starts: IntArray,
        out: list[Reading],
        breaks: IntArray | None = None,
    ) -> None:
        at, last = _fitting(gains > -margin, owner, longest)
        if breaks is not None:  # spans of Han characters alone (see _other_than_han)
            alone = breaks[last + 1] == breaks[at]
            at, last = at[alone], last[alone]
        values = gains[at, last - at + 1 - MIN_SPAN].tolist()
        for s, e, gain, who in zip(
            at.tolist(), (last + 1).tolist(), values, owner[at].tolist(), strict=True
        ):
            base = int(starts[who])
            out[who].near.append((s - base, e - base, gain))

    def _decode_region(
        self, scores: FloatArray, lo: int, hi: int, base: int, out: list[Reading], who: int
    ) -> None:
        if lo < 0:
            return
        labels = viterbi(scores[lo:hi], self.transitions)
        out[who].names.extend(
            (lo - base + s, lo - base + e) for s, e in spans(labels) if e - s >= MIN_SPAN
        )


def _other_than_han(text: str) -> IntArray:
    """How many characters outside U+4E00..U+9FFF come before each offset of `text` (and its
    end): a span holds Han characters alone where the count does not change across it. One
    numpy pass, where a regex per span (hundreds an article) cost a Python step each."""
    codes = code_points(text)
    other = (codes < 0x4E00) | (codes > 0x9FFF)
    out: IntArray = np.concatenate(([0], np.cumsum(other)))
    return out


def _fitting(
    mask: npt.NDArray[np.bool_], owner: IntArray, longest: IntArray
) -> tuple[IntArray, IntArray]:
    """Starts and last characters of the spans `mask` marks ([start, length - MIN_SPAN]) that
    fit their text: within its longest span, not running into the next text."""
    at, rows = np.nonzero(mask)
    last = at + rows + MIN_SPAN - 1
    fits = (last < len(owner)) & (rows + MIN_SPAN <= longest[owner[at]])
    fits[fits] &= owner[last[fits]] == owner[at[fits]]  # no span runs into the next text
    return at[fits], last[fits]


# Characters read in one numpy pass: a few hundred bytes each while reading.
GROUP_CHARS = 32_000
_SENTENCE_END = re.compile("[" + SENTENCE_ENDS + "]")


def _piece_end(text: str, start: int) -> int:
    """Where the piece of a long text that begins at `start` ends: after the last sentence
    end within GROUP_CHARS, or at GROUP_CHARS when a sentence runs on that long."""
    limit = start + GROUP_CHARS
    if limit >= len(text):
        return len(text)
    cut = -1
    for m in _SENTENCE_END.finditer(text, start + GROUP_CHARS // 2, limit):
        cut = m.end()
    return cut if cut > start else limit


def _batches(texts: list[str]) -> Iterator[tuple[list[int], list[str], list[int]]]:
    """The texts in groups of up to GROUP_CHARS characters, each read in one numpy pass (numpy's
    cost per call, not per character, is most of the cost of an article's worth of text): each
    piece's text number, the pieces, and where each starts in its text. A text longer than a
    group is cut into pieces after sentence ends, which no feature crosses."""
    owners: list[int] = []
    pieces: list[str] = []
    offsets: list[int] = []
    size = 0
    for who, text in enumerate(texts):
        start = 0
        while True:
            cut = _piece_end(text, start)
            if pieces and size + cut - start > GROUP_CHARS:
                yield owners, pieces, offsets
                owners, pieces, offsets, size = [], [], [], 0
            owners.append(who)
            pieces.append(text[start:cut])
            offsets.append(start)
            size += cut - start
            start = cut
            if start >= len(text):
                break
    if pieces:
        yield owners, pieces, offsets


@dataclass(frozen=True, slots=True)
class ModelBank:
    """Several models of the same templates read as one. Each character's template keys are
    looked up once, in a table holding every model's weights side by side (model k's labels in
    columns 5k..5k+4); each model's spans are then read from its own columns. The look-ups are
    most of a model's cost, so a bank of six costs far less than six readings."""

    joint: PersonModel
    transitions: tuple[FloatArray, ...]
    longest: int

    @classmethod
    def of(cls, models: Sequence[PersonModel]) -> ModelBank:
        reach = {m.longest_plain for m in models} | {m.longest_dotted for m in models}
        if len(reach) != 1:
            raise ValueError("a bank's models must read spans of one longest length")
        width = len(LABELS) * len(models)
        cols = [slice(k * len(LABELS), (k + 1) * len(LABELS)) for k in range(len(models))]
        # Characters any model weighs (each model's unknown row is its last).
        known = [np.flatnonzero(m.char_ids != m.char_ids.max()) for m in models]
        chars = np.unique(np.concatenate(known))
        char_ids = np.full(EOS + 1, len(chars), dtype=np.int32)
        char_ids[chars] = np.arange(len(chars), dtype=np.int32)
        char_weights = {t: np.zeros((len(chars) + 1, width), np.float32) for t in _UNIGRAMS}
        for m, codes, col in zip(models, known, cols, strict=True):
            for t in _UNIGRAMS:
                char_weights[t][char_ids[codes], col] = m.char_weights[t][m.char_ids[codes]]
        # Keys any model has, each model's weights in its own columns.
        held = [m.keys.slots != -1 for m in models]
        keys = np.unique(
            np.concatenate([m.keys.slots[h] for m, h in zip(models, held, strict=True)])
        )
        key_weights = np.zeros((len(keys) + 1, width), np.float32)
        for m, h, col in zip(models, held, cols, strict=True):
            at = np.searchsorted(keys, m.keys.slots[h])
            key_weights[at, col] = m.key_weights[m.keys.rows[h]]
        longest = reach.pop()
        table = KeyTable.build(keys)
        joint = PersonModel(
            char_ids, char_weights, table, key_weights, models[0].transitions, longest, longest
        )
        return cls(joint, tuple(m.transitions for m in models), longest)

    def near_of_many(
        self, texts: list[str], margin: float, han_only: bool = False
    ) -> list[list[list[Near]]]:
        """For each text, each model's spans whose gain over O is above -margin, with the gain:
        what each model's `readings_of_many(texts, margin, decode=False, han_only)` reads."""
        out: list[list[list[Near]]] = [[[] for _ in self.transitions] for _ in texts]
        for owners, pieces, offsets in _batches(texts):
            lengths = np.array([len(t) for t in pieces], dtype=np.int64)
            if lengths.max() < MIN_SPAN:
                continue
            ends = np.cumsum(lengths)
            starts = ends - lengths
            joined = "".join(pieces)
            scores = self.joint.emissions(joined, starts[1:])
            breaks = _other_than_han(joined) if han_only else None
            owner = np.repeat(np.arange(len(pieces)), lengths)
            longest = np.full(len(pieces), self.longest)
            for k, trans in enumerate(self.transitions):
                gains = span_gains(
                    scores[:, k * len(LABELS) : (k + 1) * len(LABELS)], trans, self.longest
                )
                read = [Reading([], []) for _ in pieces]
                PersonModel._near(gains, margin, owner, longest, starts, read, breaks)
                for who, base, got in zip(owners, offsets, read, strict=True):
                    out[who][k].extend((base + s, base + e, g) for s, e, g in got.near)
        return out


def span_gains(
    scores: FloatArray, trans: FloatArray, longest: int = MAX_SPAN
) -> npt.NDArray[np.float64]:
    """[start, length - MIN_SPAN]: the score gained by reading the span as one name (B M… E)
    where every other character is O; transitions into and out of it count. Spans that run
    past the text gain -inf."""
    n = len(scores)
    cum_o = np.concatenate(([0.0], np.cumsum(scores[:, _O], dtype=np.float64)))
    cum_m = np.concatenate(([0.0], np.cumsum(scores[:, _M], dtype=np.float64)))
    lengths = np.arange(MIN_SPAN, longest + 1)
    # Transitions of a name of each length, and around it, against the O path's.
    inner = np.where(
        lengths == 2,
        trans[_B, _E],
        trans[_B, _M] + (lengths - 3) * trans[_M, _M] + trans[_M, _E],
    )
    fixed = inner + trans[_O, _B] + trans[_E, _O] - (lengths + 1) * trans[_O, _O]
    # One length at a time, over slices: the m spans of length size that fit start at 0..m-1,
    # and their B, last (E) and inner (M) characters are the same slices shifted.
    gain = np.full((n, len(lengths)), -np.inf)
    first, last = scores[:, _B], scores[:, _E]
    for j, size in enumerate(lengths.tolist()):
        m = n - size + 1
        if m <= 0:
            break
        gain[:m, j] = (
            (first[:m] + last[size - 1 : size - 1 + m])
            + (cum_m[size - 1 : size - 1 + m] - cum_m[1 : 1 + m])
            - (cum_o[size : size + m] - cum_o[:m])
            + fixed[j]
        )
    return gain


def viterbi(scores: FloatArray, trans: FloatArray) -> list[int]:
    """The best label sequence, the text taken to start and end beside O: the reference that
    `names` approximates, for measuring it."""
    if not len(scores):
        return []
    best = trans[_O] + scores[0]
    back = []
    for row in scores[1:]:
        cand = best[:, None] + trans
        back.append(cand.argmax(axis=0))
        best = cand.max(axis=0) + row
    path = [int((best + trans[:, _O]).argmax())]
    for ptr in reversed(back):
        path.append(int(ptr[path[-1]]))
    return path[::-1]


def spans(labels: list[int]) -> list[tuple[int, int]]:
    """Name spans of a label sequence (B…E or S)."""
    out, start = [], -1
    for i, lab in enumerate(labels):
        if lab == _S:
            out.append((i, i + 1))
            start = -1
        elif lab == _B:
            start = i
        elif lab == _E and start >= 0:
            out.append((start, i + 1))
            start = -1
        elif lab == _O:
            start = -1
    return out


def code_points(text: str) -> IntArray:
    codes: IntArray = np.frombuffer(text.encode("utf-32-le"), dtype="<u4").astype(np.int64)
    return codes


_ENDS = np.zeros(EOS + 1, dtype=bool)
_ENDS[[ord(c) for c in SENTENCE_ENDS]] = True


def neighbours(codes: IntArray, starts: IntArray | None = None) -> dict[int, IntArray]:
    """For each offset -2..2, the code point there, or BOS/EOS across a sentence's edge (or
    across one of `starts`, where a new text begins)."""
    n = len(codes)
    # A sentence-ending character belongs to the sentence it ends.
    edges = np.zeros(n, dtype=np.int64)
    edges[1:] = _ENDS[codes[:-1]]
    if starts is not None:
        edges[starts[starts < n]] = 1  # an empty text at the end starts nowhere
    sentence = np.cumsum(edges)
    out: dict[int, IntArray] = {0: codes}
    for off in (-2, -1, 1, 2):
        shifted = np.full(n, BOS if off < 0 else EOS, dtype=np.int64)
        if abs(off) < n:
            src, dst = (
                (slice(0, n + off), slice(-off, n))
                if off < 0
                else (slice(off, n), slice(0, n - off))
            )
            same = sentence[src] == sentence[dst]
            shifted[dst] = np.where(same, codes[src], shifted[dst])
        out[off] = shifted
    return out


@lru_cache(maxsize=1)
def person_model() -> PersonModel:
    return PersonModel.load()


# The sequence models whose readings are evidence for the entity reranker, by name and kind:
# "crf" ones learned the MSRA corpus's place and organisation tags (People's Daily text; see
# bench/ner_train.py --kind), "news" ones the project's own labelled news sentences (--news),
# which know today's companies, products and portals. Both read spans of up to MAX_KIND_SPAN.
EVIDENCE_FILES: dict[tuple[str, EntityKind], str] = {
    ("crf", EntityKind.PLACE): "place_crf.npz",
    ("crf", EntityKind.ORG): "org_crf.npz",
    ("news", EntityKind.PERSON): "news_person_crf.npz",
    ("news", EntityKind.PLACE): "news_place_crf.npz",
    ("news", EntityKind.ORG): "news_org_crf.npz",
    ("news", EntityKind.PRODUCT): "news_product_crf.npz",
}
EVIDENCE_NAMES = tuple(dict.fromkeys(name for name, _ in EVIDENCE_FILES))


@cache
def kind_model(name: str, kind: EntityKind) -> PersonModel | None:
    """One of the evidence models (EVIDENCE_FILES), or None where its file is not shipped."""
    return _load_kind(name, kind)


def _load_kind(name: str, kind: EntityKind) -> PersonModel | None:
    path = resources.files("storyline.data").joinpath(EVIDENCE_FILES[(name, kind)])
    return PersonModel.load(str(path), MAX_KIND_SPAN) if path.is_file() else None


@lru_cache(maxsize=1)
def evidence_bank() -> tuple[tuple[tuple[str, EntityKind], ...], ModelBank | None]:
    """The shipped evidence models' keys, and the bank that reads them together (only the
    bank is kept: the models it was built from are not cached)."""
    models = _shipped(_load_kind)
    return tuple(models), ModelBank.of(list(models.values())) if models else None


def evidence_models() -> dict[tuple[str, EntityKind], PersonModel]:
    """The evidence models shipped, by name and kind."""
    return _shipped(kind_model)


def _shipped(
    load: Callable[[str, EntityKind], PersonModel | None],
) -> dict[tuple[str, EntityKind], PersonModel]:
    found = {key: load(*key) for key in EVIDENCE_FILES}
    return {key: model for key, model in found.items() if model is not None}
