"""The search index: pre-segmented normalized words, ranked by BM25 (SQLite) or ts_rank (PG).

SQLite keeps the words in an FTS5 table whose rowid is `articles.id`; PostgreSQL keeps them as a
weighted tsvector (title A, body D) under a GIN index. Titles weigh more than bodies in both.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

from storyline.records import Article, OffsetMap
from storyline.store.clock import utc_iso
from storyline.store.db import POSTGRES, Store

# BM25 column weights (title, body): a title word says more about the article than a body word.
# 4:1 follows the common practice of weighting title fields several times the body.
TITLE_WEIGHT = 4.0
BODY_WEIGHT = 1.0
# Tokens allowed between the parts of a split query word: jieba's search mode emits overlapping
# sub-words (中华 华人 人民 …) between the parts of one word; two spare positions absorb them.
NEAR_SLACK = 2
# ts_rank weights for classes {D, C, B, A}: body (D) to title (A) at the same 1:4 as BM25.
_PG_WEIGHTS = f"{{{BODY_WEIGHT / TITLE_WEIGHT}, 0, 0, 1.0}}"

# Matches ranked for one query: the newest this many, ranked by score. A word found in most of
# the archive (经济 in 30k of 119k articles on bench/web.py) would otherwise be scored in full
# on every request; 1000 is 50 pages of 20, further than readers page.
RANKED_MATCHES = 1000

Term = tuple[str, list[str]]  # a query word and the dictionary parts that cover it (or [])


@dataclass(frozen=True, slots=True)
class SearchFilters:
    source: str | None = None
    since: datetime | None = None
    until: datetime | None = None
    tag: str | None = None


def remove_article(store: Store, article_id: int) -> None:
    if store.dialect == POSTGRES:
        store.execute("DELETE FROM search WHERE article_id = ?", (article_id,))
    else:
        store.execute("DELETE FROM search WHERE rowid = ?", (article_id,))


def index_article(store: Store, article_id: int, article: Article) -> None:
    if store.dialect == POSTGRES:
        store.execute(
            "INSERT INTO search(article_id, doc) VALUES (?, "
            "setweight(to_tsvector('simple', ?), 'A') || setweight(to_tsvector('simple', ?), 'D'))",
            (article_id, article.title_tokens, article.body_tokens),
        )
        return
    store.execute(
        "INSERT INTO search(rowid, title, body) VALUES (?, ?, ?)",
        (article_id, article.title_tokens, article.body_tokens),
    )


def _fts_quote(word: str) -> str:
    return '"' + word.replace('"', '""') + '"'


def fts_expression(terms: list[Term]) -> str:
    """FTS5: every query word must match, whole or as its parts near each other."""
    clauses = []
    for word, parts in terms:
        if parts:
            near = f"NEAR({' '.join(_fts_quote(p) for p in parts)}, {len(parts) + NEAR_SLACK})"
            clauses.append(f"({_fts_quote(word)} OR {near})")
        else:
            clauses.append(_fts_quote(word))
    return " AND ".join(clauses)


def _ts_quote(word: str) -> str:
    return "'" + word.replace("\\", "\\\\").replace("'", "''") + "'"


def tsquery_expression(terms: list[Term]) -> str:
    """PostgreSQL: the same logic, with the parts required together (& instead of NEAR)."""
    clauses = []
    for word, parts in terms:
        if parts:
            together = " & ".join(_ts_quote(p) for p in parts)
            clauses.append(f"({_ts_quote(word)} | ({together}))")
        else:
            clauses.append(_ts_quote(word))
    return " & ".join(clauses)


def _filters(filters: SearchFilters) -> tuple[str, list[object]]:
    clauses: list[str] = []
    params: list[object] = []
    if filters.source:
        clauses.append("a.source_id = (SELECT id FROM sources WHERE name = ?)")
        params.append(filters.source)
    if filters.since:
        clauses.append("a.published_utc >= ?")
        params.append(utc_iso(filters.since))
    if filters.until:
        clauses.append("a.published_utc < ?")
        params.append(utc_iso(filters.until))
    if filters.tag:
        clauses.append("a.id IN (SELECT article_id FROM article_tags WHERE tag = ?)")
        params.append(filters.tag)
    return "".join(" AND " + c for c in clauses), params


def search(
    store: Store, terms: list[Term], filters: SearchFilters, *, limit: int, offset: int
) -> tuple[int, list[tuple[int, float]]]:
    """(total, [(article id, score)]) for articles matching every term, best first.

    Only the newest RANKED_MATCHES matches are ranked; `total` counts them all.
    """
    if not terms:
        return 0, []
    where, params = _filters(filters)
    # The join to articles is only for filters: without one the index counts and ranks alone,
    # about twice as fast.
    if store.dialect == POSTGRES:
        joined = "JOIN articles a ON a.id = search.article_id" if where else ""
        base = f"FROM search {joined}, to_tsquery('simple', ?) AS q WHERE search.doc @@ q{where}"
        key, score = "search.article_id", f"ts_rank('{_PG_WEIGHTS}', search.doc, q)"
        match = tsquery_expression(terms)
    else:
        joined = "JOIN articles a ON a.id = search.rowid" if where else ""
        base = f"FROM search {joined} WHERE search MATCH ?{where}"
        # FTS5's bm25() is lower-is-better; report the usual higher-is-better score.
        key, score = "search.rowid", f"-bm25(search, {TITLE_WEIGHT}, {BODY_WEIGHT})"
        match = fts_expression(terms)
    total = int(store.execute(f"SELECT count(*) {base}", [match, *params]).fetchone()[0])
    # Newest first is the index's own order (rowid / article id), so the inner LIMIT stops the
    # scan early and only the kept rows are scored.
    rows = store.execute(
        f"SELECT id, score FROM (SELECT {key} AS id, {score} AS score {base} "
        f"ORDER BY {key} DESC LIMIT ?) AS newest ORDER BY score DESC, id LIMIT ? OFFSET ?",
        [match, *params, RANKED_MATCHES, limit, offset],
    ).fetchall()
    return total, [(int(r[0]), float(r[1])) for r in rows]


@dataclass(frozen=True, slots=True)
class SnippetSource:
    """What a snippet is cut from: the text as published, its normalized copy and the map
    between their offsets."""

    text: str
    norm_text: str
    offsets: OffsetMap


def snippet_sources(store: Store, ids: list[int]) -> dict[int, SnippetSource]:
    """The snippet sources of articles by id, in one query (a full article also loads its
    facts and removed spans, ~1 ms each and unused by a snippet)."""
    if not ids:
        return {}
    marks = ", ".join("?" * len(ids))
    rows = store.execute(
        f"SELECT id, text, norm_text, offsets FROM articles WHERE id IN ({marks})", ids
    ).fetchall()
    return {int(r[0]): SnippetSource(r[1], r[2], OffsetMap(*json.loads(r[3]))) for r in rows}
