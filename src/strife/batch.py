"""Batch runs at scale: the pipeline over many articles on a process pool or Apache Spark.

    run_batch(read_inputs(paths), BatchOptions(outdir="out", engine="local", workers=2))

The input is cut into numbered partitions of `partition_size` articles, in input order.
Each partition is one pure job, `run_partition`, that loads the pipeline once per worker
process, runs it with the relevance pre-filter, and writes its own files:

    OUTDIR/events/part-00003.parquet     events (SCHEMA.md records; nested columns)
    OUTDIR/articles/part-00003.parquet   one row per article read
    OUTDIR/jsonl/part-00003.jsonl        the same events as `strife extract` writes them
    OUTDIR/manifest.jsonl                one line per finished partition (appended last)

A partition is finished when its line is in the manifest; the line carries a digest of the
partition's articles and of the settings, so a restarted run skips exactly the partitions
that are done with the same input and redoes the rest. At the end the parts are joined into
OUTDIR/events.jsonl (byte for byte what `strife extract --prefilter` prints for the same
input) and OUTDIR/skipped.jsonl (articles that could not be read, with the reason).

Engines: "local" is a process pool; "spark" runs the same partition job with pyspark's
`mapPartitions` (local[N] by default, driver bound to 127.0.0.1, UI off), one Spark
partition per strife partition. Both give the same files.
"""
from __future__ import annotations

import hashlib
import json
import os
import sys
import threading
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator

from . import config
from .errors import BadInputError, UsageError
from .record import Article

ENGINES = ("local", "spark")
MANIFEST = "manifest.jsonl"
FORMAT_VERSION = 1


@dataclass(frozen=True)
class BatchOptions:
    outdir: str
    engine: str = "local"
    workers: int = 2
    partition_size: int = 100
    prefilter: bool = True
    master: str | None = None      # Spark master URL; default local[workers]
    model: str | None = None       # spaCy pipeline; default the `model` setting


@dataclass(frozen=True)
class Partition:
    """A numbered slice of the input: articles, and read errors kept in their place."""

    index: int
    items: tuple[Article | tuple[str, str], ...]   # (item, reason) for an input that could not be read
    digest: str

    @property
    def size(self) -> int:
        return len(self.items)


@dataclass
class PartitionDone:
    """The manifest line of a finished partition."""

    partition: int
    digest: str
    articles: int
    events: int
    skipped: list[list[str]] = field(default_factory=list)   # [item, reason] or [item, reason, traceback]
    seconds: float = 0.0


@dataclass
class BatchReport:
    partitions: int
    resumed: int                   # finished by an earlier run, not redone
    articles: int
    events: int
    skipped: list[list[str]]
    seconds: float


@dataclass(frozen=True)
class Progress:
    partitions_done: int
    partitions_total: int
    articles_done: int
    articles_total: int
    articles_this_run: int         # excludes partitions resumed from an earlier run
    seconds: float

    @property
    def rate(self) -> float:
        return self.articles_this_run / self.seconds if self.seconds > 0 else 0.0

    @property
    def eta(self) -> float | None:
        left = self.articles_total - self.articles_done
        return left / self.rate if self.rate > 0 else None


# ---- planning ------------------------------------------------------------------------------

def plan_partitions(items: Iterable[Article | BadInputError], options: BatchOptions) -> list[Partition]:
    """The input cut into partitions of `options.partition_size` items, in input order."""
    if options.partition_size < 1:
        raise UsageError("--partition-size must be 1 or more")
    settings = json.dumps({"v": FORMAT_VERSION, "prefilter": options.prefilter, "model": options.model,
                           "event_model": config.get("model_dir")})
    parts: list[Partition] = []
    chunk: list[Article | tuple[str, str]] = []

    def close() -> None:
        digest = hashlib.sha256(settings.encode())
        for item in chunk:
            payload = asdict(item) if isinstance(item, Article) else {"error": list(item)}
            digest.update(json.dumps(payload, sort_keys=True, ensure_ascii=False).encode())
        parts.append(Partition(len(parts), tuple(chunk), digest.hexdigest()[:24]))
        chunk.clear()

    for item in items:
        chunk.append((item.item, item.reason) if isinstance(item, BadInputError) else item)
        if len(chunk) == options.partition_size:
            close()
    if chunk:
        close()
    return parts


