"""Decode a document's bytes to text, or say plainly why they cannot be read.

The order of evidence follows the HTML standard, with one difference: a label is a claim, not a
fact. A byte order mark decides outright. Otherwise the declared charset (HTTP header, source
setting), then the one the markup names, is used when it reads the bytes cleanly; if it produces
invalid sequences or garbled text it loses to UTF-8, then to the best of GB18030 and Big5-HKSCS,
then to charset-normalizer's guess. A single-byte label (the ISO-8859-1 default many servers send)
also loses to any multi-byte reading that forms characters without a single error, since Chinese
bytes read as Latin-1 always "succeed". Nothing is returned that failed the bounds below: garbled
text is an error (`DecodeError`, reason `undecodable`), never a silent result.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass, field
from functools import lru_cache

from charset_normalizer import from_bytes

from storyline.errors import DecodeError
from storyline.pipeline.clean.charset_labels import codec_for, display_name, markup_label
from storyline.pipeline.clean.datafile import load_toml
from storyline.pipeline.clean.plausibility import Plausibility, common_share, measure

# At most one damaged character per 1,000, so a page of some length may carry a corrupted byte
# or a last character cut off by a size limit; a wrong codec damages hundreds per 1,000, and
# random bytes read as GB18030 about 12%.
MAX_REPLACED_SHARE = 0.001
# Bytes decoded first to see whether a failing codec is hopeless: a wrong codec shows hundreds of
# errors in 16 KB (a quarter of a typical page in extraction-dev), which ends the trial early.
EARLY_CHECK_BYTES = 16384
# U+FFFD already in a strictly valid text was lost upstream, not by this decoding: the
# extraction-dev bodies carry up to 0.39% of them. Beyond 2% too much of the text is gone.
MAX_INHERITED_REPLACED_SHARE = 0.02
# Control characters (other than whitespace): 0 in the cctv corpus, at most 0.006% of the
# extraction-dev pages; random bytes read as cp1252 give ~11%. 1% tolerates stray bytes only.
MAX_CONTROL_SHARE = 0.01
# Rare ideographs (outside GB 2312 / Big5 level 1) per non-ASCII character: at most 2.9% over 3,000
# cctv stories and 2.3% over the 210 extraction-dev bodies; reading those bodies with the wrong
# Chinese codec gives at least 28% (GBK as Big5) and usually 50–85%. 10% sits well between.
MAX_RARE_SHARE = 0.10
# A short text may hold one rare character (a name) without being judged garbled, unless that
# character is all it holds.
RARE_ALLOWANCE = 1
# Statistical detection (charset-normalizer) on a few bytes is a coin toss: on 40 bytes of English
# it ranked mac-latin2 first, and 3 bytes of cut-off GBK read as Latin-1 "ÖÐÎ". Below 24 bytes (a
# dozen CJK characters, a few words of English) only a label, UTF-8 or a Chinese codec may decide.
MIN_DETECTION_BYTES = 24
# UTF-16 without a BOM and without zero bytes can only be text with no ASCII at all, i.e. CJK
# text; accept it only when it reads as common ideographs and punctuation: at least 97.7% of the
# non-ASCII characters of every extraction-dev body, at most 16.7% when GB18030, Big5 or UTF-8
# bytes of those bodies are read as UTF-16.
MIN_UNMARKED_UTF16_COMMON_SHARE = 0.8

_UNMEASURED = Plausibility(chars=0, foreign=0, replaced=0, controls=0, rare=0)
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str
    encoding: str  # the codec actually used: utf-8, utf-8-sig, utf-16, gb18030, big5hkscs, …


@dataclass(frozen=True, slots=True)
class _Trial:
    """One codec tried on the bytes, with what went wrong (empty `problem` means acceptable)."""

    codec: str
    origin: str  # how the codec came up, in words for an error message
    text: str
    counts: Plausibility
    damaged: int  # characters this decoding could not map (replaced, or cut off at the end)
    problem: str
    multibyte: bool  # formed multi-byte characters without a single error

    @property
    def ok(self) -> bool:
        return not self.problem


@dataclass(slots=True)
class _Trials:
    """Trials on one input, each codec tried once, and notes for the error message."""

    raw: bytes
    done: dict[str, _Trial] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    def get(self, codec: str, origin: str) -> _Trial:
        if codec not in self.done:
            self.done[codec] = _try(self.raw, codec, origin)
        return self.done[codec]

    def summary(self) -> str:
        failed = [f"{t.origin} ({display_name(t.codec)}): {t.problem}" for t in self.done.values()]
        tried = "; ".join([*self.notes, *failed]) or "nothing applied"
        return f"No character set reads these bytes as clean text. Tried {tried}."


def decode(raw: bytes, declared: str | None = None, *, markup: bool = False) -> Decoded:
    """Decode `raw`; `declared` is a charset named outside the bytes, `markup` for HTML/XML."""
    if not raw:
        return Decoded("", "utf-8")
    found = _by_bom(raw) or _by_zero_bytes(raw)
    if found is not None:
        return found
    trials = _Trials(raw)
    chosen = _from_labels(trials, declared, markup) or _sniff(trials)
    if chosen is None:
        raise DecodeError("undecodable", trials.summary())
    return Decoded(chosen.text, chosen.codec)


def _by_bom(raw: bytes) -> Decoded | None:
    problems = []
    for bom, codec in _BOMS:
        if raw.startswith(bom):
            trial = _try(raw, codec, "byte order mark")
            if trial.ok:
                return Decoded(trial.text, codec)
            problems.append(f"{display_name(codec)}: {trial.problem}")
    if problems:
        raise DecodeError(
            "undecodable", "The bytes start with a byte order mark but " + "; ".join(problems)
        )
    return None


def _by_zero_bytes(raw: bytes) -> Decoded | None:
    """UTF-16/32 without a BOM, told by zero bytes; binary data is refused."""
    zeros = raw.count(0)
    if not zeros:
        return None
    for codec in _wide_codecs(raw):
        trial = _try(raw, codec, "zero-byte pattern")
        if trial.ok:
            return Decoded(trial.text, codec)
    if zeros > MAX_CONTROL_SHARE * len(raw):
        share = zeros / len(raw)
        raise DecodeError(
            "undecodable",
            f"This looks like binary data, not text: {share:.0%} of the bytes are zero, "
            "and they read neither as UTF-16 nor as UTF-32.",
        )
    return None


def _wide_codecs(raw: bytes) -> list[str]:
    """UTF-32 when every character has two zero bytes; else UTF-16, likelier byte order first
    (ASCII characters put their zero byte at odd offsets in little-endian order)."""
    quarter = len(raw) // 4
    if len(raw) % 4 == 0 and quarter:
        if raw[3::4].count(0) == quarter and raw[2::4].count(0) == quarter:
            return ["utf-32-le"]
        if raw[0::4].count(0) == quarter and raw[1::4].count(0) == quarter:
            return ["utf-32-be"]
    even, odd = raw[0::2].count(0), raw[1::2].count(0)
    return ["utf-16-le", "utf-16-be"] if odd >= even else ["utf-16-be", "utf-16-le"]


def _from_labels(trials: _Trials, declared: str | None, markup: bool) -> _Trial | None:
    labels = [("the declared charset", declared)]
    if markup:
        labels.append(("the charset the markup names", markup_label(trials.raw)))
    for origin, label in labels:
        if not label:
            continue
        codec = codec_for(label)
        if codec is None:
            trials.notes.append(f"{origin} {label!r}, which names no usable character set")
            continue
        trial = trials.get(codec, f"{origin} {label!r}")
        if trial.ok:
            return trial if trial.multibyte else _multibyte_alternative(trials) or trial
    return None


def _multibyte_alternative(trials: _Trials) -> _Trial | None:
    """A reading that forms multi-byte characters cleanly beats a single-byte label."""
    for codec in ("utf-8", *_sniff_codecs()):
        trial = trials.get(codec, display_name(codec))
        if trial.ok and trial.multibyte:
            return trial
    return None


def _sniff(trials: _Trials) -> _Trial | None:
    utf8 = trials.get("utf-8", "UTF-8")
    if utf8.ok and not utf8.damaged:
        return utf8  # no other reading can rank above clean UTF-8 (see _rank)
    candidates = [utf8, *(trials.get(codec, display_name(codec)) for codec in _sniff_codecs())]
    good = [t for t in candidates if t.ok]
    if len(good) == 1:
        return good[0]
    if good:
        return min(good, key=_rank)
    return _detected(trials) or _unmarked_utf16(trials)


def _rank(trial: _Trial) -> tuple[int, bool, float, float]:
    """Fewest damaged characters first; strictly valid UTF-8 is itself strong evidence; then the
    most plausible Chinese reading (fewest rare, then most common characters, which decides short
    texts where both Chinese codecs read only valid characters); ties go to the earlier codec."""
    counts = trial.counts
    return (trial.damaged, trial.codec != "utf-8", counts.rare_share, -common_share(trial.text))


def _detected(trials: _Trials) -> _Trial | None:
    if len(trials.raw) < MIN_DETECTION_BYTES:
        trials.notes.append("automatic detection, which needs more than a few bytes")
        return None
    codec = codec_for(_detector_guess(trials.raw))
    if codec is None:
        trials.notes.append("automatic detection (charset-normalizer), which found no match")
        return None
    trial = trials.get(codec, "automatic detection")
    return trial if trial.ok else None


def _detector_guess(raw: bytes) -> str | None:
    """charset-normalizer's best guess; among equally clean guesses, the preferred Latin codec.

    On short Latin text it ranks cp1250, mac-latin2 … level with cp1252; the HTML standard's
    default for Western pages (windows-1252) is the likelier one for English news."""
    matches = from_bytes(raw)
    best = matches.best()
    if best is None:
        return None
    preferred = load_toml("encoding_labels.toml")["sniff"]["preferred_latin"]
    for match in matches:
        if match.chaos <= best.chaos and preferred in match.could_be_from_charset:
            return str(preferred)
    return str(best.encoding)


def _unmarked_utf16(trials: _Trials) -> _Trial | None:
    if len(trials.raw) % 2:
        return None
    for codec in ("utf-16-le", "utf-16-be"):
        trial = trials.get(codec, display_name(codec) + " without a byte order mark")
        if trial.ok and common_share(trial.text) >= MIN_UNMARKED_UTF16_COMMON_SHARE:
            return trial
    return None


def _try(raw: bytes, codec: str, origin: str) -> _Trial:
    try:
        return _try_codec(raw, codec, origin)
    except UnicodeError as exc:  # a codec that refuses the input as a whole
        return _Trial(codec, origin, "", _UNMEASURED, len(raw), str(exc), False)


def _try_codec(raw: bytes, codec: str, origin: str) -> _Trial:
    strict = _strict(raw, codec)
    if strict is None:
        early = _hopeless(raw, codec)
        if early:
            return _Trial(
                codec, origin, "", _UNMEASURED, early, f"{early}+ byte sequences are invalid", False
            )
        text = raw.decode(codec, errors="replace")
        damaged, inherited = text.count("\ufffd"), 0
    else:
        text, damaged = strict
        inherited = text.count("\ufffd")
    problem = _damage(len(text) + damaged, damaged, inherited)
    # Text judged broken by its damage alone is not measured further (most failed trials).
    counts = measure(text, rare=not codec.startswith("utf-8")) if not problem else _UNMEASURED
    problem = problem or _implausibility(counts, codec)
    multibyte = damaged == 0 and len(text) < len(raw) and counts.foreign > 0
    return _Trial(codec, origin, text, counts, damaged, problem, multibyte)


def _hopeless(raw: bytes, codec: str) -> int:
    """Errors in the first bytes already past the bound for the whole text (which has at most
    one character per byte): the damage found, else 0. Spares decoding a page with a wrong codec."""
    if len(raw) <= EARLY_CHECK_BYTES:
        return 0
    damaged = raw[:EARLY_CHECK_BYTES].decode(codec, errors="replace").count("\ufffd")
    return damaged if damaged > MAX_REPLACED_SHARE * len(raw) else 0


def _strict(raw: bytes, codec: str) -> tuple[str, int] | None:
    """Strict decoding. A character cut off at the very end (a size-capped download) is dropped
    from the text and counted as one damaged character, so only a long text may carry it."""
    decoder = codecs.getincrementaldecoder(codec)(errors="strict")
    try:
        text = decoder.decode(raw, final=False)
    except UnicodeDecodeError:
        return None
    pending = decoder.getstate()[0]
    return text, 1 if pending else 0


def _damage(chars: int, damaged: int, inherited: int) -> str:
    if damaged > MAX_REPLACED_SHARE * chars:
        return f"{damaged} byte sequences are invalid"
    if inherited > MAX_INHERITED_REPLACED_SHARE * chars:
        return (
            f"{inherited / chars:.0%} of the characters are U+FFFD, text lost before it came here"
        )
    return ""


def _implausibility(counts: Plausibility, codec: str) -> str:
    if counts.controls > MAX_CONTROL_SHARE * counts.chars:
        return f"{counts.controls / counts.chars:.0%} of the characters are control codes"
    # Valid UTF-8 is evidence enough; private-use icons and rare names are common in it.
    if codec.startswith("utf-8"):
        return ""
    too_many = counts.rare > RARE_ALLOWANCE or counts.rare == counts.foreign
    if too_many and counts.rare > MAX_RARE_SHARE * counts.foreign:
        return f"{counts.rare_share:.0%} of the characters are rare or unassigned (garbled text)"
    return ""


@lru_cache(maxsize=1)
def _sniff_codecs() -> tuple[str, ...]:
    return tuple(load_toml("encoding_labels.toml")["sniff"]["codecs"])
