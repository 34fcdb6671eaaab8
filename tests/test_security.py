"""The API against hostile requests, on SQLite and PostgreSQL.

- SQL injection, odd unicode, very long values and NUL bytes in every filter of
  GET /api/events, /api/stats and the exports, in the cursor and in path ids: the answer is
  a 200 whose events are exactly what the filter means (judged in Python, not SQL), or a
  422 in the one error shape; never a 5xx; and every table is unchanged afterwards.
- Path traversal against the routes that serve files and against /api/articles/{id}, sent
  byte for byte to a real server (an HTTP client would tidy `..` away before sending).
- Oversized bodies: 413 in the one shape, answered without reading the body.
- Tokens (401/403), the write rate limit (429 with Retry-After), and `strife serve`
  binding 127.0.0.1 unless told otherwise.
"""
from __future__ import annotations

import base64
import csv
import io
import json
import socket
import threading
import time
import warnings
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

import pyarrow.parquet as pq
import pytest

from storekit import BACKENDS, Databases, article, corpus, databases, event, rewrites, snapshot  # noqa: F401
from strife.api import limits
from strife.api.web import OWN_FILES, VENDOR_FILES
from strife.errors import UsageError
from strife.pipeline import ArticleResult
from strife.record import Event
from strife.store import EventFilter, Store
from strife.store.filters import encode_cursor