# ---- the partition job (runs in a worker) ----------------------------------------------------

_PIPELINES: dict[tuple[bool, str | None], object] = {}


def worker_pipeline(prefilter: bool, model: str | None):
    """The pipeline of this worker process, loaded on first use and kept for later partitions."""
    key = (prefilter, model)
    if key not in _PIPELINES:
        from .pipeline import Pipeline

        _PIPELINES[key] = Pipeline(model, prefilter=prefilter)
    return _PIPELINES[key]


def run_partition(part: Partition, outdir: str, prefilter: bool, model: str | None) -> PartitionDone:
    """Run the pipeline over one partition, write its files, then record it in the manifest."""
    from .relevance import is_relevant

    start = time.perf_counter()
    pipeline = worker_pipeline(prefilter, model)
    events: list[dict] = []
    articles: list[dict] = []
    skipped: list[list[str]] = []
    readable = [item for item in part.items if isinstance(item, Article)]
    results = iter(pipeline.run_batch(readable))
    for item in part.items:
        if not isinstance(item, Article):
            skipped.append(list(item))
            continue
        result = next(results)
        if isinstance(result, BadInputError):
            detail = getattr(result, "detail", None)   # an ArticleError's traceback
            skipped.append([result.item, result.reason] + ([detail] if detail else []))
            continue
        records = [e.to_dict() for e in result.events]
        events.extend(records)
        clean = result.article
        articles.append({
            "article_id": clean.id, "title": clean.title, "published": clean.published, "url": clean.url,
            "source": clean.source, "chars": len(clean.text), "events": len(records),
            "relevant": is_relevant(clean.text) if prefilter else None, "partition": part.index,
        })
    write_partition(Path(outdir), part.index, events, articles)
    done = PartitionDone(part.index, part.digest, len(articles), len(events), skipped,
                         round(time.perf_counter() - start, 3))
    _append_manifest(Path(outdir), done)
    return done


def write_partition(outdir: Path, index: int, events: list[dict], articles: list[dict]) -> None:
    """The partition's Parquet and JSONL files, each written whole or not at all."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from .export import to_jsonl

    name = f"part-{index:05d}"
    _atomic_write(outdir / "jsonl" / f"{name}.jsonl", to_jsonl(events).encode("utf-8"))
    for folder, rows, schema in (("events", events, event_schema()), ("articles", articles, article_schema())):
        path = outdir / folder / f"{name}.parquet"
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".tmp{os.getpid()}")
        pq.write_table(pa.Table.from_pylist(rows, schema=schema), tmp)
        os.replace(tmp, path)


def _atomic_write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(f".tmp{os.getpid()}")
    tmp.write_bytes(data)
    os.replace(tmp, path)


def _append_manifest(outdir: Path, done: PartitionDone) -> None:
    # One write() of one line to a file opened for appending: workers never interleave lines.
    line = (json.dumps(asdict(done), ensure_ascii=False) + "\n").encode("utf-8")
    fd = os.open(outdir / MANIFEST, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    try:
        os.write(fd, line)
        os.fsync(fd)
    finally:
        os.close(fd)


def event_schema():
    """Parquet columns of an event: SCHEMA.md's record, nested objects as structs."""
    import pyarrow as pa

    s, i, f = pa.string(), pa.int64(), pa.float64()
    actor = pa.struct([("name", s), ("type", s), ("country", s)])
    return pa.schema([
        ("event_id", s), ("article_id", s), ("event_type", s), ("sub_event_type", s),
        ("plover", pa.struct([("type", s), ("mode", s)])), ("date", s), ("time_precision", i),
        ("actor1", actor), ("actor2", actor),
        ("location", pa.struct([("name", s), ("country", s), ("iso3", s), ("latitude", f), ("longitude", f),
                                ("geo_precision", i), ("geonameid", i), ("admin1", s)])),
        ("fatalities", i), ("fatalities_low", i), ("fatalities_high", i), ("injured", i), ("displaced", i),
        ("arrested", i), ("claimed_by", s), ("evidence", pa.struct([("text", s), ("start", i), ("end", i)])),
        ("confidence", f),
        ("sources", pa.list_(pa.struct([("article_id", s), ("url", s), ("source", s), ("published", s)]))),
    ])


