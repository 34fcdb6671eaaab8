"""The crash part of bench/soak.py: SIGKILL at spread points of an ingest and of a watch cycle.

For each store (SQLite, and PostgreSQL when given), and for each of two runs:
- `strife ingest` of a generated corpus (conflict reports and wire copies, so that
  near-duplicate linking and event merging run), batch size 8;
- `strife watch --once` over a loopback site whose feeds link to the same corpus as pages
  (fetching, the watch's item and cycle records, and the change feed run too);
the run is done once uninterrupted (the reference, timed from the pipeline being loaded to
the end), then, for each kill point, in a fresh database: started, killed with SIGKILL at
that moment, and run again plainly. The re-run must end with exactly the reference's rows:
articles, article bands, events and event sources (without ingestion times), the change
feed as (event, kind) pairs, and the watch's items as (item, source, status). Kill points
are spread evenly over the reference's running time with a seeded jitter, so they fall
inside batches, between a commit and the item records, and in the cycle's last writes.
"""
from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path[:0] = [str(HERE), str(REPO / "tests"), str(REPO / "src")]

import newsgen  # noqa: E402
from soak_feeds import Site  # noqa: E402
from soak_inputs import as_html, differences, query  # noqa: E402

RUN_TIMEOUT = 300
BATCH = 8

# A strife command that says READY once its pipeline is loaded (kill delays are measured
# from there, not from process start: loading spaCy takes a variable second or two) and
# COMMITTED after each batch it stores (tests/test_crash.py runs it too).
TRACED = """
import sys
from strife import cli
from strife.pipeline import Pipeline
from strife.store import Store

load = Pipeline.__init__
def traced_init(self, *args, **kwargs):
    load(self, *args, **kwargs)
    print("READY", flush=True)
Pipeline.__init__ = traced_init

add = Store.add_results
def traced_add(self, results):
    report = add(self, results)
    print("COMMITTED", flush=True)
    return report
Store.add_results = traced_add

sys.exit(cli.main(sys.argv[1:]))
"""


@dataclass
class KillResult:
    store: str
    run: str
    points: int = 0
    crashes: int = 0
    hangs: int = 0
    lost: list[str] = field(default_factory=list)
    duplicated: list[str] = field(default_factory=list)
    survived: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not (self.crashes or self.hangs or self.lost or self.duplicated)


def corpus(n: int, seed: int) -> list[dict]:
    """Conflict reports and, every seventh, a wire copy with one sentence of its own."""
    rng = random.Random(seed)
    out = []
    for i, row in enumerate(newsgen.conflict_articles(n, seed=seed % 1000)):
        out.append(row)
        if i % 7 == 3:
            copy = dict(rng.choice(out))
            own = f"A witness told Reprint Daily (story {i}) that the situation remained tense. "
            copy.update(id=f"copy-{i:03d}", source="Reprint Daily", url=f"https://news.example.org/copy/{i}",
                        text=copy["text"].replace("\n\n", "\n\n" + own, 1))
            out.append(copy)
    return out


def rows(url: str) -> dict[str, Counter]:
    """What a re-run must reproduce: storekit's snapshot, the change feed and the watch's items."""
    from storekit import snapshot

    out = {table: Counter(values) for table, values in snapshot(url).items()}
    out["event_changes"] = Counter((r["event_id"], r["kind"]) for r in query(url, "SELECT event_id, kind FROM event_changes"))
    out["watch_items"] = Counter((r["item"], r["source"], r["status"])
                                 for r in query(url, "SELECT item, source, status FROM watch_items"))
    return out


def _env() -> dict[str, str]:
    return {**os.environ, "PYTHONUNBUFFERED": "1"}


class Traced:
    """A traced strife command; `ready_at` is when its pipeline was loaded."""

    def __init__(self, args: list[str]):
        self.proc = subprocess.Popen([sys.executable, "-c", TRACED, *args], cwd=REPO, stdout=subprocess.PIPE,
                                     stderr=subprocess.DEVNULL, text=True, env=_env())
        self.ready = threading.Event()
        self.ready_at = 0.0
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        for line in self.proc.stdout:
            if line.strip() == "READY":
                self.ready_at = time.monotonic()
                self.ready.set()

    def wait_ready(self) -> bool:
        return self.ready.wait(RUN_TIMEOUT)


