"""Ordered schema migrations. Each runs once, in its own transaction; `user_version` counts them.

Never edit a migration that has shipped: add the next one.
"""

from __future__ import annotations

MIGRATIONS: list[str] = [
    # 1: documents, articles, removed spans, sources, runs, search index
    """
    CREATE TABLE sources (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        kind TEXT NOT NULL DEFAULT 'folder',
        location TEXT,
        error_count INTEGER NOT NULL DEFAULT 0,
        last_error TEXT,
        last_error_at TEXT,
        last_success_at TEXT,
        created_at TEXT NOT NULL
    );
    CREATE TABLE documents (
        sha256 TEXT PRIMARY KEY,
        raw BLOB NOT NULL,
        origin TEXT NOT NULL,
        kind TEXT NOT NULL,
        source_id INTEGER NOT NULL REFERENCES sources(id),
        received_at TEXT NOT NULL,
        charset TEXT,
        url TEXT,
        state TEXT NOT NULL DEFAULT 'new',
        step TEXT,
        reason TEXT,
        message TEXT
    );
    CREATE INDEX documents_state ON documents(state, reason);
    CREATE TABLE articles (
        id INTEGER PRIMARY KEY,
        document TEXT NOT NULL UNIQUE REFERENCES documents(sha256),
        source_id INTEGER NOT NULL REFERENCES sources(id),
        kind TEXT NOT NULL,
        external_id TEXT,
        title TEXT NOT NULL,
        title_derived INTEGER NOT NULL DEFAULT 0,
        published TEXT,
        published_utc TEXT,
        author TEXT,
        outlet TEXT,
        url TEXT,
        lang TEXT,
        script TEXT,
        thumbnail TEXT,
        summary TEXT,
        categories TEXT NOT NULL DEFAULT '[]',
        tags TEXT NOT NULL DEFAULT '[]',
        encoding TEXT,
        text TEXT NOT NULL,
        norm_title TEXT NOT NULL,
        norm_text TEXT NOT NULL,
        offsets TEXT NOT NULL,
        stored_at TEXT NOT NULL
    );
    CREATE INDEX articles_published ON articles(published_utc);
    CREATE INDEX articles_source ON articles(source_id, published_utc);
    CREATE INDEX articles_external ON articles(external_id);
    CREATE TABLE article_tags (
        article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        tag TEXT NOT NULL,
        PRIMARY KEY (tag, article_id)
    ) WITHOUT ROWID;
    CREATE TABLE removed_spans (
        article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        start INTEGER NOT NULL,
        end INTEGER NOT NULL,
        text TEXT NOT NULL,
        reason TEXT NOT NULL
    );
    CREATE INDEX removed_spans_article ON removed_spans(article_id, start);
    CREATE TABLE runs (
        id INTEGER PRIMARY KEY,
        command TEXT NOT NULL,
        started_at TEXT NOT NULL,
        finished_at TEXT
    );
    CREATE TABLE run_steps (
        run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        step TEXT NOT NULL,
        total INTEGER NOT NULL,
        forwarded INTEGER NOT NULL,
        dropped TEXT NOT NULL,
        PRIMARY KEY (run_id, position)
    );
    -- Pre-segmented, normalized tokens (see store/search.py): FTS5's own tokenizers cannot
    -- split Chinese words, and `trigram` misses two-character words.
    CREATE VIRTUAL TABLE search USING fts5(title, body, tokenize = 'unicode61');
    """,
    # 2: feed subscriptions, HTTP validators per URL, items seen, robots.txt, watch lists
    """
    CREATE TABLE feeds (
        source_id INTEGER PRIMARY KEY REFERENCES sources(id) ON DELETE CASCADE,
        url TEXT NOT NULL UNIQUE,
        encoding TEXT,
        timezone TEXT,
        interval_s INTEGER,
        full_text INTEGER NOT NULL DEFAULT 1,
        outlet TEXT,
        site_url TEXT,
        failures INTEGER NOT NULL DEFAULT 0,
        next_fetch_at TEXT,
        last_fetch_at TEXT,
        last_outcome TEXT
    );
    CREATE TABLE http_validators (
        url TEXT PRIMARY KEY,
        etag TEXT,
        last_modified TEXT,
        stored_at TEXT NOT NULL
    );
    CREATE TABLE feed_items (
        source_id INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
        key TEXT NOT NULL,
        document TEXT,
        seen_at TEXT NOT NULL,
        PRIMARY KEY (source_id, key)
    ) WITHOUT ROWID;
    CREATE TABLE robots (
        site TEXT PRIMARY KEY,
        status INTEGER NOT NULL,
        body BLOB NOT NULL,
        fetched_at REAL NOT NULL
    );
    CREATE TABLE watches (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        query TEXT NOT NULL,
        sources TEXT NOT NULL DEFAULT '[]',
        webhook TEXT,
        last_article_id INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL
    );
    """,
]
