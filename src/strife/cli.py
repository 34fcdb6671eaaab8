"""The command line: `strife extract|clean|geoparse|timex|eval|train` (and the store and batch commands).

The only place (with the HTTP API) where errors become messages and exit codes:
0 all good, 1 some articles were skipped (each reported on stderr with its id and reason),
2 usage errors (bad arguments, unknown date formats, unreadable files in a single-file run).
"""
from __future__ import annotations

import argparse
import os
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import Iterable

from . import cli_batch, cli_store, cli_train, cli_watch, export
from .articles import parse_published, read_inputs
from .cli_messages import VERBOSE_HELP, say_skipped
from .errors import BadInputError, StrifeError, UsageError

EXIT_OK, EXIT_SKIPPED, EXIT_USAGE = 0, 1, 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="strife", description="Conflict event data from news reports.")
    sub = parser.add_subparsers(dest="command", required=True)

    def inputs_command(name: str, help_text: str, formats: list[str]) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_text, description=help_text)
        p.add_argument("inputs", nargs="+", metavar="INPUT", help=".txt/.html files, folders, JSONL files or - for stdin")
        p.add_argument("--published", help="publication date for articles that give none (YYYY-MM-DD)")
        p.add_argument("--format", choices=formats, default=formats[0])
        p.add_argument("-o", "--output", help="write here instead of standard output")
        p.add_argument("-v", "--verbose", action="store_true", help=VERBOSE_HELP)
        return p

    extract = inputs_command("extract", "Event records from articles (SCHEMA.md).", ["jsonl", "json", "csv", "table"])
    extract.add_argument("--prefilter", action="store_true",
                         help="skip articles with no conflict words (as `strife batch` does)")
    add_model_option(extract)
    inputs_command("clean", "Article bodies with boilerplate removed.", ["jsonl", "json"])
    inputs_command("geoparse", "Places named in articles, resolved to coordinates.", ["jsonl", "json"])
    inputs_command("timex", "Time expressions in articles, resolved to calendar values.", ["jsonl", "json"])
    ev = sub.add_parser("eval", help="Score the pipeline on a gold file from the dev data.")
    ev.add_argument("gold", metavar="GOLD.jsonl")
    ev.add_argument("--limit", type=int, default=None, help="score only the first N rows (spread evenly)")
    ev.add_argument("--json", dest="json_out", help="also write the metrics as JSON to this file")
    add_model_option(ev)
    cli_store.add_commands(sub)
    cli_batch.add_commands(sub)
    cli_train.add_commands(sub)
    cli_watch.add_commands(sub)
    for name in ("ingest", "batch", "watch"):
        add_model_option(sub.choices[name])
    return parser


MODEL_HELP = ("event model folder from `strife train` (default: the STRIFE_MODEL_DIR setting, else the model "
              "trained on the team corpus; 'rules' for the rules alone)")


def add_model_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("--model", dest="model_dir", metavar="MODEL_DIR", help=MODEL_HELP)


@contextmanager
def model_setting(model_dir: str | None):
    """The --model folder as the `model_dir` setting while a command runs (batch workers and
    every Pipeline read the setting), then the setting as it was."""
    if not model_dir:
        yield
        return
    before = os.environ.get("STRIFE_MODEL_DIR")
    os.environ["STRIFE_MODEL_DIR"] = model_dir
    try:
        yield
    finally:
        if before is None:
            os.environ.pop("STRIFE_MODEL_DIR", None)
        else:
            os.environ["STRIFE_MODEL_DIR"] = before


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        with model_setting(getattr(args, "model_dir", None)):
            return _run(args)
    except UsageError as exc:
        print(f"strife: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except StrifeError as exc:
        print(f"strife: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except BrokenPipeError:
        return EXIT_OK


def _run(args: argparse.Namespace) -> int:
    if args.command == "eval":
        from .evaluation.run import run_eval
        return run_eval(args.gold, args.limit, args.json_out)
    for module in (cli_store, cli_batch, cli_train, cli_watch):
        if args.command in module.COMMANDS:
            return module.run(args)
    published = parse_published(args.published) if args.published else None
    return _run_inputs(args, published)


def _run_inputs(args: argparse.Namespace, published: str | None) -> int:
    from .pipeline import Pipeline

    pipeline = Pipeline(prefilter=getattr(args, "prefilter", False))
    items = read_inputs(args.inputs, published)
    records, events, skipped = [], [], 0
    results: Iterable = {
        "extract": lambda: pipeline.run_batch(items),
        "clean": lambda: (r if isinstance(r, BadInputError) else r.to_dict() for r in pipeline.run_clean(items)),
    }.get(args.command, lambda: _stage_results(pipeline, args.command, items))()
    for result in results:
        if isinstance(result, BadInputError):
            skipped += 1
            say_skipped(result, args.verbose)
            continue
        if args.command == "extract":
            records.extend(e.to_dict() for e in result.events)
            events.extend(result.events)
        else:
            records.append(result)
    _write(args, records, events)
    if skipped:
        print(f"strife: {skipped} input(s) skipped", file=sys.stderr)
        return EXIT_SKIPPED
    return EXIT_OK


def _stage_results(pipeline, command: str, items: Iterable) -> Iterable[dict | BadInputError]:
    """geoparse/timex run on the text as given (offsets point into it), not the clean text."""
    from .pipeline import isolate

    for item in items:
        if isinstance(item, BadInputError):
            yield item
            continue
        try:
            yield isolate(item.id, command, lambda: _stage_record(pipeline, command, item))
        except BadInputError as exc:
            yield exc


def _stage_record(pipeline, command: str, item) -> dict:
    text = item.text if item.text is not None else pipeline.clean(item).text
    if command == "geoparse":
        return {"article_id": item.id, "places": [_place_record(p) for p in pipeline.places(text)]}
    return {"article_id": item.id, "times": [
        {"text": t.text, "start": t.start, "end": t.end, "value": t.value, "precision": t.precision}
        for t in pipeline.times(text, item.published)]}


def _place_record(p) -> dict:
    g = p.place
    return {"text": p.text, "start": p.start, "end": p.end, "name": g.name if g else None,
            "geonameid": g.geonameid if g else None, "latitude": g.latitude if g else None,
            "longitude": g.longitude if g else None, "country": g.country if g else None,
            "iso3": g.iso3 if g else None, "feature": g.feature if g else None, "role": p.role}


def _write(args: argparse.Namespace, records: list[dict], events: list) -> None:
    fmt = args.format
    if fmt == "table":
        text = export.to_table(events)
    elif fmt == "csv":
        text = export.to_csv(events)
    elif fmt == "json":
        text = export.to_json(records)
    else:
        text = export.to_jsonl(records)
    if args.output:
        try:
            Path(args.output).write_text(text, encoding="utf-8")
        except OSError as exc:
            raise UsageError(f"cannot write {args.output}: {exc.strerror}") from exc
    else:
        sys.stdout.write(text)


if __name__ == "__main__":
    sys.exit(main())
