"""The personal-name sequence model: exact pruned decoding, the shipped weights, the wiring."""

from __future__ import annotations

import itertools
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storyline.pipeline.facts import person_model as pm
from storyline.pipeline.facts.entities import extract_entities
from storyline.records import EntityKind


def _path_score(path: list[int] | tuple[int, ...], scores: np.ndarray, trans: np.ndarray) -> float:
    """A label sequence's score, the text taken to start and end beside O (label 0)."""
    total = sum(scores[i, k] for i, k in enumerate(path))
    return float(total + sum(trans[a, b] for a, b in itertools.pairwise([0, *path, 0])))


def _brute_force(scores: np.ndarray, trans: np.ndarray) -> float:
    """Best score by enumerating every label sequence (short inputs only)."""
    n, labels = scores.shape
    return max(_path_score(p, scores, trans) for p in itertools.product(range(labels), repeat=n))


def _random_model(seed: int, n: int) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    labels = len(pm.LABELS)
    scores = rng.normal(size=(n, labels)).astype(np.float32)
    trans = rng.normal(size=(labels, labels)).astype(np.float32)
    return scores, trans


@settings(max_examples=60, deadline=None)
@given(st.integers(min_value=1, max_value=5), st.integers(min_value=0, max_value=2**31 - 1))
def test_viterbi_finds_a_best_path(n: int, seed: int) -> None:
    scores, trans = _random_model(seed, n)
    path = pm.viterbi(scores, trans)
    assert len(path) == n
    assert _path_score(path, scores, trans) == pytest.approx(_brute_force(scores, trans), abs=1e-4)


@settings(max_examples=60, deadline=None)
@given(st.integers(min_value=2, max_value=14), st.integers(min_value=0, max_value=2**31 - 1))
def test_span_gain_is_the_score_of_a_name_over_o(n: int, seed: int) -> None:
    scores, trans = _random_model(seed, n)
    b, m, e = 1, 2, 3
    all_o = _path_score([0] * n, scores, trans)
    gains = pm.span_gains(scores, trans)
    assert gains.shape == (n, pm.MAX_SPAN - pm.MIN_SPAN + 1)
    for start in range(n):
        for length in range(pm.MIN_SPAN, pm.MAX_SPAN + 1):
            gain = gains[start, length - pm.MIN_SPAN]
            if start + length > n:
                assert gain == -np.inf
                continue
            path = [0] * n
            path[start : start + length] = [b] + [m] * (length - 2) + [e]
            want = _path_score(path, scores, trans) - all_o
            assert gain == pytest.approx(want, abs=1e-3)


def test_names_take_the_best_of_overlapping_spans() -> None:
    model = pm.person_model()
    text = "那天夜里，周晓梅和孙立军一起把最后一批药品送进了山村。"
    found = model.names(text)
    assert all(a[1] <= b[0] for a, b in itertools.pairwise(found))  # sorted, disjoint
    # Each span found scores above O, as read by the exact decoder on this text.
    exact = pm.spans(pm.viterbi(model.emissions(text), model.transitions))
    assert set(found) == {s for s in exact if s[1] - s[0] >= pm.MIN_SPAN}


def test_spans_read_bmes_labels() -> None:
    b, m, e, s, o = 1, 2, 3, 4, 0
    assert pm.spans([o, b, m, e, o, s, b, e, e, m, o]) == [(1, 4), (5, 6), (6, 8)]
    assert pm.person_model().names("") == []


_PIECES = [
    "周晓梅",
    "孙立军",
    "和",
    "说",
    "。",
    "·",
    "王",
    "李",
    "，",
    "1",
    "a",
    "在村里",
    "普里马科夫",
]


@settings(max_examples=40, deadline=None)
@given(st.lists(st.lists(st.sampled_from(_PIECES), max_size=12).map("".join), max_size=6))
def test_texts_read_together_read_as_each_alone(texts: list[str]) -> None:
    model = pm.person_model()
    assert model.names_of_many(texts) == [model.names(t) for t in texts]
    # And alone means alone: the same text read by itself in a batch of one.
    for text in texts:
        assert model.names_of_many([text]) == [model.names(text)]


