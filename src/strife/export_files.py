"""File exports beyond export.py's text formats: GeoJSON and Parquet.

Pure formatting, like export.py: functions take Event records and return a string or bytes.
Parquet rows use export.py's ACLED columns, so a Parquet file and a CSV export line up.
"""
from __future__ import annotations

import io
import json
from typing import Iterable

import pyarrow as pa
import pyarrow.parquet as pq

from .export import ACLED_COLUMNS, acled_row
from .record import Event

_INT_COLUMNS = {"time_precision", "inter1", "inter2", "geo_precision", "fatalities", "fatalities_low",
                "fatalities_high", "injured", "arrested", "displaced"}
_FLOAT_COLUMNS = {"latitude", "longitude", "confidence"}


def geojson_feature(e: Event) -> dict:
    """An event as a GeoJSON Feature: a Point where it has coordinates, else no geometry."""
    loc = e.location
    geometry = None
    if loc is not None and loc.latitude is not None and loc.longitude is not None:
        geometry = {"type": "Point", "coordinates": [loc.longitude, loc.latitude]}
    return {"type": "Feature", "id": e.event_id, "geometry": geometry, "properties": e.to_dict()}


def to_geojson(events: Iterable[Event]) -> str:
    collection = {"type": "FeatureCollection", "features": [geojson_feature(e) for e in events]}
    return json.dumps(collection, ensure_ascii=False) + "\n"


def parquet_schema() -> pa.Schema:
    def kind(name: str) -> pa.DataType:
        if name in _INT_COLUMNS:
            return pa.int64()
        if name in _FLOAT_COLUMNS:
            return pa.float64()
        return pa.string()

    return pa.schema([(name, kind(name)) for name in ACLED_COLUMNS])


def to_parquet(events: Iterable[Event]) -> bytes:
    """A Parquet file (ACLED columns, one row per event) as bytes."""
    rows = [acled_row(e) for e in events]
    schema = parquet_schema()
    columns = {name: [_cell(name, row[name]) for row in rows] for name in ACLED_COLUMNS}
    table = pa.Table.from_pydict(columns, schema=schema)
    out = io.BytesIO()
    pq.write_table(table, out)
    return out.getvalue()


def _cell(name: str, value: object) -> object:
    if value is None or name in _INT_COLUMNS or name in _FLOAT_COLUMNS:
        return value
    return str(value)
