"""Figures: money, percentages, counts and measures, with spans into the text given."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storyline.pipeline.facts.figures import extract_figures
from storyline.pipeline.facts.numerals import parse_numeral
from storyline.records import Figure, Qualifier
from tests.pipeline.facts.chinese_numerals import write_chinese

EXAMPLES = Path(__file__).resolve().parents[3] / "examples"
E, A, L, M = Qualifier.EXACT, Qualifier.APPROXIMATE, Qualifier.AT_LEAST, Qualifier.AT_MOST


def only(text: str) -> Figure:
    figures = extract_figures(text)
    assert len(figures) == 1, figures
    return figures[0]


@pytest.mark.parametrize(
    ("text", "span", "low", "high", "unit", "qualifier"),
    [
        ("以974亿美元的天价收购", "974亿美元", 9.74e10, 9.74e10, "USD", E),
        ("以97.4亿美元的价格", "97.4亿美元", 9.74e9, 9.74e9, "USD", E),
        ("赔偿790亿至1340亿美元。", "790亿至1340亿美元", 7.9e10, 1.34e11, "USD", E),
        ("赔偿790至1340亿美元。", "790至1340亿美元", 7.9e10, 1.34e11, "USD", E),
        ("3800万美元的天使投资", "3800万美元", 3.8e7, 3.8e7, "USD", E),
        ("索赔金额高达千亿美元", "千亿美元", 1e11, 1e11, "USD", A),
        ("市值2.46萬億美元", "2.46萬億美元", 2.46e12, 2.46e12, "USD", E),
        ("市值超1万亿美元", "超1万亿美元", 1e12, 1e12, "USD", L),
        ("投资近百亿元", "近百亿元", 1e10, 1e10, "CNY", M),
        ("融资US$50亿", "US$50亿", 5e9, 5e9, "USD", E),
        ("an offer of $97.4 billion for", "$97.4 billion", 9.74e10, 9.74e10, "USD", E),
        ("a fine of €3 million.", "€3 million", 3e6, 3e6, "EUR", E),
        ("profits of £600m", "£600m", 6e8, 6e8, "GBP", E),
        ("HK$3.5亿", "HK$3.5亿", 3.5e8, 3.5e8, "HKD", E),
        ("新台币2000元", "2000元", 2000, 2000, "CNY", E),
        ("约5000亿美元估值", "约5000亿美元", 5e11, 5e11, "USD", A),
        ("三千八百万元", "三千八百万元", 3.8e7, 3.8e7, "CNY", E),
        ("９７４億美元", "９７４億美元", 9.74e10, 9.74e10, "USD", E),
        ("估值３８００萬港元", "３８００萬港元", 3.8e7, 3.8e7, "HKD", E),
        ("数十亿美元", "数十亿美元", 2e9, 9e9, "USD", A),
        ("一兩千元的洗面乳", "一兩千元", 1000, 2000, "CNY", A),
        ("概率为57%", "57%", 57, 57, "%", E),
        ("百分之二十七", "百分之二十七", 27, 27, "%", E),
        ("增长27 per cent", "27 per cent", 27, 27, "%", E),
        ("涨幅扩大0.1个百分点", "0.1个百分点", 0.1, 0.1, "pp", E),
        ("装机5个GW", "5个GW", 5, 5, "GW", E),
        ("面积1500平方米", "1500平方米", 1500, 1500, "平方米", E),
        ("深度10千米", "10千米", 10, 10, "千米", E),
        ("最低气温零下36.9℃", "零下36.9℃", -36.9, -36.9, "℃", E),
        ("气温-5℃", "-5℃", -5, -5, "℃", E),
        ("储能1500兆瓦时", "1500兆瓦时", 1500, 1500, "兆瓦时", E),
        ("造成1人死亡", "1人", 1, 1, "人", E),
        ("3000多人参加", "3000多人", 3000, 3000, "人", L),
        ("1600多万户市场主体", "1600多万户", 1.6e7, 1.6e7, "户", L),
        ("十余部典籍", "十余部", 10, 10, "部", L),
        ("两家公司", "两家", 2, 2, "家", E),
        ("不到16周岁", "不到16周岁", 16, 16, "周岁", M),
        ("more than 15,000 jobs", "more than 15,000 jobs", 15000, 15000, "jobs", L),
    ],
)
def test_reads_figure(
    text: str, span: str, low: float, high: float, unit: str, qualifier: Qualifier
) -> None:
    figure = only(text)
    assert (figure.text, figure.unit, figure.qualifier) == (span, unit, qualifier)
    assert figure.low == pytest.approx(low) and figure.high == pytest.approx(high)
    assert text[figure.start : figure.end] == span


@pytest.mark.parametrize(
    "text",
    [
        "2019年，马斯克退出",
        "2025年1月17日",
        "电话13812345678",
        "排名第3名",
        "为期3个月的调研",
        "一个非营利组织",
        "千家万户",
        "COVID-19",
        "千万不要",
    ],
)
def test_not_figures(text: str) -> None:
    assert extract_figures(text) == []


def test_change_is_not_a_range() -> None:
    figures = extract_figures("US light crude rose $1.64 to $47.10, while")
    assert [(f.text, f.low) for f in figures] == [("$1.64", 1.64), ("$47.10", 47.1)]


def test_sample_documents_give_their_sums() -> None:
    if not EXAMPLES.is_dir():
        pytest.skip("the sample documents (examples/) are not here")
    found = {
        (f.text, f.low, f.high, f.unit)
        for path in sorted(EXAMPLES.glob("*.txt"))
        for f in extract_figures(path.read_text(encoding="utf-8"))
    }
    assert ("974亿美元", 9.74e10, 9.74e10, "USD") in found
    assert ("790亿至1340亿美元", 7.9e10, 1.34e11, "USD") in found
    assert ("3800万美元", 3.8e7, 3.8e7, "USD") in found
    assert ("97.4亿美元", 9.74e9, 9.74e9, "USD") in found


@given(st.integers(min_value=0, max_value=10**13))
def test_chinese_numerals_round_trip(n: int) -> None:
    written = write_chinese(n)
    reading = parse_numeral(written)
    assert reading is not None and reading.low == reading.high == n, written


@given(st.integers(min_value=1, max_value=10**12))
def test_chinese_money_round_trip(n: int) -> None:
    written = write_chinese(n) + "元"
    figure = only("共计" + written + "。")
    assert (figure.text, figure.low, figure.unit) == (written, n, "CNY")


_FIGURE_ALPHABET = list("0123456789.,%$£€ 亿万千百十元美英镑人个多余约超近至到-一二两三年月第")


@settings(max_examples=300)
@given(st.text(alphabet=st.sampled_from(_FIGURE_ALPHABET), max_size=40) | st.text(max_size=40))
def test_any_text_gives_spans_into_itself(text: str) -> None:
    for figure in extract_figures(text):
        assert text[figure.start : figure.end] == figure.text
        assert figure.low <= figure.high


@pytest.mark.parametrize(
    ("written", "value"),
    [
        ("十五", 15),
        ("两千", 2000),
        ("二〇二五", 2025),
        ("一六七", 167),
        ("三点五", 3.5),
        ("8千亿", 8e11),
    ],
)
def test_colloquial_numerals(written: str, value: float) -> None:
    reading = parse_numeral(written)
    assert reading is not None and reading.low == value
