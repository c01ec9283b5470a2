"""Sentences and paragraphs of an article's text, as spans of that text."""

from __future__ import annotations

import re
from dataclasses import dataclass

from storyline.pipeline.clean.datafile import load_words

# A sentence runs to a full stop, question or exclamation mark, or semicolon (Chinese or
# English), and keeps the closing quotes and brackets that follow its mark.
_SENTENCE = re.compile(r"[^。！？!?；;\n]+(?:[。！？!?；;]+[”’」』\"')）]*)?")
_ENGLISH_STOP = re.compile(r"(?<=[a-z0-9)\"'])\.\s+(?=[A-Z\"'])")
_WORD_BEFORE = re.compile(r"([A-Za-z]+)$")


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int
    paragraph: int  # index of the line (paragraph) the sentence sits on


def split_sentences(text: str) -> list[Sentence]:
    """Every non-blank sentence of `text`, in order, trimmed of surrounding spaces."""
    out: list[Sentence] = []
    offset = 0
    for index, line in enumerate(text.split("\n")):
        for start, end in _line_sentences(line):
            out.append(Sentence(offset + start, offset + end, index))
        offset += len(line) + 1
    return out


def _line_sentences(line: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    for match in _SENTENCE.finditer(line):
        for lo, hi in _english_pieces(line, match.start(), match.end()):
            while lo < hi and line[lo].isspace():
                lo += 1
            while hi > lo and line[hi - 1].isspace():
                hi -= 1
            if hi > lo:
                spans.append((lo, hi))
    return spans


def _english_pieces(line: str, lo: int, hi: int) -> list[tuple[int, int]]:
    """English full stops followed by a capital end a sentence too (not 3.5 or U.S. names)."""
    pieces, start = [], lo
    for stop in _ENGLISH_STOP.finditer(line, lo, hi):
        word = _WORD_BEFORE.search(line, start, stop.start())
        if word is not None and word.group(1) in load_words("abbreviations.txt"):
            continue  # "Mr. Smith": the stop belongs to the abbreviation
        pieces.append((start, stop.start() + 1))
        start = stop.end()
    pieces.append((start, hi))
    return pieces
