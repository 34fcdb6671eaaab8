"""Shared by the store and API tests: both databases, hand-made articles and row snapshots.

Every store test runs on SQLite and on PostgreSQL. PostgreSQL comes from $STRIFE_TEST_PG
(`.ci/postgres.sh` starts a private cluster and prints its URL); each test gets a fresh
schema in it. Without the variable the PostgreSQL cases are skipped, except on CI
($CI set), where they fail: a store test that silently did nothing would prove nothing.

Run as a script, this file ingests the hand-made corpus into a store in batches, and can
stop in the middle of a batch's transaction to be killed there (test_store's kill test):

    python tests/storekit.py URL [--pause-in-batch N]
"""
from __future__ import annotations

import os
import random
import sys
import uuid
from pathlib import Path
from urllib.parse import quote

import pytest

REPO = Path(__file__).resolve().parent.parent
if str(REPO / "src") not in sys.path:  # when run as a script
    sys.path.insert(0, str(REPO / "src"))

from strife.clean import CleanArticle  # noqa: E402
from strife.pipeline import ArticleResult  # noqa: E402
from strife.record import Actor, Event, Evidence, Location, Plover, Source  # noqa: E402

PG_ENV = "STRIFE_TEST_PG"
BACKENDS = ["sqlite", "postgresql"]
BATCH = 20


# --- databases ------------------------------------------------------------------------------

def pg_base_url() -> str | None:
    url = os.environ.get(PG_ENV)
    if url:
        return url
    if os.environ.get("CI"):
        pytest.fail(f"CI is set but {PG_ENV} is not: start PostgreSQL with `export {PG_ENV}=$(bash .ci/postgres.sh)`",
                    pytrace=False)
    pytest.skip(f"{PG_ENV} is not set (run .ci/postgres.sh to test on PostgreSQL)")
    return None


class PgSchemas:
    """Fresh PostgreSQL schemas, each reached by its own URL, dropped at the end."""

    def __init__(self, base: str):
        import psycopg

        self.base = base
        self.admin = psycopg.connect(base, autocommit=True)
        self.names: list[str] = []

    def new_url(self) -> str:
        name = f"t_{uuid.uuid4().hex[:12]}"
        self.admin.execute(f"CREATE SCHEMA {name}")
        self.names.append(name)
        sep = "&" if "?" in self.base else "?"
        return f"{self.base}{sep}options={quote(f'-csearch_path={name}')}"

    def drop_all(self) -> None:
        for name in self.names:
            self.admin.execute(f"DROP SCHEMA {name} CASCADE")
        self.admin.close()


class Databases:
    """new_url() gives the URL of an empty database on one backend."""

    def __init__(self, backend: str, tmp_path: Path):
        self.backend = backend
        self.tmp_path = tmp_path
        self.count = 0
        self.pg = PgSchemas(pg_base_url()) if backend == "postgresql" else None

    def new_url(self) -> str:
        if self.pg is not None:
            return self.pg.new_url()
        self.count += 1
        return str(self.tmp_path / f"store{self.count}.db")

    def close(self) -> None:
        if self.pg is not None:
            self.pg.drop_all()


@pytest.fixture(params=BACKENDS)
def databases(request, tmp_path):
    dbs = Databases(request.param, tmp_path)
    yield dbs
    dbs.close()


@pytest.fixture
def store_url(databases):
    return databases.new_url()


# --- hand-made articles and events ------------------------------------------------------------

WORDS = ("army forces village town district police protest rally clash fighting shelling market road bridge "
         "convoy checkpoint border river hospital school mosque church residents officials witnesses spokesman "
         "statement morning evening night week attack raid patrol gunmen militants soldiers troops civilians "
         "students workers farmers traders drivers local regional national government ministry council governor "
         "mayor commander ceasefire talks agreement curfew strike demonstration crowd tear gas rubber bullets "
         "artillery drone missile rocket mortar grenade explosion blast device landmine ambush camp base "
         "headquarters territory province capital city outskirts north south east west central coastal "
         "mountain valley desert plain hill forest farmland highway airport port station prison court").split()


def words_text(seed: int, n: int = 70) -> str:
    rng = random.Random(seed)
    words = [rng.choice(WORDS) for _ in range(n)]
    sentences = [" ".join(words[i:i + 10]).capitalize() + "." for i in range(0, n, 10)]
    return " ".join(sentences)


def article(article_id: str, text: str, outlet: str = "Wire", published: str = "2023-09-21") -> CleanArticle:
    return CleanArticle(article_id, f"Report {article_id}", published, text, f"https://news.example/{article_id}",
                        outlet)


def event(art: CleanArticle, n: int = 0, *, event_type: str = "Battles", sub: str = "Armed clash",
          day: str | None = "2023-09-20", lat: float | None = 39.8177, lon: float | None = 46.7528,
          iso3: str = "AZE", actor1: str | None = "Military Forces of Azerbaijan", actor2: str | None = None,
          fatalities: int = 0, high: int | None = None, low: int | None = None, injured: int | None = None,
          place: str = "Stepanakert") -> Event:
    """An event read from `art`, its evidence the first sentence(s) of the text."""
    end = min(len(art.text), 60 + 10 * n)
    location = Location(place, "Country " + iso3, iso3, lat, lon, 1, None, "Region") if lat is not None else None
    return Event(
        event_id=f"ev-{art.id}-{n}", article_id=art.id, event_type=event_type, sub_event_type=sub,
        evidence=Evidence(art.text[:end], 0, end), plover=Plover("ASSAULT", "firearms"), date=day,
        actor1=Actor(actor1, "State forces", iso3) if actor1 else None,
        actor2=Actor(actor2, "Rebel groups", None) if actor2 else None,
        location=location, fatalities=fatalities, fatalities_low=low, fatalities_high=high, injured=injured,
        claimed_by="officials" if fatalities else None, confidence=0.5 + (n % 5) / 10,
        sources=[Source(art.id, art.url, art.source, art.published)],
    )


