"""The store on SQLite and PostgreSQL: schema, round trips, idempotent and crash-safe ingest."""
from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
from dataclasses import replace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from storekit import REPO, article, corpus, databases, event, ingest_in_batches, rewrites, snapshot, store_url, words_text  # noqa: F401
from strife.errors import UsageError
from strife.pipeline import ArticleResult
from strife.record import Event
from strife.store import MIGRATIONS, NotFoundError, Store, StoreError, latest_version
from strife.store.db import connect


def test_migrations_are_recorded_once(store_url):
    Store(store_url).close()
    with Store(store_url) as store:
        assert store.schema_version == latest_version() == len(MIGRATIONS)
    conn = connect(store_url)
    rows = conn.all("SELECT version, name FROM schema_version ORDER BY version")
    conn.close()
    assert [r["version"] for r in rows] == [m.version for m in MIGRATIONS]


def test_a_newer_schema_is_refused(store_url):
    Store(store_url).close()
    conn = connect(store_url)
    conn.execute("INSERT INTO schema_version (version, name, applied_at) VALUES (?, ?, ?)",
                 (latest_version() + 1, "from the future", "2030-01-01"))
    conn.close()
    with pytest.raises(StoreError, match="newer than this strife knows"):
        Store(store_url)


def test_event_round_trip(store_url):
    art = article("one", "Azerbaijani forces shelled Stepanakert on Wednesday, killing 27, officials said.")
    ev = event(art, 0, actor2="Military Forces of Armenia", fatalities=27, low=27, high=32, injured=200)
    ev = replace(ev, displaced=1000, arrested=3, time_precision=2)
    with Store(store_url) as store:
        report = store.add_results([ArticleResult(art, [ev])])
        assert report.stored == ["one"] and report.new_events == 1
        (back,) = store.events()
        assert back.to_dict() == ev.to_dict()
        detail = store.event(ev.event_id)
        assert detail.reports[0].evidence == ev.evidence and detail.reports[0].relation == "report"
        stored = store.article("one")
        assert stored.text == art.text and [e.event_id for e in stored.events] == [ev.event_id]
        with pytest.raises(NotFoundError):
            store.event("nope")
        with pytest.raises(NotFoundError):
            store.article("nope")


def test_ingesting_the_same_200_articles_twice_leaves_the_same_rows(store_url):
    results = corpus(200)
    with Store(store_url) as store:
        first = store.add_results(results)
        assert len(first.stored) == 200 and not first.skipped
        assert len(first.near_duplicates) == 20 and first.merged_events > 0
        before = snapshot(store_url)
        again = store.add_results(results)
        assert again.already_stored == [r.article.id for r in results]
        assert not again.stored and again.new_events == again.merged_events == 0
    assert snapshot(store_url) == before


def test_twenty_rewrites_of_one_report_are_one_event_with_twenty_sources(store_url):
    results = rewrites(20)
    with Store(store_url) as store:
        report = store.add_results(results)
        assert (report.new_events, report.merged_events) == (1, 19)
        (merged,) = store.events()
    reported = [r.events[0] for r in results]
    assert [s.article_id for s in merged.sources] == [r.article.id for r in results]
    assert {s.source for s in merged.sources} == {f"Outlet {i}" for i in range(20)}
    # Lowest credible figure (the report without a figure does not count as zero) and highest reported.
    assert merged.fatalities == min(e.fatalities for e in reported if e.fatalities) == 27
    assert merged.fatalities_high == max(max(e.fatalities, e.fatalities_high or 0) for e in reported)
    assert merged.actor2 is not None  # filled from a later report
    assert merged.event_id == reported[0].event_id


def test_a_near_duplicate_is_linked_not_counted_again(store_url):
    original = article("orig", words_text(7) + " Gunmen attacked a convoy near the border town; nine died.")
    copy = article("copy", "By staff writer. " + original.text, outlet="Reprint Daily")
    with Store(store_url) as store:
        store.add_results([ArticleResult(original, [event(original, 0, fatalities=9)])])
        report = store.add_results([ArticleResult(copy, [event(copy, 0, fatalities=90, day="2023-09-21")])])
        assert report.near_duplicates == {"copy": "orig"} and report.new_events == report.merged_events == 0
        (only,) = store.events()
        assert only.fatalities == 9
        assert [s.article_id for s in only.sources] == ["orig", "copy"]
        assert store.article("copy").duplicate_of == "orig"
        assert [r.relation for r in store.event(only.event_id).reports] == ["report", "duplicate"]


def test_an_id_stored_with_another_text_is_skipped_not_overwritten(store_url):
    first = article("same-id", "Protesters marched in Santiago on Monday against the pension reform.")
    second = article("same-id", "Soldiers clashed with militants near Djenne on Tuesday; 12 were killed.")
    with Store(store_url) as store:
        store.add_results([ArticleResult(first, [])])
        report = store.add_results([ArticleResult(second, [])])
        assert not report.stored and report.skipped[0].item == "same-id"
        assert store.article("same-id").text == first.text


