"""What `strife watch` polls: feeds (URL or file), folders of articles, files of feed URLs.

    sources = expand(["https://a.example/rss", "feeds.txt", "inbox/"])   # -> [Feed..., Folder...]

`expand` is re-run every cycle, so a line added to a feed list or a file dropped in a
folder is picked up on the next one. Polling is I/O and lives here; deciding what is new
and what to do about failures is `monitor.py`'s.

- `poll_feed` makes one conditional GET (ETag/Last-Modified) with the client's timeout,
  per-host delay and size bound, and parses the answer: a `FeedPoll` with the items, or
  `not_modified`, or a FetchError/BadInputError saying why the feed could not be had.
- `Folder.new_files` lists the folder's .html/.htm/.txt/.jsonl/.ndjson files with a key of
  path, size and modification time (a file rewritten later is read again; its articles
  already stored are recognised by their content hash). A file modified in the last
  `settle` seconds may still be being written and waits for the next cycle.
"""
from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

from ..errors import BadInputError, UsageError
from . import FEED_SUFFIXES
from .feeds import Feed, PoliteClient, is_url, parse_feed

ARTICLE_SUFFIXES = (".html", ".htm", ".txt", ".jsonl", ".ndjson")


@dataclass(frozen=True)
class FeedSource:
    location: str   # URL or file path

    @property
    def name(self) -> str:
        return self.location


@dataclass(frozen=True)
class FolderSource:
    path: Path

    @property
    def name(self) -> str:
        return str(self.path)

    def new_files(self, settle: float = 1.0, now: float | None = None) -> list[tuple[str, Path]]:
        """(key, path) of every article file in the folder (and below), oldest first."""
        now = time.time() if now is None else now
        found = []
        for path in self.path.rglob("*"):
            if path.suffix.lower() not in ARTICLE_SUFFIXES or path.name.startswith("."):
                continue
            try:
                info = path.stat()
            except OSError:
                continue   # removed while listing
            if not path.is_file() or now - info.st_mtime < settle:
                continue
            found.append((info.st_mtime_ns, f"file:{path}:{info.st_size}:{info.st_mtime_ns}", path))
        return [(key, path) for _, key, path in sorted(found)]


WatchedSource = FeedSource | FolderSource


@dataclass(frozen=True)
class FeedPoll:
    feed: Feed | None
    not_modified: bool
    etag: str | None
    last_modified: str | None


def expand(names: list[str]) -> list[WatchedSource]:
    """The sources behind the command line's SOURCEs; UsageError for one that is none."""
    sources: list[WatchedSource] = []
    for name in names:
        sources += _expand_one(name)
    unique = {s.name: s for s in sources}
    return list(unique.values())


def _expand_one(name: str) -> list[WatchedSource]:
    if is_url(name):
        return [FeedSource(name)]
    path = Path(name)
    if path.is_dir():
        return [FolderSource(path)]
    if not path.is_file():
        raise UsageError(f"{name}: no such feed URL, file or folder")
    if path.suffix.lower() in FEED_SUFFIXES:
        return [FeedSource(name)]
    return [FeedSource(url) for url in _feed_list(path)]


def _feed_list(path: Path) -> list[str]:
    """The feed URLs of a list file: one per line, blank lines and # comments ignored."""
    try:
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError as exc:
        raise UsageError(f"{path}: cannot read: {exc.strerror}") from exc
    urls = [line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")]
    bad = [u for u in urls if not is_url(u)]
    if bad:
        raise UsageError(f"{path}: line {bad[0]!r} is not a feed URL; a list of feeds has one "
                         "http(s) URL per line (feed files end in .rss, .atom or .xml)")
    return urls


def poll_feed(source: FeedSource, client: PoliteClient, etag: str | None = None,
              last_modified: str | None = None) -> FeedPoll:
    """One look at a feed; raises BadInputError (FetchError) when it cannot be had or read."""
    if not is_url(source.location):
        try:
            data = Path(source.location).read_bytes()
        except OSError as exc:
            raise BadInputError(source.location, f"cannot read: {exc.strerror}") from exc
        return FeedPoll(parse_feed(data, source.location), False, None, None)
    headers = {}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    response = client.get(source.location, headers=headers)
    new_etag = response.headers.get("ETag") or etag
    new_modified = response.headers.get("Last-Modified") or last_modified
    if response.status_code == 304:
        return FeedPoll(None, True, new_etag, new_modified)
    feed = parse_feed(response.content, source.location, source.location)
    return FeedPoll(feed, False, response.headers.get("ETag"), response.headers.get("Last-Modified"))
