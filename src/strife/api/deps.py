"""What the routers share through `Depends`: the store, the event filter and the write token."""
from __future__ import annotations

import hmac
from datetime import date

from fastapi import Query, Request

from ..store import MAX_PAGE, EventFilter, Store
from .errors import ApiError


def get_store(request: Request) -> Store:
    return request.app.state.store


def event_filter(
    since: date | None = Query(None, description="events on or after this date (YYYY-MM-DD)"),
    until: date | None = Query(None, description="events on or before this date (YYYY-MM-DD)"),
    country: str | None = Query(None, description="ISO 3166 alpha-3 code of the event's country", examples=["AZE"]),
    event_type: str | None = Query(None, description="one of ACLED's six event types"),
    sub_event_type: str | None = Query(None, description="one of ACLED's 25 sub-event types"),
    actor: str | None = Query(None, description="part of actor1's or actor2's name, any case"),
    bbox: str | None = Query(None, description="west,south,east,north in degrees", examples=["44,38,48,41"]),
    q: str | None = Query(None, description="words that must all appear in a source's evidence text"),
    min_fatalities: int | None = Query(None, ge=0, description="at least this many fatalities"),
) -> EventFilter:
    return EventFilter.parse(since=since, until=until, country=country, event_type=event_type,
                             sub_event_type=sub_event_type, actor=actor, bbox=bbox, q=q,
                             min_fatalities=min_fatalities)


def page_limit(limit: int = Query(100, ge=1, le=MAX_PAGE, description=f"events per page (1..{MAX_PAGE})")) -> int:
    return limit


def require_token(request: Request) -> None:
    """Writes need `Authorization: Bearer <token>` equal to STRIFE_API_TOKEN; none configured, none allowed."""
    expected = request.app.state.token
    if not expected:
        raise ApiError(403, "writes_disabled", "writes are disabled: set STRIFE_API_TOKEN on the server to allow them")
    scheme, _, given = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not given.strip():
        raise ApiError(401, "unauthorized", "send 'Authorization: Bearer <token>' to write",
                       headers={"WWW-Authenticate": "Bearer"})
    if not hmac.compare_digest(given.strip().encode(), expected.encode()):
        raise ApiError(403, "forbidden", "the bearer token is not the one configured")
