"""The train command: `strife train CODED... -o MODEL_DIR` fits an event model from a team's
own coded events (ACLED export CSV or gold JSONL), so strife learns that team's codebook."""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from collections import Counter

from .cli_messages import VERBOSE_HELP, say_skipped

COMMANDS = {"train"}
EXIT_OK, EXIT_SKIPPED = 0, 1


def add_commands(sub) -> None:
    p = sub.add_parser("train", help="Fit an event model from coded events (ACLED CSV or gold JSONL).",
                       description="Fit an event model from coded events: ACLED's export CSV (notes, event_type, "
                                   "sub_event_type, country...) or strife's gold JSONL. Use it with "
                                   "`strife extract|ingest|batch|eval --model MODEL_DIR` or STRIFE_MODEL_DIR.")
    p.add_argument("coded", nargs="+", metavar="CODED", help="ACLED export .csv files or gold .jsonl files")
    p.add_argument("-o", "--output", required=True, metavar="MODEL_DIR", help="folder to write the model to")
    p.add_argument("--with-default", action="store_true", help="add the team corpus the default model learns from")
    p.add_argument("--holdout-by", choices=["country", "random"],
                   help="first train without a part of the rows and report accuracy on that part")
    p.add_argument("--holdout-share", type=float, default=0.2, help="share of rows held out (default 0.2)")
    p.add_argument("-v", "--verbose", action="store_true", help=VERBOSE_HELP)


class Progress:
    """A progress line on stderr: rewritten in place on a terminal, every 10% otherwise."""

    def __init__(self, what: str, total: int):
        self.what, self.total, self.started, self.shown = what, total, time.monotonic(), -1
        self.tty = sys.stderr.isatty()

    def __call__(self, done: int) -> None:
        step = done * 10 // max(self.total, 1)
        if not self.tty and step == self.shown and done != self.total:
            return
        self.shown = step
        rate = done / max(time.monotonic() - self.started, 1e-6)
        bar = "#" * (done * 30 // max(self.total, 1))
        end = "\r" if self.tty and done < self.total else "\n"
        print(f"{self.what} [{bar:<30}] {done}/{self.total} ({rate:.0f}/s)", end=end, file=sys.stderr, flush=True)


def run(args: argparse.Namespace) -> int:
    from .actor_names import trained_actor_list
    from .errors import UsageError
    from .event_training import holdout, predict, read_coded, report, team_corpus, train
    from .nlp import build_nlp

    rows, skipped = read_coded(args.coded)
    for error in skipped:
        say_skipped(error, args.verbose)
    if skipped:
        print(f"strife: {len(skipped)} coded row(s) left out", file=sys.stderr)
    if not rows:
        raise UsageError("no usable coded rows to train on")
    description = f"{len(rows)} coded rows from {', '.join(args.coded)}"
    if args.with_default:
        corpus = team_corpus()
        rows = rows + corpus
        description += f", plus the strife team corpus ({len(corpus)} texts)"
    nlp = build_nlp(None)
    if args.holdout_by:
        fit_rows, test_rows = holdout(rows, args.holdout_by, args.holdout_share)
        if not test_rows or not fit_rows:
            raise UsageError("--holdout-by: nothing left to hold out or to train on")
        print(f"strife: training on {len(fit_rows)} rows, holding out {len(test_rows)}", file=sys.stderr)
        model = train(nlp, fit_rows, description, progress=Progress("reading", len(fit_rows)))
        result = report([r.label for r in test_rows], predict(nlp, model, test_rows))
        print("\n".join(result.lines()))
    labels = Counter(r.label for r in rows)
    print(f"strife: training on all {len(rows)} rows ({len(labels)} labels)", file=sys.stderr)
    model = train(nlp, rows, description, progress=Progress("reading", len(rows)))
    folder = model.save(args.output)
    print(f"model written to {folder}: {model.meta['examples']} examples, {len(labels)} labels")
    actor_text, named = trained_actor_list(pair for row in rows for pair in row.actors)
    actor_file = Path(folder) / "actors.tsv"
    if named:
        actor_file.write_text(actor_text, encoding="utf-8")
        print(f"{named} actor name(s) from the coded rows written to {actor_file}")
    elif actor_file.exists():
        actor_file.unlink()   # a list from an earlier training would name actors these rows do not
    return EXIT_SKIPPED if skipped else EXIT_OK
