"""RSS and Atom feeds: each item's page fetched politely and read as an `Article`.

    for item in read_feed("https://news.example.org/rss.xml"):   # or a local feed file
        ...  # Article(id=link or guid, html=page, published=from the feed) or BadInputError

The feed may be a URL or a file; RSS 2.0, RSS 1.0 (RDF) and Atom are read. Each item's
link is fetched with `PoliteClient`, which:
- names itself with a user agent (config `user_agent`);
- asks robots.txt first, once per host, and never fetches what it disallows;
- waits `min_interval` seconds between two requests to the same host (or the site's
  Crawl-delay when longer);
- gives up on a request after `timeout` seconds and retries timeouts, connection errors,
  429 and 5xx answers up to `retries` times with exponential back-off (honouring
  Retry-After);
- reads at most `max_bytes` of a body (after decompression, so a gzip bomb stops there too)
  and reports a redirect loop instead of following it;
- sends extra headers when asked (`strife watch`'s conditional GET: If-None-Match,
  If-Modified-Since).
An item whose page cannot be had is read from the feed's own content when the feed carries
it (content:encoded, Atom content), else reported as a BadInputError naming its link.
"""
from __future__ import annotations

import time
import urllib.robotparser
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Callable, Iterator
from urllib.parse import urljoin, urlsplit

import httpx
from lxml import etree

from .. import config
from ..articles import parse_published
from ..errors import BadInputError, UsageError
from ..record import Article

RETRY_STATUS = {429, 500, 502, 503, 504}
MAX_RESPONSE_BYTES = 20_000_000    # a news page or feed is far smaller; a 5 GB link is refused
MAX_REDIRECTS = 10
# Headers that describe the body as sent, not the decoded body a bounded read returns.
_BODY_HEADERS = ("content-encoding", "content-length", "transfer-encoding")
NS = {
    "atom": "http://www.w3.org/2005/Atom",
    "rss1": "http://purl.org/rss/1.0/",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "dc": "http://purl.org/dc/elements/1.1/",
    "content": "http://purl.org/rss/1.0/modules/content/",
}


class FetchError(BadInputError):
    """A page could not be fetched (refused by robots.txt, timed out, kept failing)."""


@dataclass(frozen=True)
class FeedItem:
    guid: str | None
    link: str | None
    title: str | None
    published: str | None    # ISO date
    content: str | None      # HTML the feed itself carries (content:encoded, Atom content)


@dataclass(frozen=True)
class Feed:
    title: str | None
    items: list[FeedItem]


