"""A news site on 127.0.0.1 for `strife watch` tests and the watch benchmark.

It serves RSS feeds whose items are added over time (`publish`), each item's page,
robots.txt, and the hostile cases a watcher meets: a feed answering 500, a slow feed, a
feed that is not XML, an item linking to a (claimed) 5 GB file, a redirect loop and a page
in another language. Feeds carry an ETag and honour If-None-Match with 304.

    site = FeedSite(); site.start()
    site.publish("world", "Soldiers clash near Djenne", "<p>At least 12 people were killed ...</p>")
    site.url("/feeds/world.xml")
"""
from __future__ import annotations

import hashlib
import threading
import time
from email.utils import format_datetime
from datetime import datetime, timezone
from html import escape
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

PAGE = ("<!doctype html><html><head><title>{title}</title></head><body><article><h1>{title}</h1>"
        "{body}<p>Officials said more details would follow later in the day.</p></article></body></html>")

FRENCH = ("<p>Des milliers de manifestants ont défilé samedi dans les rues de la capitale pour protester contre "
          "la hausse des prix, selon les organisateurs. La police a indiqué que la manifestation s'était "
          "déroulée dans le calme et qu'aucune arrestation n'avait eu lieu.</p>")


class FeedSite:
    def __init__(self, host: str = "127.0.0.1", slow_seconds: float = 3.0, page_delay: float = 0.0):
        self.host, self.slow_seconds, self.page_delay = host, slow_seconds, page_delay
        self.feeds: dict[str, list[dict]] = {}
        self.pages: dict[str, str] = {}
        self.published_at: dict[str, float] = {}   # page path -> time.monotonic() of publishing
        self.requests: list[tuple[str, str]] = []  # (path, If-None-Match)
        self.answers: dict[str, int] = {}          # path -> status of the last answer
        self.lock = threading.Lock()
        self._server: ThreadingHTTPServer | None = None

    # --- content ----------------------------------------------------------------------------

    def publish(self, feed: str, title: str, body_html: str, path: str | None = None,
                published: str = "Wed, 06 Mar 2024 09:30:00 GMT") -> str:
        """Add an item (and its page) at the top of `feed`; its page path."""
        with self.lock:
            items = self.feeds.setdefault(feed, [])
            path = path or f"/news/{feed}/{len(items) + 1}"
            if path not in self.pages and not path.startswith("/hostile/"):
                self.pages[path] = PAGE.format(title=escape(title), body=body_html)
            items.insert(0, {"title": title, "path": path, "published": published})
            self.published_at[path] = time.monotonic()
        return path

    def empty_feed(self, feed: str) -> None:
        with self.lock:
            self.feeds.setdefault(feed, [])

    def rss(self, feed: str) -> bytes:
        base = self.base
        items = "".join(
            f"<item><title>{escape(i['title'])}</title><link>{base}{i['path']}</link>"
            f"<guid>{base}{i['path']}</guid><pubDate>{i['published']}</pubDate></item>"
            for i in self.feeds[feed])
        return (f'<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>{feed} desk</title>'
                f"<link>{base}/</link>{items}</channel></rss>").encode()

    # --- serving ----------------------------------------------------------------------------

    @property
    def base(self) -> str:
        return f"http://{self.host}:{self._server.server_port}"

    def url(self, path: str) -> str:
        return self.base + path

    def count(self, path: str) -> int:
        with self.lock:
            return sum(1 for p, _ in self.requests if p == path)

    def start(self) -> "FeedSite":
        site = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def do_GET(self):
                with site.lock:
                    site.requests.append((self.path, self.headers.get("If-None-Match", "")))
                try:
                    site._answer(self)
                except (BrokenPipeError, ConnectionResetError):
                    pass

        self._server = ThreadingHTTPServer((self.host, 0), Handler)
        self._server.daemon_threads = True
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()

    def _answer(self, h: BaseHTTPRequestHandler) -> None:
        path = h.path
        if path == "/robots.txt":
            return self._send(h, 200, "text/plain", b"User-agent: *\nAllow: /\n")
        if path == "/feeds/broken.xml":
            return self._send(h, 500, "text/plain", b"internal error")
        if path == "/feeds/slow.xml":
            time.sleep(self.slow_seconds)
            return self._send(h, 200, "application/rss+xml", b"<rss><channel></channel></rss>")
        if path == "/feeds/garbage.xml":
            return self._send(h, 200, "application/rss+xml", b"\x00\xff this is not a feed at all {}")
        if path == "/hostile/huge":   # claims 5 GB: refused from the header, nothing read
            h.send_response(200)
            h.send_header("Content-Type", "text/html")
            h.send_header("Content-Length", str(5 * 1024 ** 3))
            h.end_headers()
            h.wfile.write(b"<html>" + b" " * 65536)
            return None
        if path == "/hostile/loop":
            h.send_response(302)
            h.send_header("Location", "/hostile/loop")
            h.send_header("Content-Length", "0")
            h.end_headers()
            return None
        if path == "/hostile/french":
            return self._send(h, 200, "text/html; charset=utf-8",
                              PAGE.format(title="Manifestation dans la capitale", body=FRENCH).encode())
        if path.startswith("/feeds/") and path.endswith(".xml"):
            name = path[len("/feeds/"):-len(".xml")]
            with self.lock:
                known = name in self.feeds
                body = self.rss(name) if known else b""
            if not known:
                return self._send(h, 404, "text/plain", b"no such feed")
            etag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
            if h.headers.get("If-None-Match") == etag:
                return self._send(h, 304, None, b"", {"ETag": etag})
            modified = format_datetime(datetime.now(timezone.utc), usegmt=True)
            return self._send(h, 200, "application/rss+xml", body, {"ETag": etag, "Last-Modified": modified})
        with self.lock:
            page = self.pages.get(path)
        if page is None:
            return self._send(h, 404, "text/plain", b"not found")
        if self.page_delay:
            time.sleep(self.page_delay)
        return self._send(h, 200, "text/html; charset=utf-8", page.encode())

    def _send(self, h, status: int, ctype: str | None, body: bytes, headers: dict | None = None) -> None:
        with self.lock:
            self.answers[h.path] = status
        h.send_response(status)
        if ctype:
            h.send_header("Content-Type", ctype)
        for k, v in (headers or {}).items():
            h.send_header(k, v)
        h.send_header("Content-Length", str(len(body)))
        h.end_headers()
        if body:
            h.wfile.write(body)


class Receiver:
    """A webhook receiver on 127.0.0.1: keeps every POST; can fail the first N with 500."""

    def __init__(self, fail_first: int = 0):
        self.posts: list[tuple[dict, bytes]] = []   # (headers, body)
        self.fail_left = fail_first
        self.lock = threading.Lock()
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
                with receiver.lock:
                    fail = receiver.fail_left > 0
                    if fail:
                        receiver.fail_left -= 1
                    else:
                        receiver.posts.append((dict(self.headers), body))
                self.send_response(500 if fail else 204)
                self.send_header("Content-Length", "0")
                self.end_headers()

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        threading.Thread(target=self._server.serve_forever, daemon=True).start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_port}/hook"

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()
