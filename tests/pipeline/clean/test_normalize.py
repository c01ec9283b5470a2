from hypothesis import given
from hypothesis import strategies as st

from storyline.pipeline.clean.normalize import normalize


def test_traditional_becomes_simplified_with_taiwan_phrasing() -> None:
    norm, _ = normalize("馬斯克起訴微軟，軟體與計程車")
    assert norm == "马斯克起诉微软，软件与出租车"


def test_simplified_lines_are_not_rephrased() -> None:
    # tw2sp would turn 核心 into 内核 and 新增 into 添加; Simplified lines must stay as written.
    text = "以习近平同志为核心\n新增病例"
    assert normalize(text)[0] == text


def test_full_width_letters_and_digits_become_half_width_punctuation_stays() -> None:
    norm, offsets = normalize("ＯｐｅｎＡＩ收购价９７４亿，约２７％。")
    assert norm.startswith("OpenAI收购价974亿，")
    assert "，" in norm and "。" in norm
    assert offsets.to_orig(len("OpenAI收购价")) == len("ＯｐｅｎＡＩ收购价")


def test_spaces_collapse_and_offsets_follow() -> None:
    text = "甲  乙\t\t丙\r\n丁"
    norm, offsets = normalize(text)
    assert norm == "甲 乙 丙\n丁"
    for i, ch in enumerate(norm):
        if ch not in " \n":
            assert text[offsets.to_orig(i)] == ch


def test_length_changing_phrase_keeps_later_offsets_anchored() -> None:
    text = "電腦記憶體不足，馬斯克說"
    norm, offsets = normalize(text)
    assert "内存" in norm
    said = norm.index("马斯克")
    assert text[offsets.to_orig(said) : offsets.to_orig(said) + 3] == "馬斯克"


@given(
    st.text(
        alphabet=st.sampled_from("馬斯克起訴微軟记忆体記憶體ＡＢ１２ab  \t\n\r，。"), max_size=60
    )
)
def test_offsets_stay_in_range_and_ordered(text: str) -> None:
    norm, offsets = normalize(text)
    mapped = [offsets.to_orig(i) for i in range(len(norm) + 1)]
    assert all(0 <= m <= len(text) for m in mapped)
    assert mapped == sorted(mapped)


def test_each_kind_of_space_run_is_tidied_and_single_spaces_stay() -> None:
    # Texts with single spaces only take a shortcut past the space regex; the rest do not.
    assert normalize("新闻 联播")[0] == "新闻 联播"
    assert normalize("a  b")[0] == "a b"
    assert normalize("a\tb")[0] == "a b"
    assert normalize("a\fb\vc")[0] == "a b c"
    assert normalize("a\r\nb\rc")[0] == "a\nb\nc"
    assert normalize("a\u200bb\ufeffc")[0] == "abc"
