"""WARC / WARC.GZ archives: HTML responses become articles; everything else is passed over."""
from __future__ import annotations

import gzip
from io import BytesIO

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from strife.errors import BadInputError
from strife.record import Article
from strife.sources import read_sources
from strife.sources.warc import read_warc

PAGE = ("<!doctype html><html><head><title>Clashes near Qoryooley</title>"
        '<meta property="article:published_time" content="2024-12-01"></head><body><article>'
        "<h1>Clashes near Qoryooley</h1><p>Three soldiers and six militants were killed in clashes on the "
        "outskirts of Qoryooley on Saturday, an army officer said.</p></article></body></html>")


def _write(path, gz: bool) -> None:
    with open(path, "wb") as out:
        writer = WARCWriter(out, gzip=gz)

        def response(uri, body: bytes, content_type="text/html; charset=utf-8", status="200 OK", encoding=None):
            headers = [("Content-Type", content_type)]
            if encoding:
                headers.append(("Content-Encoding", encoding))
            http = StatusAndHeaders(status, headers, protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(uri, "response", payload=BytesIO(body), http_headers=http))

        writer.write_record(writer.create_warc_record("", "warcinfo", payload=BytesIO(b"software: test\r\n")))
        writer.write_record(writer.create_warc_record("https://news.example.org/a", "request",
                                                      payload=BytesIO(b"GET /a HTTP/1.1\r\n\r\n")))
        response("https://news.example.org/a", PAGE.encode("utf-8"))
        response("https://news.example.org/logo.png", b"\x89PNG\r\n", content_type="image/png")
        response("https://news.example.org/old", b"", status="301 Moved Permanently")
        response("https://news.example.org/latin", PAGE.replace("Qoryooley", "Qoryooley caf\xe9").encode("latin-1"),
                 content_type="text/html; charset=ISO-8859-1")
        response("https://news.example.org/zipped", gzip.compress(PAGE.encode()), encoding="gzip")
        response("https://news.example.org/a", PAGE.encode("utf-8"))   # captured twice
        response("https://news.example.org/empty", b"   ")


@pytest.mark.parametrize("name, gz", [("crawl.warc", False), ("crawl.warc.gz", True)])
def test_html_responses_become_articles(tmp_path, name, gz):
    path = tmp_path / name
    _write(path, gz)
    results = list(read_warc(path, published="2024-12-02"))
    articles = [r for r in results if isinstance(r, Article)]
    assert [a.id for a in articles] == ["https://news.example.org/a", "https://news.example.org/latin",
                                        "https://news.example.org/zipped"]
    assert articles[0].html == PAGE and articles[0].url == "https://news.example.org/a"
    assert articles[0].published == "2024-12-02" and articles[0].meta["warc_date"]
    assert "caf\xe9" in articles[1].html
    assert articles[2].html == PAGE   # Content-Encoding undone
    errors = [r for r in results if isinstance(r, BadInputError)]
    assert [(e.item, e.reason) for e in errors] == [("https://news.example.org/empty", "empty page")]


def test_archive_pages_run_through_the_pipeline(tmp_path, pipeline):
    path = tmp_path / "crawl.warc.gz"
    _write(path, True)
    article = next(read_warc(path))
    result = pipeline.process(article)
    assert result.article.published == "2024-12-01"   # from the page's own metadata
    assert result.events and result.events[0].event_type == "Battles"


def test_read_sources_dispatches_on_the_name(tmp_path):
    path = tmp_path / "crawl.warc.gz"
    _write(path, True)
    assert [r.id for r in read_sources([str(path)]) if isinstance(r, Article)][0] == "https://news.example.org/a"


def test_not_a_warc(tmp_path):
    path = tmp_path / "junk.warc"
    path.write_bytes(b"this is not an archive\n" * 5)
    results = list(read_warc(path))
    assert len(results) == 1 and isinstance(results[0], BadInputError)
    assert "not a WARC archive" in results[0].reason
    missing = list(read_warc(tmp_path / "none.warc.gz"))
    assert "cannot read" in missing[0].reason


def test_a_compression_bomb_record_is_refused_and_the_next_page_read(tmp_path, monkeypatch):
    # Found by bench/soak.py: a small record that inflated to gigabytes was read whole.
    import strife.sources.warc as warc

    monkeypatch.setattr(warc, "MAX_BYTES", 1_000_000)
    path = tmp_path / "bomb.warc.gz"
    with open(path, "wb") as out:
        writer = WARCWriter(out, gzip=True)
        for uri, body, extra in [("https://news.example.org/bomb", gzip.compress(b"\0" * 5_000_000), [("Content-Encoding", "gzip")]),
                                 ("https://news.example.org/a", PAGE.encode(), [])]:
            http = StatusAndHeaders("200 OK", [("Content-Type", "text/html")] + extra, protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(uri, "response", payload=BytesIO(body), http_headers=http))
    bomb, page = list(read_warc(path))
    assert isinstance(bomb, BadInputError) and "larger than 1000000 bytes once decompressed" in bomb.reason
    assert isinstance(page, Article) and page.id == "https://news.example.org/a"


@pytest.mark.parametrize("name, gz", [("cut.warc", False), ("cut.warc.gz", True)])
def test_an_archive_cut_short_reports_its_last_record(tmp_path, name, gz):
    # Found by bench/soak.py: a WARC file cut inside a record was read as if the page ended there.
    path = tmp_path / name
    _write(path, gz)
    whole = path.read_bytes()
    path.write_bytes(whole[: len(whole) - 40])   # inside the last record, "empty"'s body and trailer
    results = list(read_warc(path))
    assert [r.id for r in results if isinstance(r, Article)] == ["https://news.example.org/a", "https://news.example.org/latin",
                                                              "https://news.example.org/zipped"]
    last = results[-1]
    assert isinstance(last, BadInputError) and last.item == "https://news.example.org/empty"
    assert "cut short" in last.reason or "not a readable WARC" in last.reason


def test_a_compressed_archive_cut_early_in_its_last_record_reports_it(tmp_path):
    # A gzip member cut a few bytes in yields no record at all: the unread bytes are the evidence.
    from warcio.archiveiterator import ArchiveIterator

    path = tmp_path / "cut.warc.gz"
    _write(path, True)
    with open(path, "rb") as stream:
        records = ArchiveIterator(stream)
        offsets = [records.get_record_offset() for _ in records]
    whole = path.read_bytes()
    path.write_bytes(whole[: offsets[-1] + 10])
    results = list(read_warc(path))
    assert results[-1].item == f"{path} record {len(offsets)}" and "cut short" in results[-1].reason
    assert sum(isinstance(r, Article) for r in results) == 3
