"""Scoring on ACLED notes (acled_dev.jsonl): one gold event per row.

The pipeline's main event (the first, highest confidence) is compared with the gold event.
A row where strife finds no event counts as wrong for every measure but fatalities (gold 0
and no event is a correct 0). Dates are not scored: the notes begin "On <date>" and
`published` equals the gold date (dev README).
"""
from __future__ import annotations

from collections import Counter

from ..actor_names import PERIOD_SUFFIX
from ..gazetteer import Gazetteer, distance_km
from ..pipeline import Pipeline
from ..record import ACTOR_TYPE_CODE, Event
from .common import events_or_none, macro_f1, share


def score(rows: list[dict], pipeline: Pipeline) -> dict[str, float]:
    tallies: Counter[str] = Counter()
    type_pairs, errors = [], []
    located = 0
    for row in rows:
        gold = row["gold"]
        events = events_or_none(pipeline, row)
        main = events[0] if events else None
        tallies["rows"] += 1
        tallies["detected"] += main is not None
        if gold["event_type"] is not None:   # excerpts of ACLED's old schema: some types do not map
            tallies["typed_rows"] += 1
            type_pairs.append((gold["event_type"], main.event_type if main else None))
            tallies["event_type"] += bool(main and main.event_type == gold["event_type"])
            tallies["sub_event_type"] += bool(main and main.sub_event_type == gold["sub_event_type"])
        fat = main.fatalities if main else 0
        tallies["fatalities_exact"] += fat == gold["fatalities"]
        tallies["fatalities_within1"] += abs(fat - gold["fatalities"]) <= 1
        errors.append(abs(fat - gold["fatalities"]))
        tallies["actor1_type"] += bool(main and main.actor1 and ACTOR_TYPE_CODE.get(main.actor1.type) == gold["inter1"])
        if gold.get("inter2") is not None:
            tallies["actor2_rows"] += 1
            got2 = ACTOR_TYPE_CODE.get(main.actor2.type, 0) if main and main.actor2 else 0
            tallies["actor2_type"] += got2 == gold["inter2"]
            if gold.get("actor2"):
                tallies["actor2_named_rows"] += 1
                tallies["actor2_name"] += bool(main and main.actor2 and same_actor(main.actor2.name, gold["actor2"]))
        if gold.get("actor1"):
            tallies["actor1_named_rows"] += 1
            tallies["actor1_name"] += bool(main and main.actor1 and same_actor(main.actor1.name, gold["actor1"]))
        loc = gold.get("location") or {}
        tallies["country"] += bool(main and _same_country(main, loc.get("country"), pipeline.gazetteer))
        if main and main.location and main.location.latitude is not None and loc.get("latitude") is not None:
            located += 1
            dist = distance_km(main.location.latitude, main.location.longitude, loc["latitude"], loc["longitude"])
            tallies["within_25km"] += dist <= 25
        tallies["admin1"] += bool(main and main.location and loc.get("admin1") and
                                  _norm(main.location.admin1) == _norm(loc["admin1"]))
    n = tallies["rows"]
    return {
        "rows": n,
        "event_detected": share(tallies["detected"], n),
        "event_type_accuracy": share(tallies["event_type"], tallies["typed_rows"]),
        "event_type_macro_f1": macro_f1(type_pairs),
        "sub_event_type_accuracy": share(tallies["sub_event_type"], tallies["typed_rows"]),
        "fatalities_exact": share(tallies["fatalities_exact"], n),
        "fatalities_within_1": share(tallies["fatalities_within1"], n),
        "fatalities_mae": round(sum(errors) / n, 3) if n else 0.0,
        "actor1_type_accuracy": share(tallies["actor1_type"], n),
        "actor2_type_accuracy": share(tallies["actor2_type"], tallies["actor2_rows"]),
        "actor1_name_accuracy": share(tallies["actor1_name"], tallies["actor1_named_rows"]),
        "actor2_name_accuracy": share(tallies["actor2_name"], tallies["actor2_named_rows"]),
        "country_accuracy": share(tallies["country"], n),
        "admin1_accuracy": share(tallies["admin1"], n),
        "location_within_25km": share(tallies["within_25km"], n),
    }


def _same_country(event: Event, gold_country: str | None, gazetteer: Gazetteer) -> bool:
    if not gold_country or not event.location:
        return False
    if _norm(event.location.country) == _norm(gold_country):
        return True
    iso = next((p.iso3 for p in gazetteer.candidates(gold_country) if p.feature == "country"), None)
    return iso is not None and iso == event.location.iso3


def actor_key(name: str) -> str:
    """An ACLED actor name compared without its period suffix and what follows it
    ("Police Forces of Kenya (2013-)", "Military Forces of Libya (2014-) Haftar Faction"),
    case and spacing."""
    return " ".join(PERIOD_SUFFIX.sub("", name).lower().split())


def same_actor(got: str, gold: str) -> bool:
    return actor_key(got) == actor_key(gold)


def _norm(text: str | None) -> str:
    return (text or "").strip().lower()