class PoliteClient:
    """An HTTP client that identifies itself, obeys robots.txt, rate-limits per host and retries."""

    def __init__(self, user_agent: str | None = None, timeout: float = 10.0, retries: int = 3,
                 backoff: float = 1.0, min_interval: float = 1.0, max_backoff: float = 60.0,
                 max_bytes: int = MAX_RESPONSE_BYTES, transport: httpx.BaseTransport | None = None,
                 sleep: Callable[[float], None] = time.sleep, clock: Callable[[], float] = time.monotonic):
        self.user_agent = user_agent or config.get("user_agent")
        self.retries, self.backoff, self.max_backoff = retries, backoff, max_backoff
        self.min_interval, self.max_bytes = min_interval, max_bytes
        self.sleep, self.clock = sleep, clock
        self._http = httpx.Client(headers={"User-Agent": self.user_agent}, timeout=timeout,
                                  follow_redirects=True, max_redirects=MAX_REDIRECTS, transport=transport)
        self._robots: dict[str, urllib.robotparser.RobotFileParser] = {}
        self._last: dict[str, float] = {}

    def __enter__(self) -> "PoliteClient":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        self._http.close()

    def allowed(self, url: str) -> bool:
        """True when the site's robots.txt lets this user agent fetch `url`."""
        parts = urlsplit(url)
        host = f"{parts.scheme}://{parts.netloc}"
        if host not in self._robots:
            self._robots[host] = self._load_robots(host)
        return self._robots[host].can_fetch(self.user_agent, url)

    def _load_robots(self, host: str) -> urllib.robotparser.RobotFileParser:
        robots = urllib.robotparser.RobotFileParser(host + "/robots.txt")
        try:
            response = self._request(host + "/robots.txt")
        except FetchError:
            robots.disallow_all = True   # unreachable: assume the site does not want crawlers
            return robots
        if response.status_code in (401, 403):
            robots.disallow_all = True
        elif response.status_code >= 400:
            robots.allow_all = True      # no robots.txt: everything is allowed
        else:
            robots.parse(response.text.splitlines())
        return robots

    def get(self, url: str, headers: dict[str, str] | None = None) -> httpx.Response:
        """The page at `url` (2xx, or 304 to a conditional GET), or FetchError saying why not."""
        if not self.allowed(url):
            raise FetchError(url, f"robots.txt of {urlsplit(url).netloc} disallows fetching it")
        response = self._request(url, headers)
        if response.status_code >= 400:
            raise FetchError(url, f"HTTP {response.status_code} {response.reason_phrase}")
        return response

    def _request(self, url: str, headers: dict[str, str] | None = None) -> httpx.Response:
        attempt = 0
        while True:
            self._wait_turn(url)
            try:
                response = self._bounded_get(url, headers)
            except httpx.TimeoutException as exc:
                problem, retry_after = f"timed out ({type(exc).__name__})", None
            except httpx.TooManyRedirects as exc:
                raise FetchError(url, f"redirect loop (more than {MAX_REDIRECTS} redirects)") from exc
            except httpx.TransportError as exc:
                problem, retry_after = f"connection failed ({exc})", None
            except httpx.HTTPError as exc:   # an invalid URL or header, a broken body: not worth retrying
                raise FetchError(url, f"cannot fetch ({type(exc).__name__}: {exc})") from exc
            else:
                if response.status_code not in RETRY_STATUS:
                    return response
                problem, retry_after = f"HTTP {response.status_code}", _retry_after(response)
            if attempt >= self.retries:
                raise FetchError(url, f"{problem}; gave up after {attempt + 1} attempts")
            delay = retry_after if retry_after is not None else self.backoff * 2 ** attempt
            self.sleep(min(delay, self.max_backoff))
            attempt += 1

    def _bounded_get(self, url: str, headers: dict[str, str] | None) -> httpx.Response:
        """GET `url` reading at most `max_bytes` of its (decoded) body; FetchError beyond."""
        with self._http.stream("GET", url, headers=headers) as response:
            declared = response.headers.get("Content-Length", "")
            if declared.isdigit() and int(declared) > self.max_bytes:
                raise FetchError(url, f"the answer is {int(declared):,} bytes, more than the "
                                      f"{self.max_bytes:,} read")
            chunks, size = [], 0
            for chunk in response.iter_bytes():
                size += len(chunk)
                if size > self.max_bytes:
                    raise FetchError(url, f"the answer is more than the {self.max_bytes:,} bytes read")
                chunks.append(chunk)
        kept = [(k, v) for k, v in response.headers.multi_items() if k.lower() not in _BODY_HEADERS]
        return httpx.Response(response.status_code, headers=kept, content=b"".join(chunks),
                              request=response.request)

    def _wait_turn(self, url: str) -> None:
        host = urlsplit(url).netloc
        interval = self.min_interval
        robots = self._robots.get(f"{urlsplit(url).scheme}://{host}")
        delay = robots.crawl_delay(self.user_agent) if robots is not None else None
        if delay:
            interval = max(interval, float(delay))
        last = self._last.get(host)
        if last is not None:
            wait = last + interval - self.clock()
            if wait > 0:
                self.sleep(wait)
        self._last[host] = self.clock()


def _retry_after(response: httpx.Response) -> float | None:
    value = response.headers.get("Retry-After", "")
    return float(value) if value.strip().isdigit() else None


# ---- parsing -----------------------------------------------------------------------------

