from storyline.pipeline.timeline.sentences import split_sentences


def test_chinese_and_english_marks_end_sentences_and_offsets_cite_the_text() -> None:
    text = "甲公司起诉乙公司；乙公司否认。\n“我们会上诉。”他说！ It rained. Then it stopped."
    spans = split_sentences(text)
    pieces = [text[s.start : s.end] for s in spans]
    assert pieces == [
        "甲公司起诉乙公司；",
        "乙公司否认。",
        "“我们会上诉。”",
        "他说！",
        "It rained.",
        "Then it stopped.",
    ]
    assert [s.paragraph for s in spans] == [0, 0, 1, 1, 1, 1]


def test_decimal_points_do_not_end_sentences() -> None:
    text = "Revenue rose 3.5 percent. Costs fell."
    assert [text[s.start : s.end] for s in split_sentences(text)] == [
        "Revenue rose 3.5 percent.",
        "Costs fell.",
    ]


def test_abbreviations_do_not_end_sentences() -> None:
    text = "Mr. Lee met Dr. Wong in St. Louis on Jan. 5. They agreed. It ended at No. 10 Road."
    assert [text[s.start : s.end] for s in split_sentences(text)] == [
        "Mr. Lee met Dr. Wong in St. Louis on Jan. 5.",
        "They agreed.",
        "It ended at No. 10 Road.",
    ]
