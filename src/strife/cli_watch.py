"""The watch command: keep a store current from feeds and folders (monitor.py does the work).

    strife watch https://news.example.org/rss.xml feeds.txt inbox/ --db strife.db --every 15m
    strife watch feeds.txt --once --alert 'country=SDN&min_fatalities=1=https://hooks.example/x'

Each cycle logs one line on stderr (sources polled, new articles, new events, merged,
errors) and one indented line per problem. SIGINT or SIGTERM ends it after the current
step; a kill at any point loses nothing (see monitor.py).
"""
from __future__ import annotations

import argparse
import re
import signal
import sys

from .cli_store import DB_HELP
from .errors import UsageError

COMMANDS = {"watch"}
EXIT_OK = 0
_UNITS = {"s": 1, "m": 60, "h": 3600}


def add_commands(sub) -> None:
    p = sub.add_parser("watch", help="Poll feeds and folders every few minutes and keep a store current.",
                       description="Poll RSS/Atom feeds (URLs or files), files listing feed URLs and folders of "
                                   "articles; ingest what is new, merge events, send alerts. Killed and "
                                   "restarted, it resumes without duplicating anything.")
    p.add_argument("sources", nargs="+", metavar="SOURCE",
                   help="a feed URL, a feed file (.rss/.atom/.xml), a folder of .html/.txt/.jsonl files, "
                        "or a file of feed URLs (one per line)")
    p.add_argument("--db", help=DB_HELP)
    p.add_argument("--every", default="15m", type=duration, help="time between cycles: 5s, 15m, 1h (default 15m)")
    p.add_argument("--once", action="store_true", help="run one cycle and stop")
    p.add_argument("--alert", action="append", default=[], metavar="FILTER=URL",
                   help="POST each new event matching FILTER (API filters, e.g. country=SDN&min_fatalities=1) "
                        "as JSON to URL (repeatable)")
    p.add_argument("--alert-file", action="append", default=[], metavar="[FILTER=]PATH",
                   help="append each new (matching) event to PATH as a JSON line (repeatable)")
    p.add_argument("--delay", type=float, default=1.0, help="seconds between two requests to one host (default 1)")
    p.add_argument("--timeout", type=float, default=10.0, help="seconds before a request is given up (default 10)")
    p.add_argument("--max-bytes", type=int, default=20_000_000, help="largest feed or page read (default 20 MB)")
    p.add_argument("--published", help="publication date for articles that give none (YYYY-MM-DD)")
    p.add_argument("--batch-size", type=int, default=50, help="articles per transaction (default 50)")


def duration(text: str) -> float:
    """Seconds in '5s', '15m', '1h' (or a plain number of seconds)."""
    match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([smh]?)\s*", text)
    if not match or float(match.group(1)) <= 0:
        raise argparse.ArgumentTypeError(f"{text!r} is not a duration: write 5s, 15m or 1h")
    return float(match.group(1)) * _UNITS[match.group(2) or "s"]


def run(args: argparse.Namespace) -> int:
    from .alerts import Sender, parse_alert
    from .articles import parse_published
    from .monitor import Watcher, WatchOptions
    from .pipeline import Pipeline
    from .sources.feeds import PoliteClient
    from .store import Store

    if args.batch_size < 1 or args.max_bytes < 1 or args.delay < 0 or args.timeout <= 0:
        raise UsageError("--batch-size and --max-bytes must be 1 or more, --delay 0 or more, --timeout above 0")
    alerts = [parse_alert(a, "webhook") for a in args.alert] + [parse_alert(a, "file") for a in args.alert_file]
    options = WatchOptions(batch_size=args.batch_size, backoff_base=args.every / 2,  # retried next cycle first
                           published=parse_published(args.published) if args.published else None)
    stopping = _stop_on_signals()
    store = Store(args.db)
    client = PoliteClient(timeout=args.timeout, min_interval=args.delay, max_bytes=args.max_bytes)
    sender = Sender(timeout=args.timeout)
    try:
        watcher = Watcher(args.sources, store, Pipeline(), client, alerts, sender, options, log=_log)
        watcher.run(args.every, once=args.once, stop=lambda: stopping["now"])
    finally:
        sender.close()
        client.close()
        store.close()
    return EXIT_OK


def _log(line: str) -> None:
    print(f"strife watch: {line}" if not line.startswith("  ") else line, file=sys.stderr, flush=True)


def _stop_on_signals() -> dict[str, bool]:
    """A flag SIGINT/SIGTERM set: the watch stops after the step it is in."""
    flag = {"now": False}

    def stop(signum, frame) -> None:
        if flag["now"]:
            raise KeyboardInterrupt   # a second signal: stop at once (transactions roll back)
        flag["now"] = True

    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, stop)
    return flag
