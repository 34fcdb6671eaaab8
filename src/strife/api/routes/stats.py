"""GET /api/stats: counts by day, country, event type, and day and type (the dashboard's timeline),
and the last `strife watch` cycle on this store (null when it has never run)."""
from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends

from ...store import EventFilter, Store
from ...store.watch_state import WatchState
from ..deps import event_filter, get_store
from ..errors import ERROR_RESPONSES

router = APIRouter(prefix="/api/stats", tags=["stats"], responses=ERROR_RESPONSES)


@router.get("", summary="Event and fatality counts in total, by day, by country, by event type and by day and type")
def get_stats(flt: EventFilter = Depends(event_filter), store: Store = Depends(get_store)) -> dict[str, Any]:
    s = store.stats(flt)
    return {
        "events": s.events, "fatalities": s.fatalities,
        "by_day": [{"date": d["key"], "events": d["events"], "fatalities": d["fatalities"]} for d in s.by_day],
        "by_country": [{"iso3": d["key"], "events": d["events"], "fatalities": d["fatalities"]} for d in s.by_country],
        "by_event_type": [{"event_type": d["key"], "events": d["events"], "fatalities": d["fatalities"]}
                          for d in s.by_event_type],
        "by_day_and_type": [{"date": d["key"], "event_type": d["event_type"], "events": d["events"],
                             "fatalities": d["fatalities"]} for d in s.by_day_and_type],
        "last_change": store.last_change(),
        "watch": _watch(WatchState(store)),
    }


def _watch(state: WatchState) -> dict[str, Any] | None:
    last = state.last_cycle()
    return None if last is None else {"cycles": state.cycle_count(), "last_cycle": last.to_dict()}
