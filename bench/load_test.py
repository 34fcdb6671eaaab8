"""Load test: `strife serve` on loopback over a store of synthetic events, a few concurrent clients.

    .venv/bin/python bench/load_test.py [--events 100000] [--requests 1000] [--seconds 120]
                                        [--clients 4] [--pg URL] [--seed 1]

1. A store (SQLite in a temporary folder, a fresh schema of --pg, or --db to keep it) is
   filled with `--events` synthetic events through `Store.add_results` in batches (two
   events per article, store_bench's records spread over six years and the whole map).
2. `strife serve` starts as a subprocess on 127.0.0.1 and a free port, with a write token
   and the write rate limit off (every client here shares one address).
3. One write warms the pipeline up (spaCy loads on the first POST); then `--clients`
   threads, each with its own httpx client, work through a fixed, seeded list of
   `--requests` requests, and stop at `--seconds` whatever is left: GET /api/events with
   filters (and the next page when there is one), GET /api/stats, GET /api/events/{id}
   (some ids unknown: 404) and POST /api/articles with generated reports.
4. Afterwards every accepted write is read back (GET /api/articles/{id}) and the store's
   rows are counted: articles and events must have grown by exactly what the writes
   reported. The server is stopped.

Printed: requests served, status counts, lost writes, p50/p99 latency per endpoint. The exit
code is 0 only when every planned request was answered, none with a 5xx or a transport
error, and no write was lost. tests/test_load.py runs a small version (2,000 events).
"""
from __future__ import annotations

import argparse
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

import httpx

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(BENCH))

import newsgen  # noqa: E402
import store_bench  # noqa: E402
from strife.clean import CleanArticle  # noqa: E402
from strife.pipeline import ArticleResult  # noqa: E402
from strife.record import Actor, Event, Evidence, Location, Source  # noqa: E402
from strife.store import Store  # noqa: E402
from strife.store.db import connect  # noqa: E402

TOKEN = "load-test-token"
REQUEST_TIMEOUT = 60.0
# Endpoint mix: label -> share of requests.
MIX = {"events": 0.40, "stats": 0.12, "event": 0.38, "post": 0.10}
FILTERS = [{}, {"country": "MLI"}, {"event_type": "Battles"}, {"since": "2023-06-01", "until": "2023-08-31"},
           {"bbox": "-20,-10,40,30"}, {"actor": "shabaab"}, {"min_fatalities": "20"}, {"q": "killed"},
           {"country": "SOM", "event_type": "Protests"}, {"sub_event_type": "Air/drone strike", "since": "2023-03-01"}]


@dataclass
class Outcome:
    label: str
    status: int  # 0: no answer (transport error or timeout)
    seconds: float
    detail: str = ""
    wrong: bool = False  # answered, but not what the store holds (e.g. 404 for a stored event)
    followup: bool = False  # a next page, asked for because the planned request had one


