"""The feed path of bench/soak.py: hostile RSS/Atom on a loopback site, read by `strife watch --once`.

The site (a threaded http.server on 127.0.0.1) serves a list of feeds. Some feeds are hostile
as a whole (entity expansion, external entities and DTDs, malformed or truncated XML, HTML
or binary instead of a feed, 404/500, a redirect loop, a gzip bomb, a body larger than
--max-bytes); the others are well-formed and carry good items among hostile ones (links to
404s, redirect loops, gzip-bomb and oversized pages, binary, deeply nested or truncated
pages, file: and javascript: links, no link at all, odd dates, script in titles). Each
hostile feed and each item is one item of the path. The site also counts requests for the
external DTD and entity URLs: any request there means the parser reached out, a failure.
"""
from __future__ import annotations

import random
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from xml.sax.saxutils import escape

import soak_gen as gen
from soak_inputs import (Item, PathResult, account, as_html, compare_good, judge_run, positions, query,
                         run_command, stored_ids)

MAX_BYTES = 2_000_000
ITEMS_PER_FEED = 50


class Site:
    """Pages and feeds by path, served from memory; `hits` counts requests per path prefix."""

    def __init__(self):
        self.pages: dict[str, tuple[int, dict, bytes]] = {}
        self.hits: dict[str, int] = {}
        self.bomb = gen.gzip_bomb(64 << 20)
        site = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            wbufsize = 1 << 16   # headers and body in one send: no 40 ms delayed-ACK stall per request

            def log_message(self, *args):
                pass

            def do_GET(self):
                site.answer(self)

        class Server(ThreadingHTTPServer):
            daemon_threads = True

            def handle_error(self, request, client_address):
                pass   # a client that hung up early (a bounded read): nothing to report

        self.server = Server(("127.0.0.1", 0), Handler)
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def put(self, path: str, body: bytes, status: int = 200, headers: dict | None = None) -> str:
        self.pages[path] = (status, headers or {"Content-Type": "text/html; charset=utf-8"}, body)
        return self.base + path

    def answer(self, h: BaseHTTPRequestHandler) -> None:
        prefix = h.path.split("/")[1] if "/" in h.path else h.path
        self.hits[prefix] = self.hits.get(prefix, 0) + 1
        status, headers, body = self.pages.get(h.path, (404, {"Content-Type": "text/plain"}, b"not here"))
        if headers.get("X-Soak") == "huge":   # an honest Content-Length far over --max-bytes
            body = b"<p>" + b"x" * (MAX_BYTES * 3) + b"</p>"
            headers = {"Content-Type": "text/html"}
        h.send_response(status)
        for key, value in headers.items():
            if key != "X-Soak":
                h.send_header(key, value)
        h.send_header("Content-Length", str(len(body)))
        h.end_headers()
        try:
            h.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass   # the client stopped reading (a bounded body): as it should

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def _rss(title: str, items: list[str]) -> bytes:
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>{escape(title)}</title>'
            + "".join(items) + "</channel></rss>").encode()


def _item(title: str, link: str | None, date: str = "Mon, 03 Jun 2024 10:00:00 GMT", guid: str | None = None) -> str:
    parts = [f"<title>{escape(title)}</title>", f"<pubDate>{escape(date)}</pubDate>"]
    if link:
        parts.append(f"<link>{escape(link)}</link>")
    if guid:
        parts.append(f"<guid>{escape(guid)}</guid>")
    return "<item>" + "".join(parts) + "</item>"


def _hostile_feed(site: Site, kind: str, path: str, i: int) -> str:
    """Serve a hostile feed document of `kind` at `path`; its URL."""
    xml = {"Content-Type": "application/rss+xml"}
    docs = gen.feed_documents(site.base, i)
    if kind in docs:
        return site.put(path, docs[kind], headers=xml)
    if kind in ("404", "500"):
        return site.put(path, b"no feed", status=int(kind), headers={"Content-Type": "text/plain"})
    if kind == "redirect loop":
        return site.put(path, b"", status=302, headers={"Location": path})
    if kind == "gzip bomb":
        return site.put(path, site.bomb, headers={**xml, "Content-Encoding": "gzip"})
    return site.put(path, b"", headers={"X-Soak": "huge"})