def test_a_text_start_hides_the_neighbours_like_a_sentence_edge() -> None:
    codes = pm.code_points("甲乙丙")
    around = pm.neighbours(codes, np.array([1, 3]))
    assert around[-1].tolist() == [pm.BOS, pm.BOS, ord("乙")]
    assert around[1].tolist() == [pm.EOS, ord("丙"), pm.EOS]


def test_sentence_edges_hide_the_neighbours() -> None:
    codes = pm.code_points("甲。乙")
    around = pm.neighbours(codes)
    assert around[1].tolist() == [ord("。"), pm.EOS, pm.EOS]
    assert around[-1].tolist() == [pm.BOS, ord("甲"), pm.BOS]


def test_model_file_for_other_templates_is_refused(tmp_path: Path) -> None:
    bad = tmp_path / "model.npz"
    np.savez(bad, templates=np.array(["c"]), labels=np.array(pm.LABELS))
    with pytest.raises(ValueError, match="other templates"):
        pm.PersonModel.load(str(bad))


def test_shipped_model_finds_names_without_a_cue() -> None:
    # No title, no verb of speech, no listed alias: only what a name looks like.
    model = pm.person_model()
    text = "那天夜里，周晓梅和孙立军一起把最后一批药品送进了山村。"
    found = {text[s:e] for s, e in model.names(text)}
    assert {"周晓梅", "孙立军"} <= found


def test_model_names_reach_the_extractor_only_where_nothing_else_stands() -> None:
    text = "那天夜里，周晓梅和孙立军一起把最后一批药品送进了北京市。"
    mentions = {(m.text, m.kind) for m in extract_entities(text)}
    assert ("周晓梅", EntityKind.PERSON) in mentions
    assert ("北京市", EntityKind.PLACE) in mentions  # a listed place stays a place


def test_training_corpus_keeps_person_tags_only() -> None:
    from bench import ner_train

    raw = "张 B-PER\r\n三 E-PER\r\n在 O\r\n北 B-LOC\r\n京 E-LOC\r\n\r\n李 S-PER\r\n１ O\r\n"
    got = list(ner_train.sentences(raw))
    # Other kinds become O; text is normalized (half-width digits) as articles are.
    assert got == [("张三在北京", ["B", "E", "O", "O", "O"]), ("李1", ["S", "O"])]


def test_news_training_tags_one_kind_and_keeps_a_records_sentences_in_one_fold() -> None:
    from bench import entities_labels as el
    from bench import ner_train

    index = {("c", f"r{k}"): "張三豐說在北京。上海很大。" for k in range(12)}
    index[("c", "en")] = "Mr Smith went to Leeds."
    rows = []
    for k in range(12):
        # Two sentences of each record; offsets are the sentence's own.
        rows.append(el.Row("c", f"r{k}", 0, 8, {(0, 3, "person"), (5, 7, "place")}))
        rows.append(el.Row("c", f"r{k}", 8, 13, {(0, 2, "place")}))
    rows.append(el.Row("c", "en", 0, 23, {(3, 8, "person")}))
    every = ner_train.news_sentences(EntityKind.PLACE, rows, index)
    # Read as the extractor reads it (Simplified); text without Han characters is left out.
    assert len(every) == 24
    assert every[0] == (("张三丰说在北京。", ["O"] * 5 + ["B", "E", "O"]), {(5, 7)})
    assert every[1] == (("上海很大。", ["B", "E", "O", "O", "O"]), {(0, 2)})
    people = ner_train.news_sentences(EntityKind.PERSON, rows, index)
    assert people[0][0][1] == ["B", "M", "E"] + ["O"] * 5
    # The folds share out the records, each record's sentences in one fold, the same every time.
    folds = el.record_folds(13)
    assert folds == el.record_folds(13) and sorted(set(folds)) == list(range(el.FOLDS))
    by_fold = [
        ner_train.news_sentences(EntityKind.PLACE, rows, index, (f,)) for f in range(el.FOLDS)
    ]
    assert sum(len(part) for part in by_fold) == len(every)
    assert all(len(part) % 2 == 0 for part in by_fold)
    assert max(map(len, by_fold)) - min(map(len, by_fold)) <= 2


