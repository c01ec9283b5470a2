"""The IDF table keywords weigh words by: every word of jieba's file with its value."""

from __future__ import annotations

import statistics
from importlib.resources import files

from storyline.pipeline.stories.keywords import idf_table


def test_idf_table_holds_every_word_of_the_file_with_its_value() -> None:
    # The table is built in IDF order for memory locality; its content must be the file's.
    text = files("jieba").joinpath("analyse/idf.txt").read_text(encoding="utf-8")
    expected = {}
    for line in text.splitlines():
        word, _, value = line.partition(" ")
        if value:
            expected[word] = float(value)
    table, median = idf_table()
    assert table == expected
    assert median == statistics.median(expected.values())
