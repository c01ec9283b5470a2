"""Facts stored with their spans: entity mentions, figures, date expressions; entity pages."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from storyline.records import (
    Article,
    DateExpr,
    EntityKind,
    Figure,
    Granularity,
    Mention,
    Qualifier,
)
from storyline.store.db import Store


def delete_facts(store: Store, article_id: int) -> None:
    counts = store.execute(
        "SELECT entity, kind, count(*) FROM mentions WHERE article_id = ? GROUP BY entity, kind",
        (article_id,),
    ).fetchall()
    store.executemany(
        "UPDATE entity_stats SET mentions = mentions - ?, articles = articles - 1 "
        "WHERE entity = ? AND kind = ?",
        [(int(r[2]), r[0], r[1]) for r in counts],
    )
    store.executemany(
        "DELETE FROM entity_stats WHERE entity = ? AND kind = ? AND articles <= 0",
        [(r[0], r[1]) for r in counts],
    )
    for table in ("mentions", "figures", "date_exprs"):
        store.execute(f"DELETE FROM {table} WHERE article_id = ?", (article_id,))


@dataclass(slots=True)
class FactRows:
    """The fact rows of a batch of articles, gathered so that each table is written by one
    executemany instead of one per table and article (39k calls for 10k CCTV records). Rows
    keep article order, so ids and entity_stats come out as if each article had been written
    in turn."""

    mentions: list[tuple[object, ...]] = field(default_factory=list)
    stats: list[tuple[str, str, int]] = field(default_factory=list)
    figures: list[tuple[object, ...]] = field(default_factory=list)
    dates: list[tuple[object, ...]] = field(default_factory=list)

    def add(self, article_id: int, article: Article) -> None:
        self.mentions += [
            (article_id, m.start, m.end, m.text, str(m.kind), m.entity) for m in article.mentions
        ]
        counts = Counter((m.entity, str(m.kind)) for m in article.mentions)
        self.stats += [(entity, kind, n) for (entity, kind), n in counts.items()]
        self.figures += [
            (article_id, f.start, f.end, f.text, f.low, f.high, f.unit, str(f.qualifier))
            for f in article.figures
        ]
        self.dates += [
            (
                article_id,
                d.start,
                d.end,
                d.text,
                d.first.isoformat(),
                d.last.isoformat(),
                str(d.granularity),
                int(d.future),
            )
            for d in article.dates
        ]

    def write(self, store: Store) -> None:
        """Insert the gathered rows, then forget them."""
        store.executemany(
            "INSERT INTO mentions(article_id, span_start, span_end, text, kind, entity) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            self.mentions,
        )
        store.executemany(
            "INSERT INTO entity_stats(entity, kind, mentions, articles) VALUES (?, ?, ?, 1) "
            "ON CONFLICT (entity, kind) DO UPDATE SET "
            "mentions = entity_stats.mentions + excluded.mentions, "
            "articles = entity_stats.articles + 1",
            self.stats,
        )
        store.executemany(
            "INSERT INTO figures(article_id, span_start, span_end, text, low, high, unit, "
            "qualifier) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            self.figures,
        )
        store.executemany(
            "INSERT INTO date_exprs(article_id, span_start, span_end, text, first_day, "
            "last_day, granularity, future) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            self.dates,
        )
        self.mentions, self.stats, self.figures, self.dates = [], [], [], []


def load_facts(store: Store, article: Article, article_id: int) -> None:
    """Fill an article's mentions, figures and dates from the store."""
    article.mentions = [
        Mention(r[0], r[1], r[2], EntityKind(r[3]), r[4])
        for r in store.execute(
            "SELECT span_start, span_end, text, kind, entity FROM mentions "
            "WHERE article_id = ? ORDER BY span_start",
            (article_id,),
        ).fetchall()
    ]
    article.figures = [
        Figure(r[0], r[1], r[2], r[3], r[4], r[5], Qualifier(r[6]))
        for r in store.execute(
            "SELECT span_start, span_end, text, low, high, unit, qualifier FROM figures "
            "WHERE article_id = ? ORDER BY span_start",
            (article_id,),
        ).fetchall()
    ]
    article.dates = [
        DateExpr(
            r[0],
            r[1],
            r[2],
            date.fromisoformat(r[3]),
            date.fromisoformat(r[4]),
            Granularity(r[5]),
            bool(r[6]),
        )
        for r in store.execute(
            "SELECT span_start, span_end, text, first_day, last_day, granularity, future "
            "FROM date_exprs WHERE article_id = ? ORDER BY span_start",
            (article_id,),
        ).fetchall()
    ]


@dataclass(frozen=True, slots=True)
class EntityRow:
    name: str
    kind: str
    mentions: int
    articles: int