def test_segmenter_words_check_the_model_names() -> None:
    from storyline.pipeline.facts.zh_model import modelled_persons
    from storyline.pipeline.facts.zh_units import Unit

    # 听/老张/介绍/，/王小明/说/桃花源/，/老/张/介绍/，/周/建国
    toks = [
        Unit(0, 1, "听", "v"),
        Unit(1, 3, "老张", "nr"),
        Unit(3, 5, "介绍", "v"),
        Unit(5, 6, "，", "x"),
        Unit(6, 9, "王小明", "nr"),
        Unit(9, 10, "说", "v"),
        Unit(10, 13, "桃花源", "n"),
        Unit(13, 14, "，", "x"),
        Unit(14, 15, "老", "a"),
        Unit(15, 16, "张", "nr"),
        Unit(16, 18, "介绍", "v"),
        Unit(18, 19, "，", "x"),
        Unit(19, 20, "周", "nr"),
        Unit(20, 22, "建国", "ns"),
    ]
    proposed = [(2, 5), (6, 9), (10, 13), (15, 18), (19, 22)]
    kept = [(c.start, c.end) for c in modelled_persons(proposed, toks)]
    # Starting inside a word, being one common noun, or ending in a whole verb rules a name out;
    # a given name that is a dictionary word of another kind does not.
    assert kept == [(6, 9), (19, 22)]


def test_a_long_text_is_read_in_pieces_with_the_same_names() -> None:
    # Longer than one reading group: it is cut after sentence ends, which no feature crosses,
    # so every sentence reads as it does alone.
    model = pm.person_model()
    sentence = "那天夜里，周晓梅和孙立军一起把最后一批药品送进了山村。"
    alone = model.names(sentence)
    assert alone
    repeats = pm.GROUP_CHARS // len(sentence) * 2 + 3
    found = model.names(sentence * repeats)
    step = len(sentence)
    assert found == [(k * step + s, k * step + e) for k in range(repeats) for s, e in alone]


def test_many_texts_are_read_in_groups_as_each_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    model = pm.person_model()
    texts = ["周晓梅说。", "", "孙立军和王小明在村里。" * 5, "a", "普里马科夫·李说"] * 4
    want = [model.names(t) for t in texts]
    monkeypatch.setattr(pm, "GROUP_CHARS", 40)  # groups of a few texts; one text is cut
    assert model.names_of_many(texts) == want


@settings(max_examples=50, deadline=None)
@given(
    st.sets(st.integers(min_value=0, max_value=2**62), max_size=300),
    st.lists(st.integers(min_value=0, max_value=2**62), max_size=50),
)
def test_key_table_finds_every_key_and_nothing_else(keys: set[int], others: list[int]) -> None:
    from storyline.pipeline.facts.key_table import KeyTable

    listed = np.array(sorted(keys), dtype=np.int64)
    table = KeyTable.build(listed)
    query = np.array([*listed.tolist(), *others], dtype=np.int64)
    want = [*range(len(listed)), *(keys_index(listed, o) for o in others)]
    assert table.find(query).tolist() == want


def keys_index(listed: np.ndarray, key: int) -> int:
    hits = np.flatnonzero(listed == key)
    return int(hits[0]) if len(hits) else len(listed)


def test_facts_step_reads_a_batch_as_each_article_alone() -> None:
    from datetime import UTC, datetime

    from storyline.pipeline.base import StepStats
    from storyline.pipeline.facts.step import Facts
    from storyline.records import Article, DocKind, Document, Failure, Work

    texts = [
        "那天夜里，周晓梅和孙立军一起把最后一批药品送进了山村。",
        "The minister met farmers in Leeds on Monday.",
        "據村民回憶，陳國棟當年在這裡教了三十年書。",
    ]
    when = datetime(2025, 1, 1, tzinfo=UTC)
    units = []
    for k, text in enumerate([*texts, "一篇没走到这一步的文章。"]):
        work = Work(Document(text.encode(), f"t{k}", DocKind.TEXT, "test", when))
        work.article = Article(document=f"d{k}", source="test", kind=DocKind.TEXT, text=text)
        units.append(work)
    units[-1].failure = Failure("clean", "empty", "failed before facts")
    stats = StepStats("facts")
    done = list(Facts().run(units, stats))
    assert done == units and stats.total == 3 and stats.forwarded == 3
    for work, text in zip(done, texts, strict=False):
        assert work.article is not None
        assert work.article.mentions == extract_entities(text)  # as if read alone
    assert units[-1].article is not None and units[-1].article.mentions == []


