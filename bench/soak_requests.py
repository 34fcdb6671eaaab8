"""The API parts of bench/soak.py: bad POST /api/articles bodies, then hostile requests.

Both run against `strife serve` in a subprocess on 127.0.0.1 (bench/load_test.py's Server),
with a write token, the write rate limit off and max_body_bytes at 2 MB.

Bad bodies (one input path): each generated body is one POST with the token; good
articles are posted among them, and again alone to a second, fresh server (the clean run).
A body passes when the answer is a 200 whose every article is stored or listed in
`skipped` with its item and reason, or a 4xx in the one error shape; never a 5xx.

Hostile requests: a seeded mix of normal reads (events with filters and the next page,
stats, one event, one article, the change feed, the exports) with SQL injection in every
filter, path traversal sent byte for byte, oversized bodies and headers, bad tokens, and
articles with script in every field posted with the token and read back as JSON. Checked:
no 5xx; every 4xx from the application in the one error shape (a refusal by the HTTP
server itself, before the application, is counted apart); every JSON answer
`application/json` with `nosniff`; the stored script comes back as the same characters,
as data; no table changes from the requests without the token; p50/p99 per endpoint.
"""
from __future__ import annotations

import json
import random
import socket
import statistics
import threading
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import httpx

import soak_gen as gen
from load_test import TOKEN, Server
from soak_inputs import Item, PathResult, account, compare_good, positions, stored_ids

AUTH = {"Authorization": f"Bearer {TOKEN}"}
MAX_BODY = 2_000_000
SERVER_ENV = {"STRIFE_MAX_BODY_BYTES": str(MAX_BODY)}
ERROR_KEYS = {"status", "code", "message"}


def one_shape(response: httpx.Response) -> bool:
    try:
        body = response.json()
    except ValueError:
        return False
    return (isinstance(body, dict) and set(body) == {"error"} and set(body["error"]) == ERROR_KEYS
            and body["error"]["status"] == response.status_code)


# --- bad bodies --------------------------------------------------------------------------------

BODY_MIX = [(fn, w) for fn, w in gen.JSONL_MIX] + [("empty", 0.01), ("too many", 0.002), ("oversized", 0.005),
                                                    ("list of bad", 0.05), ("form encoded", 0.01)]


def _body(kind, rng: random.Random, i: int) -> tuple[str, bytes, dict]:
    if callable(kind):
        line = kind(rng, i)
        return gen.label(kind), line if isinstance(line, bytes) else line.encode("utf-8", "surrogatepass"), {}
    if kind == "empty":
        return kind, b"", {}
    if kind == "too many":
        return kind, json.dumps([{"id": f"b{i}-{k}", "text": "x"} for k in range(1001)]).encode(), {}
    if kind == "oversized":
        return kind, json.dumps({"id": f"b{i}", "text": "x" * (MAX_BODY + 10)}).encode(), {}
    if kind == "form encoded":
        return kind, f"id=b{i}&text=hello".encode(), {"Content-Type": "application/x-www-form-urlencoded"}
    objs = [json.loads(gen.jsonl_wrong_types(rng, i * 10 + k)) for k in range(rng.randint(1, 5))]
    return kind, json.dumps(objs).encode(), {}


def _judge_body(result: PathResult, item: Item, response: httpx.Response, stored_by_answer: set[str]) -> bool:
    """True when the answer accounts for the body (stored, listed as skipped, or refused in shape)."""
    if response.status_code >= 500:
        result.server_errors += 1
        result.notes.append(f"{item.kind} body {item.key}: HTTP {response.status_code} {response.text[:200]}")
        return True
    if response.status_code == 200:
        body = response.json()
        stored_by_answer.update(body["stored"] + body["already_stored"])
        return all(s.get("item") and s.get("reason") for s in body["skipped"])
    return one_shape(response)


