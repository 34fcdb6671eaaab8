"""GET /api/export.csv|.geojson|.parquet: every event matching the filters, as a file."""
from __future__ import annotations

from fastapi import APIRouter, Depends
from fastapi.responses import Response

from ... import export, export_files
from ...store import EventFilter, Store
from ..deps import event_filter, get_store
from ..errors import ERROR_RESPONSES

router = APIRouter(prefix="/api", tags=["exports"], responses=ERROR_RESPONSES)


def _file(body: str | bytes, media_type: str, name: str) -> Response:
    return Response(body, media_type=media_type, headers={"Content-Disposition": f'attachment; filename="{name}"'})


@router.get("/export.csv", summary="Events as CSV with ACLED's columns",
            response_class=Response, responses={200: {"content": {"text/csv": {}}}})
def export_csv(flt: EventFilter = Depends(event_filter), store: Store = Depends(get_store)) -> Response:
    return _file(export.to_csv(store.events(flt)), "text/csv; charset=utf-8", "strife-events.csv")


@router.get("/export.geojson", summary="Events as a GeoJSON FeatureCollection",
            response_class=Response, responses={200: {"content": {"application/geo+json": {}}}})
def export_geojson(flt: EventFilter = Depends(event_filter), store: Store = Depends(get_store)) -> Response:
    return _file(export_files.to_geojson(store.events(flt)), "application/geo+json", "strife-events.geojson")


@router.get("/export.parquet", summary="Events as Parquet with ACLED's columns",
            response_class=Response, responses={200: {"content": {"application/vnd.apache.parquet": {}}}})
def export_parquet(flt: EventFilter = Depends(event_filter), store: Store = Depends(get_store)) -> Response:
    return _file(export_files.to_parquet(store.events(flt)), "application/vnd.apache.parquet",
                 "strife-events.parquet")
