"""Store and API benchmark: ingest throughput and GET /api/events latency, SQLite and PostgreSQL.

    .venv/bin/python bench/store_bench.py [--events 100000] [--pg URL] [--requests 200]

Synthetic Event records (two per hand-made article, some reporting the same event so that
merging does real work) are stored through `Store.add_results`; then `GET /api/events`
is timed in-process (FastAPI TestClient, no network) with several filters. Each number is
printed with a baseline measured in the same process on the same database, so that the
ratio says what strife's layer costs:

- ingest: a raw executemany INSERT of the same event JSON into a bare table;
- GET /api/events: the raw SELECT of the same page of JSON rows through the same driver.

PostgreSQL is used when --pg or $STRIFE_TEST_PG names one (.ci/postgres.sh starts one).
Not part of the test suite.
"""
from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
import warnings
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))

from strife.clean import CleanArticle  # noqa: E402
from strife.pipeline import ArticleResult  # noqa: E402
from strife.record import Actor, Event, Evidence, Location, Source  # noqa: E402
from strife.store import Store  # noqa: E402
from strife.store.db import connect  # noqa: E402

TYPES = [("Battles", "Armed clash"), ("Explosions/Remote violence", "Air/drone strike"),
         ("Protests", "Peaceful protest"), ("Riots", "Mob violence"),
         ("Violence against civilians", "Attack"), ("Strategic developments", "Arrests")]
COUNTRIES = ["AZE", "MLI", "SOM", "CHL", "UKR", "SDN", "COD", "MMR", "NGA", "YEM"]
ACTORS = ["Military Forces of Azerbaijan", "JNIM", "Al Shabaab", "Police Forces of Chile", "Wagner Group",
          "Rapid Support Forces", "M23", "Arakan Army", "Boko Haram", "Houthis"]
VOCAB = [f"w{i}" for i in range(5000)] + "killed clash shelling protest market village town police".split()


