"""Soak: what strife survives at full size, loopback only.

    .venv/bin/python bench/soak.py [--quick] [--pg URL] [--items 10000] [--kills 10] [--requests 10000]
                                   [--parts inputs,kills,requests]

1. Bad input (bench/soak_inputs.py, soak_feeds.py, soak_requests.py): ITEMS generated bad
   items per input path (text files, JSONL lines, HTML files, WARC records, RSS/Atom feeds
   and their items, POST /api/articles bodies; JSONL again on PostgreSQL), each mixed with
   good articles: no crash, no hang, every bad item stored or reported with its id and a
   reason, every good article's events identical to a clean run of the good articles alone.
2. Crashes (bench/soak_kills.py): KILLS SIGKILL points in an ingest and KILLS in a watch
   cycle, per store (SQLite; PostgreSQL with --pg or $STRIFE_TEST_PG): after each, a re-run
   gives exactly the rows of an uninterrupted run.
3. Hostile requests (bench/soak_requests.py): REQUESTS requests to `strife serve` mixing
   normal reads with SQL injection in every filter, path traversal, oversized bodies and
   headers, bad tokens and stored script read back as JSON: no 5xx, every refusal in the
   one error shape, nothing written without the token, p50/p99 per endpoint.

Then a table (path, items, crashes, hangs, lost, duplicated, 5xx) and exit code 1 if any
cell but the item counts is not zero. The full run takes about half an hour on 2 cores;
--quick (200 items per path, one kill per run and store, 400 requests) about three
minutes, and is what CI runs (tests/test_soak.py). The input paths run two at a time.
"""
from __future__ import annotations

import argparse
import itertools
import os
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent / "tests"), str(HERE.parent / "src")]

import soak_feeds  # noqa: E402
import soak_inputs  # noqa: E402
import soak_kills  # noqa: E402
import soak_requests  # noqa: E402
from load_test import Server  # noqa: E402

FULL = {"items": 10_000, "good": 60, "kills": 10, "requests": 10_000, "timeout": 1800}
QUICK = {"items": 200, "good": 8, "kills": 1, "requests": 400, "timeout": 600}


class Stores:
    """Fresh empty databases on one backend: SQLite files in `work`, or PostgreSQL schemas."""

    def __init__(self, backend: str, work: Path, pg: str | None = None):
        self.backend, self.work, self.count = backend, work, itertools.count()
        self.schemas = None
        if backend == "postgresql":
            from storekit import PgSchemas

            self.schemas = PgSchemas(pg)

    def new_url(self) -> str:
        if self.schemas is not None:
            return self.schemas.new_url()
        return str(self.work / f"{self.backend}-{next(self.count)}.db")

    def close(self) -> None:
        if self.schemas is not None:
            self.schemas.drop_all()


# --- the table ----------------------------------------------------------------------------------

COLUMNS = ("path", "items", "crashes", "hangs", "lost", "duplicated", "5xx", "seconds")


def table_rows(inputs, kills, hostile, hostile_seconds) -> list[tuple]:
    out = [(r.path, r.items, r.crashes, r.hangs, len(r.lost), len(r.duplicated), r.server_errors, r.seconds)
           for r in inputs]
    out += [(f"kill: {k.store} {k.run}", k.points, k.crashes, k.hangs, len(k.lost), len(k.duplicated), 0, None)
            for k in kills]
    if hostile is not None:
        failures = len(hostile.misshaped) + len(hostile.unsafe) + len(hostile.written_without_token)
        out.append(("api hostile requests", hostile.requests, 0, len(hostile.transport), failures, 0,
                    len(hostile.server_errors), hostile_seconds))
    return out