def test_place_and_organisation_models_read_longer_names_of_their_kind() -> None:
    places = pm.kind_model("crf", EntityKind.PLACE)
    orgs = pm.kind_model("crf", EntityKind.ORG)
    assert places is not None and orgs is not None
    assert orgs.longest_plain == pm.MAX_KIND_SPAN > pm.MAX_PLAIN_SPAN
    # An invented office of eight characters, longer than any plain personal name read.
    text = "记者从青禾市农业农村局获悉，"
    assert (3, 11) in orgs.names(text)
    assert places.names("他从乌鲁木齐出发前往喀什地区。")[:1] == [(2, 6)]


def test_reading_without_decoding_gives_the_same_near_spans_and_no_names() -> None:
    model = pm.person_model()
    texts = ["那天夜里，周晓梅和孙立军一起把药品送进了山村。", "普里马科夫说。"]
    full = model.readings_of_many(texts, 2.0)
    near_only = model.readings_of_many(texts, 2.0, decode=False)
    assert [r.near for r in near_only] == [r.near for r in full]
    assert all(r.names == [] for r in near_only) and any(r.names for r in full)


def test_every_evidence_model_is_shipped_and_the_news_ones_read_todays_names() -> None:
    assert all(pm.kind_model(*key) is not None for key in pm.EVIDENCE_FILES)
    assert set(pm.evidence_models()) == set(pm.EVIDENCE_FILES)

    def read(name: str, kind: EntityKind, text: str) -> list[str]:
        model = pm.kind_model(name, kind)
        assert model is not None
        return [text[s:e] for s, e in model.names(text)]

    # Invented people, places and bodies in the frames of current news.
    assert read("news", EntityKind.PERSON, "记者采访了村民罗秀英，她说今年收成不错。") == ["罗秀英"]
    assert read("news", EntityKind.PERSON, "青禾集团董事长蒋明远在会上表示，") == ["蒋明远"]
    assert read("news", EntityKind.PLACE, "暴雨袭击了白石镇和青禾县，") == ["白石镇", "青禾县"]
    text = "据白石新闻网报道，白石市教育局发布通知。"
    assert read("news", EntityKind.ORG, text) == ["白石新闻网", "白石市教育局"]


def test_a_bank_reads_what_each_of_its_models_reads_alone() -> None:
    models = list(pm.evidence_models().values())
    bank = pm.ModelBank.of(models)
    texts = [
        "记者从青禾县人民医院获悉，白石新闻网报道了此事。",
        "",
        "a",
        "代表团抵达乌兰巴托后前往达尔汗。" * 2500,  # longer than a group: read in pieces
        "蒋明远说。",
    ]
    together = bank.near_of_many(texts, 2.0)
    assert len(together) == len(texts) and all(len(r) == len(models) for r in together)
    for k, model in enumerate(models):
        alone = model.readings_of_many(texts, 2.0, decode=False)
        for text_no, reading in enumerate(alone):
            got = together[text_no][k]
            assert [(s, e) for s, e, _ in got] == [(s, e) for s, e, _ in reading.near]
            assert all(abs(a[2] - b[2]) < 1e-3 for a, b in zip(got, reading.near, strict=True))
    assert max(e for _, e, _ in together[3][0]) > pm.GROUP_CHARS
    # Models that read spans of different lengths cannot share one reading.
    with pytest.raises(ValueError, match="longest"):
        pm.ModelBank.of([pm.person_model(), models[0]])