with warnings.catch_warnings():
    warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient`")
    from fastapi.testclient import TestClient

TOKEN = "s3cret-token"
ERROR_KEYS = {"status", "code", "message"}

# Actor names and evidence that carry SQL and LIKE metacharacters and non-ASCII letters, so
# that a filter that leaks into SQL, or lowercases differently on one backend, shows.
ODD_ACTORS = ["Forces Armées de l'ÉTAT", "100% Brigade_X \"O'Brien\"", "Ополчение Донбасса", "ΛΑΪΚΗ Φρουρά"]
ODD_TEXT = ("Les Forces Armées de l'ÉTAT ont attaqué Ménaka; ' OR 1=1 -- 100% _sûr_ \"; DROP TABLE events; --. "
            "Ополчение Донбасса and ΛΑΪΚΗ Φρουρά clashed near the border crossing on Tuesday morning.")


def odd_results() -> list[ArticleResult]:
    out = []
    for i, (a1, a2) in enumerate(zip(ODD_ACTORS, ODD_ACTORS[1:] + ODD_ACTORS[:1])):
        art = article(f"odd-{i}", f"{ODD_TEXT} Report number {i}, filed from sector {i * 17}.", outlet="Outlet Ω")
        out.append(ArticleResult(art, [event(art, 0, actor1=a1, actor2=a2, day=f"2023-11-{10 + i:02d}",
                                             lat=5.0 + i * 4, lon=100.0 + i * 3, iso3="MLI", fatalities=i,
                                             place=f"Ménaka {i}")]))
    return out


@pytest.fixture(scope="module", params=BACKENDS)
def seeded(request, tmp_path_factory):
    dbs = Databases(request.param, tmp_path_factory.mktemp(request.param))
    url = dbs.new_url()
    with Store(url) as st:
        st.add_results(corpus(200) + rewrites(20) + odd_results())
        yield st, url
    dbs.close()


@pytest.fixture(scope="module")
def store(seeded):
    return seeded[0]


@pytest.fixture(scope="module")
def before(seeded):
    """Every row before any hostile request: compared after them."""
    return snapshot(seeded[1])


@pytest.fixture(scope="module")
def everything(store) -> list[Event]:
    return store.events()


@pytest.fixture(scope="module")
def evidences(store, everything) -> dict[str, list[str]]:
    """Each event's evidence texts, one per source (what `q` searches)."""
    return {e.event_id: [r.evidence.text for r in store.event(e.event_id).reports if r.evidence]
            for e in everything}


def make_client(store, token=TOKEN, **kw) -> TestClient:
    from strife.api import create_app

    return TestClient(create_app(store, token=token, **kw), raise_server_exceptions=False)


@pytest.fixture(scope="module")
def client(store, before):
    return make_client(store)  # `before` first: the rows are snapshotted before any request


def assert_error(response, status: int, code: str | None = None) -> dict:
    assert response.status_code == status, response.text[:500]
    body = response.json()
    assert set(body) == {"error"} and set(body["error"]) == ERROR_KEYS, body
    assert body["error"]["status"] == status and body["error"]["message"]
    if code:
        assert body["error"]["code"] == code
    return body["error"]


# --- what a filter means, in Python ---------------------------------------------------------------

def matches(flt: EventFilter, e: Event, evidence: list[str]) -> bool:
    loc, names = e.location, [a.name.lower() for a in (e.actor1, e.actor2) if a and a.name]
    if flt.since and not (e.date and e.date >= flt.since):
        return False
    if flt.until and not (e.date and e.date <= flt.until):
        return False
    if flt.country and not (loc and loc.iso3 == flt.country):
        return False
    if flt.event_type and e.event_type != flt.event_type:
        return False
    if flt.sub_event_type and e.sub_event_type != flt.sub_event_type:
        return False
    if flt.min_fatalities is not None and e.fatalities < flt.min_fatalities:
        return False
    if flt.actor and not any(flt.actor.lower() in n for n in names):
        return False
    if flt.bbox:
        w, s, east, n = flt.bbox
        if not (loc and loc.latitude is not None and s <= loc.latitude <= n):
            return False
        if not (w <= loc.longitude <= east if w <= east else (loc.longitude >= w or loc.longitude <= east)):
            return False
    if flt.q:
        words = [w.lower() for w in flt.q.split()]
        if not any(all(w in text.lower() for w in words) for text in evidence):
            return False
    return True


INJECTIONS = [
    "' OR 1=1 --", "' OR '1'='1", '"; DROP TABLE events; --', "1; DROP TABLE events", "') OR ('a'='a",
    "' UNION SELECT record_json, 1, 2 FROM events --", "1 OR 1=1", "x' AND SLEEP(5) --", "%", "_", "!", "!%", "\\",
    "*", "'", '"', ";", "--", "/*", "*/", "%' --",
]
UNICODE = ["armées", "ÉTAT", "ÉtAt", "o'brien", "\"O'Brien\"", "100%", "brigade_x", "ополчение", "ΛΑΪΚΗ", "λαϊκη",
           "Ménaka", "🙂", "\u202eevil", "e\u0301", "\ufeffMLI", "ＭＬＩ", "ßa", "Shabaab", "SHABAAB"]
LONG = ["x" * 200, "x" * 201, "' OR 1=1 -- " * 1000, "é" * 5000, "9" * 400]
NUL = ["\x00", "a\x00b", "MLI\x00", "Shabaab\x00' OR 1=1 --", "2023-01-01\x00", "1\x00"]
VALUES = INJECTIONS + UNICODE + LONG + NUL
FILTER_NAMES = ["since", "until", "country", "event_type", "sub_event_type", "actor", "bbox", "q", "min_fatalities"]
# A few well-formed values too, so that a 200 that should carry events is tested as well.
GOOD = {"country": ["mli", " AZE "], "event_type": ["Battles"], "bbox": ["-180,-90,180,90", "170,-90,-170,90"],
        "min_fatalities": ["0", "+3", " 5 "], "since": ["2023-10-01"], "q": ["ménaka ÉTAT", "DROP TABLE", "100% _sûr_"]}


def _parsed(params: dict) -> EventFilter | None:
    """The filter the API should apply, or None when the values are not valid."""
    try:
        return EventFilter.parse(**params)
    except UsageError:
        return None


def _check_answer(response, params, everything, evidences, ids_of) -> str:
    """The response is a correct 200 or a 422 in the one shape; returns which."""
    assert response.status_code in (200, 422), (params, response.status_code, response.text[:300])
    flt = _parsed(params)
    if response.status_code == 422:
        assert_error(response, 422, "invalid_parameter")
        assert flt is None, f"{params!r} was refused but is a valid filter"
        return "422"
    assert flt is not None, f"{params!r} was accepted but is not a valid filter"
    expected = [e.event_id for e in everything if matches(flt, e, evidences[e.event_id])]
    assert ids_of(response) == expected, params
    return "200"


@pytest.mark.parametrize("name", FILTER_NAMES)
def test_hostile_filter_values_on_events_are_200_or_422(client, everything, evidences, name):
    seen = set()
    for value in VALUES + GOOD.get(name, []):
        params = {name: value}
        response = client.get("/api/events", params={**params, "limit": 1000})
        seen.add(_check_answer(response, params, everything, evidences,
                               lambda r: [e["event_id"] for e in r.json()["events"]]))
    assert "422" in seen  # every filter refuses something


def _csv_ids(r):
    return [row["event_id_cnty"] for row in csv.DictReader(io.StringIO(r.text))]


def _geojson_ids(r):
    return [f["id"] for f in r.json()["features"]]


def _parquet_ids(r):
    return pq.read_table(io.BytesIO(r.content)).column("event_id_cnty").to_pylist()


@pytest.mark.parametrize("path, ids_of", [("/api/export.csv", _csv_ids), ("/api/export.geojson", _geojson_ids),
                                          ("/api/export.parquet", _parquet_ids)], ids=["csv", "geojson", "parquet"])
def test_hostile_filter_values_on_exports_are_200_or_422(client, everything, evidences, path, ids_of):
    values = INJECTIONS[:8] + ["ÉTAT", "100%", "_", "x" * 201, "a\x00b", "\x00"]
    for name in FILTER_NAMES:
        for value in values:
            _check_answer(client.get(path, params={name: value}), {name: value}, everything, evidences, ids_of)


def test_hostile_filter_values_on_stats_are_200_or_422(client, everything, evidences):
    for name in FILTER_NAMES:
        for value in INJECTIONS[:6] + ["ÉTAT", "%", "x" * 201, "\x00", "a\x00b"] + GOOD.get(name, []):
            response = client.get("/api/stats", params={name: value})
            flt = _parsed({name: value})
            assert response.status_code == (422 if flt is None else 200), (name, value, response.text[:300])
            if flt is None:
                assert_error(response, 422, "invalid_parameter")
                continue
            body = response.json()
            assert body["events"] == sum(matches(flt, e, evidences[e.event_id]) for e in everything), (name, value)
            assert sum(d["events"] for d in body["by_event_type"]) == body["events"]


def test_unicode_filters_match_any_case_on_both_backends(client):
    def actors(params):
        """The actor names, among those of the events found, that the value picks out."""
        body = client.get("/api/events", params={**params, "limit": 1000}).json()
        value = params["actor"].lower()
        return sorted({a["name"] for e in body["events"] for a in (e["actor1"], e["actor2"])
                       if a and value in a["name"].lower()})

    assert actors({"actor": "état"}) == actors({"actor": "ÉTAT"}) == ["Forces Armées de l'ÉTAT"]
    assert actors({"actor": "ополчение"}) == actors({"actor": "ОПОЛЧЕНИЕ"}) == ["Ополчение Донбасса"]
    assert actors({"actor": "λαϊκη"}) == ["ΛΑΪΚΗ Φρουρά"]
    # LIKE's wildcards are literal: '%' and '_' match only names that hold them.
    assert actors({"actor": "%"}) == actors({"actor": "100% b"}) == ["100% Brigade_X \"O'Brien\""]
    assert actors({"actor": "_"}) == ["100% Brigade_X \"O'Brien\""]
    every = client.get("/api/events", params={"actor": "%", "limit": 1000}).json()["events"]
    assert len(every) == 2  # the one name, as actor1 of one event and actor2 of another


def test_hostile_cursors_are_422_or_the_right_page(client, everything):
    order = [(e.date or "", e.event_id) for e in everything]
    cursors = ["' OR 1=1 --", "x" * 10000, "\x00", "%00", "WyJhIl0", encode_cursor("' OR 1=1 --", "x"),
               encode_cursor("2023-06-01", "'; DROP TABLE events; --"), encode_cursor("2023-06-01", "ev-a1\x00"),
               encode_cursor("9999-12-31\x00", "x"), encode_cursor("2023-06-01", "é" * 3000)]
    for cursor in cursors:
        response = client.get("/api/events", params={"cursor": cursor, "limit": 5})
        assert response.status_code in (200, 422), (cursor[:40], response.text[:300])
        if response.status_code == 422:
            assert_error(response, 422, "invalid_parameter")
            continue
        after = tuple(json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))))
        assert "\x00" not in "".join(after)
        expected = [eid for key, eid in zip(order, (e.event_id for e in everything)) if key > after][:5]
        assert [e["event_id"] for e in response.json()["events"]] == expected


IDS = ["' OR '1'='1", "1 OR 1=1", "ev-a000-0' --", "a000'; DROP TABLE articles; --", "%", "_", "*", "a\x00b",
       "\x00", "ev-a000-0\x00", "é" * 2000, "x" * 20000, "🙂", "..", "...", "%2e%2e", "\\", "a000\\"]


@pytest.mark.parametrize("kind", ["events", "articles"])
def test_hostile_ids_are_404(client, kind):
    for raw in IDS:
        assert_error(client.get(f"/api/{kind}/{quote(raw, safe='')}"), 404, "not_found")
    good = "ev-a000-0" if kind == "events" else "a000"
    assert client.get(f"/api/{kind}/{good}").status_code == 200


def test_hostile_articles_are_stored_literally_or_skipped(databases, pipeline):
    """A POSTed article whose id or metadata is SQL is stored as text; a NUL byte is refused, not a 5xx."""
    with Store(databases.new_url()) as store:
        client = make_client(store, pipeline_factory=lambda: pipeline)
        auth = {"Authorization": f"Bearer {TOKEN}"}
        sly = {"id": "x'); DROP TABLE articles; --", "title": "' OR 1=1 --", "source": "\"; DROP TABLE events; --",
               "url": "https://e.example/?q=' OR '1'='1", "published": "2024-03-07",
               "text": "Police arrested 12 protesters in Lima on Monday. ' OR 1=1 -- ; DROP TABLE events;"}
        response = client.post("/api/articles", json=sly, headers=auth)
        assert response.status_code == 200, response.text
        assert response.json()["stored"] == [sly["id"]]
        back = client.get(f"/api/articles/{quote(sly['id'], safe='')}").json()
        assert (back["id"], back["title"], back["source"], back["url"]) == (sly["id"], sly["title"], sly["source"],
                                                                             sly["url"])
        for field in ("id", "title", "source", "url", "text"):
            bad = {**sly, "id": f"nul-{field}", field: sly[field] + "\x00tail"}
            fine = {**sly, "id": f"fine-{field}", "text": sly["text"] + f" Filed {field}."}
            response = client.post("/api/articles", json=[bad, fine], headers=auth)
            assert response.status_code == 200, (field, response.text)
            assert fine["id"] in response.json()["stored"], (field, response.json())  # one bad article never stops the rest
            stored = client.get(f"/api/articles/{quote(bad['id'], safe='')}")
            assert stored.status_code in (200, 404) and "\\u0000" not in stored.text, (field, stored.text[:300])
        assert store.table_counts()["articles"] >= 6


def test_tables_are_intact_after_every_hostile_request(seeded, before, client):
    # Run last in this module (pytest keeps file order): every request above has been made.
    assert snapshot(seeded[1]) == before
    assert client.get("/healthz").json()["status"] == "ok"
    assert client.get("/api/events", params={"limit": 1}).status_code == 200


# --- path traversal, sent byte for byte to a real server -----------------------------------------

@contextmanager
def served(app):
    """`app` on a free loopback port in a thread (uvicorn, as `strife serve` runs it)."""
    import uvicorn

    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="off"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert time.monotonic() < deadline, "the test server did not start"
        time.sleep(0.02)
    try:
        yield port
    finally:
        server.should_exit = True
        thread.join(10)
        sock.close()


def raw_request(port: int, head: bytes, body: bytes = b"", *, timeout: float = 10) -> tuple[int, dict, bytes, float]:
    """Send exactly these bytes; (status, headers, body, seconds to the answer)."""
    start = time.monotonic()
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as s:
        s.sendall(head + body)
        data = b""
        while b"\r\n\r\n" not in data:
            chunk = s.recv(65536)
            if not chunk:
                break
            data += chunk
        elapsed = time.monotonic() - start
        header_block, _, rest = data.partition(b"\r\n\r\n")
        lines = header_block.decode("latin-1").split("\r\n")
        status = int(lines[0].split()[1])
        headers = {k.strip().lower(): v.strip() for k, _, v in (line.partition(":") for line in lines[1:])}
        length = int(headers.get("content-length", "0"))
        while len(rest) < length:
            chunk = s.recv(65536)
            if not chunk:
                break
            rest += chunk
    return status, headers, rest, elapsed


def get_raw(port: int, target: str) -> tuple[int, dict, bytes, float]:
    return raw_request(port, f"GET {target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".encode("latin-1"))


TRAVERSALS = [
    "/web/../../../../../../etc/passwd", "/web/..%2f..%2f..%2f..%2f..%2f..%2fetc%2fpasswd",
    "/web/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd", "/web/%252e%252e%252f%252e%252e%252fetc%252fpasswd",
    "/web/..\\..\\..\\pyproject.toml", "/web/..%5c..%5c..%5cpyproject.toml", "/web/app.js/../../api/web.py",
    "/web/..%2fapi%2fweb.py", "/web/..%2f__init__.py", "/web/app.js%00.txt", "/web/%c0%ae%c0%ae/%c0%ae%c0%ae/etc/passwd",
    "/web/index.html/..%2f..%2fconfig.py", "/web/.%2e/.%2e/.%2e/.%2e/pyproject.toml",
    "/vendor/../../../../../../etc/passwd", "/vendor/..%2f..%2f..%2f..%2f..%2fetc%2fpasswd",
    "/vendor/leaflet/dist/../../secret.txt", "/vendor/leaflet/dist/..%2f..%2fsecret.txt",
    "/vendor/leaflet/dist/leaflet.js/../../../secret.txt", "/vendor/leaflet/dist/secret.txt",
    "/vendor/leaflet/dist/%2e%2e/%2e%2e/secret.txt", "/vendor/%2fetc%2fpasswd", "/vendor//etc/passwd",
    "/vendor/leaflet/dist/leaflet.js%00", "/vendor/secret.txt", "/vendor/leaflet%2fdist%2f..%2f..%2fsecret.txt",
    "/api/articles/../../../../etc/passwd", "/api/articles/..%2f..%2f..%2f..%2fetc%2fpasswd",
    "/api/articles/%2e%2e%2f%2e%2e%2fetc%2fpasswd", "/api/articles/%252e%252e%252fetc%252fpasswd",
    "/api/articles/..%5c..%5cetc%5cpasswd", "/api/events/..%2f..%2fetc%2fpasswd", "/api/articles/%2fetc%2fpasswd",
    "//etc/passwd", "/..%2f..%2f..%2fetc%2fpasswd", "/%2e%2e/%2e%2e/%2e%2e/etc/passwd", "/static/../../etc/passwd",
    "/docs/../../etc/passwd", "/./././etc/passwd", "/etc/passwd", "/pyproject.toml", "/src/strife/config.py",
    "/web", "/vendor/", "/web/", "/../web/app.js",
]


def _forbidden_contents(canary: str) -> list[bytes]:
    import strife.config

    repo = Path(strife.config.__file__).resolve().parents[2]
    secrets = [canary.encode(), (repo / "pyproject.toml").read_bytes()[:200],
               Path(strife.config.__file__).read_bytes()[:200]]
    passwd = Path("/etc/passwd")
    if passwd.is_file():
        secrets.append(passwd.read_bytes()[:60])
    return secrets


def test_no_file_outside_the_served_folders_is_ever_served(store, tmp_path, monkeypatch):
    # A node_modules of our own: the whitelisted files, plus secrets beside and above them.
    modules = tmp_path / "node_modules"
    canary = f"CANARY-{time.time_ns()}"
    for name in VENDOR_FILES:
        (modules / name).parent.mkdir(parents=True, exist_ok=True)
        (modules / name).write_text(f"/* vendor {name} */")
    for secret in (modules / "secret.txt", modules / "leaflet" / "secret.txt", modules / "leaflet" / "dist" / "secret.txt",
                   tmp_path / "secret.txt"):
        secret.write_text(canary)
    monkeypatch.setenv("STRIFE_WEB_MODULES", str(modules))
    forbidden = _forbidden_contents(canary)
    from strife.api import create_app

    with served(create_app(store, token=TOKEN)) as port:
        # Sanity: the intended files are served, so the refusals below mean something.
        assert get_raw(port, "/vendor/leaflet/dist/leaflet.js")[0] == 200
        assert all(get_raw(port, f"/web/{name}")[0] == 200 for name in OWN_FILES)
        for target in TRAVERSALS:
            status, headers, body, _ = get_raw(port, target)
            assert not any(secret in body for secret in forbidden), target
            if target in ("/web/", "/vendor/", "/web"):
                assert status in (404, 307), target
                continue
            assert 400 <= status < 500, (target, status)
            if headers.get("content-type", "").startswith("application/json"):
                assert set(json.loads(body)["error"]) == ERROR_KEYS, target


def test_file_routes_are_whitelists(store):
    """No static mount anywhere: every route that can answer with a file is one of these."""
    from starlette.routing import Mount

    from strife.api import create_app

    app = create_app(store, token=TOKEN)
    assert not [r for r in app.routes if isinstance(r, Mount)]
    file_routes = {r.path for r in app.routes if getattr(r, "endpoint", None) is not None
                   and getattr(r.endpoint, "__module__", "") == "strife.api.web"}
    assert file_routes <= {"/", "/docs", "/web/config.json", "/web/{name}", "/vendor/{path:path}"}


# --- big bodies ---------------------------------------------------------------------------------

def _post_head(length: int | None, token: str | None = TOKEN, chunked: bool = False) -> bytes:
    lines = ["POST /api/articles HTTP/1.1", "Host: 127.0.0.1", "Content-Type: application/json", "Connection: close"]
    if token:
        lines.append(f"Authorization: Bearer {token}")
    if chunked:
        lines.append("Transfer-Encoding: chunked")
    elif length is not None:
        lines.append(f"Content-Length: {length}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode()


def test_oversized_bodies_are_413_without_being_read(store, monkeypatch):
    monkeypatch.setenv("STRIFE_MAX_BODY_BYTES", "4096")
    from strife.api import create_app

    with served(create_app(store, token=TOKEN, pipeline_factory=lambda: pytest.fail("no pipeline needed"))) as port:
        # A declared length over the limit: answered at once, with no body sent at all.
        for token in (TOKEN, None, "wrong"):
            status, headers, body, seconds = raw_request(port, _post_head(50_000_000, token))
            assert status == 413 and seconds < 5, (token, status, body)
            error = json.loads(body)["error"]
            assert (error["status"], error["code"]) == (413, "payload_too_large") and "4096" in error["message"]
        # A chunked body that never ends: cut off once it passes the limit.
        chunk = b"x" * 1000
        stream = b"".join(b"%x\r\n%s\r\n" % (len(chunk), chunk) for _ in range(8))  # no last chunk: would hang
        status, _, body, seconds = raw_request(port, _post_head(None, chunked=True), stream)
        assert status == 413 and json.loads(body)["error"]["code"] == "payload_too_large"
        # At the limit the body is read (and judged: not JSON), one byte over it is not.
        status, _, body, _ = raw_request(port, _post_head(4096), b"{" * 4096)
        assert status == 422 and json.loads(body)["error"]["code"] == "invalid_parameter"
        status, _, body, _ = raw_request(port, _post_head(4097), b"{" * 4097)
        assert status == 413
        # A malformed declared length is a 400 in the one shape (or the server's own 400).
        status, _, body, _ = raw_request(port, _post_head(None) .replace(b"Connection", b"Content-Length: 12abc\r\nConnection"),
                                         b"{}")
        assert status == 400


def test_oversized_bodies_through_the_asgi_app(store, monkeypatch):
    monkeypatch.setenv("STRIFE_MAX_BODY_BYTES", "2048")
    client = make_client(store)
    auth = {"Authorization": f"Bearer {TOKEN}"}
    assert_error(client.post("/api/articles", content=b"[" + b" " * 3000 + b"]", headers=auth), 413, "payload_too_large")
    assert_error(client.post("/api/articles", content=(b"x" * 500 for _ in range(10)), headers=auth), 413,
                 "payload_too_large")
    assert_error(client.post("/api/articles", content=b"[]", headers=auth), 422)


def test_the_body_limit_is_a_setting():
    from strife import config

    assert config.get_int("max_body_bytes") > 1_000_000  # a thousand real articles fit by default


# --- tokens and the write rate ----------------------------------------------------------------------

ARTICLE = {"id": "lima-1", "published": "2024-03-07", "text": "Police arrested 12 activists in Lima on Monday."}


def test_missing_and_wrong_tokens(store):
    client = make_client(store)
    for headers, status in [({}, 401), ({"Authorization": "Bearer"}, 401), ({"Authorization": "Bearer   "}, 401),
                            ({"Authorization": "Token " + TOKEN}, 401), ({"Authorization": TOKEN}, 401),
                            ({"Authorization": "Bearer " + TOKEN[:-1]}, 403),
                            ({"Authorization": "Bearer " + TOKEN + "x"}, 403),
                            ({"Authorization": "Bearer " + TOKEN.upper()}, 403),
                            ({"Authorization": "Bearer tökén".encode()}, 403), ({"Authorization": "Bearer ' OR 1=1 --"}, 403),
                            ({"Authorization": "Bearer " + "x" * 8000}, 403)]:
        assert_error(client.post("/api/articles", json=ARTICLE, headers=headers), status)
    assert_error(make_client(store, token="").post("/api/articles", json=ARTICLE,
                                                   headers={"Authorization": "Bearer "}), 403, "writes_disabled")


def test_writes_are_rate_limited_per_client_address(store, monkeypatch):
    monkeypatch.setenv("STRIFE_WRITE_RATE", "3")
    from strife.api import create_app

    app = create_app(store, token=TOKEN)
    one = TestClient(app, raise_server_exceptions=False, client=("10.0.0.1", 1111))
    other = TestClient(app, raise_server_exceptions=False, client=("10.0.0.2", 2222))
    auth = {"Authorization": f"Bearer {TOKEN}"}
    for _ in range(3):  # a burst of three is allowed (the body is refused, the write is counted)
        assert_error(one.post("/api/articles", content=b"{not json", headers=auth), 422)
    limited = one.post("/api/articles", content=b"{not json", headers=auth)
    assert_error(limited, 429, "rate_limited")
    assert 1 <= int(limited.headers["retry-after"]) <= 20
    # Failed logins count too: the limit is also what stops a token being guessed.
    assert_error(one.post("/api/articles", json=ARTICLE, headers={"Authorization": "Bearer guess"}), 429)
    assert one.get("/api/events", params={"limit": 1}).status_code == 200  # reads are not limited
    assert_error(other.post("/api/articles", content=b"{not json", headers=auth), 422)  # its own bucket


def test_token_bucket_refills_at_the_rate():
    now = [1000.0]
    bucket = limits.TokenBuckets(per_minute=6, clock=lambda: now[0])
    assert [bucket.take("a") for _ in range(6)] == [0.0] * 6
    wait = bucket.take("a")
    assert wait == pytest.approx(10.0)
    now[0] += 10.0
    assert bucket.take("a") == 0.0 and bucket.take("a") > 0
    assert bucket.take("b") == 0.0
    now[0] += 3600
    assert bucket.take("a") == 0.0
    assert limits.TokenBuckets(per_minute=0).take("a") == 0.0  # 0: no limit


def test_the_bucket_table_stays_small(monkeypatch):
    now = [0.0]
    bucket = limits.TokenBuckets(per_minute=60, clock=lambda: now[0], max_clients=100)
    for i in range(1000):
        bucket.take(f"10.0.{i // 256}.{i % 256}")
        now[0] += 1.0  # each earlier client has refilled by the time the table is pruned
    assert len(bucket) <= 101


# --- the listening address --------------------------------------------------------------------------

def test_serve_listens_on_loopback_unless_told_otherwise():
    from strife.cli import _parser

    assert _parser().parse_args(["serve"]).host == "127.0.0.1"
    assert _parser().parse_args(["serve", "--host", "0.0.0.0"]).host == "0.0.0.0"
