"""The store's commands: `strife ingest`, `strife serve`, `strife export`.

    strife ingest INPUT... [--db URL]           # run the pipeline, store articles and events
    strife serve [--db URL] [--host 127.0.0.1] [--port 8000]
    strife export --format csv|geojson|parquet -o FILE [--db URL] [filters]

`--db` takes a PostgreSQL URL (postgresql://...) or an SQLite file; without it $STRIFE_DB,
else ./strife.db. Like the rest of the CLI, errors raised below become messages in
cli.main; exit codes are the same (0 all good, 1 some articles skipped, 2 usage errors).
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Iterator

from .articles import parse_published
from .cli_messages import VERBOSE_HELP, say_skipped
from .errors import UsageError

if TYPE_CHECKING:  # the store is imported where used: `strife extract` needs no database driver
    from .store import AddReport

COMMANDS = ("ingest", "serve", "export")
EXIT_OK, EXIT_SKIPPED = 0, 1
DB_HELP = "PostgreSQL URL (postgresql://...) or SQLite file; default $STRIFE_DB, else ./strife.db"
FILTERS = (
    ("since", "events on or after this date (YYYY-MM-DD)"),
    ("until", "events on or before this date (YYYY-MM-DD)"),
    ("country", "ISO3 code of the event's country"),
    ("event_type", "one of ACLED's six event types"),
    ("sub_event_type", "one of ACLED's 25 sub-event types"),
    ("actor", "part of an actor's name"),
    ("bbox", "west,south,east,north in degrees"),
    ("q", "words that must all appear in a source's evidence"),
    ("min_fatalities", "at least this many fatalities"),
)


def add_commands(sub: argparse._SubParsersAction) -> None:
    """Add ingest, serve and export to the `strife` parser's subcommands."""
    ingest = sub.add_parser("ingest", help="Extract events from articles and store them.",
                            description="Run the pipeline on articles and store them with their events; "
                                        "articles already stored (same clean text) are not read again.")
    ingest.add_argument("inputs", nargs="*", metavar="INPUT",
                        help=".txt/.html files, folders, JSONL files, .warc(.gz) archives, feed URLs or - for stdin")
    ingest.add_argument("--feed", action="append", default=[], metavar="URL-OR-FILE",
                        help="an RSS/Atom feed whose items are fetched politely and ingested (repeatable)")
    ingest.add_argument("--db", help=DB_HELP)
    ingest.add_argument("--published", help="publication date for articles that give none (YYYY-MM-DD)")
    ingest.add_argument("--batch-size", type=int, default=50, help="articles per transaction (default 50)")
    ingest.add_argument("-v", "--verbose", action="store_true", help=VERBOSE_HELP)

    serve = sub.add_parser("serve", help="Serve the stored events over HTTP (docs at /docs).")
    serve.add_argument("--db", help=DB_HELP)
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)

    exp = sub.add_parser("export", help="Write stored events to a CSV, GeoJSON or Parquet file.")
    exp.add_argument("--format", choices=["csv", "geojson", "parquet"], required=True)
    exp.add_argument("-o", "--output", required=True, metavar="FILE", help="file to write (- for stdout, not for parquet)")
    exp.add_argument("--db", help=DB_HELP)
    for name, help_text in FILTERS:
        exp.add_argument(f"--{name.replace('_', '-')}", dest=name, help=help_text)


def run(args: argparse.Namespace) -> int:
    if args.command == "ingest":
        return _ingest(args)
    if args.command == "serve":
        return _serve(args)
    return _export(args)


# --- ingest -------------------------------------------------------------------------------

def _ingest(args: argparse.Namespace) -> int:
    from .ingest import ingest
    from .pipeline import Pipeline
    from .store import AddReport, Store

    if args.batch_size < 1:
        raise UsageError("--batch-size must be 1 or more")
    published = parse_published(args.published) if args.published else None
    if not args.inputs and not args.feed:
        raise UsageError("ingest needs at least one INPUT or --feed")
    store = Store(args.db)
    total = AddReport()
    progress = _progress()
    try:
        for report in ingest(_articles(args, published), Pipeline(), store, args.batch_size):
            for error in report.skipped:
                say_skipped(error, args.verbose, progress.write)
            total.extend(report)
            progress.update(len(report.stored) + len(report.skipped))
    finally:
        progress.close()
        store.close()
    say_summary(total)
    return EXIT_SKIPPED if total.skipped else EXIT_OK


def _articles(args: argparse.Namespace, published: str | None) -> Iterator:
    """Articles from the inputs (files, folders, JSONL, WARC, feed URLs) and every --feed."""
    from .sources import read_sources
    from .sources.feeds import read_feed

    yield from read_sources(args.inputs, published)
    for feed in args.feed:
        yield from read_feed(feed, published)


class _NoProgress:
    def update(self, n: int) -> None:
        pass

    def write(self, text: str) -> None:
        print(text, file=sys.stderr)

    def close(self) -> None:
        pass


def _progress():
    """A progress bar on stderr when it is a terminal; nothing otherwise."""
    if not sys.stderr.isatty():
        return _NoProgress()
    from tqdm import tqdm

    return tqdm(unit=" articles", file=sys.stderr, dynamic_ncols=True, desc="ingest")


def say_summary(total: AddReport) -> None:
    dups = len(total.near_duplicates)
    print(f"strife: {len(total.stored)} article(s) stored ({dups} near-duplicate), "
          f"{len(total.already_stored)} already stored; {total.new_events} new event(s), "
          f"{total.merged_events} merged into events already reported", file=sys.stderr)
    if total.skipped:
        print(f"strife: {len(total.skipped)} input(s) skipped", file=sys.stderr)


# --- serve --------------------------------------------------------------------------------

def _serve(args: argparse.Namespace) -> int:
    import uvicorn

    from .api import TOKEN_ENV, create_app
    from .store import Store

    store = Store(args.db)
    app = create_app(store)
    if not app.state.token:
        print(f"strife: writes disabled (set {TOKEN_ENV} to allow POST /api/articles)", file=sys.stderr)
    try:
        uvicorn.run(app, host=args.host, port=args.port, log_level="info")
    finally:
        store.close()
    return EXIT_OK


# --- export -------------------------------------------------------------------------------

def _export(args: argparse.Namespace) -> int:
    from .store import EventFilter, Store

    flt = EventFilter.parse(**{name: getattr(args, name) for name, _ in FILTERS})
    if args.format == "parquet" and args.output == "-":
        raise UsageError("parquet is binary: write it to a file with -o FILE")
    with Store(args.db) as store:
        events = store.events(flt)
    body = _formatted(args.format, events)
    _write(args.output, body)
    print(f"strife: {len(events)} event(s) written to {args.output}", file=sys.stderr)
    return EXIT_OK


def _formatted(fmt: str, events: list) -> str | bytes:
    from . import export, export_files

    if fmt == "csv":
        return export.to_csv(events)
    if fmt == "geojson":
        return export_files.to_geojson(events)
    return export_files.to_parquet(events)


def _write(output: str, body: str | bytes) -> None:
    if output == "-":
        sys.stdout.write(body)
        return
    try:
        if isinstance(body, bytes):
            Path(output).write_bytes(body)
        else:
            Path(output).write_text(body, encoding="utf-8")
    except OSError as exc:
        raise UsageError(f"cannot write {output}: {exc.strerror}") from exc
