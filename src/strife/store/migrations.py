"""The store's schema, as numbered migrations applied in order.

Each migration is a plain function registered with `@migration(version, name)`; it gets a
connection inside a transaction and runs its DDL. `schema_version` records what has been
applied, so opening a store applies only what is missing, and a database written by a
newer strife is refused instead of being half-understood. A new schema change is a new
function with the next number; applied migrations are never edited.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Callable

from .db import Connection
from .errors import StoreError


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    apply: Callable[[Connection], None]


MIGRATIONS: list[Migration] = []


def migration(version: int, name: str) -> Callable[[Callable[[Connection], None]], Callable[[Connection], None]]:
    def register(func: Callable[[Connection], None]) -> Callable[[Connection], None]:
        if MIGRATIONS and MIGRATIONS[-1].version != version - 1:
            raise RuntimeError(f"migration {version} registered out of order")
        MIGRATIONS.append(Migration(version, name, func))
        return func

    return register


@migration(1, "articles, events, event_sources, article_bands")
def _v1_initial(conn: Connection) -> None:
    blob, real = conn.dialect.blob, conn.dialect.float
    statements = [
        f"""CREATE TABLE articles (
            id TEXT PRIMARY KEY,
            content_hash TEXT NOT NULL UNIQUE,
            title TEXT,
            url TEXT,
            source TEXT,
            published TEXT,
            clean_text TEXT NOT NULL,
            ingested_at TEXT NOT NULL,
            duplicate_of TEXT REFERENCES articles(id),
            minhash {blob} NOT NULL
        )""",
        "CREATE INDEX articles_published ON articles (published)",
        # LSH band keys of each article's MinHash: equal keys make near-duplicate candidates.
        """CREATE TABLE article_bands (
            band_key TEXT NOT NULL,
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            PRIMARY KEY (band_key, article_id)
        )""",
        f"""CREATE TABLE events (
            id TEXT PRIMARY KEY,
            article_id TEXT NOT NULL REFERENCES articles(id),
            sort_date TEXT NOT NULL,
            date TEXT,
            time_precision INTEGER NOT NULL,
            event_type TEXT NOT NULL,
            sub_event_type TEXT NOT NULL,
            plover_type TEXT,
            plover_mode TEXT,
            actor1_name TEXT,
            actor1_type TEXT,
            actor1_country TEXT,
            actor2_name TEXT,
            actor2_type TEXT,
            actor2_country TEXT,
            location_name TEXT,
            admin1 TEXT,
            country_name TEXT,
            country TEXT,
            latitude {real},
            longitude {real},
            geo_precision INTEGER,
            geonameid BIGINT,
            fatalities INTEGER NOT NULL,
            fatalities_low INTEGER,
            fatalities_high INTEGER,
            injured INTEGER,
            displaced INTEGER,
            arrested INTEGER,
            claimed_by TEXT,
            evidence_text TEXT NOT NULL,
            evidence_start INTEGER NOT NULL,
            evidence_end INTEGER NOT NULL,
            confidence {real} NOT NULL,
            n_sources INTEGER NOT NULL,
            record_json TEXT NOT NULL
        )""",
        "CREATE INDEX events_order ON events (sort_date, id)",
        "CREATE INDEX events_country ON events (country, sort_date)",
        "CREATE INDEX events_type_date ON events (event_type, date)",
        "CREATE INDEX events_sub_type ON events (sub_event_type)",
        "CREATE INDEX events_lat_lon ON events (latitude, longitude)",
        "CREATE INDEX events_article ON events (article_id)",
        # One row per (event, article): 'report' rows keep what that article said
        # (report_json, evidence); 'duplicate' rows link a near-duplicate copy.
        """CREATE TABLE event_sources (
            event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
            article_id TEXT NOT NULL REFERENCES articles(id),
            position INTEGER NOT NULL,
            relation TEXT NOT NULL CHECK (relation IN ('report', 'duplicate')),
            report_json TEXT,
            evidence_text TEXT,
            evidence_start INTEGER,
            evidence_end INTEGER,
            PRIMARY KEY (event_id, article_id)
        )""",
        "CREATE INDEX event_sources_article ON event_sources (article_id)",
    ]
    for statement in statements:
        conn.execute(statement)



@migration(2, "covering indexes for /api/stats")
def _v2_stats_indexes(conn: Connection) -> None:
    # Found by bench/load_test.py: over 100,000 events an unfiltered /api/stats took ~0.8 s,
    # because summing fatalities per country or event type read every (large) events row.
    # With these, each of its GROUP BYs reads only a small index (~10x faster).
    for statement in (
        "CREATE INDEX events_stats_day ON events (date, event_type, fatalities)",
        "CREATE INDEX events_stats_country ON events (country, fatalities)",
        "CREATE INDEX events_stats_type ON events (event_type, fatalities)",
    ):
        conn.execute(statement)


@migration(3, "event_changes (what was added when) and the state of `strife watch`")
def _v3_changes_and_watch(conn: Connection) -> None:
    serial = conn.dialect.serial_key
    for statement in (
        # One row per event stored ('new') or given another source ('merged'), numbered in
        # commit order (one writer at a time): readers poll it with "after seq N".
        f"""CREATE TABLE event_changes (
            seq {serial},
            event_id TEXT NOT NULL REFERENCES events(id),
            kind TEXT NOT NULL,
            changed_at TEXT NOT NULL
        )""",
        "CREATE INDEX event_changes_event ON event_changes (event_id)",
        # Events stored before this migration count as added, in date order.
        "INSERT INTO event_changes (event_id, kind, changed_at) SELECT e.id, 'new', a.ingested_at "
        "FROM events e JOIN articles a ON a.id = e.article_id ORDER BY e.sort_date, e.id",
        # Per feed: what to send for a conditional GET, and its failures for back-off.
        """CREATE TABLE watch_feeds (
            source TEXT PRIMARY KEY,
            etag TEXT,
            last_modified TEXT,
            failures INTEGER NOT NULL DEFAULT 0,
            retry_after TEXT,
            last_error TEXT,
            last_ok TEXT
        )""",
        # Items already read (article stored, or given up on), so pages are fetched once.
        """CREATE TABLE watch_items (
            item TEXT PRIMARY KEY,
            source TEXT NOT NULL,
            status TEXT NOT NULL,
            attempts INTEGER NOT NULL,
            reason TEXT,
            seen_at TEXT NOT NULL
        )""",
        f"""CREATE TABLE watch_cycles (
            seq {serial},
            started_at TEXT NOT NULL,
            finished_at TEXT NOT NULL,
            sources INTEGER NOT NULL,
            failed_sources INTEGER NOT NULL,
            new_articles INTEGER NOT NULL,
            new_events INTEGER NOT NULL,
            merged_events INTEGER NOT NULL,
            errors INTEGER NOT NULL
        )""",
        # Alerts: how far each has read event_changes, and every event it delivered.
        "CREATE TABLE alert_cursors (alert TEXT PRIMARY KEY, after_seq BIGINT NOT NULL)",
        """CREATE TABLE alert_deliveries (
            alert TEXT NOT NULL,
            event_id TEXT NOT NULL,
            delivered_at TEXT NOT NULL,
            status TEXT NOT NULL,
            attempts INTEGER NOT NULL,
            PRIMARY KEY (alert, event_id)
        )""",
    ):
        conn.execute(statement)


def current_version(conn: Connection) -> int:
    """The highest applied migration, 0 for an empty database."""
    if not _has_version_table(conn):
        return 0
    row = conn.one("SELECT MAX(version) AS v FROM schema_version")
    return int(row["v"] or 0)


def latest_version() -> int:
    return MIGRATIONS[-1].version


def migrate(conn: Connection) -> int:
    """Apply every migration the database lacks, each in its own transaction; the new version."""
    with conn.transaction():
        if not _has_version_table(conn):
            conn.execute("CREATE TABLE schema_version (version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
                         "applied_at TEXT NOT NULL)")
    version = current_version(conn)
    if version > latest_version():
        raise StoreError(f"the database has schema version {version}, newer than this strife knows "
                         f"({latest_version()}): upgrade strife to use it")
    for step in MIGRATIONS[version:]:
        with conn.transaction():
            # Re-checked under the write lock: another process may have just applied it.
            if current_version(conn) >= step.version:
                continue
            step.apply(conn)
            conn.execute("INSERT INTO schema_version (version, name, applied_at) VALUES (?, ?, ?)",
                         (step.version, step.name, datetime.now(timezone.utc).isoformat(timespec="seconds")))
    return current_version(conn)


def _has_version_table(conn: Connection) -> bool:
    if conn.dialect.name == "postgresql":
        row = conn.one("SELECT to_regclass('schema_version') IS NOT NULL AS present")
        return bool(row["present"])
    row = conn.one("SELECT COUNT(*) AS n FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'")
    return bool(row["n"])
