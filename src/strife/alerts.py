"""Alerts: each new stored event that matches a filter, sent once to a webhook or a file.

    --alert 'country=SDN&min_fatalities=1=https://hooks.example.org/strife'
    --alert-file 'event_type=Battles=battles.jsonl'      # or --alert-file all-new.jsonl

FILTER uses the API's filter names and values (`EventFilter.parse`); an empty filter
('=URL', or a bare PATH) matches every new event. Each alert reads the store's change feed from where it stopped
(its cursor is kept in the store, per alert as written), so a restarted `strife watch`
neither repeats nor skips one. A webhook gets the event record (SCHEMA.md) as the JSON
body of a POST, with `Idempotency-Key` (alert and event) for receivers that must never act
twice: delivery is recorded right after the receiver answers, so only a kill in between
those two steps sends an event again. Failures are retried with back-off; an event whose
delivery still fails stays first in line for the next cycle, and an answer of 4xx
(except 408 and 429) is recorded as refused and not sent again.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Callable
from urllib.parse import parse_qsl

import httpx

from .errors import StrifeError, UsageError
from .store import EventFilter

if TYPE_CHECKING:
    from .record import Event
    from .store import Store
    from .store.watch_state import WatchState

# FILTER=TARGET: name=value pairs joined by '&', then '=', then the URL or path.
_SPEC = re.compile(r"^((?:[a-z_]+=[^&=]*&)*[a-z_]+=[^&=]*)=(.+)$")
RETRY_STATUS = {408, 429, 500, 502, 503, 504}
PAGE = 500


class DeliveryError(StrifeError):
    """An alert could not be delivered (yet)."""


@dataclass(frozen=True)
class Alert:
    spec: str             # as written: the alert's name in the store
    filter: EventFilter
    target: str           # webhook URL or file path
    kind: str             # 'webhook' or 'file'


def parse_alert(spec: str, kind: str) -> Alert:
    """An alert from `FILTER=URL` (webhook) or `[FILTER=]PATH` (file); UsageError when malformed."""
    match = _SPEC.match(spec)
    query, target = (match.group(1), match.group(2)) if match else ("", spec.removeprefix("="))
    if kind == "webhook" and not re.match(r"https?://", target):
        raise UsageError(f"--alert {spec!r}: write FILTER=URL, the URL starting with http:// or https://")
    if not target:
        raise UsageError(f"--alert-file {spec!r}: no file to write to")
    try:
        flt = EventFilter.parse(**dict(parse_qsl(query, keep_blank_values=True)))
    except UsageError as exc:
        raise UsageError(f"alert {spec!r}: {exc}") from exc
    return Alert(spec, flt, target, kind)


@dataclass
class DeliveryReport:
    delivered: int = 0
    refused: int = 0
    failed: list[str] = field(default_factory=list)   # one reason per alert that could not deliver everything


class Sender:
    """Sends one event to one alert's target, retrying what may pass later."""

    def __init__(self, retries: int = 3, backoff: float = 1.0, timeout: float = 10.0,
                 transport: httpx.BaseTransport | None = None, sleep: Callable[[float], None] = time.sleep):
        self.retries, self.backoff, self.sleep = retries, backoff, sleep
        self._http = httpx.Client(timeout=timeout, transport=transport, follow_redirects=False)

    def close(self) -> None:
        self._http.close()

    def send(self, alert: Alert, event: "Event") -> tuple[str, int]:
        """('delivered' or 'refused', attempts); DeliveryError when every attempt failed."""
        if alert.kind == "file":
            _append_line(Path(alert.target), event.to_dict())
            return "delivered", 1
        body = json.dumps(event.to_dict(), ensure_ascii=False).encode("utf-8")
        headers = {"Content-Type": "application/json", "Idempotency-Key": idempotency_key(alert, event.event_id)}
        problem = ""
        for attempt in range(1, self.retries + 2):
            try:
                response = self._http.post(alert.target, content=body, headers=headers)
            except httpx.HTTPError as exc:
                problem = f"{type(exc).__name__}: {exc}"
            else:
                if response.status_code < 300:
                    return "delivered", attempt
                if response.status_code not in RETRY_STATUS and 400 <= response.status_code < 500:
                    return "refused", attempt
                problem = f"HTTP {response.status_code}"
            if attempt <= self.retries:
                self.sleep(self.backoff * 2 ** (attempt - 1))
        raise DeliveryError(f"{alert.target}: {problem} after {self.retries + 1} attempts")


def idempotency_key(alert: Alert, event_id: str) -> str:
    return hashlib.sha256(f"{alert.spec}\n{event_id}".encode()).hexdigest()[:32]


def _append_line(path: Path, record: dict) -> None:
    try:
        with path.open("a", encoding="utf-8") as out:
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
            out.flush()
            os.fsync(out.fileno())
    except OSError as exc:
        raise DeliveryError(f"{path}: cannot append: {exc.strerror}") from exc


def start_alerts(alerts: list[Alert], store: "Store", state: "WatchState") -> None:
    """Give each alert not seen before a cursor at the store's newest change: it alerts from now on."""
    newest = store.last_change()
    for alert in alerts:
        state.alert_cursor(alert.spec, newest)


def deliver(alerts: list[Alert], store: "Store", state: "WatchState", sender: Sender) -> DeliveryReport:
    """Send every new matching event each alert has not delivered yet, oldest first."""
    report = DeliveryReport()
    for alert in alerts:
        cursor = state.alert_cursor(alert.spec, store.last_change())
        try:
            while True:
                changes = store.changes(after=cursor, filter=alert.filter, limit=PAGE, kinds=("new",))
                if not changes:
                    break
                for change in changes:
                    if not state.delivered(alert.spec, change.event.event_id):
                        status, attempts = sender.send(alert, change.event)
                        state.mark_delivered(alert.spec, change.event.event_id, attempts, change.seq, status)
                        report.delivered += status == "delivered"
                        report.refused += status == "refused"
                    else:
                        state.move_alert_cursor(alert.spec, change.seq)
                    cursor = change.seq
        except DeliveryError as exc:
            report.failed.append(f"alert {alert.spec}: {exc}")
    return report
