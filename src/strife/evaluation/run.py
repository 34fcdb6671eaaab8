"""`strife eval GOLD.jsonl`: pick the scorer for a dev file, run it, print a table and JSON."""
from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from ..errors import UsageError
from .common import read_gold

KINDS = ("acled", "ucdp", "plover", "geo", "timex", "case2021")


def kind_of(path: str, rows: list[dict]) -> str:
    name = Path(path).name.lower()
    for kind in KINDS:
        if name.startswith(kind):
            return kind
    first = rows[0] if rows else {}
    if "places" in first:
        return "geo"
    if "times" in first:
        return "timex"
    gold = first.get("gold", {})
    if "plover_type" in gold:
        return "plover"
    if "deaths_best" in gold:
        return "ucdp"
    if "event_type" in gold:
        return "acled"
    raise UsageError(f"{path}: not a gold file strife knows (acled, ucdp, plover, geo or timex rows)")


def evaluate(path: str, limit: int | None = None, countries_out: tuple[str, ...] = ()) -> tuple[str, dict[str, float]]:
    """(kind, metrics) for one gold file; `countries_out` leaves out the rows whose gold
    country is one of these (leave-country-out: score on countries the rules were not fitted to)."""
    rows = read_gold(path, limit)
    kind = kind_of(path, rows)
    if countries_out:
        rows = [r for r in rows if _gold_country(r) not in countries_out]
    if kind == "timex":
        from .timex import score as score_timex
        return kind, score_timex(rows)
    from ..pipeline import default_pipeline
    pipeline = default_pipeline()
    if kind == "geo":
        from .geo import score as score_geo
        return kind, score_geo(rows, pipeline.nlp, pipeline.gazetteer)
    if kind == "acled":
        from .acled import score
        return kind, score(rows, pipeline)
    from .events_small import score_case, score_plover, score_ucdp
    return kind, {"plover": score_plover, "ucdp": score_ucdp, "case2021": score_case}[kind](rows, pipeline)


def _gold_country(row: dict) -> str | None:
    location = row.get("gold", {}).get("location") or {}
    return location.get("country") if isinstance(location, dict) else None


def format_table(kind: str, metrics: dict[str, float]) -> str:
    width = max(len(k) for k in metrics)
    lines = [f"{kind} metrics", "-" * (width + 12)]
    lines += [f"{k.ljust(width)}  {v:>9}" for k, v in metrics.items()]
    return "\n".join(lines)


def run_eval(path: str, limit: int | None, json_out: str | None) -> int:
    started = time.perf_counter()
    kind, metrics = evaluate(path, limit)
    metrics = {**metrics, "seconds": round(time.perf_counter() - started, 1)}
    print(format_table(kind, metrics))
    print(json.dumps({"gold": Path(path).name, "kind": kind, "metrics": metrics}))
    if json_out:
        Path(json_out).write_text(json.dumps({"kind": kind, "metrics": metrics}, indent=2) + "\n")
    sys.stdout.flush()
    return 0
