"""`strife watch` against a news site on 127.0.0.1 (tests/feedsite.py): new items become events
within one cycle, bad feeds and hostile items are reported while the rest is kept, alerts
go out once per new matching event, and a watch killed with SIGKILL resumes with nothing
lost or duplicated. In-process cycles run on SQLite and PostgreSQL; the kill test runs the
real command."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time

import pytest

from feedsite import FeedSite, Receiver
from storekit import REPO, databases, snapshot, store_url  # noqa: F401
from strife.alerts import Alert, Sender, parse_alert
from strife.cli_watch import duration
from strife.errors import UsageError
from strife.monitor import Watcher, WatchOptions, backoff
from strife.sources.feeds import PoliteClient
from strife.store import EventFilter, Store

# Written by the team for these tests: one report per place, one event each.
REPORTS = [
    ("Traders protest market fees in Kisumu", "Police fired tear gas to disperse hundreds of traders protesting "
     "against new market fees in Kisumu, Kenya, on Tuesday, witnesses said.", "KEN"),
    ("Gunmen attack Kukawa", "Gunmen killed four villagers in an attack on Kukawa in Borno State, Nigeria, on "
     "Monday night, local officials said.", "NGA"),
    ("Clashes near Goma", "Troops and rebels clashed near Goma in North Kivu, Congo, on Wednesday, the army said.",
     "COD"),
    ("Bomb hits convoy in Quetta", "A roadside bomb exploded near a police convoy in Quetta, Pakistan, on Thursday, "
     "injuring three officers.", "PAK"),
    ("Nurses march in Kumasi", "Hundreds of nurses marched through Kumasi, Ghana, on Monday to demand unpaid "
     "allowances, their union said.", "GHA"),
    ("Police station burned in Mandalay", "Rioters set fire to a police station in Mandalay, Myanmar, on Sunday "
     "after a man died in custody, residents said.", "MMR"),
]


def _publish(site: FeedSite, feed: str, n: int) -> list[str]:
    title, body, _ = REPORTS[n]
    return [site.publish(feed, title, f"<p>{body}</p>")]


@pytest.fixture()
def site():
    s = FeedSite(slow_seconds=2.5).start()
    yield s
    s.stop()


def _watcher(sources, store, pipeline, logs, alerts=None, sender=None, **options) -> Watcher:
    client = PoliteClient(timeout=1.0, retries=0, min_interval=0.0, max_bytes=2_000_000)
    return Watcher(sources, store, pipeline, client, alerts, sender,
                   WatchOptions(settle=0.0, backoff_base=0.0, **options), log=logs.append)


def _countries(store: Store) -> list[str]:
    return sorted(e.location.iso3 for e in store.events())


def test_new_items_are_stored_within_one_cycle(site, store_url, pipeline):
    _publish(site, "world", 0)
    logs: list[str] = []
    with Store(store_url) as store:
        watcher = _watcher([site.url("/feeds/world.xml")], store, pipeline, logs)
        first = watcher.cycle()
        assert (first.new_articles, first.new_events, first.errors) == (1, 1, [])
        assert _countries(store) == ["KEN"]
        seq = store.last_change()

        unchanged = watcher.cycle()    # a conditional GET answered 304: no page is fetched again
        assert unchanged.not_modified == 1 and unchanged.new_articles == 0
        assert site.count("/news/world/1") == 1

        _publish(site, "world", 1)
        _publish(site, "world", 2)
        third = watcher.cycle()
        assert (third.new_articles, third.new_events) == (2, 2)
        assert _countries(store) == ["COD", "KEN", "NGA"]
        assert site.count("/news/world/1") == 1    # items read before are not fetched again
        assert [c.event.location.iso3 for c in store.changes(after=seq)] == ["NGA", "COD"]
    assert logs[0].startswith("cycle 1: 1 of 1 source(s) polled")
    assert "1 new article(s), 1 new event(s), 0 merged, 0 error(s)" in logs[0]


def test_bad_feeds_and_hostile_items_are_reported_and_the_rest_is_kept(site, store_url, pipeline):
    _publish(site, "world", 0)
    _publish(site, "tricky", 3)
    for path in ("/hostile/huge", "/hostile/loop", "/hostile/french"):
        site.publish("tricky", f"item {path}", "", path=path)
    bad_feeds = ["/feeds/broken.xml", "/feeds/slow.xml", "/feeds/garbage.xml", "/feeds/missing.xml"]
    sources = [site.url(p) for p in bad_feeds] + [site.url("/feeds/world.xml"), site.url("/feeds/tricky.xml")]
    logs: list[str] = []
    with Store(store_url) as store:
        watcher = _watcher(sources, store, pipeline, logs)
        report = watcher.cycle()
        assert _countries(store) == ["KEN", "PAK"]       # both good items, from both feeds
        failed = "\n".join(report.failed_sources)
        for path in bad_feeds:
            assert site.url(path) in failed
        assert "HTTP 500" in failed and "timed out" in failed and "not an RSS or Atom feed" in failed
        assert "HTTP 404" in failed
        errors = "\n".join(report.errors)
        tricky = site.url("/feeds/tricky.xml")
        assert f"{tricky} item {site.url('/hostile/huge')}: the answer is 5,368,709,120 bytes" in errors
        assert f"{tricky} item {site.url('/hostile/loop')}: redirect loop" in errors
        assert f"{tricky} item {site.url('/hostile/french')}:" in errors and "French" in errors
        stored = {a for a in (r["id"] for r in _article_rows(store))}
        assert stored == {site.url("/news/world/1"), site.url("/news/tricky/1")}   # nothing half-written

        again = watcher.cycle()   # failed feeds are retried (back-off 0 here); the french page is given up on
        assert len(again.failed_sources) == 4
        assert site.count("/hostile/french") == 1
        assert site.count("/hostile/loop") > 1          # fetching may pass later: retried
    assert any(line.startswith("  ") and "HTTP 500" in line for line in logs)


def _article_rows(store: Store) -> list[dict]:
    with store.transaction() as conn:
        return [dict(r) for r in conn.all("SELECT id FROM articles ORDER BY id")]


def test_a_failing_feed_backs_off_and_comes_back(site, tmp_path, pipeline):
    site.empty_feed("late")
    logs: list[str] = []
    with Store(str(tmp_path / "w.db")) as store:
        client = PoliteClient(timeout=1.0, retries=0, min_interval=0.0)
        watcher = Watcher([site.url("/feeds/broken.xml"), site.url("/feeds/late.xml")], store, pipeline, client,
                          options=WatchOptions(backoff_base=3600.0), log=logs.append)
        watcher.cycle()
        second = watcher.cycle()
        assert second.waiting == 1 and second.polled == 1   # the broken feed waits; the other is polled
        assert site.count("/feeds/broken.xml") == 1
    assert backoff(1, 60, 3600) == 60 and backoff(3, 60, 3600) == 240 and backoff(20, 60, 3600) == 3600


def test_folders_and_feed_lists(site, tmp_path, pipeline):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "one.txt").write_text(REPORTS[4][1])
    _publish(site, "world", 5)
    feeds = tmp_path / "feeds.txt"
    feeds.write_text(f"# our feeds\n{site.url('/feeds/world.xml')}\n")
    logs: list[str] = []
    with Store(str(tmp_path / "w.db")) as store:
        watcher = _watcher([str(inbox), str(feeds)], store, pipeline, logs, published="2024-03-06")
        assert watcher.cycle().new_articles == 2
        assert _countries(store) == ["GHA", "MMR"]
        (inbox / "two.jsonl").write_text(json.dumps({"id": "j1", "text": REPORTS[2][1]}) + "\n")
        (inbox / "notes.md").write_text("not an article")
        _publish(site, "other", 3)
        feeds.write_text(feeds.read_text() + site.url("/feeds/other.xml") + "\n")   # the list grows
        third = watcher.cycle()
        assert (third.sources, third.new_articles) == (3, 2)
        assert _countries(store) == ["COD", "GHA", "MMR", "PAK"]
        assert watcher.cycle().new_articles == 0
    with pytest.raises(UsageError, match="not a feed URL"):
        (tmp_path / "bad.txt").write_text("just words\n")
        _watcher([str(tmp_path / "bad.txt")], Store(str(tmp_path / "x.db")), pipeline, [])
    with pytest.raises(UsageError, match="no such feed URL, file or folder"):
        _watcher([str(tmp_path / "nowhere")], Store(str(tmp_path / "y.db")), pipeline, [])


def test_alerts_are_delivered_once_per_new_matching_event(site, store_url, pipeline, tmp_path):
    receiver = Receiver(fail_first=1)     # the first POST fails: it is retried
    try:
        _publish(site, "world", 0)        # stored before the alert exists: not alerted
        with Store(store_url) as store:
            _watcher([site.url("/feeds/world.xml")], store, pipeline, []).cycle()
        hook = parse_alert(f"country=NGA={receiver.url}", "webhook")
        every = parse_alert(str(tmp_path / "all.jsonl"), "file")
        sender = Sender(retries=2, backoff=0.0)
        for n in (1, 3):
            _publish(site, "world", n)
        with Store(store_url) as store:
            watcher = _watcher([site.url("/feeds/world.xml")], store, pipeline, [], [hook, every], sender)
            report = watcher.cycle()
            assert report.delivered == 3      # NGA to the hook; NGA and PAK to the file
        _publish(site, "world", 2)
        with Store(store_url) as store:       # a restarted watch: nothing is sent again
            watcher = _watcher([site.url("/feeds/world.xml")], store, pipeline, [], [hook, every], sender)
            assert watcher.cycle().delivered == 1
            assert watcher.cycle().delivered == 0
        sender.close()
        bodies = [json.loads(body) for _, body in receiver.posts]
        assert [b["location"]["iso3"] for b in bodies] == ["NGA"]
        assert receiver.posts[0][0]["Idempotency-Key"]
        lines = [json.loads(x) for x in (tmp_path / "all.jsonl").read_text().splitlines()]
        assert [x["location"]["iso3"] for x in lines] == ["NGA", "PAK", "COD"]
    finally:
        receiver.stop()


def test_alert_and_duration_syntax():
    a = parse_alert("country=SDN&min_fatalities=1=https://hooks.example/x?a=b", "webhook")
    assert a.filter == EventFilter.parse(country="SDN", min_fatalities="1")
    assert a.target == "https://hooks.example/x?a=b"
    assert parse_alert("alerts.jsonl", "file") == Alert("alerts.jsonl", EventFilter(), "alerts.jsonl", "file")
    assert parse_alert("event_type=Battles=out=1.jsonl", "file").target == "out=1.jsonl"
    assert parse_alert("=http://127.0.0.1:9/hook", "webhook").filter == EventFilter()
    with pytest.raises(UsageError, match="FILTER=URL"):
        parse_alert("country=SDN", "webhook")
    with pytest.raises(UsageError, match="country"):
        parse_alert("country=Sudan=https://h.example/", "webhook")
    assert [duration(x) for x in ("5s", "15m", "1h", "90")] == [5, 900, 3600, 90]
    for bad in ("0s", "5d", "soon", "-1m"):
        with pytest.raises(Exception):
            duration(bad)


def test_changes_and_stats_over_http(site, tmp_path, pipeline):
    from test_api import make_client

    _publish(site, "world", 0)
    _publish(site, "world", 1)
    with Store(str(tmp_path / "w.db")) as store:
        client = make_client(store)
        assert client.get("/api/stats").json()["watch"] is None
        _watcher([site.url("/feeds/world.xml")], store, pipeline, []).cycle()
        body = client.get("/api/changes", params={"after": 0}).json()
        assert [c["kind"] for c in body["changes"]] == ["new", "new"]
        assert client.get("/api/changes", params={"after": body["last_seq"]}).json()["changes"] == []
        only = client.get("/api/changes", params={"after": 0, "country": "NGA"}).json()
        assert [c["event"]["location"]["iso3"] for c in only["changes"]] == ["NGA"]
        assert only["last_seq"] == body["last_seq"]
        stats = client.get("/api/stats").json()
        assert stats["watch"]["cycles"] == 1
        assert stats["watch"]["last_cycle"]["new_events"] == 2 and stats["last_change"] == body["last_seq"]
        assert client.get("/api/changes", params={"after": -1}).status_code == 422


# --- the real command, killed -----------------------------------------------------------------

def _watch(db: str, source: str, *extra: str) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    command = [sys.executable, "-c", "import sys; from strife.cli import main; sys.exit(main())"]
    return subprocess.Popen([*command, "watch", source, "--db", db, "--delay", "0",
                             "--timeout", "5", "--batch-size", "1", *extra],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)


def _rows(db: str) -> dict:
    return snapshot(db)


def test_killed_during_a_cycle_and_restarted_nothing_is_lost_or_duplicated(databases, tmp_path):
    site = FeedSite(page_delay=0.4).start()
    receiver = Receiver()
    try:
        for n in range(len(REPORTS)):
            _publish(site, "world", n)
        feed = site.url("/feeds/world.xml")
        alert = f"={receiver.url}"
        reference = databases.new_url()
        done = _watch(reference, feed, "--once")
        assert done.wait(timeout=300) == 0, done.stderr.read()
        killed = databases.new_url()
        proc = _watch(killed, feed, "--every", "1s", "--alert", alert)
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline:    # kill once the first articles are in, mid-cycle
            assert proc.poll() is None, proc.stderr.read()
            with Store(killed) as store:
                if 2 <= store.table_counts()["articles"] < len(REPORTS):
                    break
            time.sleep(0.05)
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
        with Store(killed) as store:
            assert store.table_counts()["articles"] < len(REPORTS)
        again = _watch(killed, feed, "--once", "--alert", alert)
        assert again.wait(timeout=300) == 0, again.stderr.read()
        assert _rows(killed) == _rows(reference)
        # Each event alerted once, across the kill (the first run alerted what it stored).
        ids = [json.loads(body)["event_id"] for _, body in receiver.posts]
        assert sorted(ids) == sorted(set(ids))
    finally:
        site.stop()
        receiver.stop()