def api_path(n_bad: int, good: list[dict], work: Path, seed: int, timeout: float) -> PathResult:
    rng = random.Random(seed)
    result = PathResult("api bodies", good=len(good))
    soak_url, clean_url = str(work / "api-soak.db"), str(work / "api-clean.db")
    items, answered, stored_by_answer, good_ids = [], set(), set(), []
    started = time.monotonic()
    with Server(soak_url, work / "serve-soak.log", SERVER_ENV) as server, httpx.Client(base_url=server.base,
                                                                                      timeout=timeout) as client:
        server.wait_up()
        for n, j in enumerate(positions(n_bad, len(good), seed)):
            if j is not None:
                response = client.post("/api/articles", json=good[j], headers=AUTH)
                if response.status_code != 200:
                    result.lost.append(f"good article {good[j]['id']}: HTTP {response.status_code} {response.text[:200]}")
                good_ids.append(good[j]["id"])
                continue
            kind, raw, headers = _body(gen.pick(BODY_MIX, rng), rng, n)
            item = Item(f"request {n}", kind)
            items.append(item)
            try:
                response = client.post("/api/articles", content=raw, headers={**AUTH, **headers})
            except httpx.HTTPError as exc:
                result.notes.append(f"{kind} body {n}: {type(exc).__name__}: {exc}")
                continue
            if _judge_body(result, item, response, stored_by_answer):
                answered.add(item.key)
        crashed = server.proc.poll() is not None
    result.seconds = time.monotonic() - started
    if crashed:
        result.crashes += 1
    result.items = len(items)
    account(result, items, lambda item: item.key in answered, stored_ids(soak_url) & stored_by_answer)
    with Server(clean_url, work / "serve-clean.log", SERVER_ENV) as server, httpx.Client(base_url=server.base,
                                                                                        timeout=timeout) as client:
        server.wait_up()
        by_id = {row["id"]: row for row in good}
        for good_id in good_ids:   # in the soak run's order: which of two near-copies comes first matters
            client.post("/api/articles", json=by_id[good_id], headers=AUTH).raise_for_status()
    compare_good(result, clean_url, soak_url, good_ids)
    return result


# --- hostile requests -------------------------------------------------------------------------

INJECTIONS = ["' OR 1=1 --", "1; DROP TABLE events; --", "%' OR '%'='", "\" OR \"\"=\"", "1 UNION SELECT * FROM articles",
              "'; DELETE FROM articles WHERE ''='", "\\x00", "%00", "' || pg_sleep(5) || '", "1' AND sleep(5)#",
              "Robert'); DROP TABLE articles;--", "*", "%", "_", "\u202e", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢", "a" * 5000]
FILTERS = ["since", "until", "country", "event_type", "sub_event_type", "actor", "bbox", "q", "min_fatalities",
           "cursor", "limit"]
NORMAL = [{}, {"country": "AZE"}, {"event_type": "Battles"}, {"since": "2024-01-01", "until": "2024-12-31"},
          {"q": "police"}, {"min_fatalities": "1"}, {"bbox": "-180,-90,180,90"}, {"actor": "forces"}]
TRAVERSALS = ["/web/../../../../etc/passwd", "/web/%2e%2e/%2e%2e/%2e%2e/etc/passwd", "/vendor/..%2f..%2f..%2fetc%2fpasswd",
              "/api/articles/..%2f..%2f..%2fetc%2fpasswd", "/web/....//....//etc/passwd", "/%2e%2e/%2e%2e/etc/passwd",
              "/web/%252e%252e/%252e%252e/etc/passwd", "/vendor/%c0%ae%c0%ae/%c0%ae%c0%ae/etc/passwd",
              "/web/..\\..\\..\\windows\\win.ini", "/api/events/..%00/x"]
SCRIPTS = ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "\"><svg onload=alert(1)>",
           "javascript:alert(1)", "</script><script>alert(2)</script>", "{{constructor.constructor('alert(1)')()}}"]
TOKENS = ["", "Bearer", "Bearer wrong", "Basic " + "x" * 20, f"Bearer {TOKEN}x", f"bearer{TOKEN}",
          "Bearer ' OR 1=1 --", "Bearer " + "t" * 8000, f"Bearer {TOKEN[:-1]}"]
REQUEST_MIX = [("read", 0.45), ("injection", 0.3), ("traversal", 0.06), ("bad token", 0.08), ("oversized body", 0.01),
               ("oversized header", 0.02), ("script read", 0.08)]


