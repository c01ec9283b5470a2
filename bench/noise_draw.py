"""Draw a fresh batch of documents for noise labelling, and turn reading notes into label rows.

Run: `PYTHONPATH=src python bench/noise_draw.py show SEED [COUNT]` prints the first COUNT
candidate documents of the draw for SEED, paragraph by paragraph, without running the cleaner
(labels are written by reading, before any rule has seen the batch).

`PYTHONPATH=src python bench/noise_draw.py rows SPLIT NOTES` prints label rows (the format of
bench/data/noise_labels.jsonl) for a notes file whose lines read
`dataset record code code …`, one code per paragraph (see CODES).

Candidates are the extraction-dev pages and the inews test-split documents that no label
refers to yet, minus any whose body or title repeats one of a labelled document (the inews
set holds many copies of one story). Their order is a hash of the seed and the reference, and
the two sources alternate, so that both kinds of page are in every batch.
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

try:
    from bench import noise_corpus as nc
except ImportError:  # run as a script: bench/ is on sys.path, the repository root is not
    import noise_corpus as nc  # type: ignore[no-redef]

# Documents longer than this (paragraphs) are left out: one portal page with a hundred-line
# link list would otherwise outweigh a dozen articles in a batch of a few hundred paragraphs.
MAX_PARAGRAPHS = 60
# Characters of a paragraph shown on each side of an ellipsis when it is longer than twice this.
SHOWN = 90

CODES = {
    "n": "news", "o": "other", "r": "related", "f": "footer", "b": "byline",
    "d": "disclaimer", "t": "title", "i": "image-credit", "s": "spam-contact",
    "e": "seo-filler",
}  # fmt: skip


def _key(seed: str, ref: tuple[str, str]) -> str:
    return hashlib.sha1(f"{seed}\0{ref[0]}\0{ref[1]}".encode()).hexdigest()


def _fingerprint(text: str) -> str:
    return hashlib.sha1("".join(text.split()).encode("utf-8")).hexdigest()


def _labelled() -> tuple[set[tuple[str, str]], set[str], set[str]]:
    refs = {(str(r["dataset"]), str(r["record"])) for r in nc.load_labels()}
    bodies = {_fingerprint(nc.document_text(*ref)) for ref in refs}
    titles = {nc.inews_title(rec, nc.INEWS_SPLITS[ds]) for ds, rec in refs if ds in nc.INEWS_SPLITS}
    return refs, bodies, titles


def candidates(seed: str) -> list[tuple[str, str]]:
    refs, bodies, titles = _labelled()
    pages = sorted(p.stem for p in (nc.CORPORA / "extraction-dev").glob("*.html"))
    n_test = len(nc._inews("test")[1])
    pools = [
        sorted((("extraction-dev", p) for p in pages), key=lambda r: _key(seed, r)),
        sorted((("inews-test", str(i)) for i in range(n_test)), key=lambda r: _key(seed, r)),
    ]
    out: list[tuple[str, str]] = []
    for pair in zip(*pools, strict=False):
        for ref in pair:
            if ref in refs:
                continue
            text = nc.document_text(*ref)
            title = nc.inews_title(ref[1], "test") if ref[0] == "inews-test" else None
            if not 0 < len(nc.paragraphs(text)) <= MAX_PARAGRAPHS:
                continue
            if _fingerprint(text) in bodies or (title is not None and title in titles):
                continue
            bodies.add(_fingerprint(text))
            if title is not None:
                titles.add(title)
            out.append(ref)
    return out


def _short(text: str) -> str:
    return text if len(text) <= 2 * SHOWN else f"{text[:SHOWN]} … {text[-SHOWN:]}"


def show(seed: str, count: int) -> None:
    for ref in candidates(seed)[:count]:
        title = nc.inews_title(ref[1], "test") if ref[0] == "inews-test" else None
        print(f"\n### {ref[0]} {ref[1]}  title={title!r}")
        for i, para in enumerate(nc.paragraphs(nc.document_text(*ref))):
            print(f"{i:3d} [{len(para)}] {_short(para)}")


def rows(split: str, notes: str) -> None:
    with Path(notes).open(encoding="utf-8") as fh:
        for line in fh:
            if not line.strip() or line.startswith("#"):
                continue
            dataset, record, *codes = line.split()
            paras = nc.paragraphs(nc.document_text(dataset, record))
            if len(codes) != len(paras):
                raise SystemExit(f"{dataset} {record}: {len(codes)} codes, {len(paras)} paragraphs")
            for i, (code, para) in enumerate(zip(codes, paras, strict=True)):
                row = {"dataset": dataset, "record": record, "para": i, "hash": nc.para_hash(para)}
                print(json.dumps({**row, "label": CODES[code], "split": split}, ensure_ascii=False))


def main(argv: list[str]) -> int:
    missing = nc.available()
    if missing:
        print(f"skipped: {missing}")
        return 0
    if argv[:1] == ["show"] and len(argv) in (2, 3):
        show(argv[1], int(argv[2]) if len(argv) == 3 else 10)
    elif argv[:1] == ["rows"] and len(argv) == 3:
        rows(argv[1], argv[2])
    else:
        print(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
