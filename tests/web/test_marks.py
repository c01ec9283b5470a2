"""Cutting an article's text at its fact spans: offsets kept, overlaps resolved outermost-first."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from storyline.web.marks import Mark, outermost, segments
from storyline.web.pieces_html import pieces_html


def _same(text: str) -> str:
    return text


def test_pieces_follow_the_spans_and_paragraphs() -> None:
    text = "  微软今日发布。\n\n北京举行\n"
    marks = [Mark(2, 4, "entity", "微软 (org)", "微软"), Mark(4, 6, "date", "2024-03-01 (day)")]
    paras = segments(text, marks, _same)
    assert [[p["text"] for p in para] for para in paras] == [
        ["微软", "今日", "发布。"],
        ["北京举行"],
    ]
    assert [p["mark"] for p in paras[0]] == ["entity", "date", None]
    assert paras[0][0]["entity"] == "微软"


def test_outermost_span_wins_and_crossing_ones_drop() -> None:
    inner = Mark(1, 3, "entity", "inner", "x")
    outer = Mark(0, 5, "figure", "outer")
    crossing = Mark(4, 7, "date", "crossing")
    after = Mark(7, 8, "date", "after")
    assert outermost([inner, crossing, outer, after]) == [outer, after]


def test_script_conversion_applies_per_piece() -> None:
    paras = segments("微軟公司", [Mark(0, 2, "entity", "t", "微软")], lambda t: t.upper() + "|")
    assert [p["text"] for p in paras[0]] == ["微軟|", "公司|"]


spans = st.lists(st.tuples(st.integers(0, 30), st.integers(0, 30)), max_size=8)


@given(st.text(alphabet="ab \n微软", max_size=30), spans)
def test_pieces_rebuild_the_paragraphs(text: str, raw: list[tuple[int, int]]) -> None:
    marks = [Mark(min(a, b), max(a, b), "date", "t") for a, b in raw]
    paras = segments(text, marks, _same)
    expected = [line.strip() for line in text.splitlines() if line.strip()]
    assert ["".join(p["text"] for p in para) for para in paras] == expected


def test_pieces_are_written_as_escaped_markup() -> None:
    html = pieces_html(
        [
            {"text": "<b>plain</b>", "mark": None},
            {"text": "微软", "mark": "entity", "title": 'org "x"', "entity": "微/软<"},
            {"text": "3亿", "mark": "figure", "title": "<i>", "entity": None},
        ]
    )
    assert html == (
        "&lt;b&gt;plain&lt;/b&gt;"
        '<a class="mention" href="/entities/%E5%BE%AE%2F%E8%BD%AF%3C" title="org &#34;x&#34;">'
        "微软</a>"
        '<span class="figure" title="&lt;i&gt;">3亿</span>'
    )
