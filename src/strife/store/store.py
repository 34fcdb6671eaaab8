"""The store: articles and their events in SQLite or PostgreSQL, behind one small class.

Writing (`Store.add_results`) takes pipeline results and, in one transaction per call:

1. skips an article whose clean text is already stored (the content hash is the
   idempotency key), and refuses one whose id is stored with another text;
2. links a near-duplicate article (dedup's MinHash/LSH, band keys kept in
   `article_bands`) to the article it copies: it becomes a source of that article's
   events and adds no events of its own;
3. merges each event into a stored event reported by another article when dedup says they
   are the same event; otherwise stores it as a new event. A merged event's record is
   rebuilt from every report kept in `event_sources`.

Articles are handled strictly in the order given and each one only reads what earlier
ones wrote, so a batch that is interrupted (the transaction is then rolled back) and run
again ends in the same rows as a run that was never interrupted.

Reading returns `Event` records rebuilt from the stored JSON; the columns beside it are
there to filter on.
"""
from __future__ import annotations

import hashlib
import json
import queue
import threading
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field, replace
from datetime import date, datetime, timedelta, timezone
from math import cos, radians
from typing import TYPE_CHECKING, Any, Iterable, Iterator, Sequence

from .. import dedup
from ..errors import ArticleError, BadInputError, UsageError
from ..record import Event, Evidence, Source
from ..tuning import TUNING
from .db import Connection, connect, resolve_url
from .errors import NotFoundError, StoreError
from .changes import Change, changes_after, last_change, record_change
from .filters import UNKNOWN_DATE, EventFilter, decode_cursor, encode_cursor
from .migrations import migrate

if TYPE_CHECKING:
    from ..pipeline import ArticleResult

MAX_PAGE = 1000
POOL_TIMEOUT = 30.0
# 25 km in degrees of latitude, with room to spare; longitude is widened by latitude.
_MERGE_DEGREES = TUNING.merge_max_km_apart / 111.0 * 1.1

EVENT_COLUMNS = (
    "id", "article_id", "sort_date", "date", "time_precision", "event_type", "sub_event_type",
    "plover_type", "plover_mode", "actor1_name", "actor1_type", "actor1_country",
    "actor2_name", "actor2_type", "actor2_country", "location_name", "admin1", "country_name",
    "country", "latitude", "longitude", "geo_precision", "geonameid", "fatalities",
    "fatalities_low", "fatalities_high", "injured", "displaced", "arrested", "claimed_by",
    "evidence_text", "evidence_start", "evidence_end", "confidence", "n_sources", "record_json",
)


def content_hash(text: str) -> str:
    """The idempotency key of an article: SHA-256 of its clean text."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass
class AddReport:
    """What one `add_results` call did, article by article."""

    stored: list[str] = field(default_factory=list)
    already_stored: list[str] = field(default_factory=list)
    near_duplicates: dict[str, str] = field(default_factory=dict)  # article id -> original
    skipped: list[BadInputError] = field(default_factory=list)
    new_events: int = 0
    merged_events: int = 0

    def extend(self, other: "AddReport") -> None:
        self.stored += other.stored
        self.already_stored += other.already_stored
        self.near_duplicates.update(other.near_duplicates)
        self.skipped += other.skipped
        self.new_events += other.new_events
        self.merged_events += other.merged_events


@dataclass(frozen=True)
class Report:
    """One article's part in an event: what it said ('report') or that it copies one ('duplicate')."""

    source: Source
    relation: str
    evidence: Evidence | None
    event: Event | None  # the event as read from this article alone


@dataclass(frozen=True)
class EventDetail:
    event: Event
    reports: list[Report]


@dataclass(frozen=True)
class StoredArticle:
    id: str
    content_hash: str
    title: str | None
    url: str | None
    source: str | None
    published: str | None
    text: str
    ingested_at: str
    duplicate_of: str | None
    events: list[Event]


@dataclass(frozen=True)
class Page:
    events: list[Event]
    next_cursor: str | None


@dataclass(frozen=True)
class Stats:
    events: int
    fatalities: int
    by_day: list[dict[str, Any]]
    by_country: list[dict[str, Any]]
    by_event_type: list[dict[str, Any]]
    # One row per (day, event type) with events: what the dashboard's timeline stacks.
    by_day_and_type: list[dict[str, Any]] = field(default_factory=list)


