"""GET /api/events (filtered, cursor-paginated) and GET /api/events/{id}."""
from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Query

from ...store import EventFilter, Report, Store
from ..deps import event_filter, get_store, page_limit
from ..errors import ERROR_RESPONSES

router = APIRouter(prefix="/api/events", tags=["events"], responses=ERROR_RESPONSES)


@router.get("", summary="Events matching the filters, in date order, one page at a time")
def list_events(
    flt: EventFilter = Depends(event_filter),
    limit: int = Depends(page_limit),
    cursor: str | None = Query(None, description="next_cursor of the previous page"),
    store: Store = Depends(get_store),
) -> dict[str, Any]:
    page = store.page(flt, limit=limit, cursor=cursor)
    return {"events": [e.to_dict() for e in page.events], "next_cursor": page.next_cursor, "limit": limit}


@router.get("/{event_id}", summary="One event with every source that reported it and their evidence")
def get_event(event_id: str, store: Store = Depends(get_store)) -> dict[str, Any]:
    detail = store.event(event_id)
    return {**detail.event.to_dict(), "reports": [report_record(r) for r in detail.reports]}


def report_record(r: Report) -> dict[str, Any]:
    e = r.event
    return {
        "article_id": r.source.article_id, "url": r.source.url, "source": r.source.source,
        "published": r.source.published, "relation": r.relation,
        "evidence": {"text": r.evidence.text, "start": r.evidence.start, "end": r.evidence.end} if r.evidence else None,
        "reported": {k: getattr(e, k) for k in ("fatalities", "fatalities_low", "fatalities_high", "injured",
                                                 "displaced", "arrested", "claimed_by")} if e else None,
    }
