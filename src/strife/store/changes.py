"""The change feed: every event stored or merged, numbered in commit order.

`record_change` is called inside the transaction that writes the event, so a change is
visible exactly when its event is. Readers (the dashboard's "newest" list, `strife watch`'s
alerts) remember the last number they saw and ask for what came after it.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any, Sequence

from ..record import Event
from .db import Connection

KINDS = ("new", "merged")


@dataclass(frozen=True)
class Change:
    seq: int
    kind: str           # 'new': first stored; 'merged': another source reported it
    changed_at: str     # ISO timestamp, UTC
    event: Event


def record_change(conn: Connection, event_id: str, kind: str) -> None:
    conn.execute("INSERT INTO event_changes (event_id, kind, changed_at) VALUES (?, ?, ?)",
                 (event_id, kind, datetime.now(timezone.utc).isoformat(timespec="seconds")))


def changes_after(conn: Connection, after: int, where: str, params: list[Any], limit: int,
                  kinds: Sequence[str]) -> list[Change]:
    """Matching events changed after `after`, one row per event (its latest change), by number."""
    kinds = [k for k in kinds if k in KINDS] or list(KINDS)
    marks = ",".join("?" for _ in kinds)
    rows = conn.all(
        "SELECT c.seq, c.kind, c.changed_at, events.record_json FROM event_changes c "
        "JOIN events ON events.id = c.event_id "
        f"WHERE c.seq > ? AND c.kind IN ({marks}) AND ({where}) "
        "AND c.seq = (SELECT MAX(l.seq) FROM event_changes l WHERE l.event_id = c.event_id "
        f"AND l.kind IN ({marks})) ORDER BY c.seq LIMIT ?",
        [after, *kinds, *params, *kinds, limit])
    return [Change(int(r["seq"]), r["kind"], r["changed_at"], Event.from_dict(json.loads(r["record_json"])))
            for r in rows]


def last_change(conn: Connection) -> int:
    return int(conn.one("SELECT COALESCE(MAX(seq), 0) AS n FROM event_changes")["n"])