@dataclass
class HostileResult:
    requests: int = 0
    statuses: Counter = field(default_factory=Counter)
    server_errors: list[str] = field(default_factory=list)
    misshaped: list[str] = field(default_factory=list)
    refused_before_app: int = 0
    written_without_token: list[str] = field(default_factory=list)
    unsafe: list[str] = field(default_factory=list)
    transport: list[str] = field(default_factory=list)
    latency: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))

    @property
    def ok(self) -> bool:
        return not (self.server_errors or self.misshaped or self.written_without_token or self.unsafe or self.transport)

    def percentiles(self) -> dict[str, tuple[int, float, float]]:
        out = {}
        for label, values in sorted(self.latency.items()):
            values = sorted(values)
            p99 = values[min(len(values) - 1, int(len(values) * 0.99))]
            out[label] = (len(values), statistics.median(values) * 1000, p99 * 1000)
        return out


def _raw_get(base: str, path: str, extra_headers: str = "") -> tuple[int, bytes]:
    """GET `path` exactly as written (no client tidies `..` away): (status, body)."""
    host, port = base.split("//")[1].split(":")
    with socket.create_connection((host, int(port)), timeout=30) as s:
        s.sendall(f"GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n{extra_headers}\r\n".encode())
        data = b""
        while chunk := s.recv(65536):
            data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    return int(head.split(b" ")[1]), body


def plant_scripts(client: httpx.Client, n: int) -> list[str]:
    """Articles with script in every field they have, posted with the token; their ids."""
    ids = []
    for k in range(n):
        s = SCRIPTS[k % len(SCRIPTS)]
        row = {"id": f"xss-{k}-{s}", "title": f"{s} title", "source": f"{s} outlet", "url": f"https://x.example/{k}?{s}",
               "published": "2024-03-07",
               "text": f"Police fired tear gas at protesters in Nairobi on Monday {s}, officials said. Report {k}."}
        response = client.post("/api/articles", json=row, headers=AUTH)
        response.raise_for_status()
        ids.append(row["id"])
    return ids


def endpoint(request: httpx.Request) -> str:
    """'GET /api/events/{id}' and the like: the route a request reached, for latency."""
    parts = request.url.path.split("/")
    path = "/".join(parts[:3] + ["{id}"]) if len(parts) > 3 and parts[1] == "api" else request.url.path
    return f"{request.method} {path}"


def _check_answer(result: HostileResult, label: str, response: httpx.Response) -> None:
    result.statuses[response.status_code] += 1
    result.latency[endpoint(response.request)].append(response.elapsed.total_seconds())
    if response.status_code >= 500:
        result.server_errors.append(f"{label} {response.request.url}: {response.status_code} {response.text[:200]}")
    elif response.status_code >= 400 and not one_shape(response):
        result.misshaped.append(f"{label} {str(response.request.url)[:200]}: {response.status_code} {response.text[:200]}")
    ctype = response.headers.get("content-type", "")
    if ctype.startswith("application/json") and response.headers.get("x-content-type-options") != "nosniff":
        result.unsafe.append(f"{label}: JSON answer without X-Content-Type-Options: nosniff")


