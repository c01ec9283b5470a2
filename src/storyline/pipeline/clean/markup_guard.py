"""A guard against hostile markup that would stall the parsers (libxml2, feedparser's SAX).

Both check each attribute of a start tag against all the tag's earlier ones: a tag with 300,000
attributes takes minutes to parse, 20,000 a third of a second. A tag whose attributes run past
LONG_TAG_BYTES is counted, and past MAX_ATTRIBUTES keeps its name only. A page's own tags hold a
few dozen attributes; a long `data:` URI is one attribute, and stays.
"""

from __future__ import annotations

import re

LONG_TAG_BYTES = 16384
MAX_ATTRIBUTES = 1000
# Linear: at each `<name` the run of attribute bytes stops at the next < or >.
_LONG_TAG = re.compile(rb"<([A-Za-z][\w:.-]*)(\s[^<>]{%d,})>" % LONG_TAG_BYTES)


def _bare(match: re.Match[bytes]) -> bytes:
    if match.group(2).count(b"=") <= MAX_ATTRIBUTES:
        return match.group(0)
    return b"<" + match.group(1) + b">"


def tame_long_tags(data: bytes) -> bytes:
    """`data` with each start tag of more than MAX_ATTRIBUTES attributes cut to its name."""
    if len(data) <= LONG_TAG_BYTES:
        return data
    return _LONG_TAG.sub(_bare, data)
