"""Throughput of strife against bare spaCy parsing of the same text, in the same run.

    .venv/bin/python bench/throughput.py [--mix 1000] [--conflict 150] [--no-spark]

Two corpora, both generated here (bench/newsgen.py) plus the conflict samples in
samples/articles.jsonl:
- a realistic mix, 80% non-conflict news (business, sport, weather, science, ...),
  20% conflict reports;
- conflict reports only.

For each it prints articles/s for:
- bare spaCy: `nlp.pipe` over the clean text of every article with the same model, one
  process (the floor a spaCy-based pipeline cannot beat);
- the extract path (`strife extract`: every article parsed) and `strife extract --prefilter`,
  one process, pipeline already loaded;
- `strife batch --engine local` and `--engine spark` with 1 and 2 workers (wall clock from
  the call to the last file written, so it includes starting the workers and loading the
  pipeline in each; the same run on one article is printed as the start-up cost).
Targets: conflict-only full pipeline at most 1.5x bare parsing time; the realistic mix at
least 3x the throughput of parsing every article. This is a benchmark, not a test: run it
on a quiet machine (2 cores here).
"""
from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent / "src")]

from newsgen import conflict_articles, realistic_mix  # noqa: E402

SAMPLES = HERE.parent / "samples" / "articles.jsonl"


def sample_conflict() -> list[dict]:
    rows = [json.loads(line) for line in SAMPLES.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [r for r in rows if not r["id"].startswith(("no-event", "hypothetical"))]


def corpora(n_mix: int, n_conflict: int) -> dict[str, list[dict]]:
    samples = sample_conflict()
    conflict = (samples + conflict_articles(max(0, n_conflict - len(samples)), seed=11))[:n_conflict]
    return {"realistic mix (80% non-conflict)": realistic_mix(n_mix, 0.2, seed=5, extra_conflict=samples),
            "conflict only": conflict}


def to_articles(rows: list[dict]):
    from strife.articles import article_from_json

    return [article_from_json(r, r["id"]) for r in rows]


def timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def bench_single_process(rows: list[dict], pipeline, filtered, bare) -> dict[str, float]:
    articles = to_articles(rows)
    texts = [pipeline.clean(a).text for a in articles]
    words = sum(len(t.split()) for t in texts)
    return {
        "words": words,
        "bare spaCy nlp.pipe (every article)": timed(lambda: list(bare.pipe(texts, batch_size=32))),
        "extract (every article parsed)": timed(lambda: list(pipeline.run_batch(articles))),
        "extract --prefilter": timed(lambda: list(filtered.run_batch(articles))),
    }


def bench_batch(rows: list[dict], engine: str, workers: int, work: Path) -> float:
    from strife.articles import read_inputs
    from strife.batch import BatchOptions, run_batch

    source = work / "input.jsonl"
    source.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    outdir = work / f"out-{engine}-{workers}"
    shutil.rmtree(outdir, ignore_errors=True)
    size = max(1, min(100, len(rows) // (4 * workers)))
    options = BatchOptions(outdir=str(outdir), engine=engine, workers=workers, partition_size=size)
    return timed(lambda: run_batch(read_inputs([str(source)]), options))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--mix", type=int, default=1000, help="articles in the realistic mix")
    parser.add_argument("--conflict", type=int, default=150, help="articles in the conflict-only corpus")
    parser.add_argument("--no-spark", action="store_true", help="skip the Spark engine")
    args = parser.parse_args()

    import spacy

    from strife import config
    from strife.pipeline import Pipeline

    load = time.perf_counter()
    pipeline = Pipeline()
    filtered = Pipeline(prefilter=True)
    bare = spacy.load(config.get("model"))
    print(f"model {config.get('model')}; pipelines loaded in {time.perf_counter() - load:.1f} s\n")

    engines = [("local", 1), ("local", 2)] + ([] if args.no_spark else [("spark", 1), ("spark", 2)])
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        # Start-up: the same run on one article per worker. The first Spark run also starts
        # the JVM, which later runs in this process reuse.
        startup = {}
        for engine, workers in engines:
            startup[(engine, workers)] = bench_batch(sample_conflict()[:workers], engine, workers, work)
        for name, rows in corpora(args.mix, args.conflict).items():
            # warm-up, so the first timed run pays no first-call costs
            bench_single_process(rows[:10], pipeline, filtered, bare)
            single = bench_single_process(rows, pipeline, filtered, bare)
            n, words = len(rows), single.pop("words")
            bare_s = single["bare spaCy nlp.pipe (every article)"]
            print(f"== {name}: {n} articles, {words:,} words ({words / n:.0f} per article)")
            print(f"  {'path':<44} {'articles/s':>10} {'words/s':>9} {'time / bare':>11}")
            for label, seconds in single.items():
                print(f"  {label:<44} {n / seconds:>10.1f} {words / seconds:>9,.0f} {seconds / bare_s:>10.2f}x")
            batch = {}
            for engine, workers in engines:
                seconds = bench_batch(rows, engine, workers, work)
                batch[(engine, workers)] = seconds
                label = f"batch --engine {engine} --workers {workers} (wall)"
                print(f"  {label:<44} {n / seconds:>10.1f} {words / seconds:>9,.0f} {seconds / bare_s:>10.2f}x"
                      f"   start-up {startup[(engine, workers)]:.1f} s")
            for engine in ("local", "spark"):
                if (engine, 2) in batch:
                    wall = batch[(engine, 1)] / batch[(engine, 2)]
                    net1 = batch[(engine, 1)] - startup[(engine, 1)]
                    net2 = batch[(engine, 2)] - startup[(engine, 2)]
                    net = net1 / net2 if net2 > 0 else float("nan")
                    print(f"  speed-up 1 -> 2 workers, {engine}: {wall:.2f}x wall clock, {net:.2f}x without start-up")
            extract_s = single["extract (every article parsed)"]
            pre_s = single["extract --prefilter"]
            print(f"  strife time / bare spaCy parse: extract {extract_s / bare_s:.2f}x, "
                  f"extract --prefilter {pre_s / bare_s:.2f}x")
            print(f"  throughput vs parsing every article: extract --prefilter {bare_s / pre_s:.2f}x, "
                  f"best batch {bare_s / min(batch.values()):.2f}x\n" if batch else "")
    print("targets: conflict only, extract / bare <= 1.5x; realistic mix, throughput >= 3x parsing every article")


if __name__ == "__main__":
    main()
