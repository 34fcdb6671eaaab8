"""Ingesting: read articles through the pipeline into the store, in transactional batches.

    for report in ingest(articles, pipeline, store, batch_size=50):
        ...   # one AddReport per batch: stored, already stored, new and merged events, skipped

Shared by `strife ingest` and `strife watch`. An article whose clean text is stored
already is not run through the pipeline again (the content hash is the idempotency key);
a bad item (a BadInputError among the inputs, or a fault in any stage) is reported in its
batch's `skipped` and never stops the others.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Iterable, Iterator

from .errors import BadInputError

if TYPE_CHECKING:
    from .pipeline import Pipeline
    from .store import AddReport, Store


def ingest(items: Iterable, pipeline: "Pipeline", store: "Store", batch_size: int = 50) -> Iterator["AddReport"]:
    """Store the items' results batch by batch; one report per batch, in input order."""
    from .pipeline import ArticleResult
    from .store import AddReport

    pending = AddReport()
    unstored = _unstored(items, pipeline, store, pending)
    # Parsed in chunks no larger than a batch, so a slow source's articles are stored as they come.
    for batch in batches(pipeline.run_batch(unstored, batch_size=min(32, batch_size)), batch_size):
        errors = [r for r in batch if isinstance(r, BadInputError)]
        report = store.add_results([r for r in batch if isinstance(r, ArticleResult)])
        report.skipped = errors + report.skipped
        report.already_stored = pending.already_stored + report.already_stored
        pending.already_stored = []
        yield report
    if pending.already_stored:
        yield pending


def _unstored(items: Iterable, pipeline: "Pipeline", store: "Store", total: "AddReport") -> Iterator:
    """The items whose clean text is not stored yet (bad items pass through to be reported)."""
    from .pipeline import isolate
    from .store import content_hash

    for item in items:
        if isinstance(item, BadInputError):
            yield item
            continue
        cleaned = next(pipeline.run_clean([item]))   # within the article's time budget
        if isinstance(cleaned, BadInputError):
            yield cleaned
            continue
        try:
            digest = isolate(item.id, "clean", lambda: content_hash(cleaned.text))
        except BadInputError as exc:
            yield exc
            continue
        if store.known_hashes([digest]):
            total.already_stored.append(item.id)
            continue
        yield item


def batches(items: Iterable, size: int) -> Iterator[list]:
    batch: list = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch
