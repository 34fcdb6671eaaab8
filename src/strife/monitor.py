"""`strife watch`: keep a store current from feeds and folders, one cycle at a time.

    watcher = Watcher(sources, store, pipeline, client, alerts=[...], sender=Sender())
    report = watcher.cycle()          # poll everything once; `run` repeats it every N seconds

One cycle:
1. expands the SOURCEs again (a feed list or folder may have grown, `sources/watched.py`);
2. polls each feed whose back-off has passed, with a conditional GET; a feed that fails is
   reported, waits `backoff(failures)` before its next try, and never stops the others;
3. reads only the items not read before (`WatchState`), fetching each page politely,
   and ingests them feed by feed (`ingest.py`: transactional batches, content-hash
   idempotency, faults isolated per article);
4. marks the items read once their articles are stored; an item that fails is retried on
   later cycles and given up on after `give_up_after` tries (at once for a bad article,
   such as one in another language), always reported with its feed and item;
5. delivers the alerts (`alerts.py`) and records the cycle (`GET /api/stats` shows it).

A kill at any point loses nothing: what was stored is committed, what was not is read
again on the next cycle, and nothing is stored twice.
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta, timezone
from typing import TYPE_CHECKING, Callable, Iterable

from .alerts import Alert, Sender, deliver, start_alerts
from .articles import read_inputs
from .errors import BadInputError
from .ingest import ingest
from .sources.feeds import FetchError, PoliteClient, item_article
from .sources.watched import FeedSource, FolderSource, WatchedSource, expand, poll_feed
from .store.watch_state import CycleRecord, FeedState, WatchState, now_iso

if TYPE_CHECKING:
    from .pipeline import Pipeline
    from .store import AddReport, Store


@dataclass(frozen=True)
class WatchOptions:
    batch_size: int = 50
    give_up_after: int = 3          # tries of one failing item before it is given up on
    backoff_base: float = 60.0      # a failed feed waits base * 2**(failures-1) seconds...
    backoff_max: float = 3600.0     # ...at most this long
    settle: float = 1.0             # a folder's file must be this many seconds old to be read
    published: str | None = None    # date for articles that give none


@dataclass
class CycleReport:
    started_at: str = ""
    sources: int = 0
    polled: int = 0
    not_modified: int = 0
    waiting: int = 0                 # feeds still in back-off
    failed_sources: list[str] = field(default_factory=list)
    new_articles: int = 0
    new_events: int = 0
    merged_events: int = 0
    errors: list[str] = field(default_factory=list)   # "source item: reason", one per bad item
    delivered: int = 0
    seconds: float = 0.0

    def add(self, report: "AddReport") -> None:
        self.new_articles += len(report.stored)
        self.new_events += report.new_events
        self.merged_events += report.merged_events

    def line(self, number: int) -> str:
        failed = f", {len(self.failed_sources)} failed" if self.failed_sources else ""
        waiting = f", {self.waiting} waiting to retry" if self.waiting else ""
        alerts = f", {self.delivered} alert(s) sent" if self.delivered else ""
        return (f"cycle {number}: {self.polled} of {self.sources} source(s) polled ({self.not_modified} unchanged"
                f"{failed}{waiting}), {self.new_articles} new article(s), {self.new_events} new event(s), "
                f"{self.merged_events} merged, {len(self.errors)} error(s){alerts} in {self.seconds:.1f} s")

    def record(self) -> CycleRecord:
        return CycleRecord(self.started_at, now_iso(), self.sources, len(self.failed_sources), self.new_articles,
                           self.new_events, self.merged_events, len(self.errors))


def backoff(failures: int, base: float, limit: float) -> float:
    """Seconds a feed waits after `failures` failures in a row."""
    return min(limit, base * 2 ** max(0, failures - 1))


class Watcher:
    def __init__(self, sources: list[str], store: "Store", pipeline: "Pipeline", client: PoliteClient,
                 alerts: list[Alert] | None = None, sender: Sender | None = None,
                 options: WatchOptions = WatchOptions(), log: Callable[[str], None] = print,
                 now: Callable[[], datetime] = lambda: datetime.now(timezone.utc)):
        self.names, self.store, self.pipeline, self.client = sources, store, pipeline, client
        self.alerts, self.sender = alerts or [], sender
        self.options, self.log, self.now = options, log, now
        self.state = WatchState(store)
        expand(sources)   # a SOURCE that is none is a usage error before the first cycle
        start_alerts(self.alerts, store, self.state)

    def run(self, every: float, once: bool = False, stop: Callable[[], bool] = lambda: False,
            sleep: Callable[[float], None] = time.sleep) -> int:
        """Cycle until `stop()` (or once); the number of cycles run."""
        cycles = 0
        while True:
            started = time.monotonic()
            self.cycle()
            cycles += 1
            if once or stop():
                return cycles
            pause = every - (time.monotonic() - started)
            while pause > 0 and not stop():
                sleep(min(pause, 0.5))
                pause -= 0.5

    def cycle(self) -> CycleReport:
        report = CycleReport(started_at=now_iso())
        started = time.monotonic()
        try:
            sources = expand(self.names)
        except Exception as exc:  # noqa: BLE001 - a feed list that became unreadable: keep watching
            report.errors.append(f"sources: {exc}")
            sources = []
        report.sources = len(sources)
        for source in sources:
            self._poll_source(source, report)
        if self.alerts and self.sender is not None:
            sent = deliver(self.alerts, self.store, self.state, self.sender)
            report.delivered = sent.delivered
            report.errors += sent.failed
        report.seconds = time.monotonic() - started
        self.state.add_cycle(report.record())
        self.log(report.line(self.state.cycle_count()))
        for problem in report.failed_sources + report.errors:
            self.log(f"  {problem}")
        return report

    def _poll_source(self, source: WatchedSource, report: CycleReport) -> None:
        try:
            if isinstance(source, FolderSource):
                self._poll_folder(source, report)
            else:
                self._poll_feed(source, report)
        except Exception as exc:  # noqa: BLE001 - one source's bug never stops the others
            report.failed_sources.append(f"{source.name}: {type(exc).__name__}: {exc}")

    # --- feeds --------------------------------------------------------------------------

    def _poll_feed(self, source: FeedSource, report: CycleReport) -> None:
        state = self.state.feed(source.name)
        if state.retry_after and state.retry_after > self.now().isoformat(timespec="seconds"):
            report.waiting += 1
            return
        report.polled += 1
        try:
            poll = poll_feed(source, self.client, state.etag, state.last_modified)
        except BadInputError as exc:
            self._feed_failed(state, exc.reason, report)
            return
        if poll.not_modified:
            report.not_modified += 1
            self.state.save_feed(replace(state, failures=0, retry_after=None, last_error=None, last_ok=now_iso()))
            return
        complete = self._read_items(source, poll.feed, report)
        # Keep the validators only when every item was had: a feed answering 304 next time
        # would otherwise hide the items that are still to be retried.
        self.state.save_feed(FeedState(source.name, poll.etag if complete else None,
                                       poll.last_modified if complete else None, 0, None, None, now_iso()))

    def _feed_failed(self, state: FeedState, reason: str, report: CycleReport) -> None:
        failures = state.failures + 1
        wait = backoff(failures, self.options.backoff_base, self.options.backoff_max)
        retry = (self.now() + timedelta(seconds=wait)).isoformat(timespec="seconds")
        self.state.save_feed(replace(state, failures=failures, retry_after=retry, last_error=reason))
        report.failed_sources.append(f"{state.source}: {reason} (failure {failures}; next try in {wait:.0f} s)")

    def _read_items(self, source: FeedSource, feed, report: CycleReport) -> bool:
        """Fetch and ingest the feed's unread items; False when some must be tried again."""
        keyed = []
        # Feeds list the newest item first; reading the oldest first keeps the order of reporting.
        for number, item in reversed(list(enumerate(feed.items, start=1))):
            key = item.link or item.guid
            if not key:
                report.errors.append(f"{source.name} item {number}: no link and no guid")
                continue
            keyed.append((key, item))
        done = self.state.done_items(k for k, _ in keyed)
        pending = {}
        for key, item in keyed:
            if key not in done:
                pending.setdefault(key, item)
        retrying: list[bool] = []

        def fetched():   # pages are fetched as the pipeline asks for them: stored as they come
            for key, item in pending.items():
                result = item_article(item, key, feed, self.client, self.options.published)
                if isinstance(result, BadInputError):
                    retrying.append(self._item_failed(source.name, key, result, isinstance(result, FetchError), report))
                    continue
                yield result

        self._ingest(fetched(), source.name, report)
        return not any(retrying)

    def _item_failed(self, source: str, key: str, error: BadInputError, retry: bool, report: CycleReport) -> bool:
        """Report one bad item; True when it will be tried again on a later cycle.

        Fetching may pass later (`retry`); an article the pipeline or the store refused
        (another language, a fault) would fail the same way again and is given up at once."""
        give_up_after = self.options.give_up_after if retry else 1
        gave_up = self.state.mark_failed(key, source, error.reason, give_up_after)
        note = "given up" if gave_up else "will retry"
        report.errors.append(f"{source} item {key}: {error.reason} ({note})")
        return not gave_up

    # --- folders ------------------------------------------------------------------------

    def _poll_folder(self, source: FolderSource, report: CycleReport) -> None:
        report.polled += 1
        files = source.new_files(self.options.settle)
        done = self.state.done_items(key for key, _ in files)
        for key, path in files:
            if key in done:
                continue
            self._ingest(read_inputs([str(path)], self.options.published), source.name, report)
            self.state.mark_read([(key, source.name)])

    # --- ingesting ----------------------------------------------------------------------

    def _ingest(self, articles: Iterable, source: str, report: CycleReport) -> None:
        for added in ingest(articles, self.pipeline, self.store, self.options.batch_size):
            report.add(added)
            self.state.mark_read((i, source) for i in added.stored + added.already_stored)
            for error in added.skipped:
                self._item_failed(source, error.item, error, False, report)