def _one(client: httpx.Client, base: str, kind: str, rng: random.Random, ids: dict, result: HostileResult) -> None:
    if kind == "traversal":
        started = time.monotonic()
        status, body = _raw_get(base, rng.choice(TRAVERSALS))
        result.latency["GET (traversal paths, raw)"].append(time.monotonic() - started)
        result.statuses[status] += 1
        if status >= 500 or b"root:" in body or b"[fonts]" in body:
            result.server_errors.append(f"traversal answered {status} with {body[:100]!r}")
        return
    if kind == "oversized header":
        response = client.get("/api/events", headers={"X-Soak": "h" * rng.choice([20_000, 100_000])})
        if response.status_code in (400, 431) and not one_shape(response):
            result.refused_before_app += 1   # h11 refuses an oversized header before any application code
            result.statuses[response.status_code] += 1
            return
        _check_answer(result, kind, response)
        return
    if kind == "read":
        label, response = _read(client, rng, ids)
    elif kind == "injection":
        key = rng.choice(FILTERS)
        path = rng.choice(["/api/events", "/api/stats", "/api/changes", "/api/export.csv", "/api/export.geojson"])
        label, response = f"injection {path}", client.get(path, params={key: rng.choice(INJECTIONS)})
        if rng.random() < 0.2:
            label, response = "injection id", client.get(f"/api/events/{rng.choice(INJECTIONS)}")
    elif kind == "bad token":
        token = rng.choice(TOKENS)
        label, response = "bad token", client.post("/api/articles", headers={"Authorization": token} if token else {},
                                                   json={"id": f"nope-{rng.random()}", "text": "Police arrested 5."})
        if response.status_code not in (401, 403):
            result.written_without_token.append(f"token {token[:30]!r}: HTTP {response.status_code}")
    elif kind == "oversized body":
        label, response = "oversized body", client.post("/api/articles", content=b"[" + b" " * (MAX_BODY + 1) + b"]",
                                                        headers=AUTH)
    else:
        label, response = _read_script(client, rng, ids, result)
    _check_answer(result, label, response)


def _read(client: httpx.Client, rng: random.Random, ids: dict) -> tuple[str, httpx.Response]:
    roll = rng.random()
    if roll < 0.4:
        response = client.get("/api/events", params=rng.choice(NORMAL))
        if response.status_code == 200 and response.json().get("next_cursor"):
            return "events next page", client.get("/api/events", params={"cursor": response.json()["next_cursor"]})
        return "events", response
    if roll < 0.55:
        return "stats", client.get("/api/stats")
    if roll < 0.75:
        return "event", client.get(f"/api/events/{rng.choice(ids['events'] + ['no-such-event'])}")
    if roll < 0.85:
        return "article", client.get(f"/api/articles/{rng.choice(ids['articles'])}")
    if roll < 0.95:
        return "changes", client.get("/api/changes", params={"after": rng.randint(0, 50)})
    return "export", client.get(rng.choice(["/api/export.csv", "/api/export.geojson"]), params={"country": "KEN"})


def _read_script(client: httpx.Client, rng: random.Random, ids: dict, result: HostileResult):
    article_id = rng.choice(ids["scripts"])
    response = client.get(f"/api/articles/{article_id}")
    if response.status_code == 200:
        body = response.json()
        script = next(s for s in SCRIPTS if s in article_id)
        if body["id"] != article_id or script not in body["title"] or script not in body["source"]:
            result.unsafe.append(f"script article {article_id!r} did not come back as the same characters")
    return "script read", response


def hostile_requests(base: str, url: str, n: int, seed: int, clients: int = 2) -> HostileResult:
    """`n` hostile and normal requests from `clients` threads; the store must not change."""
    from strife.store import Store

    result = HostileResult()
    with httpx.Client(base_url=base, timeout=60) as client:
        scripts = plant_scripts(client, 12)
        events = [e["event_id"] for e in client.get("/api/events", params={"limit": 200}).json()["events"]]
    articles = sorted(stored_ids(url))[:200]
    with Store(url) as store:
        before = store.table_counts()
    ids = {"events": events or ["none"], "articles": articles, "scripts": scripts}
    plan = [gen.pick(REQUEST_MIX, random.Random(seed * 7919 + k)) for k in range(n)]
    lock, cursor = threading.Lock(), iter(range(n))

    def worker(w: int) -> None:
        rng = random.Random(seed + w)
        with httpx.Client(base_url=base, timeout=60) as client:
            while True:
                with lock:
                    k = next(cursor, None)
                if k is None:
                    return
                try:
                    _one(client, base, plan[k], rng, ids, result)
                except httpx.HTTPError as exc:
                    result.transport.append(f"{plan[k]}: {type(exc).__name__}: {exc}")
                result.requests += 1

    threads = [threading.Thread(target=worker, args=(w,)) for w in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    with Store(url) as store:
        after = store.table_counts()
    if after != before:
        result.written_without_token.append(f"tables changed: {before} -> {after}")
    return result
