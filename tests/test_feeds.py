"""RSS/Atom feeds against a local HTTP server on 127.0.0.1: robots.txt, retries, timeouts, rate limit."""
from __future__ import annotations

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from strife.errors import BadInputError
from strife.record import Article
from strife.sources.feeds import FetchError, PoliteClient, parse_feed, read_feed

PAGE = """<!doctype html><html><head><title>{title}</title></head><body><article><h1>{title}</h1>
<p>{body}</p><p>Officials said more details would follow later in the day.</p></article></body></html>"""

PAGES = {
    "/news/clash": PAGE.format(title="Soldiers and militants clash near Djenne",
                               body="At least 12 people were killed when Malian troops clashed with militants "
                                    "near Djenne on Tuesday, military sources said."),
    "/news/flaky": PAGE.format(title="Teachers march in Valparaiso",
                               body="Several thousand teachers marched through Valparaiso on Thursday to protest "
                                    "against pay cuts, their union said."),
    "/private/memo": PAGE.format(title="Internal memo", body="Not for crawlers."),
    "/news/slow": PAGE.format(title="Slow page", body="This page answers too late."),
}

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Sahel Wire</title><link>{base}/</link>
<item><title>Soldiers and militants clash near Djenne</title><link>{base}/news/clash</link>
  <guid>sw-1</guid><pubDate>Wed, 06 Mar 2024 09:30:00 GMT</pubDate></item>
<item><title>Teachers march in Valparaiso</title><link>{base}/news/flaky</link>
  <guid>sw-2</guid><pubDate>Thu, 29 Aug 2024 18:00:00 +0000</pubDate></item>
<item><title>Internal memo</title><link>{base}/private/memo</link><guid>sw-3</guid></item>
<item><title>Internal memo, with its text in the feed</title><link>{base}/private/memo2</link><guid>sw-4</guid>
  <content:encoded><![CDATA[<p>Police fired tear gas at protesters in Kisii on Monday.</p>]]></content:encoded></item>
<item><title>Slow page</title><link>{base}/news/slow</link><guid>sw-5</guid></item>
<item><title>Soldiers and militants clash near Djenne (again)</title><link>{base}/news/clash</link><guid>sw-6</guid></item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Coast Post</title><id>urn:coast</id>
<entry><title>Teachers march</title><id>urn:coast:1</id><link href="/news/flaky"/>
  <published>2024-08-29T18:00:00Z</published><updated>2024-08-30T08:00:00Z</updated></entry>
<entry><title>No link</title><id>urn:coast:2</id><updated>2024-08-30T08:00:00Z</updated>
  <content type="html">&lt;p&gt;Gunmen attacked a village near Beni on Tuesday.&lt;/p&gt;</content></entry>
</feed>"""


class Site:
    """What the test server saw: each request's path, user agent and time."""

    def __init__(self):
        self.requests: list[tuple[str, str, float]] = []
        self.failures_left = {"/news/flaky": 1}
        self.lock = threading.Lock()

    def count(self, path: str) -> int:
        return sum(1 for p, _, _ in self.requests if p == path)


@pytest.fixture()
def server():
    site = Site()

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def do_GET(self):
            with site.lock:
                site.requests.append((self.path, self.headers.get("User-Agent", ""), time.monotonic()))
                fail = site.failures_left.get(self.path, 0)
                if fail:
                    site.failures_left[self.path] = fail - 1
            base = f"http://127.0.0.1:{self.server.server_port}"
            if fail:
                return self._send(500, "text/plain", "try again")
            if self.path == "/robots.txt":
                return self._send(200, "text/plain", "User-agent: *\nDisallow: /private/\n")
            if self.path == "/feed.xml":
                return self._send(200, "application/rss+xml", RSS.format(base=base))
            if self.path == "/atom.xml":
                return self._send(200, "application/atom+xml", ATOM)
            if self.path == "/news/slow":
                time.sleep(1.0)
            if self.path in PAGES:
                return self._send(200, "text/html; charset=utf-8", PAGES[self.path])
            return self._send(404, "text/plain", "not found")

        def _send(self, status, content_type, body):
            data = body.encode("utf-8")
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            try:
                self.wfile.write(data)
            except (BrokenPipeError, ConnectionResetError):
                pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_port}", site
    httpd.shutdown()
    httpd.server_close()


def _client(**kwargs) -> PoliteClient:
    options = dict(user_agent="strife-test/1.0", timeout=0.3, retries=1, backoff=0.05, min_interval=0.0)
    options.update(kwargs)
    return PoliteClient(**options)