def plain(args: list[str]) -> subprocess.CompletedProcess | None:
    try:
        return subprocess.run([sys.executable, "-m", "strife.cli", *args], cwd=REPO, capture_output=True, text=True,
                              env=_env(), timeout=RUN_TIMEOUT)
    except subprocess.TimeoutExpired:
        return None


def kill_points(duration: float, n: int, seed: int) -> list[float]:
    """`n` delays after READY, one in each of n equal slices of the run, jittered."""
    rng = random.Random(seed)
    return [duration * (k + rng.uniform(0.1, 0.9)) / n for k in range(n)]


def _compare(result: KillResult, label: str, expected: dict[str, Counter], got: dict[str, Counter]) -> None:
    for table in expected:
        missing, extra = differences(expected[table], got[table])
        if missing:
            result.lost.append(f"{label}: {missing} {table} row(s) missing")
        if extra:
            result.duplicated.append(f"{label}: {extra} {table} row(s) extra")


def kill_run(store: str, run: str, args_for, new_url, n_points: int, seed: int) -> KillResult:
    """Reference, then `n_points` killed-and-rerun copies; args_for(url) is the command."""
    result = KillResult(store, run)
    reference_url = new_url()
    reference = Traced(args_for(reference_url))
    if not reference.wait_ready():
        result.hangs += 1
        return result
    code = reference.proc.wait(RUN_TIMEOUT)
    duration = time.monotonic() - reference.ready_at
    if code not in (0, 1):
        result.crashes += 1
        result.lost.append(f"the reference run exited {code}")
        return result
    expected = rows(reference_url)
    for k, delay in enumerate(kill_points(duration, n_points, seed)):
        url = new_url()
        traced = Traced(args_for(url))
        if not traced.wait_ready():
            result.hangs += 1
            traced.proc.kill()
            continue
        time.sleep(max(0.0, delay - (time.monotonic() - traced.ready_at)))
        ended_first = traced.proc.poll() is not None
        traced.proc.send_signal(signal.SIGKILL)
        traced.proc.wait(RUN_TIMEOUT)
        before = sum(rows(url)["articles"].values())
        again = plain(args_for(url))
        label = f"{store} {run} kill {k + 1} at {delay:.2f} s"
        if again is None:
            result.hangs += 1
            continue
        if again.returncode not in (0, 1) or "Traceback" in again.stderr:
            result.crashes += 1
            result.lost.append(f"{label}: the re-run exited {again.returncode}: {again.stderr[-400:]}")
            continue
        _compare(result, label, expected, rows(url))
        result.points += 1
        result.survived.append(f"{label}: {before} of {sum(expected['articles'].values())} articles committed"
                               + (" (the run had ended)" if ended_first else ""))
    return result


def ingest_kills(store: str, new_url, work: Path, n_points: int, seed: int, articles: int = 84) -> KillResult:
    path = work / f"kill-corpus-{store}.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in corpus(articles, seed)), encoding="utf-8")
    return kill_run(store, "ingest", lambda url: ["ingest", str(path), "--db", url, "--batch-size", str(BATCH)],
                    new_url, n_points, seed)


def watch_kills(store: str, new_url, n_points: int, seed: int, articles: int = 60, feeds: int = 4) -> KillResult:
    site = Site()
    try:
        rows_ = corpus(articles, seed + 1)
        urls = []
        for f in range(feeds):
            entries = []
            for row in rows_[f::feeds]:
                link = site.put(f"/story/{row['id']}", as_html(row).encode())
                entries.append(f"<item><title>{row['id']}</title><link>{link}</link>"
                               f"<pubDate>Mon, 03 Jun 2024 10:00:00 GMT</pubDate></item>")
            urls.append(site.put(f"/feed/{f}.xml", (f'<?xml version="1.0"?><rss version="2.0"><channel>'
                                                    f'<title>Kill News</title>{"".join(entries)}</channel></rss>').encode(),
                                 headers={"Content-Type": "application/rss+xml"}))
        args = lambda url: ["watch", *urls, "--db", url, "--once", "--delay", "0", "--batch-size", str(BATCH)]  # noqa: E731
        return kill_run(store, "watch cycle", args, new_url, n_points, seed)
    finally:
        site.stop()