@dataclass
class Result:
    events: int
    planned: int
    outcomes: list[Outcome] = field(default_factory=list)
    written: list[str] = field(default_factory=list)  # article ids the server said it stored
    new_events: int = 0  # events the accepted writes said they added
    lost_writes: list[str] = field(default_factory=list)
    row_check: str = ""
    elapsed: float = 0.0
    build_seconds: float = 0.0

    @property
    def served(self) -> int:
        """Planned requests that got an answer (next pages are counted apart)."""
        return sum(1 for o in self.outcomes if o.status and not o.followup)

    def failures(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.status >= 500 or o.status == 0 or o.wrong]

    def statuses(self) -> Counter:
        return Counter(o.status for o in self.outcomes)

    @property
    def ok(self) -> bool:
        return self.served == self.planned and not self.failures() and not self.lost_writes and self.row_check == "ok"

    def latencies(self) -> dict[str, tuple[int, float, float]]:
        """label -> (count, p50 ms, p99 ms)."""
        by_label: dict[str, list[float]] = defaultdict(list)
        for o in self.outcomes:
            if o.status:
                by_label[o.label].append(o.seconds * 1000)
        return {label: (len(v), _percentile(v, 50), _percentile(v, 99)) for label, v in sorted(by_label.items())}

    def report(self) -> str:
        lines = [f"store: {self.events} events (built in {self.build_seconds:.1f} s)",
                 f"requests: {self.served} served of {self.planned} planned, plus "
                 f"{sum(o.followup for o in self.outcomes)} next pages, in {self.elapsed:.1f} s "
                 f"({len(self.outcomes) / max(self.elapsed, 1e-9):.0f}/s)",
                 "status counts: " + ", ".join(f"{s or 'no answer'}: {n}" for s, n in sorted(self.statuses().items())),
                 f"writes: {len(self.written)} articles accepted, {len(self.lost_writes)} lost; rows: {self.row_check}",
                 f"{'endpoint':<14} {'n':>6} {'p50 ms':>9} {'p99 ms':>9}"]
        for label, (n, p50, p99) in self.latencies().items():
            lines.append(f"{label:<14} {n:>6} {p50:>9.1f} {p99:>9.1f}")
        lines += [f"FAILED {o.label}: {o.status} {o.detail[:200]}" for o in self.failures()[:5]]
        lines += [f"LOST {aid}" for aid in self.lost_writes[:5]]
        lines.append("OK" if self.ok else "NOT OK")
        return "\n".join(lines)


def _percentile(values: list[float], p: int) -> float:
    if len(values) < 2:
        return values[0] if values else 0.0
    return statistics.quantiles(values, n=100, method="inclusive")[p - 1]


# --- the store ----------------------------------------------------------------------------------

def synthetic(n_events: int, seed: int = 7) -> list[ArticleResult]:
    """Articles with two events each: store_bench's records, spread over six years and the whole
    map so that each is an event of its own (store_bench's pile into 336 days and share cells,
    which makes every merge look at hundreds of candidates: fine for timing merges, slow for
    building a big store)."""
    rng = random.Random(seed)
    results = []
    for i in range((n_events + 1) // 2):
        text = " ".join(rng.choice(store_bench.VOCAB) for _ in range(80)) + "."
        art = CleanArticle(f"l{i:07d}", f"Report {i}", "2024-01-01", text, f"https://load.example/{i}", f"Outlet{i % 50}")
        events = []
        for j in range(2 if 2 * i + 1 < n_events else 1):
            t, sub = store_bench.TYPES[rng.randrange(len(store_bench.TYPES))]
            day = date(2019, 1, 1) + timedelta(days=rng.randrange(6 * 365))
            events.append(Event(
                event_id=f"ev-l{i:07d}-{j}", article_id=art.id, event_type=t, sub_event_type=sub,
                evidence=Evidence(text[:120], 0, 120), date=day.isoformat(),
                actor1=Actor(rng.choice(store_bench.ACTORS), "State forces", None),
                location=Location(f"Place {i}-{j}", None, rng.choice(store_bench.COUNTRIES),
                                  round(rng.uniform(-60, 70), 4), round(rng.uniform(-170, 170), 4)),
                fatalities=rng.randrange(0, 30), sources=[Source(art.id, art.url, art.source, art.published)]))
        results.append(ArticleResult(art, events))
    return results


def build_store(url: str, n_events: int, batch: int = 1000) -> int:
    """Fill the store at `url` with `n_events` synthetic events, unless it holds them already."""
    with Store(url) as store:
        stored = store.table_counts()["events"]
        if stored >= n_events:
            return stored
        results = synthetic(n_events)
        for i in range(0, len(results), batch):
            store.add_results(results[i:i + batch])
        return store.table_counts()["events"]


def fresh_pg_schema(base: str, name: str = "strife_load") -> str:
    import psycopg
    from urllib.parse import quote

    with psycopg.connect(base, autocommit=True) as conn:
        conn.execute(f"DROP SCHEMA IF EXISTS {name} CASCADE")
        conn.execute(f"CREATE SCHEMA {name}")
    sep = "&" if "?" in base else "?"
    return f"{base}{sep}options={quote(f'-csearch_path={name}')}"


# --- the server ---------------------------------------------------------------------------------

def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """`strife serve` in a subprocess on 127.0.0.1; stopped on exit, killed if it will not stop."""

    def __init__(self, url: str, log: Path, env: dict[str, str] | None = None):
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        env = {**os.environ, "STRIFE_API_TOKEN": TOKEN, "STRIFE_WRITE_RATE": "0", **(env or {})}
        self._log = open(log, "w")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "strife.cli", "serve", "--db", url, "--host", "127.0.0.1", "--port", str(self.port)],
            cwd=REPO, env=env, stdout=self._log, stderr=subprocess.STDOUT)
        self.log = log

    def wait_up(self, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"strife serve exited: {self.log.read_text()[-2000:]}")
            try:
                if httpx.get(self.base + "/healthz", timeout=2).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.1)
        raise RuntimeError("strife serve did not answer /healthz in time")

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(5)
        self._log.close()

    def __enter__(self) -> "Server":
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