TYPES = [("Battles", "Armed clash"), ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
         ("Protests", "Peaceful protest"), ("Riots", "Violent demonstration"),
         ("Violence against civilians", "Attack"), ("Strategic developments", "Arrests")]
COUNTRIES = ["AZE", "MLI", "SOM", "CHL", "UKR", "SDN"]
ACTORS = ["Military Forces of Azerbaijan", "JNIM", "Al Shabaab", "Police Forces of Chile", "Wagner Group",
          "Rapid Support Forces"]


def corpus(n: int = 200) -> list[ArticleResult]:
    """`n` hand-made articles: distinct events, rewrites of shared events, near-duplicate
    copies and articles whose events cannot be merged (no date or no place)."""
    results: list[ArticleResult] = []
    originals: list[CleanArticle] = []
    for i in range(n):
        kind = i % 10
        if kind == 7 and originals:  # a wire copy with a new byline: a near-duplicate
            src = originals[(i * 7) % len(originals)]
            art = article(f"a{i:03d}", f"By staff writer {i}. {src.text}", outlet=f"Outlet{i % 13}")
            results.append(ArticleResult(art, [event(art, 0, day=None, lat=None, lon=None)]))
            continue
        art = article(f"a{i:03d}", words_text(i), outlet=f"Outlet{i % 13}",
                      published=f"2023-{1 + i % 12:02d}-{1 + i % 27:02d}")
        if kind in (3, 5):  # a rewrite of one of ten shared events, in other words
            shared = i % 20 // 2
            t, sub = TYPES[shared % len(TYPES)]
            events = [event(art, 0, event_type=t, sub=sub, day=f"2023-10-{10 + shared:02d}",
                            lat=10.0 + shared * 3, lon=20.0 + shared * 0.01 * (i % 3), iso3=COUNTRIES[shared % 6],
                            actor1=ACTORS[shared % 6], fatalities=3 + i % 11, high=10 + i % 7)]
        elif kind == 9:  # events that cannot be merged: no date, no place
            events = [event(art, 0, day=None, fatalities=i % 4), event(art, 1, lat=None, lon=None)]
        else:  # events of its own: a place per article, far from every other
            t, sub = TYPES[i % len(TYPES)]
            events = [event(art, j, event_type=t, sub=sub, day=f"2023-{1 + i % 12:02d}-{1 + (i + j) % 27:02d}",
                            lat=-40.0 + (i % 80), lon=-100.0 + 2 * (i // 80) + j * 5, iso3=COUNTRIES[i % 6],
                            actor1=ACTORS[(i + j) % 6], actor2=ACTORS[(i + j + 1) % 6] if j else None,
                            fatalities=i % 9, injured=i % 5 or None, place=f"Town {i}-{j}")
                      for j in range(1 + i % 2)]
            originals.append(art)
        results.append(ArticleResult(art, events))
    return results


def rewrites(n: int = 20) -> list[ArticleResult]:
    """`n` outlets' own write-ups of one shelling, each with its own casualty figures."""
    results = []
    for i in range(n):
        art = article(f"rw{i:02d}", words_text(1000 + i), outlet=f"Outlet {i}")
        e = event(art, 0, event_type="Explosions/Remote violence", sub="Shelling/artillery/missile attack",
                  day="2023-09-20" if i % 3 else "2023-09-21", lat=39.8177 + 0.01 * (i % 5), lon=46.7528,
                  actor1="Military Forces of Azerbaijan" if i % 4 else None,
                  actor2="Military Forces of Armenia" if i % 2 else None,
                  fatalities=0 if i == 5 else 27 + i, high=None if i % 2 else 40 + i, low=None,
                  injured=200 + i if i % 2 else None)
        results.append(ArticleResult(art, [e]))
    return results


# --- comparing stores -------------------------------------------------------------------------

def snapshot(url: str) -> dict[str, list[tuple]]:
    """Every row of every table, sorted, without the ingestion time."""
    from strife.store.db import connect

    conn = connect(url)
    try:
        queries = {
            "articles": "SELECT id, content_hash, title, url, source, published, clean_text, duplicate_of, minhash "
                        "FROM articles",
            "article_bands": "SELECT band_key, article_id FROM article_bands",
            "events": "SELECT * FROM events",
            "event_sources": "SELECT * FROM event_sources",
        }
        return {table: sorted(tuple(_plain(v) for v in dict(row).values()) for row in conn.all(sql))
                for table, sql in queries.items()}
    finally:
        conn.close()


def _plain(value):
    if isinstance(value, (bytes, memoryview)):
        return bytes(value).hex()
    return "" if value is None else str(value)


def ingest_in_batches(url: str, results: list[ArticleResult], pause_in_batch: int | None = None) -> None:
    """Store `results` BATCH at a time; with pause_in_batch, stop inside that batch's transaction."""
    import time

    from strife.store import Store

    store = Store(url)
    for number, start in enumerate(range(0, len(results), BATCH)):
        batch = results[start:start + BATCH]

        def feed(batch=batch, number=number):
            for k, result in enumerate(batch):
                if number == pause_in_batch and k == len(batch) // 2:
                    print("IN-TRANSACTION", flush=True)
                    time.sleep(120)
                yield result

        store.add_results(feed())
        print(f"COMMITTED {number}", flush=True)
    store.close()


if __name__ == "__main__":
    url = sys.argv[1]
    pause = int(sys.argv[sys.argv.index("--pause-in-batch") + 1]) if "--pause-in-batch" in sys.argv else None
    ingest_in_batches(url, corpus(), pause)
