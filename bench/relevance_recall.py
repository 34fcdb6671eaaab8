"""Recall and rejection of the relevance pre-filter (strife.relevance).

    .venv/bin/python bench/relevance_recall.py [--dev ../shared/data/dev] [--pipeline 1500] [--misses 20]

Prints, for each dev set, the share of rows the filter keeps (every ACLED row is a gold
event, so that share is its recall there; the UCDP "texts" are source headlines, some of
them only a date or a name; PLOVER covers cooperation as well as conflict, so it is split
into conflict types and the rest); then the share of non-conflict text it rejects, on
generated articles (bench/newsgen.py) and on MEANTIME's economic news (timex dev set);
and with --pipeline N, the events the filter would lose: of N rows per set on which the
full pipeline finds an event, how many the filter drops. The lexicon was written while
looking at rows it missed anywhere in acled_dev, so these are development figures; the
even/odd split only shows how stable they are, it is no held-out test.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent / "src")]

from newsgen import nonconflict_articles  # noqa: E402
from strife.relevance import is_relevant, relevance  # noqa: E402

PLOVER_CONFLICT = {"ASSAULT", "PROTEST", "COERCE", "MOBILIZE"}


def _rows(dev: Path, name: str) -> list[dict]:
    with open(dev / f"{name}_dev.jsonl", encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def _share(rows: list[dict]) -> tuple[float, int, int]:
    kept = sum(is_relevant(r["text"]) for r in rows)
    return (kept / len(rows) if rows else float("nan")), kept, len(rows)


def _line(label: str, rows: list[dict]) -> None:
    share, kept, n = _share(rows)
    print(f"  {label:<46} kept {kept:>6}/{n:<6} = {share:.4f}")


def report_recall(dev: Path, misses: int) -> None:
    print("recall (share of rows kept)")
    acled = _rows(dev, "acled")
    _line("acled_dev, all rows", acled)
    _line("acled_dev, even rows", acled[0::2])
    _line("acled_dev, odd rows", acled[1::2])
    by_type = Counter()
    kept_type = Counter()
    for r in acled:
        key = r["gold"]["event_type"]
        by_type[key] += 1
        kept_type[key] += is_relevant(r["text"])
    for key in sorted(by_type):
        print(f"    {key:<44} {kept_type[key] / by_type[key]:.4f} of {by_type[key]}")
    ucdp = _rows(dev, "ucdp")
    _line("ucdp_dev (source headlines), all rows", ucdp)
    # A headline that is only a date, a name or a report title carries no event words at all.
    _line("ucdp_dev, English headlines of 5+ words", [r for r in ucdp if _english_sentence(r["text"])])
    plover = _rows(dev, "plover")
    _line("plover_dev, conflict types " + "/".join(sorted(PLOVER_CONFLICT)),
          [r for r in plover if r["gold"]["plover_type"] in PLOVER_CONFLICT])
    _line("plover_dev, other types (cooperation, ...)",
          [r for r in plover if r["gold"]["plover_type"] not in PLOVER_CONFLICT])
    if misses:
        print(f"\nfirst {misses} ACLED rows dropped:")
        dropped = [r for r in acled if not is_relevant(r["text"])]
        for r in dropped[:misses]:
            print(f"  {r['gold']['sub_event_type']:<32} {r['text'][:150]!r}")


def _english_sentence(text: str) -> bool:
    words = text.split()
    return len(words) >= 5 and sum(w.lower() in {"the", "in", "of", "and", "to", "a", "on", "at", "by"}
                                   for w in words) >= 1


def report_rejection(dev: Path) -> None:
    print("\nrejection of non-conflict text (share dropped)")
    generated = nonconflict_articles(2000, seed=7)
    by_topic: dict[str, list[bool]] = {}
    for a in generated:
        by_topic.setdefault(a["id"].split("-")[1], []).append(not is_relevant(a["text"]))
    total = sum(sum(v) for v in by_topic.values())
    print(f"  generated non-conflict articles (bench/newsgen.py)  dropped {total}/{len(generated)}"
          f" = {total / len(generated):.4f}")
    for topic, verdicts in sorted(by_topic.items()):
        print(f"    {topic:<12} {sum(verdicts) / len(verdicts):.3f} of {len(verdicts)}")
    meantime = _rows(dev, "timex_meantime")
    dropped = sum(not is_relevant(r["text"]) for r in meantime)
    print(f"  MEANTIME Wikinews economy articles (mostly non-conflict) dropped {dropped}/{len(meantime)}"
          f" = {dropped / len(meantime):.4f}")
    text = "\n\n".join(a["text"] for a in generated)
    start = time.perf_counter()
    for a in generated:
        relevance(a["text"])
    seconds = time.perf_counter() - start
    print(f"  speed: {len(generated) / seconds:,.0f} articles/s, {len(text.split()) / seconds:,.0f} words/s")


def report_event_loss(dev: Path, limit: int) -> None:
    """Rows on which the full pipeline finds events but the filter drops the article."""
    from strife.pipeline import Pipeline
    from strife.record import Article

    pipeline = Pipeline()
    print(f"\nevents lost (full pipeline on up to {limit} rows per set, no filter)")
    for name in ("acled", "ucdp", "plover"):
        rows = _rows(dev, name)
        step = max(1, len(rows) // limit)
        rows = rows[::step][:limit]
        with_events = lost = lost_events = 0
        for r in rows:
            events = pipeline.process(Article(id=r["id"], text=r["text"], published=r.get("published"))).events
            if events:
                with_events += 1
                if not is_relevant(r["text"]):
                    lost += 1
                    lost_events += len(events)
        print(f"  {name:<7} rows with events {with_events:>5}; dropped by the filter {lost}"
              f" ({lost_events} events); kept {1 - lost / max(1, with_events):.4f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--dev", type=Path, default=HERE.parent.parent / "shared" / "data" / "dev")
    parser.add_argument("--pipeline", type=int, default=0, metavar="N",
                        help="also run the full pipeline on N rows per set and count lost events")
    parser.add_argument("--misses", type=int, default=0, help="print this many dropped ACLED rows")
    args = parser.parse_args()
    if not (args.dev / "acled_dev.jsonl").exists():
        sys.exit(f"no dev data in {args.dev} (pass --dev)")
    report_recall(args.dev, args.misses)
    report_rejection(args.dev)
    if args.pipeline:
        report_event_loss(args.dev, args.pipeline)


if __name__ == "__main__":
    main()
