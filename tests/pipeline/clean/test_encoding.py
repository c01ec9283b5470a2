"""decode(): byte order marks, declarations, markup, sniffing, and refusing garbage."""

from __future__ import annotations

import json
import random
import re
import struct
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storyline.errors import DecodeError
from storyline.pipeline.clean.encoding import decode

HANS = (
    "记者从市交通局获悉，地铁三号线延长段将于下月底开通试运营。"
    "新线全长十二公里，设车站九座，沿线居民出行时间预计缩短一半。"
)
HANT = (
    "記者從市交通局獲悉，捷運三號線延長段將於下月底開通試營運。"
    "新線全長十二公里，設車站九座，沿線居民通勤時間預計縮短一半。"
)
ENGLISH = "The café on the corner reopened this week after a long renovation, its owner said."
CORPUS = Path(__file__).parents[4] / "shared" / "corpora" / "extraction-dev"


@pytest.mark.parametrize(
    ("text", "codec", "expected"),
    [
        (HANS, "gbk", "gb18030"),
        (HANS, "gb2312", "gb18030"),
        (HANS + "𠀀㐀", "gb18030", "gb18030"),
        (HANT, "big5", "big5hkscs"),
        (HANT + "嘅咗", "big5hkscs", "big5hkscs"),
        (HANS, "utf-8", "utf-8"),
        (HANT, "utf-16-le", "utf-16-le"),
        (HANS, "utf-16-be", "utf-16-be"),
    ],
)
def test_undeclared_bytes_are_sniffed(text: str, codec: str, expected: str) -> None:
    result = decode(text.encode(codec))
    assert (result.text, result.encoding) == (text, expected)


@pytest.mark.parametrize(
    ("codec", "expected"),
    [("utf-8-sig", "utf-8-sig"), ("utf-16", "utf-16"), ("utf-32", "utf-32")],
)
def test_byte_order_mark_decides(codec: str, expected: str) -> None:
    result = decode(HANS.encode(codec), declared="big5")
    assert (result.text, result.encoding) == (HANS, expected)


def test_utf16_label_without_bom_means_little_endian() -> None:
    assert decode(HANT.encode("utf-16-le"), declared="UTF-16").text == HANT


def test_utf16_without_bom_or_ascii_reads_as_chinese() -> None:
    text = re.sub(r"[，。]", "", HANT)  # no ASCII at all, hence no zero bytes
    assert decode(text.encode("utf-16-le")).text == text


def test_meta_charset_is_read_when_markup() -> None:
    page = f"<html><head><meta charset=gbk><title>t</title></head><p>{HANS}</p>".encode("gbk")
    result = decode(page, markup=True)
    assert HANS in result.text
    assert result.encoding == "gb18030"


def test_http_equiv_and_xml_declarations() -> None:
    equiv = '<meta http-equiv="Content-Type" content="text/html; charset=big5">'
    assert HANT in decode((equiv + HANT).encode("big5"), markup=True).text
    xml = f'<?xml version="1.0" encoding="GB2312"?><item>{HANS}</item>'
    assert decode(xml.encode("gbk"), markup=True).encoding == "gb18030"


def test_right_declaration_wins_for_ambiguous_short_text() -> None:
    # Two characters that read as common words under both Chinese codecs: only a label decides.
    raw = "報導".encode("big5")
    assert decode(raw, declared="big5").text == "報導"
    assert decode(raw, declared="gbk").encoding == "gb18030"


@pytest.mark.parametrize(
    ("text", "codec", "declared"),
    [
        (HANT, "big5", "gbk"),
        (HANS, "gbk", "big5"),
        (HANS, "utf-8", "gbk"),
        (HANS, "gbk", "utf-8"),
        (HANS, "gbk", "iso-8859-1"),  # the HTTP default many servers send
        (HANT, "big5", "windows-1252"),
    ],
)
def test_wrong_declaration_loses_to_right_reading(text: str, codec: str, declared: str) -> None:
    assert decode(text.encode(codec), declared=declared).text == text


def test_wrong_meta_loses_to_right_reading() -> None:
    page = f"<meta charset=big5><p>{HANS}</p>".encode("gbk")
    assert HANS in decode(page, markup=True).text


