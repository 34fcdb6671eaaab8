"""The bad-input part of bench/soak.py: each input path fed 10,000 hostile items among good ones.

For each path the same good articles are run twice through the real command: once alone
(the clean run) and once mixed with the generated items (the soak run), each into a fresh
SQLite store. A path passes when
- the command neither crashes (exit code other than 0 or 1, or a traceback) nor hangs
  (still running at the path's time limit);
- every generated item is accounted for: stored as an article, or reported with its id and
  a reason (`strife: skipped ITEM: REASON`; a watch cycle's `ITEM: REASON` line; the API's
  error answer or its `skipped` entry);
- every good article's events are those of the clean run: its event_sources rows (the
  event read from it, as JSON, and its evidence) are identical, none missing ("lost"),
  none extra ("duplicated").

Paths: .txt files, one JSONL file, .html files, WARC archives (plain and gzip), RSS/Atom
feeds on a loopback site read by `strife watch --once`, and POST /api/articles bodies to
`strife serve` (bench/soak_requests.py's server).
"""
from __future__ import annotations

import io
import json
import random
import subprocess
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import soak_gen as gen

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path[:0] = [str(HERE), str(REPO / "src")]
import newsgen  # noqa: E402


@dataclass
class PathResult:
    """What one input path's soak found; `lost` and `duplicated` name what went wrong."""
    path: str
    items: int = 0
    good: int = 0
    crashes: int = 0
    hangs: int = 0
    server_errors: int = 0
    lost: list[str] = field(default_factory=list)
    duplicated: list[str] = field(default_factory=list)
    kinds: Counter = field(default_factory=Counter)
    refused: int = 0
    read: int = 0
    already: int = 0   # same clean text as an article stored before it: idempotency, not loss
    seconds: float = 0.0
    notes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not (self.crashes or self.hangs or self.server_errors or self.lost or self.duplicated)


@dataclass
class Item:
    """One generated item: `key` is the name strife reports it by, `kind` its generator."""
    key: str
    kind: str
    payload: bytes | str = b""
    names: tuple[str, ...] = ()   # other names it may be reported or stored by