class Store:
    """Events and articles in the database at `url` (PostgreSQL URL or SQLite file).

    Without a URL: $STRIFE_DB, else `strife.db` in the working folder. Opening applies any
    missing migrations. Connections come from a small pool, so one Store can serve a
    threaded web server.
    """

    def __init__(self, url: str | None = None, max_connections: int = 8):
        self.url = resolve_url(url)
        self._idle: queue.LifoQueue[Connection] = queue.LifoQueue()
        self._slots = threading.BoundedSemaphore(max_connections)
        with self._connection() as conn:
            self.schema_version = migrate(conn)

    # --- connections ----------------------------------------------------------------

    @contextmanager
    def _connection(self) -> Iterator[Connection]:
        """A connection from the pool (at most max_connections open; waits for a free one)."""
        if not self._slots.acquire(timeout=POOL_TIMEOUT):
            raise StoreError(f"no free database connection after {POOL_TIMEOUT} s")
        try:
            try:
                conn = self._idle.get_nowait()
            except queue.Empty:
                conn = connect(self.url)
            broken = False
            try:
                yield conn
            except StoreError:
                broken = True  # a driver error may leave the connection unusable: drop it
                raise
            finally:
                if broken:
                    conn.close()
                else:
                    self._idle.put(conn)
        finally:
            self._slots.release()

    @contextmanager
    def transaction(self) -> Iterator[Connection]:
        """A pooled connection inside one transaction (for the store's own helpers, e.g. WatchState)."""
        with self._connection() as conn, conn.transaction():
            yield conn

    def close(self) -> None:
        while True:
            try:
                conn = self._idle.get_nowait()
            except queue.Empty:
                return
            conn.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- writing ----------------------------------------------------------------------

    def add_results(self, results: Iterable["ArticleResult"]) -> AddReport:
        """Store a batch of pipeline results in one transaction (see the module docstring).

        When one article trips a fault while it is stored (anything but a database error),
        the batch is rolled back and stored again one article per transaction: the faulty
        article is reported in `skipped` (stage "store") and the others are kept."""
        results = list(results)
        try:
            return self._add_in_one_transaction(results)
        except StoreError:
            raise
        except Exception:  # noqa: BLE001 - find the article at fault, keep the rest
            if len(results) == 1:
                return self._skip_faulty(results[0])
        report = AddReport()
        for result in results:
            try:
                report.extend(self._add_in_one_transaction([result]))
            except StoreError:
                raise
            except Exception:  # noqa: BLE001
                report.extend(self._skip_faulty(result))
        return report

    def _add_in_one_transaction(self, results: list["ArticleResult"]) -> AddReport:
        report = AddReport()
        with self._connection() as conn, conn.transaction():
            for result in results:
                _add_article(conn, result, report)
        return report

    @staticmethod
    def _skip_faulty(result: "ArticleResult") -> AddReport:
        import sys
        import traceback

        kind, exc, _ = sys.exc_info()
        name = kind.__name__ if kind else "error"
        return AddReport(skipped=[ArticleError(result.article.id, "store", f"{name}: {exc}", traceback.format_exc())])

    def known_hashes(self, hashes: Sequence[str]) -> set[str]:
        """Which of these content hashes are stored already."""
        if not hashes:
            return set()
        marks = ",".join("?" for _ in hashes)
        with self._connection() as conn:
            rows = conn.all(f"SELECT content_hash FROM articles WHERE content_hash IN ({marks})", hashes)
        return {r["content_hash"] for r in rows}

    # --- reading ----------------------------------------------------------------------

    def events(self, filter: EventFilter | None = None, **filters: Any) -> list[Event]:
        """Every stored event matching the filter (or the keyword filters), in date order."""
        flt = _filter(filter, filters)
        where, params = flt.where()
        with self._connection() as conn:
            rows = conn.all(f"SELECT record_json FROM events WHERE {where} ORDER BY sort_date, id", params)
        return [_event(r["record_json"]) for r in rows]

    def page(self, filter: EventFilter | None = None, limit: int = 100, cursor: str | None = None) -> Page:
        """One page of matching events in date order; pass `next_cursor` back for the next."""
        if not 1 <= limit <= MAX_PAGE:
            raise UsageError(f"limit must be between 1 and {MAX_PAGE}")
        where, params = _filter(filter, {}).where()
        if cursor:
            after_date, after_id = decode_cursor(cursor)
            where += " AND (sort_date > ? OR (sort_date = ? AND id > ?))"
            params += [after_date, after_date, after_id]
        with self._connection() as conn:
            rows = conn.all(
                f"SELECT sort_date, id, record_json FROM events WHERE {where} ORDER BY sort_date, id LIMIT ?",
                params + [limit + 1])
        more = len(rows) > limit
        rows = rows[:limit]
        next_cursor = encode_cursor(rows[-1]["sort_date"], rows[-1]["id"]) if more else None
        return Page([_event(r["record_json"]) for r in rows], next_cursor)

    def count(self, filter: EventFilter | None = None) -> int:
        where, params = _filter(filter, {}).where()
        with self._connection() as conn:
            return int(conn.one(f"SELECT COUNT(*) AS n FROM events WHERE {where}", params)["n"])

    def event(self, event_id: str) -> EventDetail:
        if "\x00" in event_id:  # never stored (see _add_article), and PostgreSQL cannot compare it
            raise NotFoundError("event", event_id)
        with self._connection() as conn:
            row = conn.one("SELECT record_json FROM events WHERE id = ?", (event_id,))
            if row is None:
                raise NotFoundError("event", event_id)
            return EventDetail(_event(row["record_json"]), _reports(conn, event_id))

    def article(self, article_id: str) -> StoredArticle:
        if "\x00" in article_id:
            raise NotFoundError("article", article_id)
        with self._connection() as conn:
            row = conn.one("SELECT * FROM articles WHERE id = ?", (article_id,))
            if row is None:
                raise NotFoundError("article", article_id)
            events = conn.all(
                "SELECT e.record_json FROM events e JOIN event_sources s ON s.event_id = e.id "
                "WHERE s.article_id = ? ORDER BY e.sort_date, e.id", (article_id,))
        return StoredArticle(
            id=row["id"], content_hash=row["content_hash"], title=row["title"], url=row["url"],
            source=row["source"], published=row["published"], text=row["clean_text"],
            ingested_at=row["ingested_at"], duplicate_of=row["duplicate_of"],
            events=[_event(r["record_json"]) for r in events])

    def stats(self, filter: EventFilter | None = None) -> Stats:
        """Event and fatality counts in total, by day, by country (ISO3) and by event type."""
        where, params = _filter(filter, {}).where()
        with self._connection() as conn:
            return _stats(conn, where, params)

    def changes(self, after: int = 0, filter: EventFilter | None = None, limit: int = 100,
                kinds: Sequence[str] = ("new", "merged")) -> list[Change]:
        """Events added or merged after change number `after`, oldest first, each at its latest change."""
        if not 1 <= limit <= MAX_PAGE:
            raise UsageError(f"limit must be between 1 and {MAX_PAGE}")
        where, params = _filter(filter, {}).where()
        with self._connection() as conn:
            return changes_after(conn, after, where, params, limit, kinds)

    def last_change(self) -> int:
        """The number of the newest change (0 when nothing is stored)."""
        with self._connection() as conn:
            return last_change(conn)

    def ping(self) -> None:
        """Raise StoreError unless the database answers."""
        with self._connection() as conn:
            conn.one("SELECT 1 AS ok")

    def table_counts(self) -> dict[str, int]:
        """Rows per table (for checks and reports)."""
        with self._connection() as conn:
            return {t: int(conn.one(f"SELECT COUNT(*) AS n FROM {t}")["n"])
                    for t in ("articles", "article_bands", "events", "event_sources")}


def _stats(conn: Connection, where: str, params: list[Any]) -> Stats:
    total = conn.one(f"SELECT COUNT(*) AS n, COALESCE(SUM(fatalities), 0) AS f FROM events WHERE {where}", params)

    def grouped(column: str, order: str) -> list[dict[str, Any]]:
        rows = conn.all(f"SELECT {column} AS k, COUNT(*) AS n, COALESCE(SUM(fatalities), 0) AS f "
                        f"FROM events WHERE {where} GROUP BY {column} ORDER BY {order}", params)
        return [{"key": r["k"], "events": int(r["n"]), "fatalities": int(r["f"])} for r in rows]

    by_day = [d for d in grouped("date", "k") if d["key"] is not None]
    rows = conn.all(f"SELECT date AS k, event_type AS t, COUNT(*) AS n, COALESCE(SUM(fatalities), 0) AS f "
                    f"FROM events WHERE ({where}) AND date IS NOT NULL GROUP BY date, event_type ORDER BY date, event_type",
                    params)
    by_day_and_type = [{"key": r["k"], "event_type": r["t"], "events": int(r["n"]), "fatalities": int(r["f"])}
                       for r in rows]
    return Stats(int(total["n"]), int(total["f"]), by_day,
                 grouped("country", "n DESC, k"), grouped("event_type", "n DESC, k"), by_day_and_type)


# --- writing, one article at a time -------------------------------------------------------

def _add_article(conn: Connection, result: "ArticleResult", report: AddReport) -> None:
    article = result.article
    nul = _field_with_nul(article)
    if nul:  # PostgreSQL refuses the row and the whole batch with it; SQLite would keep it: neither does
        report.skipped.append(BadInputError(article.id.replace("\x00", "\\x00"),
                                            f"its {nul} contains a NUL character, which the store cannot keep"))
        return
    digest = content_hash(article.text)
    clashes = conn.all("SELECT id, content_hash FROM articles WHERE content_hash = ? OR id = ?", (digest, article.id))
    if any(row["content_hash"] == digest for row in clashes):
        report.already_stored.append(article.id)
        return
    if clashes:
        report.skipped.append(BadInputError(
            article.id, "an article with this id but a different text is already stored; give it a new id"))
        return
    sig = dedup.signature(article.text)
    original = _near_duplicate_of(conn, sig)
    _insert_article(conn, result, digest, sig, original)
    report.stored.append(article.id)
    if original is not None:
        report.near_duplicates[article.id] = original
        _link_duplicate(conn, article.id, original)
        return
    keys = dedup.band_keys(sig)
    conn.execute("INSERT INTO article_bands (band_key, article_id) VALUES " + ", ".join("(?, ?)" for _ in keys),
                 [v for key in keys for v in (key, article.id)])
    source = Source(article.id, article.url, article.source, article.published)
    for event in result.events:
        target = _merge_into_stored(conn, event)
        if target is not None:
            report.merged_events += 1
            record_change(conn, target, "merged")
        else:
            _insert_event(conn, event, source)
            report.new_events += 1
            record_change(conn, event.event_id, "new")


def _field_with_nul(article) -> str | None:
    for name in ("id", "title", "url", "source", "published", "text"):
        value = getattr(article, name)
        if isinstance(value, str) and "\x00" in value:
            return name
    return None


def _near_duplicate_of(conn: Connection, sig) -> str | None:
    keys = dedup.band_keys(sig)
    marks = ",".join("?" for _ in keys)
    rows = conn.all(
        "SELECT DISTINCT a.id, a.minhash FROM article_bands b JOIN articles a ON a.id = b.article_id "
        f"WHERE b.band_key IN ({marks}) ORDER BY a.id", keys)
    best, best_score = None, TUNING.near_duplicate_threshold
    for row in rows:  # the most similar; the first id on a tie
        score = dedup.similarity(sig, dedup.signature_from_bytes(row["minhash"]))
        if score > best_score or (best is None and score >= best_score):
            best, best_score = row["id"], score
    return best


def _insert_article(conn: Connection, result: "ArticleResult", digest: str, sig, original: str | None) -> None:
    a = result.article
    conn.execute(
        "INSERT INTO articles (id, content_hash, title, url, source, published, clean_text, "
        "ingested_at, duplicate_of, minhash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (a.id, digest, a.title, a.url, a.source, a.published, a.text,
         datetime.now(timezone.utc).isoformat(timespec="seconds"), original, dedup.signature_to_bytes(sig)))


def _link_duplicate(conn: Connection, article_id: str, original: str) -> None:
    rows = conn.all("SELECT event_id FROM event_sources WHERE article_id = ? AND relation = 'report' "
                    "ORDER BY event_id", (original,))
    for row in rows:
        _insert_link(conn, row["event_id"], article_id, "duplicate", None)
        _rebuild_event(conn, row["event_id"])
        record_change(conn, row["event_id"], "merged")


def _merge_into_stored(conn: Connection, event: Event) -> str | None:
    """Merge `event` into the first stored event it reports again: that event's id, or None."""
    if not dedup.mergeable(event):
        return None
    target = next((c for c in _merge_candidates(conn, event) if dedup.same_event(c, event)), None)
    if target is None:
        return None
    _insert_link(conn, target.event_id, event.article_id, "report", event)
    _rebuild_event(conn, target.event_id)
    return target.event_id


def _merge_candidates(conn: Connection, event: Event) -> list[Event]:
    day = date.fromisoformat(event.date)
    lat, lon = event.location.latitude, event.location.longitude
    dlon = min(180.0, _MERGE_DEGREES / max(cos(radians(lat)), 0.01))
    rows = conn.all(
        "SELECT record_json FROM events WHERE event_type = ? AND date BETWEEN ? AND ? "
        "AND latitude BETWEEN ? AND ? AND longitude BETWEEN ? AND ? "
        "AND NOT EXISTS (SELECT 1 FROM event_sources s WHERE s.event_id = events.id AND s.article_id = ?) "
        "ORDER BY sort_date, id",
        (event.event_type, (day - timedelta(days=TUNING.merge_max_days_apart)).isoformat(),
         (day + timedelta(days=TUNING.merge_max_days_apart)).isoformat(),
         lat - _MERGE_DEGREES, lat + _MERGE_DEGREES, lon - dlon, lon + dlon, event.article_id))
    return [_event(r["record_json"]) for r in rows]