def article_schema():
    import pyarrow as pa

    s = pa.string()
    return pa.schema([("article_id", s), ("title", s), ("published", s), ("url", s), ("source", s),
                      ("chars", pa.int64()), ("events", pa.int64()), ("relevant", pa.bool_()),
                      ("partition", pa.int64())])


# ---- the manifest --------------------------------------------------------------------------

def read_manifest(outdir: Path) -> dict[int, PartitionDone]:
    """Finished partitions by index (the last line wins; a line cut short by a crash is ignored)."""
    path = outdir / MANIFEST
    done: dict[int, PartitionDone] = {}
    if not path.exists():
        return done
    for line in path.read_text(encoding="utf-8").splitlines():
        try:
            entry = PartitionDone(**json.loads(line))
        except (ValueError, TypeError):
            continue
        done[entry.partition] = entry
    return done


def _finished(outdir: Path, part: Partition, done: dict[int, PartitionDone]) -> bool:
    entry = done.get(part.index)
    name = f"part-{part.index:05d}"
    return (entry is not None and entry.digest == part.digest
            and all((outdir / folder / f"{name}{ext}").exists()
                    for folder, ext in (("jsonl", ".jsonl"), ("events", ".parquet"), ("articles", ".parquet"))))


# ---- the run -------------------------------------------------------------------------------

def run_batch(items: Iterable[Article | BadInputError], options: BatchOptions,
              on_progress: Callable[[Progress], None] | None = None) -> BatchReport:
    """Run every unfinished partition with the chosen engine and join the outputs."""
    if options.engine not in ENGINES:
        raise UsageError(f"unknown engine {options.engine!r}: choose one of {', '.join(ENGINES)}")
    if options.workers < 1:
        raise UsageError("--workers must be 1 or more")
    outdir = Path(options.outdir)
    if outdir.exists() and not outdir.is_dir():
        raise UsageError(f"{outdir} exists and is not a folder")
    outdir.mkdir(parents=True, exist_ok=True)
    parts = plan_partitions(items, options)
    done = read_manifest(outdir)
    pending = [p for p in parts if not _finished(outdir, p, done)]
    resumed = len(parts) - len(pending)
    watcher = _Watcher(outdir, parts, {p.index for p in pending}, on_progress)
    start = time.perf_counter()
    watcher.start()
    try:
        if pending:
            run = _run_spark if options.engine == "spark" else _run_local
            run(pending, options, watcher.poll)
    finally:
        watcher.stop()
    return _join(outdir, parts, resumed, time.perf_counter() - start)


