"""Which events to read: one filter record shared by the store, the CLI and the HTTP API.

`EventFilter.parse` takes the values as a user writes them (strings from a query string or
the command line, or already-typed values) and raises `UsageError` naming the bad one;
`EventFilter.where` turns a valid filter into SQL over the `events` table.
"""
from __future__ import annotations

import base64
import binascii
import json
import re
from dataclasses import dataclass, fields
from datetime import date
from typing import Any

from ..errors import UsageError
from ..record import EVENT_TYPES, SUB_EVENT_PARENT

BBox = tuple[float, float, float, float]
# Dates sort before everything when unknown: '' < '2023-09-21'.
UNKNOWN_DATE = ""
# The largest integer both backends compare with (SQLite's INTEGER is 64-bit signed).
MAX_COUNT = 2**63 - 1


@dataclass(frozen=True)
class EventFilter:
    since: str | None = None  # ISO date, inclusive
    until: str | None = None  # ISO date, inclusive
    country: str | None = None  # ISO3
    event_type: str | None = None
    sub_event_type: str | None = None
    actor: str | None = None  # part of an actor's name, any case
    bbox: BBox | None = None  # west, south, east, north (west > east crosses the antimeridian)
    q: str | None = None  # words that must all appear in one evidence text, any case
    min_fatalities: int | None = None

    @classmethod
    def parse(cls, **raw: Any) -> "EventFilter":
        """A filter from user-written values; UsageError for an unknown name or a bad value."""
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(raw) - known)
        if unknown:
            raise UsageError(f"unknown filter {unknown[0]!r}: the filters are {', '.join(sorted(known))}")
        values = {k: v for k, v in raw.items() if v is not None and v != ""}
        return cls(
            since=_iso_date("since", values.get("since")),
            until=_iso_date("until", values.get("until")),
            country=_iso3(values.get("country")),
            event_type=_choice("event_type", values.get("event_type"), EVENT_TYPES),
            sub_event_type=_choice("sub_event_type", values.get("sub_event_type"), SUB_EVENT_PARENT),
            actor=_text("actor", values.get("actor")),
            bbox=_bbox(values.get("bbox")),
            q=_text("q", values.get("q")),
            min_fatalities=_count("min_fatalities", values.get("min_fatalities")),
        )

    def where(self) -> tuple[str, list[Any]]:
        """An SQL condition over `events` (with `?` placeholders) and its parameters."""
        clauses: list[str] = []
        params: list[Any] = []
        for column, op, value in (
            ("date", ">=", self.since), ("date", "<=", self.until), ("country", "=", self.country),
            ("event_type", "=", self.event_type), ("sub_event_type", "=", self.sub_event_type),
            ("fatalities", ">=", self.min_fatalities),
        ):
            if value is not None:
                clauses.append(f"{column} {op} ?")
                params.append(value)
        if self.actor:
            pattern = like_pattern(self.actor)
            clauses.append("(LOWER(actor1_name) LIKE ? ESCAPE '!' OR LOWER(actor2_name) LIKE ? ESCAPE '!')")
            params += [pattern, pattern]
        if self.bbox:
            clauses.append(_bbox_sql(self.bbox))
            params += _bbox_params(self.bbox)
        if self.q:
            words = self.q.split()
            likes = " AND ".join("LOWER(s.evidence_text) LIKE ? ESCAPE '!'" for _ in words)
            clauses.append(f"EXISTS (SELECT 1 FROM event_sources s WHERE s.event_id = events.id AND {likes})")
            params += [like_pattern(w) for w in words]
        return (" AND ".join(clauses) or "1 = 1"), params

    def as_params(self) -> dict[str, str]:
        """The filter as query-string values (what `parse` reads back)."""
        out = {}
        for f in fields(self):
            value = getattr(self, f.name)
            if value is not None:
                out[f.name] = ",".join(str(v) for v in value) if f.name == "bbox" else str(value)
        return out


def like_pattern(text: str) -> str:
    """A LIKE pattern matching `text` anywhere, with LIKE's wildcards taken literally."""
    escaped = re.sub(r"([!%_])", r"!\1", text.lower())
    return f"%{escaped}%"


def encode_cursor(sort_date: str, event_id: str) -> str:
    raw = json.dumps([sort_date, event_id], separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str) -> tuple[str, str]:
    """The (sort_date, event id) a cursor points after; UsageError when it is not one of ours."""
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        value = json.loads(raw)
    except (binascii.Error, ValueError, UnicodeDecodeError) as exc:
        raise UsageError("malformed cursor: pass back the next_cursor of a previous page") from exc
    if not (isinstance(value, list) and len(value) == 2 and all(isinstance(v, str) and "\x00" not in v for v in value)):
        raise UsageError("malformed cursor: pass back the next_cursor of a previous page")
    return value[0], value[1]


def _iso_date(name: str, value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, date):
        return value.isoformat()
    try:
        return date.fromisoformat(str(value).strip()).isoformat()
    except ValueError as exc:
        raise UsageError(f"{name}: {value!r} is not a date; write it as YYYY-MM-DD") from exc


def _iso3(value: Any) -> str | None:
    if value is None:
        return None
    code = str(value).strip().upper()
    if not re.fullmatch(r"[A-Z]{3}", code):
        raise UsageError(f"country: {value!r} is not an ISO 3166 alpha-3 code (e.g. AZE)")
    return code


def _choice(name: str, value: Any, allowed) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    if text not in allowed:
        raise UsageError(f"{name}: {value!r} is not one of ACLED's values: {'; '.join(allowed)}")
    return text


def _text(name: str, value: Any) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    if not text:
        return None
    if len(text) > 200:
        raise UsageError(f"{name}: at most 200 characters")
    if "\x00" in text:  # PostgreSQL cannot even compare a text holding NUL; no stored name has one
        raise UsageError(f"{name}: must not contain NUL characters")
    return text


def _count(name: str, value: Any) -> int | None:
    if value is None:
        return None
    try:
        number = int(str(value).strip())
    except ValueError as exc:
        raise UsageError(f"{name}: {value!r} is not a whole number") from exc
    if number < 0:
        raise UsageError(f"{name}: must be 0 or more")
    if number > MAX_COUNT:
        raise UsageError(f"{name}: must be at most {MAX_COUNT}")
    return number


def _bbox(value: Any) -> BBox | None:
    if value is None:
        return None
    parts = value.split(",") if isinstance(value, str) else list(value)
    try:
        west, south, east, north = (float(p) for p in parts)
    except (TypeError, ValueError) as exc:
        raise UsageError(f"bbox: {value!r} is not four numbers west,south,east,north") from exc
    if not all(-180 <= x <= 180 for x in (west, east)) or not all(-90 <= y <= 90 for y in (south, north)):
        raise UsageError("bbox: longitudes must be within -180..180 and latitudes within -90..90")
    if south > north:
        raise UsageError("bbox: south must not be above north")
    return west, south, east, north


def _bbox_sql(bbox: BBox) -> str:
    west, _, east, _ = bbox
    lon = "longitude BETWEEN ? AND ?" if west <= east else "(longitude >= ? OR longitude <= ?)"
    return f"latitude BETWEEN ? AND ? AND {lon}"


def _bbox_params(bbox: BBox) -> list[float]:
    west, south, east, north = bbox
    return [south, north, west, east]
