"""WARC and WARC.GZ web archives: each archived HTML page read as an `Article`.

    for item in read_warc("crawl.warc.gz"):
        ...  # Article(id=target URI, html=page) or BadInputError

Reads `response` records (and `resource` records) whose payload is HTML with status 200;
other records (requests, metadata, images, robots.txt, redirects, errors) are not articles
and are passed over. The capture time (WARC-Date) is kept in `meta["warc_date"]`: it is when
the page was archived, not when it was published, so `published` stays for the page's own
metadata (or the caller's `published`) to give. Uses the `warcio` package.
"""
from __future__ import annotations

from pathlib import Path
from typing import Iterator

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from ..articles import MAX_BYTES
from ..errors import BadInputError
from ..record import Article

HTML_TYPES = ("text/html", "application/xhtml+xml")
SUFFIXES = (".warc", ".warc.gz")


def is_warc(name: str) -> bool:
    return name.lower().endswith(SUFFIXES)


def read_warc(path: str | Path, published: str | None = None) -> Iterator[Article | BadInputError]:
    """The HTML pages archived in a WARC file, in archive order (one article per URI)."""
    name = str(path)
    try:
        stream = open(path, "rb")
    except OSError as exc:
        yield BadInputError(name, f"cannot read: {exc.strerror}")
        return
    seen: set[str] = set()
    with stream:
        if not _looks_like_warc(stream):
            yield BadInputError(name, "not a WARC archive (it does not start with a WARC/1.x record)")
            return
        records = ArchiveIterator(stream)
        number = 0
        try:
            for number, record in enumerate(records, start=1):
                article = _record_article(record, name, number, published)
                if article is None:
                    missing = _missing_bytes(record)   # passed over, but the archive may end inside it
                    if not missing:
                        continue
                    article = BadInputError(_item_name(record, name, number), _cut_short(missing))
                if isinstance(article, Article):
                    if article.id in seen:
                        continue   # the same page captured twice: read it once
                    seen.add(article.id)
                yield article
        except ArchiveLoadFailed as exc:
            yield BadInputError(name, f"not a readable WARC archive ({exc.msg})")
            return
        left = Path(path).stat().st_size - records.offset
        if left > 0:   # a compressed record cut short yields nothing at all: the bytes are all that show it
            yield BadInputError(f"{name} record {number + 1}",
                                f"record cut short: the archive ends in {left} bytes that are not a whole record")


def _looks_like_warc(stream) -> bool:
    """True when the file starts with a WARC record, plain or gzip-compressed (then rewound)."""
    head = stream.read(2)
    stream.seek(0)
    if head == b"\x1f\x8b":
        import gzip

        with gzip.GzipFile(fileobj=stream) as unzipped:
            try:
                head = unzipped.read(5)
            except (OSError, EOFError):
                head = b""
        stream.seek(0)
        return head == b"WARC/"
    return stream.read(5) == b"WARC/" and stream.seek(0) == 0


def _record_article(record, name: str, number: int, published: str | None) -> Article | BadInputError | None:
    if record.rec_type not in ("response", "resource"):
        return None
    uri = record.rec_headers.get_header("WARC-Target-URI")
    item = _item_name(record, name, number)
    if record.rec_type == "response":
        if record.http_headers is None:
            return None   # a response to something other than HTTP (dns:, ...)
        if record.http_headers.get_statuscode() != "200":
            return None
        content_type = record.http_headers.get_header("Content-Type") or ""
    else:
        content_type = record.rec_headers.get_header("Content-Type") or ""
    if not content_type.split(";")[0].strip().lower() in HTML_TYPES:
        return None
    # Chunked and gzip/deflate encodings undone, reading no further than the limit: a small
    # record that inflates to gigabytes (a compression bomb) stops there.
    body = record.content_stream().read(MAX_BYTES + 1)
    if len(body) > MAX_BYTES:
        return BadInputError(item, f"page larger than {MAX_BYTES} bytes once decompressed (the limit for an article)")
    missing = _missing_bytes(record)
    if missing:
        return BadInputError(item, _cut_short(missing))
    html = _decode(body, _charset(content_type))
    if html is None:
        return BadInputError(item, "page is not valid text in its declared or a common encoding")
    if not html.strip():
        return BadInputError(item, "empty page")
    meta = {"warc_date": record.rec_headers.get_header("WARC-Date")}
    return Article(id=item, html=html, published=published, url=uri, meta=meta)


def _missing_bytes(record) -> int:
    """How many of the record's declared bytes the archive lacks (0 for a whole record).

    warcio reads a record through a reader limited to its Content-Length; what is left of
    that limit once the rest of the record is drained is what the file did not have."""
    raw = record.raw_stream
    while getattr(raw, "limit", 0) > 0 and raw.read(1 << 20):
        pass
    return max(0, getattr(raw, "limit", 0))


def _item_name(record, name: str, number: int) -> str:
    headers = record.rec_headers
    return headers.get_header("WARC-Target-URI") or headers.get_header("WARC-Record-ID") or f"{name} record {number}"


def _cut_short(missing: int) -> str:
    return f"record cut short: the archive ends {missing} bytes before the record does"


def _charset(content_type: str) -> str | None:
    for part in content_type.split(";")[1:]:
        key, _, value = part.partition("=")
        if key.strip().lower() == "charset" and value.strip():
            return value.strip().strip('"').lower()
    return None


def _decode(body: bytes, charset: str | None) -> str | None:
    for encoding in (charset, "utf-8", "cp1252"):
        if not encoding:
            continue
        try:
            return body.decode(encoding)
        except (LookupError, UnicodeDecodeError):
            continue
    return None
