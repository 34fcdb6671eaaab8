"""Writing events out: JSON lines, JSON, ACLED-style CSV and a readable table.

Pure formatting: functions take Event records and return strings or rows.
"""
from __future__ import annotations

import csv
import io
import json
from typing import Iterable

from .record import ACTOR_TYPE_CODE, Event

# ACLED's column names and order where strife has the field, then strife's own.
ACLED_COLUMNS = [
    "event_id_cnty", "event_date", "year", "time_precision", "event_type", "sub_event_type",
    "actor1", "inter1", "actor2", "inter2", "country", "iso3", "admin1", "location", "latitude",
    "longitude", "geo_precision", "source", "notes", "fatalities",
    "fatalities_low", "fatalities_high", "injured", "arrested", "displaced", "claimed_by",
    "plover_type", "plover_mode", "article_id", "confidence",
]


def acled_row(e: Event) -> dict[str, object]:
    loc = e.location
    return {
        "event_id_cnty": e.event_id, "event_date": e.date, "year": e.date[:4] if e.date else None,
        "time_precision": e.time_precision, "event_type": e.event_type, "sub_event_type": e.sub_event_type,
        "actor1": e.actor1.name if e.actor1 else None,
        "inter1": ACTOR_TYPE_CODE.get(e.actor1.type, 0) if e.actor1 and e.actor1.type else 0,
        "actor2": e.actor2.name if e.actor2 else None,
        "inter2": ACTOR_TYPE_CODE.get(e.actor2.type, 0) if e.actor2 and e.actor2.type else 0,
        "country": loc.country if loc else None, "iso3": loc.iso3 if loc else None,
        "admin1": loc.admin1 if loc else None, "location": loc.name if loc else None,
        "latitude": loc.latitude if loc else None, "longitude": loc.longitude if loc else None,
        "geo_precision": loc.geo_precision if loc else None,
        "source": "; ".join(s.source for s in e.sources if s.source) or None,
        "notes": e.evidence.text, "fatalities": e.fatalities,
        "fatalities_low": e.fatalities_low, "fatalities_high": e.fatalities_high,
        "injured": e.injured, "arrested": e.arrested, "displaced": e.displaced, "claimed_by": e.claimed_by,
        "plover_type": e.plover.type if e.plover else None, "plover_mode": e.plover.mode if e.plover else None,
        "article_id": e.article_id, "confidence": e.confidence,
    }


def to_csv(events: Iterable[Event]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=ACLED_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for e in events:
        writer.writerow(acled_row(e))
    return out.getvalue()


def to_jsonl(records: Iterable[dict]) -> str:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)


def to_json(records: Iterable[dict]) -> str:
    return json.dumps(list(records), ensure_ascii=False, indent=2) + "\n"


def to_table(events: list[Event]) -> str:
    """A fixed-width table a person can read in a terminal."""
    headers = ["article", "date", "type / sub-type", "place", "actor1", "actor2", "killed", "other"]
    rows = [[
        e.article_id[:22], e.date or "?", f"{e.event_type} / {e.sub_event_type}"[:48],
        (f"{e.location.name}, {e.location.iso3}" if e.location else "-")[:26],
        (e.actor1.name if e.actor1 else "-")[:30], (e.actor2.name if e.actor2 else "-")[:26],
        str(e.fatalities), _other_counts(e),
    ] for e in events]
    widths = [max(len(h), *(len(r[i]) for r in rows)) if rows else len(h) for i, h in enumerate(headers)]
    lines = ["  ".join(h.ljust(w) for h, w in zip(headers, widths)), "  ".join("-" * w for w in widths)]
    lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths)) for r in rows]
    lines.append(f"{len(events)} events")
    return "\n".join(lines) + "\n"


def _other_counts(e: Event) -> str:
    parts = [f"{k} {v}" for k, v in (("injured", e.injured), ("arrested", e.arrested), ("displaced", e.displaced)) if v]
    return ", ".join(parts) or "-"