def synthetic(n_events: int, seed: int = 7) -> list[ArticleResult]:
    rng = random.Random(seed)
    results = []
    for i in range(n_events // 2):
        text = " ".join(rng.choice(VOCAB) for _ in range(80)) + "."
        art = CleanArticle(f"b{i:07d}", f"Report {i}", "2024-01-01", text, f"https://bench.example/{i}", f"Outlet{i % 50}")
        events = []
        for j in range(2):
            # One in ten reports an event another article reported (same cell, type, day, actor).
            cell = rng.randrange(2000) if rng.random() < 0.1 else 2000 + i * 2 + j
            t, sub = TYPES[cell % len(TYPES)]
            day = f"2023-{1 + cell % 12:02d}-{1 + cell % 28:02d}"
            lat, lon = -60 + (cell % 600) * 0.2, -170 + (cell // 600) * 0.4
            events.append(Event(
                event_id=f"ev-b{i:07d}-{j}", article_id=art.id, event_type=t, sub_event_type=sub,
                evidence=Evidence(text[:120], 0, 120), date=day,
                actor1=Actor(ACTORS[cell % len(ACTORS)], "State forces", None),
                location=Location(f"Place {cell}", None, COUNTRIES[cell % len(COUNTRIES)], lat, lon),
                fatalities=rng.randrange(0, 30), sources=[Source(art.id, art.url, art.source, art.published)]))
        results.append(ArticleResult(art, events))
    return results


def bench_ingest(url: str, results: list[ArticleResult], batch: int) -> tuple[float, float, dict]:
    store = Store(url)
    start = time.perf_counter()
    for i in range(0, len(results), batch):
        store.add_results(results[i:i + batch])
    elapsed = time.perf_counter() - start
    counts = store.table_counts()
    store.close()
    return elapsed, _raw_insert_seconds(url, results), counts


def _raw_insert_seconds(url: str, results: list[ArticleResult]) -> float:
    import json

    conn = connect(url)
    conn.execute("CREATE TABLE bench_raw (id TEXT PRIMARY KEY, record_json TEXT NOT NULL)")
    rows = [(e.event_id, json.dumps(e.to_dict())) for r in results for e in r.events]
    start = time.perf_counter()
    with conn.transaction():
        conn.executemany("INSERT INTO bench_raw (id, record_json) VALUES (?, ?)", rows)
    elapsed = time.perf_counter() - start
    conn.execute("DROP TABLE bench_raw")
    conn.close()
    return elapsed


QUERIES = [
    ("no filter", {}, "1 = 1", []),
    ("country", {"country": "MLI"}, "country = ?", ["MLI"]),
    ("since+type", {"since": "2023-06-01", "event_type": "Battles"}, "date >= ? AND event_type = ?",
     ["2023-06-01", "Battles"]),
    ("bbox", {"bbox": "-20,-10,40,30"}, "latitude BETWEEN ? AND ? AND longitude BETWEEN ? AND ?", [-10, 30, -20, 40]),
    ("q", {"q": "killed"}, None, None),
]


def bench_api(url: str, requests: int) -> list[tuple[str, float, float, float, float]]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient
    from strife.api import create_app

    store = Store(url)
    client = TestClient(create_app(store, token=""))
    conn = connect(url)
    out = []
    for name, params, where, args in QUERIES:
        api = _timed(lambda: client.get("/api/events", params={**params, "limit": 100}).raise_for_status(), requests)
        if where is None:
            where, args = store_where(params)
        sql = f"SELECT record_json FROM events WHERE {where} ORDER BY sort_date, id LIMIT 101"
        raw = _timed(lambda: conn.all(sql, args), requests)
        out.append((name, _pct(api, 50), _pct(api, 99), _pct(raw, 50), _pct(raw, 99)))
    conn.close()
    store.close()
    return out


def store_where(params: dict) -> tuple[str, list]:
    from strife.store import EventFilter

    return EventFilter.parse(**params).where()


def _timed(call, n: int) -> list[float]:
    call()  # warm
    times = []
    for _ in range(n):
        start = time.perf_counter()
        call()
        times.append(time.perf_counter() - start)
    return times


def _pct(values: list[float], p: int) -> float:
    return statistics.quantiles(values, n=100)[p - 1] * 1000 if p < 100 else max(values) * 1000


def run_backend(name: str, url: str, results: list[ArticleResult], args: argparse.Namespace) -> None:
    n_events = sum(len(r.events) for r in results)
    elapsed, raw, counts = bench_ingest(url, results, args.batch)
    print(f"\n== {name}: {len(results)} articles, {n_events} events read -> {counts['events']} stored events, "
          f"{counts['event_sources']} source links")
    print(f"ingest: {len(results) / elapsed:8.0f} articles/s  {n_events / elapsed:8.0f} events/s  ({elapsed:.1f} s); "
          f"raw INSERT of the same JSON {n_events / raw:8.0f} events/s; ratio store/raw time {elapsed / raw:.1f}x")
    print(f"GET /api/events?limit=100 over {args.requests} requests (ms)      p50     p99 | raw SELECT p50   p99 | ratio p50")
    for q, p50, p99, r50, r99 in bench_api(url, args.requests):
        print(f"  {q:<44} {p50:7.2f} {p99:7.2f} | {r50:14.2f} {r99:5.2f} | {p50 / r50:6.1f}x")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--batch", type=int, default=500, help="articles per transaction")
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--pg", default=os.environ.get("STRIFE_TEST_PG"), help="PostgreSQL URL (a fresh schema is used)")
    args = parser.parse_args()
    results = synthetic(args.events)
    with tempfile.TemporaryDirectory() as tmp:
        run_backend("SQLite", str(Path(tmp) / "bench.db"), results, args)
    if args.pg:
        run_backend("PostgreSQL", _fresh_pg_schema(args.pg), results, args)
    else:
        print("\n(PostgreSQL skipped: pass --pg URL or set STRIFE_TEST_PG)")
    return 0


def _fresh_pg_schema(base: str) -> str:
    import psycopg
    from urllib.parse import quote

    with psycopg.connect(base, autocommit=True) as conn:
        conn.execute("DROP SCHEMA IF EXISTS strife_bench CASCADE")
        conn.execute("CREATE SCHEMA strife_bench")
    sep = "&" if "?" in base else "?"
    return f"{base}{sep}options={quote('-csearch_path=strife_bench')}"


if __name__ == "__main__":
    sys.exit(main())