def good_articles(n: int, seed: int) -> list[dict]:
    """Conflict reports and ordinary news, two to one: articles with events and without."""
    rows = newsgen.conflict_articles(n - n // 3, seed=seed) + newsgen.nonconflict_articles(n // 3, seed=seed)
    random.Random(seed).shuffle(rows)
    return rows


def as_html(row: dict) -> str:
    paras = "".join(f"<p>{p}</p>" for p in row["text"].split("\n\n")[1:])
    return (f"<html><head><title>{row['title']}</title></head><body><article><h1>{row['title']}</h1>"
            f"{paras}</article></body></html>")


def positions(n_bad: int, n_good: int, seed: int) -> list[int | None]:
    """The order of a mixed run: None for a bad item, j for good article j, spread evenly."""
    order: list[int | None] = [None] * n_bad
    rng = random.Random(seed)
    for j in range(n_good):
        order.insert(rng.randint(0, len(order)), j)
    return order


# --- running and judging ------------------------------------------------------------------------

def run_command(args: list[str], timeout: float, env: dict | None = None) -> tuple[int | None, str]:
    """(exit code, stderr) of a strife command; exit code None when it had to be killed."""
    import os

    try:
        done = subprocess.run([sys.executable, "-m", "strife.cli", *args], cwd=REPO, capture_output=True,
                              text=True, errors="replace", timeout=timeout, env={**os.environ, **(env or {})})
    except subprocess.TimeoutExpired as exc:
        stderr = exc.stderr or b""
        return None, stderr.decode("utf-8", "replace") if isinstance(stderr, bytes) else stderr
    return done.returncode, done.stderr


def judge_run(result: PathResult, code: int | None, stderr: str) -> None:
    if code is None:
        result.hangs += 1
        result.notes.append("the run was still going at its time limit")
    elif code not in (0, 1) or "Traceback (most recent call last)" in stderr:
        result.crashes += 1
        result.notes.append(f"exit {code}: {stderr.strip()[-600:]}")


def skipped_items(stderr: str) -> dict[str, str]:
    """item -> reason from `strife: skipped ITEM: REASON` lines."""
    out = {}
    for line in stderr.splitlines():
        if line.startswith("strife: skipped "):
            item, _, reason = line[len("strife: skipped "):].partition(": ")
            out[item] = reason
    return out


def query(url: str, sql: str) -> list:
    """The rows of one query on a store, the connection closed after."""
    from strife.store.db import connect

    conn = connect(url)
    try:
        return conn.all(sql)
    finally:
        conn.close()


def stored_ids(url: str) -> set[str]:
    return {r["id"] for r in query(url, "SELECT id FROM articles")}


def differences(expected: Counter, got: Counter) -> tuple[int, int]:
    """(rows missing from `got`, rows extra in it), each row counted with its multiplicity."""
    return sum((expected - got).values()), sum((got - expected).values())


def source_rows(url: str, ids: set[str]) -> dict[str, Counter]:
    """Per article: its event_sources rows (relation, event JSON, evidence), as a multiset."""
    rows = query(url, "SELECT article_id, relation, report_json, evidence_text, evidence_start, evidence_end "
                      "FROM event_sources")
    out: dict[str, Counter] = {i: Counter() for i in ids}
    for r in rows:
        if r["article_id"] in out:
            out[r["article_id"]][(r["relation"], r["report_json"], r["evidence_text"], r["evidence_start"],
                                  r["evidence_end"])] += 1
    return out


def account(result: PathResult, items: list[Item], reported: Callable[[Item], bool], stored: set[str],
            already_stored: Callable[[Item], bool] = lambda item: False) -> None:
    """Every generated item stored, reported, or already stored (its clean text is); tally which."""
    for item in items:
        result.kinds[item.kind] += 1
        if any(n in stored for n in (item.key, *item.names)):
            result.read += 1
        elif reported(item):
            result.refused += 1
        elif already_stored(item):
            result.already += 1
        else:
            result.lost.append(f"{item.kind} item {item.key}: neither stored nor reported")


class StoredTexts:
    """already_stored(item): strife's clean text of the item, rebuilt by `article(item)`, has
    the content hash of a stored article (`strife ingest` counts such items in its summary
    as "already stored" and does not store them twice). The pipeline loads on first use."""

    def __init__(self, url: str, article: Callable[[Item], object]):
        self.url, self.article, self._hashes, self._pipeline = url, article, None, None

    def __call__(self, item: Item) -> bool:
        from strife.errors import BadInputError
        from strife.pipeline import Pipeline
        from strife.store import content_hash

        if self._hashes is None:
            self._hashes = {r["content_hash"] for r in query(self.url, "SELECT content_hash FROM articles")}
            self._pipeline = Pipeline()
        try:
            article = self.article(item)
            return not isinstance(article, BadInputError) and \
                content_hash(self._pipeline.clean(article).text) in self._hashes
        except BadInputError:
            return False


def compare_good(result: PathResult, clean_url: str, soak_url: str, good_ids: list[str]) -> None:
    clean, soak = source_rows(clean_url, set(good_ids)), source_rows(soak_url, set(good_ids))
    if not any(clean.values()):
        result.notes.append("the clean run stored no events: nothing to compare")
        result.lost.append("clean run without events")
    for gid in good_ids:
        missing, extra = differences(clean[gid], soak[gid])
        if missing:
            result.lost.append(f"good article {gid}: {missing} event row(s) missing or changed")
        if extra:
            result.duplicated.append(f"good article {gid}: {extra} event row(s) extra or changed")


def reported_in(text: str) -> Callable[[Item], bool]:
    return lambda item: any(n in text for n in (item.key, *item.names))


# --- files: .txt, .html -------------------------------------------------------------------------

def file_path(name: str, suffix: str, mix, make_good: Callable[[dict], str], n_bad: int, good: list[dict],
              work: Path, seed: int, timeout: float) -> PathResult:
    """A folder of `suffix` files, bad ones from `mix` among good ones, read by `strife ingest`."""
    rng = random.Random(seed)
    result = PathResult(name, good=len(good))
    soak_dir, clean_dir = work / f"{name}-soak", work / f"{name}-clean"
    soak_dir.mkdir()
    clean_dir.mkdir()
    items, good_ids = [], []
    for pos, j in enumerate(positions(n_bad, len(good), seed)):
        file_name = f"{pos:05d}{suffix}"
        if j is None:
            fn = gen.pick(mix, rng)
            data = fn(rng, pos)
            (soak_dir / file_name).write_bytes(data if isinstance(data, bytes) else data.encode("utf-8", "surrogatepass"))
            items.append(Item(file_name, gen.label(fn)))
        else:
            body = make_good(good[j]).encode()
            (soak_dir / file_name).write_bytes(body)
            (clean_dir / file_name).write_bytes(body)
            good_ids.append(file_name)
    result.items = len(items)
    from strife.articles import article_from_file

    _ingest_and_judge(result, [str(soak_dir)], [str(clean_dir)], items, good_ids, work, timeout,
                      rebuild=lambda item: article_from_file(soak_dir / item.key, "2024-06-01"))
    return result


def _ingest_and_judge(result: PathResult, soak_inputs: list[str], clean_inputs: list[str], items: list[Item],
                      good_ids: list[str], work: Path, timeout: float, new_url: Callable[[], str] | None = None,
                      rebuild: Callable[[Item], object] | None = None) -> None:
    """`strife ingest` of the mixed inputs and of the good ones alone, each into a fresh store
    (`new_url()`, else SQLite files in `work`), judged."""
    if new_url is None:
        soak_url, clean_url = str(work / f"{result.path}-soak.db"), str(work / f"{result.path}-clean.db")
    else:
        soak_url, clean_url = new_url(), new_url()
    started = time.monotonic()
    code, stderr = run_command(["ingest", *soak_inputs, "--db", soak_url, "--published", "2024-06-01"], timeout)
    result.seconds = time.monotonic() - started
    judge_run(result, code, stderr)
    clean_code, clean_err = run_command(["ingest", *clean_inputs, "--db", clean_url, "--published", "2024-06-01"], timeout)
    if clean_code != 0:
        result.notes.append(f"the clean run failed (exit {clean_code}): {clean_err[-400:]}")
        result.crashes += 1
        return
    skipped = skipped_items(stderr)
    already = StoredTexts(soak_url, rebuild) if rebuild else (lambda item: False)
    account(result, items, reported_in("\n".join(skipped)), stored_ids(soak_url), already)
    compare_good(result, clean_url, soak_url, good_ids)


def text_path(n_bad, good, work, seed, timeout):
    return file_path("text files", ".txt", gen.TEXT_MIX, lambda row: row["text"], n_bad, good, work, seed, timeout)


def html_path(n_bad, good, work, seed, timeout):
    return file_path("html files", ".html", gen.HTML_MIX, as_html, n_bad, good, work, seed, timeout)


# --- JSONL -----------------------------------------------------------------------------------

def jsonl_path(n_bad: int, good: list[dict], work: Path, seed: int, timeout: float,
               new_url: Callable[[], str] | None = None, label: str = "jsonl lines") -> PathResult:
    """One JSONL file; with `new_url`, into that backend's stores (PostgreSQL refuses some
    text SQLite takes, such as NUL characters)."""
    rng = random.Random(seed)
    result = PathResult(label, good=len(good))
    work = work / label.replace(" ", "-").replace("(", "").replace(")", "")
    work.mkdir()
    soak_file, clean_file = work / "soak.jsonl", work / "clean.jsonl"
    items, good_ids = [], []
    with open(soak_file, "wb") as soak, open(clean_file, "wb") as clean:
        for number, j in enumerate(positions(n_bad, len(good), seed), start=1):
            if j is None:
                fn = gen.pick(gen.JSONL_MIX, rng)
                line = fn(rng, number)
                raw = line if isinstance(line, bytes) else line.encode("utf-8", "surrogatepass")
                soak.write(raw.replace(b"\n", b" ") + b"\n")
                items.append(Item(f"soak.jsonl:{number}", gen.label(fn), raw, names=_line_ids(raw, number)))
            else:
                line = (json.dumps(good[j]) + "\n").encode()
                soak.write(line)
                clean.write(line)
                good_ids.append(good[j]["id"])
    result.items = len(items)
    from strife.articles import articles_from_jsonl

    _ingest_and_judge(result, [str(soak_file)], [str(clean_file)], items, good_ids, work, timeout, new_url,
                      rebuild=lambda item: next(articles_from_jsonl([item.payload], "soak.jsonl", "2024-06-01")))
    return result


def _line_ids(raw: bytes, number: int) -> tuple[str, ...]:
    """The ids a generated line may be stored under: its number's, and the id it carries."""
    try:
        obj = json.loads(raw)
    except (ValueError, RecursionError):
        return (f"b{number}",)
    art_id = obj.get("id") if isinstance(obj, dict) else None
    return (f"b{number}", str(art_id)) if isinstance(art_id, (str, int)) and not isinstance(art_id, bool) else (f"b{number}",)


# --- WARC ----------------------------------------------------------------------------------

WARC_KINDS = [("garbage body", 0.3), ("lying charset", 0.2), ("empty body", 0.15), ("deep page", 0.05),
              ("soup page", 0.2), ("gzip bomb body", 0.01), ("broken chunks", 0.09)]


def _warc_payload(kind: str, rng: random.Random, i: int, bomb: bytes) -> tuple[bytes, list[tuple[str, str]]]:
    headers = [("Content-Type", "text/html; charset=utf-8")]
    if kind == "garbage body":
        return gen.text_random_bytes(rng, i), headers
    if kind == "lying charset":
        return gen.filler(rng, i).encode("utf-16"), [("Content-Type", "text/html; charset=x-nonsense")]
    if kind == "empty body":
        return b"   \n", headers
    if kind == "deep page":
        return gen.html_deep(rng, i).encode(), headers
    if kind == "gzip bomb body":
        return bomb, headers + [("Content-Encoding", "gzip")]
    if kind == "broken chunks":
        return b"5\r\nhello\r\nZZZ\r\n" + str(i).encode(), headers + [("Transfer-Encoding", "chunked")]
    return gen.html_soup(rng, i).encode(), headers


def _warc_record(writer, uri: str, body: bytes, headers: list[tuple[str, str]]) -> None:
    from warcio.statusandheaders import StatusAndHeaders

    http = StatusAndHeaders("200 OK", headers + [("Content-Length", str(len(body)))], protocol="HTTP/1.1")
    writer.write_record(writer.create_warc_record(uri, "response", payload=io.BytesIO(body), http_headers=http))


def warc_path(n_bad: int, good: list[dict], work: Path, seed: int, timeout: float, per_file: int = 100) -> PathResult:
    """WARC files of `per_file` records; one in four (with no good record) cut short at random."""
    from warcio.warcwriter import WARCWriter

    rng = random.Random(seed)
    result = PathResult("warc records", good=len(good))
    bomb = gen.gzip_bomb(128 << 20)   # inflates past the 50 MB article limit
    order = positions(n_bad, len(good), seed)
    soak_files, clean_files, items, good_ids = [], [], [], []
    for f, start in enumerate(range(0, len(order), per_file)):
        chunk = order[start:start + per_file]
        cut = all(j is None for j in chunk) and rng.random() < 0.25
        suffix = ".warc.gz" if f % 2 else ".warc"
        path = work / f"soak-{f:04d}{suffix}"
        ends: list[tuple[Item, int]] = []
        clean_buf = io.BytesIO()
        clean_writer = WARCWriter(clean_buf, gzip=suffix.endswith(".gz"))
        with open(path, "wb") as out:
            writer = WARCWriter(out, gzip=suffix.endswith(".gz"))
            for k, j in enumerate(chunk):
                uri = f"https://soak.example/{f}/{k}"
                if j is None:
                    kind = gen.pick(WARC_KINDS, rng)
                    body, headers = _warc_payload(kind, rng, start + k, bomb)
                    _warc_record(writer, uri, body, headers)
                    item = Item(uri, kind, names=(str(path),))
                    ends.append((item, out.tell()))
                else:
                    body = as_html(good[j]).encode()
                    _warc_record(writer, uri, body, [("Content-Type", "text/html; charset=utf-8")])
                    _warc_record(clean_writer, uri, body, [("Content-Type", "text/html; charset=utf-8")])
                    good_ids.append(uri)
        if clean_buf.tell():
            clean_path = work / f"clean-{f:04d}{suffix}"
            clean_path.write_bytes(clean_buf.getvalue())
            clean_files.append(str(clean_path))
        if cut:
            size = path.stat().st_size
            at = rng.randint(1, size - 1)
            with open(path, "r+b") as fh:
                fh.truncate(at)
            starts = [0] + [end for _, end in ends[:-1]]
            ends = [(item, end) for (item, end), begin in zip(ends, starts) if begin < at]
            if len(result.notes) < 3:
                result.notes.append(f"{path.name} cut at byte {at} of {size}")
        items += [item for item, _ in ends]
        soak_files.append(str(path))
    result.items = len(items)
    _ingest_and_judge(result, soak_files, clean_files, items, good_ids, work, timeout)
    return result