@dataclass(frozen=True, slots=True)
class EntityPage:
    """What an entity page shows: the entity, its articles, who appears with it, its figures."""

    entity: EntityRow
    article_ids: list[int]
    co_mentioned: list[EntityRow]
    figures: list[tuple[int, Figure]]  # (article id, figure) from sentences naming the entity


# Characters around a mention within which a figure counts as said of the entity: about one
# Chinese sentence (news sentences average 30–60 characters).
FIGURE_REACH = 60


def top_entities(store: Store, *, limit: int, kind: str | None = None) -> list[EntityRow]:
    """The entities in most articles, from the counts kept as facts are saved."""
    where, params = ("WHERE kind = ?", [kind]) if kind else ("", [])
    rows = store.execute(
        f"SELECT entity, kind, mentions, articles FROM entity_stats {where} "
        "ORDER BY articles DESC, entity LIMIT ?",
        [*params, limit],
    ).fetchall()
    return [EntityRow(r[0], r[1], r[2], r[3]) for r in rows]


# Latest articles naming an entity that its page looks through for co-mentions and figures: a
# name in most of the archive (an outlet's own name: 39k of 39k articles on bench/web.py) would
# otherwise make the page read every mention of every article (0.7 s); 200 articles hold a few
# thousand mentions, enough to rank who appears with it now.
ENTITY_SAMPLE = 200


def entity_page(store: Store, name: str, *, limit: int) -> EntityPage | None:
    found = store.execute(
        "SELECT entity, kind, count(*), count(DISTINCT article_id) FROM mentions "
        "WHERE entity = ? GROUP BY entity, kind ORDER BY count(*) DESC LIMIT 1",
        (name,),
    ).fetchone()
    if found is None:
        return None
    sample = latest_naming(store, name, int(found[3]), max(limit, ENTITY_SAMPLE))
    if not sample:  # mentions of articles since removed
        return None
    marks = ", ".join("?" for _ in sample)
    co = store.execute(
        "SELECT o.entity, o.kind, count(*), count(DISTINCT o.article_id) FROM mentions o "
        f"WHERE o.article_id IN ({marks}) AND o.entity <> ? GROUP BY o.entity, o.kind "
        "ORDER BY count(DISTINCT o.article_id) DESC, o.entity LIMIT ?",
        [*sample, name, limit],
    ).fetchall()
    figures = store.execute(
        "SELECT DISTINCT f.article_id, f.span_start, f.span_end, f.text, f.low, f.high, f.unit, "
        "f.qualifier FROM figures f JOIN mentions m ON m.article_id = f.article_id "
        f"WHERE f.article_id IN ({marks}) AND m.entity = ? "
        "AND abs(f.span_start - m.span_start) <= ? "
        "ORDER BY f.article_id DESC, f.span_start LIMIT ?",
        [*sample, name, FIGURE_REACH, limit],
    ).fetchall()
    return EntityPage(
        EntityRow(found[0], found[1], found[2], found[3]),
        sample[:limit],
        [EntityRow(r[0], r[1], r[2], r[3]) for r in co],
        [(r[0], Figure(r[1], r[2], r[3], r[4], r[5], r[6], Qualifier(r[7]))) for r in figures],
    )


def latest_naming(store: Store, name: str, naming: int, limit: int) -> list[int]:
    """Ids of the latest `limit` articles naming `name` (undated last), `naming` of them in all.

    Walking the publication-time index visits about limit * total / naming articles; sorting
    visits all `naming` ones: take the smaller (as `tags.articles_by_tag` does).
    """
    total = int(store.execute("SELECT count(*) FROM articles").fetchone()[0])
    if limit * total < naming * naming:
        return _walk_naming(store, name, limit)
    rows = store.execute(
        "SELECT a.id FROM articles a WHERE a.id IN "
        "(SELECT m.article_id FROM mentions m WHERE m.entity = ?) "
        "ORDER BY a.published_utc IS NULL, a.published_utc DESC, a.id DESC LIMIT ?",
        (name, limit),
    ).fetchall()
    return [int(r[0]) for r in rows]


def _walk_naming(store: Store, name: str, limit: int) -> list[int]:
    named = "EXISTS (SELECT 1 FROM mentions m WHERE m.article_id = a.id AND m.entity = ?)"
    ids = [
        int(r[0])
        for r in store.execute(
            f"SELECT a.id FROM articles a WHERE a.published_utc IS NOT NULL AND {named} "
            "ORDER BY a.published_utc DESC, a.id DESC LIMIT ?",
            (name, limit),
        )
    ]
    if len(ids) < limit:
        ids += [
            int(r[0])
            for r in store.execute(
                f"SELECT a.id FROM articles a WHERE a.published_utc IS NULL AND {named} "
                "ORDER BY a.id DESC LIMIT ?",
                (name, limit - len(ids)),
            )
        ]
    return ids
