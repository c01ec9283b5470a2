"""The archive the web benchmark reads: CCTV stories replicated with small changes to >= 100k.

Each copy after the first changes the title and the first paragraph a little, so every record is
new bytes (its own document and article) while the vocabulary stays that of real news. The built
database is cached under /tmp so a second run starts at once.
"""

from __future__ import annotations

import json
import random
import re
import time
from collections.abc import Iterator
from pathlib import Path

from storyline.api import Archive
from storyline.settings import load_settings
from storyline.store.migrations import MIGRATIONS

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpora" / "cctv-xwlb"
STORIES = CORPUS / "stories.jsonl"
CACHE_DIR = Path("/tmp/storyline-bench-web")
# Bump when the built archive changes shape, so a stale cache is not measured (3: events,
# stories and facts are stored).
CACHE_VERSION = 3
COLUMN = re.compile(r"【([^】]{1,12})】")


def tags_of(title: str, copy: int) -> list[str]:
    """Tags as a site would give them: the 【column】 a title opens with, and the copy's batch."""
    found = COLUMN.match(title)
    return ([found.group(1)] if found else []) + [f"batch-{copy}"]


def replicated(copies: int) -> Iterator[str]:
    """JSON Lines of every story `copies` times; copy k > 0 marks its title and first paragraph."""
    lines = STORIES.read_text(encoding="utf-8").splitlines()
    for k in range(copies):
        for line in lines:
            record = json.loads(line)
            record["tags"] = tags_of(record["title"], k)
            if k:
                record["id"] = f"{record['id']}-r{k}"
                record["title"] = f"{record['title']}（{k}）"
                record["raw_html"] = f"<p>第{k}次转载。</p>{record['raw_html']}"
            yield json.dumps(record, ensure_ascii=False)


def build(target: int) -> Path:
    """A database of at least `target` articles (cached); returns its path."""
    per_copy = sum(1 for _ in STORIES.open(encoding="utf-8"))
    copies = -(-target // per_copy)
    CACHE_DIR.mkdir(parents=True, exist_ok=True)
    # The schema version is in the name: an archive cached by a build with other migrations
    # would fail to open (or migrate differently) in the server.
    name = f"cctv-v{CACHE_VERSION}-m{len(MIGRATIONS)}-x{copies}"
    db = CACHE_DIR / f"{name}.db"
    done = CACHE_DIR / f"{name}.done"
    if done.exists():
        return db
    for stale in CACHE_DIR.glob(f"{name}.db*"):
        stale.unlink()
    source = CACHE_DIR / f"{name}.jsonl"
    source.write_text("\n".join(replicated(copies)) + "\n", encoding="utf-8")
    settings = load_settings({"db": str(db), "source": "cctv-xwlb", "workers": 2}, environ={})
    started = time.perf_counter()
    with Archive(settings) as archive:
        report = archive.ingest([source])
    elapsed = time.perf_counter() - started
    print(f"built {db}: {report.articles} articles in {elapsed:.0f} s")
    source.unlink()
    done.write_text(f"{report.articles} {elapsed:.1f}\n", encoding="utf-8")
    return db


# The search mix: single words spread over the frequency range (most of them two characters,
# the commonest length of a Chinese news word), some in Traditional script and some two-word
# queries, so the numbers rest on many posting lists of every length, not on ten cached ones.
QUERY_WORDS = 100
QUERY_TRADITIONAL = 30
QUERY_PAIRS = 30
# Words found in fewer titles are names of single events: too rare to stand for searches.
QUERY_MIN_TITLES = 3
QUERY_SEED = 11


def title_words() -> list[str]:
    """Chinese words (two characters or more) of the corpus titles, commonest first."""
    import rjieba

    counts: dict[str, int] = {}
    for line in STORIES.open(encoding="utf-8"):
        title = json.loads(line)["title"]
        for word in set(rjieba.cut(COLUMN.sub("", title))):
            if len(word) >= 2 and all("\u4e00" <= ch <= "\u9fff" for ch in word):
                counts[word] = counts.get(word, 0) + 1
    common = [w for w, n in counts.items() if n >= QUERY_MIN_TITLES]
    return sorted(common, key=lambda w: (-counts[w], w))


def news_queries() -> list[str]:
    """The deterministic query set: words drawn evenly over the frequency ranks, Traditional
    forms of some of them, and pairs of words."""
    from storyline.web.script import Script, convert

    vocabulary = title_words()
    rng = random.Random(QUERY_SEED)
    step = len(vocabulary) / QUERY_WORDS
    words = [vocabulary[int(i * step + rng.random() * step)] for i in range(QUERY_WORDS)]
    changed = [w for w in words if convert(w, Script.TRADITIONAL) != w]
    traditional = [convert(w, Script.TRADITIONAL) for w in changed[:QUERY_TRADITIONAL]]
    pairs = [
        f"{a} {b}" for a, b in zip(words[:QUERY_PAIRS], words[1 : 2 * QUERY_PAIRS : 2], strict=True)
    ]
    return words + traditional + pairs