# --- the requests -------------------------------------------------------------------------------

def plan(n: int, event_ids: list[str], seed: int) -> list[tuple[str, dict]]:
    """A fixed list of `n` requests: (label, arguments)."""
    rng = random.Random(seed)
    articles = newsgen.conflict_articles(max(1, int(n * MIX["post"]) + 5), seed=seed)
    labels, weights = zip(*[(k, v) for k, v in MIX.items() if v > 0])
    out, posts = [], 0
    for i in range(n):
        label = rng.choices(labels, weights)[0]
        if label == "events":
            out.append((label, {"params": {**rng.choice(FILTERS), "limit": rng.choice([10, 50, 100, 500])},
                                "next_page": rng.random() < 0.3}))
        elif label == "stats":
            out.append((label, {"params": rng.choice(FILTERS[1:])}))  # unfiltered stats: see below
        elif label == "event":
            known = rng.random() < 0.9
            out.append((label, {"id": rng.choice(event_ids) if known else f"ev-missing-{i}", "known": known}))
        else:
            a = dict(articles[posts % len(articles)])
            a["id"] = f"load-{seed}-{i:06d}"
            a["text"] += f"\n\nThis report was filed as {a['id']}."
            posts += 1
            out.append((label, {"article": a}))
    if n >= 20:  # a few unfiltered stats: the heaviest read (every event, five GROUP BYs)
        for k in range(0, n, max(1, n // 5)):
            out[k] = ("stats", {"params": {}})
    return out


def _one(client: httpx.Client, label: str, args: dict, result: Result, lock: threading.Lock) -> list[Outcome]:
    outcomes = []
    start = time.perf_counter()
    try:
        if label == "events":
            r = client.get("/api/events", params=args["params"])
            outcomes.append(Outcome(label, r.status_code, time.perf_counter() - start, r.text[:300]))
            cursor = r.json().get("next_cursor") if r.status_code == 200 else None
            if args["next_page"] and cursor:
                start = time.perf_counter()
                r = client.get("/api/events", params={**args["params"], "cursor": cursor})
                outcomes.append(Outcome("events_page2", r.status_code, time.perf_counter() - start, r.text[:300],
                                        followup=True))
        elif label == "stats":
            r = client.get("/api/stats", params=args["params"])
            outcomes.append(Outcome(label, r.status_code, time.perf_counter() - start, r.text[:300]))
        elif label == "event":
            r = client.get(f"/api/events/{args['id']}")
            expected = 200 if args["known"] else 404
            outcomes.append(Outcome(label, r.status_code, time.perf_counter() - start,
                                    f"expected {expected}: {r.text[:300]}", wrong=r.status_code != expected))
        else:
            r = client.post("/api/articles", json=args["article"], headers={"Authorization": f"Bearer {TOKEN}"})
            outcomes.append(Outcome(label, r.status_code, time.perf_counter() - start, r.text[:300]))
            if r.status_code == 200:
                body = r.json()
                with lock:
                    result.written += body["stored"]
                    result.new_events += body["new_events"]
    except httpx.HTTPError as exc:
        outcomes.append(Outcome(label, 0, time.perf_counter() - start, f"{type(exc).__name__}: {exc}"))
    return outcomes


def drive(base: str, requests: list[tuple[str, dict]], clients: int, seconds: float, result: Result) -> None:
    """`clients` threads work through `requests` until done or `seconds` have passed."""
    lock = threading.Lock()
    queue = iter(enumerate(requests))
    deadline = time.monotonic() + seconds

    def worker() -> None:
        with httpx.Client(base_url=base, timeout=REQUEST_TIMEOUT) as client:
            while time.monotonic() < deadline:
                with lock:
                    item = next(queue, None)
                if item is None:
                    return
                outcomes = _one(client, *item[1], result, lock)
                with lock:
                    result.outcomes += outcomes

    threads = [threading.Thread(target=worker, daemon=True) for _ in range(clients)]
    start = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join(seconds + REQUEST_TIMEOUT + 5)
    result.elapsed = time.monotonic() - start


def check_writes(base: str, url: str, result: Result, before: dict[str, int]) -> None:
    """Every article the server said it stored is readable, and the rows grew by exactly that."""
    with httpx.Client(base_url=base, timeout=REQUEST_TIMEOUT) as client:
        for aid in result.written:
            r = client.get(f"/api/articles/{aid}")
            if r.status_code != 200 or r.json()["id"] != aid:
                result.lost_writes.append(aid)
    with Store(url) as store:
        after = store.table_counts()
    grew = (after["articles"] - before["articles"], after["events"] - before["events"])
    wanted = (len(result.written), result.new_events)
    result.row_check = "ok" if grew == wanted else f"articles/events grew by {grew}, the writes reported {wanted}"


def run(n_events: int = 100_000, n_requests: int = 1000, seconds: float = 120, clients: int = 4,
        pg: str | None = None, seed: int = 1, workdir: Path | None = None, db: str | None = None) -> Result:
    with tempfile.TemporaryDirectory() as tmp:
        folder = workdir or Path(tmp)
        url = db or (fresh_pg_schema(pg) if pg else str(folder / "load.db"))
        start = time.monotonic()
        stored = build_store(url, n_events)
        result = Result(events=stored, planned=0, build_seconds=time.monotonic() - start)
        with Store(url) as store:
            before = store.table_counts()
        conn = connect(url)
        event_ids = sorted(r["id"] for r in conn.all("SELECT id FROM events"))
        conn.close()
        with Server(url, folder / "serve.log") as server:
            server.wait_up()
            warm = httpx.post(server.base + "/api/articles", headers={"Authorization": f"Bearer {TOKEN}"},
                              json={"id": f"warm-{seed}", "published": "2024-03-07",
                                    "text": "Police arrested 12 protesters in Lima on Monday."}, timeout=120)
            warm.raise_for_status()
            result.written += warm.json()["stored"]
            result.new_events += warm.json()["new_events"]
            requests = plan(n_requests, event_ids, seed)
            result.planned = len(requests)
            drive(server.base, requests, clients, seconds, result)
            check_writes(server.base, url, result, before)
        return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=1000)
    parser.add_argument("--seconds", type=float, default=120, help="stop after this long, whatever is left")
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--pg", default=None, help="PostgreSQL URL (a fresh schema strife_load is used)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--db", help="keep the store here (SQLite file or PostgreSQL URL) and reuse it when it "
                                     "already holds --events events; the writes of each run stay in it")
    args = parser.parse_args()
    result = run(args.events, args.requests, args.seconds, args.clients, args.pg, args.seed, db=args.db)
    print(result.report())
    return 0 if result.ok else 1


if __name__ == "__main__":
    sys.exit(main())
