"""Sources beyond files and JSON lines: RSS/Atom feeds (feeds.py), WARC archives (warc.py)
and what `strife watch` polls (watched.py).

`read_sources` reads any mix of them with the plain inputs of `articles.read_inputs`, so
`strife batch` takes feed URLs, feed files and web archives as INPUTs too.
"""
from __future__ import annotations

from typing import Iterable, Iterator

from ..articles import ReadResult, read_inputs

FEED_SUFFIXES = (".rss", ".atom", ".xml")


def read_sources(inputs: Iterable[str], published: str | None = None) -> Iterator[ReadResult]:
    """Articles from files, folders, JSONL, '-', feeds (URL or .rss/.atom/.xml) and .warc(.gz)."""
    from .feeds import is_url, read_feed
    from .warc import is_warc, read_warc

    for name in inputs:
        if is_url(name) or name.lower().endswith(FEED_SUFFIXES):
            yield from read_feed(name, published)
        elif is_warc(name):
            yield from read_warc(name, published)
        else:
            yield from read_inputs([name], published)
