"""What `strife watch` remembers between cycles and restarts, kept in the store itself.

- per feed: the ETag and Last-Modified of its last good answer (for a conditional GET),
  its consecutive failures and when to try it again (back-off);
- per item (an article link, guid or file): read already, or given up on after repeated
  failures, so a page is fetched once and a restart does not read it again;
- one row per finished cycle (what `GET /api/stats` reports);
- per alert: how far it has read the change feed and which events it delivered.

Each write is its own small transaction: watch marks an item read only after its article
is stored, so a kill between the two at worst reads that item again, and the store's
content hash keeps it from being stored twice.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any, Iterable

if TYPE_CHECKING:
    from .store import Store


def now_iso() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


@dataclass(frozen=True)
class FeedState:
    source: str
    etag: str | None = None
    last_modified: str | None = None
    failures: int = 0
    retry_after: str | None = None   # ISO timestamp: not polled before it
    last_error: str | None = None
    last_ok: str | None = None


@dataclass(frozen=True)
class CycleRecord:
    started_at: str
    finished_at: str
    sources: int
    failed_sources: int
    new_articles: int
    new_events: int
    merged_events: int
    errors: int

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


class WatchState:
    def __init__(self, store: "Store"):
        self.store = store

    # --- feeds ----------------------------------------------------------------------------

    def feed(self, source: str) -> FeedState:
        with self.store.transaction() as conn:
            row = conn.one("SELECT * FROM watch_feeds WHERE source = ?", (source,))
        if row is None:
            return FeedState(source)
        return FeedState(row["source"], row["etag"], row["last_modified"], int(row["failures"]),
                         row["retry_after"], row["last_error"], row["last_ok"])

    def save_feed(self, state: FeedState) -> None:
        with self.store.transaction() as conn:
            conn.execute("DELETE FROM watch_feeds WHERE source = ?", (state.source,))
            conn.execute("INSERT INTO watch_feeds (source, etag, last_modified, failures, retry_after, last_error, "
                         "last_ok) VALUES (?, ?, ?, ?, ?, ?, ?)",
                         (state.source, state.etag, state.last_modified, state.failures, state.retry_after,
                          state.last_error, state.last_ok))

    # --- items ----------------------------------------------------------------------------

    def done_items(self, items: Iterable[str]) -> set[str]:
        """Which of these items need not be read again (stored, or given up on)."""
        items = list(items)
        done: set[str] = set()
        with self.store.transaction() as conn:
            for start in range(0, len(items), 500):
                chunk = items[start:start + 500]
                marks = ",".join("?" for _ in chunk)
                rows = conn.all(f"SELECT item FROM watch_items WHERE item IN ({marks}) "
                                "AND status IN ('read', 'given up')", chunk)
                done |= {r["item"] for r in rows}
        return done

    def mark_read(self, items: Iterable[tuple[str, str]]) -> None:
        """Mark (item, source) pairs as read."""
        rows = dict(items)
        if not rows:
            return
        with self.store.transaction() as conn:
            for item, source in rows.items():
                _put_item(conn, item, source, "read", 1, None)

    def mark_failed(self, item: str, source: str, reason: str, give_up_after: int) -> bool:
        """Count one failure of `item`; True when it is now given up on."""
        with self.store.transaction() as conn:
            row = conn.one("SELECT attempts FROM watch_items WHERE item = ?", (item,))
            attempts = (int(row["attempts"]) if row else 0) + 1
            status = "given up" if attempts >= give_up_after else "failed"
            _put_item(conn, item, source, status, attempts, reason[:1000])
        return status == "given up"

    # --- cycles ---------------------------------------------------------------------------

    def add_cycle(self, cycle: CycleRecord) -> None:
        with self.store.transaction() as conn:
            conn.execute("INSERT INTO watch_cycles (started_at, finished_at, sources, failed_sources, new_articles, "
                         "new_events, merged_events, errors) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                         (cycle.started_at, cycle.finished_at, cycle.sources, cycle.failed_sources,
                          cycle.new_articles, cycle.new_events, cycle.merged_events, cycle.errors))

    def last_cycle(self) -> CycleRecord | None:
        with self.store.transaction() as conn:
            row = conn.one("SELECT * FROM watch_cycles ORDER BY seq DESC LIMIT 1")
        if row is None:
            return None
        return CycleRecord(row["started_at"], row["finished_at"], int(row["sources"]), int(row["failed_sources"]),
                           int(row["new_articles"]), int(row["new_events"]), int(row["merged_events"]),
                           int(row["errors"]))

    def cycle_count(self) -> int:
        with self.store.transaction() as conn:
            return int(conn.one("SELECT COUNT(*) AS n FROM watch_cycles")["n"])

    # --- alerts ---------------------------------------------------------------------------

    def alert_cursor(self, alert: str, start: int) -> int:
        """How far `alert` has read the change feed; a new alert starts at `start`."""
        with self.store.transaction() as conn:
            row = conn.one("SELECT after_seq FROM alert_cursors WHERE alert = ?", (alert,))
            if row is not None:
                return int(row["after_seq"])
            conn.execute("INSERT INTO alert_cursors (alert, after_seq) VALUES (?, ?)", (alert, start))
        return start

    def move_alert_cursor(self, alert: str, after_seq: int) -> None:
        with self.store.transaction() as conn:
            conn.execute("UPDATE alert_cursors SET after_seq = ? WHERE alert = ?", (after_seq, alert))

    def delivered(self, alert: str, event_id: str) -> bool:
        with self.store.transaction() as conn:
            row = conn.one("SELECT 1 AS d FROM alert_deliveries WHERE alert = ? AND event_id = ?", (alert, event_id))
        return row is not None

    def mark_delivered(self, alert: str, event_id: str, attempts: int, after_seq: int,
                       status: str = "delivered") -> None:
        """Record one delivery ('delivered', or 'refused' by the receiver) and move the cursor past it."""
        with self.store.transaction() as conn:
            conn.execute("INSERT INTO alert_deliveries (alert, event_id, delivered_at, status, attempts) "
                         "VALUES (?, ?, ?, ?, ?)", (alert, event_id, now_iso(), status, attempts))
            conn.execute("UPDATE alert_cursors SET after_seq = ? WHERE alert = ?", (after_seq, alert))

    def deliveries(self, alert: str | None = None) -> list[dict[str, Any]]:
        with self.store.transaction() as conn:
            if alert is None:
                rows = conn.all("SELECT * FROM alert_deliveries ORDER BY delivered_at, event_id")
            else:
                rows = conn.all("SELECT * FROM alert_deliveries WHERE alert = ? ORDER BY delivered_at, event_id",
                                (alert,))
        return [dict(r) for r in rows]


def _put_item(conn, item: str, source: str, status: str, attempts: int, reason: str | None) -> None:
    conn.execute("DELETE FROM watch_items WHERE item = ?", (item,))
    conn.execute("INSERT INTO watch_items (item, source, status, attempts, reason, seen_at) VALUES (?, ?, ?, ?, ?, ?)",
                 (item, source, status, attempts, reason, now_iso()))
