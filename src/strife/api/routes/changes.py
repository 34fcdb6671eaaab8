"""GET /api/changes: events stored or merged after a change number (what the dashboard polls).

    GET /api/changes?after=0            -> {"changes": [{"seq", "kind", "changed_at", "event"}], "last_seq"}
    GET /api/changes?after=1234&country=SDN

Pass back `last_seq` as `after` to get only what arrived since. Each event appears once, at
its latest change: 'new' when first stored, 'merged' when another article reported it.
"""
from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Query

from ...store import EventFilter, Store
from ..deps import event_filter, get_store, page_limit
from ..errors import ERROR_RESPONSES

router = APIRouter(prefix="/api/changes", tags=["events"], responses=ERROR_RESPONSES)


@router.get("", summary="Events added or merged after change number `after`, oldest first")
def list_changes(
    after: int = Query(0, ge=0, le=2**63 - 1, description="last_seq of the previous answer (0: from the start)"),
    flt: EventFilter = Depends(event_filter),
    limit: int = Depends(page_limit),
    store: Store = Depends(get_store),
) -> dict[str, Any]:
    newest = store.last_change()   # read first: a change committed meanwhile is numbered above it
    changes = store.changes(after=after, filter=flt, limit=limit)
    # With a full page there may be more: the caller asks again from the last one it got.
    # Otherwise every change up to `newest` has been seen (those not matching the filter too).
    last = changes[-1].seq if len(changes) == limit else max([newest, after] + [c.seq for c in changes])
    return {
        "changes": [{"seq": c.seq, "kind": c.kind, "changed_at": c.changed_at, "event": c.event.to_dict()}
                    for c in changes],
        "last_seq": last,
    }