def test_declared_latin_text_stays_latin() -> None:
    assert decode(ENGLISH.encode("cp1252"), declared="iso-8859-1").text == ENGLISH


def test_undeclared_latin_text() -> None:
    assert decode((ENGLISH * 3).encode("cp1252")).text == ENGLISH * 3


def test_whole_content_type_header_as_declaration() -> None:
    raw = "報導".encode("big5")
    assert decode(raw, declared='text/html; charset="Big5"').text == "報導"


def test_unknown_and_unsafe_labels_are_ignored() -> None:
    assert decode(HANS.encode("gbk"), declared="x-no-such-charset").text == HANS
    assert decode(b"+ZeVnLIqe-", declared="utf-7").text == "+ZeVnLIqe-"
    assert decode(HANS.encode("utf-8"), declared="base64").text == HANS
    assert decode(b"caf\\xe9 " * 10, declared="unicode_escape").text == "caf\\xe9 " * 10


def test_empty_and_ascii() -> None:
    assert decode(b"").text == ""
    assert decode(b"plain ascii\n", declared="gbk").text == "plain ascii\n"


def test_cut_off_last_character_of_long_text_is_dropped() -> None:
    raw = (HANS * 20).encode("gbk")
    assert decode(raw[:-1]).text == (HANS * 20)[:-1]


@pytest.mark.parametrize(
    "raw",
    [
        random.Random(7).randbytes(3000),
        random.Random(8).randbytes(40),
        b"".join(ch.encode("utf-8")[:2] for ch in HANS),  # every character cut short
        "中文".encode("gbk")[:-1],
        b"\xd6",
        bytes(200) + b"PK",  # zero-heavy binary
        struct.pack("<200I", *range(200)),  # binary integers
    ],
)
def test_garbage_is_refused(raw: bytes) -> None:
    with pytest.raises(DecodeError) as info:
        decode(raw)
    assert info.value.reason == "undecodable"
    assert info.value.message


def test_error_names_what_was_tried() -> None:
    with pytest.raises(DecodeError) as info:
        decode(random.Random(3).randbytes(2000), declared="gbk")
    for name in ("gbk", "UTF-8", "Big5-HKSCS"):
        assert name in info.value.message


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=300), st.sampled_from([None, "gbk", "big5", "utf-8", "latin1", "bad"]))
def test_decode_raises_only_decode_error(raw: bytes, declared: str | None) -> None:
    try:
        result = decode(raw, declared, markup=True)
    except DecodeError:
        return
    assert isinstance(result.text, str)


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet=st.sampled_from(HANS + HANT + "abc 123\n"), min_size=30, max_size=200))
def test_utf8_chinese_always_round_trips(text: str) -> None:
    assert decode(text.encode("utf-8")).text == text


def _corpus_pages() -> list[Path]:
    if not CORPUS.is_dir():
        return []
    return sorted(CORPUS.glob("*.json"))


_META = re.compile(r"(<meta[^>]*?charset\s*=\s*[\"']?\s*)utf-8", re.IGNORECASE)


@pytest.mark.slow
def test_corpus_pages_round_trip_in_their_legacy_encoding() -> None:
    """Each page re-encoded to its original charset, or to GBK/Big5 by script, with the meta
    tag rewritten to match, decodes back to the same text (characters the target cannot
    encode become character references, as a browser's form encoder does)."""
    pages = _corpus_pages()
    if not pages:
        pytest.skip(f"corpus absent: {CORPUS}")
    failures = []
    for meta in pages:
        info = json.loads(meta.read_text(encoding="utf-8"))
        html = meta.with_suffix(".html").read_text(encoding="utf-8")
        script_codec = "gbk" if info["script_guess"] == "hans" else "big5"
        for codec in {info["source_encoding"], script_codec}:
            page = _META.sub(r"\g<1>" + codec, html)
            expected = page.encode(codec, "xmlcharrefreplace").decode(codec)
            got = decode(page.encode(codec, "xmlcharrefreplace"), markup=True).text
            if got != expected:
                failures.append((meta.name, codec))
    assert not failures, failures[:10]
