"""Scoring on the small event sets: PLOVER sentences and UCDP headlines."""
from __future__ import annotations

from collections import Counter

from ..pipeline import Pipeline
from .common import events_or_none, macro_f1, share


def score_plover(rows: list[dict], pipeline: Pipeline) -> dict[str, float]:
    """PLOVER type of the main event against the hand-coded type (no event = wrong)."""
    pairs, hits, modes, mode_rows = [], 0, 0, 0
    for row in rows:
        events = events_or_none(pipeline, row)
        typed = pipeline.plover(row["text"], events)
        got = typed.type if typed else None
        gold = row["gold"]["plover_type"]
        pairs.append((gold, got))
        hits += got == gold
        if row["gold"].get("mode"):
            mode_rows += 1
            modes += bool(typed and typed.mode == row["gold"]["mode"])
    return {"rows": len(rows), "plover_type_accuracy": share(hits, len(rows)),
            "plover_type_macro_f1": macro_f1(pairs), "plover_mode_accuracy": share(modes, mode_rows)}


def score_ucdp(rows: list[dict], pipeline: Pipeline) -> dict[str, float]:
    """Deaths within the gold [low, high] and country of the main event, on headlines."""
    t: Counter[str] = Counter()
    for row in rows:
        events = events_or_none(pipeline, row)
        main = events[0] if events else None
        gold = row["gold"]
        t["rows"] += 1
        t["detected"] += main is not None
        deaths = main.fatalities if main else 0
        t["deaths_in_range"] += gold["deaths_low"] <= deaths <= gold["deaths_high"]
        t["deaths_best"] += deaths == gold["deaths_best"]
        country = (main.location.country or "") if main and main.location else ""
        t["country"] += bool(country) and country.lower() == (gold.get("country") or "").lower()
    n = t["rows"]
    return {"rows": n, "event_detected": share(t["detected"], n), "deaths_in_range": share(t["deaths_in_range"], n),
            "deaths_best_exact": share(t["deaths_best"], n), "country_accuracy": share(t["country"], n)}


def score_case(rows: list[dict], pipeline: Pipeline) -> dict[str, float]:
    """News snippets (CASE 2021): the main event's type against the gold ACLED type, and how
    many snippets of a kind ACLED does not code (disasters, diplomacy, crime) get no event."""
    t: Counter[str] = Counter()
    pairs = []
    for row in rows:
        events = events_or_none(pipeline, row)
        got = events[0].event_type if events else None
        gold = row["gold"].get("event_type")
        pairs.append((gold or "None", got or "None"))
        t["rows"] += 1
        t["right"] += got == gold
        if gold is None:
            t["non_events"] += 1
            t["rejected"] += got is None
        else:
            t["events"] += 1
            t["typed"] += got == gold
            t["detected"] += got is not None
    return {"rows": t["rows"], "accuracy": share(t["right"], t["rows"]),
            "event_type_accuracy": share(t["typed"], t["events"]), "event_detected": share(t["detected"], t["events"]),
            "non_event_rejected": share(t["rejected"], t["non_events"]), "macro_f1": macro_f1(pairs)}