def print_table(rows: list[tuple]) -> None:
    widths = [max(len(str(c)) for c in col) for col in zip(COLUMNS, *[_cells(r) for r in rows])]
    print("  ".join(h.ljust(w) if i == 0 else h.rjust(w) for i, (h, w) in enumerate(zip(COLUMNS, widths))))
    for row in rows:
        print("  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(_cells(row), widths))))


def _cells(row: tuple) -> list[str]:
    return [str(c) if not isinstance(c, float) else f"{c:.0f}" for c in row[:-1]] + \
        ["" if row[-1] is None else f"{row[-1]:.0f}"]


def print_details(inputs, kills, hostile) -> None:
    for r in inputs:
        print(f"{r.path}: {r.read} read, {r.refused} refused with a reason"
              + (f", {r.already} already stored (same clean text)" if r.already else "") + "; kinds: "
              + ", ".join(f"{k} {n}" for k, n in sorted(r.kinds.items())))
        for line in (r.lost[:5] + r.duplicated[:5] + r.notes[:3]):
            print(f"    {line[:400]}")
    for k in kills:
        for line in (k.lost[:5] + k.duplicated[:5]):
            print(f"    {line[:400]}")
    if hostile is not None:
        print(f"api hostile requests: statuses {dict(sorted(hostile.statuses.items()))}; "
              f"{hostile.refused_before_app} oversized header(s) refused by the HTTP server before the application")
        for label, (n, p50, p99) in hostile.percentiles().items():
            print(f"    {label:34s} {n:6d} requests  p50 {p50:7.1f} ms  p99 {p99:7.1f} ms")
        for line in (hostile.server_errors + hostile.misshaped + hostile.unsafe + hostile.written_without_token
                     + hostile.transport)[:10]:
            print(f"    {line[:400]}")


# --- running ------------------------------------------------------------------------------------

def run_inputs(size: dict, work: Path, seed: int, pg: str | None, jobs: int) -> list:
    good = soak_inputs.good_articles(size["good"], seed)
    n, t = size["items"], size["timeout"]
    paths = [
        lambda: soak_inputs.text_path(n, good, _dir(work, "text"), seed + 1, t),
        lambda: soak_inputs.jsonl_path(n, good, _dir(work, "jsonl"), seed + 2, t),
        lambda: soak_inputs.html_path(n, good, _dir(work, "html"), seed + 3, t),
        lambda: soak_inputs.warc_path(n, good, _dir(work, "warc"), seed + 4, t),
        lambda: soak_feeds.feed_path(n, good, _dir(work, "feeds"), seed + 5, t),
    ]
    if pg:
        pg_stores = Stores("postgresql", work, pg)
        paths.append(lambda: soak_inputs.jsonl_path(n, good, _dir(work, "jsonl-pg"), seed + 2, t, pg_stores.new_url,
                                                    "jsonl lines (postgresql)"))
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        futures = [pool.submit(_timed, p) for p in paths]
        results = [f.result() for f in futures]
    if pg:
        pg_stores.close()
    return results


def _timed(path):
    started = time.monotonic()
    result = path()
    print(f"soak: {result.path}: {result.items} items in {time.monotonic() - started:.0f} s"
          f" ({'ok' if result.ok else 'FAILED'})", flush=True)
    return result


def _dir(work: Path, name: str) -> Path:
    path = work / name
    path.mkdir(parents=True, exist_ok=True)
    return path


def run_api(size: dict, work: Path, seed: int):
    """The API bodies path, then the hostile requests on the same store."""
    good = soak_inputs.good_articles(size["good"], seed)
    api = _timed(lambda: soak_requests.api_path(size["items"], good, _dir(work, "api"), seed + 6, 120))
    url = str(work / "api" / "api-soak.db")
    started = time.monotonic()
    with Server(url, work / "api" / "serve-hostile.log", soak_requests.SERVER_ENV) as server:
        server.wait_up()
        hostile = soak_requests.hostile_requests(server.base, url, size["requests"], seed)
        if server.proc.poll() is not None:
            hostile.transport.append("strife serve exited during the hostile requests")
    seconds = time.monotonic() - started
    print(f"soak: api hostile requests: {hostile.requests} in {seconds:.0f} s ({'ok' if hostile.ok else 'FAILED'})",
          flush=True)
    return api, hostile, seconds


def run_kills(size: dict, work: Path, seed: int, pg: str | None) -> list:
    results = []
    for backend in ["sqlite"] + (["postgresql"] if pg else []):
        stores = Stores(backend, _dir(work, f"kills-{backend}"), pg)
        try:
            for run in (lambda: soak_kills.ingest_kills(backend, stores.new_url, stores.work, size["kills"], seed),
                        lambda: soak_kills.watch_kills(backend, stores.new_url, size["kills"], seed)):
                started = time.monotonic()
                result = run()
                print(f"soak: kill {backend} {result.run}: {result.points} points in {time.monotonic() - started:.0f} s"
                      f" ({'ok' if result.ok else 'FAILED'})", flush=True)
                results.append(result)
        finally:
            stores.close()
    return results


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="the CI size: about three minutes")
    ap.add_argument("--items", type=int, help="bad items per input path (10,000; quick 200)")
    ap.add_argument("--good", type=int, help="good articles mixed into each path (60; quick 8)")
    ap.add_argument("--kills", type=int, help="SIGKILL points per run and store (10, so 20 per store; quick 1)")
    ap.add_argument("--requests", type=int, help="hostile API requests (10,000; quick 400)")
    ap.add_argument("--pg", default=os.environ.get("STRIFE_TEST_PG"),
                    help="PostgreSQL URL for the PostgreSQL runs (default $STRIFE_TEST_PG; without it SQLite only)")
    ap.add_argument("--jobs", type=int, default=2, help="input paths run at once (default 2)")
    ap.add_argument("--seed", type=int, default=20261203)
    ap.add_argument("--keep", help="keep the work files in this folder")
    ap.add_argument("--parts", default="inputs,kills,requests",
                    help="which parts to run, comma-separated (inputs,kills,requests; the API bodies path "
                         "runs with requests)")
    args = ap.parse_args(argv)
    size = dict(QUICK if args.quick else FULL)
    size.update({k: getattr(args, k) for k in ("items", "good", "kills", "requests") if getattr(args, k) is not None})
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="strife-soak-") as tmp:
        work = Path(args.keep) if args.keep else Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        print(f"soak: {size['items']} items per path, {size['good']} good articles, {size['kills']} kill(s) per run "
              f"and store, {size['requests']} requests; stores: sqlite{' + postgresql' if args.pg else ''}", flush=True)
        parts = set(args.parts.split(","))
        inputs = run_inputs(size, work, args.seed, args.pg, args.jobs) if "inputs" in parts else []
        hostile, hostile_seconds = None, 0.0
        if "requests" in parts:
            api, hostile, hostile_seconds = run_api(size, work, args.seed)
            inputs.append(api)
        kills = run_kills(size, work, args.seed, args.pg) if "kills" in parts else []
    print()
    print_table(table_rows(inputs, kills, hostile, hostile_seconds))
    print()
    print_details(inputs, kills, hostile)
    ok = all(r.ok for r in inputs) and all(k.ok for k in kills) and (hostile is None or hostile.ok)
    print(f"\nsoak: {'passed' if ok else 'FAILED'} in {time.monotonic() - started:.0f} s")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