def test_a_failed_batch_leaves_nothing_behind(store_url):
    ok = article("ok", "Police arrested twelve activists in Lima on Monday morning.")

    def results():
        yield ArticleResult(ok, [event(ok, 0)])
        raise RuntimeError("the pipeline died")

    with Store(store_url) as store:
        with pytest.raises(RuntimeError):
            store.add_results(results())
        assert store.table_counts() == {"articles": 0, "article_bands": 0, "events": 0, "event_sources": 0}


def test_an_article_holding_a_nul_character_is_skipped_on_both_backends(store_url):
    # PostgreSQL cannot store NUL in text (it used to fail the whole batch); SQLite could, so neither does.
    ok = article("ok", "Police arrested twelve activists in Lima on Monday morning.")
    bad = article("bad", "Soldiers clashed with militants\x00 near Djenne on Tuesday.")
    with Store(store_url) as store:
        report = store.add_results([ArticleResult(bad, [event(bad, 0)]), ArticleResult(ok, [event(ok, 0)])])
        assert report.stored == ["ok"] and [e.item for e in report.skipped] == ["bad"]
        assert "NUL" in report.skipped[0].reason
        with pytest.raises(NotFoundError):
            store.article("bad\x00")


def test_bad_filters_are_usage_errors(store_url):
    with Store(store_url) as store:
        for bad in ({"since": "2023-02-30"}, {"country": "Azerbaijan"}, {"bbox": "1,2,3"},
                    {"event_type": "War"}, {"min_fatalities": "-1"}, {"colour": "red"}):
            with pytest.raises(UsageError):
                store.events(**bad)
        with pytest.raises(UsageError):
            store.page(limit=1001)


def test_a_killed_ingest_then_a_rerun_ends_with_the_rows_of_an_uninterrupted_run(databases):
    killed_url, clean_url = databases.new_url(), databases.new_url()
    ingest_in_batches(clean_url, corpus())
    proc = subprocess.Popen([sys.executable, str(REPO / "tests" / "storekit.py"), killed_url, "--pause-in-batch", "3"],
                            stdout=subprocess.PIPE, text=True)
    try:
        lines = _read_until(proc, "IN-TRANSACTION", timeout=60)
        proc.send_signal(signal.SIGKILL)
    finally:
        proc.kill()
        proc.wait()
    assert lines[:3] == ["COMMITTED 0", "COMMITTED 1", "COMMITTED 2"]
    with Store(killed_url) as store:
        assert store.table_counts()["articles"] == 3 * 20  # the open batch left nothing
    ingest_in_batches(killed_url, corpus())
    assert snapshot(killed_url) == snapshot(clean_url)


def _read_until(proc: subprocess.Popen, marker: str, timeout: float) -> list[str]:
    lines, deadline = [], time.monotonic() + timeout
    while time.monotonic() < deadline:
        line = proc.stdout.readline().strip()
        if not line and proc.poll() is not None:
            break
        lines.append(line)
        if line == marker:
            return lines
    raise AssertionError(f"never saw {marker!r}: {lines}")


_names = st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=1, max_size=30)
_counts = st.one_of(st.none(), st.integers(0, 10**6))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(st.characters(exclude_characters="\x00"), min_size=1, max_size=200).filter(str.strip), name=_names, fatalities=st.integers(0, 10**6),
       injured=_counts, lat=st.floats(-90, 90), lon=st.floats(-180, 180), day=st.dates().map(str))
def test_round_trip_property(tmp_path_factory, text, name, fatalities, injured, lat, lon, day):
    url = str(tmp_path_factory.mktemp("prop") / "p.db")
    art = article("p", text)
    ev = event(art, 0, actor1=name, fatalities=fatalities, injured=injured, lat=lat, lon=lon, day=day)
    with Store(url) as store:
        store.add_results([ArticleResult(art, [ev])])
        (back,) = store.events()
    assert json.dumps(back.to_dict(), sort_keys=True) == json.dumps(Event.from_dict(ev.to_dict()).to_dict(), sort_keys=True)


def test_cli_ingest_twice_then_export(store_url, tmp_path):
    def strife(*args):
        return subprocess.run([sys.executable, "-m", "strife.cli", *args], capture_output=True, text=True, cwd=REPO)

    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "lima.txt").write_text("Police arrested 12 opposition activists in Lima on Monday.")
    (tmp_path / "in" / "empty.txt").write_text("")
    first = strife("ingest", "samples", str(tmp_path / "in"), "--db", store_url, "--published", "2024-03-07")
    assert first.returncode == 1, first.stderr  # one input skipped, reported like extract does
    assert "strife: skipped empty.txt: empty input" in first.stderr and "1 input(s) skipped" in first.stderr
    rows = snapshot(store_url)
    again = strife("ingest", "samples", str(tmp_path / "in"), "--db", store_url, "--published", "2024-03-07")
    assert "0 article(s) stored" in again.stderr and snapshot(store_url) == rows
    out = tmp_path / "mali.geojson"
    exported = strife("export", "--format", "geojson", "-o", str(out), "--db", store_url, "--country", "MLI")
    assert exported.returncode == 0, exported.stderr
    assert {f["properties"]["location"]["iso3"] for f in json.loads(out.read_text())["features"]} == {"MLI"}
    bad = strife("export", "--format", "csv", "-o", "-", "--db", store_url, "--bbox", "1,2")
    assert bad.returncode == 2 and bad.stderr.startswith("strife: error: bbox")
