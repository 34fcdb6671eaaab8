"""The batch command: `strife batch INPUT... --engine local|spark -o OUTDIR`.

    strife batch INPUT... -o OUTDIR [--engine local|spark] [--workers N] [--master URL]
                 [--partition-size N] [--published DATE] [--no-prefilter]

Writes Parquet (events, articles) and events.jsonl to OUTDIR (see strife.batch). Run the
same command again after an interruption and it resumes: finished partitions are not redone.
Exit codes as for the rest of the CLI: 0 all good, 1 some articles skipped (each reported
on stderr and in OUTDIR/skipped.jsonl), 2 usage errors, 130 interrupted.
"""
from __future__ import annotations

import argparse
import sys
from datetime import timedelta
from typing import TextIO

from .articles import parse_published
from .batch import ENGINES, MANIFEST, BatchOptions, Progress, read_manifest, run_batch
from .cli_messages import VERBOSE_HELP, skipped_line
from .sources import read_sources

COMMANDS = ("batch",)
EXIT_OK, EXIT_SKIPPED, EXIT_INTERRUPTED = 0, 1, 130


def add_commands(sub: argparse._SubParsersAction) -> None:
    """Add `batch` to the `strife` parser's subcommands."""
    p = sub.add_parser("batch", help="Extract events from many articles on a process pool or Spark.",
                       description="Run the pipeline over many articles in partitions; write Parquet "
                                   "(events, articles) and events.jsonl to OUTDIR. Rerun to resume.")
    p.add_argument("inputs", nargs="+", metavar="INPUT",
                   help=".txt/.html files, folders, JSONL files, - for stdin, RSS/Atom feeds (URL or file), .warc(.gz)")
    p.add_argument("-o", "--output", required=True, metavar="OUTDIR", help="folder for the results and the manifest")
    p.add_argument("--engine", choices=ENGINES, default="local", help="local process pool (default) or Apache Spark")
    p.add_argument("--workers", type=int, default=2, help="worker processes, or Spark's local[N] (default 2)")
    p.add_argument("--master", help="Spark master URL (default local[WORKERS])")
    p.add_argument("--partition-size", type=int, default=100, help="articles per partition (default 100)")
    p.add_argument("--published", help="publication date for articles that give none (YYYY-MM-DD)")
    p.add_argument("-v", "--verbose", action="store_true", help=VERBOSE_HELP)
    p.add_argument("--no-prefilter", dest="prefilter", action="store_false",
                   help="parse every article, even those with no conflict words")


def run(args: argparse.Namespace) -> int:
    published = parse_published(args.published) if args.published else None
    options = BatchOptions(outdir=args.output, engine=args.engine, workers=args.workers,
                           partition_size=args.partition_size, prefilter=args.prefilter, master=args.master)
    meter = ProgressLine(sys.stderr) if sys.stderr.isatty() else None
    try:
        report = run_batch(read_sources(args.inputs, published), options, meter)
    except KeyboardInterrupt:
        if meter:
            meter.close()
        finished = len(read_manifest_safe(args.output))
        print(f"strife: interrupted; {finished} finished partition(s) are kept in {args.output}/{MANIFEST}: "
              f"run the same command again to resume", file=sys.stderr)
        return EXIT_INTERRUPTED
    if meter:
        meter.close()
    for item, reason, *detail in report.skipped:
        print(skipped_line(item, reason, detail[0] if detail else None, args.verbose), file=sys.stderr)
    resumed = f", {report.resumed} of {report.partitions} partitions from an earlier run" if report.resumed else ""
    print(f"strife: {report.articles} articles, {report.events} events in {report.seconds:.1f} s{resumed}"
          f" -> {args.output}/events.jsonl, events/, articles/", file=sys.stderr)
    if report.skipped:
        print(f"strife: {len(report.skipped)} input(s) skipped", file=sys.stderr)
        return EXIT_SKIPPED
    return EXIT_OK


def read_manifest_safe(outdir: str) -> dict:
    from pathlib import Path

    try:
        return read_manifest(Path(outdir))
    except OSError:
        return {}


class ProgressLine:
    """One self-rewriting line on a terminal: partitions, articles, rate and ETA."""

    def __init__(self, stream: TextIO):
        self.stream = stream
        self.width = 0

    def __call__(self, p: Progress) -> None:
        eta = "?" if p.eta is None else str(timedelta(seconds=round(p.eta)))
        text = (f"strife batch: {p.partitions_done}/{p.partitions_total} partitions, "
                f"{p.articles_done}/{p.articles_total} articles, {p.rate:.1f} articles/s, ETA {eta}")
        self.stream.write("\r" + text.ljust(self.width))
        self.stream.flush()
        self.width = len(text)

    def close(self) -> None:
        if self.width:
            self.stream.write("\n")
            self.stream.flush()