class _Watcher:
    """Reports progress from the manifest, which workers of either engine append to."""

    def __init__(self, outdir: Path, parts: list[Partition], pending: set[int],
                 on_progress: Callable[[Progress], None] | None):
        self.outdir, self.parts, self.pending, self.on_progress = outdir, parts, pending, on_progress
        self.sizes = {p.index: p.size for p in parts}
        self.started = time.perf_counter()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()

    def poll(self) -> None:
        if self.on_progress is None:
            return
        with self._lock:
            done = read_manifest(self.outdir)
            ran = [p.index for p in self.parts
                   if p.index in self.pending and p.index in done and done[p.index].digest == p.digest]
            finished = [i for i in self.sizes if i not in self.pending] + ran
            self.on_progress(Progress(
                len(finished), len(self.parts), sum(self.sizes[i] for i in finished),
                sum(self.sizes.values()), sum(self.sizes[i] for i in ran), time.perf_counter() - self.started))

    def start(self) -> None:
        if self.on_progress is None:
            return
        self.poll()

        def loop() -> None:
            while not self._stop.wait(1.0):
                self.poll()

        self._thread = threading.Thread(target=loop, name="strife-batch-progress", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join()
            self.poll()


def _run_local(pending: list[Partition], options: BatchOptions, poll: Callable[[], None]) -> None:
    """A process pool; each worker loads the pipeline once (its initializer) and keeps it."""
    import multiprocessing

    workers = min(options.workers, len(pending))
    context = multiprocessing.get_context("spawn")   # clean workers: no state forked from the caller
    pool = context.Pool(workers, initializer=worker_pipeline, initargs=(options.prefilter, options.model))
    try:
        jobs = [(part, options.outdir, options.prefilter, options.model) for part in pending]
        for _ in pool.imap_unordered(_run_partition_args, jobs):
            poll()
    except BaseException:
        # Interrupted, or a worker failed: finished partitions are in the manifest; stop the rest now.
        pool.terminate()
        raise
    finally:
        pool.close()
        pool.join()


def _run_partition_args(args: tuple) -> PartitionDone:
    return run_partition(*args)


def _run_spark(pending: list[Partition], options: BatchOptions, poll: Callable[[], None]) -> None:
    """pyspark's mapPartitions, one Spark partition per strife partition."""
    from functools import partial

    sc = spark_context(options.master or f"local[{options.workers}]")
    try:
        job = partial(_spark_partition, outdir=str(Path(options.outdir).resolve()),
                      prefilter=options.prefilter, model=options.model)
        sc.parallelize(pending, len(pending)).mapPartitions(job).collect()
    finally:
        sc.stop()


def _spark_partition(parts: Iterator[Partition], outdir: str, prefilter: bool, model: str | None) -> Iterator[dict]:
    for part in parts:
        yield asdict(run_partition(part, outdir, prefilter, model))


def spark_context(master: str):
    """A SparkContext bound to 127.0.0.1 with the UI off, whose Python workers can import strife."""
    try:
        from pyspark import SparkConf, SparkContext
    except ImportError as exc:
        raise UsageError("the spark engine needs pyspark: run `make run` to install the pinned version") from exc
    package_root = str(Path(__file__).resolve().parent.parent)
    path = os.environ.get("PYTHONPATH", "")
    if package_root not in path.split(os.pathsep):
        os.environ["PYTHONPATH"] = os.pathsep.join(p for p in (package_root, path) if p)
    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    conf = (SparkConf().setMaster(master).setAppName("strife-batch")
            .set("spark.driver.host", "127.0.0.1").set("spark.driver.bindAddress", "127.0.0.1")
            .set("spark.ui.enabled", "false").set("spark.ui.showConsoleProgress", "false")
            .set("spark.python.worker.reuse", "true").set("spark.log.level", "ERROR")
            .set("spark.executorEnv.PYTHONPATH", os.environ["PYTHONPATH"]))
    return SparkContext(conf=conf)


def _skipped_record(item: str, reason: str, detail: str | None = None) -> dict:
    """One line of skipped.jsonl: the item, the reason and, for a fault in a stage, its traceback."""
    return {"item": item, "reason": reason, **({"detail": detail} if detail else {})}


def _join(outdir: Path, parts: list[Partition], resumed: int, seconds: float) -> BatchReport:
    """events.jsonl and skipped.jsonl from the parts, in input order; stale parts removed."""
    done = read_manifest(outdir)
    missing = [p.index for p in parts if not _finished(outdir, p, done)]
    if missing:
        raise RuntimeError(f"partitions {missing} did not finish")
    names = {f"part-{p.index:05d}" for p in parts}
    for folder in ("jsonl", "events", "articles"):
        for stale in (outdir / folder).glob("part-*"):
            # parts of a longer earlier input, and files a killed worker left half-written
            if stale.name.split(".")[0] not in names or ".tmp" in stale.name:
                stale.unlink()
    skipped: list[list[str]] = []
    events = articles = 0
    tmp = outdir / "events.jsonl.tmp"
    with open(tmp, "wb") as out:
        for part in parts:
            out.write((outdir / "jsonl" / f"part-{part.index:05d}.jsonl").read_bytes())
            entry = done[part.index]
            skipped.extend(entry.skipped)
            events += entry.events
            articles += entry.articles
    os.replace(tmp, outdir / "events.jsonl")
    _atomic_write(outdir / "skipped.jsonl", "".join(
        json.dumps(_skipped_record(*entry), ensure_ascii=False) + "\n" for entry in skipped).encode())
    _atomic_write(outdir / MANIFEST, "".join(
        json.dumps(asdict(done[p.index]), ensure_ascii=False) + "\n" for p in parts).encode())
    return BatchReport(len(parts), resumed, articles, events, skipped, seconds)