def parse_feed(data: bytes, origin: str, base_url: str | None = None) -> Feed:
    """The title and items of an RSS 2.0, RSS 1.0 or Atom document; BadInputError otherwise."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, recover=True, huge_tree=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise BadInputError(origin, f"not an RSS or Atom feed ({exc})") from exc
    if root is None:
        raise BadInputError(origin, "not an RSS or Atom feed (no XML document)")
    tag = etree.QName(root).localname.lower()
    if tag == "feed":
        return _atom(root, base_url)
    if tag in ("rss", "rdf"):
        return _rss(root, base_url)
    raise BadInputError(origin, f"not an RSS or Atom feed (the document is <{tag}>)")


def _text(node, path: str) -> str | None:
    found = node.find(path, NS)
    if found is None:
        return None
    text = "".join(found.itertext()).strip()
    return text or None


def _date(value: str | None) -> str | None:
    if not value:
        return None
    try:
        return parsedate_to_datetime(value).date().isoformat()   # RFC 822, as RSS writes it
    except (TypeError, ValueError, IndexError):
        pass
    try:
        return parse_published(value)
    except UsageError:
        return None


def _rss(root, base_url: str | None) -> Feed:
    channel = root.find("channel")
    if channel is None:
        channel = root.find("rss1:channel", NS)
    title = _text(channel, "title") or _text(channel, "rss1:title") if channel is not None else None
    nodes = root.findall("channel/item") + root.findall("rss1:item", NS)
    items = []
    for node in nodes:
        link = _text(node, "link") or _text(node, "rss1:link")
        items.append(FeedItem(
            guid=_text(node, "guid") or node.get(f"{{{NS['rdf']}}}about"),
            link=urljoin(base_url or "", link) if link else None,
            title=_text(node, "title") or _text(node, "rss1:title"),
            published=_date(_text(node, "pubDate") or _text(node, "dc:date")),
            content=_text(node, "content:encoded")))
    return Feed(title, items)


def _atom(root, base_url: str | None) -> Feed:
    items = []
    for node in root.findall("atom:entry", NS):
        link = None
        for candidate in node.findall("atom:link", NS):
            if candidate.get("rel", "alternate") == "alternate" and candidate.get("href"):
                link = urljoin(base_url or "", candidate.get("href"))
                break
        items.append(FeedItem(
            guid=_text(node, "atom:id"), link=link, title=_text(node, "atom:title"),
            published=_date(_text(node, "atom:published") or _text(node, "atom:updated")),
            content=_text(node, "atom:content")))
    return Feed(_text(root, "atom:title"), items)


# ---- reading -------------------------------------------------------------------------------

def is_url(name: str) -> bool:
    return urlsplit(name).scheme in ("http", "https")


def read_feed(url_or_path: str, published: str | None = None, client: PoliteClient | None = None,
              fetch_pages: bool = True) -> Iterator[Article | BadInputError]:
    """The articles of a feed, in feed order; items that cannot be had become BadInputErrors.

    `published` (ISO) is used for items whose feed entry has no date. With
    `fetch_pages=False` only the content the feed itself carries is read.
    """
    own_client = client is None
    client = client or PoliteClient()
    try:
        try:
            if is_url(url_or_path):
                data, base = client.get(url_or_path).content, url_or_path
            else:
                data, base = Path(url_or_path).read_bytes(), None
        except OSError as exc:
            yield BadInputError(url_or_path, f"cannot read: {exc.strerror}")
            return
        except BadInputError as exc:
            yield exc
            return
        try:
            feed = parse_feed(data, url_or_path, base)
        except BadInputError as exc:
            yield exc
            return
        seen: set[str] = set()
        for number, item in enumerate(feed.items, start=1):
            article_id = item.link or item.guid
            if not article_id:
                yield BadInputError(f"{url_or_path} item {number}", "no link and no guid")
                continue
            if article_id in seen:
                continue   # feeds repeat items; one article per link
            seen.add(article_id)
            yield item_article(item, article_id, feed, client if fetch_pages else None, published)
    finally:
        if own_client:
            client.close()


def item_article(item: FeedItem, article_id: str, feed: Feed, client: PoliteClient | None,
                  published: str | None) -> Article | BadInputError:
    html, failure = None, None
    if client is not None and item.link and is_url(item.link):
        try:
            html = client.get(item.link).text
        except FetchError as exc:
            failure = exc
    if html is None:
        html = item.content
    if not html or not html.strip():
        return failure or BadInputError(article_id, "the feed item has no page link and no content")
    return Article(id=article_id, html=html, published=item.published or published, title=item.title,
                   url=item.link, source=feed.title, meta={"guid": item.guid} if item.guid else {})
