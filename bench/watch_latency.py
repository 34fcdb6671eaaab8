"""How fast `strife watch` turns a new feed item into a served event, on loopback.

    .venv/bin/python bench/watch_latency.py [--feeds 100] [--items 20] [--new 20] [--every 5]

A news site on 127.0.0.1 (tests/feedsite.py) serves FEEDS feeds of ITEMS generated
articles each (bench/newsgen.py: 80% non-conflict news, 20% conflict reports). The run:

1. baseline: `ingest` of the same articles from memory into a fresh store (no HTTP): the
   pipeline's own cost, the floor for the first cycle;
2. first watch cycle over every feed (conditional GETs, one page fetch per item, ingest);
   printed with its ratio to the baseline (the cost of polling and fetching);
3. latency: `strife serve`'s app runs on 127.0.0.1 beside a watch cycling every EVERY
   seconds; NEW conflict items are published one at a time on random feeds, and for each
   the time from publishing to its event appearing in `GET /api/changes` is measured.
   Expected: below EVERY + the time to read one article; printed as p50/max and as a ratio
   to EVERY.
This is a benchmark, not a test: run it on a quiet machine.
"""
from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent / "tests"), str(HERE.parent / "src")]

from feedsite import FeedSite  # noqa: E402
from newsgen import conflict_articles, realistic_mix  # noqa: E402


def _html(row: dict) -> str:
    return "".join(f"<p>{p}</p>" for p in row["text"].split("\n\n"))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--feeds", type=int, default=100)
    ap.add_argument("--items", type=int, default=20)
    ap.add_argument("--new", type=int, default=20, help="new items published during the latency run")
    ap.add_argument("--every", type=float, default=5.0, help="seconds between watch cycles")
    args = ap.parse_args()

    import httpx
    import uvicorn

    from strife.api import create_app
    from strife.articles import article_from_json
    from strife.ingest import ingest
    from strife.monitor import Watcher, WatchOptions
    from strife.pipeline import Pipeline
    from strife.sources.feeds import PoliteClient
    from strife.store import Store

    rows = realistic_mix(args.feeds * args.items, 0.2, seed=7)
    pipeline = Pipeline()
    tmp = Path(tempfile.mkdtemp(prefix="strife-watch-bench-"))

    start = time.perf_counter()
    with Store(str(tmp / "baseline.db")) as store:
        for _ in ingest((article_from_json(r, r["id"]) for r in rows), pipeline, store):
            pass
    baseline = time.perf_counter() - start

    site = FeedSite().start()
    for i, row in enumerate(rows):
        site.publish(f"f{i % args.feeds}", row.get("title") or row["id"], _html(row), published="")
    feeds = [site.url(f"/feeds/f{n}.xml") for n in range(args.feeds)]
    store = Store(str(tmp / "watch.db"))
    client = PoliteClient(timeout=10, retries=1, min_interval=0.0)
    watcher = Watcher(feeds, store, pipeline, client, options=WatchOptions(published="2024-03-06"), log=lambda _: None)
    start = time.perf_counter()
    first = watcher.cycle()
    first_cycle = time.perf_counter() - start
    n = len(rows)
    print(f"{n} articles in {args.feeds} feeds: baseline ingest {baseline:.1f} s ({n / baseline:.1f} articles/s); "
          f"first watch cycle {first_cycle:.1f} s ({first.new_articles} new articles, {first.new_events} events, "
          f"{len(first.errors)} errors); ratio {first_cycle / baseline:.2f}x the baseline")

    start = time.perf_counter()
    idle = watcher.cycle()
    print(f"a cycle with nothing new: {time.perf_counter() - start:.2f} s ({idle.not_modified} feeds unchanged)")

    server = uvicorn.Server(uvicorn.Config(create_app(store), host="127.0.0.1", port=0, log_level="warning"))
    threading.Thread(target=server.run, daemon=True).start()
    while not server.started:
        time.sleep(0.05)
    port = server.servers[0].sockets[0].getsockname()[1]
    api = f"http://127.0.0.1:{port}/api/changes"
    stop = threading.Event()
    threading.Thread(target=watcher.run, args=(args.every,), kwargs={"stop": stop.is_set}, daemon=True).start()

    rng = random.Random(3)
    fresh = conflict_articles(args.new, seed=99)
    latencies = []
    after = store.last_change()
    for row in fresh:
        feed = f"f{rng.randrange(args.feeds)}"
        published = time.perf_counter()
        site.publish(feed, row.get("title") or row["id"], _html(row), published="")
        while True:
            body = httpx.get(api, params={"after": after}, timeout=10).json()
            if body["changes"]:
                latencies.append(time.perf_counter() - published)
                after = body["last_seq"]
                break
            if time.perf_counter() - published > 3 * args.every + 30:
                print(f"  item on {feed}: no event served after {time.perf_counter() - published:.0f} s")
                break
            time.sleep(0.1)
        time.sleep(rng.uniform(0, args.every / 2))
    stop.set()
    server.should_exit = True
    if latencies:
        p50, worst = statistics.median(latencies), max(latencies)
        print(f"latency from publishing to served, {len(latencies)}/{len(fresh)} items, cycle every {args.every:g} s: "
              f"p50 {p50:.1f} s ({p50 / args.every:.2f}x the cycle), max {worst:.1f} s ({worst / args.every:.2f}x)")
    site.stop()
    store.close()
    return 0 if len(latencies) == len(fresh) else 1


if __name__ == "__main__":
    sys.exit(main())