def _hostile_item(site: Site, kind: str, feed_no: int, k: int, rng: random.Random) -> tuple[str, Item]:
    """An <item> of `kind` (and the page it links to); with the Item that accounts for it."""
    path = f"/page/{feed_no}/{k}"
    n = feed_no * 1000 + k
    html = {"Content-Type": "text/html; charset=utf-8"}
    link = site.base + path
    if kind == "404 page":
        pass
    elif kind == "500 page":
        site.put(path, b"oops", status=500)
    elif kind == "redirect loop":
        site.put(path, b"", status=301, headers={"Location": path})
    elif kind == "gzip bomb page":
        site.put(path, site.bomb, headers={**html, "Content-Encoding": "gzip"})
    elif kind == "huge page":
        site.put(path, b"", headers={"X-Soak": "huge"})
    elif kind == "binary page":
        site.put(path, gen.text_random_bytes(rng, n), headers={"Content-Type": "application/octet-stream"})
    elif kind == "deep page":
        site.put(path, gen.html_deep(rng, n).encode(), headers=html)
    elif kind == "truncated page":
        site.put(path, gen.html_truncated(rng, n).encode(), headers=html)
    elif kind == "soup page":
        site.put(path, gen.html_soup(rng, n).encode(), headers=html)
    elif kind == "empty page":
        site.put(path, b"  ", headers=html)
    elif kind == "local file link":
        link = f"file:///etc/passwd?{n}"
    elif kind == "script link":
        link = f"javascript:alert({n})"
    elif kind == "no link":
        return _item(f"Item {n}", None), Item(f"item {k + 1}", kind)
    elif kind == "odd date":
        site.put(path, f"<html><body><p>{gen.filler(rng, n)}</p></body></html>".encode(), headers=html)
        return _item(f"Item {n}", link, date=rng.choice(["yesterday", "32/13/2024", "", "0000-00-00"])), Item(link, kind)
    elif kind == "script title":
        site.put(path, f"<html><body><p>{gen.filler(rng, n)}</p></body></html>".encode(), headers=html)
        return _item(f"<script>alert({n})</script>", link), Item(link, kind)
    return _item(f"Item {n}", link), Item(link, kind)


def feed_path(n_bad: int, good: list[dict], work: Path, seed: int, timeout: float) -> PathResult:
    rng = random.Random(seed)
    result = PathResult("rss/atom feeds", good=len(good))
    site = Site()
    try:
        order = positions(n_bad, len(good), seed)
        soak_feeds, clean_items, items, good_ids = [], [], [], []
        n_hostile_feeds = max(1, n_bad // 100)
        for f in range(n_hostile_feeds):
            kind = gen.FEED_LEVEL[f % len(gen.FEED_LEVEL)]
            url = _hostile_feed(site, kind, f"/hostile/{f}.xml", f)
            soak_feeds.append(url)
            items.append(Item(url, f"feed: {kind}"))
        order = order[n_hostile_feeds:]
        for f, start in enumerate(range(0, len(order), ITEMS_PER_FEED)):
            entries = []
            feed_url = f"{site.base}/feed/{f}.xml"
            for k, j in enumerate(order[start:start + ITEMS_PER_FEED]):
                if j is None:
                    entry, item = _hostile_item(site, gen.pick(gen.ITEM_MIX, rng), f, k, rng)
                    if item.kind == "no link":
                        item = Item(f"{feed_url} item {k + 1}", item.kind)
                    items.append(item)
                else:
                    row = good[j]
                    link = site.put(f"/good/{row['id']}", as_html(row).encode())
                    entry = _item(row["title"], link, "Mon, 03 Jun 2024 10:00:00 GMT")
                    clean_items.append(entry)
                    good_ids.append(link)
                entries.append(entry)
            site.put(f"/feed/{f}.xml", _rss("Soak News", entries), headers={"Content-Type": "application/rss+xml"})
            soak_feeds.append(feed_url)
        clean_url = site.put("/clean.xml", _rss("Soak News", clean_items), headers={"Content-Type": "application/rss+xml"})
        result.items = len(items)
        (work / "soak-feeds.txt").write_text("\n".join(soak_feeds) + "\n")
        soak_db, clean_db = str(work / "feeds-soak.db"), str(work / "feeds-clean.db")
        watch = ["--once", "--delay", "0", "--timeout", "3", "--max-bytes", str(MAX_BYTES), "--published", "2024-06-01"]
        started = time.monotonic()
        code, stderr = run_command(["watch", str(work / "soak-feeds.txt"), "--db", soak_db, *watch], timeout)
        result.seconds = time.monotonic() - started
        judge_run(result, code, stderr)
        clean_code, clean_err = run_command(["watch", clean_url, "--db", clean_db, *watch], timeout)
        if clean_code != 0:
            result.crashes += 1
            result.notes.append(f"the clean run failed (exit {clean_code}): {clean_err[-400:]}")
            return result
        account(result, items, _watch_reported(stderr), stored_ids(soak_db) | _feeds_read(soak_db))
        compare_good(result, clean_db, soak_db, good_ids)
        if site.hits.get("dtd-fetched"):
            result.lost.append(f"the feed parser fetched external DTDs or entities {site.hits['dtd-fetched']} time(s)")
        result.notes.append(f"{len(soak_feeds)} feeds, {sum(site.hits.values())} requests served")
    finally:
        site.stop()
    return result


def _feeds_read(url: str) -> set[str]:
    """Feeds the watch polled without an error (a hostile document read safely, no items)."""
    return {r["source"] for r in query(url, "SELECT source FROM watch_feeds WHERE last_error IS NULL")}


def _watch_reported(stderr: str):
    """A watch cycle reports a bad item as `  SOURCE item KEY: REASON (...)` and a failed
    feed as `  SOURCE: REASON (failure ...)`: an item counts as reported when an indented
    line names it followed by a reason."""
    problems = "\n".join(line for line in stderr.splitlines() if line.startswith("  "))
    return lambda item: f"{item.key}: " in problems
