"""Decoding bytes to text (minimal version: UTF-8, then GB18030)."""

from __future__ import annotations

from dataclasses import dataclass

from storyline.errors import DecodeError


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str
    encoding: str


def decode(raw: bytes, declared: str | None = None, *, markup: bool = False) -> Decoded:
    del markup
    for enc in (declared, "utf-8-sig", "gb18030"):
        if enc is None:
            continue
        try:
            return Decoded(raw.decode(enc), enc)
        except (UnicodeDecodeError, LookupError):
            continue
    raise DecodeError("undecodable", "the bytes are neither UTF-8 nor GB18030")