def _insert_event(conn: Connection, event: Event, source: Source) -> None:
    # Serialised once: the stored record is the report with its article as the one source.
    report = event.to_dict()
    record = {**report, "sources": [asdict(source)]}
    marks = ", ".join("?" for _ in EVENT_COLUMNS)
    conn.execute(f"INSERT INTO events ({', '.join(EVENT_COLUMNS)}) VALUES ({marks})",
                 _event_values(replace(event, sources=[source]), json.dumps(record, ensure_ascii=False)))
    _insert_link(conn, event.event_id, event.article_id, "report", event, json.dumps(report, ensure_ascii=False))


def _insert_link(conn: Connection, event_id: str, article_id: str, relation: str, event: Event | None,
                 report_json: str | None = None) -> None:
    ev = event.evidence if event else None
    # The position is the number of links the event already has: sources keep their order.
    conn.execute(
        "INSERT INTO event_sources (event_id, article_id, position, relation, report_json, evidence_text, "
        "evidence_start, evidence_end) SELECT ?, ?, COUNT(*), ?, ?, ?, ?, ? FROM event_sources WHERE event_id = ?",
        (event_id, article_id, relation,
         (report_json or json.dumps(event.to_dict(), ensure_ascii=False)) if event else None,
         ev.text if ev else None, ev.start if ev else None, ev.end if ev else None, event_id))


def _rebuild_event(conn: Connection, event_id: str) -> None:
    """Recompute a stored event from its reports and write every column."""
    reports = _reports(conn, event_id)
    merged = dedup.merge_events([r.event for r in reports if r.event is not None])
    merged.sources = [r.source for r in reports]
    values = _event_values(merged, json.dumps(merged.to_dict(), ensure_ascii=False))
    sets = ", ".join(f"{c} = ?" for c in EVENT_COLUMNS[1:])
    conn.execute(f"UPDATE events SET {sets} WHERE id = ?", list(values[1:]) + [event_id])


def _event_values(e: Event, record: str) -> tuple:
    loc, a1, a2 = e.location, e.actor1, e.actor2
    return (
        e.event_id, e.article_id, e.date or UNKNOWN_DATE, e.date, e.time_precision, e.event_type, e.sub_event_type,
        e.plover.type if e.plover else None, e.plover.mode if e.plover else None,
        a1.name if a1 else None, a1.type if a1 else None, a1.country if a1 else None,
        a2.name if a2 else None, a2.type if a2 else None, a2.country if a2 else None,
        loc.name if loc else None, loc.admin1 if loc else None, loc.country if loc else None,
        loc.iso3 if loc else None, loc.latitude if loc else None, loc.longitude if loc else None,
        loc.geo_precision if loc else None, loc.geonameid if loc else None,
        e.fatalities, e.fatalities_low, e.fatalities_high, e.injured, e.displaced, e.arrested, e.claimed_by,
        e.evidence.text, e.evidence.start, e.evidence.end, e.confidence, len(e.sources), record,
    )


# --- reading helpers -----------------------------------------------------------------------

def _reports(conn: Connection, event_id: str) -> list[Report]:
    rows = conn.all(
        "SELECT s.article_id, s.relation, s.report_json, s.evidence_text, s.evidence_start, s.evidence_end, "
        "a.url, a.source, a.published FROM event_sources s JOIN articles a ON a.id = s.article_id "
        "WHERE s.event_id = ? ORDER BY s.position", (event_id,))
    return [Report(
        source=Source(r["article_id"], r["url"], r["source"], r["published"]),
        relation=r["relation"],
        evidence=Evidence(r["evidence_text"], r["evidence_start"], r["evidence_end"])
        if r["evidence_text"] is not None else None,
        event=_event(r["report_json"]) if r["report_json"] else None,
    ) for r in rows]


def _event(record_json: str) -> Event:
    return Event.from_dict(json.loads(record_json))


def _filter(filter: EventFilter | None, filters: dict[str, Any]) -> EventFilter:
    if filter is not None and filters:
        raise UsageError("pass either an EventFilter or keyword filters, not both")
    return filter if filter is not None else EventFilter.parse(**filters)