def test_feed_items_become_articles(server):
    base, site = server
    with _client() as client:
        results = list(read_feed(f"{base}/feed.xml", client=client))
    by_id = {r.id if isinstance(r, Article) else r.item: r for r in results}
    # five distinct links: the repeated one is read once
    assert len(results) == 5
    clash = by_id[f"{base}/news/clash"]
    assert isinstance(clash, Article)
    assert clash.published == "2024-03-06" and clash.source == "Sahel Wire" and clash.url == f"{base}/news/clash"
    assert "Malian troops clashed" in clash.html and clash.meta == {"guid": "sw-1"}
    # 500 first, then success on the retry
    flaky = by_id[f"{base}/news/flaky"]
    assert isinstance(flaky, Article) and "teachers marched" in flaky.html
    assert site.count("/news/flaky") == 2
    # robots.txt disallows /private/: never fetched; the feed's own content is used where it has some
    memo = by_id[f"{base}/private/memo"]
    assert isinstance(memo, FetchError) and "robots.txt" in memo.reason
    memo2 = by_id[f"{base}/private/memo2"]
    assert isinstance(memo2, Article) and "tear gas" in memo2.html
    assert not any(p.startswith("/private/") for p, _, _ in site.requests)
    assert site.count("/robots.txt") == 1
    # too slow twice (first try and one retry): reported, the rest kept
    slow = by_id[f"{base}/news/slow"]
    assert isinstance(slow, BadInputError) and "timed out" in slow.reason and "2 attempts" in slow.reason
    assert {ua for _, ua, _ in site.requests} == {"strife-test/1.0"}


def test_atom_feed_relative_links_and_feed_content(server):
    base, _ = server
    with _client() as client:
        results = list(read_feed(f"{base}/atom.xml", client=client))
    assert [type(r) for r in results] == [Article, Article]
    assert results[0].id == f"{base}/news/flaky" and results[0].published == "2024-08-29"
    assert results[1].id == "urn:coast:2" and "Gunmen attacked" in results[1].html


def test_local_feed_file_and_its_pages(server, tmp_path):
    base, _ = server
    feed = tmp_path / "wire.rss"
    feed.write_text(RSS.format(base=base), encoding="utf-8")
    with _client() as client:
        results = list(read_feed(str(feed), client=client))
    assert isinstance(results[0], Article) and results[0].id == f"{base}/news/clash"
    offline = list(read_feed(str(feed), fetch_pages=False, published="2024-01-01"))
    assert [r.id for r in offline if isinstance(r, Article)] == [f"{base}/private/memo2"]
    assert offline[3].published == "2024-01-01"


def test_per_host_rate_limit(server):
    base, site = server
    with _client(min_interval=0.25) as client:
        for path in ("/news/clash", "/news/clash", "/news/clash"):
            client.get(base + path)
    times = [t for p, _, t in site.requests if p == "/news/clash"]
    gaps = [b - a for a, b in zip(times, times[1:])]
    assert len(gaps) == 2 and min(gaps) >= 0.2


def test_back_off_grows_and_gives_up(server):
    base, site = server
    site.failures_left["/news/clash"] = 10
    slept: list[float] = []
    with _client(retries=3, backoff=0.01, sleep=lambda s: slept.append(s)) as client:
        with pytest.raises(FetchError, match="HTTP 500; gave up after 4 attempts"):
            client.get(base + "/news/clash")
    assert slept == [0.01, 0.02, 0.04]


def test_unreadable_feeds_are_reported(tmp_path):
    page = tmp_path / "page.xml"
    page.write_text("<html><body>not a feed</body></html>")
    assert "not an RSS or Atom feed" in next(read_feed(str(page), fetch_pages=False)).reason
    missing = next(read_feed(str(tmp_path / "nope.rss"), fetch_pages=False))
    assert isinstance(missing, BadInputError) and "cannot read" in missing.reason
    with pytest.raises(BadInputError):
        parse_feed(b"\x00\x01", "junk")


def test_strife_ingest_reads_a_feed_into_the_store(server, tmp_path):
    """`strife ingest --feed URL` follows the items, stores their events, reports what it skips."""
    import subprocess
    import sys

    from strife.store import Store

    base, _ = server
    db = tmp_path / "feed.db"
    result = subprocess.run([sys.executable, "-m", "strife.cli", "ingest", "--feed", f"{base}/feed.xml", "--db", str(db)],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode in (0, 1), result.stderr
    store = Store(str(db))
    try:
        events = store.events()
    finally:
        store.close()
    assert any(e.event_type == "Battles" for e in events)
    assert "robots.txt" in result.stderr
