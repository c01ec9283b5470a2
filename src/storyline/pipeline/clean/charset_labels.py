"""Charset labels: normalise what a header, a <meta> tag or a setting says to a Python codec."""

from __future__ import annotations

import codecs
import re
from functools import lru_cache

from storyline.pipeline.clean.datafile import load_toml

# The HTML standard prescans 1,024 bytes for <meta charset>; the pages of the extraction-dev
# corpus declare it by byte 864 at the latest. 4 KB leaves room for long comments and scripts in
# <head> at the cost of one regex over 4 KB.
MARKUP_SCAN_BYTES = 4096

_LABEL = rb"""["']?\s*([A-Za-z0-9_.:-]+)"""
_META = re.compile(rb"<meta[^>]*?charset\s*=\s*" + _LABEL, re.IGNORECASE)
_XML = re.compile(rb"<\?xml[^>]*?encoding\s*=\s*" + _LABEL, re.IGNORECASE)
# A declaration of UTF-16/32 found by reading the bytes as ASCII cannot be true; the HTML
# standard reads such a page as UTF-8, which `decode` tries next anyway.
_WIDE = ("utf-16", "utf_16", "utf-32", "utf_32")


@lru_cache(maxsize=1)
def _table() -> tuple[dict[str, str], frozenset[str]]:
    data = load_toml("encoding_labels.toml")
    return dict(data["labels"]), frozenset(data["ignored"]["labels"])


def codec_for(label: str | None) -> str | None:
    """The codec a label names (gbk → gb18030, big5 → big5hkscs), or None when unknown/ignored."""
    if not label:
        return None
    # A whole Content-Type value ("text/html; charset=GBK") names its charset after `charset=`.
    _, _, named = label.lower().rpartition("charset=")
    key = named.split(";")[0].strip().strip("\"'")
    labels, ignored = _table()
    if key in ignored:
        return None
    if key in labels:
        return labels[key]
    try:
        info = codecs.lookup(key)
    except LookupError:
        return None
    # Python also registers bytes-to-bytes codecs (base64, zlib, rot13); they mark themselves so.
    if not getattr(info, "_is_text_encoding", True) or info.name in ignored:
        return None
    return labels.get(info.name, info.name)


def markup_label(raw: bytes) -> str | None:
    """The first charset a <meta> tag or XML declaration names in the head of `raw`."""
    head = raw[:MARKUP_SCAN_BYTES]
    found = [m for m in (_META.search(head), _XML.search(head)) if m is not None]
    if not found:
        return None
    label = min(found, key=lambda m: m.start()).group(1).decode("ascii").lower()
    return None if label.startswith(_WIDE) else label


def display_name(codec: str) -> str:
    """How error messages name a codec."""
    names = {"gb18030": "GB18030", "big5hkscs": "Big5-HKSCS", "utf-8": "UTF-8"}
    return names.get(codec, codec.upper())
